/*
 * yamlio.c - libyaml/libcyaml plumbing shared by the loaders (see yamlio.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ycfg/yamlio.h"

static void log_fn(cyaml_log_t level, void *ctx, const char *fmt,
		   va_list args) __attribute__((format(printf, 3, 0)));

/* libcyaml reports errors only as log text: keep it. */
static void
log_fn(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct ycfg_yaml_log *b = ctx;

	(void)level;
	if (b->len + 1 >= sizeof(b->text))
		return;

	int r = vsnprintf(b->text + b->len, sizeof(b->text) - b->len, fmt,
			  args);

	if (r > 0) {
		b->len += (size_t)r;
		if (b->len >= sizeof(b->text))
			b->len = sizeof(b->text) - 1;
	}
}

void
ycfg_yaml_config(cyaml_config_t *cfg, struct ycfg_yaml_log *log)
{
	log->len = 0;
	log->text[0] = '\0';
	memset(cfg, 0, sizeof(*cfg));
	cfg->log_fn = log_fn;
	cfg->log_ctx = log;
	cfg->mem_fn = cyaml_mem;
	cfg->log_level = CYAML_LOG_ERROR;
	/* aliases expand: a small file could stand for gigabytes */
	cfg->flags = CYAML_CFG_DEFAULT | CYAML_CFG_NO_ALIAS;
}

unsigned
ycfg_yaml_log_line(const struct ycfg_yaml_log *log)
{
	const char *p = strstr(log->text, "line: ");

	return p ? (unsigned)strtoul(p + 6, NULL, 10) : 0;
}

void
ycfg_yaml_log_first(const struct ycfg_yaml_log *log, char *buf, size_t bufsz)
{
	const char *t = log->text;
	const char *nl = strchr(t, '\n');
	size_t l = nl ? (size_t)(nl - t) : strlen(t);

	if (bufsz == 0)
		return;
	if (l >= 6 && memcmp(t, "Load: ", 6) == 0) {
		t += 6;
		l -= 6;
	}
	if (l >= bufsz)
		l = bufsz - 1;
	memcpy(buf, t, l);
	buf[l] = '\0';
}

/* Finds the line of a node: section "version"/"namespaces"/"models"/
 * "params"; index < 0 names the section itself; field names a field of
 * the index-th entry (NULL: the entry).  Returns 0 when not found. */
unsigned
ycfg_yaml_locate(const char *data, size_t len, const char *section, long index,
	    const char *field)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	/* container stack: kind ('m' or 's'), expecting-key flag, item
	 * counter and last key; depth 0 is the top mapping */
	enum { MAXD = 64 };
	char kind[MAXD];
	bool want_key[MAXD];
	long count[MAXD];
	bool key_is_sec[MAXD], key_is_field[MAXD];
	int depth = -1;
	unsigned section_line = 0, item_line = 0, result = 0;
	bool in_item = false;
	int item_depth = -1;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev))
			break;
		yaml_event_type_t t = ev.type;
		unsigned line = (unsigned)ev.start_mark.line + 1;

		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			if (in_item && depth == item_depth) {
				yaml_event_delete(&ev);
				break;
			}
			depth--;
			yaml_event_delete(&ev);
			continue;
		}
		if (t != YAML_SCALAR_EVENT && t != YAML_MAPPING_START_EVENT &&
		    t != YAML_SEQUENCE_START_EVENT && t != YAML_ALIAS_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		/* role of this node within its parent */
		bool sec_value = false, item = false;
		bool field_value = false;

		if (depth >= 0 && kind[depth] == 'm') {
			if (want_key[depth]) {
				want_key[depth] = false;
				const char *k = t == YAML_SCALAR_EVENT ?
					(const char *)ev.data.scalar.value : "";

				key_is_sec[depth] = depth == 0 &&
						    strcmp(k, section) == 0;
				key_is_field[depth] = in_item &&
						      depth == item_depth &&
						      field != NULL &&
						      strcmp(k, field) == 0;
			} else {
				want_key[depth] = true;
				sec_value = key_is_sec[depth];
				field_value = key_is_field[depth];
			}
		} else if (depth >= 0 && kind[depth] == 's') {
			item = depth == 1 && key_is_sec[0] &&
			       count[depth] == index;
			count[depth]++;
		}
		if (sec_value) {
			section_line = line;
			if (index < 0) {
				result = line;
				yaml_event_delete(&ev);
				break;
			}
		}
		if (item) {
			item_line = line;
			if (field == NULL) {
				result = line;
				yaml_event_delete(&ev);
				break;
			}
		}
		if (field_value) {
			result = line;
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_MAPPING_START_EVENT ||
		    t == YAML_SEQUENCE_START_EVENT) {
			if (depth + 1 >= MAXD) {
				yaml_event_delete(&ev);
				break;
			}
			depth++;
			kind[depth] = t == YAML_MAPPING_START_EVENT ? 'm' : 's';
			want_key[depth] = true;
			count[depth] = 0;
			key_is_sec[depth] = false;
			key_is_field[depth] = false;
			if (item) {
				in_item = true;
				item_depth = depth;
			}
		} else if (item) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (result == 0)
		result = item_line ? item_line : section_line;
	return result;
}

/* Line of the first scalar spelled name at or after line from. */
unsigned
ycfg_yaml_find_scalar(const char *data, size_t len, unsigned from,
		      const char *name)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned result = 0;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (result == 0 && yaml_parser_parse(&parser, &ev)) {
		bool end = ev.type == YAML_STREAM_END_EVENT;

		if (ev.type == YAML_SCALAR_EVENT &&
		    ev.start_mark.line + 1 >= from &&
		    strcmp((const char *)ev.data.scalar.value, name) == 0)
			result = (unsigned)ev.start_mark.line + 1;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	return result;
}

unsigned
ycfg_yaml_find_alias(const char *data, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned result = 0;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (result == 0 && yaml_parser_parse(&parser, &ev)) {
		bool end = ev.type == YAML_STREAM_END_EVENT;

		if (ev.type == YAML_ALIAS_EVENT)
			result = (unsigned)ev.start_mark.line + 1;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	return result;
}

/* Runs libyaml over the bytes; on a syntax error returns true with the
 * line and libyaml's description. */
bool
ycfg_yaml_syntax_error(const char *data, size_t len, unsigned *line,
		       char *what, size_t whatsz)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	bool bad = false;

	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev)) {
			bad = true;
			*line = (unsigned)parser.problem_mark.line + 1;
			snprintf(what, whatsz, "%s",
				 parser.problem ? parser.problem : "syntax error");
			break;
		}
		bool end = ev.type == YAML_STREAM_END_EVENT;

		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	return bad;
}

