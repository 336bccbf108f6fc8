/*
 * test_secret.c - userinfo passwords masked in text: URLs, SIP URIs, bare
 * user:password@host, several in one text, and what is left alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ycfg/secret.h"
#include "ycfg/value.h"

#define S(s) (s), strlen(s)

/* s masked into a static buffer of outsz bytes */
static const char *
masked_as(const char *s, size_t outsz, bool cut)
{
	static char out[256];

	assert_true(outsz <= sizeof(out));
	ycfg_mask_userinfo(S(s), out, outsz, cut);
	return out;
}

static const char *
masked(const char *s, size_t outsz)
{
	return masked_as(s, outsz, false);
}

static void
masks_url_password(void **state)
{
	(void)state;
	assert_string_equal(masked("https://admin:pw@prov.example.com/", 256),
			    "https://admin:" YCFG_SECRET_MASK
			    "@prov.example.com/");
	assert_true(ycfg_has_userinfo_password(S("ftp://u:p@h")));
}

/* In a URL the userinfo ends at the authority's last '@': a password may
 * hold quotes, brackets, ':' and '@'. */
static void
masks_url_password_with_any_character(void **state)
{
	(void)state;
	assert_string_equal(masked("ftp://u:S3(c'r:t@x@h/p", 256),
			    "ftp://u:" YCFG_SECRET_MASK "@h/p");
	assert_string_equal(masked("bad url 'https://u:pw@h' for k", 256),
			    "bad url 'https://u:" YCFG_SECRET_MASK "@h' for k");
	/* an '@' in a path looks like a bare user:password@host: masked,
	 * erring on the side of the secret */
	assert_string_equal(masked("https://h/a:b@c", 256),
			    "https://h/a:" YCFG_SECRET_MASK "@c");
}

static void
masks_sip_uri_password_not_the_scheme(void **state)
{
	(void)state;
	assert_string_equal(masked("sip:1001:pw@pbx", 256),
			    "sip:1001:" YCFG_SECRET_MASK "@pbx");
	assert_string_equal(masked("SIPS:1001:pw@pbx", 256),
			    "SIPS:1001:" YCFG_SECRET_MASK "@pbx");
}

static void
masks_bare_user_password_and_quoted_text(void **state)
{
	(void)state;
	assert_string_equal(masked("invalid host '1001:pw@proxy' for x", 256),
			    "invalid host '1001:" YCFG_SECRET_MASK
			    "@proxy' for x");
}

static void
masks_every_userinfo(void **state)
{
	(void)state;
	assert_string_equal(masked("a:1@h b:2@h", 256),
			    "a:" YCFG_SECRET_MASK "@h b:" YCFG_SECRET_MASK
			    "@h");
}

static void
leaves_user_without_password(void **state)
{
	char out[64];

	(void)state;
	assert_false(ycfg_mask_userinfo(S("sip:1001@pbx"), out, sizeof(out),
					 false));
	assert_string_equal(out, "sip:1001@pbx");
	assert_false(ycfg_has_userinfo_password(S("https://admin@h/")));
	assert_false(ycfg_has_userinfo_password(S("mail user@example.com")));
	/* an empty password hides nothing */
	assert_false(ycfg_has_userinfo_password(S("user:@h")));
}

static void
leaves_text_without_at_sign(void **state)
{
	char out[64];

	(void)state;
	assert_false(ycfg_mask_userinfo(S("it is 0 from y.cfg:3"), out,
					sizeof(out), true));
	assert_string_equal(out, "it is 0 from y.cfg:3");
	assert_false(ycfg_has_userinfo_password(S("")));
}

static void
at_sign_first_or_alone(void **state)
{
	(void)state;
	assert_string_equal(masked("@", 256), "@");
	/* an empty user name: the password is still masked */
	assert_string_equal(masked("@@:x@", 256), "@@:" YCFG_SECRET_MASK "@");
	assert_string_equal(masked(":@", 256), ":@");
}

/* Truncation never lets password bytes through: the cut falls before the
 * password or inside the mask. */
static void
truncation_never_shows_the_password(void **state)
{
	(void)state;
	for (size_t sz = 1; sz < 40; sz++) {
		const char *m = masked("https://admin:hunter2@h/", sz);

		assert_null(strstr(m, "hunter"));
		assert_null(strstr(m, "h2"));
		assert_true(strlen(m) < sz);
	}
}

/* A message cut inside a URL's userinfo has lost the '@', not the start
 * of the password. */
static void
masks_a_password_cut_off_by_the_end(void **state)
{
	(void)state;
	assert_string_equal(masked_as("see https://admin:hunt", 256, true),
			    "see https://admin:" YCFG_SECRET_MASK);
	/* no password started yet, or a path: left alone */
	assert_string_equal(masked_as("see https://admin", 256, true),
			    "see https://admin");
	assert_string_equal(masked_as("https://h:8080/x", 256, true),
			    "https://h:8080/x");
	assert_string_equal(masked_as("https://admin:", 256, true),
			    "https://admin:");
	/* whole text: a port is a port */
	assert_string_equal(masked("https://h:8443", 256), "https://h:8443");
}

static void
zero_sized_output_is_left_alone(void **state)
{
	char out[1] = { 'x' };

	(void)state;
	assert_false(ycfg_mask_userinfo(S("a:b@c"), out, 0, false));
	assert_int_equal(out[0], 'x');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(masks_url_password),
		cmocka_unit_test(masks_url_password_with_any_character),
		cmocka_unit_test(masks_sip_uri_password_not_the_scheme),
		cmocka_unit_test(masks_bare_user_password_and_quoted_text),
		cmocka_unit_test(masks_every_userinfo),
		cmocka_unit_test(leaves_user_without_password),
		cmocka_unit_test(leaves_text_without_at_sign),
		cmocka_unit_test(at_sign_first_or_alone),
		cmocka_unit_test(truncation_never_shows_the_password),
		cmocka_unit_test(masks_a_password_cut_off_by_the_end),
		cmocka_unit_test(zero_sized_output_is_left_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
