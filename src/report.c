/*
 * report.c - text, JSON, GitHub and SARIF reporters (see report.h).
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ycfg/fileio.h"
#include "ycfg/json.h"
#include "ycfg/report.h"
#include "ycfg/utf8.h"
#include "ycfg/vec.h"

int
ycfg_format_parse(const char *s, enum ycfg_format *out)
{
	static const struct {
		const char *name;
		enum ycfg_format fmt;
	} names[] = {
		{ "text", YCFG_FMT_TEXT },
		{ "json", YCFG_FMT_JSON },
		{ "github", YCFG_FMT_GITHUB },
		{ "sarif", YCFG_FMT_SARIF },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

static const char *const sev_color[] = {
	[YCFG_SEV_INFO] = "\033[1;36m",
	[YCFG_SEV_WARNING] = "\033[1;35m",
	[YCFG_SEV_ERROR] = "\033[1;31m",
};

/* A file name as printed: escaped like the messages (a name can hold
 * newlines, terminal sequences or invalid UTF-8). */
#define SHOWN_MAX (4 * 4096 + 1)

static const char *
shown(const char *file, char buf[SHOWN_MAX])
{
	return ycfg_utf8_display(file, buf, SHOWN_MAX);
}

/* "file:line:col", "file:line" or "file": 0 means not known (findings
 * about a whole file, schema errors without a column). */
static void
put_location(FILE *out, const struct ycfg_diag *g)
{
	char buf[SHOWN_MAX];

	fputs(shown(g->file, buf), out);
	if (g->line > 0)
		fprintf(out, ":%u", g->line);
	if (g->line > 0 && g->col > 0)
		fprintf(out, ":%u", g->col);
	fputc(':', out);
}

static void
report_text(FILE *out, const struct ycfg_diags *d, bool color)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];
		const char *sev = ycfg_severity_name(g->severity);
		const char *id = ycfg_rule_info(g->rule)->id;

		fputs(color ? "\033[1m" : "", out);
		put_location(out, g);
		if (color)
			fprintf(out, "\033[0m %s%s:\033[0m %s \033[2m[%s]"
				"\033[0m\n", sev_color[g->severity], sev,
				g->msg, id);
		else
			fprintf(out, " %s: %s [%s]\n", sev, g->msg, id);
	}
}

static void
report_json(FILE *out, const struct ycfg_diags *d, size_t nfiles)
{
	fputs("{\"version\":1,\"diagnostics\":[", out);
	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];

		char buf[SHOWN_MAX];

		fputs(i ? ",\n{\"file\":" : "\n{\"file\":", out);
		ycfg_json_fputs(shown(g->file, buf), out);
		fprintf(out, ",\"line\":%u,\"column\":%u,\"severity\":\"%s\","
			"\"rule\":\"%s\",\"message\":", g->line, g->col,
			ycfg_severity_name(g->severity),
			ycfg_rule_info(g->rule)->id);
		ycfg_json_fputs(g->msg, out);
		fputc('}', out);
	}
	fprintf(out, "\n],\"summary\":{\"files\":%zu,\"errors\":%zu,"
		"\"warnings\":%zu,\"infos\":%zu}}\n", nfiles,
		d->count[YCFG_SEV_ERROR], d->count[YCFG_SEV_WARNING],
		d->count[YCFG_SEV_INFO]);
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also
 * escape ':' and ','. */
static void
gh_escape(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default: fputc(*s, out);
		}
	}
}

static void
report_github(FILE *out, const struct ycfg_diags *d, size_t nfiles)
{
	static const char *const cmd[] = {
		[YCFG_SEV_INFO] = "notice",
		[YCFG_SEV_WARNING] = "warning",
		[YCFG_SEV_ERROR] = "error",
	};

	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];

		char buf[SHOWN_MAX];

		fprintf(out, "::%s file=", cmd[g->severity]);
		gh_escape(out, shown(g->file, buf), true);
		if (g->line > 0)
			fprintf(out, ",line=%u", g->line);
		if (g->line > 0 && g->col > 0)
			fprintf(out, ",col=%u", g->col);
		fputs(",title=", out);
		gh_escape(out, ycfg_rule_info(g->rule)->id, true);
		fputs("::", out);
		gh_escape(out, g->msg, false);
		fputc('\n', out);
	}
	if (d->n == 0)
		return;

	/* GitHub shows ten annotations of each kind per step and drops the
	 * rest silently: the summary at least tells how many there are */
	char *sum = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&sum, &len);

	if (m == NULL)
		return;
	ycfg_report_summary(m, d, nfiles, 0);
	if (fclose(m) == 0 && sum != NULL) {
		if (len > 0 && sum[len - 1] == '\n')
			sum[len - 1] = '\0';
		fputs("::notice title=ycfg::ycfg: ", out);
		gh_escape(out, sum, false);
		fputc('\n', out);
	}
	free(sum);
}

