/*
 * schema.h - the parameter table: what each key accepts.
 *
 * The table is loaded from YAML files (schema/ *.yaml, format in
 * man/ycfg-schema.5.in) with libcyaml.  Every user-facing scalar in those
 * files is loaded as a string and parsed here, strictly; libcyaml's own
 * number and bool parsing is too lenient.  After loading, the table is
 * read-only and may be shared by threads.
 *
 * Key patterns use capital letters for numeric path segments; what each
 * letter counts (account, server, ...) and its range are schema data
 * (struct ycfg_index).  A concrete key is looked up by replacing each
 * all-digit segment with a placeholder slot and hashing the result
 * (case-insensitively), so lookup cost does not depend on the size of the
 * table.
 */
#ifndef YCFG_SCHEMA_H
#define YCFG_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/diag.h"
#include "ycfg/param.h"

struct ycfg_schema_index;       /* private */

struct ycfg_schema {
	const struct ycfg_param *params;   /* in file order */
	size_t nparams;
	const struct ycfg_model *models;
	size_t nmodels;
	const struct ycfg_index *indexes;  /* placeholder letters */
	size_t nindexes;
	const struct ycfg_named_enum *enums;
	size_t nenums;
	const char *const *namespaces;     /* first key segments checked */
	size_t nnamespaces;
	/* globs (case-insensitive) on a key's last segment that make an
	 * unknown key's value secret */
	const char *const *secret_names;
	size_t nsecret_names;
	/* the boot directive whose value is the overwrite mode, or NULL */
	const struct ycfg_param *overwrite_mode;
	struct ycfg_schema_index *priv;    /* owned: lookup index and storage */
};

/* The numeric segments of a concrete key, in order, as matched against
 * the param's placeholders. */
#define YCFG_MAX_INDICES 4
struct ycfg_key_indices {
	unsigned n;
	uint64_t v[YCFG_MAX_INDICES];   /* UINT64_MAX when the segment overflowed */
	bool leading_zero[YCFG_MAX_INDICES];
	unsigned col[YCFG_MAX_INDICES]; /* 0-based offset of each segment in the key */
};

/* The shipped schema, compiled in at build time (schema/ YAML files). */
struct ycfg_builtin;
extern const struct ycfg_builtin ycfg_builtin_schema;

/* Loads the compiled-in schema b into s (initialised, empty): nothing is
 * parsed, the tables are used as they are.  Files loaded afterwards
 * merge on top as with ycfg_schema_load_file().  Returns 0, or -1 when
 * memory ran out. */
int ycfg_schema_load_builtin(struct ycfg_schema *s,
			     const struct ycfg_builtin *b);

/* Initialises an empty schema. */
void ycfg_schema_init(struct ycfg_schema *s);

/* Loads one schema file and merges it: an entry whose key already exists
 * replaces the earlier one, models and indexes likewise by name and
 * letter, namespaces and secret names are added.  Problems are appended to
 * d as YCFG_R_SCHEMA_ERROR with the file and the line of the offending
 * entry.  Returns 0 on success, -1 on any error (the schema keeps what it
 * had before this call). */
int ycfg_schema_load_file(struct ycfg_schema *s, const char *path,
			  struct ycfg_diags *d);

/* Same, from memory; name is used in diagnostics. */
int ycfg_schema_load_data(struct ycfg_schema *s, const char *name,
			  const char *data, size_t len, struct ycfg_diags *d);

/* Loads every *.yaml file of a directory in name order, all together: an
 * entry may refer to an entry of any file of the directory. */
int ycfg_schema_load_dir(struct ycfg_schema *s, const char *dir,
			 struct ycfg_diags *d);

/* Frees everything; s may be re-initialised. */
void ycfg_schema_free(struct ycfg_schema *s);

/* Looks a concrete key up among the settings of .cfg files (boot
 * directives are not found).  Returns the entry (borrowed, valid until
 * ycfg_schema_free) and fills idx when given, or NULL when no entry
 * matches.  Keys are compared case-insensitively. */
