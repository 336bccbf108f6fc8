/*
 * test_lint.c - per-file lint checks driven by a small inline schema.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/lint.h"
#include "ycfg/resolve.h"
#include "ycfg/schema.h"
#include "ycfg/tree.h"

static const char schema_yaml[] =
	"version: \"1\"\n"
	"namespaces: [account]\n"
	"indexes:\n"
	"  - {letter: X, name: account, range: \"1..16\", prefix: account,"
	" rule: account-index, enabled_by: account.X.enable,"
	" model_count: accounts}\n"
	"  - {letter: Y, name: server, range: \"1|2\"}\n"
	"secret_names: [\"*password*\", \"*passwd*\", \"*secret*\", pin, \"*_key\"]\n"
	"models:\n"
	"  - {name: T31P, accounts: \"2\", source: test}\n"
	"  - {name: T54W, accounts: \"16\", source: test}\n"
	"params:\n"
	"  - key: account.X.enable\n"
	"    type: bool\n"
	"    default: \"0\"\n"
	"    summary: account on\n"
	"    source: test\n"
	"  - key: account.X.password\n"
	"    type: string\n"
	"    max_length: \"5\"\n"
	"    secret: true\n"
	"    summary: password\n"
	"    source: test\n"
	"  - key: account.X.sip_server.Y.address\n"
	"    type: host\n"
	"    summary: server\n"
	"    source: test\n"
	"  - key: account.X.sip_server.Y.port\n"
	"    type: port\n"
	"    default: \"5060\"\n"
	"    summary: port\n"
	"    source: test\n"
	"  - key: account.X.sip_server.Y.expires\n"
	"    type: int\n"
	"    range: \"30..2147483647\"\n"
	"    default: \"3600\"\n"
	"    summary: expires\n"
	"    source: test\n"
	"  - key: account.X.sip_server.Y.register_on_enable\n"
	"    type: bool\n"
	"    default: \"0\"\n"
	"    summary: reg on enable\n"
	"    source: test\n"
	"  - key: account.X.sip_server.Y.failback_mode\n"
	"    type: enum\n"
	"    values: [\"0 newRequests\", \"1 DNSTTL\", \"2 Registration\", \"3 duration\"]\n"
	"    default: \"0\"\n"
	"    summary: failback mode\n"
	"    source: test\n"
	"  - key: account.X.sip_server.Y.failback_timeout\n"
	"    type: int\n"
	"    range: \"0|60..65535\"\n"
	"    adjust: \"1..59 -> 60\"\n"
	"    default: \"3600\"\n"
	"    requires: \"account.X.sip_server.Y.failback_mode in 3\"\n"
	"    requires_level: info\n"
	"    summary: failback timeout\n"
	"    source: test\n"
	"  - key: account.X.sip_server.Y.only_signal_with_registered\n"
	"    type: bool\n"
	"    default: \"0\"\n"
	"    requires: \"account.X.sip_server.Y.register_on_enable in 1 && account.X.sip_server.Y.failback_mode in 1..3\"\n"
	"    when: \"1\"\n"
	"    summary: only signal when registered\n"
	"    source: test\n"
	"  - key: account.X.outbound_proxy.Y.register_on_enable\n"
	"    type: bool\n"
	"    default: \"-1\"\n"
	"    fallback: account.X.sip_server.Y.register_on_enable\n"
	"    summary: proxy reg on enable\n"
	"    source: test\n"
	"  - key: account.X.outbound_proxy.Y.failback_mode\n"
	"    type: enum\n"
	"    values: [\"0 newRequests\", \"1 DNSTTL\", \"2 Registration\", \"3 duration\"]\n"
	"    default: \"-1\"\n"
	"    fallback: account.X.sip_server.Y.failback_mode\n"
	"    summary: proxy failback mode\n"
	"    source: test\n"
	"  - key: account.X.outbound_proxy.Y.only_signal_with_registered\n"
	"    type: bool\n"
	"    default: \"-1\"\n"
	"    fallback: account.X.sip_server.Y.only_signal_with_registered\n"
	"    requires: \"account.X.outbound_proxy.Y.register_on_enable in 1 && account.X.outbound_proxy.Y.failback_mode in 1..3\"\n"
	"    when: \"1\"\n"
	"    summary: proxy only signal when registered\n"
	"    source: test\n"
	"  - key: account.X.transport\n"
	"    type: enum\n"
	"    values: [\"0 UDP\", \"1 TCP\", \"2 TLS\", \"3 DNS-NAPTR\"]\n"
	"    renamed_to: account.X.sip_server.Y.transport_type\n"
	"    summary: legacy transport\n"
	"    source: test\n"
	"  - key: overwrite_mode\n"
	"    type: enum\n"
	"    values: [\"0 blank keeps\", \"1 blank resets\"]\n"
	"    file: boot\n"
	"    role: overwrite_mode\n"
	"    summary: blank handling\n"
	"    source: test\n"
	"  - key: static.specific_model.excluded_mode\n"
	"    type: bool\n"
	"    file: boot\n"
	"    summary: exclude mode\n"
	"    source: test\n"
	"  - key: security.user_password\n"
	"    type: string\n"
	"    multi_value: colon\n"
	"    secret: true\n"
	"    summary: web passwords\n"
	"    source: test\n";

struct fixture {
	char dir[64];       /* temp dir holding files that boot tests include */
	char boot[96];      /* dir + "/y.boot" */
	struct ycfg_schema schema;
	struct ycfg_lint_opts opts;
	struct ycfg_linter linter;
	struct ycfg_doc doc;
	struct ycfg_diags d;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ycfg_diags sd;

	if (f == NULL)
		return -1;
	ycfg_diags_init(&sd);
	ycfg_schema_init(&f->schema);
	if (ycfg_schema_load_data(&f->schema, "test.yaml", schema_yaml,
				  strlen(schema_yaml), &sd) != 0) {
		for (size_t i = 0; i < sd.n; i++)
			fprintf(stderr, "%s:%u: %s\n", sd.v[i].file,
				sd.v[i].line, sd.v[i].msg);
		ycfg_diags_free(&sd);
		free(f);
		return -1;
	}
	ycfg_diags_free(&sd);
	strcpy(f->dir, "/tmp/ycfg-lint-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->boot, sizeof(f->boot), "%s/y.boot", f->dir);

	static const char *const names[] = { "y000000000000.cfg", "t54w.cfg",
					     "a.cfg" };

	for (size_t i = 0; i < 3; i++) {
		char path[128];
		FILE *fp;

		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		fp = fopen(path, "w");
		if (fp == NULL)
			return -1;
		fputs("#!version:1.0.0.1\n", fp);
		fclose(fp);
	}
	ycfg_lint_opts_init(&f->opts, &f->schema, NULL);
	ycfg_linter_init(&f->linter, &f->opts);
	ycfg_doc_init(&f->doc);
	ycfg_diags_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	ycfg_doc_free(&f->doc);
	ycfg_diags_free(&f->d);
	ycfg_linter_free(&f->linter);
	ycfg_schema_free(&f->schema);
	free(f);
	return 0;
}

