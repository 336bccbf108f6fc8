/*
 * test_template.c - provisioning templates: dialect names and modes,
 * template paths, detection by extension and content, and the scan that
 * blanks directives and comments, records placeholders, arms, loops,
 * continuations and the first line with content.
 *
 * Every input is copied into a heap block of exactly its length, so that
 * the sanitizers catch any read past the end of the buffer.  A view is
 * written as a mask of the scanned buffer: '~' is a byte the scan blanked
 * (now a space, inside a blanked span), any other byte must be unchanged
 * and outside every blanked span.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/template.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* One scanned input: the template and its own copy of the buffer. */
struct scanned {
	struct ycfg_template t;
	char *buf;
	size_t len;
};

static char *
copy_of(const char *s, size_t len)
{
	char *b = malloc(len ? len : 1);

	assert_non_null(b);
	if (len)
		memcpy(b, s, len);
	return b;
}

static void
scan_buf(struct scanned *v, enum ycfg_dialect d, const char *s, size_t len)
{
	v->buf = copy_of(s, len);
	v->len = len;
	ycfg_template_init(&v->t);
	assert_int_equal(ycfg_template_scan(d, v->buf, len, &v->t), 0);
	assert_int_equal(v->t.dialect, d);
}

#define SCAN(v, d, lit) scan_buf((v), (d), S(lit))

static void
scanned_free(struct scanned *v)
{
	ycfg_template_free(&v->t);
	free(v->buf);
}

static void
expect_view_at(const struct scanned *v, const char *mask, size_t n,
	       const char *file, int lineno)
{
	if (v->len != n) {
		print_error("view of %zu bytes, mask of %zu\n", v->len, n);
		_fail(file, lineno);
	}
	for (size_t i = 0; i < n; i++) {
		bool bl = ycfg_template_blanked(&v->t, i);
		bool ok = mask[i] == '~' ? v->buf[i] == ' ' && bl :
			  v->buf[i] == mask[i] &&
			  (mask[i] == '\n' || mask[i] == '\r' || !bl);

		if (!ok) {
			print_error("byte %zu: view '%c' (blanked %d), mask "
				    "'%c'\nview: [%.*s]\nmask: [%.*s]\n", i,
				    v->buf[i], bl, mask[i], (int)v->len,
				    v->buf, (int)n, mask);
			_fail(file, lineno);
		}
	}
}

#define expect_view(v, lit) \
	expect_view_at((v), S(lit), __FILE__, __LINE__)

static void
expect_ph_at(const struct scanned *v, size_t k, uint32_t start,
	     uint32_t end, const char *file, int lineno)
{
	if (k < v->t.nph && v->t.ph[k].start == start &&
	    v->t.ph[k].end == end)
		return;
	print_error("placeholder %zu: expected [%u,%u), got:\n", k, start, end);
	for (size_t i = 0; i < v->t.nph; i++)
		print_error("  [%u,%u)\n", v->t.ph[i].start, v->t.ph[i].end);
	_fail(file, lineno);
}

#define expect_ph(v, k, start, end) \
	expect_ph_at((v), (k), (start), (end), __FILE__, __LINE__)

/* The arm (index + 1) of a line, 0 outside every arm. */
static uint32_t
arm_of(const struct scanned *v, unsigned line)
{
	return line < v->t.nlines ? v->t.line_arm[line] : 0;
}

static enum ycfg_dialect
detect(const char *path, const char *s, size_t len)
{
	char *b = copy_of(s, len);
	enum ycfg_dialect d = ycfg_template_detect(path, b, len);

	free(b);
	return d;
}

#define DETECT(path, lit) detect((path), S(lit))

/* ------------------------------------------------------------------ */
/* names and modes                                                      */
/* ------------------------------------------------------------------ */

static const struct {
	const char *name;
	enum ycfg_dialect d;
} dialect_names[] = {
	{ "smarty", YCFG_TPL_SMARTY }, { "jinja", YCFG_TPL_JINJA },
	{ "provisioner", YCFG_TPL_PROVISIONER }, { "3cx", YCFG_TPL_THREECX },
	{ "blade", YCFG_TPL_BLADE }, { "shell", YCFG_TPL_SHELL },
	{ "atvar", YCFG_TPL_ATVAR }, { "brace", YCFG_TPL_BRACE },
};

static void
template_dialect_name_of_each_dialect(void **state)
{
	assert_string_equal(ycfg_dialect_name(YCFG_TPL_NONE), "none");
	for (size_t i = 0; i < sizeof(dialect_names) / sizeof(dialect_names[0]);
	     i++)
		assert_string_equal(ycfg_dialect_name(dialect_names[i].d),
				    dialect_names[i].name);
}

static void
template_dialect_name_out_of_range_is_none(void **state)
{
	assert_string_equal(ycfg_dialect_name(YCFG_TPL__COUNT), "none");
	assert_string_equal(ycfg_dialect_name((enum ycfg_dialect)1000),
			    "none");
}

static void
template_mode_parse_auto(void **state)
{
	enum ycfg_template_mode mode = YCFG_TPL_MODE_DIALECT;
	enum ycfg_dialect d = YCFG_TPL_BLADE;

	assert_int_equal(ycfg_template_mode_parse("auto", &mode, &d), 0);
	assert_int_equal(mode, YCFG_TPL_MODE_AUTO);
	assert_int_equal(d, YCFG_TPL_NONE);
}

static void
template_mode_parse_none(void **state)
{
	enum ycfg_template_mode mode = YCFG_TPL_MODE_DIALECT;
	enum ycfg_dialect d = YCFG_TPL_BLADE;

	assert_int_equal(ycfg_template_mode_parse("none", &mode, &d), 0);
	assert_int_equal(mode, YCFG_TPL_MODE_NONE);
	assert_int_equal(d, YCFG_TPL_NONE);
}

static void
template_mode_parse_each_dialect_name(void **state)
{
	for (size_t i = 0; i < sizeof(dialect_names) / sizeof(dialect_names[0]);
	     i++) {
		enum ycfg_template_mode mode = YCFG_TPL_MODE_AUTO;
		enum ycfg_dialect d = YCFG_TPL_NONE;

		assert_int_equal(ycfg_template_mode_parse(dialect_names[i].name,
							  &mode, &d), 0);
		assert_int_equal(mode, YCFG_TPL_MODE_DIALECT);
		assert_int_equal(d, dialect_names[i].d);
	}
}

static void
template_mode_parse_aliases(void **state)
{
	static const struct {
		const char *name;
		enum ycfg_dialect d;
	} alias[] = {
		{ "fusionpbx", YCFG_TPL_SMARTY }, { "twig", YCFG_TPL_JINJA },
		{ "tempita", YCFG_TPL_JINJA }, { "jinja2", YCFG_TPL_JINJA },
		{ "threecx", YCFG_TPL_THREECX }, { "sark", YCFG_TPL_SHELL },
		{ "astlinux", YCFG_TPL_ATVAR }, { "mikopbx", YCFG_TPL_BRACE },
	};

	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
		enum ycfg_template_mode mode = YCFG_TPL_MODE_AUTO;
		enum ycfg_dialect d = YCFG_TPL_NONE;

		assert_int_equal(ycfg_template_mode_parse(alias[i].name, &mode,
							  &d), 0);
		assert_int_equal(mode, YCFG_TPL_MODE_DIALECT);
		assert_int_equal(d, alias[i].d);
	}
}

static void
template_mode_parse_rejects_unknown_name(void **state)
{
	enum ycfg_template_mode mode = YCFG_TPL_MODE_AUTO;
	enum ycfg_dialect d = YCFG_TPL_BLADE;

	assert_int_equal(ycfg_template_mode_parse("mustache", &mode, &d), -1);
	/* a failed parse leaves both as they were */
	assert_int_equal(d, YCFG_TPL_BLADE);
	assert_int_equal(mode, YCFG_TPL_MODE_AUTO);
	assert_int_equal(ycfg_template_mode_parse("__count", &mode, &d), -1);
	assert_int_equal(d, YCFG_TPL_BLADE);
	assert_int_equal(mode, YCFG_TPL_MODE_AUTO);
}

static void
template_mode_parse_rejects_empty_string(void **state)
{
	enum ycfg_template_mode mode = YCFG_TPL_MODE_AUTO;
	enum ycfg_dialect d = YCFG_TPL_BLADE;

	assert_int_equal(ycfg_template_mode_parse("", &mode, &d), -1);
	assert_int_equal(d, YCFG_TPL_BLADE);
	assert_int_equal(mode, YCFG_TPL_MODE_AUTO);
}

static void
template_mode_parse_is_case_sensitive(void **state)
{
	static const char *const names[] = {
		"Jinja", "JINJA", "Auto", "NONE", "Smarty", "3CX", "SARK",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		enum ycfg_template_mode mode = YCFG_TPL_MODE_AUTO;
		enum ycfg_dialect d = YCFG_TPL_BLADE;

		assert_int_equal(ycfg_template_mode_parse(names[i], &mode, &d),
				 -1);
		assert_int_equal(d, YCFG_TPL_BLADE);
		assert_int_equal(mode, YCFG_TPL_MODE_AUTO);
	}
}

static void
template_mode_parse_rejects_prefixes_and_padding(void **state)
{
	static const char *const names[] = {
		"jin", "jinja ", " jinja", "jinja2x", "autox", "none\n",
		"3cx=1",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		enum ycfg_template_mode mode = YCFG_TPL_MODE_AUTO;
		enum ycfg_dialect d = YCFG_TPL_BLADE;

		assert_int_equal(ycfg_template_mode_parse(names[i], &mode, &d),
				 -1);
		assert_int_equal(d, YCFG_TPL_BLADE);
		assert_int_equal(mode, YCFG_TPL_MODE_AUTO);
	}
}

/* ------------------------------------------------------------------ */
/* paths                                                                */
/* ------------------------------------------------------------------ */

static void
template_path_accepts_template_extensions(void **state)
{
	assert_true(ycfg_template_path("y000000000000.tpl"));
	assert_true(ycfg_template_path("dir/base.tmpl"));
	assert_true(ycfg_template_path("base.j2"));
	assert_true(ycfg_template_path("base.jinja"));
	assert_true(ycfg_template_path("base.jinja2"));
	assert_true(ycfg_template_path("base.twig"));
	assert_true(ycfg_template_path("views/yealink.blade.php"));
	assert_true(ycfg_template_path("mac.cfg.tpl"));
}

static void
template_path_rejects_plain_extensions(void **state)
{
	assert_false(ycfg_template_path("y000000000000.cfg"));
	assert_false(ycfg_template_path("y000000000000.boot"));
	assert_false(ycfg_template_path("index.php"));
	assert_false(ycfg_template_path("base.tpl.bak"));
	assert_false(ycfg_template_path("tpl"));
	assert_false(ycfg_template_path("base_tpl"));
	assert_false(ycfg_template_path("base.j2.orig"));
}

static void
template_path_rejects_empty_string(void **state)
{
	assert_false(ycfg_template_path(""));
}

static void
template_path_is_case_sensitive(void **state)
{
	assert_false(ycfg_template_path("BASE.TPL"));
	assert_false(ycfg_template_path("base.J2"));
	assert_false(ycfg_template_path("y.Blade.php"));
}

/* ------------------------------------------------------------------ */
/* detection                                                            */
/* ------------------------------------------------------------------ */

