/*
 * test_rules.c - the rule catalogue: ids, texts, lookups, severity names;
 * and that the examples of the rules the lexer reports do what they say.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/lexer.h"
#include "ycfg/rules.h"

static bool
is_kebab_case(const char *s)
{
	if (s == NULL || *s < 'a' || *s > 'z')
		return false;
	for (const char *p = s; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			  (*p == '-' && p[1] != '-' && p[1] != '\0');

		if (!ok)
			return false;
	}
	return true;
}

static void
rules_kebab_case_check_itself_works(void **state)
{
	(void)state;
	assert_true(is_kebab_case("missing-header"));
	assert_true(is_kebab_case("utf8-bom"));
	assert_false(is_kebab_case("Missing-header"));
	assert_false(is_kebab_case("missing_header"));
	assert_false(is_kebab_case("missing--header"));
	assert_false(is_kebab_case("missing-"));
	assert_false(is_kebab_case("-missing"));
	assert_false(is_kebab_case(""));
	assert_false(is_kebab_case("a b"));
}

static void
rules_every_rule_has_unique_kebab_case_id(void **state)
{
	(void)state;
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info((enum ycfg_rule)r);

		assert_non_null(ri);
		assert_non_null(ri->id);
		if (!is_kebab_case(ri->id))
			fail_msg("rule %d id '%s' is not kebab-case", r, ri->id);
		for (int q = 0; q < r; q++)
			if (strcmp(ycfg_rule_info((enum ycfg_rule)q)->id,
				   ri->id) == 0)
				fail_msg("rules %d and %d share id '%s'", q, r,
					 ri->id);
	}
}

static void
rules_every_rule_has_summary_and_description(void **state)
{
	(void)state;
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info((enum ycfg_rule)r);
		size_t sl;

		assert_non_null(ri->summary);
		assert_non_null(ri->description);
		sl = strlen(ri->summary);
		if (sl == 0 || strlen(ri->description) == 0)
			fail_msg("rule %s has an empty text", ri->id);
		/* one line, lowercase start, no full stop */
		if (strchr(ri->summary, '\n') != NULL ||
		    ri->summary[sl - 1] == '.' ||
		    (ri->summary[0] >= 'A' && ri->summary[0] <= 'Z'))
			fail_msg("rule %s summary '%s' is not one lowercase "
				 "line without full stop", ri->id, ri->summary);
		/* the description is longer than the summary and ends a
		 * sentence */
		if (ri->description[strlen(ri->description) - 1] != '.')
			fail_msg("rule %s description does not end with '.'",
				 ri->id);
		/* examples come in pairs and differ */
		if ((ri->bad == NULL) != (ri->good == NULL))
			fail_msg("rule %s has only one of bad/good", ri->id);
		if (ri->bad != NULL && strcmp(ri->bad, ri->good) == 0)
			fail_msg("rule %s: bad and good examples are equal",
				 ri->id);
	}
}

static void
rules_default_severity_is_valid(void **state)
{
	(void)state;
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		enum ycfg_severity s = ycfg_rule_info((enum ycfg_rule)r)->severity;

		assert_true(s == YCFG_SEV_INFO || s == YCFG_SEV_WARNING ||
			    s == YCFG_SEV_ERROR);
	}
	/* a few severities users rely on */
	assert_int_equal(ycfg_rule_info(YCFG_R_MISSING_HEADER)->severity,
			 YCFG_SEV_ERROR);
	assert_int_equal(ycfg_rule_info(YCFG_R_UNKNOWN_KEY)->severity,
			 YCFG_SEV_WARNING);
	assert_int_equal(ycfg_rule_info(YCFG_R_TRAILING_WHITESPACE)->severity,
			 YCFG_SEV_INFO);
}

static void
rules_by_id_round_trips(void **state)
{
	(void)state;
	for (int r = 0; r < YCFG_R__COUNT; r++)
		assert_int_equal(
			ycfg_rule_by_id(ycfg_rule_info((enum ycfg_rule)r)->id),
			r);
	assert_int_equal(ycfg_rule_by_id("missing-header"),
			 YCFG_R_MISSING_HEADER);
	assert_int_equal(ycfg_rule_by_id("include-outside-tree"),
			 YCFG_R_INCLUDE_OUTSIDE);
	assert_int_equal(ycfg_rule_by_id("schema-error"), YCFG_R_SCHEMA_ERROR);
}

