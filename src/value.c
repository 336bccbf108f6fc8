/*
 * value.c - strict number parsers, host/URL recognisers and the per-type
 * value checks (see value.h).
 *
 * Everything here is pure: no allocation, no globals, no locale.  Numbers
 * are parsed with hand-written digit loops so that "+5", " 5" or "0x10",
 * which strtol() would happily take, are reported instead.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ycfg/utf8.h"
#include "ycfg/secret.h"
#include "ycfg/value.h"

#define YCFG_NULL_LITERAL "%NULL%"

/* Longest part of a value quoted in a message, in bytes of input. */
#define YCFG_QUOTE_MAX 48

static bool
ycfg_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
ycfg_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
ycfg_is_hex(char c)
{
	return ycfg_is_digit(c) || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static char
ycfg_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* ------------------------------------------------------------------ */
/* numbers                                                              */
/* ------------------------------------------------------------------ */

/* Accumulates the digits s[0..n) into *acc; false when the result would
 * exceed limit. */
static bool
ycfg_accumulate(const char *s, size_t n, uint64_t limit, uint64_t *acc)
{
	uint64_t v = *acc;

	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (limit - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*acc = v;
	return true;
}

/* Splits s into an optional '-', an integer digit run and an optional
 * ".digits" part and classifies the shape.  frac_max is the number of
 * fraction digits allowed (0 for integers).  On YCFG_NUM_OK the parts are
 * returned through the out parameters. */
static enum ycfg_num_status
ycfg_num_shape(const char *s, size_t n, size_t frac_max, bool *neg,
	       size_t *int_at, size_t *int_len, size_t *frac_at,
	       size_t *frac_len)
{
	size_t i = 0;

	if (n == 0)
		return YCFG_NUM_EMPTY;
	*neg = false;
	if (s[0] == '-') {
		*neg = true;
		i = 1;
	}
	size_t a = i;

	while (i < n && ycfg_is_digit(s[i]))
		i++;
	size_t alen = i - a;
	size_t f = i, flen = 0;
	bool has_frac = false;

	if (alen > 0 && i < n && s[i] == '.') {
		f = i + 1;
		size_t j = f;

		while (j < n && ycfg_is_digit(s[j]))
			j++;
		flen = j - f;
		if (flen == 0 || j != n)
			return YCFG_NUM_SYNTAX;
		has_frac = true;
		i = j;
	}
	if (alen == 0 || i != n)
		return YCFG_NUM_SYNTAX;
	if (has_frac && flen > frac_max)
		return YCFG_NUM_FRACTION;
	if (alen > 1 && s[a] == '0')
		return YCFG_NUM_LEADING_ZERO;
	*int_at = a;
	*int_len = alen;
	*frac_at = f;
	*frac_len = flen;
	return YCFG_NUM_OK;
}

enum ycfg_num_status
ycfg_parse_int(const char *s, size_t n, int64_t *out)
{
	bool neg;
	size_t a, alen, f, flen;
	enum ycfg_num_status st =
		ycfg_num_shape(s, n, 0, &neg, &a, &alen, &f, &flen);

	if (st != YCFG_NUM_OK)
		return st;
	if (neg && alen == 1 && s[a] == '0')
		return YCFG_NUM_SYNTAX;   /* "-0" */

	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	uint64_t v = 0;

	if (!ycfg_accumulate(s + a, alen, limit, &v))
		return YCFG_NUM_OVERFLOW;
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		*out = (int64_t)v;
	return YCFG_NUM_OK;
}

enum ycfg_num_status
ycfg_parse_milli(const char *s, size_t n, int64_t *out)
{
	bool neg;
	size_t a, alen, f, flen;
	enum ycfg_num_status st =
		ycfg_num_shape(s, n, 3, &neg, &a, &alen, &f, &flen);

	if (st != YCFG_NUM_OK)
		return st;

	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	uint64_t v = 0;

	if (!ycfg_accumulate(s + a, alen, limit / 1000, &v))
		return YCFG_NUM_OVERFLOW;
	v *= 1000;

	uint64_t frac = 0;

	for (size_t k = 0; k < 3; k++)
		frac = frac * 10 + (k < flen ? (uint64_t)(s[f + k] - '0') : 0);
	if (frac > limit - v)
		return YCFG_NUM_OVERFLOW;
	v += frac;
	if (neg && v == 0)
		return YCFG_NUM_SYNTAX;   /* "-0", "-0.0" */
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		*out = (int64_t)v;
	return YCFG_NUM_OK;
}

static enum ycfg_num_status
ycfg_parse_num(const char *s, size_t n, bool milli, int64_t *out)
{
	return milli ? ycfg_parse_milli(s, n, out) : ycfg_parse_int(s, n, out);
}

/* ------------------------------------------------------------------ */
/* ranges                                                               */
/* ------------------------------------------------------------------ */

int
ycfg_parse_ranges(const char *s, bool milli, struct ycfg_range *out,
		  size_t max, size_t *nout)
{
	size_t count = 0;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return -1;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		const char *dots = NULL;
		struct ycfg_range r;

		for (size_t i = 0; i + 1 < len; i++) {
			if (p[i] == '.' && p[i + 1] == '.') {
				dots = p + i;
				break;
			}
		}
		if (dots != NULL) {
			size_t l1 = (size_t)(dots - p);

			if (ycfg_parse_num(p, l1, milli, &r.lo) != YCFG_NUM_OK ||
			    ycfg_parse_num(dots + 2, len - l1 - 2, milli,
					   &r.hi) != YCFG_NUM_OK)
				return -1;
		} else {
			if (ycfg_parse_num(p, len, milli, &r.lo) != YCFG_NUM_OK)
				return -1;
			r.hi = r.lo;
		}
		if (r.lo > r.hi || count == max)
			return -1;
		out[count++] = r;
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	*nout = count;
	return 0;
}

bool
ycfg_ranges_contain(const struct ycfg_ranges *r, int64_t v)
{
	if (r->n == 0)
		return true;
	for (size_t i = 0; i < r->n; i++)
		if (v >= r->v[i].lo && v <= r->v[i].hi)
			return true;
	return false;
}

/* Appends printf output to buf at *pos, truncating silently. */
static void
ycfg_bprintf(char *buf, size_t bufsz, size_t *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
ycfg_bprintf(char *buf, size_t bufsz, size_t *pos, const char *fmt, ...)
{
	va_list ap;

	if (*pos >= bufsz)
		return;
	va_start(ap, fmt);
	int r = vsnprintf(buf + *pos, bufsz - *pos, fmt, ap);
	va_end(ap);
	if (r < 0)
		return;
	*pos += (size_t)r;
	if (*pos >= bufsz)
		*pos = bufsz - 1;
}

static void
ycfg_num_format(int64_t v, bool milli, char *buf, size_t bufsz, size_t *pos)
{
	if (!milli) {
		ycfg_bprintf(buf, bufsz, pos, "%lld", (long long)v);
		return;
	}
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unsigned frac = (unsigned)(u % 1000);

	ycfg_bprintf(buf, bufsz, pos, "%s%llu", v < 0 ? "-" : "",
		     (unsigned long long)(u / 1000));
	if (frac != 0) {
		char f[4];

		snprintf(f, sizeof(f), "%03u", frac);
		for (int k = 2; k > 0 && f[k] == '0'; k--)
			f[k] = '\0';
		ycfg_bprintf(buf, bufsz, pos, ".%s", f);
	}
}

char *
ycfg_ranges_format(const struct ycfg_ranges *r, bool milli, char *buf,
		   size_t bufsz)
{
	size_t pos = 0;

	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (r->n == 0) {
		ycfg_bprintf(buf, bufsz, &pos, "any value");
		return buf;
	}
	for (size_t i = 0; i < r->n; i++) {
		if (i > 0)
			ycfg_bprintf(buf, bufsz, &pos, "%s",
				     i + 1 == r->n ? " or " : ", ");
		ycfg_num_format(r->v[i].lo, milli, buf, bufsz, &pos);
		if (r->v[i].hi != r->v[i].lo) {
			ycfg_bprintf(buf, bufsz, &pos, "..");
			ycfg_num_format(r->v[i].hi, milli, buf, bufsz, &pos);
		}
	}
	return buf;
}

/* ------------------------------------------------------------------ */
/* hosts and URLs                                                       */
/* ------------------------------------------------------------------ */

bool
ycfg_is_ipv4(const char *s, size_t n)
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		size_t start = i;
		unsigned v = 0;

		while (i < n && ycfg_is_digit(s[i]) && i - start < 4)
			v = v * 10 + (unsigned)(s[i++] - '0');
		size_t len = i - start;

		if (len == 0 || len > 3 || v > 255 ||
		    (len > 1 && s[start] == '0'))
			return false;
		if (part < 3) {
			if (i >= n || s[i] != '.')
				return false;
			i++;
		}
	}
	return i == n;
}

bool
ycfg_is_ipv6(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '[') {
		if (n < 2 || s[n - 1] != ']')
			return false;
		s++;
		n -= 2;
	}
	if (n < 2)
		return false;

	size_t i = 0;
	unsigned groups = 0;
	bool dbl = false;

	if (s[0] == ':') {
		if (s[1] != ':')
			return false;
		dbl = true;
		i = 2;
		if (i == n)
			return true;   /* "::" */
	}
	for (;;) {
		size_t start = i;

		while (i < n && ycfg_is_hex(s[i]) && i - start < 5)
			i++;
		if (i < n && s[i] == '.') {
			/* an embedded IPv4 address ends the text */
			if (!ycfg_is_ipv4(s + start, n - start))
				return false;
			groups += 2;
			break;
		}
		if (i == start || i - start > 4)
			return false;
		groups++;
		if (i == n)
			break;
		if (s[i] != ':')
			return false;
		i++;
		if (i < n && s[i] == ':') {
			if (dbl)
				return false;
			dbl = true;
			i++;
			if (i == n)
				break;
		} else if (i == n) {
			return false;   /* a single trailing ':' */
		}
	}
	return dbl ? groups <= 7 : groups == 8;
}