static void
template_detect_smarty_two_variables(void **state)
{
	assert_int_equal(DETECT(NULL, "#!version:1.0.0.1\n"
				"account.1.label = {$x}\n"
				"account.2.label = {$x}\n"),
			 YCFG_TPL_SMARTY);
}

static void
template_detect_smarty_if(void **state)
{
	assert_int_equal(DETECT("t46s_mac.cfg", "{if $a}\n"
				"account.1.enable = 1\n"
				"{/if}\n"),
			 YCFG_TPL_SMARTY);
}

static void
template_detect_provisioner_line_loop(void **state)
{
	assert_int_equal(DETECT(NULL, "{line_loop}\n"
				"account.{$line}.enable = 1\n"
				"{/line_loop}\n"),
			 YCFG_TPL_PROVISIONER);
}

static void
template_detect_jinja_two_placeholders(void **state)
{
	assert_int_equal(DETECT(NULL, "a = {{ x }}\nb = {{ x }}\n"),
			 YCFG_TPL_JINJA);
}

static void
template_detect_jinja_statement(void **state)
{
	assert_int_equal(DETECT(NULL, "{% if x %}\na = 1\n{% endif %}\n"),
			 YCFG_TPL_JINJA);
}

static void
template_detect_threecx_two_placeholders(void **state)
{
	assert_int_equal(DETECT(NULL, "a = %%a%%\nb = %%a%%\n"),
			 YCFG_TPL_THREECX);
}

static void
template_detect_threecx_if(void **state)
{
	assert_int_equal(DETECT(NULL, "{IF x}\na = 1\n{ENDIF}\n"),
			 YCFG_TPL_THREECX);
}

static void
template_detect_blade_if(void **state)
{
	assert_int_equal(DETECT(NULL, "@if($x)\na = 1\n@endif\n"),
			 YCFG_TPL_BLADE);
}

static void
template_detect_astlinux_phoneprov_section(void **state)
{
	assert_int_equal(DETECT(NULL, "[general]\nx = 1\n[phoneprov]\n"
				"account.1.user_name = @EXT@\n"),
			 YCFG_TPL_ATVAR);
}

static void
template_detect_sark_include(void **state)
{
	assert_int_equal(DETECT(NULL, "#INCLUDE yealink.Common\n"
				"account.1.enable = 1\n"),
			 YCFG_TPL_SHELL);
}

static void
template_detect_sark_two_whole_variable_values(void **state)
{
	assert_int_equal(DETECT(NULL, "account.1.user_name = $ext\n"
				"account.1.password = $pass\n"),
			 YCFG_TPL_SHELL);
}

static void
template_detect_mikopbx_braces(void **state)
{
	assert_int_equal(DETECT(NULL, "a = {SIP_SERVER}\nb = {EXTENSION}\n"),
			 YCFG_TPL_BRACE);
}

static void
template_detect_blade_by_extension_before_content(void **state)
{
	/* two {{ }} would read as Jinja by content */
	assert_int_equal(DETECT("y.cfg.blade.php", "a = {{ $x }}\n"
				"b = {{ $y }}\n"),
			 YCFG_TPL_BLADE);
}

static void
template_detect_jinja_by_extension_before_content(void **state)
{
	static const char *const paths[] = {
		"a.j2", "a.jinja", "a.jinja2", "a.twig",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(DETECT(paths[i], "a = 1\n"), YCFG_TPL_JINJA);
		assert_int_equal(DETECT(paths[i], "a = {$x}\nb = {$y}\n"),
				 YCFG_TPL_JINJA);
	}
}

static void
template_detect_named_file_one_placeholder_is_enough(void **state)
{
	assert_int_equal(DETECT("mac.tpl", "a = {$x}\n"), YCFG_TPL_SMARTY);
	assert_int_equal(DETECT("mac.tpl", "a = {{ x }}\n"), YCFG_TPL_JINJA);
}

static void
template_detect_unnamed_file_one_placeholder_is_none(void **state)
{
	assert_int_equal(DETECT("mac.cfg", "a = {$x}\n"), YCFG_TPL_NONE);
	assert_int_equal(DETECT(NULL, "a = {{ x }}\n"), YCFG_TPL_NONE);
}

static void
template_detect_named_file_without_signs_is_none(void **state)
{
	/* a .tpl/.tmpl file with no sign of any dialect has nothing to
	 * read differently */
	assert_int_equal(DETECT("mac.tpl", "account.1.label = Bob\n"),
			 YCFG_TPL_NONE);
	assert_int_equal(DETECT("mac.tmpl", ""), YCFG_TPL_NONE);
}

static void
template_detect_named_file_three_dollar_words_is_shell(void **state)
{
	assert_int_equal(DETECT("mac.tpl", "a = x$one y\nb = x$two y\n"
				"c = x$three y\n"),
			 YCFG_TPL_SHELL);
	assert_int_equal(DETECT(NULL, "a = x$one y\nb = x$two y\n"
				"c = x$three y\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_plain_file_is_none(void **state)
{
	assert_int_equal(DETECT("y000000000000.cfg", "#!version:1.0.0.1\n"
				"account.1.enable = 1\n"
				"account.1.label = Reception\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_dollar_in_password_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "#!version:1.0.0.1\n"
				"account.1.password = pa$word\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_one_whole_dollar_value_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "account.1.password = $ecret\n"
				"account.2.password = x$y\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_label_rule_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "account.1.auto_label.rule = {L}_{1}\n"),
			 YCFG_TPL_NONE);
}

/* Regression (once a bug in src/template.c smarty_at, via count_tokens in
 * ycfg_template_detect): smarty_at takes "{1}" for a Smarty expression
 * tag (a digit after '{'), so a plain file with Yealink's own label rule
 * "{L}_{1}" on two accounts has two Smarty placeholders and is detected
 * as Smarty (YCFG_TPL_SMARTY) instead of YCFG_TPL_NONE. */
static void
template_detect_two_label_rules_are_none(void **state)
{
	assert_int_equal(DETECT(NULL, "account.1.auto_label.rule = {L}_{1}\n"
				"account.2.auto_label.rule = {L}_{1}\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_one_letter_braces_are_none(void **state)
{
	assert_int_equal(DETECT(NULL, "a = {L}\nb = {N}\nc = {X}\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_unclosed_double_brace_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "account.1.label = {{abc\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_sip_uri_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "account.1.sip_server.1.address = "
				"sip:100@host\n"
				"features.text = mail@if(x)\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_percent_pair_once_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "features.text = 100%%\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_one_threecx_placeholder_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "a = %%pbx%%\nb = 50%%\n"),
			 YCFG_TPL_NONE);
}

static void
template_detect_empty_buffer_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, ""), YCFG_TPL_NONE);
	assert_int_equal(DETECT("y000000000000.cfg", ""), YCFG_TPL_NONE);
}

static void
template_detect_lone_brace_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "{"), YCFG_TPL_NONE);
	assert_int_equal(DETECT(NULL, "{{"), YCFG_TPL_NONE);
	assert_int_equal(DETECT(NULL, "a = {$"), YCFG_TPL_NONE);
}

static void
template_detect_phoneprov_without_variable_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "[phoneprov]\na = 1\n"), YCFG_TPL_NONE);
}

static void
template_detect_at_variable_without_phoneprov_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "a = @MAC@\n"), YCFG_TPL_NONE);
}

static void
template_detect_hash_include_mid_line_is_none(void **state)
{
	assert_int_equal(DETECT(NULL, "a = 1 #INCLUDE x\n"), YCFG_TPL_NONE);
}

static void
template_detect_reads_nul_bytes(void **state)
{
	assert_int_equal(DETECT(NULL, "a = {{ x }}\0\n\0b = {{ y }}\n"),
			 YCFG_TPL_JINJA);
}

static void
template_detect_reads_only_the_first_64k(void **state)
{
	static const char line[] = "account.1.label = Reception desk\n";
	static const char tail[] = "{% if x %}\n{% endif %}\n";
	size_t n = 0, cap = 65536 + sizeof(line) + sizeof(tail);
	char *b = malloc(cap);

	assert_non_null(b);
	while (n < 65536) {
		memcpy(b + n, line, sizeof(line) - 1);
		n += sizeof(line) - 1;
	}
	memcpy(b + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	assert_int_equal(ycfg_template_detect(NULL, b, n), YCFG_TPL_NONE);
	/* the same tail at the start is seen */
	memcpy(b, tail, sizeof(tail) - 1);
	assert_int_equal(ycfg_template_detect(NULL, b, n), YCFG_TPL_JINJA);
	free(b);
}

/* ------------------------------------------------------------------ */
/* the scan: Smarty and Provisioner.net                                 */
/* ------------------------------------------------------------------ */

static void
template_scan_smarty_keeps_placeholders_with_exact_spans(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "account.{$row.n}.label = {$name}\n");
	expect_view(&v, "account.{$row.n}.label = {$name}\n");
	assert_int_equal(v.t.nph, 2);
	expect_ph(&v, 0, 8, 16);
	expect_ph(&v, 1, 25, 32);
	assert_int_equal(v.t.nbl, 0);
	assert_int_equal(v.t.first_line, 1);
	assert_false(v.t.header_included);
	scanned_free(&v);
}

static void
template_scan_smarty_blanks_directives_keeping_newlines(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if $a}\nk = 1\n{/if}\n");
	expect_view(&v, "~~~~~~~\nk = 1\n~~~~~\n");
	assert_int_equal(v.t.nbl, 2);
	assert_int_equal(v.t.bl[0].start, 0);
	assert_int_equal(v.t.bl[0].end, 7);
	assert_int_equal(v.t.bl[1].start, 14);
	assert_int_equal(v.t.bl[1].end, 19);
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.first_line, 2);
	scanned_free(&v);
}

static void
template_scan_smarty_blanks_comment_over_lines(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{* one\ntwo *}\nk = 1\n");
	expect_view(&v, "~~~~~~\n~~~~~~\nk = 1\n");
	assert_int_equal(v.t.nbl, 1);
	assert_int_equal(v.t.bl[0].start, 0);
	assert_int_equal(v.t.bl[0].end, 13);
	assert_int_equal(v.t.first_line, 3);
	assert_int_equal(v.t.narms, 0);
	scanned_free(&v);
}

static void
template_scan_if_else_arms_exclude_each_other(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY,
	     "{if $a}\nx = 1\n{else}\nx = 2\n{/if}\nc = 3\n");
	expect_view(&v, "~~~~~~~\nx = 1\n~~~~~~\nx = 2\n~~~~~\nc = 3\n");
	assert_int_equal(v.t.narms, 2);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(arm_of(&v, 4), 2);
	assert_int_equal(v.t.arms[0].block, v.t.arms[1].block);
	assert_int_equal(v.t.arms[0].arm, 0);
	assert_int_equal(v.t.arms[1].arm, 1);
	assert_int_equal(v.t.arms[0].line, 1);
	assert_int_equal(v.t.arms[1].line, 3);
	assert_int_equal(v.t.arms[0].parent, 0);
	assert_int_equal(v.t.arms[1].parent, 0);
	assert_false(ycfg_template_implies(&v.t, 2, 4));
	assert_false(ycfg_template_implies(&v.t, 4, 2));
	scanned_free(&v);
}

