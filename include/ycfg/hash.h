/*
 * hash.h - the hash functions, in one place.
 *
 * FNV-1a (32 and 64 bit) for tables and for SARIF fingerprints, whose
 * values are a published contract (report.h), and a faster
 * case-insensitive hash for keys, which runs once per line of every input.
 */
#ifndef YCFG_HASH_H
#define YCFG_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define YCFG_FNV32_INIT 2166136261u
#define YCFG_FNV64_INIT 14695981039346656037ull

/* FNV-1a/32 over n bytes, continuing from h. */
static inline uint32_t
ycfg_fnv32(uint32_t h, const void *s, size_t n)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h;
}

/* FNV-1a/64 over n bytes, continuing from h. */
static inline uint64_t
ycfg_fnv64(uint64_t h, const void *s, size_t n)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* A hash of the ASCII-lowercased bytes (keys compare case-insensitively),
 * eight bytes at a time. */
static inline uint32_t
ycfg_hash_lower(uint32_t seed, const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ull);

	while (n > 0) {
		uint64_t w = 0;
		size_t k = n < 8 ? n : 8;

		if (k == 8)
			memcpy(&w, s, 8);
		else
			for (size_t i = 0; i < k; i++)
				w |= (uint64_t)(unsigned char)s[i] << (8 * i);
		/* set 0x20 in bytes 'A'..'Z' */
		uint64_t low7 = w & ~high;
		uint64_t ge_a = low7 + ones * (0x80 - 'A');
		uint64_t gt_z = low7 + ones * (0x80 - 'Z' - 1);

		w |= ((ge_a & ~gt_z & ~w & high) >> 2);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 29;
		s += k;
		n -= k;
	}
	return (uint32_t)(h ^ (h >> 32));
}

#endif
