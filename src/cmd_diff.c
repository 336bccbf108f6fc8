/*
 * cmd_diff.c - ycfg diff: what a change does to each phone's effective
 * configuration.
 *
 * Each side is a tree (its phones matched by directory and MAC) or one
 * phone (read as 'ycfg resolve FILE' reads it).  A phone's keys are
 * compared in natural order; a key that one side does not set is taken
 * at that side's effective value (its default, or a -1 fallback), so
 * "set to the default" and "not set" are no difference.  Values of
 * secrets are compared, never shown.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ycfg/cli.h"
#include "ycfg/json.h"
#include "ycfg/lexer.h"
#include "ycfg/pool.h"
#include "ycfg/recipe.h"
#include "ycfg/resolve.h"
#include "ycfg/secret.h"
#include "ycfg/tree.h"
#include "ycfg/utf8.h"
#include "ycfg/value.h"
#include "ycfg/vec.h"

extern char **environ;

static const char diff_usage[] =
	"usage: ycfg diff [OPTIONS] OLD NEW\n"
	"       ycfg diff [OPTIONS] --git REV [PATH]\n"
	"\n"
	"Show what changes in the effective configuration of each phone\n"
	"between OLD and NEW.  Each is a tree (its phones matched by directory\n"
	"and MAC, found and layered as 'ycfg lint' finds them) or one phone (a\n"
	"boot file, or a .cfg file read as 'ycfg resolve FILE' reads it).\n"
	"Values are compared with defaults and -1 fallbacks applied: setting a\n"
	"key to its default is no change.  Secrets are compared but never\n"
	"shown.  With --git, OLD is PATH (default: the current directory) as\n"
	"it is in the revision REV of its git repository, NEW is PATH as it is\n"
	"in the work tree.\n"
	"\n"
	"options:\n"
	"  --git REV             compare PATH at git revision REV with the\n"
	"                        work tree (git is run; nothing is checked out)\n"
	"  --format FORMAT       text (default), json or markdown\n"
	"  --provenance          give the line each value came from\n"
	"  -j, --jobs N          worker threads (0: one per CPU)\n"
	"  --schema FILE         load extra schema entries (repeatable)\n"
	"  --config FILE         read this configuration instead of the\n"
	"                        nearest " YCFG_CONFIG_NAME "\n"
	"  --no-config           read no configuration file\n"
	"  -h, --help            show this help\n"
	"\n"
	"exit status: 0 no difference, 1 differences, 2 usage error or\n"
	"unreadable input\n";

enum diff_format { FMT_TEXT, FMT_JSON, FMT_MARKDOWN };

enum {
	OPT_FORMAT = 256,
	OPT_PROVENANCE,
	OPT_GIT,
	OPT_SCHEMA,
	OPT_CONFIG,
	OPT_NO_CONFIG,
};

struct diff_args {
	enum diff_format format;
	bool provenance;
	const char *git;          /* --git REV, or NULL */
	unsigned jobs;
	const char *old, *new;    /* the two sides as given */
	/* --git: the old side's files live in a temporary directory; its
	 * names are shown as REV:NAME */
	const char *tmp_prefix;
	size_t tmp_len;
};

/* ------------------------------------------------------------------ */
/* What differs                                                         */
/* ------------------------------------------------------------------ */

/* One side of a key: its values as shown (escaped, masked), or none. */
struct side_val {
	char *text;               /* NULL: no value (unset, no default) */
	char *source;             /* --provenance, else NULL */
	bool is_default;          /* from the schema, not a file */
	bool multi;               /* text is a list of values */
};

struct change {
	char *key;
	bool secret;              /* values not shown */
	struct side_val old, new;
};

enum phone_status { PH_SAME, PH_CHANGED, PH_ADDED, PH_REMOVED, PH_FAILED };

struct phone_diff {
	enum phone_status status;
	struct change *v;
	size_t n, cap;
};

static void
side_val_free(struct side_val *s)
{
	free(s->text);
	free(s->source);
}

static void
phone_diff_free(struct phone_diff *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].key);
		side_val_free(&p->v[i].old);
		side_val_free(&p->v[i].new);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* A phone's resolved keys in order: a base's entries (those not dropped)
 * with its own among them, or one whole list (base empty). */
struct view {
	const struct ycfg_resolved *base;
	const unsigned char *drop;
	const struct ycfg_resolved *own;
	const struct ycfg_layers *layers;
	const size_t *runlen;         /* per base entry: entries of its key */
	const size_t *dropped;        /* dropped base entries, in order */
	size_t ndropped;
};

/* The first dropped base entry after i, or SIZE_MAX. */
static size_t
next_dropped(const struct view *v, size_t i)
{
	size_t lo = 0, hi = v->ndropped;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->dropped[mid] <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->ndropped ? v->dropped[lo] : SIZE_MAX;
}

struct view_it {
	const struct view *v;
	size_t i, o;
	/* the current entry, and its base index (SIZE_MAX: own) */
	const struct ycfg_resolved_entry *cur;
	size_t bi;
};

static void
view_next(struct view_it *it)
{
	const struct view *v = it->v;

	for (;;) {
		if (it->o < v->own->n &&
		    (it->i >= v->base->n || v->own->v[it->o].at <= it->i)) {
			it->cur = &v->own->v[it->o++];
			it->bi = SIZE_MAX;
			return;
		}
		if (it->i >= v->base->n) {
			it->cur = NULL;
			return;
		}

		size_t i = it->i++;

		if (v->drop == NULL || !v->drop[i]) {
			it->cur = &v->base->v[i];
			it->bi = i;
			return;
		}
	}
}

/* A run of entries of one key (more than one: a multi-value key). */
struct run {
	const struct ycfg_resolved_entry *v[64];
	size_t n;
	bool more;                /* longer than v: compared by count only */
	/* a key the side does not set: its effective value */
	struct ycfg_resolved_entry eff;
	struct ycfg_effective via;
};

/* Collects the run of the current entry's key into r; the iterator moves
 * past it.  A base entry knows its run's length; own entries are single
 * (a phone over a base has no multi-value key of its own); a whole list
 * is compared key by key. */
static void
take_run(struct view_it *it, struct run *r)
{
	const char *key = it->cur->key;
	size_t known = it->bi != SIZE_MAX && it->v->runlen != NULL
		       ? it->v->runlen[it->bi]
		       : it->bi == SIZE_MAX && it->v->base->n > 0 ? 1 : 0;

	r->n = 0;
	r->more = false;
	do {
		if (r->n < 64)
			r->v[r->n++] = it->cur;
		else
			r->more = true;
		view_next(it);
		if (known != 0 && --known == 0)
			break;
	} while (it->cur != NULL && strcmp(it->cur->key, key) == 0);
}

/* The effective value of key on a side that does not list it: its
 * default or fallback, or nothing. */
