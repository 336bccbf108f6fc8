/*
 * fuzz_config.c - a .ycfg.yaml from the repository being linted.
 *
 * The input is the configuration's text.  It is loaded as the lint
 * command loads it; when it loads, its exclude globs and phones patterns
 * are tried on a few names (globs come from the repository: matching must
 * stay linear) and its schema paths must lie in its directory.  A failed
 * load leaves an empty configuration and a NUL-terminated message.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ycfg/config.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		FUZZ_DIR "/y000000000000.cfg",
		FUZZ_DIR "/sub/dir/805ec0a1b2c3.cfg",
		FUZZ_DIR "/archive/old/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.boot",
		"elsewhere.cfg",
	};
	struct ycfg_config c;
	char err[1024];

	memset(err, 'x', sizeof(err));
	if (ycfg_config_load_data(&c, FUZZ_DIR "/.ycfg.yaml",
				  (const char *)data, size, err,
				  sizeof(err)) != 0) {
		if (memchr(err, '\0', sizeof(err)) == NULL || c.path != NULL ||
		    c.nschema != 0 || c.nexclude != 0 || c.nphones != 0)
			abort();
		ycfg_config_free(&c);
		return 0;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		(void)ycfg_config_excluded(&c, names[i]);
		(void)ycfg_config_phone_model(&c, "805ec0a1b2c3");
	}
	for (size_t i = 0; i < c.nschema; i++)
		if (strncmp(c.schema[i], FUZZ_DIR "/", sizeof(FUZZ_DIR)) != 0)
			abort();
	ycfg_config_free(&c);
	return 0;
}
