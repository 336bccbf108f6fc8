/*
 * test_diag.c - the diagnostic list: adding and formatting, interning,
 * levels and overrides, severity counts, sorting, the per-file cap,
 * sanitising of message bytes, clear and move.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/rules.h"

static void
diag_add_stores_position_rule_and_formatted_message(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(ycfg_diag_add(&d, "a.cfg", 3, 7, YCFG_R_MISSING_EQUALS,
				       "key %s at %d (%.2s)", "x.y", 42,
				       "abcdef"),
			 0);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "a.cfg");
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 7);
	assert_int_equal(d.v[0].rule, YCFG_R_MISSING_EQUALS);
	assert_int_equal(d.v[0].severity, YCFG_SEV_ERROR);
	assert_string_equal(d.v[0].msg, "key x.y at 42 (ab)");
	assert_int_equal(d.count[YCFG_SEV_ERROR], 1);
	assert_int_equal(d.count[YCFG_SEV_WARNING], 0);

	/* default severities come from the rule table */
	ycfg_diag_add(&d, "a.cfg", 1, 1, YCFG_R_UTF8_BOM, "bom");
	ycfg_diag_add(&d, "a.cfg", 1, 1, YCFG_R_TRAILING_WHITESPACE, "ws");
	assert_int_equal(d.v[1].severity, YCFG_SEV_WARNING);
	assert_int_equal(d.v[2].severity, YCFG_SEV_INFO);
	for (int r = 0; r < YCFG_R__COUNT; r++)
		assert_int_equal(d.level[r],
				 (int)ycfg_rule_info((enum ycfg_rule)r)->severity);
	ycfg_diags_free(&d);
}

static void
diag_add_grows_past_many_thousand_entries(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	for (unsigned i = 0; i < 20000; i++)
		assert_int_equal(ycfg_diag_add(&d, "f", i + 1, 1,
					       YCFG_R_UNKNOWN_KEY,
					       "message number %u", i),
				 0);
	assert_int_equal(d.n, 20000);
	assert_int_equal(d.count[YCFG_SEV_WARNING], 20000);
	/* every message is still intact after the string store grew */
	for (unsigned i = 0; i < 20000; i += 997) {
		char want[32];

		snprintf(want, sizeof(want), "message number %u", i);
		assert_string_equal(d.v[i].msg, want);
	}
	ycfg_diags_free(&d);
	assert_int_equal(d.n, 0);
	assert_null(d.v);
}

static void
diag_add_with_unknown_rule_is_ignored(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	assert_int_equal(ycfg_diag_add(&d, "f", 1, 1, YCFG_R__COUNT, "x"), 0);
	assert_int_equal(ycfg_diag_add(&d, "f", 1, 1, (enum ycfg_rule)-1, "x"),
			 0);
	assert_int_equal(d.n, 0);
	/* and so is setting its level */
	ycfg_diags_set_level(&d, YCFG_R__COUNT, YCFG_SEV_INFO);
	ycfg_diags_set_level(&d, (enum ycfg_rule)-5, YCFG_SEV_INFO);
	ycfg_diags_free(&d);
}

static void
diag_long_message_is_truncated_not_overflowed(void **state)
{
	struct ycfg_diags d;
	char *big = malloc(5000);

	(void)state;
	assert_non_null(big);
	memset(big, 'm', 4999);
	big[4999] = '\0';
	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "%s", big);
	assert_int_equal(strlen(d.v[0].msg), 1023);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "%s", "");
	assert_string_equal(d.v[1].msg, "");
	ycfg_diags_free(&d);
	free(big);
}

static void
diag_intern_returns_stable_copy(void **state)
{
	struct ycfg_diags d;
	char name[64];
	const char *first, *p;

	(void)state;
	ycfg_diags_init(&d);
	strcpy(name, "dir/file.cfg");
	first = ycfg_diags_intern(&d, name);
	assert_non_null(first);
	assert_ptr_not_equal(first, name);
	strcpy(name, "changed");
	assert_string_equal(first, "dir/file.cfg");
	/* more than a block's worth of strings: earlier copies stay put */
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "file-%d.cfg", i);
		p = ycfg_diags_intern(&d, name);
		assert_string_equal(p, name);
	}
	assert_string_equal(first, "dir/file.cfg");
	/* one string larger than a block */
	char *big = malloc(20000);

	assert_non_null(big);
	memset(big, 'z', 19999);
	big[19999] = '\0';
	p = ycfg_diags_intern(&d, big);
	assert_string_equal(p, big);
	assert_string_equal(ycfg_diags_intern(&d, ""), "");
	assert_string_equal(first, "dir/file.cfg");
	free(big);
	ycfg_diags_free(&d);
}

