/*
 * recipe.c - boot-file includes and phone stacks (see recipe.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ycfg/fileio.h"
#include "ycfg/lexer.h"
#include "ycfg/recipe.h"
#include "ycfg/suppress.h"
#include "ycfg/vec.h"

#define COMMON_CFG "y000000000000.cfg"
#define COMMON_BOOT "y000000000000.boot"

/* True when model (case-insensitive) is in the comma list m[0..n). */
static bool
model_listed(const char *model, const char *m, size_t n)
{
	size_t ml = strlen(model);
	const char *end = m + n;

	while (m < end) {
		while (m < end && (*m == ',' || *m == ' ' || *m == '\t'))
			m++;

		const char *e = m;

		while (e < end && *e != ',' && *e != ' ' && *e != '\t')
			e++;
		if ((size_t)(e - m) == ml && strncasecmp(m, model, ml) == 0)
			return true;
		m = e;
	}
	return false;
}

enum ycfg_include_status
ycfg_include_resolve(const char *model, const struct ycfg_doc *boot, size_t i,
		     bool any_model, char *buf, size_t bufsz)
{
	const struct ycfg_include *inc = &boot->incs[i];
	const char *p = boot->buf.p + inc->path_off;
	size_t n = inc->path_len;

	if (inc->models_len > 0 && !any_model &&
	    (model == NULL ||
	     !model_listed(model, boot->buf.p + inc->models_off,
			   inc->models_len)))
		return YCFG_INC_SKIPPED;

	for (size_t k = 0; k + 2 < n; k++)
		if (p[k] == ':' && p[k + 1] == '/' && p[k + 2] == '/')
			return YCFG_INC_URL;
	if (n >= 5 && memcmp(p + n - 5, ".boot", 5) == 0)
		return YCFG_INC_BOOT;
	if (n > 0 && p[0] == '/')
		return YCFG_INC_OUTSIDE;

	/* depth never below the boot file's directory */
	int depth = 0;

	for (size_t k = 0; k < n;) {
		size_t e = k;

		while (e < n && p[e] != '/')
			e++;
		if (e - k == 2 && p[k] == '.' && p[k + 1] == '.')
			depth--;
		else if (!(e - k == 1 && p[k] == '.') && e > k)
			depth++;
		if (depth < 0)
			return YCFG_INC_OUTSIDE;
		k = e + 1;
	}

	const char *slash = strrchr(boot->path, '/');
	int dl = slash ? (int)(slash - boot->path) + 1 : 0;
	int w = snprintf(buf, bufsz, "%.*s%.*s", dl, boot->path, (int)n, p);

	if (w < 0 || (size_t)w >= bufsz || memchr(p, '\0', n) != NULL)
		return YCFG_INC_MISSING;

	struct stat st;

	if (stat(buf, &st) != 0)
		return YCFG_INC_MISSING;
	/* a FIFO would be read by the phone's server as nothing, a
	 * directory not at all */
	return S_ISREG(st.st_mode) ? YCFG_INC_OK : YCFG_INC_NOT_FILE;
}

void
ycfg_recipe_check_includes(const struct ycfg_doc *doc, struct ycfg_diags *d)
{
	char path[4096];

	for (size_t i = 0; i < doc->ninc; i++) {
		const struct ycfg_include *inc = &doc->incs[i];
		int n = (int)inc->path_len;
		const char *p = doc->buf.p + inc->path_off;

		switch (ycfg_include_resolve(NULL, doc, i, true, path,
					     sizeof(path))) {
		case YCFG_INC_URL:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_URL_INCLUDE,
				      "'%.*s' is a URL; ycfg never fetches "
				      "anything, so it is not checked", n, p);
			break;
		case YCFG_INC_OUTSIDE:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_INCLUDE_OUTSIDE,
				      "'%.*s' is outside the boot file's "
				      "directory; it is not read", n, p);
			break;
		case YCFG_INC_BOOT:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_INCLUDE_CYCLE,
				      "'%.*s' is a boot file; include:config "
				      "must name a .cfg file (boot files "
				      "including boot files would loop)", n, p);
			break;
		case YCFG_INC_MISSING:
			/* a template names the files it is served with */
			if (doc->tpl.dialect != YCFG_TPL_NONE)
				break;
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_MISSING_INCLUDE,
				      "included file '%.*s' does not exist", n,
				      p);
			break;
		case YCFG_INC_NOT_FILE:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_MISSING_INCLUDE,
				      "included file '%.*s' is %s, not a "
				      "regular file; it is not read", n, p,
				      ycfg_is_dir(path) ? "a directory"
							: "a FIFO or device");
			break;
		default:
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* file names                                                           */
/* ------------------------------------------------------------------ */

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static bool
all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

