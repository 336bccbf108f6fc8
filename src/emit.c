/*
 * emit.c - resolved configuration writers (see emit.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ycfg/emit.h"
#include "ycfg/json.h"
#include "ycfg/lexer.h"
#include "ycfg/secret.h"
#include "ycfg/utf8.h"
#include "ycfg/value.h"
#include "ycfg/vec.h"

int
ycfg_out_format_parse(const char *s, enum ycfg_out_format *out)
{
	if (strcmp(s, "yaml") == 0)
		*out = YCFG_OUT_YAML;
	else if (strcmp(s, "json") == 0)
		*out = YCFG_OUT_JSON;
	else if (strcmp(s, "cfg") == 0)
		*out = YCFG_OUT_CFG;
	else
		return -1;
	return 0;
}

/* A growing output buffer. */
struct sink {
	char *p;
	size_t len, cap;
	bool oom;
};

static void
sink_put(struct sink *s, const char *data, size_t n)
{
	if (s->oom)
		return;
	if (ycfg_vec_reserve(&s->p, &s->cap, s->len + n + 1, 1, 4096) != 0) {
		s->oom = true;
		return;
	}
	memcpy(s->p + s->len, data, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void
sink_str(struct sink *s, const char *str)
{
	sink_put(s, str, strlen(str));
}


/* True when the entry's value should be written as an integer. */
static bool
is_integer_value(const struct ycfg_resolved_entry *e)
{
	const struct ycfg_param *p = e->param;
	int64_t v;

	if (p == NULL || e->secret)
		return false;
	switch (p->type) {
	case YCFG_T_INT:
	case YCFG_T_PORT:
	case YCFG_T_BOOL:
		break;
	case YCFG_T_ENUM:
		for (size_t i = 0; i < p->nvalues; i++)
			if (ycfg_parse_int(p->values[i].value,
					   strlen(p->values[i].value),
					   &v) != YCFG_NUM_OK)
				return false;
		break;
	default:
		return false;
	}
	return ycfg_parse_int(e->val, e->len, &v) == YCFG_NUM_OK;
}

/* The bytes of an entry's value as they may be shown: the mask for a
 * secret, a URL's password masked, unless show_secrets.  Points at the
 * value itself or into buf (VALUE_BUF of its length); sets *n. */
static const char *
value_bytes(const struct ycfg_resolved_entry *e,
	    const struct ycfg_emit_opts *o, char *buf, size_t *n)
{
	if (o->show_secrets) {
		*n = e->len;
		return e->val;
	}
	if (e->secret) {
		*n = strlen(YCFG_SECRET_MASK);
		return YCFG_SECRET_MASK;
	}
	if (ycfg_mask_userinfo(e->val, e->len, buf, 3 * e->len + 16,
			       false)) {
		*n = strlen(buf);
		return buf;
	}
	*n = e->len;
	return e->val;
}

/* Room for a value's text: masking at most triples it ("a:b@" becomes
 * "a:********@"), escaping then quadruples that. */
#define VALUE_BUF(len) (12 * (len) + 64)

/* The text to print for an entry's value in YAML or JSON, cleaned (valid
 * UTF-8, no control bytes); *plain tells whether it may be an unquoted
 * integer.  buf has VALUE_BUF(len) bytes. */
static const char *
value_text(const struct ycfg_resolved_entry *e, const struct ycfg_emit_opts *o,
	   char *buf, bool *plain)
{
	size_t n;
	const char *v = value_bytes(e, o, buf, &n);

	*plain = v == e->val && is_integer_value(e);
	if (e->secret && !o->show_secrets)
		return YCFG_SECRET_MASK;
	/* escaped after the masked text, at the end of buf */
	char *esc = buf + 3 * e->len + 16;

	ycfg_utf8_escape(esc, v, n);
	return esc;
}

static void
source_text(const struct ycfg_resolved_entry *e, char *buf, size_t bufsz)
{
	ycfg_resolved_describe(e, buf, bufsz);
}

/* ---- YAML (libyaml emitter) ---- */

static int
yaml_write(void *data, unsigned char *buffer, size_t size)
{
	struct sink *s = data;

	sink_put(s, (const char *)buffer, size);
	return !s->oom;
}

static int
emit_scalar(yaml_emitter_t *em, const char *v, bool plain)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL,
					  (yaml_char_t *)(plain ? YAML_INT_TAG
								: YAML_STR_TAG),
					  (yaml_char_t *)v, (int)strlen(v),
					  plain, !plain,
					  plain ? YAML_PLAIN_SCALAR_STYLE
						: YAML_DOUBLE_QUOTED_SCALAR_STYLE))
		return 0;
	return yaml_emitter_emit(em, &ev);
}

