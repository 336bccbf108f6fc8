/*
 * vec.c - growing arrays (see vec.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/vec.h"

int
ycfg_vec_reserve(void *v, size_t *cap, size_t need, size_t elem,
		 size_t min_cap)
{
	void **pv = v;

	if (need <= *cap)
		return 0;

	size_t c = *cap > min_cap ? *cap : (min_cap ? min_cap : 1);

	if (elem != 0 && need > YCFG_ALLOC_MAX / elem)
		return -1;
	while (c < need)
		c *= 2;
	if (elem != 0 && c > YCFG_ALLOC_MAX / elem)
		c = YCFG_ALLOC_MAX / elem;   /* need fits: shown above */

	void *p = realloc(*pv, c * elem);

	if (p == NULL)
		return -1;
	*pv = p;
	*cap = c;
	return 0;
}

int
ycfg_vec_push(void *v, size_t *n, size_t *cap, const void *item, size_t elem)
{
	if (ycfg_vec_reserve(v, cap, *n + 1, elem, 16) != 0)
		return -1;
	memcpy((char *)*(void **)v + *n * elem, item, elem);
	(*n)++;
	return 0;
}
