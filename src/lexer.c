/*
 * lexer.c - line classification for .cfg and .boot files (see lexer.h).
 *
 * Whole-buffer facts (any CR? any NUL? any byte >= 0x80?) are computed once
 * at init in one word-at-a-time scan, so the common case of a plain ASCII LF
 * file splits lines with memchr alone and never inspects bytes twice.
 */
#include <stdint.h>
#include <string.h>

#include "ycfg/lexer.h"
#include "ycfg/utf8.h"

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t';
}

bool
ycfg_path_is_boot(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && strcmp(path + n - 5, ".boot") == 0;
}



/* 1-based display column of p within the line starting at start: code
 * points, not bytes, so SARIF's unicodeCodePoints columns are right. */
static unsigned
col_of(const struct ycfg_lexer *lx, const char *start, const char *p)
{
	if (!lx->has_8bit)
		return (unsigned)(p - start) + 1;
	return (unsigned)ycfg_utf8_len(start, (size_t)(p - start)) + 1;
}

/* The whole-buffer facts, in one pass: any CR, any NUL, any byte >= 0x80.
 * Eight bytes at a time (a word has a zero byte when (w - 0x01..) & ~w &
 * 0x80.. is not zero), and it stops once all three are known. */
static void
scan_bytes(struct ycfg_lexer *lx, const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	const uint64_t cr = ones * '\r';
	size_t i = 0;

	lx->has_cr = lx->has_nul = lx->has_8bit = false;
	/* 32 bytes a step, no branch until something is found */
	for (; i + 32 <= n; i += 32) {
		uint64_t w[4], t = 0;

		memcpy(w, s + i, sizeof(w));
		for (int k = 0; k < 4; k++) {
			uint64_t x = w[k] ^ cr;

			t |= ((w[k] - ones) & ~w[k]) | ((x - ones) & ~x) |
			     w[k];
		}
		if ((t & high) == 0)
			continue;
		/* something here: settle it byte by byte */
		for (size_t k = i; k < i + 32; k++) {
			unsigned char c = (unsigned char)s[k];

			lx->has_cr |= c == '\r';
			lx->has_nul |= c == '\0';
			lx->has_8bit |= c >= 0x80;
		}
		if (lx->has_cr && lx->has_nul && lx->has_8bit)
			return;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		lx->has_cr |= c == '\r';
		lx->has_nul |= c == '\0';
		lx->has_8bit |= c >= 0x80;
	}
}

/* True when s[0..n) holds "ycfg:" (a suppression directive, maybe). */
static bool
has_ycfg(const char *s, size_t n)
{
	for (const char *p = s; n >= 5 && (p = memchr(p, 'y', n - 4 -
						       (size_t)(p - s))); p++)
		if (memcmp(p, "ycfg:", 5) == 0)
			return true;
	return false;
}

/* Decides whether the input is text at all.  Returns a reason for
 * non-text input, or NULL.  Only the first kilobyte is sampled: binary
 * formats announce themselves early. */
static const char *
binary_reason(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0x1f && s[1] == 0x8b)
		return "the file is gzip-compressed; lint the uncompressed file";
	if (n >= 4 && memcmp(s, "PK\x03\x04", 4) == 0)
		return "the file is a zip archive; lint the files inside it";

	size_t sample = n < 1024 ? n : 1024, ctrl = 0, nul[2] = { 0, 0 };

	/* control bytes of the sample, branch-free (it runs for every
	 * file); NULs by parity only when there are any */
	for (size_t i = 0; i < sample; i++) {
		unsigned c = s[i];

		ctrl += (c < 0x20) & (c != '\t') & (c != '\n') & (c != '\r');
	}
	for (size_t i = 0; ctrl > 0 && i < sample; i++)
		nul[i & 1] += s[i] == 0;
	/* UTF-16 (Windows editors' "Unicode"): a byte order mark, or ASCII
	 * text with every other byte NUL */
	if ((n >= 2 && s[0] == 0xff && s[1] == 0xfe) ||
	    (sample >= 8 && nul[1] * 10 >= sample * 4 && nul[0] == 0))
		return "the file is UTF-16 (little-endian); configuration "
		       "files are UTF-8: convert it (iconv -f UTF-16 -t "
		       "UTF-8)";
	if ((n >= 2 && s[0] == 0xfe && s[1] == 0xff) ||
	    (sample >= 8 && nul[0] * 10 >= sample * 4 && nul[1] == 0))
		return "the file is UTF-16 (big-endian); configuration "
		       "files are UTF-8: convert it (iconv -f UTF-16 -t "
		       "UTF-8)";
	/* over 5%: ciphertext has 29/256 (11%) control bytes, and a 10%
	 * threshold let about one encrypted file in eleven through */
	if (sample > 0 && ctrl * 20 > sample)
		return "the file is binary (an AES-encrypted Yealink "
		       "configuration?); nothing in it is checked";
	return NULL;
}

