/*
 * test_value.c - strict number parsers, range unions, host/URL
 * recognisers and the per-type value checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ycfg/value.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* ---------------------------------------------------------------- */
/* numbers                                                            */
/* ---------------------------------------------------------------- */

static enum ycfg_num_status
pi(const char *s, int64_t *out)
{
	return ycfg_parse_int(s, strlen(s), out);
}

static enum ycfg_num_status
pm(const char *s, int64_t *out)
{
	return ycfg_parse_milli(s, strlen(s), out);
}

static void
test_int_ok(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(pi("0", &v), YCFG_NUM_OK);
	assert_int_equal(v, 0);
	assert_int_equal(pi("65535", &v), YCFG_NUM_OK);
	assert_int_equal(v, 65535);
	assert_int_equal(pi("-1", &v), YCFG_NUM_OK);
	assert_int_equal(v, -1);
	assert_int_equal(pi("9223372036854775807", &v), YCFG_NUM_OK);
	assert_true(v == INT64_MAX);
	assert_int_equal(pi("-9223372036854775808", &v), YCFG_NUM_OK);
	assert_true(v == INT64_MIN);
}

static void
test_int_errors(void **state)
{
	int64_t v = 42;

	(void)state;
	assert_int_equal(pi("", &v), YCFG_NUM_EMPTY);
	assert_int_equal(pi("+5", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("0x10", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi(" 5", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("5 ", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("-0", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("-", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("1e3", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("5.", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi(".5", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("--1", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pi("3600.5", &v), YCFG_NUM_FRACTION);
	assert_int_equal(pi("007", &v), YCFG_NUM_LEADING_ZERO);
	assert_int_equal(pi("-01", &v), YCFG_NUM_LEADING_ZERO);
	assert_int_equal(pi("99999999999999999999", &v), YCFG_NUM_OVERFLOW);
	assert_int_equal(pi("9223372036854775808", &v), YCFG_NUM_OVERFLOW);
	assert_int_equal(pi("-9223372036854775809", &v), YCFG_NUM_OVERFLOW);
	/* out is written only on success */
	assert_int_equal(v, 42);
	/* the length bounds the parse: no NUL needed */
	assert_int_equal(ycfg_parse_int("123abc", 3, &v), YCFG_NUM_OK);
	assert_int_equal(v, 123);
}

static void
test_milli(void **state)
{
	int64_t v = 7;

	(void)state;
	assert_int_equal(pm("0.5", &v), YCFG_NUM_OK);
	assert_int_equal(v, 500);
	assert_int_equal(pm("10", &v), YCFG_NUM_OK);
	assert_int_equal(v, 10000);
	assert_int_equal(pm("2.25", &v), YCFG_NUM_OK);
	assert_int_equal(v, 2250);
	assert_int_equal(pm("0.001", &v), YCFG_NUM_OK);
	assert_int_equal(v, 1);
	assert_int_equal(pm("-0.5", &v), YCFG_NUM_OK);
	assert_int_equal(v, -500);
	v = 7;
	assert_int_equal(pm("0.0001", &v), YCFG_NUM_FRACTION);
	assert_int_equal(pm("", &v), YCFG_NUM_EMPTY);
	assert_int_equal(pm("+0.5", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pm("-0", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pm("-0.0", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pm("0,5", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pm(".5", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pm("1.", &v), YCFG_NUM_SYNTAX);
	assert_int_equal(pm("05.5", &v), YCFG_NUM_LEADING_ZERO);
	assert_int_equal(pm("9223372036854775.808", &v), YCFG_NUM_OVERFLOW);
	assert_int_equal(pm("99999999999999999", &v), YCFG_NUM_OVERFLOW);
	assert_int_equal(v, 7);
	assert_int_equal(pm("9223372036854775.807", &v), YCFG_NUM_OK);
	assert_true(v == INT64_MAX);
}

/* ---------------------------------------------------------------- */
/* ranges                                                             */
/* ---------------------------------------------------------------- */

static void
test_ranges_parse(void **state)
{
	struct ycfg_range r[4];
	size_t n = 0;

	(void)state;
	assert_int_equal(ycfg_parse_ranges("0|60..65535", false, r, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].lo, 0);
	assert_int_equal(r[0].hi, 0);
	assert_int_equal(r[1].lo, 60);
	assert_int_equal(r[1].hi, 65535);
	assert_int_equal(ycfg_parse_ranges("-1|1..20", false, r, 4, &n), 0);
	assert_int_equal(r[0].lo, -1);
	assert_int_equal(ycfg_parse_ranges("-5..-1", false, r, 4, &n), 0);
	assert_int_equal(r[0].lo, -5);
	assert_int_equal(r[0].hi, -1);
	assert_int_equal(ycfg_parse_ranges("0.5..10", true, r, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].lo, 500);
	assert_int_equal(r[0].hi, 10000);
}

static void
test_ranges_parse_errors(void **state)
{
	struct ycfg_range r[2];
	size_t n = 99;

	(void)state;
	assert_int_equal(ycfg_parse_ranges("", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("10..5", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("0|", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("|0", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("1...5", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("0..", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("1 .. 5", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("0.5..10", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("a..b", false, r, 2, &n), -1);
	assert_int_equal(ycfg_parse_ranges("1|2|3", false, r, 2, &n), -1);
	assert_int_equal(n, 99);
}

static void
test_ranges_contain_format(void **state)
{
	struct ycfg_range v[3] = { { 0, 0 }, { 60, 65535 }, { 70000, 70000 } };
	struct ycfg_ranges r = { v, 2 };
	struct ycfg_ranges none = { NULL, 0 };
	char buf[64];

	(void)state;
	assert_true(ycfg_ranges_contain(&r, 0));
	assert_false(ycfg_ranges_contain(&r, 1));
	assert_false(ycfg_ranges_contain(&r, 59));
	assert_true(ycfg_ranges_contain(&r, 60));
	assert_true(ycfg_ranges_contain(&r, 65535));
	assert_false(ycfg_ranges_contain(&r, 65536));
	assert_false(ycfg_ranges_contain(&r, -1));
	assert_true(ycfg_ranges_contain(&none, INT64_MIN));
	assert_string_equal(ycfg_ranges_format(&r, false, buf, sizeof(buf)),
			    "0 or 60..65535");
	r.n = 3;
	assert_string_equal(ycfg_ranges_format(&r, false, buf, sizeof(buf)),
			    "0, 60..65535 or 70000");
	r.n = 1;
	assert_string_equal(ycfg_ranges_format(&r, false, buf, sizeof(buf)),
			    "0");

	struct ycfg_range f[1] = { { 500, 10000 } };
	struct ycfg_ranges fr = { f, 1 };

	assert_string_equal(ycfg_ranges_format(&fr, true, buf, sizeof(buf)),
			    "0.5..10");
	f[0].lo = -1250;
	assert_string_equal(ycfg_ranges_format(&fr, true, buf, sizeof(buf)),
			    "-1.25..10");
	/* truncation stays NUL-terminated */
	r.n = 2;
	assert_string_equal(ycfg_ranges_format(&r, false, buf, 5), "0 or");
}

/* ---------------------------------------------------------------- */
/* hosts and URLs                                                     */
/* ---------------------------------------------------------------- */

#define HOST(fn, lit) fn(lit, strlen(lit))

static void
test_ipv4(void **state)
{
	(void)state;
	assert_true(HOST(ycfg_is_ipv4, "0.0.0.0"));
	assert_true(HOST(ycfg_is_ipv4, "192.168.1.255"));
	assert_true(HOST(ycfg_is_ipv4, "255.255.255.255"));
	assert_false(HOST(ycfg_is_ipv4, "1.2.3.256"));
	assert_false(HOST(ycfg_is_ipv4, "1.2.3"));
	assert_false(HOST(ycfg_is_ipv4, "1.2.3.4.5"));
	assert_false(HOST(ycfg_is_ipv4, "01.2.3.4"));
	assert_false(HOST(ycfg_is_ipv4, "1.2.3.4."));
	assert_false(HOST(ycfg_is_ipv4, "1..3.4"));
	assert_false(HOST(ycfg_is_ipv4, "1.2.3.1000"));
	assert_false(HOST(ycfg_is_ipv4, " 1.2.3.4"));
	assert_false(HOST(ycfg_is_ipv4, ""));
}

static void
test_ipv6(void **state)
{
	(void)state;
	assert_true(HOST(ycfg_is_ipv6, "::"));
	assert_true(HOST(ycfg_is_ipv6, "::1"));
	assert_true(HOST(ycfg_is_ipv6, "fe80::"));
	assert_true(HOST(ycfg_is_ipv6, "2001:db8::8:800:200c:417a"));
	assert_true(HOST(ycfg_is_ipv6, "2001:DB8:0:0:8:800:200C:417A"));
	assert_true(HOST(ycfg_is_ipv6, "::ffff:192.0.2.1"));
	assert_true(HOST(ycfg_is_ipv6, "0:0:0:0:0:0:13.1.68.3"));
	assert_true(HOST(ycfg_is_ipv6, "[2001:db8::1]"));
	assert_true(HOST(ycfg_is_ipv6, "1:2:3:4:5:6:7::"));
	assert_true(HOST(ycfg_is_ipv6, "::2:3:4:5:6:7:8"));
}

static void
test_ipv6_errors(void **state)
{
	(void)state;
	assert_false(HOST(ycfg_is_ipv6, ""));
	assert_false(HOST(ycfg_is_ipv6, ":"));
	assert_false(HOST(ycfg_is_ipv6, ":::"));
	assert_false(HOST(ycfg_is_ipv6, "1::2::3"));
	assert_false(HOST(ycfg_is_ipv6, "1:2:3:4:5:6:7"));
	assert_false(HOST(ycfg_is_ipv6, "1:2:3:4:5:6:7:8:9"));
	assert_false(HOST(ycfg_is_ipv6, "1:2:3:4:5:6:7::8"));
	assert_false(HOST(ycfg_is_ipv6, "12345::"));
	assert_false(HOST(ycfg_is_ipv6, "g::1"));
	assert_false(HOST(ycfg_is_ipv6, "1:"));
	assert_false(HOST(ycfg_is_ipv6, ":1"));
	assert_false(HOST(ycfg_is_ipv6, "[::1"));
	assert_false(HOST(ycfg_is_ipv6, "::1]"));
	assert_false(HOST(ycfg_is_ipv6, "[]"));
	assert_false(HOST(ycfg_is_ipv6, "::ffff:1.2.3.256"));
	assert_false(HOST(ycfg_is_ipv6, "::1.2.3.4:5"));
	assert_false(HOST(ycfg_is_ipv6, "1:2:3:4:5:6:7:1.2.3.4"));
	assert_false(HOST(ycfg_is_ipv6, "fe80::1%eth0"));
}

static void
test_domain(void **state)
{
	char label63[64], label64[65], longname[260];

	(void)state;
	assert_true(HOST(ycfg_is_domain, "sip.example.com"));
	assert_true(HOST(ycfg_is_domain, "sip.example.com."));
	assert_true(HOST(ycfg_is_domain, "localhost"));
	assert_true(HOST(ycfg_is_domain, "a-b.c0"));
	assert_true(HOST(ycfg_is_domain, "1pbx.example.com"));
	assert_false(HOST(ycfg_is_domain, "1.2.3.256"));
	assert_false(HOST(ycfg_is_domain, "1.2.3.4"));
	assert_false(HOST(ycfg_is_domain, "example.123"));
	assert_false(HOST(ycfg_is_domain, "-a.com"));
	assert_false(HOST(ycfg_is_domain, "a-.com"));
	assert_false(HOST(ycfg_is_domain, "a..com"));
	assert_false(HOST(ycfg_is_domain, ".com"));
	assert_false(HOST(ycfg_is_domain, "."));
	assert_false(HOST(ycfg_is_domain, "a_b.com"));
	assert_false(HOST(ycfg_is_domain, "a b.com"));
	assert_false(HOST(ycfg_is_domain, ""));

	memset(label63, 'a', 63);
	label63[63] = '\0';
	memset(label64, 'a', 64);
	label64[64] = '\0';
	assert_true(HOST(ycfg_is_domain, label63));
	assert_false(HOST(ycfg_is_domain, label64));
	/* 253 characters pass, 254 do not */
	memset(longname, 'a', sizeof(longname));
	for (size_t i = 50; i < 253; i += 50)
		longname[i] = '.';
	assert_true(ycfg_is_domain(longname, 253));
	assert_false(ycfg_is_domain(longname, 254));
}

static void
test_host_and_url(void **state)
{
	(void)state;
	assert_true(HOST(ycfg_is_host, "10.0.0.1"));
	assert_true(HOST(ycfg_is_host, "[::1]"));
	assert_true(HOST(ycfg_is_host, "pbx.example.com"));
	assert_false(HOST(ycfg_is_host, "1.2.3.256"));
	assert_false(HOST(ycfg_is_host, "pbx.example.com:5060"));
	assert_false(HOST(ycfg_is_host, "sip:pbx.example.com"));

	assert_true(HOST(ycfg_is_url, "http://a"));
	assert_true(HOST(ycfg_is_url, "https://prov.example.com/cfg/$mac.cfg"));
	assert_true(HOST(ycfg_is_url, "tftp://10.0.0.1"));
	assert_true(HOST(ycfg_is_url, "svn+ssh://h/x"));
	assert_false(HOST(ycfg_is_url, "http://"));
	assert_false(HOST(ycfg_is_url, "http:/a"));
	assert_false(HOST(ycfg_is_url, "HTTP://a"));
	assert_false(HOST(ycfg_is_url, "1http://a"));
	assert_false(HOST(ycfg_is_url, "://a"));
	assert_false(HOST(ycfg_is_url, "http://a b"));
	assert_false(HOST(ycfg_is_url, "http://a\tb"));
	assert_false(HOST(ycfg_is_url, "prov.example.com"));
	assert_false(HOST(ycfg_is_url, ""));
}

/* ---------------------------------------------------------------- */
/* value checks                                                       */
/* ---------------------------------------------------------------- */

static bool
check(const struct ycfg_param *p, const char *key, const char *value,
      struct ycfg_value_result *res)
{
	return ycfg_value_check(p, key, strlen(key), value, strlen(value), res);
}

#define KEY_PORT "account.1.sip_server.1.port"
#define KEY_FB "account.1.sip_server.1.failback_timeout"

static void
test_null_and_blank(void **state)
{
	struct ycfg_param p[] = {
		{ .type = YCFG_T_BOOL }, { .type = YCFG_T_INT },
		{ .type = YCFG_T_FLOAT }, { .type = YCFG_T_ENUM },
		{ .type = YCFG_T_STRING, .max_length = 1 },
		{ .type = YCFG_T_HOST }, { .type = YCFG_T_PORT },
		{ .type = YCFG_T_URL },
	};
	struct ycfg_value_result res;

	(void)state;
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		assert_true(check(&p[i], "k", "%NULL%", &res));
		assert_true(check(&p[i], "k", "", &res));
		/* -1 without a fallback is not special */
		if (p[i].type != YCFG_T_STRING && p[i].type != YCFG_T_INT &&
		    p[i].type != YCFG_T_FLOAT)
			assert_false(check(&p[i], "k", "-1", &res));
	}
	/* %NULL% is exact */
	assert_false(check(&p[0], "k", "%null%", &res));
}

static void
test_fallback_minus_one(void **state)
{
	static const struct ycfg_range r[] = { { 30, 2147483647 } };
	struct ycfg_param p = {
		.type = YCFG_T_INT, .range = { r, 1 },
		.fallback_key = "account.X.expires",
	};
	struct ycfg_param h = { .type = YCFG_T_HOST, .fallback_key = "x" };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "account.1.sip_server.1.expires", "-1", &res));
	assert_true(res.has_num);
	assert_int_equal(res.num, -1);
	assert_true(check(&h, "k", "-1", &res));
	assert_false(check(&p, "account.1.sip_server.1.expires", "-2", &res));
	assert_int_equal(res.rule, YCFG_R_OUT_OF_RANGE);
	assert_string_equal(res.msg, "account.1.sip_server.1.expires is -2, "
			    "outside -1 or 30..2147483647");
}

static void
test_bool(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_BOOL };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "account.1.enable", "1", &res));
	assert_true(res.has_num);
	assert_int_equal(res.num, 1);
	assert_true(check(&p, "account.1.enable", "0", &res));
	assert_false(check(&p, "account.1.enable", "true", &res));
	assert_int_equal(res.rule, YCFG_R_INVALID_VALUE);
	assert_string_equal(res.msg, "invalid boolean 'true' for "
			    "account.1.enable: use 1 or 0");
	assert_false(check(&p, "account.1.enable", "On", &res));
	assert_non_null(strstr(res.msg, "use 1 or 0"));
	assert_false(check(&p, "account.1.enable", "2", &res));
	assert_non_null(strstr(res.msg, "expected 1 or 0"));
	assert_false(check(&p, "account.1.enable", "01", &res));
	assert_false(check(&p, "account.1.enable", " 1", &res));
}

static void
test_port(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_PORT };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, KEY_PORT, "0", &res));
	assert_true(check(&p, KEY_PORT, "65535", &res));
	assert_int_equal(res.num, 65535);
	assert_false(check(&p, KEY_PORT, "65536", &res));
	assert_int_equal(res.rule, YCFG_R_OUT_OF_RANGE);
	assert_string_equal(res.msg, KEY_PORT " is 65536, outside 0..65535");
	assert_false(check(&p, KEY_PORT, "-1", &res));
	assert_int_equal(res.rule, YCFG_R_OUT_OF_RANGE);
	assert_false(check(&p, KEY_PORT, "+5", &res));
	assert_int_equal(res.rule, YCFG_R_INVALID_VALUE);
	assert_string_equal(res.msg, "invalid port '+5' for " KEY_PORT
			    ": a sign '+' is not allowed; expected 0..65535");
	assert_false(check(&p, KEY_PORT, "5060 ", &res));
	assert_non_null(strstr(res.msg, "spaces"));
	assert_false(check(&p, KEY_PORT, "0x13c4", &res));
	assert_non_null(strstr(res.msg, "hexadecimal"));
}

static void
test_int_messages(void **state)
{
	static const struct ycfg_range r[] = { { 0, 65535 } };
	struct ycfg_param p = { .type = YCFG_T_INT, .range = { r, 1 } };
	struct ycfg_value_result res;

	(void)state;
	assert_false(check(&p, "k.1", "3600.5", &res));
	assert_string_equal(res.msg, "invalid integer '3600.5' for k.1: a "
			    "fraction is not allowed; expected 0..65535");
	assert_false(check(&p, "k.1", "007", &res));
	assert_non_null(strstr(res.msg, "leading zeros"));
	assert_false(check(&p, "k.1", "99999999999999999999", &res));
	assert_non_null(strstr(res.msg, "too large"));
	assert_false(check(&p, "k.1", "-0", &res));
	assert_non_null(strstr(res.msg, "'-0'"));
	assert_false(check(&p, "k.1", "abc", &res));
	assert_non_null(strstr(res.msg, "not a decimal integer"));
	assert_false(res.has_num);
}

static void
test_int_union_and_adjust(void **state)
{
	static const struct ycfg_range r[] = { { 0, 0 }, { 60, 65535 } };
	static const struct ycfg_range adj[] = { { 1, 59 } };
	struct ycfg_param p = {
		.type = YCFG_T_INT, .range = { r, 2 },
		.has_adjust = true, .adjust_from = { adj, 1 }, .adjust_to = 60,
	};
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, KEY_FB, "0", &res));
	assert_true(check(&p, KEY_FB, "60", &res));
	assert_true(check(&p, KEY_FB, "65535", &res));
	assert_false(check(&p, KEY_FB, "1", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_ADJUSTED);
	assert_false(check(&p, KEY_FB, "30", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_ADJUSTED);
	assert_true(res.has_num);
	assert_int_equal(res.num, 30);
	assert_string_equal(res.msg, KEY_FB " is 30: the phone treats 1..59 "
			    "as 60");
	assert_false(check(&p, KEY_FB, "59", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_ADJUSTED);
	assert_false(check(&p, KEY_FB, "65536", &res));
	assert_int_equal(res.rule, YCFG_R_OUT_OF_RANGE);
	assert_string_equal(res.msg, KEY_FB " is 65536, outside 0 or "
			    "60..65535");
	assert_false(check(&p, KEY_FB, "-1", &res));
	assert_int_equal(res.rule, YCFG_R_OUT_OF_RANGE);
}

static void
test_float(void **state)
{
	static const struct ycfg_range r[] = { { 500, 10000 } };
	struct ycfg_param p = { .type = YCFG_T_FLOAT, .range = { r, 1 } };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "f", "0.5", &res));
	assert_int_equal(res.num, 500);
	assert_true(check(&p, "f", "10", &res));
	assert_true(check(&p, "f", "10.000", &res));
	assert_false(check(&p, "f", "0.499", &res));
	assert_int_equal(res.rule, YCFG_R_OUT_OF_RANGE);
	assert_string_equal(res.msg, "f is 0.499, outside 0.5..10");
	assert_false(check(&p, "f", "10.001", &res));
	assert_int_equal(res.rule, YCFG_R_OUT_OF_RANGE);
	assert_false(check(&p, "f", "1.2345", &res));
	assert_int_equal(res.rule, YCFG_R_INVALID_VALUE);
	assert_non_null(strstr(res.msg, "at most 3 fraction digits"));
	assert_false(check(&p, "f", "1,5", &res));
	assert_non_null(strstr(res.msg, "use '.'"));
}

static void
test_enum(void **state)
{
	static const struct ycfg_enum_value v[] = {
		{ "0", "UDP" }, { "1", "TCP" }, { "2", "TLS" },
		{ "3", "DNS-NAPTR" },
	};
	static const struct ycfg_enum_value w[] = {
		{ "Common", "" }, { "Custom", "own file" },
	};
	struct ycfg_param p = { .type = YCFG_T_ENUM, .values = v, .nvalues = 4 };
	struct ycfg_param q = { .type = YCFG_T_ENUM, .values = w, .nvalues = 2 };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "t", "0", &res));
	assert_true(check(&p, "t", "3", &res));
	assert_true(res.has_num);
	assert_int_equal(res.num, 3);
	assert_false(check(&p, "t", "4", &res));
	assert_int_equal(res.rule, YCFG_R_INVALID_VALUE);
	assert_string_equal(res.msg, "invalid value '4' for t: expected 0 "
			    "(UDP), 1 (TCP), 2 (TLS) or 3 (DNS-NAPTR)");
	assert_false(check(&p, "t", "UDP", &res));
	assert_false(check(&p, "t", "00", &res));
	assert_true(check(&q, "t", "Common", &res));
	assert_false(res.has_num);
	assert_false(check(&q, "t", "common", &res));
	assert_non_null(strstr(res.msg, "case-sensitive, write 'Common'"));
	assert_false(check(&q, "t", "Other", &res));
	assert_non_null(strstr(res.msg, "expected Common or Custom (own file)"));
}

static void
test_string_length(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_STRING, .max_length = 4 };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "s", "abcd", &res));
	assert_false(check(&p, "s", "abcde", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_TOO_LONG);
	assert_string_equal(res.msg, "value 'abcde' for s is 5 characters "
			    "long; at most 4 allowed");
	/* four code points, ten bytes */
	assert_true(check(&p, "s", "\xc3\xa4\xc3\xb6\xe2\x82\xac\xf0\x9f\x98"
			  "\x80", &res));
	assert_false(check(&p, "s", "\xc3\xa4\xc3\xb6\xe2\x82\xac\xf0\x9f\x98"
			   "\x80x", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_TOO_LONG);
	assert_non_null(strstr(res.msg, "5 characters"));
	/* no limit */
	p.max_length = 0;
	assert_true(check(&p, "s", "any text at all", &res));
}

static void
test_host_check(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_HOST, .max_length = 20 };
	struct ycfg_value_result res;
	const char *k = "account.1.sip_server.1.address";

	(void)state;
	assert_true(check(&p, k, "pbx.example.com", &res));
	assert_true(check(&p, k, "10.1.2.3", &res));
	assert_true(check(&p, k, "[2001:db8::1]", &res));
	assert_false(check(&p, k, "pbx.example.com:5060", &res));
	assert_int_equal(res.rule, YCFG_R_INVALID_VALUE);
	assert_non_null(strstr(res.msg, "the port has its own setting"));
	assert_non_null(strstr(res.msg, "'pbx.example.com:5060'"));
	assert_false(check(&p, k, "sip:pbx.example.com", &res));
	assert_non_null(strstr(res.msg, "without a scheme"));
	assert_false(check(&p, k, "http://pbx", &res));
	assert_non_null(strstr(res.msg, "without a scheme"));
	assert_false(check(&p, k, "1.2.3.256", &res));
	assert_non_null(strstr(res.msg, "expected an IPv4 address"));
	assert_false(check(&p, k, "pbx_1.example.com", &res));
	assert_non_null(strstr(res.msg, "'_'"));
	assert_false(check(&p, k, "a-very-long-host.example.com", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_TOO_LONG);
}

static void
test_url_check(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_URL };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "u", "https://prov.example.com/x", &res));
	assert_false(check(&p, "u", "prov.example.com/x", &res));
	assert_int_equal(res.rule, YCFG_R_INVALID_VALUE);
	assert_string_equal(res.msg, "invalid url 'prov.example.com/x' for u: "
			    "expected scheme://address without spaces, e.g. "
			    "http://host/path");
	assert_false(check(&p, "u", "http://a b", &res));
}

static void
test_secret_never_shown(void **state)
{
	static const struct ycfg_range r[] = { { 0, 9999 } };
	static const struct ycfg_enum_value v[] = { { "Hunter2", "" } };
	struct ycfg_param p[] = {
		{ .type = YCFG_T_STRING, .max_length = 3, .secret = true },
		{ .type = YCFG_T_INT, .range = { r, 1 }, .secret = true },
		{ .type = YCFG_T_ENUM, .values = v, .nvalues = 1,
		  .secret = true },
		{ .type = YCFG_T_BOOL, .secret = true },
		{ .type = YCFG_T_HOST, .secret = true },
	};
	const char *bad[] = { "hunter2", "12345", "hunter2", "hunter2",
			      "hunter2:22" };
	struct ycfg_value_result res;

	(void)state;
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		assert_false(check(&p[i], "account.1.password", bad[i], &res));
		assert_null(strstr(res.msg, bad[i]));
		assert_null(strstr(res.msg, "unter"));
		assert_non_null(strstr(res.msg, YCFG_SECRET_MASK));
		assert_non_null(strstr(res.msg, "account.1.password"));
	}
	/* the enum list itself is not a secret, but the case hint would
	 * repeat the value: it is masked too */
	assert_false(check(&p[2], "account.1.password", "HUNTER2", &res));
	assert_null(strstr(res.msg, "UNTER"));
}

static void
test_invalid_utf8_escaped(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_BOOL };
	struct ycfg_param s = { .type = YCFG_T_STRING, .max_length = 1 };
	struct ycfg_value_result res;

	(void)state;
	assert_false(ycfg_value_check(&p, S("k"), S("\xff\x01x"), &res));
	assert_string_equal(res.msg, "invalid boolean '\\xff\\x01x' for k: "
			    "expected 1 or 0");
	/* a truncated sequence and a valid one side by side */
	assert_false(ycfg_value_check(&s, S("k\x80"), S("\xc3\xa4\xe2\x82"),
				      &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_TOO_LONG);
	assert_non_null(strstr(res.msg, "'\xc3\xa4\\xe2\\x82'"));
	assert_non_null(strstr(res.msg, "for k\\x80 "));
	/* long values are cut in the message */
	char big[300];

	memset(big, 'z', sizeof(big));
	assert_false(ycfg_value_check(&s, S("k"), big, sizeof(big), &res));
	assert_non_null(strstr(res.msg, "..."));
	assert_true(strlen(res.msg) < sizeof(res.msg));
}


/* ---------------------------------------------------------------- */
/* address, time and text types                                       */
/* ---------------------------------------------------------------- */

static void
test_ip_types(void **state)
{
	struct ycfg_param ip = { .type = YCFG_T_IP };
	struct ycfg_param v4 = { .type = YCFG_T_IPV4 };
	struct ycfg_param v6 = { .type = YCFG_T_IPV6 };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&ip, "k", "0.0.0.0", &res));
	assert_true(check(&ip, "k", "255.255.255.255", &res));
	assert_true(check(&ip, "k", "::1", &res));
	assert_false(check(&ip, "k", "256.0.0.1", &res));
	assert_false(check(&ip, "k", "[::1]", &res));
	assert_false(check(&ip, "k", "pbx.example.com", &res));
	assert_non_null(strstr(res.msg, "a name is not accepted here"));
	assert_true(check(&v4, "k", "192.0.2.1", &res));
	assert_false(check(&v4, "k", "2001:db8::1", &res));
	assert_non_null(strstr(res.msg, "this is an IPv6 address"));
	assert_false(check(&v4, "k", "192.0.2", &res));
	assert_true(check(&v6, "k", "2001:db8::1", &res));
	assert_false(check(&v6, "k", "192.0.2.1", &res));
	assert_non_null(strstr(res.msg, "this is an IPv4 address"));
}

static void
test_netmask(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_NETMASK };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "k", "255.255.255.0", &res));
	assert_true(check(&p, "k", "255.255.255.255", &res));
	assert_true(check(&p, "k", "0.0.0.0", &res));
	assert_true(check(&p, "k", "255.255.254.0", &res));
	assert_true(check(&p, "k", "128.0.0.0", &res));
	assert_false(check(&p, "k", "255.0.255.0", &res));
	assert_non_null(strstr(res.msg, "not contiguous"));
	assert_false(check(&p, "k", "255.255.255.1", &res));
	assert_false(check(&p, "k", "24", &res));
	assert_non_null(strstr(res.msg, "expected a dotted mask"));
}

static void
test_mac(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_MAC };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "k", "001565a1b2c3", &res));
	assert_true(check(&p, "k", "00:15:65:A1:B2:C3", &res));
	assert_true(check(&p, "k", "00-15-65-a1-b2-c3", &res));
	assert_false(check(&p, "k", "00:15-65:a1:b2:c3", &res));
	assert_false(check(&p, "k", "001565a1b2c", &res));
	assert_false(check(&p, "k", "001565a1b2cg", &res));
	assert_false(check(&p, "k", "00:15:65:a1:b2:c3:", &res));
}

