/*
 * cmd_lint.c - ycfg lint: options, the files of the run and their
 * configurations, the report and the exit status.
 *
 * Every linted file is governed by its nearest .ycfg.yaml (or the one
 * --config names); the files of one directory share it.  Each
 * configuration in force gets a context of its own: its schema, model and
 * rule levels, and a findings list judged with them.  The contexts'
 * findings are merged for the report.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "config.h"
#include "ycfg/cli.h"
#include "ycfg/fix.h"
#include "ycfg/lexer.h"
#include "ycfg/recipe.h"
#include "ycfg/report.h"
#include "ycfg/tree.h"
#include "ycfg/utf8.h"
#include "ycfg/vec.h"

static const char lint_usage[] =
	"usage: ycfg lint [OPTIONS] PATH...\n"
	"\n"
	"PATH is a .cfg or .boot file, a directory (searched for them) or -\n"
	"(standard input).  Each file is judged inside the phones that load it:\n"
	"naming a <MAC> file lints that file in its phone; naming a common file\n"
	"lints it and every phone that loads it.\n"
	"\n"
	"options:\n"
	"  --model NAME          the phones' model (account and key ranges,\n"
	"                        [MODEL] lines of boot files)\n"
	"  --fail-on LEVEL       exit 1 when a finding is at least LEVEL\n"
	"                        (error, warning, info; default error)\n"
	"  --exit-zero           exit 0 even when there are findings (2 still\n"
	"                        means trouble)\n"
	"  --format FORMAT       text (default), json, github (the default\n"
	"                        when GITHUB_ACTIONS=true) or sarif (2.1.0)\n"
	"  -o, --output FILE     write the report to FILE atomically instead\n"
	"                        of standard output\n"
	"  --select RULE,...     report only these rules\n"
	"  --ignore RULE,...     do not report these rules\n"
	"  --min-severity LEVEL  show only findings of at least LEVEL (the exit\n"
	"                        status still follows --fail-on)\n"
	"  -q, --quiet           show errors only, and no summary\n"
	"  --statistics          print how many findings each rule has, not\n"
	"                        the findings (text format)\n"
	"  --list-files          print each file with its phones and what\n"
	"                        they load, and lint nothing\n"
	"  --show-config PATH    print the settings in force for PATH and\n"
	"                        where each comes from, and lint nothing\n"
	"  --stdin-filename PATH read - as the file PATH (its name, its\n"
	"                        configuration, its phone, .boot or .cfg)\n"
	"  --force-exclude       apply the configuration's exclude globs to\n"
	"                        files named on the command line too\n"
	"  --template MODE       templates: auto (recognised by name or\n"
	"                        content, the default), none, or the\n"
	"                        dialect of every file: smarty, jinja,\n"
	"                        provisioner, 3cx, blade, shell, atvar,\n"
	"                        brace\n"
	"  --schema FILE         load extra schema entries (repeatable)\n"
	"  --config FILE         read this configuration for every file\n"
	"  --no-config           read no configuration file\n"
	"  -j, --jobs N          worker threads (0: one per CPU, the default)\n"
	"  --color WHEN          auto (default), always or never\n"
	"  --sarif FILE          also write the report as SARIF to FILE\n"
	"                        (atomically), whatever --format says\n"
	"  --summary FILE        also append a markdown summary (counts per\n"
	"                        rule, the first findings) to FILE, e.g.\n"
	"                        $GITHUB_STEP_SUMMARY\n"
	"  --fix                 repair what has a safe fix (ycfg rules), in\n"
	"                        place; then report what is left\n"
	"  --unsafe-fixes        with --fix or --diff: also the fixes that\n"
	"                        change a wrong value\n"
	"  --diff                print the unified diff --fix would make and\n"
	"                        change nothing (exit 1 when it would)\n"
	"  -h, --help            show this help\n"
	"\n"
	"configuration: for each file, the nearest " YCFG_CONFIG_NAME " (or\n"
	YCFG_CONFIG_NAME_ALT ") from its directory upward, stopping at the\n"
	"directory holding .git: model, rules (RULE: off|info|warning|error),\n"
	"exclude globs for directory searches, extra schema files and phones\n"
	"(MAC or glob: MODEL).\n"
	"\n"
	"suppressions: comment lines '# ycfg: disable-next-line=RULE[,RULE]',\n"
	"'# ycfg: disable=RULE' ... '# ycfg: enable=RULE' and\n"
	"'# ycfg: disable-file=RULE'; RULE may be 'all'.\n"
	"\n"
	"exit status: 0 no finding at or above --fail-on, 1 some, 2 usage\n"
	"error, nothing to lint, unreadable input, bad configuration or\n"
	"unwritable output\n";

enum {
	OPT_MODEL = 256,
	OPT_FAIL_ON,
	OPT_FORMAT,
	OPT_SCHEMA,
	OPT_COLOR,
	OPT_EXIT_ZERO,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_SELECT,
	OPT_IGNORE,
	OPT_MIN_SEVERITY,
	OPT_STATISTICS,
	OPT_LIST_FILES,
	OPT_SHOW_CONFIG,
	OPT_STDIN_FILENAME,
	OPT_FORCE_EXCLUDE,
	OPT_TEMPLATE,
	OPT_FIX,
	OPT_UNSAFE_FIXES,
	OPT_DIFF,
	OPT_SARIF,
	OPT_SUMMARY,
};

struct lint_args {
	const char *color, *output, *model, *config_file;
	const char *show_config, *stdin_filename;
	struct ycfg_pathlist schemas;        /* --schema */
	enum ycfg_severity fail_on, min_severity;
	enum ycfg_format fmt;
	bool fmt_given, exit_zero, no_config, quiet, statistics, list_files;
	bool force_exclude;
	bool select[YCFG_R__COUNT], ignore[YCFG_R__COUNT], selecting;
	unsigned jobs;
	bool template_given;                 /* --template */
	bool fix, unsafe_fixes, diff;        /* --fix, --unsafe-fixes, --diff */
	const char *sarif;                   /* --sarif FILE: SARIF too */
	const char *summary;                 /* --summary FILE: markdown,
	                                      * appended */
	enum ycfg_template_mode template_mode;
	enum ycfg_dialect template_dialect;
};

/* One configuration in force and what is judged with it. */
struct context {
	char *config_path;            /* NULL: none */
	struct ycfg_config cfg;
	struct ycfg_schema schema;
	struct ycfg_lint_opts lo;
	const char *model_from;       /* where lo.model came from */
	struct ycfg_diags d;
	const struct lint_args *a;
};

/* The files of one directory in the run. */
struct group {
	char *dir;                    /* "" for the current directory */
	struct context *ctx;
	struct ycfg_pathlist files;   /* every provisioning file there */
	struct ycfg_pathlist targets; /* when !all */
	bool all;
};

struct run {
	const struct lint_args *a;
	struct context **ctx;
	size_t nctx, capctx;
	struct group *groups;
	size_t ngroups, capgroups;
	struct ycfg_buf stdin_buf;
	bool stdin_read;
	bool trouble;                 /* exit 2 */
	size_t nfiles, nphones;
};

/* ------------------------------------------------------------------ */
/* options                                                              */
/* ------------------------------------------------------------------ */

