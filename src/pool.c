/*
 * pool.c - items spread over worker threads (see pool.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "ycfg/pool.h"

/* Items are handed out in chunks: small enough to balance, large enough
 * that the counter is not contended. */
#define CHUNK 32

struct pool {
	atomic_size_t next;
	size_t n;
	void (*item)(void *worker, size_t i);
};

struct slot {
	struct pool *pool;
	void *worker;
	pthread_t thread;
};

static void *
slot_run(void *arg)
{
	struct slot *s = arg;
	struct pool *p = s->pool;

	for (;;) {
		size_t start = atomic_fetch_add(&p->next, CHUNK);

		if (start >= p->n)
			break;
		for (size_t i = start; i < p->n && i < start + CHUNK; i++)
			p->item(s->worker, i);
	}
	return NULL;
}

size_t
ycfg_pool_size(unsigned jobs, size_t items)
{
	long n = jobs ? (long)jobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > 64)
		n = 64;
	/* threads only pay off for more than a couple of chunks */
	if ((size_t)n > items / CHUNK)
		n = items / CHUNK > 0 ? (long)(items / CHUNK) : 1;
	return (size_t)n;
}

void
ycfg_pool_run(void *workers, size_t nworkers, size_t size, size_t n,
	      void (*item)(void *worker, size_t i))
{
	struct pool pool = { .n = n, .item = item };
	struct slot one, *slots = nworkers > 1
				  ? calloc(nworkers, sizeof(*slots)) : &one;
	size_t started = 1;

	atomic_init(&pool.next, 0);
	if (slots == NULL) {
		/* no memory for threads: this one does it all */
		slots = &one;
		nworkers = 1;
	}
	for (size_t k = 0; k < nworkers; k++) {
		slots[k].pool = &pool;
		slots[k].worker = (char *)workers + k * size;
	}
	for (size_t k = 1; k < nworkers; k++) {
		if (pthread_create(&slots[k].thread, NULL, slot_run,
				   &slots[k]) != 0)
			break;
		started++;
	}
	slot_run(&slots[0]);
	for (size_t k = 1; k < started; k++)
		pthread_join(slots[k].thread, NULL);
	if (slots != &one)
		free(slots);
}
