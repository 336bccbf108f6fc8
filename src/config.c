/*
 * config.c - .ycfg.yaml: discovery, loading and globs (see config.h).
 *
 * Loading takes two passes over the bytes.  A libyaml event pass checks
 * the syntax and the shape (keys, kinds, rule ids, levels) and reports the
 * first problem at its exact line and column: libcyaml only logs text, at
 * imprecise places.  libcyaml then loads the checked document into a raw
 * struct of strings, which is converted here; every scalar is loaded as a
 * string and parsed by us (libcyaml's typed scalars are lenient).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cyaml/cyaml.h>
#include <yaml.h>

#include "ycfg/config.h"
#include "ycfg/template.h"
#include "ycfg/fileio.h"
#include "ycfg/glob.h"
#include "ycfg/vec.h"
#include "ycfg/yamlio.h"

/* A configuration file is small; anything larger is a mistake. */
#define CONFIG_MAX ((size_t)1024 * 1024)

void
ycfg_config_init(struct ycfg_config *c)
{
	memset(c, 0, sizeof(*c));
	for (int r = 0; r < YCFG_R__COUNT; r++)
		c->level[r] = YCFG_CONFIG_UNSET;
	c->template_mode = YCFG_CONFIG_UNSET;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
ycfg_config_free(struct ycfg_config *c)
{
	free(c->path);
	free(c->dir);
	free(c->model);
	free(c->cwd);
	free_list(c->exclude, c->nexclude);
	free_list(c->templates, c->ntemplates);
	free_list(c->schema, c->nschema);
	for (size_t i = 0; i < c->nphones; i++) {
		free(c->phones[i].pattern);
		free(c->phones[i].model);
	}
	free(c->phones);
	ycfg_config_init(c);
}

/* ------------------------------------------------------------ paths */

/* Writes the absolute form of path (relative to cwd unless absolute) to
 * out with "." and ".." segments and repeated slashes removed, lexically
 * (symbolic links are not resolved).  Returns 0, or -1 when it does not
 * fit. */
static int
abs_norm(const char *path, const char *cwd, char *out, size_t outsz)
{
	char tmp[PATH_MAX * 2];
	size_t n = 0;
	int w;

	if (path[0] == '/')
		w = snprintf(tmp, sizeof(tmp), "%s", path);
	else
		w = snprintf(tmp, sizeof(tmp), "%s/%s", cwd, path);
	if (w < 0 || (size_t)w >= sizeof(tmp) || outsz < 2)
		return -1;
	out[0] = '/';
	n = 1;
	for (char *p = tmp; *p;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;

		char *seg = p;

		while (*p && *p != '/')
			p++;

		size_t len = (size_t)(p - seg);

		if (len == 1 && seg[0] == '.')
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (n > 1 && out[n - 1] != '/')
				n--;
			if (n > 1)
				n--;    /* the slash before the dropped segment */
			continue;
		}
		if (n + (n > 1) + len >= outsz)
			return -1;
		if (n > 1)
			out[n++] = '/';
		memcpy(out + n, seg, len);
		n += len;
	}
	out[n] = '\0';
	return 0;
}

static char *
current_dir(void)
{
	char buf[PATH_MAX];

	if (getcwd(buf, sizeof(buf)) == NULL)
		return NULL;
	return strdup(buf);
}

static bool
exists(const char *dir, const char *name, bool want_file)
{
	char p[PATH_MAX];
	struct stat st;
	int n = snprintf(p, sizeof(p), "%s%s%s", dir,
			 strcmp(dir, "/") == 0 ? "" : "/", name);

	if (n < 0 || (size_t)n >= sizeof(p) || stat(p, &st) != 0)
		return false;
	return !want_file || S_ISREG(st.st_mode);
}

