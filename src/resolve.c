/*
 * resolve.c - effective values over layers (see resolve.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
