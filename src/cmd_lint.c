/*
 * cmd_lint.c - ycfg lint: options, the files of the run, the report and
 * the exit status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ycfg/cli.h"
#include "ycfg/report.h"
#include "ycfg/tree.h"

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

enum {
	OPT_MODEL = 256,
	OPT_FAIL_ON,
	OPT_FORMAT,
	OPT_SCHEMA,
	OPT_COLOR,
	OPT_EXIT_ZERO,
	OPT_CONFIG,
	OPT_NO_CONFIG,
};

struct lint_args {
	const char *color, *output;
	enum ycfg_severity fail_on;
	enum ycfg_format fmt;
	bool fmt_given, exit_zero;
	unsigned jobs;
};

/* Parses the options into a and s.  Returns -1 when the command goes on,
 * else the exit status. */
static int
parse_options(int argc, char **argv, struct lint_args *a,
	      struct ycfg_session *s)
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
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MODEL:
			s->model = optarg;
			break;
		case OPT_FAIL_ON:
			if (ycfg_severity_parse(optarg, &a->fail_on) != 0)
				return ycfg_usage_error("lint", "invalid --fail-on "
							"'%s'; expected error, "
							"warning or info",
							optarg);
			break;
		case OPT_FORMAT:
			if (ycfg_format_parse(optarg, &a->fmt) != 0)
				return ycfg_usage_error("lint", "invalid --format "
							"'%s'; expected text, "
							"json, github or sarif",
							optarg);
			a->fmt_given = true;
			break;
		case OPT_SCHEMA:
			if (ycfg_pathlist_add(&s->extra, optarg) != 0)
				return YCFG_EXIT_TROUBLE;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
			    strcmp(optarg, "never"))
				return ycfg_usage_error("lint", "invalid --color "
							"'%s'; expected auto, "
							"always or never",
							optarg);
			a->color = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_EXIT_ZERO:
			a->exit_zero = true;
			break;
		case OPT_CONFIG:
			s->config_file = optarg;
			break;
		case OPT_NO_CONFIG:
			s->no_config = true;
			break;
		case 'j':
			if (ycfg_parse_jobs(optarg, &a->jobs) != 0)
				return ycfg_usage_error("lint", "invalid --jobs "
							"'%s'; expected 0 (one "
							"per CPU) to 1024",
							optarg);
			break;
		case 'h':
			fputs(lint_usage, stdout);
			return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN
						   : YCFG_EXIT_TROUBLE;
		default:
			return ycfg_bad_option("lint", c, argv);
		}
	}
	if (optind >= argc)
		return ycfg_usage_error("lint", "%s", "no PATH given");
	if (!a->fmt_given) {
		const char *gha = getenv("GITHUB_ACTIONS");

		if (gha != NULL && strcmp(gha, "true") == 0)
			a->fmt = YCFG_FMT_GITHUB;
	}
	return -1;
}

/* Drops the files of a directory search that the configuration
 * excludes (files named on the command line are never dropped). */
static void
drop_excluded(const struct ycfg_config *c, struct ycfg_pathlist *files)
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

/* Renders the report (into memory when it goes to a file, so a failed
 * run never leaves a partial one) and writes it.  Returns 0 or -1. */
static int
write_report(const struct lint_args *a, const struct ycfg_diags *d,
	     size_t nfiles)
{
	const struct ycfg_sarif_opts so = { .version = YCFG_VERSION };
	bool color = a->fmt == YCFG_FMT_TEXT && a->output == NULL &&
		     ycfg_want_color(a->color, stdout);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = stdout;
	int rc;

	if (a->output != NULL && (out = open_memstream(&buf, &len)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", YCFG_PROG);
		return -1;
	}
	if (a->fmt == YCFG_FMT_SARIF)
		rc = ycfg_report_sarif(out, d, &so);
	else
		rc = ycfg_report(out, a->fmt, d, nfiles, color);
	if (a->output == NULL) {
		if (rc != 0 || fflush(stdout) != 0) {
			fprintf(stderr, "%s: cannot write the report\n",
				YCFG_PROG);
			return -1;
		}
		return 0;
	}
	if (fclose(out) != 0 || rc != 0) {
		fprintf(stderr, "%s: out of memory\n", YCFG_PROG);
		free(buf);
		return -1;
	}
	rc = ycfg_write_output(a->output, buf, len);
	free(buf);
	return rc;
}

/* Lints every PATH into d.  Returns false when an input could not be
 * read (printed). */
static bool
lint_paths(struct ycfg_session *s, char **paths, int n, struct ycfg_diags *d,
	   size_t *nfiles)
{
	struct ycfg_linter linter;
	struct ycfg_doc doc;
	char err[512];
	bool ok = true;

	ycfg_linter_init(&linter, &s->lo);
	ycfg_doc_init(&doc);
	for (int i = 0; i < n; i++) {
		const char *path = paths[i];

		if (strcmp(path, "-") != 0 && ycfg_is_dir(path)) {
			struct ycfg_pathlist files = { 0 };

			if (ycfg_find_provisioning_files(path, &files, err,
							 sizeof(err)) != 0) {
				fprintf(stderr, "%s: cannot read directory "
					"'%s': %s\n", YCFG_PROG, path, err);
				ok = false;
			}
			drop_excluded(&s->cfg, &files);
			ycfg_lint_tree(&s->lo, &files, d, nfiles);
			ycfg_pathlist_free(&files);
			continue;
		}
		if (ycfg_lint_single(&linter, path, &doc, d, err,
				     sizeof(err)) != 0) {
			fprintf(stderr, "%s: %s\n", YCFG_PROG, err);
			ok = false;
		} else {
			(*nfiles)++;
		}
	}
	ycfg_doc_free(&doc);
	ycfg_linter_free(&linter);
	return ok;
}

int
ycfg_cmd_lint(int argc, char **argv)
{
	struct lint_args a = { .color = "auto", .fail_on = YCFG_SEV_ERROR,
			       .fmt = YCFG_FMT_TEXT };
	struct ycfg_session s;
	struct ycfg_diags d;
	size_t nfiles = 0;
	int rc;

	ycfg_session_init(&s);
	s.use_config = true;
	rc = parse_options(argc, argv, &a, &s);
	if (rc >= 0)
		goto out;
	rc = ycfg_session_open(&s, "lint", argv[optind]);
	if (rc != YCFG_EXIT_CLEAN)
		goto out;
	s.lo.jobs = a.jobs;

	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	ycfg_config_apply_levels(&s.cfg, &d);
	if (!lint_paths(&s, argv + optind, argc - optind, &d, &nfiles))
		rc = YCFG_EXIT_TROUBLE;
	ycfg_print_troubles(&d);
	if (ycfg_diags_failed(&d))
		rc = YCFG_EXIT_TROUBLE;

	ycfg_diags_sort(&d);
	if (write_report(&a, &d, nfiles) != 0)
		rc = YCFG_EXIT_TROUBLE;
	if (a.fmt == YCFG_FMT_TEXT && d.n > 0) {
		fprintf(stderr, "%s: ", YCFG_PROG);
		ycfg_report_summary(stderr, &d, nfiles);
	}
	if (rc == YCFG_EXIT_CLEAN && !a.exit_zero &&
	    ycfg_diags_max_severity(&d) >= (int)a.fail_on)
		rc = YCFG_EXIT_FINDINGS;
	ycfg_diags_free(&d);
out:
	ycfg_session_close(&s);
	return rc;
}
