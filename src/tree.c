/*
 * tree.c - directories of phones (see tree.h).
 *
 * A directory is linted in phases: its boot files are parsed first (the
 * phones' recipes depend on them), then every phone's recipe is planned,
 * then the files the phones share (common files, shared includes) are
 * parsed once, and last each phone's own <MAC>.cfg is linted and judged
 * on the phone's layers by a pool of workers that share those documents
 * read-only.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ycfg/conditions.h"
#include "ycfg/lexer.h"
#include "ycfg/suppress.h"
#include "ycfg/pool.h"
#include "ycfg/tree.h"
#include "ycfg/vec.h"

/* A file parsed once for the whole directory. */
struct shared {
	const char *path;          /* borrowed from the run's path lists */
	struct ycfg_doc doc;
	bool target;               /* its findings are reported */
	bool ok;                   /* read and parsed */
};

struct dir_run {
	const struct ycfg_tree_opts *t;
	const char *dir;
	const struct ycfg_pathlist *files;
	struct ycfg_diags *d;          /* the targets' findings */
	struct ycfg_diags scratch;     /* other files': not reported */
	struct ycfg_linter linter;     /* main thread's */
	bool all;                      /* every file is a target */
	struct ycfg_pathlist targets;  /* when !all: sorted */
	struct ycfg_pathlist keep;     /* strings shared docs point to */
	struct shared *sh;             /* sorted by path once planned */
	size_t nsh, capsh;
	struct ycfg_phone *phones;
	size_t nphones;
	bool *judged;                  /* per phone */
	bool has_common_cfg;
	const char *common_boot;       /* path, or NULL */
	const char *only_model_cfg;    /* the single y0000000000XX.cfg */
	size_t nmodel_cfgs;
	struct ycfg_pathlist model_cfgs;  /* every y0000000000XX.cfg */
};

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_target(const struct dir_run *r, const char *path)
{
	return r->all || (r->targets.n > 0 &&
			  bsearch(&path, r->targets.v, r->targets.n,
				  sizeof(char *), path_cmp) != NULL);
}

static int
add_target(struct dir_run *r, const char *path)
{
	if (is_target(r, path))
		return 0;
	if (ycfg_pathlist_add(&r->targets, path) != 0)
		return -1;
	qsort(r->targets.v, r->targets.n, sizeof(char *), path_cmp);
	return 0;
}

static int
shared_cmp(const void *a, const void *b)
{
	return strcmp(((const struct shared *)a)->path,
		      ((const struct shared *)b)->path);
}

static struct shared *
find_shared(const struct dir_run *r, const char *path)
{
	struct shared key = { .path = path };

	return r->nsh == 0 ? NULL
			   : bsearch(&key, r->sh, r->nsh, sizeof(*r->sh),
				     shared_cmp);
}

/* Reads and lints path into doc (from standard input when it is the
 * --stdin-filename file).  Returns 0, or -1 with err. */
static int
load(const struct ycfg_tree_opts *t, struct ycfg_linter *l, const char *path,
     struct ycfg_doc *doc, struct ycfg_diags *d, char *err, size_t errsz)
{
	if (t->stdin_path != NULL && strcmp(path, t->stdin_path) == 0)
		return ycfg_lint_memory(l, path, t->stdin_buf->p,
					t->stdin_buf->len,
					ycfg_path_is_boot(path), doc, d);
	return ycfg_lint_path(l, path, doc, d, err, errsz);
}

/* A file on its own: its conditions judged on itself. */
static void
judge_alone(const struct ycfg_schema *s, const struct ycfg_doc *doc,
	    struct ycfg_diags *d)
{
	if (s != NULL && !doc->boot)
		ycfg_conditions_judge(s, &doc, 1, 0, 0, d);
}

/* Parses a shared file; a target's findings go to the run's list with its
 * suppressions applied. */
