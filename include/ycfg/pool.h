/*
 * pool.h - items spread over worker threads: the one way ycfg runs a
 * directory's phones in parallel (lint, resolve --all, diff).
 *
 * The caller owns an array of workers (its own per-thread state, each
 * element `size` bytes); the calling thread is worker 0 and the others get
 * a thread each.  Items are handed out in chunks from an atomic counter,
 * so they are taken in no fixed order: a caller that prints keeps its own
 * order.
 */
#ifndef YCFG_POOL_H
#define YCFG_POOL_H

#include <stddef.h>

/* Workers for items: --jobs (0: one per CPU), at most 64, and no more
 * than the chunks there are (one when there are fewer). */
size_t ycfg_pool_size(unsigned jobs, size_t items);

/* Calls item(workers + k * size, i) for every i in [0, n), on nworkers
 * workers.  A thread that cannot be started leaves its share to the
 * others.  Returns when every item is done. */
void ycfg_pool_run(void *workers, size_t nworkers, size_t size, size_t n,
		   void (*item)(void *worker, size_t i));

#endif
