/*
 * fuzz_suppress.c - suppression comments over the findings of the same
 * buffer.
 *
 * The buffer is linted as a .cfg file (so its findings sit on its own
 * lines), then its '# ycfg:' directives are applied as the commands apply
 * them.  The list must stay consistent (counts, files, messages), every
 * finding left must still be one the linter made or a directive problem,
 * and nothing may crash or leak.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/lint.h"
#include "ycfg/suppress.h"
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
	static const char file[] = FUZZ_DIR "/fuzz.cfg";
	struct ycfg_lint_opts o;
	struct ycfg_linter l;
	struct ycfg_diags d;
	struct ycfg_doc doc;

	if (ycfg_lint_opts_init(&o, &schema, NULL) != 0)
		abort();
	o.jobs = 1;
	ycfg_linter_init(&l, &o);
	ycfg_diags_init(&d);
	ycfg_doc_init(&doc);
	if (ycfg_lint_memory(&l, file, (const char *)data, size, false, &doc,
			     &d) != 0)
		abort();

	size_t before = d.n;
	bool has_directive = fuzz_find(data, size, "ycfg:") != NULL;

	if (ycfg_suppress_apply((const char *)data, size, file, &d, 0) != 0 &&
	    !d.oom)
		abort();
	fuzz_check_diags(&d);
	/* without a directive nothing is touched */
	if (!has_directive && d.n != before)
		abort();
	for (size_t i = 0; i < d.n; i++)
		if (strcmp(d.v[i].file, file) != 0)
			abort();
	ycfg_diags_sort(&d);
	ycfg_doc_free(&doc);
	ycfg_diags_free(&d);
	ycfg_linter_free(&l);
	return 0;
}