/* Lints text as file name; returns the fixture's diagnostics. */
static struct ycfg_diags *
lint(struct fixture *f, const char *name, const char *text)
{
	ycfg_diags_clear(&f->d);
	assert_int_equal(ycfg_lint_single_memory(&f->linter, name, text,
						 strlen(text), &f->doc, &f->d),
			 0);
	ycfg_diags_sort(&f->d);
	return &f->d;
}

/* The flags of a key's entry in the last linted document. */
static unsigned
f_entry_flags(struct fixture *f, const char *key)
{
	const struct ycfg_entry *e = ycfg_doc_get(&f->doc, key, strlen(key));

	assert_non_null(e);
	return e->flags;
}

/* Asserts that d holds exactly one diagnostic of rule id at line:col
 * whose message contains sub. */
static void
expect_one(const struct ycfg_diags *d, const char *id, unsigned line,
	   unsigned col, const char *sub)
{
	if (d->n != 1) {
		for (size_t i = 0; i < d->n; i++)
			fprintf(stderr, "  got %u:%u %s %s\n", d->v[i].line,
				d->v[i].col, ycfg_rule_info(d->v[i].rule)->id,
				d->v[i].msg);
	}
	assert_int_equal(d->n, 1);
	assert_string_equal(ycfg_rule_info(d->v[0].rule)->id, id);
	assert_int_equal(d->v[0].line, line);
	assert_int_equal(d->v[0].col, col);
	if (strstr(d->v[0].msg, sub) == NULL)
		fail_msg("message '%s' lacks '%s'", d->v[0].msg, sub);
}

