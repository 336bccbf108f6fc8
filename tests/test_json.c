/*
 * test_json.c - JSON string literals: every escape, embedded NUL bytes,
 * a sink that fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/json.h"

struct buf {
	char s[256];
	size_t n;
	size_t fail_after;   /* fail the call that would pass this length */
};

static int
put(void *ctx, const char *p, size_t n)
{
	struct buf *b = ctx;

	if (b->n + n > b->fail_after || b->n + n >= sizeof(b->s))
		return -1;
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
	return 0;
}

static const char *
quote(const char *s, size_t n)
{
	static struct buf b;

	memset(&b, 0, sizeof(b));
	b.fail_after = SIZE_MAX;
	assert_int_equal(ycfg_json_quote(s, n, put, &b), 0);
	return b.s;
}

static void
plain_text_is_copied(void **state)
{
	assert_string_equal(quote("abc", 3), "\"abc\"");
	assert_string_equal(quote("", 0), "\"\"");
	assert_string_equal(quote("\xc3\xa9t\xc3\xa9", 5), "\"\xc3\xa9t\xc3\xa9\"");
}

static void
short_escapes(void **state)
{
	assert_string_equal(quote("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
	assert_string_equal(quote("\b\f\n\r\t", 5), "\"\\b\\f\\n\\r\\t\"");
}

static void
control_characters_as_unicode_escapes(void **state)
{
	assert_string_equal(quote("\x01\x1f\x7f", 3),
			    "\"\\u0001\\u001f\\u007f\"");
	assert_string_equal(quote("a\0b", 3), "\"a\\u0000b\"");
}

static void
failing_sink_stops_at_once(void **state)
{
	struct buf b = { .fail_after = 3 };

	assert_int_equal(ycfg_json_quote("abcdef", 6, put, &b), -1);
	b = (struct buf){ .fail_after = 0 };
	assert_int_equal(ycfg_json_quote("x", 1, put, &b), -1);
	b = (struct buf){ .fail_after = 5 };
	assert_int_equal(ycfg_json_quote("a\nb", 3, put, &b), -1);
}

static void
fputs_to_a_stream(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(ycfg_json_fputs("x\ty", f), 0);
	fclose(f);
	assert_string_equal(text, "\"x\\ty\"");
	free(text);
}

static void
fputs_to_a_full_stream_fails(void **state)
{
	FILE *f = fopen("/dev/full", "w");

	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(ycfg_json_fputs("x", f), -1);
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_is_copied),
		cmocka_unit_test(short_escapes),
		cmocka_unit_test(control_characters_as_unicode_escapes),
		cmocka_unit_test(failing_sink_stops_at_once),
		cmocka_unit_test(fputs_to_a_stream),
		cmocka_unit_test(fputs_to_a_full_stream_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
