/*
 * schema.c - looking keys up in the loaded table, and what the table
 * knows besides parameters: index letters, models, namespaces, secret
 * names (see schema.h).  Loading is in schema_load.c.
 */
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include "schema_priv.h"
#include "ycfg/glob.h"
#include "ycfg/hash.h"

bool
ycfg_all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

uint32_t
ycfg_norm_hash(const char *norm, size_t n)
{
	return ycfg_fnv32(YCFG_FNV32_INIT, norm, n);
}

long
ycfg_table_find(const struct ycfg_table *t, const char *norm, uint32_t h)
{
	if (t->slots == NULL)
		return -1;
	for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
		const struct ycfg_slot *s = &t->slots[i];

		if (s->param == 0)
			return -1;
		if (s->hash == h && strcmp(s->norm, norm) == 0)
			return (long)s->param - 1;
	}
}

const char *
ycfg_pattern_check(const char *key, char *norm, size_t normsz, char *letters)
{
	size_t len = strlen(key), o = 0, nl = 0;
	const char *seg = key;

	letters[0] = '\0';
	if (len == 0)
		return "the key is empty";
	if (len > YCFG_MAX_KEY || len >= normsz)
		return "the key is too long";
	for (const char *p = key;; p++) {
		if (*p != '.' && *p != '\0') {
			char c = *p;

			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '_' || c == '-'))
				return "the key may hold only letters, digits, "
				       "'_', '-' and '.'";
			continue;
		}

		size_t sl = (size_t)(p - seg);

		if (sl == 0)
			return "the key has an empty segment";
		if (ycfg_is_placeholder(seg, sl)) {
			if (nl == YCFG_MAX_INDICES)
				return "the key has more than 4 placeholders";
			if (strchr(letters, seg[0]) != NULL)
				return "a placeholder letter appears twice";
			letters[nl++] = seg[0];
			letters[nl] = '\0';
			norm[o++] = '#';
		} else {
			if (ycfg_all_digits(seg, sl))
				return "a fixed numeric segment is not allowed; "
				       "use N with n_range";
			for (size_t i = 0; i < sl; i++)
				norm[o++] = ycfg_lc(seg[i]);
		}
		if (*p == '\0')
			break;
		norm[o++] = '.';
		seg = p + 1;
	}
	norm[o] = '\0';
	return NULL;
}

size_t
ycfg_key_normalise(const char *key, size_t len, char *norm, size_t normsz,
		   struct ycfg_key_indices *idx)
{
	size_t o = 0, seg_o = 0, seg_i = 0;
	bool digits = true;

	if (idx != NULL)
		idx->n = 0;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? key[i] : '.';

		if (c != '.') {
			if (o + 2 >= normsz)
				return 0;
			digits = digits && c >= '0' && c <= '9';
			norm[o++] = ycfg_lc(c);
			continue;
		}
		if (digits && o > seg_o) {
			size_t sl = i - seg_i;

			o = seg_o;
			norm[o++] = '#';
			if (idx != NULL && idx->n < YCFG_MAX_INDICES) {
				uint64_t v = 0;

				for (size_t k = seg_i; k < i; k++) {
					unsigned d = (unsigned)(key[k] - '0');

					if (v > (UINT64_MAX - d) / 10) {
						v = UINT64_MAX;
						break;
					}
					v = v * 10 + d;
				}
				idx->v[idx->n] = v;
				idx->leading_zero[idx->n] = sl > 1 &&
							    key[seg_i] == '0';
				idx->col[idx->n] = (unsigned)seg_i;
				idx->n++;
			}
		}
		if (i < len)
			norm[o++] = '.';
		seg_o = o;
		seg_i = i + 1;
		digits = true;
	}
	norm[o] = '\0';
	return o;
}

/* Finds the entry of a concrete key among those of one kind: boot
 * directives or settings. */
static const struct ycfg_param *
lookup(const struct ycfg_schema *s, const char *key, size_t len,
       struct ycfg_key_indices *idx, bool directive)
{
	char norm[YCFG_KEY_NORM_MAX];
	struct ycfg_key_indices tmp;

