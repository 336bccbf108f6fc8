/*
 * cmd_explain.c - ycfg explain: what a parameter accepts, or what a rule
 * checks.
 */
#include <stdio.h>
#include <string.h>

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
explain_rule(const struct ycfg_rule_info *r)
{
	printf("%s (default severity: %s): %s\n\n%s\n", r->id,
	       ycfg_severity_name(r->severity), r->summary, r->description);
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

/* explain KEY */
static void
explain_param(const char *key, const struct ycfg_param *p)
{
	char buf[512];

	printf("%s\n", key);
	print_field("pattern:", p->key);
	print_field("summary:", p->summary);
	print_field("type:", ycfg_type_name(p->type));
	switch (p->type) {
	case YCFG_T_INT:
	case YCFG_T_PORT:
	case YCFG_T_FLOAT:
		print_field("range:", ycfg_param_allowed(p, buf, sizeof(buf)));
		break;
	case YCFG_T_BOOL:
		print_field("values:", ycfg_param_allowed(p, buf, sizeof(buf)));
		break;
	case YCFG_T_ENUM:
		/* one per line: lists can be long */
		printf("%-12s\n", "values:");
		for (size_t i = 0; i < p->nvalues; i++)
			printf("  %s%s%s%s\n", p->values[i].value,
			       *p->values[i].name ? " (" : "",
			       p->values[i].name,
			       *p->values[i].name ? ")" : "");
		break;
	default:
		if (p->max_length) {
			snprintf(buf, sizeof(buf), "%zu characters",
				 p->max_length);
			print_field("max length:", buf);
		}
		break;
	}
	print_field("default:", p->def ? p->def : "(not documented)");
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
	print_field("secret:", p->secret ? "yes (never printed)" : "no");
	print_field("notes:", p->notes);
	print_field("older:", p->older);
	print_field("source:", p->unverified ? "unverified (no guide page "
			    "found; checks kept loose)" : p->source);
	print_field("schema:", p->origin);
}

int
ycfg_cmd_explain(int argc, char **argv)
{
	if (ycfg_wants_help(argc, argv)) {
		puts("usage: ycfg explain KEY|RULE\n\n"
		     "KEY is a concrete key (account.3.outbound_proxy.2.retry_counts)\n"
		     "or a pattern (account.X.outbound_proxy.Y.retry_counts);\n"
		     "RULE is a rule id from 'ycfg rules'.");
		return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
	}
	if (argc != 2)
		return ycfg_usage_error("explain", "%s",
					"expected one KEY or RULE");

	const char *what = argv[1];
	int r = ycfg_rule_by_id(what);

	if (r >= 0) {
		explain_rule(ycfg_rule_info(r));
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