static void
template_scan_line_after_endif_is_implied_by_any_line(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY,
	     "{if $a}\nx = 1\n{else}\nx = 2\n{/if}\nc = 3\n");
	assert_int_equal(arm_of(&v, 6), 0);
	assert_true(ycfg_template_implies(&v.t, 2, 6));
	assert_true(ycfg_template_implies(&v.t, 4, 6));
	assert_true(ycfg_template_implies(&v.t, 6, 6));
	/* but a line in the if need not render when the one after does */
	assert_false(ycfg_template_implies(&v.t, 6, 2));
	assert_false(ycfg_template_implies(&v.t, 6, 4));
	/* a line renders whenever it does */
	assert_true(ycfg_template_implies(&v.t, 2, 2));
	scanned_free(&v);
}

static void
template_scan_elseif_arm_is_a_third_alternative(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if $a == 'x'}\nk = 1\n{elseif $b}\n"
	     "k = 2\n{else}\nk = 3\n{/if}\n");
	assert_int_equal(v.t.narms, 3);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(arm_of(&v, 4), 2);
	assert_int_equal(arm_of(&v, 6), 3);
	assert_int_equal(v.t.arms[2].arm, 2);
	assert_false(ycfg_template_implies(&v.t, 2, 4));
	assert_false(ycfg_template_implies(&v.t, 4, 6));
	assert_false(ycfg_template_implies(&v.t, 6, 2));
	scanned_free(&v);
}

static void
template_scan_inline_if_before_equals_keeps_first_arm(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY,
	     "{if $x}account.1.transport = 0"
	     "{else}account.1.transport = 1{/if}\n"
	     "b = 1\n");
	expect_view(&v,
	     "~~~~~~~account.1.transport = 0"
	     "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
	     "b = 1\n");
	assert_int_equal(v.t.nph, 0);
	/* the line's own arm, closed at its end */
	assert_int_equal(v.t.narms, 1);
	assert_int_equal(arm_of(&v, 1), 1);
	assert_int_equal(v.t.arms[0].parent, 0);
	assert_int_equal(v.t.arms[0].line, 1);
	assert_false(v.t.arms[0].loop);
	assert_int_equal(arm_of(&v, 2), 0);
	assert_true(ycfg_template_implies(&v.t, 1, 2));
	assert_false(ycfg_template_implies(&v.t, 2, 1));
	scanned_free(&v);
}

static void
template_scan_inline_if_before_equals_without_else(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if $x}account.1.transport = 0{/if}\n");
	expect_view(&v, "~~~~~~~account.1.transport = 0~~~~~\n");
	assert_int_equal(v.t.narms, 1);
	assert_int_equal(arm_of(&v, 1), 1);
	scanned_free(&v);
}

static void
template_scan_inline_if_keeps_enclosing_loop(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{foreach $rows as $row}\n"
	     "{if $row.tls}k.{$row.n} = 2{else}k.{$row.n} = 0{/if}\n"
	     "{/foreach}\n");
	assert_int_equal(v.t.narms, 2);
	assert_int_equal(arm_of(&v, 2), 2);
	assert_int_equal(v.t.arms[1].parent, 1);
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	/* only the first arm's placeholder is in the view */
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 39, 47);
	scanned_free(&v);
}

static void
template_scan_inline_if_after_equals_is_one_placeholder(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "key = {if $a}1{else}0{/if}\n");
	expect_view(&v, "key = {if $a}1{else}0{/if}\n");
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 6, 26);
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(v.t.nbl, 0);
	assert_int_equal(arm_of(&v, 1), 0);
	scanned_free(&v);
}

static void
template_scan_ifs_written_alike_imply_each_other(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if isset($a)}\nx = 1\n{/if}\n"
	     "{if isset($a)}\ny = 2\n{/if}\n");
	assert_int_equal(v.t.narms, 2);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(arm_of(&v, 5), 2);
	assert_int_not_equal(v.t.arms[0].block, v.t.arms[1].block);
	assert_int_equal(v.t.arms[0].cond, v.t.arms[1].cond);
	assert_true(ycfg_template_implies(&v.t, 2, 5));
	assert_true(ycfg_template_implies(&v.t, 5, 2));
	scanned_free(&v);
}

static void
template_scan_else_arms_of_ifs_written_alike_imply_each_other(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if $a}\nx = 1\n{else}\nx = 2\n{/if}\n"
	     "{if $a}\ny = 1\n{else}\ny = 2\n{/if}\n");
	assert_true(ycfg_template_implies(&v.t, 4, 9));
	assert_true(ycfg_template_implies(&v.t, 9, 4));
	assert_true(ycfg_template_implies(&v.t, 2, 7));
	/* the if arm of one and the else arm of the other */
	assert_false(ycfg_template_implies(&v.t, 2, 9));
	assert_false(ycfg_template_implies(&v.t, 9, 2));
	scanned_free(&v);
}

static void
template_scan_ifs_alike_but_for_trim_markers_imply_each_other(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% if x %}\na = 1\n{% endif %}\n"
	     "{%- if x -%}\nb = 2\n{%- endif %}\n");
	assert_int_equal(v.t.narms, 2);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(arm_of(&v, 5), 2);
	assert_int_equal(v.t.arms[0].cond, v.t.arms[1].cond);
	assert_true(ycfg_template_implies(&v.t, 2, 5));
	assert_true(ycfg_template_implies(&v.t, 5, 2));
	assert_int_equal(v.t.ncont, 0);
	scanned_free(&v);
}

static void
template_scan_different_conditions_do_not_imply(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if isset($a)}\nx = 1\n{/if}\n"
	     "{if isset($b)}\ny = 2\n{/if}\n");
	assert_int_not_equal(v.t.arms[0].cond, v.t.arms[1].cond);
	assert_false(ycfg_template_implies(&v.t, 2, 5));
	assert_false(ycfg_template_implies(&v.t, 5, 2));
	scanned_free(&v);
}

static void
template_scan_smarty_loop_line_in_body_and_outside(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = 0\n"
	     "{foreach $rows as $row}\n"
	     "account.{$row.n}.label = x\n"
	     "{/foreach}\n"
	     "b = 1\n");
	assert_int_equal(v.t.narms, 1);
	assert_true(v.t.arms[0].loop);
	assert_false(v.t.arms[0].once);
	assert_int_equal(v.t.arms[0].line, 2);
	assert_int_equal(ycfg_template_loop_line(&v.t, 3), 2);
	assert_int_equal(ycfg_template_loop_line(&v.t, 1), 0);
	assert_int_equal(ycfg_template_loop_line(&v.t, 5), 0);
	/* a loop body may render no time */
	assert_true(ycfg_template_implies(&v.t, 3, 1));
	assert_false(ycfg_template_implies(&v.t, 1, 3));
	scanned_free(&v);
}

static void
template_scan_smarty_if_on_a_number_picks_one_pass(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{foreach $rows as $row}\n"
	     "account.{$row.n}.label = x\n"
	     "{if $row.n == 1}\n"
	     "account.{$row.n}.enable = 1\n"
	     "{/if}\n"
	     "{/foreach}\n"
	     "a = 1\n");
	assert_int_equal(v.t.narms, 2);
	assert_true(v.t.arms[1].once);
	assert_int_equal(v.t.arms[1].parent, 1);
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	assert_int_equal(ycfg_template_loop_line(&v.t, 4), 0);
	assert_int_equal(ycfg_template_loop_line(&v.t, 7), 0);
	scanned_free(&v);
}

static void
template_scan_smarty_quoted_number_picks_one_pass(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{foreach $rows as $row}\n"
	     "{if $row.n == '2'}\nk = 1\n{/if}\n"
	     "{if $row.n != 2}\nk = 2\n{/if}\n"
	     "{/foreach}\n");
	assert_true(v.t.arms[1].once);
	assert_false(v.t.arms[2].once);
	assert_int_equal(ycfg_template_loop_line(&v.t, 3), 0);
	assert_int_equal(ycfg_template_loop_line(&v.t, 6), 1);
	scanned_free(&v);
}

static void
template_scan_smarty_nested_braces_in_if_tag(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY,
	     "{if $account.{$row.n}.x == 'udp'}\nk = 1\n{/if}\n");
	expect_view(&v, "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\nk = 1\n~~~~~\n");
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.narms, 1);
	assert_false(v.t.arms[0].once);
	assert_int_equal(arm_of(&v, 2), 1);
	scanned_free(&v);
}

static void
template_scan_smarty_expression_tags_are_placeholders(void **state)
{
	struct scanned v;

	/* strings print; {0} is left as text (Yealink's own label rules
	 * read {L}_{1}) */
	SCAN(&v, YCFG_TPL_SMARTY, "a = {\"\"}{0}\nb = {'x'}\n");
	expect_view(&v, "a = {\"\"}{0}\nb = {'x'}\n");
	assert_int_equal(v.t.nph, 2);
	expect_ph(&v, 0, 4, 8);
	expect_ph(&v, 1, 16, 21);
	scanned_free(&v);
}

static void
template_scan_smarty_unknown_tags_are_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = {L}_{N} {x}\n{/unknown}\n");
	expect_view(&v, "a = {L}_{N} {x}\n{/unknown}\n");
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.nbl, 0);
	scanned_free(&v);
}

static void
template_scan_smarty_include_before_content_includes_header(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY,
	     "{* common *}\n{include file=\"x\"}\nk = 1\n");
	expect_view(&v, "~~~~~~~~~~~~\n~~~~~~~~~~~~~~~~~~\nk = 1\n");
	assert_true(v.t.header_included);
	assert_int_equal(v.t.first_line, 3);
	scanned_free(&v);
}

static void
template_scan_smarty_include_after_content_does_not(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "#!version:1.0.0.1\n{include file=\"x\"}\n");
	expect_view(&v, "#!version:1.0.0.1\n~~~~~~~~~~~~~~~~~~\n");
	assert_false(v.t.header_included);
	assert_int_equal(v.t.first_line, 1);
	scanned_free(&v);
}

static void
template_scan_provisioner_loop_memkey(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_PROVISIONER, "{loop_memkey}\n"
	     "memorykey.{$number}.type = {$type}\n"
	     "{/loop_memkey}\n");
	expect_view(&v, "~~~~~~~~~~~~~\n"
		    "memorykey.{$number}.type = {$type}\n"
		    "~~~~~~~~~~~~~~\n");
	assert_int_equal(v.t.nph, 2);
	expect_ph(&v, 0, 24, 33);
	expect_ph(&v, 1, 41, 48);
	assert_int_equal(v.t.narms, 1);
	assert_true(v.t.arms[0].loop);
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	assert_int_equal(v.t.first_line, 2);
	scanned_free(&v);
}

static void
template_scan_provisioner_line_loop(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_PROVISIONER, "{line_loop}\n"
	     "account.{$line}.enable = 1\n"
	     "{/line_loop}\n"
	     "a = 1\n");
	expect_view(&v, "~~~~~~~~~~~\naccount.{$line}.enable = 1\n"
		    "~~~~~~~~~~~~\na = 1\n");
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	assert_int_equal(ycfg_template_loop_line(&v.t, 4), 0);
	scanned_free(&v);
}

/* ------------------------------------------------------------------ */
/* the scan: Jinja, Twig, Tempita                                       */
/* ------------------------------------------------------------------ */

static void
template_scan_jinja_placeholders_and_statements(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% if x %}\nk = {{ v }}\n{% endif %}\n");
	expect_view(&v, "~~~~~~~~~~\nk = {{ v }}\n~~~~~~~~~~~\n");
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 15, 22);
	assert_int_equal(v.t.narms, 1);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(v.t.ncont, 0);
	scanned_free(&v);
}