static void
effective_run(const struct view *v, const char *key, struct run *r)
{
	r->n = 0;
	r->more = false;
	if (!ycfg_effective_get(v->layers, key, strlen(key), &r->via))
		return;
	memset(&r->eff, 0, sizeof(r->eff));
	r->eff.key = (char *)key;
	r->eff.val = r->via.val;
	r->eff.len = r->via.len;
	r->eff.param = r->via.param;
	r->eff.origin = r->via.origin;
	r->eff.via = r->via.nsteps > 0 ? &r->via : NULL;
	r->eff.secret = ycfg_effective_is_secret(v->layers->schema, key,
						 strlen(key), &r->via);
	r->v[0] = &r->eff;
	r->n = 1;
}

static bool
runs_equal(const struct run *a, const struct run *b)
{
	if (a->n != b->n || a->more || b->more)
		return a->n == b->n && !a->more && !b->more;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i]->len != b->v[i]->len ||
		    (a->v[i]->len &&
		     memcmp(a->v[i]->val, b->v[i]->val, a->v[i]->len) != 0))
			return false;
	return true;
}

static bool
run_secret(const struct run *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i]->secret)
			return true;
	return false;
}

/* A value as shown: escaped, a URL's password masked.  malloc'd. */
static char *
shown_value(const struct ycfg_resolved_entry *e)
{
	size_t cap = 12 * e->len + 64;
	char *masked = malloc(cap), *out = malloc(4 * cap + 1);
	const char *v = e->val;
	size_t n = e->len;

	if (masked == NULL || out == NULL) {
		free(masked);
		free(out);
		return NULL;
	}
	if (ycfg_mask_userinfo(e->val, e->len, masked, cap, false)) {
		v = masked;
		n = strlen(masked);
	}
	ycfg_utf8_escape(out, v, n);
	free(masked);
	return out;
}

/* Fills s from run r (n == 0: no value).  Returns -1 when out of memory. */
static int
side_from_run(const struct diff_args *a, const struct run *r,
	      struct side_val *s)
{
	memset(s, 0, sizeof(*s));
	if (r->n == 0)
		return 0;
	s->is_default = r->v[0]->origin.doc == NULL;
	s->multi = r->n > 1;

	/* values joined as a JSON array for a multi-value key */
	size_t cap = 16, len = 0;
	char *t = malloc(cap);

	if (t == NULL)
		return -1;
	t[0] = '\0';
	for (size_t i = 0; i < r->n; i++) {
		char *v = shown_value(r->v[i]);

		if (v == NULL || ycfg_vec_reserve(&t, &cap, len + strlen(v) + 8,
						  1, 64) != 0) {
			free(v);
			free(t);
			return -1;
		}
		len += (size_t)sprintf(t + len, "%s%s", i ? "\x1f" : "", v);
		free(v);
	}
	s->text = t;
	if (a->provenance) {
		char how[2048];

		ycfg_resolved_describe(r->v[0], how, sizeof(how));
		s->source = strdup(how);
		if (s->source == NULL)
			return -1;
	}
	return 0;
}

/* Keys of two bases matched once for all the phones over them: the
 * entry of the new base with the same key as each entry of the old one,
 * and whether their values are the same. */
struct base_pair {
	const struct ycfg_resolved *old, *new;
	size_t *map;                  /* per old entry: new entry, or SIZE_MAX */
	unsigned char *same;          /* per old entry: same run of values */
	size_t *runold, *runnew;      /* run lengths */
	/* per old entry: the first entry from it on that is not the same
	 * as the new base's at the same distance (a stretch ends there) */
	size_t *stretch;
};

static size_t *
run_lengths(const struct ycfg_resolved *r)
{
	size_t *len = calloc(r->n + 1, sizeof(*len));

	for (size_t i = 0; len != NULL && i < r->n;) {
		size_t n = 1;

		while (i + n < r->n && strcmp(r->v[i].key, r->v[i + n].key) == 0)
			n++;
		for (size_t k = 0; k < n; k++)
			len[i + k] = n - k;
		i += n;
	}
	return len;
}

static void
base_pair_free(struct base_pair *bp)
{
	free(bp->map);
	free(bp->same);
	free(bp->runold);
	free(bp->runnew);
	free(bp->stretch);
}

/* Matches the keys of two bases (both in natural order).  Returns -1 when
 * out of memory. */
static int
base_pair_make(struct base_pair *bp, const struct ycfg_resolved *old,
	       const struct ycfg_resolved *new)
{
	bp->old = old;
	bp->new = new;
	bp->map = malloc((old->n + 1) * sizeof(*bp->map));
	bp->same = calloc(old->n + 1, 1);
	bp->runold = run_lengths(old);
	bp->runnew = run_lengths(new);
	bp->stretch = malloc((old->n + 1) * sizeof(*bp->stretch));
	if (bp->map == NULL || bp->same == NULL || bp->runold == NULL ||
	    bp->runnew == NULL || bp->stretch == NULL) {
		base_pair_free(bp);
		return -1;
	}
	for (size_t i = 0, j = 0; i < old->n;) {
		int c = j >= new->n ? -1
			: ycfg_natural_cmp(old->v[i].key, new->v[j].key);

		if (c > 0) {
			j += bp->runnew[j];
			continue;
		}

		size_t n = bp->runold[i];

		for (size_t k = 0; k < n; k++)
			bp->map[i + k] = c == 0 ? j + k : SIZE_MAX;
		if (c == 0 && n == bp->runnew[j]) {
			bool same = true;

			for (size_t k = 0; k < n && same; k++)
				same = old->v[i + k].len == new->v[j + k].len &&
				       (old->v[i + k].len == 0 ||
					memcmp(old->v[i + k].val,
					       new->v[j + k].val,
					       old->v[i + k].len) == 0) &&
				       old->v[i + k].secret ==
				       new->v[j + k].secret;
			for (size_t k = 0; k < n; k++)
				bp->same[i + k] = same;
		}
		i += n;
		if (c == 0)
			j += bp->runnew[j];
	}
	for (size_t i = old->n; i-- > 0;) {
		if (!bp->same[i])
			bp->stretch[i] = i;
		else if (i + 1 < old->n && bp->same[i + 1] &&
			 bp->map[i + 1] == bp->map[i] + 1)
			bp->stretch[i] = bp->stretch[i + 1];
		else
			bp->stretch[i] = i + 1;
	}
	return 0;
}

/* Compares the two views of a phone into p; bp (or NULL) matches their
 * bases.  Returns -1 when out of memory. */
static int
compare_views(const struct diff_args *a, const struct view *va,
	      const struct view *vb, const struct base_pair *bp,
	      struct phone_diff *p)
{
	struct view_it ia = { .v = va }, ib = { .v = vb };
	struct run *ra = malloc(sizeof(*ra)), *rb = malloc(sizeof(*rb));
	int rc = 0;

