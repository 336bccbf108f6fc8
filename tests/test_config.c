/*
 * test_config.c - .ycfg.yaml loading, discovery, globs and exclusion.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ycfg/config.h"
#include "ycfg/glob.h"

/* Every test gets a fresh temporary directory as its state. */
static int
setup(void **state)
{
	char *dir = strdup("/tmp/ycfg-config-test.XXXXXX");

	if (dir == NULL || mkdtemp(dir) == NULL)
		return -1;
	*state = dir;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", (char *)*state);
	free(*state);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to dir/name (creating parent directories) and returns the
 * path in a static buffer. */
static const char *
put(const char *dir, const char *name, const char *text)
{
	static char path[PATH_MAX];
	char cmd[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/%s", dir, name);

	char *slash = strrchr(path, '/');

	*slash = '\0';
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
	*slash = '/';

	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Loads text as a config; returns the load result, err filled. */
static int
load(const char *dir, const char *text, struct ycfg_config *c, char *err,
     size_t errsz)
{
	const char *path = put(dir, ".ycfg.yaml", text);

	err[0] = '\0';
	return ycfg_config_load(c, path, err, errsz);
}

/* Expects the load of text to fail with ":LINE:" and want in the error. */
static void
expect_error(const char *dir, const char *text, unsigned line,
	     const char *want)
{
	struct ycfg_config c;
	char err[512], at[32];

	assert_int_equal(load(dir, text, &c, err, sizeof(err)), -1);
	snprintf(at, sizeof(at), ".ycfg.yaml:%u:", line);
	if (strstr(err, at) == NULL || strstr(err, want) == NULL)
		fail_msg("error '%s' lacks '%s' or '%s'", err, at, want);
	assert_null(c.path);
	ycfg_config_free(&c);
}

/* A repository's configuration cannot make ycfg read files elsewhere. */
static void
schema_outside_the_directory_is_an_error(void **state)
{
	const char *dir = *state;

	expect_error(dir, "schema: [/etc/passwd]\n", 1,
		     "schema '/etc/passwd' is outside the configuration's "
		     "directory");
	expect_error(dir, "schema:\n  - a.yaml\n  - ../x.yaml\n", 3,
		     "schema '../x.yaml' is outside");
	expect_error(dir, "schema: [a/../../x.yaml]\n", 1, "is outside");
}

static void
good_file_loads(void **state)
{
	const char *dir = *state;
	struct ycfg_config c;
	char err[512];

	assert_int_equal(load(dir,
		"# project settings\n"
		"model: T54W\n"
		"rules:\n"
		"  unknown-key: error\n"
		"  trailing-whitespace: off\n"
		"  duplicate-key: info\n"
		"exclude: [\"bad/**\", old]\n"
		"schema:\n"
		"  - extra/site.yaml\n"
		"  - ./b/../other.yaml\n", &c, err, sizeof(err)), 0);
	assert_string_equal(c.model, "T54W");
	assert_int_equal(c.level[YCFG_R_UNKNOWN_KEY], YCFG_SEV_ERROR);
	assert_int_equal(c.level[YCFG_R_TRAILING_WHITESPACE], YCFG_LEVEL_OFF);
	assert_int_equal(c.level[YCFG_R_DUPLICATE_KEY], YCFG_SEV_INFO);
	assert_int_equal(c.level[YCFG_R_OUT_OF_RANGE], YCFG_CONFIG_UNSET);
	assert_int_equal(c.nexclude, 2);
	assert_string_equal(c.exclude[0], "bad/**");
	assert_int_equal(c.nschema, 2);

	char want[PATH_MAX];

	snprintf(want, sizeof(want), "%s/extra/site.yaml", dir);
	assert_string_equal(c.schema[0], want);
	snprintf(want, sizeof(want), "%s/./b/../other.yaml", dir);
	assert_string_equal(c.schema[1], want);
	assert_string_equal(c.dir, dir);

	struct ycfg_diags d;

	ycfg_diags_init(&d);
	ycfg_config_apply_levels(&c, &d);
	assert_int_equal(d.level[YCFG_R_UNKNOWN_KEY], YCFG_SEV_ERROR);
	assert_int_equal(d.level[YCFG_R_TRAILING_WHITESPACE], YCFG_LEVEL_OFF);
	assert_true(d.overridden[YCFG_R_DUPLICATE_KEY]);
	assert_false(d.overridden[YCFG_R_OUT_OF_RANGE]);
	ycfg_diags_free(&d);
	ycfg_config_free(&c);
}

static void
empty_file_is_empty_config(void **state)
{
	static const char *const texts[] = { "", "# nothing\n", "---\n", "~\n" };

	for (size_t i = 0; i < 4; i++) {
		struct ycfg_config c;
		char err[512];

		assert_int_equal(load(*state, texts[i], &c, err, sizeof(err)), 0);
		assert_null(c.model);
		assert_int_equal(c.nexclude, 0);
		assert_int_equal(c.level[0], YCFG_CONFIG_UNSET);
		ycfg_config_free(&c);
	}
}

static void
unknown_key_is_an_error(void **state)
{
	expect_error(*state, "model: T54W\nexlude: [a]\n", 2,
		     "unknown key 'exlude'");
}

static void
bad_level_is_an_error(void **state)
{
	expect_error(*state, "rules:\n  unknown-key: loud\n", 2,
		     "invalid level 'loud' for rule 'unknown-key'");
	expect_error(*state, "rules:\n  unknown-key: [error]\n", 2,
		     "must be off, info, warning or error");
}

static void
bad_rule_name_is_an_error(void **state)
{
	expect_error(*state, "rules:\n  unknown-key: off\n  unknown-keys: off\n",
		     3, "unknown rule 'unknown-keys'");
	expect_error(*state, "rules:\n  unknown-key: off\n  unknown-key: error\n",
		     3, "given twice");
}

static void
yaml_syntax_error_has_a_line(void **state)
{
	expect_error(*state, "model: T54W\nrules:\n  a: b\n c: [\n", 4,
		     "invalid YAML");
	expect_error(*state, "model: T54W\n\tschema: []\n", 2,
		     "invalid YAML");
	expect_error(*state, "model: T54W\nexclude: [*.cfg]\n", 2,
		     "invalid YAML");
}

static void
wrong_types_are_errors(void **state)
{
	expect_error(*state, "rules: [unknown-key]\n", 1,
		     "'rules' must be a mapping");
	expect_error(*state, "\nexclude: bad\n", 2,
		     "'exclude' must be a list");
	expect_error(*state, "model: [T54W]\n", 1, "'model' must be");
	expect_error(*state, "schema:\n  - {a: b}\n", 2,
		     "each entry of 'schema'");
	expect_error(*state, "- model\n", 1, "must be a mapping");
	expect_error(*state, "model: T54W\nmodel: T46U\n", 2, "given twice");
	expect_error(*state, "model: T54W\n---\nmodel: T46U\n", 2,
		     "only one YAML document");
}

static void
missing_file_is_an_error(void **state)
{
	struct ycfg_config c;
	char err[512], path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/none.yaml", (char *)*state);
	assert_int_equal(ycfg_config_load(&c, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "none.yaml: "));
	ycfg_config_free(&c);
}

static void
discovery_walks_up_and_stops_at_git(void **state)
{
	const char *dir = *state;
	char start[PATH_MAX], out[PATH_MAX], want[PATH_MAX];

	put(dir, "repo/.git/HEAD", "ref\n");
	put(dir, "repo/a/b/c/x.cfg", "#!version:1.0.0.1\n");
	put(dir, ".ycfg.yaml", "model: T54W\n");   /* above the repo */

	/* none inside the repository: the search stops at its root */
	snprintf(start, sizeof(start), "%s/repo/a/b/c", dir);
	assert_int_equal(ycfg_config_discover(start, out, sizeof(out)), 0);

	/* one in the root is found, from a directory or a file */
	put(dir, "repo/.ycfg.yaml", "model: T46U\n");
	snprintf(want, sizeof(want), "%s/repo/.ycfg.yaml", dir);
	assert_int_equal(ycfg_config_discover(start, out, sizeof(out)), 1);
	assert_string_equal(out, want);
	snprintf(start, sizeof(start), "%s/repo/a/b/c/x.cfg", dir);
	assert_int_equal(ycfg_config_discover(start, out, sizeof(out)), 1);
	assert_string_equal(out, want);

	/* the nearest wins */
	put(dir, "repo/a/.ycfg.yaml", "");
	snprintf(want, sizeof(want), "%s/repo/a/.ycfg.yaml", dir);
	assert_int_equal(ycfg_config_discover(start, out, sizeof(out)), 1);
	assert_string_equal(out, want);

	/* a directory named .ycfg.yaml is not a configuration */
	snprintf(start, sizeof(start), "%s/repo/a/b/c/.ycfg.yaml", dir);
	assert_int_equal(mkdir(start, 0755), 0);
	snprintf(start, sizeof(start), "%s/repo/a/b/c", dir);
	assert_int_equal(ycfg_config_discover(start, out, sizeof(out)), 1);
	assert_string_equal(out, want);

	/* too small an output buffer */
	assert_int_equal(ycfg_config_discover(start, out, 4), -1);
}

static void
globs(void **state)
{
	assert_true(ycfg_glob_match("bad/**", "bad/x.cfg", 0));
	assert_true(ycfg_glob_match("bad/**", "bad/sub/x.cfg", 0));
	assert_false(ycfg_glob_match("bad/**", "good/x.cfg", 0));
	assert_true(ycfg_glob_match("**/x.cfg", "x.cfg", 0));
	assert_true(ycfg_glob_match("**/x.cfg", "a/b/x.cfg", 0));
	assert_true(ycfg_glob_match("a/**/x.cfg", "a/x.cfg", 0));
	assert_true(ycfg_glob_match("a/**/x.cfg", "a/b/c/x.cfg", 0));
	assert_false(ycfg_glob_match("a/*.cfg", "a/b/x.cfg", 0));
	assert_true(ycfg_glob_match("a/*.cfg", "a/x.cfg", 0));
	assert_true(ycfg_glob_match("*.tmp.cfg", "deep/dir/x.tmp.cfg", 0));
	assert_false(ycfg_glob_match("*.tmp.cfg", "deep/dir/x.cfg", 0));
	assert_true(ycfg_glob_match("a/?.cfg", "a/x.cfg", 0));
	assert_false(ycfg_glob_match("a?b", "a/b", 0));
	assert_true(ycfg_glob_match("[0-9a-f]*.cfg", "0015.cfg", 0));
	assert_false(ycfg_glob_match("[!0-9]*.cfg", "0015.cfg", 0));
	assert_true(ycfg_glob_match("x[.cfg", "x[.cfg", 0));   /* unclosed set */
	assert_false(ycfg_glob_match("", "x", 0));
}

static void
exclude_relative_to_config_dir(void **state)
{
	const char *dir = *state;
	struct ycfg_config c;
	char err[512], p[PATH_MAX];

	assert_int_equal(load(dir, "exclude: [\"bad/**\", legacy, "
			      "\"*.tmp.cfg\"]\n", &c, err, sizeof(err)), 0);
	snprintf(p, sizeof(p), "%s/bad/x.cfg", dir);
	assert_true(ycfg_config_excluded(&c, p));
	snprintf(p, sizeof(p), "%s/good/x.cfg", dir);
	assert_false(ycfg_config_excluded(&c, p));
	snprintf(p, sizeof(p), "%s/good/../bad/./x.cfg", dir);
	assert_true(ycfg_config_excluded(&c, p));
	/* a parent directory matching excludes what is below it */
	snprintf(p, sizeof(p), "%s/sub/legacy/deep/x.cfg", dir);
	assert_true(ycfg_config_excluded(&c, p));
	snprintf(p, sizeof(p), "%s/sub/x.tmp.cfg", dir);
	assert_true(ycfg_config_excluded(&c, p));
	/* outside the configuration's directory: never */
	assert_false(ycfg_config_excluded(&c, "/elsewhere/bad/x.cfg"));

	ycfg_config_free(&c);

	/* relative paths (of the file and of the paths checked) are taken
	 * from the current directory at load time */
	char cwd[PATH_MAX];

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(ycfg_config_load(&c, "./.ycfg.yaml", err,
					  sizeof(err)), 0);
	assert_string_equal(c.dir, dir);
	assert_true(ycfg_config_excluded(&c, "bad/x.cfg"));
	assert_true(ycfg_config_excluded(&c, "./bad/x.cfg"));
	assert_false(ycfg_config_excluded(&c, "x.cfg"));
	assert_false(ycfg_config_excluded(&c, "../bad/x.cfg"));
	assert_int_equal(chdir(cwd), 0);
	ycfg_config_free(&c);

	/* no configuration excludes nothing */
	ycfg_config_init(&c);
	assert_false(ycfg_config_excluded(&c, "bad/x.cfg"));
	ycfg_config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(good_file_loads, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_outside_the_directory_is_an_error,
						setup, teardown),
		cmocka_unit_test_setup_teardown(empty_file_is_empty_config,
						setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_key_is_an_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_level_is_an_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_rule_name_is_an_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(yaml_syntax_error_has_a_line,
						setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_types_are_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(missing_file_is_an_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			discovery_walks_up_and_stops_at_git, setup, teardown),
		cmocka_unit_test(globs),
		cmocka_unit_test_setup_teardown(exclude_relative_to_config_dir,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
