/*
 * fuzz_resolve.c - two layers linted, resolved with fallbacks, emitted.
 *
 * Input: one option byte, then the common layer, a 0xFF separator byte,
 * and the device layer (no separator: the device layer is empty).  Option
 * bits: 0 overwrite_mode 1, 1 add schema defaults, 2 provenance, 3 show
 * secrets.  Both layers are linted as the resolve command does (per-file
 * notes off, then notes judged on the stack), resolved, and written as
 * YAML, JSON and cfg.  Outputs are text (no NUL); YAML and JSON are
 * valid UTF-8 without control bytes but the line feed.
 *
 * Differential: without defaults, the device layer resolved over the
 * common layer as a base (ycfg_resolve_over, resolve --all's way) must
 * write exactly the bytes of the whole resolution, in every format.
 *
 * Secrets: a value containing the marker "S3cr" stands for a secret when
 * every occurrence of the marker in the input lies in values of keys the
 * schema calls secret or starts a URL's password.  Unless secrets are shown, the marker must then
 * appear in no output and no message.
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
#include "ycfg/utf8.h"

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

/* Occurrences of the marker in [p, p + n). */
static size_t
count_marker(const char *p, size_t n)
{
	size_t k = 0;

	for (const char *q = p;
	     (q = fuzz_find(q, n - (size_t)(q - p), "S3cr")) != NULL; q++)
		k++;
	return k;
}

/* Markers of a value that start a URL password: "scheme://user:S3cr...@"
 * with only user characters between the "://" and the ':' and between
 * the marker and the '@' (an oracle of its own, simpler than secret.c). */
static size_t
count_url_markers(const char *v, size_t n)
{
	size_t k = 0;

	for (const char *m = v; (m = fuzz_find(m, n - (size_t)(m - v),
					       "S3cr")) != NULL; m++) {
		const char *u = m - 1;

		if (u < v || *u != ':')
			continue;
		while (u > v && strchr("/@: \t'\"", u[-1]) == NULL)
			u--;
		if (u - v < 3 || memcmp(u - 3, "://", 3) != 0 || u == m - 1)
			continue;

		const char *e = m;

		while (e < v + n && strchr("/@ \t'\"", *e) == NULL)
			e++;
		k += e < v + n && *e == '@';
	}
	return k;
}

/* True when every marker of the input is inside a secret value or a URL
 * password. */
static bool
markers_all_secret(const struct ycfg_doc *docs, const uint8_t *data,
		   size_t size)
{
	size_t total = count_marker((const char *)data, size), inside = 0;

	for (int i = 0; i < 2; i++) {
		const struct ycfg_doc *doc = &docs[i];

		for (size_t k = 0; k < doc->n; k++) {
			const struct ycfg_entry *e = &doc->ents[k];
			const char *key = ycfg_entry_key(doc, e);

			if (ycfg_schema_key_is_secret(&schema, key,
						      e->key_len))
				inside += count_marker(ycfg_entry_val(doc, e),
						       e->val_len);
			else
				inside += count_url_markers(
					ycfg_entry_val(doc, e), e->val_len);
		}
	}
	/* an entry keeps its last value: a marker in an earlier line of the
	 * same key is not counted, and the input is then not checked */
	return total > 0 && inside == total;
}

static bool check_secrets;

static void
check_text(const char *text, size_t len, bool strict)
{
	if (memchr(text, '\0', len) != NULL)
		abort();  /* output is text */
	if (check_secrets && fuzz_find(text, len, "S3cr") != NULL)
		abort();  /* a secret is printed */
	if (!strict)
		return;
	if (ycfg_utf8_invalid_at(text, len) != len)
		abort();
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)text[i] < 0x20 && text[i] != '\n') ||
		    text[i] == 0x7f)
			abort();
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
			if (text == NULL)
				abort();
			/* cfg carries the values' own bytes */
			check_text(text, len, fmts[f] != YCFG_OUT_CFG);
			free(text);
		}
	}
}

/* The phone over its common layer as a base writes what the whole stack
 * writes. */
static void
check_over(const struct ycfg_layers *all, const struct ycfg_resolved *full,
	   bool provenance, bool show_secrets)
{
	struct ycfg_layers shared = *all;
	struct ycfg_resolved_base *b;
	struct ycfg_resolved_over o = { 0 };

	shared.n = 1;
	if (ycfg_resolved_base_new(&shared, &b) != 0)
		return;

	int rc = ycfg_resolve_over(b, all, &o);

	if (rc < 0 || rc > 1)
		abort();
	for (int f = YCFG_OUT_YAML; rc == 0 && f <= YCFG_OUT_CFG; f++)
		for (int one = 0; one < 2; one++) {
			struct ycfg_emit_opts eo = {
				.format = (enum ycfg_out_format)f,
				.provenance = provenance,
				.show_secrets = show_secrets,
				.oneline = one,
			};
			struct ycfg_emit_pre pre;
			char *x = NULL, *y = NULL, err[256];
			size_t xl = 0, yl = 0;

			if (ycfg_emit_prerender(ycfg_resolved_base_entries(b),
						&eo, &pre) != 0)
				continue;
			if (ycfg_emit(full, &eo, &x, &xl, err, sizeof(err)) == 0 &&
			    ycfg_emit_over(&o, &pre, &eo, &y, &yl, err,
					   sizeof(err)) == 0 &&
			    (xl != yl || memcmp(x, y, xl) != 0))
				abort();  /* over a base differs from the whole */
			if (ycfg_emit_over_secrets(&o, &pre) !=
			    ycfg_emit_secrets(full))
				abort();
			free(x);
			free(y);
			ycfg_emit_pre_free(&pre);
		}
	ycfg_resolved_over_free(&o);
	ycfg_resolved_base_free(b);
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
	check_secrets = !(mode & 8) && markers_all_secret(docs, data + 1,
							  size - 1);
	for (size_t i = 0; i < d.n; i++)
		check_text(d.v[i].msg, strlen(d.v[i].msg), true);

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
		if (!(mode & 2))
			check_over(&layers, &res, mode & 4, mode & 8);
		ycfg_resolved_free(&res);
	}
	for (int i = 0; i < 2; i++)
		ycfg_doc_free(&docs[i]);
	ycfg_diags_free(&d);
	ycfg_linter_free(&l);
	return 0;
}
