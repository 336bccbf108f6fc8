/*
 * cmd_explain.c - ycfg explain: what a parameter accepts, or what a rule
 * checks.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ycfg/cli.h"
#include "ycfg/lexer.h"
#include "ycfg/lint.h"
#include "ycfg/value.h"

/* True when rule reports bad indexes: index-range, or the rule of an
 * index letter of the schema (account-index...). */
static bool
is_index_rule(const struct ycfg_schema *s, enum ycfg_rule rule)
{
	if (rule == YCFG_R_INDEX_RANGE)
		return true;
	for (size_t i = 0; i < s->nindexes; i++)
		if (s->indexes[i].rule == rule)
			return true;
	return false;
}

/* A concrete key whose indexes no phone has (account.0, sip_server.3):
 * prints lint's finding and returns true.  The key is linted as a line of
 * a file, so explain and lint never disagree on what exists. */
static bool
bad_index(const struct ycfg_schema *schema, const char *key)
{
	struct ycfg_lint_opts o = { .schema = schema, .jobs = 1 };
	struct ycfg_linter l;
	struct ycfg_doc doc;
	struct ycfg_diags d;
	char text[YCFG_KEY_MAX + 32];
	bool bad = false;

	snprintf(text, sizeof(text), "#!version:1.0.0.1\n%s =\n", key);
	ycfg_linter_init(&l, &o);
	ycfg_doc_init(&doc);
	ycfg_diags_init(&d);
	ycfg_lint_memory(&l, "explain", text, strlen(text), false, &doc, &d);
	for (size_t i = 0; i < d.n && !bad; i++) {
		if (is_index_rule(schema, d.v[i].rule)) {
			ycfg_errorf("no such key '%s': %s", key, d.v[i].msg);
			bad = true;
		}
	}
	ycfg_diags_free(&d);
	ycfg_doc_free(&doc);
	ycfg_linter_free(&l);
	return bad;
}

/* Prints text with every line indented by two spaces. */
static void
print_indented(const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		printf("  %.*s\n", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

/* explain RULE */
static void
explain_rule(enum ycfg_rule rule, const struct ycfg_rule_info *r)
{
	const char *how;
	enum ycfg_fix_kind k = ycfg_rule_fix(rule, &how);

	printf("%s (default severity: %s): %s\n\n%s\n", r->id,
	       ycfg_severity_name(r->severity), r->summary, r->description);
	if (k != YCFG_FIX_NONE)
		printf("\nfix (%s%s): %s.\n", ycfg_fix_kind_name(k),
		       k == YCFG_FIX_SAFE ? ", lint --fix"
		       : k == YCFG_FIX_UNSAFE ? ", lint --fix --unsafe-fixes"
		       : "", how);
	else
		puts("\nfix: none; the repair needs a person.");
	if (r->bad) {
		puts("\nbad:");
		print_indented(r->bad);
	}
	if (r->good) {
		puts("good:");
		print_indented(r->good);
	}
}

static void
print_field(const char *name, const char *value)
{
	if (value != NULL && *value)
		printf("%-12s %s\n", name, value);
}

static const char *const trust_text[] = {
	[YCFG_TRUST_GUIDE] = "guide (a parameter table of an administrator "
			     "guide; fully checked)",
	[YCFG_TRUST_TEMPLATE] = "template (Yealink's own template comments; "
				"fully checked)",
	[YCFG_TRUST_NAME] = "name (known only by its name; the value is "
			    "not checked)",
};

static const char *const scope_text[] = {
	[YCFG_SCOPE_ANY] = NULL,
	[YCFG_SCOPE_COMMON] = "common (y000000000000.cfg and the model's "
			      "common file)",
	[YCFG_SCOPE_MAC] = "mac (<MAC>.cfg)",
	[YCFG_SCOPE_BOOT] = "boot (a boot-file directive)",
};

/* The values of an enum or of a list of enum items, one per line. */
static void
print_values(const struct ycfg_param *p)
{
	char head[96];

	snprintf(head, sizeof(head), "values%s%s%s:", p->enum_name ? " (" : "",
		 p->enum_name ? p->enum_name : "", p->enum_name ? ")" : "");
	printf("%s\n", head);
	for (size_t i = 0; i < p->nvalues; i++)
		printf("  %s%s%s%s\n", p->values[i].value,
		       *p->values[i].name ? " (" : "", p->values[i].name,
		       *p->values[i].name ? ")" : "");
}

/* A list of names joined by ", " into buf. */
static const char *
joined(const char *const *v, size_t n, char *buf, size_t bufsz)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && pos < bufsz; i++) {
		int w = snprintf(buf + pos, bufsz - pos, "%s%s", i ? ", " : "",
				 v[i]);

		if (w < 0)
			break;
		pos += (size_t)w;
	}
	return buf;
}

