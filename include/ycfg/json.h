/*
 * json.h - JSON string literals, written the same way by every output.
 *
 * Quotes and backslashes are escaped, \b \f \n \r \t get their short
 * forms and the other control characters \u00XX (RFC 8259).  Bytes from
 * 0x80 up are copied: callers pass valid UTF-8 (file names and values go
 * through ycfg_utf8_escape() first where they may not be).
 */
#ifndef YCFG_JSON_H
#define YCFG_JSON_H

#include <stddef.h>
#include <stdio.h>

/* A byte sink: writes n bytes, returns 0 or -1. */
typedef int (*ycfg_put_fn)(void *ctx, const char *p, size_t n);

/* Writes s[0..n) as a JSON string literal, quotes included, through put.
 * Returns 0, or -1 as soon as put fails. */
int ycfg_json_quote(const char *s, size_t n, ycfg_put_fn put, void *ctx);

/* The same for a NUL-terminated string to a stdio stream. */
int ycfg_json_fputs(const char *s, FILE *out);

#endif
