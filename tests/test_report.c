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
#include <unistd.h>

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

/* A file name with a newline, a workflow command and an ESC sequence, and
 * one with a byte that is not UTF-8. */
static void
make_names(struct ycfg_diags *d)
{
	ycfg_diags_init(d);
	ycfg_diag_add(d, "a\n::error file=x::y\033[31m.cfg", 2, 5,
		      YCFG_R_OUT_OF_RANGE, "m");
	ycfg_diag_add(d, "caf\xe9.cfg", 1, 1, YCFG_R_MISSING_HEADER, "m");
	ycfg_diags_sort(d);
}

static void
text_escapes_file_names(void **state)
{
	struct ycfg_diags d;

	make_names(&d);
	char *s = render(YCFG_FMT_TEXT, &d, false);

	assert_string_equal(s,
		"a\\x0a::error file=x::y\\x1b[31m.cfg:2:5: error: m "
		"[out-of-range]\n"
		"caf\\xe9.cfg:1:1: error: m [missing-header]\n");
	free(s);
	ycfg_diags_free(&d);
}

static void
json_escapes_file_names_to_valid_utf8(void **state)
{
	struct ycfg_diags d;

	make_names(&d);
	char *s = render(YCFG_FMT_JSON, &d, false);

	assert_non_null(strstr(s, "{\"file\":\"caf\\\\xe9.cfg\""));
	assert_non_null(strstr(s, "{\"file\":\"a\\\\x0a::error"));
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		assert_true(*p < 0x80 && (*p >= 0x20 || *p == '\n'));
	free(s);
	ycfg_diags_free(&d);
}

static void
github_escapes_file_names(void **state)
{
	struct ycfg_diags d;

	make_names(&d);
	char *s = render(YCFG_FMT_GITHUB, &d, false);

	/* one line per annotation, then the summary: no injected command */
	assert_non_null(strstr(s, "::error file=a\\x0a%3A%3Aerror file=x%3A%3A"
				  "y\\x1b[31m.cfg,line=2,col=5,"));
	assert_null(strchr(s, '\033'));
	for (const char *p = s; (p = strchr(p, '\n')) != NULL && p[1]; p++)
		assert_true(strncmp(p + 1, "::error file=", 13) == 0 ||
			    strncmp(p + 1, "::notice title=ycfg::", 21) == 0);
	free(s);
	ycfg_diags_free(&d);
}

static void
unknown_line_and_column_are_left_out(void **state)
{
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "s.yaml", 0, 0, YCFG_R_SCHEMA_ERROR, "whole");
	ycfg_diag_add(&d, "s.yaml", 6, 0, YCFG_R_SCHEMA_ERROR, "line");
	ycfg_diags_sort(&d);

	char *t = render(YCFG_FMT_TEXT, &d, false);
	char *g = render(YCFG_FMT_GITHUB, &d, false);

	assert_string_equal(t, "s.yaml: error: whole [schema-error]\n"
			       "s.yaml:6: error: line [schema-error]\n");
	assert_non_null(strstr(g, "::error file=s.yaml,title=schema-error::"
				  "whole\n"));
	assert_non_null(strstr(g, "::error file=s.yaml,line=6,title="));
	free(t);
	free(g);
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
	ycfg_report_summary(f, &d, 2, 0);
	fclose(f);
	assert_string_equal(buf, "2 errors and 1 info in 2 files\n");
	free(buf);
	ycfg_diags_free(&d);

	ycfg_diags_init(&d);
	buf = NULL;
	f = open_memstream(&buf, &len);
	ycfg_report_summary(f, &d, 1, 3);
	fclose(f);
	assert_string_equal(buf, "no problems in 1 file (3 phones)\n");
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

/* ---------------------------------------------------------------- SARIF */

static char *
render_sarif(const struct ycfg_diags *d, const struct ycfg_sarif_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ycfg_report_sarif(f, d, o), 0);
	fclose(f);
	return buf;
}