void
ycfg_lexer_init(struct ycfg_lexer *lx, const char *buf, size_t len,
		const char *file, bool boot, struct ycfg_diags *diags)
{
	memset(lx, 0, sizeof(*lx));
	lx->buf = buf;
	lx->p = buf;
	lx->end = buf + len;
	lx->file = file;
	lx->diags = diags;
	lx->boot = boot;
	lx->header_line = 1;

	const char *why = binary_reason((const unsigned char *)buf, len);

	if (why != NULL) {
		lx->binary = true;
		if (diags)
			ycfg_diag_add(diags, file, 1, 1, YCFG_R_NOT_TEXT,
				      "%s", why);
		lx->p = lx->end;
		return;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		if (diags)
			ycfg_diag_add(diags, file, 1, 1, YCFG_R_UTF8_BOM,
				      "the file starts with a UTF-8 byte order "
				      "mark; save it without BOM so the "
				      "header is the first thing in the file");
		lx->p += 3;
	}
	scan_bytes(lx, buf, len);
}

void
ycfg_lexer_init_part(struct ycfg_lexer *lx, const char *buf, size_t start,
		     size_t end, unsigned first_line, const char *file,
		     bool boot, struct ycfg_diags *diags)
{
	memset(lx, 0, sizeof(*lx));
	lx->buf = buf;
	lx->p = buf + start;
	lx->end = buf + end;
	lx->file = file;
	lx->diags = diags;
	lx->boot = boot;
	lx->header_line = 1;
	lx->lineno = first_line - 1;
	scan_bytes(lx, lx->p, end - start);
}

void
ycfg_lexer_set_template(struct ycfg_lexer *lx, const struct ycfg_template *t)
{
	lx->tpl = t;
	lx->header_line = t->header_included ? 0 : t->first_line;
}

/* Template views: the placeholder holding p, or NULL. */
static const struct ycfg_tpl_span *
ph_at(const struct ycfg_lexer *lx, const char *p)
{
	size_t at = (size_t)(p - lx->buf);
	const struct ycfg_tpl_span *ph = ycfg_template_ph_from(lx->tpl, at);

	return ph != NULL && ph->start <= at ? ph : NULL;
}

/* True when [s, e) holds the file's own blanks (plain files: any). */
static bool
own_ws(const struct ycfg_lexer *lx, const char *s, const char *e)
{
	return lx->tpl == NULL ||
	       ycfg_template_has_own_ws(lx->tpl, lx->buf,
					(size_t)(s - lx->buf),
					(size_t)(e - lx->buf));
}

/* True when [s, e) is nothing but placeholders and blanks. */
static bool
only_placeholders(const struct ycfg_lexer *lx, const char *s, const char *e)
{
	bool any = false;

	while (s < e) {
		const struct ycfg_tpl_span *ph;

		if (is_ws(*s)) {
			s++;
			continue;
		}
		ph = ph_at(lx, s);
		if (ph == NULL)
			return false;
		any = true;
		s = lx->buf + ph->end;
	}
	return any;
}

#define DIAG(lx, line, col, rule, ...)                                     \
	do {                                                               \
		if ((lx)->diags)                                           \
			ycfg_diag_add((lx)->diags, (lx)->file, (line), (col), \
				      (rule), __VA_ARGS__);                \
	} while (0)

