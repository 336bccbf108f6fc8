/*
 * lint_split.c - a large file linted in two halves at once.
 *
 * The 100 MB file full of repeated blocks is the case this exists for.
 * Each half has its own document, findings and linter; the second half's
 * settings are then merged into the first exactly as if the lines had
 * been read in order: its first occurrence of a key the first half set is
 * a duplicate, its last value wins, and the per-rule cap counts both
 * halves.  A unit test proves the output identical to one pass.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "lint_priv.h"

struct half {
	struct ycfg_linter linter;
	struct ycfg_doc doc;
	struct ycfg_diags d;
	struct ycfg_lexer lx;
	size_t start;               /* the second half: [start, doc.buf.len) */
	unsigned first_line;
};

static void *
half_run(void *arg)
{
	struct half *h = arg;

	/* the lexer's whole-range scans run on this thread too */
	ycfg_lexer_init_part(&h->lx, h->doc.buf.p, h->start, h->doc.buf.len,
			     h->first_line, h->doc.path, false, &h->d);
	ycfg_lint_lines(&h->linter, &h->doc, false, &h->lx, &h->d);
	return NULL;
}

/* Counts '\n' bytes eight at a time (one memchr call per short line would
 * cost more than the lexing it precedes). */
static unsigned
count_newlines(const char *p, const char *end)
{
	const uint64_t ones = 0x0101010101010101ull, low7 = ones * 0x7f;
	size_t n = 0;

	for (; end - p >= 8; p += 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		w ^= ones * '\n';
		/* high bit of each byte set where the byte was '\n' */
		uint64_t t = ~(((w & low7) + low7) | w) & (ones * 0x80);

		n += (size_t)(((t >> 7) * ones) >> 56);
	}
	for (; p < end; p++)
		n += *p == '\n';
	return (unsigned)n;
}

/* Folds the second half's settings into the first. */
static void
merge_docs(struct ycfg_doc *a, const struct ycfg_doc *b, struct ycfg_diags *d)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct ycfg_entry *e = &b->ents[i];
		const char *key = ycfg_entry_key(b, e);
		uint32_t prev;
		struct ycfg_entry *t = ycfg_doc_set(a, key, e->key_len,
						    e->sub_len,
						    ycfg_entry_val(b, e),
						    e->val_len, e->line, e->col,
						    e->valcol, e->flags, &prev);

		if (t == NULL) {
			d->oom = true;
			continue;
		}
		if (prev == 0) {
			t->param = e->param;
			t->blank_line = e->blank_line;
			t->first_line = e->first_line;
			t->first_col = e->first_col;
			t->first_blank = e->first_blank;
			continue;
		}
		if (t->line == e->line) {
			t->param = e->param;
			t->blank_line = e->blank_line;
		}
		ycfg_lint_duplicate(d, a->path, e->first_line, e->first_col,
				    key, e->key_len, prev, e->first_blank);
	}
}

bool
ycfg_lint_split(struct ycfg_linter *l, struct ycfg_doc *doc,
		struct ycfg_diags *d)
{
	const char *buf = doc->buf.p, *end = buf + doc->buf.len;
	const char *mid = memchr(buf + doc->buf.len / 2, '\n',
				 doc->buf.len - doc->buf.len / 2);

	if (mid == NULL || mid + 1 >= end)
		return false;
	mid++;

	struct half b;
	struct ycfg_lexer lx;
	pthread_t thread;

	ycfg_linter_init(&b.linter, l->o);
	ycfg_doc_init(&b.doc);
	b.doc.buf = doc->buf;       /* borrowed: the same bytes */
	b.doc.path = doc->path;
	ycfg_diags_init_like(&b.d, d);
	b.start = (size_t)(mid - buf);
	b.first_line = count_newlines(buf, mid) + 1;

	bool threaded = pthread_create(&thread, NULL, half_run, &b) == 0;

	ycfg_lexer_init(&lx, buf, (size_t)(mid - buf), doc->path, false, d);
	lx.count_end = end;
	ycfg_lint_lines(l, doc, false, &lx, d);
	if (threaded)
		pthread_join(thread, NULL);
	else
		half_run(&b);

	doc->has_directives = lx.has_directive || b.lx.has_directive ||
			      lx.legacy || lx.binary;
	/* a legacy section in the first half ends the file there */
	if (!lx.binary && !lx.legacy) {
		/* "once per file" */
		if (lx.cr_reported && b.lx.cr_reported)
			ycfg_diags_remove_rule(&b.d, 0, YCFG_R_CR_LINE_ENDING);
		ycfg_diags_merge_capped(d, &b.d);
		merge_docs(doc, &b.doc, d);
	}
	b.doc.buf = (struct ycfg_buf){ 0 };
	ycfg_doc_free(&b.doc);
	ycfg_diags_free(&b.d);
	ycfg_linter_free(&b.linter);
	return true;
}