static void
test_time(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_TIME };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "k", "00:00", &res));
	assert_true(check(&p, "k", "23:59", &res));
	assert_true(check(&p, "k", "7:30", &res));
	assert_false(check(&p, "k", "24:00", &res));
	assert_false(check(&p, "k", "12:60", &res));
	assert_false(check(&p, "k", "12:5", &res));
	assert_false(check(&p, "k", "12", &res));
	assert_false(check(&p, "k", "123:00", &res));
}

static void
test_tz_offset(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_TZ_OFFSET };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "local_time.time_zone", "0", &res));
	assert_true(check(&p, "k", "+8", &res));
	assert_true(check(&p, "k", "-12", &res));
	assert_true(check(&p, "k", "+14", &res));
	assert_true(check(&p, "k", "+5:30", &res));
	assert_true(check(&p, "k", "+5:45", &res));
	assert_true(check(&p, "k", "-3:30", &res));
	assert_true(check(&p, "k", "+12:45", &res));
	assert_false(check(&p, "k", "+14:30", &res));
	assert_false(check(&p, "k", "-12:30", &res));
	assert_false(check(&p, "k", "-13", &res));
	assert_false(check(&p, "local_time.time_zone", "+25", &res));
	assert_non_null(strstr(res.msg, "invalid time zone '+25' for "
				      "local_time.time_zone"));
	assert_false(check(&p, "k", "8", &res));
	assert_false(check(&p, "k", "+5:15", &res));
	assert_false(check(&p, "k", "+5:3", &res));
	assert_false(check(&p, "k", "UTC+8", &res));
}

