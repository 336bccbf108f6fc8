/*
 * cmd_resolve.c - ycfg resolve: one phone's effective configuration.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ycfg/cli.h"
#include "ycfg/config.h"
#include "ycfg/conditions.h"
#include "ycfg/lexer.h"
#include "ycfg/emit.h"
#include "ycfg/recipe.h"
#include "ycfg/secret.h"
#include "ycfg/report.h"
#include "ycfg/resolve.h"
#include "ycfg/suppress.h"
#include "ycfg/tree.h"
#include "ycfg/value.h"

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
	"  --config FILE         read this configuration (phones: models,\n"
	"                        schema) instead of the nearest " YCFG_CONFIG_NAME "\n"
	"  --no-config           read no configuration file\n"
	"  -h, --help            show this help\n"
	"\n"
	"Findings in the input go to stderr.  exit status: 0 written, 1 written\n"
	"but an input has errors, 2 usage error, unreadable input or output\n";

enum {
	OPT_MODEL = 256,
	OPT_FORMAT,
	OPT_SCHEMA,
	OPT_PROVENANCE,
	OPT_SHOW_SECRETS,
	OPT_DEFAULTS,
	OPT_OVERWRITE,
	OPT_CONFIG,
	OPT_NO_CONFIG,
};

struct resolve_args {
	const char *output;
	struct ycfg_emit_opts eo;
	bool defaults;
	int overwrite;           /* -1: as the boot file says */
};

/* Returns -1 when the command goes on, else the exit status. */
static int
parse_options(int argc, char **argv, struct resolve_args *a,
	      struct ycfg_session *s)
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
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MODEL:
			s->model = optarg;
			s->model_given = true;
			break;
		case OPT_FORMAT:
			if (ycfg_out_format_parse(optarg, &a->eo.format) != 0)
				return ycfg_usage_error("resolve", "invalid "
							"--format '%s'; expected "
							"yaml, json or cfg",
							optarg);
			break;
		case OPT_SCHEMA:
			if (ycfg_pathlist_add(&s->extra, optarg) != 0)
				return YCFG_EXIT_TROUBLE;
			break;
		case OPT_PROVENANCE:
			a->eo.provenance = true;
			break;
		case OPT_SHOW_SECRETS:
			a->eo.show_secrets = true;
			break;
		case OPT_DEFAULTS:
			a->defaults = true;
			break;
		case OPT_OVERWRITE:
			if (strcmp(optarg, "0") && strcmp(optarg, "1"))
				return ycfg_usage_error("resolve", "invalid "
							"--overwrite-mode '%s'; "
							"expected 0 or 1",
							optarg);
			a->overwrite = optarg[0] - '0';
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_CONFIG:
			s->config_file = optarg;
			break;
		case OPT_NO_CONFIG:
			s->no_config = true;
			break;
		case 'h':
			fputs(resolve_usage, stdout);
			return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN
						   : YCFG_EXIT_TROUBLE;
		default:
			return ycfg_bad_option("resolve", c, argv);
		}
	}
	if (optind >= argc)
		return ycfg_usage_error("resolve", "%s", "no FILE given");
	for (int i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") != 0 && ycfg_is_dir(argv[i]))
			return ycfg_usage_error("resolve", "'%s' is a directory; "
						"give the files of one phone "
						"(or its .boot file)", argv[i]);

	/* one phone only: one boot file alone, or .cfg files of at most
	 * one <MAC> */
	char first[13] = "";

	for (int i = optind; i < argc; i++) {
		char mac[13];
		enum ycfg_file_kind k = ycfg_file_kind(argv[i], mac);

		if (ycfg_path_is_boot(argv[i]) && argc - optind > 1)
			return ycfg_usage_error("resolve", "'%s' is a boot file: "
						"give it alone (it names the "
						"files it loads); for every "
						"phone of a tree use 'ycfg "
						"resolve --all DIR'", argv[i]);
		if (k != YCFG_FILE_MAC_CFG)
			continue;
		if (first[0] && strcmp(first, mac) != 0)
			return ycfg_usage_error("resolve", "'%s' and the "
						"<MAC>.cfg of %s are two "
						"phones; resolve one at a "
						"time, or every phone with "
						"'ycfg resolve --all DIR'",
						argv[i], first);
		memcpy(first, mac, 13);
	}
	return -1;
}

/* A <MAC> file named alone: its phone, loaded as lint judges it (its
 * recipe in its directory).  Returns 0, 1 when the phone is not found
 * (the caller loads the file alone), -1 with err. */
