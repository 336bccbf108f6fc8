/*
 * lint.c - per-line checks of one file (see lint.h).
 *
 * Everything Yealink-specific comes from the schema: which key segments
 * are indexes and their ranges, which keys exist and what they accept,
 * which lines a boot file may hold.  This file knows the mechanisms.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint_priv.h"
#include "ycfg/value.h"

int
ycfg_lint_opts_init(struct ycfg_lint_opts *o, const struct ycfg_schema *schema,
		    const char *model)
{
	memset(o, 0, sizeof(*o));
	o->schema = schema;
	o->model_name = model;
	if (model != NULL) {
		o->model = schema ? ycfg_schema_model(schema, model) : NULL;
		if (o->model == NULL)
			return -1;
	}
	return 0;
}

/*
 * Lookup memo: the same concrete keys come back line after line (a file
 * repeating a block) and file after file (every device has
 * account.1.sip_server.1.address), so the linter remembers the result of
 * recent schema lookups, keyed by the exact key bytes.  Direct-mapped:
 * a clash simply replaces the slot.  Keys longer than the slot bypass it.
 */
#define MEMO_SLOTS 4096
#define MEMO_KEY 64

struct memo_slot {
	uint32_t hash;
	uint32_t len;                  /* 0: empty */
	char key[MEMO_KEY];
	const struct ycfg_param *param;
	struct ycfg_key_indices idx;
};

struct ycfg_lookup_memo {
	struct memo_slot slot[MEMO_SLOTS];
};

void
ycfg_linter_init(struct ycfg_linter *l, const struct ycfg_lint_opts *o)
{
	l->o = o;
	l->memo = NULL;
	l->tpl = NULL;
	l->tplbuf = NULL;
}

void
ycfg_linter_free(struct ycfg_linter *l)
{
	free(l->memo);
	l->memo = NULL;
}

static const struct ycfg_param *
memo_lookup(struct ycfg_linter *l, const char *key, size_t len, uint32_t h,
	    struct ycfg_key_indices *idx)
{
	const struct ycfg_schema *s = l->o->schema;

	if (len > MEMO_KEY)
		return ycfg_schema_lookup(s, key, len, idx);
	if (l->memo == NULL) {
		l->memo = malloc(sizeof(*l->memo));
		if (l->memo == NULL)
			return ycfg_schema_lookup(s, key, len, idx);
		for (size_t i = 0; i < MEMO_SLOTS; i++)
			l->memo->slot[i].len = 0;
	}

	struct memo_slot *m = &l->memo->slot[h & (MEMO_SLOTS - 1)];

	if (m->len == len && m->hash == h && memcmp(m->key, key, len) == 0) {
		*idx = m->idx;
		return m->param;
	}
	m->param = ycfg_schema_lookup(s, key, len, &m->idx);
	m->hash = h;
	m->len = (uint32_t)len;
	memcpy(m->key, key, len);
	*idx = m->idx;
	return m->param;
}

/* ------------------------------------------------------------------ */
/* indexes                                                              */
/* ------------------------------------------------------------------ */

static bool
is_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The range an index letter has for the run's model, or false. */
static bool
index_range(const struct ycfg_lint_opts *o, char letter,
	    struct ycfg_ranges *r)
{
	return ycfg_schema_index_range(o->schema, o->model, letter, r);
}

/* Checks the segment after an index's prefix ("account." for the account
 * index), which holds that index in every key of the namespace, known or
 * not.  Returns false (and reports) when it is unusable, so that no
 * further key checks run. */
static bool tpl_has_ph(const struct ycfg_linter *l, const char *p, size_t n);

static bool
check_prefix_index(const struct ycfg_linter *l, const struct ycfg_index *x,
		   const char *file, const struct ycfg_line *ln,
		   struct ycfg_diags *d)
{
	const struct ycfg_lint_opts *o = l->o;
	const char *k = ln->key, *end = ln->key + ln->keylen;

	/* most keys differ at once (this runs for every line) */
	if (tolower((unsigned char)k[0]) !=
	    tolower((unsigned char)x->prefix[0]))
		return true;

	size_t pl = strlen(x->prefix);

	if (ln->keylen < pl + 1 || strncasecmp(k, x->prefix, pl) != 0 ||
	    k[pl] != '.')
		return true;

	const char *s = k + pl + 1, *e = memchr(s, '.', (size_t)(end - s));

	if (e == NULL)
		e = end;

	size_t n = (size_t)(e - s);
	unsigned col = ln->keycol + (unsigned)pl + 1;
	const char *name = x->name;

	/* a template's placeholder: any index */
	if (l->tpl != NULL && tpl_has_ph(l, s, n))
		return true;
	if (!is_digits(s, n)) {
		bool placeholder = (n == 1 && ((*s >= 'A' && *s <= 'Z') ||
					       *s == x->letter - 'A' + 'a')) ||
				   memchr(s, '{', n) || memchr(s, '$', n) ||
				   memchr(s, '@', n);

		if (n == 0)
			ycfg_diag_add(d, file, ln->lineno, col, x->rule,
				      "missing %s index in '%.*s'", name,
				      (int)ln->keylen, ln->key);
		else
			ycfg_diag_add(d, file, ln->lineno, col, x->rule,
				      "%s index '%.*s' is not a positive "
				      "number%s", name, (int)n, s,
				      !placeholder ? ""
				      : l->tpl != NULL && n == 1
				      ? " (the guide's letter copied as it is?)"
				      : " (an unrendered template placeholder?)");
		return false;
	}
	if (n > 1 && *s == '0') {
		ycfg_diag_add(d, file, ln->lineno, col, x->rule,
			      "%s index '%.*s' has a leading zero; the phone "
			      "does not match it to %s %.*s", name, (int)n, s,
			      name, (int)(n - strspn(s, "0")),
			      s + strspn(s, "0"));
		return false;
	}

	struct ycfg_ranges r;
	unsigned long long v = 0;
	bool big = n > 18;

