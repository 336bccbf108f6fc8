/*
 * lint.h - judging one provisioning file line by line.
 *
 * For each line: what the lexer reports, duplicate keys, index ranges,
 * the schema's value checks, unknown keys with suggestions, boot-file
 * directives and model names.  What needs more than one line or file
 * lives elsewhere: a boot file's includes and a phone's layers in
 * recipe.h, the conditions judged on a phone's effective configuration in
 * conditions.h, suppression comments in suppress.h.  Nothing here reads
 * the file system except ycfg_lint_path reading its input.
 */
#ifndef YCFG_LINT_H
#define YCFG_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/schema.h"
#include "ycfg/template.h"

struct ycfg_lint_opts {
	const struct ycfg_schema *schema;  /* may be NULL: no value checks */
	const char *model_name;            /* --model, or NULL */
	const struct ycfg_model *model;    /* its entry, or NULL */
	unsigned jobs;                     /* worker threads (0: one per CPU);
	                                    * 1 also keeps large files on one
	                                    * thread */
	/* templates: recognised by name or content (auto, the default),
	 * never, or every file read in template_dialect */
	enum ycfg_template_mode template_mode;
	enum ycfg_dialect template_dialect;
	/* optional: true when path is named a template (a configuration's
	 * templates globs); such a file is read as one unless the mode is
	 * a dialect */
	bool (*is_template)(const char *path, void *arg);
	void *is_template_arg;
};

/* Fills opts from a schema and an optional model name.  Returns 0, or -1
 * when the model is not in the schema's model table. */
int ycfg_lint_opts_init(struct ycfg_lint_opts *o,
			const struct ycfg_schema *schema, const char *model);

struct ycfg_lookup_memo;

/* One thread's linter: the options and a memo of recent schema lookups
 * (the same keys recur in every file of a tree).  Not shared between
 * threads. */
struct ycfg_linter {
	const struct ycfg_lint_opts *o;
	struct ycfg_lookup_memo *memo;     /* owned; made on first use */
	/* the file being linted, when it is a template: its spans (borrowed
	 * from the document) and the buffer they index */
	const struct ycfg_template *tpl;
	const char *tplbuf;
};

void ycfg_linter_init(struct ycfg_linter *l, const struct ycfg_lint_opts *o);
void ycfg_linter_free(struct ycfg_linter *l);

/* Lints the bytes in doc->buf (doc->path names them in diagnostics; boot
 * selects .boot syntax).  The document is reset first and holds the
 * file's settings and includes afterwards.  Findings go to d, counted
 * toward d's per-file cap as one file.  A template (see template.h and
 * the options) is linted through its view: doc->buf is blanked in place
 * and doc->tpl describes it; settings whose key or value holds a
 * placeholder, or that sit in an if, are recorded with YCFG_ENT_INVALID
 * (nothing certain to judge conditions on). */
void ycfg_lint_doc(struct ycfg_linter *l, struct ycfg_doc *doc, bool boot,
		   struct ycfg_diags *d);

/* Lints len bytes from memory (copied into doc), named name in
 * diagnostics (interned in d).  For editors, standard input and tests.
 * Returns 0, or -1 when out of memory. */
int ycfg_lint_memory(struct ycfg_linter *l, const char *name,
		     const char *data, size_t len, bool boot,
		     struct ycfg_doc *doc, struct ycfg_diags *d);

/* Reads path ("-" for standard input, named "<stdin>") into doc and lints
 * it (.boot syntax for *.boot).  Returns 0, or -1 when the input cannot
 * be read, with a reason ("cannot read 'x.cfg': Permission denied") in
 * err.  The path is interned in d. */
int ycfg_lint_path(struct ycfg_linter *l, const char *path,
		   struct ycfg_doc *doc, struct ycfg_diags *d, char *err,
		   size_t errsz);

#endif