/* Keys are written plain when no YAML reader could take them for anything
 * but a string: a letter or '_' first, then [A-Za-z0-9_.-], with a dot
 * (no YAML 1.1 bool/null/number word has one and starts with a letter). */
static bool
plain_key(const char *k)
{
	if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
		return false;

	bool dot = false;

	for (const char *p = k; *p; p++) {
		char c = *p;

		if (c == '.')
			dot = true;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	/* the two field names of --provenance are safe words too */
	return dot || strcmp(k, "value") == 0 || strcmp(k, "source") == 0;
}

static int
emit_key(yaml_emitter_t *em, const char *k)
{
	yaml_event_t ev;
	bool plain = plain_key(k);

	if (!yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)YAML_STR_TAG,
					  (yaml_char_t *)k, (int)strlen(k),
					  plain, !plain,
					  plain ? YAML_PLAIN_SCALAR_STYLE
						: YAML_DOUBLE_QUOTED_SCALAR_STYLE))
		return 0;
	return yaml_emitter_emit(em, &ev);
}

static int
emit_value(yaml_emitter_t *em, const struct ycfg_resolved_entry *e,
	   const struct ycfg_emit_opts *o, char *buf)
{
	bool plain;
	const char *v = value_text(e, o, buf, &plain);

	if (!o->provenance)
		return emit_scalar(em, v, plain);

	yaml_event_t ev;
	char src[1024];

	source_text(e, src, sizeof(src));
	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						 YAML_FLOW_MAPPING_STYLE) ||
	    !yaml_emitter_emit(em, &ev) ||
	    !emit_key(em, "value") || !emit_scalar(em, v, plain) ||
	    !emit_key(em, "source") || !emit_scalar(em, src, false))
		return 0;
	if (!yaml_mapping_end_event_initialize(&ev))
		return 0;
	return yaml_emitter_emit(em, &ev);
}

/* Number of entries starting at i that share its key (multi-value). */
static size_t
run_length(const struct ycfg_resolved *r, size_t i)
{
	size_t n = 1;

	while (i + n < r->n && strcmp(r->v[i].key, r->v[i + n].key) == 0)
		n++;
	return n;
}

static int
emit_yaml(const struct ycfg_resolved *r, const struct ycfg_emit_opts *o,
	  struct sink *s, char *buf, char *err, size_t errsz)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	int ok;

	if (!yaml_emitter_initialize(&em)) {
		snprintf(err, errsz, "cannot initialise the YAML emitter");
		return -1;
	}
	yaml_emitter_set_output(&em, yaml_write, s);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_unicode(&em, 1);

	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	     yaml_emitter_emit(&em, &ev) &&
	     yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	     yaml_emitter_emit(&em, &ev) &&
	     yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						 YAML_BLOCK_MAPPING_STYLE) &&
	     yaml_emitter_emit(&em, &ev);

	for (size_t i = 0; ok && i < r->n;) {
		size_t run = run_length(r, i);
		char key[1024];

		ycfg_utf8_escape(key, r->v[i].key,
			   strlen(r->v[i].key) > 255 ? 255 : strlen(r->v[i].key));
		ok = emit_key(&em, key);
		if (ok && run > 1) {
			ok = yaml_sequence_start_event_initialize(
				     &ev, NULL, NULL, 1,
				     YAML_BLOCK_SEQUENCE_STYLE) &&
			     yaml_emitter_emit(&em, &ev);
			for (size_t k = 0; ok && k < run; k++)
				ok = emit_value(&em, &r->v[i + k], o, buf);
			ok = ok && yaml_sequence_end_event_initialize(&ev) &&
			     yaml_emitter_emit(&em, &ev);
		} else if (ok) {
			ok = emit_value(&em, &r->v[i], o, buf);
		}
		i += run;
	}
	ok = ok && yaml_mapping_end_event_initialize(&ev) &&
	     yaml_emitter_emit(&em, &ev) &&
	     yaml_document_end_event_initialize(&ev, 1) &&
	     yaml_emitter_emit(&em, &ev) &&
	     yaml_stream_end_event_initialize(&ev) &&
	     yaml_emitter_emit(&em, &ev) && yaml_emitter_flush(&em);
	if (!ok)
		snprintf(err, errsz, "cannot write YAML: %s",
			 em.problem ? em.problem : "out of memory");
	yaml_emitter_delete(&em);
	return ok ? 0 : -1;
}

