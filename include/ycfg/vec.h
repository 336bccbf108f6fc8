/*
 * vec.h - growing arrays: the one place capacity is doubled.
 */
#ifndef YCFG_VEC_H
#define YCFG_VEC_H

#include <stddef.h>

/* Largest array ycfg grows, in bytes: far above any legitimate input
 * (documented with the other limits in ycfg(1)), and below what memory
 * checkers accept, so a runaway size fails cleanly. */
#define YCFG_ALLOC_MAX ((size_t)1 << 32)

/* Makes room for at least need elements of elem bytes in *v, whose
 * capacity is *cap elements: doubles from max(*cap, min_cap) until it
 * fits.  Returns 0, or -1 when out of memory or when the array would
 * pass YCFG_ALLOC_MAX bytes (then *v and *cap are untouched and the old
 * array is still valid). */
int ycfg_vec_reserve(void *v, size_t *cap, size_t need, size_t elem,
		     size_t min_cap);

/* Appends one element (elem bytes at item) to *v holding *n of *cap. */
int ycfg_vec_push(void *v, size_t *n, size_t *cap, const void *item,
		  size_t elem);

#endif
