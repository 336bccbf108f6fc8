/*
 * recipe.h - what a phone loads: a boot file's include lines, checked and
 * followed in order, and the stack of documents they make.
 *
 * Include paths are relative to the boot file's directory and never leave
 * it; URLs are never fetched; boot files may not include boot files.
 */
#ifndef YCFG_RECIPE_H
#define YCFG_RECIPE_H

#include <stdbool.h>
#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/lint.h"

/* Most different files one boot file may bring in (documented in
 * ycfg(1); beyond it a bad-include finding says the rest are ignored). */
#define YCFG_MAX_LAYERS 256

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
 * model (NULL: none) selects [MODEL] lines; with any_model the guards are
 * ignored (lint checks every line). */
enum ycfg_include_status ycfg_include_resolve(const char *model,
					      const struct ycfg_doc *boot,
					      size_t i, bool any_model,
					      char *buf, size_t bufsz);

/* Reports the includes of a boot document that cannot take part: URLs,
 * paths outside its directory, boot files, missing files. */
void ycfg_recipe_check_includes(const struct ycfg_doc *boot,
				struct ycfg_diags *d);

/* The documents of one phone, lowest priority first. */
struct ycfg_stack {
	struct ycfg_doc *docs;            /* owned */
	const struct ycfg_doc **ptrs;     /* docs[i] as layer pointers */
	size_t n, cap;
	int overwrite_mode;               /* from the boot file, default 0 */
};

void ycfg_stack_init(struct ycfg_stack *st);
void ycfg_stack_free(struct ycfg_stack *st);

/* Loads a phone: when paths is a single .boot file, its include:config
 * lines in order (those for the linter's model, relative to the boot
 * file; URLs, missing files and paths outside the tree are reported and
 * skipped; a file included twice counts once, at its last place) and its
 * overwrite_mode; otherwise the files in the order given.  Every file is
 * linted into d with its suppression comments applied (conditions are
 * the caller's: ycfg_conditions_judge).  Returns 0, or -1 with err set
 * when a named input cannot be read. */
int ycfg_stack_load(struct ycfg_stack *st, struct ycfg_linter *l,
		    char *const *paths, size_t npaths, struct ycfg_diags *d,
		    char *err, size_t errsz);

#endif
