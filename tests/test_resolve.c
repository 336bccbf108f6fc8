/*
 * test_resolve.c - effective values over layers: later wins, blank versus
 * %NULL% under both overwrite modes, defaults and -1 fallbacks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ycfg/lint.h"
#include "ycfg/resolve.h"

static const char schema_yaml[] =
	"version: \"1\"\n"
	"namespaces: [account, security]\n"
	"params:\n"
	"  - {key: account.X.sip_server.Y.retry_counts, type: int, range: \"0..20\","
	"     default: \"3\", summary: s, source: t}\n"
	"  - {key: account.X.outbound_proxy.Y.retry_counts, type: int, range: \"0..20\","
	"     default: \"-1\", fallback: account.X.sip_server.Y.retry_counts,"
	"     summary: s, source: t}\n"
	"  - {key: account.X.label, type: string, summary: s, source: t}\n"
	"  - {key: account.X.password, type: string, secret: true, summary: s,"
	"     source: t}\n"
	"  - {key: security.user_password, type: string, multi_value: colon,"
	"     secret: true, summary: s, source: t}\n";

struct fixture {
	struct ycfg_schema schema;
	struct ycfg_doc doc[3];
};

/* Fills a document from text with the linter (its findings are not
 * what these tests are about), with schema s (NULL: settings only; a
 * multi-value key needs it). */
static void
fill_with(const struct ycfg_schema *s, struct ycfg_doc *doc, const char *path,
	  const char *text)
{
	struct ycfg_lint_opts o = { .schema = s };
	struct ycfg_linter l;
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	ycfg_linter_init(&l, &o);
	assert_int_equal(ycfg_lint_memory(&l, path, text, strlen(text), false,
					  doc, &d), 0);
	/* the path must outlive the diagnostics list */
	doc->path = path;
	ycfg_linter_free(&l);
	ycfg_diags_free(&d);
}

static void
fill(struct ycfg_doc *doc, const char *path, const char *text)
{
	fill_with(NULL, doc, path, text);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	ycfg_schema_init(&f->schema);
	if (ycfg_schema_load_data(&f->schema, "t.yaml", schema_yaml,
				  strlen(schema_yaml), &d) != 0) {
		ycfg_diags_free(&d);
		free(f);
		return -1;
	}
	ycfg_diags_free(&d);
	for (int i = 0; i < 3; i++)
		ycfg_doc_init(&f->doc[i]);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 3; i++)
		ycfg_doc_free(&f->doc[i]);
	ycfg_schema_free(&f->schema);
	free(f);
	return 0;
}

/* Effective value of key over both layers as a NUL-terminated string in
 * buf ("<none>" when unknown); how receives the provenance. */
static const char *
eff(struct fixture *f, int mode, const char *key, char *buf, char *how)
{
	const struct ycfg_doc *layers[2] = { &f->doc[0], &f->doc[1] };
	struct ycfg_layers l = { layers, 2, mode, &f->schema };
	struct ycfg_effective e;

	if (!ycfg_effective_get(&l, key, strlen(key), &e))
		return "<none>";
	memcpy(buf, e.val, e.len);
	buf[e.len] = '\0';
	ycfg_effective_describe(&e, how, 256);
	return buf;
}

#define HDR "#!version:1.0.0.1\n"

static void
later_layer_wins(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.label = common\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.label = device\n");
	assert_string_equal(eff(f, 0, "account.1.label", b, how), "device");
	assert_string_equal(how, "m.cfg:2");
}

static void
lower_layer_shows_through(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.label = common\n");
	fill(&f->doc[1], "m.cfg", HDR "\n");
	assert_string_equal(eff(f, 0, "account.1.label", b, how), "common");
	assert_string_equal(how, "y.cfg:2");
}

static void
blank_keeps_value_in_mode_0(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.sip_server.1.retry_counts = 7\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.sip_server.1.retry_counts =\n");
	assert_string_equal(eff(f, 0, "account.1.sip_server.1.retry_counts",
				b, how), "7");
}

static void
blank_resets_to_default_in_mode_1(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.sip_server.1.retry_counts = 7\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.sip_server.1.retry_counts =\n");
	assert_string_equal(eff(f, 1, "account.1.sip_server.1.retry_counts",
				b, how), "3");
	assert_string_equal(how, "default");
}

