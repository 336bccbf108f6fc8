/*
 * utf8.h - UTF-8 validation and safe escaping, shared by every place that
 * lets file bytes reach an output (messages, YAML, JSON, columns).
 *
 * Invalid means: stray continuation bytes, overlong forms, surrogates and
 * code points above U+10FFFF.  Escaping writes each invalid byte and each
 * control character (below 0x20, and 0x7f) as the four characters \xHH,
 * so raw input bytes never reach a terminal or a document.
 */
#ifndef YCFG_UTF8_H
#define YCFG_UTF8_H

#include <stddef.h>

/* Length (1..4) of the valid UTF-8 character at s, which has n > 0 bytes
 * left, or 0 when s does not start a valid character. */
size_t ycfg_utf8_seq(const char *s, size_t n);

/* Offset of the first byte of s[0..n) that is not part of valid UTF-8, or
 * n when all of it is valid. */
size_t ycfg_utf8_invalid_at(const char *s, size_t n);

/* Number of characters in s[0..n): a valid sequence counts one, and so
 * does each invalid byte. */
size_t ycfg_utf8_len(const char *s, size_t n);

/* Copies n bytes of src to dst, escaping as described above; dst needs
 * room for 4 * n + 1 bytes.  NUL-terminates and returns the length. */
size_t ycfg_utf8_escape(char *dst, const char *src, size_t n);

/* s itself when it needs no escaping (the usual case, no copy); else s
 * escaped into buf, truncated at a character boundary to fit bufsz.  For
 * names (files, arguments) printed next to escaped messages. */
const char *ycfg_utf8_display(const char *s, char *buf, size_t bufsz);

#endif
