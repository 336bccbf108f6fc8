/*
 * resolve.h - effective values over layered documents.
 *
 * A stack of documents (common file first, device file last) gives each
 * key the value of the last layer that sets it.  Blank values follow the
 * overwrite mode: with 0 (the default, see ycfg(1)) a blank keeps the value
 * of earlier lines and layers; with 1 it resets the key to its default.
 * %NULL% sets an explicitly empty value.  A value of -1 on a key whose
 * schema entry names a fallback takes the fallback key's effective value
 * (same account and server), recursively.  Anything not set takes the
 * schema default.
 */
#ifndef YCFG_RESOLVE_H
#define YCFG_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/doc.h"
#include "ycfg/schema.h"

struct ycfg_layers {
	const struct ycfg_doc *const *docs;  /* lowest priority first */
	size_t n;
	int overwrite_mode;                  /* 0 or 1 */
	const struct ycfg_schema *schema;
};

/* Where an effective value came from. */
struct ycfg_origin {
	const struct ycfg_doc *doc;     /* NULL: schema default */
	const struct ycfg_entry *ent;
};

struct ycfg_effective {
	const char *val;                /* not NUL-terminated; NULL: unknown */
	size_t len;
	const struct ycfg_param *param; /* entry of the key asked for */
	struct ycfg_origin origin;      /* the line (or default) giving val */
	/* fallback steps taken: the -1 lines and the keys they pointed at */
	unsigned nsteps;
	struct ycfg_origin step[YCFG_FALLBACK_DEPTH];
	char step_key[YCFG_FALLBACK_DEPTH][256];  /* concrete fallback keys */
};

/* Computes the effective value of a concrete key.  Returns true when a
 * value (set or default) is known. */
bool ycfg_effective_get(const struct ycfg_layers *l, const char *key,
			size_t keylen, struct ycfg_effective *out);

/* True when the value of key, as e found it, is secret: key is, or a -1
 * led to a key that is (a fallback must not show a password under another
 * name). */
bool ycfg_effective_is_secret(const struct ycfg_schema *s, const char *key,
			      size_t keylen, const struct ycfg_effective *e);

/* Describes where the value came from: "y000000000000.cfg:12", "default",
 * or with fallbacks "-1 (a.cfg:4) -> account.1.sip_server.1.retry_counts
 * (default)".  Always NUL-terminates (truncating).  Returns buf. */
char *ycfg_effective_describe(const struct ycfg_effective *e, char *buf,
			      size_t bufsz);

/* One key of a resolved configuration: 64 bytes and the key's copy, so
 * a file of a million distinct keys resolves in about 150 MB beside its
 * document (the fallback trail, over 1 KB, is kept only for the keys
 * that followed a -1). */
struct ycfg_resolved_entry {
	char *key;                      /* owned, NUL-terminated */
	const char *val;                /* borrowed from a document/schema */
	size_t len;
	const struct ycfg_param *param; /* may be NULL */
	bool secret;
	uint32_t at;                    /* over a base: the base entry it
	                                 * comes before (ycfg_resolve_over) */
	struct ycfg_origin origin;      /* the line (or default) giving val */
	struct ycfg_effective *via;     /* owned; NULL when no -1 was followed */
};

/* Where a resolved value came from, as ycfg_effective_describe() says it.
 * Returns buf. */
char *ycfg_resolved_describe(const struct ycfg_resolved_entry *e, char *buf,
			     size_t bufsz);

struct ycfg_key_pool;

struct ycfg_resolved {
	struct ycfg_resolved_entry *v;
	size_t n, cap;
	struct ycfg_key_pool *pool;     /* NULL: each key malloc'd; else its
	                                 * keys live in the pool's blocks */
};

/* Resolves every key set in any layer (with -1 fallbacks applied), plus,
 * with defaults, the schema default of every instance that is switched on
 * (see the index's enabled_by in param.h: the accounts whose
 * account.X.enable is 1), for model (NULL: no model) ranges.  Keys come out in natural order
 * (account.2 before account.10); repeated multi-value keys stay separate
 * and adjacent.  Returns 0, or -1 when out of memory.  The result borrows
 * from the layers and the schema: free it before them. */