enum ycfg_file_kind
ycfg_file_kind(const char *path, char mac[13])
{
	const char *b = base_name(path);
	size_t n = strlen(b);
	bool boot = n == 17 && strcmp(b + 12, ".boot") == 0;
	bool cfg = n == 16 && strcmp(b + 12, ".cfg") == 0;

	if (mac != NULL)
		mac[0] = '\0';
	if (n == 17 && b[0] == 'y' && strcmp(b + 13, ".cfg") == 0 &&
	    strspn(b + 1, "0123456789") == 12)
		return strncmp(b + 1, "000000000000", 12) == 0
			       ? YCFG_FILE_COMMON_CFG : YCFG_FILE_MODEL_CFG;
	if (n == 18 && strcmp(b, COMMON_BOOT) == 0)
		return YCFG_FILE_COMMON_BOOT;
	if ((boot || cfg) && all_hex(b, 12) &&
	    strncmp(b, "000000000000", 12) != 0) {
		if (mac != NULL) {
			for (int i = 0; i < 12; i++)
				mac[i] = (char)(b[i] >= 'A' && b[i] <= 'F'
						? b[i] - 'A' + 'a' : b[i]);
			mac[12] = '\0';
		}
		return boot ? YCFG_FILE_MAC_BOOT : YCFG_FILE_MAC_CFG;
	}
	if (n >= 5 && strcmp(b + n - 5, ".boot") == 0)
		return YCFG_FILE_OTHER_BOOT;
	return YCFG_FILE_OTHER_CFG;
}

/* ------------------------------------------------------------------ */
/* boot plans                                                           */
/* ------------------------------------------------------------------ */

/* One include line that takes part: its path, the file's identity and
 * its position. */
struct inc_ref {
	char *path;
	char *id;
	size_t pos;
};

/* The identity of an included file: device and inode when it exists
 * (./a.cfg, a.cfg, .//a.cfg and a link to it are one file), else the
 * path (a missing file is reported under the name the boot file used). */
