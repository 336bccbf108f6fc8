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
#include "ycfg/utf8.h"
#include "ycfg/vec.h"

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
	char name[4 * 4096 + 1];

	if (o->doc == NULL)
		append(buf, bufsz, used, "default");
	else
		append(buf, bufsz, used, "%s:%u",
		       ycfg_utf8_display(o->doc->path, name, sizeof(name)),
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

bool
ycfg_effective_is_secret(const struct ycfg_schema *s, const char *key,
			 size_t keylen, const struct ycfg_effective *e)
{
	if (s == NULL)
		return false;
	if (ycfg_schema_key_is_secret(s, key, keylen))
		return true;
	for (unsigned i = 0; e != NULL && i < e->nsteps; i++)
		if (ycfg_schema_key_is_secret(s, e->step_key[i],
					      strlen(e->step_key[i])))
			return true;
	return false;
}

char *
ycfg_resolved_describe(const struct ycfg_resolved_entry *e, char *buf,
		       size_t bufsz)
{
	struct ycfg_effective plain = { .origin = e->origin };

	return ycfg_effective_describe(e->via ? e->via : &plain, buf, bufsz);
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
	if (ycfg_vec_reserve(&r->v, &r->cap, r->n + 1, sizeof(*r->v), 256) != 0)
		return -1;

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
	r->origin.doc = doc;
	r->origin.ent = e;
	return 0;
}

/* True when instance v of index x is on: its enabled_by key is 1. */
static bool
instance_on(const struct ycfg_layers *l, const struct ycfg_index *x,
	    uint64_t v)
{
	char key[256];
	char letters[2] = { x->letter, '\0' };
	struct ycfg_effective e;
	size_t n;

	if (x->enabled_by == NULL)
		return true;
	n = ycfg_pattern_expand(x->enabled_by, letters, &v, 1, key,
				sizeof(key));
	return n > 0 && ycfg_effective_get(l, key, n, &e) && e.len == 1 &&
	       e.val[0] == '1';
}

/* Most keys one pattern may add to the defaults: the product of its index
 * ranges is bounded so a user schema cannot make it explode. */
#define DEFAULTS_PER_PATTERN 4096

/*
 * Adds the default of every instance of the patterns that belong to a
 * switched-on instance: patterns with at least one index that has an
 * enabled_by key (account.X.enable), whose every index has a bounded
 * range (for the model).  Each combination of index values whose gated
 * indexes are all on gets its key.
 */
static int
add_defaults(const struct ycfg_layers *l, const struct ycfg_model *model,
	     struct ycfg_resolved *out)
{
	const struct ycfg_schema *s = l->schema;

	for (size_t i = 0; i < s->nparams; i++) {
		const struct ycfg_param *p = &s->params[i];
		const char *ph = p->placeholders;
		unsigned np = (unsigned)strlen(ph);
		struct ycfg_ranges r[YCFG_MAX_INDICES];
		const struct ycfg_index *x[YCFG_MAX_INDICES];
		bool gated = false, bounded = true;

		if (p->def == NULL || np == 0 || p->scope == YCFG_SCOPE_BOOT)
			continue;
		for (unsigned k = 0; k < np; k++) {
			x[k] = ycfg_schema_index_def(s, ph[k]);
			bounded &= ycfg_schema_index_range(s, model, ph[k],
							   &r[k]);
			gated |= x[k] != NULL && x[k]->enabled_by != NULL;
		}
		if (!gated || !bounded)
			continue;

		/* odometer over the combinations, range by range */
		size_t ri[YCFG_MAX_INDICES] = { 0 };
		uint64_t v[YCFG_MAX_INDICES];
		unsigned emitted = 0;

		for (unsigned k = 0; k < np; k++)
			v[k] = (uint64_t)r[k].v[0].lo;
		for (;;) {
			bool on = true;

			for (unsigned k = 0; k < np && on; k++)
				on = x[k] == NULL || instance_on(l, x[k], v[k]);
			if (on) {
				char key[256];
				size_t kl = ycfg_pattern_expand(p->key, ph, v, np,
								key,
								sizeof(key));

				if (kl > 0 && push(out, key, kl) != 0)
					return -1;
			}
			if (++emitted >= DEFAULTS_PER_PATTERN)
				break;

			/* next combination: the last index moves fastest */
			unsigned k = np;

			while (k-- > 0) {
				if ((int64_t)v[k] < r[k].v[ri[k]].hi) {
					v[k]++;
					break;
				}
				if (ri[k] + 1 < r[k].n) {
					ri[k]++;
					v[k] = (uint64_t)r[k].v[ri[k]].lo;
					break;
				}
				ri[k] = 0;
				v[k] = (uint64_t)r[k].v[0].lo;
			}
			if (k == (unsigned)-1)
				break;
		}
	}
	return 0;
}

int
ycfg_resolve(const struct ycfg_layers *l, bool defaults,
	     const struct ycfg_model *model, struct ycfg_resolved *out)
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
	if (defaults && l->schema && add_defaults(l, model, out) != 0)
		goto oom;

	/* resolve the single-valued keys, then sort and drop repeats */
	size_t w = 0;
	bool short_of_memory = false;

	for (size_t i = 0; i < out->n; i++) {
		struct ycfg_resolved_entry *e = &out->v[i];

		if (e->val == NULL) {
			struct ycfg_effective eff;

			if (!ycfg_effective_get(l, e->key, strlen(e->key),
						&eff)) {
				free(e->key);
				continue;   /* blank everywhere, no default */
			}
			e->val = eff.val;
			e->len = eff.len;
			e->param = eff.param;
			e->origin = eff.origin;
			if (eff.nsteps > 0 &&
			    (e->via = malloc(sizeof(*e->via))) == NULL) {
				free(e->key);
				short_of_memory = true;
				continue;
			}
			if (e->via != NULL)
				*e->via = eff;
		}
		e->secret = ycfg_effective_is_secret(l->schema, e->key,
						     strlen(e->key), e->via);
		out->v[w++] = *e;
	}
	out->n = w;
	if (short_of_memory)
		goto oom;
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
			free(out->v[i].via);
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
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].key);
		free(r->v[i].via);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}