static void
template_scan_jinja_comment_line_gives_first_line_2(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{# comment #}\n#!version:1.0.0.1\n");
	expect_view(&v, "~~~~~~~~~~~~~\n#!version:1.0.0.1\n");
	assert_int_equal(v.t.first_line, 2);
	assert_false(v.t.header_included);
	assert_int_equal(v.t.ncont, 0);
	scanned_free(&v);
}

static void
template_scan_jinja_extends_includes_header(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% extends \"base.tpl\" %}\nk = 1\n");
	expect_view(&v, "~~~~~~~~~~~~~~~~~~~~~~~~\nk = 1\n");
	assert_true(v.t.header_included);
	assert_int_equal(v.t.first_line, 2);
	scanned_free(&v);
}

static void
template_scan_jinja_include_after_content_does_not(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "#!version:1.0.0.1\n{% include \"a\" %}\n");
	assert_false(v.t.header_included);
	assert_int_equal(v.t.first_line, 1);
	scanned_free(&v);
}

static void
template_scan_jinja_loop_first_picks_one_pass(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% for r in rows %}\n"
	     "{% if loop.first %}\na = 1\n{% endif %}\n"
	     "{% endfor %}\n");
	assert_int_equal(v.t.narms, 2);
	assert_true(v.t.arms[0].loop);
	assert_true(v.t.arms[1].once);
	assert_int_equal(arm_of(&v, 3), 2);
	assert_int_equal(ycfg_template_loop_line(&v.t, 3), 0);
	scanned_free(&v);
}

static void
template_scan_jinja_ordinary_if_keeps_loop_line(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% for r in rows %}\n"
	     "{% if x is defined %}\nb = 2\n{% endif %}\n"
	     "{% endfor %}\n");
	assert_int_equal(v.t.narms, 2);
	assert_false(v.t.arms[1].once);
	assert_int_equal(arm_of(&v, 3), 2);
	assert_int_equal(ycfg_template_loop_line(&v.t, 3), 1);
	scanned_free(&v);
}

static void
template_scan_jinja_loops_alike_imply_each_other(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% for r in rows %}\na = 1\n{% endfor %}\n"
	     "{% for r in rows %}\nb = 2\n{% endfor %}\n"
	     "{% for r in other %}\nc = 3\n{% endfor %}\n");
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	assert_int_equal(ycfg_template_loop_line(&v.t, 5), 4);
	assert_true(ycfg_template_implies(&v.t, 2, 5));
	assert_true(ycfg_template_implies(&v.t, 5, 2));
	assert_false(ycfg_template_implies(&v.t, 2, 8));
	assert_false(ycfg_template_implies(&v.t, 8, 5));
	scanned_free(&v);
}

static void
template_scan_jinja_dash_before_trims_blanks_before(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA,
	     "{% if y %}\n   {%- if x %}\nb = 2\n{% endif %}{% endif %}\n");
	expect_view(&v, "~~~~~~~~~~\n~~~~~~~~~~~~~~\nb = 2\n"
		    "~~~~~~~~~~~~~~~~~~~~~~\n");
	assert_true(ycfg_template_blanked(&v.t, 11));
	assert_false(ycfg_template_has_own_ws(&v.t, v.buf, 11, 14));
	assert_int_equal(v.t.first_line, 3);
	assert_int_equal(v.t.ncont, 0);
	assert_int_equal(arm_of(&v, 3), 2);
	scanned_free(&v);
}

static void
template_scan_jinja_tag_without_dash_keeps_blanks_before(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA,
	     "{% if y %}\n   {% if x %}\nb = 2\n{% endif %}{% endif %}\n");
	expect_view(&v, "~~~~~~~~~~\n   ~~~~~~~~~~\nb = 2\n"
		    "~~~~~~~~~~~~~~~~~~~~~~\n");
	assert_false(ycfg_template_blanked(&v.t, 11));
	assert_true(ycfg_template_has_own_ws(&v.t, v.buf, 11, 14));
	scanned_free(&v);
}

static void
template_scan_jinja_dash_after_trims_blanks_after(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% if x -%}   \n  b = 2\n{% endif %}\n");
	expect_view(&v, "~~~~~~~~~~~~~~\n~~b = 2\n~~~~~~~~~~~\n");
	/* the tag and the blanks it trims are one span; the newline
	 * between them is no blank of its own */
	assert_int_equal(v.t.nbl, 3);
	assert_int_equal(v.t.bl[0].start, 0);
	assert_int_equal(v.t.bl[0].end, 14);
	assert_int_equal(v.t.bl[1].start, 15);
	assert_int_equal(v.t.bl[1].end, 17);
	assert_int_equal(v.t.bl[2].start, 23);
	assert_int_equal(v.t.bl[2].end, 34);
	assert_true(ycfg_template_blanked(&v.t, 15));
	assert_false(ycfg_template_has_own_ws(&v.t, v.buf, 11, 14));
	assert_false(ycfg_template_has_own_ws(&v.t, v.buf, 15, 17));
	/* b's own blanks are still its own */
	assert_true(ycfg_template_has_own_ws(&v.t, v.buf, 15, 19));
	assert_int_equal(v.t.first_line, 2);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(v.t.ncont, 0);
	scanned_free(&v);
}

static void
template_scan_jinja_tag_without_dash_keeps_blanks_after(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% if x %}   \n  b = 2\n{% endif %}\n");
	expect_view(&v, "~~~~~~~~~~   \n  b = 2\n~~~~~~~~~~~\n");
	assert_true(ycfg_template_has_own_ws(&v.t, v.buf, 10, 13));
	assert_true(ycfg_template_has_own_ws(&v.t, v.buf, 14, 16));
	scanned_free(&v);
}

static void
template_scan_jinja_continuation_marks_the_key_line(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA,
	     "key = \n{%- if x %}\n  {{ v }}\n{%- endif %}\n");
	expect_view(&v, "key =~\n~~~~~~~~~~~\n  ~~~~~~~\n~~~~~~~~~~~~\n");
	assert_true(ycfg_template_continued(&v.t, 1));
	assert_false(ycfg_template_continued(&v.t, 2));
	assert_false(ycfg_template_continued(&v.t, 3));
	assert_int_equal(v.t.ncont, 1);
	/* the continuation's placeholder is blanked, not listed */
	assert_int_equal(v.t.nph, 0);
	assert_true(ycfg_template_has_own_ws(&v.t, v.buf, 19, 21));
	scanned_free(&v);
}

static void
template_scan_jinja_continuations_stay_ascending(void **state)
{
	struct scanned v;

	/* line 3 continues line 2, then the else arm goes back to line 1 */
	SCAN(&v, YCFG_TPL_JINJA, "a = {% if x %}1\nb =\n{{- v }}\n"
	     "{% else %}\n2\n{% endif %}\n");
	assert_int_equal(v.t.ncont, 2);
	assert_int_equal(v.t.cont[0], 1);
	assert_int_equal(v.t.cont[1], 2);
	assert_true(ycfg_template_continued(&v.t, 1));
	assert_true(ycfg_template_continued(&v.t, 2));
	assert_false(ycfg_template_continued(&v.t, 3));
	expect_view(&v, "a = ~~~~~~~~~~1\nb =\n~~~~~~~~\n~~~~~~~~~~\n~\n"
		    "~~~~~~~~~~~\n");
	scanned_free(&v);
}

static void
template_scan_jinja_inline_if_after_equals_is_one_placeholder(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "key = {% if a %}1{% else %}0{% endif %}\n");
	expect_view(&v, "key = {% if a %}1{% else %}0{% endif %}\n");
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 6, 39);
	assert_int_equal(v.t.narms, 0);
	scanned_free(&v);
}

static void
template_scan_tempita_statements(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{{if x}}\nk = {{v}}\n{{endif}}\n{{# c }}\n");
	expect_view(&v, "~~~~~~~~\nk = {{v}}\n~~~~~~~~~\n~~~~~~~~\n");
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 13, 18);
	assert_int_equal(arm_of(&v, 2), 1);
	scanned_free(&v);
}

/* ------------------------------------------------------------------ */
/* the scan: 3CX, Blade, SARK, AstLinux, MikoPBX                        */
/* ------------------------------------------------------------------ */

static void
template_scan_threecx_placeholders(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_THREECX, "a = %%pbx%%:%%port%%\nb = 50%%\n");
	expect_view(&v, "a = %%pbx%%:%%port%%\nb = 50%%\n");
	assert_int_equal(v.t.nph, 2);
	expect_ph(&v, 0, 4, 11);
	expect_ph(&v, 1, 12, 20);
	scanned_free(&v);
}

static void
template_scan_threecx_if_else_arms(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_THREECX, "#!version:1.0.0.1\n{IF a}\n"
	     "x = %%pbx%%\n{ELSE}\nx = 2\n{ENDIF}\n");
	expect_view(&v, "#!version:1.0.0.1\n~~~~~~\nx = %%pbx%%\n~~~~~~\n"
		    "x = 2\n~~~~~~~\n");
	expect_ph(&v, 0, 29, 36);
	assert_int_equal(arm_of(&v, 3), 1);
	assert_int_equal(arm_of(&v, 5), 2);
	assert_false(ycfg_template_implies(&v.t, 3, 5));
	assert_false(ycfg_template_implies(&v.t, 5, 3));
	scanned_free(&v);
}

static void
template_scan_blade_placeholders(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "a = {{ $n }}\nb = {!! $x !!}\n");
	expect_view(&v, "a = {{ $n }}\nb = {!! $x !!}\n");
	assert_int_equal(v.t.nph, 2);
	expect_ph(&v, 0, 4, 12);
	expect_ph(&v, 1, 17, 27);
	scanned_free(&v);
}

static void
template_scan_blade_comment_blanked(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "{{-- c --}}\na = 1\n");
	expect_view(&v, "~~~~~~~~~~~\na = 1\n");
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.first_line, 2);
	scanned_free(&v);
}

static void
template_scan_blade_if_else_arms(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "@if($a)\nb = 1\n@else\nb = 2\n@endif\n");
	expect_view(&v, "~~~~~~~\nb = 1\n~~~~~\nb = 2\n~~~~~~\n");
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(arm_of(&v, 4), 2);
	assert_false(ycfg_template_implies(&v.t, 2, 4));
	assert_false(ycfg_template_implies(&v.t, 4, 2));
	scanned_free(&v);
}

static void
template_scan_blade_foreach_loop(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "@foreach($lines as $l)\n"
	     "account.{{ $l->n }}.enable = 1\n@endforeach\n");
	expect_view(&v, "~~~~~~~~~~~~~~~~~~~~~~\n"
		    "account.{{ $l->n }}.enable = 1\n~~~~~~~~~~~\n");
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	expect_ph(&v, 0, 31, 42);
	scanned_free(&v);
}

static void
template_scan_blade_php_block_blanked(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "@php\n$x = 1;\n@endphp\na = 1\n");
	expect_view(&v, "~~~~\n~~~~~~~\n~~~~~~~\na = 1\n");
	assert_int_equal(v.t.nbl, 1);
	assert_int_equal(v.t.bl[0].start, 0);
	assert_int_equal(v.t.bl[0].end, 20);
	assert_int_equal(v.t.first_line, 4);
	scanned_free(&v);
}

static void
template_scan_blade_at_after_text_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "a = sip:100@host\nb = x@if($y)\n");
	expect_view(&v, "a = sip:100@host\nb = x@if($y)\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(v.t.nbl, 0);
	scanned_free(&v);
}

