/*
 * test_glob.c - patterns for exclude lists and secret names: each
 * construct, path rules, case folding, and patterns that would take
 * exponential time in a backtracking matcher.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "ycfg/glob.h"

#define M(p, s) assert_true(ycfg_glob_match(p, s, 0))
#define NM(p, s) assert_false(ycfg_glob_match(p, s, 0))

static void
literals_and_question_mark(void **state)
{
	M("a.cfg", "a.cfg");
	NM("a.cfg", "b.cfg");
	M("?.cfg", "a.cfg");
	NM("?.cfg", "ab.cfg");
	NM("a?b", "a/b");
}

static void
star_stays_in_one_segment(void **state)
{
	M("*.cfg", "x.cfg");
	M("*.cfg", "dir/x.cfg");       /* no '/': the last segment only */
	M("dir/*.cfg", "dir/x.cfg");
	NM("dir/*.cfg", "dir/sub/x.cfg");
	M("*", "");
	NM("*.boot", "x.cfg");
}

static void
double_star_crosses_directories(void **state)
{
	M("bad/**", "bad/x.cfg");
	M("bad/**", "bad/sub/x.cfg");
	NM("bad/**", "good/x.cfg");
	M("**/x.cfg", "x.cfg");         /* "**" + "/" also matches nothing */
	M("**/x.cfg", "a/b/x.cfg");
	M("a/**/x.cfg", "a/x.cfg");
	M("a/**/x.cfg", "a/b/c/x.cfg");
	NM("a/**/x.cfg", "b/x.cfg");
}

static void
sets_and_ranges(void **state)
{
	M("[ab].cfg", "a.cfg");
	NM("[ab].cfg", "c.cfg");
	M("[!ab].cfg", "c.cfg");
	NM("[^ab].cfg", "a.cfg");
	M("t[0-9]", "t5");
	NM("t[0-9]", "tx");
	M("[]]", "]");
	M("a[", "a[");                  /* unclosed: literal */
	NM("x[/]y", "x/y");
}

static void
case_folding_on_request(void **state)
{
	NM("*password*", "PassWord");
	assert_true(ycfg_glob_match("*password*", "PassWord",
				    YCFG_GLOB_NOCASE));
	assert_true(ycfg_glob_match("pin", "PIN", YCFG_GLOB_NOCASE));
	assert_true(ycfg_glob_match("[a-c]", "B", YCFG_GLOB_NOCASE));
}

static void
no_exponential_blowup(void **state)
{
	char pat[128], text[128];
	clock_t t0 = clock();

	strcpy(pat, "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
	memset(text, 'a', 60);
	text[60] = '\0';
	NM(pat, text);
	strcpy(pat, "**a**a**a**a**a**a**a**a**a**a**a**a**b");
	NM(pat, text);
	/* generous: a backtracking matcher needs minutes here */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

static void
overlong_pattern_never_matches(void **state)
{
	char pat[YCFG_GLOB_MAX + 2];

	memset(pat, '*', sizeof(pat) - 1);
	pat[sizeof(pat) - 1] = '\0';
	NM(pat, "x");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literals_and_question_mark),
		cmocka_unit_test(star_stays_in_one_segment),
		cmocka_unit_test(double_star_crosses_directories),
		cmocka_unit_test(sets_and_ranges),
		cmocka_unit_test(case_folding_on_request),
		cmocka_unit_test(no_exponential_blowup),
		cmocka_unit_test(overlong_pattern_never_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