bool
ycfg_is_domain(const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0 || n > 253)
		return false;

	size_t start = 0;
	bool all_digits = true;

	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			size_t len = i - start;

			if (len == 0 || len > 63 || s[start] == '-' ||
			    s[i - 1] == '-')
				return false;
			if (i == n && all_digits)
				return false;   /* numeric TLD: an IPv4 typo */
			start = i + 1;
			all_digits = true;
			continue;
		}
		char c = s[i];

		if (!ycfg_is_digit(c))
			all_digits = false;
		if (!ycfg_is_alpha(c) && !ycfg_is_digit(c) && c != '-')
			return false;
	}
	return true;
}

bool
ycfg_is_host(const char *s, size_t n)
{
	return ycfg_is_ipv4(s, n) || ycfg_is_ipv6(s, n) ||
	       ycfg_is_domain(s, n);
}

bool
ycfg_is_url(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || ycfg_is_digit(s[i]) ||
			 s[i] == '+' || s[i] == '.' || s[i] == '-'))
		i++;
	if (n - i < 4 || memcmp(s + i, "://", 3) != 0)
		return false;
	for (i += 3; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* message helpers                                                      */
/* ------------------------------------------------------------------ */

/* Writes s (at most max input bytes of it, cut at a character boundary,
 * then "...") into buf, escaped as ycfg_utf8_escape() does.  Needs
 * bufsz >= 4 * max + 4. */
static const char *
ycfg_escape(const char *s, size_t n, size_t max, char *buf, size_t bufsz)
{
	size_t take = n;

	if (take > max) {
		take = max;
		/* do not split a character: back up over continuation
		 * bytes (at most three) */
		for (int k = 0; k < 3 && take > 0 &&
				((unsigned char)s[take] & 0xc0) == 0x80; k++)
			take--;
	}
	if (4 * take + 4 > bufsz)
		take = (bufsz - 4) / 4;

	size_t o = ycfg_utf8_escape(buf, s, take);

	if (take < n)
		memcpy(buf + o, "...", 4);
	return buf;
}

/* The value as it may appear in a message: escaped, or the mask. */
static const char *
ycfg_shown_value(const struct ycfg_param *p, const char *v, size_t n,
		 char *buf, size_t bufsz)
{
	if (p->secret)
		return YCFG_SECRET_MASK;

	/* masked before it is cut: a cut inside "user:pass@" would leave
	 * the start of the password without its '@' */
	char masked[4 * YCFG_QUOTE_MAX + 64];

	if (ycfg_has_userinfo_password(v, n)) {
		ycfg_mask_userinfo(v, n, masked, sizeof(masked), false);
		v = masked;
		n = strlen(masked);
	}
	return ycfg_escape(v, n, YCFG_QUOTE_MAX, buf, bufsz);
}

static void
ycfg_set_msg(struct ycfg_value_result *res, enum ycfg_rule rule,
	     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
ycfg_set_msg(struct ycfg_value_result *res, enum ycfg_rule rule,
	     const char *fmt, ...)
{
	va_list ap;

	res->rule = rule;
	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
}

/* State shared by the per-type checkers. */
struct ycfg_check {
	const struct ycfg_param *p;
	const char *key;          /* escaped, NUL-terminated */
	const char *value;
	size_t n;
	const char *shown;        /* escaped value or the mask */
	struct ycfg_value_result *res;
};

/* Formats the allowed ranges of a numeric entry, with -1 first when the
 * entry has a fallback and -1 is not already allowed. */
static const char *
ycfg_allowed(const struct ycfg_check *c, const struct ycfg_ranges *r,
	     bool milli, char *buf, size_t bufsz)
{
	bool fb = c->p->fallback != NULL || c->p->fallback_key != NULL;

	if (fb && !milli && !ycfg_ranges_contain(r, -1) && r->n > 0 &&
	    r->n < 16) {
		struct ycfg_range tmp[16];
		struct ycfg_ranges t = { tmp, r->n + 1 };

		tmp[0].lo = tmp[0].hi = -1;
		memcpy(tmp + 1, r->v, r->n * sizeof(*tmp));
		return ycfg_ranges_format(&t, milli, buf, bufsz);
	}
	if (r->n == 0)
		return milli ? "a decimal number" : "an integer";
	return ycfg_ranges_format(r, milli, buf, bufsz);
}

/* Why a string is not a number, as a clause for a message. */
static const char *
ycfg_num_reason(enum ycfg_num_status st, const char *v, size_t n, bool milli)
{
	switch (st) {
	case YCFG_NUM_OK:
		return "";
	case YCFG_NUM_EMPTY:
		return "the value is empty";
	case YCFG_NUM_LEADING_ZERO:
		return "leading zeros are not allowed";
	case YCFG_NUM_FRACTION:
		return milli ? "at most 3 fraction digits are allowed" :
			       "a fraction is not allowed";
	case YCFG_NUM_OVERFLOW:
		return "the number is too large";
	case YCFG_NUM_SYNTAX:
		break;
	}
	if (v[0] == '+')
		return "a sign '+' is not allowed";
	if (v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' || v[n - 1] == '\t')
		return "surrounding spaces are not allowed";
	if (n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X'))
		return "hexadecimal is not allowed";
	if (v[0] == '-' && n >= 2 && v[1] == '0') {
		int64_t dummy;

		if (ycfg_parse_milli(v + 1, n - 1, &dummy) == YCFG_NUM_OK &&
		    dummy == 0)
			return "'-0' is not a number; write 0";
	}
	for (size_t i = 0; i < n; i++)
		if (v[i] == ',')
			return "use '.' for a fraction, not ','";
	return milli ? "not a decimal number" : "not a decimal integer";
}

static bool
ycfg_check_number(const struct ycfg_check *c, const char *what, bool milli,
		  const struct ycfg_ranges *range)
{
	const struct ycfg_param *p = c->p;
	char allowed[160];
	int64_t v;
	enum ycfg_num_status st = ycfg_parse_num(c->value, c->n, milli, &v);

	if (st != YCFG_NUM_OK) {
		ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE,
			     "invalid %s '%s' for %s: %s; expected %s", what,
			     c->shown, c->key,
			     ycfg_num_reason(st, c->value, c->n, milli),
			     ycfg_allowed(c, range, milli, allowed,
					  sizeof(allowed)));
		return false;
	}
	c->res->has_num = true;
	c->res->num = v;
	if (p->has_adjust && ycfg_ranges_contain(&p->adjust_from, v) &&
	    p->adjust_from.n > 0) {
		char from[96], to[32];
		size_t pos = 0;

		ycfg_ranges_format(&p->adjust_from, milli, from, sizeof(from));
		ycfg_num_format(p->adjust_to, milli, to, sizeof(to), &pos);
		ycfg_set_msg(c->res, YCFG_R_VALUE_ADJUSTED,
			     "%s is %s: the phone treats %s as %s", c->key,
			     c->shown, from, to);
		return false;
	}
	if (!ycfg_ranges_contain(range, v)) {
		ycfg_set_msg(c->res, YCFG_R_OUT_OF_RANGE, "%s is %s, outside %s",
			     c->key, c->shown,
			     ycfg_allowed(c, range, milli, allowed,
					  sizeof(allowed)));
		return false;
	}
	return true;
}

static bool
ycfg_check_bool(const struct ycfg_check *c)
{
	static const char *const words[] = {
		"true", "false", "on", "off", "yes", "no", "enable",
		"disable", "enabled", "disabled",
	};

	if (c->n == 1 && (c->value[0] == '0' || c->value[0] == '1')) {
		c->res->has_num = true;
		c->res->num = c->value[0] - '0';
		return true;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t l = strlen(words[i]), k;

		if (l != c->n)
			continue;
		for (k = 0; k < l && ycfg_lower(c->value[k]) == words[i][k]; k++)
			;
		if (k == l) {
			ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE,
				     "invalid boolean '%s' for %s: use 1 or 0",
				     c->shown, c->key);
			return false;
		}
	}
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE,
		     "invalid boolean '%s' for %s: expected 1 or 0", c->shown,
		     c->key);
	return false;
}

static bool
ycfg_check_int(const struct ycfg_check *c)
{
	return ycfg_check_number(c, "integer", false, &c->p->range);
}

static bool
ycfg_check_float(const struct ycfg_check *c)
{
	return ycfg_check_number(c, "number", true, &c->p->range);
}

static bool
ycfg_check_port(const struct ycfg_check *c)
{
	static const struct ycfg_range any_port = { 0, 65535 };
	struct ycfg_ranges r = c->p->range;

	if (r.n == 0) {
		r.v = &any_port;
		r.n = 1;
	}
	return ycfg_check_number(c, "port", false, &r);
}

/* "0 (newRequests), 1 (DNSTTL) or 3"; a list too long for size ends at
 * a whole value with "... (N values; see ycfg explain)". */
static void
enum_list(const struct ycfg_param *p, char *list, size_t size)
{
	static const char more[] = ", ... (%zu values; see ycfg explain)";
	size_t pos = 0;

	list[0] = '\0';
	for (size_t i = 0; i < p->nvalues; i++) {
		const struct ycfg_enum_value *e = &p->values[i];
		char one[160];
		size_t keep = pos;

		if (e->name != NULL && e->name[0] != '\0')
			snprintf(one, sizeof(one), "%s%s (%s)", i == 0 ? ""
				 : i + 1 == p->nvalues ? " or " : ", ",
				 e->value, e->name);
		else
			snprintf(one, sizeof(one), "%s%s", i == 0 ? ""
				 : i + 1 == p->nvalues ? " or " : ", ",
				 e->value);
		/* room for this value and, after it, the note */
		if (pos + strlen(one) + sizeof(more) + 8 >= size &&
		    i + 1 < p->nvalues) {
			pos = keep;
			ycfg_bprintf(list, size, &pos, more, p->nvalues);
			return;
		}
		ycfg_bprintf(list, size, &pos, "%s", one);
	}
	if (p->nvalues == 0)
		ycfg_bprintf(list, size, &pos, "a listed value");
}

static bool
ycfg_check_enum(const struct ycfg_check *c)
{
	const struct ycfg_param *p = c->p;
	const char *v = c->value;
	const char *folded = NULL;

	/* the exact spelling first: one byte decides most values */
	for (size_t i = 0; i < p->nvalues; i++) {
		const char *ev = p->values[i].value;

		if (ev[0] == v[0] && strncmp(ev, v, c->n) == 0 &&
		    ev[c->n] == '\0') {
			int64_t num;

			if (ycfg_parse_int(v, c->n, &num) == YCFG_NUM_OK) {
				c->res->has_num = true;
				c->res->num = num;
			}
			return true;
		}
	}
	for (size_t i = 0; i < p->nvalues && folded == NULL; i++) {
		const char *ev = p->values[i].value;
		size_t k;

		if (strlen(ev) != c->n)
			continue;
		for (k = 0; k < c->n && ycfg_lower(ev[k]) == ycfg_lower(v[k]);
		     k++)
			;
		if (k == c->n)
			folded = ev;
	}

	char list[240];

	enum_list(p, list, sizeof(list));
	if (folded != NULL)
		ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE,
			     "invalid value '%s' for %s: values are "
			     "case-sensitive, write '%s'", c->shown, c->key,
			     p->secret ? YCFG_SECRET_MASK : folded);
	else
		ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE,
			     "invalid value '%s' for %s: expected %s", c->shown,
			     c->key, list);
	return false;
}

