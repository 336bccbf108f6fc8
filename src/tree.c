/*
 * tree.c - device stacks and directory linting (see tree.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ycfg/lexer.h"
#include "ycfg/suppress.h"
#include "ycfg/tree.h"

#define COMMON_NAME "y000000000000.cfg"

void
ycfg_stack_init(struct ycfg_stack *st)
{
	memset(st, 0, sizeof(*st));
}

void
ycfg_stack_free(struct ycfg_stack *st)
{
	for (size_t i = 0; i < st->n; i++)
		ycfg_doc_free(&st->docs[i]);
	free(st->docs);
	free(st->ptrs);
	ycfg_stack_init(st);
}

/* Lints path into a new layer.  Returns 0, or -1 with err. */
static int
push_file(struct ycfg_stack *st, const struct ycfg_lint_opts *o,
	  const char *path, struct ycfg_diags *d, char *err, size_t errsz)
{
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 8;
		struct ycfg_doc *docs = realloc(st->docs, cap * sizeof(*docs));

		if (docs == NULL)
			goto oom;
		st->docs = docs;

		const struct ycfg_doc **ptrs = realloc(st->ptrs,
						       cap * sizeof(*ptrs));

		if (ptrs == NULL)
			goto oom;
		st->ptrs = ptrs;
		st->cap = cap;
	}

	struct ycfg_doc *doc = &st->docs[st->n];

	size_t start = d->n;

	ycfg_doc_init(doc);
	if (ycfg_lint_path(o, path, doc, d, err, errsz) != 0) {
		ycfg_doc_free(doc);
		return -1;
	}
	ycfg_suppress_apply(doc->buf.p, doc->buf.len, doc->path, d, start);
	st->n++;
	for (size_t i = 0; i < st->n; i++)
		st->ptrs[i] = &st->docs[i];
	return 0;
oom:
	snprintf(err, errsz, "out of memory");
	return -1;
}

/* One include line that takes part: its path and its position. */
struct inc_ref {
	char *path;
	size_t pos;
};

static int
inc_ref_cmp(const void *a, const void *b)
{
	const struct inc_ref *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * Pushes the included files of a boot document in order.  A file included
 * more than once is loaded once, at its last place: applying it again
 * later overrides everything it set earlier, so the effective values are
 * the same, and a boot file repeating a line 100,000 times stays cheap.
 * At most YCFG_MAX_LAYERS distinct files are loaded.
 */
static int
push_includes(struct ycfg_stack *st, const struct ycfg_lint_opts *o,
	      const struct ycfg_lint_opts *lo, const struct ycfg_doc *boot,
	      struct ycfg_diags *d, char *err, size_t errsz)
{
	size_t ninc = boot->ninc ? boot->ninc : 1;
	struct inc_ref *refs = calloc(ninc, sizeof(*refs));
	char **keep = calloc(ninc, sizeof(*keep));  /* path, or NULL */
	size_t n = 0, kept = 0;
	char path[4096];
	int rc = 0;

	if (refs == NULL || keep == NULL)
		goto oom;
	for (size_t i = 0; i < boot->ninc; i++) {
		if (ycfg_include_resolve(o, boot, i, false, path,
					 sizeof(path)) != YCFG_INC_OK)
			continue;
		refs[n].path = strdup(path);
		refs[n].pos = i;
		if (refs[n++].path == NULL)
			goto oom;
	}
	qsort(refs, n, sizeof(*refs), inc_ref_cmp);
	for (size_t k = 0; k < n; k++)
		if (k + 1 == n || strcmp(refs[k].path, refs[k + 1].path) != 0)
			keep[refs[k].pos] = refs[k].path;  /* last occurrence */
	for (size_t i = 0; rc == 0 && i < boot->ninc; i++) {
		if (keep[i] == NULL)
			continue;
		if (++kept > YCFG_MAX_LAYERS) {
			const struct ycfg_include *inc = &boot->incs[i];

			ycfg_diag_add(d, boot->path, inc->line, inc->col,
				      YCFG_R_BAD_INCLUDE,
				      "more than %d different files included; "
				      "this one and the rest are ignored",
				      YCFG_MAX_LAYERS);
			break;
		}
		rc = push_file(st, lo, keep[i], d, err, errsz);
	}
	goto out;
oom:
	snprintf(err, errsz, "out of memory");
	rc = -1;
out:
	for (size_t k = 0; refs != NULL && k < n; k++)
		free(refs[k].path);
	free(refs);
	free(keep);
	return rc;
}

int
ycfg_stack_load(struct ycfg_stack *st, const struct ycfg_lint_opts *o,
		char *const *paths, size_t npaths, struct ycfg_diags *d,
		char *err, size_t errsz)
{
	struct ycfg_lint_opts lo = *o;

	lo.no_file_notes = true;
	st->overwrite_mode = 0;
	if (npaths == 1 && ycfg_path_is_boot(paths[0])) {
		struct ycfg_doc boot;
		int rc = 0;

		ycfg_doc_init(&boot);
		if (ycfg_lint_path(&lo, paths[0], &boot, d, err, errsz) != 0) {
			ycfg_doc_free(&boot);
			return -1;
		}
		if (boot.overwrite_mode >= 0)
			st->overwrite_mode = boot.overwrite_mode;
		rc = push_includes(st, o, &lo, &boot, d, err, errsz);
		ycfg_doc_free(&boot);
		return rc;
	}
	for (size_t i = 0; i < npaths; i++)
		if (push_file(st, &lo, paths[i], d, err, errsz) != 0)
			return -1;
	return 0;
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
device_notes(const struct ycfg_lint_opts *o, const struct ycfg_pathlist *f,
	     size_t lo, size_t hi, const struct ycfg_doc *common,
	     const struct ycfg_doc *dev, struct ycfg_diags *d)
{
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
		if (ycfg_stack_load(&st, o, &f->v[b], 1, &quiet, err,
				    sizeof(err)) == 0) {
			for (size_t i = 0; i < st.n; i++) {
				if (strcmp(st.docs[i].path, dev->path) != 0)
					continue;
				/* same file: report with the tree's path */
				st.docs[i].path = dev->path;
				ycfg_lint_notes(o, st.ptrs, st.n, i,
						st.overwrite_mode, d);
			}
		}
		ycfg_diags_free(&quiet);
		ycfg_stack_free(&st);
		return;
	}

	const struct ycfg_doc *layers[2] = { common, dev };

	if (common != NULL)
		ycfg_lint_notes(o, layers, 2, 1, 0, d);
	else
		ycfg_lint_notes(o, layers + 1, 1, 0, 0, d);
}

/* Shared state of the workers of one directory group. */
struct group_job {
	const struct ycfg_lint_opts *o, *dev_opts;
	const struct ycfg_pathlist *f;
	size_t lo, hi, skip;           /* files [lo, hi) but skip */
	const struct ycfg_doc *common;
	atomic_size_t next;            /* next file index to take */
	atomic_size_t nfiles;
	atomic_int failed;
};

struct worker {
	struct group_job *job;
	struct ycfg_doc doc;           /* reused for every file (and memo) */
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

			if (ycfg_lint_path(device ? j->dev_opts : j->o, path,
					   &w->doc, &w->d, err,
					   sizeof(err)) != 0) {
				fprintf(stderr, "ycfg: %s\n", err);
				atomic_store(&j->failed, 1);
				continue;
			}
			atomic_fetch_add(&j->nfiles, 1);
			if (device && j->o->schema != NULL)
				device_notes(j->o, j->f, j->lo, j->hi, j->common,
					     &w->doc, &w->d);
			if (device)
				ycfg_suppress_apply(w->doc.buf.p, w->doc.buf.len,
						    w->doc.path, &w->d, first_diag);
		}
	}
	return NULL;
}

