/*
 * report.h - printing diagnostics.  The only place findings are printed.
 */
#ifndef YCFG_REPORT_H
#define YCFG_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "ycfg/diag.h"

enum ycfg_format {
	YCFG_FMT_TEXT,    /* FILE:LINE:COL: SEVERITY: MESSAGE [RULE] */
	YCFG_FMT_JSON,
	YCFG_FMT_GITHUB,  /* GitHub Actions workflow commands */
	YCFG_FMT_SARIF,   /* SARIF 2.1.0, minified */
};

/* Parses "text", "json", "github" or "sarif".  Returns 0, or -1 if
 * unknown. */
int ycfg_format_parse(const char *s, enum ycfg_format *out);

/* Writes every diagnostic of d (sort it first) to out in the format.
 * color adds ANSI colours to the text format.  nfiles is reported in the
 * JSON summary and in the final ::notice:: line of the GitHub format
 * (written when there are findings: GitHub shows only ten annotations of
 * each kind per step).  SARIF is written with default options (see
 * ycfg_report_sarif).  Returns 0, or -1 on a write error. */
int ycfg_report(FILE *out, enum ycfg_format fmt, const struct ycfg_diags *d,
		size_t nfiles, bool color);

/* A repair of one finding, as SARIF gives it: the file's bytes
 * [off, off + len) replaced by text. */
struct ycfg_sarif_fix {
	const char *description;
	size_t off, len;
	const char *text;
	size_t textlen;
};

struct ycfg_sarif_opts {
	const char *version;  /* tool.driver.version and semanticVersion;
	                       * NULL leaves them out */
	/* optional: the repair of finding i of the list, written as the
	 * result's "fixes"; false when it has none */
	bool (*fix_of)(void *ctx, size_t i, struct ycfg_sarif_fix *out);
	void *fix_ctx;
	const char *cwd;      /* base of relative URIs for absolute paths;
	                       * NULL: the current directory */
	bool no_source;       /* do not reopen the files for fingerprints */
};

/* Writes d (sort it first) as one SARIF 2.1.0 run, minified, ending in a
 * newline.  tool.driver.rules lists the whole catalogue in enum order, so
 * a result's ruleIndex is its rule's enum value.  Levels: error -> error,
 * warning -> warning, info -> note.  Lines and columns below 1 (file-level
 * findings) are written as 1.
 *
 * partialFingerprints["ycfg/v1"] is 16 hex digits of FNV-1a/64 over the
 * rule id, the artifact URI, the line's key and an occurrence number, each
 * followed by a NUL byte.  The line's key is read from the file: the text
 * before '=' of a setting, the first word of another line, the whole
 * trimmed comment of a comment line, empty for line 0 (values are never
 * hashed, so secrets do not leak into it).  When the file cannot be read
 * (standard input, no_source) the message with every digit run replaced
 * by '#' stands in for the key.  The occurrence number counts earlier
 * results of the same rule, URI and key in the report, so fingerprints
 * stay the same when lines are inserted or removed elsewhere in a file.
 * Returns 0, or -1 on a write error. */
int ycfg_report_sarif(FILE *out, const struct ycfg_diags *d,
		      const struct ycfg_sarif_opts *o);

/* The SARIF artifact URI of a diagnostic's file name: a leading "./" is
 * dropped, relative paths stay relative, absolute paths below cwd become
 * relative to it and other absolute paths become file:// URIs.  Bytes
 * other than A-Z a-z 0-9 - . _ ~ / are percent-encoded.  Returns the
 * length, or -1 when bufsz is too small. */
int ycfg_sarif_uri(const char *path, const char *cwd, char *buf,
		   size_t bufsz);

/* One-line summary such as "3 errors, 1 warning and 2 infos in 5 files
 * (2 phones)", or "no problems in 5 files"; the phones part only when
 * nphones is not 0. */
void ycfg_report_summary(FILE *out, const struct ycfg_diags *d,
			 size_t nfiles, size_t nphones);

#endif
