/*
 * main.c - the ycfg command line: option parsing, file loops, exit codes.
 *
 * Exit codes: 0 nothing at or above --fail-on, 1 a finding at or above it,
 * 2 usage error, unreadable input or unloadable schema.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/fileio.h"
#include "ycfg/lexer.h"
#include "ycfg/lint.h"
#include "ycfg/report.h"
#include "ycfg/schema.h"
#include "ycfg/tree.h"
#include "ycfg/emit.h"
#include "ycfg/value.h"
#include "ycfg/config.h"

enum exit_code {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

static const char usage_text[] =
	"usage: ycfg [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"Check and explain Yealink provisioning files (.cfg, .boot).\n"
	"\n"
	"commands:\n"
	"  lint [OPTIONS] PATH...   report mistakes; PATH may be a file, a\n"
	"                           directory (searched for *.cfg, *.boot) or -\n"
	"  resolve [OPTIONS] FILE...\n"
	"                           the effective configuration of one phone:\n"
	"                           a .boot file's includes, or files layered\n"
	"                           in order (later wins)\n"
	"  explain KEY|RULE         what a parameter accepts, or what a rule checks\n"
	"  rules                    list every rule with its default severity\n"
	"  schema                   dump the loaded parameter table\n"
	"\n"
	"Run 'ycfg COMMAND --help' for the options of a command.\n";

static const char lint_usage[] =
	"usage: ycfg lint [OPTIONS] PATH...\n"
	"\n"
	"options:\n"
	"  --model NAME          judge account indexes against this model\n"
	"  --fail-on LEVEL       exit 1 when a finding is at least LEVEL\n"
	"                        (error, warning, info; default error)\n"
	"  --exit-zero           exit 0 even when there are findings (2 still\n"
	"                        means trouble)\n"
	"  --format FORMAT       text (default), json, github (the default\n"
	"                        when GITHUB_ACTIONS=true) or sarif (2.1.0)\n"
	"  -o, --output FILE     write the report to FILE atomically instead\n"
	"                        of standard output\n"
	"  --schema FILE         load extra schema entries (repeatable)\n"
	"  --config FILE         read this configuration instead of the\n"
	"                        discovered " YCFG_CONFIG_NAME "\n"
	"  --no-config           read no configuration file\n"
	"  -j, --jobs N          worker threads for directories (0: one per\n"
	"                        CPU, the default)\n"
	"  --color WHEN          auto (default), always or never\n"
	"  -h, --help            show this help\n"
	"\n"
	"configuration: the first " YCFG_CONFIG_NAME " found from the first\n"
	"PATH's directory upward (stopping at the directory holding .git)\n"
	"sets model, rule levels (rules: {RULE: off|info|warning|error}),\n"
	"exclude globs for directory searches and extra schema files.\n"
	"\n"
	"suppressions: comment lines '# ycfg: disable-next-line=RULE[,RULE]',\n"
	"'# ycfg: disable=RULE' ... '# ycfg: enable=RULE' and\n"
	"'# ycfg: disable-file=RULE'; RULE may be 'all'.\n"
	"\n"
	"exit status: 0 no finding at or above --fail-on, 1 some, 2 usage\n"
	"error, unreadable input, bad configuration or unwritable output\n";

static const char *prog = "ycfg";

/* Prints a usage error with a one-line hint and returns EXIT_TROUBLE. */
static int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s%s%s --help' for more information.\n", prog,
		cmd ? " " : "", cmd ? cmd : "");
	return EXIT_TROUBLE;
}

/* Reports what getopt_long (with a leading ':' in its option string and
 * opterr off) rejected: c is ':' for a missing value, '?' otherwise. */
static int
bad_option(const char *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		return usage_error(cmd, "option '%s' needs a value", arg);
	if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		return usage_error(cmd, "unknown option '-%c'", optopt);
	return usage_error(cmd, "unknown option '%s'", arg);
}

/* Where the shipped schema lives: $YCFG_SCHEMA_DIR, the source tree when
 * running from the build directory, else the installed data directory. */