static void
test_dst_time(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_DST_TIME };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "k", "3/14/2", &res));
	assert_true(check(&p, "k", "12/31/23", &res));
	assert_true(check(&p, "k", "1/1/0", &res));
	assert_true(check(&p, "k", "3/2/7/2", &res));
	assert_true(check(&p, "k", "11/5/7/0", &res));
	assert_false(check(&p, "k", "13/1/2", &res));
	assert_false(check(&p, "k", "3/32/2", &res));
	assert_false(check(&p, "k", "3/1/24", &res));
	assert_false(check(&p, "k", "0/1/2", &res));
	assert_false(check(&p, "k", "3/6/7/2", &res));
	assert_false(check(&p, "k", "3/2/8/2", &res));
	assert_false(check(&p, "k", "3/2", &res));
	assert_false(check(&p, "k", "3/2/7/2/1/1", &res));
}

static void
test_userpass_never_shows_the_password(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_USERPASS, .secret = true,
				.max_length = 10 };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "k", "admin:S3cr", &res));
	assert_true(check(&p, "k", "admin:", &res));
	assert_false(check(&p, "security.user_password", "S3cretOnly", &res));
	assert_null(strstr(res.msg, "S3cr"));
	assert_non_null(strstr(res.msg, "expected USER:PASSWORD"));
	assert_false(check(&p, "k", ":S3cret", &res));
	assert_false(check(&p, "k", "admin:S3cretLong", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_TOO_LONG);
	assert_null(strstr(res.msg, "S3cr"));
}