/* Finds the end of the current line: sets *eol (exclusive end of content)
 * and returns the start of the next line.  *terminated tells whether the
 * line had a line ending. */
static const char *
split_line(struct ycfg_lexer *lx, const char *start, const char **eol,
	   bool *terminated)
{
	size_t left = (size_t)(lx->end - start);

	if (!lx->has_cr) {
		const char *nl = memchr(start, '\n', left);

		*terminated = nl != NULL;
		*eol = nl ? nl : lx->end;
		return nl ? nl + 1 : lx->end;
	}
	for (const char *q = start; q < lx->end; q++) {
		if (*q == '\n') {
			*eol = q;
			*terminated = true;
			return q + 1;
		}
		if (*q == '\r') {
			*eol = q;
			*terminated = true;
			if (q + 1 < lx->end && q[1] == '\n')
				return q + 2;
			if (!lx->cr_reported) {
				lx->cr_reported = true;
				DIAG(lx, lx->lineno, col_of(lx, start, q),
				     YCFG_R_CR_LINE_ENDING,
				     "line ends with a lone CR; use LF or CRLF "
				     "line endings (reported once per file)");
			}
			return q + 1;
		}
	}
	*eol = lx->end;
	*terminated = false;
	return lx->end;
}

/* Counts the lines from p to the end of the input (of the whole file when
 * this lexer covers only its first part), with the same line endings as
 * split_line: LF, CRLF or a lone CR. */
static unsigned
count_lines(const struct ycfg_lexer *lx, const char *p)
{
	const char *end = lx->count_end ? lx->count_end : lx->end;
	unsigned n = 0;

	if (!lx->has_cr) {
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));

			n++;
			if (nl == NULL)
				break;
			p = nl + 1;
		}
		return n;
	}
	while (p < end) {
		n++;
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		if (p < end)
			p++;
	}
	return n;
}

static bool is_legacy_section(const struct ycfg_lexer *lx, const char *s,
			      const char *e);

/* Handles line 1: the header.  Returns true when the line was the header
 * (good or bad) and has been classified. */
static bool
check_header(struct ycfg_lexer *lx, const char *line, const char *s,
	     const char *e, struct ycfg_line *out)
{
	static const char prefix[] = "#!version:";
	size_t n = (size_t)(e - s), hl = strlen(YCFG_HEADER);

	if (n >= hl && memcmp(s, YCFG_HEADER, hl) == 0) {
		const char *t = s + hl;

		while (t < e && is_ws(*t))
			t++;
		if (t == e) {
			out->kind = YCFG_LINE_HEADER;
			return true;
		}
	}
	if (s > line && own_ws(lx, line, s) && n >= sizeof(prefix) - 1 &&
	    memcmp(s, prefix, sizeof(prefix) - 1) == 0) {
		DIAG(lx, lx->lineno, 1, YCFG_R_BAD_HEADER,
		     "the version header must start in column 1");
		out->kind = YCFG_LINE_BAD;
		return true;
	}
	if (n >= sizeof(prefix) - 1 && memcmp(s, prefix, sizeof(prefix) - 1) == 0) {
		DIAG(lx, lx->lineno, 1, YCFG_R_BAD_HEADER,
		     "version header is '%.*s'; it must be exactly '%s'",
		     (int)(n > 60 ? 60 : n), s, YCFG_HEADER);
		out->kind = YCFG_LINE_BAD;
		return true;
	}
	/* a legacy "[ section ]" file gets its one legacy-format finding */
	if (n > 0 && *s == '[' && !lx->boot && is_legacy_section(lx, s, e))
		return false;
	DIAG(lx, lx->lineno, 1, YCFG_R_MISSING_HEADER,
	     n == 0 && lx->p >= lx->end
		     ? "the file is empty; the first line must be '%s'"
		     : "the first line must be '%s'",
	     YCFG_HEADER);
	return false;
}

/* Parses "[A,B]" at s.  On success sets the models span and returns the
 * position after ']'; returns NULL (and reports) when malformed. */
