/*
 * schema_fields.c - one schema file from libcyaml's raw load to
 * descriptors (param.h).
 *
 * Every entry kind (parameter, model, index) is described by a const
 * table of fields: the YAML name, whether it holds a list, the value types
 * it applies to and a small handler that parses the text into the
 * descriptor.  libcyaml's own field tables are generated from these at
 * first use, so a new field is one row and one function, and the
 * "does not apply to this type" message is written once.
 *
 * All scalars are loaded as strings and parsed here, strictly.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cyaml/cyaml.h>

#include "schema_priv.h"
#include "ycfg/hash.h"
#include "ycfg/value.h"
#include "ycfg/yamlio.h"

/* ------------------------------------------------------------------ */
/* raw layout                                                           */
/* ------------------------------------------------------------------ */

/* Room for the fields of any entry kind: field i of a table is text[i]
 * (a scalar) or list[i] (a sequence of scalars). */
#define RAW_FIELDS 32

struct raw_list {
	char **v;
	unsigned v_count;     /* named so for CYAML_FIELD_SEQUENCE */
};

struct raw_entry {
	char *text[RAW_FIELDS];
	struct raw_list list[RAW_FIELDS];
};

struct ycfg_raw_file {
	char *version;
	char **namespaces;
	unsigned namespaces_count;
	char **secret_names;
	unsigned secret_names_count;
	struct raw_entry *indexes;
	unsigned indexes_count;
	struct raw_entry *models;
	unsigned models_count;
	struct raw_entry *enums;
	unsigned enums_count;
	struct raw_entry *params;
	unsigned params_count;
};

/* ------------------------------------------------------------------ */
/* conversion context                                                   */
/* ------------------------------------------------------------------ */

struct conv {
	struct ycfg_arena *a;
	struct ycfg_errs *e;
	enum ycfg_section sec;
	long i;                       /* entry index in its section */
	const char *key;              /* the entry's name, for messages */
	const char *origin;           /* the file's name */
	size_t errors_before;
	/* parameters */
	struct ycfg_param *p;
	struct ycfg_pmeta *m;
	char norm[YCFG_MAX_KEY + 1];
	char letters[YCFG_MAX_INDICES + 1];
	bool have_type;
	bool have_item;
	/* models, indexes and named enums */
	struct ycfg_named_enum *named;
	struct ycfg_model *model;
	struct ycfg_index *index;
};

#define CERR(c, field, ...) \
	ycfg_err_add((c)->e, (c)->sec, (c)->i, (field), __VA_ARGS__)

typedef void (*field_fn)(struct conv *c, const char *field, const char *text,
			 char *const *list, unsigned n);

struct field {
	const char *name;
	bool list;
	unsigned types;       /* parameters: YCFG_TYPE_BIT set; 0: all */
	const char *what;     /* plural noun for "... are for TYPES" */
	field_fn fn;
};

#define ALL_TYPES 0u
#define NUMERIC (YCFG_TYPE_BIT(YCFG_T_INT) | YCFG_TYPE_BIT(YCFG_T_FLOAT) | \
		 YCFG_TYPE_BIT(YCFG_T_PORT))
#define TEXTUAL (YCFG_TYPE_BIT(YCFG_T_STRING) | YCFG_TYPE_BIT(YCFG_T_HOST) | \
		 YCFG_TYPE_BIT(YCFG_T_URL) | YCFG_TYPE_BIT(YCFG_T_USERPASS) | \
		 YCFG_TYPE_BIT(YCFG_T_RESOURCE) | YCFG_TYPE_BIT(YCFG_T_LIST))
#define LISTED YCFG_TYPE_BIT(YCFG_T_LIST)
#define ENUMS (YCFG_TYPE_BIT(YCFG_T_ENUM) | LISTED)

static const char *const type_names[YCFG_T__COUNT] = {
	[YCFG_T_BOOL] = "bool",
	[YCFG_T_INT] = "int",
	[YCFG_T_FLOAT] = "float",
	[YCFG_T_ENUM] = "enum",
	[YCFG_T_STRING] = "string",
	[YCFG_T_HOST] = "host",
	[YCFG_T_PORT] = "port",
	[YCFG_T_URL] = "url",
	[YCFG_T_IP] = "ip",
	[YCFG_T_IPV4] = "ipv4",
	[YCFG_T_IPV6] = "ipv6",
	[YCFG_T_NETMASK] = "netmask",
	[YCFG_T_MAC] = "mac",
	[YCFG_T_TIME] = "time",
	[YCFG_T_TZ_OFFSET] = "tz_offset",
	[YCFG_T_DST_TIME] = "dst_time",
	[YCFG_T_USERPASS] = "userpass",
	[YCFG_T_RESOURCE] = "resource",
	[YCFG_T_LIST] = "list",
};

const char *
ycfg_type_name(enum ycfg_type t)
{
	if ((unsigned)t >= YCFG_T__COUNT)
		return "unknown";
	return type_names[t];
}