static void
template_scan_shell_include_and_placeholders(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SHELL, "#INCLUDE base.cfg\na = $x\nb = ${y}\n");
	expect_view(&v, "~~~~~~~~~~~~~~~~~\na = $x\nb = ${y}\n");
	assert_true(v.t.header_included);
	assert_int_equal(v.t.first_line, 2);
	assert_int_equal(v.t.nph, 2);
	expect_ph(&v, 0, 22, 24);
	expect_ph(&v, 1, 29, 33);
	scanned_free(&v);
}

static void
template_scan_shell_include_after_content_does_not(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SHELL, "a = 1\n#INCLUDE base.cfg\n");
	expect_view(&v, "a = 1\n~~~~~~~~~~~~~~~~~\n");
	assert_false(v.t.header_included);
	scanned_free(&v);
}

static void
template_scan_shell_include_mid_line_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SHELL, "a = 1 #INCLUDE x\n");
	expect_view(&v, "a = 1 #INCLUDE x\n");
	assert_false(v.t.header_included);
	assert_int_equal(v.t.nbl, 0);
	scanned_free(&v);
}

static void
template_scan_shell_dollar_without_name_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SHELL, "a = pa$$1 $ $-\n");
	expect_view(&v, "a = pa$$1 $ $-\n");
	assert_int_equal(v.t.nph, 0);
	scanned_free(&v);
}

static void
template_scan_atvar_blanks_up_to_phoneprov(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_ATVAR, "[general]\nx=1\n[phoneprov]\na = @MAC@\n");
	expect_view(&v, "~~~~~~~~~\n~~~\n~~~~~~~~~~~\na = @MAC@\n");
	assert_int_equal(v.t.nbl, 1);
	assert_int_equal(v.t.bl[0].start, 0);
	assert_int_equal(v.t.bl[0].end, 25);
	assert_int_equal(v.t.first_line, 4);
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 30, 35);
	scanned_free(&v);
}

/* Regression (once a bug in src/template.c ycfg_template_scan): the [phoneprov] section is
 * found by memmem(buf, len, "\n[phoneprov]", 12), so a file whose first
 * line is "[phoneprov]" keeps that line in the view (first_line 1)
 * instead of blanking it (first_line 2); ycfg_template_detect finds the
 * same file by "[phoneprov]" anywhere and calls it AstLinux. */
static void
template_scan_atvar_phoneprov_on_first_line(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_ATVAR, "[phoneprov]\na = @MAC@\n");

	bool ok = v.t.first_line == 2 && v.buf[0] == ' ' &&
		  ycfg_template_blanked(&v.t, 0);

	scanned_free(&v);
	assert_true(ok);
}

static void
template_scan_atvar_comment_line_and_next_section(void **state)
{
	struct scanned v;

	/* a '#' line inside the section is dropped, and so is every
	 * section after it; the blanked spans stay in order (the fuzzer
	 * found them out of order once) */
	SCAN(&v, YCFG_TPL_ATVAR, "[phoneprov]\n# c\na = @A@\n[sip]\nb = 1\n");
	expect_view(&v, "~~~~~~~~~~~\n~~~\na = @A@\n~~~~~\n~~~~~\n");
	for (size_t i = 1; i < v.t.nbl; i++)
		assert_true(v.t.bl[i].start >= v.t.bl[i - 1].end);
	assert_true(ycfg_template_blanked(&v.t, 12));
	assert_true(ycfg_template_blanked(&v.t, 26));
	assert_false(ycfg_template_blanked(&v.t, 16));
	scanned_free(&v);
}

static void
template_scan_atvar_escaped_hash(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_ATVAR, "x\n[phoneprov]\na = @PW@\\#1\n");
	expect_view(&v, "~\n~~~~~~~~~~~\na = @PW@~#1\n");
	expect_ph(&v, 0, 18, 22);
	scanned_free(&v);
}

static void
template_scan_atvar_without_section_blanks_nothing(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_ATVAR, "a = @MAC@ @mac@ @@\n");
	expect_view(&v, "a = @MAC@ @mac@ @@\n");
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 4, 9);
	scanned_free(&v);
}

static void
template_scan_brace_placeholders(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BRACE, "a = {SIP_SERVER}\nb = {EXTENSION}\n"
	     "c = {lower} {A-B}\n");
	expect_view(&v, "a = {SIP_SERVER}\nb = {EXTENSION}\n"
		    "c = {lower} {A-B}\n");
	assert_int_equal(v.t.nph, 2);
	expect_ph(&v, 0, 4, 16);
	expect_ph(&v, 1, 21, 32);
	scanned_free(&v);
}

/* ------------------------------------------------------------------ */
/* the queries                                                          */
/* ------------------------------------------------------------------ */

static void
template_has_ph_at_exact_bounds(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = {$x} b\n");
	expect_ph(&v, 0, 4, 8);
	assert_false(ycfg_template_has_ph(&v.t, 0, 4));
	assert_true(ycfg_template_has_ph(&v.t, 3, 5));
	assert_true(ycfg_template_has_ph(&v.t, 7, 8));
	assert_false(ycfg_template_has_ph(&v.t, 8, 11));
	assert_false(ycfg_template_has_ph(&v.t, 4, 4));
	scanned_free(&v);
}

static void
template_ph_from_containing_or_following(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = {$x} {$y}\n");
	assert_ptr_equal(ycfg_template_ph_from(&v.t, 0), &v.t.ph[0]);
	assert_ptr_equal(ycfg_template_ph_from(&v.t, 7), &v.t.ph[0]);
	assert_ptr_equal(ycfg_template_ph_from(&v.t, 8), &v.t.ph[1]);
	assert_ptr_equal(ycfg_template_ph_from(&v.t, 9), &v.t.ph[1]);
	assert_null(ycfg_template_ph_from(&v.t, 13));
	assert_null(ycfg_template_ph_from(&v.t, 1000));
	scanned_free(&v);
}

static void
template_blanked_at_exact_bounds(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = 1 {* c *} b\n");
	assert_false(ycfg_template_blanked(&v.t, 5));
	assert_true(ycfg_template_blanked(&v.t, 6));
	assert_true(ycfg_template_blanked(&v.t, 12));
	assert_false(ycfg_template_blanked(&v.t, 13));
	assert_false(ycfg_template_blanked(&v.t, 1000));
	assert_true(ycfg_template_has_own_ws(&v.t, v.buf, 5, 7));
	assert_false(ycfg_template_has_own_ws(&v.t, v.buf, 6, 13));
	assert_true(ycfg_template_has_own_ws(&v.t, v.buf, 6, 14));
	assert_false(ycfg_template_has_own_ws(&v.t, v.buf, 3, 3));
	scanned_free(&v);
}

/* ------------------------------------------------------------------ */
/* bad input                                                            */
/* ------------------------------------------------------------------ */

static void
template_scan_unterminated_double_brace_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "a = {{ x\nb = 1\n");
	expect_view(&v, "a = {{ x\nb = 1\n");
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.nbl, 0);
	assert_int_equal(v.t.first_line, 1);
	scanned_free(&v);
}

static void
template_scan_statement_without_close_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% if x\na = 1\n");
	expect_view(&v, "{% if x\na = 1\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(arm_of(&v, 2), 0);
	assert_int_equal(v.t.first_line, 1);
	scanned_free(&v);
}

static void
template_scan_jinja_comment_never_closed_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{# never closed\na = 1\n");
	expect_view(&v, "{# never closed\na = 1\n");
	assert_int_equal(v.t.nbl, 0);
	scanned_free(&v);
}

static void
template_scan_smarty_comment_never_closed_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{* never closed\na = 1\n");
	expect_view(&v, "{* never closed\na = 1\n");
	assert_int_equal(v.t.nbl, 0);
	assert_int_equal(v.t.first_line, 1);
	scanned_free(&v);
}

static void
template_scan_smarty_variable_at_end_of_buffer(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = {$x");
	expect_view(&v, "a = {$x");
	assert_int_equal(v.t.nph, 0);
	scanned_free(&v);
}

static void
template_scan_smarty_variable_closed_on_next_line_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = {$x\n}\n{if $a\n}\n");
	expect_view(&v, "a = {$x\n}\n{if $a\n}\n");
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.narms, 0);
	scanned_free(&v);
}

static void
template_scan_blade_php_without_endphp_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "@php\na = 1\n");
	expect_view(&v, "@php\na = 1\n");
	assert_int_equal(v.t.nbl, 0);
	assert_int_equal(v.t.first_line, 1);
	scanned_free(&v);
}

static void
template_scan_blade_echo_never_closed_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "a = {{ $x\nb = {!! $y !}\n{{-- c\n");
	expect_view(&v, "a = {{ $x\nb = {!! $y !}\n{{-- c\n");
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.nbl, 0);
	scanned_free(&v);
}

static void
template_scan_blade_if_without_balanced_parens_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "@if $a\n@if($a\n@foreach\n");
	expect_view(&v, "@if $a\n@if($a\n@foreach\n");
	assert_int_equal(v.t.narms, 0);
	scanned_free(&v);
}

static void
template_scan_threecx_unclosed_tokens_are_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_THREECX, "a = %%pbx\n{IF a\nb = %%\n%%x%");
	expect_view(&v, "a = %%pbx\n{IF a\nb = %%\n%%x%");
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.narms, 0);
	scanned_free(&v);
}

static void
template_scan_shell_unclosed_brace_variable_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SHELL, "a = ${x\nb = 1\n$");
	expect_view(&v, "a = ${x\nb = 1\n$");
	assert_int_equal(v.t.nph, 0);
	scanned_free(&v);
}

static void
template_scan_atvar_unclosed_variable_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_ATVAR, "a = @MAC\nb = @MAC");
	expect_view(&v, "a = @MAC\nb = @MAC");
	assert_int_equal(v.t.nph, 0);
	scanned_free(&v);
}

static void
template_scan_brace_unclosed_variable_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BRACE, "a = {SIP\nb = {SIP");
	expect_view(&v, "a = {SIP\nb = {SIP");
	assert_int_equal(v.t.nph, 0);
	scanned_free(&v);
}

static void
template_scan_smarty_quoted_brace_inside_tag(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if $a == '}'}\nk = 1\n{/if}\n");
	expect_view(&v, "~~~~~~~~~~~~~~\nk = 1\n~~~~~\n");
	assert_int_equal(arm_of(&v, 2), 1);
	scanned_free(&v);
}

static void
template_scan_smarty_tag_with_unclosed_quote_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if $a == 'x}\nk = 1\n");
	expect_view(&v, "{if $a == 'x}\nk = 1\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(arm_of(&v, 2), 0);
	scanned_free(&v);
}

static void
template_scan_jinja_empty_statement_is_blanked(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% %}\na = 1\n");
	expect_view(&v, "~~~~~\na = 1\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(v.t.first_line, 2);
	scanned_free(&v);
}

static void
template_scan_blade_endphp_alone_is_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "@endphp\na = 1\n");
	expect_view(&v, "@endphp\na = 1\n");
	assert_int_equal(v.t.nbl, 0);
	scanned_free(&v);
}

static void
template_scan_threecx_lowercase_tags_are_text(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_THREECX, "{if a}\nx = %%pbx%%\n{endif}\n");
	expect_view(&v, "{if a}\nx = %%pbx%%\n{endif}\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(v.t.nph, 1);
	scanned_free(&v);
}

