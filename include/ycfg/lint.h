/*
 * lint.h - judging provisioning files.
 *
 * For each file: the lexer's line checks, duplicate keys, account and
 * index ranges, schema value checks, boot directives, and the schema's
 * cross-parameter notes judged on the file's effective values.
 */
#ifndef YCFG_LINT_H
#define YCFG_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/schema.h"

struct ycfg_lint_opts {
	const struct ycfg_schema *schema;  /* may be NULL: no value checks */
	const char *model;                 /* --model, or NULL */
	unsigned max_accounts;             /* from the model; 16 without */
	unsigned jobs;                     /* worker threads for directory
	                                    * lint; 0 = number of CPUs */
	bool no_file_notes;                /* skip per-file notes: the caller
	                                    * judges them on a layer stack and
	                                    * then applies the file's
	                                    * suppression comments itself
	                                    * (ycfg_suppress_apply) */
};

enum ycfg_include_status {
	YCFG_INC_OK,
	YCFG_INC_URL,       /* scheme://... : never fetched */
	YCFG_INC_OUTSIDE,   /* absolute, or climbs above the boot file's dir */
	YCFG_INC_BOOT,      /* names a .boot file: would loop */
	YCFG_INC_MISSING,   /* no such regular file */
	YCFG_INC_SKIPPED,   /* [MODEL] block for other models */
};

/* Classifies include i of a boot document and, for YCFG_INC_OK, writes
 * the path to read (relative to the boot file's directory) into buf.
 * With any_model, [MODEL] guards are ignored (lint checks every line). */
enum ycfg_include_status ycfg_include_resolve(const struct ycfg_lint_opts *o,
					      const struct ycfg_doc *boot,
					      size_t i, bool any_model,
					      char *buf, size_t bufsz);

/* Fills opts from a schema and an optional model name.  Returns 0, or -1
 * when the model is not in the schema's model table. */
int ycfg_lint_opts_init(struct ycfg_lint_opts *o,
			const struct ycfg_schema *schema, const char *model);

/* Lints bytes already in doc->buf (doc->path names them in diagnostics;
 * boot selects .boot syntax).  The document is reset first and holds the
 * file's settings afterwards.  Findings go to d. */
void ycfg_lint_doc(const struct ycfg_lint_opts *o, struct ycfg_doc *doc,
		   bool boot, struct ycfg_diags *d);

/* Reads path ("-" for standard input, named "<stdin>") into doc and lints
 * it.  Returns 0, or -1 when the input cannot be read, with a reason
 * ("cannot read 'x.cfg': Permission denied") in err.  The path is
 * interned in d. */
int ycfg_lint_path(const struct ycfg_lint_opts *o, const char *path,
		   struct ycfg_doc *doc, struct ycfg_diags *d, char *err,
		   size_t errsz);

/* Judges the schema's cross-parameter notes for every setting of
 * layers[target] that is still effective, with values taken from all the
 * layers (lowest first).  Findings are reported at the lines of that layer
 * that set the dependent parameter, naming where each condition's value
 * came from. */
void ycfg_lint_notes(const struct ycfg_lint_opts *o,
		     const struct ycfg_doc *const *layers, size_t nlayers,
		     size_t target, int overwrite_mode, struct ycfg_diags *d);

#endif