/* ---- JSON ---- */

static int
sink_write(void *ctx, const char *p, size_t n)
{
	struct sink *s = ctx;

	sink_put(s, p, n);
	return s->oom ? -1 : 0;
}

static void
json_str(struct sink *s, const char *v)
{
	ycfg_json_quote(v, strlen(v), sink_write, s);
}

static void
json_value(struct sink *s, const struct ycfg_resolved_entry *e,
	   const struct ycfg_emit_opts *o, char *buf)
{
	bool plain;
	const char *v = value_text(e, o, buf, &plain);

	if (o->provenance)
		sink_str(s, "{\"value\": ");
	if (plain)
		sink_str(s, v);
	else
		json_str(s, v);
	if (o->provenance) {
		char src[1024];

		source_text(e, src, sizeof(src));
		sink_str(s, ", \"source\": ");
		json_str(s, src);
		sink_str(s, "}");
	}
}

static int
emit_json(const struct ycfg_resolved *r, const struct ycfg_emit_opts *o,
	  struct sink *s, char *buf)
{
	sink_str(s, "{");
	for (size_t i = 0; i < r->n;) {
		size_t run = run_length(r, i);
		char key[1024];

		ycfg_utf8_escape(key, r->v[i].key,
			   strlen(r->v[i].key) > 255 ? 255 : strlen(r->v[i].key));
		sink_str(s, i ? ",\n  " : "\n  ");
		json_str(s, key);
		sink_str(s, ": ");
		if (run > 1)
			sink_str(s, "[");
		for (size_t k = 0; k < run; k++) {
			if (k)
				sink_str(s, ", ");
			json_value(s, &r->v[i + k], o, buf);
		}
		if (run > 1)
			sink_str(s, "]");
		i += run;
	}
	sink_str(s, r->n ? "\n}\n" : "}\n");
	return 0;
}

/* ---- .cfg ---- */

static int
emit_cfg(const struct ycfg_resolved *r, const struct ycfg_emit_opts *o,
	 struct sink *s, char *buf)
{
	sink_str(s, YCFG_HEADER "\n");
	sink_str(s, "# effective configuration written by ycfg\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct ycfg_resolved_entry *e = &r->v[i];
		size_t n;
		/* the value's own bytes: a tab or a byte that is not UTF-8 is
		 * deployed as it was written, never as the text \x09 */
		const char *v = value_bytes(e, o, buf, &n);

		sink_str(s, e->key);
		sink_str(s, " = ");
		/* an empty value must stay explicitly empty, not "not set" */
		if (n > 0)
			sink_put(s, v, n);
		else
			sink_str(s, "%NULL%");
		sink_str(s, "\n");
	}
	return 0;
}

int
ycfg_emit(const struct ycfg_resolved *r, const struct ycfg_emit_opts *o,
	  char **out, size_t *outlen, char *err, size_t errsz)
{
	struct sink s = { 0 };
	size_t maxval = 0;

	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].len > maxval)
			maxval = r->v[i].len;

	char *buf = malloc(VALUE_BUF(maxval));
	int rc;

	if (buf == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	switch (o->format) {
	case YCFG_OUT_YAML:
		rc = emit_yaml(r, o, &s, buf, err, errsz);
		break;
	case YCFG_OUT_JSON:
		rc = emit_json(r, o, &s, buf);
		break;
	default:
		rc = emit_cfg(r, o, &s, buf);
		break;
	}
	free(buf);
	if (rc == 0 && s.oom) {
		snprintf(err, errsz, "out of memory");
		rc = -1;
	}
	if (rc != 0) {
		free(s.p);
		return -1;
	}
	if (s.p == NULL)
		sink_put(&s, "", 0);
	*out = s.p;
	*outlen = s.len;
	return 0;
}
