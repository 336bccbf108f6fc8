/*
 * yamlio.h - what the schema and configuration loaders share around
 * libyaml and libcyaml: capturing libcyaml's log (its only error report),
 * locating nodes by line for messages, and a pre-pass that refuses what
 * libcyaml would otherwise take with unbounded cost.
 */
#ifndef YCFG_YAMLIO_H
#define YCFG_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>

#include <cyaml/cyaml.h>

/* libcyaml's log of one load. */
struct ycfg_yaml_log {
	char text[1024];
	size_t len;
};

/* A libcyaml configuration that logs errors into log (cleared here). */
void ycfg_yaml_config(cyaml_config_t *cfg, struct ycfg_yaml_log *log);

/* The first "line: N" in the log, or 0 when it names none. */
unsigned ycfg_yaml_log_line(const struct ycfg_yaml_log *log);

/* The first line of the log without libcyaml's "Load: " prefix, copied
 * into buf (NUL-terminated). */
void ycfg_yaml_log_first(const struct ycfg_yaml_log *log, char *buf,
			 size_t bufsz);

/* Runs libyaml over the bytes.  Returns true when they are not valid
 * YAML, with the line and libyaml's description of the problem. */
bool ycfg_yaml_syntax_error(const char *data, size_t len, unsigned *line,
			    char *what, size_t whatsz);

/* The line of a node of a top-level mapping: the value of key section
 * when index < 0; else item index of that sequence, or with field the
 * value of that field of the item.  Falls back to the item's, then the
 * section's line; 0 when the section is missing. */
unsigned ycfg_yaml_locate(const char *data, size_t len, const char *section,
			  long index, const char *field);

/* The line of the first scalar spelled name at or after line from, or 0. */
unsigned ycfg_yaml_find_scalar(const char *data, size_t len, unsigned from,
			       const char *name);

/* The line of the first alias (*name) in the bytes, or 0.  Loads refuse
 * aliases (CYAML_CFG_NO_ALIAS): expanded, a few kilobytes of them stand
 * for gigabytes. */
unsigned ycfg_yaml_find_alias(const char *data, size_t len);

#endif
