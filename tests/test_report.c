/*
 * test_report.c - the text, JSON and GitHub reporters and the summary.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/report.h"

/* Runs a reporter into memory; returns a malloc'd string. */
static char *
render(enum ycfg_format fmt, const struct ycfg_diags *d, bool color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ycfg_report(f, fmt, d, 2, color), 0);
	fclose(f);
	return buf;
}

static void
make(struct ycfg_diags *d)
{
	ycfg_diags_init(d);
	ycfg_diag_add(d, "a,b:c.cfg", 3, 7, YCFG_R_OUT_OF_RANGE,
		      "x is 5, outside 30..60");
	ycfg_diag_add(d, "a.cfg", 1, 1, YCFG_R_MISSING_HEADER,
		      "say \"hi\"\tand 100%%\nnext");
	ycfg_diag_add(d, "a.cfg", 2, 1, YCFG_R_TRAILING_WHITESPACE, "t");
	ycfg_diags_sort(d);
}

static void
text_format_is_gcc_style(void **state)
{
	struct ycfg_diags d;

	make(&d);
	char *s = render(YCFG_FMT_TEXT, &d, false);

	assert_string_equal(s,
		"a,b:c.cfg:3:7: error: x is 5, outside 30..60 [out-of-range]\n"
		"a.cfg:1:1: error: say \"hi\"\\x09and 100%\\x0anext [missing-header]\n"
		"a.cfg:2:1: info: t [trailing-whitespace]\n");
	free(s);
	ycfg_diags_free(&d);
}

static void
text_color_only_when_asked(void **state)
{
	struct ycfg_diags d;

	make(&d);
	char *plain = render(YCFG_FMT_TEXT, &d, false);
	char *color = render(YCFG_FMT_TEXT, &d, true);

	assert_null(strchr(plain, '\033'));
	assert_non_null(strchr(color, '\033'));
	free(plain);
	free(color);
	ycfg_diags_free(&d);
}

static void
json_format_escapes_and_summarises(void **state)
{
	struct ycfg_diags d;

	make(&d);
	char *s = render(YCFG_FMT_JSON, &d, false);

	assert_non_null(strstr(s, "{\"version\":1,\"diagnostics\":["));
	assert_non_null(strstr(s, "\"message\":\"say \\\"hi\\\"\\\\x09and 100%\\\\x0anext\""));
	assert_non_null(strstr(s, "\"summary\":{\"files\":2,\"errors\":2,"
			       "\"warnings\":0,\"infos\":1}"));
	free(s);
	ycfg_diags_free(&d);
}

static void
json_empty_list_is_valid(void **state)
{
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	char *s = render(YCFG_FMT_JSON, &d, false);

	assert_string_equal(s, "{\"version\":1,\"diagnostics\":[\n],"
			    "\"summary\":{\"files\":2,\"errors\":0,"
			    "\"warnings\":0,\"infos\":0}}\n");
	free(s);
	ycfg_diags_free(&d);
}

static void
github_format_escapes_properties(void **state)
{
	struct ycfg_diags d;

	make(&d);
	char *s = render(YCFG_FMT_GITHUB, &d, false);

	assert_non_null(strstr(s, "::error file=a%2Cb%3Ac.cfg,line=3,col=7,"
			       "title=out-of-range::x is 5, outside 30..60\n"));
	assert_non_null(strstr(s, "::notice file=a.cfg,line=2,col=1,"
			       "title=trailing-whitespace::t\n"));
	free(s);
	ycfg_diags_free(&d);
}

static void
github_escapes_percent_in_message(void **state)
{
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "a.cfg", 1, 1, YCFG_R_MISSING_HEADER, "100%% sure");
	char *s = render(YCFG_FMT_GITHUB, &d, false);

	assert_non_null(strstr(s, "::100%25 sure\n"));
	free(s);
	ycfg_diags_free(&d);
}

static void
format_names_parse(void **state)
{
	enum ycfg_format f;

	assert_int_equal(ycfg_format_parse("json", &f), 0);
	assert_int_equal(f, YCFG_FMT_JSON);
	assert_int_equal(ycfg_format_parse("github", &f), 0);
	assert_int_equal(ycfg_format_parse("xml", &f), -1);
	assert_int_equal(ycfg_format_parse("", &f), -1);
}

static void
summary_counts_words(void **state)
{
	struct ycfg_diags d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	make(&d);
	ycfg_report_summary(f, &d, 2);
	fclose(f);
	assert_string_equal(buf, "2 errors and 1 info in 2 files\n");
	free(buf);
	ycfg_diags_free(&d);

	ycfg_diags_init(&d);
	buf = NULL;
	f = open_memstream(&buf, &len);
	ycfg_report_summary(f, &d, 1);
	fclose(f);
	assert_string_equal(buf, "no findings in 1 file\n");
	free(buf);
	ycfg_diags_free(&d);
}

static void
write_error_is_reported(void **state)
{
	struct ycfg_diags d;
	FILE *f = fopen("/dev/full", "w");

	if (f == NULL)
		skip();
	make(&d);
	assert_int_equal(ycfg_report(f, YCFG_FMT_TEXT, &d, 1, false), -1);
	fclose(f);
	ycfg_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_format_is_gcc_style),
		cmocka_unit_test(text_color_only_when_asked),
		cmocka_unit_test(json_format_escapes_and_summarises),
		cmocka_unit_test(json_empty_list_is_valid),
		cmocka_unit_test(github_format_escapes_properties),
		cmocka_unit_test(github_escapes_percent_in_message),
		cmocka_unit_test(format_names_parse),
		cmocka_unit_test(summary_counts_words),
		cmocka_unit_test(write_error_is_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