/* Parses "a,b,c" rule ids into set.  Returns 0, or the exit status. */
static int
parse_rules(const char *opt, const char *list, bool *set)
{
	char buf[1024];

	if (snprintf(buf, sizeof(buf), "%s", list) >= (int)sizeof(buf))
		return ycfg_usage_error("lint", "%s: list too long", opt);
	for (char *tok = strtok(buf, ", "); tok; tok = strtok(NULL, ", ")) {
		int r = ycfg_rule_by_id(tok);

		if (r < 0)
			return ycfg_usage_error("lint", "unknown rule '%s' in "
						"%s; see 'ycfg rules'", tok,
						opt);
		set[r] = true;
	}
	return 0;
}

/* Returns -1 when the command goes on, else the exit status. */
static int
parse_options(int argc, char **argv, struct lint_args *a)
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
		{ "select", required_argument, NULL, OPT_SELECT },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "min-severity", required_argument, NULL, OPT_MIN_SEVERITY },
		{ "quiet", no_argument, NULL, 'q' },
		{ "statistics", no_argument, NULL, OPT_STATISTICS },
		{ "list-files", no_argument, NULL, OPT_LIST_FILES },
		{ "show-config", required_argument, NULL, OPT_SHOW_CONFIG },
		{ "fix", no_argument, NULL, OPT_FIX },
		{ "unsafe-fixes", no_argument, NULL, OPT_UNSAFE_FIXES },
		{ "diff", no_argument, NULL, OPT_DIFF },
		{ "sarif", required_argument, NULL, OPT_SARIF },
		{ "summary", required_argument, NULL, OPT_SUMMARY },
		{ "stdin-filename", required_argument, NULL,
		  OPT_STDIN_FILENAME },
		{ "force-exclude", no_argument, NULL, OPT_FORCE_EXCLUDE },
		{ "template", required_argument, NULL, OPT_TEMPLATE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hqo:j:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MODEL:
			a->model = optarg;
			break;
		case OPT_FAIL_ON:
			if (ycfg_severity_parse(optarg, &a->fail_on) != 0)
				return ycfg_usage_error("lint", "invalid --fail-on "
							"'%s'; expected error, "
							"warning or info",
							optarg);
			break;
		case OPT_MIN_SEVERITY:
			if (ycfg_severity_parse(optarg, &a->min_severity) != 0)
				return ycfg_usage_error("lint", "invalid "
							"--min-severity '%s'; "
							"expected error, "
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
			if (ycfg_pathlist_add(&a->schemas, optarg) != 0)
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
		case OPT_FIX:
			a->fix = true;
			break;
		case OPT_UNSAFE_FIXES:
			a->unsafe_fixes = true;
			break;
		case OPT_DIFF:
			a->diff = true;
			break;
		case OPT_SARIF:
			a->sarif = optarg;
			break;
		case OPT_SUMMARY:
			a->summary = optarg;
			break;
		case OPT_TEMPLATE:
			if (ycfg_template_mode_parse(optarg, &a->template_mode,
						     &a->template_dialect) != 0)
				return ycfg_usage_error("lint", "invalid "
							"--template '%s'; "
							"expected auto, none "
							"or a dialect ("
							YCFG_DIALECTS ")",
							optarg);
			a->template_given = true;
			break;
		case OPT_EXIT_ZERO:
			a->exit_zero = true;
			break;
		case OPT_CONFIG:
			a->config_file = optarg;
			break;
		case OPT_NO_CONFIG:
			a->no_config = true;
			break;
		case 'j':
			if (ycfg_parse_jobs(optarg, &a->jobs) != 0)
				return ycfg_usage_error("lint", "invalid --jobs "
							"'%s'; expected 0 (one "
							"per CPU) to 1024",
							optarg);
			break;
		case OPT_SELECT:
			a->selecting = true;
			if ((rc = parse_rules("--select", optarg,
					      a->select)) != 0)
				return rc;
			break;
		case OPT_IGNORE:
			if ((rc = parse_rules("--ignore", optarg,
					      a->ignore)) != 0)
				return rc;
			break;
		case 'q':
			a->quiet = true;
			break;
		case OPT_STATISTICS:
			a->statistics = true;
			break;
		case OPT_LIST_FILES:
			a->list_files = true;
			break;
		case OPT_SHOW_CONFIG:
			a->show_config = optarg;
			break;
		case OPT_STDIN_FILENAME:
			a->stdin_filename = optarg;
			break;
		case OPT_FORCE_EXCLUDE:
			a->force_exclude = true;
			break;
		case 'h':
			fputs(lint_usage, stdout);
			return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN
						   : YCFG_EXIT_TROUBLE;
		default:
			return ycfg_bad_option("lint", c, argv);
		}
	}
	if (a->config_file != NULL && a->no_config)
		return ycfg_usage_error("lint", "%s", "--config and --no-config "
					"exclude each other");
	if (a->statistics && a->fmt_given && a->fmt != YCFG_FMT_TEXT)
		return ycfg_usage_error("lint", "%s", "--statistics is for the "
					"text format");
	if (optind >= argc && a->show_config == NULL)
		return ycfg_usage_error("lint", "%s", "no PATH given");
	if (a->unsafe_fixes && !a->fix && !a->diff)
		return ycfg_usage_error("lint", "%s", "--unsafe-fixes goes with "
					"--fix or --diff");
	if (a->fix && a->diff)
		return ycfg_usage_error("lint", "%s", "--fix rewrites files, "
					"--diff shows what it would do: give "
					"one");
	if ((a->fix || a->diff) &&
	    (a->list_files || a->show_config || a->stdin_filename))
		return ycfg_usage_error("lint", "%s", "--fix and --diff work "
					"on files, not with --list-files, "
					"--show-config or --stdin-filename");
	if ((a->fix || a->diff) && a->output != NULL)
		return ycfg_usage_error("lint", "%s", "--fix and --diff do not "
					"take -o");
	if (a->quiet && a->min_severity < YCFG_SEV_ERROR)
		a->min_severity = YCFG_SEV_ERROR;
	if (!a->fmt_given) {
		const char *gha = getenv("GITHUB_ACTIONS");

		if (gha != NULL && strcmp(gha, "true") == 0)
			a->fmt = YCFG_FMT_GITHUB;
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* contexts                                                             */
/* ------------------------------------------------------------------ */

/* The configuration file that governs files of dir: --config, else the
 * nearest one.  Writes its path (or "") to out; -1 after printing a
 * problem. */
static int
config_for(const struct lint_args *a, const char *dir, char *out, size_t outsz)
{
	out[0] = '\0';
	if (a->no_config)
		return 0;
	if (a->config_file != NULL) {
		snprintf(out, outsz, "%s", a->config_file);
		return 0;
	}

	int rc = ycfg_config_discover(dir[0] ? dir : ".", out, outsz);

	if (rc == -2) {
		ycfg_errorf("both %s and %s in '%s'; keep one",
			    YCFG_CONFIG_NAME, YCFG_CONFIG_NAME_ALT, out);
		return -1;
	}
	if (rc < 0) {
		ycfg_errorf("cannot look for a configuration from "
			"'%s'", dir);
		return -1;
	}
	if (rc == 0)
		out[0] = '\0';
	return 0;
}

static void
context_free(struct context *c)
{
	if (c == NULL)
		return;
	free(c->config_path);
	ycfg_config_free(&c->cfg);
	ycfg_schema_free(&c->schema);
	ycfg_diags_free(&c->d);
	free(c);
}

/* The model of a phone: --model, then phones:, then the configuration's
 * model (the tree infers one from a model's own common file after). */
static const struct ycfg_model *
context_model_of(void *arg, const char *mac, const char **from)
{
	struct context *c = arg;
	const char *name;

	if (c->a->model != NULL) {
		*from = "--model";
		return c->lo.model;
	}
	name = ycfg_config_phone_model(&c->cfg, mac);
	if (name != NULL) {
		*from = "phones:";
		return ycfg_schema_model(&c->schema, name);
	}
	*from = c->model_from;
	return c->lo.model;
}

/* Loads a context for config path cp ("" none).  Returns NULL after
 * printing a problem. */
/* The lint options' view of the configuration's templates globs. */
static bool
context_is_template(const char *path, void *arg)
{
	const struct context *c = arg;

	return ycfg_config_is_template(&c->cfg, path);
}

static struct context *
context_load(const struct lint_args *a, const char *cp)
{
	struct context *c = calloc(1, sizeof(*c));
	struct ycfg_pathlist extra = { 0 };
	char err[1024];
	const char *model;

	if (c == NULL)
		return NULL;
	c->a = a;
	ycfg_config_init(&c->cfg);
	ycfg_schema_init(&c->schema);
	ycfg_diags_init(&c->d);
	if (cp[0] && ((c->config_path = strdup(cp)) == NULL ||
		      ycfg_config_load(&c->cfg, cp, err, sizeof(err)) != 0)) {
		ycfg_errorf("%s", c->config_path ? err : "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < a->schemas.n; i++)
		if (ycfg_pathlist_add(&extra, a->schemas.v[i]) != 0)
			goto fail;
	for (size_t i = 0; i < c->cfg.nschema; i++)
		if (ycfg_pathlist_add(&extra, c->cfg.schema[i]) != 0)
			goto fail;
	if (ycfg_load_schema(&c->schema, extra.v, extra.n) != 0)
		goto fail;
	model = a->model ? a->model : c->cfg.model;
	c->model_from = a->model ? "--model" : "model:";
	if (ycfg_lint_opts_init(&c->lo, &c->schema, model) != 0) {
		ycfg_usage_error("lint", "unknown model '%s'%s%s; see 'ycfg "
				 "schema --models'", model,
				 a->model ? "" : " in ",
				 a->model ? "" : c->config_path);
		goto fail;
	}
	for (size_t i = 0; i < c->cfg.nphones; i++) {
		if (ycfg_schema_model(&c->schema, c->cfg.phones[i].model) ==
		    NULL) {
			ycfg_usage_error("lint", "unknown model '%s' for phones "
					 "'%s' in %s; see 'ycfg schema "
					 "--models'", c->cfg.phones[i].model,
					 c->cfg.phones[i].pattern,
					 c->config_path);
			goto fail;
		}
	}
	c->lo.jobs = a->jobs;
	/* templates: --template, else template:, else recognised */
	if (a->template_given) {
		c->lo.template_mode = a->template_mode;
		c->lo.template_dialect = a->template_dialect;
	} else if (c->cfg.template_mode != YCFG_CONFIG_UNSET) {
		c->lo.template_mode =
			(enum ycfg_template_mode)c->cfg.template_mode;
		c->lo.template_dialect =
			(enum ycfg_dialect)c->cfg.template_dialect;
	}
	if (c->cfg.ntemplates > 0 && !(a->template_given &&
				       a->template_mode == YCFG_TPL_MODE_NONE)) {
		c->lo.is_template = context_is_template;
		c->lo.is_template_arg = c;
	}
	/* fixing needs every finding, not the first ones of each rule */
	c->d.file_cap = a->fix || a->diff ? 0 : YCFG_DIAG_CAP;
	ycfg_config_apply_levels(&c->cfg, &c->d);
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		if (a->ignore[r] || (a->selecting && !a->select[r]))
			ycfg_diags_set_level(&c->d, (enum ycfg_rule)r,
					     YCFG_LEVEL_OFF);
		else if (a->selecting && c->d.level[r] == YCFG_LEVEL_OFF)
			ycfg_diags_set_level(&c->d, (enum ycfg_rule)r,
					     ycfg_rule_info(r)->severity);
	}
	ycfg_pathlist_free(&extra);
	return c;
fail:
	ycfg_pathlist_free(&extra);
	context_free(c);
	return NULL;
}

/* The context governing files of dir (loaded on first use). */
static struct context *
context_for(struct run *run, const char *dir)
{
	char cp[PATH_MAX];

	if (config_for(run->a, dir, cp, sizeof(cp)) != 0)
		return NULL;
	for (size_t i = 0; i < run->nctx; i++) {
		const char *p = run->ctx[i]->config_path;

		if ((p == NULL && cp[0] == '\0') || (p && strcmp(p, cp) == 0))
			return run->ctx[i];
	}

	struct context *c = context_load(run->a, cp);

	if (c == NULL ||
	    ycfg_vec_push(&run->ctx, &run->nctx, &run->capctx, &c,
			  sizeof(c)) != 0) {
		context_free(c);
		return NULL;
	}
	return c;
}

/* ------------------------------------------------------------------ */
/* the files of the run                                                 */
/* ------------------------------------------------------------------ */

/* The directory part of path ("" for none). */
static char *
dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	if (s == NULL)
		return strdup("");
	if (s == path)
		return strdup("/");
	return strndup(path, (size_t)(s - path));
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The run's group for dir, made on first use, with the directory's files
 * listed when list is set (a walk brings its own).  NULL after printing a
 * problem. */
static struct group *
group_for(struct run *run, const char *dir, bool list)
{
	char err[256];

	for (size_t i = 0; i < run->ngroups; i++)
		if (strcmp(run->groups[i].dir, dir) == 0)
			return &run->groups[i];

	struct group g = { .dir = strdup(dir) };

	if (g.dir == NULL)
		goto oom;
	g.ctx = context_for(run, dir);
	if (g.ctx == NULL) {
		free(g.dir);
		return NULL;
	}
	if (list && ycfg_list_provisioning_files(dir, &g.files, err,
						 sizeof(err)) != 0) {
		/* a directory that cannot be listed: only the named files
		 * take part */
		ycfg_pathlist_free(&g.files);
	}
	if (ycfg_vec_push(&run->groups, &run->ngroups, &run->capgroups, &g,
			  sizeof(g)) != 0)
		goto oom;
	return &run->groups[run->ngroups - 1];
oom:
	free(g.dir);
	ycfg_errorf("out of memory");
	return NULL;
}

/* Makes path one of the group's files, spelled as given (so findings
 * name the file as the user did). */
static int
group_spell(struct group *g, const char *path)
{
	for (size_t i = 0; i < g->files.n; i++) {
		if (strcmp(base_name(g->files.v[i]), base_name(path)) != 0)
			continue;
		if (strcmp(g->files.v[i], path) != 0) {
			char *p = strdup(path);

			if (p == NULL)
				return -1;
			free(g->files.v[i]);
			g->files.v[i] = p;
		}
		return 0;
	}
	return ycfg_pathlist_add(&g->files, path);
}

/* Adds a file named on the command line.  Returns false when it cannot
 * take part (printed). */
static bool
add_named_file(struct run *run, const char *path, bool *excluded)
{
	char *dir = dir_of(path);
	struct group *g = dir ? group_for(run, dir, true) : NULL;

	free(dir);
	if (g == NULL)
		return false;
	if (run->a->force_exclude && ycfg_config_excluded(&g->ctx->cfg, path)) {
		*excluded = true;
		return true;
	}
	if (group_spell(g, path) != 0 ||
	    (!g->all && ycfg_pathlist_add(&g->targets, path) != 0)) {
		ycfg_errorf("out of memory");
		return false;
	}
	return true;
}

/* The links a walk did not follow, as findings of the link's directory
 * (unless its configuration excludes the link).  False when out of
 * memory. */
static bool
report_links(struct run *run, const struct ycfg_walk *w)
{
	for (size_t i = 0; i < w->links.n; i++) {
		const char *link = w->links.v[i];
		char *dir = dir_of(link);
		struct group *g = dir ? group_for(run, dir, false) : NULL;
		const char *file;

		free(dir);
		if (g == NULL)
			return false;
		if (ycfg_config_excluded(&g->ctx->cfg, link))
			continue;
		file = ycfg_diags_intern(&g->ctx->d, link);
		if (file == NULL)
			return false;
		ycfg_diag_add(&g->ctx->d, file, 0, 0,
			      YCFG_R_LINK_NOT_FOLLOWED, "%s", w->why.v[i]);
	}
	return true;
}

/* A walk's question for a file that is not .cfg or .boot: is it a
 * template to lint?  Yes when the configuration in force names it in
 * templates:, or it has a template's extension and templates are not
 * off. */
static bool
walk_wants(const char *path, void *arg)
{
	struct run *run = arg;
	const struct lint_args *a = run->a;
	char *dir;
	struct context *c;

	if (a->template_given && a->template_mode == YCFG_TPL_MODE_NONE)
		return false;
	dir = dir_of(path);
	c = dir ? context_for(run, dir) : NULL;
	free(dir);
	if (c == NULL)
		return false;
	if (ycfg_config_is_template(&c->cfg, path))
		return true;
	return c->lo.template_mode != YCFG_TPL_MODE_NONE &&
	       ycfg_template_path(path);
}

/* Adds the files below a directory named on the command line; says so
 * and returns false when there are none to lint. */
static bool
add_directory(struct run *run, const char *path)
{
	struct ycfg_walk walk = { 0 };
	struct ycfg_pathlist found = { 0 };
	size_t kept = 0, excluded = 0;
	const char *by = NULL;
	bool ok = true;

	/* a directory that cannot be read is trouble; its siblings are still
	 * linted */
	if (ycfg_find_files(path, walk_wants, run, &walk) != 0) {
		for (size_t i = 0; i < walk.problems.n; i++)
			ycfg_errorf("%s", walk.problems.v[i]);
		ok = false;
	}
	if (!report_links(run, &walk))
		ok = false;
	found = walk.files;
	walk.files = (struct ycfg_pathlist){ 0 };
	ycfg_walk_free(&walk);
	for (size_t i = 0; i < found.n;) {
		char *dir = dir_of(found.v[i]);
		size_t j = i;

		while (j < found.n && strncmp(found.v[j], dir, strlen(dir)) ==
		       0 && strchr(found.v[j] + strlen(dir) + 1, '/') == NULL)
			j++;

		struct group *g = dir ? group_for(run, dir, false) : NULL;

		free(dir);
		if (g == NULL) {
			ok = false;
			i = j;
			continue;
		}
		/* the walk's spelling, and its targets: the files not
		 * excluded (a new group takes the walk's list as it is: a
		 * tree of 10,000 phones must not be merged file by file) */
		size_t here = 0;
		bool fresh = g->files.n == 0;

		for (size_t k = i; k < j; k++) {
			if ((fresh ? ycfg_pathlist_add(&g->files, found.v[k])
				   : group_spell(g, found.v[k])) != 0) {
				ok = false;
				continue;
			}
			if (ycfg_config_excluded(&g->ctx->cfg, found.v[k])) {
				excluded++;
				by = g->ctx->config_path;
				continue;
			}
			here++;
			if (ycfg_pathlist_add(&g->targets, found.v[k]) != 0)
				ok = false;
		}
		if (here == j - i && !g->all) {
			g->all = true;   /* every file of it */
			ycfg_pathlist_free(&g->targets);
		}
		kept += here;
		i = j;
	}
	ycfg_pathlist_free(&found);
	if (ok && kept == 0) {
		if (excluded > 0)
			ycfg_errorf("nothing to lint in '%s': all %zu "
				"files are excluded by %s", path,
				excluded, by ? by : "the configuration");
		else
			ycfg_errorf("nothing to lint in '%s': no .cfg "
				"or .boot files and no templates", path);
		ok = false;
	}
	return ok;
}

/* Reads standard input once, for --stdin-filename. */
static bool
read_stdin(struct run *run)
{
	char why[256];

	if (run->stdin_read)
		return true;
	switch (ycfg_read_file("-", &run->stdin_buf, YCFG_FILE_MAX, why,
			       sizeof(why))) {
	case YCFG_READ_OK:
		run->stdin_read = true;
		return true;
	case YCFG_READ_TOO_LARGE:
		ycfg_errorf("standard input is larger than %zu MiB",
			    YCFG_FILE_MAX >> 20);
		return false;
	default:
		ycfg_errorf("cannot read standard input: %s", why);
		return false;
	}
}

/* ------------------------------------------------------------------ */
/* running                                                              */
/* ------------------------------------------------------------------ */

/* Lints standard input without a name: its own phone. */
static void
lint_stdin_alone(struct run *run)
{
	struct context *c = context_for(run, "");
	struct ycfg_linter l;
	struct ycfg_doc doc;
	char err[512];

	if (c == NULL) {
		run->trouble = true;
		return;
	}
	ycfg_linter_init(&l, &c->lo);
	ycfg_doc_init(&doc);
	if (ycfg_lint_single(&l, "-", &doc, &c->d, err, sizeof(err)) != 0) {
		ycfg_errorf("%s", err);
		run->trouble = true;
	} else {
		run->nfiles++;
	}
	ycfg_doc_free(&doc);
	ycfg_linter_free(&l);
}

static void
run_groups(struct run *run)
{
	for (size_t i = 0; i < run->ngroups; i++) {
		struct group *g = &run->groups[i];
		struct context *c = g->ctx;
		struct ycfg_tree_opts t = {
			.o = &c->lo,
			.model_of = context_model_of,
			.model_ctx = c,
			.stdin_path = run->stdin_read ? run->a->stdin_filename
						      : NULL,
			.stdin_buf = &run->stdin_buf,
		};
		struct ycfg_tree_stats st = { 0 };

		if (!g->all && g->targets.n == 0)
			continue;
		ycfg_lint_directory(&t, g->dir, &g->files,
				    g->all ? NULL : &g->targets, &c->d, &st);
		run->nfiles += st.files;
		run->nphones += st.phones;
	}
}

/* Drops what the display filter hides (the exit status was decided on
 * everything). */
static void
filter_display(struct ycfg_diags *d, enum ycfg_severity min)
{
	size_t w = 0;

	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity < min) {
			d->count[d->v[i].severity]--;
			continue;
		}
		d->v[w++] = d->v[i];
	}
	d->n = w;
}

