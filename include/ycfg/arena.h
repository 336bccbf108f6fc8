/*
 * arena.h - bump allocation for data that lives and dies together (one
 * loaded schema file).  Nothing is freed on its own; the whole arena is.
 */
#ifndef YCFG_ARENA_H
#define YCFG_ARENA_H

#include <stddef.h>

struct ycfg_arena_chunk;

struct ycfg_arena {
	struct ycfg_arena *next;          /* for callers that keep lists */
	struct ycfg_arena_chunk *chunks;
};

/* Returns size bytes, zeroed and aligned for any type, or NULL when out
 * of memory.  Valid until the arena is freed. */
void *ycfg_arena_alloc(struct ycfg_arena *a, size_t size);

/* Copies of strings; NULL in gives NULL out (not an error). */
char *ycfg_arena_strndup(struct ycfg_arena *a, const char *s, size_t n);
char *ycfg_arena_strdup(struct ycfg_arena *a, const char *s);

/* Frees the chunks of a; a itself stays (empty, reusable). */
void ycfg_arena_clear(struct ycfg_arena *a);

/* Frees a list of heap-allocated arenas linked by next, and each arena. */
void ycfg_arena_free_list(struct ycfg_arena *a);

#endif
