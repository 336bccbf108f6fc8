/*
 * diag.h - diagnostics as data.
 *
 * A diagnostic is {file, line, column, severity, rule, message}.  Producers
 * (lexer, checks, rules) append to a struct ycfg_diags; only reporters print.
 * Lines and columns are 1-based; line 0 means "the whole file".
 *
 * Messages never contain the value of a secret key: producers must not pass
 * such a value in; see ycfg_param.secret in schema.h.
 */
#ifndef YCFG_DIAG_H
#define YCFG_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "ycfg/rules.h"

struct ycfg_diag {
	const char *file;            /* borrowed from the list's string store */
	unsigned line;
	unsigned col;
	enum ycfg_severity severity; /* after per-rule overrides */
	enum ycfg_rule rule;
	const char *msg;             /* owned by the list's string store */
};

/* Per-rule level: a severity, or YCFG_LEVEL_OFF to drop the rule. */
#define YCFG_LEVEL_OFF (-1)

struct ycfg_strblock;

struct ycfg_diags {
	struct ycfg_diag *v;
	size_t n, cap;
	struct ycfg_strblock *strings;   /* private: message and name store */
	signed char level[YCFG_R__COUNT]; /* severity per rule, or OFF */
	size_t count[3];                 /* kept diagnostics per severity */
	bool overridden[YCFG_R__COUNT];  /* level set by the user */
	/* Per-file cap (0: none): past it a rule's findings in the current
	 * file are counted, not stored; see ycfg_diags_end_file(). */
	unsigned file_cap;
	unsigned file_count[YCFG_R__COUNT];
	unsigned dropped_line[YCFG_R__COUNT];
	/* Run errors: what makes the run exit 2 besides findings (an input
	 * that cannot be read), as messages for the caller to print. */
	const char **troubles;
	size_t ntroubles, troubles_cap;
	/* Sticky: some diagnostic or trouble was lost for lack of memory, so
	 * the report is incomplete and the run must exit 2. */
	bool oom;
};

/* Default per-rule, per-file cap used by the command line. */
#define YCFG_DIAG_CAP 1000

/* Initialises an empty list with every rule at its default severity. */
void ycfg_diags_init(struct ycfg_diags *d);

/* Frees everything the list owns; d may then be re-initialised. */
void ycfg_diags_free(struct ycfg_diags *d);

/* Drops all diagnostics but keeps the levels (and the allocations, for
 * reuse).  Strings returned by ycfg_diags_intern() become invalid. */
void ycfg_diags_clear(struct ycfg_diags *d);

/* Copies s into the list's string store and returns the stable copy.
 * Valid until ycfg_diags_clear() or ycfg_diags_free(). */
const char *ycfg_diags_intern(struct ycfg_diags *d, const char *s);

/* Appends a diagnostic.  file must stay valid as long as the list (intern
 * it first when it does not).  The message is formatted with printf
 * semantics and copied.  A rule whose level is OFF is dropped.  Returns 0,
 * or -1 when memory ran out (the diagnostic is lost, the list stays valid). */
int ycfg_diag_add(struct ycfg_diags *d, const char *file, unsigned line,
		  unsigned col, enum ycfg_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

int ycfg_diag_vadd(struct ycfg_diags *d, const char *file, unsigned line,
		   unsigned col, enum ycfg_rule rule, const char *fmt,
		   va_list ap) __attribute__((format(printf, 6, 0)));

/* True when a finding of rule at line would be dropped (rule off, or the
 * per-file cap reached; the drop is counted as ycfg_diag_add would).  Lets
 * hot paths skip formatting a message nobody will see. */
static inline bool
ycfg_diag_dropped(struct ycfg_diags *d, enum ycfg_rule rule, unsigned line)
{
	if (d->level[rule] == YCFG_LEVEL_OFF)
		return true;
	if (d->file_cap == 0 || d->file_count[rule] < d->file_cap)
		return false;
	d->file_count[rule]++;
	if (d->dropped_line[rule] == 0)
		d->dropped_line[rule] = line ? line : 1;
	return true;
}

/* Like ycfg_diag_add, with a severity chosen by the producer (a schema
 * note's level); a level the user set for the rule still wins. */
int ycfg_diag_add_sev(struct ycfg_diags *d, const char *file, unsigned line,
		      unsigned col, enum ycfg_rule rule,
		      enum ycfg_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Sets a rule's level (a severity or YCFG_LEVEL_OFF) as the user's
 * choice. */
void ycfg_diags_set_level(struct ycfg_diags *d, enum ycfg_rule rule,
			  int level);

/* Starts counting toward the per-file cap for a new file. */
void ycfg_diags_begin_file(struct ycfg_diags *d);

/* Adds one summary diagnostic per rule that went over the cap in the
 * current file ("... N more findings not listed"), at the line of the
 * first finding left out. */
void ycfg_diags_end_file(struct ycfg_diags *d, const char *file);

/* Moves every diagnostic and trouble of src to the end of dst, handing
 * over the strings they point to (no copies); src is left empty but
 * usable.  Returns 0, or -1 when out of memory (src is then untouched and
 * dst->oom set). */
int ycfg_diags_move(struct ycfg_diags *dst, struct ycfg_diags *src);

/* Initialises dst with src's rule levels and per-file cap (a worker's or
 * a file half's list, to be moved into src later). */
void ycfg_diags_init_like(struct ycfg_diags *dst,
			  const struct ycfg_diags *src);

/* Moves b's findings into a as if they had been produced in a after a's
 * own findings of the same file: the per-file cap counts both, b's
 * findings beyond it are dropped and counted.  Returns as
 * ycfg_diags_move. */
int ycfg_diags_merge_capped(struct ycfg_diags *a, struct ycfg_diags *b);

/* Removes the findings of rule from d->v[start..). */
void ycfg_diags_remove_rule(struct ycfg_diags *d, size_t start,
			    enum ycfg_rule rule);

/* Records a run error (printf-style message, copied).  Returns 0, or -1
 * when out of memory (d->oom is then set). */
int ycfg_diags_trouble(struct ycfg_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* True when the run must exit 2: a trouble was recorded or memory ran
 * out. */
bool ycfg_diags_failed(const struct ycfg_diags *d);

/* Sorts by file name (strcmp), line, column, rule and message, so output
 * is stable whatever order produced it. */
void ycfg_diags_sort(struct ycfg_diags *d);

/* Highest severity present, or -1 for an empty list. */
int ycfg_diags_max_severity(const struct ycfg_diags *d);

#endif
