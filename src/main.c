/*
 * main.c - the ycfg command line: the command table and its dispatch.
 *
 * Each command lives in its own cmd_*.c; --help is generated from the
 * table, and a mistyped command gets a suggestion.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "ycfg/cli.h"
#include "ycfg/strdist.h"

const struct ycfg_command ycfg_commands[] = {
	{ "lint", "[OPTIONS] PATH...",
	  "report mistakes; PATH is a file, a directory or -",
	  ycfg_cmd_lint },
	{ "resolve", "[OPTIONS] FILE...",
	  "the effective configuration of one phone (--all: of a tree)",
	  ycfg_cmd_resolve },
	{ "diff", "[OPTIONS] OLD NEW",
	  "what a change does to each phone's effective configuration",
	  ycfg_cmd_diff },
	{ "explain", "KEY|RULE",
	  "what a parameter accepts, or what a rule checks",
	  ycfg_cmd_explain },
	{ "rules", "",
	  "list every rule with its default severity",
	  ycfg_cmd_rules },
	{ "schema", "[--models]",
	  "dump the loaded parameter table",
	  ycfg_cmd_schema },
	{ "completion", "bash|zsh|fish",
	  "print the shell completion script",
	  ycfg_cmd_completion },
	{ NULL, NULL, NULL, NULL },
};

static void
print_usage(void)
{
	printf("usage: %s [--version] [--help] COMMAND [ARGS]\n\n"
	       "Check and explain Yealink provisioning files (.cfg, .boot).\n\n"
	       "commands:\n", YCFG_PROG);
	for (const struct ycfg_command *c = ycfg_commands; c->name; c++) {
		char head[64];

		snprintf(head, sizeof(head), "%s %s", c->name, c->args);
		if (strlen(head) <= 24)
			printf("  %-24s %s\n", head, c->summary);
		else
			printf("  %s\n  %-24s %s\n", head, "", c->summary);
	}
	printf("\nRun '%s COMMAND --help' for the options of a command.\n",
	       YCFG_PROG);
}

/* The command closest to a mistyped one, or NULL. */
static const char *
closest_command(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (const struct ycfg_command *c = ycfg_commands; c->name; c++) {
		size_t d = ycfg_strdist(name, strlen(name), c->name,
					strlen(c->name), best_d - 1);

		if (d < best_d) {
			best_d = d;
			best = c->name;
		}
	}
	return best;
}

int
main(int argc, char **argv)
{
	opterr = 0;   /* ycfg_bad_option() words the messages */
	if (argc < 2)
		return ycfg_usage_error(NULL, "%s", "no command given");

	const char *cmd = argv[1];

	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		print_usage();
		return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("ycfg %s\n", YCFG_VERSION);
		return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
	}
	for (const struct ycfg_command *c = ycfg_commands; c->name; c++)
		if (strcmp(cmd, c->name) == 0)
			return c->run(argc - 1, argv + 1);

	const char *near = closest_command(cmd);

	if (near != NULL)
		return ycfg_usage_error(NULL, "unknown command '%s'; did you "
					"mean '%s'?", cmd, near);
	return ycfg_usage_error(NULL, "unknown command '%s'", cmd);
}
