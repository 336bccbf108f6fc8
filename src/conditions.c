/*
 * conditions.c - conditions judged on effective values (see
 * conditions.h).
 */
#include <stdio.h>
#include <string.h>

#include "ycfg/conditions.h"
#include "ycfg/lexer.h"
#include "ycfg/resolve.h"
#include "ycfg/value.h"

/* Parses an effective value as an integer for a condition; false when it
 * is not one (the condition is then not judged: no guessing). */
static bool
effective_int(const struct ycfg_effective *e, int64_t *v)
{
	return e->val != NULL &&
	       ycfg_parse_int(e->val, e->len, v) == YCFG_NUM_OK;
}

void
ycfg_conditions_judge(const struct ycfg_schema *s,
		      const struct ycfg_doc *const *layers, size_t nlayers,
		      size_t target, int overwrite_mode, struct ycfg_diags *d)
{
	const struct ycfg_doc *top = layers[target];
	struct ycfg_layers l = {
		.docs = layers,
		.n = nlayers,
		.overwrite_mode = overwrite_mode,
		.schema = s,
	};

	for (size_t i = 0; i < top->n; i++) {
		const struct ycfg_entry *e = &top->ents[i];
		const struct ycfg_param *p = e->param;

		if (p == NULL || p->nrequires == 0 || e->sub_len != 0)
			continue;

		const char *key = ycfg_entry_key(top, e);
		struct ycfg_key_indices idx;
		struct ycfg_effective dep;
		int64_t v, def;

		if (ycfg_schema_lookup(s, key, e->key_len, &idx) != p)
			continue;
		/* Values that failed their own check are not judged again.
		 * A -1 is judged on the value it inherits only for conditions with
		 * an explicit trigger ("when"): "differs from the default"
		 * makes no sense for an inherited default. */
		if ((e->flags & YCFG_ENT_INVALID) ||
		    !ycfg_effective_get(&l, key, e->key_len, &dep) ||
		    (dep.nsteps ? dep.step[0].ent : dep.origin.ent) != e ||
		    (dep.nsteps > 0 && p->when.n == 0) || dep.len == 0)
			continue;

		bool numeric = effective_int(&dep, &v);

		if (p->when.n > 0) {
			if (!numeric || !ycfg_ranges_contain(&p->when, v))
				continue;
		} else if (p->def != NULL &&
			   ((numeric &&
			     ycfg_parse_int(p->def, strlen(p->def), &def) ==
				     YCFG_NUM_OK && v == def) ||
			    (dep.len == strlen(p->def) &&
			     memcmp(dep.val, p->def, dep.len) == 0))) {
			continue;   /* the default needs nothing */
		}

		char msg[1024];
		size_t used = 0;
		bool failed = false;

		for (size_t c = 0; c < p->nrequires; c++) {
			const struct ycfg_cond *cond = &p->requires[c];
			char ck[YCFG_KEY_MAX + 1], r[128], how[512];
			size_t cl = ycfg_pattern_expand(cond->key,
							p->placeholders, idx.v,
							idx.n, ck, sizeof(ck));
			struct ycfg_effective ce;
			int64_t cv;

			if (cl == 0 || !ycfg_effective_get(&l, ck, cl, &ce) ||
			    (ce.origin.ent != NULL &&
			     (ce.origin.ent->flags & YCFG_ENT_INVALID)) ||
			    !effective_int(&ce, &cv))
				continue;   /* unknown or invalid: not judged */
			if (ycfg_ranges_contain(&cond->in, cv))
				continue;

			char shown[32];

			if (ycfg_effective_is_secret(s, ck, cl, &ce))
				snprintf(shown, sizeof(shown), "%s",
					 YCFG_SECRET_MASK);
			else
				snprintf(shown, sizeof(shown), "%lld",
					 (long long)cv);

			int n = snprintf(msg + used, sizeof(msg) - used,
					 "%s%s in %s, but it is %s from %s",
					 failed ? "; and " : "", ck,
					 ycfg_ranges_format(&cond->in, false, r,
							    sizeof(r)),
					 shown,
					 ycfg_effective_describe(&ce, how,
								 sizeof(how)));

			if (n > 0 && used + (size_t)n < sizeof(msg))
				used += (size_t)n;
			failed = true;
		}
		if (!failed)
			continue;

		char how[512];

		bool secret = ycfg_effective_is_secret(s, key, e->key_len,
						       &dep);
		int vl = secret ? (int)strlen(YCFG_SECRET_MASK)
				: (int)(dep.len > 60 ? 60 : dep.len);

		ycfg_diag_add_sev(d, top->path, e->line, e->col,
				  YCFG_R_INEFFECTIVE_SETTING, p->requires_level,
				  "%.*s = %.*s (%s) has no effect: it needs %s",
				  (int)e->key_len, key, vl,
				  secret ? YCFG_SECRET_MASK : dep.val,
				  ycfg_effective_describe(&dep, how, sizeof(how)),
				  msg);
	}
}