static const char *
schema_dir(void)
{
	const char *env = getenv("YCFG_SCHEMA_DIR");

	if (env != NULL && *env)
		return env;

	/* both sides canonical: a build directory reached through a
	 * symbolic link is still the build directory */
	char exe[PATH_MAX], root[PATH_MAX];

	if (realpath("/proc/self/exe", exe) != NULL &&
	    realpath(YCFG_BUILD_ROOT, root) != NULL) {
		char *slash = strrchr(exe, '/');

		if (slash != NULL) {
			*slash = '\0';
			if (strcmp(exe, root) == 0)
				return YCFG_SCHEMA_SRC_DIR;
		}
	}
	if (ycfg_is_dir(YCFG_SCHEMA_INSTALL_DIR))
		return YCFG_SCHEMA_INSTALL_DIR;
	return YCFG_SCHEMA_SRC_DIR;
}

/* Loads the shipped schema and the extra files.  On failure prints the
 * problems and returns -1. */
static int
load_schema(struct ycfg_schema *s, char **extra, size_t nextra)
{
	struct ycfg_diags d;
	int rc = 0;

	ycfg_diags_init(&d);
	ycfg_schema_init(s);
	if (ycfg_schema_load_dir(s, schema_dir(), &d) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < nextra; i++)
		if (ycfg_schema_load_file(s, extra[i], &d) != 0)
			rc = -1;
	if (rc != 0) {
		ycfg_diags_sort(&d);
		ycfg_report(stderr, YCFG_FMT_TEXT, &d, 0, false);
		fprintf(stderr, "%s: cannot load the schema\n", prog);
	}
	ycfg_diags_free(&d);
	return rc;
}

static bool
want_color(const char *when, FILE *f)
{
	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;

	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (nc != NULL && *nc)
		return false;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(f));
}

enum {
	OPT_MODEL = 256,
	OPT_FAIL_ON,
	OPT_FORMAT,
	OPT_SCHEMA,
	OPT_COLOR,
};

struct extra_schemas {
	char **v;
	size_t n;
};

static int
add_extra(struct extra_schemas *x, char *path)
{
	char **v = realloc(x->v, (x->n + 1) * sizeof(*v));

	if (v == NULL)
		return -1;
	v[x->n++] = path;
	x->v = v;
	return 0;
}

enum {
	OPT_EXIT_ZERO = 400,
	OPT_CONFIG,
	OPT_NO_CONFIG,
};

/* Loads cmd_lint's configuration into c: FILE from --config, else the
 * .ycfg.yaml discovered from the first PATH (once for the whole run),
 * nothing with --no-config.  Returns 0 (c may stay empty), or -1 after
 * printing the problem. */