/* "int, float and port" for a set of types. */
static const char *
types_text(unsigned set, char *buf, size_t bufsz)
{
	size_t used = 0, left = 0;

	for (int t = 0; t < YCFG_T__COUNT; t++)
		left += (set & YCFG_TYPE_BIT(t)) != 0;
	buf[0] = '\0';
	for (int t = 0; t < YCFG_T__COUNT && used < bufsz; t++) {
		if (!(set & YCFG_TYPE_BIT(t)))
			continue;
		left--;
		int w = snprintf(buf + used, bufsz - used, "%s%s", type_names[t],
				 left == 0 ? "" : left == 1 ? " and " : ", ");

		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

/* Parses a range union into arena storage. */
static int
ranges_into(struct ycfg_arena *a, const char *text, bool milli,
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

/* "true" or "false". */
static void
parse_flag(struct conv *c, const char *field, const char *text, bool *out)
{
	if (strcmp(text, "true") == 0)
		*out = true;
	else if (strcmp(text, "false") == 0)
		*out = false;
	else
		CERR(c, field, "%s of %s must be true or false, not '%s'", field,
		     c->key, text);
}

/* Checks that every placeholder letter of sub is one of letters. */
static bool
letters_subset(const char *sub, const char *letters)
{
	for (; *sub; sub++)
		if (strchr(letters, *sub) == NULL)
			return false;
	return true;
}

static const char *
copy(struct conv *c, const char *text)
{
	return ycfg_arena_strdup(c->a, text);
}

/* ------------------------------------------------------------------ */
/* parameter fields                                                     */
/* ------------------------------------------------------------------ */

static void
f_type(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	for (int t = 0; t < YCFG_T__COUNT; t++) {
		if (strcmp(text, type_names[t]) == 0) {
			c->p->type = (enum ycfg_type)t;
			c->have_type = true;
			return;
		}
	}

	char all[160];

	CERR(c, field, "unknown type '%s' for %s: expected %s", text, c->key,
	     types_text((1u << YCFG_T__COUNT) - 1, all, sizeof(all)));
}

static void
f_summary(struct conv *c, const char *field, const char *text,
	  char *const *list, unsigned n)
{
	c->p->summary = copy(c, text);
}

static void
f_text(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	const char *v = copy(c, text);

	if (strcmp(field, "source") == 0)
		c->p->source = v;
	else if (strcmp(field, "notes") == 0)
		c->p->notes = v;
	else
		c->p->older = v;
}

static void
f_unverified(struct conv *c, const char *field, const char *text,
	     char *const *list, unsigned n)
{
	parse_flag(c, field, text, &c->p->unverified);
}

static void
f_secret(struct conv *c, const char *field, const char *text,
	 char *const *list, unsigned n)
{
	parse_flag(c, field, text, &c->p->secret);
}

static void
f_range(struct conv *c, const char *field, const char *text, char *const *list,
	unsigned n)
{
	enum ycfg_type t = c->p->type == YCFG_T_LIST ? c->p->item
						     : c->p->type;
	bool milli = t == YCFG_T_FLOAT;

	if (ranges_into(c->a, text, milli, &c->p->range) != 0) {
		CERR(c, field, "bad range '%s' for %s: expected values or LO..HI "
		     "joined by '|', e.g. 0|60..65535%s", text, c->key,
		     milli ? " (up to 3 fraction digits)" : "");
		return;
	}
	if (t != YCFG_T_PORT)
		return;
	for (size_t k = 0; k < c->p->range.n; k++) {
		if (c->p->range.v[k].lo < 0 || c->p->range.v[k].hi > 65535) {
			CERR(c, field, "range '%s' of port %s goes beyond "
			     "0..65535", text, c->key);
			return;
		}
	}
}

int
ycfg_nameset_init(struct ycfg_nameset *set, size_t n, bool nocase)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	set->slot = calloc(cap, sizeof(*set->slot));
	set->mask = cap - 1;
	set->nocase = nocase;
	return set->slot ? 0 : -1;
}

void
ycfg_nameset_free(struct ycfg_nameset *set)
{
	free(set->slot);
	set->slot = NULL;
}

static uint32_t
nameset_hash(const struct ycfg_nameset *set, const char *name)
{
	size_t len = strlen(name);

	return set->nocase ? ycfg_hash_lower(0, name, len)
			   : ycfg_fnv32(YCFG_FNV32_INIT, name, len);
}

static bool
nameset_eq(const struct ycfg_nameset *set, const char *a, const char *b)
{
	return (set->nocase ? strcasecmp(a, b) : strcmp(a, b)) == 0;
}

long
ycfg_nameset_find(const struct ycfg_nameset *set, const char *name)
{
	for (size_t i = nameset_hash(set, name) & set->mask;;
	     i = (i + 1) & set->mask) {
		const struct ycfg_nameslot *sl = &set->slot[i];

		if (sl->name == NULL)
			return -1;
		if (nameset_eq(set, sl->name, name))
			return (long)sl->idx;
	}
}

bool
ycfg_enum_name_ok(const char *name)
{
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return n > 0 && name[n] == '\0';
}

long
ycfg_nameset_put(struct ycfg_nameset *set, const char *name, size_t idx)
{
	for (size_t i = nameset_hash(set, name) & set->mask;;
	     i = (i + 1) & set->mask) {
		struct ycfg_nameslot *sl = &set->slot[i];

		if (sl->name == NULL) {
			sl->name = name;
			sl->idx = idx;
			return -1;
		}
		if (nameset_eq(set, sl->name, name))
			return (long)sl->idx;
	}
}

/* "VALUE Label" strings into enum values; NULL when out of memory. */
static struct ycfg_enum_value *
parse_values(struct conv *c, const char *field, char *const *list, unsigned n)
{
	struct ycfg_nameset seen;
	struct ycfg_enum_value *v = ycfg_arena_alloc(c->a, (n ? n : 1) *
						     sizeof(*v));

	if (v == NULL || ycfg_nameset_init(&seen, n, false) != 0) {
		CERR(c, field, "out of memory for the values of %s", c->key);
		return NULL;
	}
	for (unsigned k = 0; k < n; k++) {
		const char *s = list[k];
		const char *sp = strchr(s, ' ');
		size_t vl = sp ? (size_t)(sp - s) : strlen(s);

		if (vl == 0) {
			CERR(c, field, "empty value in the values of %s", c->key);
			continue;
		}
		v[k].value = ycfg_arena_strndup(c->a, s, vl);
		v[k].name = copy(c, sp ? sp + 1 : "");
		if (v[k].value != NULL &&
		    ycfg_nameset_put(&seen, v[k].value, k) >= 0)
			CERR(c, field, "value '%s' is listed twice for %s",
			     v[k].value, c->key);
	}
	ycfg_nameset_free(&seen);
	return v;
}

static void
f_values(struct conv *c, const char *field, const char *text,
	 char *const *list, unsigned n)
{
	c->p->values = parse_values(c, field, list, n);
	c->p->nvalues = c->p->values ? n : 0;
}

static void
f_max_length(struct conv *c, const char *field, const char *text,
	     char *const *list, unsigned n)
{
	int64_t v;

	if (ycfg_parse_int(text, strlen(text), &v) != YCFG_NUM_OK || v < 1)
		CERR(c, field, "bad max_length '%s' for %s: expected a positive "
		     "integer", text, c->key);
	else
		c->p->max_length = (size_t)v;
}

static void
f_n_range(struct conv *c, const char *field, const char *text,
	  char *const *list, unsigned n)
{
	if (strchr(c->letters, 'N') == NULL)
		CERR(c, field, "%s has n_range but no N in its key", c->key);
	else if (ranges_into(c->a, text, false, &c->p->n_range) != 0 ||
		 c->p->n_range.v[0].lo < 0)
		CERR(c, field, "bad n_range '%s' for %s: expected indices >= 0 "
		     "such as 1..12", text, c->key);
}

static void
f_default(struct conv *c, const char *field, const char *text,
	  char *const *list, unsigned n)
{
	c->p->def = copy(c, text);
}

/* A key pattern naming another entry: checked for shape here, resolved
 * when every file is staged. */
static const char *
ref_key(struct conv *c, const char *field, const char *text, bool subset)
{
	char norm[YCFG_MAX_KEY + 1], letters[YCFG_MAX_INDICES + 1];
	const char *why = ycfg_pattern_check(text, norm, sizeof(norm), letters);

	if (why != NULL)
		CERR(c, field, "bad %s key '%s' for %s: %s", field, text, c->key,
		     why);
	else if (subset && !letters_subset(letters, c->letters))
		CERR(c, field, "%s key '%s' of %s uses a placeholder that %s "
		     "does not have", field, text, c->key, c->key);
	return copy(c, text);
}

static void
f_fallback(struct conv *c, const char *field, const char *text,
	   char *const *list, unsigned n)
{
	c->p->fallback_key = ref_key(c, field, text, true);
}

static void
f_renamed_to(struct conv *c, const char *field, const char *text,
	     char *const *list, unsigned n)
{
	/* the replacement may add placeholders: a legacy per-account key
	 * often became a per-server one (Y) */
	char norm[YCFG_MAX_KEY + 1], letters[YCFG_MAX_INDICES + 1];
	const char *why = ycfg_pattern_check(text, norm, sizeof(norm), letters);

	if (why != NULL)
		CERR(c, field, "bad renamed_to '%s' for %s: %s", text, c->key,
		     why);
	c->p->renamed_to = copy(c, text);
}

static void
f_requires(struct conv *c, const char *field, const char *text,
	   char *const *list, unsigned n)
{
	/* conditions joined by " && ", each "KEY in RANGES" */
	size_t nc = 1;

	for (const char *q = text; (q = strstr(q, " && ")); q += 4)
		nc++;

	struct ycfg_cond *cv = ycfg_arena_alloc(c->a, nc * sizeof(*cv));
	const char **texts = ycfg_arena_alloc(c->a, nc * sizeof(*texts));
	struct ycfg_range *buf = ycfg_arena_alloc(
		c->a, nc * YCFG_COND_RANGES * sizeof(*buf));

	if (cv == NULL || texts == NULL || buf == NULL)
		return;

	const char *q = text;

	for (size_t k = 0; k < nc; k++) {
		const char *end = strstr(q, " && ");
		size_t cl = end ? (size_t)(end - q) : strlen(q);
		char one[YCFG_MAX_KEY + 64];
		char cnorm[YCFG_MAX_KEY + 1], clet[YCFG_MAX_INDICES + 1];
		struct ycfg_range tmp[YCFG_COND_RANGES];
		size_t tn;
		const char *why;

		if (cl >= sizeof(one))
			cl = sizeof(one) - 1;
		memcpy(one, q, cl);
		one[cl] = '\0';

		char *in = strstr(one, " in ");

		if (in == NULL) {
			CERR(c, field, "bad requires '%s' for %s: expected 'KEY "
			     "in RANGES' joined by ' && '", text, c->key);
			break;
		}
		*in = '\0';
		why = ycfg_pattern_check(one, cnorm, sizeof(cnorm), clet);
		if (why != NULL)
			CERR(c, field, "bad key '%s' in requires of %s: %s", one,
			     c->key, why);
		else if (!letters_subset(clet, c->letters))
			CERR(c, field, "requires key '%s' of %s uses a "
			     "placeholder that %s does not have", one, c->key,
			     c->key);
		else if (ycfg_parse_ranges(in + 4, true, tmp, YCFG_COND_RANGES,
					   &tn) != 0)
			CERR(c, field, "bad ranges '%s' in requires of %s", in + 4,
			     c->key);
		cv[k].key = copy(c, one);
		texts[k] = copy(c, in + 4);
		if (end == NULL)
			break;
		q = end + 4;
	}
	c->p->requires = cv;
	c->p->nrequires = nc;
	c->m->conds = cv;
	c->m->cond_text = texts;
	c->m->cond_buf = buf;
}

static void
f_when(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	if (ranges_into(c->a, text, c->p->type == YCFG_T_FLOAT,
			&c->p->when) != 0)
		CERR(c, field, "bad when '%s' for %s", text, c->key);
}

static void
f_requires_level(struct conv *c, const char *field, const char *text,
		 char *const *list, unsigned n)
{
	if (strcmp(text, "info") == 0)
		c->p->requires_level = YCFG_SEV_INFO;
	else if (strcmp(text, "warning") != 0)
		CERR(c, field, "bad requires_level '%s' for %s: expected warning "
		     "or info", text, c->key);
}

static void
f_adjust(struct conv *c, const char *field, const char *text,
	 char *const *list, unsigned n)
{
	const char *arrow = strstr(text, " -> ");
	size_t fl = arrow ? (size_t)(arrow - text) : 0;
	bool milli = c->p->type == YCFG_T_FLOAT;
	char from[128];

	if (arrow != NULL && fl < sizeof(from)) {
		const char *to = arrow + 4;
		enum ycfg_num_status s = milli ?
			ycfg_parse_milli(to, strlen(to), &c->p->adjust_to) :
			ycfg_parse_int(to, strlen(to), &c->p->adjust_to);

		memcpy(from, text, fl);
		from[fl] = '\0';
		if (s == YCFG_NUM_OK &&
		    ranges_into(c->a, from, milli, &c->p->adjust_from) == 0) {
			c->p->has_adjust = true;
			return;
		}
	}
	CERR(c, field, "bad adjust '%s' for %s: expected 'RANGES -> VALUE', "
	     "e.g. '1..59 -> 60'", text, c->key);
}

static void
f_multi_value(struct conv *c, const char *field, const char *text,
	      char *const *list, unsigned n)
{
	if (strcmp(text, "colon") == 0)
		c->p->multi_value_colon = true;
	else
		CERR(c, field, "bad multi_value '%s' for %s: expected colon",
		     text, c->key);
}

static void
f_aliases(struct conv *c, const char *field, const char *text,
	  char *const *list, unsigned n)
{
	const char **v = ycfg_arena_alloc(c->a, (n ? n : 1) * sizeof(*v));
	const char **norms = ycfg_arena_alloc(c->a, (n ? n : 1) *
					      sizeof(*norms));

	if (v == NULL || norms == NULL)
		return;
	for (unsigned k = 0; k < n; k++) {
		char norm[YCFG_MAX_KEY + 1], letters[YCFG_MAX_INDICES + 1];
		const char *why = ycfg_pattern_check(list[k], norm, sizeof(norm),
						     letters);

		if (why != NULL)
			CERR(c, field, "bad alias '%s' of %s: %s", list[k],
			     c->key, why);
		else if (strcmp(letters, c->letters) != 0)
			CERR(c, field, "alias '%s' of %s must have the same "
			     "placeholders in the same order", list[k], c->key);
		v[k] = copy(c, list[k]);
		norms[k] = copy(c, norm);
	}
	c->p->aliases = v;
	c->p->naliases = n;
	c->m->alias_norm = norms;
}

static void
f_file(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	static const char *const names[] = {
		[YCFG_SCOPE_ANY] = "any", [YCFG_SCOPE_COMMON] = "common",
		[YCFG_SCOPE_MAC] = "mac", [YCFG_SCOPE_BOOT] = "boot",
	};

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (strcmp(text, names[k]) == 0) {
			c->p->scope = (enum ycfg_scope)k;
			return;
		}
	}
	CERR(c, field, "bad file '%s' for %s: expected common, mac, boot or "
	     "any", text, c->key);
}

static void
f_trust(struct conv *c, const char *field, const char *text,
	char *const *list, unsigned n)
{
	static const char *const names[] = {
		[YCFG_TRUST_GUIDE] = "guide",
		[YCFG_TRUST_TEMPLATE] = "template",
		[YCFG_TRUST_NAME] = "name",
	};

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (strcmp(text, names[k]) == 0) {
			c->p->trust = (enum ycfg_trust)k;
			return;
		}
	}
	CERR(c, field, "bad trust '%s' for %s: expected guide, template or "
	     "name", text, c->key);
}

