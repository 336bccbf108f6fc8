/*
 * fix.c - the repairs of lint --fix (see fix.h).
 *
 * The bytes go through three steps: the file-level repairs (byte order
 * mark, lone CRs), then each line rebuilt from its pieces (indent, key,
 * the text between key and value, value, what follows) with only the
 * pieces a finding names changed, then a final line ending.  A lone CR
 * ends a line for the lexer as a line feed does, so line numbers stay
 * those of the findings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ycfg/fix.h"
#include "ycfg/lexer.h"
#include "ycfg/secret.h"
#include "ycfg/value.h"
#include "ycfg/vec.h"

/* What to do to one line. */
enum {
	F_LSTRIP = 1 << 0,
	F_RSTRIP = 1 << 1,
	F_UNQUOTE = 1 << 2,
	F_UNCOMMENT = 1 << 3,
	F_REPAIR = 1 << 4,
	F_RENAME = 1 << 5,
	F_DELETE = 1 << 6,
	F_DUP_SAFE = 1 << 7,   /* a duplicate: remove the earlier line if it
	                        * has the same value */
	F_DUP_UNSAFE = 1 << 8, /* ... whatever its value */
};

/* A growing text. */
struct out {
	char *p;
	size_t len, cap;
	bool oom;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->oom || n == 0)
		return;
	if (ycfg_vec_reserve(&o->p, &o->cap, o->len + n + 1, 1, 4096) != 0) {
		o->oom = true;
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

/* A line of the working bytes: [off, off + len) without its ending,
 * which is eol bytes long. */
struct wline {
	size_t off, len, eol;
	unsigned what;
	bool kv;                   /* a setting: the spans below are set */
	size_t koff, klen, voff, vlen;   /* relative to the line */
	unsigned flags;
	const char *repl;          /* F_REPAIR / F_RENAME: new text */
	char repair[YCFG_LINE_MAX + 1];
	char rename[YCFG_KEY_MAX + 1];
};

/* Counts a repair of finding diag (SIZE_MAX: none of its own) of rule
 * r, made on original line line (0-based; SIZE_MAX: the whole file). */
static void
count_fix(struct ycfg_fix_result *out, enum ycfg_rule r, size_t diag,
	  size_t line)
{
	struct ycfg_fix_applied a = { diag, line, r == YCFG_R_DUPLICATE_KEY };

	out->fixed[r]++;
	out->nfixed++;
	if (diag != SIZE_MAX &&
	    ycfg_vec_push(&out->applied, &out->napplied, &out->capapplied, &a,
			  sizeof(a)) != 0)
		out->oom = true;
}

static bool
allowed(enum ycfg_rule r, bool unsafe)
{
	enum ycfg_fix_kind k = ycfg_rule_fix(r, NULL);

	return k == YCFG_FIX_SAFE || k == YCFG_FIX_BOTH ||
	       (unsafe && k == YCFG_FIX_UNSAFE);
}

/* True when the file must not be rewritten: it was not read as text. */
static bool
unfixable(enum ycfg_rule r)
{
	return r == YCFG_R_NOT_TEXT || r == YCFG_R_LEGACY_FORMAT ||
	       r == YCFG_R_FILE_TOO_LARGE || r == YCFG_R_NUL_BYTE;
}

/* The current name of a legacy key, concrete: the old key's index
 * values, and for an index the old name does not have (the one server of
 * old firmware) the first of its range.  False when the schema has none. */
static bool
current_name(const struct ycfg_schema *s, const char *key, size_t keylen,
	     char *out, size_t outsz)
{
	struct ycfg_key_indices idx;
	const struct ycfg_param *p = ycfg_schema_lookup(s, key, keylen, &idx);
	char part[YCFG_KEY_MAX + 1];
	size_t o = 0;

	if (p == NULL || p->renamed_to == NULL ||
	    ycfg_pattern_expand_partial(p->renamed_to, p->placeholders, idx.v,
					idx.n, part, sizeof(part)) == 0)
		return false;
	for (const char *g = part; *g;) {
		const char *dot = strchr(g, '.');
		size_t sl = dot ? (size_t)(dot - g) : strlen(g);
		struct ycfg_ranges r;
		int w;

		if (sl == 1 && g[0] >= 'A' && g[0] <= 'Z') {
			if (!ycfg_schema_index_range(s, NULL, g[0], &r) ||
			    r.n == 0)
				return false;
			w = snprintf(out + o, outsz - o, "%lld%s",
				     (long long)r.v[0].lo, dot ? "." : "");
		} else {
			w = snprintf(out + o, outsz - o, "%.*s%s", (int)sl, g,
				     dot ? "." : "");
		}
		if (w < 0 || (size_t)w >= outsz - o)
			return false;
		o += (size_t)w;
		g += sl + (dot ? 1 : 0);
	}
	/* the new name must be a key of the schema */
	return ycfg_schema_lookup(s, out, o, NULL) != NULL;
}

/* True when two values of a multi-value key are one setting, as lint
 * keys them: the same text up to their first ':', or no ':' in either. */
static bool
same_sub(const char *a, size_t an, const char *b, size_t bn)
{
	const char *ac = memchr(a, ':', an), *bc = memchr(b, ':', bn);
	size_t al = ac ? (size_t)(ac - a) + 1 : 0;
	size_t bl = bc ? (size_t)(bc - b) + 1 : 0;

	return al == bl && memcmp(a, b, al) == 0;
}

static bool
blank_value(const struct wline *w)
{
	return w->vlen == 0 || (w->flags & YCFG_VAL_BLANK);
}

/* Decides each line's repairs from the findings, counting those that
 * will be repaired.  Values are repaired last, on what the other repairs
 * of their line leave (no quotes, no comment). */
static void
plan(const struct ycfg_schema *s, const char *path, const char *buf,
     struct wline *lines, size_t nlines, const struct ycfg_diags *d,
     bool unsafe, struct ycfg_fix_result *out)
{
	for (size_t pass = 0, i = 0; pass < 2; i = 0, pass++)
	for (; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];
		struct wline *w;

		if (strcmp(g->file, path) != 0 || !allowed(g->rule, unsafe) ||
		    g->line == 0 || g->line > nlines ||
		    (g->rule == YCFG_R_INVALID_VALUE) != (pass == 1))
			continue;
		w = &lines[g->line - 1];

		const char *ln = buf + w->off;
		struct ycfg_param const *p = NULL;

		if (w->kv && s != NULL)
			p = ycfg_schema_lookup(s, ln + w->koff, w->klen, NULL);
		switch (g->rule) {
		case YCFG_R_TRAILING_WHITESPACE:
			w->what |= F_RSTRIP;
			break;
		case YCFG_R_LEADING_WHITESPACE:
			w->what |= F_LSTRIP;
			break;
		case YCFG_R_QUOTED_VALUE:
			if (w->kv && w->vlen >= 2)
				w->what |= F_UNQUOTE;
			else
				continue;
			break;
		case YCFG_R_INLINE_COMMENT: {
			long c;

			if (!w->kv ||
			    (c = ycfg_value_comment_at(ln + w->voff,
						       w->vlen)) <= 0)
				continue;
			w->what |= F_UNCOMMENT;

			/* quotes the comment hid are the next finding:
			 * removed now, so that one run is enough */
			const char *v = ln + w->voff;
			size_t n = (size_t)c;

			while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
				n--;
			if (!(w->what & F_UNQUOTE) && n >= 2 &&
			    (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0] &&
			    d->level[YCFG_R_QUOTED_VALUE] != YCFG_LEVEL_OFF) {
				w->what |= F_UNQUOTE;
				count_fix(out, YCFG_R_QUOTED_VALUE, SIZE_MAX,
					  g->line - 1);
			}
			break;
		}
		case YCFG_R_INVALID_VALUE: {
			/* the value as the other repairs leave it */
			const char *v = ln + w->voff;
			size_t n = w->vlen;
			long c;

			if (!w->kv)
				continue;
			if ((w->what & F_UNCOMMENT) &&
			    (c = ycfg_value_comment_at(v, n)) > 0) {
				n = (size_t)c;
				while (n > 0 && (v[n - 1] == ' ' ||
						 v[n - 1] == '\t'))
					n--;
			}
			if ((w->what & F_UNQUOTE) && n >= 2 &&
			    (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
				v++;
				n -= 2;
			}
			if (!ycfg_value_repair(p, ln + w->koff, w->klen, v, n,
					       w->repair, sizeof(w->repair)))
				continue;
			w->what |= F_REPAIR;
			break;
		}
		case YCFG_R_RENAMED_KEY: {
			bool taken = false;

			if (!w->kv || s == NULL ||
			    !current_name(s, ln + w->koff, w->klen, w->rename,
					  sizeof(w->rename)))
				continue;
			/* a file that sets the new name already needs a
			 * person to choose */
			for (size_t k = 0; k < nlines && !taken; k++)
				taken = lines[k].kv &&
					lines[k].klen == strlen(w->rename) &&
					strncasecmp(buf + lines[k].off +
						    lines[k].koff, w->rename,
						    lines[k].klen) == 0;
			if (taken)
				continue;
			w->what |= F_RENAME;
			break;
		}
		case YCFG_R_DUPLICATE_KEY: {
			/* the earlier line of the same key */
			size_t k = g->line - 1;

			if (!w->kv)
				continue;
			while (k-- > 0) {
				struct wline *e = &lines[k];

				if (!e->kv || (e->what & F_DELETE) ||
				    e->klen != w->klen ||
				    strncasecmp(buf + e->off + e->koff,
						ln + w->koff, w->klen) != 0)
					continue;
				/* a multi-value key repeats per text before
				 * its ':' (user:..., admin:...) */
				if (p != NULL && p->multi_value_colon &&
				    !same_sub(buf + e->off + e->voff, e->vlen,
					      ln + w->voff, w->vlen))
					continue;

				/* the same line: the same spelling of the key
				 * too (resolve lists each spelling) */
				bool same = e->vlen == w->vlen &&
					    memcmp(buf + e->off + e->voff,
						   ln + w->voff, w->vlen) == 0 &&
					    memcmp(buf + e->off + e->koff,
						   ln + w->koff, w->klen) == 0;

				/* a blank later line keeps the earlier
				 * value (overwrite_mode 0) */
				if (!same && (!unsafe || blank_value(w)))
					break;
				e->what |= F_DELETE;
				count_fix(out, g->rule, i, k);
				break;
			}
			continue;
		}
		default:
			continue;
		}
		count_fix(out, g->rule, i, g->line - 1);
	}
}

/* Writes line w with its repairs; a moved comment goes first, on its own
 * line with the same ending. */
static void
rebuild(const char *buf, const struct wline *w, struct out *o)
{
	const char *ln = buf + w->off;
	const char *eol = ln + w->len;

	if (!w->kv) {
		/* only blanks around the text */
		size_t a = 0, b = w->len;

		if (w->what & F_LSTRIP)
			while (a < b && (ln[a] == ' ' || ln[a] == '\t'))
				a++;
		if (w->what & F_RSTRIP)
			while (b > a && (ln[b - 1] == ' ' || ln[b - 1] == '\t'))
				b--;
		put(o, ln + a, b - a);
		put(o, eol, w->eol);
		return;
	}

	const char *v = ln + w->voff;
	size_t n = w->vlen;

	if (w->what & F_UNCOMMENT) {
		long c = ycfg_value_comment_at(v, n);

		if (c > 0) {
			const char *cm = v + c;
			size_t cl = n - (size_t)c;

			while (cl > 0 && (cm[cl - 1] == ' ' || cm[cl - 1] == '\t'))
				cl--;
			/* Yealink comment lines start with '#' */
			if (cm[0] != '#')
				put(o, "# ", 2);
			put(o, cm, cl);
			put(o, eol, w->eol ? w->eol : 0);
			if (w->eol == 0)
				put(o, "\n", 1);
			n = (size_t)c;
			while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
				n--;
		}
	}
	if ((w->what & F_UNQUOTE) && n >= 2 && (v[0] == '"' || v[0] == '\'') &&
	    v[n - 1] == v[0]) {
		v++;
		n -= 2;
	}
	if (w->what & F_REPAIR) {
		v = w->repair;
		n = strlen(w->repair);
	}

	/* indent, key, between, value, after */
	if (!(w->what & F_LSTRIP))
		put(o, ln, w->koff);
	if (w->what & F_RENAME)
		put(o, w->rename, strlen(w->rename));
	else
		put(o, ln + w->koff, w->klen);

	size_t between = w->voff - (w->koff + w->klen);
	size_t after = w->len - (w->voff + w->vlen);
	const char *aft = ln + w->voff + w->vlen;

	if (w->vlen == 0) {
		/* a blank value: what follows '=' is all "between" */
		between = w->len - (w->koff + w->klen);
		after = 0;
	}
	if ((w->what & F_RSTRIP) || (w->what & (F_UNCOMMENT)))
		while (between > 0 && w->vlen == 0 &&
		       (ln[w->koff + w->klen + between - 1] == ' ' ||
			ln[w->koff + w->klen + between - 1] == '\t'))
			between--;
	put(o, ln + w->koff + w->klen, between);
	put(o, v, n);
	if (!(w->what & F_RSTRIP) && !(w->what & F_UNCOMMENT))
		put(o, aft, after);
	put(o, eol, w->eol);
}

/* True when the lexer takes the bytes for binary (a sample of control
 * bytes): a repair must not tip a file over. */
static bool
judged_binary(const char *p, size_t n, bool boot)
{
	struct ycfg_lexer lx;

	ycfg_lexer_init(&lx, p, n, "", boot, NULL);
	return lx.binary;
}

int
ycfg_fix_file(const struct ycfg_schema *s, const char *path,
	      const char *bytes, size_t len, bool boot,
	      const struct ycfg_diags *d, bool unsafe,
	      struct ycfg_fix_result *out)
{
	bool bom = false, cr = false, final_nl = false;
	size_t bom_i = SIZE_MAX, cr_i = SIZE_MAX, nl_i = SIZE_MAX;
	struct out work = { 0 }, res = { 0 };
	struct wline *lines = NULL;
	size_t nlines = 0, cap = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < d->n; i++) {
		const struct ycfg_diag *g = &d->v[i];

		if (strcmp(g->file, path) != 0)
			continue;
		if (unfixable(g->rule))
			return 0;
		if (!allowed(g->rule, unsafe))
			continue;
		if (g->rule == YCFG_R_UTF8_BOM && !bom)
			bom = true, bom_i = i;
		if (g->rule == YCFG_R_CR_LINE_ENDING && !cr)
			cr = true, cr_i = i;
		if (g->rule == YCFG_R_NO_FINAL_NEWLINE && !final_nl)
			final_nl = true, nl_i = i;
	}

	/* 1. the file-level repairs, into the working bytes */
	size_t from = bom && len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0
		      ? 3 : 0;

	if (!bom)
		from = 0;
	if (from == 3)
		count_fix(out, YCFG_R_UTF8_BOM, bom_i, 0);
	if (cr && memchr(bytes, '\r', len) != NULL) {
		for (size_t i = from; i < len; i++) {
			if (bytes[i] == '\r' && (i + 1 >= len || bytes[i + 1] != '\n'))
				put(&work, "\n", 1);
			else
				put(&work, bytes + i, 1);
		}
		count_fix(out, YCFG_R_CR_LINE_ENDING, cr_i, SIZE_MAX);
	} else {
		put(&work, bytes + from, len - from);
		cr = false;
	}
	if (work.oom)
		goto done;
	if (work.p == NULL && (work.p = calloc(1, 1)) == NULL)
		goto done;

	/* 2. the lines, and the settings among them */
	for (size_t i = 0; i < work.len;) {
		const char *nl = memchr(work.p + i, '\n', work.len - i);
		size_t end = nl ? (size_t)(nl - work.p) : work.len;
		struct wline w = { .off = i, .len = end - i, .eol = nl ? 1 : 0 };

		if (nl && end > i && work.p[end - 1] == '\r') {
			w.len--;
			w.eol = 2;
		}
		if (ycfg_vec_push(&lines, &nlines, &cap, &w, sizeof(w)) != 0)
			goto done;
		i = end + (nl ? 1 : 0);
	}

	struct ycfg_lexer lx;
	struct ycfg_line ln;

	ycfg_lexer_init(&lx, work.p, work.len, path, boot, NULL);
	while (ycfg_lexer_next(&lx, &ln)) {
		struct wline *w;

		if (ln.kind != YCFG_LINE_KV || ln.lineno == 0 ||
		    ln.lineno > nlines)
			continue;
		w = &lines[ln.lineno - 1];
		w->kv = true;
		w->koff = (size_t)(ln.key - (work.p + w->off));
		w->klen = ln.keylen;
		w->voff = ln.vallen ? (size_t)(ln.val - (work.p + w->off))
				    : w->koff + w->klen;
		w->vlen = ln.vallen;
		w->flags = ln.flags;
		if (w->koff > w->len || w->voff + w->vlen > w->len)
			w->kv = false;   /* not spans of this line */
	}
	plan(s, path, work.p, lines, nlines, d, unsafe, out);

	/* 3. the new text, line by line */
	out->lines = calloc(nlines + 1, sizeof(*out->lines));
	if (out->lines == NULL)
		goto done;
	for (size_t i = 0; i < nlines; i++) {
		struct wline *w = &lines[i];
		struct ycfg_fix_line *fl = &out->lines[i];

		fl->new_off = res.len;
		if (w->what & F_DELETE)
			;
		else if (w->what != 0)
			rebuild(work.p, w, &res);
		else
			put(&res, work.p + w->off, w->len + w->eol);
		fl->new_len = res.len - fl->new_off;
	}
	if (final_nl && res.len > 0 && res.p[res.len - 1] != '\n') {
		bool crlf = false;

		for (size_t i = 0; i < nlines && !crlf; i++)
			crlf = lines[i].eol == 2;
		put(&res, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
		if (nlines > 0)
			out->lines[nlines - 1].new_len = res.len -
				out->lines[nlines - 1].new_off;
		count_fix(out, YCFG_R_NO_FINAL_NEWLINE, nl_i,
			  nlines > 0 ? nlines - 1 : 0);
	}
	if (res.oom || out->oom)
		goto done;

	/* the original's lines, as a diff sees them: one entry for the whole
	 * file when lone CRs became line feeds (the lines are not the
	 * same); a removed byte order mark belongs to the first line */
	if (cr) {
		struct ycfg_fix_line all = {
			.old_off = 0, .old_len = len, .new_off = 0,
			.new_len = res.len, .changed = true,
		};

		out->lines[0] = all;
		out->nlines = 1;
	} else {
		for (size_t i = 0; i < nlines; i++) {
			struct ycfg_fix_line *fl = &out->lines[i];

			fl->old_off = i ? lines[i].off + from : 0;
			fl->old_len = lines[i].len + lines[i].eol +
				      (i ? 0 : from);
			fl->changed = fl->new_len != fl->old_len ||
				      memcmp(res.p + fl->new_off,
					     bytes + fl->old_off,
					     fl->old_len) != 0;
		}
		out->nlines = nlines;
	}
	out->schema = s;
	if (out->nfixed > 0 && (res.len != len ||
				memcmp(res.p ? res.p : "", bytes, len) != 0) &&
	    !(judged_binary(res.p ? res.p : "", res.len, boot) &&
	      !judged_binary(bytes, len, boot))) {
		out->text = res.p ? res.p : calloc(1, 1);
		out->len = res.len;
		res.p = NULL;
		if (out->text == NULL)
			goto done;
	} else {
		memset(out->fixed, 0, sizeof(out->fixed));
		out->nfixed = 0;
		out->napplied = 0;
	}
	rc = 0;
done:
	free(work.p);
	free(res.p);
	free(lines);
	if (rc != 0)
		ycfg_fix_result_free(out);
	return rc;
}

void
ycfg_fix_result_free(struct ycfg_fix_result *r)
{
	free(r->text);
	free(r->lines);
	free(r->applied);
	memset(r, 0, sizeof(*r));
}

/* ---- unified diff ---- */

/* True when a line of a file shows a secret: the value of a secret key,
 * or a URL's password. */
static bool
line_secret(const struct ycfg_schema *s, const char *t, size_t l)
{
	const char *eq = memchr(t, '=', l);

	if (ycfg_has_userinfo_password(t, l))
		return true;
	if (s == NULL || eq == NULL)
		return false;

	const char *k = t, *ke = eq;

	while (k < ke && (*k == ' ' || *k == '\t' || *k == '\xef' ||
			  *k == '\xbb' || *k == '\xbf'))
		k++;
	while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
		ke--;
	return ke > k && ycfg_schema_key_is_secret(s, k, (size_t)(ke - k));
}

/* Writes the '\n'-lines of t[0..n) with prefix c; a line that shows a
 * secret has everything after its '=' masked. */
static void
diff_lines(FILE *f, const struct ycfg_schema *s, char c, const char *t,
	   size_t n)
{
	while (n > 0) {
		const char *nl = memchr(t, '\n', n);
		size_t l = nl ? (size_t)(nl - t) : n;
		bool secret = line_secret(s, t, l);
		const char *eq = secret ? memchr(t, '=', l) : NULL;

		fputc(c, f);
		if (secret && eq != NULL) {
			fwrite(t, 1, (size_t)(eq - t) + 1, f);
			fputs(" " YCFG_SECRET_MASK, f);
		} else if (secret) {
			fputs(YCFG_SECRET_MASK, f);
		} else {
			fwrite(t, 1, l, f);
		}
		fputc('\n', f);
		if (nl == NULL)
			fputs("\\ No newline at end of file\n", f);
		t += l + (nl ? 1 : 0);
		n -= l + (nl ? 1 : 0);
	}
}

static size_t
count_lines(const char *t, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += t[i] == '\n';
	return k + (n > 0 && t[n - 1] != '\n');
}

#define CONTEXT 3

int
ycfg_fix_diff(const struct ycfg_fix_result *r, const char *name,
	      const char *bytes, size_t len, FILE *f)
{
	const struct ycfg_fix_line *L = r->lines;
	size_t n = r->nlines, oldline = 1, newline = 1;

	(void)len;
	if (r->text == NULL)
		return 0;
	fprintf(f, "--- a/%s\n+++ b/%s\n", name, name);
	for (size_t i = 0; i < n;) {
		if (!L[i].changed) {
			oldline += count_lines(bytes + L[i].old_off, L[i].old_len);
			newline += count_lines(r->text + L[i].new_off,
					       L[i].new_len);
			i++;
			continue;
		}

		/* a hunk: context before, changes joined while the gaps are
		 * short, context after */
		size_t a = i >= CONTEXT ? i - CONTEXT : 0, b = i;

		while (b < n) {
			size_t gap = 0;

			while (b < n && L[b].changed)
				b++;
			while (b + gap < n && !L[b + gap].changed &&
			       gap <= 2 * CONTEXT)
				gap++;
			if (b + gap < n && gap <= 2 * CONTEXT)
				b += gap;
			else
				break;
		}

		size_t e = b + CONTEXT < n ? b + CONTEXT : n;
		size_t ol = 0, nn = 0, os = oldline, ns = newline;

		for (size_t k = a; k < i; k++) {
			os -= count_lines(bytes + L[k].old_off, L[k].old_len);
			ns -= count_lines(r->text + L[k].new_off, L[k].new_len);
		}
		for (size_t k = a; k < e; k++) {
			ol += count_lines(bytes + L[k].old_off, L[k].old_len);
			nn += count_lines(r->text + L[k].new_off, L[k].new_len);
		}
		fprintf(f, "@@ -%zu,%zu +%zu,%zu @@\n", ol ? os : os - 1, ol,
			nn ? ns : ns - 1, nn);
		for (size_t k = a; k < e; k++) {
			if (!L[k].changed) {
				diff_lines(f, r->schema, ' ',
					   bytes + L[k].old_off, L[k].old_len);
				continue;
			}
			diff_lines(f, r->schema, '-', bytes + L[k].old_off,
				   L[k].old_len);
			diff_lines(f, r->schema, '+', r->text + L[k].new_off,
				   L[k].new_len);
		}
		for (size_t k = i; k < e; k++) {
			oldline += count_lines(bytes + L[k].old_off,
					       L[k].old_len);
			newline += count_lines(r->text + L[k].new_off,
					       L[k].new_len);
		}
		i = e;
	}
	return ferror(f) ? -1 : 0;
}

bool
ycfg_fix_of(const struct ycfg_fix_result *r, const char *bytes, size_t len,
	    size_t diag, size_t *off, size_t *dlen, const char **text,
	    size_t *textlen)
{
	if (r->text == NULL)
		return false;
	for (size_t i = 0; i < r->napplied; i++) {
		const struct ycfg_fix_applied *a = &r->applied[i];

		if (a->diag != diag)
			continue;
		if (a->line == SIZE_MAX || r->nlines == 1) {
			/* the whole file */
			*off = 0;
			*dlen = len;
			*text = r->text;
			*textlen = r->len;
		} else {
			if (a->line >= r->nlines ||
			    (r->lines[a->line].new_len == 0 && !a->deletes))
				return false;   /* the line goes for another */
			*off = r->lines[a->line].old_off;
			*dlen = r->lines[a->line].old_len;
			*text = r->text + r->lines[a->line].new_off;
			*textlen = r->lines[a->line].new_len;
		}
		/* a repair that would show a secret is not given */
		const char *spans[2][2] = {
			{ bytes + *off, bytes + *off + *dlen },
			{ *text, *text + *textlen },
		};

		for (int k = 0; k < 2; k++)
			for (const char *t = spans[k][0]; t < spans[k][1];) {
				const char *nl = memchr(t, '\n',
							(size_t)(spans[k][1] - t));
				size_t l = nl ? (size_t)(nl - t)
					      : (size_t)(spans[k][1] - t);

				if (line_secret(r->schema, t, l))
					return false;
				t += l + 1;
			}
		return true;
	}
	return false;
}
