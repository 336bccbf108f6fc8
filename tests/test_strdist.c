/*
 * test_strdist.c - edit distance: each edit costs one, transpositions
 * included; early exit above the limit; long strings refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ycfg/strdist.h"

static size_t
dist(const char *a, const char *b, size_t limit)
{
	return ycfg_strdist(a, strlen(a), b, strlen(b), limit);
}

static void
one_edit_each(void **state)
{
	assert_int_equal(dist("lint", "lint", 3), 0);
	assert_int_equal(dist("lnt", "lint", 3), 1);        /* insertion */
	assert_int_equal(dist("liint", "lint", 3), 1);      /* deletion */
	assert_int_equal(dist("lent", "lint", 3), 1);       /* substitution */
	assert_int_equal(dist("adress", "address", 3), 1);
	assert_int_equal(dist("expries", "expires", 3), 1); /* transposition */
	assert_int_equal(dist("", "abc", 3), 3);
}

static void
case_matters(void **state)
{
	assert_int_equal(dist("Lint", "lint", 3), 1);
}

static void
over_the_limit_gives_limit_plus_one(void **state)
{
	assert_int_equal(dist("abcdef", "uvwxyz", 2), 3);
	assert_int_equal(dist("a", "abcdefgh", 2), 3);  /* length gap alone */
	assert_int_equal(dist("resolve", "rules", 0), 1);
}

static void
too_long_is_never_close(void **state)
{
	char a[YCFG_STRDIST_MAX + 2];

	memset(a, 'a', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	assert_int_equal(ycfg_strdist(a, strlen(a), a, strlen(a), 5), 6);
}

static void
empty_strings(void **state)
{
	assert_int_equal(dist("", "", 0), 0);
	assert_int_equal(dist("x", "", 0), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_edit_each),
		cmocka_unit_test(case_matters),
		cmocka_unit_test(over_the_limit_gives_limit_plus_one),
		cmocka_unit_test(too_long_is_never_close),
		cmocka_unit_test(empty_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