#define HDR "#!version:1.0.0.1\n"

static void
lint_clean_file_has_no_findings(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "account.1.enable = 1\n"
		"account.1.sip_server.1.address = pbx.example.com\n"
		"account.1.sip_server.1.port = 5060\n"
		"account.16.sip_server.2.expires = 30\n"
		"static.anything.goes = whatever\n");

	assert_int_equal(d->n, 0);
}

static void
lint_reports_out_of_range(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.1.expires = 10\n"),
		   "out-of-range", 2, 34, "30..2147483647");
}

static void
lint_reports_strict_integer_syntax(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.1.port = +5060\n"),
		   "invalid-value", 2, 31, "+5060");
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.1.port = 0x13c4\n"),
		   "invalid-value", 2, 31, "0x13c4");
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.1.expires = 3600.5\n"),
		   "invalid-value", 2, 34, "3600.5");
}

static void
lint_reports_adjusted_failback_timeout(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.1.failback_mode = 3\n"
			"account.1.sip_server.1.failback_timeout = 30\n"),
		   "value-adjusted", 3, 43, "60");
}

static void
lint_reports_account_index_zero(void **state)
{
	expect_one(lint(*state, "a.cfg", HDR "account.0.enable = 1\n"),
		   "account-index", 2, 9, "0");
}

static void
lint_reports_account_index_leading_zero(void **state)
{
	expect_one(lint(*state, "a.cfg", HDR "account.01.enable = 1\n"),
		   "account-index", 2, 9, "leading zero");
}

static void
lint_reports_account_index_overflow(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.99999999999999999999.enable = 1\n"),
		   "account-index", 2, 9, "beyond 16");
}

static void
lint_reports_account_index_negative(void **state)
{
	expect_one(lint(*state, "a.cfg", HDR "account.-1.enable = 1\n"),
		   "account-index", 2, 9, "not a positive number");
}

static void
lint_reports_template_placeholder(void **state)
{
	expect_one(lint(*state, "a.cfg", HDR "account.X.enable = 1\n"),
		   "account-index", 2, 9, "placeholder");
}

static void
lint_model_limits_accounts(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(ycfg_lint_opts_init(&f->opts, &f->schema, "T31P"), 0);
	expect_one(lint(f, "a.cfg", HDR "account.3.enable = 1\n"),
		   "account-index", 2, 9, "2 accounts of model T31P");
	assert_int_equal(ycfg_lint_opts_init(&f->opts, &f->schema, "t31p"), 0);
	assert_int_equal(ycfg_lint_opts_init(&f->opts, &f->schema, "T99"), -1);
	ycfg_lint_opts_init(&f->opts, &f->schema, NULL);
}

static void
lint_reports_server_index(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.3.port = 5060\n"),
		   "index-range", 2, 22, "1 or 2");
}

static void
lint_suggests_for_unknown_key(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.1.adress = pbx\n"),
		   "unknown-key", 2, 1,
		   "did you mean 'account.1.sip_server.1.address'");
}

