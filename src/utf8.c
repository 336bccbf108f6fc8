/*
 * utf8.c - UTF-8 validation and escaping (see utf8.h).
 */
#include <stdbool.h>
#include <string.h>

#include "ycfg/utf8.h"

size_t
ycfg_utf8_seq(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], cp;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

size_t
ycfg_utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}

		size_t len = ycfg_utf8_seq(s + i, n - i);

		if (len == 0)
			return i;
		i += len;
	}
	return n;
}

static bool
has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return true;
	}
	return false;
}

size_t
ycfg_utf8_len(const char *s, size_t n)
{
	size_t count = 0, i = 0;

	while (i < n) {
		size_t len = ycfg_utf8_seq(s + i, n - i);

		i += len ? len : 1;
		count++;
	}
	return count;
}

size_t
ycfg_utf8_escape(char *dst, const char *src, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)src[i];
		size_t len = ycfg_utf8_seq(src + i, n - i);

		if (len > 1) {
			memcpy(dst + o, src + i, len);
			o += len;
			i += len;
			continue;
		}
		if (len == 0 || c < 0x20 || c == 0x7f) {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		} else {
			dst[o++] = (char)c;
		}
		i++;
	}
	dst[o] = '\0';
	return o;
}

const char *
ycfg_utf8_display(const char *s, char *buf, size_t bufsz)
{
	size_t n = strlen(s), i = 0, o = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c >= 0x80)
			break;
	}
	if (i == n || (ycfg_utf8_invalid_at(s, n) == n && !has_control(s, n)))
		return s;
	if (bufsz == 0)
		return "";
	/* escape character by character while the worst case (\xHH) fits */
	for (i = 0; i < n;) {
		size_t len = ycfg_utf8_seq(s + i, n - i);
		size_t take = len ? len : 1;

		if (o + 4 * take + 1 > bufsz)
			break;
		o += ycfg_utf8_escape(buf + o, s + i, take);
		i += take;
	}
	buf[o] = '\0';
	return buf;
}
