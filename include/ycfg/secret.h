/*
 * secret.h - secrets inside text that no schema flag covers: the password
 * of a URL's userinfo ("https://admin:pw@prov", "sip:1001:pw@pbx").
 *
 * Messages are masked as they are made (diag.c) and resolve output as it
 * is written (emit.c), so a credential typed into a server address never
 * reaches a report, a terminal or a CI log unless --show-secrets asks.
 */
#ifndef YCFG_SECRET_H
#define YCFG_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* Copies s[0..n) to out (NUL-terminated, truncated to outsz), each
 * userinfo password replaced by YCFG_SECRET_MASK.  A userinfo is the text
 * before an '@' back to a blank, quote, '/', or one of <>()[]{},;=@, less
 * a leading "sip:" or "sips:"; its password is what follows its first
 * ':'.  With cut (the text was cut short), text that ends inside a
 * URL's userinfo ("https://u:pa") has the rest masked too.  Returns true
 * when something was masked. */
bool ycfg_mask_userinfo(const char *s, size_t n, char *out, size_t outsz,
			bool cut);

/* True when s[0..n) holds a userinfo password (what the above masks). */
bool ycfg_has_userinfo_password(const char *s, size_t n);

#endif