static void
f_enum(struct conv *c, const char *field, const char *text,
       char *const *list, unsigned n)
{
	if (!ycfg_enum_name_ok(text))
		CERR(c, field, "bad enum name '%s' for %s: expected a word of "
		     "a-z, 0-9 and '_'", text, c->key);
	c->p->enum_name = copy(c, text);
}

static void
f_item(struct conv *c, const char *field, const char *text,
       char *const *list, unsigned n)
{
	for (int t = 0; t < YCFG_T__COUNT; t++) {
		if (strcmp(text, type_names[t]) != 0)
			continue;
		if (t == YCFG_T_LIST || t == YCFG_T_USERPASS)
			break;
		c->p->item = (enum ycfg_type)t;
		c->have_item = true;
		return;
	}
	CERR(c, field, "bad item type '%s' for %s: expected a type other than "
	     "list and userpass", text, c->key);
}

static void
f_value_level(struct conv *c, const char *field, const char *text,
	      char *const *list, unsigned n)
{
	c->p->has_value_level = true;
	if (strcmp(text, "warning") == 0)
		c->p->value_level = YCFG_SEV_WARNING;
	else if (strcmp(text, "info") == 0)
		c->p->value_level = YCFG_SEV_INFO;
	else
		CERR(c, field, "bad value_level '%s' for %s: expected warning "
		     "or info", text, c->key);
}