static void
lint_suggests_dot_for_glued_index(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server1.port = 5060\n"),
		   "unknown-key", 2, 1, "account.1.sip_server.1.port");
}

static void
lint_ignores_keys_outside_namespaces(void **state)
{
	assert_int_equal(lint(*state, "a.cfg",
			      HDR "features.foo.bar = 1\nlang.gui = English\n")->n,
			 0);
}

static void
lint_reports_renamed_key(void **state)
{
	expect_one(lint(*state, "a.cfg", HDR "account.2.transport = 1\n"),
		   "renamed-key", 2, 1, "account.2.sip_server.Y.transport_type");
}

static void
lint_reports_duplicate_naming_earlier_line(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.enable = 0\n#\naccount.1.enable = 1\n"),
		   "duplicate-key", 4, 1, "line 2");
}

static void
lint_multi_value_keys_are_not_duplicates(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "security.user_password = user:abc\n"
		"security.user_password = admin:def\n");

	assert_int_equal(d->n, 0);
	expect_one(lint(*state, "a.cfg",
			HDR "security.user_password = admin:abc\n"
			"security.user_password = admin:def\n"),
		   "duplicate-key", 3, 1, "line 2");
}

static void
lint_never_prints_secret_values(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "account.1.password = hunter2secret\n"
		"account.1.password = hunter2secret\n"
		"security.user_password = admin:hunter2secret\n");

	assert_true(d->n >= 2);
	for (size_t i = 0; i < d->n; i++)
		assert_null(strstr(d->v[i].msg, "hunter2"));
}

static void
lint_note_violated_directly(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "account.1.sip_server.1.only_signal_with_registered = 1\n"
			"account.1.sip_server.1.register_on_enable = 1\n"),
		   "ineffective-setting", 2, 1,
		   "account.1.sip_server.1.failback_mode in 1..3, but it is 0 "
		   "from default");
}

static void
lint_note_satisfied_is_silent(void **state)
{
	assert_int_equal(lint(*state, "a.cfg",
		HDR "account.1.sip_server.1.only_signal_with_registered = 1\n"
		"account.1.sip_server.1.register_on_enable = 1\n"
		"account.1.sip_server.1.failback_mode = 2\n")->n, 0);
}

static void
lint_note_not_judged_when_off(void **state)
{
	assert_int_equal(lint(*state, "a.cfg",
		HDR "account.1.sip_server.1.only_signal_with_registered = 0\n")->n,
		0);
}

static void
lint_note_judged_through_fallback(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "account.1.outbound_proxy.1.only_signal_with_registered = 1\n"
		"account.1.outbound_proxy.1.register_on_enable = -1\n"
		"account.1.outbound_proxy.1.failback_mode = -1\n"
		"account.1.sip_server.1.register_on_enable = 1\n"
		"account.1.sip_server.1.failback_mode = 0\n");

	expect_one(d, "ineffective-setting", 2, 1,
		   "account.1.outbound_proxy.1.failback_mode in 1..3, but it "
		   "is 0 from -1 (a.cfg:4) -> "
		   "account.1.sip_server.1.failback_mode (a.cfg:6)");
}

static void
lint_note_satisfied_through_fallback(void **state)
{
	assert_int_equal(lint(*state, "a.cfg",
		HDR "account.1.outbound_proxy.1.only_signal_with_registered = 1\n"
		"account.1.outbound_proxy.1.register_on_enable = -1\n"
		"account.1.outbound_proxy.1.failback_mode = -1\n"
		"account.1.sip_server.1.register_on_enable = 1\n"
		"account.1.sip_server.1.failback_mode = 3\n")->n, 0);
}

static void
lint_info_note_uses_its_level(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "account.1.sip_server.1.failback_timeout = 120\n");

	expect_one(d, "ineffective-setting", 2, 1, "failback_mode in 3");
	assert_int_equal(d->v[0].severity, YCFG_SEV_INFO);
}

