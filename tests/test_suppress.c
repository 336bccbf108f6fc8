/*
 * test_suppress.c - suppression directives in comment lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/suppress.h"

#define F "a.cfg"

/* Adds one finding of rule at line to d. */
static void
add(struct ycfg_diags *d, unsigned line, enum ycfg_rule rule)
{
	assert_int_equal(ycfg_diag_add(d, F, line, 1, rule, "finding %u",
				       line), 0);
}

static size_t
count_rule(const struct ycfg_diags *d, enum ycfg_rule rule)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].rule == rule;
	return n;
}

static bool
has(const struct ycfg_diags *d, unsigned line, enum ycfg_rule rule)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].rule == rule)
			return true;
	return false;
}

/* Sum of count[] must match the kept findings. */
static void
check_counts(const struct ycfg_diags *d)
{
	size_t c[3] = { 0 };

	for (size_t i = 0; i < d->n; i++)
		c[d->v[i].severity]++;
	for (int s = 0; s < 3; s++)
		assert_int_equal(c[s], d->count[s]);
}

static void
apply(const char *text, struct ycfg_diags *d, size_t start)
{
	assert_int_equal(ycfg_suppress_apply(text, strlen(text), F, d,
					     start), 0);
	check_counts(d);
}

static void
no_directive_is_untouched(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n# ycfg disable=all\nx = 1\n";

	ycfg_diags_init(&d);
	add(&d, 3, YCFG_R_UNKNOWN_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	ycfg_diags_free(&d);
}

static void
next_line_suppresses_only_that_line_and_rule(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"# ycfg: disable-next-line=unknown-key\n"
		"account.1.x = 1\n"
		"account.1.y = 1\n";

	ycfg_diags_init(&d);
	add(&d, 3, YCFG_R_UNKNOWN_KEY);
	add(&d, 3, YCFG_R_TRAILING_WHITESPACE);
	add(&d, 4, YCFG_R_UNKNOWN_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 2);
	assert_false(has(&d, 3, YCFG_R_UNKNOWN_KEY));
	assert_true(has(&d, 3, YCFG_R_TRAILING_WHITESPACE));
	assert_true(has(&d, 4, YCFG_R_UNKNOWN_KEY));
	ycfg_diags_free(&d);
}

static void
next_line_takes_a_list_and_stacks(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"  #  ycfg:  disable-next-line = unknown-key , duplicate-key"
		" -- vendor template\n"
		"# ycfg: disable-next-line=trailing-whitespace\n"
		"account.1.x = 1 \n";

	ycfg_diags_init(&d);
	add(&d, 4, YCFG_R_UNKNOWN_KEY);
	add(&d, 4, YCFG_R_DUPLICATE_KEY);
	add(&d, 4, YCFG_R_TRAILING_WHITESPACE);
	apply(text, &d, 0);
	assert_int_equal(d.n, 0);
	ycfg_diags_free(&d);
}

static void
range_disable_enable(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"    /* 1 */
		"a = 1\n"                               /* 2 */
		"# ycfg: disable=unknown-key\n"         /* 3 */
		"b = 1\n"                               /* 4 */
		"c = 1\n"                               /* 5 */
		"# ycfg: enable=unknown-key\n"          /* 6 */
		"d = 1\n";                              /* 7 */

	ycfg_diags_init(&d);
	for (unsigned l = 2; l <= 7; l++)
		if (l != 3 && l != 6)
			add(&d, l, YCFG_R_UNKNOWN_KEY);
	add(&d, 4, YCFG_R_DUPLICATE_KEY);
	apply(text, &d, 0);
	assert_true(has(&d, 2, YCFG_R_UNKNOWN_KEY));
	assert_false(has(&d, 4, YCFG_R_UNKNOWN_KEY));
	assert_false(has(&d, 5, YCFG_R_UNKNOWN_KEY));
	assert_true(has(&d, 7, YCFG_R_UNKNOWN_KEY));
	assert_true(has(&d, 4, YCFG_R_DUPLICATE_KEY));
	assert_int_equal(d.n, 3);
	ycfg_diags_free(&d);
}

static void
disable_without_enable_lasts_to_the_end(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"# ycfg: disable=duplicate-key\n"
		"a = 1\na = 2\na = 3\n";

	ycfg_diags_init(&d);
	add(&d, 4, YCFG_R_DUPLICATE_KEY);
	add(&d, 5, YCFG_R_DUPLICATE_KEY);
	add(&d, 999, YCFG_R_DUPLICATE_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 0);
	ycfg_diags_free(&d);
}

static void
disable_file_covers_line_zero(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"a = 1\n"
		"# ycfg: disable-file=no-final-newline,unknown-key\n"
		"b = 1";

	ycfg_diags_init(&d);
	add(&d, 0, YCFG_R_NO_FINAL_NEWLINE);
	add(&d, 2, YCFG_R_UNKNOWN_KEY);
	add(&d, 4, YCFG_R_UNKNOWN_KEY);
	add(&d, 4, YCFG_R_DUPLICATE_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_true(has(&d, 4, YCFG_R_DUPLICATE_KEY));
	ycfg_diags_free(&d);
}

static void
all_matches_every_rule(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"# ycfg: disable-next-line=all\n"
		"a b\n"
		"c = 1\n";

	ycfg_diags_init(&d);
	add(&d, 3, YCFG_R_MISSING_EQUALS);
	add(&d, 3, YCFG_R_SPACE_IN_KEY);
	add(&d, 4, YCFG_R_UNKNOWN_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_true(has(&d, 4, YCFG_R_UNKNOWN_KEY));
	ycfg_diags_free(&d);
}

static void
enable_one_rule_after_disable_all(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"      /* 1 */
		"# ycfg: disable=all\n"                   /* 2 */
		"a = 1\n"                                 /* 3 */
		"# ycfg: enable=unknown-key\n"            /* 4 */
		"b = 1\n";                                /* 5 */

	ycfg_diags_init(&d);
	add(&d, 3, YCFG_R_UNKNOWN_KEY);
	add(&d, 5, YCFG_R_UNKNOWN_KEY);
	add(&d, 5, YCFG_R_DUPLICATE_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_true(has(&d, 5, YCFG_R_UNKNOWN_KEY));
	ycfg_diags_free(&d);
}

static void
unknown_rule_is_reported(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"# ycfg: disable-next-line=unknown-keys,unknown-key\n"
		"a = 1\n";

	ycfg_diags_init(&d);
	add(&d, 3, YCFG_R_UNKNOWN_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, YCFG_R_UNKNOWN_SUPPRESSION);
	assert_int_equal(d.v[0].severity, YCFG_SEV_INFO);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 27);
	assert_non_null(strstr(d.v[0].msg, "'unknown-keys'"));
	assert_non_null(strstr(d.v[0].msg, "did you mean 'unknown-key'"));
	ycfg_diags_free(&d);
}

static void
malformed_directives_are_reported(void **state)
{
	static const char *const bad[] = {
		"# ycfg: disabel=unknown-key\n",
		"# ycfg: disable\n",
		"# ycfg: disable=\n",
		"# ycfg: disable=unknown-key,\n",
		"# ycfg: disable=unknown-key because\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ycfg_diags d;

		ycfg_diags_init(&d);
		add(&d, 2, YCFG_R_UNKNOWN_KEY);
		apply(bad[i], &d, 0);
		/* nothing suppressed, one problem reported */
		assert_int_equal(count_rule(&d, YCFG_R_UNKNOWN_KEY), 1);
		assert_int_equal(count_rule(&d, YCFG_R_UNKNOWN_SUPPRESSION), 1);
		assert_int_equal(d.n, 2);
		ycfg_diags_free(&d);
	}
}

static void
unused_directive_is_reported(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"# ycfg: disable-next-line=duplicate-key\n"
		"a = 1\n"
		"# ycfg: disable-file=all\n";

	ycfg_diags_init(&d);
	apply(text, &d, 0);
	assert_int_equal(d.n, 2);
	assert_int_equal(count_rule(&d, YCFG_R_UNUSED_SUPPRESSION), 2);
	assert_non_null(strstr(d.v[0].msg, "disable-next-line=duplicate-key"));
	assert_non_null(strstr(d.v[0].msg, "suppressed nothing"));
	ycfg_diags_free(&d);
}

static void
enable_without_disable_is_reported(void **state)
{
	struct ycfg_diags d;
	const char *text = "# ycfg: enable=unknown-key\n";

	ycfg_diags_init(&d);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, YCFG_R_UNUSED_SUPPRESSION);
	assert_non_null(strstr(d.v[0].msg, "no open 'disable'"));
	ycfg_diags_free(&d);
}

static void
rule_turned_off_is_not_unused(void **state)
{
	struct ycfg_diags d;
	const char *text = "# ycfg: disable-next-line=duplicate-key\na = 1\n";

	ycfg_diags_init(&d);
	ycfg_diags_set_level(&d, YCFG_R_DUPLICATE_KEY, YCFG_LEVEL_OFF);
	apply(text, &d, 0);
	assert_int_equal(d.n, 0);
	ycfg_diags_free(&d);
}

static void
crlf_file(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\r\n"
		"# ycfg: disable-next-line=unknown-key\r\n"
		"a = 1\r\n"
		"b = 1\r\n";

	ycfg_diags_init(&d);
	add(&d, 3, YCFG_R_UNKNOWN_KEY);
	add(&d, 4, YCFG_R_UNKNOWN_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_true(has(&d, 4, YCFG_R_UNKNOWN_KEY));
	ycfg_diags_free(&d);
}

static void
lone_cr_lines_count_like_the_lexer(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\r"
		"# ycfg: disable-next-line=unknown-key\r"
		"a = 1\r"
		"b = 1\r";

	ycfg_diags_init(&d);
	add(&d, 3, YCFG_R_UNKNOWN_KEY);
	add(&d, 4, YCFG_R_UNKNOWN_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_true(has(&d, 4, YCFG_R_UNKNOWN_KEY));
	ycfg_diags_free(&d);
}

static void
only_this_files_findings_from_start(void **state)
{
	struct ycfg_diags d;
	const char *text = "# ycfg: disable-file=unknown-key\n";

	ycfg_diags_init(&d);
	add(&d, 5, YCFG_R_UNKNOWN_KEY);           /* before start */
	ycfg_diag_add(&d, "b.cfg", 5, 1, YCFG_R_UNKNOWN_KEY, "other file");
	add(&d, 6, YCFG_R_UNKNOWN_KEY);           /* suppressed */
	add(&d, 7, YCFG_R_OUT_OF_RANGE);
	apply(text, &d, 1);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[0].file, F);
	assert_int_equal(d.v[0].line, 5);
	assert_string_equal(d.v[1].file, "b.cfg");
	assert_int_equal(d.v[2].rule, YCFG_R_OUT_OF_RANGE);  /* order kept */
	ycfg_diags_free(&d);
}

static void
directive_text_in_a_value_is_ignored(void **state)
{
	struct ycfg_diags d;
	const char *text = "#!version:1.0.0.1\n"
		"a = # ycfg: disable-file=all\n"
		"#ycfg:disable-file=unknown-key\n";

	ycfg_diags_init(&d);
	add(&d, 2, YCFG_R_OUT_OF_RANGE);
	add(&d, 2, YCFG_R_UNKNOWN_KEY);
	apply(text, &d, 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].rule, YCFG_R_OUT_OF_RANGE);
	ycfg_diags_free(&d);
}

static void
directive_problems_can_be_suppressed(void **state)
{
	struct ycfg_diags d;
	const char *text = "# ycfg: disable-file=unknown-suppression\n"
		"# ycfg: disable=nonsense\n";

	ycfg_diags_init(&d);
	apply(text, &d, 0);
	/* the unknown rule is not reported; the disable-file that hid it
	 * counts as unused (it suppressed no finding of the file) */
	assert_int_equal(count_rule(&d, YCFG_R_UNKNOWN_SUPPRESSION), 0);
	ycfg_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_directive_is_untouched),
		cmocka_unit_test(next_line_suppresses_only_that_line_and_rule),
		cmocka_unit_test(next_line_takes_a_list_and_stacks),
		cmocka_unit_test(range_disable_enable),
		cmocka_unit_test(disable_without_enable_lasts_to_the_end),
		cmocka_unit_test(disable_file_covers_line_zero),
		cmocka_unit_test(all_matches_every_rule),
		cmocka_unit_test(enable_one_rule_after_disable_all),
		cmocka_unit_test(unknown_rule_is_reported),
		cmocka_unit_test(malformed_directives_are_reported),
		cmocka_unit_test(unused_directive_is_reported),
		cmocka_unit_test(enable_without_disable_is_reported),
		cmocka_unit_test(rule_turned_off_is_not_unused),
		cmocka_unit_test(crlf_file),
		cmocka_unit_test(lone_cr_lines_count_like_the_lexer),
		cmocka_unit_test(only_this_files_findings_from_start),
		cmocka_unit_test(directive_text_in_a_value_is_ignored),
		cmocka_unit_test(directive_problems_can_be_suppressed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
