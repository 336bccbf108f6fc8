/*
 * strdist.c - edit distance (see strdist.h).
 */
#include "ycfg/strdist.h"

size_t
ycfg_strdist(const char *a, size_t an, const char *b, size_t bn, size_t limit)
{
	/* three rolling rows: two back (transpositions), previous, current */
	unsigned short rows[3][YCFG_STRDIST_MAX + 1];
	unsigned short *pp = rows[0], *pr = rows[1], *cur = rows[2];

	if (an > YCFG_STRDIST_MAX || bn > YCFG_STRDIST_MAX)
		return limit + 1;
	if ((an > bn ? an - bn : bn - an) > limit)
		return limit + 1;
	for (size_t j = 0; j <= bn; j++)
		pr[j] = (unsigned short)j;
	for (size_t i = 1; i <= an; i++) {
		size_t rowmin = i;

		cur[0] = (unsigned short)i;
		for (size_t j = 1; j <= bn; j++) {
			unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned v = pr[j] + 1u;

			if (cur[j - 1] + 1u < v)
				v = cur[j - 1] + 1u;
			if (pr[j - 1] + cost < v)
				v = pr[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1u < v)
				v = pp[j - 2] + 1u;
			cur[j] = (unsigned short)v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > limit)
			return limit + 1;

		unsigned short *t = pp;

		pp = pr;
		pr = cur;
		cur = t;
	}
	return pr[bn] > limit ? limit + 1 : pr[bn];
}