static void
template_scan_if_not_closed_on_its_line_is_a_block(void **state)
{
	struct scanned v;

	/* the outer if ends on line 3: a block; the inner one is inline */
	SCAN(&v, YCFG_TPL_SMARTY, "{if $a}{if $b}x = 1{/if}\ny = 2\n{/if}\n");
	expect_view(&v, "~~~~~~~~~~~~~~x = 1~~~~~\ny = 2\n~~~~~\n");
	assert_int_equal(v.t.narms, 2);
	assert_int_equal(arm_of(&v, 1), 2);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(v.t.arms[1].parent, 1);
	assert_true(ycfg_template_implies(&v.t, 1, 2));
	assert_false(ycfg_template_implies(&v.t, 2, 1));
	scanned_free(&v);
}

static void
template_scan_endif_without_if_is_blanked(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = 1\n{/if}\nb = 2\n");
	expect_view(&v, "a = 1\n~~~~~\nb = 2\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(arm_of(&v, 3), 0);
	assert_true(ycfg_template_implies(&v.t, 1, 3));
	assert_true(ycfg_template_implies(&v.t, 3, 1));
	scanned_free(&v);
}

static void
template_scan_endif_without_if_inside_a_loop(void **state)
{
	struct scanned v;

	/* a stray {/if} does not end the loop */
	SCAN(&v, YCFG_TPL_SMARTY,
	     "{foreach $r as $x}\na = 1\n{/if}\nb = 2\n{/foreach}\nc = 3\n");
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	assert_int_equal(ycfg_template_loop_line(&v.t, 4), 1);
	assert_int_equal(ycfg_template_loop_line(&v.t, 6), 0);
	scanned_free(&v);
}

static void
template_scan_else_without_if_is_blanked(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "a = 1\n{else}\nb = 2\n{/if}\nc = 3\n");
	expect_view(&v, "a = 1\n~~~~~~\nb = 2\n~~~~~\nc = 3\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(arm_of(&v, 3), 0);
	assert_int_equal(arm_of(&v, 5), 0);
	scanned_free(&v);
}

static void
template_scan_endfor_without_for_is_blanked(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "a = 1\n{% endfor %}\n{% endif %}\nb = 2\n");
	expect_view(&v, "a = 1\n~~~~~~~~~~~~\n~~~~~~~~~~~\nb = 2\n");
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(v.t.ncont, 0);
	assert_int_equal(ycfg_template_loop_line(&v.t, 4), 0);
	scanned_free(&v);
}

static void
template_scan_if_never_closed(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{if $a}\nb = 1\nc = 2");
	assert_int_equal(v.t.narms, 1);
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(arm_of(&v, 3), 1);
	scanned_free(&v);
}

/* n nested ifs (Smarty or Jinja tags) around "k = 1", then
 * "else\nk = 2" at the innermost level when with_else, the endifs and
 * "z = 3". */
static char *
nested_ifs(bool jinja, unsigned n, bool with_else, size_t *len)
{
	size_t cap = (size_t)n * 40 + 64, k = 0;
	char *b = malloc(cap);

	assert_non_null(b);
	for (unsigned i = 0; i < n; i++)
		k += (size_t)snprintf(b + k, cap - k, jinja ? "{%% if a%u %%}\n"
				      : "{if $a%u}\n", i);
	k += (size_t)snprintf(b + k, cap - k, "k = 1\n");
	if (with_else)
		k += (size_t)snprintf(b + k, cap - k, "%s\nk = 2\n",
				      jinja ? "{% else %}" : "{else}");
	for (unsigned i = 0; i < n; i++)
		k += (size_t)snprintf(b + k, cap - k, "%s\n",
				      jinja ? "{% endif %}" : "{/if}");
	k += (size_t)snprintf(b + k, cap - k, "z = 3\n");
	assert_true(k < cap);
	*len = k;
	return b;
}

static void
template_scan_seventy_nested_smarty_ifs(void **state)
{
	struct scanned v;
	size_t len;
	char *src = nested_ifs(false, 70, false, &len);

	scan_buf(&v, YCFG_TPL_SMARTY, src, len);
	free(src);
	assert_int_equal(v.t.narms, 70);
	assert_int_equal(arm_of(&v, 71), 70);
	assert_int_equal(v.t.arms[69].parent, 69);
	assert_int_equal(v.t.arms[69].line, 70);
	assert_int_equal(arm_of(&v, 142), 0);
	assert_int_equal(v.t.first_line, 71);
	assert_true(ycfg_template_implies(&v.t, 71, 142));
	assert_false(ycfg_template_implies(&v.t, 142, 71));
	scanned_free(&v);
}

static void
template_scan_seventy_nested_jinja_ifs_with_else(void **state)
{
	struct scanned v;
	size_t len;
	char *src = nested_ifs(true, 70, true, &len);

	scan_buf(&v, YCFG_TPL_JINJA, src, len);
	free(src);
	assert_int_equal(v.t.narms, 71);
	assert_int_equal(arm_of(&v, 71), 70);
	assert_int_equal(arm_of(&v, 73), 71);
	assert_int_equal(v.t.arms[70].arm, 1);
	assert_int_equal(v.t.arms[70].parent, 69);
	assert_false(ycfg_template_implies(&v.t, 71, 73));
	assert_false(ycfg_template_implies(&v.t, 73, 71));
	assert_int_equal(arm_of(&v, 144), 0);
	assert_int_equal(v.t.ncont, 0);
	assert_int_equal(v.t.nph, 0);
	scanned_free(&v);
}

/* n - 1 nested ifs around an if whose arms trim towards each other:
 * "{% if b -%}\nk = 1\n{%- else -%}\nk = 2\n{% endif %}".  Rendered,
 * "k = 1" and "k = 2" are alternatives: neither continues the other. */
static char *
nested_trimmed_else(unsigned n, size_t *len)
{
	size_t cap = (size_t)n * 24 + 128, k = 0;
	char *b = malloc(cap);

	assert_non_null(b);
	for (unsigned i = 1; i < n; i++)
		k += (size_t)snprintf(b + k, cap - k, "{%% if a%u %%}\n", i);
	k += (size_t)snprintf(b + k, cap - k, "{%% if b -%%}\nk = 1\n"
			      "{%%- else -%%}\nk = 2\n{%% endif %%}\n");
	for (unsigned i = 1; i < n; i++)
		k += (size_t)snprintf(b + k, cap - k, "{%% endif %%}\n");
	assert_true(k < cap);
	*len = k;
	return b;
}

static void
template_scan_trimmed_else_within_the_stack(void **state)
{
	struct scanned v;
	size_t len;
	char *src = nested_trimmed_else(60, &len);

	scan_buf(&v, YCFG_TPL_JINJA, src, len);
	free(src);
	assert_int_equal(v.t.ncont, 0);
	assert_int_equal(arm_of(&v, 61), 60);
	assert_int_equal(arm_of(&v, 63), 61);
	scanned_free(&v);
}

/* Regression (once a bug in src/template.c wsctl_directive): the rendered-line state of an
 * open if is saved in a 64-entry stack and not restored at an elif/else
 * deeper than that, so at depth 70 the else arm's "k = 2" (line 73) is
 * taken for a continuation of the if arm's "k = 1" (line 71): line 71 is
 * marked continued and "k = 2" blanked.  At depth 60 (test above) the
 * same text gives no continuation and keeps "k = 2". */
static void
template_scan_trimmed_else_beyond_the_stack(void **state)
{
	struct scanned v;
	size_t len;
	char *src = nested_trimmed_else(70, &len);

	scan_buf(&v, YCFG_TPL_JINJA, src, len);
	free(src);

	bool ok = v.t.ncont == 0 && arm_of(&v, 73) == 71;

	scanned_free(&v);
	assert_true(ok);
}

static void
template_scan_buffer_of_one_brace(void **state)
{
	for (int d = YCFG_TPL_SMARTY; d < YCFG_TPL__COUNT; d++) {
		struct scanned v;

		scan_buf(&v, (enum ycfg_dialect)d, S("{"));
		expect_view(&v, "{");
		assert_int_equal(v.t.nph, 0);
		assert_int_equal(v.t.nbl, 0);
		assert_int_equal(v.t.narms, 0);
		assert_int_equal(v.t.first_line, 1);
		scanned_free(&v);
	}
}

static void
template_scan_empty_buffer(void **state)
{
	for (int d = YCFG_TPL_SMARTY; d < YCFG_TPL__COUNT; d++) {
		struct scanned v;

		scan_buf(&v, (enum ycfg_dialect)d, S(""));
		assert_int_equal(v.t.nph, 0);
		assert_int_equal(v.t.nbl, 0);
		assert_int_equal(v.t.first_line, 1);
		assert_false(v.t.header_included);
		assert_int_equal(ycfg_template_loop_line(&v.t, 1), 0);
		scanned_free(&v);
	}
}

static void
template_scan_keeps_nul_bytes(void **state)
{
	static const char in[] = "a = {$x}\0b\n{if $y}\nc = \0\n{/if}\n";
	static const char want[] = "a = {$x}\0b\n~~~~~~~\nc = \0\n~~~~~\n";
	struct scanned v;

	scan_buf(&v, YCFG_TPL_SMARTY, S(in));
	expect_view_at(&v, want, sizeof(want) - 1, __FILE__, __LINE__);
	assert_int_equal(v.t.nph, 1);
	expect_ph(&v, 0, 4, 8);
	assert_int_equal(arm_of(&v, 3), 1);
	scanned_free(&v);
}

static void
template_scan_counts_crlf_lines(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY,
	     "a = 1\r\n{if $y}\r\nb = {$v}\r\n{/if}\r\nc = 2\r\n");
	expect_view(&v, "a = 1\r\n~~~~~~~\r\nb = {$v}\r\n~~~~~\r\nc = 2\r\n");
	assert_int_equal(v.t.arms[0].line, 2);
	assert_int_equal(arm_of(&v, 3), 1);
	assert_int_equal(arm_of(&v, 5), 0);
	expect_ph(&v, 0, 20, 24);
	scanned_free(&v);
}

static void
template_scan_counts_crlf_lines_with_whitespace_control(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA,
	     "a = 1\r\n{% if x %}\r\nb = {{ v }}\r\n{% endif %}\r\nc = 2\r\n");
	expect_view(&v, "a = 1\r\n~~~~~~~~~~\r\nb = {{ v }}\r\n~~~~~~~~~~~\r\n"
		    "c = 2\r\n");
	assert_int_equal(v.t.arms[0].line, 2);
	assert_int_equal(arm_of(&v, 3), 1);
	assert_int_equal(arm_of(&v, 5), 0);
	assert_int_equal(v.t.ncont, 0);
	expect_ph(&v, 0, 23, 30);
	scanned_free(&v);
}

static void
template_scan_crlf_trim_keeps_line_endings(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% if x -%}\r\n  b = 1\r\n{% endif %}\r\n");
	expect_view(&v, "~~~~~~~~~~~\r\n~~b = 1\r\n~~~~~~~~~~~\r\n");
	assert_int_equal(arm_of(&v, 2), 1);
	assert_int_equal(v.t.first_line, 2);
	scanned_free(&v);
}

static void
template_scan_shell_include_with_crlf(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SHELL, "#INCLUDE a\r\n#INCLUDE b\r\nk = $v\r\n");
	expect_view(&v, "~~~~~~~~~~\r\n~~~~~~~~~~\r\nk = $v\r\n");
	assert_true(v.t.header_included);
	assert_int_equal(v.t.first_line, 3);
	scanned_free(&v);
}