	for (size_t i = 0; !big && i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	if (!index_range(o, x->letter, &r) ||
	    (!big && ycfg_ranges_contain(&r, (int64_t)v)))
		return true;
	if (!big && v == 0 && r.v[0].lo >= 1) {
		ycfg_diag_add(d, file, ln->lineno, col, x->rule,
			      "%s index 0 does not exist; %ss are numbered "
			      "from 1", name, name);
		return false;
	}

	int64_t hi = r.v[r.n - 1].hi;

	if (o->model != NULL)
		ycfg_diag_add(d, file, ln->lineno, col, x->rule,
			      "%s index %.*s is beyond the %lld %ss of model %s",
			      name, (int)n, s, (long long)hi, name,
			      o->model->name);
	else
		ycfg_diag_add(d, file, ln->lineno, col, x->rule,
			      "%s index %.*s is beyond %lld, the most %ss any "
			      "model has", name, (int)n, s, (long long)hi, name);
	return false;
}

/* Checks the index segments of a matched key, but those already judged
 * by their prefix. */
static bool
check_indices(const struct ycfg_lint_opts *o, const char *file,
	      const struct ycfg_line *ln, const struct ycfg_param *p,
	      const struct ycfg_key_indices *idx, struct ycfg_diags *d)
{
	for (unsigned i = 0; i < idx->n && p->placeholders[i]; i++) {
		char letter = p->placeholders[i];
		const struct ycfg_index *x = ycfg_schema_index_def(o->schema,
								   letter);
		enum ycfg_rule rule = x ? x->rule : YCFG_R_INDEX_RANGE;
		uint64_t v = idx->v[i];
		unsigned col = ln->keycol + idx->col[i];
		struct ycfg_ranges r;
		char allowed[128];

		if (x != NULL && x->prefix != NULL)
			continue;   /* judged by check_prefix_index */
		if (idx->leading_zero[i]) {
			ycfg_diag_add(d, file, ln->lineno, col,
				      YCFG_R_INDEX_RANGE,
				      "index with a leading zero in '%.*s'",
				      (int)ln->keylen, ln->key);
			return false;
		}
		if (!index_range(o, letter, &r))
			r = p->n_range;
		if (r.n == 0 || (v <= INT64_MAX &&
				 ycfg_ranges_contain(&r, (int64_t)v)))
			continue;
		ycfg_ranges_format(&r, false, allowed, sizeof(allowed));
		if (x != NULL && x->name[0] != '\0')
			ycfg_diag_add(d, file, ln->lineno, col, rule,
				      "%s index in '%.*s' must be %s", x->name,
				      (int)ln->keylen, ln->key, allowed);
		else
			ycfg_diag_add(d, file, ln->lineno, col, rule,
				      "index in '%.*s' is outside %s",
				      (int)ln->keylen, ln->key, allowed);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* settings                                                             */
/* ------------------------------------------------------------------ */

/* Reports a value that failed its check; the cause is named when the
 * value carries an end-of-line comment. */
static void
report_value(struct ycfg_diags *d, const char *file,
	     const struct ycfg_line *ln, const struct ycfg_value_result *res)
{
	long c = ycfg_value_comment_at(ln->val, ln->vallen);
	char msg[512];

	if (c >= 0)
		snprintf(msg, sizeof(msg), "%s (from column %u on, the line "
			 "carries what looks like a comment: it is part of the "
			 "value)", res->msg, ln->valcol + (unsigned)c);
	else
		snprintf(msg, sizeof(msg), "%s", res->msg);
	if (res->severity >= 0)
		ycfg_diag_add_sev(d, file, ln->lineno, ln->valcol, res->rule,
				  (enum ycfg_severity)res->severity, "%s", msg);
	else
		ycfg_diag_add(d, file, ln->lineno, ln->valcol, res->rule, "%s",
			      msg);
}

/* True when the value is only '*' (a masked copy of a secret). */
static bool
only_stars(const char *v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (v[k] != '*')
			return false;
	return n > 0;
}

/* How the value of a setting is written, whatever its type: blanks after
 * it, an end-of-line comment, quotes, a masked secret.  Secret values are
 * never quoted. */
static void
check_value_text(const struct ycfg_lint_opts *o, const char *file,
		 const struct ycfg_line *ln, const struct ycfg_param *p,
		 struct ycfg_diags *d)
{
	const char *v = ln->val;
	size_t n = ln->vallen;
	bool trailing = (ln->flags & YCFG_VAL_TRAILING_WS) != 0;
	bool value = !(ln->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL));
	bool quoted = value && n >= 2 && (v[0] == '"' || v[0] == '\'') &&
		      v[n - 1] == v[0];
	bool stars = value && only_stars(v, n);
	long c = value ? ycfg_value_comment_at(v, n) : -1;

	/* the common case, a plain value, costs no secret lookup */
	if (!trailing && !quoted && !stars && c < 0)
		return;

	bool secret = p ? p->secret
			: o->schema && ycfg_schema_key_is_secret(o->schema,
								 ln->key,
								 ln->keylen);
	bool exact = secret || (p && (p->type == YCFG_T_HOST ||
				      p->type == YCFG_T_URL));

	if (trailing) {
		if (exact)
			ycfg_diag_add_sev(d, file, ln->lineno, ln->trailcol,
					  YCFG_R_TRAILING_WHITESPACE,
					  YCFG_SEV_WARNING, "blanks after the "
					  "value of %.*s: the phone may keep "
					  "them as part of it",
					  (int)ln->keylen, ln->key);
		else
			ycfg_diag_add(d, file, ln->lineno, ln->trailcol,
				      YCFG_R_TRAILING_WHITESPACE,
				      "trailing whitespace after the value");
	}
	if (secret && stars)
		ycfg_diag_add(d, file, ln->lineno, ln->valcol,
			      YCFG_R_MASKED_SECRET, "%.*s is only asterisks: "
			      "a masked copy, not the secret itself, which "
			      "the phone would use as it is", (int)ln->keylen,
			      ln->key);
	if (quoted)
		ycfg_diag_add(d, file, ln->lineno, ln->valcol,
			      YCFG_R_QUOTED_VALUE, "the value of %.*s is in "
			      "quotes, which the phone keeps as part of it%s"
			      "%.*s%s", (int)ln->keylen, ln->key,
			      secret || n > 64 ? "" : "; write ",
			      secret || n > 64 ? 0 : (int)(n - 2),
			      v + 1, secret || n > 64 ? "" : " instead");
	if (c >= 0)
		ycfg_diag_add(d, file, ln->lineno, ln->valcol + (unsigned)c,
			      YCFG_R_INLINE_COMMENT, "the value of %.*s ends "
			      "in what looks like a comment%s%.*s%s; Yealink "
			      "files have no end-of-line comments, so the "
			      "phone takes it as part of the value",
			      (int)ln->keylen, ln->key, secret ? "" : " ('",
			      secret ? 0 : (int)(n - (size_t)c > 40
						 ? 40 : n - (size_t)c),
			      v + c, secret ? "" : "')");
}

/* True when key becomes a known one once its placeholder-like parts are
 * read as an index: a one-letter segment (x, N), or template syntax
 * ({...}, <...>, @...@, $name).  what receives the first such part. */
static bool
placeholder_index(const struct ycfg_schema *s, const char *key, size_t len,
		  char *what, size_t whatsz)
{
	char buf[YCFG_KEY_MAX + 1];
	size_t o = 0, i = 0;
	bool any = false;

	while (i < len && o + 1 < sizeof(buf)) {
		size_t start = i, end = i;
		char c = key[i];
		const char *close = NULL;

		if (c == '{' || c == '<' || c == '@') {
			close = memchr(key + i + 1, c == '{' ? '}' : c == '<'
					? '>' : '@', len - i - 1);
			if (close != NULL)
				end = (size_t)(close - key) + 1;
		} else if (c == '$') {
			end = i + 1;
			while (end < len && (isalnum((unsigned char)key[end]) ||
					     key[end] == '_'))
				end++;
		} else if (isalpha((unsigned char)c) &&
			   (i == 0 || key[i - 1] == '.') &&
			   (i + 1 == len || key[i + 1] == '.')) {
			end = i + 1;
		}
		if (end > start + (c == '$' ? 1 : 0)) {
			if (!any)
				snprintf(what, whatsz, "%.*s", (int)(end - start),
					 key + start);
			any = true;
			buf[o++] = '1';
			i = end;
			continue;
		}
		buf[o++] = key[i++];
	}
	return any && i == len &&
	       ycfg_schema_lookup(s, buf, o, NULL) != NULL;
}

/* ------------------------------------------------------------------ */
/* templates                                                            */
/* ------------------------------------------------------------------ */

/* True when [p, p + n) of the file being linted holds a placeholder. */
static bool
tpl_has_ph(const struct ycfg_linter *l, const char *p, size_t n)
{
	size_t at = (size_t)(p - l->tplbuf);

	return l->tpl != NULL && ycfg_template_has_ph(l->tpl, at, at + n);
}

#define TPL_SEGS 32

/* A template key read with each placeholder segment as the index 1
 * ("account.{$n}.label" -> "account.1.label"), and how to map back. */
struct tpl_key {
	char key[YCFG_KEY_MAX + 1];
	size_t len;
	unsigned short from[YCFG_KEY_MAX + 1]; /* template offset of each byte */
	uint32_t wild;                         /* placeholder segments */
	unsigned short seg_start[TPL_SEGS], seg_end[TPL_SEGS];
};

/* Reads ln's key into k.  False when a placeholder is not a whole
 * segment, or is the first (what the key is cannot be told). */
static bool
tpl_key_read(const struct ycfg_linter *l, const struct ycfg_line *ln,
	     struct tpl_key *k)
{
	size_t base = (size_t)(ln->key - l->tplbuf), i = 0;
	const struct ycfg_tpl_span *ph = ycfg_template_ph_from(l->tpl, base);
	const struct ycfg_tpl_span *phend = l->tpl->ph + l->tpl->nph;
	unsigned seg = 0;

	k->len = 0;
	k->wild = 0;
	while (i < ln->keylen) {
		if (ph != NULL && ph < phend && ph->start <= base + i) {
			size_t e = ph->end - base;

			if (ph->start != base + i || seg == 0 ||
			    seg >= TPL_SEGS || ln->key[i - 1] != '.' ||
			    e > ln->keylen ||
			    (e < ln->keylen && ln->key[e] != '.'))
				return false;
			k->wild |= 1u << seg;
			k->seg_start[seg] = (unsigned short)i;
			k->seg_end[seg] = (unsigned short)e;
			k->from[k->len] = (unsigned short)i;
			k->key[k->len++] = '1';
			i = e;
			ph++;
			continue;
		}
		if (ln->key[i] == '.')
			seg++;
		k->from[k->len] = (unsigned short)i;
		k->key[k->len++] = ln->key[i++];
	}
	k->key[k->len] = '\0';
	return true;
}

/* Writes key (one the schema proposed for k's concrete key) with k's
 * placeholders put back in the segments it kept: "account.1.x" ->
 * "account.{$n}.x". */
static void
tpl_key_unmap(const struct tpl_key *k, const char *tkey, const char *key,
	      char *out, size_t outsz)
{
	const char *s = key, *c = k->key;
	bool same = true;        /* the segments so far are k's */
	size_t o = 0;

	out[0] = '\0';
	for (unsigned seg = 0;; seg++) {
		const char *se = strchr(s, '.');
		const char *ce = c ? strchr(c, '.') : NULL;
		size_t sl = se ? (size_t)(se - s) : strlen(s);
		size_t cl = c ? (ce ? (size_t)(ce - c) : strlen(c)) : 0;
		int n;

		if (same && seg < TPL_SEGS && ((k->wild >> seg) & 1) &&
		    sl == 1 && *s == '1')
			n = snprintf(out + o, outsz - o, "%.*s",
				     (int)(k->seg_end[seg] - k->seg_start[seg]),
				     tkey + k->seg_start[seg]);
		else
			n = snprintf(out + o, outsz - o, "%.*s", (int)sl, s);
		if (n < 0 || (size_t)n >= outsz - o)
			return;
		o += (size_t)n;
		same = same && c != NULL && cl == sl &&
		       strncasecmp(c, s, sl) == 0;
		c = ce ? ce + 1 : NULL;
		if (se == NULL || o + 1 >= outsz)
			return;
		out[o++] = '.';
		out[o] = '\0';
		s = se + 1;
	}
}

/* The entry of a template key whose placeholders stand for indexes or
 * names.  An unknown key is reported only when no rendering can make it
 * a known one.  idx columns are the template key's. */
static const struct ycfg_param *
tpl_check_key(struct ycfg_linter *l, const char *file,
	      const struct ycfg_line *ln, struct tpl_key *k,
	      struct ycfg_key_indices *idx, struct ycfg_diags *d,
	      bool *key_ok)
{
	const struct ycfg_schema *s = l->o->schema;
	char sug[YCFG_KEY_MAX + 1], shown[2 * YCFG_KEY_MAX + 2];
	const struct ycfg_param *p;

	if (!tpl_key_read(l, ln, k)) {
		*key_ok = true;     /* any key: nothing to say */
		return NULL;
	}
	p = ycfg_schema_lookup(s, k->key, k->len, idx);
	if (p != NULL) {
		for (unsigned i = 0; i < idx->n; i++)
			idx->col[i] = k->from[idx->col[i]];
		return p;
	}
	if (!ycfg_schema_in_namespace(s, k->key, k->len) ||
	    ycfg_schema_match_wild(s, k->key, k->len, k->wild) != NULL) {
		*key_ok = true;
		return NULL;
	}
	char what[64];

	if (placeholder_index(s, k->key, k->len, what, sizeof(what))) {
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_KEY, "unknown key '%.*s': '%s' "
			      "stands where an index belongs (the guide's "
			      "letter copied as it is?)", (int)ln->keylen,
			      ln->key, what);
	} else if (ycfg_schema_suggest(s, k->key, k->len, sug,
				       sizeof(sug)) > 0) {
		tpl_key_unmap(k, ln->key, sug, shown, sizeof(shown));
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_KEY, "unknown key '%.*s'; did you "
			      "mean '%s'?", (int)ln->keylen, ln->key, shown);
	} else {
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_KEY, "unknown key '%.*s' (for "
			      "any value of its placeholders)",
			      (int)ln->keylen, ln->key);
	}
	return NULL;
}

