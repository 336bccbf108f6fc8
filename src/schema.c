/*
 * schema.c - loading, merging and indexing the parameter table (see
 * schema.h and man/ycfg-schema.5.in).
 *
 * Loading goes through a "stage": a private copy of the merged table to
 * which files are added; only when every file of the call validated and
 * every fallback/requires key resolved is the stage committed.  Anything
 * else discards it, so the schema keeps what it had.
 *
 * Storage: each loaded file's strings, ranges, enum values and conditions
 * live in that file's arena, which stays alive until ycfg_schema_free().
 * The merged param array is rebuilt on every commit and all pointers into
 * it (fallback, requires[].param) are re-resolved; earlier arrays are kept
 * (retired, not freed) so pointers handed out before a later load stay
 * valid until ycfg_schema_free() as schema.h promises.
 *
 * Line numbers of offending entries are found with a libyaml event pass
 * over the file's bytes, run only on the error path.
 */
#include <dirent.h>
#include <errno.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cyaml/cyaml.h>
#include <yaml.h>

#include "ycfg/schema.h"
#include "ycfg/value.h"

#define YCFG_MAX_RANGES 16        /* per range union in a schema file */
#define YCFG_MAX_KEY 200          /* longest key pattern accepted */
#define YCFG_MAX_ERRORS 50        /* schema errors reported per file */
#define YCFG_SUGGEST_MAX 256      /* longest key considered for suggestions */

/* ------------------------------------------------------------------ */
/* raw file layout as loaded by libcyaml                                */
/* ------------------------------------------------------------------ */

struct ycfg_raw_model {
	char *name;
	char *accounts;
	char *source;
};

struct ycfg_raw_param {
	char *key;
	char *type;
	char *range;
	char **values;
	unsigned values_count;
	char *max_length;
	char *n_range;
	char *def;
	char *fallback;
	char *requires;
	char *when;
	char *requires_level;
	char *adjust;
	char *secret;
	char *unverified;
	char *multi_value;
	char *renamed_to;
	char *summary;
	char *notes;
	char *source;
	char *older;
};

struct ycfg_raw_file {
	char *version;
	char **namespaces;
	unsigned namespaces_count;
	struct ycfg_raw_model *models;
	unsigned models_count;
	struct ycfg_raw_param *params;
	unsigned params_count;
};

#define YCFG_OPT_STR(k, st, m) \
	CYAML_FIELD_STRING_PTR(k, CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, \
			       st, m, 0, CYAML_UNLIMITED)

static const cyaml_schema_value_t ycfg_str_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t ycfg_model_fields[] = {
	YCFG_OPT_STR("name", struct ycfg_raw_model, name),
	YCFG_OPT_STR("accounts", struct ycfg_raw_model, accounts),
	YCFG_OPT_STR("source", struct ycfg_raw_model, source),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t ycfg_model_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct ycfg_raw_model,
			    ycfg_model_fields),
};

static const cyaml_schema_field_t ycfg_param_fields[] = {
	YCFG_OPT_STR("key", struct ycfg_raw_param, key),
	YCFG_OPT_STR("type", struct ycfg_raw_param, type),
	YCFG_OPT_STR("range", struct ycfg_raw_param, range),
	CYAML_FIELD_SEQUENCE("values", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct ycfg_raw_param, values, &ycfg_str_entry, 0,
			     CYAML_UNLIMITED),
	YCFG_OPT_STR("max_length", struct ycfg_raw_param, max_length),
	YCFG_OPT_STR("n_range", struct ycfg_raw_param, n_range),
	YCFG_OPT_STR("default", struct ycfg_raw_param, def),
	YCFG_OPT_STR("fallback", struct ycfg_raw_param, fallback),
	YCFG_OPT_STR("requires", struct ycfg_raw_param, requires),
	YCFG_OPT_STR("when", struct ycfg_raw_param, when),
	YCFG_OPT_STR("requires_level", struct ycfg_raw_param, requires_level),
	YCFG_OPT_STR("adjust", struct ycfg_raw_param, adjust),
	YCFG_OPT_STR("secret", struct ycfg_raw_param, secret),
	YCFG_OPT_STR("unverified", struct ycfg_raw_param, unverified),
	YCFG_OPT_STR("multi_value", struct ycfg_raw_param, multi_value),
	YCFG_OPT_STR("renamed_to", struct ycfg_raw_param, renamed_to),
	YCFG_OPT_STR("summary", struct ycfg_raw_param, summary),
	YCFG_OPT_STR("notes", struct ycfg_raw_param, notes),
	YCFG_OPT_STR("source", struct ycfg_raw_param, source),
	YCFG_OPT_STR("older", struct ycfg_raw_param, older),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t ycfg_param_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct ycfg_raw_param,
			    ycfg_param_fields),
};