static void
test_resource(void **state)
{
	struct ycfg_param p = { .type = YCFG_T_RESOURCE };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&p, "k", "Resource:Ring1.wav", &res));
	assert_true(check(&p, "k", "Config:custom.wav", &res));
	assert_true(check(&p, "k", "Ring3.wav", &res));
	assert_true(check(&p, "k", "http://pbx.example.com/ring.wav", &res));
	assert_false(check(&p, "k", "http:// pbx/ring.wav", &res));
	assert_false(check(&p, "k", "HTTP://pbx/ring.wav", &res));
}

static void
test_list(void **state)
{
	static const struct ycfg_range r[] = { { 1, 16 } };
	static const struct ycfg_enum_value v[] = {
		{ "1", "" }, { "2", "" }, { "3", "" },
	};
	struct ycfg_param ints = { .type = YCFG_T_LIST, .item = YCFG_T_INT,
				   .range = { r, 1 } };
	struct ycfg_param en = { .type = YCFG_T_LIST, .item = YCFG_T_ENUM,
				 .values = v, .nvalues = 3, .max_length = 7 };
	struct ycfg_value_result res;

	(void)state;
	assert_true(check(&ints, "k", "1", &res));
	assert_true(check(&ints, "k", "1,2,16", &res));
	assert_true(check(&ints, "k", "1, 2, 3", &res));
	assert_false(check(&ints, "handset.1.incoming_lines", "1,17", &res));
	assert_string_equal(res.msg, "handset.1.incoming_lines is 17, "
			    "outside 1..16");
	assert_false(check(&ints, "k", "1,,2", &res));
	assert_non_null(strstr(res.msg, "item 2 is empty"));
	assert_false(check(&ints, "k", "1,", &res));
	assert_false(check(&ints, "k", "1,x", &res));
	assert_true(check(&en, "k", "1,2,3", &res));
	assert_false(check(&en, "k", "1,4", &res));
	assert_non_null(strstr(res.msg, "invalid value '4'"));
	/* max_length is the whole value's */
	assert_false(check(&en, "k", "1,2,3,1,2", &res));
	assert_int_equal(res.rule, YCFG_R_VALUE_TOO_LONG);
}

