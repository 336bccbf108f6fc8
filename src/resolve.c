/*
 * resolve.c - effective values over layers (see resolve.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ycfg/lexer.h"
#include "ycfg/resolve.h"

/* The value a layer stack gives a key, without fallbacks.  Returns false
 * when no layer sets it (or the last word was a reset to default). */
static bool
layered_value(const struct ycfg_layers *l, const char *key, size_t keylen,
	      struct ycfg_origin *o)
{
	for (size_t i = l->n; i-- > 0;) {
		const struct ycfg_entry *e = ycfg_doc_get(l->docs[i], key,
							  keylen);

		if (e == NULL)
			continue;
		if (e->flags & YCFG_VAL_BLANK) {
			/* only blank lines for this key in this layer */
			if (l->overwrite_mode == 1)
				return false;
			continue;
		}
		if (e->blank_line != 0 && l->overwrite_mode == 1)
			return false;
		o->doc = l->docs[i];
		o->ent = e;
		return true;
	}
	return false;
}

bool
ycfg_effective_get(const struct ycfg_layers *l, const char *key,
		   size_t keylen, struct ycfg_effective *out)
{
	struct ycfg_key_indices idx;
	const struct ycfg_param *p = NULL;

	memset(out, 0, sizeof(*out));
	if (l->schema)
		p = ycfg_schema_lookup(l->schema, key, keylen, &idx);
	out->param = p;

	for (unsigned depth = 0;; depth++) {
		struct ycfg_origin o = { 0 };
		const char *v;
		size_t n;

		if (layered_value(l, key, keylen, &o)) {
			v = ycfg_entry_val(o.doc, o.ent);
			n = o.ent->val_len;
			if (o.ent->flags & YCFG_VAL_NULL)
				n = 0;
		} else if (p && p->def) {
			v = p->def;
			n = strlen(p->def);
		} else {
			return false;
		}
		if (p && p->fallback && n == 2 && memcmp(v, "-1", 2) == 0 &&
		    depth < YCFG_FALLBACK_DEPTH) {
			char *next = out->step_key[out->nsteps];
			size_t kl = ycfg_pattern_expand(p->fallback->key,
							p->placeholders,
							idx.v, idx.n, next,
							sizeof(out->step_key[0]));

			if (kl == 0)
				return false;
			out->step[out->nsteps++] = o;
			key = next;
			keylen = kl;
			p = ycfg_schema_lookup(l->schema, key, keylen, &idx);
			if (p == NULL)
				return false;
			continue;
		}
		out->val = v;
		out->len = n;
		out->origin = o;
		return true;
	}
}

/* Appends formatted text to buf (size bufsz, *used bytes filled),
 * truncating safely. */
static void
append(char *buf, size_t bufsz, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
append(char *buf, size_t bufsz, size_t *used, const char *fmt, ...)
{
	if (*used + 1 >= bufsz)
		return;

	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf + *used, bufsz - *used, fmt, ap);

	va_end(ap);
	if (n > 0)
		*used = *used + (size_t)n >= bufsz ? bufsz - 1 : *used + (size_t)n;
}

static void
append_origin(char *buf, size_t bufsz, size_t *used,
	      const struct ycfg_origin *o)
{
	if (o->doc == NULL)
		append(buf, bufsz, used, "default");
	else
		append(buf, bufsz, used, "%s:%u", o->doc->path,
		       (unsigned)o->ent->line);
}

char *
ycfg_effective_describe(const struct ycfg_effective *e, char *buf,
			size_t bufsz)
{
	size_t used = 0;

	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	for (unsigned i = 0; i < e->nsteps; i++) {
		append(buf, bufsz, &used, "-1 (");
		append_origin(buf, bufsz, &used, &e->step[i]);
		append(buf, bufsz, &used, ") -> %s ", e->step_key[i]);
	}
	if (e->nsteps > 0)
		append(buf, bufsz, &used, "(");
	append_origin(buf, bufsz, &used, &e->origin);
	if (e->nsteps > 0)
		append(buf, bufsz, &used, ")");
	return buf;
}