static const cyaml_schema_field_t ycfg_file_fields[] = {
	YCFG_OPT_STR("version", struct ycfg_raw_file, version),
	CYAML_FIELD_SEQUENCE("namespaces",
			     CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct ycfg_raw_file, namespaces, &ycfg_str_entry,
			     0, CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE("models", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct ycfg_raw_file, models, &ycfg_model_entry, 0,
			     CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE("params", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct ycfg_raw_file, params, &ycfg_param_entry, 0,
			     CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t ycfg_file_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct ycfg_raw_file,
			    ycfg_file_fields),
};

/* ------------------------------------------------------------------ */
/* arena                                                                */
/* ------------------------------------------------------------------ */

struct ycfg_chunk {
	struct ycfg_chunk *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

/* One file's storage; arenas form a list owned by the stage or index. */
struct ycfg_arena {
	struct ycfg_arena *next;
	struct ycfg_chunk *chunks;
};

static void *
ycfg_arena_alloc(struct ycfg_arena *a, size_t size)
{
	size_t al = alignof(max_align_t);

	size = (size + al - 1) / al * al;
	if (size == 0)
		size = al;
	if (a->chunks == NULL || a->chunks->cap - a->chunks->used < size) {
		size_t cap = size > 16384 ? size : 16384;
		struct ycfg_chunk *c = malloc(sizeof(*c) + cap);

		if (c == NULL)
			return NULL;
		c->next = a->chunks;
		c->used = 0;
		c->cap = cap;
		a->chunks = c;
	}
	void *p = a->chunks->data + a->chunks->used;

	a->chunks->used += size;
	memset(p, 0, size);
	return p;
}

static char *
ycfg_arena_strndup(struct ycfg_arena *a, const char *s, size_t n)
{
	char *p = ycfg_arena_alloc(a, n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static char *
ycfg_arena_strdup(struct ycfg_arena *a, const char *s)
{
	return s ? ycfg_arena_strndup(a, s, strlen(s)) : NULL;
}

static void
ycfg_arena_free_list(struct ycfg_arena *a)
{
	while (a != NULL) {
		struct ycfg_arena *next = a->next;
		struct ycfg_chunk *c = a->chunks;

		while (c != NULL) {
			struct ycfg_chunk *cn = c->next;

			free(c);
			c = cn;
		}
		free(a);
		a = next;
	}
}

/* ------------------------------------------------------------------ */
/* private storage                                                      */
/* ------------------------------------------------------------------ */

#define YCFG_COND_RANGES 8

/* A loaded file's bytes, needed for line numbers until commit. */
struct ycfg_src {
	const char *name;     /* interned in the diagnostics list */
	const char *data;
	size_t len;
};

/* Per-param data the public struct has no room for. */
struct ycfg_pmeta {
	const char *norm;           /* lowercased pattern, placeholders '#' */
	uint32_t hash;
	unsigned entry;             /* index in its file's params */
	const struct ycfg_src *src; /* NULL once committed */
	const char **cond_text;     /* ranges text of each condition */
	struct ycfg_cond *conds;    /* writable alias of param.requires */
	struct ycfg_range *cond_buf;/* YCFG_COND_RANGES per condition */
};

struct ycfg_retired {
	struct ycfg_retired *next;
	void *ptr;
};

struct ycfg_schema_index {
	struct ycfg_param *params;
	struct ycfg_pmeta *meta;
	size_t n;
	struct ycfg_model *models;
	size_t nmodels;
	const char **ns;
	size_t nns;
	uint32_t *slots;            /* param index + 1, 0 = empty */
	size_t mask;
	struct ycfg_arena *arenas;
	struct ycfg_retired *retired;
};

struct ycfg_stage {
	struct ycfg_param *params;
	struct ycfg_pmeta *meta;
	size_t n, cap;
	struct ycfg_model *models;
	size_t nmodels, mcap;
	const char **ns;
	size_t nns, nscap;
	uint32_t *slots;
	size_t mask;
	struct ycfg_arena *arenas;
	struct ycfg_diags *d;
};

static char
ycfg_lc(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool
ycfg_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
ycfg_is_placeholder(const char *seg, size_t len)
{
	return len == 1 && (seg[0] == 'X' || seg[0] == 'Y' || seg[0] == 'N');
}

#define YCFG_FNV_INIT 2166136261u
#define YCFG_KEY_NORM_MAX 512

static uint32_t
ycfg_fnv(uint32_t h, char c)
{
	return (h ^ (unsigned char)c) * 16777619u;
}

static uint32_t
ycfg_hash_str(const char *s)
{
	uint32_t h = YCFG_FNV_INIT;

	while (*s)
		h = ycfg_fnv(h, *s++);
	return h;
}

/* Finds a normalised pattern in a table; returns the param index or -1. */
static long
ycfg_table_find(const uint32_t *slots, size_t mask,
		const struct ycfg_pmeta *meta, const char *norm, uint32_t h)
{
	if (slots == NULL)
		return -1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		uint32_t v = slots[i];

		if (v == 0)
			return -1;
		if (meta[v - 1].hash == h && strcmp(meta[v - 1].norm, norm) == 0)
			return (long)v - 1;
	}
}

static void
ycfg_table_put(uint32_t *slots, size_t mask, uint32_t h, size_t idx)
{
	size_t i = h & mask;

	while (slots[i] != 0)
		i = (i + 1) & mask;
	slots[i] = (uint32_t)idx + 1;
}

/* Rebuilds the stage's table for at least `need` entries. */
static int
ycfg_stage_rehash(struct ycfg_stage *st, size_t need)
{
	size_t size = 64;

	while (size < need * 2 + 16)
		size *= 2;
	uint32_t *slots = calloc(size, sizeof(*slots));

	if (slots == NULL)
		return -1;
	for (size_t i = 0; i < st->n; i++)
		ycfg_table_put(slots, size - 1, st->meta[i].hash, i);
	free(st->slots);
	st->slots = slots;
	st->mask = size - 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* key patterns                                                         */
/* ------------------------------------------------------------------ */

/* Validates a key pattern and computes its normal form and placeholder
 * letters.  Returns NULL when fine, or a reason. */
static const char *
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
			      ycfg_digit(c) || c == '_' || c == '-'))
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
			bool digits = true;

			for (size_t i = 0; i < sl; i++) {
				if (!ycfg_digit(seg[i]))
					digits = false;
				norm[o++] = ycfg_lc(seg[i]);
			}
			if (digits)
				return "a fixed numeric segment is not allowed; "
				       "use N with n_range";
		}
		if (*p == '\0')
			break;
		norm[o++] = '.';
		seg = p + 1;
	}
	norm[o] = '\0';
	return NULL;
}

/* ------------------------------------------------------------------ */
/* error collection and line lookup                                     */
/* ------------------------------------------------------------------ */

enum ycfg_section { YCFG_SEC_TOP, YCFG_SEC_MODELS, YCFG_SEC_PARAMS };

/* Finds the line of a node: section "version"/"namespaces"/"models"/
 * "params"; index < 0 names the section itself; field names a field of
 * the index-th entry (NULL: the entry).  Returns 0 when not found. */
static unsigned
ycfg_locate(const char *data, size_t len, const char *section, long index,
	    const char *field)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	/* container stack: kind ('m' or 's'), expecting-key flag, item
	 * counter and last key; depth 0 is the top mapping */
	enum { MAXD = 64 };
	char kind[MAXD];
	bool want_key[MAXD];
	long count[MAXD];
	bool key_is_sec[MAXD], key_is_field[MAXD];
	int depth = -1;
	unsigned section_line = 0, item_line = 0, result = 0;
	bool in_item = false;
	int item_depth = -1;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev))
			break;
		yaml_event_type_t t = ev.type;
		unsigned line = (unsigned)ev.start_mark.line + 1;

		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			if (in_item && depth == item_depth) {
				yaml_event_delete(&ev);
				break;
			}
			depth--;
			yaml_event_delete(&ev);
			continue;
		}
		if (t != YAML_SCALAR_EVENT && t != YAML_MAPPING_START_EVENT &&
		    t != YAML_SEQUENCE_START_EVENT && t != YAML_ALIAS_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		/* role of this node within its parent */
		bool sec_value = false, item = false;
		bool field_value = false;

		if (depth >= 0 && kind[depth] == 'm') {
			if (want_key[depth]) {
				want_key[depth] = false;
				const char *k = t == YAML_SCALAR_EVENT ?
					(const char *)ev.data.scalar.value : "";

				key_is_sec[depth] = depth == 0 &&
						    strcmp(k, section) == 0;
				key_is_field[depth] = in_item &&
						      depth == item_depth &&
						      field != NULL &&
						      strcmp(k, field) == 0;
			} else {
				want_key[depth] = true;
				sec_value = key_is_sec[depth];
				field_value = key_is_field[depth];
			}
		} else if (depth >= 0 && kind[depth] == 's') {
			item = depth == 1 && key_is_sec[0] &&
			       count[depth] == index;
			count[depth]++;
		}
		if (sec_value) {
			section_line = line;
			if (index < 0) {
				result = line;
				yaml_event_delete(&ev);
				break;
			}
		}
		if (item) {
			item_line = line;
			if (field == NULL) {
				result = line;
				yaml_event_delete(&ev);
				break;
			}
		}
		if (field_value) {
			result = line;
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_MAPPING_START_EVENT ||
		    t == YAML_SEQUENCE_START_EVENT) {
			if (depth + 1 >= MAXD) {
				yaml_event_delete(&ev);
				break;
			}
			depth++;
			kind[depth] = t == YAML_MAPPING_START_EVENT ? 'm' : 's';
			want_key[depth] = true;
			count[depth] = 0;
			key_is_sec[depth] = false;
			key_is_field[depth] = false;
			if (item) {
				in_item = true;
				item_depth = depth;
			}
		} else if (item) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (result == 0)
		result = item_line ? item_line : section_line;
	return result;
}

/* Line of the first scalar spelled name at or after line from. */
static unsigned
ycfg_find_scalar_line(const char *data, size_t len, unsigned from,
		      const char *name)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned result = 0;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (result == 0 && yaml_parser_parse(&parser, &ev)) {
		bool end = ev.type == YAML_STREAM_END_EVENT;

		if (ev.type == YAML_SCALAR_EVENT &&
		    ev.start_mark.line + 1 >= from &&
		    strcmp((const char *)ev.data.scalar.value, name) == 0)
			result = (unsigned)ev.start_mark.line + 1;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	return result;
}

/* Runs libyaml over the bytes; on a syntax error returns true with the
 * line and libyaml's description. */
static bool
ycfg_yaml_syntax_error(const char *data, size_t len, unsigned *line,
		       char *what, size_t whatsz)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	bool bad = false;

	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev)) {
			bad = true;
			*line = (unsigned)parser.problem_mark.line + 1;
			snprintf(what, whatsz, "%s",
				 parser.problem ? parser.problem : "syntax error");
			break;
		}
		bool end = ev.type == YAML_STREAM_END_EVENT;

		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	return bad;
}

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

static void
ycfg_err_add(struct ycfg_errs *e, enum ycfg_section sec, long index,
	     const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
ycfg_err_add(struct ycfg_errs *e, enum ycfg_section sec, long index,
	     const char *field, const char *fmt, ...)
{
	va_list ap;

	if (e->n == YCFG_MAX_ERRORS) {
		e->dropped++;
		return;
	}
	struct ycfg_err *x = &e->v[e->n++];

	x->sec = sec;
	x->index = index;
	x->field = field;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
}

static unsigned
ycfg_err_line(const struct ycfg_src *src, const struct ycfg_err *x)
{
	const char *section;

	if (src == NULL || src->data == NULL)
		return 0;
	switch (x->sec) {
	case YCFG_SEC_MODELS:
		section = "models";
		break;
	case YCFG_SEC_PARAMS:
		section = "params";
		break;
	case YCFG_SEC_TOP:
	default:
		section = x->field ? x->field : "version";
		return ycfg_locate(src->data, src->len, section, x->index, NULL);
	}
	return ycfg_locate(src->data, src->len, section, x->index, x->field);
}

static void
ycfg_errs_report(struct ycfg_diags *d, const struct ycfg_src *src,
		 const struct ycfg_errs *e)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < e->n; i++) {
		unsigned line = ycfg_err_line(src, &e->v[i]);

		ycfg_diag_add(d, src->name, line, 0, YCFG_R_SCHEMA_ERROR, "%s",
			      e->v[i].msg);
	}
	if (e->dropped)
		ycfg_diag_add(d, src->name, 0, 0, YCFG_R_SCHEMA_ERROR,
			      "%zu more schema errors not shown", e->dropped);
}

