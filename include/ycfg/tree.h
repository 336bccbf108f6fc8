/*
 * tree.h - linting provisioning directories, each file inside the phones
 * that load it.
 *
 * A directory's phones are the MACs of its <MAC>.cfg and <MAC>.boot
 * files; each loads what its recipe says (recipe.h: its boot file, the
 * common boot file, or the common file then <MAC>.cfg).  Every file is
 * linted once, line by line (lint.h); boot files get their includes
 * checked; each phone's own <MAC>.cfg is judged on the phone's effective
 * configuration (conditions.h); other files are judged on their own; then
 * each file's suppression comments apply (suppress.h).
 *
 * Only the findings of the target files are kept.  Naming a <MAC> file
 * targets that file inside its phone; naming a file other phones load
 * (the common file, the common boot file, a shared include) targets it
 * and the <MAC>.cfg of every phone that loads it: what an edit affects.
 */
#ifndef YCFG_TREE_H
#define YCFG_TREE_H

#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/fileio.h"
#include "ycfg/lint.h"
#include "ycfg/recipe.h"

/* The model of the phone with this MAC as the run knows it (the
 * configuration's phones: mapping, --model), with where that came from;
 * NULL when nothing says. */
typedef const struct ycfg_model *(*ycfg_model_fn)(void *ctx, const char *mac,
						  const char **from);

struct ycfg_tree_opts {
	const struct ycfg_lint_opts *o;
	ycfg_model_fn model_of;           /* may be NULL */
	void *model_ctx;
	/* a file whose bytes come from standard input instead of the file
	 * system (--stdin-filename), or NULL */
	const char *stdin_path;
	const struct ycfg_buf *stdin_buf;
};

struct ycfg_tree_stats {
	size_t files;     /* target files linted */
	size_t phones;    /* phones judged */
};

/* Lints directory dir ("" for the current one), whose provisioning files
 * are files (paths as "dir/name"): the targets (NULL: all of them) and
 * the phones they concern, as described above.  Files that cannot be read
 * are troubles in d.  Returns 0, or -1 when a trouble was recorded. */
int ycfg_lint_directory(const struct ycfg_tree_opts *t, const char *dir,
			const struct ycfg_pathlist *files,
			const struct ycfg_pathlist *targets,
			struct ycfg_diags *d, struct ycfg_tree_stats *stats);

/* The phones of directory dir and their recipes (for --list-files and
 * resolve).  *phones is an array of *nphones, to be released with
 * ycfg_phones_free.  Boot files that cannot be read are troubles in d.
 * Returns 0, or -1 when out of memory. */
int ycfg_plan_phones(const struct ycfg_tree_opts *t, const char *dir,
		     const struct ycfg_pathlist *files,
		     struct ycfg_phone **phones, size_t *nphones,
		     struct ycfg_diags *d);
void ycfg_phones_free(struct ycfg_phone *phones, size_t n);

/* Lints one file as its own phone: standard input ("-") and files
 * outside any tree.  Returns 0, or -1 with err set when it cannot be
 * read. */
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