static void
parse_shared(struct dir_run *r, struct shared *s)
{
	struct ycfg_diags *d = s->target ? r->d : &r->scratch;
	size_t start = d->n;
	char err[512];

	ycfg_doc_init(&s->doc);
	if (load(r->t, &r->linter, s->path, &s->doc, d, err,
		 sizeof(err)) != 0) {
		ycfg_diags_trouble(r->d, "%s", err);
		return;
	}
	s->ok = true;
	if (s->doc.boot)
		ycfg_recipe_check_includes(&s->doc, d);
	else if (s->target)
		judge_alone(r->t->o->schema, &s->doc, d);
	if (s->doc.has_directives)
		ycfg_suppress_apply(s->doc.buf.p, s->doc.buf.len, s->doc.path,
				    d, start);
}

/* Adds path to the shared files (not parsed yet). */
static int
want_shared(struct dir_run *r, const char *path)
{
	struct shared s = { .path = path };

	return ycfg_vec_push(&r->sh, &r->nsh, &r->capsh, &s, sizeof(s));
}

/* True once a shared file was read (or tried). */
static bool
tried(const struct shared *s)
{
	return s->doc.path != NULL;
}

/* Sorts the shared files, drops repeats and parses the new ones. */
static void
parse_wanted(struct dir_run *r)
{
	if (r->nsh > 1)
		qsort(r->sh, r->nsh, sizeof(*r->sh), shared_cmp);

	size_t w = 0;

	for (size_t i = 0; i < r->nsh; i++) {
		if (w > 0 && strcmp(r->sh[w - 1].path, r->sh[i].path) == 0) {
			/* keep the copy already read */
			if (tried(&r->sh[i]) && !tried(&r->sh[w - 1]))
				r->sh[w - 1] = r->sh[i];
			else if (tried(&r->sh[i]))
				ycfg_doc_free(&r->sh[i].doc);
			continue;
		}
		r->sh[w++] = r->sh[i];
	}
	r->nsh = w;
	for (size_t i = 0; i < r->nsh; i++) {
		if (tried(&r->sh[i]))
			continue;
		r->sh[i].target = is_target(r, r->sh[i].path);
		parse_shared(r, &r->sh[i]);
		if (!r->sh[i].ok)
			r->sh[i].doc.path = r->sh[i].path;  /* tried */
	}
}

/* ------------------------------------------------------------------ */
/* planning                                                             */
/* ------------------------------------------------------------------ */

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The single model whose own common file is name, or NULL. */
static const struct ycfg_model *
model_by_common_file(const struct ycfg_schema *s, const char *name)
{
	const struct ycfg_model *found = NULL;

	for (size_t i = 0; s != NULL && i < s->nmodels; i++) {
		const char *cf = s->models[i].common_file;

		if (cf == NULL || strcmp(cf, name) != 0)
			continue;
		if (found != NULL)
			return NULL;   /* shared by several models */
		found = &s->models[i];
	}
	return found;
}

/* A model told by the one model-specific common file among layers. */
static const struct ycfg_model *
model_from_layers(const struct ycfg_schema *s, const struct ycfg_phone *p,
		  const char **from)
{
	const char *only = NULL;

	for (size_t i = 0; i < p->layers.n; i++) {
		if (ycfg_file_kind(p->layers.v[i], NULL) != YCFG_FILE_MODEL_CFG)
			continue;
		if (only != NULL)
			return NULL;
		only = p->layers.v[i];
	}

	const struct ycfg_model *m = only ? model_by_common_file(
		s, base_name(only)) : NULL;

	if (m != NULL)
		*from = base_name(only);
	return m;
}

/* The doc of a shared boot file, or NULL. */
static const struct ycfg_doc *
boot_doc(const struct dir_run *r, const char *path)
{
	const struct shared *s = path ? find_shared(r, path) : NULL;

	return s && s->ok ? &s->doc : NULL;
}