	if (ra == NULL || rb == NULL) {
		free(ra);
		free(rb);
		return -1;
	}
	view_next(&ia);
	view_next(&ib);
	while (ia.cur != NULL || ib.cur != NULL) {
		int c;

		if (bp != NULL && ia.bi != SIZE_MAX && ib.bi != SIZE_MAX &&
		    bp->map[ia.bi] == ib.bi) {
			/* two base entries of one key, the same on both
			 * sides: most of a phone.  Both jump past the stretch
			 * of such entries, up to the next own entry (which
			 * also stands where a base entry is dropped). */
			if (bp->same[ia.bi]) {
				size_t t = bp->stretch[ia.bi];

				if (ia.o < va->own->n && va->own->v[ia.o].at < t)
					t = va->own->v[ia.o].at;
				if (ib.o < vb->own->n &&
				    ia.bi + (vb->own->v[ib.o].at - ib.bi) < t)
					t = ia.bi + (vb->own->v[ib.o].at - ib.bi);
				/* a dropped entry may have no own entry in its
				 * place: the stretch ends there too */
				size_t da = next_dropped(va, ia.bi);
				size_t db = next_dropped(vb, ib.bi);

				if (da < t)
					t = da;
				if (db != SIZE_MAX && ia.bi + (db - ib.bi) < t)
					t = ia.bi + (db - ib.bi);
				ib.i = ib.bi + (t - ia.bi);
				ia.i = t;
				view_next(&ia);
				view_next(&ib);
				continue;
			}
			c = 0;
		} else {
			c = ia.cur == NULL ? 1 : ib.cur == NULL ? -1
			    : strcmp(ia.cur->key, ib.cur->key) == 0 ? 0
			    : ycfg_natural_cmp(ia.cur->key, ib.cur->key);
		}

		const char *key = c <= 0 ? ia.cur->key : ib.cur->key;
		char *keycopy = strdup(key);

		if (keycopy == NULL) {
			rc = -1;
			break;
		}
		if (c <= 0)
			take_run(&ia, ra);
		else
			effective_run(va, keycopy, ra);
		if (c >= 0)
			take_run(&ib, rb);
		else
			effective_run(vb, keycopy, rb);
		if (runs_equal(ra, rb)) {
			free(keycopy);
			continue;
		}

		struct change ch = { .key = keycopy };

		ch.secret = run_secret(ra) || run_secret(rb);
		if (side_from_run(a, ra, &ch.old) != 0 ||
		    side_from_run(a, rb, &ch.new) != 0 ||
		    ycfg_vec_push(&p->v, &p->n, &p->cap, &ch, sizeof(ch)) != 0) {
			free(keycopy);
			side_val_free(&ch.old);
			side_val_free(&ch.new);
			rc = -1;
			break;
		}
		/* a URL whose password alone changed reads the same masked */
		if (!ch.secret && ch.old.text && ch.new.text &&
		    strcmp(ch.old.text, ch.new.text) == 0)
			p->v[p->n - 1].secret = true;
		if (p->v[p->n - 1].secret) {
			free(p->v[p->n - 1].old.text);
			free(p->v[p->n - 1].new.text);
			/* whether there is a value is still told */
			p->v[p->n - 1].old.text = ra->n ? strdup("") : NULL;
			p->v[p->n - 1].new.text = rb->n ? strdup("") : NULL;
			if ((ra->n && !p->v[p->n - 1].old.text) ||
			    (rb->n && !p->v[p->n - 1].new.text)) {
				rc = -1;
				break;
			}
		}
	}
	free(ra);
	free(rb);
	if (rc == 0)
		p->status = p->n > 0 ? PH_CHANGED : PH_SAME;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Trees                                                                */
/* ------------------------------------------------------------------ */

static const struct ycfg_resolved no_entries;

/* One side of one directory. */
struct dir_side {
	struct ycfg_tree_dir *td;          /* NULL: not on this side */
	struct ycfg_base_cache *bases;     /* NULL: phones in full */
};

/* A phone of a directory, on either side or both. */
struct pair {
	char mac[13];
	size_t old, new;                   /* phone index, SIZE_MAX: none */
};

struct diff_dir {
	const struct diff_args *a;
	const struct ycfg_schema *schema;
	struct dir_side side[2];
	struct pair *pairs;
	struct phone_diff *res;
	size_t n;
	char *rel;                          /* "" for the tree itself */
	pthread_mutex_t lock;
	struct base_pair *pairs_of_bases;   /* made on first use (lock) */
	size_t nbp, capbp;
};

/* The match of two bases, made once (lock taken).  NULL when out of
 * memory: the phone is compared key by key. */
static const struct base_pair *
pair_of_bases(struct diff_dir *dd, const struct ycfg_resolved *old,
	      const struct ycfg_resolved *new)
{
	const struct base_pair *found = NULL;

	pthread_mutex_lock(&dd->lock);
	for (size_t i = 0; i < dd->nbp && found == NULL; i++)
		if (dd->pairs_of_bases[i].old == old &&
		    dd->pairs_of_bases[i].new == new)
			found = &dd->pairs_of_bases[i];
	if (found == NULL) {
		struct base_pair bp = { 0 };

		if (base_pair_make(&bp, old, new) == 0) {
			if (ycfg_vec_push(&dd->pairs_of_bases, &dd->nbp,
					  &dd->capbp, &bp, sizeof(bp)) == 0)
				found = &dd->pairs_of_bases[dd->nbp - 1];
			else
				base_pair_free(&bp);
		}
	}
	pthread_mutex_unlock(&dd->lock);
	return found;
}

/* One thread's state for one side. */
struct side_worker {
	struct ycfg_tree_worker tw;
	struct ycfg_resolved_over over;
	struct ycfg_resolved full;
	bool has_full;
	struct ycfg_layers layers;
};

struct diff_worker {
	struct diff_dir *dd;
	struct side_worker sw[2];
	struct ycfg_diags d;
};

/* Loads and resolves phone i of side k into a view.  Returns 0, or -1
 * (a trouble in d, or out of memory). */
static int
side_view(struct diff_worker *w, int k, size_t i, const struct ycfg_doc *like,
	  struct view *v)
{
	struct diff_dir *dd = w->dd;
	struct side_worker *sw = &w->sw[k];
	const struct ycfg_phone *p = ycfg_tree_dir_phone(dd->side[k].td, i);
	const struct ycfg_resolved_base *base = NULL;
	char err[PATH_MAX + 256];

