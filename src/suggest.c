/*
 * suggest.c - "did you mean": the known key closest to an unknown one
 * (see ycfg_schema_suggest in schema.h).
 *
 * The usual slips, cheapest first: a digit glued to a name ("sip_server1"
 * for "sip_server.1"); a leading segment too many ("static." on a key
 * that has no static spelling) or missing ("lcd_logo.mode" for
 * "phone_setting.lcd_logo.mode"); then the entry whose normal form is
 * nearest by edit distance, with the user's own indexes put back; else a
 * last segment missing, when a single key fits ("base.repeater_mode" for
 * "base.repeater_mode.enable").  A segment that is itself a word of the
 * schema is never "corrected" into another word of the same length or
 * farther than one edit: video.h263 is its own codec, not a typo of h264.
 */
#include <string.h>

#include "schema_priv.h"
#include "ycfg/strdist.h"

static bool
ycfg_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Writes pattern with its placeholders replaced, in order, by the digit
 * texts digits[0..nd) (the user's own spelling). */
static size_t
ycfg_write_with_digits(const char *pattern, const char *const *digits,
		       const size_t *dlen, size_t nd, char *buf, size_t bufsz)
{
	size_t o = 0, k = 0;
	const char *seg = pattern;

	for (const char *p = pattern;; p++) {
		if (*p != '.' && *p != '\0')
			continue;
		size_t sl = (size_t)(p - seg);
		const char *out = seg;
		size_t ol = sl;

		if (ycfg_is_placeholder(seg, sl)) {
			if (k == nd)
				return 0;
			out = digits[k];
			ol = dlen[k];
			k++;
		}
		if (o + ol + 1 >= bufsz)
			return 0;
		memcpy(buf + o, out, ol);
		o += ol;
		if (*p == '\0')
			break;
		buf[o++] = '.';
		seg = p + 1;
	}
	buf[o] = '\0';
	return k == nd ? o : 0;
}

/* Collects the all-digit segments of a key. */
static size_t
ycfg_digit_segments(const char *key, size_t len, const char **d, size_t *dl,
		    size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && key[i] != '.')
			continue;
		if (ycfg_all_digits(key + start, i - start)) {
			if (n == max)
				return max + 1;
			d[n] = key + start;
			dl[n] = i - start;
			n++;
		}
		start = i + 1;
	}
	return n;
}

/* Writes the suggestion for a known concrete key (a repaired one). */
static size_t
ycfg_suggest_found(const struct ycfg_param *p, const char *key, size_t len,
		   char *buf, size_t bufsz)
{
	const char *d[YCFG_MAX_INDICES];
	size_t dl[YCFG_MAX_INDICES];
	size_t nd = ycfg_digit_segments(key, len, d, dl, YCFG_MAX_INDICES);

	if (nd > YCFG_MAX_INDICES)
		return 0;
	return ycfg_write_with_digits(p->key, d, dl, nd, buf, bufsz);
}

/* Tries dots inserted at (or '_'/'-' replaced by dots at) the boundaries
 * between names and digit runs: "sip_server1" -> "sip_server.1",
 * "1port" -> "1.port", "server_1" -> "server.1". */
static size_t
ycfg_suggest_repair(const struct ycfg_schema *s, const char *key, size_t len,
		    char *buf, size_t bufsz)
{
	enum { MAXP = 6 };
	size_t at[MAXP];
	bool replace[MAXP];
	size_t np = 0, start = 0;

	for (size_t i = 0; i <= len && np < MAXP; i++) {
		if (i < len && key[i] != '.')
			continue;
		size_t sl = i - start;

		if (sl > 1 && !ycfg_all_digits(key + start, sl)) {
			size_t t = i;

			while (t > start && ycfg_digit(key[t - 1]))
				t--;
			if (t < i && t > start) {
				/* trailing digits: "name1" or "name_1" */
				char c = key[t - 1];
				bool rep = (c == '_' || c == '-') &&
					   t - 1 > start;

				at[np] = rep ? t - 1 : t;
				replace[np] = rep;
				np++;
			}
			size_t l = start;

			while (l < i && ycfg_digit(key[l]))
				l++;
			if (l > start && l < i && np < MAXP && l != t) {
				/* leading digits: "1port" */
				at[np] = l;
				replace[np] = false;
				np++;
			}
		}
		start = i + 1;
	}
	if (np == 0)
		return 0;

	char tmp[YCFG_STRDIST_MAX + MAXP + 1];

	for (unsigned size = 1; size <= np; size++) {
		for (unsigned mask = 1; mask < (1u << np); mask++) {
			unsigned bits = 0;

			for (unsigned b = mask; b; b >>= 1)
				bits += b & 1u;
			if (bits != size)
				continue;
			size_t o = 0, k = 0;

			for (size_t i = 0; i < len; i++) {
				while (k < np && at[k] < i)
					k++;
				if (k < np && at[k] == i && (mask & (1u << k))) {
					tmp[o++] = '.';
					if (replace[k])
						continue;
				}
				tmp[o++] = key[i];
			}
			const struct ycfg_param *p =
				ycfg_schema_lookup(s, tmp, o, NULL);

			if (p != NULL && p->renamed_to == NULL)
				return ycfg_suggest_found(p, tmp, o, buf,
							  bufsz);
		}
	}
	return 0;
}