static int
print_statistics(const struct ycfg_diags *d)
{
	size_t count[YCFG_R__COUNT] = { 0 };
	int sev[YCFG_R__COUNT];

	for (size_t i = 0; i < d->n; i++) {
		count[d->v[i].rule]++;
		sev[d->v[i].rule] = d->v[i].severity;
	}
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info(r);

		if (count[r] > 0)
			printf("%6zu  %-7s  %-24s %s\n", count[r],
			       ycfg_severity_name((enum ycfg_severity)sev[r]),
			       ri->id, ri->summary);
	}
	return fflush(stdout) == 0 ? 0 : -1;
}

/* Renders the report (into memory when it goes to a file, so a failed
 * run never leaves a partial one) and writes it.  Returns 0 or -1. */
/* The repairs of a run's findings, for SARIF "fixes": per file its bytes
 * and its fix result, and per finding its file. */
struct fix_file {
	struct ycfg_buf bytes;
	struct ycfg_fix_result r;
};

struct fix_index {
	const struct ycfg_diags *d;
	struct fix_file *files;
	size_t nfiles, cap;
	size_t *file_of;              /* per finding: files index, or SIZE_MAX */
};

static bool
fix_index_of(void *ctx, size_t i, struct ycfg_sarif_fix *out)
{
	const struct fix_index *x = ctx;
	const struct fix_file *f;
	const char *how;
	enum ycfg_fix_kind k;

	if (x->file_of == NULL || x->file_of[i] == SIZE_MAX)
		return false;
	f = &x->files[x->file_of[i]];
	k = ycfg_rule_fix(x->d->v[i].rule, &how);
	if (k == YCFG_FIX_NONE || how == NULL ||
	    !ycfg_fix_of(&f->r, f->bytes.p, f->bytes.len, i, &out->off,
			 &out->len, &out->text, &out->textlen))
		return false;
	out->description = how;
	return true;
}

