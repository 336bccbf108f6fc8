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
	bool oneline;         /* JSON on one line, no final newline (JSON
	                       * Lines) */
};

/* Parses "yaml", "json" or "cfg".  Returns 0, or -1. */
int ycfg_out_format_parse(const char *s, enum ycfg_out_format *out);

/* Renders r.  On success returns 0 and a malloc'd buffer (caller frees)
 * in *out / *outlen; on failure returns -1 with a reason in err. */
int ycfg_emit(const struct ycfg_resolved *r, const struct ycfg_emit_opts *o,
	      char **out, size_t *outlen, char *err, size_t errsz);

/* Number of values of r that a .cfg would carry masked: secrets and
 * URLs with a password (their real text is needed to deploy). */
size_t ycfg_emit_secrets(const struct ycfg_resolved *r);

/* The entries of a base (resolve.h) rendered once, for the many phones
 * that share them: entry i is text[off[i] .. off[i + 1]). */
struct ycfg_emit_pre {
	char *text;
	size_t *off;
	unsigned char *secret;    /* per entry: ycfg_emit_secrets() counts it */
	unsigned char *cont;      /* per entry: continues the text of the
	                           * one before (a multi-value key) */
	size_t n;
	size_t seplen;            /* each text starts with the separator of
	                           * a key that is not the first: bytes */
};

/* Renders the entries of base with o.
 * Returns 0, or -1 when out of memory. */
int ycfg_emit_prerender(const struct ycfg_resolved *base,
			const struct ycfg_emit_opts *o,
			struct ycfg_emit_pre *out);
void ycfg_emit_pre_free(struct ycfg_emit_pre *p);

/* Renders a phone resolved over the base that pre was rendered from, with
 * the same o: the bytes ycfg_emit() gives for the same configuration.
 * Returns 0 and a malloc'd buffer, or -1 with err. */
int ycfg_emit_over(const struct ycfg_resolved_over *r,
		   const struct ycfg_emit_pre *pre,
		   const struct ycfg_emit_opts *o, char **out, size_t *outlen,
		   char *err, size_t errsz);

/* A phone's document as pieces, for writing without a copy (writev):
 * ranges of the base's text (which must outlive them) and of the
 * phone's own text. */
struct ycfg_emit_piece {
	const char *base;         /* a base's text, or NULL: own */
	size_t off, len;
};

struct ycfg_emit_pieces {
	char *own;                /* the text rendered for this phone */
	size_t owncap;
	struct ycfg_emit_piece *v;
	size_t n, cap;
	size_t total;             /* bytes of the document */
};

/* Renders a phone over a base as ycfg_emit_over() does, into p (reused
 * from phone to phone; zero it first).  Returns 0, or -1 with err. */
int ycfg_emit_over_pieces(const struct ycfg_resolved_over *r,
			  const struct ycfg_emit_pre *pre,
			  const struct ycfg_emit_opts *o,
			  struct ycfg_emit_pieces *p, char *err, size_t errsz);
void ycfg_emit_pieces_free(struct ycfg_emit_pieces *p);

struct iovec;

/* Fills iov with up to max pieces from piece from.  Returns the number
 * filled. */
size_t ycfg_emit_pieces_iov(const struct ycfg_emit_pieces *p,
			    struct iovec *iov, size_t from, size_t max);

/* ycfg_emit_secrets() of a phone over a base. */
size_t ycfg_emit_over_secrets(const struct ycfg_resolved_over *r,
			      const struct ycfg_emit_pre *pre);

#endif