	if (sw->has_full) {
		ycfg_resolved_free(&sw->full);
		sw->has_full = false;
	}
	if (ycfg_tree_dir_load_like(dd->side[k].td, i, &sw->tw, like, &w->d,
				    err, sizeof(err)) != 0) {
		ycfg_diags_trouble(&w->d, "%s", err);
		return -1;
	}
	sw->layers = (struct ycfg_layers){
		.docs = sw->tw.layers, .n = sw->tw.n,
		.overwrite_mode = p->overwrite_mode, .schema = dd->schema,
	};
	v->layers = &sw->layers;
	if (dd->side[k].bases != NULL)
		base = ycfg_base_cache_get(dd->side[k].bases, sw->tw.layers,
					   sw->tw.own, p->overwrite_mode, NULL);
	if (base != NULL) {
		int rc = ycfg_resolve_over(base, &sw->layers, &sw->over);

		if (rc < 0) {
			w->d.oom = true;
			return -1;
		}
		if (rc == 0) {
			v->base = sw->over.base;
			v->drop = sw->over.drop;
			v->own = &sw->over.own;
			v->dropped = sw->over.dropped;
			v->ndropped = sw->over.ndropped;
			return 0;
		}
	}
	if (ycfg_resolve(&sw->layers, false, NULL, &sw->full) != 0) {
		w->d.oom = true;
		return -1;
	}
	sw->has_full = true;
	v->base = &no_entries;
	v->drop = NULL;
	v->own = &sw->full;
	v->dropped = NULL;
	v->ndropped = 0;
	return 0;
}

static void
diff_pair(struct diff_worker *w, size_t i)
{
	struct diff_dir *dd = w->dd;
	const struct pair *pr = &dd->pairs[i];
	struct phone_diff *res = &dd->res[i];
	struct view va = { 0 }, vb = { 0 };

	if (pr->old == SIZE_MAX) {
		res->status = PH_ADDED;
		return;
	}
	if (pr->new == SIZE_MAX) {
		res->status = PH_REMOVED;
		return;
	}
	/* the new side first: an old file with the same bytes borrows its
	 * document */
	const struct ycfg_tree_worker *tn = &w->sw[1].tw;

	if (side_view(w, 1, pr->new, NULL, &vb) != 0 ||
	    side_view(w, 0, pr->old, tn->own < tn->n ? tn->layers[tn->own]
					       : NULL, &va) != 0) {
		res->status = PH_FAILED;
		return;
	}

	const struct base_pair *bp = NULL;

	if (va.base->n > 0 && vb.base->n > 0 &&
	    (bp = pair_of_bases(dd, va.base, vb.base)) != NULL) {
		va.runlen = bp->runold;
		vb.runlen = bp->runnew;
	}
	if (compare_views(dd->a, &va, &vb, bp, res) != 0) {
		phone_diff_free(res);
		res->status = PH_FAILED;
		w->d.oom = true;
	}
}

static void
diff_item(void *worker, size_t i)
{
	diff_pair(worker, i);
}

/* Pairs the phones of the two sides by MAC (each side sorted by MAC). */
static int
pair_phones(struct diff_dir *dd)
{
	size_t n0 = dd->side[0].td ? ycfg_tree_dir_count(dd->side[0].td) : 0;
	size_t n1 = dd->side[1].td ? ycfg_tree_dir_count(dd->side[1].td) : 0;
	size_t i = 0, j = 0, cap = 0;

	while (i < n0 || j < n1) {
		const char *m0 = i < n0 ? ycfg_tree_dir_phone(dd->side[0].td,
							      i)->mac : NULL;
		const char *m1 = j < n1 ? ycfg_tree_dir_phone(dd->side[1].td,
							      j)->mac : NULL;
		int c = m0 == NULL ? 1 : m1 == NULL ? -1 : strcmp(m0, m1);
		struct pair p = { .old = SIZE_MAX, .new = SIZE_MAX };

		memcpy(p.mac, c <= 0 ? m0 : m1, 13);
		if (c <= 0)
			p.old = i++;
		if (c >= 0)
			p.new = j++;
		if (ycfg_vec_push(&dd->pairs, &dd->n, &cap, &p, sizeof(p)) != 0)
			return -1;
	}
	dd->res = calloc(dd->n + 1, sizeof(*dd->res));
	return dd->res == NULL ? -1 : 0;
}

static void
diff_directory(struct diff_dir *dd, const struct ycfg_tree_opts *t,
	       struct ycfg_diags *d)
{
	size_t want = ycfg_pool_size(dd->a->jobs, dd->n);
	struct diff_worker *ws = calloc(want, sizeof(*ws));

	if (ws == NULL) {
		d->oom = true;
		return;
	}
	pthread_mutex_init(&dd->lock, NULL);
	for (size_t k = 0; k < want; k++) {
		ws[k].dd = dd;
		ycfg_tree_worker_init(&ws[k].sw[0].tw, t);
		ycfg_tree_worker_init(&ws[k].sw[1].tw, t);
		/* findings are not shown: only the layers matter */
		ws[k].sw[0].tw.judge = ws[k].sw[1].tw.judge = false;
		ycfg_diags_init_like(&ws[k].d, d);
	}
	ycfg_pool_run(ws, want, sizeof(*ws), dd->n, diff_item);
	for (size_t k = 0; k < want; k++) {
		ycfg_diags_move(d, &ws[k].d);
		ycfg_diags_free(&ws[k].d);
		for (int s = 0; s < 2; s++) {
			ycfg_tree_worker_free(&ws[k].sw[s].tw);
			ycfg_resolved_over_free(&ws[k].sw[s].over);
			if (ws[k].sw[s].has_full)
				ycfg_resolved_free(&ws[k].sw[s].full);
		}
	}
	pthread_mutex_destroy(&dd->lock);
	free(ws);
}

/* ------------------------------------------------------------------ */
/* Output                                                               */
/* ------------------------------------------------------------------ */

struct out {
	FILE *f;
	const struct diff_args *a;
	size_t compared, changed, added, removed;
	bool first;               /* JSON: no phone written yet */
};

/* A source as shown: the temporary directory of --git as "REV:". */
static void
put_source(struct out *o, const char *src, void (*put)(struct out *,
						       const char *))
{
	const struct diff_args *a = o->a;
	char buf[PATH_MAX + 2048];

	if (a->tmp_prefix != NULL) {
		/* each file named in it: "-1 (T/a.cfg:3) -> k (T/b.cfg:4)" */
		size_t used = 0;

		for (const char *p = src; *p && used + 1 < sizeof(buf);) {
			if (strncmp(p, a->tmp_prefix, a->tmp_len) == 0) {
				used += (size_t)snprintf(buf + used,
							 sizeof(buf) - used,
							 "%s:", a->git);
				p += a->tmp_len;
				continue;
			}
			buf[used++] = *p++;
		}
		buf[used < sizeof(buf) ? used : sizeof(buf) - 1] = '\0';
		src = buf;
	}
	put(o, src);
}

static void
text_str(struct out *o, const char *s)
{
	fputs(s, o->f);
}

/* "VALUE" or [list] or (unset), as text. */
static void
text_value(struct out *o, const struct change *c, const struct side_val *s)
{
	if (s->text == NULL) {
		fputs("(unset)", o->f);
		return;
	}
	if (c->secret) {
		fputs("(secret)", o->f);
		return;
	}
	fputs(s->multi ? "[" : "", o->f);
	for (const char *p = s->text;;) {
		const char *e = strchr(p, '\x1f');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		fprintf(o->f, "\"%.*s\"", (int)n, p);
		if (e == NULL)
			break;
		fputs(", ", o->f);
		p = e + 1;
	}
	fputs(s->multi ? "]" : "", o->f);
	if (s->is_default)
		fputs(" (default)", o->f);
	if (s->source != NULL && !s->is_default) {
		fputs(" (", o->f);
		put_source(o, s->source, text_str);
		fputs(")", o->f);
	}
}

static int
file_put(void *ctx, const char *p, size_t n)
{
	return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

static void
json_put(struct out *o, const char *s)
{
	ycfg_json_quote(s, strlen(s), file_put, o->f);
}

static void
json_side(struct out *o, const char *name, const struct change *c,
	  const struct side_val *s)
{
	fprintf(o->f, ", \"%s\": ", name);
	if (s->text == NULL || c->secret) {
		fputs(s->text == NULL ? "null" : "\"" YCFG_SECRET_MASK "\"", o->f);
	} else {
		if (s->multi)
			fputs("[", o->f);
		for (const char *p = s->text;;) {
			const char *e = strchr(p, '\x1f');
			char *one = e ? strndup(p, (size_t)(e - p)) : strdup(p);

			if (one != NULL)
				json_put(o, one);
			free(one);
			if (e == NULL)
				break;
			fputs(", ", o->f);
			p = e + 1;
		}
		if (s->multi)
			fputs("]", o->f);
	}
	fprintf(o->f, ", \"%s_default\": %s", name,
		s->is_default ? "true" : "false");
	if (s->source != NULL) {
		fprintf(o->f, ", \"%s_source\": ", name);
		put_source(o, s->source, json_put);
	}
}

/* Markdown table cell text: a code span that no value can break out of
 * (fenced with more backticks than it holds, '|' escaped for tables). */
static void
md_code(struct out *o, const char *s)
{
	size_t ticks = 0, run = 0, n = strlen(s);
	bool pad;

	if (n == 0) {
		fputs("*empty*", o->f);
		return;
	}
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > ticks)
			ticks = run;
	}
	pad = s[0] == '`' || s[n - 1] == '`';
	for (size_t i = 0; i <= ticks; i++)
		fputc('`', o->f);
	if (pad)
		fputc(' ', o->f);
	for (const char *p = s; *p; p++) {
		if (*p == '|')
			fputs("\\|", o->f);
		else
			fputc(*p, o->f);
	}
	if (pad)
		fputc(' ', o->f);
	for (size_t i = 0; i <= ticks; i++)
		fputc('`', o->f);
}