static void
f_models(struct conv *c, const char *field, const char *text,
	 char *const *list, unsigned n)
{
	const char **v = ycfg_arena_alloc(c->a, (n ? n : 1) * sizeof(*v));

	if (v == NULL) {
		CERR(c, field, "out of memory for the models of %s", c->key);
		return;
	}
	for (unsigned k = 0; k < n; k++) {
		if (list[k][0] == '\0' || strchr(list[k], ' ') != NULL ||
		    strchr(list[k], ',') != NULL)
			CERR(c, field, "bad model '%s' for %s: expected a model "
			     "name such as T54W or a kind (desk, dect, "
			     "conference, video)", list[k], c->key);
		v[k] = copy(c, list[k]);
	}
	c->p->models = v;
	c->p->nmodels = n;
}

static void
f_role(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	if (strcmp(text, "overwrite_mode") == 0)
		c->p->role = YCFG_ROLE_OVERWRITE_MODE;
	else if (strcmp(text, "excluded_mode") == 0)
		c->p->role = YCFG_ROLE_EXCLUDED_MODE;
	else
		CERR(c, field, "bad role '%s' for %s: expected overwrite_mode "
		     "or excluded_mode", text, c->key);
}

/* The parameter fields.  key and type come first: the others need them. */
static const struct field param_fields[] = {
	{ "key", false, ALL_TYPES, NULL, NULL },
	{ "type", false, ALL_TYPES, NULL, f_type },
	{ "summary", false, ALL_TYPES, NULL, f_summary },
	{ "source", false, ALL_TYPES, NULL, f_text },
	{ "notes", false, ALL_TYPES, NULL, f_text },
	{ "older", false, ALL_TYPES, NULL, f_text },
	{ "unverified", false, ALL_TYPES, NULL, f_unverified },
	{ "secret", false, ALL_TYPES, NULL, f_secret },
	{ "item", false, LISTED, "item types", f_item },
	{ "range", false, NUMERIC | LISTED, "ranges", f_range },
	{ "values", true, ENUMS, "values", f_values },
	{ "enum", false, ENUMS, "named enums", f_enum },
	{ "max_length", false, TEXTUAL, "length limits", f_max_length },
	{ "n_range", false, ALL_TYPES, NULL, f_n_range },
	{ "default", false, ALL_TYPES, NULL, f_default },
	{ "fallback", false, ALL_TYPES, NULL, f_fallback },
	{ "requires", false, ALL_TYPES, NULL, f_requires },
	{ "when", false, ALL_TYPES, NULL, f_when },
	{ "requires_level", false, ALL_TYPES, NULL, f_requires_level },
	{ "adjust", false, NUMERIC, "adjustments", f_adjust },
	{ "multi_value", false, ALL_TYPES, NULL, f_multi_value },
	{ "renamed_to", false, ALL_TYPES, NULL, f_renamed_to },
	{ "aliases", true, ALL_TYPES, NULL, f_aliases },
	{ "file", false, ALL_TYPES, NULL, f_file },
	{ "role", false, ALL_TYPES, NULL, f_role },
	{ "trust", false, ALL_TYPES, NULL, f_trust },
	{ "value_level", false, ALL_TYPES, NULL, f_value_level },
	{ "models", true, ALL_TYPES, NULL, f_models },
};

#define NPARAM_FIELDS (sizeof(param_fields) / sizeof(param_fields[0]))

/* Position of a field in a table (for the cross-field checks). */
static int
field_id(const struct field *t, size_t n, const char *name)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(t[k].name, name) == 0)
			return (int)k;
	return -1;
}

#define PTEXT(r, name) ((r)->text[field_id(param_fields, NPARAM_FIELDS, name)])

/* Validates and converts one raw parameter into p/m.  Returns false when
 * an error was recorded. */