/* explain KEY */
static void
explain_param(const char *key, const struct ycfg_param *p)
{
	char buf[512];
	bool enum_values = p->type == YCFG_T_ENUM ||
			   (p->type == YCFG_T_LIST && p->item == YCFG_T_ENUM);

	printf("%s\n", key);
	print_field("pattern:", p->key);
	print_field("summary:", p->summary);
	if (p->type == YCFG_T_LIST) {
		snprintf(buf, sizeof(buf), "list of %s, separated by ','",
			 ycfg_type_name(p->item));
		print_field("type:", buf);
	} else {
		print_field("type:", ycfg_type_name(p->type));
	}
	if (enum_values)
		print_values(p);
	else
		print_field("accepts:", ycfg_param_allowed(p, buf, sizeof(buf)));
	print_field("default:", p->def ? (*p->def ? p->def : "(blank)")
				       : "(not documented)");
	if (p->fallback_key) {
		snprintf(buf, sizeof(buf), "-1 takes the effective value of %s",
			 p->fallback_key);
		print_field("fallback:", buf);
	}
	for (size_t i = 0; i < p->nrequires; i++) {
		char r[128];

		snprintf(buf, sizeof(buf), "%s in %s", p->requires[i].key,
			 ycfg_ranges_format(&p->requires[i].in, false, r,
					    sizeof(r)));
		print_field(i ? "" : "requires:", buf);
	}
	if (p->has_adjust) {
		char r[128];

		snprintf(buf, sizeof(buf), "%s is treated as %lld",
			 ycfg_ranges_format(&p->adjust_from, false, r,
					    sizeof(r)),
			 (long long)p->adjust_to);
		print_field("adjusted:", buf);
	}
	print_field("renamed to:", p->renamed_to);
	if (p->naliases)
		print_field("also:", joined(p->aliases, p->naliases, buf,
					    sizeof(buf)));
	print_field("file:", scope_text[p->scope]);
	if (p->nmodels)
		print_field("models:", joined(p->models, p->nmodels, buf,
					      sizeof(buf)));
	print_field("secret:", p->secret ? "yes (never printed)" : "no");
	if (p->has_value_level && p->trust != YCFG_TRUST_NAME)
		print_field("checks:", "a value that does not fit is a "
			    "warning (sources disagree)");
	print_field("trust:", trust_text[p->trust]);
	print_field("notes:", p->notes);
	print_field("older:", p->older);
	print_field("source:", p->source ? p->source
					 : "none (unverified)");
	print_field("schema:", p->origin);
}

/* True when the first segments of pattern are those of prefix: words
 * alike (case-insensitive), a number for a placeholder letter. */
static bool
family_of(const char *pattern, const char *prefix)
{
	const char *a = pattern, *b = prefix;

	for (;;) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		bool digits = lb > 0 && strspn(b, "0123456789") == lb;

		if (!(digits ? la == 1 && *a >= 'A' && *a <= 'Z'
			     : la == lb && strncasecmp(a, b, la) == 0))
			return false;
		if (b[lb] == '\0')
			return a[la] == '.';
		if (a[la] == '\0')
			return false;
		a += la + 1;
		b += lb + 1;
	}
}

