/*
 * suppress.c - suppression directives in comment lines (see suppress.h).
 *
 * One pass over the file's lines turns directives into ranges of lines per
 * rule; then the file's findings are filtered against the ranges.  Files
 * without "ycfg:" anywhere cost one memmem.
 */
#define _GNU_SOURCE   /* memmem */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/suppress.h"
#include "ycfg/strdist.h"
#include "ycfg/vec.h"

#define ALL_RULES (-1)

enum kind {
	K_NEXT_LINE,
	K_DISABLE,
	K_ENABLE,
	K_FILE,
};

static const char *const kind_name[] = {
	[K_NEXT_LINE] = "disable-next-line",
	[K_DISABLE] = "disable",
	[K_ENABLE] = "enable",
	[K_FILE] = "disable-file",
};

/* One rule named by one directive. */
struct item {
	unsigned line, col;
	int rule;          /* a rule, or ALL_RULES */
	enum kind kind;
	bool used;         /* suppressed at least one finding */
	bool dangling;     /* enable without an open disable */
};

/* Lines [from, to] of one rule (or all) are suppressed by item. */
struct range {
	unsigned from, to;
	int rule;
	size_t item;
};

/* A directive problem, reported after filtering. */
struct problem {
	unsigned line, col;
	enum ycfg_rule rule;
	char msg[160];
};

struct state {
	struct item *items;
	size_t nitems, capitems;
	struct range *ranges;
	size_t nranges, capranges;
	struct problem *probs;
	size_t nprobs, capprobs;
	size_t open[YCFG_R__COUNT];  /* item of the open disable, or SIZE_MAX */
	size_t pending_from;         /* next-line items not yet placed */
	bool oom;
};

/* Grows *v (elements of size sz) to hold one more; false when out of
 * memory (the state then remembers it). */
static bool
grow(struct state *s, void **v, size_t *cap, size_t n, size_t sz)
{
	if (ycfg_vec_reserve(v, cap, n + 1, sz, 16) != 0) {
		s->oom = true;
		return false;
	}
	return true;
}

static void
add_range(struct state *s, unsigned from, unsigned to, int rule, size_t item)
{
	if (!grow(s, (void **)&s->ranges, &s->capranges, s->nranges,
		  sizeof(*s->ranges)))
		return;
	s->ranges[s->nranges++] = (struct range){ from, to, rule, item };
}

static size_t
add_item(struct state *s, unsigned line, unsigned col, int rule,
	 enum kind kind)
{
	if (!grow(s, (void **)&s->items, &s->capitems, s->nitems,
		  sizeof(*s->items)))
		return SIZE_MAX;
	s->items[s->nitems] = (struct item){ line, col, rule, kind, false,
					     false };
	return s->nitems++;
}

static void
add_problem(struct state *s, unsigned line, unsigned col, enum ycfg_rule rule,
	    const char *msg)
{
	if (!grow(s, (void **)&s->probs, &s->capprobs, s->nprobs,
		  sizeof(*s->probs)))
		return;

	struct problem *p = &s->probs[s->nprobs++];

	p->line = line;
	p->col = col;
	p->rule = rule;
	snprintf(p->msg, sizeof(p->msg), "%s", msg);
}

static void
unknown_rule(struct state *s, unsigned line, unsigned col, const char *name,
	     size_t len)
{
	const char *best = NULL;
	size_t bestd = 3;
	char msg[160];

	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const char *id = ycfg_rule_info((enum ycfg_rule)r)->id;
		size_t dist = ycfg_strdist(name, len, id, strlen(id),
					   bestd - 1);

		if (dist < bestd) {
			bestd = dist;
			best = id;
		}
	}
	if (best != NULL)
		snprintf(msg, sizeof(msg), "unknown rule '%.*s' in suppression "
			 "comment; did you mean '%s'?", (int)(len > 64 ? 64 : len),
			 name, best);
	else
		snprintf(msg, sizeof(msg), "unknown rule '%.*s' in suppression "
			 "comment", (int)(len > 64 ? 64 : len), name);
	add_problem(s, line, col, YCFG_R_UNKNOWN_SUPPRESSION, msg);
}

