/*
 * lexer.h - split a provisioning file into classified lines.
 *
 * Zero-copy: every span points into the caller's buffer, which must outlive
 * the lines.  Nothing is allocated per line.  The lexer itself reports
 * everything that can be judged from one line (header, malformed lines,
 * encoding, whitespace) into the diagnostic list given at init; judging keys
 * and values is left to the caller.
 *
 * Limits (documented in ycfg(1)): a line longer than YCFG_LINE_MAX bytes is
 * reported and skipped, a key longer than YCFG_KEY_MAX bytes likewise.
 */
#ifndef YCFG_LEXER_H
#define YCFG_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/template.h"
#include "ycfg/utf8.h"

#define YCFG_LINE_MAX 8192
#define YCFG_KEY_MAX 255
#define YCFG_HEADER "#!version:1.0.0.1"

enum ycfg_line_kind {
	YCFG_LINE_BLANK,
	YCFG_LINE_COMMENT,
	YCFG_LINE_HEADER,   /* a correct header on line 1 */
	YCFG_LINE_KV,       /* key = value */
	YCFG_LINE_INCLUDE,  /* boot: include:config PATH (value = PATH) */
	YCFG_LINE_MODEL,    /* boot: a "[T46U,T54W]" line opening a block */
	YCFG_LINE_BAD,      /* malformed: a diagnostic was issued */
};

/* Value flags */
#define YCFG_VAL_NULL     0x01u /* the literal %NULL%: explicitly empty */
#define YCFG_VAL_BLANK    0x02u /* nothing after '=': "not given" */
#define YCFG_VAL_BAD_UTF8 0x04u /* the value holds invalid UTF-8 */
#define YCFG_VAL_MODELS   0x08u /* models span set ("[T46S]include:...") */
#define YCFG_VAL_TRAILING_WS 0x10u /* blanks after the value (trailcol) */

struct ycfg_line {
	enum ycfg_line_kind kind;
	unsigned lineno;        /* 1-based */
	const char *key;        /* KV: the key, trimmed */
	size_t keylen;
	unsigned keycol;        /* 1-based column of the key */
	const char *val;        /* KV: value, trimmed; INCLUDE: the path */
	size_t vallen;
	unsigned valcol;
	unsigned flags;
	const char *models;     /* MODEL / model-prefixed lines: "T46U,T54W" */
	size_t modelslen;
	unsigned trailcol;      /* YCFG_VAL_TRAILING_WS: where the blanks
	                         * after the value start */
};

struct ycfg_lexer {
	const char *p, *end, *buf;
	const char *file;          /* borrowed, used in diagnostics */
	struct ycfg_diags *diags;  /* may be NULL: no diagnostics */
	unsigned lineno;
	bool boot;                 /* .boot syntax: include:config, [MODEL] */
	bool has_cr, has_nul, has_8bit;
	bool cr_reported;
	bool binary, empty_reported;
	bool legacy;               /* a legacy section ended the lexing */
	bool has_directive;        /* a comment line holds "ycfg:" */
	const char *count_end;     /* where the legacy message's count of
	                            * skipped lines stops (split input) */
	const struct ycfg_template *tpl;  /* a template's spans, or NULL */
	unsigned header_line;      /* where the version header belongs: 1,
	                            * a template's first line with content,
	                            * 0 when an include supplies it */
};

/* Prepares to lex len bytes of buf.  file names the input in diagnostics
 * (borrowed).  boot selects boot-file syntax.  File-level findings (BOM,
 * binary or compressed content) are reported here; for binary input the
 * lexer yields no lines. */
void ycfg_lexer_init(struct ycfg_lexer *lx, const char *buf, size_t len,
		     const char *file, bool boot, struct ycfg_diags *diags);

/* Prepares to lex the part [start, end) of a larger buffer whose first
 * line is line first_line (> 1) of the file: no file-level checks.  Used to
 * lint a large file in parallel halves; start must follow a line ending. */
void ycfg_lexer_init_part(struct ycfg_lexer *lx, const char *buf,
			  size_t start, size_t end, unsigned first_line,
			  const char *file, bool boot,
			  struct ycfg_diags *diags);

/* Lexes buf as the view of a template that ycfg_template_scan made: the
 * version header belongs on its first line with content (or comes from
 * an included file), a line of nothing but placeholders renders to
 * unknown lines and is not judged, blanks and '=' inside a placeholder
 * belong to it, and blanks left where directives were are not the
 * file's.  t is borrowed and must outlive the lexer. */
void ycfg_lexer_set_template(struct ycfg_lexer *lx,
			     const struct ycfg_template *t);

/* Produces the next line into *out.  Returns false at the end of input. */
bool ycfg_lexer_next(struct ycfg_lexer *lx, struct ycfg_line *out);

/* True when path ends in ".boot". */
bool ycfg_path_is_boot(const char *path);

#endif
