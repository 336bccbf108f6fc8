/*
 * fix.h - the repairs of lint --fix: a file's bytes rewritten.
 *
 * What is repaired is decided by the findings lint kept for the file (so
 * --select, --ignore, severities and suppressions apply) and the rule
 * catalogue's fix kinds (rules.h): safe fixes never change what ycfg
 * resolve gives for the file; unsafe ones (asked for) change a value
 * because the value is wrong.  Repairs are made line by line on the
 * file's own bytes; what a fix does not touch stays byte for byte, so a
 * second run finds nothing more to do.  Templates and files that could
 * not be read as text are never rewritten.
 */
#ifndef YCFG_FIX_H
#define YCFG_FIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ycfg/diag.h"
#include "ycfg/rules.h"
#include "ycfg/schema.h"

/* One line of the original file ('\n'-terminated, the last one maybe not)
 * and what took its place in the new text. */
struct ycfg_fix_line {
	size_t old_off, old_len;   /* in the original bytes */
	size_t new_off, new_len;   /* in the new text: 0..2 lines */
	bool changed;
};

/* A finding repaired: its index in the findings, and the original line
 * its repair changed (0-based; SIZE_MAX: the whole file). */
struct ycfg_fix_applied {
	size_t diag;
	size_t line;
	bool deletes;              /* the repair removes the line */
};

struct ycfg_fix_result {
	char *text;                /* the new bytes (malloc'd); NULL: no fix */
	size_t len;
	size_t fixed[YCFG_R__COUNT];   /* findings repaired, per rule */
	size_t nfixed;
	struct ycfg_fix_line *lines;   /* per original line, for diffs */
	size_t nlines;
	const struct ycfg_schema *schema;  /* borrowed: secrets in diffs */
	struct ycfg_fix_applied *applied;
	size_t napplied, capapplied;
	bool oom;
};

/* Repairs the findings of d whose file is path (its bytes[0..len), a
 * boot file when boot), safe ones and, when unsafe, unsafe ones too.  s
 * (may be NULL) tells secrets, types and current key names.  Returns 0
 * with the result in out (text NULL when nothing is repaired), or -1
 * when out of memory. */
int ycfg_fix_file(const struct ycfg_schema *s, const char *path,
		  const char *bytes, size_t len, bool boot,
		  const struct ycfg_diags *d, bool unsafe,
		  struct ycfg_fix_result *out);
void ycfg_fix_result_free(struct ycfg_fix_result *r);

/* Writes a unified diff (3 lines of context) of a fix to f, the old file
 * named a/NAME and the new b/NAME; lines that show a secret are masked
 * (such a hunk then does not apply).  Returns 0, or -1 on a write error. */
int ycfg_fix_diff(const struct ycfg_fix_result *r, const char *name,
		  const char *bytes, size_t len, FILE *f);

/* The repair of finding diag (its index in the findings given to
 * ycfg_fix_file), for a SARIF fix: the original bytes [off, off + dlen)
 * (whole lines) become text[0..textlen).  False when the finding has no
 * repair, or when the lines show a secret (no repair is shown then). */
bool ycfg_fix_of(const struct ycfg_fix_result *r, const char *bytes,
		 size_t len, size_t diag, size_t *off, size_t *dlen,
		 const char **text, size_t *textlen);

#endif
