/*
 * recipe.c - boot-file includes and phone stacks (see recipe.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ycfg/lexer.h"
#include "ycfg/recipe.h"
#include "ycfg/suppress.h"
#include "ycfg/vec.h"

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

	if (stat(buf, &st) != 0 || !S_ISREG(st.st_mode))
		return YCFG_INC_MISSING;
	return YCFG_INC_OK;
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
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_MISSING_INCLUDE,
				      "included file '%.*s' does not exist", n,
				      p);
			break;
		default:
			break;
		}
	}
}

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
			     8) != 0)
		goto oom;

	struct ycfg_doc *doc = &st->docs[st->n];
	size_t start = d->n;

	ycfg_doc_init(doc);
	if (ycfg_lint_path(l, path, doc, d, err, errsz) != 0) {
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
push_includes(struct ycfg_stack *st, struct ycfg_linter *l,
	      const struct ycfg_doc *boot, struct ycfg_diags *d, char *err,
	      size_t errsz)
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
		if (ycfg_include_resolve(l->o->model_name, boot, i, false, path,
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
		rc = push_file(st, l, keep[i], d, err, errsz);
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
ycfg_stack_load(struct ycfg_stack *st, struct ycfg_linter *l,
		char *const *paths, size_t npaths, struct ycfg_diags *d,
		char *err, size_t errsz)
{
	st->overwrite_mode = 0;
	if (npaths == 1 && ycfg_path_is_boot(paths[0])) {
		struct ycfg_doc boot;
		size_t start = d->n;
		int rc = 0;

		ycfg_doc_init(&boot);
		if (ycfg_lint_path(l, paths[0], &boot, d, err, errsz) != 0) {
			ycfg_doc_free(&boot);
			return -1;
		}
		ycfg_recipe_check_includes(&boot, d);
		ycfg_suppress_apply(boot.buf.p, boot.buf.len, boot.path, d,
				    start);
		if (boot.overwrite_mode >= 0)
			st->overwrite_mode = boot.overwrite_mode;
		rc = push_includes(st, l, &boot, d, err, errsz);
		ycfg_doc_free(&boot);
		return rc;
	}
	for (size_t i = 0; i < npaths; i++)
		if (push_file(st, l, paths[i], d, err, errsz) != 0)
			return -1;
	return 0;
}

