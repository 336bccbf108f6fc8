/*
 * schema_load.c - reading schema files and merging them into the table
 * (see schema.h and man/ycfg-schema.5.in).
 *
 * Loading goes through a "stage": a private copy of the merged table to
 * which files are added; only when every file of the call validated and
 * every reference (fallback, requires, enabled_by) resolved is the stage
 * committed.  Anything else discards it, so the schema keeps what it had.
 *
 * Storage: each loaded file's strings, ranges, enum values and conditions
 * live in that file's arena, which stays alive until ycfg_schema_free().
 * The merged arrays are rebuilt on every commit and all pointers into
 * them (fallback, requires[].param) are re-resolved; earlier arrays are
 * kept (retired, not freed) so pointers handed out before a later load
 * stay valid until ycfg_schema_free() as schema.h promises.
 *
 * Line numbers of offending entries are found with a libyaml event pass
 * over the file's bytes, run only on the error path.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "schema_priv.h"
#include "ycfg/fileio.h"
#include "ycfg/hash.h"
#include "ycfg/value.h"
#include "ycfg/vec.h"
#include "ycfg/yamlio.h"

/* A schema file is small; anything larger is a mistake (or /dev/zero). */
#define SCHEMA_FILE_MAX ((size_t)16 * 1024 * 1024)

/* ------------------------------------------------------------------ */
/* errors                                                               */
/* ------------------------------------------------------------------ */

void
ycfg_err_add(struct ycfg_errs *e, enum ycfg_section sec, long index,
	     const char *field, const char *fmt, ...)
{
	va_list ap;

	if (e->n == YCFG_MAX_ERRORS) {
		e->dropped++;
		return;
	}

	struct ycfg_err *x = &e->v[e->n++];

	x->sec = sec;
	x->index = index;
	x->field = field;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
}

static const char *
section_name(enum ycfg_section sec)
{
	switch (sec) {
	case YCFG_SEC_MODELS:
		return "models";
	case YCFG_SEC_PARAMS:
		return "params";
	case YCFG_SEC_INDEXES:
		return "indexes";
	case YCFG_SEC_ENUMS:
		return "enums";
	case YCFG_SEC_TOP:
		break;
	}
	return NULL;
}

static unsigned
err_line(const struct ycfg_src *src, const struct ycfg_err *x)
{
	const char *section = section_name(x->sec);

	if (src == NULL || src->data == NULL)
		return 0;
	if (section == NULL)
		return ycfg_yaml_locate(src->data, src->len,
					x->field ? x->field : "version",
					x->index, NULL);
	return ycfg_yaml_locate(src->data, src->len, section, x->index,
				x->field);
}

static void
errs_report(struct ycfg_diags *d, const struct ycfg_src *src,
	    const struct ycfg_errs *e)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < e->n; i++)
		ycfg_diag_add(d, src->name, err_line(src, &e->v[i]), 0,
			      YCFG_R_SCHEMA_ERROR, "%s", e->v[i].msg);
	if (e->dropped)
		ycfg_diag_add(d, src->name, 0, 0, YCFG_R_SCHEMA_ERROR,
			      "%zu more schema errors not shown", e->dropped);
}

/* ------------------------------------------------------------------ */
/* the lookup table                                                     */
/* ------------------------------------------------------------------ */

static void
slot_put(struct ycfg_slot *slots, size_t mask, const char *norm, uint32_t h,
	 size_t param)
{
	size_t i = h & mask;

	while (slots[i].param != 0)
		i = (i + 1) & mask;
	slots[i] = (struct ycfg_slot){ norm, h, (uint32_t)param + 1 };
}

/* Number of names (keys and aliases) of a table. */
static size_t
name_count(const struct ycfg_table *t)
{
	size_t n = t->n;

	for (size_t i = 0; i < t->n; i++)
		n += t->params[i].naliases;
	return n;
}