static void
fix_index_free(struct fix_index *x)
{
	for (size_t i = 0; i < x->nfiles; i++) {
		ycfg_buf_free(&x->files[i].bytes);
		ycfg_fix_result_free(&x->files[i].r);
	}
	free(x->files);
	free(x->file_of);
}

static bool file_is_template(const struct lint_args *a,
			     const struct context *c, const char *f,
			     const struct ycfg_buf *buf);

/* The findings of one file: d->v[*i .. *end) (d sorted by file).
 * Returns true when one of them has a fix and the file is not standard
 * input. */
static bool
file_findings(const struct ycfg_diags *d, size_t i, size_t *end)
{
	const char *f = d->v[i].file;
	bool fixable = false;
	size_t j = i;

	while (j < d->n && strcmp(d->v[j].file, f) == 0)
		fixable |= ycfg_rule_fix(d->v[j++].rule, NULL) != YCFG_FIX_NONE;
	*end = j;
	return fixable && strcmp(f, "-") != 0;
}

/* Reads file f and computes its repairs from d into ff (freed by the
 * caller).  Returns 0; 1 when the file is not rewritten (a template);
 * -1 with err when it cannot be read. */
static int
repair_file(struct run *run, const char *f, const struct ycfg_diags *d,
	    bool unsafe, struct fix_file *ff, char *err, size_t errsz)
{
	char *dir = dir_of(f);
	struct context *c = dir ? context_for(run, dir) : NULL;

	free(dir);
	if (c == NULL) {
		snprintf(err, errsz, "no configuration for it");
		return -1;
	}
	if (ycfg_read_file(f, &ff->bytes, YCFG_FILE_MAX, err, errsz) !=
	    YCFG_READ_OK)
		return -1;
	if (file_is_template(run->a, c, f, &ff->bytes))
		return 1;
	if (ycfg_fix_file(&c->schema, f, ff->bytes.p, ff->bytes.len,
			  ycfg_path_is_boot(f), d, unsafe, &ff->r) != 0) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	return 0;
}