static const char *
parse_models(struct ycfg_lexer *lx, const char *line, const char *s,
	     const char *e, struct ycfg_line *out)
{
	const char *close = memchr(s, ']', (size_t)(e - s));

	if (close == NULL) {
		DIAG(lx, lx->lineno, col_of(lx, line, s), YCFG_R_BAD_MODEL_BLOCK,
		     "model block has no closing ']'");
		return NULL;
	}
	/* tokens of [A-Za-z0-9_-] separated by commas, spaces allowed
	 * around them but not between two names */
	bool want_name = true, after_name = false;

	for (const char *q = s + 1; q < close; q++) {
		char c = *q;

		if (is_ws(c)) {
			after_name = !want_name;
			continue;
		}
		if (c == ',') {
			if (want_name)
				goto bad;
			want_name = true;
			after_name = false;
			continue;
		}
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-') {
			if (after_name)
				goto bad;
			want_name = false;
			continue;
		}
		goto bad;
	}
	if (want_name)
		goto bad;
	out->models = s + 1;
	out->modelslen = (size_t)(close - s - 1);
	out->flags |= YCFG_VAL_MODELS;
	return close + 1;
bad:
	DIAG(lx, lx->lineno, col_of(lx, line, s), YCFG_R_BAD_MODEL_BLOCK,
	     "malformed model block '%.*s'; expected model names separated "
	     "by commas, e.g. [T46U,T54W]",
	     (int)(close - s + 1 > 80 ? 80 : close - s + 1), s);
	return NULL;
}

/* The next line after p that is neither blank nor a comment, trimmed, in
 * [*ls, *le); false when there is none. */
static bool
next_setting_line(const struct ycfg_lexer *lx, const char *p,
		  const char **ls, const char **le)
{
	for (int n = 0; p < lx->end && n < 50; n++) {
		const char *nl = p;

		while (nl < lx->end && *nl != '\n' && *nl != '\r')
			nl++;

		const char *a = p, *b = nl;

		while (a < b && is_ws(*a))
			a++;
		while (b > a && is_ws(b[-1]))
			b--;
		if (a < b && *a != '#') {
			*ls = a;
			*le = b;
			return true;
		}
		p = nl;
		while (p < lx->end && (*p == '\n' || *p == '\r'))
			p++;
	}
	return false;
}

/* True when a '[' line of a .cfg file starts a section of the pre-v70
 * format: "[ cfg:/phone/config/system.ini,reboot=1 ]" (a path), or
 * "[ name ]" with blanks inside followed by a "path =" line or by keys
 * without dots (Enable = 1).  A modern file with a stray "[SIP]" line is
 * not one. */
static bool
is_legacy_section(const struct ycfg_lexer *lx, const char *s, const char *e)
{
	const char *close = memchr(s, ']', (size_t)(e - s));
	const char *ls, *le;

	if (close == NULL)
		return false;
	for (const char *q = s + 1; q < close; q++)
		if (*q == ':' || *q == '/')
			return true;

	const char *t = close + 1;

	while (t < e && is_ws(*t))
		t++;
	if (t != e || close - s < 3 || !is_ws(s[1]) || !is_ws(close[-1]))
		return false;
	if (!next_setting_line(lx, lx->p, &ls, &le))
		return true;   /* a section header and nothing else */

	const char *eq = memchr(ls, '=', (size_t)(le - ls));

	if (eq == NULL)
		return false;

	const char *ke = eq;

	while (ke > ls && is_ws(ke[-1]))
		ke--;
	if (ke - ls == 4 && memcmp(ls, "path", 4) == 0)
		return true;
	return ke > ls && memchr(ls, '.', (size_t)(ke - ls)) == NULL;
}

/* True when a '[' line is an old-firmware section header rather than a
 * boot-file model block: model blocks hold only names and commas. */
static bool
looks_legacy(const char *s, const char *e)
{
	const char *close = memchr(s, ']', (size_t)(e - s));

	if (close == NULL)
		return false;
	for (const char *q = s + 1; q < close; q++)
		if (*q == ':' || *q == '/' || *q == '=' || *q == '.')
			return true;
	/* "[ account ]" with inner spaces and nothing after */
	const char *t = close + 1;

	while (t < e && is_ws(*t))
		t++;
	return t == e && s + 1 < close && is_ws(s[1]);
}