int ycfg_resolve(const struct ycfg_layers *l, bool defaults,
		 const struct ycfg_model *model, struct ycfg_resolved *out);

void ycfg_resolved_free(struct ycfg_resolved *r);

/* The entry of key (exact spelling) in r, or SIZE_MAX. */
size_t ycfg_resolved_find(const struct ycfg_resolved *r, const char *key,
			  size_t keylen);

/*
 * Many phones over one base: the phones of a directory share their first
 * layers (boot and common files) and differ in their own <MAC>.cfg.  The
 * shared layers are resolved once; each phone then resolves only its own
 * keys and the base keys they touch (the same key, or a key that a base
 * value's -1 led to).  The result is exactly what ycfg_resolve() without
 * defaults gives for the whole stack, in the same order: the base entries
 * that are not dropped, with the phone's own entries among them.
 */
struct ycfg_resolved_base;

/* Resolves the shared layers l (borrowed: they must outlive the base).
 * Returns 0 and *out, or -1 when out of memory. */
int ycfg_resolved_base_new(const struct ycfg_layers *l,
			   struct ycfg_resolved_base **out);
void ycfg_resolved_base_free(struct ycfg_resolved_base *b);

/* The base's own entries, in order. */
const struct ycfg_resolved *
ycfg_resolved_base_entries(const struct ycfg_resolved_base *b);

struct ycfg_at_memo {
	char key[48];
	uint32_t at;
};

/* One phone over a base; reused from phone to phone. */
struct ycfg_resolved_over {
	const struct ycfg_resolved *base;  /* borrowed */
	unsigned char *drop;          /* per base entry: 1 when replaced */
	size_t dropcap;
	/* the dropped base entries, in order (an own entry of the same key
	 * may have no value, so not every one has an own entry in its
	 * place) */
	size_t *dropped;
	size_t ndropped, capdropped;
	struct ycfg_resolved own;     /* sorted by at, then natural order */
	uint32_t *count;              /* scratch for sorting own */
	size_t countcap;
	struct ycfg_resolved_entry *tmp;
	size_t tmpcap;
	/* the places of keys that are not in the base, for one base */
	struct ycfg_at_memo *memo;
	uint64_t memo_base;           /* the base's id (0: none) */
};

/* Resolves the layers l, whose first layers are the base's (the same
 * documents, same overwrite mode and schema), into o.  The documents
 * were linted with l->schema (their entries' param is trusted).  Returns 0; 1 when
 * it cannot be done this way (multi-value keys): use ycfg_resolve(); -1
 * when out of memory. */
int ycfg_resolve_over(const struct ycfg_resolved_base *b,
		      const struct ycfg_layers *l,
		      struct ycfg_resolved_over *o);
void ycfg_resolved_over_free(struct ycfg_resolved_over *o);

/*
 * The bases of the phones of one directory, by their shared layers (the
 * same documents in the same order, the same overwrite mode): each made
 * once, on first use, by whichever thread asks first.  A base may carry
 * the caller's data (the entries rendered once, for instance), made with
 * it by make and freed by drop.
 */
struct ycfg_base_cache;

/* Makes the caller's data of a new base; NULL when out of memory. */
typedef void *(*ycfg_base_user_fn)(const struct ycfg_resolved_base *b,
				   void *ctx);

/* schema is borrowed; make and drop may be NULL.  Returns NULL when out
 * of memory. */
struct ycfg_base_cache *ycfg_base_cache_new(const struct ycfg_schema *schema,
					    ycfg_base_user_fn make,
					    void (*drop)(void *user),
					    void *ctx);
void ycfg_base_cache_free(struct ycfg_base_cache *c);

/* The base of the layers docs[0..n) with this overwrite mode, and its
 * data in *user (when user is not NULL).  Thread-safe.  Returns NULL when
 * out of memory (resolve the phone in full). */
const struct ycfg_resolved_base *
ycfg_base_cache_get(struct ycfg_base_cache *c,
		    const struct ycfg_doc *const *docs, size_t n,
		    int overwrite, void **user);

/* Natural order: digit runs compare as numbers ("a.2" < "a.10"). */
int ycfg_natural_cmp(const char *a, const char *b);

#endif
