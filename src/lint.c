/*
 * lint.c - per-file checks and schema notes (see lint.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ycfg/lexer.h"
#include "ycfg/lint.h"
#include "ycfg/suppress.h"
#include "ycfg/resolve.h"
#include "ycfg/value.h"

#define DEFAULT_ACCOUNTS 16

int
ycfg_lint_opts_init(struct ycfg_lint_opts *o, const struct ycfg_schema *schema,
		    const char *model)
{
	memset(o, 0, sizeof(*o));
	o->schema = schema;
	o->model = model;
	o->max_accounts = DEFAULT_ACCOUNTS;
	if (model != NULL) {
		unsigned n = schema ? ycfg_schema_model_accounts(schema, model)
				    : 0;

		if (n == 0)
			return -1;
		o->max_accounts = n;
	}
	return 0;
}

static bool
is_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Checks the account index of an "account.N..." key.  Returns false (and
 * reports) when it is unusable, so that no further key checks run. */
static bool
check_account_index(const struct ycfg_lint_opts *o, const char *file,
		    const struct ycfg_line *ln, struct ycfg_diags *d)
{
	const char *k = ln->key, *end = ln->key + ln->keylen;

	if (ln->keylen < 8 || strncasecmp(k, "account.", 8) != 0)
		return true;

	const char *s = k + 8, *e = memchr(s, '.', (size_t)(end - s));

	if (e == NULL)
		e = end;

	size_t n = (size_t)(e - s);
	unsigned col = ln->keycol + 8;

	if (!is_digits(s, n)) {
		bool placeholder = (n == 1 && (*s == 'X' || *s == 'x' ||
					       *s == 'N')) ||
				   memchr(s, '{', n) || memchr(s, '$', n) ||
				   memchr(s, '@', n);

		ycfg_diag_add(d, file, ln->lineno, col, YCFG_R_ACCOUNT_INDEX,
			      n == 0 ? "missing account index in '%.*s'"
				     : "account index '%.*s' is not a positive "
				       "number%s",
			      (int)(n == 0 ? ln->keylen : n),
			      n == 0 ? ln->key : s,
			      placeholder ? " (an unrendered template "
					    "placeholder?)" : "");
		return false;
	}
	if (n > 1 && *s == '0') {
		ycfg_diag_add(d, file, ln->lineno, col, YCFG_R_ACCOUNT_INDEX,
			      "account index '%.*s' has a leading zero; the "
			      "phone does not match it to account %.*s",
			      (int)n, s, (int)(n - strspn(s, "0")),
			      s + strspn(s, "0"));
		return false;
	}

	unsigned long long v = 0;
	bool big = n > 9;

	for (size_t i = 0; !big && i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	if (v == 0 && !big) {
		ycfg_diag_add(d, file, ln->lineno, col, YCFG_R_ACCOUNT_INDEX,
			      "account index 0 does not exist; accounts are "
			      "numbered from 1");
		return false;
	}
	if (big || v > o->max_accounts) {
		if (o->model)
			ycfg_diag_add(d, file, ln->lineno, col,
				      YCFG_R_ACCOUNT_INDEX,
				      "account index %.*s is beyond the %u "
				      "accounts of model %s",
				      (int)n, s, o->max_accounts, o->model);
		else
			ycfg_diag_add(d, file, ln->lineno, col,
				      YCFG_R_ACCOUNT_INDEX,
				      "account index %.*s is beyond %u, the most "
				      "accounts any model has",
				      (int)n, s, o->max_accounts);
		return false;
	}
	return true;
}

/* Checks the server (Y) and other (N) indices of a matched key. */
static bool
check_indices(const char *file, const struct ycfg_line *ln,
	      const struct ycfg_param *p, const struct ycfg_key_indices *idx,
	      struct ycfg_diags *d)
{
	for (unsigned i = 0; i < idx->n && p->placeholders[i]; i++) {
		char role = p->placeholders[i];
		uint64_t v = idx->v[i];
		unsigned col = ln->keycol + idx->col[i];

		if (role == 'X')
			continue;  /* judged by check_account_index */
		if (idx->leading_zero[i]) {
			ycfg_diag_add(d, file, ln->lineno, col,
				      YCFG_R_INDEX_RANGE,
				      "index with a leading zero in '%.*s'",
				      (int)ln->keylen, ln->key);
			return false;
		}
		if (role == 'Y' && (v < 1 || v > 2)) {
			ycfg_diag_add(d, file, ln->lineno, col,
				      YCFG_R_INDEX_RANGE,
				      "server index in '%.*s' must be 1 or 2",
				      (int)ln->keylen, ln->key);
			return false;
		}
		if (role == 'N' && p->n_range.n > 0 &&
		    (v > INT64_MAX ||
		     !ycfg_ranges_contain(&p->n_range, (int64_t)v))) {
			char r[128];

			ycfg_diag_add(d, file, ln->lineno, col,
				      YCFG_R_INDEX_RANGE,
				      "index in '%.*s' is outside %s",
				      (int)ln->keylen, ln->key,
				      ycfg_ranges_format(&p->n_range, false, r,
							 sizeof(r)));
			return false;
		}
	}
	return true;
}

/* Writes pattern with the X index of the user's key substituted, other
 * placeholders left as letters ("account.1.sip_server.Y.transport_type"). */
static void
expand_account(const char *pattern, const char *acct, size_t acctlen,
	       char *buf, size_t bufsz)
{
	size_t used = 0;

	for (const char *p = pattern; *p && used + 1 < bufsz; p++) {
		bool seg_start = p == pattern || p[-1] == '.';

		if (seg_start && *p == 'X' && (p[1] == '.' || p[1] == '\0') &&
		    used + acctlen + 1 < bufsz) {
			memcpy(buf + used, acct, acctlen);
			used += acctlen;
			continue;
		}
		buf[used++] = *p;
	}
	buf[used] = '\0';
}

/*
 * Lookup memo: the same concrete keys come back line after line (a file
 * repeating a block) and file after file (every device has
 * account.1.sip_server.1.address), so the linter remembers the result of
 * recent schema lookups, keyed by the exact key bytes.  Direct-mapped:
 * a clash simply replaces the slot.  Keys longer than the slot bypass it.
 */
#define MEMO_SLOTS 4096
#define MEMO_KEY 64

struct memo_slot {
	uint32_t hash;
	uint32_t len;                  /* 0: empty */
	char key[MEMO_KEY];
	const struct ycfg_param *param;
	struct ycfg_key_indices idx;
};

struct ycfg_lookup_memo {
	const struct ycfg_schema *schema;
	struct memo_slot slot[MEMO_SLOTS];
};

static const struct ycfg_param *
memo_lookup(struct ycfg_doc *doc, const struct ycfg_schema *s,
	    const char *key, size_t len, uint32_t h,
	    struct ycfg_key_indices *idx)
{
	if (len > MEMO_KEY)
		return ycfg_schema_lookup(s, key, len, idx);
	if (doc->memo == NULL || doc->memo->schema != s) {
		if (doc->memo == NULL)
			doc->memo = malloc(sizeof(*doc->memo));
		if (doc->memo == NULL)
			return ycfg_schema_lookup(s, key, len, idx);
		doc->memo->schema = s;
		for (size_t i = 0; i < MEMO_SLOTS; i++)
			doc->memo->slot[i].len = 0;
	}

	struct memo_slot *m = &doc->memo->slot[h & (MEMO_SLOTS - 1)];

	if (m->len == len && m->hash == h && memcmp(m->key, key, len) == 0) {
		*idx = m->idx;
		return m->param;
	}
	m->param = ycfg_schema_lookup(s, key, len, &m->idx);
	m->hash = h;
	m->len = (uint32_t)len;
	memcpy(m->key, key, len);
	*idx = m->idx;
	return m->param;
}

/* Schema checks of one key = value line.  Returns the entry or NULL. */
static const struct ycfg_param *
check_setting(const struct ycfg_lint_opts *o, struct ycfg_doc *doc,
	      const char *file, const struct ycfg_line *ln, uint32_t h,
	      struct ycfg_diags *d, bool *key_ok, bool *value_ok)
{
	if (!check_account_index(o, file, ln, d) || o->schema == NULL)
		return NULL;

	struct ycfg_key_indices idx;
	const struct ycfg_param *p = memo_lookup(doc, o->schema, ln->key,
						 ln->keylen, h, &idx);

	if (p == NULL) {
		if (!ycfg_schema_in_namespace(o->schema, ln->key, ln->keylen)) {
			*key_ok = true;
			return NULL;
		}

		char sug[YCFG_KEY_MAX + 1];

		if (ycfg_schema_suggest(o->schema, ln->key, ln->keylen, sug,
					sizeof(sug)) > 0)
			ycfg_diag_add(d, file, ln->lineno, ln->keycol,
				      YCFG_R_UNKNOWN_KEY,
				      "unknown key '%.*s'; did you mean '%s'?",
				      (int)ln->keylen, ln->key, sug);
		else
			ycfg_diag_add(d, file, ln->lineno, ln->keycol,
				      YCFG_R_UNKNOWN_KEY, "unknown key '%.*s'",
				      (int)ln->keylen, ln->key);
		return NULL;
	}
	if (!check_indices(file, ln, p, &idx, d))
		return p;
	if (p->renamed_to != NULL) {
		char repl[YCFG_KEY_MAX + 1];
		const char *acct = ln->key + 8;
		const char *dot = memchr(acct, '.', ln->keylen - 8);

		expand_account(p->renamed_to, acct,
			       dot ? (size_t)(dot - acct) : 0, repl,
			       sizeof(repl));
		ycfg_diag_add(d, file, ln->lineno, ln->keycol,
			      YCFG_R_RENAMED_KEY,
			      "'%.*s' is a legacy key; newer firmware uses "
			      "'%s'", (int)ln->keylen, ln->key, repl);
	}
	else
		*key_ok = true;
	if (ln->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL))
		return p;

	struct ycfg_value_result res;

	if (!ycfg_value_check(p, ln->key, ln->keylen, ln->val, ln->vallen,
			      &res)) {
		ycfg_diag_add(d, file, ln->lineno, ln->valcol, res.rule, "%s",
			      res.msg);
		/* an adjusted value is still a value the phone uses */
		*value_ok = res.rule == YCFG_R_VALUE_ADJUSTED;
	}
	return p;
}