/* Rebuilds the slots for the table's entries plus room for extra names. */
static int
table_rehash(struct ycfg_table *t, size_t extra)
{
	size_t need = name_count(t) + extra, size = 64;

	while (size < need * 2 + 16)
		size *= 2;

	struct ycfg_slot *slots = calloc(size, sizeof(*slots));

	if (slots == NULL)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		const struct ycfg_pmeta *m = &t->meta[i];

		slot_put(slots, size - 1, m->norm, m->hash, i);
		for (size_t k = 0; k < t->params[i].naliases; k++) {
			const char *an = m->alias_norm[k];

			slot_put(slots, size - 1, an,
				 ycfg_norm_hash(an, strlen(an)), i);
		}
	}
	free(t->slots);
	t->slots = slots;
	t->mask = size - 1;
	return 0;
}

static void
table_free_arrays(struct ycfg_table *t)
{
	free(t->params);
	free(t->meta);
	free(t->models);
	free(t->indexes);
	free(t->enums);
	free(t->ns);
	free(t->secret_names);
	free(t->slots);
}

/* ------------------------------------------------------------------ */
/* staging                                                              */
/* ------------------------------------------------------------------ */

struct stage {
	struct ycfg_table t;
	struct ycfg_diags *d;
};

static void
stage_discard(struct stage *st)
{
	table_free_arrays(&st->t);
	ycfg_arena_free_list(st->t.arenas);
	memset(st, 0, sizeof(*st));
}

/* Copies n elements of elem bytes into a fresh array with room for cap. */
static int
clone(void *dst, const void *src, size_t n, size_t cap, size_t elem)
{
	void **pd = dst;

	*pd = malloc((cap ? cap : 1) * elem);
	if (*pd == NULL)
		return -1;
	if (n)
		memcpy(*pd, src, n * elem);
	return 0;
}

static int
stage_begin(struct stage *st, const struct ycfg_schema *s,
	    struct ycfg_diags *d)
{
	const struct ycfg_table *x = s->priv ? &s->priv->t : NULL;
	struct ycfg_table *t = &st->t;

	memset(st, 0, sizeof(*st));
	st->d = d;
	if (x == NULL)
		return table_rehash(t, 0);
	t->cap = x->n + 64;
	t->mcap = x->nmodels + 16;
	t->icap = x->nindexes + 8;
	t->ecap = x->nenums + 8;
	t->nscap = x->nns + 8;
	t->secap = x->nsecret + 8;
	if (clone(&t->params, x->params, x->n, t->cap, sizeof(*t->params)) ||
	    clone(&t->meta, x->meta, x->n, t->cap, sizeof(*t->meta)) ||
	    clone(&t->models, x->models, x->nmodels, t->mcap,
		  sizeof(*t->models)) ||
	    clone(&t->indexes, x->indexes, x->nindexes, t->icap,
		  sizeof(*t->indexes)) ||
	    clone(&t->enums, x->enums, x->nenums, t->ecap,
		  sizeof(*t->enums)) ||
	    clone(&t->ns, x->ns, x->nns, t->nscap, sizeof(*t->ns)) ||
	    clone(&t->secret_names, x->secret_names, x->nsecret, t->secap,
		  sizeof(*t->secret_names))) {
		stage_discard(st);
		return -1;
	}
	t->n = x->n;
	t->nmodels = x->nmodels;
	t->nindexes = x->nindexes;
	t->nenums = x->nenums;
	t->nns = x->nns;
	t->nsecret = x->nsecret;
	if (table_rehash(t, 0) != 0) {
		stage_discard(st);
		return -1;
	}
	return 0;
}

/* Adds names not yet in the list (case-insensitive). */
static int
add_names(const char ***v, size_t *n, size_t *cap, const char *const *add,
	  size_t nadd)
{
	struct ycfg_nameset set;
	int rc = 0;

	if (ycfg_nameset_init(&set, *n + nadd, true) != 0)
		return -1;
	for (size_t j = 0; j < *n; j++)
		ycfg_nameset_put(&set, (*v)[j], j);
	for (size_t i = 0; i < nadd && rc == 0; i++)
		if (ycfg_nameset_put(&set, add[i], *n) < 0)
			rc = ycfg_vec_push(v, n, cap, &add[i], sizeof(add[i]));
	ycfg_nameset_free(&set);
	return rc;
}

/* Merges the models of a file: a name already known (case-insensitive)
 * is replaced. */
