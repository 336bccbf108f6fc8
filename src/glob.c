/*
 * glob.c - pattern matching by state sets (see glob.h).
 */
#include <stdint.h>
#include <string.h>

#include "ycfg/glob.h"

enum tok_kind {
	T_LIT,       /* one character */
	T_ANY,       /* '?': one character, not '/' */
	T_SET,       /* "[...]": one character of the set, not '/' */
	T_STAR,      /* '*': any run without '/' */
	T_DSTAR,     /* "**": any run */
};

struct tok {
	unsigned char kind;
	bool skip_dir;        /* "**" + "/": may also skip itself and the '/' */
	char c;               /* T_LIT */
	unsigned short set;   /* T_SET: offset of the set's first character */
	unsigned short setlen;
	bool neg;
};

static char
fold(char c, unsigned flags)
{
	if ((flags & YCFG_GLOB_NOCASE) && c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

static bool
set_has(const char *p, const struct tok *t, char c, unsigned flags)
{
	const char *s = p + t->set, *end = s + t->setlen;
	bool hit = false;

	c = fold(c, flags);
	while (s < end) {
		char lo = fold(*s, flags), hi = lo;

		if (s + 2 < end && s[1] == '-') {
			hi = fold(s[2], flags);
			s += 3;
		} else {
			s++;
		}
		if (c >= lo && c <= hi)
			hit = true;
	}
	return hit != t->neg && c != '/';
}

/* Splits the pattern into tokens.  Returns the count. */
static size_t
tokenize(const char *p, size_t n, struct tok *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n;) {
		struct tok *t = &out[k++];

		memset(t, 0, sizeof(*t));
		if (p[i] == '*') {
			size_t j = i;

			while (j < n && p[j] == '*')
				j++;
			t->kind = j - i >= 2 ? T_DSTAR : T_STAR;
			t->skip_dir = t->kind == T_DSTAR && j < n &&
				      p[j] == '/' && (i == 0 || p[i - 1] == '/');
			i = j;
			continue;
		}
		if (p[i] == '?') {
			t->kind = T_ANY;
			i++;
			continue;
		}
		if (p[i] == '[') {
			size_t j = i + 1;
			bool neg = false;

			if (j < n && (p[j] == '!' || p[j] == '^')) {
				neg = true;
				j++;
			}

			size_t start = j;

			if (j < n)
				j++;   /* a ']' right after '[' is a member */
			while (j < n && p[j] != ']')
				j++;
			if (j < n && j > start) {
				t->kind = T_SET;
				t->neg = neg;
				t->set = (unsigned short)start;
				t->setlen = (unsigned short)(j - start);
				i = j + 1;
				continue;
			}
			/* unclosed: a literal '[' */
		}
		t->kind = T_LIT;
		t->c = p[i++];
	}
	return k;
}

/* Adds state k and what it reaches without consuming a character. */
static void
closure(const struct tok *t, size_t nt, uint8_t *on, size_t k)
{
	while (k <= nt && !on[k]) {
		on[k] = 1;
		if (k == nt)
			return;
		if (t[k].skip_dir)
			closure(t, nt, on, k + 2);
		if (t[k].kind != T_STAR && t[k].kind != T_DSTAR)
			return;
		k++;
	}
}

bool
ycfg_glob_match(const char *pattern, const char *text, unsigned flags)
{
	size_t pn = strlen(pattern);
	struct tok toks[YCFG_GLOB_MAX];
	uint8_t cur[YCFG_GLOB_MAX + 1], next[YCFG_GLOB_MAX + 1];

	if (pn > YCFG_GLOB_MAX)
		return false;
	if (memchr(pattern, '/', pn) == NULL) {
		const char *base = strrchr(text, '/');

		text = base ? base + 1 : text;
	}

	size_t nt = tokenize(pattern, pn, toks);

	memset(cur, 0, nt + 1);
	closure(toks, nt, cur, 0);
	for (const char *s = text; *s; s++) {
		bool any = false;

		memset(next, 0, nt + 1);
		for (size_t k = 0; k < nt; k++) {
			const struct tok *t = &toks[k];

			if (!cur[k])
				continue;
			switch (t->kind) {
			case T_STAR:
				if (*s != '/')
					closure(toks, nt, next, k);
				break;
			case T_DSTAR:
				closure(toks, nt, next, k);
				break;
			case T_ANY:
				if (*s != '/')
					closure(toks, nt, next, k + 1);
				break;
			case T_SET:
				if (set_has(pattern, t, *s, flags))
					closure(toks, nt, next, k + 1);
				break;
			default:
				if (fold(t->c, flags) == fold(*s, flags))
					closure(toks, nt, next, k + 1);
				break;
			}
		}
		for (size_t k = 0; k <= nt; k++)
			any |= next[k] != 0;
		if (!any)
			return false;
		memcpy(cur, next, nt + 1);
	}
	return cur[nt] != 0;
}
