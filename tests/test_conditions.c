/*
 * test_conditions.c - every -1 fallback and every condition of the
 * shipped schema, driven by the schema itself: a fallback must take the
 * value of its target; a setting must be reported as ineffective when one
 * of its conditions is violated (directly, and through -1 where the
 * condition's key has a fallback) and not when all hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/conditions.h"
#include "ycfg/lint.h"
#include "ycfg/resolve.h"
#include "ycfg/schema.h"
#include "ycfg/value.h"

struct fixture {
	struct ycfg_schema schema;
	struct ycfg_lint_opts opts;
	struct ycfg_linter linter;
	struct ycfg_doc doc;
	struct ycfg_diags d;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *dir = getenv("YCFG_SCHEMA_DIR");
	struct ycfg_diags sd;

	if (f == NULL || dir == NULL)
		return -1;
	ycfg_diags_init(&sd);
	ycfg_schema_init(&f->schema);
	if (ycfg_schema_load_dir(&f->schema, dir, &sd) != 0) {
		ycfg_diags_free(&sd);
		return -1;
	}
	ycfg_diags_free(&sd);
	ycfg_lint_opts_init(&f->opts, &f->schema, NULL);
	ycfg_linter_init(&f->linter, &f->opts);
	ycfg_doc_init(&f->doc);
	ycfg_diags_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ycfg_doc_free(&f->doc);
	ycfg_diags_free(&f->d);
	ycfg_linter_free(&f->linter);
	ycfg_schema_free(&f->schema);
	free(f);
	return 0;
}

/* Candidate values of an entry, each one checked to be valid for it. */
#define MAXCAND 16
struct cands {
	char v[MAXCAND][32];
	int n;
};

static void
add_cand(const struct ycfg_param *p, struct cands *c, const char *v)
{
	struct ycfg_value_result res;

	if (c->n == MAXCAND || strcmp(v, "-1") == 0 ||
	    !ycfg_value_check(p, "k", 1, v, strlen(v), &res))
		return;
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->v[i], v) == 0)
			return;
	snprintf(c->v[c->n++], sizeof(c->v[0]), "%s", v);
}

static void
candidates(const struct ycfg_param *p, struct cands *c)
{
	char buf[32];

	c->n = 0;
	switch (p->type) {
	case YCFG_T_BOOL:
		add_cand(p, c, "0");
		add_cand(p, c, "1");
		break;
	case YCFG_T_ENUM:
		for (size_t i = 0; i < p->nvalues; i++)
			add_cand(p, c, p->values[i].value);
		break;
	default:
		for (size_t i = 0; i < p->range.n; i++) {
			int64_t lo = p->range.v[i].lo, hi = p->range.v[i].hi;
			int64_t pick[] = { lo, hi, lo + 1 };

			for (size_t k = 0; k < 3; k++) {
				if (p->type == YCFG_T_FLOAT)
					snprintf(buf, sizeof(buf), "%lld.%03lld",
						 (long long)(pick[k] / 1000),
						 (long long)(pick[k] % 1000));
				else
					snprintf(buf, sizeof(buf), "%lld",
						 (long long)pick[k]);
				add_cand(p, c, buf);
			}
		}
		if (p->range.n == 0) {
			add_cand(p, c, "0");
			add_cand(p, c, "1");
			add_cand(p, c, "2");
			add_cand(p, c, "5");
		}
		break;
	}
}

/* A valid value of p inside (want_in) or outside the ranges r, or NULL. */
static const char *
pick(const struct ycfg_param *p, const struct ycfg_ranges *r, bool want_in,
     struct cands *c)
{
	candidates(p, c);
	for (int i = 0; i < c->n; i++) {
		int64_t v;

		if (ycfg_parse_int(c->v[i], strlen(c->v[i]), &v) != YCFG_NUM_OK)
			continue;
		if (ycfg_ranges_contain(r, v) == want_in)
			return c->v[i];
	}
	return NULL;
}

/* Concrete key of a pattern with X = 2, Y = 2, N = 1, following the
 * placeholder letters of the entry that binds them. */
static void
concrete(const char *pattern, const char *letters, char *buf, size_t bufsz)
{
	uint64_t v[YCFG_MAX_INDICES];
	unsigned n = 0;

	for (; letters[n] && n < YCFG_MAX_INDICES; n++)
		v[n] = letters[n] == 'N' ? 1 : 2;
	assert_true(ycfg_pattern_expand(pattern, letters, v, n, buf, bufsz) > 0);
}

/* Lints text and judges its conditions; returns how many
 * ineffective-setting findings it gave. */
static size_t
ineffective_of(struct fixture *f, const char *text)
{
	size_t count = 0;
	const struct ycfg_doc *layer = &f->doc;

	ycfg_diags_clear(&f->d);
	assert_int_equal(ycfg_lint_memory(&f->linter, "t.cfg", text,
					  strlen(text), false, &f->doc, &f->d),
			 0);
	ycfg_conditions_judge(&f->schema, &layer, 1, 0, 0, &f->d);
	for (size_t i = 0; i < f->d.n; i++)
		if (f->d.v[i].rule == YCFG_R_INEFFECTIVE_SETTING)
			count++;
	return count;
}

