/*
 * test_doc.c - the per-file settings table: set/get, duplicates,
 * multi-value keys, blank values, reset and reuse, hash table growth,
 * include list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/doc.h"
#include "ycfg/lexer.h"

/* A document whose buffer holds a copy of text (keys and values given to
 * ycfg_doc_set must point into it). */
static void
doc_with_text(struct ycfg_doc *doc, const char *text, size_t len)
{
	ycfg_doc_init(doc);
	doc->buf.p = malloc(len + 1);
	assert_non_null(doc->buf.p);
	memcpy(doc->buf.p, text, len);
	doc->buf.p[len] = '\0';
	doc->buf.len = len;
	doc->buf.cap = len + 1;
}

/* Pointer to the first occurrence of s in the document's buffer. */
static const char *
at(const struct ycfg_doc *doc, const char *s)
{
	const char *p = strstr(doc->buf.p, s);

	assert_non_null(p);
	return p;
}

/* Sets key = val, both found by text in the buffer. */
static struct ycfg_entry *
set(struct ycfg_doc *doc, const char *key, const char *val, size_t sub_len,
    unsigned line, unsigned flags, uint32_t *prev)
{
	const char *k = at(doc, key);
	const char *v = val ? at(doc, val) : k + strlen(key);
	size_t vl = val ? strlen(val) : 0;

	return ycfg_doc_set(doc, k, strlen(key), sub_len, v, vl, line, 1,
			    (unsigned)strlen(key) + 4, flags, prev);
}

static bool
val_is(const struct ycfg_doc *doc, const struct ycfg_entry *e,
       const char *want)
{
	return e->val_len == strlen(want) &&
	       memcmp(ycfg_entry_val(doc, e), want, e->val_len) == 0;
}

static void
doc_init_starts_empty(void **state)
{
	struct ycfg_doc doc;

	(void)state;
	ycfg_doc_init(&doc);
	assert_int_equal(doc.n, 0);
	assert_int_equal(doc.ninc, 0);
	assert_int_equal(doc.overwrite_mode, -1);
	assert_null(ycfg_doc_get(&doc, "a", 1));
	assert_null(ycfg_doc_find(&doc, "a", 1,
				  ycfg_hash_lower(YCFG_FNV32_INIT, "a", 1)));
	ycfg_doc_free(&doc);
	ycfg_doc_free(&doc); /* freeing twice is harmless */
}

static void
doc_set_then_get_returns_the_entry(void **state)
{
	static const char text[] = "account.1.enable = 1\nlang.gui = English\n";
	struct ycfg_doc doc;
	uint32_t prev = 99;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	struct ycfg_entry *e = set(&doc, "account.1.enable", "1", 0, 1, 0,
				   &prev);

	assert_non_null(e);
	assert_int_equal(prev, 0);
	set(&doc, "lang.gui", "English", 0, 2, 0, &prev);
	assert_int_equal(prev, 0);
	assert_int_equal(doc.n, 2);

	const struct ycfg_entry *g = ycfg_doc_get(&doc, "account.1.enable",
						  16);

	assert_ptr_equal(g, e);
	assert_int_equal(g->line, 1);
	assert_int_equal(g->first_line, 1);
	assert_int_equal(g->col, 1);
	assert_int_equal(g->valcol, 20);
	assert_int_equal(g->sub_len, 0);
	assert_int_equal(g->blank_line, 0);
	assert_null(g->param);
	assert_true(val_is(&doc, g, "1"));
	assert_memory_equal(ycfg_entry_key(&doc, g), "account.1.enable", 16);

	g = ycfg_doc_get(&doc, "lang.gui", 8);
	assert_non_null(g);
	assert_true(val_is(&doc, g, "English"));
	/* first-seen order */
	assert_ptr_equal(&doc.ents[0], e);
	assert_ptr_equal(&doc.ents[1], g);
	ycfg_doc_free(&doc);
}

static void
doc_get_misses_unknown_and_prefix_keys(void **state)
{
	static const char text[] = "account.1.enable = 1\n";
	struct ycfg_doc doc;
	uint32_t prev;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	set(&doc, "account.1.enable", "1", 0, 1, 0, &prev);
	assert_null(ycfg_doc_get(&doc, "account.1", 9));
	assert_null(ycfg_doc_get(&doc, "account.1.enable2", 17));
	assert_null(ycfg_doc_get(&doc, "account.2.enable", 16));
	assert_null(ycfg_doc_get(&doc, "", 0));
	ycfg_doc_free(&doc);
}