static void
template_scan_none_dialect_changes_nothing(void **state)
{
	static const char in[] = "a = {$x}\n{if $y}\n{{ z }}\n#INCLUDE q\n";
	struct scanned v;

	SCAN(&v, YCFG_TPL_NONE, "a = {$x}\n{if $y}\n{{ z }}\n#INCLUDE q\n");
	assert_memory_equal(v.buf, in, sizeof(in) - 1);
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.nbl, 0);
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(v.t.ncont, 0);
	assert_int_equal(v.t.first_line, 1);
	assert_false(v.t.header_included);
	scanned_free(&v);
}

static void
template_scan_out_of_range_dialect_changes_nothing(void **state)
{
	static const char in[] = "a = {$x}\n{if $y}\n";
	struct ycfg_template t;
	char *b = copy_of(S(in));

	ycfg_template_init(&t);
	assert_int_equal(ycfg_template_scan(YCFG_TPL__COUNT, b,
					    sizeof(in) - 1, &t), 0);
	assert_memory_equal(b, in, sizeof(in) - 1);
	assert_int_equal(t.nph, 0);
	assert_int_equal(t.nbl, 0);
	assert_int_equal(t.narms, 0);
	ycfg_template_free(&t);
	free(b);
}

static void
template_scan_twice_reuses_the_struct(void **state)
{
	static const char head[] = "{% extends \"b.tpl\" %}\n"
				   "{% for r in rows %}\n";
	static const char body[] = "k.{{ r }} = 1\n";
	static const char tail[] = "{% endfor %}\n"
				   "key = \n{%- if x %}\n  {{ v }}\n"
				   "{%- endif %}\n";
	size_t cap = sizeof(head) + 300 * sizeof(body) + sizeof(tail), n = 0;
	char *first = malloc(cap), *second;
	struct ycfg_template t;

	assert_non_null(first);
	memcpy(first, head, sizeof(head) - 1);
	n = sizeof(head) - 1;
	for (int i = 0; i < 300; i++, n += sizeof(body) - 1)
		memcpy(first + n, body, sizeof(body) - 1);
	memcpy(first + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;

	ycfg_template_init(&t);
	assert_int_equal(ycfg_template_scan(YCFG_TPL_JINJA, first, n, &t), 0);
	assert_true(t.header_included);
	assert_int_equal(t.first_line, 3);
	assert_int_equal(t.nph, 300);
	assert_int_equal(t.narms, 2);
	assert_int_equal(ycfg_template_loop_line(&t, 3), 2);
	assert_int_equal(ycfg_template_loop_line(&t, 302), 2);
	assert_true(ycfg_template_continued(&t, 304));
	assert_false(ycfg_template_implies(&t, 1, 302));

	second = copy_of(S("a = 1\nb = {{ w }}\n"));
	assert_int_equal(ycfg_template_scan(YCFG_TPL_JINJA, second, 18, &t),
			 0);
	assert_memory_equal(second, "a = 1\nb = {{ w }}\n", 18);
	assert_false(t.header_included);
	assert_int_equal(t.first_line, 1);
	assert_int_equal(t.nph, 1);
	assert_int_equal(t.ph[0].start, 10);
	assert_int_equal(t.ph[0].end, 17);
	assert_int_equal(t.narms, 0);
	assert_int_equal(t.nbl, 0);
	assert_int_equal(t.ncont, 0);
	assert_false(ycfg_template_continued(&t, 304));
	assert_int_equal(ycfg_template_loop_line(&t, 3), 0);
	assert_int_equal(ycfg_template_loop_line(&t, 302), 0);
	assert_true(ycfg_template_implies(&t, 1, 302));
	for (size_t l = 0; l < t.nlines; l++)
		assert_int_equal(t.line_arm[l], 0);
	assert_false(ycfg_template_blanked(&t, 0));
	ycfg_template_free(&t);
	free(first);
	free(second);
}

static void
template_scan_after_none_scan_starts_clean(void **state)
{
	struct ycfg_template t;
	char *a = copy_of(S("{if $a}\nk = 1\n{/if}\n"));
	char *b = copy_of(S("k = {$x}\n"));

	ycfg_template_init(&t);
	assert_int_equal(ycfg_template_scan(YCFG_TPL_SMARTY, a, 20, &t), 0);
	assert_int_equal(t.narms, 1);
	assert_int_equal(ycfg_template_scan(YCFG_TPL_NONE, b, 9, &t), 0);
	assert_int_equal(t.dialect, YCFG_TPL_NONE);
	assert_int_equal(t.narms, 0);
	assert_int_equal(t.nph, 0);
	assert_true(ycfg_template_implies(&t, 1, 2));
	assert_int_equal(ycfg_template_scan(YCFG_TPL_SMARTY, b, 9, &t), 0);
	assert_int_equal(t.nph, 1);
	assert_int_equal(t.narms, 0);
	for (size_t l = 0; l < t.nlines; l++)
		assert_int_equal(t.line_arm[l], 0);
	ycfg_template_free(&t);
	free(a);
	free(b);
}

static void
template_reset_forgets_the_scan_and_keeps_allocations(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{# c #}\n{% extends \"x\" %}\n"
	     "{% for r in rows %}\nk = {{ r }}\n{% endfor %}\n"
	     "key = \n{%- if x %}\n  {{ v }}\n{%- endif %}\n");
	assert_int_not_equal(v.t.nph, 0);
	assert_int_not_equal(v.t.ncont, 0);
	assert_true(v.t.header_included);

	ycfg_template_reset(&v.t);
	assert_int_equal(v.t.dialect, YCFG_TPL_NONE);
	assert_int_equal(v.t.nph, 0);
	assert_int_equal(v.t.narms, 0);
	assert_int_equal(v.t.nbl, 0);
	assert_int_equal(v.t.ncont, 0);
	assert_int_equal(v.t.first_line, 1);
	assert_false(v.t.header_included);
	assert_non_null(v.t.ph);
	assert_non_null(v.t.arms);
	assert_non_null(v.t.line_arm);
	assert_non_null(v.t.bl);
	assert_non_null(v.t.cont);
	for (size_t l = 0; l < v.t.nlines; l++)
		assert_int_equal(v.t.line_arm[l], 0);
	assert_int_equal(ycfg_template_loop_line(&v.t, 4), 0);
	assert_false(ycfg_template_continued(&v.t, 6));
	assert_false(ycfg_template_blanked(&v.t, 0));
	assert_null(ycfg_template_ph_from(&v.t, 0));

	/* free after reset releases everything (ASan/valgrind: no leak) */
	ycfg_template_free(&v.t);
	assert_null(v.t.ph);
	assert_null(v.t.arms);
	assert_null(v.t.line_arm);
	assert_null(v.t.bl);
	assert_null(v.t.cont);
	assert_int_equal(v.t.nlines, 0);
	assert_int_equal(v.t.first_line, 1);
	scanned_free(&v);
}

static void
template_free_twice_and_unscanned_is_safe(void **state)
{
	struct ycfg_template t;

	ycfg_template_init(&t);
	ycfg_template_reset(&t);
	ycfg_template_free(&t);
	ycfg_template_free(&t);
	assert_null(t.ph);
	assert_int_equal(t.first_line, 1);
}

static void
template_queries_on_an_unscanned_struct(void **state)
{
	struct ycfg_template t;
	char b[] = "a b";

	ycfg_template_init(&t);
	assert_true(ycfg_template_implies(&t, 1, 2));
	assert_int_equal(ycfg_template_loop_line(&t, 1), 0);
	assert_false(ycfg_template_continued(&t, 1));
	assert_false(ycfg_template_blanked(&t, 0));
	assert_false(ycfg_template_has_ph(&t, 0, 100));
	assert_null(ycfg_template_ph_from(&t, 0));
	assert_true(ycfg_template_has_own_ws(&t, b, 0, 3));
	ycfg_template_free(&t);
}

static void
template_queries_beyond_the_last_line(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_SMARTY, "{foreach $r as $x}\nk = 1\n{/foreach}\n");
	assert_int_equal(ycfg_template_loop_line(&v.t, 2), 1);
	/* line_arm is allocated past the file; those lines are outside */
	assert_true(v.t.nlines > 3);
	for (unsigned l = 3; l <= v.t.nlines + 1; l++) {
		assert_int_equal(ycfg_template_loop_line(&v.t, l), 0);
		assert_false(ycfg_template_continued(&v.t, l));
		assert_true(ycfg_template_implies(&v.t, 2, l));
		assert_false(ycfg_template_implies(&v.t, l, 2));
	}
	assert_int_equal(ycfg_template_loop_line(&v.t, 0), 0);
	assert_int_equal(ycfg_template_loop_line(&v.t, UINT_MAX), 0);
	assert_false(ycfg_template_continued(&v.t, UINT_MAX));
	assert_true(ycfg_template_implies(&v.t, UINT_MAX, UINT_MAX));
	assert_true(ycfg_template_implies(&v.t, 2, UINT_MAX));
	assert_false(ycfg_template_implies(&v.t, UINT_MAX, 2));
	assert_false(ycfg_template_blanked(&v.t, SIZE_MAX));
	assert_false(ycfg_template_has_ph(&v.t, SIZE_MAX - 1, SIZE_MAX));
	scanned_free(&v);
}

/* Regression (once a bug in src/template.c ycfg_template_scan, inline if before '='): the
 * tag of an inline if is blanked with blank() alone, without counting
 * the newlines in it, so an if tag over two lines whose endif is on its
 * second line puts every later line one too early: "x = 1" (line 2) is
 * filed as line 1 and "b = 1" (line 4, in {% if y %}) as line 3; the
 * arm of {% if y %} says line 2 instead of 3. */
static void
template_scan_inline_if_tag_over_two_lines_counts_lines(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_JINJA, "{% if a\n %}x = 1{% endif %}\n"
	     "{% if y %}\nb = 1\n{% endif %}\n");

	bool ok = v.t.narms == 2 && v.t.arms[1].line == 3 &&
		  arm_of(&v, 2) == 1 && arm_of(&v, 4) == 2;

	scanned_free(&v);
	assert_true(ok);
}

/* Regression (once a bug in src/template.c ycfg_template_scan, inline if after '='): the
 * placeholder that stands for the whole if is skipped with
 * i = endif.end - 1, without counting the newlines inside it, so a Blade
 * @if whose condition goes over two lines puts every later line one too
 * early: "b = 1" (line 4, in @if($y)) is filed as line 3 and the arm of
 * @if($y) says line 2 instead of 3. */
