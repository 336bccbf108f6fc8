/*
 * emit.c - resolved configuration writers (see emit.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "ycfg/emit.h"
#include "ycfg/json.h"
#include "ycfg/lexer.h"
#include "ycfg/secret.h"
#include "ycfg/utf8.h"
#include "ycfg/value.h"
#include "ycfg/vec.h"

int
ycfg_out_format_parse(const char *s, enum ycfg_out_format *out)
{
	if (strcmp(s, "yaml") == 0)
		*out = YCFG_OUT_YAML;
	else if (strcmp(s, "json") == 0)
		*out = YCFG_OUT_JSON;
	else if (strcmp(s, "cfg") == 0)
		*out = YCFG_OUT_CFG;
	else
		return -1;
	return 0;
}

/* A growing output buffer. */
struct sink {
	char *p;
	size_t len, cap;
	bool oom;
};

static inline void
sink_put(struct sink *s, const char *data, size_t n)
{
	if (s->len + n + 1 <= s->cap) {
		/* the usual case: room left */
		memcpy(s->p + s->len, data, n);
		s->len += n;
		s->p[s->len] = '\0';
		return;
	}
	if (s->oom)
		return;
	if (ycfg_vec_reserve(&s->p, &s->cap, s->len + n + 1, 1, 4096) != 0) {
		s->oom = true;
		return;
	}
	memcpy(s->p + s->len, data, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void
sink_str(struct sink *s, const char *str)
{
	sink_put(s, str, strlen(str));
}


/* True when every value of an enum is an integer.  The answer for the
 * last enum asked is kept per thread: entries of one parameter come in
 * runs (account.1..16 of the same key). */
static bool
numeric_enum(const struct ycfg_param *p)
{
	static _Thread_local const struct ycfg_param *last;
	static _Thread_local bool last_numeric;
	int64_t v;

	if (p == last)
		return last_numeric;
	last = p;
	last_numeric = true;
	for (size_t i = 0; i < p->nvalues && last_numeric; i++)
		last_numeric = ycfg_parse_int(p->values[i].value,
					      strlen(p->values[i].value),
					      &v) == YCFG_NUM_OK;
	return last_numeric;
}

/* True when the entry's value should be written as an integer. */
static bool
is_integer_value(const struct ycfg_resolved_entry *e)
{
	const struct ycfg_param *p = e->param;
	int64_t v;

	if (p == NULL || e->secret)
		return false;
	switch (p->type) {
	case YCFG_T_INT:
	case YCFG_T_PORT:
	case YCFG_T_BOOL:
		break;
	case YCFG_T_ENUM:
		if (!numeric_enum(p))
			return false;
		break;
	default:
		return false;
	}
	return ycfg_parse_int(e->val, e->len, &v) == YCFG_NUM_OK;
}

/* The bytes of an entry's value as they may be shown: the mask for a
 * secret, a URL's password masked, unless show_secrets.  Points at the
 * value itself or into buf (VALUE_BUF of its length); sets *n. */
static const char *
value_bytes(const struct ycfg_resolved_entry *e,
	    const struct ycfg_emit_opts *o, char *buf, size_t *n)
{
	if (o->show_secrets) {
		*n = e->len;
		return e->val;
	}
	if (e->secret) {
		*n = strlen(YCFG_SECRET_MASK);
		return YCFG_SECRET_MASK;
	}
	/* a password needs an '@' or a "://" before it */
	if ((memchr(e->val, '@', e->len) != NULL ||
	     memchr(e->val, ':', e->len) != NULL) &&
	    ycfg_mask_userinfo(e->val, e->len, buf, 3 * e->len + 16,
			       false)) {
		*n = strlen(buf);
		return buf;
	}
	*n = e->len;
	return e->val;
}

/* Room for a value's text: masking at most triples it ("a:b@" becomes
 * "a:********@"), escaping then quadruples that. */
#define VALUE_BUF(len) (12 * (len) + 64)

/* True when s[0..n) is printable ASCII: nothing to escape. */
static bool
printable_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7F)
			return false;
	return true;
}

