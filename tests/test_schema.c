/*
 * test_schema.c - loading, validating, merging and querying schema files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/schema.h"

struct fixture {
	struct ycfg_schema s;
	struct ycfg_diags d;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	ycfg_schema_init(&f->s);
	ycfg_diags_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ycfg_schema_free(&f->s);
	ycfg_diags_free(&f->d);
	free(f);
	return 0;
}

static int
load(struct fixture *f, const char *name, const char *yaml)
{
	return ycfg_schema_load_data(&f->s, name, yaml, strlen(yaml), &f->d);
}

/* Asserts that the only diagnostic is a schema error at line with a
 * message containing text. */
static void
expect_error(struct fixture *f, const char *name, const char *yaml,
	     unsigned line, const char *text)
{
	size_t before = f->s.nparams;

	assert_int_equal(load(f, name, yaml), -1);
	assert_int_equal(f->s.nparams, before);
	if (f->d.n != 1) {
		for (size_t i = 0; i < f->d.n; i++)
			print_error("diag: %s:%u: %s\n", f->d.v[i].file,
				    f->d.v[i].line, f->d.v[i].msg);
	}
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].rule, YCFG_R_SCHEMA_ERROR);
	assert_string_equal(f->d.v[0].file, name);
	if (strstr(f->d.v[0].msg, text) == NULL)
		print_error("message: %s\n", f->d.v[0].msg);
	assert_non_null(strstr(f->d.v[0].msg, text));
	if (f->d.v[0].line != line)
		print_error("line %u, message: %s\n", f->d.v[0].line,
			    f->d.v[0].msg);
	assert_int_equal(f->d.v[0].line, line);
	ycfg_diags_clear(&f->d);
}

#define GOOD \
	"version: \"1\"\n"                                         /*  1 */ \
	"namespaces:\n"                                            /*  2 */ \
	"  - account\n"                                            /*  3 */ \
	"models:\n"                                                /*  4 */ \
	"  - name: T54W\n"                                         /*  5 */ \
	"    accounts: \"16\"\n"                                   /*  6 */ \
	"    source: \"guide\"\n"                                  /*  7 */ \
	"  - name: T31P\n"                                         /*  8 */ \
	"    accounts: 2\n"                                        /*  9 */ \
	"params:\n"                                                /* 10 */ \
	"  - key: account.X.sip_server.Y.address\n"               /* 11 */ \
	"    type: host\n"                                         /* 12 */ \
	"    max_length: \"99\"\n"                                 /* 13 */ \
	"    summary: server address\n"                            /* 14 */ \
	"    source: G p.1\n"                                      /* 15 */ \
	"  - key: account.X.sip_server.Y.port\n"                  /* 16 */ \
	"    type: port\n"                                         /* 17 */ \
	"    default: \"5060\"\n"                                  /* 18 */ \
	"    summary: server port\n"                               /* 19 */ \
	"    source: G p.2\n"                                      /* 20 */ \
	"  - key: account.X.sip_server.Y.failback_mode\n"         /* 21 */ \
	"    type: enum\n"                                         /* 22 */ \
	"    values: [\"0 newRequests\", \"1 DNSTTL\", \"3\"]\n"   /* 23 */ \
	"    summary: failback mode\n"                             /* 24 */ \
	"    source: G p.3\n"                                      /* 25 */ \
	"  - key: account.X.sip_server.Y.failback_timeout\n"      /* 26 */ \
	"    type: int\n"                                          /* 27 */ \
	"    range: \"0|60..65535\"\n"                             /* 28 */ \
	"    adjust: \"1..59 -> 60\"\n"                            /* 29 */ \
	"    default: \"3600\"\n"                                  /* 30 */ \
	"    requires: \"account.X.sip_server.Y.failback_mode in 3\"\n" \
	"    when: \"60..65535\"\n"                                /* 32 */ \
	"    requires_level: info\n"                               /* 33 */ \
	"    summary: failback timeout\n"                          /* 34 */ \
	"    source: G p.4\n"                                      /* 35 */ \
	"  - key: account.X.expires\n"                             /* 36 */ \
	"    type: int\n"                                          /* 37 */ \
	"    range: \"30..2147483647\"\n"                          /* 38 */ \
	"    summary: registration expiry\n"                       /* 39 */ \
	"    source: G p.5\n"                                      /* 40 */ \
	"  - key: account.X.sip_server.Y.expires\n"               /* 41 */ \
	"    type: int\n"                                          /* 42 */ \
	"    range: \"30..2147483647\"\n"                          /* 43 */ \
	"    fallback: account.X.expires\n"                        /* 44 */ \
	"    summary: per-server expiry\n"                         /* 45 */ \
	"    source: G p.6\n"                                      /* 46 */ \
	"  - key: account.X.password\n"                            /* 47 */ \
	"    type: string\n"                                       /* 48 */ \
	"    secret: true\n"                                       /* 49 */ \
	"    unverified: \"true\"\n"                               /* 50 */ \
	"    summary: password\n"                                  /* 51 */ \
	"  - key: account.X.blf.N.value\n"                         /* 52 */ \
	"    type: float\n"                                        /* 53 */ \
	"    range: 0.5..10\n"                                     /* 54 */ \
	"    n_range: 1..12\n"                                     /* 55 */ \
	"    multi_value: colon\n"                                 /* 56 */ \
	"    summary: a float\n"                                   /* 57 */ \
	"    source: G p.7\n"                                      /* 58 */ \
	"  - key: account.X.sip_server_host\n"                     /* 59 */ \
	"    type: host\n"                                         /* 60 */ \
	"    renamed_to: account.X.sip_server.Y.address\n"         /* 61 */ \
	"    summary: legacy\n"                                    /* 62 */ \
	"    source: G-V82\n"                                      /* 63 */