static void
md_value(struct out *o, const struct change *c, const struct side_val *s)
{
	if (s->text == NULL) {
		fputs("*unset*", o->f);
		return;
	}
	if (c->secret) {
		fputs("*secret*", o->f);
		return;
	}
	for (const char *p = s->text;;) {
		const char *e = strchr(p, '\x1f');
		char *one = e ? strndup(p, (size_t)(e - p)) : strdup(p);

		if (one != NULL)
			md_code(o, one);
		free(one);
		if (e == NULL)
			break;
		fputs("<br>", o->f);
		p = e + 1;
	}
	if (s->is_default)
		fputs(" *(default)*", o->f);
}

static void
md_source(struct out *o, const char *s)
{
	md_code(o, s);
}

static const char *
status_word(enum phone_status s)
{
	return s == PH_ADDED ? "added" : s == PH_REMOVED ? "removed"
		: s == PH_FAILED ? "not compared" : "changed";
}

/* Writes one phone that differs. */
static void
put_phone(struct out *o, const char *mac, const char *dir,
	  const struct phone_diff *p)
{
	const char *d = dir[0] ? dir : ".";

	switch (o->a->format) {
	case FMT_TEXT:
		fprintf(o->f, "phone %s in %s: ", mac, ycfg_shown(d));
		if (p->status != PH_CHANGED) {
			fprintf(o->f, "%s\n", status_word(p->status));
			break;
		}
		fprintf(o->f, "%zu key%s changed\n", p->n, p->n == 1 ? "" : "s");
		for (size_t i = 0; i < p->n; i++) {
			const struct change *c = &p->v[i];

			fprintf(o->f, "  %s: ", c->key);
			if (c->secret && c->old.text && c->new.text) {
				fputs("changed (secret, not shown)\n", o->f);
				continue;
			}
			text_value(o, c, &c->old);
			fputs(" -> ", o->f);
			text_value(o, c, &c->new);
			fputs("\n", o->f);
		}
		break;
	case FMT_JSON:
		fprintf(o->f, "%s\n    {\"phone\": \"%s\", \"dir\": ",
			o->first ? "" : ",", mac);
		json_put(o, d);
		fprintf(o->f, ", \"status\": \"%s\"", p->status == PH_FAILED
			? "failed" : status_word(p->status));
		if (p->status == PH_CHANGED) {
			fputs(", \"changes\": [", o->f);
			for (size_t i = 0; i < p->n; i++) {
				const struct change *c = &p->v[i];

				fprintf(o->f, "%s\n      {\"key\": ",
					i ? "," : "");
				json_put(o, c->key);
				fprintf(o->f, ", \"secret\": %s",
					c->secret ? "true" : "false");
				json_side(o, "old", c, &c->old);
				json_side(o, "new", c, &c->new);
				fputs("}", o->f);
			}
			fputs("\n    ]", o->f);
		}
		fputs("}", o->f);
		break;
	case FMT_MARKDOWN:
		fputs("\n#### ", o->f);
		md_code(o, mac);
		fputs(" in ", o->f);
		md_code(o, d);
		if (p->status != PH_CHANGED) {
			fprintf(o->f, ": %s\n", status_word(p->status));
			break;
		}
		fprintf(o->f, "\n\n| key | old | new |%s\n|---|---|---|%s\n",
			o->a->provenance ? " old source | new source |" : "",
			o->a->provenance ? "---|---|" : "");
		for (size_t i = 0; i < p->n; i++) {
			const struct change *c = &p->v[i];

			fputs("| ", o->f);
			md_code(o, c->key);
			fputs(" | ", o->f);
			md_value(o, c, &c->old);
			fputs(" | ", o->f);
			if (c->secret && c->old.text && c->new.text)
				fputs("*changed*", o->f);
			else
				md_value(o, c, &c->new);
			fputs(" |", o->f);
			if (o->a->provenance) {
				const struct side_val *s[2] = { &c->old,
								&c->new };

				for (int k = 0; k < 2; k++) {
					fputs(" ", o->f);
					if (s[k]->source && !s[k]->is_default)
						put_source(o, s[k]->source,
							   md_source);
					else
						fputs(s[k]->text ? "default"
						      : "", o->f);
					fputs(" |", o->f);
				}
			}
			fputs("\n", o->f);
		}
		break;
	}
	o->first = false;
}

/* ------------------------------------------------------------------ */
/* The two sides                                                        */
/* ------------------------------------------------------------------ */

/* The directories of a tree by their path below it. */
struct tree_side {
	const char *root;
	size_t rootlen;
	struct ycfg_tree_dirs dirs;
};

static const char *
rel_of(const struct tree_side *t, const char *dir)
{
	return strlen(dir) > t->rootlen ? dir + t->rootlen + 1 : "";
}