/* Computes the repairs of d's findings (safe and unsafe) for SARIF. */
static void
fix_index_build(struct run *run, const struct ycfg_diags *d,
		struct fix_index *x)
{
	memset(x, 0, sizeof(*x));
	x->d = d;
	x->file_of = malloc((d->n + 1) * sizeof(*x->file_of));
	if (x->file_of == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		x->file_of[i] = SIZE_MAX;
	for (size_t i = 0, end; i < d->n; i = end) {
		struct fix_file ff = { 0 };
		char err[PATH_MAX + 256];

		if (!file_findings(d, i, &end) ||
		    repair_file(run, d->v[i].file, d, true, &ff, err,
				sizeof(err)) != 0 ||
		    ff.r.text == NULL ||
		    ycfg_vec_push(&x->files, &x->nfiles, &x->cap, &ff,
				  sizeof(ff)) != 0) {
			ycfg_buf_free(&ff.bytes);
			ycfg_fix_result_free(&ff.r);
			continue;
		}
		for (size_t k = i; k < end; k++)
			x->file_of[k] = x->nfiles - 1;
	}
}

static int
write_report(const struct lint_args *a, const struct ycfg_diags *d,
	     size_t nfiles, struct fix_index *fixes)
{
	const struct ycfg_sarif_opts so = {
		.version = YCFG_VERSION,
		.fix_of = fixes ? fix_index_of : NULL,
		.fix_ctx = fixes,
	};
	bool color = a->fmt == YCFG_FMT_TEXT && a->output == NULL &&
		     ycfg_want_color(a->color, stdout);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = stdout;
	int rc;

	if (a->statistics && a->output == NULL)
		return print_statistics(d);
	if (a->output != NULL && (out = open_memstream(&buf, &len)) == NULL) {
		ycfg_errorf("out of memory");
		return -1;
	}
	if (a->fmt == YCFG_FMT_SARIF)
		rc = ycfg_report_sarif(out, d, &so);
	else
		rc = ycfg_report(out, a->fmt, d, nfiles, color);
	if (a->output == NULL) {
		if (rc != 0 || fflush(stdout) != 0) {
			ycfg_errorf("cannot write the report");
			return -1;
		}
		return 0;
	}
	if (fclose(out) != 0 || rc != 0) {
		ycfg_errorf("out of memory");
		free(buf);
		return -1;
	}
	rc = ycfg_write_output(a->output, buf, len);
	free(buf);
	return rc;
}

/* A file some phone loads (its boot file or a layer), by phone. */
struct use {
	const char *path;
	size_t phone;
};

static int
use_cmp(const void *a, const void *b)
{
	const struct use *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : (x->phone > y->phone) - (x->phone < y->phone);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct ycfg_phone *phones_by_mac;   /* for mac_cmp */

static int
mac_cmp(const void *a, const void *b)
{
	return strcmp(phones_by_mac[*(const size_t *)a].mac,
		      phones_by_mac[*(const size_t *)b].mac);
}

/* The phone of mac through the index sorted by MAC, or -1. */
static long
phone_of(const struct ycfg_phone *ph, const size_t *by_mac, size_t nph,
	 const char *mac)
{
	size_t lo = 0, hi = nph;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ph[by_mac[mid]].mac, mac);

		if (c == 0)
			return (long)by_mac[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The uses of path: the first index in the sorted uses, or n. */
static size_t
first_use(const struct use *u, size_t n, const char *path)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(u[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
print_phone(const struct ycfg_phone *q, enum ycfg_file_kind kind)
{
	printf("\tphone %s (%s%s%s):", q->mac,
	       q->model ? q->model->name : "model unknown",
	       q->model ? " from " : "",
	       q->model ? ycfg_shown(q->model_from) : "");
	if (q->boot)
		printf(" %s ->", ycfg_shown(q->boot));
	for (size_t l = 0; l < q->layers.n; l++)
		printf("%s %s", l ? "," : "", ycfg_shown(q->layers.v[l]));
	if (kind == YCFG_FILE_MAC_CFG && !q->own_cfg_loaded)
		printf(" (this file is not loaded)");
}

/* --list-files for one group: each target with its own phone and the
 * number of other phones that load it.  Index arrays keep it linear in
 * the files and phones (a tree of 10,000 phones). */
static int
list_group(struct group *g, const struct ycfg_phone *ph, size_t nph)
{
	struct use *u = NULL;
	size_t nu = 0, cap = 0;
	char **targets = NULL;
	size_t *by_mac = malloc((nph ? nph : 1) * sizeof(*by_mac));
	int rc = by_mac ? 0 : -1;

	for (size_t p = 0; by_mac != NULL && p < nph; p++)
		by_mac[p] = p;
	phones_by_mac = ph;
	if (by_mac != NULL && nph > 1)
		qsort(by_mac, nph, sizeof(*by_mac), mac_cmp);

	for (size_t p = 0; p < nph && rc == 0; p++) {
		for (size_t l = 0; l <= ph[p].layers.n && rc == 0; l++) {
			const char *path = l < ph[p].layers.n
					   ? ph[p].layers.v[l] : ph[p].boot;

			if (path == NULL)
				continue;
			rc = ycfg_vec_reserve(&u, &cap, nu + 1, sizeof(*u),
					      1024);
			if (rc == 0)
				u[nu++] = (struct use){ path, p };
		}
	}
	if (rc == 0 && !g->all && g->targets.n > 0) {
		targets = malloc(g->targets.n * sizeof(*targets));
		if (targets == NULL)
			rc = -1;
		else {
			memcpy(targets, g->targets.v,
			       g->targets.n * sizeof(*targets));
			qsort(targets, g->targets.n, sizeof(*targets),
			      str_cmp);
		}
	}
	if (rc != 0) {
		free(u);
		free(by_mac);
		ycfg_errorf("out of memory");
		return -1;
	}
	if (nu > 1)
		qsort(u, nu, sizeof(*u), use_cmp);
	for (size_t k = 0; k < g->files.n; k++) {
		const char *f = g->files.v[k];
		char mac[13];
		size_t users = 0;
		long own = -1;

		if (!g->all && (targets == NULL ||
				bsearch(&f, targets, g->targets.n,
					sizeof(*targets), str_cmp) == NULL))
			continue;

		enum ycfg_file_kind kind = ycfg_file_kind(f, mac);

		if (kind == YCFG_FILE_MAC_CFG || kind == YCFG_FILE_MAC_BOOT)
			own = phone_of(ph, by_mac, nph, mac);
		printf("%s", ycfg_shown(f));
		if (own >= 0)
			print_phone(&ph[own], kind);
		for (size_t i = first_use(u, nu, f);
		     i < nu && strcmp(u[i].path, f) == 0; i++)
			users += (long)u[i].phone != own &&
				 (i == 0 || u[i - 1].phone != u[i].phone ||
				  strcmp(u[i - 1].path, f) != 0);
		if (users > 0)
			printf("\tloaded by %zu phone%s", users,
			       users == 1 ? "" : "s");
		putchar('\n');
	}
	free(targets);
	free(u);
	free(by_mac);
	return 0;
}

/* --list-files: each target with its phones and what they load. */
static int
list_files(struct run *run)
{
	for (size_t i = 0; i < run->ngroups; i++) {
		struct group *g = &run->groups[i];
		struct context *c = g->ctx;
		struct ycfg_tree_opts t = {
			.o = &c->lo, .model_of = context_model_of,
			.model_ctx = c,
		};
		struct ycfg_phone *ph = NULL;
		size_t nph = 0;

		if (ycfg_plan_phones(&t, g->dir, &g->files, &ph, &nph,
				     &c->d) != 0)
			return -1;

		int rc = list_group(g, ph, nph);

		ycfg_phones_free(ph, nph);
		if (rc != 0)
			return -1;
	}
	return fflush(stdout) == 0 ? 0 : -1;
}

/* --show-config PATH */
/* The template lines of --show-config: the mode in force and where it
 * comes from, the templates globs, and how the file itself is read. */
static void
show_template(const struct lint_args *a, const struct context *c,
	      const char *path, const char *src)
{
	enum ycfg_template_mode mode = c->lo.template_mode;
	struct ycfg_buf buf = { 0 };
	char why[256];

	printf("template:     %s (%s)\n",
	       mode == YCFG_TPL_MODE_AUTO ? "auto"
	       : mode == YCFG_TPL_MODE_NONE ? "none"
	       : ycfg_dialect_name(c->lo.template_dialect),
	       a->template_given ? "--template"
	       : c->cfg.template_mode != YCFG_CONFIG_UNSET ? src : "default");
	for (size_t i = 0; i < c->cfg.ntemplates; i++)
		printf("%-14s%s (%s)\n", i ? "" : "templates:",
		       ycfg_shown(c->cfg.templates[i]), src);
	if (ycfg_is_dir(path) ||
	    ycfg_read_file(path, &buf, YCFG_FILE_MAX, why, sizeof(why)) !=
		    YCFG_READ_OK) {
		ycfg_buf_free(&buf);
		return;
	}

	bool named = c->lo.is_template != NULL &&
		     c->lo.is_template(path, c->lo.is_template_arg);
	enum ycfg_dialect d =
		mode == YCFG_TPL_MODE_DIALECT ? c->lo.template_dialect
		: named ? ycfg_template_guess(path, buf.p, buf.len)
		: mode == YCFG_TPL_MODE_NONE ? YCFG_TPL_NONE
		: ycfg_template_detect(path, buf.p, buf.len);

	if (d == YCFG_TPL_NONE)
		printf("              this file: not a template\n");
	else
		printf("              this file: a %s template%s\n",
		       ycfg_dialect_name(d),
		       mode == YCFG_TPL_MODE_DIALECT ? ""
		       : named ? " (named in templates:)"
		       : ycfg_template_path(path) ? " (by its name)"
		       : " (by its content)");
	ycfg_buf_free(&buf);
}

static int
show_config(const struct lint_args *a, const char *path)
{
	char *dir = ycfg_is_dir(path) ? strdup(path) : dir_of(path);
	char cp[PATH_MAX];
	struct context *c;

	if (dir == NULL)
		return YCFG_EXIT_TROUBLE;
	if (config_for(a, dir, cp, sizeof(cp)) != 0 ||
	    (c = context_load(a, cp)) == NULL) {
		free(dir);
		return YCFG_EXIT_TROUBLE;
	}
	free(dir);

	static char srcbuf[4 * PATH_MAX + 1];   /* kept through the loops */
	const char *src = c->config_path
			  ? ycfg_utf8_display(c->config_path, srcbuf,
					      sizeof(srcbuf))
			  : "(none)";

	printf("file:         %s\n", ycfg_shown(path));
	printf("config:       %s%s\n", src, a->config_file ? " (--config)" :
	       a->no_config ? " (--no-config)" : "");
	printf("model:        %s", c->lo.model ? c->lo.model->name : "(none)");
	if (a->model)
		printf(" (--model)");
	else if (c->cfg.model)
		printf(" (%s)", src);
	if (ycfg_schema_dir() != NULL)
		printf("\nschema:       %s (YCFG_SCHEMA_DIR)\n",
		       ycfg_shown(ycfg_schema_dir()));
	else
		printf("\nschema:       built in (schema/*.yaml of ycfg %s)\n",
		       YCFG_VERSION);
	for (size_t i = 0; i < a->schemas.n; i++)
		printf("              %s (--schema)\n",
		       ycfg_shown(a->schemas.v[i]));
	for (size_t i = 0; i < c->cfg.nschema; i++)
		printf("              %s (%s)\n",
		       ycfg_shown(c->cfg.schema[i]), src);
	for (size_t i = 0; i < c->cfg.nexclude; i++)
		printf("%-14s%s (%s)\n", i ? "" : "exclude:",
		       ycfg_shown(c->cfg.exclude[i]), src);
	for (size_t i = 0; i < c->cfg.nphones; i++)
		printf("%-14s%s: %s (%s)\n", i ? "" : "phones:",
		       ycfg_shown(c->cfg.phones[i].pattern),
		       ycfg_shown(c->cfg.phones[i].model), src);
	show_template(a, c, path, src);
	printf("rules:\n");
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info(r);
		int lv = c->d.level[r];
		const char *from = "default";

		if (a->ignore[r])
			from = "--ignore";
		else if (a->selecting)
			from = "--select";
		else if (c->cfg.level[r] != YCFG_CONFIG_UNSET)
			from = src;
		printf("  %-24s %-8s %s\n", ri->id, lv == YCFG_LEVEL_OFF ? "off"
		       : ycfg_severity_name((enum ycfg_severity)lv), from);
	}

	int rc = fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;

	context_free(c);
	return rc;
}

static void
run_free(struct run *run)
{
	for (size_t i = 0; i < run->ngroups; i++) {
		free(run->groups[i].dir);
		ycfg_pathlist_free(&run->groups[i].files);
		ycfg_pathlist_free(&run->groups[i].targets);
	}
	free(run->groups);
	for (size_t i = 0; i < run->nctx; i++)
		context_free(run->ctx[i]);
	free(run->ctx);
	ycfg_buf_free(&run->stdin_buf);
}

/* -o naming a file of the run, its configuration or a schema. */
static bool
output_is_input(const struct run *run)
{
	const char *out = run->a->output;
	struct stat st;

	/* an output that does not exist yet cannot be an input */
	if (out == NULL || stat(out, &st) != 0)
		return false;
	for (size_t i = 0; i < run->a->schemas.n; i++)
		if (ycfg_output_is_input(out, run->a->schemas.v[i]))
			return true;
	for (size_t i = 0; i < run->nctx; i++)
		if (run->ctx[i]->config_path != NULL &&
		    ycfg_output_is_input(out, run->ctx[i]->config_path))
			return true;
	for (size_t i = 0; i < run->ngroups; i++)
		for (size_t k = 0; k < run->groups[i].files.n; k++)
			if (ycfg_output_is_input(out,
						 run->groups[i].files.v[k]))
				return true;
	return false;
}

/* Adds every PATH argument to the run.  Returns false on trouble. */
static bool
collect(struct run *run, char **paths, int n)
{
	const struct lint_args *a = run->a;
	bool ok = true, any_excluded = false, has_walk = false;
	size_t named = 0;

	for (int i = 0; i < n; i++) {
		const char *path = paths[i];
		bool excluded = false;

		if (strcmp(path, "-") == 0) {
			if (a->stdin_filename == NULL) {
				lint_stdin_alone(run);
				named++;
				continue;
			}
			if (!read_stdin(run)) {
				ok = false;
				continue;
			}
			path = a->stdin_filename;
		} else if (ycfg_is_dir(path)) {
			ok &= add_directory(run, path);
			has_walk = true;
			continue;
		}
		if (!add_named_file(run, path, &excluded))
			ok = false;
		else if (excluded)
			any_excluded = true;
		else
			named++;
	}
	if (ok && named == 0 && any_excluded && run->nfiles == 0 &&
	    !has_walk)
		ycfg_errorf("nothing to lint: every file named is "
			"excluded (--force-exclude)");
	return ok;
}

/* True when f is read as a template: its text is not the file the phone
 * gets, so it is not rewritten. */
static bool
file_is_template(const struct lint_args *a, const struct context *c,
		 const char *f, const struct ycfg_buf *buf)
{
	if (a->template_given && a->template_mode == YCFG_TPL_MODE_NONE)
		return false;
	if (a->template_given && a->template_mode != YCFG_TPL_MODE_AUTO)
		return true;
	return ycfg_template_detect(f, buf->p, buf->len) != YCFG_TPL_NONE ||
	       ycfg_config_is_template(&c->cfg, f);
}

/* Repairs (--fix) or shows the repairs of (--diff) the files of the
 * findings in d (sorted).  Counts what is fixed; returns false on
 * trouble (a file that cannot be read or written: it is left as it
 * was). */
static bool
fix_files(struct run *run, const struct ycfg_diags *d, size_t fixed[],
	  size_t *nfixed, size_t *nfiles)
{
	const struct lint_args *a = run->a;
	bool ok = true;

	for (size_t i = 0, end; i < d->n; i = end) {
		const char *f = d->v[i].file;
		char err[PATH_MAX + 256], real[PATH_MAX];
		struct fix_file ff = { 0 };
		bool done = false;
		int rc;

		if (!file_findings(d, i, &end))
			continue;
		rc = repair_file(run, f, d, a->unsafe_fixes, &ff, err,
				 sizeof(err));
		if (rc < 0) {
			ycfg_errorf("cannot fix '%s': %s", f, err);
			ok = false;
		} else if (rc == 0 && ff.r.text != NULL && a->diff) {
			done = ycfg_fix_diff(&ff.r, f, ff.bytes.p, ff.bytes.len,
					     stdout) == 0;
			ok &= done;
		} else if (rc == 0 && ff.r.text != NULL) {
			done = realpath(f, real) != NULL &&
			       ycfg_write_atomic(real, ff.r.text, ff.r.len, err,
						 sizeof(err)) == 0;
			if (!done) {
				ycfg_errorf("cannot fix '%s': %s", f,
					    realpath(f, real) ? err
					    : strerror(errno));
				ok = false;
			}
		}
		if (done) {
			for (int k = 0; k < YCFG_R__COUNT; k++)
				fixed[k] += ff.r.fixed[k];
			*nfixed += ff.r.nfixed;
			(*nfiles)++;
		}
		ycfg_buf_free(&ff.bytes);
		ycfg_fix_result_free(&ff.r);
	}
	return ok;
}

/* "3 trailing-whitespace, 1 duplicate-key" */
static void
print_fixed(const size_t fixed[])
{
	bool first = true;

	for (int k = 0; k < YCFG_R__COUNT; k++)
		if (fixed[k] > 0) {
			fprintf(stderr, "%s%zu %s", first ? " (" : ", ",
				fixed[k], ycfg_rule_info(k)->id);
			first = false;
		}
	fputs(first ? "\n" : ")\n", stderr);
}

/* Markdown text of a finding's message or name: no table or markup
 * characters left to interpret. */
static void
md_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			fputc('\\', f);
		fputc(*s == '\n' ? ' ' : *s, f);
	}
}

#define SUMMARY_FINDINGS 20

/* --sarif and --summary: the other reports of the same run.  Returns 0,
 * or -1 after printing the problem. */
static int
write_extra(const struct lint_args *a, const struct ycfg_diags *d,
	    size_t nfiles, size_t nphones, struct fix_index *fixes)
{
	if (a->sarif != NULL) {
		const struct ycfg_sarif_opts so = {
			.version = YCFG_VERSION, .fix_of = fix_index_of,
			.fix_ctx = fixes,
		};
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		int rc;

		if (m == NULL) {
			ycfg_errorf("out of memory");
			return -1;
		}
		rc = ycfg_report_sarif(m, d, &so);
		if (fclose(m) != 0 || rc != 0) {
			free(buf);
			ycfg_errorf("out of memory");
			return -1;
		}
		rc = ycfg_write_output(a->sarif, buf, len);
		free(buf);
		if (rc != 0)
			return -1;
	}
	if (a->summary == NULL)
		return 0;

	/* appended: a job summary gathers the steps' texts */
	FILE *f = fopen(a->summary, "a");
	size_t count[YCFG_R__COUNT] = { 0 };

	if (f == NULL) {
		ycfg_errorf("cannot write '%s': %s", a->summary,
			    strerror(errno));
		return -1;
	}
	fputs("### ycfg lint: ", f);
	ycfg_report_summary(f, d, nfiles, nphones);
	for (size_t i = 0; i < d->n; i++)
		count[d->v[i].rule]++;
	if (d->n > 0) {
		fputs("\n| rule | severity | findings |\n|---|---|---:|\n", f);
		for (int r = 0; r < YCFG_R__COUNT; r++)
			if (count[r] > 0)
				fprintf(f, "| `%s` | %s | %zu |\n",
					ycfg_rule_info(r)->id,
					ycfg_severity_name(
						ycfg_rule_info(r)->severity),
					count[r]);
		fprintf(f, "\n%s findings:\n\n", d->n > SUMMARY_FINDINGS
			? "The first" : "The");
		for (size_t i = 0; i < d->n && i < SUMMARY_FINDINGS; i++) {
			const struct ycfg_diag *g = &d->v[i];

			fputs("- `", f);
			/* a name with a backtick is shown without it */
			for (const char *p = g->file ? g->file : "-"; *p; p++)
				if (*p != '`' && *p != '\n')
					fputc(*p, f);
			fprintf(f, ":%u:%u` %s: ", g->line, g->col,
				ycfg_severity_name(g->severity));
			md_text(f, g->msg);
			fprintf(f, " [%s]\n", ycfg_rule_info(g->rule)->id);
		}
		if (d->n > SUMMARY_FINDINGS)
			fprintf(f, "- and %zu more\n", d->n - SUMMARY_FINDINGS);
	}
	fputc('\n', f);
	if (fclose(f) != 0) {
		ycfg_errorf("cannot write '%s': %s", a->summary,
			    strerror(errno));
		return -1;
	}
	return 0;
}

/* One lint of the paths: collect, judge, report (or, fixing, repair).
 * Returns the exit status. */
static int
lint_paths(struct lint_args *a, char **paths, int n, bool fixing,
	   size_t fixed[], size_t *nfixed, size_t *nfiles_fixed)
{
	struct run run = { .a = a };
	struct ycfg_diags d;
	int rc = YCFG_EXIT_CLEAN;

	if (!collect(&run, paths, n))
		rc = YCFG_EXIT_TROUBLE;
	if (a->list_files) {
		if (list_files(&run) != 0)
			rc = YCFG_EXIT_TROUBLE;
		goto out;
	}
	if (rc != YCFG_EXIT_CLEAN && run.ngroups == 0 && run.nfiles == 0)
		goto out;
	if (output_is_input(&run)) {
		rc = YCFG_EXIT_TROUBLE;
		goto out;
	}
	run_groups(&run);

	/* one list for the report, each finding judged with the levels of
	 * its file's configuration */
	ycfg_diags_init(&d);
	for (size_t i = 0; i < run.nctx; i++)
		ycfg_diags_move(&d, &run.ctx[i]->d);
	ycfg_print_troubles(&d);
	if (ycfg_diags_failed(&d) || run.trouble)
		rc = YCFG_EXIT_TROUBLE;
	if (rc == YCFG_EXIT_CLEAN && !a->exit_zero &&
	    ycfg_diags_max_severity(&d) >= (int)a->fail_on)
		rc = YCFG_EXIT_FINDINGS;

	ycfg_diags_sort(&d);
	if (fixing) {
		/* nothing is written for a run that could not read its
		 * files */
		if (rc == YCFG_EXIT_TROUBLE)
			ycfg_errorf("nothing fixed: the run failed");
		else if (!fix_files(&run, &d, fixed, nfixed, nfiles_fixed))
			rc = YCFG_EXIT_TROUBLE;
		ycfg_diags_free(&d);
		goto out;
	}
	filter_display(&d, a->min_severity);

	/* SARIF carries each finding's repair */
	struct fix_index fixes = { 0 };

	if ((a->fmt == YCFG_FMT_SARIF || a->sarif != NULL) && !a->statistics)
		fix_index_build(&run, &d, &fixes);
	if (rc == YCFG_EXIT_TROUBLE && a->output != NULL)
		/* a partial report must not pass for the previous one */
		ycfg_errorf("not writing '%s': the run failed", a->output);
	else if (write_report(a, &d, run.nfiles,
			      a->fmt == YCFG_FMT_SARIF ? &fixes : NULL) != 0)
		rc = YCFG_EXIT_TROUBLE;
	else if (write_extra(a, &d, run.nfiles, run.nphones, &fixes) != 0)
		rc = YCFG_EXIT_TROUBLE;
	fix_index_free(&fixes);
	/* a summary of nothing would only hide the trouble above it (or
	 * repeat that every named file was excluded) */
	if (!a->quiet && run.nfiles > 0) {
		fprintf(stderr, "%s: ", YCFG_PROG);
		ycfg_report_summary(stderr, &d, run.nfiles, run.nphones);
	}
	ycfg_diags_free(&d);
out:
	run_free(&run);
	return rc;
}

int
ycfg_cmd_lint(int argc, char **argv)
{
	struct lint_args a = { .color = "auto", .fail_on = YCFG_SEV_ERROR,
			       .min_severity = YCFG_SEV_INFO,
			       .fmt = YCFG_FMT_TEXT };
	size_t fixed[YCFG_R__COUNT] = { 0 }, nfixed = 0, nfiles = 0;
	int rc = parse_options(argc, argv, &a);

	if (rc >= 0)
		goto out;
	if (a.show_config != NULL) {
		rc = show_config(&a, a.show_config);
		goto out;
	}
	if (!a.fix && !a.diff) {
		rc = lint_paths(&a, argv + optind, argc - optind, false, NULL,
				NULL, NULL);
		goto out;
	}
	rc = lint_paths(&a, argv + optind, argc - optind, true, fixed,
			&nfixed, &nfiles);
	if (a.diff) {
		if (fflush(stdout) != 0)
			rc = YCFG_EXIT_TROUBLE;
		if (!a.quiet) {
			fprintf(stderr, "%s: %s %zu finding%s in %zu file%s",
				YCFG_PROG, nfixed ? "would fix" : "nothing to "
				"fix:", nfixed, nfixed == 1 ? "" : "s", nfiles,
				nfiles == 1 ? "" : "s");
			print_fixed(fixed);
		}
		/* as ruff: 1 when a fix would change a file */
		if (rc != YCFG_EXIT_TROUBLE)
			rc = nfixed > 0 ? YCFG_EXIT_FINDINGS : YCFG_EXIT_CLEAN;
		goto out;
	}
	if (rc == YCFG_EXIT_TROUBLE)
		goto out;
	if (!a.quiet) {
		fprintf(stderr, "%s: fixed %zu finding%s in %zu file%s",
			YCFG_PROG, nfixed, nfixed == 1 ? "" : "s", nfiles,
			nfiles == 1 ? "" : "s");
		print_fixed(fixed);
	}
	/* what is left, as lint reports it */
	rc = lint_paths(&a, argv + optind, argc - optind, false, NULL, NULL,
			NULL);
out:
	ycfg_pathlist_free(&a.schemas);
	return rc;
}