static int
lint_config(struct ycfg_config *c, const char *file, bool none,
	    const char *first)
{
	char path[PATH_MAX], err[1024];

	ycfg_config_init(c);
	if (none)
		return 0;
	if (file == NULL) {
		if (ycfg_config_discover(first, path, sizeof(path)) != 1)
			return 0;
		file = path;
	}
	if (ycfg_config_load(c, file, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return -1;
	}
	return 0;
}

/* Drops the files of a directory search that the configuration
 * excludes (files named on the command line are never dropped). */
static void
lint_exclude(const struct ycfg_config *c, struct ycfg_pathlist *files)
{
	size_t w = 0;

	for (size_t i = 0; i < files->n; i++) {
		if (ycfg_config_excluded(c, files->v[i])) {
			free(files->v[i]);
			continue;
		}
		files->v[w++] = files->v[i];
	}
	files->n = w;
}

/* Writes the report to standard output, or renders it into memory and
 * writes it to output atomically (never a partial file).  Returns 0, or
 * -1 after printing the problem. */
static int
lint_write_report(const char *output, enum ycfg_format fmt,
		  const struct ycfg_diags *d, size_t nfiles, bool color)
{
	const struct ycfg_sarif_opts so = { .version = YCFG_VERSION };
	char *buf = NULL, err[512];
	size_t len = 0;
	FILE *out = stdout;
	int rc;

	if (output != NULL && (out = open_memstream(&buf, &len)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return -1;
	}
	if (fmt == YCFG_FMT_SARIF)
		rc = ycfg_report_sarif(out, d, &so);
	else
		rc = ycfg_report(out, fmt, d, nfiles, color);
	if (output == NULL) {
		if (rc != 0)
			fprintf(stderr, "%s: cannot write the report\n", prog);
		return rc;
	}
	if (fclose(out) != 0 || rc != 0) {
		fprintf(stderr, "%s: out of memory\n", prog);
		free(buf);
		return -1;
	}
	rc = ycfg_write_atomic(output, buf, len, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "%s: cannot write '%s': %s\n", prog, output,
			err);
	free(buf);
	return rc;
}

static int
cmd_lint(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "schema", required_argument, NULL, OPT_SCHEMA },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "output", required_argument, NULL, 'o' },
		{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *model = NULL, *color = "auto", *output = NULL;
	const char *config_file = NULL;
	enum ycfg_severity fail_on = YCFG_SEV_ERROR;
	enum ycfg_format fmt = YCFG_FMT_TEXT;
	bool fmt_given = false, exit_zero = false, no_config = false;
	struct extra_schemas extra = { 0 };
	unsigned jobs = 0;
	int c, rc = EXIT_CLEAN;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MODEL:
			model = optarg;
			break;
		case OPT_FAIL_ON:
			if (ycfg_severity_parse(optarg, &fail_on) != 0) {
				free(extra.v);
				return usage_error("lint", "invalid --fail-on "
						   "'%s'; expected error, "
						   "warning or info", optarg);
			}
			break;
		case OPT_FORMAT:
			if (ycfg_format_parse(optarg, &fmt) != 0) {
				free(extra.v);
				return usage_error("lint", "invalid --format "
						   "'%s'; expected text, json, "
						   "github or sarif", optarg);
			}
			fmt_given = true;
			break;
		case OPT_SCHEMA:
			if (add_extra(&extra, optarg) != 0) {
				free(extra.v);
				return EXIT_TROUBLE;
			}
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
			    strcmp(optarg, "never")) {
				free(extra.v);
				return usage_error("lint", "invalid --color '%s'; "
						   "expected auto, always or "
						   "never", optarg);
			}
			color = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_EXIT_ZERO:
			exit_zero = true;
			break;
		case OPT_CONFIG:
			config_file = optarg;
			break;
		case OPT_NO_CONFIG:
			no_config = true;
			break;
		case 'j': {
			char *end;
			unsigned long n;

			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' ||
			    errno != 0 || n > 1024) {
				free(extra.v);
				return usage_error("lint", "invalid --jobs '%s'; "
						   "expected 0 (one per CPU) "
						   "to 1024", optarg);
			}
			jobs = (unsigned)n;
			break;
		}
		case 'h':
			fputs(lint_usage, stdout);
			free(extra.v);
			return EXIT_CLEAN;
		default:
			free(extra.v);
			return bad_option("lint", c, argv);
		}
	}
	if (optind >= argc) {
		free(extra.v);
		return usage_error("lint", "%s", "no PATH given");
	}
	if (config_file != NULL && no_config) {
		free(extra.v);
		return usage_error("lint", "%s", "--config and --no-config "
				   "exclude each other");
	}
	if (!fmt_given) {
		const char *gha = getenv("GITHUB_ACTIONS");

		if (gha != NULL && strcmp(gha, "true") == 0)
			fmt = YCFG_FMT_GITHUB;
	}

	struct ycfg_config cfg;

	if (lint_config(&cfg, config_file, no_config, argv[optind]) != 0) {
		free(extra.v);
		return EXIT_TROUBLE;
	}
	if (model == NULL)
		model = cfg.model;
	for (size_t i = 0; i < cfg.nschema; i++) {
		if (add_extra(&extra, cfg.schema[i]) != 0) {
			free(extra.v);
			ycfg_config_free(&cfg);
			return EXIT_TROUBLE;
		}
	}

	struct ycfg_schema schema;

	if (load_schema(&schema, extra.v, extra.n) != 0) {
		free(extra.v);
		ycfg_schema_free(&schema);
		ycfg_config_free(&cfg);
		return EXIT_TROUBLE;
	}
	free(extra.v);

	struct ycfg_lint_opts lo;

	if (ycfg_lint_opts_init(&lo, &schema, model) != 0) {
		rc = usage_error("lint", "unknown model '%s'%s%s; see 'ycfg "
				 "schema --models'", model,
				 model == cfg.model ? " in " : "",
				 model == cfg.model ? cfg.path : "");
		ycfg_schema_free(&schema);
		ycfg_config_free(&cfg);
		return rc;
	}
	lo.jobs = jobs;

	struct ycfg_diags d;
	struct ycfg_doc doc;
	size_t nfiles = 0;
	char err[512];

	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	ycfg_config_apply_levels(&cfg, &d);
	ycfg_doc_init(&doc);
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];

		if (strcmp(path, "-") != 0 && ycfg_is_dir(path)) {
			struct ycfg_pathlist files = { 0 };

			if (ycfg_find_provisioning_files(path, &files, err,
							 sizeof(err)) != 0) {
				fprintf(stderr, "%s: cannot read directory "
					"'%s': %s\n", prog, path, err);
				rc = EXIT_TROUBLE;
			}
			lint_exclude(&cfg, &files);
			if (ycfg_lint_tree(&lo, &files, &d, &nfiles) != 0)
				rc = EXIT_TROUBLE;
			ycfg_pathlist_free(&files);
			continue;
		}
		if (ycfg_lint_path(&lo, path, &doc, &d, err, sizeof(err)) != 0) {
			fprintf(stderr, "%s: %s\n", prog, err);
			rc = EXIT_TROUBLE;
		} else {
			nfiles++;
		}
	}

	ycfg_diags_sort(&d);
	if (lint_write_report(output, fmt, &d, nfiles,
			      fmt == YCFG_FMT_TEXT && output == NULL &&
			      want_color(color, stdout)) != 0)
		rc = EXIT_TROUBLE;
	if (fmt == YCFG_FMT_TEXT && d.n > 0) {
		fprintf(stderr, "%s: ", prog);
		ycfg_report_summary(stderr, &d, nfiles);
	}
	if (rc == EXIT_CLEAN && !exit_zero &&
	    ycfg_diags_max_severity(&d) >= (int)fail_on)
		rc = EXIT_FINDINGS;

	ycfg_doc_free(&doc);
	ycfg_diags_free(&d);
	ycfg_schema_free(&schema);
	ycfg_config_free(&cfg);
	return rc;
}

