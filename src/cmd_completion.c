/*
 * cmd_completion.c - ycfg completion SHELL: the shell completion script,
 * as installed, for a shell's start-up file or a package without them.
 */
#include <stdio.h>
#include <string.h>

#include "ycfg/cli.h"

/* The scripts of completions/, compiled in (embed_gen.c). */
extern const char ycfg_completion_bash[], ycfg_completion_zsh[],
	ycfg_completion_fish[];
extern const size_t ycfg_completion_bash_len, ycfg_completion_zsh_len,
	ycfg_completion_fish_len;

static const char completion_usage[] =
	"usage: ycfg completion bash|zsh|fish\n"
	"\n"
	"Print the completion script of a shell, the one a package installs:\n"
	"  bash:  ycfg completion bash >~/.local/share/bash-completion/completions/ycfg\n"
	"  zsh:   ycfg completion zsh >\"${fpath[1]}/_ycfg\"\n"
	"  fish:  ycfg completion fish >~/.config/fish/completions/ycfg.fish\n";

int
ycfg_cmd_completion(int argc, char **argv)
{
	static const struct {
		const char *shell;
		const char *text;
		const size_t *len;
	} scripts[] = {
		{ "bash", ycfg_completion_bash, &ycfg_completion_bash_len },
		{ "zsh", ycfg_completion_zsh, &ycfg_completion_zsh_len },
		{ "fish", ycfg_completion_fish, &ycfg_completion_fish_len },
	};

	if (ycfg_wants_help(argc, argv)) {
		fputs(completion_usage, stdout);
		return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
	}
	if (argc != 2)
		return ycfg_usage_error("completion", "%s", argc < 2
					? "name a shell: bash, zsh or fish"
					: "takes one shell");
	for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++)
		if (strcmp(argv[1], scripts[i].shell) == 0) {
			if (fwrite(scripts[i].text, 1, *scripts[i].len,
				   stdout) != *scripts[i].len ||
			    fflush(stdout) != 0) {
				ycfg_errorf("cannot write to standard output");
				return YCFG_EXIT_TROUBLE;
			}
			return YCFG_EXIT_CLEAN;
		}
	return ycfg_usage_error("completion", "unknown shell '%s'; expected "
				"bash, zsh or fish", argv[1]);
}