static void
lint_boot_rejects_bad_overwrite_mode(void **state)
{
	expect_one(lint(*state, "y.boot", HDR "overwrite_mode = yes\n"),
		   "bad-overwrite-mode", 2, 18, "expected 0");
}

static void
lint_boot_rejects_settings(void **state)
{
	expect_one(lint(*state, "y.boot", HDR "account.1.enable = 1\n"),
		   "unknown-boot-directive", 2, 1, "not a boot-file directive");
}

static void
lint_boot_records_includes_and_mode(void **state)
{
	struct fixture *f = *state;
	struct ycfg_diags *d = lint(f, f->boot,
		HDR "include:config \"y000000000000.cfg\"\n"
		"[T54W]\n"
		"include:config t54w.cfg\n"
		"overwrite_mode = 1\n");

	assert_int_equal(d->n, 0);
	assert_int_equal(f->doc.ninc, 2);
	assert_int_equal(f->doc.incs[0].models_len, 0);
	assert_int_equal(f->doc.incs[1].models_len, 4);
	assert_int_equal(f->doc.overwrite_mode, 1);
}

static void
lint_boot_reports_unknown_model(void **state)
{
	struct fixture *f = *state;

	expect_one(lint(f, f->boot, HDR "[T99X]include:config \"a.cfg\"\n"),
		   "unknown-model", 2, 2, "T99X");
}

static void
lint_boot_reports_missing_include(void **state)
{
	struct fixture *f = *state;

	expect_one(lint(f, f->boot, HDR "include:config \"nope.cfg\"\n"),
		   "missing-include", 2, 17, "'nope.cfg' does not exist");
}

static void
lint_boot_reports_url_include(void **state)
{
	struct fixture *f = *state;

	expect_one(lint(f, f->boot,
			HDR "include:config http://prov.example.com/a.cfg\n"),
		   "url-include", 2, 16, "never fetches");
}

static void
lint_boot_reports_include_outside_tree(void **state)
{
	struct fixture *f = *state;

	expect_one(lint(f, f->boot, HDR "include:config \"../../etc/x.cfg\"\n"),
		   "include-outside-tree", 2, 17, "outside");
	expect_one(lint(f, f->boot, HDR "include:config /etc/x.cfg\n"),
		   "include-outside-tree", 2, 16, "outside");
	/* climbing down then up stays inside */
	expect_one(lint(f, f->boot, HDR "include:config sub/../nope.cfg\n"),
		   "missing-include", 2, 16, "does not exist");
}

static void
lint_boot_reports_boot_include_cycle(void **state)
{
	struct fixture *f = *state;

	expect_one(lint(f, f->boot, HDR "include:config \"y.boot\"\n"),
		   "include-cycle", 2, 17, "boot file");
}

/* Renders all diagnostics and settings of a lint run as text. */
static char *
snapshot(struct fixture *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	ycfg_diags_sort(&f->d);
	for (size_t i = 0; i < f->d.n; i++)
		fprintf(out, "%u:%u %s %d %s\n", f->d.v[i].line, f->d.v[i].col,
			ycfg_rule_info(f->d.v[i].rule)->id, f->d.v[i].severity,
			f->d.v[i].msg);
	for (size_t i = 0; i < f->doc.n; i++) {
		const struct ycfg_entry *e = &f->doc.ents[i];

		fprintf(out, "%.*s=%.*s@%u/%u/%u\n", (int)e->key_len,
			ycfg_entry_key(&f->doc, e), (int)e->val_len,
			ycfg_entry_val(&f->doc, e), e->line, e->blank_line,
			e->flags);
	}
	fclose(out);
	return buf;
}

/* Builds a file over the split threshold that exercises everything the
 * merge of two halves must get right: duplicates across the halves, blank
 * lines after values, bad values, notes, multi-value keys and the cap. */