/* True when the value holds text besides placeholders and blanks. */
static bool
tpl_has_literal(const struct ycfg_linter *l, const char *v, size_t n)
{
	size_t base = (size_t)(v - l->tplbuf);
	const struct ycfg_tpl_span *ph = ycfg_template_ph_from(l->tpl, base);
	const struct ycfg_tpl_span *phend = l->tpl->ph + l->tpl->nph;

	for (size_t i = 0; i < n; i++) {
		if (ph != NULL && ph < phend && ph->start <= base + i) {
			i = ph->end - base - 1;
			ph++;
			continue;
		}
		if (v[i] != ' ' && v[i] != '\t')
			return true;
	}
	return false;
}

/* True when failure a is milder than b: a severity below the rule's, or
 * a value the phone adjusts, against a plain error. */
static bool
milder(const struct ycfg_value_result *a, const struct ycfg_value_result *b)
{
	int ra = a->severity >= 0 ? 2 : a->rule == YCFG_R_VALUE_ADJUSTED;
	int rb = b->severity >= 0 ? 2 : b->rule == YCFG_R_VALUE_ADJUSTED;

	return ra > rb;
}

/* Judges a template value holding placeholders: one that renders to any
 * value passes, the literal text around the placeholders is judged.  It
 * fails only when it fails with every placeholder rendered as each of a
 * few sample values (a number, nothing, a word, an address, a URL).  Returns
 * false when it fails (and reports); *usable as in check_setting. */
