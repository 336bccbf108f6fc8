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
	"namespaces: [account]\n"
	"params:\n"
	"  - {key: account.X.sip_server.Y.retry_counts, type: int, range: \"0..20\","
	"     default: \"3\", summary: s, source: t}\n"
	"  - {key: account.X.outbound_proxy.Y.retry_counts, type: int, range: \"0..20\","
	"     default: \"-1\", fallback: account.X.sip_server.Y.retry_counts,"
	"     summary: s, source: t}\n"
	"  - {key: account.X.label, type: string, summary: s, source: t}\n";

struct fixture {
	struct ycfg_schema schema;
	struct ycfg_doc doc[2];
};

/* Fills a document from text with the linter (its findings are not
 * what these tests are about). */
static void
fill(struct ycfg_doc *doc, const char *path, const char *text)
{
	static struct ycfg_lint_opts o;   /* no schema: settings only */
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
	ycfg_doc_init(&f->doc[0]);
	ycfg_doc_init(&f->doc[1]);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ycfg_doc_free(&f->doc[0]);
	ycfg_doc_free(&f->doc[1]);
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
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