static void
blank_after_value_in_one_file(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.label = a\naccount.1.label =\n");
	assert_string_equal(eff(f, 0, "account.1.label", b, how), "a");
	assert_string_equal(eff(f, 1, "account.1.label", b, how), "<none>");
}

static void
null_sets_empty_in_both_modes(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.label = common\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.label = %NULL%\n");
	assert_string_equal(eff(f, 0, "account.1.label", b, how), "");
	assert_string_equal(eff(f, 1, "account.1.label", b, how), "");
	assert_string_equal(how, "m.cfg:2");
}

static void
default_when_unset(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "\n");
	fill(&f->doc[1], "m.cfg", HDR "\n");
	assert_string_equal(eff(f, 0, "account.2.sip_server.2.retry_counts",
				b, how), "3");
	assert_string_equal(eff(f, 0, "account.2.label", b, how), "<none>");
	assert_string_equal(eff(f, 0, "no.such.key", b, how), "<none>");
}

static void
minus_one_takes_fallback_value(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.sip_server.2.retry_counts = 9\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.outbound_proxy.2.retry_counts = -1\n");
	assert_string_equal(eff(f, 0, "account.1.outbound_proxy.2.retry_counts",
				b, how), "9");
	assert_string_equal(how, "-1 (m.cfg:2) -> "
			    "account.1.sip_server.2.retry_counts (y.cfg:2)");
}

static void
default_minus_one_takes_fallback_default(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "\n");
	fill(&f->doc[1], "m.cfg", HDR "\n");
	assert_string_equal(eff(f, 0, "account.1.outbound_proxy.1.retry_counts",
				b, how), "3");
	assert_string_equal(how, "-1 (default) -> "
			    "account.1.sip_server.1.retry_counts (default)");
}

static void
explicit_proxy_value_wins_over_fallback(void **state)
{
	struct fixture *f = *state;
	char b[64], how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.sip_server.1.retry_counts = 9\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.outbound_proxy.1.retry_counts = 5\n");
	assert_string_equal(eff(f, 0, "account.1.outbound_proxy.1.retry_counts",
				b, how), "5");
}

static void
describe_truncates_safely(void **state)
{
	struct fixture *f = *state;
	const struct ycfg_doc *layers[2] = { &f->doc[0], &f->doc[1] };
	struct ycfg_layers l = { layers, 2, 0, &f->schema };
	struct ycfg_effective e;
	char tiny[8];

	fill(&f->doc[0], "y.cfg", HDR "\n");
	fill(&f->doc[1], "m.cfg", HDR "\n");
	assert_true(ycfg_effective_get(&l, "account.1.outbound_proxy.1.retry_counts",
				       39, &e));
	ycfg_effective_describe(&e, tiny, sizeof(tiny));
	assert_int_equal(strlen(tiny), 7);
}

/* A resolved list keeps the fallback trail only for keys that followed a
 * -1, and says where each value came from. */
static void
resolved_keeps_trail_only_after_minus_one(void **state)
{
	struct fixture *f = *state;
	const struct ycfg_doc *layers[2] = { &f->doc[0], &f->doc[1] };
	struct ycfg_layers l = { layers, 2, 0, &f->schema };
	struct ycfg_resolved r;
	char how[256];

	fill(&f->doc[0], "y.cfg", HDR "account.1.sip_server.1.retry_counts = 9\n"
				      "account.1.label = x\n");
	fill(&f->doc[1], "m.cfg", HDR "account.1.outbound_proxy.1.retry_counts = -1\n");
	assert_int_equal(ycfg_resolve(&l, false, NULL, &r), 0);
	assert_int_equal(r.n, 3);
	/* natural order: label, outbound_proxy, sip_server */
	assert_string_equal(r.v[0].key, "account.1.label");
	assert_null(r.v[0].via);
	assert_string_equal(ycfg_resolved_describe(&r.v[0], how, sizeof(how)),
			    "y.cfg:3");
	assert_string_equal(r.v[1].key,
			    "account.1.outbound_proxy.1.retry_counts");
	assert_non_null(r.v[1].via);
	assert_int_equal(r.v[1].len, 1);
	assert_memory_equal(r.v[1].val, "9", 1);
	assert_string_equal(ycfg_resolved_describe(&r.v[1], how, sizeof(how)),
			    "-1 (m.cfg:2) -> account.1.sip_server.1.retry_counts "
			    "(y.cfg:2)");
	assert_null(r.v[2].via);
	assert_true(sizeof(struct ycfg_resolved_entry) <= 64);
	ycfg_resolved_free(&r);
}

