/*
 * fuzz_report.c - fuzzed findings through all four reporters.
 *
 * The input is a list of records, each: rule byte, severity byte, line
 * byte, column byte, then a file name and a message, each ended by a NUL
 * byte (or the end of the input).  The findings are added as the linter
 * adds them (ycfg_diag_add escapes and masks messages; file names are
 * kept raw, as the tree gives them), sorted, and written as text (with
 * and without colour), JSON, GitHub workflow commands and SARIF.
 *
 * Properties asserted on every output: valid UTF-8; no control byte but
 * the line feed (and, in colour text, the ESC of its own sequences); in
 * GitHub output every line is a workflow command of ycfg's own (a file
 * name or message cannot start one); no userinfo password planted as
 * "://u:S3cr...@" in a message survives.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/report.h"
#include "ycfg/utf8.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-ended field of [*p, end) copied to a NUL-terminated
 * string (no NUL inside: names and messages are C strings). */
static char *
field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *z = memchr(*p, 0, (size_t)(end - *p));
	size_t n = z ? (size_t)(z - *p) : (size_t)(end - *p);
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += n + (z != NULL);
	return s;
}

static void
check_output(const char *text, size_t len, bool color, bool github)
{
	if (ycfg_utf8_invalid_at(text, len) != len)
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c < 0x20 && c != '\n' && !(color && c == 0x1b)) ||
		    c == 0x7f)
			abort();
		if (github && (i == 0 || text[i - 1] == '\n') &&
		    strncmp(text + i, "::", 2) != 0)
			abort();
	}
	if (fuzz_find(text, len, "S3cr") != NULL)
		abort();
}

static void
render(const struct ycfg_diags *d, int which)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ycfg_sarif_opts so = { .version = "0", .cwd = "/w",
				      .no_source = true };
	int rc;

	if (f == NULL)
		abort();
	switch (which) {
	case 0: rc = ycfg_report(f, YCFG_FMT_TEXT, d, 1, false); break;
	case 1: rc = ycfg_report(f, YCFG_FMT_TEXT, d, 1, true); break;
	case 2: rc = ycfg_report(f, YCFG_FMT_JSON, d, 1, false); break;
	case 3: rc = ycfg_report(f, YCFG_FMT_GITHUB, d, 1, false); break;
	default: rc = ycfg_report_sarif(f, d, &so); break;
	}
	if (fclose(f) != 0 || rc != 0)
		abort();
	check_output(buf, len, which == 1, which == 3);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	for (int n = 0; end - p >= 4 && n < 64; n++) {
		enum ycfg_rule rule = (enum ycfg_rule)(p[0] % YCFG_R__COUNT);
		int sev = p[1] % 4 == 3 ? -1 : p[1] % 4;
		unsigned line = p[2], col = p[3];

		p += 4;

		char *file = field(&p, end), *msg = field(&p, end);
		const char *kept = ycfg_diags_intern(&d, file);

		/* a planted credential: only the mask may come out (the
		 * marker is planted only, never fuzzed in) */
		if (kept != NULL && strstr(msg, "S3cr") == NULL &&
		    strstr(file, "S3cr") == NULL)
			ycfg_diag_add_sev(&d, kept, line, col, rule, sev,
					  "%s via https://u:S3cret@h/", msg);
		free(file);
		free(msg);
	}
	fuzz_check_diags(&d);
	ycfg_diags_sort(&d);
	for (int which = 0; which < 5; which++)
		render(&d, which);
	ycfg_diags_free(&d);
	return 0;
}