static void
parse_include(struct ycfg_lexer *lx, const char *line, const char *s,
	      const char *e, struct ycfg_line *out)
{
	const char *q = s + strlen("include:config");

	if (!lx->boot) {
		DIAG(lx, lx->lineno, col_of(lx, line, s), YCFG_R_INCLUDE_IN_CFG,
		     "'include:config' only works in .boot files; in a .cfg "
		     "file it is ignored");
		out->kind = YCFG_LINE_BAD;
		return;
	}
	while (q < e && is_ws(*q))
		q++;

	const char *path, *pend;

	if (q < e && *q == '"') {
		path = q + 1;
		pend = memchr(path, '"', (size_t)(e - path));
		if (pend == NULL) {
			DIAG(lx, lx->lineno, col_of(lx, line, q),
			     YCFG_R_BAD_INCLUDE,
			     "include path has no closing '\"'");
			out->kind = YCFG_LINE_BAD;
			return;
		}
		q = pend + 1;
	} else {
		path = q;
		while (q < e && !is_ws(*q))
			q++;
		pend = q;
	}
	while (q < e && is_ws(*q))
		q++;
	if (pend == path) {
		DIAG(lx, lx->lineno, col_of(lx, line, s), YCFG_R_BAD_INCLUDE,
		     "include:config names no file");
		out->kind = YCFG_LINE_BAD;
		return;
	}
	if (q != e) {
		DIAG(lx, lx->lineno, col_of(lx, line, q), YCFG_R_BAD_INCLUDE,
		     "unexpected text after the include path; quote a path "
		     "that contains spaces");
		out->kind = YCFG_LINE_BAD;
		return;
	}
	out->kind = YCFG_LINE_INCLUDE;
	out->val = path;
	out->vallen = (size_t)(pend - path);
	out->valcol = col_of(lx, line, path);
}

/* The first space or tab in [s, e), or e: eight bytes at a time, since
 * every key of every line is scanned. */
static const char *
first_ws(const char *s, const char *e)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;

	while (e - s >= 8) {
		uint64_t w, a, b;

		memcpy(&w, s, 8);
		a = w ^ (ones * ' ');
		b = w ^ (ones * '\t');
		if (((a - ones) & ~a & high) | ((b - ones) & ~b & high))
			break;
		s += 8;
	}
	while (s < e && !is_ws(*s))
		s++;
	return s;
}

/* Classifies key = value (or a malformed line) in [s, e). */
static void
parse_kv(struct ycfg_lexer *lx, const char *line, const char *s,
	 const char *e, struct ycfg_line *out)
{
	const char *eq = memchr(s, '=', (size_t)(e - s));
	const struct ycfg_tpl_span *ph;

	/* a template's '=' inside a placeholder is not the line's */
	while (lx->tpl != NULL && eq != NULL && (ph = ph_at(lx, eq)) != NULL) {
		const char *after = lx->buf + ph->end;

		eq = after < e ? memchr(after, '=', (size_t)(e - after)) : NULL;
	}
	if (eq == NULL) {
		DIAG(lx, lx->lineno, col_of(lx, line, s), YCFG_R_MISSING_EQUALS,
		     "line is neither a comment nor 'key = value'");
		out->kind = YCFG_LINE_BAD;
		return;
	}

	const char *ke = eq;

	while (ke > s && is_ws(ke[-1]))
		ke--;
	if (ke == s) {
		DIAG(lx, lx->lineno, col_of(lx, line, eq), YCFG_R_EMPTY_KEY,
		     "nothing before '='; the line sets no parameter");
		out->kind = YCFG_LINE_BAD;
		return;
	}
	if ((size_t)(ke - s) > YCFG_KEY_MAX) {
		DIAG(lx, lx->lineno, col_of(lx, line, s), YCFG_R_KEY_TOO_LONG,
		     "key is %zu bytes long; the limit is %d",
		     (size_t)(ke - s), YCFG_KEY_MAX);
		out->kind = YCFG_LINE_BAD;
		return;
	}
	for (const char *q = first_ws(s, ke); q < ke; q++) {
		if (is_ws(*q) && lx->tpl != NULL && (ph = ph_at(lx, q))) {
			q = lx->buf + ph->end - 1;
			continue;
		}
		if (is_ws(*q)) {
			/* only the part before the space is shown: what
			 * follows may be a value typed without '=' */
			DIAG(lx, lx->lineno, col_of(lx, line, q),
			     YCFG_R_SPACE_IN_KEY,
			     "whitespace inside the key after '%.*s'",
			     (int)(q - s > 80 ? 80 : q - s), s);
			out->kind = YCFG_LINE_BAD;
			return;
		}
	}

	const char *v = eq + 1;

	while (v < e && is_ws(*v))
		v++;
	out->kind = YCFG_LINE_KV;
	out->key = s;
	out->keylen = (size_t)(ke - s);
	out->keycol = col_of(lx, line, s);
	out->val = v;
	out->vallen = (size_t)(e - v);
	out->valcol = col_of(lx, line, v);
	if (out->vallen == 0)
		out->flags |= YCFG_VAL_BLANK;
	else if (out->vallen == 6 && memcmp(v, "%NULL%", 6) == 0)
		out->flags |= YCFG_VAL_NULL;
}