/* Boot files: directives only. */
static void
boot_setting(struct ycfg_doc *doc, const struct ycfg_line *ln,
	     struct ycfg_diags *d)
{
	const char *file = doc->path;

	if (ln->keylen == 14 && memcmp(ln->key, "overwrite_mode", 14) == 0) {
		if (ln->vallen == 1 && (ln->val[0] == '0' || ln->val[0] == '1')) {
			doc->overwrite_mode = ln->val[0] - '0';
			doc->overwrite_line = ln->lineno;
		} else {
			ycfg_diag_add(d, file, ln->lineno, ln->valcol,
				      YCFG_R_BAD_OVERWRITE_MODE,
				      "overwrite_mode is '%.*s'; expected 0 "
				      "(blank keeps the current value) or 1 "
				      "(blank resets to the default)",
				      (int)(ln->vallen > 40 ? 40 : ln->vallen),
				      ln->val);
		}
		return;
	}
	if (ln->keylen == 34 &&
	    memcmp(ln->key, "static.specific_model.excluded_mode", 34) == 0)
		return;
	ycfg_diag_add(d, file, ln->lineno, ln->keycol,
		      YCFG_R_UNKNOWN_BOOT_DIRECTIVE,
		      "'%.*s' is not a boot-file directive; settings belong in "
		      "an included .cfg file", (int)ln->keylen, ln->key);
}

