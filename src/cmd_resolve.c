/*
 * cmd_resolve.c - ycfg resolve: one phone's effective configuration.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/uio.h>

#include "ycfg/cli.h"
#include "ycfg/config.h"
#include "ycfg/fileio.h"
#include "ycfg/conditions.h"
#include "ycfg/json.h"
#include "ycfg/lexer.h"
#include "ycfg/emit.h"
#include "ycfg/recipe.h"
#include "ycfg/secret.h"
#include "ycfg/report.h"
#include "ycfg/pool.h"
#include "ycfg/resolve.h"
#include "ycfg/suppress.h"
#include "ycfg/tree.h"
#include "ycfg/value.h"
#include "ycfg/vec.h"

static const char resolve_usage[] =
	"usage: ycfg resolve [OPTIONS] FILE...\n"
	"       ycfg resolve --all [OPTIONS] DIR\n"
	"\n"
	"Print the effective configuration of one phone.  A single .boot file\n"
	"is followed (its include:config lines in order, [MODEL] lines only\n"
	"for --model, its overwrite_mode); a <MAC>.cfg named alone is taken\n"
	"with what its phone loads in its directory; otherwise the files are\n"
	"layered in the order given, later files winning.  A value of -1 in\n"
	"the outbound_proxy failover family takes the sip_server value.\n"
	"With --all, every phone of the tree DIR, found and layered as 'ycfg\n"
	"lint DIR' judges it: one YAML document per phone (JSON Lines with\n"
	"--format json), or with -o one file per phone in a directory.\n"
	"\n"
	"options:\n"
	"  --all                 every phone of the tree DIR\n"
	"  --model NAME          phone model (boot [MODEL] lines, account range)\n"
	"  --format FORMAT       yaml (default), json or cfg\n"
	"  --provenance          give each value with the line it came from\n"
	"  --defaults            add the schema default of every parameter of\n"
	"                        each enabled account\n"
	"  --show-secrets        print passwords instead of " YCFG_SECRET_MASK "\n"
	"  --overwrite-mode N    0 (default) or 1 when no boot file says\n"
	"  -o, --output FILE     write to FILE atomically instead of stdout;\n"
	"                        with --all a directory, replaced as a whole\n"
	"                        (<dir>/<mac>.yaml, .json or .cfg)\n"
	"  -j, --jobs N          worker threads for --all (0: one per CPU)\n"
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
	OPT_ALL,
};

struct resolve_args {
	const char *output;
	struct ycfg_emit_opts eo;
	bool defaults;
	bool all;                /* --all DIR */
	unsigned jobs;
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
		{ "all", no_argument, NULL, OPT_ALL },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:j:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_ALL:
			a->all = true;
			break;
		case 'j':
			if (ycfg_parse_jobs(optarg, &a->jobs) != 0)
				return ycfg_usage_error("resolve", "invalid "
							"--jobs '%s'; expected a "
							"number of threads",
							optarg);
			break;
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
		return ycfg_usage_error("resolve", "%s", a->all ? "no DIR given"
					: "no FILE given");
	if (a->all) {
		if (argc - optind > 1)
			return ycfg_usage_error("resolve", "%s", "--all takes "
						"one directory");
		if (!ycfg_is_dir(argv[optind]))
			return ycfg_usage_error("resolve", "'%s' is not a "
						"directory; --all resolves "
						"every phone of a tree",
						argv[optind]);
		if (a->eo.format == YCFG_OUT_CFG && a->output == NULL)
			return ycfg_usage_error("resolve", "%s", "--format cfg "
						"with --all needs -o DIR: one "
						".cfg file per phone");
		return -1;
	}
	if (a->jobs != 0)
		return ycfg_usage_error("resolve", "%s", "--jobs is for --all");
	for (int i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") != 0 && ycfg_is_dir(argv[i]))
			return ycfg_usage_error("resolve", "'%s' is a directory; "
						"give the files of one phone "
						"(or its .boot file), or use "
						"--all for every phone of it",
						argv[i]);

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

/* ------------------------------------------------------------------ */
/* --all: every phone of a tree                                         */
/* ------------------------------------------------------------------ */

/* A bounded text sink for ycfg_json_quote. */
struct fixed {
	char p[8 * PATH_MAX];
	size_t n, cap;
};

static int
fixed_put(void *ctx, const char *p, size_t n)
{
	struct fixed *f = ctx;

	if (f->n + n > f->cap)
		return -1;
	memcpy(f->p + f->n, p, n);
	f->n += n;
	return 0;
}

/* One phone's text: its body as pieces (most of them ranges of its
 * base's text, written without a copy), and on standard output a head
 * and a tail around it (one YAML document "--- # phone MAC in DIR", or
 * one JSON line with its MAC and directory). */
struct phone_text {
	char *head;          /* NULL in a file of -o */
	size_t hlen;
	struct ycfg_emit_pieces body;
	const char *tail;    /* static */
};

static void
phone_text_free(struct phone_text *t)
{
	free(t->head);
	ycfg_emit_pieces_free(&t->body);
	memset(t, 0, sizeof(*t));
}

/* Writes t to fd, or into the output directory as rel (od not NULL).
 * Returns 0, or -1 with err. */
static int
phone_text_write(struct phone_text *t, int fd, struct ycfg_outdir *od,
		 const char *rel, char *err, size_t errsz)
{
	size_t n = t->body.n + 2, k = 0;
	struct iovec *iov = malloc(n * sizeof(*iov));
	int rc;

	if (iov == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (t->hlen > 0)
		iov[k++] = (struct iovec){ t->head, t->hlen };
	k += ycfg_emit_pieces_iov(&t->body, iov + k, 0, t->body.n);
	if (t->tail != NULL && t->tail[0] != '\0')
		iov[k++] = (struct iovec){ (char *)t->tail, strlen(t->tail) };
	if (od != NULL) {
		rc = ycfg_outdir_writev(od, rel, iov, k, err, errsz);
	} else {
		rc = ycfg_writev_all(fd, iov, k);
		if (rc != 0)
			snprintf(err, errsz, "%s", strerror(errno));
	}
	free(iov);
	return rc;
}

/* Makes the head and tail of t for standard output.  Returns 0, or -1
 * with err. */
static int
wrap_phone(const struct resolve_args *a, struct phone_text *t,
	   const char *mac, const char *dir, char *err, size_t errsz)
{
	t->tail = "";
	if (a->output != NULL)
		return 0;

	char buf[4 * PATH_MAX + 8];
	const char *shown = ycfg_utf8_display(dir[0] ? dir : ".", buf,
					      sizeof(buf));
	size_t cap = 8 * PATH_MAX + 64;
	int hl;

	t->head = malloc(cap);
	if (t->head == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (a->eo.format == YCFG_OUT_JSON) {
		struct fixed q = { .cap = sizeof(q.p) };

		ycfg_json_quote(shown, strlen(shown), fixed_put, &q);
		hl = snprintf(t->head, cap, "{\"phone\": \"%s\", \"dir\": "
			      "%.*s, \"config\": ", mac, (int)q.n, q.p);
		t->tail = "}\n";
	} else {
		hl = snprintf(t->head, cap, "--- # phone %s in %s\n", mac,
			      shown);
	}
	t->hlen = hl < 0 ? 0 : (size_t)hl >= cap ? cap - 1 : (size_t)hl;
	return 0;
}

/* A base's entries rendered once (the data a base carries). */
static void *
prerender(const struct ycfg_resolved_base *b, void *ctx)
{
	struct ycfg_emit_pre *pre = malloc(sizeof(*pre));

	if (pre != NULL &&
	    ycfg_emit_prerender(ycfg_resolved_base_entries(b), ctx, pre) != 0) {
		free(pre);
		pre = NULL;
	}
	return pre;
}

static void
prerender_free(void *p)
{
	ycfg_emit_pre_free(p);
	free(p);
}

/* One directory of the tree being resolved, shared by its workers. */
struct all_dir {
	struct ycfg_session *s;
	const struct resolve_args *a;
	const struct ycfg_tree_opts *t;
	struct ycfg_tree_dir *td;
	const char *rel;              /* relative to the tree: "" for it */
	struct ycfg_outdir *od;       /* -o, or NULL: standard output */
	size_t nphones;
	pthread_mutex_t lock;
	size_t written;               /* standard output: phones written */
	struct phone_text *ready;     /* standard output: rendered, waiting */
	bool *isready;
	bool failed;                  /* a phone could not be written */
	size_t secrets;               /* .cfg: phones with masked secrets */
	struct ycfg_emit_opts eo;     /* as the phones are rendered */
	struct ycfg_base_cache *bases;
};

/* Writes the rendered phones that are next in order (lock held). */
static void
flush_ready(struct all_dir *ad)
{
	char err[256];

	while (ad->written < ad->nphones && ad->isready[ad->written]) {
		struct phone_text *t = &ad->ready[ad->written];

		if (!ad->failed &&
		    phone_text_write(t, STDOUT_FILENO, NULL, NULL, err,
				     sizeof(err)) != 0)
			ad->failed = true;
		phone_text_free(t);
		ad->written++;
	}
}

struct all_worker {
	struct all_dir *ad;
	struct ycfg_tree_worker tw;
	struct ycfg_resolved_over over;
	struct ycfg_diags d;
};

/* Resolves phone i (loaded in w) and renders it into body.  Returns 0,
 * 1 when it has secrets a .cfg would carry masked, -1 with err. */
static int
all_render(struct all_worker *w, const struct ycfg_phone *p,
	   struct ycfg_emit_pieces *body, char *err, size_t errsz)
{
	struct all_dir *ad = w->ad;
	const struct resolve_args *a = ad->a;
	bool cfg_masked = a->eo.format == YCFG_OUT_CFG && !a->eo.show_secrets;
	struct ycfg_layers l = {
		.docs = w->tw.layers,
		.n = w->tw.n,
		.overwrite_mode = a->overwrite >= 0 ? a->overwrite
						    : p->overwrite_mode,
		.schema = &ad->s->schema,
	};
	const struct ycfg_resolved_base *base = NULL;
	void *pre = NULL;
	struct ycfg_resolved res;
	int rc;

	if (!a->defaults && ad->bases != NULL)
		/* the common case: the shared layers once, then the phone's
		 * own keys over them */
		base = ycfg_base_cache_get(ad->bases, l.docs, w->tw.own,
					   l.overwrite_mode, &pre);
	if (base != NULL) {
		rc = ycfg_resolve_over(base, &l, &w->over);
		if (rc < 0) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		if (rc == 0) {
			if (cfg_masked &&
			    ycfg_emit_over_secrets(&w->over, pre) > 0)
				return 1;
			return ycfg_emit_over_pieces(&w->over, pre, &ad->eo,
						     body, err, errsz);
		}
	}
	if (ycfg_resolve(&l, a->defaults, p->model, &res) != 0) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (cfg_masked && ycfg_emit_secrets(&res) > 0) {
		rc = 1;
	} else {
		char *text;
		size_t len;

		/* one piece: the whole text */
		rc = ycfg_emit(&res, &ad->eo, &text, &len, err, errsz);
		if (rc == 0 &&
		    (body->v = malloc(sizeof(*body->v))) == NULL) {
			free(text);
			snprintf(err, errsz, "out of memory");
			rc = -1;
		} else if (rc == 0) {
			body->own = text;
			body->owncap = len + 1;
			body->v[0] = (struct ycfg_emit_piece){ NULL, 0, len };
			body->n = body->cap = 1;
			body->total = len;
		}
	}
	ycfg_resolved_free(&res);
	return rc;
}

/* Resolves and writes phone i. */
static void
all_phone(struct all_worker *w, size_t i)
{
	struct all_dir *ad = w->ad;
	const struct ycfg_phone *p = ycfg_tree_dir_phone(ad->td, i);
	char err[PATH_MAX + 256], rel[PATH_MAX + 32];
	struct phone_text t = { .tail = "" };
	bool bad = false;

	if (ycfg_tree_dir_load(ad->td, i, &w->tw, &w->d, err,
			       sizeof(err)) != 0) {
		ycfg_diags_trouble(&w->d, "%s", err);
		bad = true;
	} else {
		switch (all_render(w, p, &t.body, err, sizeof(err))) {
		case 0:
			if (wrap_phone(ad->a, &t, p->mac, ad->rel, err,
				       sizeof(err)) == 0)
				break;
			/* fall through */
		case -1:
			ycfg_diags_trouble(&w->d, "%s", err);
			bad = true;
			break;
		default:
			pthread_mutex_lock(&ad->lock);
			ad->secrets++;
			pthread_mutex_unlock(&ad->lock);
			bad = true;
			break;
		}
	}
	if (ad->od != NULL) {
		if (!bad) {
			snprintf(rel, sizeof(rel), "%s%s%s.%s", ad->rel,
				 ad->rel[0] ? "/" : "", p->mac,
				 ad->a->eo.format == YCFG_OUT_JSON ? "json"
				 : ad->a->eo.format == YCFG_OUT_CFG ? "cfg"
				 : "yaml");
			if (phone_text_write(&t, -1, ad->od, rel, err,
					     sizeof(err)) != 0) {
				ycfg_diags_trouble(&w->d, "cannot write '%s/%s': "
						   "%s", ad->od->path, rel,
						   err);
				bad = true;
			}
		}
		phone_text_free(&t);
		if (bad) {
			pthread_mutex_lock(&ad->lock);
			ad->failed = true;
			pthread_mutex_unlock(&ad->lock);
		}
		return;
	}
	pthread_mutex_lock(&ad->lock);
	if (bad) {
		/* nothing of it is written; the order moves on */
		ad->failed = true;
		phone_text_free(&t);
		t.tail = "";
	}
	ad->ready[i] = t;
	ad->isready[i] = true;
	flush_ready(ad);
	pthread_mutex_unlock(&ad->lock);
}

static void
all_item(void *worker, size_t i)
{
	all_phone(worker, i);
}

/* Resolves the phones of one directory on a pool of workers.  Returns
 * false when one could not be written. */
static bool
all_directory(struct all_dir *ad, struct ycfg_diags *d)
{
	size_t want = ycfg_pool_size(ad->a->jobs, ad->nphones);
	struct all_worker *ws = calloc(want, sizeof(*ws));

	ad->ready = calloc(ad->nphones + 1, sizeof(*ad->ready));
	ad->isready = calloc(ad->nphones + 1, sizeof(*ad->isready));
	if (ws == NULL || ad->ready == NULL || ad->isready == NULL) {
		free(ws);
		free(ad->ready);
		free(ad->isready);
		d->oom = true;
		return false;
	}
	pthread_mutex_init(&ad->lock, NULL);
	for (size_t k = 0; k < want; k++) {
		ws[k].ad = ad;
		ycfg_tree_worker_init(&ws[k].tw, ad->t);
		ycfg_diags_init_like(&ws[k].d, d);
	}
	ycfg_pool_run(ws, want, sizeof(*ws), ad->nphones, all_item);
	for (size_t k = 0; k < want; k++) {
		ycfg_diags_move(d, &ws[k].d);
		ycfg_diags_free(&ws[k].d);
		ycfg_tree_worker_free(&ws[k].tw);
		ycfg_resolved_over_free(&ws[k].over);
	}
	pthread_mutex_destroy(&ad->lock);
	for (size_t i = 0; i < ad->nphones; i++)
		phone_text_free(&ad->ready[i]);
	free(ad->ready);
	free(ad->isready);
	free(ws);
	return !ad->failed;
}

/* True when the output directory is the tree, holds it or lies in it:
 * replacing it would lose the input, and its .cfg files would be input to
 * the next run. */
static bool
output_overlaps(const char *out, const char *root)
{
	char ro[PATH_MAX], rr[PATH_MAX], parent[PATH_MAX];
	const char *slash;

	if (realpath(root, rr) == NULL)
		return false;
	if (realpath(out, ro) == NULL) {
		/* not there yet: its parent decides */
		slash = strrchr(out, '/');
		snprintf(parent, sizeof(parent), "%.*s",
			 slash ? (int)(slash - out) : 1, slash ? out : ".");
		if (slash == out)
			snprintf(parent, sizeof(parent), "/");
		if (realpath(parent, ro) == NULL)
			return false;
		size_t rl = strlen(rr);

		return strncmp(ro, rr, rl) == 0 &&
		       (ro[rl] == '\0' || ro[rl] == '/');
	}

	size_t on = strlen(ro), rl = strlen(rr);

	return (strncmp(ro, rr, rl) == 0 && (ro[rl] == '\0' || ro[rl] == '/')) ||
	       (strncmp(rr, ro, on) == 0 && (rr[on] == '/' || on == 1));
}

static int
resolve_all(struct ycfg_session *s, const struct resolve_args *a,
	    const char *root)
{
	struct ycfg_tree_opts t = {
		.o = &s->lo, .model_of = ycfg_session_phone_model,
		.model_ctx = s,
	};
	struct ycfg_tree_dirs dirs;
	struct ycfg_outdir od;
	struct ycfg_diags d;
	size_t nphones = 0, nfiles = 0, secrets = 0;
	char err[PATH_MAX + 256];
	bool ok = true;
	int rc = YCFG_EXIT_CLEAN;

	if (a->output != NULL && output_overlaps(a->output, root))
		return ycfg_usage_error("resolve", "-o '%s' overlaps the tree "
					"'%s'; write the phones outside it",
					a->output, root);
	switch (ycfg_tree_dirs_find(root, &dirs)) {
	case -2:
		ycfg_errorf("out of memory");
		return YCFG_EXIT_TROUBLE;
	case -1:
		for (size_t i = 0; i < dirs.walk.problems.n; i++)
			ycfg_errorf("%s", dirs.walk.problems.v[i]);
		ok = false;
		break;
	default:
		break;
	}
	for (size_t i = 0; i < dirs.walk.links.n; i++)
		ycfg_errorf("%s: %s", ycfg_shown(dirs.walk.links.v[i]),
			    dirs.walk.why.v[i]);
	if (ok && dirs.walk.files.n == 0) {
		ycfg_errorf("nothing to resolve in '%s': no .cfg or .boot "
			    "files", root);
		ok = false;
	}
	if (!ok) {
		ycfg_tree_dirs_free(&dirs);
		return YCFG_EXIT_TROUBLE;
	}
	if (a->output != NULL &&
	    ycfg_outdir_begin(&od, a->output, err, sizeof(err)) != 0) {
		ycfg_errorf("cannot write '%s': %s", a->output, err);
		ycfg_tree_dirs_free(&dirs);
		return YCFG_EXIT_TROUBLE;
	}
	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;

	size_t rl = strlen(root);

	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	for (size_t k = 0; k < dirs.n && ok; k++) {
		const struct ycfg_tree_dir_files *df = &dirs.dirs[k];
		struct ycfg_pathlist files = {
			.v = dirs.walk.files.v + df->first, .n = df->count,
		};
		struct ycfg_tree_dir *td;
		/* the directory below the tree: "" for the tree itself */
		const char *rel = strlen(df->dir) > rl ? df->dir + rl + 1 : "";

		if (ycfg_tree_dir_open(&td, &t, df->dir, &files, &d) != 0) {
			ok = false;
			break;
		}

		struct all_dir ad = {
			.s = s, .a = a, .t = &t, .td = td, .rel = rel,
			.od = a->output ? &od : NULL,
			.nphones = ycfg_tree_dir_count(td),
			.eo = a->eo,
		};

		ad.eo.oneline = a->output == NULL &&
				a->eo.format == YCFG_OUT_JSON;
		/* NULL (out of memory): every phone in full */
		ad.bases = ycfg_base_cache_new(&s->schema, prerender,
					       prerender_free, &ad.eo);

		if (!all_directory(&ad, &d))
			ok = false;
		ycfg_base_cache_free(ad.bases);
		secrets += ad.secrets;
		nphones += ad.nphones;
		nfiles += df->count;
		ycfg_tree_dir_close(td);
	}
	if (ok && nphones == 0) {
		/* nothing resolved is trouble, as nothing linted is */
		ycfg_errorf("no phone in '%s': no <MAC>.cfg or <MAC>.boot",
			    root);
		ok = false;
	}
	if (secrets > 0) {
		ycfg_errorf("not writing .cfg files with secrets masked (%zu "
			    "phone%s have some): a cfg file is fed to phones; "
			    "use --show-secrets", secrets,
			    secrets == 1 ? "" : "s");
		ok = false;
	}
	if (ok && a->output == NULL && fflush(stdout) != 0) {
		ycfg_errorf("cannot write to standard output");
		ok = false;
	}
	if (ycfg_diags_failed(&d))
		ok = false;
	if (a->output != NULL) {
		if (!ok) {
			ycfg_outdir_abort(&od);
			ycfg_errorf("'%s' is left as it was: the run failed",
				    a->output);
		} else if (ycfg_outdir_commit(&od, err, sizeof(err)) != 0) {
			ycfg_errorf("cannot write '%s': %s", a->output, err);
			ok = false;
		}
	}
	if (!ok)
		rc = YCFG_EXIT_TROUBLE;
	else if (ycfg_diags_max_severity(&d) >= YCFG_SEV_ERROR)
		rc = YCFG_EXIT_FINDINGS;

	/* a tree's warnings are lint's business: only its errors (which
	 * make the exit status) are listed here */
	size_t hidden = 0, w = 0;

	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].severity < YCFG_SEV_ERROR) {
			d.count[d.v[i].severity]--;
			hidden++;
			continue;
		}
		d.v[w++] = d.v[i];
	}
	d.n = w;
	ycfg_diags_sort(&d);
	ycfg_print_troubles(&d);
	if (d.n > 0)
		ycfg_report(stderr, YCFG_FMT_TEXT, &d, nfiles, false);
	if (hidden > 0)
		fprintf(stderr, "ycfg: %zu warning or info finding%s in the "
			"inputs not shown; 'ycfg lint %s' lists them\n",
			hidden, hidden == 1 ? "" : "s", ycfg_shown(root));

	ycfg_diags_free(&d);
	ycfg_tree_dirs_free(&dirs);
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
	if (a.all) {
		rc = resolve_all(&s, &a, argv[optind]);
		goto out;
	}

	ycfg_linter_init(&linter, &s.lo);
	ycfg_stack_init(&st);
	ycfg_diags_init(&d);
	d.file_cap = YCFG_DIAG_CAP;
	int got = ycfg_session_load_phone(&s, &linter, argv + optind,
					  (size_t)(argc - optind), &st, &d,
					  err, sizeof(err));

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
