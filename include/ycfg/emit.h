/*
 * emit.h - writing a resolved configuration as YAML, JSON or .cfg.
 *
 * Output is built in memory first, so a failure never leaves half a
 * document behind: the caller writes the finished buffer to standard
 * output or atomically to a file.
 *
 * Types survive a round trip through any YAML parser: values of integer
 * typed parameters (int, port, bool, numeric enums) that parse strictly as
 * integers are plain scalars; everything else is a double-quoted string,
 * so "0123", "yes", "on", "1e3", "" and "%NULL%" stay strings.  Secrets are
 * replaced by YCFG_SECRET_MASK unless show_secrets.  Bytes that are not
 * valid UTF-8 are written as the text \xHH.
 */
#ifndef YCFG_EMIT_H
#define YCFG_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "ycfg/resolve.h"

enum ycfg_out_format {
	YCFG_OUT_YAML,
	YCFG_OUT_JSON,
	YCFG_OUT_CFG,
};

struct ycfg_emit_opts {
	enum ycfg_out_format format;
	bool provenance;      /* each value becomes {value, source} */
	bool show_secrets;
};

/* Parses "yaml", "json" or "cfg".  Returns 0, or -1. */
int ycfg_out_format_parse(const char *s, enum ycfg_out_format *out);

/* Renders r.  On success returns 0 and a malloc'd buffer (caller frees)
 * in *out / *outlen; on failure returns -1 with a reason in err. */
int ycfg_emit(const struct ycfg_resolved *r, const struct ycfg_emit_opts *o,
	      char **out, size_t *outlen, char *err, size_t errsz);

#endif