/* Plans phone p (its mac set). */
static int
plan_phone(struct dir_run *r, struct ycfg_phone *p, const char *mac_boot,
	   bool has_mac_cfg)
{
	const struct ycfg_schema *s = r->t->o->schema;
	const char *from = NULL;
	const struct ycfg_model *m = NULL;

	if (r->t->model_of != NULL)
		m = r->t->model_of(r->t->model_ctx, p->mac, &from);
	if (m == NULL && r->t->o->model != NULL) {
		m = r->t->o->model;
		from = "--model";
	}

	struct ycfg_recipe_in in = {
		.dir = r->dir,
		.mac = p->mac,
		.model = m,
		.mac_boot = boot_doc(r, mac_boot),
		.common_boot = boot_doc(r, r->common_boot),
		.has_mac_cfg = has_mac_cfg,
		.has_common_cfg = r->has_common_cfg,
	};
	/* without boot files an unknown phone with one model-specific
	 * common file and no y000000000000.cfg is of that model */
	if (m == NULL && in.mac_boot == NULL && in.common_boot == NULL &&
	    !r->has_common_cfg && r->nmodel_cfgs == 1) {
		m = model_by_common_file(s, base_name(r->only_model_cfg));
		if (m != NULL)
			from = base_name(r->only_model_cfg);
		in.model = m;
	}
	if (m != NULL && m->common_file != NULL) {
		for (size_t i = 0; i < r->model_cfgs.n; i++)
			if (strcmp(base_name(r->model_cfgs.v[i]),
				   m->common_file) == 0)
				in.model_cfg = m->common_file;
	} else if (m == NULL && !r->has_common_cfg && r->nmodel_cfgs == 1) {
		in.model_cfg = base_name(r->only_model_cfg);
	}
	if (ycfg_phone_recipe(&in, p, NULL) != 0)
		return -1;
	if (m == NULL && (m = model_from_layers(s, p, &from)) != NULL) {
		/* the boot file names the model's own common file: plan
		 * again with the model, for its [MODEL] lines */
		ycfg_pathlist_free(&p->layers);
		free(p->boot);
		p->boot = NULL;
		in.model = m;
		if (ycfg_phone_recipe(&in, p, NULL) != 0)
			return -1;
	}
	p->model = m;
	p->model_from = from;
	return 0;
}

struct mac_entry {
	char mac[13];
	const char *cfg, *boot;
};

static int
mac_cmp(const void *a, const void *b)
{
	return strcmp(((const struct mac_entry *)a)->mac,
		      ((const struct mac_entry *)b)->mac);
}

/* Finds the directory's phones, parses the boot files and plans every
 * phone.  macs receives the phones' own files. */
static int
plan(struct dir_run *r, struct mac_entry **macs_out)
{
	struct mac_entry *macs = NULL;
	size_t nmacs = 0, capmacs = 0;

	*macs_out = NULL;
	for (size_t i = 0; i < r->files->n; i++) {
		const char *path = r->files->v[i];
		struct mac_entry e = { .cfg = NULL };

		switch (ycfg_file_kind(path, e.mac)) {
		case YCFG_FILE_MAC_CFG:
			e.cfg = path;
			break;
		case YCFG_FILE_MAC_BOOT:
			e.boot = path;
			if (want_shared(r, path) != 0)
				goto oom;
			break;
		case YCFG_FILE_COMMON_CFG:
			r->has_common_cfg = true;
			continue;
		case YCFG_FILE_COMMON_BOOT:
			r->common_boot = path;
			if (want_shared(r, path) != 0)
				goto oom;
			continue;
		case YCFG_FILE_MODEL_CFG:
			r->nmodel_cfgs++;
			r->only_model_cfg = path;
			if (ycfg_pathlist_add(&r->model_cfgs, path) != 0)
				goto oom;
			continue;
		default:
			continue;
		}
		if (ycfg_vec_push(&macs, &nmacs, &capmacs, &e, sizeof(e)) != 0)
			goto oom;
	}
	parse_wanted(r);

	/* one phone per MAC: its .cfg and .boot together */
	if (nmacs > 1)
		qsort(macs, nmacs, sizeof(*macs), mac_cmp);

	size_t w = 0;

	for (size_t i = 0; i < nmacs; i++) {
		if (w > 0 && strcmp(macs[w - 1].mac, macs[i].mac) == 0) {
			if (macs[i].cfg)
				macs[w - 1].cfg = macs[i].cfg;
			if (macs[i].boot)
				macs[w - 1].boot = macs[i].boot;
			continue;
		}
		macs[w++] = macs[i];
	}
	nmacs = w;
	r->phones = calloc(nmacs ? nmacs : 1, sizeof(*r->phones));
	r->judged = calloc(nmacs ? nmacs : 1, sizeof(*r->judged));
	if (r->phones == NULL || r->judged == NULL)
		goto oom;
	for (size_t i = 0; i < nmacs; i++) {
		memcpy(r->phones[i].mac, macs[i].mac, 13);
		r->nphones = i + 1;
		if (plan_phone(r, &r->phones[i], macs[i].boot,
			       macs[i].cfg != NULL) != 0)
			goto oom;
	}
	*macs_out = macs;
	return 0;
oom:
	free(macs);
	r->d->oom = true;
	return -1;
}

