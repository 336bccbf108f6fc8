/*
 * tree.h - linting provisioning directories and single files: each file
 * line by line (lint.h), each boot file's includes (recipe.h), each
 * phone's conditions on its layers (conditions.h), then the file's
 * suppression comments (suppress.h).
 */
#ifndef YCFG_TREE_H
#define YCFG_TREE_H

#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/fileio.h"
#include "ycfg/lint.h"

/* Lints files found in directories (as listed by
 * ycfg_find_provisioning_files: each directory's files together).  In each
 * directory y000000000000.cfg is parsed once and is the base layer of every
 * <MAC>.cfg beside it; a <MAC>.boot beside it replaces that default with
 * its own recipe.  Conditions are judged on each device's effective
 * configuration.  Files that cannot be read are recorded as troubles in
 * d and make the result -1; *nfiles counts the files linted. */
int ycfg_lint_tree(const struct ycfg_lint_opts *o,
		   const struct ycfg_pathlist *files, struct ycfg_diags *d,
		   size_t *nfiles);

/* Lints one named file ("-": standard input) as its own phone.  Returns
 * 0, or -1 with err set when it cannot be read. */
int ycfg_lint_single(struct ycfg_linter *l, const char *path,
		     struct ycfg_doc *doc, struct ycfg_diags *d, char *err,
		     size_t errsz);

/* The same for bytes in memory named name (.boot syntax when it ends in
 * .boot; include paths are relative to name's directory).  Returns 0, or
 * -1 when out of memory. */
int ycfg_lint_single_memory(struct ycfg_linter *l, const char *name,
			    const char *data, size_t len,
			    struct ycfg_doc *doc, struct ycfg_diags *d);

#endif