static bool
convert_param(struct conv *c, const struct raw_entry *r, const char *origin)
{
	const char *key = r->text[0];
	const char *why;

	c->key = key ? key : "";
	c->errors_before = c->e->n + c->e->dropped;
	if (key == NULL) {
		CERR(c, NULL, "params entry %ld has no key", c->i + 1);
		return false;
	}
	why = ycfg_pattern_check(key, c->norm, sizeof(c->norm), c->letters);
	if (why != NULL) {
		CERR(c, "key", "bad key '%s': %s", key, why);
		return false;
	}
	c->have_type = false;
	c->have_item = false;
	c->p->requires_level = YCFG_SEV_WARNING;
	c->p->key = copy(c, key);
	c->p->placeholders = copy(c, c->letters);
	c->p->origin = origin;
	c->m->norm = copy(c, c->norm);
	c->m->hash = ycfg_norm_hash(c->norm, strlen(c->norm));
	c->m->entry = (unsigned)c->i;

	for (size_t k = 1; k < NPARAM_FIELDS; k++) {
		const struct field *f = &param_fields[k];
		bool present = f->list ? r->list[k].v != NULL
				       : r->text[k] != NULL;

		if (!present)
			continue;
		if (f->types != ALL_TYPES && c->have_type &&
		    !(f->types & YCFG_TYPE_BIT(c->p->type))) {
			char t[80];

			CERR(c, f->name, "%s has %s but type %s; %s are for %s",
			     key, f->name, type_names[c->p->type], f->what,
			     types_text(f->types, t, sizeof(t)));
			continue;
		}
		if (!c->have_type && k > 1 && f->types != ALL_TYPES)
			continue;   /* no type: already an error */
		f->fn(c, f->name, r->text[k], r->list[k].v, r->list[k].v_count);
	}

	/* what needs several fields */
	if (r->text[1] == NULL)
		CERR(c, NULL, "%s has no type", key);
	if (c->p->summary == NULL || c->p->summary[0] == '\0')
		CERR(c, NULL, "%s has no summary", key);
	const char *unv = PTEXT(r, "unverified");

	if ((c->p->source == NULL || c->p->source[0] == '\0') &&
	    !c->p->unverified && (unv == NULL || strcmp(unv, "false") == 0))
		CERR(c, NULL, "%s has no source; add one or mark it "
		     "'unverified: true'", key);
	if (!c->have_type)
		return false;
	bool has_values = r->list[field_id(param_fields, NPARAM_FIELDS,
					       "values")].v != NULL;
	bool item_enum = c->p->type == YCFG_T_LIST &&
			 c->p->item == YCFG_T_ENUM;

	if ((c->p->type == YCFG_T_ENUM || item_enum) && !has_values &&
	    c->p->enum_name == NULL)
		CERR(c, NULL, "enum %s has no values (give values or enum)",
		     key);
	if (has_values && c->p->enum_name != NULL)
		CERR(c, "enum", "%s has both values and enum; keep one", key);
	if (c->p->type == YCFG_T_LIST && !c->have_item)
		CERR(c, NULL, "list %s has no item type", key);
	if (c->p->type == YCFG_T_LIST && c->have_item &&
	    (has_values || c->p->enum_name != NULL) && !item_enum)
		CERR(c, "values", "values of list %s need item: enum", key);
	if (c->p->type == YCFG_T_LIST && PTEXT(r, "range") != NULL &&
	    c->p->item != YCFG_T_INT && c->p->item != YCFG_T_PORT &&
	    c->p->item != YCFG_T_FLOAT)
		CERR(c, "range", "range of list %s needs a numeric item type",
		     key);
	if (c->p->trust == YCFG_TRUST_NAME && !c->p->unverified)
		CERR(c, "trust", "%s is known by name only (trust: name); "
		     "mark it 'unverified: true'", key);
	/* a value judged on a name alone is at most a warning */
	if (c->p->trust == YCFG_TRUST_NAME && !c->p->has_value_level) {
		c->p->has_value_level = true;
		c->p->value_level = YCFG_SEV_WARNING;
	}
	/* the password of a user:password pair is never printed */
	if (c->p->type == YCFG_T_USERPASS)
		c->p->secret = true;
	if (PTEXT(r, "when") != NULL && c->p->nrequires == 0)
		CERR(c, "when", "%s has 'when' but no 'requires'", key);
	if (PTEXT(r, "requires_level") != NULL && c->p->nrequires == 0)
		CERR(c, "requires_level", "%s has 'requires_level' but no "
		     "'requires'", key);
	if (c->p->role != YCFG_ROLE_NONE && c->p->scope != YCFG_SCOPE_BOOT)
		CERR(c, "role", "%s has a role but is not a boot directive "
		     "(file: boot)", key);

	/* the default must itself be acceptable (with a named enum: once
	 * the enum is known, when the schema is committed) */
	if (c->p->def != NULL && c->p->enum_name == NULL &&
	    c->e->n + c->e->dropped == c->errors_before) {
		struct ycfg_value_result res;

		if (!ycfg_value_check(c->p, key, strlen(key), c->p->def,
				      strlen(c->p->def), &res) &&
		    res.rule != YCFG_R_VALUE_ADJUSTED)
			CERR(c, "default", "default does not fit the entry: %s",
			     res.msg);
	}
	return c->e->n + c->e->dropped == c->errors_before;
}

/* ------------------------------------------------------------------ */
/* index and model fields                                               */
/* ------------------------------------------------------------------ */

static void
i_letter(struct conv *c, const char *field, const char *text,
	 char *const *list, unsigned n)
{
	if (!ycfg_is_placeholder(text, strlen(text)))
		CERR(c, field, "bad index letter '%s': expected one capital "
		     "letter such as X", text);
	else
		c->index->letter = text[0];
}

static void
i_text(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	const char *v = copy(c, text);

	if (strcmp(field, "name") == 0)
		c->index->name = v;
	else if (strcmp(field, "source") == 0)
		c->index->source = v;
	else
		c->index->prefix = v;
}

static void
i_range(struct conv *c, const char *field, const char *text,
	char *const *list, unsigned n)
{
	if (ranges_into(c->a, text, false, &c->index->range) != 0 ||
	    c->index->range.v[0].lo < 0)
		CERR(c, field, "bad range '%s' for index %s: expected indices "
		     ">= 0 such as 1..16", text, c->key);
}

static void
i_rule(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	int r = ycfg_rule_by_id(text);

	if (r < 0)
		CERR(c, field, "unknown rule '%s' for index %s", text, c->key);
	else
		c->index->rule = (enum ycfg_rule)r;
}

static void
i_enabled_by(struct conv *c, const char *field, const char *text,
	     char *const *list, unsigned n)
{
	char norm[YCFG_MAX_KEY + 1], letters[YCFG_MAX_INDICES + 1];
	const char *why = ycfg_pattern_check(text, norm, sizeof(norm), letters);

	if (why != NULL)
		CERR(c, field, "bad enabled_by key '%s' for index %s: %s", text,
		     c->key, why);
	else if (strlen(letters) != 1 || letters[0] != c->index->letter)
		CERR(c, field, "enabled_by key '%s' of index %s must use that "
		     "letter and no other", text, c->key);
	c->index->enabled_by = copy(c, text);
}

static void
i_model_count(struct conv *c, const char *field, const char *text,
	      char *const *list, unsigned n)
{
	if (strcmp(text, "accounts") != 0)
		CERR(c, field, "bad model_count '%s' for index %s: expected "
		     "accounts", text, c->key);
	c->index->model_count = copy(c, text);
}

static const struct field index_fields[] = {
	{ "letter", false, 0, NULL, i_letter },
	{ "name", false, 0, NULL, i_text },
	{ "range", false, 0, NULL, i_range },
	{ "prefix", false, 0, NULL, i_text },
	{ "rule", false, 0, NULL, i_rule },
	{ "enabled_by", false, 0, NULL, i_enabled_by },
	{ "model_count", false, 0, NULL, i_model_count },
	{ "source", false, 0, NULL, i_text },
};

#define NINDEX_FIELDS (sizeof(index_fields) / sizeof(index_fields[0]))

static void
m_name(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	c->model->name = copy(c, text);
}

static void
m_accounts(struct conv *c, const char *field, const char *text,
	   char *const *list, unsigned n)
{
	int64_t acc = 0;

	if (ycfg_parse_int(text, strlen(text), &acc) != YCFG_NUM_OK || acc < 1 ||
	    acc > 1000)
		CERR(c, field, "model %s needs accounts as a number 1..1000, not "
		     "'%s'", c->key, text);
	else {
		c->model->accounts = (unsigned)acc;
		c->model->accounts_range.lo = 1;
		c->model->accounts_range.hi = acc;
	}
}

