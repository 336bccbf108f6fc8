/*
 * test_arena.c - bump allocation: zeroed and aligned memory, strings,
 * large blocks, refusal of impossible sizes, reuse after clear.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/arena.h"

static void
allocations_are_zeroed_and_aligned(void **state)
{
	struct ycfg_arena a = { 0 };

	for (size_t n = 1; n < 100; n += 7) {
		unsigned char *p = ycfg_arena_alloc(&a, n);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xff, n);
	}
	ycfg_arena_clear(&a);
	assert_null(a.chunks);
}

static void
strings_are_copied(void **state)
{
	struct ycfg_arena a = { 0 };
	char src[] = "account.X.enable";
	char *c = ycfg_arena_strdup(&a, src);
	char *d = ycfg_arena_strndup(&a, src, 7);

	src[0] = 'x';
	assert_string_equal(c, "account.X.enable");
	assert_string_equal(d, "account");
	assert_null(ycfg_arena_strdup(&a, NULL));
	assert_null(ycfg_arena_strndup(&a, NULL, 3));
	ycfg_arena_clear(&a);
}

static void
large_blocks_get_their_own_chunk(void **state)
{
	struct ycfg_arena a = { 0 };
	char *small = ycfg_arena_alloc(&a, 16);
	char *big = ycfg_arena_alloc(&a, 1 << 20);

	assert_non_null(small);
	assert_non_null(big);
	big[(1 << 20) - 1] = 'x';
	strcpy(small, "still valid");
	assert_string_equal(small, "still valid");
	ycfg_arena_clear(&a);
}

static void
impossible_sizes_are_refused(void **state)
{
	struct ycfg_arena a = { 0 };

	assert_null(ycfg_arena_alloc(&a, SIZE_MAX));
	assert_null(ycfg_arena_alloc(&a, SIZE_MAX - 8));
	assert_null(ycfg_arena_alloc(&a, SIZE_MAX / 2));
	assert_null(a.chunks);
}

static void
list_of_arenas_is_freed(void **state)
{
	struct ycfg_arena *x = calloc(1, sizeof(*x));
	struct ycfg_arena *y = calloc(1, sizeof(*y));

	assert_non_null(x);
	assert_non_null(y);
	assert_non_null(ycfg_arena_alloc(x, 10));
	assert_non_null(ycfg_arena_alloc(y, 10));
	x->next = y;
	ycfg_arena_free_list(x);   /* leak checkers watch the rest */
	ycfg_arena_free_list(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allocations_are_zeroed_and_aligned),
		cmocka_unit_test(strings_are_copied),
		cmocka_unit_test(large_blocks_get_their_own_chunk),
		cmocka_unit_test(impossible_sizes_are_refused),
		cmocka_unit_test(list_of_arenas_is_freed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