/* ---- phones over a shared base ---- */

static void
fill_s(struct fixture *f, struct ycfg_doc *doc, const char *path,
       const char *text)
{
	fill_with(&f->schema, doc, path, text);
}

/* The entries of o in order, as the writers walk them. */
static size_t
over_flatten(const struct ycfg_resolved_over *o,
	     const struct ycfg_resolved_entry **out, size_t cap)
{
	size_t n = 0, own = 0;

	for (size_t i = 0; i <= o->base->n; i++) {
		while (own < o->own.n && o->own.v[own].at <= i && n < cap)
			out[n++] = &o->own.v[own++];
		if (i < o->base->n && !o->drop[i] && n < cap)
			out[n++] = &o->base->v[i];
	}
	return n;
}

/* Resolves base_text + own_text (mode) both ways; returns what
 * ycfg_resolve_over said, and when it was 0 checks that the result is
 * the whole stack's, entry by entry. */
static int
over_vs_full(struct fixture *f, int mode, const char *base_text,
	     const char *own_text)
{
	const struct ycfg_doc *docs[2] = { &f->doc[0], &f->doc[1] };
	struct ycfg_layers all = { docs, 2, mode, &f->schema };
	struct ycfg_layers shared = { docs, 1, mode, &f->schema };
	struct ycfg_resolved full;
	struct ycfg_resolved_base *b;
	struct ycfg_resolved_over o = { 0 };
	const struct ycfg_resolved_entry *got[64];
	char h1[256], h2[256];
	int rc;

	fill_s(f, &f->doc[0], "y.cfg", base_text);
	fill_s(f, &f->doc[1], "m.cfg", own_text);
	assert_int_equal(ycfg_resolve(&all, false, NULL, &full), 0);
	assert_int_equal(ycfg_resolved_base_new(&shared, &b), 0);
	rc = ycfg_resolve_over(b, &all, &o);
	if (rc == 0) {
		size_t n = over_flatten(&o, got, 64);

		assert_int_equal(n, full.n);
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(got[i]->key, full.v[i].key);
			assert_int_equal(got[i]->len, full.v[i].len);
			assert_memory_equal(got[i]->val, full.v[i].val,
					    full.v[i].len);
			assert_int_equal(got[i]->secret, full.v[i].secret);
			assert_string_equal(ycfg_resolved_describe(got[i], h1,
								   sizeof(h1)),
					    ycfg_resolved_describe(&full.v[i],
								   h2,
								   sizeof(h2)));
		}
	}
	ycfg_resolved_over_free(&o);
	ycfg_resolved_base_free(b);
	ycfg_resolved_free(&full);
	return rc;
}

static void
over_own_value_replaces_base(void **state)
{
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.label = common\naccount.2.label = two\n"
		"account.3.label = three\n",
		HDR "account.2.label = own\n"), 0);
}

static void
over_base_minus_one_follows_own_key(void **state)
{
	/* the base's -1 leads to a key the phone sets */
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.outbound_proxy.1.retry_counts = -1\n",
		HDR "account.1.sip_server.1.retry_counts = 9\n"), 0);
}

static void
over_own_minus_one_follows_base_key(void **state)
{
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.sip_server.1.retry_counts = 7\n",
		HDR "account.1.outbound_proxy.1.retry_counts = -1\n"), 0);
}

static void
over_key_in_other_case(void **state)
{
	/* one key to the documents, two spellings in the output */
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.label = common\n",
		HDR "Account.1.Label = own\n"), 0);
}

static void
over_base_blank_key_set_by_phone(void **state)
{
	/* no value over the base alone, one over the whole stack */
	assert_int_equal(over_vs_full(*state, 0, HDR "custom.note =\n",
				      HDR "Custom.Note = x\n"), 0);
}

static void
over_own_blank_in_both_modes(void **state)
{
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.label = common\n"
		"account.1.sip_server.1.retry_counts = 5\n",
		HDR "account.1.label =\naccount.1.sip_server.1.retry_counts =\n"),
		0);
	assert_int_equal(over_vs_full(*state, 1,
		HDR "account.1.label = common\n"
		"account.1.sip_server.1.retry_counts = 5\n",
		HDR "account.1.label =\naccount.1.sip_server.1.retry_counts =\n"),
		0);
}

