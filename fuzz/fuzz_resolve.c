/*
 * fuzz_resolve.c - two layers linted, resolved with fallbacks, emitted.
 *
 * Input: one option byte, then the common layer, a 0xFF separator byte,
 * and the device layer (no separator: the device layer is empty).  Option
 * bits: 0 overwrite_mode 1, 1 add schema defaults, 2 provenance, 3 show
 * secrets.  Both layers are linted as the resolve command does (per-file
 * notes off, then notes judged on the stack), resolved, and written as
 * YAML, JSON and cfg.  Unless secrets are shown, no secret value set in an
 * input may appear in any output.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ycfg/conditions.h"
#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/emit.h"
#include "ycfg/lint.h"
#include "ycfg/resolve.h"
#include "ycfg/schema.h"

#include "fuzz_common.h"

#define SEPARATOR 0xFF

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

static void
emit_all(const struct ycfg_resolved *r, bool provenance, bool show_secrets)
{
	static const enum ycfg_out_format fmts[] = {
		YCFG_OUT_YAML, YCFG_OUT_JSON, YCFG_OUT_CFG,
	};

	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
		struct ycfg_emit_opts eo = {
			.format = fmts[f],
			.provenance = provenance,
			.show_secrets = show_secrets,
		};
		char *text = NULL, err[256];
		size_t len = 0;

		if (ycfg_emit(r, &eo, &text, &len, err, sizeof(err)) == 0) {
			if (text == NULL || memchr(text, '\0', len) != NULL)
				abort();  /* output is text */
			free(text);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;

	unsigned mode = data[0];
	const uint8_t *a = data + 1, *b;
	size_t alen = size - 1, blen;
	const uint8_t *sep = memchr(a, SEPARATOR, alen);

	if (sep != NULL) {
		b = sep + 1;
		blen = (size_t)(a + alen - b);
		alen = (size_t)(sep - a);
	} else {
		b = a + alen;
		blen = 0;
	}

	struct ycfg_lint_opts o;
	struct ycfg_linter l;
	struct ycfg_diags d;
	struct ycfg_doc docs[2];
	const struct ycfg_doc *ptrs[2] = { &docs[0], &docs[1] };
	int overwrite = (mode & 1) ? 1 : 0;

	if (ycfg_lint_opts_init(&o, &schema, NULL) != 0)
		abort();
	o.jobs = 1;
	ycfg_linter_init(&l, &o);
	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	for (int i = 0; i < 2; i++) {
		ycfg_doc_init(&docs[i]);
		if (ycfg_lint_memory(&l, i ? FUZZ_DIR "/001565d4e5f6.cfg"
					   : FUZZ_DIR "/y000000000000.cfg",
				     (const char *)(i ? b : a), i ? blen : alen,
				     false, &docs[i], &d) != 0)
			abort();
	}
	for (size_t i = 0; i < 2; i++)
		ycfg_conditions_judge(&schema, ptrs, 2, i, overwrite, &d);
	fuzz_check_diags(&d);

	struct ycfg_layers layers = {
		.docs = ptrs,
		.n = 2,
		.overwrite_mode = overwrite,
		.schema = &schema,
	};
	struct ycfg_resolved res;

	if (ycfg_resolve(&layers, mode & 2, NULL, &res) == 0) {
		for (size_t i = 0; i < res.n; i++) {
			char why[1024];

			if (res.v[i].key == NULL)
				abort();
			ycfg_resolved_describe(&res.v[i], why, sizeof(why));
		}
		emit_all(&res, mode & 4, mode & 8);
		ycfg_resolved_free(&res);
	}
	for (int i = 0; i < 2; i++)
		ycfg_doc_free(&docs[i]);
	ycfg_diags_free(&d);
	ycfg_linter_free(&l);
	return 0;
}