/* Checks the names of a model block against the model table. */
static void
check_models(const struct ycfg_lint_opts *o, const char *file,
	     const struct ycfg_line *ln, struct ycfg_diags *d)
{
	if (o->schema == NULL || o->schema->nmodels == 0)
		return;

	const char *s = ln->models, *end = ln->models + ln->modelslen;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
			s++;

		const char *e = s;

		while (e < end && *e != ',' && *e != ' ' && *e != '\t')
			e++;
		if (e > s) {
			char name[64];
			size_t n = (size_t)(e - s) < sizeof(name) - 1
					   ? (size_t)(e - s) : sizeof(name) - 1;

			memcpy(name, s, n);
			name[n] = '\0';
			if (ycfg_schema_model_accounts(o->schema, name) == 0)
				ycfg_diag_add(d, file, ln->lineno,
					      ln->keycol ? ln->keycol : 2,
					      YCFG_R_UNKNOWN_MODEL,
					      "unknown model '%s' in model block",
					      name);
		}
		s = e;
	}
}

/*
 * Fast path for a key the file already set, whose key drew no finding:
 * only the value is judged again, and not even that when it is the same
 * value that passed before.  Files that repeat blocks of settings (and
 * the 100 MB adversarial case) spend their time here.  Returns false when
 * the line needs the full treatment.
 */