int
ycfg_natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const char *x = a, *y = b;

			while (*x == '0')
				x++;
			while (*y == '0')
				y++;

			size_t nx = strspn(x, "0123456789");
			size_t ny = strspn(y, "0123456789");

			if (nx != ny)
				return nx < ny ? -1 : 1;

			int c = memcmp(x, y, nx);

			if (c != 0)
				return c;
			/* equal values: fewer leading zeros first */
			size_t la = (size_t)(x - a) + nx, lb = (size_t)(y - b) + ny;

			if (la != lb)
				return la < lb ? -1 : 1;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int
push(struct ycfg_resolved *r, const char *key, size_t keylen)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		struct ycfg_resolved_entry *v = realloc(r->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		r->v = v;
		r->cap = cap;
	}

	struct ycfg_resolved_entry *e = &r->v[r->n];

	memset(e, 0, sizeof(*e));
	e->key = malloc(keylen + 1);
	if (e->key == NULL)
		return -1;
	memcpy(e->key, key, keylen);
	e->key[keylen] = '\0';
	r->n++;
	return 0;
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct ycfg_resolved_entry *a = x, *b = y;
	int c = ycfg_natural_cmp(a->key, b->key);

	if (c != 0)
		return c;
	/* multi-value keys: order by value (the sub-key comes first) */
	size_t n = a->len < b->len ? a->len : b->len;

	c = n ? memcmp(a->val, b->val, n) : 0;
	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

/* Adds one multi-value line per distinct sub-key, the last layer winning. */
static int
add_multi(const struct ycfg_layers *l, size_t layer,
	  const struct ycfg_entry *e, struct ycfg_resolved *out)
{
	const struct ycfg_doc *doc = l->docs[layer];
	const char *key = ycfg_entry_key(doc, e);
	const char *sub = ycfg_entry_val(doc, e);

	/* a later layer with the same sub-key overrides this one */
	for (size_t j = layer + 1; j < l->n; j++) {
		const struct ycfg_doc *d2 = l->docs[j];

		for (size_t k = 0; k < d2->n; k++) {
			const struct ycfg_entry *f = &d2->ents[k];

			if (f->key_len == e->key_len && f->sub_len == e->sub_len &&
			    memcmp(ycfg_entry_key(d2, f), key, e->key_len) == 0 &&
			    memcmp(ycfg_entry_val(d2, f), sub, e->sub_len) == 0)
				return 0;
		}
	}
	if (push(out, key, e->key_len) != 0)
		return -1;

	struct ycfg_resolved_entry *r = &out->v[out->n - 1];

	r->val = sub;
	r->len = e->val_len;
	r->param = e->param;
	r->eff.origin.doc = doc;
	r->eff.origin.ent = e;
	r->eff.val = sub;
	r->eff.len = e->val_len;
	return 0;
}

static bool
account_enabled(const struct ycfg_layers *l, unsigned x)
{
	char key[64];
	struct ycfg_effective e;
	int n = snprintf(key, sizeof(key), "account.%u.enable", x);

	return ycfg_effective_get(l, key, (size_t)n, &e) && e.len == 1 &&
	       e.val[0] == '1';
}

/* Adds the defaults of every X/Y pattern for enabled accounts. */
static int
add_defaults(const struct ycfg_layers *l, unsigned max_accounts,
	     struct ycfg_resolved *out)
{
	const struct ycfg_schema *s = l->schema;

