/*
 * fuzz_common.h - helpers shared by the libFuzzer harnesses.
 *
 * Every harness builds its state from the input alone and frees it before
 * returning, so no run depends on an earlier one (the only global is the
 * read-only schema of fuzz_lint / fuzz_resolve, loaded once at init).
 */
#ifndef YCFG_FUZZ_COMMON_H
#define YCFG_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/schema.h"

/* Boot files are linted under a directory that does not exist, so include
 * checks never touch real files and every run sees the same file system. */
#define FUZZ_DIR "/nonexistent-ycfg-fuzz"

/* The first n bytes of needle in [h, h + hn), or NULL (memmem is a GNU
 * extension). */
static inline const char *
fuzz_find(const void *h, size_t hn, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = h;

	for (size_t i = 0; n > 0 && i + n <= hn; i++)
		if (p[i] == needle[0] && memcmp(p + i, needle, n) == 0)
			return p + i;
	return NULL;
}

/* Loads the shipped schema: $YCFG_SCHEMA_DIR, else the source tree this
 * harness was built from.  Aborts when it cannot be loaded: fuzzing
 * without it would silently skip every value check. */
static inline void
fuzz_load_schema(struct ycfg_schema *s)
{
	const char *dir = getenv("YCFG_SCHEMA_DIR");
	struct ycfg_diags d;

	if (dir == NULL || *dir == '\0')
		dir = YCFG_FUZZ_SCHEMA_DIR;
	ycfg_diags_init(&d);
	ycfg_schema_init(s);
	if (ycfg_schema_load_dir(s, dir, &d) != 0 || s->nparams == 0) {
		fprintf(stderr, "fuzz: cannot load the schema from %s\n", dir);
		abort();
	}
	ycfg_diags_free(&d);
}

/* Walks every diagnostic so that ASan sees a bad file or message pointer,
 * and checks the invariants every reporter relies on. */
static inline void
fuzz_check_diags(const struct ycfg_diags *d)
{
	size_t sum = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];

		if (g->rule >= YCFG_R__COUNT || g->msg == NULL ||
		    g->file == NULL || (unsigned)g->severity > YCFG_SEV_ERROR)
			abort();
		sum += strlen(g->msg) + strlen(g->file);
	}
	if (d->count[0] + d->count[1] + d->count[2] != d->n)
		abort();
	(void)sum;
}

#endif
