/*
 * schema.h - the parameter table: what each account.X.* key accepts.
 *
 * The table is loaded from YAML files (schema/ *.yaml, format in
 * man/ycfg-schema.5) with libcyaml.  Every user-facing scalar in those files
 * is loaded as a string and parsed here, strictly; libcyaml's own number and
 * bool parsing is too lenient.  After loading, the table is read-only and may
 * be shared by threads.
 *
 * Key patterns use placeholders for numeric path segments:
 *   X  account index (1..accounts of the model, 1..16 without a model)
 *   Y  server index (1..2)
 *   N  any other index (bounded by the entry's n_range when given)
 * A concrete key is looked up by replacing each all-digit segment with a
 * placeholder slot and hashing the result (case-insensitively), so lookup
 * cost does not depend on the size of the table.
 */
#ifndef YCFG_SCHEMA_H
#define YCFG_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/diag.h"

enum ycfg_type {
	YCFG_T_BOOL,    /* "0" or "1" */
	YCFG_T_INT,     /* strict decimal integer within ranges */
	YCFG_T_FLOAT,   /* decimal with up to 3 fraction digits, within ranges */
	YCFG_T_ENUM,    /* one of the listed values */
	YCFG_T_STRING,  /* any text, max_length code points when set */
	YCFG_T_HOST,    /* IPv4, IPv6 or domain name */
	YCFG_T_PORT,    /* integer 0..65535 (or ranges when given) */
	YCFG_T_URL,     /* scheme://rest, no whitespace */
	YCFG_T__COUNT   /**< not a type */
};

/* An inclusive range.  For YCFG_T_FLOAT, bounds are in thousandths. */
struct ycfg_range {
	int64_t lo, hi;
};

/* A union of ranges, e.g. "0|60..65535".  n == 0 means unbounded. */
struct ycfg_ranges {
	const struct ycfg_range *v;
	size_t n;
};

struct ycfg_enum_value {
	const char *value;   /* exact spelling accepted, e.g. "0" or "Common" */
	const char *name;    /* label, e.g. "newRequests"; may be "" */
};

/* One condition of a cross-parameter note: KEY's effective value in SET.
 * key uses the same placeholders as the dependent entry, which binds them. */
struct ycfg_cond {
	const char *key;
	const struct ycfg_param *param;  /* resolved at load time */
	struct ycfg_ranges in;
};

struct ycfg_param {
	const char *key;            /* pattern, e.g. account.X.sip_server.Y.port */
	enum ycfg_type type;
	struct ycfg_ranges range;   /* INT, FLOAT, PORT */
	const struct ycfg_enum_value *values;   /* ENUM */
	size_t nvalues;
	size_t max_length;          /* STRING/HOST/URL; 0 = no limit */
	struct ycfg_ranges n_range; /* allowed N indices; n == 0: any >= 0 */
	const char *def;            /* default as written in the guide, or NULL */
	/* -1 means "take the effective value of this key" (same X and Y). */
	const char *fallback_key;
	const struct ycfg_param *fallback;       /* resolved at load time */
	/* Cross-parameter note: every condition must hold for this setting to
	 * take effect.  Judged when the effective value is in `when` (or,
	 * when `when` is unbounded, differs from the default). */
	const struct ycfg_cond *requires;
	size_t nrequires;
	struct ycfg_ranges when;
	enum ycfg_severity requires_level;
	/* Value the phone silently corrects: values in adjust_from are
	 * treated as adjust_to (a warning). */
	struct ycfg_ranges adjust_from;
	int64_t adjust_to;
	bool has_adjust;
	bool secret;                /* never print the value */
	bool unverified;            /* no source found: checks kept loose */
	bool multi_value_colon;     /* repeated lines keyed by text before ':' */
	const char *renamed_to;     /* legacy key: the key that replaced it */
	const char *summary;        /* one line */
	const char *notes;          /* free text, may be NULL */
	const char *source;         /* guide edition and page URL */
	const char *older;          /* what older guides said, may be NULL */
	const char *placeholders;   /* e.g. "XY": the role of each '#' slot */
	const char *origin;         /* schema file that defined this entry */
};

struct ycfg_model {
	const char *name;           /* e.g. "T54W" */
	unsigned accounts;          /* e.g. 16 */
	const char *source;
};

struct ycfg_schema_index;       /* private */

struct ycfg_schema {
	const struct ycfg_param *params;   /* in file order */
	size_t nparams;
	const struct ycfg_model *models;
	size_t nmodels;
	const char *const *namespaces;     /* first key segments checked */
	size_t nnamespaces;
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

/* Initialises an empty schema. */
void ycfg_schema_init(struct ycfg_schema *s);

/* Loads one schema file and merges it: an entry whose key already exists
 * replaces the earlier one, models likewise by name, namespaces are added.
 * Problems are appended to d as YCFG_R_SCHEMA_ERROR with the file and the
 * line of the offending entry.  Returns 0 on success, -1 on any error (the
 * schema keeps what it had before this call). */
int ycfg_schema_load_file(struct ycfg_schema *s, const char *path,
			  struct ycfg_diags *d);

/* Same, from memory; name is used in diagnostics. */
int ycfg_schema_load_data(struct ycfg_schema *s, const char *name,
			  const char *data, size_t len, struct ycfg_diags *d);

/* Loads every *.yaml file of a directory in name order. */
int ycfg_schema_load_dir(struct ycfg_schema *s, const char *dir,
			 struct ycfg_diags *d);

/* Frees everything; s may be re-initialised. */
void ycfg_schema_free(struct ycfg_schema *s);

/* Looks a concrete key up.  Returns the entry (borrowed, valid until
 * ycfg_schema_free) and fills idx when given, or NULL when no entry
 * matches.  Keys are compared case-insensitively. */
const struct ycfg_param *ycfg_schema_lookup(const struct ycfg_schema *s,
					    const char *key, size_t len,
					    struct ycfg_key_indices *idx);

/* True when the key's first segment is one of the schema's namespaces. */
bool ycfg_schema_in_namespace(const struct ycfg_schema *s, const char *key,
			      size_t len);

/* Proposes the closest known key for an unknown one, written with the
 * caller's own indices (e.g. "account.1.sip_server.1.address" for
 * "account.1.sip_server.1.adress", "account.1.sip_server.1.port" for
 * "account.1.sip_server1.port").  Writes a NUL-terminated key into buf and
 * returns its length, or returns 0 when nothing is close enough. */
size_t ycfg_schema_suggest(const struct ycfg_schema *s, const char *key,
			   size_t len, char *buf, size_t bufsz);

/* Number of accounts of a model (case-insensitive name), or 0 if unknown. */
unsigned ycfg_schema_model_accounts(const struct ycfg_schema *s,
				    const char *model);

const char *ycfg_type_name(enum ycfg_type t);

/* Writes the concrete key of a pattern, replacing each placeholder letter
 * with the value bound to it: letters[i] (e.g. 'X') is bound to v[i].
 * ("account.X.sip_server.Y.port", "XY", {3, 2}) gives
 * "account.3.sip_server.2.port".  Returns the length, or 0 when buf is too
 * small or a placeholder of the pattern is not bound. */
size_t ycfg_pattern_expand(const char *pattern, const char *letters,
			   const uint64_t *v, unsigned n, char *buf,
			   size_t bufsz);

#endif
