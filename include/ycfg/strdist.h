/*
 * strdist.h - edit distance for "did you mean" suggestions.
 */
#ifndef YCFG_STRDIST_H
#define YCFG_STRDIST_H

#include <stddef.h>

/* Longest string ycfg_strdist compares; longer ones are never close. */
#define YCFG_STRDIST_MAX 256

/* Optimal string alignment distance between a[0..an) and b[0..bn)
 * (insertions, deletions, substitutions and transpositions of adjacent
 * characters each cost 1), case-sensitive.  Gives up early and returns
 * limit + 1 as soon as the distance must exceed limit, and for strings
 * longer than YCFG_STRDIST_MAX.  No allocation. */
size_t ycfg_strdist(const char *a, size_t an, const char *b, size_t bn,
		    size_t limit);

#endif
