/*
 * fuzz_template.c - one buffer through the template view and the linter.
 *
 * The first byte chooses the dialect (its value modulo the number of
 * dialects; 0 means: recognise it as lint's auto mode does) and boot
 * syntax (bit 7); the rest is the file.  Besides the sanitizers, the
 * view's contract is checked: the same length, every line ending where it
 * was, placeholders and blanked spans in order, inside the buffer and
 * apart, and every byte outside them unchanged.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/lint.h"
#include "ycfg/schema.h"
#include "ycfg/template.h"
#include "ycfg/tree.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ycfg_schema schema;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_schema(&schema);
	return 0;
}

/* The scan alone, with its contract checked. */
static void
check_view(enum ycfg_dialect dl, const char *in, size_t n)
{
	struct ycfg_template t;
	char *buf = malloc(n ? n : 1);

	if (buf == NULL)
		abort();
	memcpy(buf, in, n);
	ycfg_template_init(&t);
	if (ycfg_template_scan(dl, buf, n, &t) != 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		bool nl = in[i] == '\n' || in[i] == '\r';

		/* line endings stay; other bytes are kept or blanked */
		if (nl ? buf[i] != in[i]
		       : buf[i] != in[i] && !(buf[i] == ' ' &&
					     ycfg_template_blanked(&t, i)))
			abort();
	}
	for (size_t i = 0; i < t.nph; i++)
		if (t.ph[i].start >= t.ph[i].end || t.ph[i].end > n ||
		    (i > 0 && t.ph[i].start < t.ph[i - 1].end))
			abort();
	for (size_t i = 0; i < t.nbl; i++)
		if (t.bl[i].start >= t.bl[i].end || t.bl[i].end > n ||
		    (i > 0 && t.bl[i].start < t.bl[i - 1].end))
			abort();
	for (size_t i = 1; i < t.ncont; i++)
		if (t.cont[i] <= t.cont[i - 1])
			abort();
	/* whatever the lines, the questions have answers */
	(void)ycfg_template_implies(&t, 1, t.first_line);
	(void)ycfg_template_loop_line(&t, t.first_line);
	ycfg_template_free(&t);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;

	unsigned pick = data[0] & 0x7f;
	bool boot = (data[0] & 0x80) != 0;
	const char *in = (const char *)data + 1;
	size_t n = size - 1;
	enum ycfg_dialect dl = (enum ycfg_dialect)(pick % YCFG_TPL__COUNT);
	struct ycfg_lint_opts o;
	struct ycfg_linter l;
	struct ycfg_diags d;
	struct ycfg_doc doc;

	if (dl == YCFG_TPL_NONE)
		dl = ycfg_template_detect(NULL, in, n);
	check_view(dl, in, n);

	if (ycfg_lint_opts_init(&o, &schema, NULL) != 0)
		abort();
	o.jobs = 1;
	if (pick % YCFG_TPL__COUNT != 0) {
		o.template_mode = YCFG_TPL_MODE_DIALECT;
		o.template_dialect = dl;
	}
	ycfg_linter_init(&l, &o);
	ycfg_diags_init(&d);
	ycfg_doc_init(&doc);
	if (ycfg_lint_single_memory(&l, boot ? FUZZ_DIR "/fuzz.boot"
					    : FUZZ_DIR "/fuzz.cfg",
				    in, n, &doc, &d) != 0)
		abort();
	fuzz_check_diags(&d);
	ycfg_doc_free(&doc);
	ycfg_diags_free(&d);
	ycfg_linter_free(&l);
	return 0;
}