static void
template_scan_inline_if_value_over_two_lines_counts_lines(void **state)
{
	struct scanned v;

	SCAN(&v, YCFG_TPL_BLADE, "k = @if($a\n) 1 @endif\n@if($y)\nb = 1\n"
	     "@endif\n");

	bool ok = v.t.narms == 1 && v.t.arms[0].line == 3 &&
		  arm_of(&v, 4) == 1 && arm_of(&v, 3) == 0;

	scanned_free(&v);
	assert_true(ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		/* names and modes */
		cmocka_unit_test(template_dialect_name_of_each_dialect),
		cmocka_unit_test(template_dialect_name_out_of_range_is_none),
		cmocka_unit_test(template_mode_parse_auto),
		cmocka_unit_test(template_mode_parse_none),
		cmocka_unit_test(template_mode_parse_each_dialect_name),
		cmocka_unit_test(template_mode_parse_aliases),
		cmocka_unit_test(template_mode_parse_rejects_unknown_name),
		cmocka_unit_test(template_mode_parse_rejects_empty_string),
		cmocka_unit_test(template_mode_parse_is_case_sensitive),
		cmocka_unit_test(template_mode_parse_rejects_prefixes_and_padding),
		/* paths */
		cmocka_unit_test(template_path_accepts_template_extensions),
		cmocka_unit_test(template_path_rejects_plain_extensions),
		cmocka_unit_test(template_path_rejects_empty_string),
		cmocka_unit_test(template_path_is_case_sensitive),
		/* detection */
		cmocka_unit_test(template_detect_smarty_two_variables),
		cmocka_unit_test(template_detect_smarty_if),
		cmocka_unit_test(template_detect_provisioner_line_loop),
		cmocka_unit_test(template_detect_jinja_two_placeholders),
		cmocka_unit_test(template_detect_jinja_statement),
		cmocka_unit_test(template_detect_threecx_two_placeholders),
		cmocka_unit_test(template_detect_threecx_if),
		cmocka_unit_test(template_detect_blade_if),
		cmocka_unit_test(template_detect_astlinux_phoneprov_section),
		cmocka_unit_test(template_detect_sark_include),
		cmocka_unit_test(template_detect_sark_two_whole_variable_values),
		cmocka_unit_test(template_detect_mikopbx_braces),
		cmocka_unit_test(template_detect_blade_by_extension_before_content),
		cmocka_unit_test(template_detect_jinja_by_extension_before_content),
		cmocka_unit_test(template_detect_named_file_one_placeholder_is_enough),
		cmocka_unit_test(template_detect_unnamed_file_one_placeholder_is_none),
		cmocka_unit_test(template_detect_named_file_without_signs_is_none),
		cmocka_unit_test(template_detect_named_file_three_dollar_words_is_shell),
		cmocka_unit_test(template_detect_plain_file_is_none),
		cmocka_unit_test(template_detect_dollar_in_password_is_none),
		cmocka_unit_test(template_detect_one_whole_dollar_value_is_none),
		cmocka_unit_test(template_detect_label_rule_is_none),
		cmocka_unit_test(template_detect_two_label_rules_are_none),
		cmocka_unit_test(template_detect_one_letter_braces_are_none),
		cmocka_unit_test(template_detect_unclosed_double_brace_is_none),
		cmocka_unit_test(template_detect_sip_uri_is_none),
		cmocka_unit_test(template_detect_percent_pair_once_is_none),
		cmocka_unit_test(template_detect_one_threecx_placeholder_is_none),
		cmocka_unit_test(template_detect_empty_buffer_is_none),
		cmocka_unit_test(template_detect_lone_brace_is_none),
		cmocka_unit_test(template_detect_phoneprov_without_variable_is_none),
		cmocka_unit_test(template_detect_at_variable_without_phoneprov_is_none),
		cmocka_unit_test(template_detect_hash_include_mid_line_is_none),
		cmocka_unit_test(template_detect_reads_nul_bytes),
		cmocka_unit_test(template_detect_reads_only_the_first_64k),
		/* the scan: Smarty and Provisioner.net */
		cmocka_unit_test(template_scan_smarty_keeps_placeholders_with_exact_spans),
		cmocka_unit_test(template_scan_smarty_blanks_directives_keeping_newlines),
		cmocka_unit_test(template_scan_smarty_blanks_comment_over_lines),
		cmocka_unit_test(template_scan_if_else_arms_exclude_each_other),
		cmocka_unit_test(template_scan_line_after_endif_is_implied_by_any_line),
		cmocka_unit_test(template_scan_elseif_arm_is_a_third_alternative),
		cmocka_unit_test(template_scan_inline_if_before_equals_keeps_first_arm),
		cmocka_unit_test(template_scan_inline_if_before_equals_without_else),
		cmocka_unit_test(template_scan_inline_if_keeps_enclosing_loop),
		cmocka_unit_test(template_scan_inline_if_after_equals_is_one_placeholder),
		cmocka_unit_test(template_scan_ifs_written_alike_imply_each_other),
		cmocka_unit_test(template_scan_else_arms_of_ifs_written_alike_imply_each_other),
		cmocka_unit_test(template_scan_ifs_alike_but_for_trim_markers_imply_each_other),
		cmocka_unit_test(template_scan_different_conditions_do_not_imply),
		cmocka_unit_test(template_scan_smarty_loop_line_in_body_and_outside),
		cmocka_unit_test(template_scan_smarty_if_on_a_number_picks_one_pass),
		cmocka_unit_test(template_scan_smarty_quoted_number_picks_one_pass),
		cmocka_unit_test(template_scan_smarty_nested_braces_in_if_tag),
		cmocka_unit_test(template_scan_smarty_expression_tags_are_placeholders),
		cmocka_unit_test(template_scan_smarty_unknown_tags_are_text),
		cmocka_unit_test(template_scan_smarty_include_before_content_includes_header),
		cmocka_unit_test(template_scan_smarty_include_after_content_does_not),
		cmocka_unit_test(template_scan_provisioner_loop_memkey),
		cmocka_unit_test(template_scan_provisioner_line_loop),
		/* the scan: Jinja, Twig, Tempita */
		cmocka_unit_test(template_scan_jinja_placeholders_and_statements),
		cmocka_unit_test(template_scan_jinja_comment_line_gives_first_line_2),
		cmocka_unit_test(template_scan_jinja_extends_includes_header),
		cmocka_unit_test(template_scan_jinja_include_after_content_does_not),
		cmocka_unit_test(template_scan_jinja_loop_first_picks_one_pass),
		cmocka_unit_test(template_scan_jinja_ordinary_if_keeps_loop_line),
		cmocka_unit_test(template_scan_jinja_loops_alike_imply_each_other),
		cmocka_unit_test(template_scan_jinja_dash_before_trims_blanks_before),
		cmocka_unit_test(template_scan_jinja_tag_without_dash_keeps_blanks_before),
		cmocka_unit_test(template_scan_jinja_dash_after_trims_blanks_after),
		cmocka_unit_test(template_scan_jinja_tag_without_dash_keeps_blanks_after),
		cmocka_unit_test(template_scan_jinja_continuation_marks_the_key_line),
		cmocka_unit_test(template_scan_jinja_continuations_stay_ascending),
		cmocka_unit_test(template_scan_jinja_inline_if_after_equals_is_one_placeholder),
		cmocka_unit_test(template_scan_tempita_statements),
		/* the scan: 3CX, Blade, SARK, AstLinux, MikoPBX */
		cmocka_unit_test(template_scan_threecx_placeholders),
		cmocka_unit_test(template_scan_threecx_if_else_arms),
		cmocka_unit_test(template_scan_blade_placeholders),
		cmocka_unit_test(template_scan_blade_comment_blanked),
		cmocka_unit_test(template_scan_blade_if_else_arms),
		cmocka_unit_test(template_scan_blade_foreach_loop),
		cmocka_unit_test(template_scan_blade_php_block_blanked),
		cmocka_unit_test(template_scan_blade_at_after_text_is_text),
		cmocka_unit_test(template_scan_shell_include_and_placeholders),
		cmocka_unit_test(template_scan_shell_include_after_content_does_not),
		cmocka_unit_test(template_scan_shell_include_mid_line_is_text),
		cmocka_unit_test(template_scan_shell_dollar_without_name_is_text),
		cmocka_unit_test(template_scan_atvar_blanks_up_to_phoneprov),
		cmocka_unit_test(template_scan_atvar_phoneprov_on_first_line),
		cmocka_unit_test(template_scan_atvar_escaped_hash),
		cmocka_unit_test(template_scan_atvar_comment_line_and_next_section),
		cmocka_unit_test(template_scan_atvar_without_section_blanks_nothing),
		cmocka_unit_test(template_scan_brace_placeholders),
		/* the queries */
		cmocka_unit_test(template_has_ph_at_exact_bounds),
		cmocka_unit_test(template_ph_from_containing_or_following),
		cmocka_unit_test(template_blanked_at_exact_bounds),
		/* bad input */
		cmocka_unit_test(template_scan_unterminated_double_brace_is_text),
		cmocka_unit_test(template_scan_statement_without_close_is_text),
		cmocka_unit_test(template_scan_jinja_comment_never_closed_is_text),
		cmocka_unit_test(template_scan_smarty_comment_never_closed_is_text),
		cmocka_unit_test(template_scan_smarty_variable_at_end_of_buffer),
		cmocka_unit_test(template_scan_smarty_variable_closed_on_next_line_is_text),
		cmocka_unit_test(template_scan_blade_php_without_endphp_is_text),
		cmocka_unit_test(template_scan_blade_echo_never_closed_is_text),
		cmocka_unit_test(template_scan_blade_if_without_balanced_parens_is_text),
		cmocka_unit_test(template_scan_threecx_unclosed_tokens_are_text),
		cmocka_unit_test(template_scan_shell_unclosed_brace_variable_is_text),
		cmocka_unit_test(template_scan_atvar_unclosed_variable_is_text),
		cmocka_unit_test(template_scan_brace_unclosed_variable_is_text),
		cmocka_unit_test(template_scan_smarty_quoted_brace_inside_tag),
		cmocka_unit_test(template_scan_smarty_tag_with_unclosed_quote_is_text),
		cmocka_unit_test(template_scan_jinja_empty_statement_is_blanked),
		cmocka_unit_test(template_scan_blade_endphp_alone_is_text),
		cmocka_unit_test(template_scan_threecx_lowercase_tags_are_text),
		cmocka_unit_test(template_scan_if_not_closed_on_its_line_is_a_block),
		cmocka_unit_test(template_scan_endif_without_if_is_blanked),
		cmocka_unit_test(template_scan_endif_without_if_inside_a_loop),
		cmocka_unit_test(template_scan_else_without_if_is_blanked),
		cmocka_unit_test(template_scan_endfor_without_for_is_blanked),
		cmocka_unit_test(template_scan_if_never_closed),
		cmocka_unit_test(template_scan_seventy_nested_smarty_ifs),
		cmocka_unit_test(template_scan_seventy_nested_jinja_ifs_with_else),
		cmocka_unit_test(template_scan_trimmed_else_within_the_stack),
		cmocka_unit_test(template_scan_trimmed_else_beyond_the_stack),
		cmocka_unit_test(template_scan_buffer_of_one_brace),
		cmocka_unit_test(template_scan_empty_buffer),
		cmocka_unit_test(template_scan_keeps_nul_bytes),
		cmocka_unit_test(template_scan_counts_crlf_lines),
		cmocka_unit_test(template_scan_counts_crlf_lines_with_whitespace_control),
		cmocka_unit_test(template_scan_crlf_trim_keeps_line_endings),
		cmocka_unit_test(template_scan_shell_include_with_crlf),
		cmocka_unit_test(template_scan_none_dialect_changes_nothing),
		cmocka_unit_test(template_scan_out_of_range_dialect_changes_nothing),
		cmocka_unit_test(template_scan_twice_reuses_the_struct),
		cmocka_unit_test(template_scan_after_none_scan_starts_clean),
		cmocka_unit_test(template_reset_forgets_the_scan_and_keeps_allocations),
		cmocka_unit_test(template_free_twice_and_unscanned_is_safe),
		cmocka_unit_test(template_queries_on_an_unscanned_struct),
		cmocka_unit_test(template_queries_beyond_the_last_line),
		cmocka_unit_test(template_scan_inline_if_tag_over_two_lines_counts_lines),
		cmocka_unit_test(template_scan_inline_if_value_over_two_lines_counts_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
