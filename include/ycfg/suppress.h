/*
 * suppress.h - suppression directives in comment lines.
 *
 * A directive is a standalone comment line (optional leading blanks, '#',
 * optional blanks, "ycfg:", optional blanks) holding one of:
 *
 *   disable-next-line=RULE[,RULE]  the next line that is not itself a
 *                                  directive
 *   disable=RULE[,RULE]            from this line on, until a matching
 *   enable=RULE[,RULE]             enable (or the end of the file)
 *   disable-file=RULE[,RULE]       the whole file, including findings
 *                                  about the file as such (line 0)
 *
 * RULE is a rule id or "all"; blanks around ',' and '=' are allowed, and
 * anything after the list that starts with "--" is a free-text reason.
 * "enable=all" closes every open range; "enable=R" after "disable=all"
 * re-enables R alone.  Lines are counted as the lexer counts them (LF,
 * CRLF, and a lone CR in a file that contains CRs).
 *
 * Directive problems are reported as info findings: unknown-suppression
 * for a malformed directive or an unknown rule id, unused-suppression for
 * a rule of a directive that suppressed nothing (unless that rule is off
 * in the list's levels) and for an enable without an open disable.
 * These are suppressed only by directives that name their rule, never by
 * "all".
 */
#ifndef YCFG_SUPPRESS_H
#define YCFG_SUPPRESS_H

#include <stddef.h>

#include "ycfg/diag.h"

/* Applies the directives of one file: buf/len are its bytes, file its
 * name as used in diagnostics, and d->v[start..d->n) the findings it
 * produced.  Suppressed findings of that file are removed (the array is
 * compacted in order and d->count[] kept right) and directive problems
 * appended.  Returns at once, touching nothing, when buf does not contain
 * "ycfg:".  Returns 0, or -1 when out of memory (nothing was suppressed,
 * or some directive problems are missing; d stays consistent). */
int ycfg_suppress_apply(const char *buf, size_t len, const char *file,
			struct ycfg_diags *d, size_t start);

#endif
