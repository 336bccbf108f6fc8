/*
 * cli.c - what the commands share (see cli.h).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ycfg/cli.h"
#include "ycfg/lexer.h"
#include "ycfg/recipe.h"
#include "ycfg/report.h"
#include "ycfg/suppress.h"
#include "ycfg/tree.h"
#include "ycfg/utf8.h"

static void verrorf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void
verrorf(const char *fmt, va_list ap)
{
	char buf[2048], esc[4 * sizeof(buf)];
	int len = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (len < 0)
		len = 0;
	if ((size_t)len >= sizeof(buf))
		len = sizeof(buf) - 1;
	ycfg_utf8_escape(esc, buf, (size_t)len);
	fprintf(stderr, "%s: %s\n", YCFG_PROG, esc);
}

const char *
ycfg_shown(const char *s)
{
	static char buf[4][4 * 4096 + 1];
	static unsigned next;

	return ycfg_utf8_display(s, buf[next++ % 4], sizeof(buf[0]));
}

void
ycfg_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrorf(fmt, ap);
	va_end(ap);
}

int
ycfg_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrorf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s%s%s --help' for more information.\n",
		YCFG_PROG, cmd ? " " : "", cmd ? cmd : "");
	return YCFG_EXIT_TROUBLE;
}

int
ycfg_bad_option(const char *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		return ycfg_usage_error(cmd, "option '%s' needs a value", arg);
	if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		return ycfg_usage_error(cmd, "unknown option '-%c'", optopt);
	return ycfg_usage_error(cmd, "unknown option '%s'", arg);
}

bool
ycfg_wants_help(int argc, char **argv)
{
	return argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
			     strcmp(argv[1], "--help") == 0);
}

const char *
ycfg_schema_dir(void)
{
	const char *env = getenv("YCFG_SCHEMA_DIR");

	return env != NULL && *env ? env : NULL;
}

int
ycfg_load_schema(struct ycfg_schema *s, char *const *extra, size_t nextra)
{
	struct ycfg_diags d;
	int rc = 0;

	ycfg_diags_init(&d);
	ycfg_schema_init(s);
	/* the compiled-in schema, unless a directory is asked for */
	if (ycfg_schema_dir() != NULL
	    ? ycfg_schema_load_dir(s, ycfg_schema_dir(), &d) != 0
	    : ycfg_schema_load_builtin(s, &ycfg_builtin_schema) != 0) {
		ycfg_diag_add(&d, "schema", 0, 0, YCFG_R_SCHEMA_ERROR,
			      "cannot load the schema");
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < nextra; i++)
		if (ycfg_schema_load_file(s, extra[i], &d) != 0)
			rc = -1;
	if (rc != 0) {
		ycfg_diags_sort(&d);
		ycfg_report(stderr, YCFG_FMT_TEXT, &d, 0, false);
		ycfg_errorf("cannot load the schema");
	}
	ycfg_diags_free(&d);
	return rc;
}

bool
ycfg_want_color(const char *when, FILE *f)
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

int
ycfg_write_output(const char *path, const char *data, size_t len)
{
	char err[512];

	if (path == NULL) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			ycfg_errorf("cannot write to standard output");
			return -1;
		}
		return 0;
	}
	if (ycfg_write_atomic(path, data, len, err, sizeof(err)) != 0) {
		ycfg_errorf("cannot write '%s': %s", path,
			err);
		return -1;
	}
	return 0;
}

bool
ycfg_output_is_input(const char *output, const char *input)
{
	if (output == NULL || !ycfg_same_file(output, input))
		return false;
	ycfg_errorf("not writing '%s': it is the input '%s'", output, input);
	return true;
}

void
ycfg_print_troubles(const struct ycfg_diags *d)
{
	for (size_t i = 0; i < d->ntroubles; i++)
		ycfg_errorf("%s", d->troubles[i]);
	if (d->oom)
		ycfg_errorf("out of memory; the results are "
			"incomplete");
}

int
ycfg_parse_jobs(const char *s, unsigned *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    n > 1024)
		return -1;
	*out = (unsigned)n;
	return 0;
}

void
ycfg_session_init(struct ycfg_session *s)
{
	memset(s, 0, sizeof(*s));
	ycfg_config_init(&s->cfg);
	ycfg_schema_init(&s->schema);
}

/* Loads the configuration: --config FILE, else the one discovered from
 * first_path, nothing with --no-config. */
static int
session_config(struct ycfg_session *s, const char *first_path)
{
	char path[PATH_MAX], err[1024];
	const char *file = s->config_file;

	if (!s->use_config || s->no_config)
		return 0;
	if (file == NULL) {
		if (ycfg_config_discover(first_path, path, sizeof(path)) != 1)
			return 0;
		file = path;
	}
	if (ycfg_config_load(&s->cfg, file, err, sizeof(err)) != 0) {
		ycfg_errorf("%s", err);
		return -1;
	}
	return 0;
}