/* Classifies a line that is not blank, a comment or the header: [s, e)
 * is its trimmed text, bad the first invalid UTF-8 byte (or NULL). */
static void
classify(struct ycfg_lexer *lx, const char *line, const char *s,
	 const char *e, struct ycfg_line *out, const char *bad)
{
	if (*s == '[') {
		const char *close = memchr(s, ']', (size_t)(e - s));
		const char *rest = close ? close + 1 : e;

		while (rest < e && is_ws(*rest))
			rest++;
		if (!lx->boot && (size_t)(e - rest) >= 14 &&
		    memcmp(rest, "include:config", 14) == 0) {
			DIAG(lx, lx->lineno, col_of(lx, line, s),
			     YCFG_R_INCLUDE_IN_CFG,
			     "'[MODEL]include:config' only works in .boot "
			     "files; in a .cfg file it is ignored");
			out->kind = YCFG_LINE_BAD;
			return;
		}
		if (!lx->boot && !is_legacy_section(lx, s, e)) {
			DIAG(lx, lx->lineno, col_of(lx, line, s),
			     YCFG_R_BRACKET_LINE,
			     "'%.*s' is neither a setting nor a comment: .cfg "
			     "files have no sections, so the phone ignores "
			     "this line", (int)(e - s > 60 ? 60 : e - s), s);
			out->kind = YCFG_LINE_BAD;
			return;
		}
		if (!lx->boot || looks_legacy(s, e)) {
			unsigned after = count_lines(lx, lx->p);

			DIAG(lx, lx->lineno, col_of(lx, line, s),
			     YCFG_R_LEGACY_FORMAT,
			     "legacy '[ section ]' format of pre-v70 firmware "
			     "is not supported; this line and the %u after it "
			     "are not checked", after);
			lx->p = lx->end;
			lx->legacy = true;
			out->kind = YCFG_LINE_BAD;
			return;
		}
		const char *after = parse_models(lx, line, s, e, out);

		if (after == NULL) {
			out->kind = YCFG_LINE_BAD;
			return;
		}
		while (after < e && is_ws(*after))
			after++;
		if (after == e) {
			out->kind = YCFG_LINE_MODEL;
			return;
		}
		s = after;
	}
	if (s > line && !(out->flags & YCFG_VAL_MODELS) && own_ws(lx, line, s))
		DIAG(lx, lx->lineno, 1, YCFG_R_LEADING_WHITESPACE,
		     "whitespace before the key");

	if ((size_t)(e - s) >= 14 && memcmp(s, "include:config", 14) == 0 &&
	    (s + 14 == e || is_ws(s[14]) || s[14] == '"'))
		parse_include(lx, line, s, e, out);
	else
		parse_kv(lx, line, s, e, out);

	if (bad != NULL && out->kind == YCFG_LINE_KV && bad >= out->val)
		out->flags |= YCFG_VAL_BAD_UTF8;
}