static size_t
occurrences(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

/* The fingerprint of result i (0-based) in a SARIF text, copied to fp. */
static void
fingerprint_of(const char *s, size_t i, char fp[17])
{
	const char *p = s;

	for (size_t k = 0; k <= i; k++) {
		p = strstr(p, "\"ycfg/v1\":\"");
		assert_non_null(p);
		p += 11;
	}
	memcpy(fp, p, 16);
	fp[16] = '\0';
}

static void
sarif_has_required_fields(void **state)
{
	struct ycfg_diags d;
	const struct ycfg_sarif_opts o = { .version = "9.8.7", .cwd = "/nowhere",
					   .no_source = true };

	make(&d);
	char *s = render_sarif(&d, &o);

	static const char head[] = "{\"$schema\":\"https://json.schemastore."
		"org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":"
		"[{\"tool\":{\"driver\":{\"name\":\"ycfg\","
		"\"version\":\"9.8.7\",\"semanticVersion\":\"9.8.7\","
		"\"rules\":[";

	assert_true(strncmp(s, head, strlen(head)) == 0);
	/* every rule of the catalogue, with its texts */
	assert_int_equal(occurrences(s, "\"defaultConfiguration\""),
			 YCFG_R__COUNT);
	assert_int_equal(occurrences(s, "\"shortDescription\""), YCFG_R__COUNT);
	assert_int_equal(occurrences(s, "\"fullDescription\""), YCFG_R__COUNT);
	assert_int_equal(occurrences(s, "\"help\":{\"text\""), YCFG_R__COUNT);
	assert_non_null(strstr(s, "{\"id\":\"missing-header\",\"name\":"
			       "\"MissingHeader\""));
	assert_non_null(strstr(s, "\\n\\nbad:\\n  # my settings\\ngood:\\n  "
			       "#!version:1.0.0.1\""));
	assert_non_null(strstr(s, "\"columnKind\":\"unicodeCodePoints\""));
	/* a result */
	assert_non_null(strstr(s, "{\"ruleId\":\"out-of-range\",\"ruleIndex\":"));
	assert_non_null(strstr(s, "\"artifactLocation\":{\"uri\":"
			       "\"a%2Cb%3Ac.cfg\"},\"region\":{\"startLine\":3,"
			       "\"startColumn\":7}"));
	assert_int_equal(occurrences(s, "\"partialFingerprints\""), 3);
	/* minified: one line */
	assert_int_equal(occurrences(s, "\n"), 1);
	assert_int_equal(s[strlen(s) - 1], '\n');
	free(s);
	ycfg_diags_free(&d);
}

static void
sarif_rule_index_is_the_enum(void **state)
{
	struct ycfg_diags d;
	char want[64];

	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "a.cfg", 2, 1, YCFG_R_UNKNOWN_KEY, "k");
	char *s = render_sarif(&d, NULL);

	snprintf(want, sizeof(want), "\"ruleId\":\"unknown-key\",\"ruleIndex\":%d,",
		 (int)YCFG_R_UNKNOWN_KEY);
	assert_non_null(strstr(s, want));
	free(s);
	ycfg_diags_free(&d);
}

static void
sarif_levels_map(void **state)
{
	struct ycfg_diags d;

	make(&d);   /* errors and an info */
	ycfg_diag_add(&d, "a.cfg", 4, 1, YCFG_R_UNKNOWN_KEY, "w");
	ycfg_diags_sort(&d);
	char *s = render_sarif(&d, NULL);

	assert_non_null(strstr(s, "\"ruleId\":\"out-of-range\",\"ruleIndex\":"));
	assert_non_null(strstr(s, "\"level\":\"error\",\"message\""));
	assert_non_null(strstr(s, "\"level\":\"warning\",\"message\""));
	assert_non_null(strstr(s, "\"level\":\"note\",\"message\":{\"text\":"
			       "\"t\"}"));
	assert_null(strstr(s, "\"level\":\"info\""));
	/* rule defaults too */
	assert_non_null(strstr(s, "\"defaultConfiguration\":{\"level\":"
			       "\"note\"}"));
	free(s);
	ycfg_diags_free(&d);
}

static void
sarif_clean_run_has_empty_results(void **state)
{
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	char *s = render_sarif(&d, NULL);

	assert_non_null(strstr(s, "\"results\":[]}]}\n"));
	assert_null(strstr(s, "\"ruleId\""));
	free(s);
	ycfg_diags_free(&d);

	/* ycfg_report chooses the same writer */
	ycfg_diags_init(&d);
	s = render(YCFG_FMT_SARIF, &d, false);
	assert_non_null(strstr(s, "\"results\":[]}]}\n"));
	free(s);
	ycfg_diags_free(&d);
}

