/*
 * schema_priv.h - what the schema's own files share (schema.c: lookup,
 * schema_load.c: files and merging, schema_fields.c: conversion of one
 * file, suggest.c: did-you-mean).  Not part of the public API.
 */
#ifndef YCFG_SCHEMA_PRIV_H
#define YCFG_SCHEMA_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/arena.h"
#include "ycfg/schema.h"

#define YCFG_MAX_RANGES 16        /* per range union in a schema file */
#define YCFG_MAX_KEY 200          /* longest key pattern accepted */
#define YCFG_MAX_ERRORS 50        /* schema errors reported per file */
#define YCFG_KEY_NORM_MAX 512     /* longest normal form of a concrete key */
#define YCFG_COND_RANGES 8        /* ranges per condition */

/* A set of names, for duplicate checks and merges of lists a user's
 * schema may make as long as it likes (values, models, namespaces):
 * comparing each with all before it took 22 s for 100,000 values.  Each
 * name keeps the index given when it was added. */
struct ycfg_nameset {
	struct ycfg_nameslot {
		const char *name;     /* not owned; NULL: free */
		size_t idx;
	} *slot;
	size_t mask;
	bool nocase;
};

/* Room for n names.  Returns 0, or -1 when memory ran out. */
int ycfg_nameset_init(struct ycfg_nameset *set, size_t n, bool nocase);
void ycfg_nameset_free(struct ycfg_nameset *set);

/* The index of a name equal to name, or -1 after adding name with idx.
 * At most the n names given to init may be added. */
long ycfg_nameset_put(struct ycfg_nameset *set, const char *name, size_t idx);

/* The index of a name equal to name, or -1. */
long ycfg_nameset_find(const struct ycfg_nameset *set, const char *name);

/* True when w (lowercase) is a name segment of some key of the schema. */
bool ycfg_schema_is_word(const struct ycfg_schema *s, const char *w);

/* True for a name of a named enum: [a-z0-9_]+. */
bool ycfg_enum_name_ok(const char *name);

/* A loaded file's bytes, needed for line numbers until commit. */
struct ycfg_src {
	const char *name;     /* interned in the diagnostics list */
	const char *data;
	size_t len;
};

/* Per-entry data the public struct has no room for. */
struct ycfg_pmeta {
	const char *norm;           /* lowercased pattern, placeholders '#' */
	uint32_t hash;
	const char *const *alias_norm; /* normal forms of the aliases */
	unsigned entry;             /* index in its file's params */
	const struct ycfg_src *src; /* NULL once committed */
	const char **cond_text;     /* ranges text of each condition */
	struct ycfg_cond *conds;    /* writable alias of param.requires */
	struct ycfg_range *cond_buf;/* YCFG_COND_RANGES per condition */
};

/* One name of an entry in the lookup table: its key or an alias. */
struct ycfg_slot {
	const char *norm;
	uint32_t hash;
	uint32_t param;             /* entry index + 1; 0: empty slot */
};

/* A parameter table: the committed schema, or a stage being built.
 * Arrays are heap-allocated; strings live in the arenas. */
struct ycfg_table {
	struct ycfg_param *params;
	struct ycfg_pmeta *meta;
	size_t n, cap;
	struct ycfg_model *models;
	size_t nmodels, mcap;
	struct ycfg_index *indexes;
	size_t nindexes, icap;
	struct ycfg_named_enum *enums;
	size_t nenums, ecap;
	const char **ns;
	size_t nns, nscap;
	const char **secret_names;
	size_t nsecret, secap;
	struct ycfg_slot *slots;
	size_t mask;
	struct ycfg_arena *arenas;
};

struct ycfg_retired {
	struct ycfg_retired *next;
	void *ptr;
};

/* The shipped schema compiled into the program (schema_gen.c writes it):
 * the committed tables of schema/ YAML files as static data. */
struct ycfg_builtin {
	struct ycfg_param *params;
	struct ycfg_pmeta *meta;
	size_t nparams;
	struct ycfg_model *models;
	size_t nmodels;
	struct ycfg_index *indexes;
	size_t nindexes;
	struct ycfg_named_enum *enums;
	size_t nenums;
	const char **ns;
	size_t nns;
	const char **secret_names;
	size_t nsecret;
	struct ycfg_slot *slots;
	size_t mask;
	struct ycfg_nameslot *words;
	size_t words_mask;
};

struct ycfg_schema_index {
	struct ycfg_table t;
	/* t's arrays and words are the built-in static data (never freed);
	 * a later commit replaces them with allocated ones */
	bool builtin;
	/* every name segment of every key, lowercased (did-you-mean never
	 * swaps one real word for another); rebuilt on every commit */
	struct ycfg_nameset words;
	struct ycfg_arena *words_arena;
	/* arrays of earlier commits, kept so that pointers handed out before
	 * a later load stay valid until ycfg_schema_free() */
	struct ycfg_retired *retired;
};

/* A converted file, ready to merge (storage in arena). */
struct ycfg_file {
	struct ycfg_arena *arena;
	struct ycfg_param *params;
	struct ycfg_pmeta *meta;
	size_t nparams;
	struct ycfg_model *models;
	size_t nmodels;
	struct ycfg_index *indexes;
	size_t nindexes;
	struct ycfg_named_enum *enums;
	size_t nenums;
	const char **ns;
	size_t nns;
	const char **secret_names;
	size_t nsecret;
};

/* Sections of a schema file, for error lines. */
enum ycfg_section {
	YCFG_SEC_TOP,
	YCFG_SEC_MODELS,
	YCFG_SEC_PARAMS,
	YCFG_SEC_INDEXES,
	YCFG_SEC_ENUMS,
};

struct ycfg_err {
	enum ycfg_section sec;
	long index;
	const char *field;   /* static string or NULL */
	char msg[400];
};

/* Errors of one file, reported together once validation is done. */
struct ycfg_errs {
	struct ycfg_err v[YCFG_MAX_ERRORS];
	size_t n;
	size_t dropped;
};

void ycfg_err_add(struct ycfg_errs *e, enum ycfg_section sec, long index,
		  const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The raw file libcyaml loads (schema_fields.c defines its layout). */
struct ycfg_raw_file;

/* Loads data with libcyaml into a raw file; on failure reports into d
 * and returns NULL. */
struct ycfg_raw_file *ycfg_raw_load(const struct ycfg_src *src,
				    struct ycfg_diags *d);
void ycfg_raw_free(struct ycfg_raw_file *raw);

/* Validates a raw file and converts it into f (whose arena is set).
 * Returns 0, or -1 with errors recorded. */
int ycfg_convert_file(const struct ycfg_raw_file *raw, const char *name,
		      struct ycfg_file *f, struct ycfg_errs *e);

/* Validates a key pattern: writes its normal form (lowercase, each
 * placeholder '#') and its placeholder letters.  Returns NULL, or a
 * reason. */
const char *ycfg_pattern_check(const char *key, char *norm, size_t normsz,
			       char *letters);

/* Normalises a concrete key in one pass: lowercased, each all-digit
 * segment replaced by '#' (its value stored in idx when given).  Returns
 * the normal form's length, or 0 when it does not fit. */
size_t ycfg_key_normalise(const char *key, size_t len, char *norm,
			  size_t normsz, struct ycfg_key_indices *idx);

/* Finds a normal form in a table's slots: the entry index, or -1. */
long ycfg_table_find(const struct ycfg_table *t, const char *norm,
		     uint32_t hash);

uint32_t ycfg_norm_hash(const char *norm, size_t n);

bool ycfg_all_digits(const char *s, size_t n);

static inline char
ycfg_lc(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

#endif
