/*
 * cmd_schema.c - ycfg schema: the loaded parameter table as TSV.
 */
#include <stdio.h>
#include <string.h>

#include "ycfg/cli.h"
#include "ycfg/value.h"

int
ycfg_cmd_schema(int argc, char **argv)
{
	bool models = argc == 2 && strcmp(argv[1], "--models") == 0;

	if (argc > 1 && !models) {
		if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
			puts("usage: ycfg schema [--models]\n\n"
			     "Print the loaded parameter table as tab-separated\n"
			     "key, type, permitted values, default, fallback and\n"
			     "flags; with --models the model table.");
			return fflush(stdout) == 0 ? YCFG_EXIT_CLEAN
						   : YCFG_EXIT_TROUBLE;
		}
		return ycfg_usage_error("schema", "unknown argument '%s'",
					argv[1]);
	}

	struct ycfg_schema s;
	int rc = YCFG_EXIT_CLEAN;

	if (ycfg_load_schema(&s, NULL, 0) != 0) {
		ycfg_schema_free(&s);
		return YCFG_EXIT_TROUBLE;
	}
	if (models) {
		for (size_t i = 0; i < s.nmodels; i++)
			printf("%s\t%u\n", s.models[i].name, s.models[i].accounts);
		goto out;
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
out:
	if (fflush(stdout) != 0)
		rc = YCFG_EXIT_TROUBLE;
	ycfg_schema_free(&s);
	return rc;
}