static bool
repeat_setting(struct ycfg_doc *doc, const struct ycfg_line *ln, uint32_t h,
	       struct ycfg_diags *d, uint32_t *prev)
{
	struct ycfg_entry *e = ycfg_doc_find(doc, ln->key, ln->keylen, h);

	if (e == NULL || !(e->flags & YCFG_VAL_KEY_OK) ||
	    (e->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL)) || e->blank_line ||
	    (ln->flags & (YCFG_VAL_BLANK | YCFG_VAL_NULL)) ||
	    (e->param != NULL && e->param->multi_value_colon))
		return false;

	unsigned flags = ln->flags | YCFG_VAL_KEY_OK;

	if (e->param != NULL &&
	    (e->val_len != ln->vallen || (e->flags & YCFG_VAL_INVALID) ||
	     memcmp(doc->buf.p + e->val_off, ln->val, ln->vallen) != 0)) {
		struct ycfg_value_result res;

		if (!ycfg_value_check(e->param, ln->key, ln->keylen, ln->val,
				      ln->vallen, &res)) {
			ycfg_diag_add(d, doc->path, ln->lineno, ln->valcol,
				      res.rule, "%s", res.msg);
			if (res.rule != YCFG_R_VALUE_ADJUSTED)
				flags |= YCFG_VAL_INVALID;
		}
	}
	*prev = e->line;
	e->val_off = (uint32_t)(ln->val - doc->buf.p);
	e->val_len = (uint32_t)ln->vallen;
	e->line = ln->lineno;
	e->col = ln->keycol;
	e->valcol = ln->valcol;
	e->flags = flags;
	return true;
}

/* Length of the sub-key of a multi-value setting ("admin:" of
 * "admin:secret"), or 0. */
static size_t
multi_value_sub(const struct ycfg_param *p, const char *v, size_t n)
{
	if (p == NULL || !p->multi_value_colon)
		return 0;

	const char *c = memchr(v, ':', n);

	return c ? (size_t)(c - v) + 1 : 0;
}

/* True when model (case-insensitive) is in the comma list m[0..n). */
static bool
model_listed(const char *model, const char *m, size_t n)
{
	size_t ml = strlen(model);
	const char *end = m + n;

	while (m < end) {
		while (m < end && (*m == ',' || *m == ' ' || *m == '\t'))
			m++;

		const char *e = m;

		while (e < end && *e != ',' && *e != ' ' && *e != '\t')
			e++;
		if ((size_t)(e - m) == ml && strncasecmp(m, model, ml) == 0)
			return true;
		m = e;
	}
	return false;
}

enum ycfg_include_status
ycfg_include_resolve(const struct ycfg_lint_opts *o,
		     const struct ycfg_doc *boot, size_t i, bool any_model,
		     char *buf, size_t bufsz)
{
	const struct ycfg_include *inc = &boot->incs[i];
	const char *p = boot->buf.p + inc->path_off;
	size_t n = inc->path_len;

	if (inc->models_len > 0 && !any_model &&
	    (o->model == NULL ||
	     !model_listed(o->model, boot->buf.p + inc->models_off,
			   inc->models_len)))
		return YCFG_INC_SKIPPED;

	for (size_t k = 0; k + 2 < n; k++)
		if (p[k] == ':' && p[k + 1] == '/' && p[k + 2] == '/')
			return YCFG_INC_URL;
	if (n >= 5 && memcmp(p + n - 5, ".boot", 5) == 0)
		return YCFG_INC_BOOT;
	if (n > 0 && p[0] == '/')
		return YCFG_INC_OUTSIDE;

	/* depth never below the boot file's directory */
	int depth = 0;

	for (size_t k = 0; k < n;) {
		size_t e = k;

		while (e < n && p[e] != '/')
			e++;
		if (e - k == 2 && p[k] == '.' && p[k + 1] == '.')
			depth--;
		else if (!(e - k == 1 && p[k] == '.') && e > k)
			depth++;
		if (depth < 0)
			return YCFG_INC_OUTSIDE;
		k = e + 1;
	}

	const char *slash = strrchr(boot->path, '/');
	int dl = slash ? (int)(slash - boot->path) + 1 : 0;
	int w = snprintf(buf, bufsz, "%.*s%.*s", dl, boot->path, (int)n, p);

	if (w < 0 || (size_t)w >= bufsz || memchr(p, '\0', n) != NULL)
		return YCFG_INC_MISSING;

	struct stat st;

	if (stat(buf, &st) != 0 || !S_ISREG(st.st_mode))
		return YCFG_INC_MISSING;
	return YCFG_INC_OK;
}