static int
load_phone(struct ycfg_session *s, struct ycfg_linter *l, const char *path,
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

/* Resolves the stack and writes it.  Returns an exit status. */
static int
emit_phone(struct ycfg_session *s, const struct resolve_args *a,
	   const struct ycfg_stack *st)
{
	struct ycfg_layers layers = {
		.docs = st->ptrs,
		.n = st->n,
		.overwrite_mode = st->overwrite_mode,
		.schema = &s->schema,
	};
	struct ycfg_resolved res;
	char *text = NULL, err[512];
	size_t len = 0;
	int rc = YCFG_EXIT_CLEAN;

	if (ycfg_resolve(&layers, a->defaults, s->lo.model, &res) != 0) {
		ycfg_errorf("out of memory");
		return YCFG_EXIT_TROUBLE;
	}
	size_t secrets = 0;

	for (size_t i = 0; i < res.n; i++)
		secrets += res.v[i].len > 0 &&
			   (res.v[i].secret ||
			    ycfg_has_userinfo_password(res.v[i].val,
						       res.v[i].len));
	if (a->eo.format == YCFG_OUT_CFG && !a->eo.show_secrets &&
	    secrets > 0) {
		/* a masked value would be deployed as the password */
		ycfg_errorf("not writing a .cfg with %zu secret%s "
			"masked: a cfg file is fed to phones; use "
			"--show-secrets", secrets,
			secrets == 1 ? "" : "s");
		ycfg_resolved_free(&res);
		return YCFG_EXIT_TROUBLE;
	}
	if (ycfg_emit(&res, &a->eo, &text, &len, err, sizeof(err)) != 0) {
		ycfg_errorf("%s", err);
		rc = YCFG_EXIT_TROUBLE;
	} else if (ycfg_write_output(a->output, text, len) != 0) {
		rc = YCFG_EXIT_TROUBLE;
	}
	free(text);
	ycfg_resolved_free(&res);
	return rc;
}

int
ycfg_cmd_resolve(int argc, char **argv)
{
	struct resolve_args a = { .eo = { .format = YCFG_OUT_YAML },
				  .overwrite = -1 };
	struct ycfg_session s;
	struct ycfg_linter linter;
	struct ycfg_stack st;
	struct ycfg_diags d;
	char err[512];
	int rc;

	ycfg_session_init(&s);
	s.use_config = true;
	rc = parse_options(argc, argv, &a, &s);
	if (rc >= 0)
		goto out;
	rc = ycfg_session_open(&s, "resolve", argv[optind]);
	if (rc != YCFG_EXIT_CLEAN)
		goto out;

	ycfg_linter_init(&linter, &s.lo);
	ycfg_stack_init(&st);
	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	int got = argc - optind == 1
		  ? load_phone(&s, &linter, argv[optind], &st, &d, err,
			       sizeof(err)) : 1;

	if (got == 1)
		got = argc - optind == 1 && ycfg_path_is_boot(argv[optind])
		      ? ycfg_stack_load_boot(&st, &linter, argv[optind], &d, err,
					     sizeof(err))
		      : ycfg_stack_load_files(&st, &linter, argv + optind,
					      (size_t)(argc - optind), &d, err,
					      sizeof(err));
	if (got != 0) {
		ycfg_errorf("%s", err);
		rc = YCFG_EXIT_TROUBLE;
		goto done;
	}
	for (int i = optind; i < argc; i++)
		if (ycfg_output_is_input(a.output, argv[i]))
			got = -1;
	for (size_t i = 0; i < st.n && got == 0; i++)
		if (ycfg_output_is_input(a.output, st.docs[i].path))
			got = -1;
	if (got != 0) {
		rc = YCFG_EXIT_TROUBLE;
		goto done;
	}
	if (a.overwrite >= 0)
		st.overwrite_mode = a.overwrite;
	for (size_t i = 0; i < st.n; i++)
		ycfg_conditions_judge(&s.schema, st.ptrs, st.n, i,
				      st.overwrite_mode, &d);
	if (ycfg_diags_failed(&d) && a.output != NULL)
		/* a partial configuration must not pass for a whole one */
		ycfg_errorf("not writing '%s': the run failed", a.output);
	else
		rc = emit_phone(&s, &a, &st);

	ycfg_diags_sort(&d);
	/* findings about the inputs never mix with the output */
	ycfg_print_troubles(&d);
	ycfg_report(stderr, YCFG_FMT_TEXT, &d, st.n, false);
	if (ycfg_diags_failed(&d))
		rc = YCFG_EXIT_TROUBLE;
	if (rc == YCFG_EXIT_CLEAN &&
	    ycfg_diags_max_severity(&d) >= YCFG_SEV_ERROR)
		rc = YCFG_EXIT_FINDINGS;
done:
	ycfg_diags_free(&d);
	ycfg_stack_free(&st);
	ycfg_linter_free(&linter);
out:
	ycfg_session_close(&s);
	return rc;
}