static const struct ycfg_param *
find(struct fixture *f, const char *key, struct ycfg_key_indices *idx)
{
	return ycfg_schema_lookup(&f->s, key, strlen(key), idx);
}

static void
test_good_file(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "good.yaml", GOOD), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->s.nparams, 9);
	assert_int_equal(f->s.nnamespaces, 1);
	assert_string_equal(f->s.namespaces[0], "account");

	const struct ycfg_param *p =
		find(f, "account.1.sip_server.2.failback_timeout", NULL);

	assert_non_null(p);
	assert_int_equal(p->type, YCFG_T_INT);
	assert_string_equal(p->placeholders, "XY");
	assert_string_equal(p->origin, "good.yaml");
	assert_int_equal(p->range.n, 2);
	assert_int_equal(p->range.v[1].lo, 60);
	assert_true(p->has_adjust);
	assert_int_equal(p->adjust_from.v[0].hi, 59);
	assert_int_equal(p->adjust_to, 60);
	assert_string_equal(p->def, "3600");
	assert_int_equal(p->nrequires, 1);
	assert_ptr_equal(p->requires[0].param,
			 find(f, "account.1.sip_server.1.failback_mode", NULL));
	assert_int_equal(p->requires[0].in.n, 1);
	assert_int_equal(p->requires[0].in.v[0].lo, 3);
	assert_int_equal(p->when.v[0].lo, 60);
	assert_int_equal(p->requires_level, YCFG_SEV_INFO);

	p = find(f, "account.1.sip_server.1.failback_mode", NULL);
	assert_int_equal(p->nvalues, 3);
	assert_string_equal(p->values[0].value, "0");
	assert_string_equal(p->values[0].name, "newRequests");
	assert_string_equal(p->values[2].value, "3");
	assert_string_equal(p->values[2].name, "");

	p = find(f, "account.2.sip_server.1.expires", NULL);
	assert_string_equal(p->fallback_key, "account.X.expires");
	assert_ptr_equal(p->fallback, find(f, "account.2.expires", NULL));

	p = find(f, "account.1.password", NULL);
	assert_true(p->secret);
	assert_true(p->unverified);
	assert_null(p->source);

	p = find(f, "account.1.blf.3.value", NULL);
	assert_int_equal(p->type, YCFG_T_FLOAT);
	assert_int_equal(p->range.v[0].lo, 500);
	assert_int_equal(p->n_range.v[0].hi, 12);
	assert_true(p->multi_value_colon);
	assert_string_equal(p->placeholders, "XN");

	p = find(f, "account.1.sip_server_host", NULL);
	assert_string_equal(p->renamed_to, "account.X.sip_server.Y.address");
	assert_int_equal(find(f, "account.1.sip_server.1.address",
			      NULL)->max_length, 99);
}

static void
test_lookup(void **state)
{
	struct fixture *f = *state;
	struct ycfg_key_indices idx;

	assert_int_equal(load(f, "good.yaml", GOOD), 0);
	const struct ycfg_param *p =
		find(f, "ACCOUNT.03.Sip_Server.2.PORT", &idx);

	assert_non_null(p);
	assert_string_equal(p->key, "account.X.sip_server.Y.port");
	assert_int_equal(idx.n, 2);
	assert_int_equal(idx.v[0], 3);
	assert_true(idx.leading_zero[0]);
	assert_int_equal(idx.col[0], 8);
	assert_int_equal(idx.v[1], 2);
	assert_false(idx.leading_zero[1]);
	assert_int_equal(idx.col[1], 22);

	p = find(f, "account.99999999999999999999999.sip_server.1.port", &idx);
	assert_non_null(p);
	assert_true(idx.v[0] == UINT64_MAX);
	assert_int_equal(idx.v[1], 1);

	/* length bounds the key */
	assert_non_null(ycfg_schema_lookup(&f->s, "account.1.expiresXYZ",
					   strlen("account.1.expires"), NULL));
	assert_null(find(f, "account.1.sip_server.1.adress", NULL));
	assert_null(find(f, "account.X.expires", NULL));
	assert_null(find(f, "account.1.expires.", NULL));
	assert_null(find(f, "account..expires", NULL));
	assert_null(find(f, "account.1", NULL));
	assert_null(find(f, "", NULL));
	assert_null(find(f, "account.1.sip_server.1.port.1", NULL));
	assert_null(find(f, "account.a1.expires", NULL));

	assert_true(ycfg_schema_in_namespace(&f->s, "Account.1.x", 11));
	assert_false(ycfg_schema_in_namespace(&f->s, "accounts.1.x", 12));
	assert_false(ycfg_schema_in_namespace(&f->s, "features.x", 10));
}