static void
doc_duplicate_key_returns_prev_line_and_keeps_first(void **state)
{
	static const char text[] = "k = 0\nk = 1\nk = 2\n";
	struct ycfg_doc doc;
	uint32_t prev;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	const char *k1 = doc.buf.p, *k2 = doc.buf.p + 6, *k3 = doc.buf.p + 12;

	ycfg_doc_set(&doc, k1, 1, 0, k1 + 4, 1, 1, 1, 5, 0, &prev);
	assert_int_equal(prev, 0);
	struct ycfg_entry *e = ycfg_doc_set(&doc, k2, 1, 0, k2 + 4, 1, 2, 3,
					    7, 0, &prev);

	assert_int_equal(prev, 1);
	assert_int_equal(doc.n, 1);
	assert_int_equal(e->line, 2);
	assert_int_equal(e->col, 3);
	assert_int_equal(e->valcol, 7);
	assert_int_equal(e->first_line, 1);
	assert_int_equal(e->first_col, 1);
	assert_true(val_is(&doc, e, "1"));
	e = ycfg_doc_set(&doc, k3, 1, 0, k3 + 4, 1, 3, 1, 5, 0, &prev);
	assert_int_equal(prev, 2);
	assert_true(val_is(&doc, e, "2"));
	assert_int_equal(doc.n, 1);
	ycfg_doc_free(&doc);
}

static void
doc_keys_compare_case_insensitively(void **state)
{
	static const char text[] = "Account.1.Enable = 1\naccount.1.enable = 0\n";
	struct ycfg_doc doc;
	uint32_t prev;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	set(&doc, "Account.1.Enable", "1", 0, 1, 0, &prev);
	set(&doc, "account.1.enable", "0", 0, 2, 0, &prev);
	assert_int_equal(prev, 1);
	assert_int_equal(doc.n, 1);

	const struct ycfg_entry *e = ycfg_doc_get(&doc, "ACCOUNT.1.ENABLE", 16);

	assert_non_null(e);
	assert_true(val_is(&doc, e, "0"));
	assert_null(ycfg_doc_get(&doc, "account.1.enabl@", 16));
	ycfg_doc_free(&doc);
}