static int
tree_open(struct tree_side *t, const char *root)
{
	t->root = root;
	t->rootlen = strlen(root);
	while (t->rootlen > 1 && root[t->rootlen - 1] == '/')
		t->rootlen--;
	switch (ycfg_tree_dirs_find(root, &t->dirs)) {
	case -2:
		ycfg_errorf("out of memory");
		return -1;
	case -1:
		for (size_t i = 0; i < t->dirs.walk.problems.n; i++)
			ycfg_errorf("%s", t->dirs.walk.problems.v[i]);
		return -1;
	default:
		return 0;
	}
}

/* Index of the directory of t whose path below the tree is rel, or
 * SIZE_MAX. */
static size_t
find_dir(const struct tree_side *t, const char *rel)
{
	for (size_t i = 0; i < t->dirs.n; i++)
		if (strcmp(rel_of(t, t->dirs.dirs[i].dir), rel) == 0)
			return i;
	return SIZE_MAX;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int
diff_trees(struct ycfg_session *s, const struct diff_args *a, struct out *o)
{
	struct ycfg_tree_opts t = {
		.o = &s->lo, .model_of = ycfg_session_phone_model,
		.model_ctx = s,
	};
	struct tree_side side[2] = { 0 };
	struct ycfg_diags d;
	const char **rels = NULL;
	size_t nrels = 0, caprels = 0;
	bool ok = true, differ = false;

	if (tree_open(&side[0], a->old) != 0 ||
	    tree_open(&side[1], a->new) != 0) {
		ycfg_tree_dirs_free(&side[0].dirs);
		ycfg_tree_dirs_free(&side[1].dirs);
		return YCFG_EXIT_TROUBLE;
	}
	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	/* every directory of either side, in one order */
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < side[k].dirs.n; i++) {
			const char *rel = rel_of(&side[k], side[k].dirs.dirs[i].dir);

			if (k == 1 && find_dir(&side[0], rel) != SIZE_MAX)
				continue;
			if (ycfg_vec_push(&rels, &nrels, &caprels, &rel,
					  sizeof(rel)) != 0)
				d.oom = true;
		}
	if (nrels > 1)
		qsort(rels, nrels, sizeof(*rels), cmp_str);

	for (size_t r = 0; r < nrels && !d.oom; r++) {
		struct diff_dir dd = { .a = a, .schema = &s->schema };

		for (int k = 0; k < 2; k++) {
			size_t di = find_dir(&side[k], rels[r]);

			if (di == SIZE_MAX)
				continue;

			const struct ycfg_tree_dir_files *df =
				&side[k].dirs.dirs[di];
			struct ycfg_pathlist files = {
				.v = side[k].dirs.walk.files.v + df->first,
				.n = df->count,
			};

			if (ycfg_tree_dir_open(&dd.side[k].td, &t, df->dir,
					       &files, &d) != 0)
				d.oom = true;
			dd.side[k].bases = ycfg_base_cache_new(&s->schema, NULL,
							       NULL, NULL);
		}
		if (!d.oom && pair_phones(&dd) != 0)
			d.oom = true;
		if (!d.oom)
			diff_directory(&dd, &t, &d);
		for (size_t i = 0; i < dd.n; i++) {
			struct phone_diff *p = &dd.res[i];

			o->compared++;
			if (p->status == PH_FAILED)
				ok = false;
			if (p->status != PH_SAME) {
				differ = true;
				o->changed += p->status == PH_CHANGED;
				o->added += p->status == PH_ADDED;
				o->removed += p->status == PH_REMOVED;
				put_phone(o, dd.pairs[i].mac, rels[r], p);
			}
		}
		for (size_t i = 0; i < dd.n; i++)
			phone_diff_free(&dd.res[i]);
		for (size_t i = 0; i < dd.nbp; i++)
			base_pair_free(&dd.pairs_of_bases[i]);
		free(dd.pairs_of_bases);
		free(dd.res);
		free(dd.pairs);
		for (int k = 0; k < 2; k++) {
			ycfg_tree_dir_close(dd.side[k].td);
			ycfg_base_cache_free(dd.side[k].bases);
		}
	}
	free(rels);
	if (ycfg_diags_failed(&d))
		ok = false;
	ycfg_print_troubles(&d);
	ycfg_diags_free(&d);
	ycfg_tree_dirs_free(&side[0].dirs);
	ycfg_tree_dirs_free(&side[1].dirs);
	if (ok && o->compared == 0) {
		/* nothing compared is trouble, as nothing linted is */
		ycfg_errorf("no phone in '%s' or '%s': no <MAC>.cfg or "
			    "<MAC>.boot", a->old, a->new);
		ok = false;
	}
	if (!ok)
		return YCFG_EXIT_TROUBLE;
	return differ ? YCFG_EXIT_FINDINGS : YCFG_EXIT_CLEAN;
}

/* One phone on each side. */
static int
diff_phones(struct ycfg_session *s, const struct diff_args *a, struct out *o)
{
	struct ycfg_linter l[2];
	struct ycfg_stack st[2];
	struct ycfg_resolved r[2] = { 0 };
	struct ycfg_layers layers[2];
	struct ycfg_diags d;
	struct phone_diff p = { 0 };
	const char *path[2] = { a->old, a->new };
	char err[PATH_MAX + 256], mac[13];
	int rc = YCFG_EXIT_TROUBLE;

	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	for (int k = 0; k < 2; k++) {
		ycfg_linter_init(&l[k], &s->lo);
		ycfg_stack_init(&st[k]);
	}
	for (int k = 0; k < 2; k++) {
		char *one[1] = { (char *)path[k] };

		if (ycfg_session_load_phone(s, &l[k], one, 1, &st[k], &d, err,
					    sizeof(err)) != 0) {
			ycfg_errorf("%s", err);
			goto out;
		}
		layers[k] = (struct ycfg_layers){
			.docs = st[k].ptrs, .n = st[k].n,
			.overwrite_mode = st[k].overwrite_mode,
			.schema = &s->schema,
		};
		if (ycfg_resolve(&layers[k], false, NULL, &r[k]) != 0) {
			ycfg_errorf("out of memory");
			goto out;
		}
	}

	struct view va = { &no_entries, NULL, &r[0], &layers[0], NULL, NULL, 0 };
	struct view vb = { &no_entries, NULL, &r[1], &layers[1], NULL, NULL, 0 };

	if (compare_views(a, &va, &vb, NULL, &p) != 0) {
		ycfg_errorf("out of memory");
		goto out;
	}
	o->compared = 1;
	if (p.status == PH_CHANGED) {
		o->changed = 1;
		/* the phone's MAC when the file names one */
		if (ycfg_file_kind(a->new, mac) != YCFG_FILE_MAC_CFG &&
		    ycfg_file_kind(a->new, mac) != YCFG_FILE_MAC_BOOT)
			snprintf(mac, sizeof(mac), "%s", "-");
		put_phone(o, mac, "", &p);
	}
	rc = p.status == PH_CHANGED ? YCFG_EXIT_FINDINGS : YCFG_EXIT_CLEAN;
	if (ycfg_diags_failed(&d))
		rc = YCFG_EXIT_TROUBLE;
out:
	ycfg_print_troubles(&d);
	phone_diff_free(&p);
	for (int k = 0; k < 2; k++) {
		ycfg_resolved_free(&r[k]);
		ycfg_stack_free(&st[k]);
		ycfg_linter_free(&l[k]);
	}
	ycfg_diags_free(&d);
	return rc;
}

