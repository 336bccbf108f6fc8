/*
 * secret.c - userinfo passwords in text (see secret.h).
 *
 * Two shapes are found.  A URL ("scheme://user:pass@host/..."): its
 * authority runs from "://" to the first '/', '?', '#' or blank, and its
 * userinfo is what comes before the last '@' in it, so a password may
 * hold any other character ('(', '\'', ':' ...).  Without "://" (a SIP
 * URI "sip:user:pass@host", a bare "user:pass@host"): the userinfo is the
 * run before an '@' back to a blank, a quote or a bracket, less a leading
 * "sip:"/"sips:".  Either way the password is what follows the userinfo's
 * first ':'.
 */
#include <string.h>
#include <strings.h>

#include "ycfg/secret.h"
#include "ycfg/value.h"

/* Passwords found in one text: [start, end) byte ranges, in order. */
#define MAX_FOUND 64

struct found {
	size_t start[MAX_FOUND], end[MAX_FOUND];
	size_t n;
	bool full;      /* more than MAX_FOUND passwords or URLs */
};

static bool
ends_authority(char c)
{
	return c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' ||
	       c == '\n' || c == '\r';
}

static bool
ends_userinfo(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' ||
	       c == '"' || c == '/' || c == '<' || c == '>' || c == '(' ||
	       c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
	       c == ',' || c == ';' || c == '=' || c == '@';
}

static void
add(struct found *f, size_t start, size_t end)
{
	if (start >= end)
		return;   /* "user:@host": an empty password hides nothing */
	if (f->n == MAX_FOUND) {
		f->full = true;
		return;
	}
	f->start[f->n] = start;
	f->end[f->n] = end;
	f->n++;
}

/* The password of the userinfo s[from..at), or nothing. */
static void
userinfo(struct found *f, const char *s, size_t from, size_t at)
{
	const char *colon = memchr(s + from, ':', at - from);

	if (colon != NULL)
		add(f, (size_t)(colon - s) + 1, at);
}

/* Finds the passwords of s[0..n).  With cut, a URL whose authority runs
 * to the end of the text without an '@' (the text was cut inside it)
 * counts as one whose password runs to the end. */
static void
find(const char *s, size_t n, bool cut, struct found *f)
{
	/* the URLs' authorities, where an '@' is not looked at again */
	size_t auth_start[MAX_FOUND], auth_end[MAX_FOUND], nauth = 0;

	f->n = 0;
	f->full = false;
	for (size_t i = 0; i + 3 <= n && !f->full; i++) {
		if (memcmp(s + i, "://", 3) != 0)
			continue;

		size_t a = i + 3, e = a, at = a;
		bool has_at = false;

		while (e < n && !ends_authority(s[e])) {
			if (s[e] == '@') {
				at = e;
				has_at = true;
			}
			e++;
		}
		if (has_at)
			userinfo(f, s, a, at);
		else if (cut && e == n)
			userinfo(f, s, a, n);
		if (nauth == MAX_FOUND) {
			f->full = true;
			return;
		}
		auth_start[nauth] = a;
		auth_end[nauth++] = e;
		if (e > i + 3)
			i = e - 1;
	}
	/* the other '@'s: SIP URIs and bare user:password@host */
	size_t k = 0;

	for (size_t i = 0; i < n && !f->full; i++) {
		if (s[i] != '@')
			continue;
		while (k < nauth && auth_end[k] <= i)
			k++;
		if (k < nauth && auth_start[k] <= i)
			continue;   /* in a URL's authority: done above */

		size_t j = i;

		while (j > 0 && !ends_userinfo(s[j - 1]))
			j--;
		if (i - j > 4 && strncasecmp(s + j, "sip:", 4) == 0)
			j += 4;
		else if (i - j > 5 && strncasecmp(s + j, "sips:", 5) == 0)
			j += 5;
		userinfo(f, s, j, i);
	}
}

bool
ycfg_has_userinfo_password(const char *s, size_t n)
{
	struct found f;

	find(s, n, false, &f);
	return f.n > 0 || f.full;
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
	struct found f;
	size_t o = 0, from = 0;

	if (outsz == 0)
		return false;
	find(s, n, cut, &f);
	if (f.full) {
		/* more passwords than tracked: none of the text is shown */
		o = 0;
		put(out, outsz, &o, YCFG_SECRET_MASK,
		    strlen(YCFG_SECRET_MASK));
		out[o] = '\0';
		return true;
	}

	/* ranges in order of start, without overlaps */
	for (size_t a = 1; a < f.n; a++)
		for (size_t b = a; b > 0 && f.start[b - 1] > f.start[b]; b--) {
			size_t ts = f.start[b], te = f.end[b];

			f.start[b] = f.start[b - 1];
			f.end[b] = f.end[b - 1];
			f.start[b - 1] = ts;
			f.end[b - 1] = te;
		}
	for (size_t k = 0; k < f.n; k++) {
		if (f.end[k] <= from)
			continue;
		if (f.start[k] > from)
			put(out, outsz, &o, s + from, f.start[k] - from);
		put(out, outsz, &o, YCFG_SECRET_MASK,
		    strlen(YCFG_SECRET_MASK));
		from = f.end[k];
	}
	put(out, outsz, &o, s + from, n - from);
	out[o] = '\0';
	return f.n > 0 || f.full;
}