int
ycfg_config_discover(const char *start, char *out, size_t outsz)
{
	char *cwd = current_dir();
	char dir[PATH_MAX];
	struct stat st;

	if (cwd == NULL)
		return -1;
	if (abs_norm(strcmp(start, "-") == 0 ? "." : start, cwd, dir,
		     sizeof(dir)) != 0) {
		free(cwd);
		return -1;
	}
	free(cwd);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		char *slash = strrchr(dir, '/');

		if (slash == dir)
			dir[1] = '\0';
		else if (slash != NULL)
			*slash = '\0';
	}
	for (;;) {
		bool yaml = exists(dir, YCFG_CONFIG_NAME, true);
		bool yml = exists(dir, YCFG_CONFIG_NAME_ALT, true);

		if (yaml && yml) {
			int n = snprintf(out, outsz, "%s", dir);

			return n < 0 || (size_t)n >= outsz ? -1 : -2;
		}
		if (yaml || yml) {
			int n = snprintf(out, outsz, "%s%s%s", dir,
					 strcmp(dir, "/") == 0 ? "" : "/",
					 yaml ? YCFG_CONFIG_NAME
					      : YCFG_CONFIG_NAME_ALT);

			return n < 0 || (size_t)n >= outsz ? -1 : 1;
		}
		if (strcmp(dir, "/") == 0 || exists(dir, ".git", false))
			return 0;

		char *slash = strrchr(dir, '/');

		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
}

/* ----------------------------------------------------------- exclude */

/* True when path lies below c's directory and one of the globs matches
 * its path relative to that directory, or one of its parents. */
static bool
globs_match(const struct ycfg_config *c, char *const *globs, size_t nglobs,
	    const char *path)
{
	char abs[PATH_MAX];

	if (nglobs == 0 || c->dir == NULL || c->cwd == NULL ||
	    abs_norm(path, c->cwd, abs, sizeof(abs)) != 0)
		return false;

	size_t dl = strlen(c->dir);
	const char *rel;

	if (strcmp(c->dir, "/") == 0)
		rel = abs + 1;
	else if (strncmp(abs, c->dir, dl) == 0 && abs[dl] == '/')
		rel = abs + dl + 1;
	else
		return false;

	/* the path itself, then each parent directory below c->dir */
	char prefix[PATH_MAX];
	size_t rl = strlen(rel);

	memcpy(prefix, rel, rl + 1);
	for (;;) {
		for (size_t i = 0; i < nglobs; i++)
			if (ycfg_glob_match(globs[i], prefix, 0))
				return true;

		char *slash = strrchr(prefix, '/');

		if (slash == NULL)
			return false;
		*slash = '\0';
	}
}

bool
ycfg_config_excluded(const struct ycfg_config *c, const char *path)
{
	return globs_match(c, c->exclude, c->nexclude, path);
}

bool
ycfg_config_is_template(const struct ycfg_config *c, const char *path)
{
	return globs_match(c, c->templates, c->ntemplates, path);
}

const char *
ycfg_config_phone_model(const struct ycfg_config *c, const char *mac)
{
	for (size_t i = 0; i < c->nphones; i++)
		if (ycfg_glob_match(c->phones[i].pattern, mac, YCFG_GLOB_NOCASE))
			return c->phones[i].model;
	return NULL;
}

void
ycfg_config_apply_levels(const struct ycfg_config *c, struct ycfg_diags *d)
{
	for (int r = 0; r < YCFG_R__COUNT; r++)
		if (c->level[r] != YCFG_CONFIG_UNSET)
			ycfg_diags_set_level(d, (enum ycfg_rule)r, c->level[r]);
}

/* ------------------------------------------------------ check pass */

struct check {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have;             /* ev must be deleted */
	bool empty;            /* the document holds nothing */
	const char *path;
	char *err;
	size_t errsz;
	struct ycfg_config *c; /* phones: go here (libcyaml cannot load a
	                        * mapping with arbitrary keys) */
	bool fill;             /* the second pass: fill c */
};