/* Reports the includes of a boot file that cannot take part. */
static void
check_includes(const struct ycfg_lint_opts *o, const struct ycfg_doc *doc,
	       struct ycfg_diags *d)
{
	char path[4096];

	for (size_t i = 0; i < doc->ninc; i++) {
		const struct ycfg_include *inc = &doc->incs[i];
		int n = (int)inc->path_len;
		const char *p = doc->buf.p + inc->path_off;

		switch (ycfg_include_resolve(o, doc, i, true, path,
					     sizeof(path))) {
		case YCFG_INC_URL:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_URL_INCLUDE,
				      "'%.*s' is a URL; ycfg never fetches "
				      "anything, so it is not checked", n, p);
			break;
		case YCFG_INC_OUTSIDE:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_INCLUDE_OUTSIDE,
				      "'%.*s' is outside the boot file's "
				      "directory; it is not read", n, p);
			break;
		case YCFG_INC_BOOT:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_INCLUDE_CYCLE,
				      "'%.*s' is a boot file; include:config "
				      "must name a .cfg file (boot files "
				      "including boot files would loop)", n, p);
			break;
		case YCFG_INC_MISSING:
			ycfg_diag_add(d, doc->path, inc->line, inc->col,
				      YCFG_R_MISSING_INCLUDE,
				      "included file '%.*s' does not exist", n,
				      p);
			break;
		default:
			break;
		}
	}
}

/* Lints the lines a lexer yields into doc. */
static void
lint_lines(const struct ycfg_lint_opts *o, struct ycfg_doc *doc, bool boot,
	   struct ycfg_lexer *lx, struct ycfg_diags *d)
{
	struct ycfg_line ln;
	const char *file = doc->path;
	const char *block = NULL;   /* current [MODEL] block */
	size_t blocklen = 0;

	while (ycfg_lexer_next(lx, &ln)) {
		switch (ln.kind) {
		case YCFG_LINE_MODEL:
			block = ln.models;
			blocklen = ln.modelslen;
			check_models(o, file, &ln, d);
			break;
		case YCFG_LINE_INCLUDE: {
			const char *m = block;
			size_t ml = blocklen;

			if (ln.flags & YCFG_VAL_MODELS) {
				m = ln.models;
				ml = ln.modelslen;
				check_models(o, file, &ln, d);
			}
			ycfg_doc_add_include(doc, ln.val, ln.vallen, m, ml,
					     ln.lineno, ln.valcol);
			break;
		}
		case YCFG_LINE_KV: {
			if (boot) {
				boot_setting(doc, &ln, d);
				break;
			}

			uint32_t h = ycfg_hash_lower(YCFG_HASH_INIT, ln.key,
						     ln.keylen);
			uint32_t prev;

			if (repeat_setting(doc, &ln, h, d, &prev))
				goto duplicate;

			bool key_ok = false, value_ok = true;
			const struct ycfg_param *p = check_setting(
				o, doc, file, &ln, h, d, &key_ok, &value_ok);
			struct ycfg_entry *e = ycfg_doc_set(
				doc, ln.key, ln.keylen,
				multi_value_sub(p, ln.val, ln.vallen), ln.val,
				ln.vallen, ln.lineno, ln.keycol, ln.valcol,
				ln.flags, &prev);

			if (e != NULL && e->line == ln.lineno) {
				e->param = p;
				if (!value_ok)
					e->flags |= YCFG_VAL_INVALID;
				if (key_ok)
					e->flags |= YCFG_VAL_KEY_OK;
			}
duplicate:
			if (prev != 0 && (ln.flags & YCFG_VAL_BLANK))
				ycfg_diag_add(d, file, ln.lineno, ln.keycol,
					      YCFG_R_DUPLICATE_KEY,
					      "'%.*s' is already set on line %u; "
					      "this blank line keeps that value "
					      "(overwrite_mode 0) or resets it to "
					      "the default (overwrite_mode 1)",
					      (int)ln.keylen, ln.key, prev);
			else if (prev != 0 &&
				 !ycfg_diag_dropped(d, YCFG_R_DUPLICATE_KEY,
						    ln.lineno))
				ycfg_diag_add(d, file, ln.lineno, ln.keycol,
					      YCFG_R_DUPLICATE_KEY,
					      "'%.*s' is already set on line %u; "
					      "this later line wins",
					      (int)ln.keylen, ln.key, prev);
			break;
		}
		default:
			break;
		}
	}
}