/* The accounts of a model, 0 when there is no such model. */
static unsigned
accounts_of(const struct ycfg_schema *s, const char *name)
{
	const struct ycfg_model *m = ycfg_schema_model(s, name);

	return m ? m->accounts : 0;
}

static void
test_models(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "good.yaml", GOOD), 0);
	assert_int_equal(f->s.nmodels, 2);
	assert_int_equal(accounts_of(&f->s, "T54W"), 16);
	assert_int_equal(accounts_of(&f->s, "t54w"), 16);
	assert_int_equal(accounts_of(&f->s, "T31P"), 2);
	assert_int_equal(accounts_of(&f->s, "T99"), 0);
	assert_int_equal(accounts_of(&f->s, NULL), 0);
	/* a later file replaces a model by name */
	assert_int_equal(load(f, "more.yaml", "version: \"1\"\nmodels:\n"
			      "  - name: t31p\n    accounts: \"3\"\n"), 0);
	assert_int_equal(f->s.nmodels, 2);
	assert_int_equal(accounts_of(&f->s, "T31P"), 3);
}

static void
test_override_by_later_file(void **state)
{
	struct fixture *f = *state;
	const char *over =
		"version: \"1\"\n"
		"params:\n"
		"  - key: account.X.EXPIRES\n"
		"    type: int\n"
		"    range: \"60..3600\"\n"
		"    summary: overridden\n"
		"    source: local\n"
		"  - key: account.X.extra.Y.N.thing\n"
		"    type: bool\n"
		"    fallback: account.X.sip_server.Y.port\n"
		"    requires: \"account.X.expires in 60 && "
		"account.X.blf.1.value in 0.5..1\"\n"
		"    summary: new entry referring to the first file\n"
		"    source: local\n";
	const char *bad_ref =
		"version: \"1\"\n"
		"params:\n"
		"  - key: account.X.more\n"
		"    type: bool\n"
		"    summary: s\n"
		"    source: s\n"
		"    requires: \"account.X.blf.N.value in 0.5\"\n";

	assert_int_equal(load(f, "good.yaml", GOOD), 0);
	const struct ycfg_param *old = find(f, "account.1.expires", NULL);

	assert_int_equal(old->range.v[0].lo, 30);
	/* the override references a fixed index; rejected, nothing changes */
	expect_error(f, "over.yaml", over, 3 + 8, "fixed numeric segment");
	assert_int_equal(find(f, "account.1.expires", NULL)->range.v[0].lo,
			 30);

	char fixed[1024];

	snprintf(fixed, sizeof(fixed), "%s", over);
	char *n1 = strstr(fixed, "blf.1.");

	n1[4] = 'N';
	assert_int_equal(load(f, "over.yaml", fixed), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->s.nparams, 10);

	const struct ycfg_param *p = find(f, "account.1.expires", NULL);

	assert_string_equal(p->summary, "overridden");
	assert_string_equal(p->origin, "over.yaml");
	assert_int_equal(p->range.v[0].lo, 60);
	/* file order is kept: the replaced entry stays in its place */
	assert_ptr_equal(p, &f->s.params[4]);
	/* references from the first file now point to the new entry */
	assert_ptr_equal(find(f, "account.1.sip_server.1.expires",
			      NULL)->fallback, p);

	const struct ycfg_param *t = find(f, "account.1.extra.2.3.thing", NULL);

	assert_non_null(t);
	assert_ptr_equal(t->fallback,
			 find(f, "account.1.sip_server.1.port", NULL));
	assert_int_equal(t->nrequires, 2);
	assert_ptr_equal(t->requires[0].param, p);
	/* a float condition is read in thousandths */
	assert_int_equal(t->requires[1].in.v[0].lo, 500);
	assert_int_equal(t->requires[1].in.v[0].hi, 1000);

	/* N binds nothing in account.X.more: rejected with its line */
	expect_error(f, "bad.yaml", bad_ref, 7, "placeholder");
	assert_int_equal(f->s.nparams, 10);
}