static int check_fail(struct check *k, yaml_mark_t m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
check_fail(struct check *k, yaml_mark_t m, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(k->err, k->errsz, "%s:%zu:%zu: ", k->path,
			 m.line + 1, m.column + 1);

	if (n >= 0 && (size_t)n < k->errsz) {
		va_start(ap, fmt);
		vsnprintf(k->err + n, k->errsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
check_next(struct check *k)
{
	if (k->have) {
		yaml_event_delete(&k->ev);
		k->have = false;
	}
	if (!yaml_parser_parse(&k->parser, &k->ev)) {
		const yaml_parser_t *p = &k->parser;

		if (p->context != NULL)
			return check_fail(k, p->problem_mark,
					  "invalid YAML: %s %s", p->problem
					  ? p->problem : "syntax error",
					  p->context);
		return check_fail(k, p->problem_mark, "invalid YAML: %s",
				  p->problem ? p->problem : "syntax error");
	}
	k->have = true;
	if (k->ev.type == YAML_ALIAS_EVENT)
		return check_fail(k, k->ev.start_mark, "YAML aliases (*name) "
				  "are not allowed; write the value out");
	return 0;
}

static bool
is_scalar(const struct check *k)
{
	return k->ev.type == YAML_SCALAR_EVENT;
}

/* The current scalar's text (NUL-terminated by libyaml). */
static const char *
scalar(const struct check *k)
{
	return (const char *)k->ev.data.scalar.value;
}

/* A value that is a single word: a model name or a path. */
static int
check_string(struct check *k, const char *key, const char *what)
{
	if (!is_scalar(k) || k->ev.data.scalar.length == 0)
		return check_fail(k, k->ev.start_mark, "'%s' must be %s", key,
				  what);
	return 0;
}

static int
check_template(struct check *k)
{
	enum ycfg_template_mode mode;
	enum ycfg_dialect dialect;

	if (!is_scalar(k) || k->ev.data.scalar.length == 0 ||
	    ycfg_template_mode_parse(scalar(k), &mode, &dialect) != 0)
		return check_fail(k, k->ev.start_mark, "'template' must be "
				  "auto, none or a dialect (" YCFG_DIALECTS
				  ")");
	return 0;
}

static int
check_list(struct check *k, const char *key, const char *what)
{
	if (k->ev.type != YAML_SEQUENCE_START_EVENT)
		return check_fail(k, k->ev.start_mark, "'%s' must be a list "
				  "of %s", key, what);
	for (;;) {
		if (check_next(k) != 0)
			return -1;
		if (k->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (!is_scalar(k) || k->ev.data.scalar.length == 0)
			return check_fail(k, k->ev.start_mark, "each entry "
					  "of '%s' must be one of %s", key,
					  what);
	}
}

/* schema: relative paths that stay in the configuration's directory. */
static int
check_schema_paths(struct check *k)
{
	static const char what[] = "schema file paths";

	if (k->ev.type != YAML_SEQUENCE_START_EVENT)
		return check_fail(k, k->ev.start_mark, "'schema' must be a "
				  "list of %s", what);
	for (;;) {
		if (check_next(k) != 0)
			return -1;
		if (k->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (!is_scalar(k) || k->ev.data.scalar.length == 0)
			return check_fail(k, k->ev.start_mark, "each entry "
					  "of 'schema' must be one of %s",
					  what);

		const char *p = scalar(k);
		int depth = 0;

		for (const char *q = p; *q && depth >= 0;) {
			size_t n = strcspn(q, "/");

			if (n == 2 && q[0] == '.' && q[1] == '.')
				depth--;
			else if (n > 0 && !(n == 1 && q[0] == '.'))
				depth++;
			q += n + (q[n] == '/');
		}
		if (p[0] == '/' || depth < 0)
			return check_fail(k, k->ev.start_mark, "schema '%s' is "
					  "outside the configuration's "
					  "directory; schema files of a "
					  "configuration stay in its directory "
					  "(give others with --schema)", p);
	}
}

static int
parse_level(const char *s, int *out)
{
	enum ycfg_severity sev;

	if (strcmp(s, "off") == 0) {
		*out = YCFG_LEVEL_OFF;
		return 0;
	}
	if (ycfg_severity_parse(s, &sev) != 0)
		return -1;
	*out = (int)sev;
	return 0;
}

static int
check_rules(struct check *k)
{
	bool seen[YCFG_R__COUNT] = { false };

	if (k->ev.type != YAML_MAPPING_START_EVENT)
		return check_fail(k, k->ev.start_mark, "'rules' must be a "
				  "mapping of rule ids to levels "
				  "(off, info, warning, error)");
	for (;;) {
		if (check_next(k) != 0)
			return -1;
		if (k->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (!is_scalar(k))
			return check_fail(k, k->ev.start_mark, "a key of "
					  "'rules' must be a rule id");

		int r = ycfg_rule_by_id(scalar(k));
		char id[64];

		if (r < 0)
			return check_fail(k, k->ev.start_mark, "unknown rule "
					  "'%.64s'; see 'ycfg rules'",
					  scalar(k));
		if (seen[r])
			return check_fail(k, k->ev.start_mark, "rule '%s' is "
					  "given twice", scalar(k));
		seen[r] = true;
		snprintf(id, sizeof(id), "%s", scalar(k));
		if (check_next(k) != 0)
			return -1;

		int level;

		if (!is_scalar(k))
			return check_fail(k, k->ev.start_mark, "the level of "
					  "rule '%s' must be off, info, "
					  "warning or error", id);
		if (parse_level(scalar(k), &level) != 0)
			return check_fail(k, k->ev.start_mark, "invalid level "
					  "'%.32s' for rule '%s'; expected "
					  "off, info, warning or error",
					  scalar(k), id);
	}
}

/* phones: a mapping of MACs or globs to model names. */
static int
check_phones(struct check *k)
{
	if (k->ev.type != YAML_MAPPING_START_EVENT)
		return check_fail(k, k->ev.start_mark, "'phones' must be a "
				  "mapping of MACs or globs to model names, "
				  "e.g. \"805ec0a1b2c3\": T54W");
	for (;;) {
		if (check_next(k) != 0)
			return -1;
		if (k->ev.type == YAML_MAPPING_END_EVENT)
			return 0;

		char pat[64];

		if (!is_scalar(k) || k->ev.data.scalar.length == 0 ||
		    k->ev.data.scalar.length >= sizeof(pat))
			return check_fail(k, k->ev.start_mark, "a key of "
					  "'phones' must be a MAC or a glob "
					  "such as 0015*");
		snprintf(pat, sizeof(pat), "%s", scalar(k));
		for (char *q = pat; *q; q++)
			if (*q >= 'A' && *q <= 'F')
				*q = (char)(*q - 'A' + 'a');
		if (check_next(k) != 0)
			return -1;
		if (!is_scalar(k) || k->ev.data.scalar.length == 0)
			return check_fail(k, k->ev.start_mark, "the model of "
					  "phones '%s' must be a model name "
					  "such as T54W", pat);
		if (!k->fill)
			continue;

		struct ycfg_phone_model pm = { strdup(pat),
					       strdup(scalar(k)) };

		if (pm.pattern == NULL || pm.model == NULL ||
		    ycfg_vec_push(&k->c->phones, &k->c->nphones,
				  &k->c->phones_cap, &pm, sizeof(pm)) != 0) {
			free(pm.pattern);
			free(pm.model);
			snprintf(k->err, k->errsz, "%s: out of memory",
				 k->path);
			return -1;
		}
	}
}

static const char *const top_keys[] = { "model", "rules", "exclude",
					 "schema", "phones", "template",
					 "templates" };
#define TOP_KEYS "model, rules, exclude, schema, phones, template or " \
		 "templates"

#define NTOP (sizeof(top_keys) / sizeof(top_keys[0]))

static int
check_top(struct check *k)
{
	bool seen[NTOP] = { false };

	for (;;) {
		if (check_next(k) != 0)
			return -1;
		if (k->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (!is_scalar(k))
			return check_fail(k, k->ev.start_mark, "keys must be "
					  TOP_KEYS);

		int which = -1;

		for (int i = 0; i < (int)NTOP; i++)
			if (strcmp(scalar(k), top_keys[i]) == 0)
				which = i;
		if (which < 0)
			return check_fail(k, k->ev.start_mark, "unknown key "
					  "'%.64s'; expected " TOP_KEYS,
					  scalar(k));
		if (seen[which])
			return check_fail(k, k->ev.start_mark, "'%s' is given "
					  "twice", top_keys[which]);
		seen[which] = true;
		if (check_next(k) != 0)
			return -1;

		int rc = 0;

		switch (which) {
		case 0:
			rc = check_string(k, "model", "a model name such as "
					  "T54W");
			break;
		case 1:
			rc = check_rules(k);
			break;
		case 2:
			rc = check_list(k, "exclude", "glob patterns");
			break;
		case 3:
			rc = check_schema_paths(k);
			break;
		case 4:
			rc = check_phones(k);
			break;
		case 5:
			rc = check_template(k);
			break;
		case 6:
			rc = check_list(k, "templates", "glob patterns");
			break;
		}
		if (rc != 0)
			return rc;
	}
}

/* Parses the whole stream once, so that a syntax error is reported
 * before any problem of shape above it. */
static int
check_syntax(struct check *k, const char *buf, size_t len)
{
	int rc = 0;

	if (!yaml_parser_initialize(&k->parser)) {
		snprintf(k->err, k->errsz, "%s: out of memory", k->path);
		return -1;
	}
	yaml_parser_set_input_string(&k->parser, (const unsigned char *)buf,
				     len);
	do {
		if (check_next(k) != 0) {
			rc = -1;
			break;
		}
	} while (k->ev.type != YAML_STREAM_END_EVENT);
	if (k->have)
		yaml_event_delete(&k->ev);
	k->have = false;
	yaml_parser_delete(&k->parser);
	return rc;
}

/* The check pass: 0 when the document has the right shape. */
static int
check_doc(struct check *k, const char *buf, size_t len)
{
	int rc = -1;

	if (check_syntax(k, buf, len) != 0)
		return -1;
	if (!yaml_parser_initialize(&k->parser)) {
		snprintf(k->err, k->errsz, "%s: out of memory", k->path);
		return -1;
	}
	yaml_parser_set_input_string(&k->parser, (const unsigned char *)buf,
				     len);
	if (check_next(k) != 0 || check_next(k) != 0)
		goto out;
	if (k->ev.type == YAML_STREAM_END_EVENT) {
		k->empty = true;
		rc = 0;
		goto out;
	}
	if (check_next(k) != 0)    /* past DOCUMENT-START */
		goto out;
	if (is_scalar(k) && k->ev.data.scalar.length == 0) {
		k->empty = true;   /* "---" alone, or only comments */
	} else if (is_scalar(k) && k->ev.data.scalar.style ==
		   YAML_PLAIN_SCALAR_STYLE && (strcmp(scalar(k), "~") == 0 ||
					      strcmp(scalar(k), "null") == 0)) {
		k->empty = true;
	} else if (k->ev.type != YAML_MAPPING_START_EVENT) {
		check_fail(k, k->ev.start_mark, "the configuration must be a "
			   "mapping with the keys " TOP_KEYS);
		goto out;
	} else if (check_top(k) != 0) {
		goto out;
	}
	if (check_next(k) != 0 || check_next(k) != 0)  /* DOCUMENT-END */
		goto out;
	if (k->ev.type != YAML_STREAM_END_EVENT) {
		check_fail(k, k->ev.start_mark, "only one YAML document is "
			   "allowed");
		goto out;
	}
	rc = 0;
out:
	if (k->have)
		yaml_event_delete(&k->ev);
	k->have = false;
	yaml_parser_delete(&k->parser);
	return rc;
}

/* ------------------------------------------------------ cyaml load */

struct raw_rules {
	char *level[YCFG_R__COUNT];
};

struct raw_config {
	char *model;
	struct raw_rules *rules;
	char **exclude;
	unsigned exclude_count;
	char **schema;
	unsigned schema_count;
	char *template_mode;
	char **templates;
	unsigned templates_count;
};

static char **
copy_list(char **v, size_t n)
{
	char **o = calloc(n ? n : 1, sizeof(*o));

	if (o == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		o[i] = strdup(v[i]);
		if (o[i] == NULL) {
			free_list(o, i);
			return NULL;
		}
	}
	return o;
}

/* True when the real path of file lies inside the real path of dir. */
static bool
inside_dir(const char *file, const char *dir)
{
	char rf[PATH_MAX], rd[PATH_MAX];

	if (realpath(file, rf) == NULL || realpath(dir, rd) == NULL)
		return true;   /* missing: the load says so */

	size_t n = strlen(rd);

	return strncmp(rf, rd, n) == 0 && (rf[n] == '/' || n == 1);
}

/* Fills c from the raw load.  Returns 0, -1 when out of memory, or -2
 * with err set when a schema path leaves the configuration's directory
 * through a link (the check pass refused the other ways out). */
static int
convert(struct ycfg_config *c, const struct raw_config *raw, char *err,
	size_t errsz)
{
	if (raw == NULL)
		return 0;
	if (raw->model != NULL && (c->model = strdup(raw->model)) == NULL)
		return -1;
	if (raw->rules != NULL) {
		for (int r = 0; r < YCFG_R__COUNT; r++) {
			int level;

			if (raw->rules->level[r] != NULL &&
			    parse_level(raw->rules->level[r], &level) == 0)
				c->level[r] = (signed char)level;
		}
	}
	if (raw->exclude_count > 0) {
		c->exclude = copy_list(raw->exclude, raw->exclude_count);
		if (c->exclude == NULL)
			return -1;
		c->nexclude = raw->exclude_count;
	}
	if (raw->template_mode != NULL) {
		enum ycfg_template_mode mode;
		enum ycfg_dialect dialect;

		/* checked before */
		if (ycfg_template_mode_parse(raw->template_mode, &mode,
					     &dialect) == 0) {
			c->template_mode = (int)mode;
			c->template_dialect = (int)dialect;
		}
	}
	if (raw->templates_count > 0) {
		c->templates = copy_list(raw->templates, raw->templates_count);
		if (c->templates == NULL)
			return -1;
		c->ntemplates = raw->templates_count;
	}
	if (raw->schema_count > 0) {
		c->schema = calloc(raw->schema_count, sizeof(*c->schema));
		if (c->schema == NULL)
			return -1;
		for (unsigned i = 0; i < raw->schema_count; i++) {
			const char *s = raw->schema[i];
			size_t n = strlen(c->dir) + strlen(s) + 2;
			char *p = malloc(n);

			if (p == NULL)
				return -1;
			snprintf(p, n, "%s%s%s", c->dir,
				 strcmp(c->dir, "/") == 0 ? "" : "/", s);
			c->schema[c->nschema++] = p;
			/* a repository's configuration must not make ycfg
			 * read (and quote) files elsewhere */
			if (!inside_dir(p, c->dir)) {
				snprintf(err, errsz, "%s: schema '%s' leads "
					 "outside '%s' (through a link); schema "
					 "files of a configuration stay in its "
					 "directory", c->path, s, c->dir);
				return -2;
			}
		}
	}
	return 0;
}

static const cyaml_schema_value_t string_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

/* Loads the checked document with libcyaml and converts it into c (whose
 * dir is set).  Returns 0, or -1 with err. */
static int
cyaml_pass(struct ycfg_config *c, const char *buf, size_t len, char *err,
	   size_t errsz)
{
	/* one optional string field per rule id, built from the table */
	cyaml_schema_field_t rule_fields[YCFG_R__COUNT + 1];

	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const cyaml_schema_field_t tmpl = CYAML_FIELD_STRING_PTR(
			"", CYAML_FLAG_OPTIONAL, struct raw_rules, level[0], 0,
			CYAML_UNLIMITED);

		rule_fields[r] = tmpl;
		rule_fields[r].key = ycfg_rule_info((enum ycfg_rule)r)->id;
		rule_fields[r].data_offset += (uint32_t)(r * sizeof(char *));
	}

	const cyaml_schema_field_t end = CYAML_FIELD_END;

	rule_fields[YCFG_R__COUNT] = end;

	const cyaml_schema_field_t top_fields[] = {
		CYAML_FIELD_STRING_PTR("model", CYAML_FLAG_OPTIONAL,
				       struct raw_config, model, 0,
				       CYAML_UNLIMITED),
		CYAML_FIELD_MAPPING_PTR("rules", CYAML_FLAG_OPTIONAL,
					struct raw_config, rules, rule_fields),
		CYAML_FIELD_SEQUENCE("exclude",
				     CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
				     struct raw_config, exclude, &string_entry,
				     0, CYAML_UNLIMITED),
		CYAML_FIELD_SEQUENCE("schema",
				     CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
				     struct raw_config, schema, &string_entry,
				     0, CYAML_UNLIMITED),
		CYAML_FIELD_STRING_PTR("template", CYAML_FLAG_OPTIONAL,
				       struct raw_config, template_mode, 0,
				       CYAML_UNLIMITED),
		CYAML_FIELD_SEQUENCE("templates",
				     CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
				     struct raw_config, templates,
				     &string_entry, 0, CYAML_UNLIMITED),
		CYAML_FIELD_END,
	};
	const cyaml_schema_value_t top = {
		CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_config,
				    top_fields),
	};
	/* libcyaml's log, kept for the (unexpected) case that it rejects
	 * what the check pass accepted */
	struct ycfg_yaml_log cap;
	cyaml_config_t cfg;
	struct raw_config *raw = NULL;

	ycfg_yaml_config(&cfg, &cap);
	/* phones: is read by the check pass */
	cfg.flags |= CYAML_CFG_IGNORE_UNKNOWN_KEYS;

	cyaml_err_t e = cyaml_load_data((const uint8_t *)buf, len, &cfg, &top,
					(cyaml_data_t **)&raw, NULL);

	if (e != CYAML_OK) {
		char *nl;

		while ((nl = strchr(cap.text, '\n')) != NULL)
			*nl = ' ';
		unsigned line = ycfg_yaml_log_line(&cap);

		snprintf(err, errsz, "%s:%u:1: %s%s%s", c->path,
			 line ? line : 1, cyaml_strerror(e),
			 cap.len ? ": " : "", cap.text);
		return -1;
	}

	int rc = convert(c, raw, err, errsz);

	if (rc == -1)
		snprintf(err, errsz, "%s: out of memory", c->path);
	/* NULL (all fields absent) is fine for cyaml_free */
	cyaml_free(&cfg, &top, raw, 0);
	return rc;
}

int
ycfg_config_load(struct ycfg_config *c, const char *path, char *err,
		 size_t errsz)
{
	struct ycfg_buf buf = { 0 };
	char why[256];
	int rc = -1;

	ycfg_config_init(c);
	switch (ycfg_read_file(path, &buf, CONFIG_MAX, why, sizeof(why))) {
	case YCFG_READ_OK:
		rc = ycfg_config_load_data(c, path, buf.p, buf.len, err, errsz);
		break;
	case YCFG_READ_TOO_LARGE:
		snprintf(err, errsz, "%s: larger than %zu KiB", path,
			 CONFIG_MAX >> 10);
		break;
	case YCFG_READ_IS_DIR:
		snprintf(err, errsz, "%s: is a directory", path);
		break;
	default:
		snprintf(err, errsz, "%s: %s", path, why);
		break;
	}
	ycfg_buf_free(&buf);
	return rc;
}

int
ycfg_config_load_data(struct ycfg_config *c, const char *path,
		      const char *data, size_t len, char *err, size_t errsz)
{
	char dir[PATH_MAX];
	int rc = -1;

	ycfg_config_init(c);
	if (len > CONFIG_MAX) {
		snprintf(err, errsz, "%s: larger than %zu KiB", path,
			 CONFIG_MAX >> 10);
		return -1;
	}

	struct check k = { .path = path, .err = err, .errsz = errsz,
			   .c = c };

	if (check_doc(&k, data, len) != 0)
		goto out;
	/* the document is sound: read phones: in a second pass */
	k.fill = true;
	if (check_doc(&k, data, len) != 0)
		goto out;

	c->cwd = current_dir();
	if (c->cwd == NULL) {
		snprintf(err, errsz, "%s: cannot get the current directory: "
			 "%s", path, strerror(errno));
		goto out;
	}
	if (abs_norm(path, c->cwd, dir, sizeof(dir)) != 0) {
		snprintf(err, errsz, "%s: path too long", path);
		goto out;
	}

	char *slash = strrchr(dir, '/');

	if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	c->path = strdup(path);
	c->dir = strdup(dir);
	if (c->path == NULL || c->dir == NULL) {
		snprintf(err, errsz, "%s: out of memory", path);
		goto out;
	}
	if (!k.empty && cyaml_pass(c, data, len, err, errsz) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		ycfg_config_free(c);
	return rc;
}
