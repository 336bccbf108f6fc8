/*
 * secret.c - userinfo passwords in text (see secret.h).
 */
#include <string.h>
#include <strings.h>

#include "ycfg/secret.h"
#include "ycfg/value.h"

static bool
ends_span(char c)
{
	return c == ' ' || c == '\t' || c == '\'' || c == '"' || c == '/' ||
	       c == '<' || c == '>' || c == '(' || c == ')' || c == '[' ||
	       c == ']' || c == '{' || c == '}' || c == ',' || c == ';' ||
	       c == '=' || c == '@' || c == '\n';
}

/* For the '@' at s[at]: the offset where its password starts (it ends
 * at the '@'), or -1 when the userinfo has none. */
static long
password_at(const char *s, size_t at)
{
	size_t j = at;

	while (j > 0 && !ends_span(s[j - 1]))
		j--;
	if (at - j > 4 && strncasecmp(s + j, "sip:", 4) == 0)
		j += 4;
	else if (at - j > 5 && strncasecmp(s + j, "sips:", 5) == 0)
		j += 5;

	const char *colon = memchr(s + j, ':', at - j);

	/* "user:@host": an empty password hides nothing */
	if (colon == NULL || (size_t)(colon - s) + 1 == at)
		return -1;
	return (long)(colon - s) + 1;
}

/* Where the password of a userinfo cut off by the end of s[from..n)
 * starts: after the last "://", a run without span ends that holds a
 * ':'.  -1 when there is none. */
static long
cut_password(const char *s, size_t from, size_t n)
{
	size_t sl = 0;

	for (size_t i = from; i + 3 <= n; i++)
		if (memcmp(s + i, "://", 3) == 0)
			sl = i + 3;
	if (sl == 0)
		return -1;
	for (size_t i = sl; i < n; i++)
		if (ends_span(s[i]))
			return -1;

	const char *colon = memchr(s + sl, ':', n - sl);

	return colon && (size_t)(colon - s) + 1 < n ? (long)(colon - s) + 1
						     : -1;
}

bool
ycfg_has_userinfo_password(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '@', n - (size_t)(p - s)));
	     p++)
		if (password_at(s, (size_t)(p - s)) >= 0)
			return true;
	return false;
}

/* Appends s[0..n) to out at *o, as much as fits before the NUL. */
static void
put(char *out, size_t outsz, size_t *o, const char *s, size_t n)
{
	if (n > outsz - 1 - *o)
		n = outsz - 1 - *o;
	memcpy(out + *o, s, n);
	*o += n;
}

bool
ycfg_mask_userinfo(const char *s, size_t n, char *out, size_t outsz,
		   bool cut)
{
	size_t o = 0, from = 0;
	bool masked = false;

	if (outsz == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		long pw;

		if (s[i] != '@' || (pw = password_at(s, i)) < 0 ||
		    (size_t)pw < from)
			continue;
		/* s[from..pw) as it is, the mask for s[pw..i); a mask cut
		 * short is still only the mask */
		put(out, outsz, &o, s + from, (size_t)pw - from);
		put(out, outsz, &o, YCFG_SECRET_MASK,
		    strlen(YCFG_SECRET_MASK));
		from = i;
		masked = true;
	}
	/* text cut inside a URL's userinfo ("https://u:pas"): its '@' is
	 * gone, the start of the password is not */
	long tail = cut ? cut_password(s, from, n) : -1;

	if (tail >= 0) {
		put(out, outsz, &o, s + from, (size_t)tail - from);
		put(out, outsz, &o, YCFG_SECRET_MASK,
		    strlen(YCFG_SECRET_MASK));
		masked = true;
	} else {
		put(out, outsz, &o, s + from, n - from);
	}
	out[o] = '\0';
	return masked;
}
