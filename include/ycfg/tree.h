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

/*
 * A directory opened for its phones' effective configurations (resolve
 * --all, diff): planned as lint plans it, the files its phones share
 * (boot files, common files, shared includes) read once, with their
 * findings in d.  Each phone's own <MAC>.cfg is read when its layers are
 * loaded, by a worker: one per thread.
 */
struct ycfg_tree_dir;

/* Opens directory dir ("" for the current one) whose provisioning files
 * are files.  Returns 0 and the directory in *out, or -1 (out of memory)
 * with *out NULL.  Unreadable files are troubles in d. */
int ycfg_tree_dir_open(struct ycfg_tree_dir **out,
		       const struct ycfg_tree_opts *t, const char *dir,
		       const struct ycfg_pathlist *files,
		       struct ycfg_diags *d);
void ycfg_tree_dir_close(struct ycfg_tree_dir *td);

/* Its phones, sorted by MAC. */
size_t ycfg_tree_dir_count(const struct ycfg_tree_dir *td);
const struct ycfg_phone *ycfg_tree_dir_phone(const struct ycfg_tree_dir *td,
					     size_t i);

/* Phone i's own <MAC>.cfg, or NULL when it has none. */
const char *ycfg_tree_dir_own_cfg(const struct ycfg_tree_dir *td, size_t i);

/* One thread's state for loading phones: the linter (with the phone's
 * model), the phone's own document and its layers. */
struct ycfg_tree_worker {
	struct ycfg_lint_opts opts;
	struct ycfg_linter linter;
	struct ycfg_doc doc;
	const struct ycfg_doc **layers;   /* lowest first; borrowed from the
	                                   * directory and from doc */
	size_t n, caplayers;
	size_t own;          /* layers[own] is doc, the phone's own file,
	                      * after the layers it shares; n when none */
	bool judge;          /* judge the conditions (true after init);
	                      * false when only the layers are wanted */
	struct ycfg_buf raw;        /* scratch: a file's bytes */
	struct ycfg_doc alias;      /* a borrowed document (load_like) */
};

void ycfg_tree_worker_init(struct ycfg_tree_worker *w,
			   const struct ycfg_tree_opts *t);
void ycfg_tree_worker_free(struct ycfg_tree_worker *w);

/* Loads phone i's layers into w: its own <MAC>.cfg linted (when its
 * recipe loads it), the shared documents borrowed, its conditions judged
 * on them; findings in d.  The layers stay valid until the next load with
 * w.  Several threads may load phones of one directory at once, each with
 * its own worker and d.  Returns 0, or -1 with err when the phone's own
 * file cannot be read. */
int ycfg_tree_dir_load(const struct ycfg_tree_dir *td, size_t i,
		       struct ycfg_tree_worker *w, struct ycfg_diags *d,
		       char *err, size_t errsz);

/* ycfg_tree_dir_load, except that when the phone's own <MAC>.cfg holds
 * the same bytes as the plain document like (the same phone's file on
 * the other side of a diff), like is borrowed under this file's name
 * instead of being linted again: nothing is judged.  like must outlive
 * the layers. */
int ycfg_tree_dir_load_like(const struct ycfg_tree_dir *td, size_t i,
			    struct ycfg_tree_worker *w,
			    const struct ycfg_doc *like, struct ycfg_diags *d,
			    char *err, size_t errsz);

/* The directories of a tree that hold provisioning files, in the walk's
 * order (fileio.h), each with its files. */
struct ycfg_tree_dir_files {
	char *dir;                 /* as the walk spells it; "" for none */
	size_t first, count;       /* its files: walk.files.v[first...] */
};

struct ycfg_tree_dirs {
	struct ycfg_walk walk;     /* files, links not followed, problems */
	struct ycfg_tree_dir_files *dirs;
	size_t n;
};

/* Walks root.  Returns 0; -1 when the walk met problems (in
 * out->walk.problems; what it found is there); -2 when out of memory
 * (out is then empty). */
int ycfg_tree_dirs_find(const char *root, struct ycfg_tree_dirs *out);
void ycfg_tree_dirs_free(struct ycfg_tree_dirs *t);

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