static void
rules_unknown_id_returns_minus_one(void **state)
{
	static const char *const bad[] = {
		"", "nope", "Missing-Header", "missing_header",
		"missing-header ", " missing-header", "missing-heade",
		"missing-headers", "all", "MISSING-HEADER",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (ycfg_rule_by_id(bad[i]) != -1)
			fail_msg("'%s' was found as a rule", bad[i]);
}

static void
rules_info_out_of_range_is_null(void **state)
{
	(void)state;
	assert_null(ycfg_rule_info(YCFG_R__COUNT));
	assert_null(ycfg_rule_info((enum ycfg_rule)(YCFG_R__COUNT + 100)));
	assert_non_null(ycfg_rule_info((enum ycfg_rule)0));
}

static void
severity_name_names_each_level(void **state)
{
	(void)state;
	assert_string_equal(ycfg_severity_name(YCFG_SEV_INFO), "info");
	assert_string_equal(ycfg_severity_name(YCFG_SEV_WARNING), "warning");
	assert_string_equal(ycfg_severity_name(YCFG_SEV_ERROR), "error");
	/* not a severity: a placeholder, never NULL */
	assert_non_null(ycfg_severity_name((enum ycfg_severity)7));
	assert_string_equal(ycfg_severity_name((enum ycfg_severity)7), "?");
}

static void
severity_parse_accepts_the_three_names(void **state)
{
	enum ycfg_severity s = YCFG_SEV_ERROR;

	(void)state;
	assert_int_equal(ycfg_severity_parse("info", &s), 0);
	assert_int_equal(s, YCFG_SEV_INFO);
	assert_int_equal(ycfg_severity_parse("warning", &s), 0);
	assert_int_equal(s, YCFG_SEV_WARNING);
	assert_int_equal(ycfg_severity_parse("error", &s), 0);
	assert_int_equal(s, YCFG_SEV_ERROR);
	for (int i = 0; i < 3; i++) {
		enum ycfg_severity back;

		assert_int_equal(ycfg_severity_parse(
					 ycfg_severity_name((enum ycfg_severity)i),
					 &back),
				 0);
		assert_int_equal(back, i);
	}
}

static void
severity_parse_rejects_other_text_and_leaves_output(void **state)
{
	static const char *const bad[] = {
		"", "Error", "ERROR", "err", "warn", "errors", " info",
		"info ", "off", "2", "?", "fatal",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum ycfg_severity s = (enum ycfg_severity)5;

		if (ycfg_severity_parse(bad[i], &s) != -1)
			fail_msg("'%s' parsed as a severity", bad[i]);
		assert_int_equal(s, 5);
	}
}

/* Lexes text (after a header unless the rule is about line 1) and counts
 * the findings of rule. */
static size_t
lex_count(const char *text, bool boot, bool add_header, enum ycfg_rule rule)
{
	char buf[512];
	struct ycfg_diags d;
	struct ycfg_lexer lx;
	struct ycfg_line line;
	size_t k = 0;
	int n = snprintf(buf, sizeof(buf), "%s%s\n",
			 add_header ? YCFG_HEADER "\n" : "", text);

	assert_true(n > 0 && (size_t)n < sizeof(buf));
	ycfg_diags_init(&d);
	ycfg_lexer_init(&lx, buf, (size_t)n, boot ? "t.boot" : "t.cfg", boot,
			&d);
	while (ycfg_lexer_next(&lx, &line))
		;
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].rule == rule)
			k++;
	ycfg_diags_free(&d);
	return k;
}

static void
rules_lexer_examples_trigger_their_rule_and_fixes_do_not(void **state)
{
	static const struct {
		enum ycfg_rule rule;
		bool boot, header;
	} cases[] = {
		{ YCFG_R_MISSING_HEADER, false, false },
		{ YCFG_R_BAD_HEADER, false, false },
		{ YCFG_R_MISPLACED_HEADER, false, false },
		{ YCFG_R_LEGACY_FORMAT, false, false },
		{ YCFG_R_MISSING_EQUALS, false, true },
		{ YCFG_R_EMPTY_KEY, false, true },
		{ YCFG_R_SPACE_IN_KEY, false, true },
		{ YCFG_R_LEADING_WHITESPACE, false, true },
		{ YCFG_R_BAD_INCLUDE, true, true },
		{ YCFG_R_BAD_MODEL_BLOCK, true, true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info(cases[i].rule);

		assert_non_null(ri->bad);
		if (lex_count(ri->bad, cases[i].boot, cases[i].header,
			      cases[i].rule) == 0)
			fail_msg("the bad example of %s does not trigger it",
				 ri->id);
		if (lex_count(ri->good, cases[i].boot, cases[i].header,
			      cases[i].rule) != 0)
			fail_msg("the good example of %s triggers it", ri->id);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_kebab_case_check_itself_works),
		cmocka_unit_test(rules_every_rule_has_unique_kebab_case_id),
		cmocka_unit_test(rules_every_rule_has_summary_and_description),
		cmocka_unit_test(rules_default_severity_is_valid),
		cmocka_unit_test(rules_by_id_round_trips),
		cmocka_unit_test(rules_unknown_id_returns_minus_one),
		cmocka_unit_test(rules_info_out_of_range_is_null),
		cmocka_unit_test(severity_name_names_each_level),
		cmocka_unit_test(severity_parse_accepts_the_three_names),
		cmocka_unit_test(severity_parse_rejects_other_text_and_leaves_output),
		cmocka_unit_test(rules_lexer_examples_trigger_their_rule_and_fixes_do_not),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
