/*
 * test_vec.c - growing arrays: growth, the minimum capacity, overflow
 * refused without touching the array.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "ycfg/vec.h"

static void
reserve_grows_by_doubling(void **state)
{
	int *v = NULL;
	size_t cap = 0;

	assert_int_equal(ycfg_vec_reserve(&v, &cap, 1, sizeof(*v), 16), 0);
	assert_int_equal(cap, 16);
	assert_int_equal(ycfg_vec_reserve(&v, &cap, 17, sizeof(*v), 16), 0);
	assert_int_equal(cap, 32);
	assert_int_equal(ycfg_vec_reserve(&v, &cap, 100, sizeof(*v), 16), 0);
	assert_int_equal(cap, 128);
	v[127] = 1;
	free(v);
}

static void
reserve_within_capacity_does_nothing(void **state)
{
	int *v = malloc(8 * sizeof(*v)), *before = v;
	size_t cap = 8;

	assert_int_equal(ycfg_vec_reserve(&v, &cap, 8, sizeof(*v), 16), 0);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 8);
	free(v);
}

static void
push_appends(void **state)
{
	long *v = NULL;
	size_t n = 0, cap = 0;

	for (long i = 0; i < 1000; i++)
		assert_int_equal(ycfg_vec_push(&v, &n, &cap, &i, sizeof(i)), 0);
	assert_int_equal(n, 1000);
	for (long i = 0; i < 1000; i++)
		assert_int_equal(v[i], i);
	free(v);
}

static void
reserve_refuses_size_overflow(void **state)
{
	char *v = malloc(4);
	size_t cap = 4;

	assert_int_equal(ycfg_vec_reserve(&v, &cap, SIZE_MAX / 2 + 2, 1, 1),
			 -1);
	assert_int_equal(cap, 4);
	v[3] = 'x';            /* still the old, valid array */
	free(v);
}

static void
reserve_refuses_element_overflow(void **state)
{
	uint64_t *v = NULL;
	size_t cap = 0;

	assert_int_equal(ycfg_vec_reserve(&v, &cap, SIZE_MAX / 4,
					  sizeof(*v), 16), -1);
	assert_null(v);
	assert_int_equal(cap, 0);
}

static void
reserve_refuses_beyond_the_limit(void **state)
{
	char *v = NULL;
	size_t cap = 0;

	assert_int_equal(ycfg_vec_reserve(&v, &cap, YCFG_ALLOC_MAX + 1, 1, 16),
			 -1);
	assert_null(v);
	assert_int_equal(cap, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reserve_grows_by_doubling),
		cmocka_unit_test(reserve_within_capacity_does_nothing),
		cmocka_unit_test(push_appends),
		cmocka_unit_test(reserve_refuses_size_overflow),
		cmocka_unit_test(reserve_refuses_element_overflow),
		cmocka_unit_test(reserve_refuses_beyond_the_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