static void
diag_level_off_drops_rule(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	ycfg_diags_set_level(&d, YCFG_R_UNKNOWN_KEY, YCFG_LEVEL_OFF);
	assert_int_equal(ycfg_diag_add(&d, "f", 1, 1, YCFG_R_UNKNOWN_KEY, "x"),
			 0);
	assert_int_equal(ycfg_diag_add_sev(&d, "f", 1, 1, YCFG_R_UNKNOWN_KEY,
					   YCFG_SEV_ERROR, "x"),
			 0);
	assert_int_equal(d.n, 0);
	assert_true(ycfg_diag_dropped(&d, YCFG_R_UNKNOWN_KEY, 1));
	assert_false(ycfg_diag_dropped(&d, YCFG_R_INVALID_VALUE, 1));
	/* other rules are unaffected */
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "y");
	assert_int_equal(d.n, 1);
	assert_int_equal(ycfg_diags_max_severity(&d), YCFG_SEV_ERROR);
	ycfg_diags_free(&d);
}

static void
diag_set_level_changes_severity_of_later_adds(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	ycfg_diags_set_level(&d, YCFG_R_UNKNOWN_KEY, YCFG_SEV_ERROR);
	ycfg_diags_set_level(&d, YCFG_R_INVALID_VALUE, YCFG_SEV_INFO);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_UNKNOWN_KEY, "x");
	ycfg_diag_add(&d, "f", 2, 1, YCFG_R_INVALID_VALUE, "y");
	assert_int_equal(d.v[0].severity, YCFG_SEV_ERROR);
	assert_int_equal(d.v[1].severity, YCFG_SEV_INFO);
	assert_int_equal(d.count[YCFG_SEV_ERROR], 1);
	assert_int_equal(d.count[YCFG_SEV_INFO], 1);
	assert_int_equal(d.count[YCFG_SEV_WARNING], 0);
	ycfg_diags_free(&d);
}

static void
diag_add_sev_uses_producer_severity_unless_user_set_level(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	/* no user level: the producer's severity */
	ycfg_diag_add_sev(&d, "f", 1, 1, YCFG_R_INEFFECTIVE_SETTING,
			  YCFG_SEV_INFO, "n %d", 1);
	assert_int_equal(d.v[0].severity, YCFG_SEV_INFO);
	assert_string_equal(d.v[0].msg, "n 1");
	ycfg_diag_add_sev(&d, "f", 1, 1, YCFG_R_INEFFECTIVE_SETTING,
			  YCFG_SEV_ERROR, "n");
	assert_int_equal(d.v[1].severity, YCFG_SEV_ERROR);
	/* the user's level wins over the producer's */
	ycfg_diags_set_level(&d, YCFG_R_INEFFECTIVE_SETTING, YCFG_SEV_WARNING);
	ycfg_diag_add_sev(&d, "f", 1, 1, YCFG_R_INEFFECTIVE_SETTING,
			  YCFG_SEV_INFO, "n");
	ycfg_diag_add_sev(&d, "f", 1, 1, YCFG_R_INEFFECTIVE_SETTING,
			  YCFG_SEV_ERROR, "n");
	assert_int_equal(d.v[2].severity, YCFG_SEV_WARNING);
	assert_int_equal(d.v[3].severity, YCFG_SEV_WARNING);
	/* even when the user picks the rule's default */
	ycfg_diags_set_level(&d, YCFG_R_INEFFECTIVE_SETTING,
			     ycfg_rule_info(YCFG_R_INEFFECTIVE_SETTING)->severity);
	ycfg_diag_add_sev(&d, "f", 1, 1, YCFG_R_INEFFECTIVE_SETTING,
			  YCFG_SEV_INFO, "n");
	assert_int_equal(d.v[4].severity, YCFG_SEV_WARNING);
	assert_int_equal(d.count[YCFG_SEV_INFO], 1);
	assert_int_equal(d.count[YCFG_SEV_WARNING], 3);
	assert_int_equal(d.count[YCFG_SEV_ERROR], 1);
	ycfg_diags_free(&d);
}