/* The text to print for an entry's value in YAML or JSON, cleaned (valid
 * UTF-8, no control bytes), and its length in *len; *plain tells whether
 * it may be an unquoted integer.  buf has VALUE_BUF(len) bytes. */
static const char *
value_text(const struct ycfg_resolved_entry *e, const struct ycfg_emit_opts *o,
	   char *buf, bool *plain, size_t *len)
{
	size_t n;
	const char *v = value_bytes(e, o, buf, &n);

	*plain = v == e->val && is_integer_value(e);
	if (e->secret && !o->show_secrets) {
		*len = strlen(YCFG_SECRET_MASK);
		return YCFG_SECRET_MASK;
	}
	if (printable_ascii(v, n)) {
		*len = n;
		return v;
	}
	/* escaped after the masked text, at the end of buf */
	char *esc = buf + 3 * e->len + 16;

	*len = ycfg_utf8_escape(esc, v, n);
	return esc;
}

static void
source_text(const struct ycfg_resolved_entry *e, char *buf, size_t bufsz)
{
	ycfg_resolved_describe(e, buf, bufsz);
}

/* ---- YAML ----
 *
 * Written by hand, byte for byte as libyaml's emitter writes the same
 * events (block mapping, unlimited width, unicode): each entry's text
 * then stands alone, so the entries that many phones share are rendered
 * once (ycfg_emit_over).  tests/test_emit.c holds the two side by side.
 */

/* Code point of the UTF-8 character at s (n bytes left); *w its length. */
static uint32_t
decode(const unsigned char *s, size_t n, size_t *w)
{
	unsigned char c = s[0];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F
			     : len == 3 ? c & 0x0F : c & 0x07;

	if (len > n)
		len = n;
	for (size_t i = 1; i < len; i++)
		cp = cp << 6 | (s[i] & 0x3F);
	*w = len;
	return cp;
}

/* libyaml's IS_PRINTABLE, on a code point. */
static bool
yaml_printable(uint32_t c)
{
	return c == 0x0A || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
	       (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD &&
					       c != 0xFEFF);
}