/*
 * Large single files are linted in two halves at once (the 100 MB file full
 * of repeated blocks is the case this exists for).  Each half has its own
 * document and findings; the second half's settings are then merged into
 * the first exactly as if the lines had been read in order: its first
 * occurrence of a key the first half set is a duplicate, its last value
 * wins, and the per-rule cap counts both halves.
 */
#define SPLIT_MIN ((size_t)8 << 20)

struct half {
	const struct ycfg_lint_opts *o;
	struct ycfg_doc doc;
	struct ycfg_diags d;
	struct ycfg_lexer lx;
	size_t start;               /* the second half: [start, doc.buf.len) */
	unsigned first_line;
};

static void *
half_run(void *arg)
{
	struct half *h = arg;

	/* the lexer's whole-range scans run on this thread too */
	ycfg_lexer_init_part(&h->lx, h->doc.buf.p, h->start, h->doc.buf.len,
			     h->first_line, h->doc.path, false, &h->d);
	lint_lines(h->o, &h->doc, false, &h->lx, &h->d);
	return NULL;
}

/* Counts '\n' bytes eight at a time (one memchr call per short line would
 * cost more than the lexing it precedes). */
static unsigned
count_newlines(const char *p, const char *end)
{
	const uint64_t ones = 0x0101010101010101ull, low7 = ones * 0x7f;
	size_t n = 0;

	for (; end - p >= 8; p += 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		w ^= ones * '\n';
		/* high bit of each byte set where the byte was '\n' */
		uint64_t t = ~(((w & low7) + low7) | w) & (ones * 0x80);

		n += (size_t)(((t >> 7) * ones) >> 56);
	}
	for (; p < end; p++)
		n += *p == '\n';
	return (unsigned)n;
}

/* Drops b's findings beyond what the per-file cap leaves after a's, and
 * carries the counts over to a, so that the summary covers both. */
static void
merge_caps(struct ycfg_diags *a, struct ycfg_diags *b)
{
	unsigned kept[YCFG_R__COUNT] = { 0 };
	unsigned cap = a->file_cap;
	size_t w = 0;

	for (size_t i = 0; i < b->n; i++) {
		struct ycfg_diag *g = &b->v[i];
		unsigned before = a->file_count[g->rule] < cap
					  ? a->file_count[g->rule] : cap;

		if (cap != 0 && before + kept[g->rule] >= cap) {
			if (a->dropped_line[g->rule] == 0)
				a->dropped_line[g->rule] = g->line;
			b->count[g->severity]--;
			continue;
		}
		kept[g->rule]++;
		b->v[w++] = *g;
	}
	b->n = w;
	for (int r = 0; r < YCFG_R__COUNT; r++) {
		a->file_count[r] += b->file_count[r];
		if (a->dropped_line[r] == 0)
			a->dropped_line[r] = b->dropped_line[r];
	}
}

/* Folds the second half's settings into the first. */
static void
merge_docs(struct ycfg_doc *a, const struct ycfg_doc *b, struct ycfg_diags *d)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct ycfg_entry *e = &b->ents[i];
		const char *key = ycfg_entry_key(b, e);
		uint32_t prev;
		struct ycfg_entry *t = ycfg_doc_set(a, key, e->key_len,
						    e->sub_len,
						    ycfg_entry_val(b, e),
						    e->val_len, e->line, e->col,
						    e->valcol, e->flags, &prev);

		if (t == NULL)
			continue;
		if (prev == 0) {
			t->param = e->param;
			t->blank_line = e->blank_line;
			t->first_line = e->first_line;
			t->first_col = e->first_col;
			t->first_blank = e->first_blank;
			continue;
		}
		if (t->line == e->line) {
			t->param = e->param;
			t->blank_line = e->blank_line;
		}
		if (ycfg_diag_dropped(d, YCFG_R_DUPLICATE_KEY, e->first_line))
			continue;
		ycfg_diag_add(d, a->path, e->first_line, e->first_col,
			      YCFG_R_DUPLICATE_KEY,
			      e->first_blank
				      ? "'%.*s' is already set on line %u; this "
					"blank line keeps that value "
					"(overwrite_mode 0) or resets it to the "
					"default (overwrite_mode 1)"
				      : "'%.*s' is already set on line %u; this "
					"later line wins",
			      (int)e->key_len, key, prev);
	}
}

/* Lints doc in two halves on two threads.  Returns false (having done
 * nothing) when the file cannot be split. */
