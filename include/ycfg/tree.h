/*
 * tree.h - devices made of several files: boot recipes, layer stacks and
 * linting whole provisioning directories.
 */
#ifndef YCFG_TREE_H
#define YCFG_TREE_H

#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/fileio.h"
#include "ycfg/lint.h"

/* Most different files one boot file may bring in (documented in
 * ycfg(1); beyond it a bad-include finding says the rest are ignored). */
#define YCFG_MAX_LAYERS 256

/* The documents of one device, lowest priority first. */
struct ycfg_stack {
	struct ycfg_doc *docs;            /* owned */
	const struct ycfg_doc **ptrs;     /* docs[i] as layer pointers */
	size_t n, cap;
	int overwrite_mode;               /* from the boot file, default 0 */
};

void ycfg_stack_init(struct ycfg_stack *st);
void ycfg_stack_free(struct ycfg_stack *st);

/* Loads a device: when paths is a single .boot file, its include:config
 * lines in order (the ones for o->model, relative to the boot file; URLs,
 * missing files and paths outside the tree are reported and skipped; a
 * file included twice counts once, at its last place) and its
 * overwrite_mode; otherwise the files in the order given.  Every file
 * is linted into d (per-file notes off).  Returns 0, or -1 with err set
 * when a named input cannot be read. */
int ycfg_stack_load(struct ycfg_stack *st, const struct ycfg_lint_opts *o,
		    char *const *paths, size_t npaths, struct ycfg_diags *d,
		    char *err, size_t errsz);

/* Lints files found in directories (as listed by
 * ycfg_find_provisioning_files: each directory's files together).  In each
 * directory y000000000000.cfg is parsed once and is the base layer of every
 * <MAC>.cfg beside it; a <MAC>.boot beside it replaces that default with
 * its own recipe.  Notes are judged on each device's effective config.
 * Unreadable files are reported on stderr and make the result -1; *nfiles
 * counts the files linted. */
int ycfg_lint_tree(const struct ycfg_lint_opts *o,
		   const struct ycfg_pathlist *files, struct ycfg_diags *d,
		   size_t *nfiles);

#endif
