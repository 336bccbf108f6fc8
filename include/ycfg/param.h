/*
 * param.h - the descriptors the schema is made of: value types, ranges,
 * parameters, index placeholders and models.
 *
 * These are plain data.  The schema module (schema.h) builds them from
 * YAML and looks them up; the value module (value.h) judges a value
 * against a parameter; nothing here knows any Yealink key by name.
 */
#ifndef YCFG_PARAM_H
#define YCFG_PARAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/rules.h"

/* Most steps a chain of -1 fallbacks may take; a schema with a longer
 * chain, or a loop, is rejected when it is loaded. */
#define YCFG_FALLBACK_DEPTH 4

enum ycfg_type {
	YCFG_T_BOOL,    /* "0" or "1" */
	YCFG_T_INT,     /* strict decimal integer within ranges */
	YCFG_T_FLOAT,   /* decimal with up to 3 fraction digits, within ranges */
	YCFG_T_ENUM,    /* one of the listed values */
	YCFG_T_STRING,  /* any text, max_length code points when set */
	YCFG_T_HOST,    /* IPv4, IPv6 or domain name */
	YCFG_T_PORT,    /* integer 0..65535 (or ranges when given) */
	YCFG_T_URL,     /* scheme://rest, no whitespace */
	YCFG_T_IP,      /* an IPv4 or IPv6 address, no name */
	YCFG_T_IPV4,
	YCFG_T_IPV6,
	YCFG_T_NETMASK, /* dotted IPv4 mask, contiguous ones */
	YCFG_T_MAC,     /* 12 hex digits, optionally paired by ':' or '-' */
	YCFG_T_TIME,    /* HH:MM, 00:00..23:59 */
	YCFG_T_TZ_OFFSET, /* hours from UTC: 0, +8, -3:30, +5:45 */
	YCFG_T_DST_TIME,  /* Month/Day/Hour or Month/Week/Weekday/Hour */
	YCFG_T_USERPASS,  /* user:password; the password is secret */
	YCFG_T_RESOURCE,  /* a URL or a file on the phone (Resource:x.wav) */
	YCFG_T_LIST,    /* comma-separated items of the entry's item type */
	YCFG_T__COUNT   /**< not a type */
};

/* How much a parameter's facts can be trusted. */
enum ycfg_trust {
	YCFG_TRUST_GUIDE = 0, /* a guide's parameter table: full checks */
	YCFG_TRUST_TEMPLATE,  /* Yealink's own template comments: full checks */
	YCFG_TRUST_NAME,      /* only its name is known (real files): the
	                       * value is judged at most as a warning */
};

/* Bit of a type in a set of types (field tables, checks). */
#define YCFG_TYPE_BIT(t) (1u << (t))

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

/* A list of values shared by many keys (the line-key types of linekey,
 * programablekey and expansion_module), named in their `enum` field. */
struct ycfg_named_enum {
	const char *name;
	const struct ycfg_enum_value *values;
	size_t nvalues;
	const char *source;
	const char *origin;         /* schema file that defined it */
};

/* One condition of a parameter: KEY's effective value in SET.  key uses
 * the same placeholders as the dependent entry, which binds them. */
struct ycfg_cond {
	const char *key;
	const struct ycfg_param *param;  /* resolved at load time */
	struct ycfg_ranges in;
};

/* What a parameter is for in the mechanisms ycfg implements. */
enum ycfg_role {
	YCFG_ROLE_NONE = 0,
	/* boot directive whose 0/1 value says what a blank value does when
	 * layers are merged (resolve.h) */
	YCFG_ROLE_OVERWRITE_MODE,
	/* boot directive: with 1, a phone that has [MODEL] lines loads only
	 * those (recipe.h) */
	YCFG_ROLE_EXCLUDED_MODE,
};

/* Which kind of file a parameter belongs in. */
enum ycfg_scope {
	YCFG_SCOPE_ANY = 0,   /* any .cfg file (the guides' file column is
	                       * not recorded) */
	YCFG_SCOPE_COMMON,    /* the guides put it in the common file */
	YCFG_SCOPE_MAC,       /* the guides put it in <MAC>.cfg */
	YCFG_SCOPE_BOOT,      /* a boot-file directive, never in a .cfg */
};