static const char resolve_usage[] =
	"usage: ycfg resolve [OPTIONS] FILE...\n"
	"\n"
	"Print the effective configuration of one phone.  A single .boot file\n"
	"is followed (its include:config lines in order, [MODEL] lines only\n"
	"for --model, its overwrite_mode); otherwise the files are layered in\n"
	"the order given, later files winning.  A value of -1 in the\n"
	"outbound_proxy failover family takes the sip_server value.\n"
	"\n"
	"options:\n"
	"  --model NAME          phone model (boot [MODEL] lines, account range)\n"
	"  --format FORMAT       yaml (default), json or cfg\n"
	"  --provenance          give each value with the line it came from\n"
	"  --defaults            add the schema default of every parameter of\n"
	"                        each enabled account\n"
	"  --show-secrets        print passwords instead of " YCFG_SECRET_MASK "\n"
	"  --overwrite-mode N    0 (default) or 1 when no boot file says\n"
	"  -o, --output FILE     write to FILE atomically instead of stdout\n"
	"  --schema FILE         load extra schema entries (repeatable)\n"
	"  -h, --help            show this help\n"
	"\n"
	"Findings in the input go to stderr.  exit status: 0 written, 1 written\n"
	"but an input has errors, 2 usage error, unreadable input or output\n";

enum {
	OPT_PROVENANCE = 300,
	OPT_SHOW_SECRETS,
	OPT_DEFAULTS,
	OPT_OVERWRITE,
};

