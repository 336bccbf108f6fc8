/*
 * json.c - JSON string literals (see json.h).
 */
#include <string.h>

#include "ycfg/json.h"

int
ycfg_json_quote(const char *s, size_t n, ycfg_put_fn put, void *ctx)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;   /* start of the bytes copied as they are */

	if (put(ctx, "\"", 1) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6] = { '\\', 0, 0, 0, 0, 0 };
		size_t el = 2;

		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			if (c >= 0x20 && c != 0x7f)
				continue;
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			el = 6;
			break;
		}
		if ((i > run && put(ctx, s + run, i - run) != 0) ||
		    put(ctx, esc, el) != 0)
			return -1;
		run = i + 1;
	}
	if (n > run && put(ctx, s + run, n - run) != 0)
		return -1;
	return put(ctx, "\"", 1);
}

static int
put_file(void *ctx, const char *p, size_t n)
{
	return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

int
ycfg_json_fputs(const char *s, FILE *out)
{
	return ycfg_json_quote(s, strlen(s), put_file, out);
}