/* ------------------------------------------------------------------ */
/* libcyaml load                                                        */
/* ------------------------------------------------------------------ */

struct ycfg_logbuf {
	char text[1024];
	size_t len;
};

static void
ycfg_cyaml_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
	__attribute__((format(printf, 3, 0)));

/* Captures libcyaml's messages; it reports errors only as log text. */
static void
ycfg_cyaml_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct ycfg_logbuf *b = ctx;

	(void)level;
	if (b->len + 1 >= sizeof(b->text))
		return;
	int r = vsnprintf(b->text + b->len, sizeof(b->text) - b->len, fmt, args);

	if (r > 0) {
		b->len += (size_t)r;
		if (b->len >= sizeof(b->text))
			b->len = sizeof(b->text) - 1;
	}
}

/* Turns libcyaml's log into one message and line. */
static void
ycfg_cyaml_report(struct ycfg_diags *d, const struct ycfg_src *src,
		  cyaml_err_t err, const struct ycfg_logbuf *log)
{
	char what[256], msg[320];
	unsigned line = 0;

	if (d == NULL)
		return;
	if (err == CYAML_ERR_LIBYAML_PARSER &&
	    ycfg_yaml_syntax_error(src->data, src->len, &line, what,
				   sizeof(what))) {
		ycfg_diag_add(d, src->name, line, 0, YCFG_R_SCHEMA_ERROR,
			      "yaml syntax error: %s", what);
		return;
	}

	/* first message line, without libcyaml's "Load: " prefix */
	const char *t = log->text;
	const char *nl = strchr(t, '\n');
	size_t l = nl ? (size_t)(nl - t) : strlen(t);

	if (l >= 6 && memcmp(t, "Load: ", 6) == 0) {
		t += 6;
		l -= 6;
	}
	if (l >= sizeof(what))
		l = sizeof(what) - 1;
	memcpy(what, t, l);
	what[l] = '\0';

	const char *lp = strstr(log->text, "line: ");

	if (lp != NULL)
		line = (unsigned)strtoul(lp + 6, NULL, 10);

	static const struct {
		const char *prefix, *pre, *post;
	} rewrites[] = {
		{ "Unexpected key: ", "unknown field '", "'" },
		{ "Mapping field already seen: ", "field '", "' is given twice" },
		{ "Expecting MAPPING, got event: ",
		  "expected a mapping, found ", "" },
		{ "Expecting SEQUENCE, got event: ",
		  "expected a sequence, found ", "" },
		{ "Expecting STRING, got event: ",
		  "expected a text value, found ", "" },
	};
	bool done = false;

	for (size_t i = 0; i < sizeof(rewrites) / sizeof(rewrites[0]); i++) {
		size_t pl = strlen(rewrites[i].prefix);

		if (strncmp(what, rewrites[i].prefix, pl) != 0)
			continue;
		char arg[128];

		snprintf(arg, sizeof(arg), "%s", what + pl);
		if (i <= 1) {
			/* libcyaml names the mapping (unknown field) or the
			 * first occurrence (repeated field): point at the
			 * offending key itself */
			unsigned kl = ycfg_find_scalar_line(src->data,
							    src->len,
							    line + i, arg);

			if (kl != 0)
				line = kl;
		}
		if (i >= 2) {
			/* "SEQUENCE_START" -> "a sequence" */
			char *u = strchr(arg, '_');

			if (u != NULL)
				*u = '\0';
			for (char *c = arg; *c; c++)
				*c = ycfg_lc(*c);
			snprintf(msg, sizeof(msg), "%sa %s%s",
				 rewrites[i].pre, arg, rewrites[i].post);
		} else {
			snprintf(msg, sizeof(msg), "%s%s%s", rewrites[i].pre,
				 arg, rewrites[i].post);
		}
		done = true;
		break;
	}
	if (!done) {
		snprintf(msg, sizeof(msg), "%s", what[0] ? what :
			 cyaml_strerror(err));
		msg[0] = ycfg_lc(msg[0]);
	}
	if (line == 0 && lp == NULL && strstr(msg, "mapping") != NULL)
		line = 1;
	ycfg_diag_add(d, src->name, line, 0, YCFG_R_SCHEMA_ERROR,
		      "%s", msg);
}

/* ------------------------------------------------------------------ */
/* validation and conversion of one file                                */
/* ------------------------------------------------------------------ */

static const char *const ycfg_type_names[YCFG_T__COUNT] = {
	[YCFG_T_BOOL] = "bool",
	[YCFG_T_INT] = "int",
	[YCFG_T_FLOAT] = "float",
	[YCFG_T_ENUM] = "enum",
	[YCFG_T_STRING] = "string",
	[YCFG_T_HOST] = "host",
	[YCFG_T_PORT] = "port",
	[YCFG_T_URL] = "url",
};

const char *
ycfg_type_name(enum ycfg_type t)
{
	if ((unsigned)t >= YCFG_T__COUNT)
		return "unknown";
	return ycfg_type_names[t];
}

/* A converted file, ready to merge. */
struct ycfg_file {
	struct ycfg_arena *arena;
	struct ycfg_param *params;
	struct ycfg_pmeta *meta;
	size_t nparams;
	struct ycfg_model *models;
	size_t nmodels;
	const char **ns;
	size_t nns;
};

/* Parses a range union into arena storage. */
static int
ycfg_ranges_into(struct ycfg_arena *a, const char *text, bool milli,
		 struct ycfg_ranges *out)
{
	struct ycfg_range tmp[YCFG_MAX_RANGES];
	size_t n;

	if (ycfg_parse_ranges(text, milli, tmp, YCFG_MAX_RANGES, &n) != 0)
		return -1;
	struct ycfg_range *v = ycfg_arena_alloc(a, n * sizeof(*v));

	if (v == NULL)
		return -1;
	memcpy(v, tmp, n * sizeof(*v));
	out->v = v;
	out->n = n;
	return 0;
}

