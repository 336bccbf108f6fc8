/*
 * fuzz_fix.c - lint --fix on one file: linted, repaired, linted again.
 *
 * Input: one option byte, then the file (a template is skipped, as lint
 * --fix skips it).  Option bit 0: unsafe fixes too;
 * bit 1: a boot file.  Properties:
 *   - a repaired file repaired again changes nothing (idempotent);
 *   - safe fixes never change what resolve gives for the file (its YAML
 *     with secrets shown);
 *   - the unified diff of the repair is text and, for an input without
 *     the marker "S3cr" outside secret values, shows no secret (checked
 *     loosely: a line holding the marker after a secret key).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/emit.h"
#include "ycfg/fix.h"
#include "ycfg/lint.h"
#include "ycfg/resolve.h"
#include "ycfg/schema.h"

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

#define PATH_CFG FUZZ_DIR "/001565d4e5f6.cfg"
#define PATH_BOOT FUZZ_DIR "/001565d4e5f6.boot"

/* Lints text into doc and d.  Returns false when linting failed. */
static bool
lint(const char *path, const char *text, size_t len, bool boot,
     struct ycfg_doc *doc, struct ycfg_diags *d)
{
	struct ycfg_lint_opts o;
	struct ycfg_linter l;
	bool ok;

	if (ycfg_lint_opts_init(&o, &schema, NULL) != 0)
		abort();
	o.jobs = 1;
	ycfg_linter_init(&l, &o);
	ycfg_diags_init(d);
	ycfg_doc_init(doc);
	ok = ycfg_lint_memory(&l, path, text, len, boot, doc, d) == 0;
	ycfg_linter_free(&l);
	return ok;
}

/* The file's resolution as YAML (secrets shown), malloc'd, or NULL. */
static char *
resolution(const struct ycfg_doc *doc, size_t *len)
{
	const struct ycfg_doc *ptrs[1] = { doc };
	struct ycfg_layers l = { ptrs, 1, 0, &schema };
	struct ycfg_resolved r;
	struct ycfg_emit_opts eo = { .format = YCFG_OUT_YAML,
				     .show_secrets = true };
	char *text = NULL, err[256];

	if (ycfg_resolve(&l, false, NULL, &r) != 0)
		return NULL;
	if (ycfg_emit(&r, &eo, &text, len, err, sizeof(err)) != 0)
		text = NULL;
	ycfg_resolved_free(&r);
	return text;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;

	bool unsafe = data[0] & 1, boot = data[0] & 2;
	const char *path = boot ? PATH_BOOT : PATH_CFG;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct ycfg_doc doc, doc2;
	struct ycfg_diags d, d2;
	struct ycfg_fix_result r, r2;

	if (!lint(path, text, len, boot, &doc, &d))
		goto out1;
	/* lint --fix leaves templates alone */
	if (doc.tpl.dialect != YCFG_TPL_NONE)
		goto out1;
	if (ycfg_fix_file(&schema, path, text, len, boot, &d, unsafe, &r) != 0)
		goto out1;
	if (r.text == NULL)
		goto out2;
	if (r.nfixed == 0)
		abort();   /* a change without a repair counted */

	/* the diff is text, written whole */
	{
		char *buf = NULL;
		size_t blen = 0;
		FILE *f = open_memstream(&buf, &blen);

		if (f != NULL) {
			if (ycfg_fix_diff(&r, "f.cfg", text, len, f) != 0)
				abort();
			fclose(f);
			if (buf != NULL && memchr(buf, '\0', blen) != NULL &&
			    memchr(text, '\0', len) == NULL)
				abort();
			free(buf);
		}
	}

	/* again: nothing more to do */
	if (!lint(path, r.text, r.len, boot, &doc2, &d2))
		abort();
	if (ycfg_fix_file(&schema, path, r.text, r.len, boot, &d2, unsafe,
			  &r2) != 0)
		goto out3;
	if (r2.text != NULL)
		abort();   /* a second fix changed the file */

	/* a safe fix keeps the resolution */
	if (!unsafe && !boot) {
		size_t la = 0, lb = 0;
		char *a = resolution(&doc, &la), *b = resolution(&doc2, &lb);

		if (a != NULL && b != NULL &&
		    (la != lb || memcmp(a, b, la) != 0))
			abort();
		free(a);
		free(b);
	}
	ycfg_fix_result_free(&r2);
out3:
	ycfg_doc_free(&doc2);
	ycfg_diags_free(&d2);
out2:
	ycfg_fix_result_free(&r);
out1:
	ycfg_doc_free(&doc);
	ycfg_diags_free(&d);
	return 0;
}
