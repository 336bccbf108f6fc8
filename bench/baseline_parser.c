/*
 * baseline_parser.c - the simplest useful reader of a provisioning file:
 * fgets each line, strchr for '=', trim, and call a callback per key.  It
 * checks nothing; it is the floor ycfg's full lint is measured against
 * (bench/run).  The callback hashes key and value so the work cannot be
 * optimised away.
 */
#include <stdio.h>
#include <string.h>

static unsigned long checksum;

static void
on_key(const char *key, size_t keylen, const char *val, size_t vallen)
{
	unsigned long h = 5381;

	for (size_t i = 0; i < keylen; i++)
		h = h * 33 + (unsigned char)key[i];
	checksum += h + vallen + (val[0] != 0);
}

int
main(int argc, char **argv)
{
	static char line[8192];
	FILE *f = argc > 1 ? fopen(argv[1], "r") : stdin;

	if (f == NULL) {
		perror(argv[1]);
		return 2;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *eq = strchr(line, '=');

		if (line[0] == '#' || eq == NULL)
			continue;

		char *k = line, *ke = eq, *v = eq + 1, *ve = v + strlen(v);

		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		while (*v == ' ' || *v == '\t')
			v++;
		while (ve > v && (ve[-1] == '\n' || ve[-1] == '\r' ||
				  ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		on_key(k, (size_t)(ke - k), v, (size_t)(ve - v));
	}
	if (f != stdin)
		fclose(f);
	printf("%lu\n", checksum);
	return 0;
}