bool
ycfg_lexer_next(struct ycfg_lexer *lx, struct ycfg_line *out)
{
	if (lx->p >= lx->end) {
		if (lx->lineno == 0 && !lx->binary && !lx->empty_reported) {
			lx->empty_reported = true;
			DIAG(lx, 1, 1, YCFG_R_MISSING_HEADER,
			     "the file is empty; the first line must be '%s'",
			     YCFG_HEADER);
		}
		return false;
	}

	const char *line = lx->p, *eol;
	bool terminated;

	lx->lineno++;
	lx->p = split_line(lx, line, &eol, &terminated);

	memset(out, 0, sizeof(*out));
	out->lineno = lx->lineno;
	out->kind = YCFG_LINE_BAD;

	size_t len = (size_t)(eol - line);

	if (!terminated && len > 0)
		DIAG(lx, lx->lineno, col_of(lx, line, eol),
		     YCFG_R_NO_FINAL_NEWLINE,
		     "the last line has no line ending");
	if (len > YCFG_LINE_MAX) {
		DIAG(lx, lx->lineno, 1, YCFG_R_LINE_TOO_LONG,
		     "line is %zu bytes long; the limit is %d, the line is "
		     "skipped", len, YCFG_LINE_MAX);
		return true;
	}
	if (lx->has_nul) {
		const char *z = memchr(line, '\0', len);

		if (z != NULL) {
			DIAG(lx, lx->lineno, col_of(lx, line, z),
			     YCFG_R_NUL_BYTE,
			     "line contains a NUL byte; the line is skipped");
			return true;
		}
	}

	bool bad_utf8 = false;
	size_t bad_at = len;

	if (lx->has_8bit) {
		bad_at = ycfg_utf8_invalid_at(line, len);
		if (bad_at < len) {
			bad_utf8 = true;
			/* the byte itself is not shown: it may be part of a
			 * password, and the lexer cannot tell */
			DIAG(lx, lx->lineno, col_of(lx, line, line + bad_at),
			     YCFG_R_INVALID_UTF8,
			     "invalid UTF-8; save the file as UTF-8");
		}
	}

	/* trailing whitespace: trimmed, reported on value lines below */
	const char *e = eol;

	while (e > line && is_ws(e[-1]))
		e--;

	const char *s = line;

	while (s < e && is_ws(*s))
		s++;

	if (lx->lineno == lx->header_line && check_header(lx, line, s, e, out))
		return true;

	if (s == e) {
		out->kind = YCFG_LINE_BLANK;
		return true;
	}
	if (*s == '#') {
		out->kind = YCFG_LINE_COMMENT;
		/* suppressions are looked for only in files that have one */
		if (!lx->has_directive && has_ycfg(s, (size_t)(e - s)))
			lx->has_directive = true;
		if (lx->lineno != lx->header_line &&
		    (size_t)(e - s) >= strlen(YCFG_HEADER) &&
		    memcmp(s, "#!version:", 10) == 0)
			DIAG(lx, lx->lineno, col_of(lx, line, s),
			     YCFG_R_MISPLACED_HEADER,
			     "version header on line %u; it only counts on "
			     "line 1", lx->lineno);
		return true;
	}
	/* a template line of placeholders only renders to unknown lines */
	if (lx->tpl != NULL && only_placeholders(lx, s, e)) {
		out->kind = YCFG_LINE_BLANK;
		return true;
	}
	classify(lx, line, s, e, out, bad_utf8 ? line + bad_at : NULL);
	/* trailing whitespace: a setting's is judged by the linter, which
	 * knows whether the value is a password or a host */
	if (e < eol && lx->tpl != NULL && !own_ws(lx, e, eol)) {
		/* only what directives left */
	} else if (e < eol && out->kind == YCFG_LINE_KV) {
		if (out->vallen > 0) {
			out->flags |= YCFG_VAL_TRAILING_WS;
			out->trailcol = col_of(lx, line, e);
		}
	} else if (e < eol) {
		DIAG(lx, lx->lineno, col_of(lx, line, e),
		     YCFG_R_TRAILING_WHITESPACE, "trailing whitespace at the "
		     "end of the line");
	}
	return true;
}
