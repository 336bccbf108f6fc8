/*
 * schema_gen.c - the build-time tool that compiles schema/ YAML files into C.
 *
 *   ycfg-schema-gen SCHEMA_DIR OUTPUT.c
 *
 * Loads the directory with the same code ycfg uses at run time (so every
 * check of the loader applies at build time), then writes the committed
 * tables - entries, their metadata, models, indexes, named enums, the
 * hash slots of the lookup and the word set of did-you-mean - as static
 * C data with the same layout.  ycfg starts from that data (no YAML is
 * parsed at start-up); --schema and .ycfg.yaml schema files still load
 * at run time on top of it.
 *
 * The data is writable, not const: loading more files at run time
 * re-resolves conditions in place, as it does for entries loaded from
 * files.  The output is written to a temporary file and renamed.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema_priv.h"
#include "ycfg/diag.h"
#include "ycfg/report.h"

static FILE *out;

/* A C string literal: printable ASCII as is, the rest in octal. */
static void
lit(const char *s)
{
	if (s == NULL) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p >= 0x20 && *p < 0x7f && *p != '?')
			fputc(*p, out);
		else
			fprintf(out, "\\%03o", *p);
	}
	fputc('"', out);
}

/* A named array of ranges, or "NULL". */
static void
ranges_def(const char *name, const struct ycfg_ranges *r)
{
	if (r->n == 0)
		return;
	fprintf(out, "static struct ycfg_range %s[] = {", name);
	for (size_t i = 0; i < r->n; i++)
		fprintf(out, "%s{%lldLL,%lldLL}", i ? "," : "",
			(long long)r->v[i].lo, (long long)r->v[i].hi);
	fputs("};\n", out);
}

static void
ranges_ref(const char *name, const struct ycfg_ranges *r)
{
	if (r->n == 0)
		fputs("{NULL,0}", out);
	else
		fprintf(out, "{%s,%zu}", name, r->n);
}

static void
strings_def(const char *name, const char *const *v, size_t n)
{
	if (n == 0)
		return;
	fprintf(out, "static const char *%s[] = {", name);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? "," : "", out);
		lit(v[i]);
	}
	fputs("};\n", out);
}

/* Value arrays are shared (a named enum's, by every entry naming it):
 * each distinct array is written once. */
struct seen {
	const void *ptr;
	unsigned id;
};

static struct seen *values_seen;
static size_t nvalues_seen, capvalues_seen;

static unsigned
values_id(const struct ycfg_enum_value *v, size_t n)
{
	for (size_t i = 0; i < nvalues_seen; i++)
		if (values_seen[i].ptr == v)
			return values_seen[i].id;
	if (nvalues_seen == capvalues_seen) {
		capvalues_seen = capvalues_seen ? capvalues_seen * 2 : 64;
		values_seen = realloc(values_seen, capvalues_seen *
					       sizeof(*values_seen));
		if (values_seen == NULL) {
			fprintf(stderr, "ycfg-schema-gen: out of memory\n");
			exit(2);
		}
	}

	unsigned id = (unsigned)nvalues_seen;

	values_seen[nvalues_seen++] = (struct seen){ v, id };
	fprintf(out, "static struct ycfg_enum_value v%u[] = {", id);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? "," : "", out);
		fputc('{', out);
		lit(v[i].value);
		fputc(',', out);
		lit(v[i].name);
		fputc('}', out);
	}
	fputs("};\n", out);
	return id;
}

static long
param_index(const struct ycfg_table *t, const struct ycfg_param *p)
{
	if (p == NULL)
		return -1;
	return (long)(p - t->params);
}

/* The data of entry i: its arrays, then nothing else (the entry itself
 * goes in the params[] initializer). */