static char *
big_text(void)
{
	size_t cap = 12u << 20, len = 0;
	char *t = malloc(cap);

	assert_non_null(t);
	len += (size_t)sprintf(t + len, HDR);
	for (unsigned i = 0; len < (10u << 20); i++) {
		unsigned a = i % 16 + 1;

		len += (size_t)sprintf(t + len,
			"account.%u.sip_server.1.expires = %u\n"
			"account.%u.sip_server.1.port = %s\n"
			"account.%u.enable = %s\n"
			"security.user_password = u%u:x\n"
			"account.%u.sip_server.1.only_signal_with_registered = 1\n"
			"key.%u = v\n",
			a, i % 7 == 0 ? 10 : 3600, a, i % 5 == 0 ? "+1" : "5060",
			a, i % 3 == 0 ? "" : "1", i % 50, a, i);
	}
	t[len] = '\0';
	return t;
}

static void
lint_split_halves_match_sequential(void **state)
{
	struct fixture *f = *state;
	char *text = big_text();
	char *seq, *par;

	f->d.file_cap = YCFG_DIAG_CAP;
	f->opts.jobs = 1;
	lint(f, "big.cfg", text);
	seq = snapshot(f);
	f->opts.jobs = 2;
	lint(f, "big.cfg", text);
	par = snapshot(f);
	f->opts.jobs = 0;
	f->d.file_cap = 0;
	assert_true(strlen(seq) > 1000);
	assert_string_equal(seq, par);
	free(seq);
	free(par);
	free(text);
}

static void
lint_secret_detection_by_name(void **state)
{
	struct fixture *f = *state;

	assert_true(ycfg_schema_key_is_secret(&f->schema, "account.1.password", 18));
	assert_true(ycfg_schema_key_is_secret(&f->schema, "static.network.802_1x.password",
				       30));
	assert_true(ycfg_schema_key_is_secret(&f->schema, "account.1.hoteling.pin", 22));
	assert_false(ycfg_schema_key_is_secret(&f->schema, "account.1.enable", 16));
	assert_false(ycfg_schema_key_is_secret(&f->schema, "account.1.enable", 16));
}

/* ---- how values are written (trustworthy-runs issue) ---- */

static void
lint_trailing_whitespace_only_after_a_value(void **state)
{
	expect_one(lint(*state, "a.cfg", HDR "static.x = v  \n"),
		   "trailing-whitespace", 2, 13, "after the value");
	assert_int_equal(lint(*state, "a.cfg", HDR "static.x =   \n")->n, 0);
}

static void
lint_trailing_whitespace_on_secret_names_key_not_value(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
				    HDR "account.1.password = abc  \n");

	expect_one(d, "trailing-whitespace", 2, 25,
		   "value of account.1.password");
	assert_int_equal(d->v[0].severity, YCFG_SEV_WARNING);
	assert_null(strstr(d->v[0].msg, "abc"));
	d = lint(*state, "a.cfg",
		 HDR "account.1.sip_server.1.address = pbx.example.com \n");
	expect_one(d, "trailing-whitespace", 2, 49, "may keep them");
	assert_int_equal(d->v[0].severity, YCFG_SEV_WARNING);
}

static void
lint_inline_comment_found(void **state)
{
	expect_one(lint(*state, "a.cfg",
			HDR "voice_mail.number.1 = *97   ## voicemail\n"),
		   "inline-comment", 2, 29, "'## voicemail'");
	expect_one(lint(*state, "a.cfg",
			HDR "static.label = Reception # desk\n"),
		   "inline-comment", 2, 26, "'# desk'");
	expect_one(lint(*state, "a.cfg", HDR "static.t = 2 ; 2 = TLS\n"),
		   "inline-comment", 2, 14, "part of the value");
}

static void
lint_hash_inside_a_token_is_no_comment(void **state)
{
	assert_int_equal(lint(*state, "a.cfg",
			      HDR "voice_mail.number.1 = *97#\n"
			      "static.label = Desk#2\n"
			      "static.x = a #\n")->n, 0);
}