/* Records one rule of a directive. */
static void
directive_rule(struct state *s, enum kind kind, unsigned line, unsigned col,
	       int rule)
{
	size_t it = add_item(s, line, col, rule, kind);

	if (it == SIZE_MAX)
		return;
	switch (kind) {
	case K_FILE:
		add_range(s, 0, UINT_MAX, rule, it);
		break;
	case K_NEXT_LINE:
		/* placed when the next non-directive line is seen */
		break;
	case K_DISABLE:
		for (int r = 0; r < YCFG_R__COUNT; r++)
			if ((rule == ALL_RULES || rule == r) &&
			    s->open[r] == SIZE_MAX)
				s->open[r] = it;
		break;
	case K_ENABLE: {
		bool closed = false;

		for (int r = 0; r < YCFG_R__COUNT; r++) {
			size_t o = s->open[r];

			if ((rule != ALL_RULES && rule != r) || o == SIZE_MAX)
				continue;
			add_range(s, s->items[o].line, line, r, o);
			s->open[r] = SIZE_MAX;
			closed = true;
		}
		/* an enable is never "used"; one that closed nothing is
		 * reported as dangling */
		s->items[it].used = true;
		s->items[it].dangling = !closed;
		break;
	}
	}
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Parses line [p, e) (line number line) when it is a directive.  Returns
 * true when it was one (well-formed or not). */
static bool
parse_line(struct state *s, const char *p, const char *e, unsigned line)
{
	const char *b = p;

	while (p < e && is_blank(*p))
		p++;
	if (p == e || *p != '#')
		return false;
	p++;
	while (p < e && is_blank(*p))
		p++;
	if ((size_t)(e - p) < 5 || memcmp(p, "ycfg:", 5) != 0)
		return false;
	p += 5;
	while (p < e && is_blank(*p))
		p++;

	const char *verb = p;
	unsigned vcol = (unsigned)(verb - b) + 1;
	char msg[160];

	while (p < e && ((*p >= 'a' && *p <= 'z') || *p == '-'))
		p++;

	size_t vlen = (size_t)(p - verb);
	int kind = -1;

	for (int k = 0; k <= K_FILE; k++)
		if (strlen(kind_name[k]) == vlen &&
		    memcmp(kind_name[k], verb, vlen) == 0)
			kind = k;
	if (kind < 0) {
		const char *w = verb;

		while (w < e && !is_blank(*w) && *w != '=')
			w++;
		snprintf(msg, sizeof(msg), "unknown suppression directive "
			 "'%.*s'; expected disable-next-line, disable, enable "
			 "or disable-file", (int)((w - verb) > 40 ? 40 : w - verb),
			 verb);
		add_problem(s, line, vcol, YCFG_R_UNKNOWN_SUPPRESSION, msg);
		return true;
	}
	while (p < e && is_blank(*p))
		p++;
	if (p == e || *p != '=') {
		snprintf(msg, sizeof(msg), "'%s' needs '=RULE[,RULE]'",
			 kind_name[kind]);
		add_problem(s, line, vcol, YCFG_R_UNKNOWN_SUPPRESSION, msg);
		return true;
	}
	p++;

	/* the names are checked first, so a malformed list records nothing */
	const char *list = p;

	for (int pass = 0; pass < 2; pass++) {
		p = list;
		for (;;) {
			while (p < e && is_blank(*p))
				p++;

			const char *name = p;

			while (p < e && !is_blank(*p) && *p != ',')
				p++;

			size_t len = (size_t)(p - name);
			unsigned col = (unsigned)(name - b) + 1;

			if (len == 0 || (len >= 2 && name[0] == '-' &&
					 name[1] == '-')) {
				if (pass == 0) {
					add_problem(s, line, col,
						    YCFG_R_UNKNOWN_SUPPRESSION,
						    "empty rule name in "
						    "suppression comment");
					return true;
				}
				break;
			}
			if (pass == 1) {
				int r;

				if (len == 3 && memcmp(name, "all", 3) == 0) {
					directive_rule(s, (enum kind)kind, line,
						       col, ALL_RULES);
				} else {
					char id[65];

					if (len < sizeof(id)) {
						memcpy(id, name, len);
						id[len] = '\0';
						r = ycfg_rule_by_id(id);
					} else {
						r = -1;
					}
					if (r >= 0)
						directive_rule(s, (enum kind)kind,
							       line, col, r);
					else
						unknown_rule(s, line, col, name,
							     len);
				}
			}
			while (p < e && is_blank(*p))
				p++;
			if (p < e && *p == ',') {
				p++;
				continue;
			}
			if (p < e && !(e - p >= 2 && p[0] == '-' && p[1] == '-')) {
				if (pass == 0) {
					add_problem(s, line,
						    (unsigned)(p - b) + 1,
						    YCFG_R_UNKNOWN_SUPPRESSION,
						    "unexpected text after the "
						    "rule list of a suppression "
						    "comment; write a reason "
						    "after '--'");
					return true;
				}
			}
			break;
		}
	}
	return true;
}

/* Places the pending next-line items on line. */
static void
place_pending(struct state *s, unsigned line)
{
	for (size_t i = s->pending_from; i < s->nitems; i++)
		if (s->items[i].kind == K_NEXT_LINE)
			add_range(s, line, line, s->items[i].rule, i);
	s->pending_from = s->nitems;
}

/* Splits buf into lines like the lexer does and parses directives. */
static void
scan(struct state *s, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	bool has_cr = memchr(buf, '\r', len) != NULL;
	unsigned line = 0;

	while (p < end && !s->oom) {
		const char *eol, *next;

		line++;
		if (!has_cr) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));

			eol = nl ? nl : end;
			next = nl ? nl + 1 : end;
		} else {
			const char *q = p;

			while (q < end && *q != '\n' && *q != '\r')
				q++;
			eol = q;
			next = q == end ? end : (*q == '\r' && q + 1 < end &&
						 q[1] == '\n') ? q + 2 : q + 1;
		}

		/* next-line items wait for the next non-directive line */
		if (!parse_line(s, p, eol, line))
			place_pending(s, line);
		p = next;
	}
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		if (s->open[r] != SIZE_MAX)
			add_range(s, s->items[s->open[r]].line, UINT_MAX, r,
				  s->open[r]);
		s->open[r] = SIZE_MAX;
	}
}

