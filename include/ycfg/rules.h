/*
 * rules.h - the catalogue of every diagnostic ycfg can emit.
 *
 * Each rule has a stable kebab-case id (used in output, suppressions,
 * configuration and SARIF), a default severity and a one-line summary.
 * The table is const data; nothing here allocates.
 */
#ifndef YCFG_RULES_H
#define YCFG_RULES_H

enum ycfg_severity {
	YCFG_SEV_INFO = 0,
	YCFG_SEV_WARNING = 1,
	YCFG_SEV_ERROR = 2,
};

/* Rule identifiers.  Order is irrelevant to users; ids are the contract. */
enum ycfg_rule {
	/* file level */
	YCFG_R_MISSING_HEADER,
	YCFG_R_BAD_HEADER,
	YCFG_R_MISPLACED_HEADER,
	YCFG_R_UTF8_BOM,
	YCFG_R_NOT_TEXT,
	YCFG_R_LEGACY_FORMAT,
	YCFG_R_NO_FINAL_NEWLINE,
	YCFG_R_CR_LINE_ENDING,
	YCFG_R_FILE_TOO_LARGE,
	/* line level */
	YCFG_R_MISSING_EQUALS,
	YCFG_R_EMPTY_KEY,
	YCFG_R_SPACE_IN_KEY,
	YCFG_R_KEY_TOO_LONG,
	YCFG_R_LINE_TOO_LONG,
	YCFG_R_NUL_BYTE,
	YCFG_R_INVALID_UTF8,
	YCFG_R_TRAILING_WHITESPACE,
	YCFG_R_LEADING_WHITESPACE,
	YCFG_R_DUPLICATE_KEY,
	/* boot files */
	YCFG_R_INCLUDE_IN_CFG,
	YCFG_R_BAD_INCLUDE,
	YCFG_R_BAD_MODEL_BLOCK,
	YCFG_R_BAD_OVERWRITE_MODE,
	YCFG_R_UNKNOWN_BOOT_DIRECTIVE,
	YCFG_R_MISSING_INCLUDE,
	YCFG_R_URL_INCLUDE,
	YCFG_R_INCLUDE_OUTSIDE,
	YCFG_R_INCLUDE_CYCLE,
	YCFG_R_UNKNOWN_MODEL,
	/* schema-driven value checks */
	YCFG_R_INVALID_VALUE,
	YCFG_R_OUT_OF_RANGE,
	YCFG_R_VALUE_ADJUSTED,
	YCFG_R_VALUE_TOO_LONG,
	YCFG_R_UNKNOWN_KEY,
	YCFG_R_ACCOUNT_INDEX,
	YCFG_R_INDEX_RANGE,
	YCFG_R_RENAMED_KEY,
	YCFG_R_INEFFECTIVE_SETTING,
	/* suppression comments (# ycfg: disable=...) */
	YCFG_R_UNKNOWN_SUPPRESSION,
	YCFG_R_UNUSED_SUPPRESSION,
	/* schema files themselves */
	YCFG_R_SCHEMA_ERROR,
	/* phones: what they load (added after the first release: SARIF
	 * ruleIndex values of the rules above stay as they were) */
	YCFG_R_NOT_LOADED,
	YCFG_R_UNKNOWN_PHONE_MODEL,
	/* values the phone takes literally */
	YCFG_R_INLINE_COMMENT,
	YCFG_R_QUOTED_VALUE,
	YCFG_R_MASKED_SECRET,
	YCFG_R_BRACKET_LINE,
	/* directory walks */
	YCFG_R_LINK_NOT_FOLLOWED,
	/* the whole schema */
	YCFG_R_NOT_ON_MODEL,
	/* templates */
	YCFG_R_JOINED_LINES,
	YCFG_R__COUNT /**< not a rule */
};

/* How a rule's findings are repaired by lint --fix: safe fixes never
 * change what ycfg resolve gives for the file; unsafe ones change a value
 * because the value is wrong (--unsafe-fixes); some findings of an unsafe
 * rule have no fix (the value cannot be guessed). */
enum ycfg_fix_kind {
	YCFG_FIX_NONE,
	YCFG_FIX_SAFE,
	YCFG_FIX_UNSAFE,
	YCFG_FIX_BOTH,                /* safe in some cases, unsafe in others */
};

struct ycfg_rule_info {
	const char *id;               /* kebab-case, stable */
	enum ycfg_severity severity;  /* default severity */
	const char *summary;          /* one line, lowercase, no full stop */
	const char *description;      /* full text for `ycfg explain RULE` */
	const char *bad;              /* a line that triggers it (may be NULL) */
	const char *good;             /* the corrected line (may be NULL) */
};

/* How rule r's findings are fixed; *how (when not NULL) receives the
 * repair in words, or NULL. */
enum ycfg_fix_kind ycfg_rule_fix(enum ycfg_rule r, const char **how);

/* Returns the table entry for rule r; r must be < YCFG_R__COUNT. */
const struct ycfg_rule_info *ycfg_rule_info(enum ycfg_rule r);

/* Looks a rule up by id.  Returns the rule, or -1 when no rule has that id. */
int ycfg_rule_by_id(const char *id);

/* "safe", "unsafe", "safe or unsafe" or "none". */
const char *ycfg_fix_kind_name(enum ycfg_fix_kind k);

/* "error", "warning" or "info". */
const char *ycfg_severity_name(enum ycfg_severity s);

/* Parses "error", "warning" or "info".  Returns 0 and sets *out on
 * success, -1 (out untouched) otherwise. */
int ycfg_severity_parse(const char *s, enum ycfg_severity *out);

#endif