/* ------------------------------------------------------------------ */
/* phones                                                               */
/* ------------------------------------------------------------------ */

/* Shared state of the workers of one directory. */
struct job {
	struct dir_run *r;
	const struct mac_entry *macs;
	atomic_size_t files;
};

struct worker {
	struct job *job;
	struct ycfg_linter linter;     /* its lookup memo serves every file */
	struct ycfg_lint_opts opts;    /* the run's, with the phone's model */
	struct ycfg_doc doc;           /* reused for every phone */
	struct ycfg_diags d;
	const struct ycfg_doc **layers;
	size_t caplayers;
};

/* Lints phone i's own <MAC>.cfg and judges it on the phone's layers. */
static void
phone_run(struct worker *w, size_t i)
{
	struct dir_run *r = w->job->r;
	const struct ycfg_phone *p = &r->phones[i];
	const char *cfg = w->job->macs[i].cfg;
	size_t start = w->d.n;
	char err[512];

	w->opts.model = p->model;
	w->opts.model_name = p->model ? p->model->name : NULL;
	if (load(r->t, &w->linter, cfg, &w->doc, &w->d, err,
		 sizeof(err)) != 0) {
		ycfg_diags_trouble(&w->d, "%s", err);
		return;
	}
	atomic_fetch_add(&w->job->files, 1);
	if (!p->own_cfg_loaded) {
		ycfg_diag_add(&w->d, w->doc.path, 1, 1, YCFG_R_NOT_LOADED,
			      "phone %s does not load this file: it follows "
			      "%s, which does not include it", p->mac,
			      p->boot ? p->boot : "its recipe");
	} else if (r->t->o->schema != NULL) {
		size_t self = 0, n = 0;

		if (ycfg_vec_reserve(&w->layers, &w->caplayers, p->layers.n,
				     sizeof(*w->layers), 8) != 0) {
			w->d.oom = true;
			return;
		}
		for (size_t k = 0; k < p->layers.n; k++) {
			const char *lp = p->layers.v[k];
			const struct shared *s;

			if (strcmp(lp, cfg) == 0) {
				self = n;
				w->layers[n++] = &w->doc;
			} else if ((s = find_shared(r, lp)) != NULL && s->ok) {
				w->layers[n++] = &s->doc;
			}
		}
		ycfg_conditions_judge(r->t->o->schema, w->layers, n, self,
				      p->overwrite_mode, &w->d);
	}
	if (w->doc.has_directives)
		ycfg_suppress_apply(w->doc.buf.p, w->doc.buf.len, w->doc.path,
				    &w->d, start);
}

static void
phone_item(void *worker, size_t i)
{
	struct worker *w = worker;
	const struct job *j = w->job;

	if (j->r->judged[i] && j->macs[i].cfg != NULL)
		phone_run(w, i);
}

