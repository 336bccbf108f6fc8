/*
 * fuzz_schema.c - ycfg_schema_load_data on arbitrary bytes.
 *
 * A fresh schema per run.  When the input loads, it is loaded a second
 * time over itself (every entry, model and namespace is replaced: the merge
 * path), and a few lookups and suggestions run against the result.  A
 * failed load must leave the schema as it was.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ycfg/diag.h"
#include "ycfg/schema.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const probe_keys[] = {
	"account.1.sip_server.1.address",
	"account.3.outbound_proxy.2.retry_counts",
	"account.1.enable",
	"static.auto_provision.server.url",
	"linekey.1.type",
	"account.1.sip_server1.port",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ycfg_schema s;
	struct ycfg_diags d;
	const char *text = (const char *)data;

	ycfg_schema_init(&s);
	ycfg_diags_init(&d);
	if (ycfg_schema_load_data(&s, "fuzz.yaml", text, size, &d) == 0) {
		size_t nparams = s.nparams;

		if (ycfg_schema_load_data(&s, "again.yaml", text, size, &d) == 0
		    && s.nparams != nparams)
			abort();  /* same keys: every entry replaced */
		for (size_t i = 0; i < sizeof(probe_keys) / sizeof(*probe_keys);
		     i++) {
			const char *k = probe_keys[i];
			struct ycfg_key_indices idx;
			char buf[256];

			(void)ycfg_schema_lookup(&s, k, strlen(k), &idx);
			(void)ycfg_schema_in_namespace(&s, k, strlen(k));
			(void)ycfg_schema_suggest(&s, k, strlen(k), buf,
						  sizeof(buf));
		}
		for (size_t i = 0; i < s.nmodels; i++)
			if (ycfg_schema_model(&s, s.models[i].name) == NULL)
				abort();
	} else if (s.nparams != 0 || s.nmodels != 0) {
		abort();  /* a failed load keeps what the schema had: nothing */
	}
	fuzz_check_diags(&d);
	ycfg_diags_free(&d);
	ycfg_schema_free(&s);
	return 0;
}
