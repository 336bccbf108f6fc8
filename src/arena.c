/*
 * arena.c - bump allocation (see arena.h).
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/arena.h"
#include "ycfg/vec.h"

#define CHUNK_MIN 16384

struct ycfg_arena_chunk {
	struct ycfg_arena_chunk *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

void *
ycfg_arena_alloc(struct ycfg_arena *a, size_t size)
{
	size_t al = alignof(max_align_t);

	if (size > YCFG_ALLOC_MAX)
		return NULL;
	size = (size + al - 1) / al * al;
	if (size == 0)
		size = al;
	if (a->chunks == NULL || a->chunks->cap - a->chunks->used < size) {
		size_t cap = size > CHUNK_MIN ? size : CHUNK_MIN;
		struct ycfg_arena_chunk *c = malloc(sizeof(*c) + cap);

		if (c == NULL)
			return NULL;
		c->next = a->chunks;
		c->used = 0;
		c->cap = cap;
		a->chunks = c;
	}

	void *p = a->chunks->data + a->chunks->used;

	a->chunks->used += size;
	memset(p, 0, size);
	return p;
}

char *
ycfg_arena_strndup(struct ycfg_arena *a, const char *s, size_t n)
{
	if (s == NULL)
		return NULL;

	char *p = ycfg_arena_alloc(a, n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *
ycfg_arena_strdup(struct ycfg_arena *a, const char *s)
{
	return s ? ycfg_arena_strndup(a, s, strlen(s)) : NULL;
}

void
ycfg_arena_clear(struct ycfg_arena *a)
{
	struct ycfg_arena_chunk *c = a->chunks;

	while (c != NULL) {
		struct ycfg_arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	a->chunks = NULL;
}

void
ycfg_arena_free_list(struct ycfg_arena *a)
{
	while (a != NULL) {
		struct ycfg_arena *next = a->next;

		ycfg_arena_clear(a);
		free(a);
		a = next;
	}
}