static void
m_ranges(struct conv *c, const char *field, const char *text,
	 char *const *list, unsigned n)
{
	struct ycfg_model_range *v = ycfg_arena_alloc(c->a, (n ? n : 1) *
						      sizeof(*v));
	unsigned given[26] = { 0 };

	if (v == NULL) {
		CERR(c, field, "out of memory for the ranges of %s", c->key);
		return;
	}
	for (unsigned k = 0; k < n; k++) {
		const char *s = list[k];

		if (!(s[0] >= 'A' && s[0] <= 'Z') || s[1] != ' ' ||
		    ranges_into(c->a, s + 2, false, &v[k].range) != 0 ||
		    v[k].range.v[0].lo < 0) {
			CERR(c, field, "bad range '%s' of model %s: expected a "
			     "letter and indices such as 'L 1..27'", s, c->key);
			continue;
		}
		v[k].letter = s[0];
		if (given[s[0] - 'A']++)
			CERR(c, field, "model %s gives index %c twice",
			     c->key, s[0]);
	}
	c->model->ranges = v;
	c->model->nranges = n;
}

static void
m_text(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	if (strcmp(field, "source") == 0)
		c->model->source = copy(c, text);
	else
		c->model->notes = copy(c, text);
}

static const char *const kinds[] = {
	[YCFG_KIND_UNKNOWN] = "unknown",
	[YCFG_KIND_DESK] = "desk", [YCFG_KIND_DECT] = "dect",
	[YCFG_KIND_CONFERENCE] = "conference",
	[YCFG_KIND_VIDEO] = "video",
};

const char *
ycfg_model_kind_name(enum ycfg_model_kind k)
{
	return (unsigned)k < sizeof(kinds) / sizeof(kinds[0]) ? kinds[k]
							      : "unknown";
}

bool
ycfg_param_on_model(const struct ycfg_param *p, const struct ycfg_model *m)
{
	if (p->nmodels == 0 || m == NULL)
		return true;
	for (size_t i = 0; i < p->nmodels; i++)
		if (strcasecmp(p->models[i], m->name) == 0 ||
		    (m->kind != YCFG_KIND_UNKNOWN &&
		     strcmp(p->models[i], kinds[m->kind]) == 0))
			return true;
	return false;
}

static void
m_kind(struct conv *c, const char *field, const char *text, char *const *list,
       unsigned n)
{
	for (size_t k = 1; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (strcmp(text, kinds[k]) == 0) {
			c->model->kind = (enum ycfg_model_kind)k;
			return;
		}
	}
	CERR(c, field, "bad kind '%s' of model %s: expected desk, dect, "
	     "conference or video", text, c->key);
}

/* "y" and 12 digits, not all zero, then ".cfg". */
static void
m_common_file(struct conv *c, const char *field, const char *text,
	      char *const *list, unsigned n)
{
	if (strlen(text) != 17 || text[0] != 'y' ||
	    !ycfg_all_digits(text + 1, 12) || strcmp(text + 13, ".cfg") != 0 ||
	    strncmp(text + 1, "000000000000", 12) == 0)
		CERR(c, field, "bad common_file '%s' of model %s: expected a "
		     "name such as y000000000028.cfg", text, c->key);
	else
		c->model->common_file = copy(c, text);
}

static const struct field model_fields[] = {
	{ "name", false, 0, NULL, m_name },
	{ "accounts", false, 0, NULL, m_accounts },
	{ "kind", false, 0, NULL, m_kind },
	{ "common_file", false, 0, NULL, m_common_file },
	{ "ranges", true, 0, NULL, m_ranges },
	{ "source", false, 0, NULL, m_text },
	{ "notes", false, 0, NULL, m_text },
};

#define NMODEL_FIELDS (sizeof(model_fields) / sizeof(model_fields[0]))

static void
e_name(struct conv *c, const char *field, const char *text,
       char *const *list, unsigned n)
{
	if (!ycfg_enum_name_ok(text))
		CERR(c, field, "bad enum name '%s': expected a word of a-z, "
		     "0-9 and '_'", text);
	c->named->name = copy(c, text);
}

static void
e_values(struct conv *c, const char *field, const char *text,
	 char *const *list, unsigned n)
{
	c->named->values = parse_values(c, field, list, n);
	c->named->nvalues = c->named->values ? n : 0;
	if (n == 0)
		CERR(c, field, "enum %s has no values", c->key);
}

static void
e_text(struct conv *c, const char *field, const char *text,
       char *const *list, unsigned n)
{
	if (strcmp(field, "source") == 0)
		c->named->source = copy(c, text);
}

static const struct field enum_fields[] = {
	{ "name", false, 0, NULL, e_name },
	{ "values", true, 0, NULL, e_values },
	{ "source", false, 0, NULL, e_text },
	{ "notes", false, 0, NULL, e_text },
};

#define NENUM_FIELDS (sizeof(enum_fields) / sizeof(enum_fields[0]))

/* Runs every present field of a table. */
static void
apply_fields(struct conv *c, const struct field *t, size_t nt,
	     const struct raw_entry *r)
{
	for (size_t k = 0; k < nt; k++) {
		bool present = t[k].list ? r->list[k].v != NULL
					 : r->text[k] != NULL;

		if (present)
			t[k].fn(c, t[k].name, r->text[k], r->list[k].v,
				r->list[k].v_count);
	}
}

/* ------------------------------------------------------------------ */
/* libcyaml tables, generated from the field tables                     */
/* ------------------------------------------------------------------ */

static const cyaml_schema_value_t str_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

static cyaml_schema_field_t raw_param_fields[NPARAM_FIELDS + 1];
static cyaml_schema_field_t raw_index_fields[NINDEX_FIELDS + 1];
static cyaml_schema_field_t raw_model_fields[NMODEL_FIELDS + 1];
static cyaml_schema_field_t raw_enum_fields[NENUM_FIELDS + 1];
static pthread_once_t raw_once = PTHREAD_ONCE_INIT;

static void
build_fields(cyaml_schema_field_t *out, const struct field *t, size_t n)
{
	const cyaml_schema_field_t text = CYAML_FIELD_STRING_PTR(
		"", CYAML_FLAG_OPTIONAL, struct raw_entry, text[0], 0,
		CYAML_UNLIMITED);
	const cyaml_schema_field_t list = CYAML_FIELD_SEQUENCE(
		"", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct raw_entry,
		list[0].v, &str_entry, 0, CYAML_UNLIMITED);
	const cyaml_schema_field_t end = CYAML_FIELD_END;

	for (size_t k = 0; k < n; k++) {
		out[k] = t[k].list ? list : text;
		out[k].key = t[k].name;
		out[k].data_offset += (uint32_t)(k * (t[k].list
			? sizeof(struct raw_list) : sizeof(char *)));
		if (t[k].list)
			out[k].count_offset +=
				(uint32_t)(k * sizeof(struct raw_list));
	}
	out[n] = end;
}

static void
build_all(void)
{
	build_fields(raw_param_fields, param_fields, NPARAM_FIELDS);
	build_fields(raw_index_fields, index_fields, NINDEX_FIELDS);
	build_fields(raw_model_fields, model_fields, NMODEL_FIELDS);
	build_fields(raw_enum_fields, enum_fields, NENUM_FIELDS);
}

