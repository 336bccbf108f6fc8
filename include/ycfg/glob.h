/*
 * glob.h - shell-style patterns for exclude lists and secret key names.
 *
 * '*' and '?' do not match '/', "[...]" is a set ("[!...]" or "[^...]"
 * its complement, a-z ranges; an unclosed '[' is literal), "**" matches
 * any run of characters including '/', and a "**" path segment followed
 * by '/' also matches no directory at all ("**" "/x.cfg" matches "x.cfg").
 * A pattern without '/' is matched against the last path segment only, as
 * in .gitignore.
 *
 * Matching runs the pattern as a set of states over the text, so it takes
 * time proportional to pattern length times text length whatever the
 * pattern ("*a*a*a*...b" cannot blow up), and no allocation.
 */
#ifndef YCFG_GLOB_H
#define YCFG_GLOB_H

#include <stdbool.h>

/* Longest pattern accepted; longer ones never match. */
#define YCFG_GLOB_MAX 1024

#define YCFG_GLOB_NOCASE 0x1u   /* ASCII letters match either case */

bool ycfg_glob_match(const char *pattern, const char *text, unsigned flags);

#endif
