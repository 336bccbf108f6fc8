/*
 * fuzz_lint.c - one buffer through ycfg_lint_doc with the real schema.
 *
 * The first byte chooses the options (bit 0: boot syntax, bit 1: a
 * model, bit 2: the command line's per-rule cap); the rest is the file.
 * The schema is loaded once and only read afterwards; the document and
 * the findings are created and freed per run.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/lint.h"
#include "ycfg/report.h"
#include "ycfg/schema.h"
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;

	unsigned mode = data[0];
	bool boot = mode & 1;
	struct ycfg_lint_opts o;
	struct ycfg_linter l;
	struct ycfg_diags d;
	struct ycfg_doc doc;

	if (ycfg_lint_opts_init(&o, &schema, (mode & 2) ? "T54W" : NULL) != 0)
		abort();
	o.jobs = 1;
	ycfg_linter_init(&l, &o);
	ycfg_diags_init(&d);
	d.file_cap = (mode & 4) ? YCFG_DIAG_CAP : 0;
	ycfg_doc_init(&doc);
	if (ycfg_lint_single_memory(&l, boot ? FUZZ_DIR "/fuzz.boot"
					    : FUZZ_DIR "/fuzz.cfg",
				    (const char *)data + 1, size - 1, &doc,
				    &d) != 0)
		abort();
	fuzz_check_diags(&d);
	ycfg_diags_sort(&d);
	ycfg_doc_free(&doc);
	ycfg_diags_free(&d);
	ycfg_linter_free(&l);
	return 0;
}
