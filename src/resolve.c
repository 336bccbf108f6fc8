/*
 * resolve.c - effective values over layers (see resolve.h).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ycfg/hash.h"
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

/* ycfg_effective_get, with the key's schema entry already known when
 * hint is not NULL (its index values are then found only to follow a
 * -1). */
static bool
effective(const struct ycfg_layers *l, const char *key, size_t keylen,
	  const struct ycfg_param *hint, struct ycfg_effective *out)
{
	struct ycfg_key_indices idx;
	const struct ycfg_param *p = hint;
	bool have_idx = false;

	memset(out, 0, sizeof(*out));
	if (p == NULL && l->schema) {
		p = ycfg_schema_lookup(l->schema, key, keylen, &idx);
		have_idx = true;
	}
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

			if (!have_idx &&
			    ycfg_schema_lookup(l->schema, key, keylen, &idx) != p)
				return false;
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
			have_idx = true;
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

bool
ycfg_effective_get(const struct ycfg_layers *l, const char *key,
		   size_t keylen, struct ycfg_effective *out)
{
	return effective(l, key, keylen, NULL, out);
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

/* Keys copied into blocks that never move, dropped all at once: a
 * phone over a base pushes its keys anew for every phone. */
#define POOL_BLOCK 16384

struct ycfg_key_pool {
	char **blocks;              /* POOL_BLOCK bytes each */
	size_t nblocks, capblocks;
	size_t cur, used;           /* the block being filled, its bytes */
	char **big;                 /* keys longer than a block */
	size_t nbig, capbig;
};

static char *
pool_alloc(struct ycfg_key_pool *p, size_t n)
{
	if (n > POOL_BLOCK) {
		char *b = malloc(n);

		if (b == NULL ||
		    ycfg_vec_push(&p->big, &p->nbig, &p->capbig, &b,
				  sizeof(b)) != 0) {
			free(b);
			return NULL;
		}
		return b;
	}
	if (p->nblocks == 0 || p->used + n > POOL_BLOCK) {
		if (p->nblocks > 0 && p->cur + 1 < p->nblocks) {
			p->cur++;           /* a block kept from before */
		} else {
			char *b = malloc(POOL_BLOCK);

			if (b == NULL ||
			    ycfg_vec_push(&p->blocks, &p->nblocks,
					  &p->capblocks, &b, sizeof(b)) != 0) {
				free(b);
				return NULL;
			}
			p->cur = p->nblocks - 1;
		}
		p->used = 0;
	}

	char *k = p->blocks[p->cur] + p->used;

	p->used += n;
	return k;
}

/* Drops every key; the blocks stay for the next phone. */
static void
pool_reset(struct ycfg_key_pool *p)
{
	for (size_t i = 0; i < p->nbig; i++)
		free(p->big[i]);
	p->nbig = 0;
	p->cur = 0;
	p->used = 0;
}

static void
pool_free(struct ycfg_key_pool *p)
{
	if (p == NULL)
		return;
	pool_reset(p);
	for (size_t i = 0; i < p->nblocks; i++)
		free(p->blocks[i]);
	free(p->blocks);
	free(p->big);
	free(p);
}

/* Forgets a key of r: freed, unless r's keys are in a pool. */
static void
drop_key(const struct ycfg_resolved *r, char *key)
{
	if (r->pool == NULL)
		free(key);
}

static int
push(struct ycfg_resolved *r, const char *key, size_t keylen)
{
	if (ycfg_vec_reserve(&r->v, &r->cap, r->n + 1, sizeof(*r->v), 256) != 0)
		return -1;

	struct ycfg_resolved_entry *e = &r->v[r->n];

	memset(e, 0, sizeof(*e));
	e->key = r->pool ? pool_alloc(r->pool, keylen + 1) : malloc(keylen + 1);
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

/* ycfg_effective_is_secret() of a resolved entry, whose param (when set)
 * is the schema's entry of its key: no second lookup. */
static bool
is_secret(const struct ycfg_schema *s, const struct ycfg_resolved_entry *e)
{
	if (s == NULL)
		return false;
	if (e->param != NULL && e->param->secret)
		return true;
	if (e->param == NULL &&
	    ycfg_schema_key_is_secret(s, e->key, strlen(e->key)))
		return true;
	for (unsigned i = 0; e->via != NULL && i < e->via->nsteps; i++)
		if (ycfg_schema_key_is_secret(s, e->via->step_key[i],
					      strlen(e->via->step_key[i])))
			return true;
	return false;
}

/* Resolves the keys pushed into out (val NULL: not resolved yet), drops
 * those that have no value, and marks secrets.  Returns 0, or -1 when out
 * of memory (out then holds only resolved entries). */
static int
resolve_pushed(const struct ycfg_layers *l, struct ycfg_resolved *out,
	       size_t from)
{
	size_t w = from;
	bool short_of_memory = false;

	for (size_t i = from; i < out->n; i++) {
		struct ycfg_resolved_entry *e = &out->v[i];

		if (e->val == NULL) {
			struct ycfg_effective eff;

			/* a param set before resolving is the key's own
			 * schema entry (ycfg_resolve_over) */
			if (!effective(l, e->key, strlen(e->key), e->param,
				       &eff)) {
				drop_key(out, e->key);
				continue;   /* blank everywhere, no default */
			}
			e->val = eff.val;
			e->len = eff.len;
			e->param = eff.param;
			e->origin = eff.origin;
			if (eff.nsteps > 0 &&
			    (e->via = malloc(sizeof(*e->via))) == NULL) {
				drop_key(out, e->key);
				short_of_memory = true;
				continue;
			}
			if (e->via != NULL)
				*e->via = eff;
		}
		e->secret = is_secret(l->schema, e);
		out->v[w++] = *e;
	}
	out->n = w;
	return short_of_memory ? -1 : 0;
}

/* Drops repeats of a key from sorted entries (a multi-value key keeps
 * one entry per distinct value). */
static void
drop_repeats(struct ycfg_resolved *out)
{
	size_t w = 0;

	for (size_t i = 0; i < out->n; i++) {
		const struct ycfg_resolved_entry *prev = w ? &out->v[w - 1] : NULL;
		const struct ycfg_param *p = out->v[i].param;

		if (prev != NULL && strcmp(prev->key, out->v[i].key) == 0 &&
		    (p == NULL || !p->multi_value_colon ||
		     entry_cmp(prev, &out->v[i]) == 0)) {
			drop_key(out, out->v[i].key);
			free(out->v[i].via);
			continue;
		}
		out->v[w++] = out->v[i];
	}
	out->n = w;
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
	if (resolve_pushed(l, out, 0) != 0)
		goto oom;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), entry_cmp);
	drop_repeats(out);
	return 0;
oom:
	ycfg_resolved_free(out);
	return -1;
}

/* ------------------------------------------------------------------ */
/* Phones over a shared base                                            */
/* ------------------------------------------------------------------ */

/*
 * Why the base entries that are kept are right: the value of a key k over
 * the layers B + O differs from its value over B only when a layer of O
 * sets k (layered_value looks at O first), or when its -1 led through a
 * key that O sets.  Every key of B's documents and every step of a base
 * entry's fallback trail is in the index; each key of O that matches one
 * of them (case-insensitively, as documents match keys) drops that base
 * entry and has its key resolved again over B + O.  A key of B that had
 * no value over B (blank, no default) gets its spelling pushed again too,
 * since over B + O it may have one.
 */
struct base_item {
	const char *key;            /* a key of a base document, or a step */
	size_t len;
	uint32_t hash;              /* ycfg_hash_lower */
	size_t entry;               /* its base entry, or SIZE_MAX */
	bool multi;                 /* the entry is one of a multi-value key */
};

struct ycfg_resolved_base {
	uint64_t id;                /* unique in the process */
	size_t nbase;
	struct ycfg_resolved r;
	struct base_item *items;
	size_t nitems;
	struct base_slot {
		uint32_t hash, index;   /* item index + 1; 0: empty */
	} *slots;                   /* open addressing, at most 1/4 full */
	size_t mask;
};

static int
base_add(struct ycfg_resolved_base *b, size_t *cap, const char *key,
	 size_t len, size_t entry, bool multi)
{
	struct base_item it = {
		.key = key, .len = len, .entry = entry, .multi = multi,
		.hash = ycfg_hash_lower(YCFG_FNV32_INIT, key, len),
	};

	return ycfg_vec_push(&b->items, &b->nitems, cap, &it, sizeof(it));
}

int
ycfg_resolved_base_new(const struct ycfg_layers *l,
		       struct ycfg_resolved_base **out)
{
	struct ycfg_resolved_base *b = calloc(1, sizeof(*b));
	size_t cap = 0;

	static uint64_t next_id;

	*out = NULL;
	if (b == NULL)
		return -1;
	b->id = __atomic_add_fetch(&next_id, 1, __ATOMIC_RELAXED);
	b->nbase = l->n;
	if (ycfg_resolve(l, false, NULL, &b->r) != 0) {
		free(b);
		return -1;
	}
	for (size_t i = 0; i < b->r.n; i++) {
		const struct ycfg_resolved_entry *e = &b->r.v[i];
		bool multi = (e->origin.ent != NULL &&
			      e->origin.ent->sub_len != 0) ||
			     (i > 0 && strcmp(e->key, b->r.v[i - 1].key) == 0) ||
			     (i + 1 < b->r.n &&
			      strcmp(e->key, b->r.v[i + 1].key) == 0);

		if (base_add(b, &cap, e->key, strlen(e->key), i, multi) != 0)
			goto oom;
		for (unsigned k = 0; e->via != NULL && k < e->via->nsteps; k++)
			if (base_add(b, &cap, e->via->step_key[k],
				     strlen(e->via->step_key[k]), i,
				     multi) != 0)
				goto oom;
	}
	/* keys of the documents that gave no value */
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->docs[i]->n; k++) {
			const struct ycfg_doc *doc = l->docs[i];
			const struct ycfg_entry *e = &doc->ents[k];

			if (e->sub_len == 0 &&
			    ycfg_resolved_find(&b->r, ycfg_entry_key(doc, e),
					       e->key_len) == SIZE_MAX &&
			    base_add(b, &cap, ycfg_entry_key(doc, e),
				     e->key_len, SIZE_MAX, false) != 0)
				goto oom;
		}

	size_t ns = 16;

	while (ns < b->nitems * 4)
		ns *= 2;
	b->slots = calloc(ns, sizeof(*b->slots));
	if (b->slots == NULL)
		goto oom;
	b->mask = ns - 1;
	for (size_t i = 0; i < b->nitems; i++) {
		size_t j = b->items[i].hash & b->mask;

		while (b->slots[j].index != 0)
			j = (j + 1) & b->mask;
		b->slots[j].hash = b->items[i].hash;
		b->slots[j].index = (uint32_t)i + 1;
	}
	*out = b;
	return 0;
oom:
	ycfg_resolved_base_free(b);
	return -1;
}