static bool
tpl_check_value(struct ycfg_linter *l, const char *file,
		const struct ycfg_line *ln, const struct ycfg_param *p,
		struct ycfg_diags *d, bool *usable)
{
	static const char *const samples[] = {
		"1", "", "a", "192.0.2.1", "http://192.0.2.1",
	};
	size_t base = (size_t)(ln->val - l->tplbuf);
	const struct ycfg_tpl_span *phend = l->tpl->ph + l->tpl->nph;
	struct ycfg_value_result res, first;
	char buf[YCFG_LINE_MAX + 64];

	if (!tpl_has_literal(l, ln->val, ln->vallen))
		return true;
	for (size_t k = 0; k < sizeof(samples) / sizeof(samples[0]); k++) {
		const struct ycfg_tpl_span *ph =
			ycfg_template_ph_from(l->tpl, base);
		size_t sl = strlen(samples[k]), o = 0;

		for (size_t i = 0; i < ln->vallen && o + sl < sizeof(buf);
		     i++) {
			if (ph != NULL && ph < phend && ph->start <= base + i) {
				memcpy(buf + o, samples[k], sl);
				o += sl;
				i = ph->end - base - 1;
				ph++;
				continue;
			}
			buf[o++] = ln->val[i];
		}
		if (ycfg_value_check_as(p, ln->key, ln->keylen, buf, o,
					ln->val, ln->vallen, &res))
			return true;
		/* the mildest failure (a rendering the phone may well
		 * accept); among equals, worded as for an address, the
		 * likeliest thing rendered next to literal text */
		if (k == 0 || milder(&res, &first) ||
		    (!milder(&first, &res) &&
		     strcmp(samples[k], "192.0.2.1") == 0))
			first = res;
	}
	snprintf(first.msg + strlen(first.msg),
		 sizeof(first.msg) - strlen(first.msg),
		 " (for any value of its placeholders)");
	report_value(d, file, ln, &first);
	*usable = first.rule == YCFG_R_VALUE_ADJUSTED || first.severity >= 0;
	return false;
}

/* ------------------------------------------------------------------ */
/* one setting                                                          */
/* ------------------------------------------------------------------ */

/* Reports an unknown key of a plain line. */
static void
unknown_key(const struct ycfg_schema *s, const char *file,
	    const struct ycfg_line *ln, bool templ, struct ycfg_diags *d)
{
	char sug[YCFG_KEY_MAX + 1], what[64];

	if (ycfg_schema_lookup_directive(s, ln->key, ln->keylen))
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_KEY, "'%.*s' is a boot-file "
			      "directive; in a .cfg file the phone ignores it",
			      (int)ln->keylen, ln->key);
	else if (placeholder_index(s, ln->key, ln->keylen, what, sizeof(what)))
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_KEY, "unknown key '%.*s': '%s' "
			      "stands where an index belongs (%s)",
			      (int)ln->keylen, ln->key, what,
			      templ ? "the guide's letter copied as it is?"
				    : "a template placeholder left "
				      "unrendered?");
	else if (ycfg_schema_suggest(s, ln->key, ln->keylen, sug,
				     sizeof(sug)) > 0)
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_KEY,
			      "unknown key '%.*s'; did you mean '%s'?",
			      (int)ln->keylen, ln->key, sug);
	else
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_KEY, "unknown key '%.*s'",
			      (int)ln->keylen, ln->key);
}