int
ycfg_session_open(struct ycfg_session *s, const char *cmd,
		  const char *first_path)
{
	if (s->config_file != NULL && s->no_config)
		return ycfg_usage_error(cmd, "%s", "--config and --no-config "
					"exclude each other");
	if (session_config(s, first_path) != 0)
		return YCFG_EXIT_TROUBLE;
	if (s->model == NULL)
		s->model = s->cfg.model;
	for (size_t i = 0; i < s->cfg.nschema; i++) {
		if (ycfg_pathlist_add(&s->extra, s->cfg.schema[i]) != 0) {
			ycfg_errorf("out of memory");
			return YCFG_EXIT_TROUBLE;
		}
	}
	if (ycfg_load_schema(&s->schema, s->extra.v, s->extra.n) != 0)
		return YCFG_EXIT_TROUBLE;
	if (ycfg_lint_opts_init(&s->lo, &s->schema, s->model) != 0) {
		bool from_cfg = s->model == s->cfg.model;

		return ycfg_usage_error(cmd, "unknown model '%s'%s%s; see 'ycfg "
					"schema --models'", s->model,
					from_cfg ? " in " : "",
					from_cfg ? s->cfg.path : "");
	}
	return YCFG_EXIT_CLEAN;
}

const struct ycfg_model *
ycfg_session_phone_model(void *ctx, const char *mac, const char **from)
{
	struct ycfg_session *s = ctx;
	const char *name;

	if (s->model_given) {
		*from = "--model";
		return s->lo.model;
	}
	if ((name = ycfg_config_phone_model(&s->cfg, mac)) != NULL) {
		*from = "phones:";
		return ycfg_schema_model(&s->schema, name);
	}
	*from = "model:";
	return s->lo.model;
}

void
ycfg_session_close(struct ycfg_session *s)
{
	ycfg_schema_free(&s->schema);
	ycfg_config_free(&s->cfg);
	ycfg_pathlist_free(&s->extra);
}

/* A <MAC> file named alone: its phone, loaded as lint judges it (its
 * recipe in its directory).  Returns 0, 1 when the phone is not found
 * (the caller loads the file alone), -1 with err. */
static int
load_mac_phone(struct ycfg_session *s, struct ycfg_linter *l, const char *path,
	   struct ycfg_stack *st, struct ycfg_diags *d, char *err,
	   size_t errsz)
{
	char mac[13], why[256];
	enum ycfg_file_kind k = ycfg_file_kind(path, mac);
	struct ycfg_tree_opts t = {
		.o = &s->lo, .model_of = ycfg_session_phone_model,
		.model_ctx = s,
	};
	struct ycfg_pathlist files = { 0 };
	struct ycfg_phone *ph = NULL;
	size_t nph = 0;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup("");
	int rc = 1;

	if (k != YCFG_FILE_MAC_CFG && k != YCFG_FILE_MAC_BOOT)
		goto out;
	if (dir == NULL ||
	    ycfg_list_provisioning_files(dir, &files, why, sizeof(why)) != 0 ||
	    ycfg_plan_phones(&t, dir, &files, &ph, &nph, d) != 0)
		goto out;
	for (size_t i = 0; i < nph; i++) {
		if (strcmp(ph[i].mac, mac) != 0)
			continue;
		if (ph[i].boot != NULL) {
			/* its boot file's own findings */
			struct ycfg_doc boot;
			size_t start = d->n;

			ycfg_doc_init(&boot);
			if (ycfg_lint_path(l, ph[i].boot, &boot, d, err,
					   errsz) == 0) {
				ycfg_recipe_check_includes(&boot, d);
				if (boot.has_directives)
					ycfg_suppress_apply(boot.buf.p,
							    boot.buf.len,
							    boot.path, d,
							    start);
			}
			ycfg_doc_free(&boot);
		}
		s->lo.model = ph[i].model;
		s->lo.model_name = ph[i].model ? ph[i].model->name : NULL;
		st->overwrite_mode = ph[i].overwrite_mode;
		rc = ycfg_stack_load_files(st, l, ph[i].layers.v,
					   ph[i].layers.n, d, err, errsz);
		break;
	}
out:
	ycfg_phones_free(ph, nph);
	ycfg_pathlist_free(&files);
	free(dir);
	return rc;
}

int
ycfg_session_load_phone(struct ycfg_session *s, struct ycfg_linter *l,
			char *const *paths, size_t n, struct ycfg_stack *st,
			struct ycfg_diags *d, char *err, size_t errsz)
{
	int got = n == 1 ? load_mac_phone(s, l, paths[0], st, d, err, errsz)
			 : 1;

	if (got == 1)
		got = n == 1 && ycfg_path_is_boot(paths[0])
		      ? ycfg_stack_load_boot(st, l, paths[0], d, err, errsz)
		      : ycfg_stack_load_files(st, l, paths, n, d, err, errsz);
	return got;
}
