/*
 * doc.c - per-file settings table (see doc.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ycfg/doc.h"
#include "ycfg/lexer.h"
#include "ycfg/vec.h"

void
ycfg_doc_init(struct ycfg_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	doc->overwrite_mode = -1;
	doc->excluded_mode = -1;
	ycfg_template_init(&doc->tpl);
}

void
ycfg_doc_free(struct ycfg_doc *doc)
{
	ycfg_buf_free(&doc->buf);
	free(doc->ents);
	free(doc->slots);
	free(doc->incs);
	ycfg_template_free(&doc->tpl);
	ycfg_doc_init(doc);
}

void
ycfg_doc_reset(struct ycfg_doc *doc)
{
	if (doc->n > 0 && doc->slots != NULL)
		memset(doc->slots, 0, doc->nslots * sizeof(*doc->slots));
	doc->n = 0;
	doc->ninc = 0;
	doc->overwrite_mode = -1;
	doc->overwrite_line = 0;
	doc->excluded_mode = -1;
	doc->path = NULL;
	doc->boot = false;
	doc->has_directives = false;
	ycfg_template_reset(&doc->tpl);
}

static uint32_t
entry_hash(const char *key, size_t keylen, const char *sub, size_t sublen)
{
	return ycfg_fnv32(ycfg_hash_lower(YCFG_FNV32_INIT, key, keylen), sub,
			  sublen);
}

static bool
entry_is(const struct ycfg_doc *doc, const struct ycfg_entry *e,
	 const char *key, size_t keylen, const char *sub, size_t sublen)
{
	const char *k = doc->buf.p + e->key_off;

	/* keys nearly always repeat in the same case: memcmp first */
	return e->key_len == keylen && e->sub_len == sublen &&
	       (memcmp(k, key, keylen) == 0 ||
		strncasecmp(k, key, keylen) == 0) &&
	       (sublen == 0 ||
		memcmp(doc->buf.p + e->val_off, sub, sublen) == 0);
}

/* Doubles the slot table (load factor stays below 1/2). */
static int
grow_slots(struct ycfg_doc *doc)
{
	size_t ns = doc->nslots ? doc->nslots * 2 : 256;
	uint32_t *slots = calloc(ns, sizeof(*slots));

	if (slots == NULL)
		return -1;
	for (size_t i = 0; i < doc->n; i++) {
		const struct ycfg_entry *e = &doc->ents[i];
		uint32_t h = entry_hash(doc->buf.p + e->key_off, e->key_len,
					doc->buf.p + e->val_off, e->sub_len);
		size_t j = h & (ns - 1);

		while (slots[j] != 0)
			j = (j + 1) & (ns - 1);
		slots[j] = (uint32_t)i + 1;
	}
	free(doc->slots);
	doc->slots = slots;
	doc->nslots = ns;
	return 0;
}

static long
find_slot(const struct ycfg_doc *doc, const char *key, size_t keylen,
	  const char *sub, size_t sublen, uint32_t h)
{
	size_t mask = doc->nslots - 1;

	for (size_t j = h & mask;; j = (j + 1) & mask) {
		uint32_t s = doc->slots[j];

		if (s == 0 || entry_is(doc, &doc->ents[s - 1], key, keylen,
				       sub, sublen))
			return (long)j;
	}
}

struct ycfg_entry *
ycfg_doc_set(struct ycfg_doc *doc, const char *key, size_t keylen,
	     size_t sub_len, const char *val, size_t vallen, unsigned line,
	     unsigned col, unsigned valcol, unsigned flags,
	     uint32_t *prev_line)
{
	if ((doc->n + 1) * 2 > doc->nslots && grow_slots(doc) != 0)
		return NULL;

	uint32_t h = entry_hash(key, keylen, val, sub_len);
	long j = find_slot(doc, key, keylen, val, sub_len, h);
	struct ycfg_entry *e;

	*prev_line = 0;
	if (doc->slots[j] != 0) {
		e = &doc->ents[doc->slots[j] - 1];
		*prev_line = e->line;
	} else {
		if (ycfg_vec_reserve(&doc->ents, &doc->cap, doc->n + 1,
				     sizeof(*doc->ents), 256) != 0)
			return NULL;
		e = &doc->ents[doc->n++];
		doc->slots[j] = (uint32_t)doc->n;
		e->key_off = (uint32_t)(key - doc->buf.p);
		e->key_len = (uint32_t)keylen;
		e->sub_len = (uint32_t)sub_len;
		e->param = NULL;
		e->blank_line = 0;
		e->first_line = line;
		e->first_col = col;
		e->first_blank = (flags & YCFG_VAL_BLANK) != 0;
	}
	/* A blank value does not erase an earlier one: whether it keeps it
	 * or resets to the default is the boot file's overwrite_mode, which
	 * only the resolver knows.  Remember both. */
	if ((flags & YCFG_VAL_BLANK) && *prev_line != 0 &&
	    !(e->flags & YCFG_VAL_BLANK)) {
		e->blank_line = line;
		return e;
	}
	e->blank_line = 0;
	e->val_off = (uint32_t)(val - doc->buf.p);
	e->val_len = (uint32_t)vallen;
	e->line = line;
	e->col = col;
	e->valcol = valcol;
	e->flags = flags;
	return e;
}

struct ycfg_entry *
ycfg_doc_find(struct ycfg_doc *doc, const char *key, size_t keylen,
	      uint32_t hash)
{
	if (doc->nslots == 0)
		return NULL;

	long j = find_slot(doc, key, keylen, NULL, 0, hash);

	return doc->slots[j] ? &doc->ents[doc->slots[j] - 1] : NULL;
}

const struct ycfg_entry *
ycfg_doc_get(const struct ycfg_doc *doc, const char *key, size_t keylen)
{
	if (doc->nslots == 0)
		return NULL;

	long j = find_slot(doc, key, keylen, NULL, 0,
			   entry_hash(key, keylen, NULL, 0));

	return doc->slots[j] ? &doc->ents[doc->slots[j] - 1] : NULL;
}

int
ycfg_doc_add_include(struct ycfg_doc *doc, const char *path, size_t pathlen,
		     const char *models, size_t modelslen, unsigned line,
		     unsigned col)
{
	if (ycfg_vec_reserve(&doc->incs, &doc->capinc, doc->ninc + 1,
			     sizeof(*doc->incs), 16) != 0)
		return -1;

	struct ycfg_include *inc = &doc->incs[doc->ninc++];

	inc->path_off = (uint32_t)(path - doc->buf.p);
	inc->path_len = (uint32_t)pathlen;
	inc->models_off = models ? (uint32_t)(models - doc->buf.p) : 0;
	inc->models_len = (uint32_t)modelslen;
	inc->line = line;
	inc->col = col;
	return 0;
}

int
ycfg_doc_set_bytes(struct ycfg_doc *doc, const char *path, const char *data,
		   size_t len)
{
	doc->path = path;
	return ycfg_buf_set(&doc->buf, data, len);
}
