/*
 * test_namespace.c - nothing about accounts is built in: a schema with a
 * namespace of its own (DECT-style handsets) gets index checks, renamed
 * keys, secrets, boot directives and gated defaults purely from its data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/resolve.h"
#include "ycfg/schema.h"
#include "ycfg/tree.h"

static const char schema_yaml[] =
	"version: \"1\"\n"
	"namespaces: [handset]\n"
	"indexes:\n"
	"  - letter: H\n"
	"    name: handset\n"
	"    range: \"1..4\"\n"
	"    prefix: handset\n"
	"    enabled_by: handset.H.enable\n"
	"  - letter: B\n"
	"    name: button\n"
	"    range: \"1..3\"\n"
	"models:\n"
	"  - name: W99\n"
	"    accounts: \"1\"\n"
	"    ranges: [\"H 1..2\"]\n"
	"params:\n"
	"  - {key: handset.H.enable, type: bool, default: \"0\", summary: on,"
	" source: t}\n"
	"  - {key: handset.H.name, type: string, default: \"Handset\","
	" summary: name, source: t}\n"
	"  - {key: handset.H.pin, type: string, max_length: \"4\", secret: true,"
	" summary: pin, source: t}\n"
	"  - {key: handset.H.button.B.label, type: string, summary: label,"
	" source: t}\n"
	"  - {key: handset.H.title, type: string, summary: title, source: t,"
	" renamed_to: handset.H.button.B.label}\n"
	"  - {key: ab, type: int, renamed_to: cd, summary: short, source: t}\n"
	"  - {key: cd, type: int, summary: short, source: t}\n"
	"  - {key: boot_mode, type: bool, file: boot, summary: directive,"
	" source: t}\n";

struct fixture {
	struct ycfg_schema schema;
	struct ycfg_lint_opts opts;
	struct ycfg_linter linter;
	struct ycfg_doc doc;
	struct ycfg_diags d;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ycfg_diags sd;

	if (f == NULL)
		return -1;
	ycfg_diags_init(&sd);
	ycfg_schema_init(&f->schema);
	if (ycfg_schema_load_data(&f->schema, "handset.yaml", schema_yaml,
				  strlen(schema_yaml), &sd) != 0) {
		for (size_t i = 0; i < sd.n; i++)
			fprintf(stderr, "%u: %s\n", sd.v[i].line, sd.v[i].msg);
		ycfg_diags_free(&sd);
		free(f);
		return -1;
	}
	ycfg_diags_free(&sd);
	ycfg_lint_opts_init(&f->opts, &f->schema, NULL);
	ycfg_linter_init(&f->linter, &f->opts);
	ycfg_doc_init(&f->doc);
	ycfg_diags_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ycfg_doc_free(&f->doc);
	ycfg_diags_free(&f->d);
	ycfg_linter_free(&f->linter);
	ycfg_schema_free(&f->schema);
	free(f);
	return 0;
}

#define HDR "#!version:1.0.0.1\n"

/* Lints text as name and asserts exactly one finding of rule id whose
 * message contains sub (or no finding when id is NULL). */
static void
expect(struct fixture *f, const char *name, const char *text, const char *id,
       const char *sub)
{
	ycfg_diags_clear(&f->d);
	assert_int_equal(ycfg_lint_single_memory(&f->linter, name, text,
						 strlen(text), &f->doc, &f->d),
			 0);
	if (f->d.n != (id ? 1u : 0u))
		for (size_t i = 0; i < f->d.n; i++)
			fprintf(stderr, "  got %s: %s\n",
				ycfg_rule_info(f->d.v[i].rule)->id,
				f->d.v[i].msg);
	assert_int_equal(f->d.n, id ? 1 : 0);
	if (id == NULL)
		return;
	assert_string_equal(ycfg_rule_info(f->d.v[0].rule)->id, id);
	if (strstr(f->d.v[0].msg, sub) == NULL)
		fail_msg("message '%s' lacks '%s'", f->d.v[0].msg, sub);
}

static void
prefix_index_checked_for_every_key(void **state)
{
	struct fixture *f = *state;

	expect(f, "h.cfg", HDR "handset.2.name = Desk\n", NULL, NULL);
	expect(f, "h.cfg", HDR "handset.0.name = Desk\n", "index-range",
	       "handset index 0 does not exist; handsets are numbered from 1");
	expect(f, "h.cfg", HDR "handset.5.anything = 1\n", "index-range",
	       "handset index 5 is beyond 4");
	expect(f, "h.cfg", HDR "handset.02.name = x\n", "index-range",
	       "has a leading zero; the phone does not match it to handset 2");
	expect(f, "h.cfg", HDR "handset.h.name = x\n", "index-range",
	       "unrendered template placeholder");
}