/* Checks max_length (in code points); shared by string, host and url. */
static bool
ycfg_check_length(const struct ycfg_check *c)
{
	size_t max = c->p->max_length;

	if (max == 0)
		return true;
	size_t len = ycfg_utf8_len(c->value, c->n);

	if (len <= max)
		return true;
	ycfg_set_msg(c->res, YCFG_R_VALUE_TOO_LONG,
		     "value '%s' for %s is %zu characters long; at most %zu "
		     "allowed", c->shown, c->key, len, max);
	return false;
}

static bool
ycfg_check_string(const struct ycfg_check *c)
{
	return ycfg_check_length(c);
}

/* True when v ends in ":digits" after a host: "host:port". */
static bool
ycfg_looks_host_port(const char *v, size_t n)
{
	size_t i = n;

	while (i > 0 && ycfg_is_digit(v[i - 1]))
		i--;
	if (i == n || i < 2 || v[i - 1] != ':')
		return false;
	return ycfg_is_host(v, i - 1);
}

/* True when v is a domain name but for some '_' in its labels. */
static bool
underscore_domain(const char *v, size_t n)
{
	char tmp[256];
	bool any = false;

	if (n >= sizeof(tmp))
		return false;
	for (size_t k = 0; k < n; k++) {
		tmp[k] = v[k] == '_' ? 'a' : v[k];
		any |= v[k] == '_';
	}
	return any && ycfg_is_domain(tmp, n);
}