static void
hash_lower_folds_only_ascii_letters(void **state)
{
	static const char *const same[][2] = {
		{ "ABC", "abc" },
		{ "Account.", "aCCOUNT." },             /* exactly 8 */
		{ "ACCOUNT.1.SIP_SERVER", "account.1.sip_server" },
		{ "Z", "z" },
		{ "A", "a" },
	};
	static const char *const differ[][2] = {
		{ "@", "`" },   /* 'A' - 1 vs 'a' - 1 */
		{ "[", "{" },   /* 'Z' + 1 vs 'z' + 1 */
		{ "\xc1", "\xe1" },
		{ "\xda", "\xfa" },
		{ "abc", "abd" },
		{ "_", "\x7f" },
		{ "12345678@", "12345678`" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		assert_int_equal(ycfg_hash_lower(YCFG_FNV32_INIT, same[i][0],
						 strlen(same[i][0])),
				 ycfg_hash_lower(YCFG_FNV32_INIT, same[i][1],
						 strlen(same[i][1])));
	for (size_t i = 0; i < sizeof(differ) / sizeof(differ[0]); i++)
		assert_int_not_equal(
			ycfg_hash_lower(YCFG_FNV32_INIT, differ[i][0],
					strlen(differ[i][0])),
			ycfg_hash_lower(YCFG_FNV32_INIT, differ[i][1],
					strlen(differ[i][1])));
	/* the length takes part: "a" and "a\0" differ */
	assert_int_not_equal(ycfg_hash_lower(YCFG_FNV32_INIT, "a", 1),
			     ycfg_hash_lower(YCFG_FNV32_INIT, "a\0", 2));
	/* FNV-1a reference value */
	assert_int_equal(ycfg_fnv32(YCFG_FNV32_INIT, "a", 1), 0xe40c292cu);
	assert_int_equal(ycfg_fnv32(YCFG_FNV32_INIT, "", 0), YCFG_FNV32_INIT);
}

static void
doc_find_locates_entry_by_lower_hash(void **state)
{
	static const char text[] = "Lang.GUI = English\n";
	struct ycfg_doc doc;
	uint32_t prev;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	struct ycfg_entry *e = set(&doc, "Lang.GUI", "English", 0, 1, 0, &prev);
	struct ycfg_entry *f = ycfg_doc_find(
		&doc, "lang.gui", 8, ycfg_hash_lower(YCFG_FNV32_INIT, "lang.gui", 8));

	assert_ptr_equal(e, f);
	assert_null(ycfg_doc_find(&doc, "lang.wui", 8,
				  ycfg_hash_lower(YCFG_FNV32_INIT, "lang.wui",
						  8)));
	ycfg_doc_free(&doc);
}

static void
doc_multi_value_sub_len_keeps_user_and_admin_distinct(void **state)
{
	static const char text[] =
		"security.user_password = user:abc\n"
		"security.user_password = admin:xyz\n"
		"security.user_password = user:def\n"
		"security.user_password = var:ghi\n";
	struct ycfg_doc doc;
	uint32_t prev;
	const char *key = "security.user_password";
	size_t kl = strlen(key);

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	struct ycfg_entry *u = set(&doc, key, "user:abc", 5, 1, 0, &prev);

	assert_int_equal(prev, 0);
	assert_int_equal(u->sub_len, 5);

	const char *adm = at(&doc, "admin:xyz");
	struct ycfg_entry *a = ycfg_doc_set(&doc, adm - 25, kl, 6, adm, 9, 2,
					    1, 26, 0, &prev);

	assert_memory_equal(adm - 25, key, kl);
	assert_int_equal(prev, 0);
	assert_int_equal(doc.n, 2);
	assert_ptr_not_equal(a, u);

	const char *u2 = at(&doc, "user:def");
	struct ycfg_entry *e = ycfg_doc_set(&doc, u2 - 25, kl, 5, u2, 8, 3, 1,
					    26, 0, &prev);

	assert_int_equal(prev, 1);
	assert_int_equal(doc.n, 2);
	assert_true(val_is(&doc, e, "user:def"));

	const char *v2 = at(&doc, "var:ghi");

	ycfg_doc_set(&doc, v2 - 25, kl, 4, v2, 7, 4, 1, 26, 0, &prev);
	assert_int_equal(prev, 0);
	assert_int_equal(doc.n, 3);
	/* a plain lookup (sub_len 0) does not match multi-value entries */
	assert_null(ycfg_doc_get(&doc, key, kl));
	ycfg_doc_free(&doc);
}

static void
doc_blank_after_value_keeps_value_and_sets_blank_line(void **state)
{
	static const char text[] = "k = 1\nk =\nk = 3\n";
	struct ycfg_doc doc;
	uint32_t prev;
	const char *p;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	p = doc.buf.p;
	ycfg_doc_set(&doc, p, 1, 0, p + 4, 1, 1, 1, 5, 0, &prev);
	struct ycfg_entry *e = ycfg_doc_set(&doc, p + 6, 1, 0, p + 9, 0, 2, 1,
					    4, YCFG_VAL_BLANK, &prev);

	assert_int_equal(prev, 1);
	assert_int_equal(e->blank_line, 2);
	assert_int_equal(e->line, 1);
	assert_int_equal(e->flags & YCFG_VAL_BLANK, 0);
	assert_true(val_is(&doc, e, "1"));
	assert_false(e->first_blank);

	/* a later value clears the blank */
	e = ycfg_doc_set(&doc, p + 10, 1, 0, p + 14, 1, 3, 1, 5, 0, &prev);
	assert_int_equal(e->blank_line, 0);
	assert_int_equal(e->line, 3);
	assert_true(val_is(&doc, e, "3"));
	assert_int_equal(e->first_line, 1);
	ycfg_doc_free(&doc);
}

static void
doc_blank_first_is_remembered_and_replaced_by_value(void **state)
{
	static const char text[] = "k =\nk =\nk = 5\n";
	struct ycfg_doc doc;
	uint32_t prev;
	const char *p;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	p = doc.buf.p;
	struct ycfg_entry *e = ycfg_doc_set(&doc, p, 1, 0, p + 3, 0, 1, 1, 4,
					    YCFG_VAL_BLANK, &prev);

	assert_int_equal(prev, 0);
	assert_true(e->first_blank);
	assert_int_equal(e->flags, YCFG_VAL_BLANK);
	assert_int_equal(e->blank_line, 0);
	/* blank after blank: just the later line */
	e = ycfg_doc_set(&doc, p + 4, 1, 0, p + 7, 0, 2, 1, 4, YCFG_VAL_BLANK,
			 &prev);
	assert_int_equal(prev, 1);
	assert_int_equal(e->line, 2);
	assert_int_equal(e->blank_line, 0);
	e = ycfg_doc_set(&doc, p + 8, 1, 0, p + 12, 1, 3, 1, 5, 0, &prev);
	assert_int_equal(prev, 2);
	assert_int_equal(e->flags, 0);
	assert_true(e->first_blank);
	assert_int_equal(e->first_line, 1);
	assert_true(val_is(&doc, e, "5"));
	ycfg_doc_free(&doc);
}

/* Builds "k0 = 0\nk1 = 1\n..." for n keys. */
static char *
many_keys_text(size_t n, size_t *len)
{
	size_t cap = n * 24 + 1, off = 0;
	char *t = malloc(cap);

	assert_non_null(t);
	for (size_t i = 0; i < n; i++)
		off += (size_t)snprintf(t + off, cap - off, "Key.%zu = %zu\n",
					i, i);
	*len = off;
	return t;
}

/* Sets every line of the buffer as a setting; returns the number set. */
static size_t
set_all_lines(struct ycfg_doc *doc)
{
	const char *p = doc->buf.p, *end = doc->buf.p + doc->buf.len;
	unsigned line = 0;
	uint32_t prev;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *sp = memchr(p, ' ', (size_t)(nl - p));

		line++;
		assert_non_null(ycfg_doc_set(doc, p, (size_t)(sp - p), 0,
					     sp + 3, (size_t)(nl - sp - 3),
					     line, 1, 1, 0, &prev));
		assert_int_equal(prev, 0);
		p = nl + 1;
	}
	return line;
}

static void
doc_grows_hash_table_past_many_thousand_keys(void **state)
{
	size_t n = 60000, len;
	char *t = many_keys_text(n, &len);
	struct ycfg_doc doc;
	char key[32];

	(void)state;
	doc_with_text(&doc, t, len);
	free(t);
	assert_int_equal(set_all_lines(&doc), n);
	assert_int_equal(doc.n, n);
	assert_true(doc.nslots >= 2 * n);
	assert_int_equal(doc.nslots & (doc.nslots - 1), 0);
	for (size_t i = 0; i < n; i += 7) {
		int kl = snprintf(key, sizeof(key), "key.%zu", i);
		const struct ycfg_entry *e = ycfg_doc_get(&doc, key,
							  (size_t)kl);

		assert_non_null(e);
		assert_int_equal(e->line, i + 1);
		assert_int_equal(e->val_len, (size_t)kl - 4);
		assert_memory_equal(ycfg_entry_val(&doc, e), key + 4,
				    e->val_len);
	}
	assert_null(ycfg_doc_get(&doc, "key.60000", 9));

	/* a repeat after the growth still finds the first line */
	uint32_t prev;
	const char *k = at(&doc, "Key.12345 ");

	ycfg_doc_set(&doc, k, 9, 0, k + 12, 5, 99999, 1, 1, 0, &prev);
	assert_int_equal(prev, 12346);
	assert_int_equal(doc.n, n);
	ycfg_doc_free(&doc);
}

static void
doc_reset_forgets_keys_and_keeps_allocations(void **state)
{
	size_t n = 3000, len;
	char *t = many_keys_text(n, &len);
	struct ycfg_doc doc;
	static const char path[] = "x.cfg";

	(void)state;
	doc_with_text(&doc, t, len);
	free(t);
	set_all_lines(&doc);
	assert_int_equal(ycfg_doc_add_include(&doc, doc.buf.p, 3, NULL, 0, 1,
					      1),
			 0);
	doc.overwrite_mode = 1;
	doc.overwrite_line = 7;
	doc.path = path;
	doc.boot = true;

	struct ycfg_entry *ents = doc.ents;
	uint32_t *slots = doc.slots;
	struct ycfg_include *incs = doc.incs;
	size_t nslots = doc.nslots, cap = doc.cap, capinc = doc.capinc;
	char *bufp = doc.buf.p;

	ycfg_doc_reset(&doc);
	assert_int_equal(doc.n, 0);
	assert_int_equal(doc.ninc, 0);
	assert_int_equal(doc.overwrite_mode, -1);
	assert_int_equal(doc.overwrite_line, 0);
	assert_null(doc.path);
	assert_false(doc.boot);
	assert_ptr_equal(doc.ents, ents);
	assert_ptr_equal(doc.slots, slots);
	assert_ptr_equal(doc.incs, incs);
	assert_ptr_equal(doc.buf.p, bufp);
	assert_int_equal(doc.nslots, nslots);
	assert_int_equal(doc.cap, cap);
	assert_int_equal(doc.capinc, capinc);
	assert_null(ycfg_doc_get(&doc, "key.0", 5));
	assert_null(ycfg_doc_get(&doc, "key.2999", 8));

	/* the same keys again are new, not duplicates */
	assert_int_equal(set_all_lines(&doc), n);
	assert_int_equal(doc.n, n);
	assert_ptr_equal(doc.ents, ents);
	assert_ptr_equal(doc.slots, slots);

	/* resetting an empty document is fine too */
	ycfg_doc_reset(&doc);
	ycfg_doc_reset(&doc);
	assert_int_equal(doc.n, 0);
	ycfg_doc_free(&doc);
}

static void
doc_include_list_keeps_order_paths_and_models(void **state)
{
	static const char text[] =
		"include:config \"a.cfg\"\n[T46U,T54W]include:config b.cfg\n";
	struct ycfg_doc doc;
	const char *a, *b, *m;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	a = at(&doc, "a.cfg");
	b = at(&doc, "b.cfg");
	m = at(&doc, "T46U,T54W");
	for (unsigned i = 0; i < 100; i++) {
		int rc = (i % 2 == 0)
				 ? ycfg_doc_add_include(&doc, a, 5, NULL, 0,
							i + 1, 17)
				 : ycfg_doc_add_include(&doc, b, 5, m, 9, i + 1,
							28);

		assert_int_equal(rc, 0);
	}
	assert_int_equal(doc.ninc, 100);
	assert_true(doc.capinc >= 100);
	for (unsigned i = 0; i < 100; i++) {
		const struct ycfg_include *inc = &doc.incs[i];

		assert_int_equal(inc->line, i + 1);
		assert_int_equal(inc->path_len, 5);
		if (i % 2 == 0) {
			assert_int_equal(inc->path_off, (uint32_t)(a - doc.buf.p));
			assert_int_equal(inc->models_len, 0);
			assert_int_equal(inc->col, 17);
		} else {
			assert_memory_equal(doc.buf.p + inc->path_off, "b.cfg", 5);
			assert_memory_equal(doc.buf.p + inc->models_off,
					    "T46U,T54W", 9);
			assert_int_equal(inc->models_len, 9);
			assert_int_equal(inc->col, 28);
		}
	}
	ycfg_doc_free(&doc);
	assert_int_equal(doc.ninc, 0);
	assert_null(doc.incs);
}

/* The table filled by the lexer, as the linter does: later lines win. */
static void
doc_filled_from_lexer_keeps_last_value(void **state)
{
	static const char text[] =
		"#!version:1.0.0.1\nA.b = 1\nx = 2\na.B = 3\nx =\n";
	struct ycfg_doc doc;
	struct ycfg_lexer lx;
	struct ycfg_line line;
	uint32_t prev, dups = 0;

	(void)state;
	doc_with_text(&doc, text, sizeof(text) - 1);
	ycfg_lexer_init(&lx, doc.buf.p, doc.buf.len, "t.cfg", false, NULL);
	while (ycfg_lexer_next(&lx, &line)) {
		if (line.kind != YCFG_LINE_KV)
			continue;
		assert_non_null(ycfg_doc_set(&doc, line.key, line.keylen, 0,
					     line.val, line.vallen, line.lineno,
					     line.keycol, line.valcol,
					     line.flags, &prev));
		if (prev)
			dups++;
	}
	assert_int_equal(dups, 2);
	assert_int_equal(doc.n, 2);

	const struct ycfg_entry *e = ycfg_doc_get(&doc, "a.b", 3);

	assert_true(val_is(&doc, e, "3"));
	assert_int_equal(e->line, 4);
	assert_int_equal(e->first_line, 2);
	e = ycfg_doc_get(&doc, "x", 1);
	assert_true(val_is(&doc, e, "2"));
	assert_int_equal(e->blank_line, 5);
	ycfg_doc_free(&doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doc_init_starts_empty),
		cmocka_unit_test(doc_set_then_get_returns_the_entry),
		cmocka_unit_test(doc_get_misses_unknown_and_prefix_keys),
		cmocka_unit_test(doc_duplicate_key_returns_prev_line_and_keeps_first),
		cmocka_unit_test(doc_keys_compare_case_insensitively),
		cmocka_unit_test(hash_lower_folds_only_ascii_letters),
		cmocka_unit_test(doc_find_locates_entry_by_lower_hash),
		cmocka_unit_test(doc_multi_value_sub_len_keeps_user_and_admin_distinct),
		cmocka_unit_test(doc_blank_after_value_keeps_value_and_sets_blank_line),
		cmocka_unit_test(doc_blank_first_is_remembered_and_replaced_by_value),
		cmocka_unit_test(doc_grows_hash_table_past_many_thousand_keys),
		cmocka_unit_test(doc_reset_forgets_keys_and_keeps_allocations),
		cmocka_unit_test(doc_include_list_keeps_order_paths_and_models),
		cmocka_unit_test(doc_filled_from_lexer_keeps_last_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
