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
ycfg_mask_userinfo(const char *s, size_t n, char *out, size_t outsz)
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
	put(out, outsz, &o, s + from, n - from);
	out[o] = '\0';
	return masked;
}