static void
test_failed_load_keeps_schema(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "good.yaml", GOOD), 0);
	const struct ycfg_param *before = f->s.params;

	assert_int_equal(load(f, "bad.yaml", "version: \"1\"\nparams:\n"
			      "  - key: account.X.expires\n    type: int\n"
			      "    summary: x\n    source: x\n"
			      "  - key: account.X.new\n    type: nope\n"
			      "    summary: x\n    source: x\n"), -1);
	assert_ptr_equal(f->s.params, before);
	assert_int_equal(f->s.nparams, 9);
	assert_int_equal(find(f, "account.1.expires", NULL)->range.v[0].lo,
			 30);
	assert_null(find(f, "account.1.new", NULL));
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.v[0].line, 8);
}

#define HEAD "version: \"1\"\nparams:\n"
#define ENTRY(k, t) "  - key: " k "\n    type: " t "\n"
#define TAIL "    summary: s\n    source: s\n"

static void
test_error_unknown_field(void **state)
{
	expect_error(*state, "u.yaml", HEAD ENTRY("account.X.a", "int")
		     "    sumary: s\n" TAIL, 5, "unknown field 'sumary'");
	expect_error(*state, "u.yaml", "version: \"1\"\nfoo: bar\n", 2,
		     "unknown field 'foo'");
}

static void
test_error_bad_type(void **state)
{
	expect_error(*state, "t.yaml", HEAD ENTRY("account.X.a", "int")
		     TAIL ENTRY("account.X.b", "integer") TAIL, 8,
		     "unknown type 'integer' for account.X.b");
}

static void
test_error_bad_range(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "r.yaml", HEAD ENTRY("account.X.a", "int")
		     "    range: \"60..0\"\n" TAIL, 5, "bad range '60..0'");
	expect_error(f, "r.yaml", HEAD ENTRY("account.X.a", "int")
		     "    range: \"0.5..1\"\n" TAIL, 5, "bad range");
	expect_error(f, "r.yaml", HEAD ENTRY("account.X.a", "string")
		     "    range: \"1..5\"\n" TAIL, 5, "ranges are for int");
	expect_error(f, "r.yaml", HEAD ENTRY("account.X.a", "port")
		     "    range: \"1..70000\"\n" TAIL, 5, "beyond 0..65535");
	expect_error(f, "r.yaml", HEAD ENTRY("account.X.a", "string")
		     "    max_length: \"0\"\n" TAIL, 5, "bad max_length");
	expect_error(f, "r.yaml", HEAD ENTRY("account.X.a", "int")
		     "    n_range: \"1..3\"\n" TAIL, 5, "no N in its key");
}

static void
test_error_enum_values(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "e.yaml", HEAD ENTRY("account.X.a", "int") TAIL
		     ENTRY("account.X.b", "enum") TAIL, 7,
		     "enum account.X.b has no values");
	expect_error(f, "e.yaml", HEAD ENTRY("account.X.b", "enum")
		     "    values: [\"1 a\", \"1 b\"]\n" TAIL, 5,
		     "value '1' is listed twice");
	expect_error(f, "e.yaml", HEAD ENTRY("account.X.b", "int")
		     "    values: [\"1 a\"]\n" TAIL, 5, "values are for enum");
}

static void
test_error_missing_summary(void **state)
{
	expect_error(*state, "m.yaml", HEAD ENTRY("account.X.a", "int")
		     "    source: s\n", 3, "account.X.a has no summary");
}

static void
test_error_missing_source(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "m.yaml", HEAD ENTRY("account.X.a", "int")
		     "    summary: s\n", 3, "has no source");
	expect_error(f, "m.yaml", HEAD ENTRY("account.X.a", "int")
		     "    summary: s\n    unverified: false\n", 3,
		     "has no source");
	expect_error(f, "m.yaml", HEAD ENTRY("account.X.a", "int")
		     "    summary: s\n    unverified: yes\n", 6,
		     "must be true or false");
	assert_int_equal(load(f, "m.yaml", HEAD ENTRY("account.X.a", "int")
			      "    summary: s\n    unverified: true\n"), 0);
}

static void
test_error_unknown_references(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "x.yaml", HEAD ENTRY("account.X.a", "int") TAIL
		     ENTRY("account.X.b", "int")
		     "    requires: \"account.X.nothing in 1\"\n" TAIL, 9,
		     "requires key account.X.nothing of account.X.b is not a "
		     "known key");
	expect_error(f, "x.yaml", HEAD ENTRY("account.X.b", "int")
		     "    fallback: account.X.nothing\n" TAIL, 5,
		     "fallback key account.X.nothing of account.X.b is not a "
		     "known key");
	expect_error(f, "x.yaml", HEAD ENTRY("account.X.b", "int")
		     "    fallback: account.X.server.Y.b\n" TAIL, 5,
		     "uses a placeholder that account.X.b does not have");
	expect_error(f, "x.yaml", HEAD ENTRY("account.X.a", "bool") TAIL
		     ENTRY("account.X.b", "int")
		     "    requires: \"account.X.a in 0.5\"\n" TAIL, 9,
		     "do not fit account.X.a");
	expect_error(f, "x.yaml", HEAD ENTRY("account.X.b", "int")
		     "    requires: \"account.X.b = 1\"\n" TAIL, 5,
		     "expected 'KEY in RANGES'");
	expect_error(f, "x.yaml", HEAD ENTRY("account.X.b", "int")
		     "    when: \"1\"\n" TAIL, 5, "has 'when' but no 'requires'");
}