/* ------------------------------------------------------------------ */
/* --git                                                                */
/* ------------------------------------------------------------------ */

/* Runs git with argv in directory dir (GIT_INDEX_FILE=index when index is
 * not NULL), its standard output into out (outsz, NUL-terminated) when
 * out is not NULL, its standard error kept for the message.  Returns 0
 * when git exited 0, else -1 with err. */
static int
run_git(const char *dir, const char *index, char *const *argv, char *out,
	size_t outsz, char *err, size_t errsz)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	char **env = NULL, *indexvar = NULL;
	size_t nenv = 0;
	pid_t pid;
	int status, rc = -1;
	char ebuf[1024];
	size_t elen = 0, olen = 0;

	for (char **e = environ; *e; e++)
		nenv++;
	env = calloc(nenv + 2, sizeof(*env));
	if (env == NULL || pipe2(po, O_CLOEXEC) != 0 ||
	    pipe2(pe, O_CLOEXEC) != 0) {
		snprintf(err, errsz, "cannot run git: %s", strerror(errno));
		goto done;
	}
	nenv = 0;
	for (char **e = environ; *e; e++)
		if (strncmp(*e, "GIT_INDEX_FILE=", 15) != 0 &&
		    strncmp(*e, "GIT_DIR=", 8) != 0 &&
		    strncmp(*e, "GIT_WORK_TREE=", 14) != 0)
			env[nenv++] = *e;
	if (index != NULL) {
		if (asprintf(&indexvar, "GIT_INDEX_FILE=%s", index) < 0) {
			indexvar = NULL;
			snprintf(err, errsz, "out of memory");
			goto done;
		}
		env[nenv++] = indexvar;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addchdir_np(&fa, dir);

	int sp = posix_spawnp(&pid, "git", &fa, NULL, argv, env);

	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	if (sp != 0) {
		snprintf(err, errsz, "cannot run git: %s", strerror(sp));
		goto done;
	}
	/* git writes little: read standard output, then standard error */
	for (;;) {
		char b[4096];
		ssize_t n = read(po[0], b, sizeof(b));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out != NULL && olen + 1 < outsz) {
			size_t take = (size_t)n < outsz - 1 - olen
				      ? (size_t)n : outsz - 1 - olen;

			memcpy(out + olen, b, take);
			olen += take;
		}
	}
	for (;;) {
		ssize_t n = read(pe[0], ebuf + elen, sizeof(ebuf) - 1 - elen);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		elen += (size_t)n;
		if (elen + 1 >= sizeof(ebuf))
			break;
	}
	ebuf[elen] = '\0';
	if (out != NULL)
		out[olen] = '\0';
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		rc = 0;
	} else {
		/* git's own first line says why */
		char *nl = strchr(ebuf, '\n');

		if (nl != NULL)
			*nl = '\0';
		snprintf(err, errsz, "git %s failed%s%s", argv[1],
			 ebuf[0] ? ": " : "", ebuf);
	}
done:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	free(indexvar);
	free(env);
	return rc;
}

/* Writes PATH as it is at revision a->git into a new temporary directory
 * (*tmp, to be removed by the caller) and points a->old at it.  Returns
 * 0, or -1 (printed). */
static int
git_checkout(struct diff_args *a, char *tmp, size_t tmpsz, char *oldpath,
	     size_t oldsz)
{
	const char *path = a->new;
	bool isdir = ycfg_is_dir(path);
	char dir[PATH_MAX], prefix[PATH_MAX], err[PATH_MAX + 1200];
	char treeish[PATH_MAX + 256], index[PATH_MAX + 16];
	char outdir[PATH_MAX + 16], outarg[PATH_MAX + 32], rev[300];
	const char *base = NULL;
	const char *tmpdir = getenv("TMPDIR");

	if (isdir) {
		snprintf(dir, sizeof(dir), "%s", path);
	} else {
		const char *slash = strrchr(path, '/');

		snprintf(dir, sizeof(dir), "%.*s",
			 slash ? (int)(slash - path) : 1, slash ? path : ".");
		if (slash == path)
			snprintf(dir, sizeof(dir), "/");
		base = slash ? slash + 1 : path;
	}
	if (!ycfg_is_dir(dir)) {
		ycfg_errorf("cannot read '%s': not a directory", dir);
		return -1;
	}

	char *revparse[] = { "git", "rev-parse", "--show-prefix", NULL };
	char *toplevel[] = { "git", "rev-parse", "--show-toplevel", NULL };
	char top[PATH_MAX];

	snprintf(rev, sizeof(rev), "%s^{commit}", a->git);

	char *verify[] = { "git", "rev-parse", "--verify", "--quiet", rev,
			   NULL };

	if (run_git(dir, NULL, revparse, prefix, sizeof(prefix), err,
		    sizeof(err)) != 0) {
		ycfg_errorf("'%s' is not in a git work tree: %s", dir, err);
		return -1;
	}
	prefix[strcspn(prefix, "\n")] = '\0';
	/* the index is written and read at the top, where its paths start */
	if (run_git(dir, NULL, toplevel, top, sizeof(top), err,
		    sizeof(err)) != 0) {
		ycfg_errorf("'%s' is not in a git work tree: %s", dir, err);
		return -1;
	}
	top[strcspn(top, "\n")] = '\0';
	if (run_git(dir, NULL, verify, NULL, 0, err, sizeof(err)) != 0) {
		ycfg_errorf("'%s' is not a commit of the repository of '%s'",
			    a->git, dir);
		return -1;
	}
	snprintf(tmp, tmpsz, "%s/ycfg-git-XXXXXX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(tmp) == NULL) {
		ycfg_errorf("cannot make a temporary directory '%s': %s", tmp,
			    strerror(errno));
		tmp[0] = '\0';
		return -1;
	}
	snprintf(index, sizeof(index), "%s/index", tmp);
	snprintf(outdir, sizeof(outdir), "%s/tree", tmp);
	snprintf(outarg, sizeof(outarg), "--prefix=%s/", outdir);
	snprintf(treeish, sizeof(treeish), "%s:%s", a->git, prefix);

	char *readtree[] = { "git", "read-tree", treeish, NULL };
	char *checkout[] = { "git", "checkout-index", "--all", "--quiet",
			     outarg, NULL };

	if (run_git(top, index, readtree, NULL, 0, err, sizeof(err)) != 0) {
		ycfg_errorf("'%s' is not in revision %s: %s", dir, a->git, err);
		return -1;
	}
	if (mkdir(outdir, 0700) != 0 ||
	    run_git(top, index, checkout, NULL, 0, err, sizeof(err)) != 0) {
		ycfg_errorf("cannot write revision %s of '%s': %s", a->git, dir,
			    err);
		return -1;
	}
	if (base != NULL)
		snprintf(oldpath, oldsz, "%s/%s", outdir, base);
	else
		snprintf(oldpath, oldsz, "%s", outdir);
	a->old = oldpath;
	return 0;
}