static const cyaml_schema_value_t param_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_entry,
			    raw_param_fields),
};
static const cyaml_schema_value_t index_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_entry,
			    raw_index_fields),
};
static const cyaml_schema_value_t model_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_entry,
			    raw_model_fields),
};
static const cyaml_schema_value_t enum_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_entry,
			    raw_enum_fields),
};

#define SEQ(name, member, entry) \
	CYAML_FIELD_SEQUENCE(name, CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, \
			     struct ycfg_raw_file, member, entry, 0, \
			     CYAML_UNLIMITED)

static const cyaml_schema_field_t file_fields[] = {
	CYAML_FIELD_STRING_PTR("version", CYAML_FLAG_OPTIONAL,
			       struct ycfg_raw_file, version, 0,
			       CYAML_UNLIMITED),
	SEQ("namespaces", namespaces, &str_entry),
	SEQ("secret_names", secret_names, &str_entry),
	SEQ("indexes", indexes, &index_entry),
	SEQ("models", models, &model_entry),
	SEQ("enums", enums, &enum_entry),
	SEQ("params", params, &param_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t file_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct ycfg_raw_file,
			    file_fields),
};

/* True for what a field name looks like: a short word of [a-z0-9_]. */
static bool
field_like(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return n > 0 && n <= 32 && s[n] == '\0';
}

/* Turns libcyaml's log into one message and line. */
static void
cyaml_report(struct ycfg_diags *d, const struct ycfg_src *src,
	     cyaml_err_t err, const struct ycfg_yaml_log *log)
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
	if (err == CYAML_ERR_ALIAS) {
		ycfg_diag_add(d, src->name, ycfg_yaml_find_alias(src->data,
								 src->len),
			      0, YCFG_R_SCHEMA_ERROR, "YAML aliases (*name) "
			      "are not allowed in a schema; write the "
			      "entry out");
		return;
	}
	ycfg_yaml_log_first(log, what, sizeof(what));
	line = ycfg_yaml_log_line(log);

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
		if (i <= 1 && !field_like(arg)) {
			/* not a schema at all (a configuration naming some
			 * other file): its content is not quoted */
			snprintf(msg, sizeof(msg), "%s", "not a schema file: "
				 "an entry here is no schema field (its text "
				 "is not quoted)");
			done = true;
			break;
		}
		if (i <= 1) {
			/* libcyaml names the mapping (unknown field) or the
			 * first occurrence (repeated field): point at the
			 * offending key itself */
			unsigned kl = ycfg_yaml_find_scalar(src->data, src->len,
							    line + i, arg);

			if (kl != 0)
				line = kl;
		}
		if (i >= 2) {
			/* "SEQUENCE_START" -> "a sequence" */
			char *u = strchr(arg, '_');

			if (u != NULL)
				*u = '\0';
			for (char *q = arg; *q; q++)
				*q = ycfg_lc(*q);
			snprintf(msg, sizeof(msg), "%sa %s%s", rewrites[i].pre,
				 arg, rewrites[i].post);
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
	if (line == 0 && strstr(log->text, "line: ") == NULL &&
	    strstr(msg, "mapping") != NULL)
		line = 1;
	ycfg_diag_add(d, src->name, line, 0, YCFG_R_SCHEMA_ERROR, "%s", msg);
}

struct ycfg_raw_file *
ycfg_raw_load(const struct ycfg_src *src, struct ycfg_diags *d)
{
	struct ycfg_yaml_log log;
	cyaml_config_t cfg;
	struct ycfg_raw_file *raw = NULL;
	cyaml_err_t err;

	pthread_once(&raw_once, build_all);
	ycfg_yaml_config(&cfg, &log);
	err = cyaml_load_data((const uint8_t *)src->data, src->len, &cfg,
			      &file_schema, (cyaml_data_t **)&raw, NULL);
	if (err != CYAML_OK) {
		cyaml_report(d, src, err, &log);
		return NULL;
	}
	if (raw == NULL && d != NULL)
		ycfg_diag_add(d, src->name, 0, 0, YCFG_R_SCHEMA_ERROR,
			      "empty schema file: version \"1\" is required");
	return raw;
}

void
ycfg_raw_free(struct ycfg_raw_file *raw)
{
	struct ycfg_yaml_log log;
	cyaml_config_t cfg;

	if (raw == NULL)
		return;
	ycfg_yaml_config(&cfg, &log);
	cyaml_free(&cfg, &file_schema, raw, 0);
}

/* ------------------------------------------------------------------ */
/* a whole file                                                         */
/* ------------------------------------------------------------------ */

static void
convert_indexes(struct conv *c, const struct ycfg_raw_file *raw,
		struct ycfg_file *f)
{
	c->sec = YCFG_SEC_INDEXES;
	for (unsigned i = 0; i < raw->indexes_count; i++) {
		const struct raw_entry *r = &raw->indexes[i];
		struct ycfg_index *x = &f->indexes[f->nindexes];
		size_t before = c->e->n + c->e->dropped;

		c->i = (long)i;
		c->index = x;
		c->key = r->text[0] ? r->text[0] : "";
		memset(x, 0, sizeof(*x));
		x->rule = YCFG_R_INDEX_RANGE;
		x->name = "";
		if (r->text[0] == NULL) {
			CERR(c, NULL, "indexes entry %u has no letter", i + 1);
			continue;
		}
		apply_fields(c, index_fields, NINDEX_FIELDS, r);
		for (size_t j = 0; j < f->nindexes; j++)
			if (f->indexes[j].letter == x->letter)
				CERR(c, "letter", "index %c is defined twice",
				     x->letter);
		if (c->e->n + c->e->dropped == before)
			f->nindexes++;
	}
}

static void
convert_enums(struct conv *c, const struct ycfg_raw_file *raw,
	      struct ycfg_file *f)
{
	struct ycfg_nameset seen;

	c->sec = YCFG_SEC_ENUMS;
	if (ycfg_nameset_init(&seen, raw->enums_count, false) != 0) {
		CERR(c, NULL, "out of memory for the enums");
		return;
	}
	for (unsigned i = 0; i < raw->enums_count; i++) {
		const struct raw_entry *r = &raw->enums[i];
		struct ycfg_named_enum *e = &f->enums[f->nenums];
		size_t before = c->e->n + c->e->dropped;

		c->i = (long)i;
		c->named = e;
		memset(e, 0, sizeof(*e));
		if (r->text[0] == NULL || r->text[0][0] == '\0') {
			CERR(c, NULL, "enums entry %u has no name", i + 1);
			continue;
		}
		c->key = r->text[0];
		apply_fields(c, enum_fields, NENUM_FIELDS, r);
		if (r->list[1].v == NULL)
			CERR(c, NULL, "enum %s has no values", c->key);
		if (ycfg_nameset_put(&seen, c->key, i) >= 0)
			CERR(c, "name", "enum %s is defined twice", c->key);
		e->origin = c->origin;
		if (c->e->n + c->e->dropped == before)
			f->nenums++;
	}
	ycfg_nameset_free(&seen);
}