/* Asserts that loading fails and that some schema error at line says
 * text. */
static void
expect_some_error(struct fixture *f, const char *yaml, unsigned line,
		  const char *text)
{
	bool found = false;

	ycfg_diags_clear(&f->d);
	assert_int_equal(load(f, "l.yaml", yaml), -1);
	for (size_t i = 0; i < f->d.n; i++)
		if (f->d.v[i].line == line && strstr(f->d.v[i].msg, text))
			found = true;
	if (!found)
		fail_msg("no schema error '%s' at line %u", text, line);
}

static void
test_error_fallback_loops(void **state)
{
	struct fixture *f = *state;

	expect_some_error(f, HEAD ENTRY("account.X.a", "int")
			  "    fallback: account.X.b\n" TAIL
			  ENTRY("account.X.b", "int")
			  "    fallback: account.X.a\n" TAIL, 5,
			  "fallback of account.X.a loops back to itself");
	expect_some_error(f, HEAD ENTRY("account.X.a", "int")
			  "    fallback: account.X.a\n" TAIL, 5,
			  "fallback of account.X.a loops back to itself");
}

static void
test_error_fallback_chain_too_long(void **state)
{
	struct fixture *f = *state;

	expect_some_error(f, HEAD
		ENTRY("account.X.a", "int") "    fallback: account.X.b\n" TAIL
		ENTRY("account.X.b", "int") "    fallback: account.X.c\n" TAIL
		ENTRY("account.X.c", "int") "    fallback: account.X.d\n" TAIL
		ENTRY("account.X.d", "int") "    fallback: account.X.e\n" TAIL
		ENTRY("account.X.e", "int") "    fallback: account.X.f\n" TAIL
		ENTRY("account.X.f", "int") TAIL, 5,
		"fallback chain of account.X.a is longer than 4 steps");
	/* four steps are fine */
	ycfg_diags_clear(&f->d);
	assert_int_equal(load(f, "c.yaml", HEAD
		ENTRY("account.X.a", "int") "    fallback: account.X.b\n" TAIL
		ENTRY("account.X.b", "int") "    fallback: account.X.c\n" TAIL
		ENTRY("account.X.c", "int") "    fallback: account.X.d\n" TAIL
		ENTRY("account.X.d", "int") "    fallback: account.X.e\n" TAIL
		ENTRY("account.X.e", "int") TAIL), 0);
}

static void
test_error_bad_adjust_and_default(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "a.yaml", HEAD ENTRY("account.X.a", "int")
		     "    adjust: \"1..59 => 60\"\n" TAIL, 5, "bad adjust");
	expect_error(f, "a.yaml", HEAD ENTRY("account.X.a", "int")
		     "    adjust: \"1..59 -> x\"\n" TAIL, 5, "bad adjust");
	expect_error(f, "a.yaml", HEAD ENTRY("account.X.a", "enum")
		     "    values: [\"1\"]\n    adjust: \"1 -> 2\"\n" TAIL, 6,
		     "has adjust but type enum");
	expect_error(f, "a.yaml", HEAD ENTRY("account.X.a", "int")
		     "    range: \"1..5\"\n    default: \"9\"\n" TAIL, 6,
		     "default does not fit the entry: account.X.a is 9, "
		     "outside 1..5");
	expect_error(f, "a.yaml", HEAD ENTRY("account.X.a", "int")
		     "    requires_level: error\n    requires: "
		     "\"account.X.a in 1\"\n" TAIL, 5, "bad requires_level");
	expect_error(f, "a.yaml", HEAD ENTRY("account.X.a", "string")
		     "    multi_value: semicolon\n" TAIL, 5, "bad multi_value");
}

static void
test_error_bad_keys(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "k.yaml", HEAD ENTRY("account.X..a", "int") TAIL, 3,
		     "empty segment");
	expect_error(f, "k.yaml", HEAD ENTRY("account.X.a b", "int") TAIL, 3,
		     "may hold only");
	expect_error(f, "k.yaml", HEAD ENTRY("account.X.X", "int") TAIL, 3,
		     "appears twice");
	expect_error(f, "k.yaml", HEAD ENTRY("account.1.a", "int") TAIL, 3,
		     "fixed numeric segment");
	expect_error(f, "k.yaml", HEAD "  - type: int\n" TAIL, 3,
		     "params entry 1 has no key");
}