	if (s->priv == NULL || len == 0)
		return NULL;

	size_t nl = ycfg_key_normalise(key, len, norm, sizeof(norm),
				       idx ? &tmp : NULL);

	if (nl == 0)
		return NULL;

	long at = ycfg_table_find(&s->priv->t, norm, ycfg_norm_hash(norm, nl));

	if (at < 0)
		return NULL;

	const struct ycfg_param *p = &s->priv->t.params[at];

	if ((p->scope == YCFG_SCOPE_BOOT) != directive)
		return NULL;
	if (idx != NULL)
		*idx = tmp;
	return p;
}

const struct ycfg_param *
ycfg_schema_lookup(const struct ycfg_schema *s, const char *key, size_t len,
		   struct ycfg_key_indices *idx)
{
	return lookup(s, key, len, idx, false);
}

const struct ycfg_param *
ycfg_schema_lookup_directive(const struct ycfg_schema *s, const char *key,
			     size_t len)
{
	return lookup(s, key, len, NULL, true);
}

/* True when segment [k, ke) of a key matches segment [p, pe) of pattern
 * whose index letters are letters. */
static bool
segment_matches(const char *k, const char *ke, const char *p, const char *pe,
		const char *letters)
{
	size_t kn = (size_t)(ke - k), pn = (size_t)(pe - p);

	if (pn == 1 && *p >= 'A' && *p <= 'Z' && letters != NULL &&
	    strchr(letters, *p) != NULL)
		return ycfg_all_digits(k, kn);
	return kn == pn && strncasecmp(k, p, kn) == 0;
}

/* True when key (with wildcard segments) matches pattern. */
static bool
wild_matches(const char *key, size_t len, uint32_t wild, const char *pat,
	     const char *letters)
{
	const char *k = key, *end = key + len, *p = pat;

	for (unsigned seg = 0;; seg++) {
		const char *ke = memchr(k, '.', (size_t)(end - k));
		const char *pe = strchr(p, '.');

		if (ke == NULL)
			ke = end;
		if (pe == NULL)
			pe = p + strlen(p);
		if (!(seg < 32 && (wild >> seg) & 1) &&
		    !segment_matches(k, ke, p, pe, letters))
			return false;
		if (ke == end || *pe == '\0')
			return ke == end && *pe == '\0';
		k = ke + 1;
		p = pe + 1;
	}
}

const struct ycfg_param *
ycfg_schema_match_wild(const struct ycfg_schema *s, const char *key,
		       size_t len, uint32_t wild)
{
	for (size_t i = 0; i < s->nparams; i++) {
		const struct ycfg_param *p = &s->params[i];

		if (p->scope == YCFG_SCOPE_BOOT)
			continue;
		if (wild_matches(key, len, wild, p->key, p->placeholders))
			return p;
		for (size_t a = 0; a < p->naliases; a++)
			if (wild_matches(key, len, wild, p->aliases[a],
					 p->placeholders))
				return p;
	}
	return NULL;
}

bool
ycfg_schema_in_namespace(const struct ycfg_schema *s, const char *key,
			 size_t len)
{
	size_t seg = 0;

	while (seg < len && key[seg] != '.')
		seg++;
	for (size_t i = 0; i < s->nnamespaces; i++) {
		const char *ns = s->namespaces[i];

		/* "*": every key is checked */
		if ((ns[0] == '*' && ns[1] == '\0') ||
		    (strlen(ns) == seg && strncasecmp(ns, key, seg) == 0))
			return true;
	}
	return false;
}

