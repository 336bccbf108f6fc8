/*
 * cmd_rules.c - ycfg rules: the rule catalogue.
 */
#include <stdio.h>
#include <string.h>

#include "ycfg/cli.h"
#include "ycfg/rules.h"

int
ycfg_cmd_rules(int argc, char **argv)
{
	if (argc == 2 && ycfg_wants_help(argc, argv)) {
		puts("usage: ycfg rules\n\n"
		     "List every rule: id, default severity, summary, and how\n"
		     "lint --fix repairs it ([safe], [unsafe]: with\n"
		     "--unsafe-fixes, [safe/unsafe]: depends on the case).\n"
		     "'ycfg explain RULE' prints a rule's full text.");
		return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
	}
	if (argc > 1)
		return ycfg_usage_error("rules", "%s", "takes no arguments");
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info(r);

		enum ycfg_fix_kind k = ycfg_rule_fix(r, NULL);

		printf("%-24s %-8s %s%s\n", ri->id,
		       ycfg_severity_name(ri->severity), ri->summary,
		       k == YCFG_FIX_SAFE ? " [safe fix]"
		       : k == YCFG_FIX_UNSAFE ? " [unsafe fix]"
		       : k == YCFG_FIX_BOTH ? " [safe/unsafe fix]" : "");
	}
	return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN : YCFG_EXIT_TROUBLE;
}