/* The value checks of a setting whose entry is p.  *value_ok becomes
 * false when the value is not one the phone uses. */
static void
check_value(struct ycfg_linter *l, const char *file,
	    const struct ycfg_line *ln, const struct ycfg_param *p,
	    struct ycfg_diags *d, bool *value_ok)
{
	struct ycfg_value_result res;

	if (ln->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL))
		return;
	/* the rest of the value is on later lines */
	if (l->tpl != NULL && ycfg_template_continued(l->tpl, ln->lineno))
		return;
	if (l->tpl != NULL && tpl_has_ph(l, ln->val, ln->vallen)) {
		tpl_check_value(l, file, ln, p, d, value_ok);
		return;
	}
	if (!ycfg_value_check(p, ln->key, ln->keylen, ln->val, ln->vallen,
			      &res)) {
		report_value(d, file, ln, &res);
		/* an adjusted value, or one the phone may well accept, is
		 * still a value it uses */
		*value_ok = res.rule == YCFG_R_VALUE_ADJUSTED ||
			    res.severity >= 0;
	}
}

/* Schema checks of one key = value line.  Returns the entry or NULL. */
static const struct ycfg_param *
check_setting(struct ycfg_linter *l, const char *file,
	      const struct ycfg_line *ln, uint32_t h, struct ycfg_diags *d,
	      bool *key_ok, bool *value_ok)
{
	const struct ycfg_lint_opts *o = l->o;
	const struct ycfg_schema *s = o->schema;

	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < s->nindexes; i++)
		if (s->indexes[i].prefix != NULL &&
		    !check_prefix_index(l, &s->indexes[i], file, ln, d))
			return NULL;

	struct ycfg_key_indices idx;
	struct tpl_key tk;
	bool templ = l->tpl != NULL && tpl_has_ph(l, ln->key, ln->keylen);
	const struct ycfg_param *p;

	if (templ) {
		p = tpl_check_key(l, file, ln, &tk, &idx, d, key_ok);
		if (p == NULL)
			return NULL;
	} else {
		p = memo_lookup(l, ln->key, ln->keylen, h, &idx);
		if (p == NULL) {
			if (!ycfg_schema_in_namespace(s, ln->key, ln->keylen))
				*key_ok = true;
			else
				unknown_key(s, file, ln, l->tpl != NULL, d);
			return NULL;
		}
	}
	if (!check_indices(o, file, ln, p, &idx, d))
		return p;
	if (!ycfg_param_on_model(p, o->model)) {
		char list[160];
		size_t pos = 0;

		list[0] = '\0';
		for (size_t i = 0; i < p->nmodels && pos < sizeof(list); i++) {
			const char *m = p->models[i];
			bool kind = islower((unsigned char)m[0]);

			pos += (size_t)snprintf(list + pos, sizeof(list) - pos,
						"%s%s%s", i ? ", " : "", m,
						kind ? " phones" : "");
		}
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_NOT_ON_MODEL, "%.*s exists only on %s; "
			      "the %s (%s) ignores it", (int)ln->keylen,
			      ln->key, list, o->model->name,
			      ycfg_model_kind_name(o->model->kind));
	}
	if (p->renamed_to != NULL) {
		char repl[YCFG_KEY_MAX + 1], shown[2 * YCFG_KEY_MAX + 2];

		if (ycfg_pattern_expand_partial(p->renamed_to, p->placeholders,
						idx.v, idx.n, repl,
						sizeof(repl)) == 0)
			snprintf(repl, sizeof(repl), "%s", p->renamed_to);
		if (templ)
			tpl_key_unmap(&tk, ln->key, repl, shown, sizeof(shown));
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_RENAMED_KEY,
			      "'%.*s' is a legacy key; newer firmware uses "
			      "'%s'", (int)ln->keylen, ln->key,
			      templ ? shown : repl);
	} else {
		*key_ok = true;
	}
	check_value(l, file, ln, p, d, value_ok);
	return p;
}

/* Boot files: only the schema's boot directives. */
static void
boot_setting(struct ycfg_linter *l, struct ycfg_doc *doc,
	     const struct ycfg_line *ln, struct ycfg_diags *d)
{
	const struct ycfg_schema *s = l->o->schema;
	const char *file = doc->path;
	const struct ycfg_param *p = s ? ycfg_schema_lookup_directive(
		s, ln->key, ln->keylen) : NULL;

	if (s == NULL || (l->tpl != NULL && tpl_has_ph(l, ln->key,
							     ln->keylen)))
		return;
	if (p == NULL) {
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_UNKNOWN_BOOT_DIRECTIVE,
			      "'%.*s' is not a boot-file directive; settings "
			      "belong in an included .cfg file",
			      (int)ln->keylen, ln->key);
		return;
	}

	struct ycfg_value_result res;

	if (l->tpl != NULL && tpl_has_ph(l, ln->val, ln->vallen))
		return;     /* any value */

	bool ok = ycfg_value_check(p, ln->key, ln->keylen, ln->val,
				   ln->vallen, &res);

	int64_t v;

	if (p->role != YCFG_ROLE_OVERWRITE_MODE) {
		if (!ok)
			ycfg_diag_add(d, file, ln->lineno, ln->valcol, res.rule,
				      "%s", res.msg);
		else if (p->role == YCFG_ROLE_EXCLUDED_MODE &&
			 ycfg_parse_int(ln->val, ln->vallen, &v) == YCFG_NUM_OK)
			doc->excluded_mode = (int)v;
		return;
	}

	if (ok && (ln->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL)) == 0 &&
	    ycfg_parse_int(ln->val, ln->vallen, &v) == YCFG_NUM_OK) {
		doc->overwrite_mode = (int)v;
		doc->overwrite_line = ln->lineno;
		return;
	}

	char allowed[256];

	ycfg_diag_add(d, file, ln->lineno, ln->valcol,
		      YCFG_R_BAD_OVERWRITE_MODE, "%.*s is '%.*s'; expected %s",
		      (int)ln->keylen, ln->key,
		      (int)(ln->vallen > 40 ? 40 : ln->vallen), ln->val,
		      ycfg_param_allowed(p, allowed, sizeof(allowed)));
}