struct ycfg_param {
	const char *key;            /* pattern, e.g. account.X.sip_server.Y.port */
	enum ycfg_type type;
	struct ycfg_ranges range;   /* INT, FLOAT, PORT */
	const struct ycfg_enum_value *values;   /* ENUM, or LIST items */
	size_t nvalues;
	const char *enum_name;      /* values from this named enum (schema.h) */
	enum ycfg_type item;        /* LIST: the type of each item; range,
	                             * values and max_length apply to items */
	size_t max_length;          /* STRING/HOST/URL; 0 = no limit */
	struct ycfg_ranges n_range; /* allowed N indices; n == 0: any >= 0 */
	const char *def;            /* default as written in the guide, or NULL */
	/* -1 means "take the effective value of this key" (same indexes). */
	const char *fallback_key;
	const struct ycfg_param *fallback;       /* resolved at load time */
	/* Conditions: every one must hold for this setting to take effect.
	 * Judged when the effective value is in `when` (or, when `when` is
	 * unbounded, differs from the default); see conditions.h. */
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
	enum ycfg_trust trust;
	/* with has_value_level: the severity of a value that does not fit,
	 * milder than the rule's (sources disagree, or only the name is
	 * known) */
	bool has_value_level;
	enum ycfg_severity value_level;
	/* models or kinds (desk, dect, conference, video) the key exists on;
	 * none: every model */
	const char *const *models;
	size_t nmodels;
	bool multi_value_colon;     /* repeated lines keyed by text before ':' */
	enum ycfg_scope scope;
	enum ycfg_role role;
	const char *renamed_to;     /* legacy key: the key that replaced it */
	const char *summary;        /* one line */
	const char *notes;          /* free text, may be NULL */
	const char *source;         /* guide edition and page URL */
	const char *older;          /* what older guides said, may be NULL */
	const char *placeholders;   /* e.g. "XY": the letter of each index
	                             * segment of key, in order */
	const char *const *aliases; /* other spellings of the same key */
	size_t naliases;
	const char *origin;         /* schema file that defined this entry */
};

/* An index placeholder: a capital letter in a key pattern that stands for
 * a numeric segment.  What it counts and its range are schema data. */
struct ycfg_index {
	char letter;                /* 'X' */
	const char *name;           /* "account"; "" for a bare index */
	struct ycfg_ranges range;   /* without a model; n == 0: entry's n_range
	                             * or any index >= 0 */
	/* Key prefix whose next segment is always this index, checked even
	 * for unknown keys ("account" makes "account.0.foo" a finding). */
	const char *prefix;
	enum ycfg_rule rule;        /* reports a bad index */
	/* Pattern (using this letter) whose effective value 1 switches an
	 * instance on; --defaults only lists defaults of instances that are
	 * on.  NULL: every instance in range. */
	const char *enabled_by;
	/* Model field whose number N makes this index 1..N on that model:
	 * "accounts", or NULL. */
	const char *model_count;
	const char *source;
};

/* One per-model override of an index range: "L 1..27". */
struct ycfg_model_range {
	char letter;
	struct ycfg_ranges range;
};

/* What kind of phone a model is. */
enum ycfg_model_kind {
	YCFG_KIND_UNKNOWN = 0,
	YCFG_KIND_DESK,
	YCFG_KIND_DECT,
	YCFG_KIND_CONFERENCE,
	YCFG_KIND_VIDEO,
};

struct ycfg_model {
	const char *name;           /* e.g. "T54W" */
	enum ycfg_model_kind kind;
	/* the model's own common file of older firmware, fetched when no
	 * boot file exists: "y000000000096.cfg", or NULL */
	const char *common_file;
	unsigned accounts;          /* e.g. 16 */
	struct ycfg_range accounts_range; /* 1..accounts, for the index whose
	                             * model_count is "accounts" */
	const struct ycfg_model_range *ranges;   /* other index ranges */
	size_t nranges;
	const char *source;
	const char *notes;
};

#endif