void
ycfg_resolved_base_free(struct ycfg_resolved_base *b)
{
	if (b == NULL)
		return;
	ycfg_resolved_free(&b->r);
	free(b->items);
	free(b->slots);
	free(b);
}

const struct ycfg_resolved *
ycfg_resolved_base_entries(const struct ycfg_resolved_base *b)
{
	return &b->r;
}

size_t
ycfg_resolved_find(const struct ycfg_resolved *r, const char *key,
		   size_t keylen)
{
	size_t lo = 0, hi = r->n;
	char k[256];

	if (keylen >= sizeof(k))
		return SIZE_MAX;
	memcpy(k, key, keylen);
	k[keylen] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ycfg_natural_cmp(r->v[mid].key, k);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

#define AT_MEMO 512

/* The first base entry whose key is not before key (natural order). */
static size_t
lower_bound(const struct ycfg_resolved *r, const char *key)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ycfg_natural_cmp(r->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sorts the own entries by over_cmp: counted into place by their base
 * position (linear), then each group of one position (new keys between
 * the same two base keys, usually one or two) by insertion.  Returns -1
 * when out of memory. */
static int
sort_own(struct ycfg_resolved_over *o, size_t nbase)
{
	struct ycfg_resolved *r = &o->own;

	if (r->n < 2)
		return 0;
	if (ycfg_vec_reserve(&o->count, &o->countcap, nbase + 2,
			     sizeof(*o->count), 256) != 0 ||
	    ycfg_vec_reserve(&o->tmp, &o->tmpcap, r->n, sizeof(*o->tmp),
			     64) != 0)
		return -1;
	memset(o->count, 0, (nbase + 2) * sizeof(*o->count));
	for (size_t i = 0; i < r->n; i++)
		o->count[r->v[i].at + 1]++;
	for (size_t i = 1; i < nbase + 2; i++)
		o->count[i] += o->count[i - 1];
	for (size_t i = 0; i < r->n; i++)
		o->tmp[o->count[r->v[i].at]++] = r->v[i];

	struct ycfg_resolved_entry *t = r->v;
	size_t cap = r->cap;

	r->v = o->tmp;
	r->cap = o->tmpcap;
	o->tmp = t;
	o->tmpcap = cap;
	for (size_t i = 1; i < r->n; i++) {
		if (r->v[i].at != r->v[i - 1].at ||
		    entry_cmp(&r->v[i - 1], &r->v[i]) <= 0)
			continue;

		struct ycfg_resolved_entry e = r->v[i];
		size_t j = i;

		while (j > 0 && r->v[j - 1].at == e.at &&
		       entry_cmp(&r->v[j - 1], &e) > 0) {
			r->v[j] = r->v[j - 1];
			j--;
		}
		r->v[j] = e;
	}
	return 0;
}

static int
add_dropped(struct ycfg_resolved_over *o, size_t i)
{
	return ycfg_vec_push(&o->dropped, &o->ndropped, &o->capdropped, &i,
			     sizeof(i));
}

static int
size_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

/* True when entry e of the top layer doc gives its key's value over l
 * directly: not blank (whose meaning depends on the layers below and
 * the overwrite mode), not a -1 that its schema entry follows. */
static bool
top_value(const struct ycfg_layers *l, const struct ycfg_doc *doc,
	  const struct ycfg_entry *e)
{
	const struct ycfg_param *p = e->param;

	/* no entry from the linter is not "no entry in the schema" (the
	 * linter leaves it out for a malformed index): look it up */
	if (p == NULL || (e->flags & YCFG_VAL_BLANK) ||
	    (e->blank_line != 0 && l->overwrite_mode == 1))
		return false;
	return !(p->fallback != NULL &&
		 !(e->flags & YCFG_VAL_NULL) && e->val_len == 2 &&
		 memcmp(ycfg_entry_val(doc, e), "-1", 2) == 0);
}

static void
set_origin(struct ycfg_resolved_entry *r, const struct ycfg_doc *doc,
	   const struct ycfg_entry *e)
{
	r->val = ycfg_entry_val(doc, e);
	r->len = (e->flags & YCFG_VAL_NULL) ? 0 : e->val_len;
	r->origin.doc = doc;
	r->origin.ent = e;
}

/* The place of a key that is not in the base (key NUL-terminated, h its
 * ycfg_hash_lower): remembered per base. */
static uint32_t
place(struct ycfg_resolved_over *o, const struct ycfg_resolved *br,
      const char *key, size_t kl, uint32_t h)
{
	struct ycfg_at_memo *m = NULL;
	uint32_t at;

	if (o->memo != NULL && kl > 0 && kl < sizeof(m->key)) {
		m = &o->memo[h & (AT_MEMO - 1)];
		if (memcmp(m->key, key, kl + 1) == 0)
			return m->at;
	}
	at = (uint32_t)lower_bound(br, key);
	if (m != NULL) {
		memcpy(m->key, key, kl + 1);
		m->at = at;
	}
	return at;
}

int
ycfg_resolve_over(const struct ycfg_resolved_base *b,
		  const struct ycfg_layers *l, struct ycfg_resolved_over *o)
{
	const struct ycfg_resolved *br = &b->r;

	o->base = br;
	/* the last phone's entries go; their keys are in the pool */
	if (o->own.pool == NULL &&
	    (o->own.pool = calloc(1, sizeof(*o->own.pool))) == NULL)
		return -1;
	for (size_t i = 0; i < o->own.n; i++)
		free(o->own.v[i].via);
	o->own.n = 0;
	pool_reset(o->own.pool);
	if (l->n < b->nbase || br->n >= UINT32_MAX)
		return 1;
	for (size_t i = b->nbase; i < l->n; i++)
		for (size_t k = 0; k < l->docs[i]->n; k++)
			if (l->docs[i]->ents[k].sub_len != 0)
				return 1;
	if (ycfg_vec_reserve(&o->drop, &o->dropcap, br->n + 1, 1, 256) != 0)
		return -1;
	memset(o->drop, 0, br->n);
	o->ndropped = 0;

	/* the places of new keys are remembered for the next phones: they
	 * mostly set the same keys */
	if (o->memo_base != b->id) {
		free(o->memo);
		o->memo = calloc(AT_MEMO, sizeof(*o->memo));
		o->memo_base = o->memo ? b->id : 0;
	}

	/* the own keys, and the base keys they touch */
	for (size_t i = b->nbase; i < l->n; i++) {
		const struct ycfg_doc *doc = l->docs[i];

		for (size_t k = 0; k < doc->n; k++) {
			const struct ycfg_entry *e = &doc->ents[k];
			const char *key = ycfg_entry_key(doc, e);
			uint32_t h = ycfg_hash_lower(YCFG_FNV32_INIT, key,
						     e->key_len);
			size_t self = o->own.n;

			if (push(&o->own, key, e->key_len) != 0)
				goto oom;
			o->own.v[self].at = UINT32_MAX;
			/* the linter's lookup of the key (a template's
			 * keys are looked up otherwise) */
			if (doc->tpl.dialect == YCFG_TPL_NONE) {
				o->own.v[self].param = e->param;
				/* the top layer's own line is the value, as
				 * effective() would find it, unless it is
				 * blank or a -1 to follow */
				if (i + 1 == l->n && top_value(l, doc, e))
					set_origin(&o->own.v[self], doc, e);
			}
			for (size_t j = h & b->mask; b->slots[j].index != 0;
			     j = (j + 1) & b->mask) {
				if (b->slots[j].hash != h)
					continue;

				const struct base_item *it =
					&b->items[b->slots[j].index - 1];

				if (it->len != e->key_len ||
				    strncasecmp(it->key, key, it->len) != 0)
					continue;
				if (it->multi) {
					/* a multi-value key of the base: the
					 * whole stack decides */
					for (size_t x = 0; x < o->own.n; x++)
						free(o->own.v[x].via);
					o->own.n = 0;
					return 1;
				}
				if (it->entry == SIZE_MAX) {
					if (push(&o->own, it->key, it->len) != 0)
						goto oom;
					o->own.v[o->own.n - 1].at =
						place(o, br, it->key, it->len,
						      it->hash);
					continue;
				}
				if (memcmp(it->key, key, it->len) == 0 &&
				    it->key == br->v[it->entry].key) {
					/* the own key is this base key: its
					 * place is known */
					if (!o->drop[it->entry] &&
					    add_dropped(o, it->entry) != 0)
						goto oom;
					o->drop[it->entry] = 1;
					o->own.v[self].at = (uint32_t)it->entry;
					continue;
				}
				if (o->drop[it->entry])
					continue;
				if (add_dropped(o, it->entry) != 0)
					goto oom;
				o->drop[it->entry] = 1;
				if (push(&o->own, br->v[it->entry].key,
					       strlen(br->v[it->entry].key)) != 0)
					goto oom;
				/* its place is known */
				o->own.v[o->own.n - 1].at = (uint32_t)it->entry;
			}
			if (o->own.v[self].at == UINT32_MAX)
				o->own.v[self].at = place(o, br, o->own.v[self].key,
							  e->key_len, h);
		}
	}
	if (resolve_pushed(l, &o->own, 0) != 0)
		goto oom;
	if (sort_own(o, br->n) != 0)
		goto oom;
	if (o->ndropped > 1)
		qsort(o->dropped, o->ndropped, sizeof(*o->dropped), size_cmp);
	/* a key pushed twice (two own layers, or own and base spellings
	 * that are the same) is one entry */
	drop_repeats(&o->own);
	return 0;
oom:
	for (size_t i = 0; i < o->own.n; i++)
		free(o->own.v[i].via);
	o->own.n = 0;
	return -1;
}

void
ycfg_resolved_over_free(struct ycfg_resolved_over *o)
{
	struct ycfg_key_pool *pool = o->own.pool;

	ycfg_resolved_free(&o->own);
	pool_free(pool);
	free(o->drop);
	free(o->count);
	free(o->tmp);
	free(o->memo);
	free(o->dropped);
	memset(o, 0, sizeof(*o));
}

void
ycfg_resolved_free(struct ycfg_resolved *r)
{
	for (size_t i = 0; i < r->n; i++) {
		drop_key(r, r->v[i].key);
		free(r->v[i].via);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* ------------------------------------------------------------------ */
/* Bases by their layers                                                */
/* ------------------------------------------------------------------ */

struct cache_entry {
	const struct ycfg_doc **docs;
	size_t n;
	int overwrite;
	struct ycfg_resolved_base *base;   /* NULL: out of memory */
	void *user;
};

struct ycfg_base_cache {
	pthread_mutex_t lock;
	const struct ycfg_schema *schema;
	ycfg_base_user_fn make;
	void (*drop)(void *user);
	void *ctx;
	struct cache_entry *v;
	size_t n, cap;
};

struct ycfg_base_cache *
ycfg_base_cache_new(const struct ycfg_schema *schema, ycfg_base_user_fn make,
		    void (*drop)(void *user), void *ctx)
{
	struct ycfg_base_cache *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	pthread_mutex_init(&c->lock, NULL);
	c->schema = schema;
	c->make = make;
	c->drop = drop;
	c->ctx = ctx;
	return c;
}

void
ycfg_base_cache_free(struct ycfg_base_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		if (c->drop != NULL && c->v[i].user != NULL)
			c->drop(c->v[i].user);
		ycfg_resolved_base_free(c->v[i].base);
		free(c->v[i].docs);
	}
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Makes the entry (lock held).  Returns it, or NULL when out of memory. */
static struct cache_entry *
cache_add(struct ycfg_base_cache *c, const struct ycfg_doc *const *docs,
	  size_t n, int overwrite)
{
	struct cache_entry e = { .n = n, .overwrite = overwrite };
	struct ycfg_layers l = {
		.docs = docs, .n = n, .overwrite_mode = overwrite,
		.schema = c->schema,
	};

	e.docs = malloc((n + 1) * sizeof(*e.docs));
	if (e.docs == NULL)
		return NULL;
	memcpy(e.docs, docs, n * sizeof(*docs));
	if (ycfg_resolved_base_new(&l, &e.base) == 0 && c->make != NULL &&
	    (e.user = c->make(e.base, c->ctx)) == NULL) {
		ycfg_resolved_base_free(e.base);
		e.base = NULL;
	}
	if (ycfg_vec_push(&c->v, &c->n, &c->cap, &e, sizeof(e)) != 0) {
		if (c->drop != NULL && e.user != NULL)
			c->drop(e.user);
		ycfg_resolved_base_free(e.base);
		free(e.docs);
		return NULL;
	}
	return &c->v[c->n - 1];
}

const struct ycfg_resolved_base *
ycfg_base_cache_get(struct ycfg_base_cache *c,
		    const struct ycfg_doc *const *docs, size_t n,
		    int overwrite, void **user)
{
	struct cache_entry *e = NULL;

	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->n && e == NULL; i++)
		if (c->v[i].n == n && c->v[i].overwrite == overwrite &&
		    memcmp(c->v[i].docs, docs, n * sizeof(*docs)) == 0)
			e = &c->v[i];
	if (e == NULL)
		e = cache_add(c, docs, n, overwrite);
	pthread_mutex_unlock(&c->lock);
	if (e == NULL || e->base == NULL)
		return NULL;
	if (user != NULL)
		*user = e->user;
	return e->base;
}