static void
sarif_line_zero_becomes_one(void **state)
{
	struct ycfg_diags d;

	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "a.cfg", 0, 0, YCFG_R_NOT_TEXT, "binary");
	char *s = render_sarif(&d, NULL);

	assert_non_null(strstr(s, "\"region\":{\"startLine\":1,"
			       "\"startColumn\":1}"));
	assert_null(strstr(s, "\"startLine\":0"));
	free(s);
	ycfg_diags_free(&d);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
sarif_fingerprints_survive_moved_lines(void **state)
{
	char dir[] = "/tmp/ycfg-sarif.XXXXXX", path[64];
	char fp1[17], fp2[17], fp3[17], fp4[17];
	struct ycfg_diags d;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/x.cfg", dir);

	/* before: the bad key on line 2, a duplicate on line 3 */
	write_file(path, "#!version:1.0.0.1\naccount.1.adress = a\n"
		   "account.1.adress = b\n");
	ycfg_diags_init(&d);
	ycfg_diag_add(&d, path, 2, 1, YCFG_R_UNKNOWN_KEY, "unknown key");
	ycfg_diag_add(&d, path, 3, 1, YCFG_R_UNKNOWN_KEY, "unknown key");
	char *s = render_sarif(&d, NULL);

	fingerprint_of(s, 0, fp1);
	fingerprint_of(s, 1, fp2);
	assert_string_not_equal(fp1, fp2);   /* occurrence count differs */
	free(s);
	ycfg_diags_free(&d);

	/* after: two lines inserted above, values changed */
	write_file(path, "#!version:1.0.0.1\n# new\nother = 1\n"
		   "account.1.adress = changed\naccount.1.adress = b\n");
	ycfg_diags_init(&d);
	ycfg_diag_add(&d, path, 4, 1, YCFG_R_UNKNOWN_KEY, "unknown key");
	ycfg_diag_add(&d, path, 5, 1, YCFG_R_UNKNOWN_KEY, "unknown key");
	s = render_sarif(&d, NULL);
	fingerprint_of(s, 0, fp3);
	fingerprint_of(s, 1, fp4);
	assert_string_equal(fp1, fp3);
	assert_string_equal(fp2, fp4);
	free(s);

	/* another rule on the same line has another fingerprint */
	ycfg_diags_free(&d);
	ycfg_diags_init(&d);
	ycfg_diag_add(&d, path, 4, 1, YCFG_R_DUPLICATE_KEY, "unknown key");
	s = render_sarif(&d, NULL);
	fingerprint_of(s, 0, fp3);
	assert_string_not_equal(fp1, fp3);
	free(s);
	ycfg_diags_free(&d);
	unlink(path);
	rmdir(dir);
}

static void
sarif_fingerprint_without_source_ignores_line_numbers(void **state)
{
	const struct ycfg_sarif_opts o = { .no_source = true };
	struct ycfg_diags d;
	char fp1[17], fp2[17];

	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "<stdin>", 7, 1, YCFG_R_DUPLICATE_KEY,
		      "'a' is already set on line 3");
	char *s = render_sarif(&d, &o);

	fingerprint_of(s, 0, fp1);
	free(s);
	ycfg_diags_free(&d);
	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "<stdin>", 9, 1, YCFG_R_DUPLICATE_KEY,
		      "'a' is already set on line 5");
	s = render_sarif(&d, &o);
	fingerprint_of(s, 0, fp2);
	assert_string_equal(fp1, fp2);
	assert_non_null(strstr(s, "\"uri\":\"%3Cstdin%3E\""));
	free(s);
	ycfg_diags_free(&d);
}