static int
cmd_resolve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "schema", required_argument, NULL, OPT_SCHEMA },
		{ "provenance", no_argument, NULL, OPT_PROVENANCE },
		{ "show-secrets", no_argument, NULL, OPT_SHOW_SECRETS },
		{ "defaults", no_argument, NULL, OPT_DEFAULTS },
		{ "overwrite-mode", required_argument, NULL, OPT_OVERWRITE },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *model = NULL, *output = NULL;
	struct ycfg_emit_opts eo = { .format = YCFG_OUT_YAML };
	struct extra_schemas extra = { 0 };
	bool defaults = false;
	int overwrite = -1, c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MODEL:
			model = optarg;
			break;
		case OPT_FORMAT:
			if (ycfg_out_format_parse(optarg, &eo.format) != 0) {
				free(extra.v);
				return usage_error("resolve", "invalid --format "
						   "'%s'; expected yaml, json "
						   "or cfg", optarg);
			}
			break;
		case OPT_SCHEMA:
			if (add_extra(&extra, optarg) != 0) {
				free(extra.v);
				return EXIT_TROUBLE;
			}
			break;
		case OPT_PROVENANCE:
			eo.provenance = true;
			break;
		case OPT_SHOW_SECRETS:
			eo.show_secrets = true;
			break;
		case OPT_DEFAULTS:
			defaults = true;
			break;
		case OPT_OVERWRITE:
			if (strcmp(optarg, "0") && strcmp(optarg, "1")) {
				free(extra.v);
				return usage_error("resolve", "invalid "
						   "--overwrite-mode '%s'; "
						   "expected 0 or 1", optarg);
			}
			overwrite = optarg[0] - '0';
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(resolve_usage, stdout);
			free(extra.v);
			return EXIT_CLEAN;
		default:
			free(extra.v);
			return bad_option("resolve", c, argv);
		}
	}
	if (optind >= argc) {
		free(extra.v);
		return usage_error("resolve", "%s", "no FILE given");
	}
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0 && ycfg_is_dir(argv[i])) {
			free(extra.v);
			return usage_error("resolve", "'%s' is a directory; "
					   "give the files of one phone "
					   "(or its .boot file)", argv[i]);
		}
	}

	struct ycfg_schema schema;

	if (load_schema(&schema, extra.v, extra.n) != 0) {
		free(extra.v);
		ycfg_schema_free(&schema);
		return EXIT_TROUBLE;
	}
	free(extra.v);

	struct ycfg_lint_opts lo;

	if (ycfg_lint_opts_init(&lo, &schema, model) != 0) {
		ycfg_schema_free(&schema);
		return usage_error("resolve", "unknown model '%s'; see 'ycfg "
				   "schema --models'", model);
	}

	struct ycfg_stack st;
	struct ycfg_diags d;
	char err[512];
	int rc = EXIT_CLEAN;

	ycfg_stack_init(&st);
	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	if (ycfg_stack_load(&st, &lo, argv + optind, (size_t)(argc - optind),
			    &d, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", prog, err);
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (overwrite >= 0)
		st.overwrite_mode = overwrite;
	for (size_t i = 0; i < st.n; i++)
		ycfg_lint_notes(&lo, st.ptrs, st.n, i, st.overwrite_mode, &d);

	struct ycfg_layers layers = {
		.docs = st.ptrs,
		.n = st.n,
		.overwrite_mode = st.overwrite_mode,
		.schema = &schema,
	};
	struct ycfg_resolved res;
	char *text = NULL;
	size_t len = 0;

	if (ycfg_resolve(&layers, defaults, lo.max_accounts, &res) != 0) {
		fprintf(stderr, "%s: out of memory\n", prog);
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (ycfg_emit(&res, &eo, &text, &len, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", prog, err);
		rc = EXIT_TROUBLE;
	} else if (output != NULL) {
		if (ycfg_write_atomic(output, text, len, err, sizeof(err)) != 0) {
			fprintf(stderr, "%s: cannot write '%s': %s\n", prog,
				output, err);
			rc = EXIT_TROUBLE;
		}
	} else if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "%s: cannot write to standard output\n", prog);
		rc = EXIT_TROUBLE;
	}
	free(text);
	ycfg_resolved_free(&res);

	ycfg_diags_sort(&d);
	/* findings about the inputs never mix with the output */
	ycfg_report(stderr, YCFG_FMT_TEXT, &d, st.n, false);
	if (rc == EXIT_CLEAN && ycfg_diags_max_severity(&d) >= YCFG_SEV_ERROR)
		rc = EXIT_FINDINGS;
out:
	ycfg_diags_free(&d);
	ycfg_stack_free(&st);
	ycfg_schema_free(&schema);
	return rc;
}

/* Prints text with every line indented by two spaces. */
static void
print_indented(const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		printf("  %.*s\n", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

/* explain RULE */
static void
explain_rule(const struct ycfg_rule_info *r)
{
	printf("%s (default severity: %s): %s\n\n%s\n", r->id,
	       ycfg_severity_name(r->severity), r->summary, r->description);
	if (r->bad) {
		puts("\nbad:");
		print_indented(r->bad);
	}
	if (r->good) {
		puts("good:");
		print_indented(r->good);
	}
}

static void
print_field(const char *name, const char *value)
{
	if (value != NULL && *value)
		printf("%-12s %s\n", name, value);
}

/* explain KEY */
static void
explain_param(const char *key, const struct ycfg_param *p)
{
	char buf[512];

	printf("%s\n", key);
	print_field("pattern:", p->key);
	print_field("summary:", p->summary);
	print_field("type:", ycfg_type_name(p->type));
	switch (p->type) {
	case YCFG_T_INT:
	case YCFG_T_PORT:
		print_field("range:", p->range.n
			    ? ycfg_ranges_format(&p->range, false, buf, sizeof(buf))
			    : p->type == YCFG_T_PORT ? "0..65535" : "any integer");
		break;
	case YCFG_T_FLOAT:
		print_field("range:", ycfg_ranges_format(&p->range, true, buf,
							 sizeof(buf)));
		break;
	case YCFG_T_BOOL:
		print_field("values:", "0 (off), 1 (on)");
		break;
	case YCFG_T_ENUM:
		printf("%-12s\n", "values:");
		for (size_t i = 0; i < p->nvalues; i++)
			printf("  %s%s%s%s\n", p->values[i].value,
			       *p->values[i].name ? " (" : "",
			       p->values[i].name,
			       *p->values[i].name ? ")" : "");
		break;
	default:
		if (p->max_length) {
			snprintf(buf, sizeof(buf), "%zu characters",
				 p->max_length);
			print_field("max length:", buf);
		}
		break;
	}
	print_field("default:", p->def ? p->def : "(not documented)");
	if (p->fallback_key) {
		snprintf(buf, sizeof(buf), "-1 takes the effective value of %s",
			 p->fallback_key);
		print_field("fallback:", buf);
	}
	for (size_t i = 0; i < p->nrequires; i++) {
		char r[128];

		snprintf(buf, sizeof(buf), "%s in %s", p->requires[i].key,
			 ycfg_ranges_format(&p->requires[i].in, false, r,
					    sizeof(r)));
		print_field(i ? "" : "requires:", buf);
	}
	if (p->has_adjust) {
		char r[128];

		snprintf(buf, sizeof(buf), "%s is treated as %lld",
			 ycfg_ranges_format(&p->adjust_from, false, r,
					    sizeof(r)),
			 (long long)p->adjust_to);
		print_field("adjusted:", buf);
	}
	print_field("renamed to:", p->renamed_to);
	print_field("secret:", p->secret ? "yes (never printed)" : "no");
	print_field("notes:", p->notes);
	print_field("older:", p->older);
	print_field("source:", p->unverified ? "unverified (no guide page "
			    "found; checks kept loose)" : p->source);
	print_field("schema:", p->origin);
}

static int
cmd_explain(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
			  strcmp(argv[1], "--help") == 0)) {
		puts("usage: ycfg explain KEY|RULE\n\n"
		     "KEY is a concrete key (account.3.outbound_proxy.2.retry_counts)\n"
		     "or a pattern (account.X.outbound_proxy.Y.retry_counts);\n"
		     "RULE is a rule id from 'ycfg rules'.");
		return EXIT_CLEAN;
	}
	if (argc != 2)
		return usage_error("explain", "%s", "expected one KEY or RULE");

	const char *what = argv[1];
	int r = ycfg_rule_by_id(what);

	if (r >= 0) {
		explain_rule(ycfg_rule_info(r));
		return EXIT_CLEAN;
	}

	struct ycfg_schema schema;

	if (load_schema(&schema, NULL, 0) != 0) {
		ycfg_schema_free(&schema);
		return EXIT_TROUBLE;
	}

	/* accept patterns too: X/Y/N -> 1 */
	char key[YCFG_KEY_MAX + 1];
	size_t n = strlen(what);

	if (n > YCFG_KEY_MAX) {
		ycfg_schema_free(&schema);
		return usage_error("explain", "%s", "key too long");
	}
	for (size_t i = 0; i <= n; i++) {
		bool seg = (i == 0 || what[i - 1] == '.') &&
			   (what[i + 1] == '.' || what[i + 1] == '\0');

		key[i] = seg && (what[i] == 'X' || what[i] == 'Y' ||
				 what[i] == 'N') ? '1' : what[i];
	}

	const struct ycfg_param *p = ycfg_schema_lookup(&schema, key, n, NULL);
	int rc = EXIT_CLEAN;

	if (p != NULL) {
		explain_param(what, p);
	} else {
		char sug[YCFG_KEY_MAX + 1];

		fprintf(stderr, "%s: unknown key or rule '%s'", prog, what);
		if (ycfg_schema_suggest(&schema, key, n, sug, sizeof(sug)) > 0)
			fprintf(stderr, "; did you mean '%s'?", sug);
		fputc('\n', stderr);
		rc = EXIT_TROUBLE;
	}
	ycfg_schema_free(&schema);
	return rc;
}

static int
cmd_rules(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
			  strcmp(argv[1], "--help") == 0)) {
		puts("usage: ycfg rules\n\n"
		     "List every rule: id, default severity and summary.\n"
		     "'ycfg explain RULE' prints a rule's full text.");
		return EXIT_CLEAN;
	}
	if (argc > 1)
		return usage_error("rules", "%s", "takes no arguments");
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info(r);

		printf("%-24s %-8s %s\n", ri->id,
		       ycfg_severity_name(ri->severity), ri->summary);
	}
	return EXIT_CLEAN;
}