static bool
yaml_break(uint32_t c)
{
	return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

static void
yaml_double_quoted(struct sink *s, const char *v, size_t n)
{
	const unsigned char *u = (const unsigned char *)v;
	size_t i = 0, clean = 0;

	sink_put(s, "\"", 1);
	while (i < n) {
		size_t w;
		uint32_t c;

		if (u[i] >= 0x20 && u[i] < 0x7F && u[i] != '"' && u[i] != '\\') {
			i++;            /* printable ASCII, the usual byte */
			continue;
		}
		c = decode(u + i, n - i, &w);

		if (yaml_printable(c) && !yaml_break(c) && c != '"' &&
		    c != '\\') {
			i += w;
			continue;
		}
		sink_put(s, v + clean, i - clean);
		i += w;
		clean = i;

		char esc[12];
		const char *named = NULL;

		switch (c) {
		case 0x00: named = "\\0"; break;
		case 0x07: named = "\\a"; break;
		case 0x08: named = "\\b"; break;
		case 0x09: named = "\\t"; break;
		case 0x0A: named = "\\n"; break;
		case 0x0B: named = "\\v"; break;
		case 0x0C: named = "\\f"; break;
		case 0x0D: named = "\\r"; break;
		case 0x1B: named = "\\e"; break;
		case '"': named = "\\\""; break;
		case '\\': named = "\\\\"; break;
		case 0x85: named = "\\N"; break;
		case 0xA0: named = "\\_"; break;
		case 0x2028: named = "\\L"; break;
		case 0x2029: named = "\\P"; break;
		default:
			snprintf(esc, sizeof(esc), c <= 0xFF ? "\\x%02X"
				 : c <= 0xFFFF ? "\\u%04X" : "\\U%08X",
				 (unsigned)c);
			named = esc;
			break;
		}
		sink_str(s, named);
	}
	sink_put(s, v + clean, n - clean);
	sink_put(s, "\"", 1);
}

/* Keys are written plain when no YAML reader could take them for anything
 * but a string: a letter or '_' first, then [A-Za-z0-9_.-], with a dot
 * (no YAML 1.1 bool/null/number word has one and starts with a letter). */
static bool
plain_key(const char *k, size_t n)
{
	if (n == 0 || !((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
			*k == '_'))
		return false;

	bool dot = false;

	for (size_t i = 0; i < n; i++) {
		char c = k[i];

		if (c == '.')
			dot = true;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return dot;
}

/* libyaml writes a key of more than 128 bytes, or one with a line break,
 * as an explicit "? key" line. */
static bool
simple_key(const char *k, size_t n)
{
	if (n > 128)
		return false;
	for (size_t i = 0; i < n;) {
		size_t w;

		if ((unsigned char)k[i] < 0x80) {
			if (k[i] == '\n' || k[i] == '\r')
				return false;
			i++;
			continue;
		}

		if (yaml_break(decode((const unsigned char *)k + i, n - i, &w)))
			return false;
		i += w;
	}
	return true;
}

static void
yaml_scalar(struct sink *s, const char *v, size_t n, bool plain)
{
	if (plain)
		sink_put(s, v, n);
	else
		yaml_double_quoted(s, v, n);
}

static void
yaml_value(struct sink *s, const struct ycfg_resolved_entry *e,
	   const struct ycfg_emit_opts *o, char *buf)
{
	bool plain;
	size_t n;
	const char *v = value_text(e, o, buf, &plain, &n);

	if (!o->provenance) {
		yaml_scalar(s, v, n, plain);
		return;
	}

	char src[1024];

	source_text(e, src, sizeof(src));
	sink_str(s, "{value: ");
	yaml_scalar(s, v, n, plain);
	sink_str(s, ", source: ");
	yaml_scalar(s, src, strlen(src), false);
	sink_str(s, "}");
}

/* One key and its values (run > 1: a multi-value key). */
static void
yaml_entry(struct sink *s, const struct ycfg_resolved_entry *v, size_t run,
	   const struct ycfg_emit_opts *o, char *buf)
{
	char key[1024];
	size_t kl = strlen(v->key);
	const char *k = v->key;
	size_t n = kl > 255 ? 255 : kl;   /* as the key was always cut */
	bool plain = plain_key(k, n);

	/* a plain key is ASCII: nothing to escape */
	if (!plain) {
		n = ycfg_utf8_escape(key, v->key, n);
		k = key;
	}

	/* a plain key has no line break */
	bool simple = plain ? n <= 128 : simple_key(k, n);

	if (!simple)
		sink_str(s, "? ");
	if (plain)
		sink_put(s, k, n);
	else
		yaml_double_quoted(s, k, n);
	sink_str(s, simple ? ":" : "\n:");
	if (run == 1) {
		sink_str(s, " ");
		yaml_value(s, v, o, buf);
		sink_str(s, "\n");
		return;
	}
	for (size_t i = 0; i < run; i++) {
		/* a sequence under "? key" continues on the ": " line */
		sink_str(s, simple ? "\n- " : i ? "\n  - " : " - ");
		yaml_value(s, &v[i], o, buf);
	}
	sink_str(s, "\n");
}

/* ---- JSON ---- */

static int
sink_write(void *ctx, const char *p, size_t n)
{
	struct sink *s = ctx;

	sink_put(s, p, n);
	return s->oom ? -1 : 0;
}

static void
json_str(struct sink *s, const char *v)
{
	ycfg_json_quote(v, strlen(v), sink_write, s);
}

static void
json_value(struct sink *s, const struct ycfg_resolved_entry *e,
	   const struct ycfg_emit_opts *o, char *buf)
{
	bool plain;
	size_t n;
	const char *v = value_text(e, o, buf, &plain, &n);

	if (o->provenance)
		sink_str(s, "{\"value\": ");
	if (plain)
		sink_put(s, v, n);
	else
		ycfg_json_quote(v, n, sink_write, s);
	if (o->provenance) {
		char src[1024];

		source_text(e, src, sizeof(src));
		sink_str(s, ", \"source\": ");
		json_str(s, src);
		sink_str(s, "}");
	}
}

static void
json_entry(struct sink *s, const struct ycfg_resolved_entry *v, size_t run,
	   const struct ycfg_emit_opts *o, char *buf)
{
	char key[1024];
	size_t kl = strlen(v->key);

	ycfg_utf8_escape(key, v->key, kl > 255 ? 255 : kl);
	json_str(s, key);
	sink_str(s, ": ");
	if (run > 1)
		sink_str(s, "[");
	for (size_t k = 0; k < run; k++) {
		if (k)
			sink_str(s, ", ");
		json_value(s, &v[k], o, buf);
	}
	if (run > 1)
		sink_str(s, "]");
}

/* ---- .cfg ---- */

static void
cfg_entry(struct sink *s, const struct ycfg_resolved_entry *v, size_t run,
	  const struct ycfg_emit_opts *o, char *buf)
{
	for (size_t k = 0; k < run; k++) {
		const struct ycfg_resolved_entry *e = &v[k];
		size_t n;
		/* the value's own bytes: a tab or a byte that is not UTF-8 is
		 * deployed as it was written, never as the text \x09 */
		const char *val = value_bytes(e, o, buf, &n);

		sink_str(s, e->key);
		sink_str(s, " = ");
		/* an empty value must stay explicitly empty, not "not set" */
		if (n > 0)
			sink_put(s, val, n);
		else
			sink_str(s, "%NULL%");
		sink_str(s, "\n");
	}
}

/* ---- documents ---- */

/* Number of entries starting at i that share its key (multi-value). */
static size_t
run_length(const struct ycfg_resolved *r, size_t i)
{
	size_t n = 1;

	while (i + n < r->n && strcmp(r->v[i].key, r->v[i + n].key) == 0)
		n++;
	return n;
}

/* A document is its head, each key's text (after its separator), and its
 * tail; only JSON has separators. */
static void
doc_head(struct sink *s, const struct ycfg_emit_opts *o)
{
	if (o->format == YCFG_OUT_JSON)
		sink_str(s, "{");
	else if (o->format == YCFG_OUT_CFG)
		sink_str(s, YCFG_HEADER "\n"
			 "# effective configuration written by ycfg\n");
}

static void
doc_sep(struct sink *s, const struct ycfg_emit_opts *o, bool first)
{
	if (o->format != YCFG_OUT_JSON)
		return;
	if (o->oneline)
		sink_str(s, first ? "" : ", ");
	else
		sink_str(s, first ? "\n  " : ",\n  ");
}

static void
doc_tail(struct sink *s, const struct ycfg_emit_opts *o, bool empty)
{
	if (o->format == YCFG_OUT_JSON)
		sink_str(s, o->oneline ? "}" : empty ? "}\n" : "\n}\n");
	else if (o->format == YCFG_OUT_YAML && empty)
		sink_str(s, "{}\n");
}

static void
doc_entry(struct sink *s, const struct ycfg_resolved_entry *v, size_t run,
	  const struct ycfg_emit_opts *o, char *buf)
{
	switch (o->format) {
	case YCFG_OUT_YAML:
		yaml_entry(s, v, run, o, buf);
		break;
	case YCFG_OUT_JSON:
		json_entry(s, v, run, o, buf);
		break;
	default:
		cfg_entry(s, v, run, o, buf);
		break;
	}
}

static size_t
max_len(const struct ycfg_resolved *r)
{
	size_t m = 0;

	for (size_t i = 0; r != NULL && i < r->n; i++)
		if (r->v[i].len > m)
			m = r->v[i].len;
	return m;
}

/* Hands the finished sink to the caller.  Returns 0, or -1 with err. */
static int
finish(struct sink *s, char **out, size_t *outlen, char *err, size_t errsz)
{
	if (!s->oom && s->p == NULL)
		sink_put(s, "", 0);
	if (s->oom) {
		free(s->p);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	*out = s->p;
	*outlen = s->len;
	return 0;
}

int
ycfg_emit(const struct ycfg_resolved *r, const struct ycfg_emit_opts *o,
	  char **out, size_t *outlen, char *err, size_t errsz)
{
	struct sink s = { 0 };
	char *buf = malloc(VALUE_BUF(max_len(r)));

	if (buf == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	doc_head(&s, o);
	for (size_t i = 0; i < r->n;) {
		size_t run = run_length(r, i);

		doc_sep(&s, o, i == 0);
		doc_entry(&s, &r->v[i], run, o, buf);
		i += run;
	}
	doc_tail(&s, o, r->n == 0);
	free(buf);
	return finish(&s, out, outlen, err, errsz);
}

/* True when the entry's value must not go into a .cfg masked. */
static bool
masked_secret(const struct ycfg_resolved_entry *e)
{
	return e->len > 0 && (e->secret ||
			      ycfg_has_userinfo_password(e->val, e->len));
}

size_t
ycfg_emit_secrets(const struct ycfg_resolved *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += masked_secret(&r->v[i]);
	return n;
}

int
ycfg_emit_prerender(const struct ycfg_resolved *base,
		    const struct ycfg_emit_opts *o, struct ycfg_emit_pre *out)
{
	struct sink s = { 0 };
	char *buf = malloc(VALUE_BUF(max_len(base)));

	memset(out, 0, sizeof(*out));
	out->off = malloc((base->n + 1) * sizeof(*out->off));
	out->secret = calloc(base->n + 1, 1);
	if (buf == NULL || out->off == NULL || out->secret == NULL)
		s.oom = true;
	out->cont = calloc(base->n + 1, 1);
	if (out->cont == NULL)
		s.oom = true;
	for (size_t i = 0; i < base->n && !s.oom;) {
		/* a multi-value key is one text; the entries after its first
		 * continue it with no text of their own */
		size_t run = run_length(base, i);

		out->off[i] = s.len;
		/* each text starts with the separator of a key that is not
		 * the first (JSON's ",\n  "): kept runs stay one range */
		doc_sep(&s, o, false);
		doc_entry(&s, &base->v[i], run, o, buf);
		for (size_t k = 0; k < run; k++) {
			if (k > 0)
				out->off[i + k] = s.len;
			out->secret[i + k] = masked_secret(&base->v[i + k]);
			out->cont[i + k] = k > 0;
		}
		i += run;
	}
	free(buf);
	if (s.oom) {
		free(s.p);
		ycfg_emit_pre_free(out);
		return -1;
	}
	out->off[base->n] = s.len;
	out->text = s.p;
	out->n = base->n;

	struct sink sep = { 0 };

	doc_sep(&sep, o, false);
	out->seplen = sep.len;
	free(sep.p);
	return sep.oom ? (ycfg_emit_pre_free(out), -1) : 0;
}

void
ycfg_emit_pre_free(struct ycfg_emit_pre *p)
{
	free(p->text);
	free(p->off);
	free(p->secret);
	free(p->cont);
	memset(p, 0, sizeof(*p));
}

size_t
ycfg_emit_over_secrets(const struct ycfg_resolved_over *r,
		       const struct ycfg_emit_pre *pre)
{
	size_t n = ycfg_emit_secrets(&r->own);

	for (size_t i = 0; i < pre->n; i++)
		n += pre->secret[i] && !r->drop[i];
	return n;
}

/* Adds a range of text to the pieces: base != NULL a range of a base's
 * text, else of the phone's own text (by offset: it may still move). */
static void
piece_add(struct ycfg_emit_pieces *p, const char *base, size_t off,
	  size_t len, bool *oom)
{
	if (len == 0)
		return;
	if (p->n > 0) {
		struct ycfg_emit_piece *last = &p->v[p->n - 1];

		if (last->base == base && last->off + last->len == off) {
			last->len += len;   /* contiguous: one range */
			p->total += len;
			return;
		}
	}
	if (ycfg_vec_reserve(&p->v, &p->cap, p->n + 1, sizeof(*p->v), 64) != 0) {
		*oom = true;
		return;
	}
	p->v[p->n++] = (struct ycfg_emit_piece){ base, off, len };
	p->total += len;
}

/* Renders through the sink of the phone's own text into a piece. */
#define OWN(p, s, call) do {					\
		size_t from_ = (s)->len;			\
		call;						\
		piece_add((p), NULL, from_, (s)->len - from_, &(s)->oom); \
	} while (0)

int
ycfg_emit_over_pieces(const struct ycfg_resolved_over *r,
		      const struct ycfg_emit_pre *pre,
		      const struct ycfg_emit_opts *o,
		      struct ycfg_emit_pieces *p, char *err, size_t errsz)
{
	struct sink s = { .p = p->own, .cap = p->owncap };
	char *buf = malloc(VALUE_BUF(max_len(&r->own)));
	bool first = true;

	p->n = 0;
	p->total = 0;
	if (buf == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	OWN(p, &s, doc_head(&s, o));

	/* the base's text between the phone's own entries and its dropped
	 * base entries is one range */
	size_t from = 0, d = 0;

	for (size_t k = 0;;) {
		size_t to_own = k < r->own.n ? r->own.v[k].at : pre->n;
		size_t to_drop = d < r->ndropped ? r->dropped[d] : pre->n;
		size_t to = to_own < to_drop ? to_own : to_drop;

		if (to > from) {
			size_t skip = 0;

			if (first) {
				/* the first key has its own separator */
				OWN(p, &s, doc_sep(&s, o, true));
				skip = pre->seplen;
			}
			piece_add(p, pre->text, pre->off[from] + skip,
				  pre->off[to] - pre->off[from] - skip, &s.oom);
			first = false;
			from = to;
		}
		if (k < r->own.n && to_own <= to_drop) {
			/* own entries come before the base entry at their
			 * place */
			OWN(p, &s, (doc_sep(&s, o, first),
				    doc_entry(&s, &r->own.v[k], 1, o, buf)));
			first = false;
			k++;
			continue;
		}
		if (d < r->ndropped) {
			if (from <= to_drop)
				from = to_drop + 1;
			d++;
			continue;
		}
		break;
	}
	OWN(p, &s, doc_tail(&s, o, first));
	free(buf);
	p->own = s.p;
	p->owncap = s.cap;
	if (s.oom) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	return 0;
}

void
ycfg_emit_pieces_free(struct ycfg_emit_pieces *p)
{
	free(p->own);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

size_t
ycfg_emit_pieces_iov(const struct ycfg_emit_pieces *p, struct iovec *iov,
		     size_t from, size_t max)
{
	size_t n = 0;

	for (size_t i = from; i < p->n && n < max; i++, n++) {
		const struct ycfg_emit_piece *pc = &p->v[i];

		iov[n].iov_base = (char *)(pc->base ? pc->base : p->own) +
				  pc->off;
		iov[n].iov_len = pc->len;
	}
	return n;
}

int
ycfg_emit_over(const struct ycfg_resolved_over *r,
	       const struct ycfg_emit_pre *pre, const struct ycfg_emit_opts *o,
	       char **out, size_t *outlen, char *err, size_t errsz)
{
	struct ycfg_emit_pieces p = { 0 };
	char *text;

	if (ycfg_emit_over_pieces(r, pre, o, &p, err, errsz) != 0) {
		ycfg_emit_pieces_free(&p);
		return -1;
	}
	text = malloc(p.total + 1);
	if (text == NULL) {
		ycfg_emit_pieces_free(&p);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	*outlen = 0;
	for (size_t i = 0; i < p.n; i++) {
		memcpy(text + *outlen, (p.v[i].base ? p.v[i].base : p.own) +
		       p.v[i].off, p.v[i].len);
		*outlen += p.v[i].len;
	}
	text[*outlen] = '\0';
	*out = text;
	ycfg_emit_pieces_free(&p);
	return 0;
}