static void
test_error_duplicate_key(void **state)
{
	struct fixture *f = *state;

	/* (a segment of one capital letter is a placeholder, so the
	 * case-insensitive clash is shown on two-letter names) */
	expect_error(f, "d.yaml", HEAD ENTRY("account.X.ab", "int") TAIL
		     ENTRY("account.X.b", "int") TAIL
		     ENTRY("Account.X.AB", "bool") TAIL, 11,
		     "duplicate key Account.X.AB (same as params entry 1");
	/* two placeholders for the same slot collide as well */
	expect_error(f, "d.yaml", HEAD ENTRY("account.X.s.Y.a", "int") TAIL
		     ENTRY("account.X.s.N.a", "int") TAIL, 7,
		     "duplicate key");
	expect_error(f, "d.yaml", HEAD ENTRY("account.X.a", "int")
		     "    type: bool\n" TAIL, 5, "field 'type' is given twice");
}

static void
test_error_yaml_syntax(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "y.yaml", HEAD ENTRY("account.X.a", "int")
		     "    summary: a: b\n    source: s\n", 5,
		     "yaml syntax error");
	expect_error(f, "y.yaml", HEAD ENTRY("account.X.a", "int")
		     "    summary: \"s\n", 6, "yaml syntax error");
	expect_error(f, "y.yaml", "version: \"1\"\n\tparams: []\n", 2,
		     "yaml syntax error");
}

static void
test_error_version(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "v.yaml", "namespaces: [account]\nversion: \"2\"\n", 2,
		     "unsupported schema version '2'");
	expect_error(f, "v.yaml", "namespaces: [account]\n", 0,
		     "missing version");
	expect_error(f, "v.yaml", "", 0, "empty schema file");
	expect_error(f, "v.yaml", "version: [1]\n", 1,
		     "expected a text value, found a sequence");
}

static void
test_error_top_level(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "top.yaml", "- key: account.X.a\n", 1,
		     "expected a mapping, found a sequence");
	expect_error(f, "top.yaml", "just text\n", 1,
		     "expected a mapping, found a scalar");
	expect_error(f, "top.yaml", "version: \"1\"\nparams: {}\n", 2,
		     "expected a sequence, found a mapping");
}

static void
test_error_models_and_namespaces(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "mo.yaml", "version: \"1\"\nmodels:\n"
		     "  - name: T54W\n    accounts: \"0\"\n", 4,
		     "model T54W needs accounts");
	expect_error(f, "mo.yaml", "version: \"1\"\nmodels:\n"
		     "  - accounts: \"2\"\n", 3, "has no name");
	expect_error(f, "mo.yaml", "version: \"1\"\nmodels:\n"
		     "  - name: A\n    accounts: \"2\"\n"
		     "  - name: a\n    accounts: \"3\"\n", 5,
		     "model a is listed twice");
	expect_error(f, "ns.yaml", "version: \"1\"\nnamespaces:\n"
		     "  - account\n  - account.x\n", 4, "bad namespace");
}

static void
test_several_errors_reported(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "many.yaml", HEAD
			      ENTRY("account.X.a", "nope") TAIL
			      ENTRY("account.X.b", "int")
			      "    range: \"x\"\n" TAIL), -1);
	assert_int_equal(f->d.n, 2);
	assert_int_equal(f->d.v[0].line, 4);
	assert_int_equal(f->d.v[1].line, 9);
	assert_int_equal(f->s.nparams, 0);
}

static void
test_suggest(void **state)
{
	struct fixture *f = *state;
	char buf[128];

	assert_int_equal(load(f, "good.yaml", GOOD), 0);
#define SUGGEST(k) ycfg_schema_suggest(&f->s, k, strlen(k), buf, sizeof(buf))
	assert_int_equal(SUGGEST("account.1.sip_server.1.adress"), 30);
	assert_string_equal(buf, "account.1.sip_server.1.address");
	assert_int_equal(SUGGEST("account.1.sip_server1.port"), 27);
	assert_string_equal(buf, "account.1.sip_server.1.port");
	assert_true(SUGGEST("account.12.sip_server_2.port") > 0);
	assert_string_equal(buf, "account.12.sip_server.2.port");
	assert_true(SUGGEST("account.1.sip_server.2port") > 0);
	assert_string_equal(buf, "account.1.sip_server.2.port");
	assert_true(SUGGEST("account1.expires") > 0);
	assert_string_equal(buf, "account.1.expires");
	/* the user's own numbers are kept, case is corrected */
	assert_true(SUGGEST("Account.07.SIP_SERVER.2.PROT") > 0);
	assert_string_equal(buf, "account.07.sip_server.2.port");
	assert_true(SUGGEST("account.4.expire") > 0);
	assert_string_equal(buf, "account.4.expires");
	/* a legacy key is proposed only when no current key is as near (a
	 * typo of a legacy key is still a legacy key; lint then names its
	 * replacement) */
	assert_true(SUGGEST("account.1.sip_server_hots") > 0);
	assert_string_equal(buf, "account.1.sip_server_host");
	/* a lone word says too little to guess its family */
	assert_int_equal(SUGGEST("port"), 0);

	assert_int_equal(SUGGEST("account.1.completely_different"), 0);
	assert_int_equal(SUGGEST("account.1.sip_server.1.port"), 0);
	assert_int_equal(SUGGEST("account.1.2.expires"), 0);
	assert_int_equal(SUGGEST(""), 0);
	assert_int_equal(ycfg_schema_suggest(&f->s, "account.1.expire", 16,
					     buf, 10), 0);
#undef SUGGEST
}