static int
merge_models(struct ycfg_table *t, const struct ycfg_file *f)
{
	struct ycfg_nameset set;
	int rc = 0;

	if (ycfg_nameset_init(&set, t->nmodels + f->nmodels, true) != 0)
		return -1;
	for (size_t j = 0; j < t->nmodels; j++)
		ycfg_nameset_put(&set, t->models[j].name, j);
	for (size_t i = 0; i < f->nmodels && rc == 0; i++) {
		long j = ycfg_nameset_put(&set, f->models[i].name, t->nmodels);

		if (j >= 0)
			t->models[j] = f->models[i];
		else
			rc = ycfg_vec_push(&t->models, &t->nmodels, &t->mcap,
					   &f->models[i], sizeof(f->models[i]));
	}
	ycfg_nameset_free(&set);
	return rc;
}

/* Merges the named enums of a file: a name already known is replaced. */
static int
merge_enums(struct ycfg_table *t, const struct ycfg_file *f)
{
	struct ycfg_nameset set;
	int rc = 0;

	if (ycfg_nameset_init(&set, t->nenums + f->nenums, false) != 0)
		return -1;
	for (size_t j = 0; j < t->nenums; j++)
		ycfg_nameset_put(&set, t->enums[j].name, j);
	for (size_t i = 0; i < f->nenums && rc == 0; i++) {
		long j = ycfg_nameset_put(&set, f->enums[i].name, t->nenums);

		if (j >= 0)
			t->enums[j] = f->enums[i];
		else
			rc = ycfg_vec_push(&t->enums, &t->nenums, &t->ecap,
					   &f->enums[i], sizeof(f->enums[i]));
	}
	ycfg_nameset_free(&set);
	return rc;
}

/* Merges a converted file into the stage; the file's arena moves to the
 * stage.  An entry whose key (or an alias) is already known replaces that
 * entry.  Returns -1 only when memory ran out. */
static int
stage_merge(struct stage *st, struct ycfg_file *f, const struct ycfg_src *src)
{
	struct ycfg_table *t = &st->t;
	size_t need = t->n + f->nparams;

	if (ycfg_vec_reserve(&t->params, &t->cap, need, sizeof(*t->params),
			     64) != 0)
		return -1;

	/* meta runs parallel to params, with the same capacity */
	struct ycfg_pmeta *nm = realloc(t->meta, t->cap * sizeof(*nm));

	if (nm == NULL)
		return -1;
	t->meta = nm;

	size_t extra = 0;

	for (size_t i = 0; i < f->nparams; i++)
		extra += 1 + f->params[i].naliases;
	if (table_rehash(t, extra) != 0)
		return -1;

	for (size_t i = 0; i < f->nparams; i++) {
		struct ycfg_pmeta m = f->meta[i];
		long at = ycfg_table_find(t, m.norm, m.hash);

		m.src = src;
		if (at >= 0) {
			t->params[at] = f->params[i];
			t->meta[at] = m;
			continue;
		}
		t->params[t->n] = f->params[i];
		t->meta[t->n] = m;
		slot_put(t->slots, t->mask, m.norm, m.hash, t->n);
		t->n++;
	}
	/* aliases of replaced entries and new ones: rebuild once */
	if (table_rehash(t, 0) != 0)
		return -1;

	if (merge_models(t, f) != 0)
		return -1;
	for (size_t i = 0; i < f->nindexes; i++) {
		size_t j;

		for (j = 0; j < t->nindexes; j++)
			if (t->indexes[j].letter == f->indexes[i].letter)
				break;
		if (j < t->nindexes)
			t->indexes[j] = f->indexes[i];
		else if (ycfg_vec_push(&t->indexes, &t->nindexes, &t->icap,
				       &f->indexes[i],
				       sizeof(f->indexes[i])) != 0)
			return -1;
	}
	if (merge_enums(t, f) != 0)
		return -1;
	if (add_names(&t->ns, &t->nns, &t->nscap, f->ns, f->nns) != 0 ||
	    add_names(&t->secret_names, &t->nsecret, &t->secap,
		      f->secret_names, f->nsecret) != 0)
		return -1;
	f->arena->next = t->arenas;
	t->arenas = f->arena;
	f->arena = NULL;
	return 0;
}