static void
diag_max_severity_is_highest_present(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	assert_int_equal(ycfg_diags_max_severity(&d), -1);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_TRAILING_WHITESPACE, "i");
	assert_int_equal(ycfg_diags_max_severity(&d), YCFG_SEV_INFO);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_UNKNOWN_KEY, "w");
	assert_int_equal(ycfg_diags_max_severity(&d), YCFG_SEV_WARNING);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_TRAILING_WHITESPACE, "i");
	assert_int_equal(ycfg_diags_max_severity(&d), YCFG_SEV_WARNING);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_MISSING_HEADER, "e");
	assert_int_equal(ycfg_diags_max_severity(&d), YCFG_SEV_ERROR);
	ycfg_diags_free(&d);
}

static void
diag_sort_orders_by_file_line_column_rule_message(void **state)
{
	struct ycfg_diags d;
	static const struct {
		const char *file;
		unsigned line, col;
		enum ycfg_rule rule;
		const char *msg;
	} in[] = {
		{ "b.cfg", 1, 1, YCFG_R_MISSING_HEADER, "7" },
		{ "a.cfg", 10, 1, YCFG_R_MISSING_EQUALS, "4" },
		{ "a.cfg", 2, 5, YCFG_R_EMPTY_KEY, "3" },
		{ "a.cfg", 2, 5, YCFG_R_MISSING_EQUALS, "2" },
		{ "a.cfg", 2, 1, YCFG_R_UNKNOWN_KEY, "1" },
		{ "a.cfg", 0, 0, YCFG_R_NOT_TEXT, "0" },
		{ "a.cfg", 10, 1, YCFG_R_MISSING_EQUALS, "5" },
		{ "b.cfg", 1, 1, YCFG_R_MISSING_HEADER, "6" },
		{ "B.cfg", 99, 1, YCFG_R_MISSING_HEADER, "-" },
	};
	static const char *const want[] = { "-", "0", "1", "2", "3",
					     "4", "5", "6", "7" };

	(void)state;
	assert_true(YCFG_R_MISSING_EQUALS < YCFG_R_EMPTY_KEY);
	ycfg_diags_init(&d);
	ycfg_diags_sort(&d); /* empty: no-op */
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		ycfg_diag_add(&d, in[i].file, in[i].line, in[i].col, in[i].rule,
			      "%s", in[i].msg);
	ycfg_diags_sort(&d);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_string_equal(d.v[i].msg, want[i]);
	assert_string_equal(d.v[0].file, "B.cfg");
	assert_int_equal(d.v[1].line, 0);
	ycfg_diags_free(&d);
}

static void
diag_per_file_cap_keeps_first_findings_and_summarises_rest(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	d.file_cap = 3;
	ycfg_diags_begin_file(&d);
	for (unsigned i = 1; i <= 10; i++)
		ycfg_diag_add(&d, "a.cfg", i, 2, YCFG_R_UNKNOWN_KEY, "u%u", i);
	ycfg_diag_add(&d, "a.cfg", 20, 1, YCFG_R_MISSING_EQUALS, "m");
	ycfg_diag_add(&d, "a.cfg", 21, 1, YCFG_R_MISSING_EQUALS, "m");
	assert_int_equal(d.n, 5);
	assert_string_equal(d.v[2].msg, "u3");
	assert_true(ycfg_diag_dropped(&d, YCFG_R_UNKNOWN_KEY, 11));
	assert_false(ycfg_diag_dropped(&d, YCFG_R_MISSING_EQUALS, 22));
	ycfg_diags_end_file(&d, "a.cfg");
	assert_int_equal(d.n, 6);

	const struct ycfg_diag *s = &d.v[5];

	assert_int_equal(s->rule, YCFG_R_UNKNOWN_KEY);
	assert_int_equal(s->line, 4);
	assert_int_equal(s->col, 1);
	assert_string_equal(s->file, "a.cfg");
	/* 7 dropped by add, 1 by ycfg_diag_dropped */
	assert_string_equal(s->msg,
			    "8 more unknown-key findings in this file are not "
			    "listed (limit 3 per rule and file)");
	assert_int_equal(d.file_cap, 3);

	/* the next file starts from zero */
	ycfg_diags_begin_file(&d);
	for (unsigned i = 1; i <= 3; i++)
		ycfg_diag_add(&d, "b.cfg", i, 1, YCFG_R_UNKNOWN_KEY, "b%u", i);
	ycfg_diags_end_file(&d, "b.cfg");
	assert_int_equal(d.n, 9);
	assert_string_equal(d.v[8].msg, "b3");
	ycfg_diags_free(&d);
}