const struct ycfg_param *ycfg_schema_lookup(const struct ycfg_schema *s,
					    const char *key, size_t len,
					    struct ycfg_key_indices *idx);

/* The same for a boot-file directive (entries of scope boot only). */
const struct ycfg_param *ycfg_schema_lookup_directive(
	const struct ycfg_schema *s, const char *key, size_t len);

/* The first setting (not boot directive) whose pattern a key with
 * wildcard segments matches: segment i of key (0-based) matches any one
 * segment when bit i of wild is set (templates: a placeholder standing
 * for an index or a name), an index letter when it is all digits, else
 * the same text in any case.  Aliases count.  NULL when none matches.
 * Linear in the table: for the rare key the direct lookup cannot
 * answer. */
const struct ycfg_param *ycfg_schema_match_wild(const struct ycfg_schema *s,
						const char *key, size_t len,
						uint32_t wild);

/* True when the key's first segment is one of the schema's namespaces. */
bool ycfg_schema_in_namespace(const struct ycfg_schema *s, const char *key,
			      size_t len);

/* True when a key names a secret: its entry says so, or (for keys the
 * schema does not know) its last segment matches a secret name. */
bool ycfg_schema_key_is_secret(const struct ycfg_schema *s, const char *key,
			       size_t keylen);

/* Proposes the closest known key for an unknown one, written with the
 * caller's own indices (e.g. "account.1.sip_server.1.address" for
 * "account.1.sip_server.1.adress", "account.1.sip_server.1.port" for
 * "account.1.sip_server1.port").  Writes a NUL-terminated key into buf and
 * returns its length, or returns 0 when nothing is close enough.  See
 * suggest.c. */
size_t ycfg_schema_suggest(const struct ycfg_schema *s, const char *key,
			   size_t len, char *buf, size_t bufsz);

/* The model of that name (case-insensitive), or NULL. */
/* "desk", "dect", "conference", "video" or "unknown". */
const char *ycfg_model_kind_name(enum ycfg_model_kind k);

/* True when p exists on model m: p names no models, m is NULL, or one of
 * p's models is m's name or kind. */
bool ycfg_param_on_model(const struct ycfg_param *p,
			 const struct ycfg_model *m);

const struct ycfg_model *ycfg_schema_model(const struct ycfg_schema *s,
					   const char *name);

/* The placeholder letter's definition, or NULL. */
const struct ycfg_index *ycfg_schema_index_def(const struct ycfg_schema *s,
					       char letter);

/* The range of an index letter for a model (NULL: no model): the model's
 * own range, else the definition's.  Returns false when the letter has no
 * bounded range (the caller then uses the entry's n_range, if any). */
bool ycfg_schema_index_range(const struct ycfg_schema *s,
			     const struct ycfg_model *model, char letter,
			     struct ycfg_ranges *out);

const char *ycfg_type_name(enum ycfg_type t);

/* Writes the concrete key of a pattern, replacing each placeholder letter
 * with the value bound to it: letters[i] (e.g. 'X') is bound to v[i].
 * ("account.X.sip_server.Y.port", "XY", {3, 2}) gives
 * "account.3.sip_server.2.port".  Returns the length, or 0 when buf is too
 * small or a placeholder of the pattern is not bound. */
size_t ycfg_pattern_expand(const char *pattern, const char *letters,
			   const uint64_t *v, unsigned n, char *buf,
			   size_t bufsz);

/* The same, leaving letters that are not bound as they are:
 * ("account.X.sip_server.Y.address", "X", {1}) gives
 * "account.1.sip_server.Y.address". */
size_t ycfg_pattern_expand_partial(const char *pattern, const char *letters,
				   const uint64_t *v, unsigned n, char *buf,
				   size_t bufsz);

/* True when seg[0..len) is a placeholder: one capital letter. */
static inline bool
ycfg_is_placeholder(const char *seg, size_t len)
{
	return len == 1 && seg[0] >= 'A' && seg[0] <= 'Z';
}

#endif
