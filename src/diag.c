/*
 * diag.c - the diagnostic list (see diag.h).
 *
 * Messages and interned names live in a chain of blocks that is only ever
 * appended to, so pointers handed out stay valid until clear/free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/secret.h"
#include "ycfg/utf8.h"
#include "ycfg/vec.h"

struct ycfg_strblock {
	struct ycfg_strblock *next;
	size_t used, size;
	char data[];
};

#define STRBLOCK_MIN 8192

/* Reserves n bytes in the string store; NULL when out of memory. */
static char *
str_alloc(struct ycfg_diags *d, size_t n)
{
	struct ycfg_strblock *b = d->strings;

	if (b == NULL || b->size - b->used < n) {
		size_t size = n > STRBLOCK_MIN ? n : STRBLOCK_MIN;

		b = malloc(sizeof(*b) + size);
		if (b == NULL)
			return NULL;
		b->next = d->strings;
		b->used = 0;
		b->size = size;
		d->strings = b;
	}
	char *p = b->data + b->used;

	b->used += n;
	return p;
}

void
ycfg_diags_init(struct ycfg_diags *d)
{
	memset(d, 0, sizeof(*d));
	for (int r = 0; r < YCFG_R__COUNT; r++)
		d->level[r] = (signed char)ycfg_rule_info(r)->severity;
}

static void
free_blocks(struct ycfg_strblock *b)
{
	while (b != NULL) {
		struct ycfg_strblock *next = b->next;

		free(b);
		b = next;
	}
}

void
ycfg_diags_free(struct ycfg_diags *d)
{
	free(d->v);
	free(d->troubles);
	free_blocks(d->strings);
	d->v = NULL;
	d->troubles = NULL;
	d->strings = NULL;
	d->n = d->cap = 0;
	d->ntroubles = d->troubles_cap = 0;
}

void
ycfg_diags_clear(struct ycfg_diags *d)
{
	/* keep the newest block for reuse, drop the others */
	if (d->strings != NULL) {
		free_blocks(d->strings->next);
		d->strings->next = NULL;
		d->strings->used = 0;
	}
	d->n = 0;
	d->ntroubles = 0;
	memset(d->count, 0, sizeof(d->count));
}