int
ycfg_report(FILE *out, enum ycfg_format fmt, const struct ycfg_diags *d,
	    size_t nfiles, bool color)
{
	switch (fmt) {
	case YCFG_FMT_TEXT:
		report_text(out, d, color);
		break;
	case YCFG_FMT_JSON:
		report_json(out, d, nfiles);
		break;
	case YCFG_FMT_GITHUB:
		report_github(out, d, nfiles);
		break;
	case YCFG_FMT_SARIF:
		return ycfg_report_sarif(out, d, NULL);
	}
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

static void
count_word(FILE *out, size_t n, const char *word, bool *first, bool last)
{
	if (n == 0)
		return;
	fprintf(out, "%s%zu %s%s", *first ? "" : last ? " and " : ", ", n, word,
		n == 1 ? "" : "s");
	*first = false;
}

void
ycfg_report_summary(FILE *out, const struct ycfg_diags *d, size_t nfiles,
		    size_t nphones)
{
	size_t e = d->count[YCFG_SEV_ERROR], w = d->count[YCFG_SEV_WARNING],
	       i = d->count[YCFG_SEV_INFO];
	bool first = true;

	if (e + w + i == 0)
		fprintf(out, "no problems");
	count_word(out, e, "error", &first, w == 0 && i == 0 && !first);
	count_word(out, w, "warning", &first, i == 0);
	count_word(out, i, "info", &first, true);
	fprintf(out, " in %zu file%s", nfiles, nfiles == 1 ? "" : "s");
	if (nphones > 0)
		fprintf(out, " (%zu phone%s)", nphones, nphones == 1 ? "" : "s");
	fputc('\n', out);
}

/* ---------------------------------------------------------------- SARIF */

static const char *
sarif_level(enum ycfg_severity s)
{
	switch (s) {
	case YCFG_SEV_ERROR: return "error";
	case YCFG_SEV_WARNING: return "warning";
	case YCFG_SEV_INFO: break;
	}
	return "note";
}

static bool
uri_plain(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~' || c == '/';
}

/* Appends s percent-encoded to buf at *used; false when it does not fit. */
static bool
uri_append(char *buf, size_t bufsz, size_t *used, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		size_t need = uri_plain(*p) ? 1 : 3;

		if (*used + need >= bufsz)
			return false;
		if (need == 1) {
			buf[(*used)++] = (char)*p;
		} else {
			buf[(*used)++] = '%';
			buf[(*used)++] = hex[*p >> 4];
			buf[(*used)++] = hex[*p & 15];
		}
	}
	buf[*used] = '\0';
	return true;
}

int
ycfg_sarif_uri(const char *path, const char *cwd, char *buf, size_t bufsz)
{
	size_t used = 0;

	if (bufsz == 0)
		return -1;
	buf[0] = '\0';
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (*path == '/')
			path++;
	}
	if (path[0] == '/' && cwd != NULL && cwd[0] == '/') {
		size_t cl = strlen(cwd);

		while (cl > 1 && cwd[cl - 1] == '/')
			cl--;
		if (cl == 1 && path[1] != '\0' && path[1] != '/')
			path++;     /* cwd is "/": everything is below it */
		else if (cl > 1 && strncmp(path, cwd, cl) == 0 &&
			 path[cl] == '/' && path[cl + 1] != '\0')
			path += cl + 1;
	}
	if (path[0] == '/') {
		if (bufsz < 8)
			return -1;
		memcpy(buf, "file://", 8);
		used = 7;
	}
	if (!uri_append(buf, bufsz, &used, path))
		return -1;
	return (int)used;
}

/* PascalCase of a kebab-case rule id: the SARIF convention for names. */
static void
sarif_rule_name(FILE *out, const char *id)
{
	bool up = true;

	fputc('"', out);
	for (; *id; id++) {
		if (*id == '-') {
			up = true;
			continue;
		}
		fputc(up && *id >= 'a' && *id <= 'z' ? *id - 'a' + 'A' : *id, out);
		up = false;
	}
	fputc('"', out);
}