/* Runs the judged phones on a pool of workers. */
static size_t
run_phones(struct dir_run *r, const struct mac_entry *macs)
{
	struct job job = { .r = r, .macs = macs };
	size_t want = ycfg_pool_size(r->t->o->jobs, r->nphones);
	struct worker *ws = calloc(want, sizeof(*ws));

	if (ws == NULL) {
		r->d->oom = true;
		return 0;
	}
	atomic_init(&job.files, 0);
	for (size_t k = 0; k < want; k++) {
		ws[k].job = &job;
		ws[k].opts = *r->t->o;
		ycfg_linter_init(&ws[k].linter, &ws[k].opts);
		ycfg_doc_init(&ws[k].doc);
		ycfg_diags_init_like(&ws[k].d, r->d);
	}
	ycfg_pool_run(ws, want, sizeof(*ws), r->nphones, phone_item);
	for (size_t k = 0; k < want; k++) {
		ycfg_diags_move(r->d, &ws[k].d);
		ycfg_diags_free(&ws[k].d);
		ycfg_doc_free(&ws[k].doc);
		ycfg_linter_free(&ws[k].linter);
		free(ws[k].layers);
	}
	free(ws);
	return atomic_load(&job.files);
}

/* [MODEL] lines a phone could not follow: said once per boot file. */
static void
report_skipped_models(struct dir_run *r)
{
	for (size_t i = 0; i < r->nphones; i++) {
		const struct ycfg_phone *p = &r->phones[i];
		size_t same = 0;
		bool first = true;

		if (p->nskipped == 0 || p->boot == NULL ||
		    !is_target(r, p->boot))
			continue;
		for (size_t k = 0; k < r->nphones; k++) {
			const struct ycfg_phone *q = &r->phones[k];

			if (q->nskipped == 0 || q->boot == NULL ||
			    strcmp(q->boot, p->boot) != 0)
				continue;
			if (k < i)
				first = false;
			same++;
		}
		if (!first)
			continue;

		const char *file = ycfg_diags_intern(r->d, p->boot);

		if (file == NULL)
			continue;   /* out of memory: recorded */
		if (same == 1)
			ycfg_diag_add(r->d, file, p->skipped_line, 1,
				      YCFG_R_UNKNOWN_PHONE_MODEL,
				      "the model of phone %s is unknown, so "
				      "%u [MODEL] include line%s not "
				      "followed; give it with --model or "
				      "phones: in .ycfg.yaml", p->mac,
				      p->nskipped, p->nskipped == 1 ? " is" :
				      "s are");
		else
			ycfg_diag_add(r->d, file, p->skipped_line, 1,
				      YCFG_R_UNKNOWN_PHONE_MODEL,
				      "the models of %zu phones that follow "
				      "this file are unknown, so its [MODEL] "
				      "include lines are not followed for them; "
				      "give them with --model or phones: in "
				      ".ycfg.yaml", same);
	}
}

/* ------------------------------------------------------------------ */
/* a directory                                                          */
/* ------------------------------------------------------------------ */

static void
run_free(struct dir_run *r)
{
	for (size_t i = 0; i < r->nsh; i++)
		ycfg_doc_free(&r->sh[i].doc);
	free(r->sh);
	ycfg_phones_free(r->phones, r->nphones);
	free(r->judged);
	ycfg_pathlist_free(&r->targets);
	ycfg_pathlist_free(&r->keep);
	ycfg_pathlist_free(&r->model_cfgs);
	ycfg_diags_free(&r->scratch);
	ycfg_linter_free(&r->linter);
}

static void
run_init(struct dir_run *r, const struct ycfg_tree_opts *t, const char *dir,
	 const struct ycfg_pathlist *files, struct ycfg_diags *d)
{
	memset(r, 0, sizeof(*r));
	r->t = t;
	r->dir = dir;
	r->files = files;
	r->d = d;
	ycfg_diags_init_like(&r->scratch, d);
	ycfg_linter_init(&r->linter, t->o);
}