static bool
ycfg_check_host(const struct ycfg_check *c)
{
	const char *v = c->value;
	size_t n = c->n;

	if (ycfg_is_host(v, n))
		return ycfg_check_length(c);

	const char *hint = "expected an IPv4 address, an IPv6 address or a "
			   "domain name";
	size_t i = 0;

	while (i < n && (ycfg_is_alpha(v[i]) || ycfg_is_digit(v[i]) ||
			 v[i] == '+' || v[i] == '.' || v[i] == '-'))
		i++;
	if (i > 0 && ycfg_is_alpha(v[0]) && i < n && v[i] == ':' &&
	    ((n - i >= 3 && memcmp(v + i, "://", 3) == 0) ||
	     (i == 3 && ycfg_lower(v[0]) == 's' && ycfg_lower(v[1]) == 'i' &&
	      ycfg_lower(v[2]) == 'p') ||
	     (i == 4 && ycfg_lower(v[0]) == 's' && ycfg_lower(v[1]) == 'i' &&
	      ycfg_lower(v[2]) == 'p' && ycfg_lower(v[3]) == 's')) &&
	    !ycfg_looks_host_port(v, n))
		hint = "give the host name only, without a scheme such as "
		       "'sip:' or 'http://'";
	else if (ycfg_looks_host_port(v, n))
		hint = "give the host name only; the port has its own setting";
	else if (underscore_domain(v, n)) {
		/* common in internal DNS: most resolvers take it */
		c->res->severity = YCFG_SEV_WARNING;
		ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "host '%s' for %s "
			     "has '_', which DNS host names may not contain "
			     "(RFC 1123); internal DNS servers often allow it, "
			     "but check that the phone resolves it", c->shown,
			     c->key);
		return false;
	} else {
		for (size_t k = 0; k < n; k++) {
			if (v[k] == ' ' || v[k] == '\t') {
				hint = "spaces are not allowed in a host name";
				break;
			}
		}
	}
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid host '%s' for %s: %s",
		     c->shown, c->key, hint);
	return false;
}