/* The item suppressing a finding of rule at line, or SIZE_MAX.  With
 * named_only, "all" does not count. */
static size_t
covering(const struct state *s, int rule, unsigned line, bool named_only)
{
	for (size_t i = 0; i < s->nranges; i++) {
		const struct range *r = &s->ranges[i];

		if (((r->rule == ALL_RULES && !named_only) || r->rule == rule) &&
		    line >= r->from && line <= r->to)
			return r->item;
	}
	return SIZE_MAX;
}

int
ycfg_suppress_apply(const char *buf, size_t len, const char *file,
		    struct ycfg_diags *d, size_t start)
{
	if (buf == NULL || len < 5 || memmem(buf, len, "ycfg:", 5) == NULL)
		return 0;

	struct state s;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	for (int r = 0; r < YCFG_R__COUNT; r++)
		s.open[r] = SIZE_MAX;
	scan(&s, buf, len);
	if (s.oom) {
		rc = -1;
		goto out;
	}

	/* filter the file's findings, compacting in order */
	size_t w = start;

	for (size_t i = start; i < d->n; i++) {
		struct ycfg_diag *g = &d->v[i];
		size_t it = SIZE_MAX;

		if (g->file == file || (g->file != NULL && file != NULL &&
					strcmp(g->file, file) == 0))
			it = covering(&s, (int)g->rule, g->line, false);
		if (it != SIZE_MAX) {
			s.items[it].used = true;
			d->count[g->severity]--;
			continue;
		}
		if (w != i)
			d->v[w] = *g;
		w++;
	}
	d->n = w;

	/* directive problems: suppressible by naming their rule (not by
	 * "all", which would hide its own uselessness), without counting as
	 * a use */
	for (size_t i = 0; i < s.nitems; i++) {
		const struct item *it = &s.items[i];
		char msg[160];

		if (it->used && !it->dangling)
			continue;
		if (!it->dangling && it->rule != ALL_RULES &&
		    d->level[it->rule] == YCFG_LEVEL_OFF)
			continue;   /* the configuration turned it off */

		const char *name = it->rule == ALL_RULES ? "all"
			: ycfg_rule_info((enum ycfg_rule)it->rule)->id;

		if (it->dangling)
			snprintf(msg, sizeof(msg), "'enable=%s' has no open "
				 "'disable' to end", name);
		else
			snprintf(msg, sizeof(msg), "'%s=%s' suppressed nothing",
				 kind_name[it->kind], name);
		add_problem(&s, it->line, it->col, YCFG_R_UNUSED_SUPPRESSION,
			    msg);
	}
	if (s.oom)
		rc = -1;
	for (size_t i = 0; i < s.nprobs; i++) {
		const struct problem *p = &s.probs[i];

		if (covering(&s, (int)p->rule, p->line, true) != SIZE_MAX)
			continue;
		if (ycfg_diag_add(d, file, p->line, p->col, p->rule, "%s",
				  p->msg) != 0)
			rc = -1;
	}
out:
	free(s.items);
	free(s.ranges);
	free(s.probs);
	return rc;
}