static void
sarif_rules(FILE *out)
{
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		const struct ycfg_rule_info *ri = ycfg_rule_info(r);
		char *help = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&help, &len);

		if (m != NULL) {
			fputs(ri->description, m);
			if (ri->bad)
				fprintf(m, "\n\nbad:\n  %s", ri->bad);
			if (ri->good)
				fprintf(m, "\n%sgood:\n  %s", ri->bad ? "" : "\n",
					ri->good);
			if (fclose(m) != 0) {
				free(help);
				help = NULL;
			}
		}
		fputs(r ? ",{\"id\":" : "{\"id\":", out);
		ycfg_json_fputs(ri->id, out);
		fputs(",\"name\":", out);
		sarif_rule_name(out, ri->id);
		fputs(",\"shortDescription\":{\"text\":", out);
		ycfg_json_fputs(ri->summary, out);
		fputs("},\"fullDescription\":{\"text\":", out);
		ycfg_json_fputs(ri->description, out);
		fputs("},\"help\":{\"text\":", out);
		ycfg_json_fputs(help ? help : ri->description, out);
		fprintf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
			sarif_level(ri->severity));
		free(help);
	}
}

/* The current file's lines, for fingerprint keys. */
struct src {
	const char *file;      /* whose lines these are, or NULL */
	bool ok;
	struct ycfg_buf buf;
	size_t *start;         /* offset of each line (1-based: start[l-1]) */
	size_t nlines, cap;
};

static void
src_load(struct src *s, const char *file, bool no_source)
{
	char err[128];

	if (s->file != NULL && (s->file == file || strcmp(s->file, file) == 0))
		return;
	s->file = file;
	s->ok = false;
	s->nlines = 0;
	/* only a regular file can be read a second time: a FIFO's content
	 * is gone, a device's may never end */
	struct stat st;

	if (no_source || stat(file, &st) != 0 || !S_ISREG(st.st_mode) ||
	    ycfg_read_file(file, &s->buf, YCFG_FILE_MAX, err,
			   sizeof(err)) != YCFG_READ_OK)
		return;

	/* split like the lexer: LF, CRLF, and lone CR when CRs occur */
	const char *b = s->buf.p, *end = b + s->buf.len, *p = b;
	bool has_cr = memchr(b, '\r', s->buf.len) != NULL;

	while (p < end) {
		if (ycfg_vec_reserve(&s->start, &s->cap, s->nlines + 1,
				     sizeof(*s->start), 256) != 0)
			return;
		s->start[s->nlines++] = (size_t)(p - b);

		const char *q = p;

		if (!has_cr) {
			q = memchr(p, '\n', (size_t)(end - p));
			p = q ? q + 1 : end;
			continue;
		}
		while (q < end && *q != '\n' && *q != '\r')
			q++;
		p = q == end ? end : (*q == '\r' && q + 1 < end && q[1] == '\n')
			? q + 2 : q + 1;
	}
	s->ok = true;
}

/* Writes the fingerprint key of line of the loaded file to k; false when
 * the line is not available. */
static bool
src_key(const struct src *s, unsigned line, char *k, size_t ksz)
{
	if (!s->ok || line == 0 || line > s->nlines)
		return false;

	const char *b = s->buf.p;
	const char *p = b + s->start[line - 1];
	const char *e = line < s->nlines ? b + s->start[line] : b + s->buf.len;

	while (e > p && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;

	const char *eq = memchr(p, '=', (size_t)(e - p));

	if (p < e && *p == '#')
		;                       /* a comment: all of it */
	else if (eq != NULL)
		e = eq;                 /* a setting: its key */
	else {
		const char *w = p;      /* anything else: its first word */

		while (w < e && *w != ' ' && *w != '\t')
			w++;
		e = w;
	}
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;

	size_t n = (size_t)(e - p) < ksz - 1 ? (size_t)(e - p) : ksz - 1;

	memcpy(k, p, n);
	k[n] = '\0';
	return true;
}

static uint64_t
fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* Fingerprint hash of one result (see report.h). */
static uint64_t
fingerprint(const char *id, const char *uri, const char *key, size_t occ)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	char num[32];
	int n = snprintf(num, sizeof(num), "%zu", occ);

	h = fnv1a(h, id, strlen(id) + 1);
	h = fnv1a(h, uri, strlen(uri) + 1);
	h = fnv1a(h, key, strlen(key) + 1);
	return fnv1a(h, num, (size_t)n + 1);
}

/* Counter of (rule, uri, key) hashes seen: an open-addressing set of
 * 64-bit hashes with counts. */
struct occ_table {
	uint64_t *h;
	size_t *n;
	size_t cap, used;
};

/* Returns how many times hash was seen before, and counts this one.  Out
 * of memory degrades to 0 (fingerprints may then collide, nothing
 * worse). */
