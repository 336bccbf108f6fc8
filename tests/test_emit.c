/*
 * test_emit.c - the writers of a resolved configuration: the YAML writer
 * byte for byte against libyaml's emitter (the reference), JSON and .cfg
 * shapes, secrets, and a phone over a shared base written exactly as the
 * whole configuration.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ycfg/emit.h"
#include "ycfg/lint.h"
#include "ycfg/resolve.h"
#include "ycfg/secret.h"
#include "ycfg/utf8.h"
#include "ycfg/value.h"

static struct ycfg_param int_param = { .key = "t.int", .type = YCFG_T_INT };

/* A resolved list built by hand: keys and values borrowed from static
 * strings (key copies owned, as ycfg_resolved_free expects). */
static void
add(struct ycfg_resolved *r, const char *key, const char *val, bool integer)
{
	r->v = realloc(r->v, (r->n + 1) * sizeof(*r->v));
	assert_non_null(r->v);
	memset(&r->v[r->n], 0, sizeof(r->v[0]));
	r->v[r->n].key = strdup(key);
	r->v[r->n].val = val;
	r->v[r->n].len = strlen(val);
	r->v[r->n].param = integer ? &int_param : NULL;
	r->n++;
}

/* ---- the reference: libyaml's emitter on the same events ---- */

struct ref_out {
	char buf[1 << 16];
	size_t n;
};

static int
ref_write(void *data, unsigned char *p, size_t n)
{
	struct ref_out *o = data;

	if (o->n + n >= sizeof(o->buf))
		return 0;
	memcpy(o->buf + o->n, p, n);
	o->n += n;
	o->buf[o->n] = '\0';
	return 1;
}

static void
ref_scalar(yaml_emitter_t *em, const char *v, bool plain)
{
	yaml_event_t ev;

	assert_true(yaml_scalar_event_initialize(&ev, NULL,
		(yaml_char_t *)(plain ? YAML_INT_TAG : YAML_STR_TAG),
		(yaml_char_t *)v, (int)strlen(v), plain, !plain,
		plain ? YAML_PLAIN_SCALAR_STYLE
		      : YAML_DOUBLE_QUOTED_SCALAR_STYLE));
	assert_true(yaml_emitter_emit(em, &ev));
}

/* The key as ycfg writes it: plain for dotted words, else quoted. */
static bool
ref_plain_key(const char *k)
{
	bool dot = false;

	if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
		return false;
	for (; *k; k++) {
		if (*k == '.')
			dot = true;
		else if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				 "0123456789_-", *k))
			return false;
	}
	return dot;
}

static void
ref_value(yaml_emitter_t *em, const struct ycfg_resolved_entry *e, bool prov)
{
	char esc[4096], src[1024];
	bool plain = e->param == &int_param;
	yaml_event_t ev;

	ycfg_utf8_escape(esc, e->val, e->len);
	if (!prov) {
		ref_scalar(em, esc, plain);
		return;
	}
	ycfg_resolved_describe(e, src, sizeof(src));
	assert_true(yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		YAML_FLOW_MAPPING_STYLE));
	assert_true(yaml_emitter_emit(em, &ev));
	ref_scalar(em, "value", true);
	ref_scalar(em, esc, plain);
	ref_scalar(em, "source", true);
	ref_scalar(em, src, false);
	assert_true(yaml_mapping_end_event_initialize(&ev));
	assert_true(yaml_emitter_emit(em, &ev));
}