	for (unsigned x = 1; x <= max_accounts; x++) {
		if (!account_enabled(l, x))
			continue;
		for (size_t i = 0; i < s->nparams; i++) {
			const struct ycfg_param *p = &s->params[i];
			const char *ph = p->placeholders;

			if (p->def == NULL || strchr(ph, 'N') != NULL ||
			    strchr(ph, 'X') == NULL)
				continue;

			unsigned ny = strchr(ph, 'Y') ? 2 : 1;

			for (unsigned y = 1; y <= ny; y++) {
				uint64_t v[YCFG_MAX_INDICES];
				char key[256];

				for (unsigned k = 0; ph[k] && k < YCFG_MAX_INDICES; k++)
					v[k] = ph[k] == 'X' ? x : y;

				size_t kl = ycfg_pattern_expand(p->key, ph, v,
								(unsigned)strlen(ph),
								key, sizeof(key));

				if (kl > 0 && push(out, key, kl) != 0)
					return -1;
			}
		}
	}
	return 0;
}

int
ycfg_resolve(const struct ycfg_layers *l, bool defaults,
	     unsigned max_accounts, struct ycfg_resolved *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < l->n; i++) {
		const struct ycfg_doc *doc = l->docs[i];

		for (size_t k = 0; k < doc->n; k++) {
			const struct ycfg_entry *e = &doc->ents[k];
			int rc = e->sub_len
					 ? add_multi(l, i, e, out)
					 : push(out, ycfg_entry_key(doc, e),
						e->key_len);

			if (rc != 0)
				goto oom;
		}
	}
	if (defaults && l->schema && add_defaults(l, max_accounts, out) != 0)
		goto oom;

	/* resolve the single-valued keys, then sort and drop repeats */
	size_t w = 0;

	for (size_t i = 0; i < out->n; i++) {
		struct ycfg_resolved_entry *e = &out->v[i];

		if (e->val == NULL &&
		    !ycfg_effective_get(l, e->key, strlen(e->key), &e->eff)) {
			free(e->key);
			continue;   /* blank everywhere, no default */
		}
		if (e->val == NULL) {
			e->val = e->eff.val;
			e->len = e->eff.len;
			e->param = e->eff.param;
		}
		e->secret = ycfg_key_is_secret(l->schema, e->key,
						     strlen(e->key));
		out->v[w++] = *e;
	}
	out->n = w;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), entry_cmp);
	w = 0;
	for (size_t i = 0; i < out->n; i++) {
		const struct ycfg_resolved_entry *prev = w ? &out->v[w - 1] : NULL;
		const struct ycfg_param *p = out->v[i].param;

		if (prev != NULL && strcmp(prev->key, out->v[i].key) == 0 &&
		    (p == NULL || !p->multi_value_colon ||
		     entry_cmp(prev, &out->v[i]) == 0)) {
			free(out->v[i].key);
			continue;
		}
		out->v[w++] = out->v[i];
	}
	out->n = w;
	return 0;
oom:
	ycfg_resolved_free(out);
	return -1;
}

void
ycfg_resolved_free(struct ycfg_resolved *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].key);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

bool
ycfg_key_is_secret(const struct ycfg_schema *s, const char *key,
		   size_t keylen)
{
	if (s != NULL) {
		const struct ycfg_param *p = ycfg_schema_lookup(s, key, keylen,
								NULL);

		if (p != NULL && p->secret)
			return true;
	}

	const char *last = key + keylen;

	while (last > key && last[-1] != '.')
		last--;

	size_t n = (size_t)(key + keylen - last);

	/* "password", "passwd", "secret" anywhere in the last segment;
	 * "pin" and "..._key" as the whole segment or its end */
	for (size_t i = 0; i + 6 <= n; i++)
		if (strncasecmp(last + i, "passwd", 6) == 0 ||
		    (i + 8 <= n && strncasecmp(last + i, "password", 8) == 0) ||
		    strncasecmp(last + i, "secret", 6) == 0)
			return true;
	return (n == 3 && strncasecmp(last, "pin", 3) == 0) ||
	       (n >= 4 && strncasecmp(last + n - 4, "_key", 4) == 0);
}