/* True when phone p loads path or follows it as its boot file. */
static bool
phone_uses(const struct ycfg_phone *p, const char *path)
{
	if (p->boot != NULL && strcmp(p->boot, path) == 0)
		return true;
	for (size_t i = 0; i < p->layers.n; i++)
		if (strcmp(p->layers.v[i], path) == 0)
			return true;
	return false;
}

int
ycfg_lint_directory(const struct ycfg_tree_opts *t, const char *dir,
		    const struct ycfg_pathlist *files,
		    const struct ycfg_pathlist *targets, struct ycfg_diags *d,
		    struct ycfg_tree_stats *stats)
{
	struct dir_run r;
	struct mac_entry *macs = NULL;
	size_t troubles = d->ntroubles;

	run_init(&r, t, dir, files, d);
	r.all = targets == NULL;
	for (size_t i = 0; targets != NULL && i < targets->n; i++)
		if (add_target(&r, targets->v[i]) != 0)
			goto oom;
	if (plan(&r, &macs) != 0)
		goto out;

	/* what a target affects: the phones that load it (or follow it)
	 * are judged, their own files become targets too */
	for (size_t i = 0; i < r.nphones; i++) {
		const struct ycfg_phone *p = &r.phones[i];
		const char *cfg = macs[i].cfg;

		r.judged[i] = r.all || (cfg != NULL && is_target(&r, cfg)) ||
			      (macs[i].boot != NULL &&
			       is_target(&r, macs[i].boot));
		for (size_t k = 0; !r.judged[i] && k < r.targets.n; k++)
			if (phone_uses(p, r.targets.v[k]))
				r.judged[i] = true;
		if (r.judged[i] && cfg != NULL && !r.all &&
		    add_target(&r, cfg) != 0)
			goto oom;
	}

	/* the files the judged phones share, and shared targets */
	for (size_t i = 0; i < r.nphones; i++) {
		const struct ycfg_phone *p = &r.phones[i];

		for (size_t k = 0; r.judged[i] && k < p->layers.n; k++)
			if ((macs[i].cfg == NULL ||
			     strcmp(p->layers.v[k], macs[i].cfg) != 0) &&
			    want_shared(&r, p->layers.v[k]) != 0)
				goto oom;
	}
	for (size_t i = 0; i < files->n; i++) {
		enum ycfg_file_kind k = ycfg_file_kind(files->v[i], NULL);

		if (k != YCFG_FILE_MAC_CFG && k != YCFG_FILE_MAC_BOOT &&
		    k != YCFG_FILE_COMMON_BOOT && is_target(&r, files->v[i]) &&
		    want_shared(&r, files->v[i]) != 0)
			goto oom;
	}
	parse_wanted(&r);
	report_skipped_models(&r);

	/* boot files parsed before targets were known: now counted */
	for (size_t i = 0; i < r.nsh; i++)
		if (r.sh[i].ok && is_target(&r, r.sh[i].path))
			stats->files++;
	for (size_t i = 0; i < r.nphones; i++)
		stats->phones += r.judged[i];
	stats->files += run_phones(&r, macs);
	goto out;
oom:
	d->oom = true;
out:
	free(macs);
	run_free(&r);
	return d->ntroubles > troubles || d->oom ? -1 : 0;
}

void
ycfg_phones_free(struct ycfg_phone *phones, size_t n)
{
	for (size_t i = 0; phones != NULL && i < n; i++)
		ycfg_phone_free(&phones[i]);
	free(phones);
}

int
ycfg_plan_phones(const struct ycfg_tree_opts *t, const char *dir,
		 const struct ycfg_pathlist *files, struct ycfg_phone **phones,
		 size_t *nphones, struct ycfg_diags *d)
{
	struct dir_run r;
	struct mac_entry *macs = NULL;
	int rc;

	run_init(&r, t, dir, files, d);
	r.all = false;    /* boot findings are not what this is for */
	rc = plan(&r, &macs);
	*phones = r.phones;
	*nphones = r.nphones;
	r.phones = NULL;
	r.nphones = 0;
	free(macs);
	run_free(&r);
	return rc;
}

