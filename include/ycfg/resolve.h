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

#include "ycfg/doc.h"
#include "ycfg/schema.h"

struct ycfg_layers {
	const struct ycfg_doc *const *docs;  /* lowest priority first */
	size_t n;
	int overwrite_mode;                  /* 0 or 1 */
	const struct ycfg_schema *schema;
};

#define YCFG_FALLBACK_DEPTH 4

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

/* Describes where the value came from: "y000000000000.cfg:12", "default",
 * or with fallbacks "-1 (a.cfg:4) -> account.1.sip_server.1.retry_counts
 * (default)".  Always NUL-terminates (truncating).  Returns buf. */
char *ycfg_effective_describe(const struct ycfg_effective *e, char *buf,
			      size_t bufsz);

#endif
