/*
 * test_yamlio.c - the loaders' YAML plumbing: syntax errors with their
 * line, node lines by path, libcyaml's log captured and parsed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ycfg/yamlio.h"

static const char doc[] =
	"version: \"1\"\n"           /* 1 */
	"params:\n"                  /* 2 */
	"  - key: a\n"               /* 3 */
	"    type: int\n"            /* 4 */
	"  - key: b\n"               /* 5 */
	"    type: bool\n"           /* 6 */
	"    summary: s\n";          /* 7 */

static void
locate_sections_items_and_fields(void **state)
{
	size_t n = strlen(doc);

	assert_int_equal(ycfg_yaml_locate(doc, n, "version", -1, NULL), 1);
	assert_int_equal(ycfg_yaml_locate(doc, n, "params", 1, NULL), 5);
	assert_int_equal(ycfg_yaml_locate(doc, n, "params", 1, "summary"), 7);
	assert_int_equal(ycfg_yaml_locate(doc, n, "params", 0, "type"), 4);
}

static void
locate_falls_back_or_gives_zero(void **state)
{
	size_t n = strlen(doc);

	/* a missing field: the item's line; a missing item: the section's
	 * value (a block sequence starts at its first item) */
	assert_int_equal(ycfg_yaml_locate(doc, n, "params", 0, "nope"), 3);
	assert_int_equal(ycfg_yaml_locate(doc, n, "params", 9, NULL), 3);
	assert_int_equal(ycfg_yaml_locate(doc, n, "models", 0, NULL), 0);
	assert_int_equal(ycfg_yaml_locate("", 0, "params", 0, NULL), 0);
	assert_int_equal(ycfg_yaml_locate("[: :", 4, "params", 0, NULL), 0);
}

static void
find_scalar_from_a_line(void **state)
{
	size_t n = strlen(doc);

	assert_int_equal(ycfg_yaml_find_scalar(doc, n, 1, "type"), 4);
	assert_int_equal(ycfg_yaml_find_scalar(doc, n, 5, "type"), 6);
	assert_int_equal(ycfg_yaml_find_scalar(doc, n, 1, "absent"), 0);
}

static void
syntax_errors_have_a_line(void **state)
{
	unsigned line = 0;
	char what[128];
	const char bad[] = "a: 1\nb: [1, 2\nc: 3\n";

	assert_true(ycfg_yaml_syntax_error(bad, strlen(bad), &line, what,
					   sizeof(what)));
	assert_true(line >= 2);
	assert_true(what[0] != '\0');
	assert_false(ycfg_yaml_syntax_error(doc, strlen(doc), &line, what,
					    sizeof(what)));
}

static void
log_is_captured_and_read(void **state)
{
	struct ycfg_yaml_log log;
	cyaml_config_t cfg;
	char first[64];

	ycfg_yaml_config(&cfg, &log);
	assert_int_equal(log.len, 0);
	assert_int_equal(ycfg_yaml_log_line(&log), 0);
	strcpy(log.text, "Load: Unexpected key: x (line: 12, column: 3)\n"
	       "Load: more\n");
	log.len = strlen(log.text);
	assert_int_equal(ycfg_yaml_log_line(&log), 12);
	ycfg_yaml_log_first(&log, first, sizeof(first));
	assert_string_equal(first, "Unexpected key: x (line: 12, column: 3)");
	ycfg_yaml_log_first(&log, first, 10);
	assert_string_equal(first, "Unexpecte");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locate_sections_items_and_fields),
		cmocka_unit_test(locate_falls_back_or_gives_zero),
		cmocka_unit_test(find_scalar_from_a_line),
		cmocka_unit_test(syntax_errors_have_a_line),
		cmocka_unit_test(log_is_captured_and_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