static void
param_data(const struct ycfg_table *t, size_t i, long *vid)
{
	const struct ycfg_param *p = &t->params[i];
	const struct ycfg_pmeta *m = &t->meta[i];
	char name[32];

	snprintf(name, sizeof(name), "r%zu", i);
	ranges_def(name, &p->range);
	snprintf(name, sizeof(name), "n%zu", i);
	ranges_def(name, &p->n_range);
	snprintf(name, sizeof(name), "w%zu", i);
	ranges_def(name, &p->when);
	snprintf(name, sizeof(name), "a%zu", i);
	ranges_def(name, &p->adjust_from);
	*vid = p->nvalues ? (long)values_id(p->values, p->nvalues) : -1;
	snprintf(name, sizeof(name), "m%zu", i);
	strings_def(name, p->models, p->nmodels);
	snprintf(name, sizeof(name), "al%zu", i);
	strings_def(name, p->aliases, p->naliases);
	snprintf(name, sizeof(name), "an%zu", i);
	strings_def(name, m->alias_norm, p->naliases);
	if (p->nrequires == 0)
		return;
	/* conditions: ranges in cond_buf (YCFG_COND_RANGES each) */
	fprintf(out, "static struct ycfg_range cb%zu[%zu] = {", i,
		p->nrequires * YCFG_COND_RANGES);
	for (size_t k = 0; k < p->nrequires; k++)
		for (size_t j = 0; j < p->requires[k].in.n; j++)
			fprintf(out, "[%zu]={%lldLL,%lldLL},",
				k * YCFG_COND_RANGES + j,
				(long long)p->requires[k].in.v[j].lo,
				(long long)p->requires[k].in.v[j].hi);
	fputs("};\n", out);
	snprintf(name, sizeof(name), "ct%zu", i);
	strings_def(name, m->cond_text, p->nrequires);
	fprintf(out, "static struct ycfg_cond c%zu[] = {", i);
	for (size_t k = 0; k < p->nrequires; k++) {
		fputs(k ? ",{" : "{", out);
		lit(p->requires[k].key);
		fprintf(out, ",&params[%ld],{&cb%zu[%zu],%zu}}",
			param_index(t, p->requires[k].param), i,
			k * YCFG_COND_RANGES, p->requires[k].in.n);
	}
	fputs("};\n", out);
}

/* "schema/time.yaml (built in)" for the file an entry came from. */
static void
origin(const char *path)
{
	char buf[512];
	const char *base = path ? strrchr(path, '/') : NULL;

	if (path == NULL) {
		lit(NULL);
		return;
	}
	snprintf(buf, sizeof(buf), "schema/%s (built in)",
		 base ? base + 1 : path);
	lit(buf);
}

static void
field(const char *name)
{
	fprintf(out, ",.%s=", name);
}

static void
param_init(const struct ycfg_table *t, size_t i, long vid)
{
	const struct ycfg_param *p = &t->params[i];
	char name[32];

	fputs("{.key=", out);
	lit(p->key);
	fprintf(out, ",.type=%d,.range=", (int)p->type);
	snprintf(name, sizeof(name), "r%zu", i);
	ranges_ref(name, &p->range);
	if (vid >= 0)
		fprintf(out, ",.values=v%ld,.nvalues=%zu", vid, p->nvalues);
	field("enum_name");
	lit(p->enum_name);
	fprintf(out, ",.item=%d,.max_length=%zu,.n_range=", (int)p->item,
		p->max_length);
	snprintf(name, sizeof(name), "n%zu", i);
	ranges_ref(name, &p->n_range);
	field("def");
	lit(p->def);
	field("fallback_key");
	lit(p->fallback_key);
	if (p->fallback)
		fprintf(out, ",.fallback=&params[%ld]",
			param_index(t, p->fallback));
	if (p->nrequires)
		fprintf(out, ",.requires=c%zu,.nrequires=%zu", i, p->nrequires);
	fputs(",.when=", out);
	snprintf(name, sizeof(name), "w%zu", i);
	ranges_ref(name, &p->when);
	fprintf(out, ",.requires_level=%d,.adjust_from=", (int)p->requires_level);
	snprintf(name, sizeof(name), "a%zu", i);
	ranges_ref(name, &p->adjust_from);
	fprintf(out, ",.adjust_to=%lldLL,.has_adjust=%d,.secret=%d,"
		".unverified=%d,.trust=%d,.has_value_level=%d,"
		".value_level=%d", (long long)p->adjust_to, p->has_adjust,
		p->secret, p->unverified, (int)p->trust, p->has_value_level,
		(int)p->value_level);
	if (p->nmodels)
		fprintf(out, ",.models=m%zu,.nmodels=%zu", i, p->nmodels);
	fprintf(out, ",.multi_value_colon=%d,.scope=%d,.role=%d",
		p->multi_value_colon, (int)p->scope, (int)p->role);
	field("renamed_to");
	lit(p->renamed_to);
	field("summary");
	lit(p->summary);
	field("notes");
	lit(p->notes);
	field("source");
	lit(p->source);
	field("older");
	lit(p->older);
	field("placeholders");
	lit(p->placeholders);
	if (p->naliases)
		fprintf(out, ",.aliases=al%zu,.naliases=%zu", i, p->naliases);
	field("origin");
	origin(p->origin);
	fputs("}", out);
}