bool
ycfg_schema_key_is_secret(const struct ycfg_schema *s, const char *key,
			  size_t keylen)
{
	const struct ycfg_param *p = ycfg_schema_lookup(s, key, keylen, NULL);

	if (p != NULL)
		return p->secret;

	/* the key without its trailing index segments (password.1) */
	size_t end = keylen;

	for (;;) {
		size_t st = end;

		while (st > 0 && key[st - 1] != '.')
			st--;
		if (st == 0 || st == end ||
		    strspn(key + st, "0123456789") != end - st)
			break;
		end = st - 1;
	}
	for (size_t i = 0; i < s->nsecret_names; i++) {
		const char *g = s->secret_names[i];
		size_t segs = 1;

		for (const char *q = g; *q; q++)
			segs += *q == '.';
		/* as many trailing segments as the glob has */
		size_t st = end;

		while (st > 0 && (key[st - 1] != '.' || --segs > 0))
			st--;

		char tail[YCFG_KEY_NORM_MAX];
		size_t n = end - st;

		if (segs > 1 || n >= sizeof(tail))
			continue;   /* a shorter key, or too long a tail */
		memcpy(tail, key + st, n);
		tail[n] = '\0';
		if (ycfg_glob_match(g, tail, YCFG_GLOB_NOCASE))
			return true;
	}
	return false;
}

const struct ycfg_model *
ycfg_schema_model(const struct ycfg_schema *s, const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < s->nmodels; i++)
		if (strcasecmp(s->models[i].name, name) == 0)
			return &s->models[i];
	return NULL;
}

const struct ycfg_index *
ycfg_schema_index_def(const struct ycfg_schema *s, char letter)
{
	for (size_t i = 0; i < s->nindexes; i++)
		if (s->indexes[i].letter == letter)
			return &s->indexes[i];
	return NULL;
}

bool
ycfg_schema_index_range(const struct ycfg_schema *s,
			const struct ycfg_model *model, char letter,
			struct ycfg_ranges *out)
{
	const struct ycfg_index *x = ycfg_schema_index_def(s, letter);

	if (model != NULL) {
		for (size_t i = 0; i < model->nranges; i++) {
			if (model->ranges[i].letter == letter) {
				*out = model->ranges[i].range;
				return true;
			}
		}
		if (x != NULL && x->model_count != NULL &&
		    model->accounts > 0) {
			out->v = &model->accounts_range;
			out->n = 1;
			return true;
		}
	}
	if (x == NULL || x->range.n == 0)
		return false;
	*out = x->range;
	return true;
}

/* Writes pattern with bound letters replaced by their values; an unbound
 * letter fails the call, or stays as it is with keep_unbound. */
static size_t
expand(const char *pattern, const char *letters, const uint64_t *v,
       unsigned n, char *buf, size_t bufsz, bool keep_unbound)
{
	size_t o = 0;
	const char *seg = pattern;

	for (const char *p = pattern;; p++) {
		if (*p != '.' && *p != '\0')
			continue;

		size_t sl = (size_t)(p - seg);
		char tmp[24];
		const char *out = seg;
		size_t ol = sl;

		if (ycfg_is_placeholder(seg, sl)) {
			unsigned k;

			for (k = 0; k < n && letters[k] != '\0'; k++)
				if (letters[k] == seg[0])
					break;
			if (k < n && letters[k] != '\0') {
				ol = (size_t)snprintf(tmp, sizeof(tmp), "%llu",
						      (unsigned long long)v[k]);
				out = tmp;
			} else if (!keep_unbound) {
				return 0;
			}
		}
		if (o + ol + 1 >= bufsz)
			return 0;
		memcpy(buf + o, out, ol);
		o += ol;
		if (*p == '\0')
			break;
		buf[o++] = '.';
		seg = p + 1;
	}
	buf[o] = '\0';
	return o;
}

size_t
ycfg_pattern_expand(const char *pattern, const char *letters,
		    const uint64_t *v, unsigned n, char *buf, size_t bufsz)
{
	return expand(pattern, letters, v, n, buf, bufsz, false);
}

size_t
ycfg_pattern_expand_partial(const char *pattern, const char *letters,
			    const uint64_t *v, unsigned n, char *buf,
			    size_t bufsz)
{
	return expand(pattern, letters, v, n, buf, bufsz, true);
}