static bool
ycfg_check_url(const struct ycfg_check *c)
{
	if (ycfg_is_url(c->value, c->n))
		return ycfg_check_length(c);
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE,
		     "invalid url '%s' for %s: expected scheme://address "
		     "without spaces, e.g. http://host/path", c->shown, c->key);
	return false;
}

static bool
ycfg_check_address(const struct ycfg_check *c, bool v4, bool v6,
		   const char *what)
{
	const char *v = c->value;
	size_t n = c->n;

	/* no brackets: they belong around an address in a URL */
	if ((v4 && ycfg_is_ipv4(v, n)) ||
	    (v6 && n > 0 && v[0] != '[' && ycfg_is_ipv6(v, n)))
		return true;

	const char *hint = "";

	if (ycfg_is_domain(v, n))
		hint = "; a name is not accepted here";
	else if (v4 && !v6 && ycfg_is_ipv6(v, n))
		hint = "; this is an IPv6 address";
	else if (v6 && !v4 && ycfg_is_ipv4(v, n))
		hint = "; this is an IPv4 address";
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid address '%s' for "
		     "%s: expected %s%s", c->shown, c->key, what, hint);
	return false;
}

static bool
ycfg_check_ip(const struct ycfg_check *c)
{
	return ycfg_check_address(c, true, true, "an IPv4 or IPv6 address");
}

static bool
ycfg_check_ipv4(const struct ycfg_check *c)
{
	return ycfg_check_address(c, true, false, "an IPv4 address such as "
				  "192.168.1.10");
}

static bool
ycfg_check_ipv6(const struct ycfg_check *c)
{
	return ycfg_check_address(c, false, true, "an IPv6 address such as "
				  "2001:db8::10");
}

bool
ycfg_is_netmask(const char *s, size_t n)
{
	if (!ycfg_is_ipv4(s, n))
		return false;

	uint32_t m = 0;
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0;

		while (i < n && ycfg_is_digit(s[i]))
			v = v * 10 + (unsigned)(s[i++] - '0');
		m = m << 8 | v;
		i++;
	}
	/* ones then zeros: adding the lowest set bit clears them all */
	return ((~m + 1) & ~m) == 0;
}