static void
meta_init(const struct ycfg_table *t, size_t i)
{
	const struct ycfg_param *p = &t->params[i];
	const struct ycfg_pmeta *m = &t->meta[i];

	fputs("{.norm=", out);
	lit(m->norm);
	fprintf(out, ",.hash=%uU,.entry=%u", m->hash, m->entry);
	if (p->naliases)
		fprintf(out, ",.alias_norm=an%zu", i);
	if (p->nrequires)
		fprintf(out, ",.cond_text=ct%zu,.conds=c%zu,.cond_buf=cb%zu", i,
			i, i);
	fputs("}", out);
}

static void
models_data(const struct ycfg_table *t)
{
	for (size_t i = 0; i < t->nmodels; i++) {
		const struct ycfg_model *m = &t->models[i];

		for (size_t k = 0; k < m->nranges; k++) {
			char name[48];

			snprintf(name, sizeof(name), "mr%zu_%zu", i, k);
			ranges_def(name, &m->ranges[k].range);
		}
		if (m->nranges == 0)
			continue;
		fprintf(out, "static struct ycfg_model_range mr%zu[] = {", i);
		for (size_t k = 0; k < m->nranges; k++)
			fprintf(out, "%s{'%c',{mr%zu_%zu,%zu}}", k ? "," : "",
				m->ranges[k].letter, i, k,
				m->ranges[k].range.n);
		fputs("};\n", out);
	}
	fprintf(out, "static struct ycfg_model models[%zu] = {\n",
		t->nmodels ? t->nmodels : 1);
	for (size_t i = 0; i < t->nmodels; i++) {
		const struct ycfg_model *m = &t->models[i];

		fputs(" {.name=", out);
		lit(m->name);
		fprintf(out, ",.kind=%d,.common_file=", (int)m->kind);
		lit(m->common_file);
		fprintf(out, ",.accounts=%u,.accounts_range={%lldLL,%lldLL}",
			m->accounts, (long long)m->accounts_range.lo,
			(long long)m->accounts_range.hi);
		if (m->nranges)
			fprintf(out, ",.ranges=mr%zu,.nranges=%zu", i,
				m->nranges);
		field("source");
		lit(m->source);
		field("notes");
		lit(m->notes);
		fputs("},\n", out);
	}
	fputs("};\n", out);
}

static void
indexes_data(const struct ycfg_table *t)
{
	for (size_t i = 0; i < t->nindexes; i++) {
		char name[32];

		snprintf(name, sizeof(name), "ir%zu", i);
		ranges_def(name, &t->indexes[i].range);
	}
	fprintf(out, "static struct ycfg_index indexes[%zu] = {\n",
		t->nindexes ? t->nindexes : 1);
	for (size_t i = 0; i < t->nindexes; i++) {
		const struct ycfg_index *x = &t->indexes[i];
		char name[32];

		fprintf(out, " {.letter='%c',.name=", x->letter);
		lit(x->name);
		fputs(",.range=", out);
		snprintf(name, sizeof(name), "ir%zu", i);
		ranges_ref(name, &x->range);
		field("prefix");
		lit(x->prefix);
		fprintf(out, ",.rule=%d", (int)x->rule);
		field("enabled_by");
		lit(x->enabled_by);
		field("model_count");
		lit(x->model_count);
		field("source");
		lit(x->source);
		fputs("},\n", out);
	}
	fputs("};\n", out);
}