static void
ref_yaml(const struct ycfg_resolved *r, bool prov, struct ref_out *o)
{
	yaml_emitter_t em;
	yaml_event_t ev;

	o->n = 0;
	o->buf[0] = '\0';
	assert_true(yaml_emitter_initialize(&em));
	yaml_emitter_set_output(&em, ref_write, o);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_unicode(&em, 1);
	assert_true(yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	assert_true(yaml_emitter_emit(&em, &ev));
	assert_true(yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	assert_true(yaml_emitter_emit(&em, &ev));
	assert_true(yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		YAML_BLOCK_MAPPING_STYLE));
	assert_true(yaml_emitter_emit(&em, &ev));
	for (size_t i = 0; i < r->n;) {
		size_t run = 1;
		char key[1024];

		while (i + run < r->n && strcmp(r->v[i].key, r->v[i + run].key) == 0)
			run++;
		ycfg_utf8_escape(key, r->v[i].key, strlen(r->v[i].key));
		yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)YAML_STR_TAG,
			(yaml_char_t *)key, (int)strlen(key), ref_plain_key(key),
			!ref_plain_key(key),
			ref_plain_key(key) ? YAML_PLAIN_SCALAR_STYLE
					   : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		assert_true(yaml_emitter_emit(&em, &ev));
		if (run > 1) {
			assert_true(yaml_sequence_start_event_initialize(&ev, NULL,
				NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
			assert_true(yaml_emitter_emit(&em, &ev));
		}
		for (size_t k = 0; k < run; k++)
			ref_value(&em, &r->v[i + k], prov);
		if (run > 1) {
			assert_true(yaml_sequence_end_event_initialize(&ev));
			assert_true(yaml_emitter_emit(&em, &ev));
		}
		i += run;
	}
	assert_true(yaml_mapping_end_event_initialize(&ev));
	assert_true(yaml_emitter_emit(&em, &ev));
	assert_true(yaml_document_end_event_initialize(&ev, 1));
	assert_true(yaml_emitter_emit(&em, &ev));
	assert_true(yaml_stream_end_event_initialize(&ev));
	assert_true(yaml_emitter_emit(&em, &ev));
	assert_true(yaml_emitter_flush(&em));
	yaml_emitter_delete(&em);
}

/* ycfg's YAML of r equals libyaml's, with and without provenance. */
static void
same_as_libyaml(const struct ycfg_resolved *r)
{
	for (int prov = 0; prov < 2; prov++) {
		struct ycfg_emit_opts o = { .format = YCFG_OUT_YAML,
					    .provenance = prov,
					    .show_secrets = true };
		static struct ref_out ref;
		char *text, err[256];
		size_t len;

		ref_yaml(r, prov, &ref);
		assert_int_equal(ycfg_emit(r, &o, &text, &len, err,
					   sizeof(err)), 0);
		assert_string_equal(text, ref.buf);
		assert_int_equal(len, ref.n);
		free(text);
	}
}

static void
yaml_values_as_libyaml(void **state)
{
	struct ycfg_resolved r = { 0 };

	(void)state;
	add(&r, "a.empty", "", false);
	add(&r, "a.int", "42", true);
	add(&r, "a.negative", "-1", true);
	add(&r, "a.plain", "hello world", false);
	add(&r, "a.quote", "say \"hi\"", false);
	add(&r, "a.backslash", "C:\\dir", false);
	add(&r, "a.control", "tab\there\x01", false);
	add(&r, "a.latin", "caf\xc3\xa9 \xc2\xa0nbsp", false);
	add(&r, "a.nel", "x\xc2\x85y", false);
	add(&r, "a.c1", "x\xc2\x80y", false);
	add(&r, "a.ls", "x\xe2\x80\xa8y\xe2\x80\xa9z", false);
	add(&r, "a.bom", "\xef\xbb\xbfx", false);
	add(&r, "a.nonchar", "\xef\xbf\xbe", false);
	add(&r, "a.emoji", "\xf0\x9f\x98\x80", false);
	add(&r, "a.cjk", "\xe4\xb8\xad\xe6\x96\x87", false);
	add(&r, "a.invalid", "\xff\xfe", false);
	add(&r, "a.spaces", "  both ends  ", false);
	add(&r, "a.yaml", "yes", false);
	add(&r, "a.colon", "k: v # c", false);
	same_as_libyaml(&r);
	ycfg_resolved_free(&r);
}

static void
yaml_keys_as_libyaml(void **state)
{
	struct ycfg_resolved r = { 0 };
	char longkey[200];

	(void)state;
	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	longkey[5] = '.';
	add(&r, "1starts.with.digit", "v", false);
	add(&r, "_under.score", "v", false);
	add(&r, "nodot", "v", false);
	add(&r, "with space.k", "v", false);
	add(&r, "quote\".k", "v", false);
	add(&r, "value", "v", false);
	add(&r, "x\xe2\x80\xa8y.k", "v", false);   /* a break: "? key" */
	add(&r, longkey, "v", false);              /* over 128 bytes */
	add(&r, "caf\xc3\xa9.k", "v", false);
	same_as_libyaml(&r);
	ycfg_resolved_free(&r);
}

static void
yaml_multi_value_as_libyaml(void **state)
{
	struct ycfg_resolved r = { 0 };
	char longkey[140];

	(void)state;
	memset(longkey, 'm', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	longkey[3] = '.';
	add(&r, "a.multi", "admin:x", false);
	add(&r, "a.multi", "user:y", false);
	add(&r, "a.multi", "7", true);
	add(&r, longkey, "one", false);
	add(&r, longkey, "two", false);
	same_as_libyaml(&r);
	ycfg_resolved_free(&r);
}

static void
empty_documents(void **state)
{
	struct ycfg_resolved r = { 0 };
	struct ycfg_emit_opts o = { .format = YCFG_OUT_YAML };
	char *text, err[64];
	size_t len;
	static struct ref_out ref;

	(void)state;
	ref_yaml(&r, false, &ref);
	assert_int_equal(ycfg_emit(&r, &o, &text, &len, err, sizeof(err)), 0);
	assert_string_equal(text, ref.buf);
	assert_string_equal(text, "{}\n");
	free(text);
	o.format = YCFG_OUT_JSON;
	assert_int_equal(ycfg_emit(&r, &o, &text, &len, err, sizeof(err)), 0);
	assert_string_equal(text, "{}\n");
	free(text);
	o.oneline = true;
	assert_int_equal(ycfg_emit(&r, &o, &text, &len, err, sizeof(err)), 0);
	assert_string_equal(text, "{}");
	free(text);
	o.format = YCFG_OUT_CFG;
	assert_int_equal(ycfg_emit(&r, &o, &text, &len, err, sizeof(err)), 0);
	assert_string_equal(text, "#!version:1.0.0.1\n"
			    "# effective configuration written by ycfg\n");
	free(text);
}

static void
json_shapes(void **state)
{
	struct ycfg_resolved r = { 0 };
	struct ycfg_emit_opts o = { .format = YCFG_OUT_JSON };
	char *text, err[64];
	size_t len;

	(void)state;
	add(&r, "a.int", "5", true);
	add(&r, "a.multi", "x:1", false);
	add(&r, "a.multi", "y:2", false);
	add(&r, "a.str", "q\"\\", false);
	assert_int_equal(ycfg_emit(&r, &o, &text, &len, err, sizeof(err)), 0);
	assert_string_equal(text, "{\n  \"a.int\": 5,\n"
			    "  \"a.multi\": [\"x:1\", \"y:2\"],\n"
			    "  \"a.str\": \"q\\\"\\\\\"\n}\n");
	free(text);
	o.oneline = true;
	o.provenance = true;
	assert_int_equal(ycfg_emit(&r, &o, &text, &len, err, sizeof(err)), 0);
	assert_string_equal(text, "{\"a.int\": {\"value\": 5, \"source\": "
			    "\"default\"}, \"a.multi\": [{\"value\": \"x:1\", "
			    "\"source\": \"default\"}, {\"value\": \"y:2\", "
			    "\"source\": \"default\"}], \"a.str\": {\"value\": "
			    "\"q\\\"\\\\\", \"source\": \"default\"}}");
	assert_null(strchr(text, '\n'));
	free(text);
	ycfg_resolved_free(&r);
}

static void
cfg_keeps_bytes_and_empty_values(void **state)
{
	struct ycfg_resolved r = { 0 };
	struct ycfg_emit_opts o = { .format = YCFG_OUT_CFG };
	char *text, err[64];
	size_t len;

	(void)state;
	add(&r, "a.empty", "", false);
	add(&r, "a.tab", "x\ty", false);
	assert_int_equal(ycfg_emit(&r, &o, &text, &len, err, sizeof(err)), 0);
	assert_non_null(strstr(text, "a.empty = %NULL%\n"));
	assert_non_null(strstr(text, "a.tab = x\ty\n"));
	free(text);
	ycfg_resolved_free(&r);
}

static void
secrets_masked_in_every_format(void **state)
{
	struct ycfg_resolved r = { 0 };
	char *text, err[64];
	size_t len;

	(void)state;
	add(&r, "a.password", "hunter2", false);
	r.v[0].secret = true;
	add(&r, "a.url", "sip:bob:pw123@host", false);
	for (int f = YCFG_OUT_YAML; f <= YCFG_OUT_CFG; f++) {
		struct ycfg_emit_opts o = { .format = (enum ycfg_out_format)f };

		assert_int_equal(ycfg_emit(&r, &o, &text, &len, err,
					   sizeof(err)), 0);
		assert_null(strstr(text, "hunter2"));
		assert_null(strstr(text, "pw123"));
		assert_non_null(strstr(text, YCFG_SECRET_MASK));
		free(text);
		o.show_secrets = true;
		assert_int_equal(ycfg_emit(&r, &o, &text, &len, err,
					   sizeof(err)), 0);
		assert_non_null(strstr(text, "hunter2"));
		free(text);
	}
	assert_int_equal(ycfg_emit_secrets(&r), 2);
	ycfg_resolved_free(&r);
}

static void
secrets_count_ignores_empty_and_plain(void **state)
{
	struct ycfg_resolved r = { 0 };

	(void)state;
	add(&r, "a.password", "", false);
	r.v[0].secret = true;
	add(&r, "a.url", "sip:host", false);
	assert_int_equal(ycfg_emit_secrets(&r), 0);
	ycfg_resolved_free(&r);
}

static void
format_names(void **state)
{
	enum ycfg_out_format f;

	(void)state;
	assert_int_equal(ycfg_out_format_parse("yaml", &f), 0);
	assert_int_equal(f, YCFG_OUT_YAML);
	assert_int_equal(ycfg_out_format_parse("json", &f), 0);
	assert_int_equal(f, YCFG_OUT_JSON);
	assert_int_equal(ycfg_out_format_parse("cfg", &f), 0);
	assert_int_equal(f, YCFG_OUT_CFG);
	assert_int_equal(ycfg_out_format_parse("YAML", &f), -1);
	assert_int_equal(ycfg_out_format_parse("", &f), -1);
	assert_int_equal(ycfg_out_format_parse("xml", &f), -1);
}

/* ---- a phone over a shared base ---- */

static void
fill(struct ycfg_doc *doc, const char *path, const char *text)
{
	static struct ycfg_lint_opts o;
	struct ycfg_linter l;
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	ycfg_linter_init(&l, &o);
	ycfg_doc_init(doc);
	assert_int_equal(ycfg_lint_memory(&l, path, text, strlen(text), false,
					  doc, &d), 0);
	doc->path = path;
	ycfg_linter_free(&l);
	ycfg_diags_free(&d);
}

/* Writes base + own both ways in every format and compares the bytes. */
static void
over_as_whole_mode(const char *base, const char *own, int mode)
{
	struct ycfg_doc docs[2];
	const struct ycfg_doc *ptrs[2] = { &docs[0], &docs[1] };
	struct ycfg_layers all = { ptrs, 2, mode, NULL };
	struct ycfg_layers shared = { ptrs, 1, mode, NULL };
	struct ycfg_resolved full;
	struct ycfg_resolved_base *b;
	struct ycfg_resolved_over o = { 0 };

	fill(&docs[0], "y.cfg", base);
	fill(&docs[1], "m.cfg", own);
	assert_int_equal(ycfg_resolve(&all, false, NULL, &full), 0);
	assert_int_equal(ycfg_resolved_base_new(&shared, &b), 0);
	assert_int_equal(ycfg_resolve_over(b, &all, &o), 0);
	for (int f = YCFG_OUT_YAML; f <= YCFG_OUT_CFG; f++)
		for (int k = 0; k < 8; k++) {
			struct ycfg_emit_opts eo = {
				.format = (enum ycfg_out_format)f,
				.provenance = k & 1, .show_secrets = k & 2,
				.oneline = k & 4,
			};
			struct ycfg_emit_pre pre;
			char *a, *c, err[64];
			size_t al, cl;

			assert_int_equal(ycfg_emit_prerender(
				ycfg_resolved_base_entries(b), &eo, &pre), 0);
			assert_int_equal(ycfg_emit(&full, &eo, &a, &al, err,
						   sizeof(err)), 0);
			assert_int_equal(ycfg_emit_over(&o, &pre, &eo, &c, &cl,
							err, sizeof(err)), 0);
			assert_string_equal(c, a);
			assert_int_equal(cl, al);
			assert_int_equal(ycfg_emit_over_secrets(&o, &pre),
					 ycfg_emit_secrets(&full));
			free(a);
			free(c);
			ycfg_emit_pre_free(&pre);
		}
	ycfg_resolved_over_free(&o);
	ycfg_resolved_base_free(b);
	ycfg_resolved_free(&full);
	ycfg_doc_free(&docs[0]);
	ycfg_doc_free(&docs[1]);
}

static void
over_as_whole(const char *base, const char *own)
{
	over_as_whole_mode(base, own, 0);
}

#define HDR "#!version:1.0.0.1\n"

static void
over_blank_reset_without_default(void **state)
{
	/* overwrite_mode 1: the phone's blank resets a key that has no
	 * default, so it has no value at all (found by fuzz_resolve) */
	(void)state;
	over_as_whole_mode(HDR "a.a = 1\nb.b = 2\nc.c = 3\n", HDR "b.b =\n", 1);
	over_as_whole_mode(HDR "a.a = 1\nb.b = 2\n", HDR "a.a =\nb.b =\n", 1);
}

static void
over_written_as_whole(void **state)
{
	(void)state;
	over_as_whole(HDR "a.one = 1\na.two = sip:u:pw@h\na.ten = 10\n",
		      HDR "a.three = 3\na.two = 2\na.zero = 0\n");
}

static void
over_first_and_last_entries(void **state)
{
	/* JSON's separators: the phone's own key first, and last */
	(void)state;
	over_as_whole(HDR "b.b = 1\n", HDR "a.a = 0\nc.c = 2\n");
}

static void
over_every_base_entry_replaced(void **state)
{
	(void)state;
	over_as_whole(HDR "a.a = 1\nb.b = 2\n", HDR "a.a = x\nb.b = y\n");
}

static void
over_empty_base_and_phone(void **state)
{
	(void)state;
	over_as_whole(HDR, HDR);
	over_as_whole(HDR, HDR "a.a = 1\n");
	over_as_whole(HDR "a.a = 1\n", HDR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(yaml_values_as_libyaml),
		cmocka_unit_test(yaml_keys_as_libyaml),
		cmocka_unit_test(yaml_multi_value_as_libyaml),
		cmocka_unit_test(empty_documents),
		cmocka_unit_test(json_shapes),
		cmocka_unit_test(cfg_keeps_bytes_and_empty_values),
		cmocka_unit_test(secrets_masked_in_every_format),
		cmocka_unit_test(secrets_count_ignores_empty_and_plain),
		cmocka_unit_test(format_names),
		cmocka_unit_test(over_written_as_whole),
		cmocka_unit_test(over_first_and_last_entries),
		cmocka_unit_test(over_every_base_entry_replaced),
		cmocka_unit_test(over_empty_base_and_phone),
		cmocka_unit_test(over_blank_reset_without_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