/* Looks a key pattern up in the stage. */
static long
stage_find_pattern(const struct stage *st, const char *pattern)
{
	char norm[YCFG_MAX_KEY + 1], letters[YCFG_MAX_INDICES + 1];

	if (ycfg_pattern_check(pattern, norm, sizeof(norm), letters) != NULL)
		return -1;
	return ycfg_table_find(&st->t, norm, ycfg_norm_hash(norm,
							    strlen(norm)));
}

static void stage_error(struct stage *st, const struct ycfg_pmeta *m,
			const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
stage_error(struct stage *st, const struct ycfg_pmeta *m, const char *field,
	    const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	unsigned line = 0;

	if (st->d == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (m != NULL && m->src != NULL)
		line = ycfg_yaml_locate(m->src->data, m->src->len, "params",
					(long)m->entry, field);
	ycfg_diag_add(st->d, m && m->src ? m->src->name : "schema", line, 0,
		      YCFG_R_SCHEMA_ERROR, "%s", msg);
}

/* Rejects fallback chains that loop (a -> b -> a) or run longer than the
 * resolver follows (YCFG_FALLBACK_DEPTH in resolve.h): such a schema
 * would leave -1 values unresolved without a word.  Returns 0 or -1
 * (reported). */
static int
stage_check_chains(struct stage *st)
{
	int bad = 0;

	for (size_t i = 0; i < st->t.n; i++) {
		const struct ycfg_param *p = &st->t.params[i];
		long at = (long)i;
		int steps = 0;
		bool loops = false;

		while (at >= 0 && st->t.params[at].fallback_key != NULL &&
		       steps <= YCFG_FALLBACK_DEPTH) {
			at = stage_find_pattern(st,
						st->t.params[at].fallback_key);
			steps++;
			if (at == (long)i) {
				loops = true;
				break;
			}
		}
		if (loops || steps > YCFG_FALLBACK_DEPTH) {
			stage_error(st, &st->t.meta[i], "fallback",
				    loops ? "fallback of %s loops back to itself"
					  : "fallback chain of %s is longer than "
					    "4 steps", p->key);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* Resolves the conditions of entry i; pass 0 only checks, pass 1 writes.
 * Returns false when a condition does not resolve. */
static bool
resolve_conditions(struct stage *st, size_t i, int pass)
{
	struct ycfg_param *p = &st->t.params[i];
	const struct ycfg_pmeta *m = &st->t.meta[i];
	bool ok = true;

	for (size_t k = 0; k < p->nrequires; k++) {
		const char *ck = m->conds[k].key;
		long at = stage_find_pattern(st, ck);

		if (at < 0) {
			if (pass == 0)
				stage_error(st, m, "requires", "requires key %s "
					    "of %s is not a known key", ck,
					    p->key);
			ok = false;
			continue;
		}

		const struct ycfg_param *t = &st->t.params[at];
		struct ycfg_range tmp[YCFG_COND_RANGES];
		size_t rn;

		if (ycfg_parse_ranges(m->cond_text[k], t->type == YCFG_T_FLOAT,
				      tmp, YCFG_COND_RANGES, &rn) != 0) {
			if (pass == 0)
				stage_error(st, m, "requires", "ranges '%s' in "
					    "requires of %s do not fit %s (type "
					    "%s)", m->cond_text[k], p->key, ck,
					    ycfg_type_name(t->type));
			ok = false;
			continue;
		}
		if (pass == 1) {
			struct ycfg_range *b = m->cond_buf +
					       k * YCFG_COND_RANGES;

			memcpy(b, tmp, rn * sizeof(*b));
			m->conds[k].param = t;
			m->conds[k].in.v = b;
			m->conds[k].in.n = rn;
		}
	}
	return ok;
}

/* An entry other than self that has the name norm, or -1. */
static long
other_owner(const struct ycfg_table *t, const char *norm, size_t self)
{
	uint32_t h = ycfg_norm_hash(norm, strlen(norm));

	for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
		const struct ycfg_slot *sl = &t->slots[i];

		if (sl->param == 0)
			return -1;
		if (sl->param - 1 != self && sl->hash == h &&
		    strcmp(sl->norm, norm) == 0)
			return (long)sl->param - 1;
	}
}

/* Checks what refers to other parts of the schema: fallback and requires
 * keys, index enabled_by keys, one overwrite-mode directive.  Nothing is
 * written unless everything resolves.  Returns 0 or -1. */
/* The named enum of entry i, or NULL (reported) when there is none or
 * the default is not one of its values. */
static const struct ycfg_named_enum *
resolve_enum(struct stage *st, const struct ycfg_nameset *enums, size_t i)
{
	const struct ycfg_param *p = &st->t.params[i];
	long at = ycfg_nameset_find(enums, p->enum_name);

	if (at < 0) {
		stage_error(st, &st->t.meta[i], "enum", "enum %s of %s is not "
			    "defined (enums: in any schema file)",
			    p->enum_name, p->key);
		return NULL;
	}

	const struct ycfg_named_enum *e = &st->t.enums[at];
	struct ycfg_param tmp = *p;
	struct ycfg_value_result res;

	tmp.values = e->values;
	tmp.nvalues = e->nvalues;
	if (p->def != NULL && !ycfg_value_check(&tmp, p->key, strlen(p->key),
						p->def, strlen(p->def), &res) &&
	    res.rule != YCFG_R_VALUE_ADJUSTED) {
		stage_error(st, &st->t.meta[i], "default", "default does not "
			    "fit the entry: %s", res.msg);
		return NULL;
	}
	return e;
}

static int
stage_resolve(struct stage *st)
{
	bool bad = false;
	long overwrite = -1;
	struct ycfg_nameset enums;

	if (ycfg_nameset_init(&enums, st->t.nenums + 1, false) != 0)
		return -1;
	for (size_t j = 0; j < st->t.nenums; j++)
		ycfg_nameset_put(&enums, st->t.enums[j].name, j);

	for (size_t i = 0; i < st->t.n; i++) {
		struct ycfg_param *p = &st->t.params[i];

		if (p->fallback_key != NULL &&
		    stage_find_pattern(st, p->fallback_key) < 0) {
			stage_error(st, &st->t.meta[i], "fallback", "fallback key "
				    "%s of %s is not a known key",
				    p->fallback_key, p->key);
			bad = true;
		}
		if (!resolve_conditions(st, i, 0))
			bad = true;
		if (p->enum_name != NULL && resolve_enum(st, &enums, i) == NULL)
			bad = true;
		if (p->role == YCFG_ROLE_OVERWRITE_MODE) {
			if (overwrite >= 0) {
				stage_error(st, &st->t.meta[i], "role", "%s and "
					    "%s both have role overwrite_mode",
					    st->t.params[overwrite].key,
					    p->key);
				bad = true;
			}
			overwrite = (long)i;
		}
	}
	/* every name (key or alias) must lead to its own entry */
	for (size_t i = 0; i < st->t.n; i++) {
		const struct ycfg_param *p = &st->t.params[i];
		const struct ycfg_pmeta *m = &st->t.meta[i];

		for (size_t k = 0; k < p->naliases; k++) {
			long at = other_owner(&st->t, m->alias_norm[k], i);

			if (at >= 0) {
				stage_error(st, m, "aliases", "alias %s of %s "
					    "is also %s", p->aliases[k], p->key,
					    st->t.params[at].key);
				bad = true;
			}
		}
	}
	for (size_t i = 0; i < st->t.nindexes; i++) {
		const struct ycfg_index *x = &st->t.indexes[i];

		if (x->enabled_by != NULL &&
		    stage_find_pattern(st, x->enabled_by) < 0) {
			stage_error(st, NULL, NULL, "enabled_by key %s of index "
				    "%c is not a known key", x->enabled_by,
				    x->letter);
			bad = true;
		}
	}
	if (bad || stage_check_chains(st) != 0) {
		ycfg_nameset_free(&enums);
		return -1;
	}
	for (size_t i = 0; i < st->t.n; i++) {
		struct ycfg_param *p = &st->t.params[i];

		if (p->fallback_key != NULL)
			p->fallback = &st->t.params[stage_find_pattern(
				st, p->fallback_key)];
		resolve_conditions(st, i, 1);
		if (p->enum_name != NULL) {
			const struct ycfg_named_enum *e = &st->t.enums[
				ycfg_nameset_find(&enums, p->enum_name)];

			p->values = e->values;
			p->nvalues = e->nvalues;
		}
	}
	ycfg_nameset_free(&enums);
	return 0;
}

/* Moves the committed arrays to the retired list (all or nothing). */
static int
retire(struct ycfg_schema_index *x)
{
	void *ptrs[5] = { x->t.params, x->t.models, x->t.indexes, x->t.ns,
			  x->t.enums };
	struct ycfg_retired *r[5] = { NULL, NULL, NULL, NULL, NULL };

	for (size_t i = 0; i < 5; i++) {
		if (ptrs[i] != NULL && (r[i] = malloc(sizeof(*r[i]))) == NULL) {
			for (size_t j = 0; j < i; j++)
				free(r[j]);
			return -1;
		}
	}
	for (size_t i = 0; i < 5; i++) {
		if (r[i] == NULL)
			continue;
		r[i]->ptr = ptrs[i];
		r[i]->next = x->retired;
		x->retired = r[i];
	}
	x->t.params = NULL;
	x->t.models = NULL;
	x->t.indexes = NULL;
	x->t.ns = NULL;
	x->t.enums = NULL;
	return 0;
}

/* Points the public view at the committed table. */
static void
publish(struct ycfg_schema *s)
{
	const struct ycfg_table *t = &s->priv->t;

	s->params = t->params;
	s->nparams = t->n;
	s->models = t->models;
	s->nmodels = t->nmodels;
	s->indexes = t->indexes;
	s->nindexes = t->nindexes;
	s->enums = t->enums;
	s->nenums = t->nenums;
	s->namespaces = t->ns;
	s->nnamespaces = t->nns;
	s->secret_names = t->secret_names;
	s->nsecret_names = t->nsecret;
	s->overwrite_mode = NULL;
	for (size_t i = 0; i < t->n; i++)
		if (t->params[i].role == YCFG_ROLE_OVERWRITE_MODE)
			s->overwrite_mode = &t->params[i];
}

/* The words of the committed keys, for did-you-mean.  Without memory the
 * set stays empty: suggestions then lack one refinement, nothing else. */
static void
build_words(struct ycfg_schema_index *x)
{
	size_t n = 0;

	ycfg_nameset_free(&x->words);
	ycfg_arena_free_list(x->words_arena);
	x->words_arena = NULL;
	for (size_t i = 0; i < x->t.n; i++)
		for (const char *p = x->t.meta[i].norm; *p; p++)
			n += *p == '.';
	n += x->t.n;
	x->words_arena = calloc(1, sizeof(*x->words_arena));
	if (x->words_arena == NULL ||
	    ycfg_nameset_init(&x->words, n, false) != 0)
		return;
	for (size_t i = 0; i < x->t.n; i++) {
		const char *seg = x->t.meta[i].norm;

		for (const char *p = seg;; p++) {
			if (*p != '.' && *p != '\0')
				continue;
			if (!(p - seg == 1 && *seg == '#')) {
				char *w = ycfg_arena_strndup(x->words_arena, seg,
							     (size_t)(p - seg));

				if (w != NULL &&
				    ycfg_nameset_find(&x->words, w) < 0)
					ycfg_nameset_put(&x->words, w, 0);
			}
			if (*p == '\0')
				break;
			seg = p + 1;
		}
	}
}

bool
ycfg_schema_is_word(const struct ycfg_schema *s, const char *w)
{
	const struct ycfg_schema_index *x = s->priv;

	return x != NULL && x->words.slot != NULL &&
	       ycfg_nameset_find(&x->words, w) >= 0;
}

/* Resolves and installs the stage; on failure discards it. */
static int
stage_commit(struct stage *st, struct ycfg_schema *s)
{
	struct ycfg_schema_index *x = s->priv;

	if (stage_resolve(st) != 0)
		goto fail;
	if (x == NULL) {
		x = calloc(1, sizeof(*x));
		if (x == NULL)
			goto fail;
		s->priv = x;
	}
	/* retired arrays keep earlier pointers valid until free; the
	 * built-in arrays are static and stay as they are */
	if (x->builtin) {
		x->builtin = false;
		x->words = (struct ycfg_nameset){ 0 };
		memset(&x->t, 0, offsetof(struct ycfg_table, arenas));
	} else {
		if (retire(x) != 0)
			goto fail;
		free(x->t.meta);
		free(x->t.slots);
		free(x->t.secret_names);
	}
	for (size_t i = 0; i < st->t.n; i++)
		st->t.meta[i].src = NULL;

	struct ycfg_arena *old = x->t.arenas;

	x->t = st->t;
	if (x->t.arenas != NULL) {
		struct ycfg_arena *last = x->t.arenas;

		while (last->next != NULL)
			last = last->next;
		last->next = old;
	} else {
		x->t.arenas = old;
	}
	memset(st, 0, sizeof(*st));
	publish(s);
	build_words(x);
	return 0;
fail:
	stage_discard(st);
	return -1;
}

/* Loads one file's bytes into the stage.  Returns 0 or -1 (errors
 * reported; the stage is unchanged then). */
static int
stage_add(struct stage *st, const struct ycfg_src *src)
{
	struct ycfg_raw_file *raw = ycfg_raw_load(src, st->d);

	if (raw == NULL)
		return -1;

	struct ycfg_file f = { .arena = calloc(1, sizeof(struct ycfg_arena)) };
	struct ycfg_errs *e = calloc(1, sizeof(*e));
	int rc = -1;

	if (f.arena == NULL || e == NULL)
		goto out;
	if (ycfg_convert_file(raw, src->name, &f, e) != 0) {
		if (e->n == 0 && st->d)
			ycfg_diag_add(st->d, src->name, 0, 0,
				      YCFG_R_SCHEMA_ERROR, "out of memory");
		errs_report(st->d, src, e);
		goto out;
	}
	rc = stage_merge(st, &f, src);
out:
	if (f.arena != NULL)
		ycfg_arena_free_list(f.arena);
	free(e);
	ycfg_raw_free(raw);
	return rc;
}

/* ------------------------------------------------------------------ */
/* public loading API                                                   */
/* ------------------------------------------------------------------ */

void
ycfg_schema_init(struct ycfg_schema *s)
{
	memset(s, 0, sizeof(*s));
}

void
ycfg_schema_free(struct ycfg_schema *s)
{
	struct ycfg_schema_index *x = s->priv;

	if (x != NULL) {
		if (!x->builtin) {
			table_free_arrays(&x->t);
			ycfg_nameset_free(&x->words);
		}
		ycfg_arena_free_list(x->t.arenas);
		ycfg_arena_free_list(x->words_arena);
		while (x->retired != NULL) {
			struct ycfg_retired *r = x->retired;

			x->retired = r->next;
			free(r->ptr);
			free(r);
		}
		free(x);
	}
	memset(s, 0, sizeof(*s));
}

int
ycfg_schema_load_builtin(struct ycfg_schema *s, const struct ycfg_builtin *b)
{
	struct ycfg_schema_index *x = calloc(1, sizeof(*x));

	if (x == NULL)
		return -1;
	x->builtin = true;
	x->t.params = b->params;
	x->t.meta = b->meta;
	x->t.n = x->t.cap = b->nparams;
	x->t.models = b->models;
	x->t.nmodels = x->t.mcap = b->nmodels;
	x->t.indexes = b->indexes;
	x->t.nindexes = x->t.icap = b->nindexes;
	x->t.enums = b->enums;
	x->t.nenums = x->t.ecap = b->nenums;
	x->t.ns = b->ns;
	x->t.nns = x->t.nscap = b->nns;
	x->t.secret_names = b->secret_names;
	x->t.nsecret = x->t.secap = b->nsecret;
	x->t.slots = b->slots;
	x->t.mask = b->mask;
	x->words.slot = b->words;
	x->words.mask = b->words_mask;
	s->priv = x;
	publish(s);
	return 0;
}

static const char *
intern_name(struct ycfg_diags *d, const char *name)
{
	const char *n = d ? ycfg_diags_intern(d, name) : NULL;

	return n ? n : name;
}

int
ycfg_schema_load_data(struct ycfg_schema *s, const char *name,
		      const char *data, size_t len, struct ycfg_diags *d)
{
	struct stage st;
	struct ycfg_src src = { intern_name(d, name), data, len };

	if (stage_begin(&st, s, d) != 0)
		return -1;
	if (stage_add(&st, &src) != 0) {
		stage_discard(&st);
		return -1;
	}
	return stage_commit(&st, s);
}

/* Reads a schema file; reports and returns -1 when it cannot. */
static int
read_schema_file(const char *path, struct ycfg_buf *b, struct ycfg_diags *d)
{
	char why[256];

	switch (ycfg_read_file(path, b, SCHEMA_FILE_MAX, why, sizeof(why))) {
	case YCFG_READ_OK:
		return 0;
	case YCFG_READ_TOO_LARGE:
		snprintf(why, sizeof(why), "larger than %zu MiB",
			 SCHEMA_FILE_MAX >> 20);
		break;
	case YCFG_READ_IS_DIR:
		snprintf(why, sizeof(why), "Is a directory");
		break;
	case YCFG_READ_ERROR:
		break;
	}
	if (d)
		ycfg_diag_add(d, intern_name(d, path), 0, 0, YCFG_R_SCHEMA_ERROR,
			      "cannot read schema file: %s", why);
	return -1;
}

int
ycfg_schema_load_file(struct ycfg_schema *s, const char *path,
		      struct ycfg_diags *d)
{
	struct ycfg_buf b = { 0 };

	if (read_schema_file(path, &b, d) != 0) {
		ycfg_buf_free(&b);
		return -1;
	}

	int rc = ycfg_schema_load_data(s, path, b.p, b.len, d);

	ycfg_buf_free(&b);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
ycfg_schema_load_dir(struct ycfg_schema *s, const char *dir,
		     struct ycfg_diags *d)
{
	struct ycfg_pathlist names = { 0 };
	DIR *dp = opendir(dir);
	int rc = 0;

	if (dp == NULL) {
		if (d)
			ycfg_diag_add(d, intern_name(d, dir), 0, 0,
				      YCFG_R_SCHEMA_ERROR,
				      "cannot open schema directory: %s",
				      strerror(errno));
		return -1;
	}
	for (struct dirent *de; (de = readdir(dp)) != NULL;) {
		size_t l = strlen(de->d_name);
		char path[4096];

		if (de->d_name[0] == '.' || l < 6 ||
		    strcmp(de->d_name + l - 5, ".yaml") != 0)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     de->d_name) >= sizeof(path) ||
		    ycfg_pathlist_add(&names, path) != 0) {
			rc = -1;
			break;
		}
	}
	closedir(dp);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), name_cmp);
	if (rc == 0 && names.n == 0) {
		if (d)
			ycfg_diag_add(d, intern_name(d, dir), 0, 0,
				      YCFG_R_SCHEMA_ERROR,
				      "no *.yaml files in the schema directory");
		rc = -1;
	}

	/* every file goes into one stage: references may point to entries
	 * of any file of the directory, and a broken file leaves the schema
	 * unchanged */
	struct stage st;
	struct ycfg_src *srcs = calloc(names.n ? names.n : 1, sizeof(*srcs));
	struct ycfg_buf *bufs = calloc(names.n ? names.n : 1, sizeof(*bufs));

	if (rc == 0 && (srcs == NULL || bufs == NULL ||
			stage_begin(&st, s, d) != 0)) {
		rc = -1;
	} else if (rc == 0) {
		for (size_t i = 0; i < names.n; i++) {
			if (read_schema_file(names.v[i], &bufs[i], d) != 0) {
				rc = -1;
				continue;
			}
			srcs[i].name = intern_name(d, names.v[i]);
			srcs[i].data = bufs[i].p;
			srcs[i].len = bufs[i].len;
			if (stage_add(&st, &srcs[i]) != 0)
				rc = -1;
		}
		if (rc == 0)
			rc = stage_commit(&st, s);
		else
			stage_discard(&st);
	}
	for (size_t i = 0; bufs != NULL && i < names.n; i++)
		ycfg_buf_free(&bufs[i]);
	ycfg_pathlist_free(&names);
	free(bufs);
	free(srcs);
	return rc;
}