const char *
ycfg_diags_intern(struct ycfg_diags *d, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = str_alloc(d, n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}


static int diag_vadd_sev(struct ycfg_diags *d, const char *file,
			 unsigned line, unsigned col, enum ycfg_rule rule,
			 int sev, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

static int
diag_vadd_sev(struct ycfg_diags *d, const char *file, unsigned line,
	      unsigned col, enum ycfg_rule rule, int sev, const char *fmt,
	      va_list ap)
{
	if ((unsigned)rule >= YCFG_R__COUNT || d->level[rule] == YCFG_LEVEL_OFF)
		return 0;
	if (d->file_cap != 0 && d->file_count[rule]++ >= d->file_cap) {
		if (d->dropped_line[rule] == 0)
			d->dropped_line[rule] = line ? line : 1;
		return 0;
	}
	if (ycfg_vec_reserve(&d->v, &d->cap, d->n + 1, sizeof(*d->v),
			     64) != 0) {
		d->oom = true;
		return -1;
	}

	char raw[1024], buf[1024];
	int len = vsnprintf(raw, sizeof(raw), fmt, ap);

	if (len < 0)
		len = 0;
	bool cut = (size_t)len >= sizeof(raw);

	if (cut)
		len = sizeof(raw) - 1;
	/* a credential quoted from a value never reaches a report */
	ycfg_mask_userinfo(raw, (size_t)len, buf, sizeof(buf), cut);
	len = (int)strlen(buf);

	char *msg = str_alloc(d, (size_t)len * 4 + 1);

	if (msg == NULL) {
		d->oom = true;
		return -1;
	}
	/* raw input bytes never reach a terminal or a document */
	ycfg_utf8_escape(msg, buf, (size_t)len);

	struct ycfg_diag *g = &d->v[d->n++];

	g->file = file;
	g->line = line;
	g->col = col;
	g->rule = rule;
	g->severity = (enum ycfg_severity)(d->overridden[rule] || sev < 0
					   ? d->level[rule] : sev);
	g->msg = msg;
	d->count[g->severity]++;
	return 0;
}

int
ycfg_diag_vadd(struct ycfg_diags *d, const char *file, unsigned line,
	       unsigned col, enum ycfg_rule rule, const char *fmt, va_list ap)
{
	return diag_vadd_sev(d, file, line, col, rule, -1, fmt, ap);
}

int
ycfg_diag_add_sev(struct ycfg_diags *d, const char *file, unsigned line,
		  unsigned col, enum ycfg_rule rule, enum ycfg_severity sev,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = diag_vadd_sev(d, file, line, col, rule, (int)sev, fmt, ap);

	va_end(ap);
	return r;
}

void
ycfg_diags_set_level(struct ycfg_diags *d, enum ycfg_rule rule, int level)
{
	if ((unsigned)rule >= YCFG_R__COUNT)
		return;
	d->level[rule] = (signed char)level;
	d->overridden[rule] = true;
}

void
ycfg_diags_begin_file(struct ycfg_diags *d)
{
	memset(d->file_count, 0, sizeof(d->file_count));
	memset(d->dropped_line, 0, sizeof(d->dropped_line));
}

void
ycfg_diags_end_file(struct ycfg_diags *d, const char *file)
{
	unsigned cap = d->file_cap;

	if (cap == 0)
		return;
	d->file_cap = 0;  /* the summaries themselves are never capped */
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		if (d->dropped_line[r] == 0)
			continue;
		ycfg_diag_add(d, file, d->dropped_line[r], 1,
			      (enum ycfg_rule)r,
			      "%u more %s findings in this file are not listed "
			      "(limit %u per rule and file)",
			      d->file_count[r] - cap, ycfg_rule_info(r)->id,
			      cap);
	}
	d->file_cap = cap;
	ycfg_diags_begin_file(d);
}

int
ycfg_diag_add(struct ycfg_diags *d, const char *file, unsigned line,
	      unsigned col, enum ycfg_rule rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = ycfg_diag_vadd(d, file, line, col, rule, fmt, ap);

	va_end(ap);
	return r;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct ycfg_diag *x = a, *y = b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void
ycfg_diags_sort(struct ycfg_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

int
ycfg_diags_max_severity(const struct ycfg_diags *d)
{
	for (int s = YCFG_SEV_ERROR; s >= YCFG_SEV_INFO; s--)
		if (d->count[s] > 0)
			return s;
	return -1;
}

int
ycfg_diags_move(struct ycfg_diags *dst, struct ycfg_diags *src)
{
	dst->oom |= src->oom;
	if (ycfg_vec_reserve(&dst->v, &dst->cap, dst->n + src->n,
			     sizeof(*dst->v), 64) != 0 ||
	    ycfg_vec_reserve(&dst->troubles, &dst->troubles_cap,
			     dst->ntroubles + src->ntroubles,
			     sizeof(*dst->troubles), 8) != 0) {
		dst->oom = true;
		return -1;
	}
	if (src->n > 0)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
	if (src->ntroubles > 0)
		memcpy(dst->troubles + dst->ntroubles, src->troubles,
		       src->ntroubles * sizeof(*src->troubles));
	dst->ntroubles += src->ntroubles;
	src->ntroubles = 0;
	for (int s = 0; s < 3; s++) {
		dst->count[s] += src->count[s];
		src->count[s] = 0;
	}
	src->n = 0;

	/* splice src's string blocks behind dst's newest one, so that dst
	 * keeps appending to its own current block */
	if (src->strings != NULL) {
		struct ycfg_strblock *last = src->strings;

		while (last->next != NULL)
			last = last->next;
		if (dst->strings == NULL) {
			dst->strings = src->strings;
		} else {
			last->next = dst->strings->next;
			dst->strings->next = src->strings;
		}
		src->strings = NULL;
	}
	return 0;
}

void
ycfg_diags_init_like(struct ycfg_diags *dst, const struct ycfg_diags *src)
{
	ycfg_diags_init(dst);
	memcpy(dst->level, src->level, sizeof(dst->level));
	memcpy(dst->overridden, src->overridden, sizeof(dst->overridden));
	dst->file_cap = src->file_cap;
}

int
ycfg_diags_merge_capped(struct ycfg_diags *a, struct ycfg_diags *b)
{
	unsigned kept[YCFG_R__COUNT] = { 0 };
	unsigned cap = a->file_cap;
	size_t w = 0;

	for (size_t i = 0; i < b->n; i++) {
		struct ycfg_diag *g = &b->v[i];
		unsigned before = a->file_count[g->rule] < cap
					  ? a->file_count[g->rule] : cap;

		if (cap != 0 && before + kept[g->rule] >= cap) {
			if (a->dropped_line[g->rule] == 0)
				a->dropped_line[g->rule] = g->line;
			b->count[g->severity]--;
			continue;
		}
		kept[g->rule]++;
		b->v[w++] = *g;
	}
	b->n = w;
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		a->file_count[r] += b->file_count[r];
		if (a->dropped_line[r] == 0)
			a->dropped_line[r] = b->dropped_line[r];
	}
	return ycfg_diags_move(a, b);
}

void
ycfg_diags_remove_rule(struct ycfg_diags *d, size_t start, enum ycfg_rule rule)
{
	size_t w = start;

	for (size_t i = start; i < d->n; i++) {
		if (d->v[i].rule == rule) {
			d->count[d->v[i].severity]--;
			continue;
		}
		d->v[w++] = d->v[i];
	}
	d->n = w;
}

int
ycfg_diags_trouble(struct ycfg_diags *d, const char *fmt, ...)
{
	char raw[1024], buf[1024], *msg;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	bool cut = (size_t)len >= sizeof(raw);

	if (cut)
		len = sizeof(raw) - 1;
	ycfg_mask_userinfo(raw, (size_t)len, buf, sizeof(buf), cut);
	len = (int)strlen(buf);
	msg = str_alloc(d, (size_t)len * 4 + 1);
	if (msg == NULL ||
	    ycfg_vec_reserve(&d->troubles, &d->troubles_cap, d->ntroubles + 1,
			     sizeof(*d->troubles), 8) != 0) {
		d->oom = true;
		return -1;
	}
	ycfg_utf8_escape(msg, buf, (size_t)len);
	d->troubles[d->ntroubles++] = msg;
	return 0;
}

bool
ycfg_diags_failed(const struct ycfg_diags *d)
{
	return d->oom || d->ntroubles > 0;
}