static unsigned
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
	return (unsigned)n;
}

int
ycfg_lint_tree(const struct ycfg_lint_opts *o,
	       const struct ycfg_pathlist *f, struct ycfg_diags *d,
	       size_t *nfiles)
{
	struct ycfg_lint_opts dev_opts = *o;
	struct ycfg_doc common;
	struct worker *workers = NULL;
	unsigned nw = 0;
	char err[512];
	int rc = 0;

	dev_opts.no_file_notes = true;
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
			if (ycfg_lint_path(o, f->v[c], &common, d, err,
					   sizeof(err)) == 0) {
				have_common = true;
				(*nfiles)++;
			} else {
				fprintf(stderr, "ycfg: %s\n", err);
				rc = -1;
			}
		}

		struct group_job job = {
			.o = o, .dev_opts = &dev_opts, .f = f,
			.lo = lo, .hi = hi, .skip = c,
			.common = have_common ? &common : NULL,
		};

		atomic_init(&job.next, lo);
		atomic_init(&job.nfiles, 0);
		atomic_init(&job.failed, 0);

		unsigned want = worker_count(o, hi - lo);

		if (want > nw) {
			struct worker *w = realloc(workers, want * sizeof(*w));

			if (w == NULL) {
				want = nw ? nw : 1;
				if (workers == NULL) {
					fprintf(stderr, "ycfg: out of memory\n");
					rc = -1;
					break;
				}
			} else {
				workers = w;
				for (unsigned k = nw; k < want; k++) {
					ycfg_doc_init(&workers[k].doc);
					ycfg_diags_init(&workers[k].d);
				}
				nw = want;
			}
		}
		for (unsigned k = 0; k < want; k++) {
			/* same levels and cap as the caller's list */
			memcpy(workers[k].d.level, d->level, sizeof(d->level));
			memcpy(workers[k].d.overridden, d->overridden,
			       sizeof(d->overridden));
			workers[k].d.file_cap = d->file_cap;
			workers[k].job = &job;
		}

		unsigned started = 1;

		for (unsigned k = 1; k < want; k++) {
			if (pthread_create(&workers[k].thread, NULL, worker_run,
					   &workers[k]) != 0)
				break;
			started++;
		}
		worker_run(&workers[0]);
		for (unsigned k = 1; k < started; k++)
			pthread_join(workers[k].thread, NULL);
		for (unsigned k = 0; k < want; k++)
			if (ycfg_diags_move(d, &workers[k].d) != 0) {
				fprintf(stderr, "ycfg: out of memory\n");
				rc = -1;
			}
		*nfiles += atomic_load(&job.nfiles);
		if (atomic_load(&job.failed))
			rc = -1;
		lo = hi;
	}
	for (unsigned k = 0; k < nw; k++) {
		ycfg_doc_free(&workers[k].doc);
		ycfg_diags_free(&workers[k].d);
	}
	free(workers);
	ycfg_doc_free(&common);
	return rc;
}
