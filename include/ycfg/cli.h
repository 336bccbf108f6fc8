/*
 * cli.h - the command line: the command table, what every command shares
 * (exit codes, usage errors, schema and configuration set-up, colour,
 * writing results) and each command's entry point (one cmd_*.c each).
 *
 * Commands print; the library modules never do.
 */
#ifndef YCFG_CLI_H
#define YCFG_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ycfg/config.h"
#include "ycfg/diag.h"
#include "ycfg/fileio.h"
#include "ycfg/lint.h"
#include "ycfg/schema.h"

enum ycfg_exit {
	YCFG_EXIT_CLEAN = 0,     /* nothing at or above --fail-on */
	YCFG_EXIT_FINDINGS = 1,  /* a finding at or above --fail-on */
	YCFG_EXIT_TROUBLE = 2,   /* usage error, unreadable input or output,
	                          * bad configuration or schema */
};

struct ycfg_command {
	const char *name;
	const char *args;        /* "[OPTIONS] PATH..." */
	const char *summary;     /* one line, for ycfg --help */
	int (*run)(int argc, char **argv);   /* argv[0] is the command */
};

/* The table, ended by an entry whose name is NULL (main.c). */
extern const struct ycfg_command ycfg_commands[];

int ycfg_cmd_lint(int argc, char **argv);
int ycfg_cmd_resolve(int argc, char **argv);
int ycfg_cmd_diff(int argc, char **argv);
int ycfg_cmd_explain(int argc, char **argv);
int ycfg_cmd_rules(int argc, char **argv);
int ycfg_cmd_schema(int argc, char **argv);
int ycfg_cmd_completion(int argc, char **argv);

/* "ycfg", for messages. */
#define YCFG_PROG "ycfg"

/* Prints "ycfg: MESSAGE" and a hint to run "ycfg CMD --help" on stderr;
 * returns YCFG_EXIT_TROUBLE.  cmd may be NULL. */
/* Prints "ycfg: MESSAGE" on stderr, the message escaped like a finding's
 * (control bytes and invalid UTF-8 as \\xHH): file names and arguments
 * never carry terminal sequences or workflow commands to the reader. */
void ycfg_errorf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* A name (file, pattern) as printed on standard output: s itself, or s
 * escaped like messages into one of four static buffers (so up to four
 * may be used in one printf; not thread-safe). */
const char *ycfg_shown(const char *s);

int ycfg_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reports what getopt_long (with a leading ':' in its option string and
 * opterr off) rejected: c is ':' for a missing value, '?' otherwise. */
int ycfg_bad_option(const char *cmd, int c, char **argv);

/* True when argv[1] asks for help ("-h" or "--help"). */
bool ycfg_wants_help(int argc, char **argv);

/* A directory to load instead of the compiled-in schema:
 * $YCFG_SCHEMA_DIR (schema development, tests), or NULL. */
const char *ycfg_schema_dir(void);

/* Loads the shipped schema (compiled in, or ycfg_schema_dir()) and the
 * extra files.  On failure prints the
 * problems on stderr and returns -1 (s must still be freed). */
int ycfg_load_schema(struct ycfg_schema *s, char *const *extra,
		     size_t nextra);

/* Colour for stream f under --color WHEN (auto, always, never): auto
 * means a terminal, without NO_COLOR and TERM=dumb. */
bool ycfg_want_color(const char *when, FILE *f);

/* Writes data to standard output (path NULL) or atomically to path.
 * Prints the problem and returns -1 on failure. */
int ycfg_write_output(const char *path, const char *data, size_t len);

/* True (and printed) when the output path of -o names input, through
 * any name: writing the report would destroy what was read. */
bool ycfg_output_is_input(const char *output, const char *input);

/* Prints each trouble of d as "ycfg: MESSAGE", and a line when memory
 * ran out. */
void ycfg_print_troubles(const struct ycfg_diags *d);

/* Parses a --jobs value: 0 (one per CPU) to 1024.  Returns 0 or -1. */
int ycfg_parse_jobs(const char *s, unsigned *out);

/* What the commands that read provisioning files set up together: the
 * configuration, the schema (shipped + --schema + configuration's) and
 * the lint options. */
struct ycfg_session {
	struct ycfg_config cfg;
	struct ycfg_schema schema;
	struct ycfg_lint_opts lo;
	struct ycfg_pathlist extra;   /* --schema files */
	const char *model;            /* --model, or the configuration's */
	bool model_given;             /* --model was given */
	const char *config_file;      /* --config */
	bool no_config;               /* --no-config */
	bool use_config;              /* the command reads .ycfg.yaml */
};

/* Starts an empty session. */
void ycfg_session_init(struct ycfg_session *s);

/* Loads configuration (when use_config: --config FILE, else discovered
 * from first_path), schema and model.  Prints problems; returns
 * YCFG_EXIT_CLEAN or YCFG_EXIT_TROUBLE. */
int ycfg_session_open(struct ycfg_session *s, const char *cmd,
		      const char *first_path);

void ycfg_session_close(struct ycfg_session *s);

/* The model of the phone with this MAC in the session: --model, then the
 * configuration's phones:, then its model: (a ycfg_model_fn of tree.h;
 * ctx is the session). */
const struct ycfg_model *ycfg_session_phone_model(void *ctx, const char *mac,
						  const char **from);

struct ycfg_stack;

/* Loads one phone into st as 'ycfg resolve FILE...' reads it: a <MAC>.cfg
 * or <MAC>.boot named alone with its recipe in its directory (the model
 * and overwrite mode of its phone go into s->lo and st), a boot file alone
 * followed, otherwise the files layered in the order given.  Findings in
 * d.  Returns 0, or -1 with err. */
int ycfg_session_load_phone(struct ycfg_session *s, struct ycfg_linter *l,
			    char *const *paths, size_t n,
			    struct ycfg_stack *st, struct ycfg_diags *d,
			    char *err, size_t errsz);

#endif
