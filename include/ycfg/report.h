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
};

/* Parses "text", "json" or "github".  Returns 0, or -1 if unknown. */
int ycfg_format_parse(const char *s, enum ycfg_format *out);

/* Writes every diagnostic of d (sort it first) to out in the format.
 * color adds ANSI colours to the text format.  nfiles is reported in the
 * JSON summary.  Returns 0, or -1 on a write error. */
int ycfg_report(FILE *out, enum ycfg_format fmt, const struct ycfg_diags *d,
		size_t nfiles, bool color);

/* One-line summary such as "3 errors, 1 warning and 2 infos in 5 files",
 * or "no findings in 5 files". */
void ycfg_report_summary(FILE *out, const struct ycfg_diags *d,
			 size_t nfiles);

/* Writes s as a JSON string (with quotes), escaping as RFC 8259 wants. */
void ycfg_json_string(FILE *out, const char *s);

#endif