static void
enums_data(const struct ycfg_table *t)
{
	long *ids = calloc(t->nenums + 1, sizeof(*ids));

	if (ids == NULL) {
		fprintf(stderr, "ycfg-schema-gen: out of memory\n");
		exit(2);
	}
	for (size_t i = 0; i < t->nenums; i++)
		ids[i] = values_id(t->enums[i].values, t->enums[i].nvalues);
	fprintf(out, "static struct ycfg_named_enum enums[%zu] = {\n",
		t->nenums ? t->nenums : 1);
	for (size_t i = 0; i < t->nenums; i++) {
		const struct ycfg_named_enum *e = &t->enums[i];

		fputs(" {.name=", out);
		lit(e->name);
		fprintf(out, ",.values=v%ld,.nvalues=%zu,.source=", ids[i],
			e->nvalues);
		lit(e->source);
		field("origin");
		origin(e->origin);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	free(ids);
}

static void
table_data(const struct ycfg_schema_index *x)
{
	const struct ycfg_table *t = &x->t;
	size_t nslots = t->mask + 1, nwords = x->words.mask + 1;

	fprintf(out, "static struct ycfg_slot slots[%zu] = {\n", nslots);
	for (size_t i = 0; i < nslots; i++) {
		if (t->slots[i].param == 0)
			continue;
		fprintf(out, " [%zu]={.norm=", i);
		lit(t->slots[i].norm);
		fprintf(out, ",.hash=%uU,.param=%uU},\n", t->slots[i].hash,
			t->slots[i].param);
	}
	fputs("};\n", out);
	fprintf(out, "static struct ycfg_nameslot words[%zu] = {\n", nwords);
	for (size_t i = 0; x->words.slot != NULL && i < nwords; i++) {
		if (x->words.slot[i].name == NULL)
			continue;
		fprintf(out, " [%zu]={.name=", i);
		lit(x->words.slot[i].name);
		fprintf(out, ",.idx=%zu},\n", x->words.slot[i].idx);
	}
	fputs("};\n", out);
	strings_def("ns", t->ns, t->nns);
	strings_def("secret_names", t->secret_names, t->nsecret);
}

int
main(int argc, char **argv)
{
	struct ycfg_schema s;
	struct ycfg_diags d;
	char tmp[4096];

	if (argc != 3) {
		fprintf(stderr, "usage: ycfg-schema-gen SCHEMA_DIR OUTPUT.c\n");
		return 2;
	}
	ycfg_diags_init(&d);
	ycfg_schema_init(&s);
	if (ycfg_schema_load_dir(&s, argv[1], &d) != 0 || s.priv == NULL) {
		ycfg_diags_sort(&d);
		ycfg_report(stderr, YCFG_FMT_TEXT, &d, 0, false);
		fprintf(stderr, "ycfg-schema-gen: cannot load %s\n", argv[1]);
		return 1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
	out = fopen(tmp, "w");
	if (out == NULL) {
		perror(tmp);
		return 2;
	}

	const struct ycfg_schema_index *x = s.priv;
	const struct ycfg_table *t = &x->t;
	long *vid = calloc(t->n + 1, sizeof(*vid));

	if (vid == NULL)
		return 2;
	fprintf(out, "/* Generated by ycfg-schema-gen from %zu schema "
		"entries; do not edit. */\n", t->n);
	fputs("#include \"schema_priv.h\"\n\n", out);
	fprintf(out, "static struct ycfg_param params[%zu];\n",
		t->n ? t->n : 1);
	for (size_t i = 0; i < t->n; i++)
		param_data(t, i, &vid[i]);
	fprintf(out, "static struct ycfg_param params[%zu] = {\n",
		t->n ? t->n : 1);
	for (size_t i = 0; i < t->n; i++) {
		fputc(' ', out);
		param_init(t, i, vid[i]);
		fputs(",\n", out);
	}
	fputs("};\n", out);
	fprintf(out, "static struct ycfg_pmeta meta[%zu] = {\n",
		t->n ? t->n : 1);
	for (size_t i = 0; i < t->n; i++) {
		fputc(' ', out);
		meta_init(t, i);
		fputs(",\n", out);
	}
	fputs("};\n", out);
	models_data(t);
	indexes_data(t);
	enums_data(t);
	table_data(x);
	fputs("\nconst struct ycfg_builtin ycfg_builtin_schema = {\n", out);
	fprintf(out, " .params=params, .meta=meta, .nparams=%zu,\n"
		" .models=models, .nmodels=%zu, .indexes=indexes, "
		".nindexes=%zu,\n .enums=enums, .nenums=%zu,\n", t->n,
		t->nmodels, t->nindexes, t->nenums);
	fprintf(out, " .ns=%s, .nns=%zu, .secret_names=%s, .nsecret=%zu,\n"
		" .slots=slots, .mask=%zuU, .words=words, .words_mask=%zuU,\n",
		t->nns ? "ns" : "NULL", t->nns,
		t->nsecret ? "secret_names" : "NULL", t->nsecret, t->mask,
		x->words.mask);
	fputs("};\n", out);
	free(vid);
	free(values_seen);
	if (fclose(out) != 0 || rename(tmp, argv[2]) != 0) {
		perror(argv[2]);
		remove(tmp);
		return 2;
	}
	ycfg_schema_free(&s);
	ycfg_diags_free(&d);
	return 0;
}