static void
diag_cap_counts_findings_at_line_0_as_line_1(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	d.file_cap = 1;
	ycfg_diags_begin_file(&d);
	ycfg_diag_add(&d, "f", 0, 0, YCFG_R_NOT_TEXT, "a");
	ycfg_diag_add(&d, "f", 0, 0, YCFG_R_NOT_TEXT, "b");
	ycfg_diags_end_file(&d, "f");
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[1].line, 1);
	assert_non_null(strstr(d.v[1].msg, "1 more not-text findings"));
	ycfg_diags_free(&d);
}

static void
diag_without_cap_keeps_everything_and_adds_no_summary(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	ycfg_diags_begin_file(&d);
	for (unsigned i = 0; i < 3000; i++)
		ycfg_diag_add(&d, "f", i + 1, 1, YCFG_R_UNKNOWN_KEY, "x");
	assert_false(ycfg_diag_dropped(&d, YCFG_R_UNKNOWN_KEY, 1));
	ycfg_diags_end_file(&d, "f");
	assert_int_equal(d.n, 3000);
	ycfg_diags_free(&d);
}

static void
diag_sanitises_control_bytes_and_invalid_utf8(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "%s",
		      "a\x01" "b\x1b[31mc\x7f" "d\te\nf\r");
	assert_string_equal(d.v[0].msg,
			    "a\\x01b\\x1b[31mc\\x7fd\\x09e\\x0af\\x0d");
	/* Latin-1, stray continuation, truncated sequence */
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "%s",
		      "caf\xe9|\x80|\xe6\x97");
	assert_string_equal(d.v[1].msg, "caf\\xe9|\\x80|\\xe6\\x97");
	/* overlong '/' and a surrogate */
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "%s",
		      "\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xff");
	assert_string_equal(d.v[2].msg,
			    "\\xc0\\xaf \\xed\\xa0\\x80 \\xf4\\x90\\x80\\x80 "
			    "\\xff");
	/* a lead byte at the very end of the message */
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "%s", "x\xf0");
	assert_string_equal(d.v[3].msg, "x\\xf0");
	ycfg_diags_free(&d);
}

static void
diag_passes_valid_multibyte_utf8_through(void **state)
{
	struct ycfg_diags d;
	static const char text[] = "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac "
				   "\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf";

	(void)state;
	ycfg_diags_init(&d);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "v='%s'", text);
	assert_int_equal(strncmp(d.v[0].msg, "v='", 3), 0);
	assert_memory_equal(d.v[0].msg + 3, text, sizeof(text) - 1);
	assert_string_equal(d.v[0].msg + 3 + sizeof(text) - 1, "'");
	/* a whole message of escapes fits its buffer (4 bytes per byte) */
	char raw[1024];

	memset(raw, 0x01, sizeof(raw) - 1);
	raw[sizeof(raw) - 1] = '\0';
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_INVALID_VALUE, "%s", raw);
	assert_int_equal(strlen(d.v[1].msg), 4 * 1023);
	ycfg_diags_free(&d);
}

static void
diag_clear_drops_diagnostics_and_keeps_levels(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	ycfg_diags_set_level(&d, YCFG_R_UNKNOWN_KEY, YCFG_LEVEL_OFF);
	ycfg_diags_set_level(&d, YCFG_R_MISSING_EQUALS, YCFG_SEV_INFO);
	for (int i = 0; i < 3000; i++)
		ycfg_diag_add(&d, "f", 1, 1, YCFG_R_MISSING_HEADER,
			      "a fairly long message to fill blocks %d", i);
	ycfg_diags_clear(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(ycfg_diags_max_severity(&d), -1);
	assert_int_equal(d.count[YCFG_SEV_ERROR], 0);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_UNKNOWN_KEY, "off");
	assert_int_equal(d.n, 0);
	ycfg_diag_add(&d, "f", 1, 1, YCFG_R_MISSING_EQUALS, "now info");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].severity, YCFG_SEV_INFO);
	assert_string_equal(d.v[0].msg, "now info");
	assert_string_equal(ycfg_diags_intern(&d, "again"), "again");
	ycfg_diags_clear(&d);
	ycfg_diags_clear(&d);
	assert_int_equal(d.n, 0);
	ycfg_diags_free(&d);

	/* clearing a list that never held anything */
	ycfg_diags_init(&d);
	ycfg_diags_clear(&d);
	assert_int_equal(d.n, 0);
	ycfg_diags_free(&d);
}