static void
sarif_uris(void **state)
{
	char b[256];

	assert_int_equal(ycfg_sarif_uri("./a.cfg", "/w", b, sizeof(b)), 5);
	assert_string_equal(b, "a.cfg");
	ycfg_sarif_uri(".//./sub/a.cfg", "/w", b, sizeof(b));
	assert_string_equal(b, "sub/a.cfg");
	ycfg_sarif_uri("../up/a.cfg", "/w", b, sizeof(b));
	assert_string_equal(b, "../up/a.cfg");
	ycfg_sarif_uri("/w/repo/a.cfg", "/w/repo", b, sizeof(b));
	assert_string_equal(b, "a.cfg");
	ycfg_sarif_uri("/w/repo/a.cfg", "/w/repo/", b, sizeof(b));
	assert_string_equal(b, "a.cfg");
	ycfg_sarif_uri("/w/repository/a.cfg", "/w/repo", b, sizeof(b));
	assert_string_equal(b, "file:///w/repository/a.cfg");
	ycfg_sarif_uri("/etc/a.cfg", "/w", b, sizeof(b));
	assert_string_equal(b, "file:///etc/a.cfg");
	ycfg_sarif_uri("/etc/a.cfg", NULL, b, sizeof(b));
	assert_string_equal(b, "file:///etc/a.cfg");
	ycfg_sarif_uri("/etc/a.cfg", "/", b, sizeof(b));
	assert_string_equal(b, "etc/a.cfg");
	ycfg_sarif_uri("my dir/100%/caf\xc3\xa9.cfg", "/w", b, sizeof(b));
	assert_string_equal(b, "my%20dir/100%25/caf%C3%A9.cfg");
	assert_int_equal(ycfg_sarif_uri("a.cfg", "/w", b, 5), -1);
	assert_int_equal(ycfg_sarif_uri("/etc/a.cfg", "/w", b, 6), -1);
}

static void
sarif_write_error_is_reported(void **state)
{
	struct ycfg_diags d;
	FILE *f = fopen("/dev/full", "w");

	if (f == NULL)
		skip();
	make(&d);
	assert_int_equal(ycfg_report_sarif(f, &d, NULL), -1);
	fclose(f);
	ycfg_diags_free(&d);
}

static void
sarif_format_name_parses(void **state)
{
	enum ycfg_format f;

	assert_int_equal(ycfg_format_parse("sarif", &f), 0);
	assert_int_equal(f, YCFG_FMT_SARIF);
	assert_int_equal(ycfg_format_parse("SARIF", &f), -1);
}

static void
github_ends_with_a_summary_notice(void **state)
{
	struct ycfg_diags d;

	make(&d);
	char *s = render(YCFG_FMT_GITHUB, &d, false);
	size_t n = strlen(s);

	assert_true(n > 0 && s[n - 1] == '\n');
	assert_non_null(strstr(s, "\n::notice title=ycfg::ycfg: 2 errors and "
			       "1 info in 2 files\n"));
	free(s);
	ycfg_diags_free(&d);

	ycfg_diags_init(&d);
	s = render(YCFG_FMT_GITHUB, &d, false);
	assert_string_equal(s, "");   /* clean: nothing at all */
	free(s);
	ycfg_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_format_is_gcc_style),
		cmocka_unit_test(text_color_only_when_asked),
		cmocka_unit_test(text_escapes_file_names),
		cmocka_unit_test(json_escapes_file_names_to_valid_utf8),
		cmocka_unit_test(github_escapes_file_names),
		cmocka_unit_test(unknown_line_and_column_are_left_out),
		cmocka_unit_test(json_format_escapes_and_summarises),
		cmocka_unit_test(json_empty_list_is_valid),
		cmocka_unit_test(github_format_escapes_properties),
		cmocka_unit_test(github_escapes_percent_in_message),
		cmocka_unit_test(format_names_parse),
		cmocka_unit_test(summary_counts_words),
		cmocka_unit_test(write_error_is_reported),
		cmocka_unit_test(sarif_has_required_fields),
		cmocka_unit_test(sarif_rule_index_is_the_enum),
		cmocka_unit_test(sarif_levels_map),
		cmocka_unit_test(sarif_clean_run_has_empty_results),
		cmocka_unit_test(sarif_line_zero_becomes_one),
		cmocka_unit_test(sarif_fingerprints_survive_moved_lines),
		cmocka_unit_test(sarif_fingerprint_without_source_ignores_line_numbers),
		cmocka_unit_test(sarif_uris),
		cmocka_unit_test(sarif_write_error_is_reported),
		cmocka_unit_test(sarif_format_name_parses),
		cmocka_unit_test(github_ends_with_a_summary_notice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