static void
model_range_of_an_index(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(ycfg_lint_opts_init(&f->opts, &f->schema, "W99"), 0);
	expect(f, "h.cfg", HDR "handset.3.name = Desk\n", "index-range",
	       "beyond the 2 handsets of model W99");
	ycfg_lint_opts_init(&f->opts, &f->schema, NULL);
}

static void
inner_index_range_from_data(void **state)
{
	expect(*state, "h.cfg", HDR "handset.1.button.4.label = x\n",
	       "index-range", "button index in 'handset.1.button.4.label' "
	       "must be 1..3");
}

static void
unknown_key_in_namespace_gets_suggestion(void **state)
{
	expect(*state, "h.cfg", HDR "handset.1.nmae = x\n", "unknown-key",
	       "did you mean 'handset.1.name'?");
}

static void
renamed_key_keeps_bound_indexes(void **state)
{
	expect(*state, "h.cfg", HDR "handset.3.title = x\n", "renamed-key",
	       "newer firmware uses 'handset.3.button.B.label'");
}

/* Regression: the message used to skip 8 bytes of an assumed "account."
 * prefix and read past a short key. */
static void
renamed_short_key_outside_account(void **state)
{
	expect(*state, "h.cfg", HDR "ab = 1\n", "renamed-key",
	       "'ab' is a legacy key; newer firmware uses 'cd'");
}

static void
secret_value_never_in_message(void **state)
{
	struct fixture *f = *state;

	expect(f, "h.cfg", HDR "handset.1.pin = 123456\n", "value-too-long",
	       "********");
	assert_null(strstr(f->d.v[0].msg, "123456"));
	assert_true(ycfg_schema_key_is_secret(&f->schema, "handset.1.pin",
					      13));
	assert_false(ycfg_schema_key_is_secret(&f->schema, "handset.1.name",
					       14));
}

static void
boot_directives_come_from_schema(void **state)
{
	struct fixture *f = *state;

	expect(f, "h.boot", HDR "boot_mode = 1\n", NULL, NULL);
	expect(f, "h.boot", HDR "boot_mode = 2\n", "invalid-value",
	       "expected 1 or 0");
	expect(f, "h.boot", HDR "overwrite_mode = 1\n",
	       "unknown-boot-directive", "not a boot-file directive");
	/* a directive is no setting of a .cfg file */
	assert_null(ycfg_schema_lookup(&f->schema, "boot_mode", 9, NULL));
	assert_non_null(ycfg_schema_lookup_directive(&f->schema, "boot_mode",
						     9));
}

/* Defaults are listed for the instances the schema's enabled_by key
 * switches on, over the index's range. */
static void
defaults_gated_by_enabled_by(void **state)
{
	struct fixture *f = *state;
	const char *text = HDR "handset.2.enable = 1\nhandset.3.name = X\n";
	struct ycfg_resolved r;
	const struct ycfg_doc *layer = &f->doc;

	ycfg_diags_clear(&f->d);
	assert_int_equal(ycfg_lint_memory(&f->linter, "h.cfg", text,
					  strlen(text), false, &f->doc, &f->d),
			 0);

	struct ycfg_layers l = { &layer, 1, 0, &f->schema };

	assert_int_equal(ycfg_resolve(&l, true, NULL, &r), 0);

	const char *want[] = {
		"handset.2.enable", "handset.2.name", "handset.3.name",
	};

	if (r.n != 3)
		for (size_t i = 0; i < r.n; i++)
			fprintf(stderr, "  %s\n", r.v[i].key);
	assert_int_equal(r.n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(r.v[i].key, want[i]);
	assert_int_equal(r.v[1].len, 7);   /* "Handset", the default */
	ycfg_resolved_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(prefix_index_checked_for_every_key),
		T(model_range_of_an_index),
		T(inner_index_range_from_data),
		T(unknown_key_in_namespace_gets_suggestion),
		T(renamed_key_keeps_bound_indexes),
		T(renamed_short_key_outside_account),
		T(secret_value_never_in_message),
		T(boot_directives_come_from_schema),
		T(defaults_gated_by_enabled_by),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