static bool
lint_split(const struct ycfg_lint_opts *o, struct ycfg_doc *doc,
	   struct ycfg_diags *d)
{
	const char *buf = doc->buf.p, *end = buf + doc->buf.len;
	const char *mid = memchr(buf + doc->buf.len / 2, '\n',
				 doc->buf.len - doc->buf.len / 2);

	if (mid == NULL || mid + 1 >= end)
		return false;
	mid++;

	struct half b = { .o = o };
	unsigned first = count_newlines(buf, mid) + 1;
	struct ycfg_lexer lx;
	pthread_t thread;

	ycfg_doc_init(&b.doc);
	b.doc.buf = doc->buf;       /* borrowed: the same bytes */
	b.doc.path = doc->path;
	ycfg_diags_init(&b.d);
	memcpy(b.d.level, d->level, sizeof(d->level));
	memcpy(b.d.overridden, d->overridden, sizeof(d->overridden));
	b.d.file_cap = d->file_cap;
	b.start = (size_t)(mid - buf);
	b.first_line = first;

	bool threaded = pthread_create(&thread, NULL, half_run, &b) == 0;

	ycfg_lexer_init(&lx, buf, (size_t)(mid - buf), doc->path, false, d);
	lx.count_end = end;
	lint_lines(o, doc, false, &lx, d);
	if (threaded)
		pthread_join(thread, NULL);
	else
		half_run(&b);

	/* a legacy section in the first half ends the file there */
	if (!lx.binary && !lx.legacy) {
		/* "once per file" */
		if (lx.cr_reported && b.lx.cr_reported) {
			size_t w = 0;

			for (size_t i = 0; i < b.d.n; i++) {
				if (b.d.v[i].rule == YCFG_R_CR_LINE_ENDING) {
					b.d.count[b.d.v[i].severity]--;
					continue;
				}
				b.d.v[w++] = b.d.v[i];
			}
			b.d.n = w;
		}
		merge_caps(d, &b.d);
		ycfg_diags_move(d, &b.d);
		merge_docs(doc, &b.doc, d);
	}
	b.doc.buf = (struct ycfg_buf){ 0 };
	ycfg_doc_free(&b.doc);
	ycfg_diags_free(&b.d);
	return true;
}

void
ycfg_lint_doc(const struct ycfg_lint_opts *o, struct ycfg_doc *doc,
	      bool boot, struct ycfg_diags *d)
{
	const char *file = doc->path;

	ycfg_doc_reset(doc);
	doc->path = file;
	doc->boot = boot;
	ycfg_diags_begin_file(d);
	if (boot || doc->buf.len < SPLIT_MIN || o->jobs == 1 ||
	    !lint_split(o, doc, d)) {
		struct ycfg_lexer lx;

		ycfg_lexer_init(&lx, doc->buf.p, doc->buf.len, file, boot, d);
		lint_lines(o, doc, boot, &lx, d);
	}
	if (boot)
		check_includes(o, doc, d);
	else if (!o->no_file_notes && o->schema != NULL) {
		const struct ycfg_doc *self = doc;

		ycfg_lint_notes(o, &self, 1, 0, 0, d);
	}
	ycfg_diags_end_file(d, file);
}