static void
every_fallback_takes_its_target(void **state)
{
	struct fixture *f = *state;
	int checked = 0;

	for (size_t i = 0; i < f->schema.nparams; i++) {
		const struct ycfg_param *p = &f->schema.params[i];
		struct cands c;

		if (p->fallback == NULL)
			continue;

		char key[256], fkey[256], text[1024];
		const char *def = p->fallback->def;
		const char *v = NULL;

		candidates(p->fallback, &c);
		for (int k = 0; k < c.n && v == NULL; k++)
			if (def == NULL || strcmp(c.v[k], def) != 0)
				v = c.v[k];
		assert_non_null(v);
		concrete(p->key, p->placeholders, key, sizeof(key));
		concrete(p->fallback->key, p->placeholders, fkey, sizeof(fkey));
		snprintf(text, sizeof(text), "#!version:1.0.0.1\n%s = -1\n%s = %s\n",
			 key, fkey, v);
		ineffective_of(f, text);

		const struct ycfg_doc *layer = &f->doc;
		struct ycfg_layers l = { &layer, 1, 0, &f->schema };
		struct ycfg_effective e;

		assert_true(ycfg_effective_get(&l, key, strlen(key), &e));
		if (e.len != strlen(v) || memcmp(e.val, v, e.len) != 0)
			fail_msg("%s = -1 gave '%.*s', expected %s from %s", key,
				 (int)e.len, e.val, v, fkey);
		assert_int_equal(e.nsteps, 1);
		assert_string_equal(e.step_key[0], fkey);
		checked++;
	}
	/* the whole outbound_proxy.Y failover family at least */
	assert_true(checked >= 5);
}

/* Writes the lines setting a condition's key to a value in (or out of)
 * its set, directly or through -1 on a key with a fallback.  Returns
 * false when no such value exists. */
static bool
cond_lines(const struct ycfg_param *dep, const struct ycfg_cond *cond,
	   bool satisfy, bool via_fallback, char *out, size_t outsz)
{
	char key[200], fkey[200];
	struct cands c;
	const struct ycfg_param *target = via_fallback ? cond->param->fallback
						       : cond->param;
	const char *v = pick(target, &cond->in, satisfy, &c);

	if (v == NULL)
		return false;
	concrete(cond->key, dep->placeholders, key, sizeof(key));
	if (outsz < 2 * sizeof(key) + 64)
		return false;
	if (!via_fallback) {
		snprintf(out, outsz, "%s = %s\n", key, v);
		return true;
	}
	concrete(cond->param->fallback->key, dep->placeholders, fkey,
		 sizeof(fkey));
	snprintf(out, outsz, "%s = -1\n%s = %s\n", key, fkey, v);
	return true;
}

/* The value that makes a note judged: its "when" set, else any valid
 * value other than the default. */
static const char *
trigger(const struct ycfg_param *p, struct cands *c)
{
	if (p->when.n > 0)
		return pick(p, &p->when, true, c);
	candidates(p, c);
	for (int i = 0; i < c->n; i++)
		if (p->def == NULL || strcmp(c->v[i], p->def) != 0)
			return c->v[i];
	return NULL;
}

static void
every_note_is_judged(void **state)
{
	struct fixture *f = *state;
	int violated = 0, through_fallback = 0;

	for (size_t i = 0; i < f->schema.nparams; i++) {
		const struct ycfg_param *p = &f->schema.params[i];
		struct cands tc;
		const char *t;
		char key[256];

		if (p->nrequires == 0 || strchr(p->placeholders, 'X') == NULL)
			continue;
		t = trigger(p, &tc);
		if (t == NULL)
			fail_msg("%s: no value triggers its note", p->key);
		concrete(p->key, p->placeholders, key, sizeof(key));

		for (int via = 0; via < 2; via++) {
			char all_ok[2048] = "", lines[512];
			bool usable = true;

			/* every condition satisfied: silent */
			for (size_t k = 0; k < p->nrequires && usable; k++) {
				const struct ycfg_cond *c = &p->requires[k];
				bool fb = via && c->param->fallback != NULL;

				usable = cond_lines(p, c, true, fb, lines,
						    sizeof(lines));
				strncat(all_ok, lines, sizeof(all_ok) -
					strlen(all_ok) - 1);
			}
			if (!usable)
				fail_msg("%s: a condition cannot be met", p->key);

			char text[4096];

			snprintf(text, sizeof(text), "#!version:1.0.0.1\n%s = %s\n%s",
				 key, t, all_ok);
			if (ineffective_of(f, text) != 0)
				fail_msg("%s: note reported although satisfied:\n%s",
					 p->key, text);

			/* each condition violated in turn: reported once */
			for (size_t k = 0; k < p->nrequires; k++) {
				const struct ycfg_cond *c = &p->requires[k];
				bool fb = via && c->param->fallback != NULL;
				char rest[2048] = "";

				if (via && !fb)
					continue;
				for (size_t m = 0; m < p->nrequires; m++) {
					const struct ycfg_cond *o = &p->requires[m];

					if (!cond_lines(p, o, m != k,
							m == k ? fb : false,
							lines, sizeof(lines)))
						goto next;
					strncat(rest, lines,
						sizeof(rest) - strlen(rest) - 1);
				}
				snprintf(text, sizeof(text),
					 "#!version:1.0.0.1\n%s = %s\n%s", key, t,
					 rest);
				if (ineffective_of(f, text) != 1)
					fail_msg("%s: violated condition %s not "
						 "reported once:\n%s", p->key,
						 c->key, text);
				violated++;
				through_fallback += fb;
next:;
			}
		}
	}
	assert_true(violated >= 10);
	/* outbound_proxy conditions judge register_on_enable/failback_mode -1 */
	assert_true(through_fallback >= 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_fallback_takes_its_target),
		cmocka_unit_test(every_note_is_judged),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
