/*
 * report.c - text, JSON and GitHub reporters (see report.h).
 */
#include <string.h>

#include "ycfg/report.h"

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
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

void
ycfg_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

static const char *const sev_color[] = {
	[YCFG_SEV_INFO] = "\033[1;36m",
	[YCFG_SEV_WARNING] = "\033[1;35m",
	[YCFG_SEV_ERROR] = "\033[1;31m",
};

static void
report_text(FILE *out, const struct ycfg_diags *d, bool color)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];
		const char *sev = ycfg_severity_name(g->severity);
		const char *id = ycfg_rule_info(g->rule)->id;

		if (color)
			fprintf(out, "\033[1m%s:%u:%u:\033[0m %s%s:\033[0m %s "
				"\033[2m[%s]\033[0m\n", g->file, g->line, g->col,
				sev_color[g->severity], sev, g->msg, id);
		else
			fprintf(out, "%s:%u:%u: %s: %s [%s]\n", g->file,
				g->line, g->col, sev, g->msg, id);
	}
}

static void
report_json(FILE *out, const struct ycfg_diags *d, size_t nfiles)
{
	fputs("{\"version\":1,\"diagnostics\":[", out);
	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];

		fputs(i ? ",\n{\"file\":" : "\n{\"file\":", out);
		ycfg_json_string(out, g->file);
		fprintf(out, ",\"line\":%u,\"column\":%u,\"severity\":\"%s\","
			"\"rule\":\"%s\",\"message\":", g->line, g->col,
			ycfg_severity_name(g->severity),
			ycfg_rule_info(g->rule)->id);
		ycfg_json_string(out, g->msg);
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
report_github(FILE *out, const struct ycfg_diags *d)
{
	static const char *const cmd[] = {
		[YCFG_SEV_INFO] = "notice",
		[YCFG_SEV_WARNING] = "warning",
		[YCFG_SEV_ERROR] = "error",
	};

	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];

		fprintf(out, "::%s file=", cmd[g->severity]);
		gh_escape(out, g->file, true);
		fprintf(out, ",line=%u,col=%u,title=", g->line, g->col);
		gh_escape(out, ycfg_rule_info(g->rule)->id, true);
		fputs("::", out);
		gh_escape(out, g->msg, false);
		fputc('\n', out);
	}
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
		report_github(out, d);
		break;
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
ycfg_report_summary(FILE *out, const struct ycfg_diags *d, size_t nfiles)
{
	size_t e = d->count[YCFG_SEV_ERROR], w = d->count[YCFG_SEV_WARNING],
	       i = d->count[YCFG_SEV_INFO];
	bool first = true;

	if (e + w + i == 0) {
		fprintf(out, "no findings in %zu file%s\n", nfiles,
			nfiles == 1 ? "" : "s");
		return;
	}
	count_word(out, e, "error", &first, w == 0 && i == 0 && !first);
	count_word(out, w, "warning", &first, i == 0);
	count_word(out, i, "info", &first, true);
	fprintf(out, " in %zu file%s\n", nfiles, nfiles == 1 ? "" : "s");
}