static size_t
occ_next(struct occ_table *t, uint64_t hash)
{
	if (hash == 0)
		hash = 1;
	if (t->used * 2 >= t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		uint64_t *h = calloc(cap, sizeof(*h));
		size_t *n = calloc(cap, sizeof(*n));

		if (h == NULL || n == NULL) {
			free(h);
			free(n);
			if (t->cap == 0 || t->used + 1 >= t->cap)
				return 0;
		} else {
			for (size_t i = 0; i < t->cap; i++) {
				if (t->h[i] == 0)
					continue;

				size_t j = (size_t)t->h[i] & (cap - 1);

				while (h[j] != 0)
					j = (j + 1) & (cap - 1);
				h[j] = t->h[i];
				n[j] = t->n[i];
			}
			free(t->h);
			free(t->n);
			t->h = h;
			t->n = n;
			t->cap = cap;
		}
	}

	size_t j = (size_t)hash & (t->cap - 1);

	while (t->h[j] != 0 && t->h[j] != hash)
		j = (j + 1) & (t->cap - 1);
	if (t->h[j] == 0) {
		t->h[j] = hash;
		t->used++;
	}
	return t->n[j]++;
}

/* The message with digit runs replaced by '#': the stand-in key. */
static void
message_key(const char *msg, char *k, size_t ksz)
{
	size_t n = 0;

	for (const char *p = msg; *p && n + 1 < ksz; p++) {
		if (*p >= '0' && *p <= '9') {
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			k[n++] = '#';
		} else {
			k[n++] = *p;
		}
	}
	k[n] = '\0';
}

int
ycfg_report_sarif(FILE *out, const struct ycfg_diags *d,
		  const struct ycfg_sarif_opts *o)
{
	static const struct ycfg_sarif_opts defaults = { 0 };
	char cwdbuf[PATH_MAX];
	const char *cwd;

	if (o == NULL)
		o = &defaults;
	cwd = o->cwd;
	if (cwd == NULL)
		cwd = getcwd(cwdbuf, sizeof(cwdbuf));

	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	      "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
	      "{\"name\":\"ycfg\"", out);
	if (o->version != NULL) {
		fputs(",\"version\":", out);
		ycfg_json_fputs(o->version, out);
		fputs(",\"semanticVersion\":", out);
		ycfg_json_fputs(o->version, out);
	}
	fputs(",\"rules\":[", out);
	sarif_rules(out);
	fputs("]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[", out);

	struct src src = { 0 };
	struct occ_table occ = { 0 };
	const char *last_file = NULL;
	char uri[4096 * 3 + 16], key[1024];

	uri[0] = '\0';
	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];
		const char *file = g->file ? g->file : "";
		const char *id = ycfg_rule_info(g->rule)->id;

		if (last_file == NULL || (file != last_file &&
					  strcmp(file, last_file) != 0)) {
			if (ycfg_sarif_uri(file, cwd, uri, sizeof(uri)) < 0)
				snprintf(uri, sizeof(uri), "%s", "unknown");
			last_file = file;
		}
		src_load(&src, file, o->no_source);
		if (!src_key(&src, g->line, key, sizeof(key))) {
			if (g->line == 0)
				key[0] = '\0';
			else
				message_key(g->msg, key, sizeof(key));
		}

		size_t n = occ_next(&occ, fingerprint(id, uri, key, 0));

		fprintf(out, "%s{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":"
			"\"%s\",\"message\":{\"text\":", i ? "," : "", id,
			(int)g->rule, sarif_level(g->severity));
		ycfg_json_fputs(g->msg, out);
		fputs("},\"locations\":[{\"physicalLocation\":"
		      "{\"artifactLocation\":{\"uri\":", out);
		ycfg_json_fputs(uri, out);
		fprintf(out, "},\"region\":{\"startLine\":%u,\"startColumn\":"
			"%u}}}],\"partialFingerprints\":{\"ycfg/v1\":\""
			"%016llx\"}", g->line ? g->line : 1,
			g->col ? g->col : 1,
			(unsigned long long)fingerprint(id, uri, key, n));

		struct ycfg_sarif_fix fx;

		if (o->fix_of != NULL && o->fix_of(o->fix_ctx, i, &fx) &&
		    ycfg_utf8_invalid_at(fx.text, fx.textlen) == fx.textlen) {
			char *t = strndup(fx.text, fx.textlen);

			if (t != NULL && strlen(t) == fx.textlen) {
				fputs(",\"fixes\":[{\"description\":{\"text\":",
				      out);
				ycfg_json_fputs(fx.description, out);
				fputs("},\"artifactChanges\":[{\"artifactLocation\":"
				      "{\"uri\":", out);
				ycfg_json_fputs(uri, out);
				fprintf(out, "},\"replacements\":[{\"deletedRegion\":"
					"{\"byteOffset\":%zu,\"byteLength\":%zu},"
					"\"insertedContent\":{\"text\":", fx.off,
					fx.len);
				ycfg_json_fputs(t, out);
				fputs("}}]}]}]", out);
			}
			free(t);
		}
		fputs("}", out);
	}
	fputs("]}]}\n", out);
	ycfg_buf_free(&src.buf);
	free(src.start);
	free(occ.h);
	free(occ.n);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