static void
convert_models(struct conv *c, const struct ycfg_raw_file *raw,
	       struct ycfg_file *f)
{
	struct ycfg_nameset seen;

	c->sec = YCFG_SEC_MODELS;
	if (ycfg_nameset_init(&seen, raw->models_count, true) != 0) {
		CERR(c, NULL, "out of memory for the models");
		return;
	}
	for (unsigned i = 0; i < raw->models_count; i++) {
		const struct raw_entry *r = &raw->models[i];
		struct ycfg_model *m = &f->models[f->nmodels];
		size_t before = c->e->n + c->e->dropped;

		c->i = (long)i;
		c->model = m;
		memset(m, 0, sizeof(*m));
		if (r->text[0] == NULL || r->text[0][0] == '\0') {
			CERR(c, NULL, "models entry %u has no name", i + 1);
			continue;
		}
		c->key = r->text[0];
		apply_fields(c, model_fields, NMODEL_FIELDS, r);
		if (ycfg_nameset_put(&seen, c->key, i) >= 0)
			CERR(c, "name", "model %s is listed twice", c->key);
		if (c->e->n + c->e->dropped == before)
			f->nmodels++;
	}
	ycfg_nameset_free(&seen);
}

/* Copies a list of names, each checked by ok (NULL: any). */
static const char **
convert_names(struct conv *c, char *const *v, unsigned n, const char *field,
	      const char *(*bad)(const char *), size_t *out_n)
{
	const char **out = ycfg_arena_alloc(c->a, (n + 1) * sizeof(*out));

	*out_n = 0;
	if (out == NULL)
		return NULL;
	c->sec = YCFG_SEC_TOP;
	for (unsigned i = 0; i < n; i++) {
		const char *why = bad(v[i]);

		c->i = (long)i;
		if (why != NULL) {
			CERR(c, field, "bad %s '%s': %s", field, v[i], why);
			continue;
		}
		out[(*out_n)++] = copy(c, v[i]);
	}
	return out;
}

static const char *
bad_namespace(const char *ns)
{
	if (ns[0] == '\0' || strchr(ns, '.') != NULL || strchr(ns, ' ') != NULL)
		return "expected one key segment such as 'account'";
	return NULL;
}

static const char *
bad_secret_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || strchr(s, ' ') != NULL || s[0] == '.' ||
	    s[n - 1] == '.' || strstr(s, "..") != NULL)
		return "expected a glob for the last key segments such as "
		       "'*password*' or 'aes_key*.*'";
	return NULL;
}

/* The namespace message keeps its historic wording. */
static const char **
convert_namespaces(struct conv *c, const struct ycfg_raw_file *raw,
		   size_t *n)
{
	const char **out = ycfg_arena_alloc(c->a, (raw->namespaces_count + 1) *
					    sizeof(*out));

	*n = 0;
	if (out == NULL)
		return NULL;
	c->sec = YCFG_SEC_TOP;
	for (unsigned i = 0; i < raw->namespaces_count; i++) {
		const char *ns = raw->namespaces[i];

		c->i = (long)i;
		if (bad_namespace(ns) != NULL) {
			CERR(c, "namespaces", "bad namespace '%s': expected one "
			     "key segment such as 'account'", ns);
			continue;
		}
		out[(*n)++] = copy(c, ns);
	}
	return out;
}

int
ycfg_convert_file(const struct ycfg_raw_file *raw, const char *name,
		  struct ycfg_file *f, struct ycfg_errs *e)
{
	struct conv c = { .a = f->arena, .e = e, .i = -1 };

	if (raw->version == NULL)
		ycfg_err_add(e, YCFG_SEC_TOP, -1, NULL, "missing version: the "
			     "first line should be 'version: \"1\"'");
	else if (strcmp(raw->version, "1") != 0)
		ycfg_err_add(e, YCFG_SEC_TOP, -1, "version",
			     "unsupported schema version '%s': expected 1",
			     raw->version);

	const char *origin = ycfg_arena_strdup(c.a, name);

	f->models = ycfg_arena_alloc(c.a, (raw->models_count + 1) *
				     sizeof(*f->models));
	f->enums = ycfg_arena_alloc(c.a, (raw->enums_count + 1) *
				    sizeof(*f->enums));
	f->indexes = ycfg_arena_alloc(c.a, (raw->indexes_count + 1) *
				      sizeof(*f->indexes));
	f->params = ycfg_arena_alloc(c.a, (raw->params_count + 1) *
				     sizeof(*f->params));
	f->meta = ycfg_arena_alloc(c.a, (raw->params_count + 1) *
				   sizeof(*f->meta));
	if (origin == NULL || f->models == NULL || f->enums == NULL ||
	    f->indexes == NULL ||
	    f->params == NULL || f->meta == NULL)
		return -1;

	f->ns = convert_namespaces(&c, raw, &f->nns);
	f->secret_names = convert_names(&c, raw->secret_names,
					raw->secret_names_count,
					"secret_names", bad_secret_name,
					&f->nsecret);
	if (f->ns == NULL || f->secret_names == NULL)
		return -1;
	c.origin = origin;
	convert_indexes(&c, raw, f);
	convert_models(&c, raw, f);
	convert_enums(&c, raw, f);

	/* parameters, with a small table to catch duplicates in the file */
	struct ycfg_table dup = { 0 };
	size_t tsize = 16;

	while (tsize < raw->params_count * 2 + 16)
		tsize *= 2;
	dup.slots = calloc(tsize, sizeof(*dup.slots));
	dup.mask = tsize - 1;
	dup.meta = f->meta;
	if (dup.slots == NULL)
		return -1;
	c.sec = YCFG_SEC_PARAMS;
	for (unsigned i = 0; i < raw->params_count; i++) {
		struct ycfg_param *p = &f->params[f->nparams];
		struct ycfg_pmeta *m = &f->meta[f->nparams];

		c.i = (long)i;
		c.p = p;
		c.m = m;
		memset(p, 0, sizeof(*p));
		memset(m, 0, sizeof(*m));
		if (!convert_param(&c, &raw->params[i], origin) ||
		    p->key == NULL || m->norm == NULL) {
			memset(p, 0, sizeof(*p));
			memset(m, 0, sizeof(*m));
			continue;
		}

		long at = ycfg_table_find(&dup, m->norm, m->hash);

		if (at >= 0) {
			ycfg_err_add(e, YCFG_SEC_PARAMS, (long)i, "key",
				     "duplicate key %s (same as params entry "
				     "%u, %s)", p->key, f->meta[at].entry + 1,
				     f->params[at].key);
			continue;
		}

		size_t s = m->hash & dup.mask;

		while (dup.slots[s].param != 0)
			s = (s + 1) & dup.mask;
		dup.slots[s] = (struct ycfg_slot){ m->norm, m->hash,
						   (uint32_t)f->nparams + 1 };
		f->nparams++;
	}
	free(dup.slots);
	return e->n > 0 ? -1 : 0;
}