/* The usual slips beyond typos, and what is never proposed. */
static void
test_suggest_slips(void **state)
{
	struct fixture *f = *state;
	char buf[128];
	static const char yaml[] =
		"version: \"1\"\n"
		"params:\n"
		"  - {key: phone_setting.lcd_logo.mode, type: int, summary: s, "
		"unverified: true}\n"
		"  - {key: auto_provision.mode, type: int, summary: s, "
		"unverified: true}\n"
		"  - {key: voice.tone.country, type: string, summary: s, "
		"unverified: true}\n"
		"  - {key: video.h263.enable, type: bool, summary: s, "
		"unverified: true}\n"
		"  - {key: video.h264.enable, type: bool, summary: s, "
		"unverified: true}\n"
		"  - {key: video.h264.mode, type: int, summary: s, "
		"unverified: true}\n"
		"  - {key: listen.N.label, type: string, summary: s, "
		"unverified: true}\n"
		"  - {key: sip.port, type: port, summary: s, "
		"unverified: true}\n";

	assert_int_equal(load(f, "slips.yaml", yaml), 0);
#define SUGGEST(k) ycfg_schema_suggest(&f->s, k, strlen(k), buf, sizeof(buf))
	/* a leading segment missing, or one too many */
	assert_true(SUGGEST("lcd_logo.mode") > 0);
	assert_string_equal(buf, "phone_setting.lcd_logo.mode");
	assert_true(SUGGEST("static.auto_provision.mode") > 0);
	assert_string_equal(buf, "auto_provision.mode");
	/* '_' for '.' */
	assert_true(SUGGEST("voice.tone_country") > 0);
	assert_string_equal(buf, "voice.tone.country");
	/* a real word is not a typo of another: h265 is no word, h264 is */
	assert_true(SUGGEST("video.h265.enable") > 0);
	assert_int_equal(SUGGEST("video.h263.mode"), 0);
	assert_int_equal(SUGGEST("listen.1.port"), 0);
	/* "port" is a word of the schema, "label" far from it */
	assert_int_equal(SUGGEST("listen.2.port"), 0);
#undef SUGGEST
}

static void
test_pattern_expand(void **state)
{
	char buf[64];
	const uint64_t v[] = { 3, 2 };

	(void)state;
	assert_int_equal(ycfg_pattern_expand("account.X.sip_server.Y.port",
					     "XY", v, 2, buf, sizeof(buf)), 27);
	assert_string_equal(buf, "account.3.sip_server.2.port");
	/* binding is by letter, not position */
	assert_int_equal(ycfg_pattern_expand("account.X.sip_server.Y.port",
					     "YX", v, 2, buf, sizeof(buf)), 27);
	assert_string_equal(buf, "account.2.sip_server.3.port");
	assert_int_equal(ycfg_pattern_expand("account.X.expires", "X", v, 1,
					     buf, sizeof(buf)), 17);
	assert_int_equal(ycfg_pattern_expand("features.x", "", v, 0, buf,
					     sizeof(buf)), 10);
	assert_string_equal(buf, "features.x");
	/* unbound placeholder, short buffer */
	assert_int_equal(ycfg_pattern_expand("account.X.sip_server.Y.port",
					     "X", v, 1, buf, sizeof(buf)), 0);
	assert_int_equal(ycfg_pattern_expand("account.X.sip_server.Y.port",
					     "XY", v, 2, buf, 27), 0);
	/* "XY" with n == 1 binds only X */
	assert_int_equal(ycfg_pattern_expand("account.X.sip_server.Y.port",
					     "XY", v, 1, buf, sizeof(buf)), 0);
}

static void
test_type_names(void **state)
{
	(void)state;
	assert_string_equal(ycfg_type_name(YCFG_T_BOOL), "bool");
	assert_string_equal(ycfg_type_name(YCFG_T_URL), "url");
	assert_string_equal(ycfg_type_name(YCFG_T_PORT), "port");
	assert_string_equal(ycfg_type_name(YCFG_T__COUNT), "unknown");
}

static void
test_load_file_errors(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(ycfg_schema_load_file(&f->s, "/nonexistent/x.yaml",
					       &f->d), -1);
	assert_int_equal(f->d.n, 1);
	assert_non_null(strstr(f->d.v[0].msg, "cannot read schema file"));
	ycfg_diags_clear(&f->d);
	assert_int_equal(ycfg_schema_load_dir(&f->s, "/nonexistent", &f->d),
			 -1);
	assert_int_equal(f->d.n, 1);
	assert_non_null(strstr(f->d.v[0].msg, "cannot open schema directory"));
}