static int
ycfg_parse_flag(const char *s, bool *out)
{
	if (s == NULL)
		return 0;
	if (strcmp(s, "true") == 0)
		*out = true;
	else if (strcmp(s, "false") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

/* Checks that every placeholder of key is one of letters. */
static bool
ycfg_letters_subset(const char *sub, const char *letters)
{
	for (; *sub; sub++)
		if (strchr(letters, *sub) == NULL)
			return false;
	return true;
}

static bool
ycfg_is_numeric_type(enum ycfg_type t)
{
	return t == YCFG_T_INT || t == YCFG_T_FLOAT || t == YCFG_T_PORT;
}

/* Validates and converts one raw param into p/m.  Returns false when an
 * error was recorded. */
static bool
ycfg_convert_param(struct ycfg_arena *a, const char *origin,
		   const struct ycfg_raw_param *r, long i,
		   struct ycfg_param *p, struct ycfg_pmeta *m,
		   struct ycfg_errs *e)
{
	size_t before = e->n + e->dropped;
	char norm[YCFG_MAX_KEY + 1], letters[YCFG_MAX_INDICES + 1];
	const char *why;
	const char *key = r->key ? r->key : "";
	enum ycfg_type type = YCFG_T__COUNT;
	bool milli;

#define PERR(field, ...) ycfg_err_add(e, YCFG_SEC_PARAMS, i, field, __VA_ARGS__)
	if (r->key == NULL) {
		PERR(NULL, "params entry %ld has no key", i + 1);
		return false;
	}
	why = ycfg_pattern_check(key, norm, sizeof(norm), letters);
	if (why != NULL) {
		PERR("key", "bad key '%s': %s", key, why);
		return false;
	}
	if (r->type == NULL) {
		PERR(NULL, "%s has no type", key);
	} else {
		for (int t = 0; t < YCFG_T__COUNT; t++)
			if (strcmp(r->type, ycfg_type_names[t]) == 0)
				type = (enum ycfg_type)t;
		if (type == YCFG_T__COUNT)
			PERR("type", "unknown type '%s' for %s: expected bool, "
			     "int, float, enum, string, host, port or url",
			     r->type, key);
	}
	if (r->summary == NULL || r->summary[0] == '\0')
		PERR(NULL, "%s has no summary", key);
	if (ycfg_parse_flag(r->secret, &p->secret) != 0)
		PERR("secret", "secret of %s must be true or false, not '%s'",
		     key, r->secret);
	if (ycfg_parse_flag(r->unverified, &p->unverified) != 0)
		PERR("unverified", "unverified of %s must be true or false, "
		     "not '%s'", key, r->unverified);
	else if ((r->source == NULL || r->source[0] == '\0') && !p->unverified)
		PERR(NULL, "%s has no source; add one or mark it "
		     "'unverified: true'", key);
	if (type == YCFG_T__COUNT)
		return false;

	p->type = type;
	milli = type == YCFG_T_FLOAT;
	if (r->range != NULL) {
		if (!ycfg_is_numeric_type(type))
			PERR("range", "%s has a range but type %s; ranges are "
			     "for int, float and port", key, r->type);
		else if (ycfg_ranges_into(a, r->range, milli, &p->range) != 0)
			PERR("range", "bad range '%s' for %s: expected values "
			     "or LO..HI joined by '|', e.g. 0|60..65535%s",
			     r->range, key,
			     milli ? " (up to 3 fraction digits)" : "");
	}
	if (type == YCFG_T_PORT && p->range.n > 0) {
		for (size_t k = 0; k < p->range.n; k++)
			if (p->range.v[k].lo < 0 || p->range.v[k].hi > 65535)
				PERR("range", "range '%s' of port %s goes "
				     "beyond 0..65535", r->range, key);
	}
	if (type == YCFG_T_ENUM) {
		if (r->values_count == 0) {
			PERR(NULL, "enum %s has no values", key);
		} else {
			struct ycfg_enum_value *v = ycfg_arena_alloc(
				a, r->values_count * sizeof(*v));

			if (v == NULL)
				return false;
			for (unsigned k = 0; k < r->values_count; k++) {
				const char *s = r->values[k];
				const char *sp = strchr(s, ' ');
				size_t vl = sp ? (size_t)(sp - s) : strlen(s);

				if (vl == 0) {
					PERR("values", "empty value in the "
					     "values of %s", key);
					continue;
				}
				v[k].value = ycfg_arena_strndup(a, s, vl);
				v[k].name = ycfg_arena_strdup(a,
							      sp ? sp + 1 : "");
				if (v[k].value == NULL || v[k].name == NULL)
					return false;
				for (unsigned j = 0; j < k; j++)
					if (v[j].value != NULL &&
					    strcmp(v[j].value, v[k].value) == 0)
						PERR("values", "value '%s' is "
						     "listed twice for %s",
						     v[k].value, key);
			}
			p->values = v;
			p->nvalues = r->values_count;
		}
	} else if (r->values != NULL) {
		PERR("values", "%s has values but type %s; values are for "
		     "enum", key, r->type);
	}
	if (r->max_length != NULL) {
		int64_t v;

		if (type != YCFG_T_STRING && type != YCFG_T_HOST &&
		    type != YCFG_T_URL)
			PERR("max_length", "%s has max_length but type %s",
			     key, r->type);
		else if (ycfg_parse_int(r->max_length, strlen(r->max_length),
					&v) != YCFG_NUM_OK || v < 1)
			PERR("max_length", "bad max_length '%s' for %s: "
			     "expected a positive integer", r->max_length, key);
		else
			p->max_length = (size_t)v;
	}
	if (r->n_range != NULL) {
		if (strchr(letters, 'N') == NULL)
			PERR("n_range", "%s has n_range but no N in its key",
			     key);
		else if (ycfg_ranges_into(a, r->n_range, false,
					  &p->n_range) != 0 ||
			 p->n_range.v[0].lo < 0)
			PERR("n_range", "bad n_range '%s' for %s: expected "
			     "indices >= 0 such as 1..12", r->n_range, key);
	}
	if (r->fallback != NULL) {
		char fnorm[YCFG_MAX_KEY + 1], flet[YCFG_MAX_INDICES + 1];

		why = ycfg_pattern_check(r->fallback, fnorm, sizeof(fnorm),
					 flet);
		if (why != NULL)
			PERR("fallback", "bad fallback key '%s' for %s: %s",
			     r->fallback, key, why);
		else if (!ycfg_letters_subset(flet, letters))
			PERR("fallback", "fallback key '%s' of %s uses a "
			     "placeholder that %s does not have", r->fallback,
			     key, key);
		p->fallback_key = ycfg_arena_strdup(a, r->fallback);
	}
	if (r->requires != NULL) {
		/* conditions joined by " && ", each "KEY in RANGES" */
		size_t nc = 1;

		for (const char *q = r->requires; (q = strstr(q, " && "));
		     q += 4)
			nc++;
		struct ycfg_cond *c = ycfg_arena_alloc(a, nc * sizeof(*c));
		const char **texts = ycfg_arena_alloc(a, nc * sizeof(*texts));
		struct ycfg_range *buf = ycfg_arena_alloc(
			a, nc * YCFG_COND_RANGES * sizeof(*buf));

		if (c == NULL || texts == NULL || buf == NULL)
			return false;
		const char *q = r->requires;

		for (size_t k = 0; k < nc; k++) {
			const char *end = strstr(q, " && ");
			size_t cl = end ? (size_t)(end - q) : strlen(q);
			char one[YCFG_MAX_KEY + 64];
			char cnorm[YCFG_MAX_KEY + 1], clet[YCFG_MAX_INDICES + 1];
			struct ycfg_range tmp[YCFG_COND_RANGES];
			size_t tn;

			if (cl >= sizeof(one))
				cl = sizeof(one) - 1;
			memcpy(one, q, cl);
			one[cl] = '\0';
			char *in = strstr(one, " in ");

			if (in == NULL) {
				PERR("requires", "bad requires '%s' for %s: "
				     "expected 'KEY in RANGES' joined by "
				     "' && '", r->requires, key);
				break;
			}
			*in = '\0';
			why = ycfg_pattern_check(one, cnorm, sizeof(cnorm),
						 clet);
			if (why != NULL) {
				PERR("requires", "bad key '%s' in requires of "
				     "%s: %s", one, key, why);
			} else if (!ycfg_letters_subset(clet, letters)) {
				PERR("requires", "requires key '%s' of %s uses "
				     "a placeholder that %s does not have", one,
				     key, key);
			} else if (ycfg_parse_ranges(in + 4, true, tmp,
						     YCFG_COND_RANGES,
						     &tn) != 0) {
				PERR("requires", "bad ranges '%s' in requires "
				     "of %s", in + 4, key);
			}
			c[k].key = ycfg_arena_strdup(a, one);
			texts[k] = ycfg_arena_strdup(a, in + 4);
			if (c[k].key == NULL || texts[k] == NULL)
				return false;
			if (end == NULL)
				break;
			q = end + 4;
		}
		p->requires = c;
		p->nrequires = nc;
		m->conds = c;
		m->cond_text = texts;
		m->cond_buf = buf;
	}
	p->requires_level = YCFG_SEV_WARNING;
	if (r->when != NULL) {
		if (r->requires == NULL)
			PERR("when", "%s has 'when' but no 'requires'", key);
		else if (ycfg_ranges_into(a, r->when, milli, &p->when) != 0)
			PERR("when", "bad when '%s' for %s", r->when, key);
	}
	if (r->requires_level != NULL) {
		if (r->requires == NULL)
			PERR("requires_level", "%s has 'requires_level' but "
			     "no 'requires'", key);
		else if (strcmp(r->requires_level, "info") == 0)
			p->requires_level = YCFG_SEV_INFO;
		else if (strcmp(r->requires_level, "warning") != 0)
			PERR("requires_level", "bad requires_level '%s' for "
			     "%s: expected warning or info", r->requires_level,
			     key);
	}
	if (r->adjust != NULL) {
		const char *arrow = strstr(r->adjust, " -> ");
		char from[128];
		size_t fl = arrow ? (size_t)(arrow - r->adjust) : 0;

		if (!ycfg_is_numeric_type(type)) {
			PERR("adjust", "%s has adjust but type %s", key,
			     r->type);
		} else if (arrow == NULL || fl >= sizeof(from)) {
			PERR("adjust", "bad adjust '%s' for %s: expected "
			     "'RANGES -> VALUE', e.g. '1..59 -> 60'", r->adjust,
			     key);
		} else {
			memcpy(from, r->adjust, fl);
			from[fl] = '\0';
			const char *to = arrow + 4;
			enum ycfg_num_status s = milli ?
				ycfg_parse_milli(to, strlen(to), &p->adjust_to) :
				ycfg_parse_int(to, strlen(to), &p->adjust_to);

			if (ycfg_ranges_into(a, from, milli,
					     &p->adjust_from) != 0 ||
			    s != YCFG_NUM_OK)
				PERR("adjust", "bad adjust '%s' for %s: "
				     "expected 'RANGES -> VALUE', e.g. "
				     "'1..59 -> 60'", r->adjust, key);
			else
				p->has_adjust = true;
		}
	}
	if (r->multi_value != NULL) {
		if (strcmp(r->multi_value, "colon") == 0)
			p->multi_value_colon = true;
		else
			PERR("multi_value", "bad multi_value '%s' for %s: "
			     "expected colon", r->multi_value, key);
	}
	if (r->renamed_to != NULL) {
		/* the replacement may add placeholders: a legacy per-account
		 * key often became a per-server one (Y) */
		char rnorm[YCFG_MAX_KEY + 1], rlet[YCFG_MAX_INDICES + 1];

		why = ycfg_pattern_check(r->renamed_to, rnorm, sizeof(rnorm),
					 rlet);
		if (why != NULL)
			PERR("renamed_to", "bad renamed_to '%s' for %s: %s",
			     r->renamed_to, key, why);
		p->renamed_to = ycfg_arena_strdup(a, r->renamed_to);
	}

	p->key = ycfg_arena_strdup(a, key);
	p->def = ycfg_arena_strdup(a, r->def);
	p->summary = ycfg_arena_strdup(a, r->summary);
	p->notes = ycfg_arena_strdup(a, r->notes);
	p->source = ycfg_arena_strdup(a, r->source);
	p->older = ycfg_arena_strdup(a, r->older);
	p->placeholders = ycfg_arena_strdup(a, letters);
	p->origin = origin;
	m->norm = ycfg_arena_strdup(a, norm);
	m->hash = ycfg_hash_str(norm);
	m->entry = (unsigned)i;
	if (p->key == NULL || p->placeholders == NULL || m->norm == NULL)
		return false;

	/* the default must itself be acceptable */
	if (p->def != NULL && e->n + e->dropped == before) {
		struct ycfg_value_result res;

		if (!ycfg_value_check(p, key, strlen(key), p->def,
				      strlen(p->def), &res) &&
		    res.rule != YCFG_R_VALUE_ADJUSTED)
			PERR("default", "default does not fit the entry: %s",
			     res.msg);
	}
#undef PERR
	return e->n + e->dropped == before;
}

/* Validates the raw file and converts it into f (storage in f->arena).
 * Returns 0, or -1 with errors recorded. */
static int
ycfg_convert_file(const struct ycfg_raw_file *raw, const char *name,
		  struct ycfg_file *f, struct ycfg_errs *e)
{
	struct ycfg_arena *a = f->arena;

	if (raw->version == NULL)
		ycfg_err_add(e, YCFG_SEC_TOP, -1, NULL,
			     "missing version: the first line should be "
			     "'version: \"1\"'");
	else if (strcmp(raw->version, "1") != 0)
		ycfg_err_add(e, YCFG_SEC_TOP, -1, "version",
			     "unsupported schema version '%s': expected 1",
			     raw->version);

	const char *origin = ycfg_arena_strdup(a, name);

	f->ns = ycfg_arena_alloc(a, (raw->namespaces_count + 1) *
				 sizeof(*f->ns));
	f->models = ycfg_arena_alloc(a, (raw->models_count + 1) *
				     sizeof(*f->models));
	f->params = ycfg_arena_alloc(a, (raw->params_count + 1) *
				     sizeof(*f->params));
	f->meta = ycfg_arena_alloc(a, (raw->params_count + 1) *
				   sizeof(*f->meta));
	if (origin == NULL || f->ns == NULL || f->models == NULL ||
	    f->params == NULL || f->meta == NULL)
		return -1;

	for (unsigned i = 0; i < raw->namespaces_count; i++) {
		const char *ns = raw->namespaces[i];

		if (ns[0] == '\0' || strchr(ns, '.') != NULL ||
		    strchr(ns, ' ') != NULL) {
			ycfg_err_add(e, YCFG_SEC_TOP, (long)i, "namespaces",
				     "bad namespace '%s': expected one key "
				     "segment such as 'account'", ns);
			continue;
		}
		f->ns[f->nns++] = ycfg_arena_strdup(a, ns);
	}
	for (unsigned i = 0; i < raw->models_count; i++) {
		const struct ycfg_raw_model *rm = &raw->models[i];
		int64_t acc = 0;

		if (rm->name == NULL || rm->name[0] == '\0') {
			ycfg_err_add(e, YCFG_SEC_MODELS, (long)i, NULL,
				     "models entry %u has no name", i + 1);
			continue;
		}
		if (rm->accounts == NULL ||
		    ycfg_parse_int(rm->accounts, strlen(rm->accounts), &acc) !=
			    YCFG_NUM_OK ||
		    acc < 1 || acc > 1000) {
			ycfg_err_add(e, YCFG_SEC_MODELS, (long)i,
				     rm->accounts ? "accounts" : NULL,
				     "model %s needs accounts as a number "
				     "1..1000, not '%s'", rm->name,
				     rm->accounts ? rm->accounts : "");
			continue;
		}
		for (size_t j = 0; j < f->nmodels; j++)
			if (strcasecmp(f->models[j].name, rm->name) == 0)
				ycfg_err_add(e, YCFG_SEC_MODELS, (long)i,
					     "name", "model %s is listed twice",
					     rm->name);
		struct ycfg_model *m = &f->models[f->nmodels++];

		m->name = ycfg_arena_strdup(a, rm->name);
		m->accounts = (unsigned)acc;
		m->source = ycfg_arena_strdup(a, rm->source);
	}

	/* params, with a small table to catch duplicates inside the file */
	size_t tsize = 16;

	while (tsize < raw->params_count * 2 + 16)
		tsize *= 2;
	uint32_t *slots = calloc(tsize, sizeof(*slots));

	if (slots == NULL)
		return -1;
	for (unsigned i = 0; i < raw->params_count; i++) {
		struct ycfg_param *p = &f->params[f->nparams];
		struct ycfg_pmeta *m = &f->meta[f->nparams];

		if (!ycfg_convert_param(a, origin, &raw->params[i], (long)i, p,
					m, e)) {
			memset(p, 0, sizeof(*p));
			memset(m, 0, sizeof(*m));
			continue;
		}
		long dup = ycfg_table_find(slots, tsize - 1, f->meta, m->norm,
					   m->hash);

		if (dup >= 0) {
			unsigned first = f->meta[dup].entry;

			ycfg_err_add(e, YCFG_SEC_PARAMS, (long)i, "key",
				     "duplicate key %s (same as params entry "
				     "%u, %s)", p->key, first + 1,
				     f->params[dup].key);
			continue;
		}
		ycfg_table_put(slots, tsize - 1, m->hash, f->nparams);
		f->nparams++;
	}
	free(slots);
	return e->n > 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* staging                                                              */
/* ------------------------------------------------------------------ */

static void
ycfg_stage_discard(struct ycfg_stage *st)
{
	free(st->params);
	free(st->meta);
	free(st->models);
	free(st->ns);
	free(st->slots);
	ycfg_arena_free_list(st->arenas);
	memset(st, 0, sizeof(*st));
}

static int
ycfg_stage_begin(struct ycfg_stage *st, const struct ycfg_schema *s,
		 struct ycfg_diags *d)
{
	const struct ycfg_schema_index *x = s->priv;

	memset(st, 0, sizeof(*st));
	st->d = d;
	if (x == NULL)
		return ycfg_stage_rehash(st, 0);
	st->cap = x->n + 64;
	st->params = malloc(st->cap * sizeof(*st->params));
	st->meta = malloc(st->cap * sizeof(*st->meta));
	st->mcap = x->nmodels + 16;
	st->models = malloc(st->mcap * sizeof(*st->models));
	st->nscap = x->nns + 8;
	st->ns = malloc(st->nscap * sizeof(*st->ns));
	if (st->params == NULL || st->meta == NULL || st->models == NULL ||
	    st->ns == NULL) {
		ycfg_stage_discard(st);
		return -1;
	}
	if (x->n) {
		memcpy(st->params, x->params, x->n * sizeof(*st->params));
		memcpy(st->meta, x->meta, x->n * sizeof(*st->meta));
	}
	if (x->nmodels)
		memcpy(st->models, x->models, x->nmodels * sizeof(*st->models));
	if (x->nns)
		memcpy(st->ns, x->ns, x->nns * sizeof(*st->ns));
	st->n = x->n;
	st->nmodels = x->nmodels;
	st->nns = x->nns;
	if (ycfg_stage_rehash(st, st->n) != 0) {
		ycfg_stage_discard(st);
		return -1;
	}
	return 0;
}

static int
ycfg_grow(void **v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 16;

	while (c < need)
		c *= 2;
	void *p = realloc(*v, c * elem);

	if (p == NULL)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

/* Merges a converted file into the stage; the file's arena moves to the
 * stage.  Returns -1 only when memory ran out. */
static int
ycfg_stage_merge(struct ycfg_stage *st, struct ycfg_file *f,
		 const struct ycfg_src *src)
{
	size_t need = st->n + f->nparams;

	if (need > st->cap) {
		size_t cap = st->cap ? st->cap : 64;

		while (cap < need)
			cap *= 2;
		struct ycfg_param *np = realloc(st->params, cap * sizeof(*np));

		if (np == NULL)
			return -1;
		st->params = np;
		struct ycfg_pmeta *nm = realloc(st->meta, cap * sizeof(*nm));

		if (nm == NULL)
			return -1;
		st->meta = nm;
		st->cap = cap;
	}
	if (ycfg_grow((void **)&st->models, &st->mcap,
		      st->nmodels + f->nmodels, sizeof(*st->models)) != 0 ||
	    ycfg_grow((void **)&st->ns, &st->nscap, st->nns + f->nns,
		      sizeof(*st->ns)) != 0)
		return -1;
	if (ycfg_stage_rehash(st, st->n + f->nparams) != 0)
		return -1;

	for (size_t i = 0; i < f->nparams; i++) {
		struct ycfg_pmeta m = f->meta[i];
		long at;

		m.src = src;
		at = ycfg_table_find(st->slots, st->mask, st->meta, m.norm,
				     m.hash);
		if (at >= 0) {
			st->params[at] = f->params[i];
			st->meta[at] = m;
			continue;
		}
		st->params[st->n] = f->params[i];
		st->meta[st->n] = m;
		ycfg_table_put(st->slots, st->mask, m.hash, st->n);
		st->n++;
	}
	for (size_t i = 0; i < f->nmodels; i++) {
		size_t j;

		for (j = 0; j < st->nmodels; j++)
			if (strcasecmp(st->models[j].name, f->models[i].name) ==
			    0)
				break;
		st->models[j] = f->models[i];
		if (j == st->nmodels)
			st->nmodels++;
	}
	for (size_t i = 0; i < f->nns; i++) {
		size_t j;

		for (j = 0; j < st->nns; j++)
			if (strcasecmp(st->ns[j], f->ns[i]) == 0)
				break;
		if (j == st->nns)
			st->ns[st->nns++] = f->ns[i];
	}
	f->arena->next = st->arenas;
	st->arenas = f->arena;
	f->arena = NULL;
	return 0;
}

/* Looks a key pattern up in the stage. */
static long
ycfg_stage_find_pattern(const struct ycfg_stage *st, const char *pattern)
{
	char norm[YCFG_MAX_KEY + 1], letters[YCFG_MAX_INDICES + 1];

	if (ycfg_pattern_check(pattern, norm, sizeof(norm), letters) != NULL)
		return -1;
	return ycfg_table_find(st->slots, st->mask, st->meta, norm,
			       ycfg_hash_str(norm));
}

static void
ycfg_stage_error(struct ycfg_stage *st, const struct ycfg_pmeta *m,
		 const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
ycfg_stage_error(struct ycfg_stage *st, const struct ycfg_pmeta *m,
		 const char *field, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	unsigned line = 0;

	if (st->d == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (m->src != NULL)
		line = ycfg_locate(m->src->data, m->src->len, "params",
				   (long)m->entry, field);
	ycfg_diag_add(st->d, m->src ? m->src->name : "schema", line, 0,
		      YCFG_R_SCHEMA_ERROR, "%s", msg);
}

/* Rejects fallback chains that loop (a -> b -> a) or run longer than the
 * resolver follows (YCFG_FALLBACK_DEPTH in resolve.h, 4 steps): such a
 * schema would leave -1 values unresolved without a word.  Returns 0 or
 * -1 (reported). */
#define YCFG_MAX_CHAIN 4
static int
ycfg_stage_check_chains(struct ycfg_stage *st)
{
	int bad = 0;

	for (size_t i = 0; i < st->n; i++) {
		const struct ycfg_param *p = &st->params[i];
		long at = (long)i;
		int steps = 0;
		bool loops = false;

		while (at >= 0 && st->params[at].fallback_key != NULL &&
		       steps <= YCFG_MAX_CHAIN) {
			at = ycfg_stage_find_pattern(st,
						     st->params[at].fallback_key);
			steps++;
			if (at == (long)i) {
				loops = true;
				break;
			}
		}
		if (loops || steps > YCFG_MAX_CHAIN) {
			ycfg_stage_error(st, &st->meta[i], "fallback",
					 loops ? "fallback of %s loops back to "
						 "itself"
					       : "fallback chain of %s is longer "
						 "than 4 steps",
					 p->key);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* Resolves fallback and requires keys of every staged entry.  Nothing is
 * written unless every key resolves.  Returns 0 or -1. */
static int
ycfg_stage_resolve(struct ycfg_stage *st)
{
	int bad = 0;

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && (bad || ycfg_stage_check_chains(st) != 0))
			return -1;
		for (size_t i = 0; i < st->n; i++) {
			struct ycfg_param *p = &st->params[i];
			const struct ycfg_pmeta *m = &st->meta[i];

			if (p->fallback_key != NULL) {
				long at = ycfg_stage_find_pattern(
					st, p->fallback_key);

				if (at < 0 && pass == 0) {
					ycfg_stage_error(st, m, "fallback",
						"fallback key %s of %s is not "
						"a known key", p->fallback_key,
						p->key);
					bad = 1;
				} else if (at >= 0 && pass == 1) {
					p->fallback = &st->params[at];
				}
			}
			for (size_t k = 0; k < p->nrequires; k++) {
				const char *ck = m->conds[k].key;
				long at = ycfg_stage_find_pattern(st, ck);

				if (at < 0) {
					if (pass == 0) {
						ycfg_stage_error(st, m,
							"requires", "requires "
							"key %s of %s is not a "
							"known key", ck,
							p->key);
						bad = 1;
					}
					continue;
				}
				const struct ycfg_param *t = &st->params[at];
				size_t rn;
				struct ycfg_range tmp[YCFG_COND_RANGES];
				bool milli = t->type == YCFG_T_FLOAT;

				if (ycfg_parse_ranges(m->cond_text[k], milli,
						      tmp, YCFG_COND_RANGES,
						      &rn) != 0) {
					if (pass == 0) {
						ycfg_stage_error(st, m,
							"requires", "ranges "
							"'%s' in requires of %s "
							"do not fit %s (type "
							"%s)", m->cond_text[k],
							p->key, ck,
							ycfg_type_name(t->type));
						bad = 1;
					}
					continue;
				}
				if (pass == 1) {
					struct ycfg_range *b =
						m->cond_buf + k * YCFG_COND_RANGES;

					memcpy(b, tmp, rn * sizeof(*b));
					m->conds[k].param = t;
					m->conds[k].in.v = b;
					m->conds[k].in.n = rn;
				}
			}
		}
	}
	return 0;
}

/* Moves the current arrays to the retired list (all or nothing). */
static int
ycfg_retire(struct ycfg_schema_index *x)
{
	void *ptrs[3] = { x->params, x->models, x->ns };
	struct ycfg_retired *r[3] = { NULL, NULL, NULL };

	for (size_t i = 0; i < 3; i++) {
		if (ptrs[i] != NULL && (r[i] = malloc(sizeof(*r[i]))) == NULL) {
			free(r[0]);
			free(r[1]);
			return -1;
		}
	}
	for (size_t i = 0; i < 3; i++) {
		if (r[i] == NULL)
			continue;
		r[i]->ptr = ptrs[i];
		r[i]->next = x->retired;
		x->retired = r[i];
	}
	x->params = NULL;
	x->models = NULL;
	x->ns = NULL;
	return 0;
}

/* Resolves and installs the stage; on failure discards it. */
static int
ycfg_stage_commit(struct ycfg_stage *st, struct ycfg_schema *s)
{
	struct ycfg_schema_index *x = s->priv;

	if (ycfg_stage_resolve(st) != 0)
		goto fail;
	if (x == NULL) {
		x = calloc(1, sizeof(*x));
		if (x == NULL)
			goto fail;
		s->priv = x;
	}
	/* retired arrays keep earlier pointers valid until free */
	if (ycfg_retire(x) != 0)
		goto fail;
	free(x->meta);
	free(x->slots);
	for (size_t i = 0; i < st->n; i++)
		st->meta[i].src = NULL;
	x->params = st->params;
	x->meta = st->meta;
	x->n = st->n;
	x->models = st->models;
	x->nmodels = st->nmodels;
	x->ns = st->ns;
	x->nns = st->nns;
	x->slots = st->slots;
	x->mask = st->mask;
	if (st->arenas != NULL) {
		struct ycfg_arena *last = st->arenas;

		while (last->next != NULL)
			last = last->next;
		last->next = x->arenas;
		x->arenas = st->arenas;
	}
	memset(st, 0, sizeof(*st));

	s->params = x->params;
	s->nparams = x->n;
	s->models = x->models;
	s->nmodels = x->nmodels;
	s->namespaces = x->ns;
	s->nnamespaces = x->nns;
	return 0;
fail:
	ycfg_stage_discard(st);
	return -1;
}

/* Loads one file's bytes into the stage.  Returns 0 or -1 (errors
 * reported; the stage is unchanged then). */
static int
ycfg_stage_add(struct ycfg_stage *st, const struct ycfg_src *src)
{
	struct ycfg_logbuf log = { .len = 0 };
	cyaml_config_t cfg = {
		.log_fn = ycfg_cyaml_log,
		.log_ctx = &log,
		.mem_fn = cyaml_mem,
		.log_level = CYAML_LOG_ERROR,
		.flags = CYAML_CFG_DEFAULT,
	};
	struct ycfg_raw_file *raw = NULL;
	cyaml_err_t err;

	log.text[0] = '\0';
	err = cyaml_load_data((const uint8_t *)src->data, src->len, &cfg,
			      &ycfg_file_schema, (cyaml_data_t **)&raw, NULL);
	if (err != CYAML_OK) {
		ycfg_cyaml_report(st->d, src, err, &log);
		return -1;
	}
	if (raw == NULL) {
		if (st->d)
			ycfg_diag_add(st->d, src->name, 0, 0,
				      YCFG_R_SCHEMA_ERROR, "empty schema file: "
				      "version \"1\" is required");
		return -1;
	}

	struct ycfg_file f = { .arena = calloc(1, sizeof(struct ycfg_arena)) };
	struct ycfg_errs *e = calloc(1, sizeof(*e));
	int rc = -1;

	if (f.arena == NULL || e == NULL)
		goto out;
	if (ycfg_convert_file(raw, src->name, &f, e) != 0) {
		if (e->n == 0 && st->d)
			ycfg_diag_add(st->d, src->name, 0, 0,
				      YCFG_R_SCHEMA_ERROR, "out of memory");
		ycfg_errs_report(st->d, src, e);
		goto out;
	}
	rc = ycfg_stage_merge(st, &f, src);
out:
	if (f.arena != NULL)
		ycfg_arena_free_list(f.arena);
	free(e);
	cyaml_free(&cfg, &ycfg_file_schema, raw, 0);
	return rc;
}

/* ------------------------------------------------------------------ */
/* public loading API                                                   */
/* ------------------------------------------------------------------ */

void
ycfg_schema_init(struct ycfg_schema *s)
{
	memset(s, 0, sizeof(*s));
}

void
ycfg_schema_free(struct ycfg_schema *s)
{
	struct ycfg_schema_index *x = s->priv;

	if (x != NULL) {
		free(x->params);
		free(x->meta);
		free(x->models);
		free(x->ns);
		free(x->slots);
		ycfg_arena_free_list(x->arenas);
		while (x->retired != NULL) {
			struct ycfg_retired *r = x->retired;

			x->retired = r->next;
			free(r->ptr);
			free(r);
		}
		free(x);
	}
	memset(s, 0, sizeof(*s));
}

static const char *
ycfg_intern_name(struct ycfg_diags *d, const char *name)
{
	const char *n = d ? ycfg_diags_intern(d, name) : NULL;

	return n ? n : name;
}

int
ycfg_schema_load_data(struct ycfg_schema *s, const char *name,
		      const char *data, size_t len, struct ycfg_diags *d)
{
	struct ycfg_stage st;
	struct ycfg_src src = { ycfg_intern_name(d, name), data, len };

	if (ycfg_stage_begin(&st, s, d) != 0)
		return -1;
	if (ycfg_stage_add(&st, &src) != 0) {
		ycfg_stage_discard(&st);
		return -1;
	}
	return ycfg_stage_commit(&st, s);
}

/* Reads a whole file; returns a malloc'd buffer or NULL with errno. */
static char *
ycfg_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (fp == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			char *nb = realloc(buf, cap);

			if (nb == NULL) {
				free(buf);
				fclose(fp);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		size_t r = fread(buf + n, 1, cap - n, fp);

		n += r;
		if (r == 0)
			break;
	}
	if (ferror(fp)) {
		int saved = errno ? errno : EIO;

		free(buf);
		fclose(fp);
		errno = saved;
		return NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

int
ycfg_schema_load_file(struct ycfg_schema *s, const char *path,
		      struct ycfg_diags *d)
{
	size_t len = 0;
	char *data = ycfg_slurp(path, &len);

	if (data == NULL) {
		if (d)
			ycfg_diag_add(d, ycfg_intern_name(d, path), 0, 0,
				      YCFG_R_SCHEMA_ERROR,
				      "cannot read schema file: %s",
				      strerror(errno));
		return -1;
	}
	int rc = ycfg_schema_load_data(s, path, data, len, d);

	free(data);
	return rc;
}

static int
ycfg_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
ycfg_schema_load_dir(struct ycfg_schema *s, const char *dir,
		     struct ycfg_diags *d)
{
	DIR *dp = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (dp == NULL) {
		if (d)
			ycfg_diag_add(d, ycfg_intern_name(d, dir), 0, 0,
				      YCFG_R_SCHEMA_ERROR,
				      "cannot open schema directory: %s",
				      strerror(errno));
		return -1;
	}
	for (struct dirent *de; (de = readdir(dp)) != NULL;) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l < 6 ||
		    strcmp(de->d_name + l - 5, ".yaml") != 0)
			continue;
		if (ycfg_grow((void **)&names, &cap, n + 1, sizeof(*names)) !=
		    0) {
			rc = -1;
			break;
		}
		names[n] = malloc(strlen(dir) + l + 2);
		if (names[n] == NULL) {
			rc = -1;
			break;
		}
		sprintf(names[n], "%s/%s", dir, de->d_name);
		n++;
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), ycfg_name_cmp);
	if (rc == 0 && n == 0) {
		if (d)
			ycfg_diag_add(d, ycfg_intern_name(d, dir), 0, 0,
				      YCFG_R_SCHEMA_ERROR,
				      "no *.yaml files in the schema directory");
		rc = -1;
	}

	/* every file goes into one stage: references may point to entries
	 * of any file of the directory, and a broken file leaves the schema
	 * unchanged */
	struct ycfg_stage st;
	struct ycfg_src *srcs = calloc(n ? n : 1, sizeof(*srcs));
	char **bufs = calloc(n ? n : 1, sizeof(*bufs));

	if (rc == 0 && (srcs == NULL || bufs == NULL ||
			ycfg_stage_begin(&st, s, d) != 0))
		rc = -1;
	else if (rc == 0) {
		for (size_t i = 0; i < n; i++) {
			size_t len = 0;

			bufs[i] = ycfg_slurp(names[i], &len);
			if (bufs[i] == NULL) {
				if (d)
					ycfg_diag_add(d,
						ycfg_intern_name(d, names[i]),
						0, 0, YCFG_R_SCHEMA_ERROR,
						"cannot read schema file: %s",
						strerror(errno));
				rc = -1;
				continue;
			}
			srcs[i].name = ycfg_intern_name(d, names[i]);
			srcs[i].data = bufs[i];
			srcs[i].len = len;
			if (ycfg_stage_add(&st, &srcs[i]) != 0)
				rc = -1;
		}
		if (rc == 0)
			rc = ycfg_stage_commit(&st, s);
		else
			ycfg_stage_discard(&st);
	}
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
		if (bufs)
			free(bufs[i]);
	}
	free(names);
	free(bufs);
	free(srcs);
	return rc;
}

/* ------------------------------------------------------------------ */
/* lookup                                                               */
/* ------------------------------------------------------------------ */

static bool
ycfg_all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ycfg_digit(s[i]))
			return false;
	return true;
}




/* Normalises a concrete key in one pass: lowercased, each all-digit
 * segment replaced by '#' (its value stored in idx when given).  Returns
 * the normal form's length, or 0 when it does not fit in norm. */
static size_t
ycfg_normalise(const char *key, size_t len, char *norm, size_t normsz,
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
				idx->leading_zero[idx->n] = sl > 1 && key[seg_i] == '0';
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

const struct ycfg_param *
ycfg_schema_lookup(const struct ycfg_schema *s, const char *key, size_t len,
		   struct ycfg_key_indices *idx)
{
	const struct ycfg_schema_index *x = s->priv;
	char norm[YCFG_KEY_NORM_MAX];
	struct ycfg_key_indices tmp;

	if (x == NULL || x->slots == NULL || len == 0)
		return NULL;

	size_t nl = ycfg_normalise(key, len, norm, sizeof(norm),
				   idx ? &tmp : NULL);

	if (nl == 0)
		return NULL;

	uint32_t h = YCFG_FNV_INIT;

	for (size_t i = 0; i < nl; i++)
		h = ycfg_fnv(h, norm[i]);
	for (size_t i = h & x->mask;; i = (i + 1) & x->mask) {
		uint32_t v = x->slots[i];

		if (v == 0)
			return NULL;

		const struct ycfg_pmeta *m = &x->meta[v - 1];

		if (m->hash == h && memcmp(m->norm, norm, nl + 1) == 0) {
			if (idx != NULL)
				*idx = tmp;
			return &x->params[v - 1];
		}
	}
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

		if (strlen(ns) == seg && strncasecmp(ns, key, seg) == 0)
			return true;
	}
	return false;
}

unsigned
ycfg_schema_model_accounts(const struct ycfg_schema *s, const char *model)
{
	if (model == NULL)
		return 0;
	for (size_t i = 0; i < s->nmodels; i++)
		if (strcasecmp(s->models[i].name, model) == 0)
			return s->models[i].accounts;
	return 0;
}

size_t
ycfg_pattern_expand(const char *pattern, const char *letters,
		    const uint64_t *v, unsigned n, char *buf, size_t bufsz)
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
			if (k == n || letters[k] == '\0')
				return 0;
			ol = (size_t)snprintf(tmp, sizeof(tmp), "%llu",
					      (unsigned long long)v[k]);
			out = tmp;
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

/* ------------------------------------------------------------------ */
/* suggestions                                                          */
/* ------------------------------------------------------------------ */

/* Writes pattern with its placeholders replaced, in order, by the digit
 * texts digits[0..nd) (the user's own spelling). */
static size_t
ycfg_write_with_digits(const char *pattern, const char *const *digits,
		       const size_t *dlen, size_t nd, char *buf, size_t bufsz)
{
	size_t o = 0, k = 0;
	const char *seg = pattern;

	for (const char *p = pattern;; p++) {
		if (*p != '.' && *p != '\0')
			continue;
		size_t sl = (size_t)(p - seg);
		const char *out = seg;
		size_t ol = sl;

		if (ycfg_is_placeholder(seg, sl)) {
			if (k == nd)
				return 0;
			out = digits[k];
			ol = dlen[k];
			k++;
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
	return k == nd ? o : 0;
}

/* Collects the all-digit segments of a key. */
static size_t
ycfg_digit_segments(const char *key, size_t len, const char **d, size_t *dl,
		    size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && key[i] != '.')
			continue;
		if (ycfg_all_digits(key + start, i - start)) {
			if (n == max)
				return max + 1;
			d[n] = key + start;
			dl[n] = i - start;
			n++;
		}
		start = i + 1;
	}
	return n;
}

/* Writes the suggestion for a known concrete key (a repaired one). */
static size_t
ycfg_suggest_found(const struct ycfg_param *p, const char *key, size_t len,
		   char *buf, size_t bufsz)
{
	const char *d[YCFG_MAX_INDICES];
	size_t dl[YCFG_MAX_INDICES];
	size_t nd = ycfg_digit_segments(key, len, d, dl, YCFG_MAX_INDICES);

	if (nd > YCFG_MAX_INDICES)
		return 0;
	return ycfg_write_with_digits(p->key, d, dl, nd, buf, bufsz);
}

/* Optimal string alignment distance, giving up above limit. */
static size_t
ycfg_osa(const char *a, size_t an, const char *b, size_t bn, size_t limit)
{
	unsigned short rows[3][YCFG_SUGGEST_MAX + 1];
	unsigned short *pp = rows[0], *pr = rows[1], *cur = rows[2];

	if (an > YCFG_SUGGEST_MAX || bn > YCFG_SUGGEST_MAX)
		return limit + 1;
	for (size_t j = 0; j <= bn; j++)
		pr[j] = (unsigned short)j;
	for (size_t i = 1; i <= an; i++) {
		size_t rowmin;

		cur[0] = (unsigned short)i;
		rowmin = i;
		for (size_t j = 1; j <= bn; j++) {
			unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned v = pr[j] + 1u;

			if (cur[j - 1] + 1u < v)
				v = cur[j - 1] + 1u;
			if (pr[j - 1] + cost < v)
				v = pr[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1u < v)
				v = pp[j - 2] + 1u;
			cur[j] = (unsigned short)v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > limit)
			return limit + 1;
		unsigned short *t = pp;

		pp = pr;
		pr = cur;
		cur = t;
	}
	return pr[bn];
}

/* Tries dots inserted at (or '_'/'-' replaced by dots at) the boundaries
 * between names and digit runs: "sip_server1" -> "sip_server.1",
 * "1port" -> "1.port", "server_1" -> "server.1". */
static size_t
ycfg_suggest_repair(const struct ycfg_schema *s, const char *key, size_t len,
		    char *buf, size_t bufsz)
{
	enum { MAXP = 6 };
	size_t at[MAXP];
	bool replace[MAXP];
	size_t np = 0, start = 0;

	for (size_t i = 0; i <= len && np < MAXP; i++) {
		if (i < len && key[i] != '.')
			continue;
		size_t sl = i - start;

		if (sl > 1 && !ycfg_all_digits(key + start, sl)) {
			size_t t = i;

			while (t > start && ycfg_digit(key[t - 1]))
				t--;
			if (t < i && t > start) {
				/* trailing digits: "name1" or "name_1" */
				char c = key[t - 1];
				bool rep = (c == '_' || c == '-') &&
					   t - 1 > start;

				at[np] = rep ? t - 1 : t;
				replace[np] = rep;
				np++;
			}
			size_t l = start;

			while (l < i && ycfg_digit(key[l]))
				l++;
			if (l > start && l < i && np < MAXP && l != t) {
				/* leading digits: "1port" */
				at[np] = l;
				replace[np] = false;
				np++;
			}
		}
		start = i + 1;
	}
	if (np == 0)
		return 0;

	char tmp[YCFG_SUGGEST_MAX + MAXP + 1];

	for (unsigned size = 1; size <= np; size++) {
		for (unsigned mask = 1; mask < (1u << np); mask++) {
			unsigned bits = 0;

			for (unsigned b = mask; b; b >>= 1)
				bits += b & 1u;
			if (bits != size)
				continue;
			size_t o = 0, k = 0;

			for (size_t i = 0; i < len; i++) {
				while (k < np && at[k] < i)
					k++;
				if (k < np && at[k] == i && (mask & (1u << k))) {
					tmp[o++] = '.';
					if (replace[k])
						continue;
				}
				tmp[o++] = key[i];
			}
			const struct ycfg_param *p =
				ycfg_schema_lookup(s, tmp, o, NULL);

			if (p != NULL && p->renamed_to == NULL)
				return ycfg_suggest_found(p, tmp, o, buf,
							  bufsz);
		}
	}
	return 0;
}

size_t
ycfg_schema_suggest(const struct ycfg_schema *s, const char *key, size_t len,
		    char *buf, size_t bufsz)
{
	const struct ycfg_schema_index *x = s->priv;

	if (x == NULL || len == 0 || len > YCFG_SUGGEST_MAX || bufsz == 0)
		return 0;

	if (ycfg_schema_lookup(s, key, len, NULL) != NULL)
		return 0;   /* nothing to correct */

	size_t r = ycfg_suggest_repair(s, key, len, buf, bufsz);

	if (r != 0)
		return r;

	/* nearest pattern by edit distance on the normal forms */
	char norm[YCFG_SUGGEST_MAX + 1];
	const char *d[YCFG_MAX_INDICES];
	size_t dl[YCFG_MAX_INDICES];
	size_t nd = ycfg_digit_segments(key, len, d, dl, YCFG_MAX_INDICES);
	size_t nl = 0, start = 0;

	if (nd > YCFG_MAX_INDICES)
		return 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && key[i] != '.')
			continue;
		if (ycfg_all_digits(key + start, i - start))
			norm[nl++] = '#';
		else
			for (size_t k = start; k < i; k++)
				norm[nl++] = ycfg_lc(key[k]);
		if (i < len)
			norm[nl++] = '.';
		start = i + 1;
	}
	norm[nl] = '\0';

	size_t limit = nl / 6 > 2 ? nl / 6 : 2;
	size_t best_d = limit + 1;
	long best = -1;

	for (size_t i = 0; i < x->n; i++) {
		const struct ycfg_param *p = &x->params[i];
		const char *pn = x->meta[i].norm;
		size_t pl = strlen(pn);

		if (p->renamed_to != NULL || strlen(p->placeholders) != nd)
			continue;
		if ((pl > nl ? pl - nl : nl - pl) >= best_d)
			continue;
		size_t dist = ycfg_osa(norm, nl, pn, pl, best_d - 1);

		if (dist < best_d && dist > 0) {
			best_d = dist;
			best = (long)i;
		}
	}
	if (best < 0)
		return 0;
	return ycfg_write_with_digits(x->params[best].key, d, dl, nd, buf,
				      bufsz);
}