static void
diag_move_hands_over_diagnostics_and_strings(void **state)
{
	struct ycfg_diags dst, src;
	const char *file;

	(void)state;
	ycfg_diags_init(&dst);
	ycfg_diags_init(&src);
	ycfg_diag_add(&dst, "d.cfg", 1, 1, YCFG_R_UNKNOWN_KEY, "dst %d", 1);
	file = ycfg_diags_intern(&src, "s.cfg");
	for (int i = 0; i < 500; i++)
		ycfg_diag_add(&src, file, (unsigned)i + 1, 1,
			      YCFG_R_MISSING_HEADER,
			      "src message %d padded to use several blocks "
			      "of the string store ........................",
			      i);
	assert_int_equal(ycfg_diags_move(&dst, &src), 0);
	assert_int_equal(src.n, 0);
	assert_int_equal(ycfg_diags_max_severity(&src), -1);
	assert_int_equal(dst.n, 501);
	assert_int_equal(dst.count[YCFG_SEV_ERROR], 500);
	assert_int_equal(dst.count[YCFG_SEV_WARNING], 1);

	/* src is usable and independent afterwards */
	ycfg_diag_add(&src, "x", 1, 1, YCFG_R_UNKNOWN_KEY, "later");
	ycfg_diags_free(&src);
	ycfg_diag_add(&dst, "d.cfg", 2, 1, YCFG_R_UNKNOWN_KEY, "dst %d", 2);
	assert_string_equal(dst.v[0].msg, "dst 1");
	assert_string_equal(dst.v[1].file, "s.cfg");
	assert_non_null(strstr(dst.v[1].msg, "src message 0 "));
	assert_non_null(strstr(dst.v[500].msg, "src message 499 "));
	assert_string_equal(dst.v[501].msg, "dst 2");

	/* moving an empty list changes nothing; moving into an empty one */
	ycfg_diags_init(&src);
	assert_int_equal(ycfg_diags_move(&dst, &src), 0);
	assert_int_equal(dst.n, 502);
	struct ycfg_diags empty;

	ycfg_diags_init(&empty);
	assert_int_equal(ycfg_diags_move(&empty, &dst), 0);
	assert_int_equal(empty.n, 502);
	assert_int_equal(dst.n, 0);
	ycfg_diags_free(&dst);
	assert_string_equal(empty.v[501].msg, "dst 2");
	ycfg_diags_sort(&empty);
	assert_string_equal(empty.v[0].file, "d.cfg");
	ycfg_diags_free(&empty);
	ycfg_diags_free(&src);
}

static int
vadd_helper(struct ycfg_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
vadd_helper(struct ycfg_diags *d, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = ycfg_diag_vadd(d, "v.cfg", 4, 2, YCFG_R_OUT_OF_RANGE, fmt, ap);
	va_end(ap);
	return r;
}

static void
diag_vadd_formats_from_va_list(void **state)
{
	struct ycfg_diags d;

	(void)state;
	ycfg_diags_init(&d);
	assert_int_equal(vadd_helper(&d, "%s=%u%%", "pct", 50u), 0);
	assert_string_equal(d.v[0].msg, "pct=50%");
	assert_int_equal(d.v[0].line, 4);
	assert_int_equal(d.v[0].col, 2);
	ycfg_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diag_add_stores_position_rule_and_formatted_message),
		cmocka_unit_test(diag_add_grows_past_many_thousand_entries),
		cmocka_unit_test(diag_add_with_unknown_rule_is_ignored),
		cmocka_unit_test(diag_long_message_is_truncated_not_overflowed),
		cmocka_unit_test(diag_intern_returns_stable_copy),
		cmocka_unit_test(diag_level_off_drops_rule),
		cmocka_unit_test(diag_set_level_changes_severity_of_later_adds),
		cmocka_unit_test(diag_add_sev_uses_producer_severity_unless_user_set_level),
		cmocka_unit_test(diag_max_severity_is_highest_present),
		cmocka_unit_test(diag_sort_orders_by_file_line_column_rule_message),
		cmocka_unit_test(diag_per_file_cap_keeps_first_findings_and_summarises_rest),
		cmocka_unit_test(diag_cap_counts_findings_at_line_0_as_line_1),
		cmocka_unit_test(diag_without_cap_keeps_everything_and_adds_no_summary),
		cmocka_unit_test(diag_sanitises_control_bytes_and_invalid_utf8),
		cmocka_unit_test(diag_passes_valid_multibyte_utf8_through),
		cmocka_unit_test(diag_clear_drops_diagnostics_and_keeps_levels),
		cmocka_unit_test(diag_move_hands_over_diagnostics_and_strings),
		cmocka_unit_test(diag_vadd_formats_from_va_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
