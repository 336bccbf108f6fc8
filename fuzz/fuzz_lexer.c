/*
 * fuzz_lexer.c - ycfg_lexer over arbitrary bytes.
 *
 * The first byte chooses the mode (bit 0: boot syntax, bit 1: lex the
 * input as two parts split at a line ending, as the parallel linter does);
 * the rest is the file.  The lexer gets the exact-size buffer libFuzzer
 * provides, so reading one byte past the end is caught.  Every span it
 * returns must lie inside the buffer.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/lexer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_span(const char *buf, size_t len, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (p == NULL || p < buf || p + n > buf + len)
		abort();
}

static void
drain(struct ycfg_lexer *lx, const char *buf, size_t len)
{
	struct ycfg_line ln;
	unsigned last = 0;

	while (ycfg_lexer_next(lx, &ln)) {
		check_span(buf, len, ln.key, ln.keylen);
		check_span(buf, len, ln.val, ln.vallen);
		check_span(buf, len, ln.models, ln.modelslen);
		if (ln.lineno <= last)  /* lines come in order, once each */
			abort();
		last = ln.lineno;
		if (ln.kind == YCFG_LINE_KV && ln.keylen > 0) {
			(void)ycfg_utf8_invalid_at(ln.key, ln.keylen);
			(void)ycfg_utf8_len(ln.val ? ln.val : "", ln.vallen);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;

	unsigned mode = data[0];
	const char *buf = (const char *)data + 1;
	size_t len = size - 1;
	bool boot = mode & 1;
	struct ycfg_diags d;
	struct ycfg_lexer lx;

	ycfg_diags_init(&d);
	d.file_cap = (mode & 4) ? 3 : 0;
	ycfg_diags_begin_file(&d);
	if ((mode & 2) && !boot && len > 0) {
		const char *mid = memchr(buf + len / 2, '\n', len - len / 2);

		if (mid != NULL && mid + 1 < buf + len) {
			size_t start = (size_t)(mid + 1 - buf);
			unsigned first = 2;

			for (const char *p = buf; p < mid; p++)
				first += *p == '\n';
			ycfg_lexer_init(&lx, buf, start, "fuzz.cfg", false, &d);
			drain(&lx, buf, start);
			ycfg_lexer_init_part(&lx, buf, start, len, first,
					     "fuzz.cfg", false, &d);
			drain(&lx, buf, len);
			goto out;
		}
	}
	ycfg_lexer_init(&lx, buf, len, boot ? "fuzz.boot" : "fuzz.cfg", boot,
			&d);
	drain(&lx, buf, len);
out:
	ycfg_diags_end_file(&d, "fuzz.cfg");
	ycfg_diags_sort(&d);
	ycfg_diags_free(&d);
	return 0;
}
