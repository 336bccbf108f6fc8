/*
 * tree.c - linting whole provisioning directories, and single files the
 * same way (see tree.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ycfg/conditions.h"
#include "ycfg/lexer.h"
#include "ycfg/recipe.h"
#include "ycfg/suppress.h"
#include "ycfg/tree.h"
#include "ycfg/vec.h"

#define COMMON_NAME "y000000000000.cfg"

/* A file that is its own phone: its conditions judged on itself. */
static void
judge_alone(const struct ycfg_schema *s, const struct ycfg_doc *doc,
	    struct ycfg_diags *d)
{
	if (s != NULL && !doc->boot)
		ycfg_conditions_judge(s, &doc, 1, 0, 0, d);
}

/* True for "<12 hex digits>.cfg" (a device's own file). */
static bool
is_mac_cfg(const char *name)
{
	if (strlen(name) != 16 || strcmp(name + 12, ".cfg") != 0)
		return false;
	for (int i = 0; i < 12; i++) {
		char c = name[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F')))
			return false;
	}
	/* y000000000000 is not hex; 000000000000.cfg is no device either */
	return strncmp(name, "000000000000", 12) != 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static size_t
dir_len(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? (size_t)(s - path) : 0;
}

/* Index of the file of directory group [lo, hi) whose base name is name,
 * or hi.  A group's paths share their directory and are sorted, so their
 * base names are sorted too: binary search (a tree holds 10,000 devices). */
static size_t
find_in_group(const struct ycfg_pathlist *f, size_t lo, size_t hi,
	      const char *name, size_t namelen)
{
	size_t a = lo, b = hi;

	(void)namelen;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		int c = strcmp(base_name(f->v[m]), name);

		if (c == 0)
			return m;
		if (c < 0)
			a = m + 1;
		else
			b = m;
	}
	return hi;
}

/* Judges a device whose own file is dev: layers from its boot recipe, or
 * common + dev. */
static void
device_conditions(struct ycfg_linter *l, const struct ycfg_pathlist *f,
		  size_t lo, size_t hi, const struct ycfg_doc *common,
		  const struct ycfg_doc *dev, struct ycfg_diags *d)
{
	const struct ycfg_schema *s = l->o->schema;
	const char *name = base_name(dev->path);
	char bootname[32];

	snprintf(bootname, sizeof(bootname), "%.12s.boot", name);

	size_t b = find_in_group(f, lo, hi, bootname, strlen(bootname));

	if (b < hi) {
		/* the recipe: load its layers quietly (each file is linted
		 * on its own anyway) and judge this device's lines */
		struct ycfg_stack st;
		struct ycfg_diags quiet;
		char err[512];

		ycfg_stack_init(&st);
		ycfg_diags_init(&quiet);
		if (ycfg_stack_load(&st, l, &f->v[b], 1, &quiet, err,
				    sizeof(err)) == 0) {
			for (size_t i = 0; i < st.n; i++) {
				if (strcmp(st.docs[i].path, dev->path) != 0)
					continue;
				/* same file: report with the tree's path */
				st.docs[i].path = dev->path;
				ycfg_conditions_judge(s, st.ptrs, st.n, i,
						      st.overwrite_mode, d);
			}
		}
		ycfg_diags_free(&quiet);
		ycfg_stack_free(&st);
		return;
	}

	const struct ycfg_doc *layers[2] = { common, dev };

	if (common != NULL)
		ycfg_conditions_judge(s, layers, 2, 1, 0, d);
	else
		ycfg_conditions_judge(s, layers + 1, 1, 0, 0, d);
}

/* Shared state of the workers of one directory group. */
struct group_job {
	const struct ycfg_lint_opts *o;
	const struct ycfg_pathlist *f;
	size_t lo, hi, skip;           /* files [lo, hi) but skip */
	const struct ycfg_doc *common;
	atomic_size_t next;            /* next file index to take */
	atomic_size_t nfiles;
};

struct worker {
	struct group_job *job;
	struct ycfg_linter linter;     /* its lookup memo serves every file */
	struct ycfg_doc doc;           /* reused for every file */
	struct ycfg_diags d;
	pthread_t thread;
};

/* Files are handed out in chunks: small enough to balance, large enough
 * that the counter is not contended. */
#define CHUNK 32

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	struct group_job *j = w->job;
	char err[512];

	for (;;) {
		size_t start = atomic_fetch_add(&j->next, CHUNK);

		if (start >= j->hi)
			break;

		size_t end = start + CHUNK < j->hi ? start + CHUNK : j->hi;

		for (size_t i = start; i < end; i++) {
			if (i == j->skip)
				continue;

			const char *path = j->f->v[i];
			bool device = is_mac_cfg(base_name(path));
			size_t first_diag = w->d.n;

			if (ycfg_lint_path(&w->linter, path, &w->doc, &w->d,
					   err, sizeof(err)) != 0) {
				ycfg_diags_trouble(&w->d, "%s", err);
				continue;
			}
			atomic_fetch_add(&j->nfiles, 1);
			if (w->doc.boot)
				ycfg_recipe_check_includes(&w->doc, &w->d);
			else if (device && j->o->schema != NULL)
				device_conditions(&w->linter, j->f, j->lo, j->hi,
						  j->common, &w->doc, &w->d);
			else
				judge_alone(j->o->schema, &w->doc, &w->d);
			ycfg_suppress_apply(w->doc.buf.p, w->doc.buf.len,
					    w->doc.path, &w->d, first_diag);
		}
	}
	return NULL;
}