static void
lint_typed_value_error_names_the_comment(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "account.1.sip_server.1.port = 5060 # proxy\n");

	assert_int_equal(d->n, 2);
	assert_string_equal(ycfg_rule_info(d->v[0].rule)->id, "invalid-value");
	assert_non_null(strstr(d->v[0].msg, "looks like a comment"));
	assert_string_equal(ycfg_rule_info(d->v[1].rule)->id,
			    "inline-comment");
}

static void
lint_inline_comment_on_secret_is_not_quoted(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "static.x.password = ab # cd\n");

	expect_one(d, "inline-comment", 2, 24, "static.x.password");
	assert_null(strstr(d->v[0].msg, "cd"));
}

static void
lint_quoted_value(void **state)
{
	expect_one(lint(*state, "a.cfg", HDR "lang.gui = \"English\"\n"),
		   "quoted-value", 2, 12, "write English instead");
	expect_one(lint(*state, "a.cfg", HDR "lang.gui = 'English'\n"),
		   "quoted-value", 2, 12, "in quotes");
	assert_int_equal(lint(*state, "a.cfg",
			      HDR "lang.gui = \"English\n")->n, 0);
}

static void
lint_masked_secret(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
				    HDR "account.1.password = ****\n");

	expect_one(d, "masked-secret", 2, 22, "only asterisks");
	assert_int_equal(lint(*state, "a.cfg",
			      HDR "account.1.password = *9*\n")->n, 0);
	/* a secret by name only */
	expect_one(lint(*state, "a.cfg", HDR "static.x.pin = ***\n"),
		   "masked-secret", 2, 16, "static.x.pin");
}

static void
lint_underscore_host_is_a_warning(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		HDR "account.1.sip_server.1.address = pbx_1.corp.local\n");

	expect_one(d, "invalid-value", 2, 34, "'_'");
	assert_int_equal(d->v[0].severity, YCFG_SEV_WARNING);
	/* still a value the phone uses: its conditions are judged */
	assert_int_equal(f_entry_flags(*state, "account.1.sip_server.1.address")
			 & YCFG_ENT_INVALID, 0);
}

static void
lint_bracket_line_in_modern_file(void **state)
{
	struct ycfg_diags *d = lint(*state, "a.cfg",
		"[SIP]\naccount.1.enable = 2\n");

	assert_int_equal(d->n, 3);
	assert_string_equal(ycfg_rule_info(d->v[0].rule)->id,
			    "missing-header");
	assert_string_equal(ycfg_rule_info(d->v[1].rule)->id, "bracket-line");
	assert_string_equal(ycfg_rule_info(d->v[2].rule)->id, "invalid-value");
	expect_one(lint(*state, "a.cfg", HDR "[ SIP ]\naccount.1.enable = 1\n"),
		   "bracket-line", 2, 1, "no sections");
}

static void
lint_legacy_sections_still_recognised(void **state)
{
	expect_one(lint(*state, "a.cfg", "[ account1 ]\nEnable = 1\n"),
		   "legacy-format", 1, 1, "pre-v70");
	expect_one(lint(*state, "a.cfg", HDR "[ DialNow ]\npath = /tmp/x\n"),
		   "legacy-format", 2, 1, "pre-v70");
	expect_one(lint(*state, "a.cfg",
			"[ cfg:/phone/config/system.ini,reboot=1 ]\n"
			"LocalTime.TimeZone = 8\n"),
		   "legacy-format", 1, 1, "pre-v70");
}

/* The catalogue's examples of the linter's value rules: the bad one
 * triggers its rule, the good one does not. */