int
ycfg_lint_path(const struct ycfg_lint_opts *o, const char *path,
	       struct ycfg_doc *doc, struct ycfg_diags *d, char *err,
	       size_t errsz)
{
	char why[256];
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = ycfg_diags_intern(d, is_stdin ? "<stdin>" : path);

	if (name == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	switch (ycfg_read_file(path, &doc->buf, YCFG_FILE_MAX, why,
			       sizeof(why))) {
	case YCFG_READ_OK:
		break;
	case YCFG_READ_TOO_LARGE:
		ycfg_diag_add(d, name, 1, 1, YCFG_R_FILE_TOO_LARGE,
			      "file is larger than %zu MiB and was not read",
			      YCFG_FILE_MAX >> 20);
		return 0;
	default:
		snprintf(err, errsz, "cannot read '%s': %s", name, why);
		return -1;
	}
	doc->path = name;

	size_t start = d->n;   /* this file's findings start here */

	ycfg_lint_doc(o, doc, !is_stdin && ycfg_path_is_boot(path), d);
	/* a caller that judges notes itself applies the directives after
	 * them, so that they cover those findings too */
	if (!o->no_file_notes)
		ycfg_suppress_apply(doc->buf.p, doc->buf.len, name, d, start);
	return 0;
}

/* Parses an effective value as an integer for a note; false when it is
 * not one (the note is then not judged: no guessing). */
static bool
effective_int(const struct ycfg_effective *e, int64_t *v)
{
	return e->val != NULL &&
	       ycfg_parse_int(e->val, e->len, v) == YCFG_NUM_OK;
}

void
ycfg_lint_notes(const struct ycfg_lint_opts *o,
		const struct ycfg_doc *const *layers, size_t nlayers,
		size_t target, int overwrite_mode, struct ycfg_diags *d)
{
	const struct ycfg_doc *top = layers[target];
	struct ycfg_layers l = {
		.docs = layers,
		.n = nlayers,
		.overwrite_mode = overwrite_mode,
		.schema = o->schema,
	};

	for (size_t i = 0; i < top->n; i++) {
		const struct ycfg_entry *e = &top->ents[i];
		const struct ycfg_param *p = e->param;

		if (p == NULL || p->nrequires == 0 || e->sub_len != 0)
			continue;

		const char *key = ycfg_entry_key(top, e);
		struct ycfg_key_indices idx;
		struct ycfg_effective dep;
		int64_t v, def;

		if (ycfg_schema_lookup(o->schema, key, e->key_len, &idx) != p)
			continue;
		/* Values that failed their own check are not judged again.
		 * A -1 is judged on the value it inherits only for notes with
		 * an explicit trigger ("when"): "differs from the default"
		 * makes no sense for an inherited default. */
		if ((e->flags & YCFG_VAL_INVALID) ||
		    !ycfg_effective_get(&l, key, e->key_len, &dep) ||
		    (dep.nsteps ? dep.step[0].ent : dep.origin.ent) != e ||
		    (dep.nsteps > 0 && p->when.n == 0) || dep.len == 0)
			continue;

		bool numeric = effective_int(&dep, &v);

		if (p->when.n > 0) {
			if (!numeric || !ycfg_ranges_contain(&p->when, v))
				continue;
		} else if (p->def != NULL &&
			   ((numeric &&
			     ycfg_parse_int(p->def, strlen(p->def), &def) ==
				     YCFG_NUM_OK && v == def) ||
			    (dep.len == strlen(p->def) &&
			     memcmp(dep.val, p->def, dep.len) == 0))) {
			continue;   /* the default needs nothing */
		}

		char msg[1024];
		size_t used = 0;
		bool failed = false;

		for (size_t c = 0; c < p->nrequires; c++) {
			const struct ycfg_cond *cond = &p->requires[c];
			char ck[YCFG_KEY_MAX + 1], r[128], how[512];
			size_t cl = ycfg_pattern_expand(cond->key,
							p->placeholders, idx.v,
							idx.n, ck, sizeof(ck));
			struct ycfg_effective ce;
			int64_t cv;

			if (cl == 0 || !ycfg_effective_get(&l, ck, cl, &ce) ||
			    (ce.origin.ent != NULL &&
			     (ce.origin.ent->flags & YCFG_VAL_INVALID)) ||
			    !effective_int(&ce, &cv))
				continue;   /* unknown or invalid: not judged */
			if (ycfg_ranges_contain(&cond->in, cv))
				continue;

			int n = snprintf(msg + used, sizeof(msg) - used,
					 "%s%s in %s, but it is %lld from %s",
					 failed ? "; and " : "", ck,
					 ycfg_ranges_format(&cond->in, false, r,
							    sizeof(r)),
					 (long long)cv,
					 ycfg_effective_describe(&ce, how,
								 sizeof(how)));

			if (n > 0 && used + (size_t)n < sizeof(msg))
				used += (size_t)n;
			failed = true;
		}
		if (!failed)
			continue;

		char how[512];

		bool secret = ycfg_key_is_secret(o->schema, key, e->key_len);
		int vl = secret ? (int)strlen(YCFG_SECRET_MASK)
				: (int)(dep.len > 60 ? 60 : dep.len);

		ycfg_diag_add_sev(d, top->path, e->line, e->col,
				  YCFG_R_INEFFECTIVE_SETTING, p->requires_level,
				  "%.*s = %.*s (%s) has no effect: it needs %s",
				  (int)e->key_len, key, vl,
				  secret ? YCFG_SECRET_MASK : dep.val,
				  ycfg_effective_describe(&dep, how, sizeof(how)),
				  msg);
	}
}