/* ------------------------------------------------------------------ */

static int
parse_options(int argc, char **argv, struct diff_args *a,
	      struct ycfg_session *s)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "provenance", no_argument, NULL, OPT_PROVENANCE },
		{ "git", required_argument, NULL, OPT_GIT },
		{ "jobs", required_argument, NULL, 'j' },
		{ "schema", required_argument, NULL, OPT_SCHEMA },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hj:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				a->format = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				a->format = FMT_JSON;
			else if (strcmp(optarg, "markdown") == 0)
				a->format = FMT_MARKDOWN;
			else
				return ycfg_usage_error("diff", "invalid --format "
							"'%s'; expected text, "
							"json or markdown",
							optarg);
			break;
		case OPT_PROVENANCE:
			a->provenance = true;
			break;
		case OPT_GIT:
			if (optarg[0] == '-' || optarg[0] == '\0')
				return ycfg_usage_error("diff", "invalid --git "
							"'%s'; expected a "
							"revision", optarg);
			a->git = optarg;
			break;
		case 'j':
			if (ycfg_parse_jobs(optarg, &a->jobs) != 0)
				return ycfg_usage_error("diff", "invalid --jobs "
							"'%s'; expected a "
							"number of threads",
							optarg);
			break;
		case OPT_SCHEMA:
			if (ycfg_pathlist_add(&s->extra, optarg) != 0)
				return YCFG_EXIT_TROUBLE;
			break;
		case OPT_CONFIG:
			s->config_file = optarg;
			break;
		case OPT_NO_CONFIG:
			s->no_config = true;
			break;
		case 'h':
			fputs(diff_usage, stdout);
			return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN
						   : YCFG_EXIT_TROUBLE;
		default:
			return ycfg_bad_option("diff", c, argv);
		}
	}

	int left = argc - optind;

	if (a->git != NULL) {
		if (left > 1)
			return ycfg_usage_error("diff", "%s", "--git takes one "
						"PATH: the work tree's side");
		a->new = left == 1 ? argv[optind] : ".";
	} else {
		if (left != 2)
			return ycfg_usage_error("diff", "%s", left < 2
						? "give OLD and NEW"
						: "give only OLD and NEW");
		a->old = argv[optind];
		a->new = argv[optind + 1];
	}
	for (int i = optind; i < argc; i++) {
		struct stat sb;

		if (strcmp(argv[i], "-") == 0)
			return ycfg_usage_error("diff", "%s", "standard input "
						"cannot be compared; give "
						"files");
		if (stat(argv[i], &sb) != 0) {
			ycfg_errorf("cannot read '%s': %s", argv[i],
				    strerror(errno));
			return YCFG_EXIT_TROUBLE;
		}
	}
	if (a->old != NULL && ycfg_is_dir(a->old) != ycfg_is_dir(a->new))
		return ycfg_usage_error("diff", "'%s' and '%s': compare a "
					"tree with a tree, or a phone with a "
					"phone", a->old, a->new);
	return -1;
}

int
ycfg_cmd_diff(int argc, char **argv)
{
	struct diff_args a = { .format = FMT_TEXT };
	struct ycfg_session s;
	char tmp[PATH_MAX] = "", oldpath[PATH_MAX + 32];
	char prefix[PATH_MAX + 16];
	struct out o = { .f = stdout, .a = &a, .first = true };
	char *md = NULL;
	size_t mdlen = 0;
	int rc;

	ycfg_session_init(&s);
	s.use_config = true;
	rc = parse_options(argc, argv, &a, &s);
	if (rc >= 0)
		goto out;
	if (a.git != NULL) {
		if (git_checkout(&a, tmp, sizeof(tmp), oldpath,
				 sizeof(oldpath)) != 0) {
			rc = YCFG_EXIT_TROUBLE;
			goto out;
		}
		snprintf(prefix, sizeof(prefix), "%s/tree/", tmp);
		a.tmp_prefix = prefix;
		a.tmp_len = strlen(prefix);
	}
	rc = ycfg_session_open(&s, "diff", a.new);
	if (rc != YCFG_EXIT_CLEAN)
		goto out;
	/* markdown's summary comes first: the tables wait in memory */
	if (a.format == FMT_MARKDOWN &&
	    (o.f = open_memstream(&md, &mdlen)) == NULL) {
		ycfg_errorf("out of memory");
		rc = YCFG_EXIT_TROUBLE;
		goto out;
	}
	if (a.format == FMT_JSON)
		fputs("{\"phones\": [", o.f);
	if (ycfg_is_dir(a.new))
		rc = diff_trees(&s, &a, &o);
	else
		rc = diff_phones(&s, &a, &o);

	size_t differ = o.changed + o.added + o.removed;

	if (a.format == FMT_JSON) {
		fprintf(o.f, "%s], \"compared\": %zu, \"changed\": %zu, "
			"\"added\": %zu, \"removed\": %zu}\n",
			o.first ? "" : "\n  ", o.compared, o.changed, o.added,
			o.removed);
	} else if (a.format == FMT_MARKDOWN) {
		if (fclose(o.f) != 0) {
			ycfg_errorf("out of memory");
			rc = YCFG_EXIT_TROUBLE;
		}
		o.f = stdout;
		if (rc == YCFG_EXIT_TROUBLE)
			;   /* no summary of a comparison that failed */
		else if (differ == 0)
			printf("### ycfg diff: no change in the effective "
			       "configuration of %zu phone%s\n", o.compared,
			       o.compared == 1 ? "" : "s");
		else
			printf("### ycfg diff: %zu of %zu phone%s %s "
			       "(%zu changed, %zu added, %zu removed)\n",
			       differ, o.compared, o.compared == 1 ? "" : "s",
			       differ == 1 ? "changes" : "change",
			       o.changed, o.added, o.removed);
		if (md != NULL && rc != YCFG_EXIT_TROUBLE)
			fwrite(md, 1, mdlen, stdout);
	}
	if (rc != YCFG_EXIT_TROUBLE) {
		if (differ == 0)
			fprintf(stderr, "ycfg: no difference in %zu phone%s\n",
				o.compared, o.compared == 1 ? "" : "s");
		else
			fprintf(stderr, "ycfg: %zu of %zu phone%s %s: %zu "
				"changed, %zu added, %zu removed\n", differ,
				o.compared, o.compared == 1 ? "" : "s",
				differ == 1 ? "differs" : "differ",
				o.changed, o.added, o.removed);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ycfg_errorf("cannot write to standard output");
		rc = YCFG_EXIT_TROUBLE;
	}
out:
	free(md);
	if (tmp[0] != '\0')
		ycfg_remove_tree(tmp);
	ycfg_session_close(&s);
	return rc;
}