static void
lint_rule_examples_trigger(void **state)
{
	static const enum ycfg_rule rules[] = {
		YCFG_R_TRAILING_WHITESPACE, YCFG_R_INLINE_COMMENT,
		YCFG_R_QUOTED_VALUE, YCFG_R_MASKED_SECRET,
		YCFG_R_BRACKET_LINE,
	};

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info(rules[i]);
		char text[256];
		size_t hits = 0;
		struct ycfg_diags *d;

		snprintf(text, sizeof(text), HDR "%s\n", ri->bad);
		d = lint(*state, "a.cfg", text);
		for (size_t k = 0; k < d->n; k++)
			hits += d->v[k].rule == rules[i];
		if (hits == 0)
			fail_msg("the bad example of %s does not trigger it",
				 ri->id);
		snprintf(text, sizeof(text), HDR "%s\n", ri->good);
		d = lint(*state, "a.cfg", text);
		for (size_t k = 0; k < d->n; k++)
			if (d->v[k].rule == rules[i])
				fail_msg("the good example of %s triggers it",
					 ri->id);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lint_clean_file_has_no_findings),
		cmocka_unit_test(lint_reports_out_of_range),
		cmocka_unit_test(lint_reports_strict_integer_syntax),
		cmocka_unit_test(lint_reports_adjusted_failback_timeout),
		cmocka_unit_test(lint_reports_account_index_zero),
		cmocka_unit_test(lint_reports_account_index_leading_zero),
		cmocka_unit_test(lint_reports_account_index_overflow),
		cmocka_unit_test(lint_reports_account_index_negative),
		cmocka_unit_test(lint_reports_template_placeholder),
		cmocka_unit_test(lint_model_limits_accounts),
		cmocka_unit_test(lint_reports_server_index),
		cmocka_unit_test(lint_suggests_for_unknown_key),
		cmocka_unit_test(lint_suggests_dot_for_glued_index),
		cmocka_unit_test(lint_ignores_keys_outside_namespaces),
		cmocka_unit_test(lint_reports_renamed_key),
		cmocka_unit_test(lint_reports_duplicate_naming_earlier_line),
		cmocka_unit_test(lint_multi_value_keys_are_not_duplicates),
		cmocka_unit_test(lint_never_prints_secret_values),
		cmocka_unit_test(lint_note_violated_directly),
		cmocka_unit_test(lint_note_satisfied_is_silent),
		cmocka_unit_test(lint_note_not_judged_when_off),
		cmocka_unit_test(lint_note_judged_through_fallback),
		cmocka_unit_test(lint_note_satisfied_through_fallback),
		cmocka_unit_test(lint_info_note_uses_its_level),
		cmocka_unit_test(lint_boot_rejects_bad_overwrite_mode),
		cmocka_unit_test(lint_boot_rejects_settings),
		cmocka_unit_test(lint_boot_records_includes_and_mode),
		cmocka_unit_test(lint_boot_reports_unknown_model),
		cmocka_unit_test(lint_boot_reports_missing_include),
		cmocka_unit_test(lint_boot_reports_url_include),
		cmocka_unit_test(lint_boot_reports_include_outside_tree),
		cmocka_unit_test(lint_boot_reports_boot_include_cycle),
		cmocka_unit_test(lint_secret_detection_by_name),
		cmocka_unit_test(lint_split_halves_match_sequential),
		cmocka_unit_test(lint_trailing_whitespace_only_after_a_value),
		cmocka_unit_test(lint_trailing_whitespace_on_secret_names_key_not_value),
		cmocka_unit_test(lint_inline_comment_found),
		cmocka_unit_test(lint_hash_inside_a_token_is_no_comment),
		cmocka_unit_test(lint_typed_value_error_names_the_comment),
		cmocka_unit_test(lint_inline_comment_on_secret_is_not_quoted),
		cmocka_unit_test(lint_quoted_value),
		cmocka_unit_test(lint_masked_secret),
		cmocka_unit_test(lint_underscore_host_is_a_warning),
		cmocka_unit_test(lint_bracket_line_in_modern_file),
		cmocka_unit_test(lint_legacy_sections_still_recognised),
		cmocka_unit_test(lint_rule_examples_trigger),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