/* ------------------------------------------------------------------ */
/* a directory opened for its phones (resolve --all, diff)              */
/* ------------------------------------------------------------------ */

struct ycfg_tree_dir {
	struct dir_run r;
	struct mac_entry *macs;     /* per phone: its own files */
};

int
ycfg_tree_dir_open(struct ycfg_tree_dir **out, const struct ycfg_tree_opts *t,
		   const char *dir, const struct ycfg_pathlist *files,
		   struct ycfg_diags *d)
{
	struct ycfg_tree_dir *td = calloc(1, sizeof(*td));

	*out = NULL;
	if (td == NULL) {
		d->oom = true;
		return -1;
	}
	run_init(&td->r, t, dir, files, d);
	td->r.all = true;
	if (plan(&td->r, &td->macs) != 0)
		goto fail;
	/* every layer but a phone's own <MAC>.cfg is parsed once here */
	for (size_t i = 0; i < td->r.nphones; i++) {
		const struct ycfg_phone *p = &td->r.phones[i];

		for (size_t k = 0; k < p->layers.n; k++)
			if ((td->macs[i].cfg == NULL ||
			     strcmp(p->layers.v[k], td->macs[i].cfg) != 0) &&
			    want_shared(&td->r, p->layers.v[k]) != 0)
				goto oom;
	}
	parse_wanted(&td->r);
	report_skipped_models(&td->r);
	*out = td;
	return 0;
oom:
	d->oom = true;
fail:
	ycfg_tree_dir_close(td);
	return -1;
}

size_t
ycfg_tree_dir_count(const struct ycfg_tree_dir *td)
{
	return td->r.nphones;
}

const struct ycfg_phone *
ycfg_tree_dir_phone(const struct ycfg_tree_dir *td, size_t i)
{
	return &td->r.phones[i];
}

const char *
ycfg_tree_dir_own_cfg(const struct ycfg_tree_dir *td, size_t i)
{
	return td->macs[i].cfg;
}

void
ycfg_tree_worker_init(struct ycfg_tree_worker *w, const struct ycfg_tree_opts *t)
{
	memset(w, 0, sizeof(*w));
	w->opts = *t->o;
	w->judge = true;
	ycfg_linter_init(&w->linter, &w->opts);
	ycfg_doc_init(&w->doc);
}

void
ycfg_tree_worker_free(struct ycfg_tree_worker *w)
{
	ycfg_doc_free(&w->doc);
	ycfg_buf_free(&w->raw);
	ycfg_linter_free(&w->linter);
	free(w->layers);
	memset(w, 0, sizeof(*w));
}

/* True when the file at path holds the same bytes as the plain document
 * like (read into w's scratch buffer). */
static bool
same_bytes(struct ycfg_tree_worker *w, const char *path,
	   const struct ycfg_doc *like)
{
	char why[256];

	return like != NULL && like->tpl.dialect == YCFG_TPL_NONE &&
	       ycfg_read_file(path, &w->raw, YCFG_FILE_MAX, why,
			      sizeof(why)) == YCFG_READ_OK &&
	       w->raw.len == like->buf.len &&
	       memcmp(w->raw.p, like->buf.p, w->raw.len) == 0;
}

int
ycfg_tree_dir_load_like(const struct ycfg_tree_dir *td, size_t i,
			struct ycfg_tree_worker *w, const struct ycfg_doc *like,
			struct ycfg_diags *d, char *err, size_t errsz)
{
	const struct dir_run *r = &td->r;
	const struct ycfg_phone *p = &r->phones[i];
	const char *cfg = td->macs[i].cfg;
	size_t start = d->n, self = SIZE_MAX;
	const struct ycfg_doc *own = &w->doc;