/* Checks the names of a model block against the model table. */
static void
check_models(const struct ycfg_lint_opts *o, const char *file,
	     const struct ycfg_line *ln, struct ycfg_diags *d)
{
	if (o->schema == NULL || o->schema->nmodels == 0)
		return;

	const char *s = ln->models, *end = ln->models + ln->modelslen;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
			s++;

		const char *e = s;

		while (e < end && *e != ',' && *e != ' ' && *e != '\t')
			e++;
		if (e > s) {
			char name[64];
			size_t n = (size_t)(e - s) < sizeof(name) - 1
					   ? (size_t)(e - s) : sizeof(name) - 1;

			memcpy(name, s, n);
			name[n] = '\0';
			if (ycfg_schema_model(o->schema, name) == NULL)
				ycfg_diag_add(d, file, ln->lineno,
					      ln->keycol ? ln->keycol : 2,
					      YCFG_R_UNKNOWN_MODEL,
					      "unknown model '%s' in model block",
					      name);
		}
		s = e;
	}
}

/*
 * Fast path for a key the file already set, whose key drew no finding:
 * only the value is judged again, and not even that when it is the same
 * value that passed before.  Files that repeat blocks of settings (and
 * the 100 MB adversarial case) spend their time here.  Returns false when
 * the line needs the full treatment.
 */
static bool
repeat_setting(struct ycfg_doc *doc, const struct ycfg_line *ln, uint32_t h,
	       struct ycfg_diags *d, uint32_t *prev,
	       const struct ycfg_param **param)
{
	struct ycfg_entry *e = ycfg_doc_find(doc, ln->key, ln->keylen, h);

	if (e == NULL || !(e->flags & YCFG_ENT_KEY_OK) ||
	    (e->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL)) || e->blank_line ||
	    (ln->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL)) ||
	    (e->param != NULL && e->param->multi_value_colon))
		return false;

	unsigned flags = ln->flags | YCFG_ENT_KEY_OK;

	if (e->param != NULL &&
	    (e->val_len != ln->vallen || (e->flags & YCFG_ENT_INVALID) ||
	     memcmp(doc->buf.p + e->val_off, ln->val, ln->vallen) != 0)) {
		struct ycfg_value_result res;

		if (!ycfg_value_check(e->param, ln->key, ln->keylen, ln->val,
				      ln->vallen, &res)) {
			report_value(d, doc->path, ln, &res);
			if (res.rule != YCFG_R_VALUE_ADJUSTED &&
			    res.severity < 0)
				flags |= YCFG_ENT_INVALID;
		}
	}
	*prev = e->line;
	*param = e->param;
	e->val_off = (uint32_t)(ln->val - doc->buf.p);
	e->val_len = (uint32_t)ln->vallen;
	e->line = ln->lineno;
	e->col = ln->keycol;
	e->valcol = ln->valcol;
	e->flags = flags;
	return true;
}

/* Length of the sub-key of a multi-value setting ("admin:" of
 * "admin:secret"), or 0. */
static size_t
multi_value_sub(const struct ycfg_param *p, const char *v, size_t n)
{
	if (p == NULL || !p->multi_value_colon)
		return 0;

	const char *c = memchr(v, ':', n);

	return c ? (size_t)(c - v) + 1 : 0;
}

void
ycfg_lint_duplicate(struct ycfg_diags *d, const char *file, unsigned line,
		    unsigned col, const char *key, size_t keylen,
		    unsigned prev_line, bool blank)
{
	if (blank)
		ycfg_diag_add(d, file, line, col, YCFG_R_DUPLICATE_KEY,
			      "'%.*s' is already set on line %u; this blank "
			      "line keeps that value (overwrite_mode 0) or "
			      "resets it to the default (overwrite_mode 1)",
			      (int)keylen, key, prev_line);
	else if (!ycfg_diag_dropped(d, YCFG_R_DUPLICATE_KEY, line))
		ycfg_diag_add(d, file, line, col, YCFG_R_DUPLICATE_KEY,
			      "'%.*s' is already set on line %u; this later "
			      "line wins", (int)keylen, key, prev_line);
}

/* True when a template line is not certain to render as written: a
 * placeholder in its key or value, or an if around it.  Its entry is
 * then not judged by conditions. */
static bool
tpl_uncertain(const struct ycfg_linter *l, const struct ycfg_line *ln)
{
	const struct ycfg_template *t = l->tpl;

	return (ln->lineno < t->nlines && t->line_arm[ln->lineno] != 0) ||
	       ycfg_template_continued(t, ln->lineno) ||
	       tpl_has_ph(l, ln->key, ln->keylen) ||
	       tpl_has_ph(l, ln->val, ln->vallen);
}

/* True when a template key is nothing but one placeholder: it has no
 * identity to find duplicates by. */
static bool
tpl_whole_key(const struct ycfg_linter *l, const struct ycfg_line *ln)
{
	size_t at = (size_t)(ln->key - l->tplbuf);
	const struct ycfg_tpl_span *ph = ycfg_template_ph_from(l->tpl, at);

	return ph != NULL && ph->start == at && ph->end == at + ln->keylen;
}

/* One key = value line of a template.  A key set again on a line that
 * may render without the earlier one (in another arm of an if, or in an
 * if after it) is an alternative, not a duplicate; its key was judged on
 * the earlier line. */