static void
test_value_level_softens_a_failure(void **state)
{
	static const struct ycfg_enum_value v[] = { { "0", "a" } };
	struct ycfg_param p = { .type = YCFG_T_ENUM, .values = v,
				.nvalues = 1, .has_value_level = true,
				.value_level = YCFG_SEV_WARNING };
	struct ycfg_value_result res;

	(void)state;
	assert_false(check(&p, "k", "English", &res));
	assert_int_equal(res.severity, YCFG_SEV_WARNING);
	p.has_value_level = false;
	assert_false(check(&p, "k", "English", &res));
	assert_int_equal(res.severity, -1);
}

static void
test_long_enum_list_ends_at_a_whole_value(void **state)
{
	struct ycfg_enum_value v[80];
	char names[80][8];
	struct ycfg_param p = { .type = YCFG_T_ENUM, .values = v,
				.nvalues = 80 };
	struct ycfg_value_result res;

	(void)state;
	for (int i = 0; i < 80; i++) {
		snprintf(names[i], sizeof(names[i]), "%d", i);
		v[i].value = names[i];
		v[i].name = "Some Label";
	}
	assert_false(check(&p, "linekey.1.type", "banana", &res));
	assert_non_null(strstr(res.msg, ", ... (80 values; see ycfg "
				      "explain)"));
	assert_null(strstr(res.msg, "79"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int_ok),
		cmocka_unit_test(test_int_errors),
		cmocka_unit_test(test_milli),
		cmocka_unit_test(test_ranges_parse),
		cmocka_unit_test(test_ranges_parse_errors),
		cmocka_unit_test(test_ranges_contain_format),
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_ipv6_errors),
		cmocka_unit_test(test_domain),
		cmocka_unit_test(test_host_and_url),
		cmocka_unit_test(test_null_and_blank),
		cmocka_unit_test(test_fallback_minus_one),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_port),
		cmocka_unit_test(test_int_messages),
		cmocka_unit_test(test_int_union_and_adjust),
		cmocka_unit_test(test_float),
		cmocka_unit_test(test_enum),
		cmocka_unit_test(test_string_length),
		cmocka_unit_test(test_host_check),
		cmocka_unit_test(test_url_check),
		cmocka_unit_test(test_secret_never_shown),
		cmocka_unit_test(test_invalid_utf8_escaped),
		cmocka_unit_test(test_ip_types),
		cmocka_unit_test(test_netmask),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_tz_offset),
		cmocka_unit_test(test_dst_time),
		cmocka_unit_test(test_userpass_never_shows_the_password),
		cmocka_unit_test(test_resource),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_value_level_softens_a_failure),
		cmocka_unit_test(test_long_enum_list_ends_at_a_whole_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