static void
test_real_schema_dir(void **state)
{
	struct fixture *f = *state;
	const char *dir = getenv("YCFG_SCHEMA_DIR");

	if (dir == NULL)
		dir = YCFG_TEST_SRCDIR "/schema";
	int rc = ycfg_schema_load_dir(&f->s, dir, &f->d);

	for (size_t i = 0; i < f->d.n; i++)
		print_error("%s:%u: %s\n", f->d.v[i].file, f->d.v[i].line,
			    f->d.v[i].msg);
	assert_int_equal(rc, 0);
	assert_int_equal(f->d.n, 0);
	assert_true(f->s.nparams > 0);
	assert_non_null(find(f, "account.1.sip_server.1.address", NULL));
	assert_non_null(find(f, "account.3.outbound_proxy.2.retry_counts",
			     NULL));
	assert_true(ycfg_schema_in_namespace(&f->s, "account.1.x", 11));
	/* every resolved reference points into the table */
	for (size_t i = 0; i < f->s.nparams; i++) {
		const struct ycfg_param *p = &f->s.params[i];

		if (p->fallback_key != NULL)
			assert_non_null(p->fallback);
		for (size_t k = 0; k < p->nrequires; k++)
			assert_non_null(p->requires[k].param);
		/* each entry is found by a concrete key */
		static const uint64_t ones[YCFG_MAX_INDICES] = { 1, 1, 1, 1 };
		char key[256];
		size_t kl = ycfg_pattern_expand(p->key, p->placeholders, ones,
						(unsigned)strlen(p->placeholders),
						key, sizeof(key));

		assert_true(kl > 0);
		if (p->scope == YCFG_SCOPE_BOOT)
			assert_ptr_equal(ycfg_schema_lookup_directive(&f->s, key,
								      kl), p);
		else
			assert_ptr_equal(ycfg_schema_lookup(&f->s, key, kl,
							    NULL), p);
	}
}

/* Unknown keys are secret by their last segments, trailing indexes left
 * out; globs with dots take as many segments.  Known keys follow their
 * entry. */
static void
test_secret_names(void **state)
{
	struct fixture *f = *state;
	static const char yaml[] =
		"version: \"1\"\n"
		"secret_names: [\"*passw*\", \"*_pin\", \"aes_key*.*\"]\n"
		"params:\n"
		"  - {key: a.password_policy, type: int, summary: s, "
		"unverified: true}\n";

	assert_int_equal(load(f, "s.yaml", yaml), 0);
#define SECRET(k) ycfg_schema_key_is_secret(&f->s, (k), strlen(k))
	assert_true(SECRET("x.password"));
	assert_true(SECRET("x.PassWord2"));
	assert_true(SECRET("x.password.1"));
	assert_true(SECRET("x.password.1.2"));
	assert_true(SECRET("phone_lock.unlock_pin"));
	assert_true(SECRET("static.auto_provision.aes_key_16.com"));
	assert_true(SECRET("password"));
	/* a known entry is what the schema says */
	assert_false(SECRET("a.password_policy"));
	assert_false(SECRET("x.pin.enable"));
	assert_false(SECRET("x.com"));
	assert_false(SECRET("com"));
	assert_false(SECRET("1.2"));
	assert_false(SECRET(""));
#undef SECRET
}

static void
test_error_bad_secret_names(void **state)
{
	struct fixture *f = *state;

	expect_error(f, "s.yaml", "version: \"1\"\nsecret_names: [\".pin\"]\n",
		     2, "bad secret_names '.pin'");
	expect_error(f, "s.yaml", "version: \"1\"\nsecret_names: [\"a..b\"]\n",
		     2, "bad secret_names 'a..b'");
	expect_error(f, "s.yaml", "version: \"1\"\nsecret_names: [\"a b\"]\n",
		     2, "bad secret_names 'a b'");
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_good_file),
		T(test_lookup),
		T(test_models),
		T(test_override_by_later_file),
		T(test_failed_load_keeps_schema),
		T(test_error_unknown_field),
		T(test_error_bad_type),
		T(test_error_bad_range),
		T(test_error_enum_values),
		T(test_error_missing_summary),
		T(test_error_missing_source),
		T(test_error_unknown_references),
		T(test_error_fallback_loops),
		T(test_error_fallback_chain_too_long),
		T(test_error_bad_adjust_and_default),
		T(test_error_bad_keys),
		T(test_error_duplicate_key),
		T(test_error_yaml_syntax),
		T(test_secret_names),
		T(test_suggest_slips),
		T(test_error_bad_secret_names),
		T(test_error_version),
		T(test_error_top_level),
		T(test_error_models_and_namespaces),
		T(test_several_errors_reported),
		T(test_suggest),
		T(test_pattern_expand),
		T(test_type_names),
		T(test_load_file_errors),
		T(test_real_schema_dir),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