/* The first segment dropped: "static.x.y" -> "x.y" when that is known. */
static size_t
ycfg_suggest_drop_first(const struct ycfg_schema *s, const char *key,
			size_t len, char *buf, size_t bufsz)
{
	const char *dot = memchr(key, '.', len);

	if (dot == NULL)
		return 0;

	size_t rl = len - (size_t)(dot + 1 - key);
	const struct ycfg_param *p = ycfg_schema_lookup(s, dot + 1, rl, NULL);

	if (p == NULL || p->renamed_to != NULL || p->scope == YCFG_SCOPE_BOOT)
		return 0;
	return ycfg_suggest_found(p, dot + 1, rl, buf, bufsz);
}

/* True when normal form a ends with ".b" (whole segments). */
static bool
ends_with_segments(const char *a, size_t al, const char *b, size_t bl)
{
	return al > bl + 1 && a[al - bl - 1] == '.' &&
	       memcmp(a + al - bl, b, bl) == 0;
}

/* True when normal form a is b and one segment more ("x.y" for "x"). */
static bool
one_segment_more(const char *a, size_t al, const char *b, size_t bl)
{
	return al > bl + 1 && a[bl] == '.' && memcmp(a, b, bl) == 0 &&
	       memchr(a + bl + 1, '.', al - bl - 1) == NULL;
}

/* For normal forms a (the user's) and b (a candidate) that differ in one
 * segment: true when a's segment is itself a word of the schema and b's
 * is not a plain slip of it: another word of the same length (h263 for
 * h264) or one more than an edit away (port for label). */
static bool
swaps_a_word(const struct ycfg_schema *s, const char *a, const char *b)
{
	const char *sa = a, *sb = b;

	for (;;) {
		size_t la = strcspn(sa, "."), lb = strcspn(sb, ".");

		if (la != lb || memcmp(sa, sb, la) != 0) {
			char w[YCFG_STRDIST_MAX + 1];

			if (la >= sizeof(w) || strcmp(sa + la, sb + lb) != 0)
				return false;   /* not one segment */
			memcpy(w, sa, la);
			w[la] = '\0';
			if (!ycfg_schema_is_word(s, w))
				return false;
			return la == lb || ycfg_strdist(sa, la, sb, lb, 1) > 1;
		}
		if (sa[la] == '\0' || sb[lb] == '\0')
			return false;
		sa += la + 1;
		sb += lb + 1;
	}
}

size_t
ycfg_schema_suggest(const struct ycfg_schema *s, const char *key, size_t len,
		    char *buf, size_t bufsz)
{
	const struct ycfg_table *x = s->priv ? &s->priv->t : NULL;

	if (x == NULL || len == 0 || len > YCFG_STRDIST_MAX || bufsz == 0)
		return 0;

	if (ycfg_schema_lookup(s, key, len, NULL) != NULL)
		return 0;   /* nothing to correct */

	size_t r = ycfg_suggest_repair(s, key, len, buf, bufsz);

	if (r == 0)
		r = ycfg_suggest_drop_first(s, key, len, buf, bufsz);
	if (r != 0)
		return r;

	/* nearest pattern by edit distance on the normal forms */
	char norm[YCFG_STRDIST_MAX + 1];
	const char *d[YCFG_MAX_INDICES];
	size_t dl[YCFG_MAX_INDICES];
	size_t nd = ycfg_digit_segments(key, len, d, dl, YCFG_MAX_INDICES);
	size_t nl = 0, start = 0;

	if (nd > YCFG_MAX_INDICES)
		return 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && key[i] != '.')
			continue;
		if (ycfg_all_digits(key + start, i - start))
			norm[nl++] = '#';
		else
			for (size_t k = start; k < i; k++)
				norm[nl++] = ycfg_lc(key[k]);
		if (i < len)
			norm[nl++] = '.';
		start = i + 1;
	}
	norm[nl] = '\0';

	size_t limit = nl / 6 > 2 ? nl / 6 : 2;
	size_t best_d = limit + 1, best_pl = SIZE_MAX, nlonger = 0;
	long best = -1, tail = -1, longer = -1;
	bool best_legacy = false;
	/* a lone word ("host", "type") is too little to guess its family */
	bool several = memchr(norm, '.', nl) != NULL;

	for (size_t i = 0; i < x->n; i++) {
		const struct ycfg_param *p = &x->params[i];
		const char *pn = x->meta[i].norm;
		size_t pl = strlen(pn);
		bool legacy = p->renamed_to != NULL;

		if (p->scope == YCFG_SCOPE_BOOT ||
		    strlen(p->placeholders) != nd)
			continue;
		/* a leading segment left out: the shortest key that ends
		 * with this one */
		if (several && !legacy && pl < best_pl &&
		    ends_with_segments(pn, pl, norm, nl)) {
			best_pl = pl;
			tail = (long)i;
		}
		/* the last segment left out ("repeater_mode" for
		 * "repeater_mode.enable"): only when one key fits */
		if (several && !legacy && one_segment_more(pn, pl, norm, nl)) {
			nlonger++;
			longer = (long)i;
		}
		if ((pl > nl ? pl - nl : nl - pl) > best_d)
			continue;
		size_t dist = ycfg_strdist(norm, nl, pn, pl, best_d);

		/* nearer wins; at the same distance, a current key over a
		 * legacy one (which lint would then call renamed) */
		if (dist > 0 && (dist < best_d ||
				 (dist == best_d && best_legacy && !legacy)) &&
		    dist <= limit && !swaps_a_word(s, norm, pn)) {
			best_d = dist;
			best = (long)i;
			best_legacy = legacy;
		}
	}
	if (tail >= 0)
		best = tail;
	else if (best < 0 && nlonger == 1)
		best = longer;
	if (best < 0)
		return 0;
	return ycfg_write_with_digits(x->params[best].key, d, dl, nd, buf,
				      bufsz);
}
