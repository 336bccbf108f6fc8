/*
 * test_coverage.c - the shipped schema knows every account.* parameter of
 * the research table (shared/reference/yealink-params.tsv) and every
 * account.* pattern that appears in two or more real files
 * (shared/reference/corpus-keys.tsv).  Skipped (exit 77) when the shared
 * reference files are not beside the project.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/schema.h"

static struct ycfg_schema schema;

static int
setup(void **state)
{
	struct ycfg_diags d;
	const char *dir = getenv("YCFG_SCHEMA_DIR");

	(void)state;
	ycfg_diags_init(&d);
	ycfg_schema_init(&schema);
	if (dir == NULL || ycfg_schema_load_dir(&schema, dir, &d) != 0) {
		ycfg_diags_free(&d);
		return -1;
	}
	ycfg_diags_free(&d);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ycfg_schema_free(&schema);
	return 0;
}

/* Turns a pattern into a concrete key: X, Y and N segments become 1. */
static void
concrete(const char *pattern, size_t n, char *out, size_t outsz)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 2 < outsz; i++) {
		bool seg = (i == 0 || pattern[i - 1] == '.') &&
			   (i + 1 == n || pattern[i + 1] == '.');

		out[o++] = seg && (pattern[i] == 'X' || pattern[i] == 'Y' ||
				   pattern[i] == 'N') ? '1' : pattern[i];
	}
	out[o] = '\0';
}

/* Checks the first column of every data row of a TSV; rows are kept when
 * keep(row) says so.  Returns the number of keys checked. */
static int
check_tsv(const char *name, bool (*keep)(const char *key, const char *row))
{
	char path[1024], line[4096];

	snprintf(path, sizeof(path), "%s/../shared/reference/%s",
		 YCFG_TEST_SRCDIR, name);

	FILE *f = fopen(path, "r");
	int checked = 0, missing = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t kl = strcspn(line, "\t\n");
		char key[256];

		if (line[0] == '#' || kl == 0 || kl >= sizeof(key) ||
		    strncmp(line, "account.", 8) != 0 || !keep(line, line + kl))
			continue;
		concrete(line, kl, key, sizeof(key));
		if (ycfg_schema_lookup(&schema, key, strlen(key), NULL) == NULL) {
			fprintf(stderr, "%s: not in the schema: %.*s\n", name,
				(int)kl, line);
			missing++;
		}
		checked++;
	}
	fclose(f);
	assert_int_equal(missing, 0);
	return checked;
}

static bool
any_row(const char *key, const char *rest)
{
	(void)key;
	(void)rest;
	return true;
}

/* corpus-keys.tsv: key, files, format; keep patterns in >= 2 files, but
 * not the known typo the linter is meant to flag. */
static bool
two_or_more_files(const char *key, const char *rest)
{
	if (strncmp(key, "account.X.sip_server1.", 22) == 0)
		return false;
	return *rest == '\t' && atoi(rest + 1) >= 2;
}

static void
schema_covers_research_table(void **state)
{
	(void)state;
	assert_true(check_tsv("yealink-params.tsv", any_row) >= 80);
}

static void
schema_covers_corpus_patterns(void **state)
{
	(void)state;
	assert_true(check_tsv("corpus-keys.tsv", two_or_more_files) >= 250);
}

static void
typo_is_not_in_schema(void **state)
{
	(void)state;
	assert_null(ycfg_schema_lookup(&schema, "account.1.sip_server1.port",
				       26, NULL));
}

int
main(void)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/../shared/reference/corpus-keys.tsv",
		 YCFG_TEST_SRCDIR);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "shared reference files not found: skipped\n");
		return 77;
	}
	fclose(f);

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schema_covers_research_table),
		cmocka_unit_test(schema_covers_corpus_patterns),
		cmocka_unit_test(typo_is_not_in_schema),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