static void
lint_template_setting(struct ycfg_linter *l, struct ycfg_doc *doc,
		      const struct ycfg_line *ln, struct ycfg_diags *d)
{
	uint32_t h = ycfg_hash_lower(YCFG_FNV32_INIT, ln->key, ln->keylen);
	uint32_t prev;
	bool key_ok = false, value_ok = true;
	const struct ycfg_param *p;

	if (tpl_whole_key(l, ln))
		return;

	struct ycfg_entry *e = ycfg_doc_find(doc, ln->key, ln->keylen, h);
	bool alt = e != NULL && !ycfg_template_implies(l->tpl, e->line,
							ln->lineno);
	/* an alternative of the last line may still repeat the first one
	 * ({if a}k=1{else}k=0{/if} ... {if a}k=1{/if}) */
	unsigned first = alt && e->first_line != e->line &&
			 ycfg_template_implies(l->tpl, e->first_line,
					       ln->lineno) ? e->first_line : 0;

	unsigned loop = ycfg_template_loop_line(l->tpl, ln->lineno);

	/* a key without placeholders in a loop's body (not under an if
	 * that picks one pass) is set again by every pass */
	if (loop != 0 && !tpl_has_ph(l, ln->key, ln->keylen))
		ycfg_diag_add(d, doc->path, ln->lineno, ln->keycol,
			      YCFG_R_DUPLICATE_KEY, "'%.*s' is inside the loop "
			      "on line %u but holds no placeholder: every "
			      "pass of the loop sets it again", (int)ln->keylen,
			      ln->key, loop);
	if (alt) {
		p = e->param;
		key_ok = (e->flags & YCFG_ENT_KEY_OK) != 0;
		if (p != NULL)
			check_value(l, doc->path, ln, p, d, &value_ok);
	} else {
		p = check_setting(l, doc->path, ln, h, d, &key_ok, &value_ok);
	}
	check_value_text(l->o, doc->path, ln, p, d);
	e = ycfg_doc_set(doc, ln->key, ln->keylen,
			 multi_value_sub(p, ln->val, ln->vallen), ln->val,
			 ln->vallen, ln->lineno, ln->keycol, ln->valcol,
			 ln->flags, &prev);
	if (e == NULL) {
		d->oom = true;
		return;
	}
	if (e->line == ln->lineno) {
		e->param = p;
		if (!value_ok || tpl_uncertain(l, ln))
			e->flags |= YCFG_ENT_INVALID;
		if (key_ok)
			e->flags |= YCFG_ENT_KEY_OK;
	}
	if (prev != 0 && (!alt || first != 0))
		ycfg_lint_duplicate(d, doc->path, ln->lineno, ln->keycol,
				    ln->key, ln->keylen, alt ? first : prev,
				    (ln->flags & YCFG_VAL_BLANK) != 0);
}

/* One key = value line of a .cfg file. */
static void
lint_setting(struct ycfg_linter *l, struct ycfg_doc *doc,
	     const struct ycfg_line *ln, struct ycfg_diags *d)
{
	uint32_t h = ycfg_hash_lower(YCFG_FNV32_INIT, ln->key, ln->keylen);
	uint32_t prev;

	const struct ycfg_param *p = NULL;

	if (l->tpl != NULL) {
		lint_template_setting(l, doc, ln, d);
		return;
	}
	if (repeat_setting(doc, ln, h, d, &prev, &p)) {
		check_value_text(l->o, doc->path, ln, p, d);
	} else {
		bool key_ok = false, value_ok = true;

		p = check_setting(l, doc->path, ln, h, d, &key_ok, &value_ok);
		check_value_text(l->o, doc->path, ln, p, d);
		struct ycfg_entry *e = ycfg_doc_set(
			doc, ln->key, ln->keylen,
			multi_value_sub(p, ln->val, ln->vallen), ln->val,
			ln->vallen, ln->lineno, ln->keycol, ln->valcol,
			ln->flags, &prev);

		if (e == NULL) {
			d->oom = true;
			return;
		}
		if (e->line == ln->lineno) {
			e->param = p;
			if (!value_ok)
				e->flags |= YCFG_ENT_INVALID;
			if (key_ok)
				e->flags |= YCFG_ENT_KEY_OK;
		}
	}
	if (prev != 0)
		ycfg_lint_duplicate(d, doc->path, ln->lineno, ln->keycol,
				    ln->key, ln->keylen, prev,
				    (ln->flags & YCFG_VAL_BLANK) != 0);
}

void
ycfg_lint_lines(struct ycfg_linter *l, struct ycfg_doc *doc, bool boot,
		struct ycfg_lexer *lx, struct ycfg_diags *d)
{
	struct ycfg_line ln;
	const char *file = doc->path;
	const char *block = NULL;   /* current [MODEL] block */
	size_t blocklen = 0;

	while (ycfg_lexer_next(lx, &ln)) {
		switch (ln.kind) {
		case YCFG_LINE_MODEL:
			block = ln.models;
			blocklen = ln.modelslen;
			check_models(l->o, file, &ln, d);
			break;
		case YCFG_LINE_INCLUDE: {
			const char *m = block;
			size_t ml = blocklen;

			if (ln.flags & YCFG_VAL_MODELS) {
				m = ln.models;
				ml = ln.modelslen;
				check_models(l->o, file, &ln, d);
			}
			/* a template's path with a placeholder names no file
			 * yet */
			if (l->tpl != NULL && tpl_has_ph(l, ln.val, ln.vallen))
				break;
			if (ycfg_doc_add_include(doc, ln.val, ln.vallen, m, ml,
						 ln.lineno, ln.valcol) != 0)
				d->oom = true;
			break;
		}
		case YCFG_LINE_KV:
			if (boot)
				boot_setting(l, doc, &ln, d);
			else
				lint_setting(l, doc, &ln, d);
			break;
		default:
			break;
		}
	}
}

/* The display column of offset at of a template (code points, as the
 * lexer counts). */
static unsigned
tpl_col(const struct ycfg_doc *doc, size_t at)
{
	size_t start = at;

	while (start > 0 && doc->buf.p[start - 1] != '\n')
		start--;
	return (unsigned)ycfg_utf8_len(doc->buf.p + start, at - start) + 1;
}

/* What the view set aside: settings that whitespace control joins to an
 * earlier line, and the other arms of inline ifs, checked as the plain
 * settings they are (not recorded: each is an alternative). */
static void
lint_template_extras(struct ycfg_linter *l, struct ycfg_doc *doc,
		     struct ycfg_diags *d)
{
	const struct ycfg_template *t = &doc->tpl;