static bool
ycfg_check_netmask(const struct ycfg_check *c)
{
	if (ycfg_is_netmask(c->value, c->n))
		return true;
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid netmask '%s' for "
		     "%s: %s", c->shown, c->key,
		     ycfg_is_ipv4(c->value, c->n)
			     ? "its ones are not contiguous (such as "
			       "255.255.255.0)"
			     : "expected a dotted mask such as 255.255.255.0");
	return false;
}

bool
ycfg_is_mac(const char *s, size_t n)
{
	if (n == 12) {
		for (size_t i = 0; i < n; i++)
			if (!ycfg_is_hex(s[i]))
				return false;
		return true;
	}
	if (n != 17 || (s[2] != ':' && s[2] != '-'))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (i % 3 == 2 ? s[i] != s[2] : !ycfg_is_hex(s[i]))
			return false;
	}
	return true;
}

static bool
ycfg_check_mac(const struct ycfg_check *c)
{
	if (ycfg_is_mac(c->value, c->n))
		return true;
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid MAC address '%s' "
		     "for %s: expected 12 hex digits, optionally in pairs "
		     "joined by ':' or '-' (001565a1b2c3, 00:15:65:a1:b2:c3)",
		     c->shown, c->key);
	return false;
}

/* A number of 1 or 2 digits at s[*i] (no leading zero needed), at most
 * max; advances *i. */
static bool
small_num(const char *s, size_t n, size_t *i, unsigned max, unsigned *out)
{
	size_t start = *i;
	unsigned v = 0;

	while (*i < n && ycfg_is_digit(s[*i]) && *i - start < 2)
		v = v * 10 + (unsigned)(s[(*i)++] - '0');
	if (*i == start || v > max)
		return false;
	*out = v;
	return true;
}

bool
ycfg_is_time(const char *s, size_t n)
{
	size_t i = 0;
	unsigned h, m;

	return small_num(s, n, &i, 23, &h) && i < n && s[i++] == ':' &&
	       n - i == 2 && small_num(s, n, &i, 59, &m) && i == n;
}

static bool
ycfg_check_time(const struct ycfg_check *c)
{
	if (ycfg_is_time(c->value, c->n))
		return true;
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid time '%s' for %s: "
		     "expected HH:MM from 00:00 to 23:59", c->shown, c->key);
	return false;
}

bool
ycfg_is_tz_offset(const char *s, size_t n)
{
	size_t i = 0;
	unsigned h, m = 0;
	bool neg = false;

	if (n == 1 && s[0] == '0')
		return true;
	if (n == 0 || (s[0] != '+' && s[0] != '-'))
		return false;
	neg = s[0] == '-';
	i = 1;
	if (!small_num(s, n, &i, 14, &h))
		return false;
	if (i < n) {
		if (s[i++] != ':' || n - i != 2 || !small_num(s, n, &i, 59, &m) ||
		    (m != 0 && m != 30 && m != 45))
			return false;
	}
	/* UTC-12:00 to UTC+14:00 */
	return neg ? h * 60 + m <= 12 * 60 : h * 60 + m <= 14 * 60;
}

static bool
ycfg_check_tz_offset(const struct ycfg_check *c)
{
	if (ycfg_is_tz_offset(c->value, c->n))
		return true;
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid time zone '%s' for "
		     "%s: expected an offset from UTC between -12 and +14 "
		     "such as +8, -5, +5:30 or +5:45 (a sign, hours, "
		     "optionally :30 or :45)", c->shown, c->key);
	return false;
}

bool
ycfg_is_dst_time(const char *s, size_t n)
{
	/* Month/Day/Hour, or Month/Week/Weekday/Hour */
	static const unsigned by_date[] = { 12, 31, 23 };
	static const unsigned by_week[] = { 12, 5, 7, 23 };
	unsigned parts = 1;

	for (size_t k = 0; k < n; k++)
		parts += s[k] == '/';
	if (parts != 3 && parts != 4)
		return false;

	const unsigned *max = parts == 3 ? by_date : by_week;
	size_t i = 0;

	for (unsigned k = 0; k < parts; k++) {
		unsigned v;

		if (!small_num(s, n, &i, max[k], &v) ||
		    (v == 0 && !(k + 1 == parts)))
			return false;   /* only the hour may be 0 */
		if (k + 1 < parts && (i >= n || s[i++] != '/'))
			return false;
	}
	return i == n;
}

static bool
ycfg_check_dst_time(const struct ycfg_check *c)
{
	if (ycfg_is_dst_time(c->value, c->n))
		return true;
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid DST time '%s' for "
		     "%s: expected Month/Day/Hour (3/14/2) or "
		     "Month/Week/Weekday/Hour (3/2/7/2)", c->shown, c->key);
	return false;
}

static bool
ycfg_check_userpass(const struct ycfg_check *c)
{
	const char *colon = memchr(c->value, ':', c->n);

	if (colon != NULL && colon != c->value)
		return ycfg_check_length(c);
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid value for %s: "
		     "expected USER:PASSWORD (such as admin:...), with the "
		     "user name before the first ':'", c->key);
	return false;
}

static bool
ycfg_check_resource(const struct ycfg_check *c)
{
	const char *v = c->value;
	size_t n = c->n;

	/* a URL must be one; anything else names a file on the phone */
	for (size_t i = 0; i + 3 <= n; i++) {
		if (memcmp(v + i, "://", 3) != 0)
			continue;
		if (ycfg_is_url(v, n))
			return ycfg_check_length(c);
		ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid url '%s' "
			     "for %s: expected scheme://address without "
			     "spaces, or a file on the phone such as "
			     "Resource:Ring1.wav", c->shown, c->key);
		return false;
	}
	return ycfg_check_length(c);
}

