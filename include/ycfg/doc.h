/*
 * doc.h - one provisioning file as data: its settings, includes and
 * boot directives.
 *
 * A document owns a copy of the file's bytes and indexes its settings by
 * key (the later line wins, as on the phone), so memory grows with the
 * number of distinct keys, not lines: a file repeating one key a million
 * times costs one entry.  Documents are reset and reused across files;
 * nothing is reallocated once the largest file has been seen.
 */
#ifndef YCFG_DOC_H
#define YCFG_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ycfg/fileio.h"
#include "ycfg/hash.h"
#include "ycfg/template.h"

struct ycfg_param;

/* One distinct setting: the last line that set it. */
struct ycfg_entry {
	uint32_t key_off, key_len;  /* into doc->buf.p */
	uint32_t sub_len;           /* multi-value keys: bytes of the value
	                             * up to and including ':', part of the
	                             * identity; 0 otherwise */
	uint32_t val_off, val_len;
	uint32_t line, col, valcol;
	uint32_t flags;             /* YCFG_VAL_* of lexer.h, YCFG_ENT_* */
	uint32_t first_line;        /* the first line that set it, and that */
	uint32_t first_col;         /* line's key column */
	bool first_blank;           /* ... and whether its value was blank */
	uint32_t blank_line;        /* a later blank line for this key, or 0;
	                             * val_* still hold the last non-blank value */
	const struct ycfg_param *param;  /* schema entry or NULL */
};

/* Judgements the linter records on an entry (with the lexer's flags). */
#define YCFG_ENT_INVALID  0x100u /* the value failed its check */
#define YCFG_ENT_KEY_OK   0x200u /* the key drew no finding */

struct ycfg_include {
	uint32_t path_off, path_len;
	uint32_t models_off, models_len;  /* 0 length: all models */
	uint32_t line, col;
};

struct ycfg_doc {
	const char *path;            /* borrowed */
	struct ycfg_buf buf;         /* the file's bytes */
	bool boot;
	struct ycfg_entry *ents;     /* distinct keys, in first-seen order */
	size_t n, cap;
	uint32_t *slots;             /* hash table: entry index + 1, 0 empty */
	size_t nslots;
	struct ycfg_include *incs;   /* boot: include:config lines in order */
	size_t ninc, capinc;
	int overwrite_mode;          /* boot: 0, 1, or -1 when not set */
	uint32_t overwrite_line;
	int excluded_mode;           /* boot: 0, 1, or -1 when not set */
	/* a comment may hold a suppression directive ("ycfg:"): only such
	 * files are searched for them */
	bool has_directives;
	/* a template: its dialect (YCFG_TPL_NONE for a plain file),
	 * placeholders and if arms; buf holds the blanked view */
	struct ycfg_template tpl;
};

void ycfg_doc_init(struct ycfg_doc *doc);
void ycfg_doc_free(struct ycfg_doc *doc);

/* Forgets the settings but keeps every allocation for the next file. */
void ycfg_doc_reset(struct ycfg_doc *doc);

/* Records a setting.  key/val point into doc->buf.  sub_len as in struct
 * ycfg_entry.  When the key was already set, the entry is overwritten with
 * the new line and *prev_line receives the earlier line; otherwise
 * *prev_line is 0.  Returns the entry, or NULL when out of memory. */
struct ycfg_entry *ycfg_doc_set(struct ycfg_doc *doc, const char *key,
				size_t keylen, size_t sub_len,
				const char *val, size_t vallen,
				unsigned line, unsigned col, unsigned valcol,
				unsigned flags, uint32_t *prev_line);

/* Finds the writable entry of a key (sub_len 0) given its
 * ycfg_hash_lower(YCFG_FNV32_INIT, ...) hash, or NULL.  The linter's fast path for keys that
 * come back. */
struct ycfg_entry *ycfg_doc_find(struct ycfg_doc *doc, const char *key,
				 size_t keylen, uint32_t hash);

/* Finds the entry of a key (sub_len 0), or NULL. */
const struct ycfg_entry *ycfg_doc_get(const struct ycfg_doc *doc,
				      const char *key, size_t keylen);

/* Replaces the document's bytes with a copy of data[0..len) (followed by
 * a NUL not counted in buf.len) and names it path (borrowed).  Returns 0,
 * or -1 when out of memory. */
int ycfg_doc_set_bytes(struct ycfg_doc *doc, const char *path,
		       const char *data, size_t len);

/* Appends an include line.  Returns 0 or -1 when out of memory. */
int ycfg_doc_add_include(struct ycfg_doc *doc, const char *path,
			 size_t pathlen, const char *models, size_t modelslen,
			 unsigned line, unsigned col);

static inline const char *
ycfg_entry_key(const struct ycfg_doc *doc, const struct ycfg_entry *e)
{
	return doc->buf.p + e->key_off;
}

static inline const char *
ycfg_entry_val(const struct ycfg_doc *doc, const struct ycfg_entry *e)
{
	return doc->buf.p + e->val_off;
}

#endif