static void
over_keeps_natural_order(void **state)
{
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.2.label = b\naccount.10.label = j\nz.z = 1\n",
		HDR "account.1.label = a\naccount.3.label = c\n"
		"account.11.label = k\na.a = 0\nzz.z = 2\n"), 0);
}

static void
over_secret_by_own_key(void **state)
{
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.password = common\n",
		HDR "account.2.password = own\n"), 0);
}

static void
over_base_multi_value_untouched(void **state)
{
	/* a multi-value key in the base that the phone leaves alone */
	assert_int_equal(over_vs_full(*state, 0,
		HDR "security.user_password = admin:a\n"
		"security.user_password = user:u\n",
		HDR "account.1.label = own\n"), 0);
}

static void
over_empty_own_layer_is_base(void **state)
{
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.label = common\n", HDR), 0);
}

static void
over_declines_own_multi_value(void **state)
{
	assert_int_equal(over_vs_full(*state, 0,
		HDR "account.1.label = common\n",
		HDR "security.user_password = admin:x\n"), 1);
}

static void
over_declines_touching_base_multi_value(void **state)
{
	/* a line of the key without its colon is a plain setting */
	assert_int_equal(over_vs_full(*state, 0,
		HDR "security.user_password = admin:a\n",
		HDR "security.user_password = plain\n"), 1);
}

static void
over_declines_fewer_layers_than_base(void **state)
{
	struct fixture *f = *state;
	const struct ycfg_doc *docs[2] = { &f->doc[0], &f->doc[1] };
	struct ycfg_layers two = { docs, 2, 0, &f->schema };
	struct ycfg_layers one = { docs, 1, 0, &f->schema };
	struct ycfg_resolved_base *b;
	struct ycfg_resolved_over o = { 0 };

	fill_s(f, &f->doc[0], "y.cfg", HDR "account.1.label = a\n");
	fill_s(f, &f->doc[1], "m.cfg", HDR "account.1.label = b\n");
	assert_int_equal(ycfg_resolved_base_new(&two, &b), 0);
	assert_int_equal(ycfg_resolve_over(b, &one, &o), 1);
	ycfg_resolved_over_free(&o);
	ycfg_resolved_base_free(b);
}

static void
over_reused_from_phone_to_phone(void **state)
{
	struct fixture *f = *state;
	const struct ycfg_doc *d1[2] = { &f->doc[0], &f->doc[1] };
	const struct ycfg_doc *d2[2] = { &f->doc[0], &f->doc[2] };
	struct ycfg_layers shared = { d1, 1, 0, &f->schema };
	struct ycfg_layers p1 = { d1, 2, 0, &f->schema };
	struct ycfg_layers p2 = { d2, 2, 0, &f->schema };
	struct ycfg_resolved_base *b;
	struct ycfg_resolved_over o = { 0 };

	fill_s(f, &f->doc[0], "y.cfg",
	       HDR "account.1.label = a\naccount.2.label = b\n");
	fill_s(f, &f->doc[1], "m1.cfg", HDR "account.1.label = one\n");
	fill_s(f, &f->doc[2], "m2.cfg", HDR "account.2.label = two\n");
	assert_int_equal(ycfg_resolved_base_new(&shared, &b), 0);
	assert_int_equal(ycfg_resolve_over(b, &p1, &o), 0);
	assert_int_equal(o.own.n, 1);
	assert_true(o.drop[0] && !o.drop[1]);
	/* the second phone forgets what the first dropped */
	assert_int_equal(ycfg_resolve_over(b, &p2, &o), 0);
	assert_int_equal(o.own.n, 1);
	assert_true(!o.drop[0] && o.drop[1]);
	assert_string_equal(o.own.v[0].key, "account.2.label");
	ycfg_resolved_over_free(&o);
	ycfg_resolved_base_free(b);
}