static int
cmd_schema(int argc, char **argv)
{
	bool models = argc == 2 && strcmp(argv[1], "--models") == 0;

	if (argc > 1 && !models) {
		if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
			puts("usage: ycfg schema [--models]\n\n"
			     "Print the loaded parameter table as tab-separated\n"
			     "key, type, permitted values, default, fallback and\n"
			     "flags; with --models the model table.");
			return EXIT_CLEAN;
		}
		return usage_error("schema", "unknown argument '%s'", argv[1]);
	}

	struct ycfg_schema s;

	if (load_schema(&s, NULL, 0) != 0) {
		ycfg_schema_free(&s);
		return EXIT_TROUBLE;
	}
	if (models) {
		for (size_t i = 0; i < s.nmodels; i++)
			printf("%s\t%u\n", s.models[i].name, s.models[i].accounts);
		ycfg_schema_free(&s);
		return EXIT_CLEAN;
	}
	printf("key\ttype\tpermitted\tdefault\tfallback\tflags\n");
	for (size_t i = 0; i < s.nparams; i++) {
		const struct ycfg_param *p = &s.params[i];
		char perm[1024] = "";

		if (p->type == YCFG_T_ENUM) {
			size_t used = 0;

			for (size_t k = 0; k < p->nvalues && used < sizeof(perm); k++) {
				int w = snprintf(perm + used, sizeof(perm) - used,
						 "%s%s", k ? "," : "",
						 p->values[k].value);

				if (w < 0)
					break;
				used += (size_t)w;
			}
		} else if (p->range.n) {
			ycfg_ranges_format(&p->range, p->type == YCFG_T_FLOAT,
					   perm, sizeof(perm));
		} else if (p->max_length) {
			snprintf(perm, sizeof(perm), "<=%zu chars", p->max_length);
		}
		printf("%s\t%s\t%s\t%s\t%s\t%s%s%s\n", p->key,
		       ycfg_type_name(p->type), perm, p->def ? p->def : "",
		       p->fallback_key ? p->fallback_key : "",
		       p->secret ? "secret " : "",
		       p->unverified ? "unverified " : "",
		       p->nrequires ? "notes" : "");
	}
	ycfg_schema_free(&s);
	return EXIT_CLEAN;
}

int
main(int argc, char **argv)
{
	opterr = 0;   /* bad_option() words the messages */
	if (argc < 2)
		return usage_error(NULL, "%s", "no command given");

	const char *cmd = argv[1];

	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("ycfg %s\n", YCFG_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "lint") == 0)
		return cmd_lint(argc - 1, argv + 1);
	if (strcmp(cmd, "resolve") == 0)
		return cmd_resolve(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return cmd_explain(argc - 1, argv + 1);
	if (strcmp(cmd, "rules") == 0)
		return cmd_rules(argc - 1, argv + 1);
	if (strcmp(cmd, "schema") == 0)
		return cmd_schema(argc - 1, argv + 1);
	return usage_error(NULL, "unknown command '%s'", cmd);
}