	w->n = 0;
	w->opts.model = p->model;
	w->opts.model_name = p->model ? p->model->name : NULL;
	if (cfg != NULL && p->own_cfg_loaded && same_bytes(w, cfg, like)) {
		/* the same bytes make the same document: borrowed, under
		 * this file's name */
		w->alias = *like;
		w->alias.path = cfg;
		own = &w->alias;
	} else if (cfg != NULL && p->own_cfg_loaded &&
		   load(r->t, &w->linter, cfg, &w->doc, d, err, errsz) != 0) {
		return -1;
	}
	if (ycfg_vec_reserve(&w->layers, &w->caplayers, p->layers.n + 1,
			     sizeof(*w->layers), 8) != 0) {
		d->oom = true;
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (size_t k = 0; k < p->layers.n; k++) {
		const char *lp = p->layers.v[k];
		const struct shared *s;

		if (cfg != NULL && strcmp(lp, cfg) == 0) {
			self = w->n;
			w->layers[w->n++] = own;
		} else if ((s = find_shared(r, lp)) != NULL && s->ok) {
			w->layers[w->n++] = &s->doc;
		}
	}
	w->own = self != SIZE_MAX ? self : w->n;
	if (self != SIZE_MAX && own == &w->doc) {
		if (r->t->o->schema != NULL && w->judge)
			ycfg_conditions_judge(r->t->o->schema, w->layers, w->n,
					      self, p->overwrite_mode, d);
		if (w->doc.has_directives)
			ycfg_suppress_apply(w->doc.buf.p, w->doc.buf.len,
					    w->doc.path, d, start);
	}
	return 0;
}

int
ycfg_tree_dir_load(const struct ycfg_tree_dir *td, size_t i,
		   struct ycfg_tree_worker *w, struct ycfg_diags *d,
		   char *err, size_t errsz)
{
	return ycfg_tree_dir_load_like(td, i, w, NULL, d, err, errsz);
}

void
ycfg_tree_dir_close(struct ycfg_tree_dir *td)
{
	if (td == NULL)
		return;
	free(td->macs);
	run_free(&td->r);
	free(td);
}

int
ycfg_tree_dirs_find(const char *root, struct ycfg_tree_dirs *out)
{
	memset(out, 0, sizeof(*out));

	int rc = ycfg_find_provisioning_files(root, &out->walk);
	const struct ycfg_pathlist *f = &out->walk.files;
	size_t cap = 0;

	/* a directory's files come out together (fileio.h) */
	for (size_t i = 0; i < f->n;) {
		const char *slash = strrchr(f->v[i], '/');
		size_t dl = slash ? (size_t)(slash - f->v[i]) : 0, j = i + 1;

		while (j < f->n && strncmp(f->v[j], f->v[i], dl) == 0 &&
		       f->v[j][dl] == (slash ? '/' : f->v[j][dl]) &&
		       strchr(f->v[j] + dl + (slash ? 1 : 0), '/') == NULL)
			j++;

		struct ycfg_tree_dir_files e = {
			.dir = strndup(f->v[i], dl), .first = i,
			.count = j - i,
		};

		if (e.dir == NULL ||
		    ycfg_vec_push(&out->dirs, &out->n, &cap, &e,
				  sizeof(e)) != 0) {
			free(e.dir);
			ycfg_tree_dirs_free(out);
			return -2;
		}
		i = j;
	}
	return rc;
}

void
ycfg_tree_dirs_free(struct ycfg_tree_dirs *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->dirs[i].dir);
	free(t->dirs);
	ycfg_walk_free(&t->walk);
	memset(t, 0, sizeof(*t));
}

/* ------------------------------------------------------------------ */
/* single files                                                         */
/* ------------------------------------------------------------------ */

/* What follows the per-line checks of a file that is its own phone. */
static void
finish_alone(struct ycfg_linter *l, struct ycfg_doc *doc, struct ycfg_diags *d,
	     size_t start)
{
	if (doc->boot)
		ycfg_recipe_check_includes(doc, d);
	else
		judge_alone(l->o->schema, doc, d);
	if (doc->has_directives)
		ycfg_suppress_apply(doc->buf.p, doc->buf.len, doc->path, d,
				    start);
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
