/*
 * lint_priv.h - what lint.c shares with lint_split.c.  Not public.
 */
#ifndef YCFG_LINT_PRIV_H
#define YCFG_LINT_PRIV_H

#include <stdbool.h>

#include "ycfg/lexer.h"
#include "ycfg/lint.h"

/* Lints the lines a lexer yields into doc (whose path names the file). */
void ycfg_lint_lines(struct ycfg_linter *l, struct ycfg_doc *doc, bool boot,
		     struct ycfg_lexer *lx, struct ycfg_diags *d);

/* Files at least this large are linted in two halves at once. */
#define YCFG_SPLIT_MIN ((size_t)8 << 20)

/* Lints doc (not a boot file) in two halves on two threads, as if read in
 * order.  Returns false, having done nothing, when it cannot be split. */
bool ycfg_lint_split(struct ycfg_linter *l, struct ycfg_doc *doc,
		     struct ycfg_diags *d);

/* The duplicate-key message for line `line` of key, set before on
 * prev_line (blank: the later line's value is blank). */
void ycfg_lint_duplicate(struct ycfg_diags *d, const char *file,
			 unsigned line, unsigned col, const char *key,
			 size_t keylen, unsigned prev_line, bool blank);

#endif