	for (size_t i = 0; i < t->njoins; i++)
		ycfg_diag_add(d, doc->path, t->joins[i].line,
			      tpl_col(doc, t->joins[i].at), YCFG_R_JOINED_LINES,
			      "whitespace control joins this setting to line "
			      "%u: the rendered file has both on one line, and "
			      "the phone reads them as one", t->joins[i].onto);
	for (size_t i = 0; i < t->nalts; i++) {
		const struct ycfg_tpl_alt *a = &t->alts[i];
		const char *text = t->alt_text + a->text, *end = text + a->len;
		const char *k = text, *eq, *ke, *v, *ve;
		struct ycfg_line ln = { .kind = YCFG_LINE_KV };
		bool key_ok = false, value_ok = true;

		while (k < end && (*k == ' ' || *k == '\t'))
			k++;
		eq = memchr(k, '=', (size_t)(end - k));
		if (eq == NULL)
			continue;
		for (ke = eq; ke > k && (ke[-1] == ' ' || ke[-1] == '\t'); ke--)
			;
		if (ke == k || memchr(k, ' ', (size_t)(ke - k)) ||
		    memchr(k, '\t', (size_t)(ke - k)))
			continue;
		for (v = eq + 1; v < end && (*v == ' ' || *v == '\t'); v++)
			;
		for (ve = end; ve > v && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
			;
		ln.lineno = a->line;
		ln.key = k;
		ln.keylen = (size_t)(ke - k);
		ln.keycol = tpl_col(doc, a->at + (size_t)(k - text));
		ln.val = v;
		ln.vallen = (size_t)(ve - v);
		ln.valcol = tpl_col(doc, a->at + (size_t)(v - text));
		if (ln.vallen == 0)
			ln.flags |= YCFG_VAL_BLANK;
		else if (ln.vallen == 6 && memcmp(v, "%NULL%", 6) == 0)
			ln.flags |= YCFG_VAL_NULL;
		/* its text is a copy, outside the view */
		l->tpl = NULL;
		l->tplbuf = NULL;

		const struct ycfg_param *p = check_setting(
			l, doc->path, &ln, ycfg_hash_lower(YCFG_FNV32_INIT, k,
							   ln.keylen),
			d, &key_ok, &value_ok);

		check_value_text(l->o, doc->path, &ln, p, d);
		l->tpl = t;
		l->tplbuf = doc->buf.p;
	}
}

/* The dialect a file is read in, or YCFG_TPL_NONE. */
static enum ycfg_dialect
template_dialect(const struct ycfg_lint_opts *o, const struct ycfg_doc *doc)
{
	if (o->template_mode == YCFG_TPL_MODE_DIALECT)
		return o->template_dialect;
	if (o->is_template != NULL && doc->path != NULL &&
	    o->is_template(doc->path, o->is_template_arg))
		return ycfg_template_guess(doc->path, doc->buf.p,
					   doc->buf.len);
	if (o->template_mode == YCFG_TPL_MODE_NONE)
		return YCFG_TPL_NONE;
	return ycfg_template_detect(doc->path, doc->buf.p, doc->buf.len);
}

void
ycfg_lint_doc(struct ycfg_linter *l, struct ycfg_doc *doc, bool boot,
	      struct ycfg_diags *d)
{
	const char *file = doc->path;

	ycfg_doc_reset(doc);
	doc->path = file;
	doc->boot = boot;
	ycfg_diags_begin_file(d);

	enum ycfg_dialect dialect = template_dialect(l->o, doc);

	if (dialect != YCFG_TPL_NONE) {
		if (ycfg_template_scan(dialect, doc->buf.p, doc->buf.len,
				       &doc->tpl) != 0)
			d->oom = true;
		l->tpl = &doc->tpl;
		l->tplbuf = doc->buf.p;
	}
	if (boot || dialect != YCFG_TPL_NONE || doc->buf.len < YCFG_SPLIT_MIN ||
	    l->o->jobs == 1 || !ycfg_lint_split(l, doc, d)) {
		struct ycfg_lexer lx;

		ycfg_lexer_init(&lx, doc->buf.p, doc->buf.len, file, boot, d);
		if (dialect != YCFG_TPL_NONE)
			ycfg_lexer_set_template(&lx, &doc->tpl);
		ycfg_lint_lines(l, doc, boot, &lx, d);
		if (dialect != YCFG_TPL_NONE && !boot)
			lint_template_extras(l, doc, d);
		/* lexing stopped early (legacy, binary): look everywhere */
		doc->has_directives = lx.has_directive || lx.legacy ||
				      lx.binary;
	}
	l->tpl = NULL;
	l->tplbuf = NULL;
	ycfg_diags_end_file(d, file);
}

int
ycfg_lint_memory(struct ycfg_linter *l, const char *name, const char *data,
		 size_t len, bool boot, struct ycfg_doc *doc,
		 struct ycfg_diags *d)
{
	const char *n = ycfg_diags_intern(d, name);

	if (n == NULL || ycfg_buf_set(&doc->buf, data, len) != 0) {
		d->oom = true;
		return -1;
	}
	doc->path = n;
	ycfg_lint_doc(l, doc, boot, d);
	return 0;
}

int
ycfg_lint_path(struct ycfg_linter *l, const char *path, struct ycfg_doc *doc,
	       struct ycfg_diags *d, char *err, size_t errsz)
{
	char why[256];
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = ycfg_diags_intern(d, is_stdin ? "<stdin>" : path);

	if (name == NULL) {
		d->oom = true;
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	switch (ycfg_read_file(path, &doc->buf, YCFG_FILE_MAX, why,
			       sizeof(why))) {
	case YCFG_READ_OK:
		break;
	case YCFG_READ_TOO_LARGE:
		ycfg_doc_reset(doc);
		doc->path = name;
		ycfg_diag_add(d, name, 1, 1, YCFG_R_FILE_TOO_LARGE,
			      "file is larger than %zu MiB and was not read",
			      YCFG_FILE_MAX >> 20);
		return 0;
	default:
		snprintf(err, errsz, "cannot read '%s': %s", name, why);
		return -1;
	}
	doc->path = name;
	ycfg_lint_doc(l, doc, !is_stdin && ycfg_path_is_boot(path), d);
	return 0;
}