static char *
file_identity(const char *path)
{
	struct stat st;
	char buf[64];

	if (stat(path, &st) != 0)
		return strdup(path);
	snprintf(buf, sizeof(buf), "%c%llx:%llx", '\001',
		 (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	return strdup(buf);
}

static int
inc_ref_cmp(const void *a, const void *b)
{
	const struct inc_ref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* True when some [MODEL] line of the boot file names model. */
static bool
model_has_lines(const struct ycfg_doc *boot, const char *model)
{
	for (size_t i = 0; model != NULL && i < boot->ninc; i++) {
		const struct ycfg_include *inc = &boot->incs[i];

		if (inc->models_len > 0 &&
		    model_listed(model, boot->buf.p + inc->models_off,
				 inc->models_len))
			return true;
	}
	return false;
}

void
ycfg_boot_plan_free(struct ycfg_boot_plan *bp)
{
	ycfg_pathlist_free(&bp->paths);
	memset(bp, 0, sizeof(*bp));
}

/*
 * A file included more than once, under any name, is loaded once, at its
 * last place:
 * applying it again later overrides everything it set earlier, so the
 * effective values are the same, and a boot file repeating a line 100,000
 * times stays cheap.  At most YCFG_MAX_LAYERS distinct files are kept.
 */
int
ycfg_boot_plan(const struct ycfg_doc *boot, const char *model,
	       struct ycfg_boot_plan *bp, struct ycfg_diags *d)
{
	size_t ninc = boot->ninc ? boot->ninc : 1;
	struct inc_ref *refs = calloc(ninc, sizeof(*refs));
	char **keep = calloc(ninc, sizeof(*keep));  /* path, or NULL */
	size_t n = 0, kept = 0;
	char path[4096];
	int rc = 0;
	/* exclude mode: a phone that has [MODEL] lines of its own loads
	 * only those */
	bool only_model = boot->excluded_mode == 1 &&
			  model_has_lines(boot, model);

	memset(bp, 0, sizeof(*bp));
	if (refs == NULL || keep == NULL)
		goto oom;
	for (size_t i = 0; i < boot->ninc; i++) {
		const struct ycfg_include *inc = &boot->incs[i];
		enum ycfg_include_status st = ycfg_include_resolve(
			model, boot, i, false, path, sizeof(path));

		if (st == YCFG_INC_SKIPPED && model == NULL) {
			if (bp->skipped_line == 0)
				bp->skipped_line = inc->line;
			bp->nskipped++;
		}
		if (st != YCFG_INC_OK || (only_model && inc->models_len == 0))
			continue;
		refs[n].path = strdup(path);
		refs[n].id = file_identity(path);
		refs[n].pos = i;
		n++;            /* freed at out: even when half made */
		if (refs[n - 1].path == NULL || refs[n - 1].id == NULL)
			goto oom;
	}
	if (n > 1)
		qsort(refs, n, sizeof(*refs), inc_ref_cmp);
	for (size_t k = 0; k < n; k++)
		if (k + 1 == n || strcmp(refs[k].id, refs[k + 1].id) != 0)
			keep[refs[k].pos] = refs[k].path;  /* last occurrence */
	for (size_t i = 0; i < boot->ninc; i++) {
		if (keep[i] == NULL)
			continue;
		if (++kept > YCFG_MAX_LAYERS) {
			const struct ycfg_include *inc = &boot->incs[i];

			if (d != NULL)
				ycfg_diag_add(d, boot->path, inc->line,
					      inc->col, YCFG_R_BAD_INCLUDE,
					      "more than %d different files "
					      "included; this one and the rest "
					      "are ignored", YCFG_MAX_LAYERS);
			break;
		}
		if (ycfg_pathlist_add(&bp->paths, keep[i]) != 0)
			goto oom;
	}
	goto out;
oom:
	rc = -1;
	ycfg_pathlist_free(&bp->paths);
out:
	for (size_t k = 0; refs != NULL && k < n; k++) {
		free(refs[k].path);
		free(refs[k].id);
	}
	free(refs);
	free(keep);
	return rc;
}

/* ------------------------------------------------------------------ */
/* phone recipes                                                        */
/* ------------------------------------------------------------------ */

void
ycfg_phone_free(struct ycfg_phone *p)
{
	ycfg_pathlist_free(&p->layers);
	free(p->boot);
	memset(p, 0, sizeof(*p));
}

/* dir + name, or just name when dir is "". */
static int
join(const char *dir, const char *name, char *buf, size_t bufsz)
{
	int w = snprintf(buf, bufsz, "%s%s%s", dir, dir[0] ? "/" : "", name);

	return w < 0 || (size_t)w >= bufsz ? -1 : 0;
}

int
ycfg_phone_recipe(const struct ycfg_recipe_in *in, struct ycfg_phone *p,
		  struct ycfg_diags *d)
{
	char path[4096];
	const struct ycfg_doc *boot = in->mac_boot ? in->mac_boot
						   : in->common_boot;
	const char *model = in->model ? in->model->name : NULL;

	memset(&p->layers, 0, sizeof(p->layers));
	p->boot = NULL;
	p->nskipped = 0;
	p->skipped_line = 0;
	p->own_cfg_loaded = false;
	if (boot != NULL) {
		struct ycfg_boot_plan bp;

		if (ycfg_boot_plan(boot, model, &bp, d) != 0 ||
		    (p->boot = strdup(boot->path)) == NULL) {
			ycfg_boot_plan_free(&bp);
			return -1;
		}
		p->layers = bp.paths;
		p->nskipped = bp.nskipped;
		p->skipped_line = bp.skipped_line;
		p->overwrite_mode = boot->overwrite_mode >= 0
					    ? boot->overwrite_mode : 0;
	} else {
		/* no boot file: the common file (the model's own when
		 * there is one), then <MAC>.cfg */
		const char *common = in->model_cfg ? in->model_cfg
			: in->has_common_cfg ? COMMON_CFG : NULL;

		p->overwrite_mode = 0;
		if (common != NULL &&
		    (join(in->dir, common, path, sizeof(path)) != 0 ||
		     ycfg_pathlist_add(&p->layers, path) != 0))
			return -1;
		if (in->has_mac_cfg) {
			char name[32];

			snprintf(name, sizeof(name), "%s.cfg", in->mac);
			if (join(in->dir, name, path, sizeof(path)) != 0 ||
			    ycfg_pathlist_add(&p->layers, path) != 0)
				return -1;
		}
	}
	if (in->has_mac_cfg) {
		char name[32];

		snprintf(name, sizeof(name), "%s.cfg", in->mac);
		for (size_t i = 0; i < p->layers.n; i++) {
			char mac[13];

			if (ycfg_file_kind(p->layers.v[i], mac) ==
				    YCFG_FILE_MAC_CFG &&
			    strcmp(mac, in->mac) == 0)
				p->own_cfg_loaded = true;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* stacks                                                               */
/* ------------------------------------------------------------------ */

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
push_file(struct ycfg_stack *st, struct ycfg_linter *l, const char *path,
	  struct ycfg_diags *d, char *err, size_t errsz)
{
	size_t cap = st->cap;

	if (ycfg_vec_reserve(&st->docs, &cap, st->n + 1, sizeof(*st->docs),
			     8) != 0 ||
	    ycfg_vec_reserve(&st->ptrs, &st->cap, cap, sizeof(*st->ptrs),
			     8) != 0) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}

	struct ycfg_doc *doc = &st->docs[st->n];
	size_t start = d->n;

	ycfg_doc_init(doc);
	if (ycfg_lint_path(l, path, doc, d, err, errsz) != 0) {
		ycfg_doc_free(doc);
		return -1;
	}
	if (doc->has_directives)
		ycfg_suppress_apply(doc->buf.p, doc->buf.len, doc->path, d,
				    start);
	st->n++;
	for (size_t i = 0; i < st->n; i++)
		st->ptrs[i] = &st->docs[i];
	return 0;
}

int
ycfg_stack_load_files(struct ycfg_stack *st, struct ycfg_linter *l,
		      char *const *paths, size_t npaths, struct ycfg_diags *d,
		      char *err, size_t errsz)
{
	for (size_t i = 0; i < npaths; i++)
		if (push_file(st, l, paths[i], d, err, errsz) != 0)
			return -1;
	return 0;
}

int
ycfg_stack_load_boot(struct ycfg_stack *st, struct ycfg_linter *l,
		     const char *path, struct ycfg_diags *d, char *err,
		     size_t errsz)
{
	struct ycfg_doc boot;
	struct ycfg_boot_plan bp;
	size_t start = d->n;
	int rc;

	ycfg_doc_init(&boot);
	if (ycfg_lint_path(l, path, &boot, d, err, errsz) != 0) {
		ycfg_doc_free(&boot);
		return -1;
	}
	ycfg_recipe_check_includes(&boot, d);
	if (boot.has_directives)
		ycfg_suppress_apply(boot.buf.p, boot.buf.len, boot.path, d,
				    start);
	st->overwrite_mode = boot.overwrite_mode >= 0 ? boot.overwrite_mode : 0;
	rc = ycfg_boot_plan(&boot, l->o->model_name, &bp, d);
	if (rc != 0)
		snprintf(err, errsz, "out of memory");
	else
		rc = ycfg_stack_load_files(st, l, bp.paths.v, bp.paths.n, d,
					   err, errsz);
	ycfg_boot_plan_free(&bp);
	ycfg_doc_free(&boot);
	return rc;
}