static bool ycfg_dispatch(const struct ycfg_check *c);

/* A comma-separated list: each item is judged as the entry's item type
 * (with its values, range and length); an empty item is an error. */
static bool
ycfg_check_list(const struct ycfg_check *c)
{
	struct ycfg_param item = *c->p;
	struct ycfg_check ic = *c;
	const char *v = c->value, *end = v + c->n;
	char shown[4 * 64 + 8];
	unsigned k = 1;

	/* max_length is the whole value's */
	if (!ycfg_check_length(c))
		return false;
	item.type = c->p->item;
	item.max_length = 0;
	ic.p = &item;
	for (const char *p = v;; k++) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *e = comma ? comma : end;

		/* blanks around an item are separators' ("1, 2, 3") */
		const char *b = p;

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e == b) {
			ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "invalid "
				     "list '%s' for %s: item %u is empty", c->shown,
				     c->key, k);
			return false;
		}
		ic.value = b;
		ic.n = (size_t)(e - b);
		if (c->shown[0] != '\0' && !c->p->secret)
			ic.shown = ycfg_escape(b, ic.n, 64, shown,
					       sizeof(shown));
		if (item.type != YCFG_T_LIST && !ycfg_dispatch(&ic))
			return false;
		if (comma == NULL)
			return true;
		p = comma + 1;
	}
}

/* What each type accepts: its checker, and in words for messages and
 * explain (NULL: built from the entry's range or values). */
static const struct {
	bool (*check)(const struct ycfg_check *c);
	const char *allowed;
} types[YCFG_T__COUNT] = {
	[YCFG_T_BOOL] = { ycfg_check_bool, "0 (off), 1 (on)" },
	[YCFG_T_INT] = { ycfg_check_int, NULL },
	[YCFG_T_FLOAT] = { ycfg_check_float, NULL },
	[YCFG_T_ENUM] = { ycfg_check_enum, NULL },
	[YCFG_T_STRING] = { ycfg_check_string, "any text" },
	[YCFG_T_HOST] = { ycfg_check_host, "an IPv4 address, an IPv6 address "
					   "or a domain name" },
	[YCFG_T_PORT] = { ycfg_check_port, NULL },
	[YCFG_T_URL] = { ycfg_check_url, "scheme://address" },
	[YCFG_T_IP] = { ycfg_check_ip, "an IPv4 or IPv6 address" },
	[YCFG_T_IPV4] = { ycfg_check_ipv4, "an IPv4 address" },
	[YCFG_T_IPV6] = { ycfg_check_ipv6, "an IPv6 address" },
	[YCFG_T_NETMASK] = { ycfg_check_netmask, "a subnet mask such as "
						 "255.255.255.0" },
	[YCFG_T_MAC] = { ycfg_check_mac, "a MAC address (12 hex digits, "
					 "optionally joined by ':' or '-')" },
	[YCFG_T_TIME] = { ycfg_check_time, "a time of day, HH:MM" },
	[YCFG_T_TZ_OFFSET] = { ycfg_check_tz_offset, "an offset from UTC, "
			       "-12..+14 hours (+8, -3:30, +5:45)" },
	[YCFG_T_DST_TIME] = { ycfg_check_dst_time, "Month/Day/Hour or "
			      "Month/Week/Weekday/Hour" },
	[YCFG_T_USERPASS] = { ycfg_check_userpass, "USER:PASSWORD" },
	[YCFG_T_RESOURCE] = { ycfg_check_resource, "a URL or a file on the "
			      "phone (Resource:Ring1.wav)" },
	[YCFG_T_LIST] = { ycfg_check_list, NULL },
};

static bool
ycfg_dispatch(const struct ycfg_check *c)
{
	if ((unsigned)c->p->type < YCFG_T__COUNT && types[c->p->type].check)
		return types[c->p->type].check(c);
	ycfg_set_msg(c->res, YCFG_R_INVALID_VALUE, "%s has no known type",
		     c->key);
	return false;
}

bool
ycfg_value_check(const struct ycfg_param *p, const char *key, size_t keylen,
		 const char *value, size_t n, struct ycfg_value_result *res)
{
	return ycfg_value_check_as(p, key, keylen, value, n, value, n, res);
}

bool
ycfg_value_check_as(const struct ycfg_param *p, const char *key,
		    size_t keylen, const char *value, size_t n,
		    const char *shown, size_t shownlen,
		    struct ycfg_value_result *res)
{
	char keybuf[4 * 128 + 8], valbuf[4 * YCFG_QUOTE_MAX + 8];
	struct ycfg_check c;

	res->rule = YCFG_R_INVALID_VALUE;
	res->severity = -1;
	res->msg[0] = '\0';
	res->has_num = false;
	res->num = 0;
	if (n == 0 || (n == sizeof(YCFG_NULL_LITERAL) - 1 &&
		       memcmp(value, YCFG_NULL_LITERAL, n) == 0))
		return true;
	if ((p->fallback != NULL || p->fallback_key != NULL) && n == 2 &&
	    value[0] == '-' && value[1] == '1') {
		res->has_num = true;
		res->num = -1;
		return true;
	}
	c.p = p;
	c.value = value;
	c.n = n;
	c.res = res;
	/* Most values are fine: judge first without the escaped texts, and
	 * build them only to word a failure. */
	c.key = "";
	c.shown = "";
	if (ycfg_dispatch(&c))
		return true;
	c.key = ycfg_escape(key, keylen, 128, keybuf, sizeof(keybuf));
	c.shown = ycfg_shown_value(p, shown, shownlen, valbuf, sizeof(valbuf));