static size_t
worker_count(const struct ycfg_lint_opts *o, size_t files)
{
	long n = o->jobs ? (long)o->jobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > 64)
		n = 64;
	/* threads only pay off for more than a couple of chunks */
	if ((size_t)n > files / CHUNK)
		n = files / CHUNK > 0 ? (long)(files / CHUNK) : 1;
	return (size_t)n;
}

int
ycfg_lint_tree(const struct ycfg_lint_opts *o, const struct ycfg_pathlist *f,
	       struct ycfg_diags *d, size_t *nfiles)
{
	struct ycfg_linter linter;
	struct ycfg_doc common;
	struct worker *workers = NULL;
	size_t nw = 0, wcap = 0;
	char err[512];

	ycfg_linter_init(&linter, o);
	ycfg_doc_init(&common);
	for (size_t lo = 0; lo < f->n;) {
		size_t dl = dir_len(f->v[lo]), hi = lo + 1;

		while (hi < f->n && dir_len(f->v[hi]) == dl &&
		       strncmp(f->v[hi], f->v[lo], dl) == 0)
			hi++;

		/* the directory's common layer, parsed once and shared
		 * read-only by the workers */
		size_t c = find_in_group(f, lo, hi, COMMON_NAME,
					 strlen(COMMON_NAME));
		bool have_common = false;

		if (c < hi) {
			size_t start = d->n;

			if (ycfg_lint_path(&linter, f->v[c], &common, d, err,
					   sizeof(err)) == 0) {
				have_common = true;
				(*nfiles)++;
				judge_alone(o->schema, &common, d);
				ycfg_suppress_apply(common.buf.p, common.buf.len,
						    common.path, d, start);
			} else {
				ycfg_diags_trouble(d, "%s", err);
			}
		}

		struct group_job job = {
			.o = o, .f = f, .lo = lo, .hi = hi, .skip = c,
			.common = have_common ? &common : NULL,
		};

		atomic_init(&job.next, lo);
		atomic_init(&job.nfiles, 0);

		size_t want = worker_count(o, hi - lo);

		if (want > nw) {
			if (ycfg_vec_reserve(&workers, &wcap, want,
					     sizeof(*workers), 1) != 0) {
				want = nw;
				if (nw == 0) {
					d->oom = true;
					break;
				}
			}
			for (size_t k = nw; k < want; k++) {
				ycfg_linter_init(&workers[k].linter, o);
				ycfg_doc_init(&workers[k].doc);
				ycfg_diags_init_like(&workers[k].d, d);
			}
			if (want > nw)
				nw = want;
		}
		for (size_t k = 0; k < want; k++)
			workers[k].job = &job;

		size_t started = 1;

		for (size_t k = 1; k < want; k++) {
			if (pthread_create(&workers[k].thread, NULL, worker_run,
					   &workers[k]) != 0)
				break;
			started++;
		}
		worker_run(&workers[0]);
		for (size_t k = 1; k < started; k++)
			pthread_join(workers[k].thread, NULL);
		for (size_t k = 0; k < want; k++)
			ycfg_diags_move(d, &workers[k].d);
		*nfiles += atomic_load(&job.nfiles);
		lo = hi;
	}
	for (size_t k = 0; k < nw; k++) {
		ycfg_linter_free(&workers[k].linter);
		ycfg_doc_free(&workers[k].doc);
		ycfg_diags_free(&workers[k].d);
	}
	free(workers);
	ycfg_doc_free(&common);
	ycfg_linter_free(&linter);
	return ycfg_diags_failed(d) ? -1 : 0;
}

/* What follows the per-line checks of a file that is its own phone. */
static void
finish_alone(struct ycfg_linter *l, struct ycfg_doc *doc, struct ycfg_diags *d,
	     size_t start)
{
	if (doc->boot)
		ycfg_recipe_check_includes(doc, d);
	else
		judge_alone(l->o->schema, doc, d);
	ycfg_suppress_apply(doc->buf.p, doc->buf.len, doc->path, d, start);
}

int
ycfg_lint_single(struct ycfg_linter *l, const char *path,
		 struct ycfg_doc *doc, struct ycfg_diags *d, char *err,
		 size_t errsz)
{
	size_t start = d->n;

	if (ycfg_lint_path(l, path, doc, d, err, errsz) != 0)
		return -1;
	finish_alone(l, doc, d, start);
	return 0;
}

int
ycfg_lint_single_memory(struct ycfg_linter *l, const char *name,
			const char *data, size_t len, struct ycfg_doc *doc,
			struct ycfg_diags *d)
{
	size_t start = d->n;

	if (ycfg_lint_memory(l, name, data, len, ycfg_path_is_boot(name), doc,
			     d) != 0)
		return -1;
	finish_alone(l, doc, d, start);
	return 0;
}