/* explain PREFIX: every key of a family, one line each.  Returns the
 * number listed. */
static size_t
explain_family(const struct ycfg_schema *s, const char *prefix)
{
	size_t n = 0, w = 0;

	for (size_t i = 0; i < s->nparams; i++)
		if (family_of(s->params[i].key, prefix)) {
			size_t l = strlen(s->params[i].key);

			n++;
			w = l > w ? l : w;
		}
	if (n == 0)
		return 0;
	printf("%s: %zu key%s\n", prefix, n, n == 1 ? "" : "s");
	for (size_t i = 0; i < s->nparams; i++) {
		const struct ycfg_param *p = &s->params[i];

		if (family_of(p->key, prefix))
			printf("  %-*s  %-9s  %s\n", (int)w, p->key,
			       ycfg_type_name(p->type), p->summary);
	}
	return n;
}

int
ycfg_cmd_explain(int argc, char **argv)
{
	if (ycfg_wants_help(argc, argv)) {
		puts("usage: ycfg explain KEY|PREFIX|RULE\n\n"
		     "KEY is a concrete key (account.3.outbound_proxy.2.retry_counts)\n"
		     "or a pattern (account.X.outbound_proxy.Y.retry_counts);\n"
		     "PREFIX lists a family (local_time, account.1.codec);\n"
		     "RULE is a rule id from 'ycfg rules'.");
		return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
	}
	if (argc != 2)
		return ycfg_usage_error("explain", "%s",
					"expected one KEY, PREFIX or RULE");

	const char *what = argv[1];
	int r = ycfg_rule_by_id(what);

	if (r >= 0) {
		explain_rule((enum ycfg_rule)r, ycfg_rule_info(r));
		return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
	}

	struct ycfg_schema schema;

	if (ycfg_load_schema(&schema, NULL, 0) != 0) {
		ycfg_schema_free(&schema);
		return YCFG_EXIT_TROUBLE;
	}

	/* accept patterns too: each placeholder letter -> 1 */
	char key[YCFG_KEY_MAX + 1];
	size_t n = strlen(what);

	if (n > YCFG_KEY_MAX) {
		ycfg_schema_free(&schema);
		return ycfg_usage_error("explain", "%s", "key too long");
	}
	for (size_t i = 0; i <= n; i++) {
		bool seg = (i == 0 || what[i - 1] == '.') &&
			   (what[i + 1] == '.' || what[i + 1] == '\0');

		key[i] = seg && what[i] >= 'A' && what[i] <= 'Z' ? '1'
							     : what[i];
	}

	const struct ycfg_param *p = ycfg_schema_lookup(&schema, key, n, NULL);
	int rc = YCFG_EXIT_CLEAN;

	if (p != NULL && strcmp(key, what) == 0 && bad_index(&schema, key)) {
		rc = YCFG_EXIT_TROUBLE;
	} else if (p != NULL) {
		explain_param(what, p);
		if (fflush(stdout) != 0)
			rc = YCFG_EXIT_TROUBLE;
	} else if (explain_family(&schema, what) > 0) {
		if (fflush(stdout) != 0)
			rc = YCFG_EXIT_TROUBLE;
	} else {
		char sug[YCFG_KEY_MAX + 1];

		fprintf(stderr, "%s: unknown key or rule '%s'", YCFG_PROG,
			what);
		if (ycfg_schema_suggest(&schema, key, n, sug, sizeof(sug)) > 0)
			fprintf(stderr, "; did you mean '%s'?", sug);
		fputc('\n', stderr);
		rc = YCFG_EXIT_TROUBLE;
	}
	ycfg_schema_free(&schema);
	return rc;
}