	bool ok = ycfg_dispatch(&c);

	if (!ok && p->has_value_level &&
	    (res->severity < 0 || res->severity > (int)p->value_level))
		res->severity = (int)p->value_level;
	return ok;
}

/* What one value of type t of entry p accepts, appended at *pos. */
static void
allowed_one(const struct ycfg_param *p, enum ycfg_type t, char *buf,
	    size_t bufsz, size_t *pos)
{
	switch (t) {
	case YCFG_T_INT:
	case YCFG_T_PORT:
	case YCFG_T_FLOAT:
		if (p->range.n) {
			ycfg_ranges_format(&p->range, t == YCFG_T_FLOAT,
					   buf + *pos, bufsz - *pos);
			*pos += strlen(buf + *pos);
		} else {
			ycfg_bprintf(buf, bufsz, pos, "%s", t == YCFG_T_INT
				     ? "any integer" : t == YCFG_T_PORT
				     ? "0..65535" : "any decimal number");
		}
		return;
	case YCFG_T_ENUM:
		enum_list(p, buf + *pos, bufsz - *pos);
		*pos += strlen(buf + *pos);
		return;
	default:
		break;
	}
	if ((unsigned)t < YCFG_T__COUNT && types[t].allowed)
		ycfg_bprintf(buf, bufsz, pos, "%s", types[t].allowed);
}

const char *
ycfg_param_allowed(const struct ycfg_param *p, char *buf, size_t bufsz)
{
	size_t pos = 0;

	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (p->type == YCFG_T_LIST) {
		ycfg_bprintf(buf, bufsz, &pos, "a comma-separated list of: ");
		allowed_one(p, p->item, buf, bufsz, &pos);
	} else {
		allowed_one(p, p->type, buf, bufsz, &pos);
	}
	if (p->max_length)
		ycfg_bprintf(buf, bufsz, &pos, ", at most %zu characters",
			     p->max_length);
	return buf;
}

long
ycfg_value_comment_at(const char *v, size_t n)
{
	for (size_t k = 1; k + 1 < n; k++)
		if ((v[k] == '#' || v[k] == ';') &&
		    (v[k - 1] == ' ' || v[k - 1] == '\t'))
			return (long)k;
	return -1;
}

/* The boolean words that have one reading. */
static const struct {
	const char *word;
	char bit;
} bool_words[] = {
	{ "true", '1' }, { "yes", '1' }, { "on", '1' }, { "enable", '1' },
	{ "enabled", '1' }, { "false", '0' }, { "no", '0' }, { "off", '0' },
	{ "disable", '0' }, { "disabled", '0' },
};

/* A candidate repair of v into out, by the parameter's type; false when
 * the type has none for this value. */
static bool
repair_candidate(const struct ycfg_param *p, const char *v, size_t n,
		 char *out, size_t outsz)
{
	if (n == 0 || n + 1 > outsz)
		return false;
	switch (p->type) {
	case YCFG_T_INT:
	case YCFG_T_PORT:
		/* a sign the phone does not read: +5060 */
		if (v[0] != '+' || n < 2)
			return false;
		memcpy(out, v + 1, n - 1);
		out[n - 1] = '\0';
		return true;
	case YCFG_T_BOOL:
		for (size_t i = 0; i < sizeof(bool_words) / sizeof(bool_words[0]);
		     i++)
			if (strlen(bool_words[i].word) == n &&
			    strncasecmp(bool_words[i].word, v, n) == 0) {
				out[0] = bool_words[i].bit;
				out[1] = '\0';
				return true;
			}
		return false;
	case YCFG_T_ENUM: {
		/* the listed value in another case, or the value whose label
		 * it is (UDP for 0) when no other label reads the same */
		const char *by_name = NULL;
		size_t names = 0;

		for (size_t i = 0; i < p->nvalues; i++) {
			const char *e = p->values[i].value;
			const char *nm = p->values[i].name;

			if (strlen(e) == n && strncasecmp(e, v, n) == 0 &&
			    memcmp(e, v, n) != 0) {
				memcpy(out, e, n + 1);
				return true;
			}
			if (nm != NULL && strlen(nm) == n &&
			    strncasecmp(nm, v, n) == 0) {
				by_name = e;
				names++;
			}
		}
		if (names != 1 || strlen(by_name) + 1 > outsz)
			return false;
		memcpy(out, by_name, strlen(by_name) + 1);
		return true;
	}
	case YCFG_T_HOST:
	case YCFG_T_IP:
	case YCFG_T_IPV4:
	case YCFG_T_IPV6:
		/* a SIP URI's scheme before a host */
		for (size_t k = 4; k <= 5; k++)
			if (n > k && strncasecmp(v, k == 4 ? "sip:" : "sips:",
						 k) == 0) {
				memcpy(out, v + k, n - k);
				out[n - k] = '\0';
				return true;
			}
		return false;
	default:
		return false;
	}
}

bool
ycfg_value_repair(const struct ycfg_param *p, const char *key, size_t keylen,
		  const char *v, size_t n, char *out, size_t outsz)
{
	struct ycfg_value_result res;

	if (p == NULL || p->secret || !repair_candidate(p, v, n, out, outsz))
		return false;
	/* only a repair that the check then accepts */
	return ycfg_value_check(p, key, keylen, out, strlen(out), &res);
}
