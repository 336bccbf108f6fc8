/*
 * value.h - one checker per value type.
 *
 * The schema says which type a key has; these functions say whether a value
 * is acceptable for it.  They are pure: no allocation, no globals, no I/O.
 * Values are byte spans (not NUL-terminated) taken straight from the file.
 */
#ifndef YCFG_VALUE_H
#define YCFG_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ycfg/param.h"

/* Outcome of the strict number parsers. */
enum ycfg_num_status {
	YCFG_NUM_OK = 0,
	YCFG_NUM_EMPTY,       /* no characters */
	YCFG_NUM_SYNTAX,      /* sign '+', hex, spaces, letters, "-0", ... */
	YCFG_NUM_LEADING_ZERO,/* "007" */
	YCFG_NUM_FRACTION,    /* "3600.5" where an integer is wanted */
	YCFG_NUM_OVERFLOW,    /* does not fit in int64 */
};

/* Parses a decimal integer: "0" or an optional '-' followed by a digit
 * 1-9 and more digits.  Writes *out only on success. */
enum ycfg_num_status ycfg_parse_int(const char *s, size_t n, int64_t *out);

/* Parses a decimal with at most 3 fraction digits ("0.5", "10", "2.25")
 * into thousandths.  Writes *out only on success. */
enum ycfg_num_status ycfg_parse_milli(const char *s, size_t n, int64_t *out);

/* Parses a range union such as "0|60..65535" or "-1|1..20".  Bounds are
 * integers, or decimals in thousandths when milli is true.  On success
 * returns 0 and stores up to max ranges in out (count in *nout); returns -1
 * on a syntax error or when lo > hi or more than max ranges are given. */
int ycfg_parse_ranges(const char *s, bool milli, struct ycfg_range *out,
		      size_t max, size_t *nout);

/* True when v lies in one of the ranges (always true when r->n == 0). */
bool ycfg_ranges_contain(const struct ycfg_ranges *r, int64_t v);

/* Formats ranges for messages, e.g. "0 or 60..65535", "0.5..10".  Returns
 * buf. */
char *ycfg_ranges_format(const struct ycfg_ranges *r, bool milli, char *buf,
			 size_t bufsz);

/* Hosts: dotted IPv4 (each part 0..255, no leading zeros), IPv6 (RFC 4291
 * text, optionally in brackets) or a domain name (labels of letters,
 * digits and '-', not starting or ending with '-', each at most 63, total
 * at most 253, a trailing dot allowed). */
bool ycfg_is_ipv4(const char *s, size_t n);
bool ycfg_is_ipv6(const char *s, size_t n);
bool ycfg_is_domain(const char *s, size_t n);
bool ycfg_is_host(const char *s, size_t n);

/* Address forms of the other value types: a dotted IPv4 subnet mask with
 * contiguous ones; a MAC of 12 hex digits, bare or in pairs joined by one
 * kind of separator (':' or '-'); HH:MM (one-digit hours allowed) within
 * a day; a UTC offset "0", "+8", "-3:30", "+5:45" (minutes 30 or 45)
 * between -12 and +14 hours; a DST moment Month/Day/Hour or
 * Month/Week/Weekday/Hour. */
bool ycfg_is_netmask(const char *s, size_t n);
bool ycfg_is_mac(const char *s, size_t n);
bool ycfg_is_time(const char *s, size_t n);
bool ycfg_is_tz_offset(const char *s, size_t n);
bool ycfg_is_dst_time(const char *s, size_t n);

/* A URL: scheme ("[a-z][a-z0-9+.-]*") then "://" then at least one
 * character, no whitespace or control characters. */
bool ycfg_is_url(const char *s, size_t n);

/* Result of checking one value against its entry. */
struct ycfg_value_result {
	enum ycfg_rule rule;   /* meaningful when the check failed */
	int severity;          /* -1: the rule's; else a milder one for a
	                        * value the phone may well accept */
	char msg[320];         /* full message; never holds a secret value */
	bool has_num;          /* numeric types: num is the parsed value */
	int64_t num;
};

/* Checks value (n bytes) of a concrete key (for the message) against p.
 * The literal %NULL% is accepted for every type (an explicit empty value);
 * so is a blank value.  Returns true when the value is acceptable.  A value
 * the phone silently adjusts (p->has_adjust) returns false with rule
 * YCFG_R_VALUE_ADJUSTED; other failures use YCFG_R_INVALID_VALUE,
 * YCFG_R_OUT_OF_RANGE or YCFG_R_VALUE_TOO_LONG.  Messages state what is
 * allowed, e.g. "account.1.sip_server.1.failback_timeout is 30, outside 0 or
 * 60..65535".  For secret entries the value is replaced by a mask. */
bool ycfg_value_check(const struct ycfg_param *p, const char *key,
		      size_t keylen, const char *value, size_t n,
		      struct ycfg_value_result *res);

/* The same, but messages show the value as shown (shownlen bytes): a
 * template's value as written, where value is one way it may render. */
bool ycfg_value_check_as(const struct ycfg_param *p, const char *key,
			 size_t keylen, const char *value, size_t n,
			 const char *shown, size_t shownlen,
			 struct ycfg_value_result *res);

/* Where an end-of-line comment starts in a value: a '#' or ';' after a
 * blank, with text after it; -1 when there is none.  A '#' inside a token
 * (*97#, Desk#2) is not one. */
long ycfg_value_comment_at(const char *v, size_t n);

/* The one obvious repair of a value its check rejects, by p's type: a
 * leading '+' of an integer or port, an enum value in another case, a
 * boolean word (yes, off, ...), a "sip:" scheme before a host.  Writes
 * the repaired value (NUL-terminated) to out and returns true only when
 * the check accepts it; never for a secret. */
bool ycfg_value_repair(const struct ycfg_param *p, const char *key,
		       size_t keylen, const char *v, size_t n, char *out,
		       size_t outsz);

/* What an entry accepts, in words for messages and `ycfg explain`:
 * "0 or 60..65535", "0 (newRequests), 1 (DNSTTL) or 3", "any text, at
 * most 32 characters".  Returns buf. */
const char *ycfg_param_allowed(const struct ycfg_param *p, char *buf,
			       size_t bufsz);

/* The mask that replaces secret values in every output. */
#define YCFG_SECRET_MASK "********"

#endif