static void
over_places_new_keys_per_base(void **state)
{
	/* one phone's structure used over two bases: a new key's place in
	 * one base is not taken for the other */
	struct fixture *f = *state;
	const struct ycfg_doc *d1[2] = { &f->doc[0], &f->doc[2] };
	const struct ycfg_doc *d2[2] = { &f->doc[1], &f->doc[2] };
	struct ycfg_layers s1 = { d1, 1, 0, &f->schema };
	struct ycfg_layers s2 = { d2, 1, 0, &f->schema };
	struct ycfg_layers p1 = { d1, 2, 0, &f->schema };
	struct ycfg_layers p2 = { d2, 2, 0, &f->schema };
	struct ycfg_resolved_base *b1, *b2;
	struct ycfg_resolved_over o = { 0 };

	fill_s(f, &f->doc[0], "a.cfg", HDR "a.a = 1\nz.z = 2\n");
	fill_s(f, &f->doc[1], "b.cfg", HDR "a.a = 1\nb.b = 2\nc.c = 3\nz.z = 4\n");
	fill_s(f, &f->doc[2], "m.cfg", HDR "m.m = x\n");
	assert_int_equal(ycfg_resolved_base_new(&s1, &b1), 0);
	assert_int_equal(ycfg_resolved_base_new(&s2, &b2), 0);
	assert_int_equal(ycfg_resolve_over(b1, &p1, &o), 0);
	assert_int_equal(o.own.v[0].at, 1);
	assert_int_equal(ycfg_resolve_over(b1, &p1, &o), 0);
	assert_int_equal(o.own.v[0].at, 1);      /* remembered */
	assert_int_equal(ycfg_resolve_over(b2, &p2, &o), 0);
	assert_int_equal(o.own.v[0].at, 3);      /* not taken from b1 */
	ycfg_resolved_over_free(&o);
	ycfg_resolved_base_free(b1);
	ycfg_resolved_base_free(b2);
}

static void
resolved_find_exact_spelling(void **state)
{
	struct fixture *f = *state;
	const struct ycfg_doc *docs[1] = { &f->doc[0] };
	struct ycfg_layers l = { docs, 1, 0, &f->schema };
	struct ycfg_resolved r;

	fill_s(f, &f->doc[0], "y.cfg",
	       HDR "account.2.label = b\naccount.10.label = j\n");
	assert_int_equal(ycfg_resolve(&l, false, NULL, &r), 0);
	assert_int_equal(ycfg_resolved_find(&r, "account.10.label", 16), 1);
	assert_int_equal(ycfg_resolved_find(&r, "account.2.label", 15), 0);
	assert_true(ycfg_resolved_find(&r, "Account.2.label", 15) == SIZE_MAX);
	assert_true(ycfg_resolved_find(&r, "account.3.label", 15) == SIZE_MAX);
	ycfg_resolved_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(later_layer_wins),
		cmocka_unit_test(lower_layer_shows_through),
		cmocka_unit_test(blank_keeps_value_in_mode_0),
		cmocka_unit_test(blank_resets_to_default_in_mode_1),
		cmocka_unit_test(blank_after_value_in_one_file),
		cmocka_unit_test(null_sets_empty_in_both_modes),
		cmocka_unit_test(default_when_unset),
		cmocka_unit_test(minus_one_takes_fallback_value),
		cmocka_unit_test(default_minus_one_takes_fallback_default),
		cmocka_unit_test(explicit_proxy_value_wins_over_fallback),
		cmocka_unit_test(describe_truncates_safely),
		cmocka_unit_test(resolved_keeps_trail_only_after_minus_one),
		cmocka_unit_test(over_own_value_replaces_base),
		cmocka_unit_test(over_base_minus_one_follows_own_key),
		cmocka_unit_test(over_own_minus_one_follows_base_key),
		cmocka_unit_test(over_key_in_other_case),
		cmocka_unit_test(over_base_blank_key_set_by_phone),
		cmocka_unit_test(over_own_blank_in_both_modes),
		cmocka_unit_test(over_keeps_natural_order),
		cmocka_unit_test(over_secret_by_own_key),
		cmocka_unit_test(over_base_multi_value_untouched),
		cmocka_unit_test(over_empty_own_layer_is_base),
		cmocka_unit_test(over_declines_own_multi_value),
		cmocka_unit_test(over_declines_touching_base_multi_value),
		cmocka_unit_test(over_declines_fewer_layers_than_base),
		cmocka_unit_test(over_reused_from_phone_to_phone),
		cmocka_unit_test(over_places_new_keys_per_base),
		cmocka_unit_test(resolved_find_exact_spelling),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
