/*
 * template.c - template dialects and the lint view (see template.h).
 *
 * One scanner for every dialect: it walks the bytes once, asks the
 * dialect's recogniser whether a token (placeholder, directive, comment)
 * starts where one of the dialect's trigger bytes is, blanks directives
 * and comments, records placeholders, and follows if/elif/else/endif and
 * loops (a loop body is an arm that may render no time, or many) to give
 * each line its arm.  An if whose end is on the same line is inline:
 * after '=' it is part of a value (a placeholder, any value), before it
 * its first arm is kept and the others blanked (one of them renders).
 */
#define _GNU_SOURCE   /* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ycfg/template.h"
#include "ycfg/vec.h"

enum tok_kind { TK_PH, TK_COMMENT, TK_DIRECTIVE };
enum tok_dir {
	D_OTHER, D_IF, D_ELIF, D_ELSE, D_ENDIF, D_FOR, D_ENDFOR,
	D_INCLUDE,   /* include, extends: text from another file */
};

struct tok {
	enum tok_kind kind;
	enum tok_dir dir;
	size_t start, end;
};

/* A recogniser: true when a token starts at b[i]. */
typedef bool (*tok_fn)(const char *b, size_t len, size_t i, struct tok *t);

static const char *const dialect_names[YCFG_TPL__COUNT] = {
	[YCFG_TPL_NONE] = "none",
	[YCFG_TPL_SMARTY] = "smarty",
	[YCFG_TPL_JINJA] = "jinja",
	[YCFG_TPL_PROVISIONER] = "provisioner",
	[YCFG_TPL_THREECX] = "3cx",
	[YCFG_TPL_BLADE] = "blade",
	[YCFG_TPL_SHELL] = "shell",
	[YCFG_TPL_ATVAR] = "atvar",
	[YCFG_TPL_BRACE] = "brace",
};

const char *
ycfg_dialect_name(enum ycfg_dialect d)
{
	return (unsigned)d < YCFG_TPL__COUNT ? dialect_names[d] : "none";
}

int
ycfg_template_mode_parse(const char *s, enum ycfg_template_mode *mode,
			 enum ycfg_dialect *dialect)
{
	static const struct {
		const char *name;
		enum ycfg_dialect d;
	} other[] = {
		{ "fusionpbx", YCFG_TPL_SMARTY }, { "twig", YCFG_TPL_JINJA },
		{ "tempita", YCFG_TPL_JINJA }, { "jinja2", YCFG_TPL_JINJA },
		{ "threecx", YCFG_TPL_THREECX }, { "sark", YCFG_TPL_SHELL },
		{ "astlinux", YCFG_TPL_ATVAR }, { "mikopbx", YCFG_TPL_BRACE },
	};
	enum ycfg_dialect d = YCFG_TPL_NONE;

	if (strcmp(s, "auto") == 0 || strcmp(s, "none") == 0) {
		*mode = s[0] == 'a' ? YCFG_TPL_MODE_AUTO : YCFG_TPL_MODE_NONE;
		*dialect = YCFG_TPL_NONE;
		return 0;
	}
	for (int k = 1; k < YCFG_TPL__COUNT && d == YCFG_TPL_NONE; k++)
		if (strcmp(s, dialect_names[k]) == 0)
			d = (enum ycfg_dialect)k;
	for (size_t k = 0; k < sizeof(other) / sizeof(other[0]) &&
			   d == YCFG_TPL_NONE; k++)
		if (strcmp(s, other[k].name) == 0)
			d = other[k].d;
	if (d == YCFG_TPL_NONE)
		return -1;
	*mode = YCFG_TPL_MODE_DIALECT;
	*dialect = d;
	return 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool
ycfg_template_path(const char *path)
{
	static const char *const exts[] = {
		".tpl", ".tmpl", ".j2", ".jinja", ".jinja2", ".twig",
		".blade.php",
	};

	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with(path, exts[i]))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* recognisers                                                          */
/* ------------------------------------------------------------------ */

/* The end (just past) of close, searched from i, or 0 when not found. */
static size_t
find_close(const char *b, size_t len, size_t i, const char *close)
{
	size_t cl = strlen(close);

	for (; i + cl <= len; i++)
		if (b[i] == close[0] && memcmp(b + i, close, cl) == 0)
			return i + cl;
	return 0;
}

/* The end of a '{'-tag whose '}' may hide in quotes or close a tag
 * nested in it ({if $a.{$n}.b}): just past its '}', or 0 at the end of
 * the line. */
static size_t
brace_end(const char *b, size_t len, size_t i)
{
	unsigned depth = 0;
	char q = 0;

	for (; i < len && b[i] != '\n'; i++) {
		if (q) {
			if (b[i] == q)
				q = 0;
		} else if (b[i] == '\'' || b[i] == '"') {
			q = b[i];
		} else if (b[i] == '{') {
			depth++;
		} else if (b[i] == '}' && depth-- == 0) {
			return i + 1;
		}
	}
	return 0;
}

/* The length of the word at s (letters, digits, '_'). */
static size_t
word_len(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '_'))
		k++;
	return k;
}

static bool
word_is(const char *s, size_t n, const char *w)
{
	return n == strlen(w) && memcmp(s, w, n) == 0;
}

/* Smarty's loops, and Provisioner.net's {line_loop}, {loop_memkey}. */
static bool
is_loop_word(const char *w, size_t wl)
{
	return word_is(w, wl, "foreach") || word_is(w, wl, "section") ||
	       word_is(w, wl, "for") || word_is(w, wl, "while") ||
	       word_is(w, wl, "line_loop") ||
	       (wl > 5 && memcmp(w, "loop_", 5) == 0);
}

/* Smarty (FusionPBX) and Provisioner.net. */
static bool
smarty_at(const char *b, size_t len, size_t i, struct tok *t)
{
	if (b[i] != '{' || i + 1 >= len)
		return false;
	t->start = i;
	t->dir = D_OTHER;
	if (b[i + 1] == '*') {
		t->kind = TK_COMMENT;
		t->end = find_close(b, len, i + 2, "*}");
		return t->end != 0;
	}
	/* a variable, or a string that prints: {"text"}.  ({1} is left
	 * alone: Yealink's own label rules read {L}_{1}) */
	if (b[i + 1] == '$' || b[i + 1] == '"' || b[i + 1] == '\'') {
		t->kind = TK_PH;
		t->end = brace_end(b, len, i + 1);
		return t->end != 0;
	}

	bool close = b[i + 1] == '/';
	const char *w = b + i + 1 + close;
	size_t wl = word_len(w, len - (size_t)(w - b));

	if (wl == 0)
		return false;
	t->kind = TK_DIRECTIVE;
	if (close) {
		if (word_is(w, wl, "if"))
			t->dir = D_ENDIF;
		else if (is_loop_word(w, wl))
			t->dir = D_ENDFOR;
		else if (!word_is(w, wl, "literal") && !word_is(w, wl, "capture") &&
			 !word_is(w, wl, "strip") && !word_is(w, wl, "block") &&
			 !word_is(w, wl, "function"))
			return false;
	} else if (word_is(w, wl, "if")) {
		t->dir = D_IF;
	} else if (word_is(w, wl, "elseif")) {
		t->dir = D_ELIF;
	} else if ((word_is(w, wl, "else") || word_is(w, wl, "foreachelse") ||
		    word_is(w, wl, "sectionelse")) && w[wl] == '}') {
		t->dir = D_ELSE;
	} else if (is_loop_word(w, wl)) {
		t->dir = D_FOR;
	} else if (word_is(w, wl, "include") || word_is(w, wl, "extends")) {
		t->dir = D_INCLUDE;
	} else if (!word_is(w, wl, "assign") &&
		   !word_is(w, wl, "literal") && !word_is(w, wl, "ldelim") &&
		   !word_is(w, wl, "rdelim") && !word_is(w, wl, "capture") &&
		   !word_is(w, wl, "strip") &&
		   !word_is(w, wl, "block") && !word_is(w, wl, "function") &&
		   !word_is(w, wl, "nocache")) {
		return false;
	}
	t->end = brace_end(b, len, i + 1);
	return t->end != 0;
}

/* The directive meaning of a Jinja/Twig/Tempita keyword. */
static bool
jinja_word(const char *w, size_t wl, enum tok_dir *dir)
{
	static const struct {
		const char *w;
		enum tok_dir d;
	} words[] = {
		{ "if", D_IF }, { "elif", D_ELIF }, { "elseif", D_ELIF },
		{ "else", D_ELSE }, { "endif", D_ENDIF }, { "for", D_FOR },
		{ "endfor", D_ENDFOR }, { "include", D_INCLUDE },
		{ "extends", D_INCLUDE },
	};

	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (word_is(w, wl, words[k].w)) {
			*dir = words[k].d;
			return true;
		}
	*dir = D_OTHER;
	return false;
}

/* Jinja2, Twig and Tempita ({{if x}} ... {{endif}}). */
static bool
jinja_at(const char *b, size_t len, size_t i, struct tok *t)
{
	if (b[i] != '{' || i + 1 >= len)
		return false;
	t->start = i;
	t->dir = D_OTHER;
	if (b[i + 1] == '#') {
		t->kind = TK_COMMENT;
		t->end = find_close(b, len, i + 2, "#}");
		return t->end != 0;
	}
	if (b[i + 1] != '%' && b[i + 1] != '{')
		return false;

	bool stmt = b[i + 1] == '%';
	size_t k = i + 2;

	while (k < len && (b[k] == '-' || b[k] == '+' || b[k] == '~' ||
			   b[k] == ' ' || b[k] == '\t'))
		k++;

	size_t wl = word_len(b + k, len - k);

	t->end = find_close(b, len, i + 2, stmt ? "%}" : "}}");
	if (t->end == 0)
		return false;
	if (stmt) {
		t->kind = TK_DIRECTIVE;
		jinja_word(b + k, wl, &t->dir);
		return true;
	}
	/* {{ }}: Tempita's statements, else a placeholder */
	if (k < len && b[k] == '#') {
		t->kind = TK_COMMENT;
		return true;
	}
	if (jinja_word(b + k, wl, &t->dir) ||
	    (wl == 2 && memcmp(b + k, "py", 2) == 0 && b[k + 2] == ':') ||
	    word_is(b + k, wl, "default") || word_is(b + k, wl, "inherit")) {
		t->kind = TK_DIRECTIVE;
		return true;
	}
	t->kind = TK_PH;
	return true;
}

/* The end of a balanced "(...)" starting at b[i] == '(', or 0. */
static size_t
paren_end(const char *b, size_t len, size_t i)
{
	int depth = 0;
	char q = 0;

	for (; i < len; i++) {
		char c = b[i];

		if (q) {
			if (c == q)
				q = 0;
			continue;
		}
		if (c == '\'' || c == '"')
			q = c;
		else if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/* Laravel Blade. */
static bool
blade_at(const char *b, size_t len, size_t i, struct tok *t)
{
	t->start = i;
	t->dir = D_OTHER;
	if (b[i] == '{' && i + 3 < len && memcmp(b + i, "{{--", 4) == 0) {
		t->kind = TK_COMMENT;
		t->end = find_close(b, len, i + 4, "--}}");
		return t->end != 0;
	}
	if (b[i] == '{' && i + 1 < len && (b[i + 1] == '{' || b[i + 1] == '!')) {
		t->kind = TK_PH;
		t->end = find_close(b, len, i + 2, b[i + 1] == '{' ? "}}"
								 : "!!}");
		return t->end != 0;
	}
	if (b[i] != '@' || (i > 0 && !isspace((unsigned char)b[i - 1]) &&
			    b[i - 1] != '}' && b[i - 1] != ')' &&
			    b[i - 1] != '='))
		return false;

	/* args: 'y' required "(...)", 'o' optional, 'n' none */
	static const struct {
		const char *w;
		enum tok_dir d;
		char args;
	} words[] = {
		{ "if", D_IF, 'y' }, { "elseif", D_ELIF, 'y' },
		{ "else", D_ELSE, 'n' }, { "endif", D_ENDIF, 'n' },
		{ "isset", D_IF, 'y' }, { "endisset", D_ENDIF, 'n' },
		{ "unless", D_IF, 'y' }, { "endunless", D_ENDIF, 'n' },
		{ "empty", D_IF, 'o' }, { "endempty", D_ENDIF, 'n' },
		{ "auth", D_IF, 'o' }, { "endauth", D_ENDIF, 'n' },
		{ "guest", D_IF, 'o' }, { "endguest", D_ENDIF, 'n' },
		{ "env", D_IF, 'y' }, { "endenv", D_ENDIF, 'n' },
		{ "production", D_IF, 'n' }, { "endproduction", D_ENDIF, 'n' },
		/* a switch is an if whose cases are its arms */
		{ "switch", D_IF, 'y' }, { "case", D_ELIF, 'y' },
		{ "default", D_ELSE, 'n' }, { "endswitch", D_ENDIF, 'n' },
		{ "foreach", D_FOR, 'y' }, { "endforeach", D_ENDFOR, 'n' },
		{ "forelse", D_FOR, 'y' }, { "endforelse", D_ENDFOR, 'n' },
		{ "for", D_FOR, 'y' }, { "endfor", D_ENDFOR, 'n' },
		{ "while", D_FOR, 'y' }, { "endwhile", D_ENDFOR, 'n' },
		{ "break", D_OTHER, 'o' }, { "continue", D_OTHER, 'o' },
		{ "include", D_INCLUDE, 'y' }, { "extends", D_INCLUDE, 'y' },
		{ "includeIf", D_OTHER, 'y' }, { "includeWhen", D_OTHER, 'y' },
		{ "each", D_OTHER, 'y' },
		{ "section", D_OTHER, 'y' }, { "endsection", D_OTHER, 'n' },
		{ "show", D_OTHER, 'n' }, { "stop", D_OTHER, 'n' },
		{ "append", D_OTHER, 'n' }, { "overwrite", D_OTHER, 'n' },
		{ "parent", D_OTHER, 'n' },
		{ "push", D_OTHER, 'y' }, { "endpush", D_OTHER, 'n' },
		{ "prepend", D_OTHER, 'y' }, { "endprepend", D_OTHER, 'n' },
		{ "once", D_OTHER, 'n' }, { "endonce", D_OTHER, 'n' },
		{ "verbatim", D_OTHER, 'n' }, { "endverbatim", D_OTHER, 'n' },
		{ "csrf", D_OTHER, 'n' }, { "method", D_OTHER, 'y' },
		/* these print something: placeholders */
		{ "yield", D_OTHER, 'y' }, { "stack", D_OTHER, 'y' },
		{ "json", D_OTHER, 'y' }, { "lang", D_OTHER, 'y' },
		{ "php", D_OTHER, 'n' },
	};
	const char *w = b + i + 1;
	size_t wl = word_len(w, len - i - 1);

	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		if (!word_is(w, wl, words[k].w))
			continue;

		size_t e = i + 1 + wl, a = e;

		if (word_is(w, wl, "php")) {
			/* @php ... @endphp is code: blank it all */
			t->kind = TK_COMMENT;
			t->end = find_close(b, len, e, "@endphp");
			return t->end != 0;
		}
		while (a < len && (b[a] == ' ' || b[a] == '\t'))
			a++;
		if (words[k].args != 'n' && a < len && b[a] == '(') {
			e = paren_end(b, len, a);
			if (e == 0)
				return false;
		} else if (words[k].args == 'y') {
			return false;
		}
		t->kind = word_is(w, wl, "yield") || word_is(w, wl, "stack") ||
				  word_is(w, wl, "json") || word_is(w, wl, "lang")
			  ? TK_PH : TK_DIRECTIVE;
		t->dir = words[k].d;
		/* @empty without a condition is @forelse's other arm */
		if (word_is(w, wl, "empty") && e == i + 1 + wl)
			t->dir = D_ELSE;
		t->end = e;
		return true;
	}
	return false;
}

/* 3CX. */
static bool
threecx_at(const char *b, size_t len, size_t i, struct tok *t)
{
	t->start = i;
	t->dir = D_OTHER;
	if (b[i] == '%' && i + 1 < len && b[i + 1] == '%') {
		/* %%pbx_ip%%, %%param::sipport%%, %%PROVLINKLOCAL.HOST%% */
		size_t k = i + 2;

		while (k < len && (isalnum((unsigned char)b[k]) || b[k] == '_' ||
				   b[k] == ':' || b[k] == '.'))
			k++;
		if (k == i + 2 || k + 2 > len || memcmp(b + k, "%%", 2) != 0)
			return false;
		t->kind = TK_PH;
		t->end = k + 2;
		return true;
	}
	if (b[i] != '{' || i + 1 >= len)
		return false;

	const char *w = b + i + 1;
	size_t wl = word_len(w, len - i - 1);

	t->kind = TK_DIRECTIVE;
	if (word_is(w, wl, "IF"))
		t->dir = D_IF;
	else if (word_is(w, wl, "ELSEIF"))
		t->dir = D_ELIF;
	else if (word_is(w, wl, "ELSE"))
		t->dir = D_ELSE;
	else if (word_is(w, wl, "ENDIF"))
		t->dir = D_ENDIF;
	else if (word_is(w, wl, "LOOP") || word_is(w, wl, "FOREACH"))
		t->dir = D_FOR;
	else if (word_is(w, wl, "ENDLOOP") || word_is(w, wl, "ENDFOREACH"))
		t->dir = D_ENDFOR;
	else
		return false;
	t->end = brace_end(b, len, i + 1);
	return t->end != 0;
}

/* SARK: $var, ${var}, and #INCLUDE lines. */
static bool
shell_at(const char *b, size_t len, size_t i, struct tok *t)
{
	t->start = i;
	t->dir = D_OTHER;
	if (b[i] == '#') {
		if ((i > 0 && b[i - 1] != '\n') || len - i < 8 ||
		    memcmp(b + i, "#INCLUDE", 8) != 0)
			return false;
		t->kind = TK_DIRECTIVE;
		t->dir = D_INCLUDE;
		t->end = i;
		while (t->end < len && b[t->end] != '\n')
			t->end++;
		return true;
	}
	if (b[i] != '$' || i + 1 >= len)
		return false;
	t->kind = TK_PH;
	if (b[i + 1] == '{') {
		t->end = brace_end(b, len, i + 2);
		return t->end != 0;
	}
	if (!isalpha((unsigned char)b[i + 1]) && b[i + 1] != '_')
		return false;
	t->end = i + 1 + word_len(b + i + 1, len - i - 1);
	return true;
}

/* AstLinux: @VAR@; its phoneprov-build drops every line that starts with
 * '#' (a comment of the template), and \# at the start of a line is how a
 * '#' reaches the phone's file. */
static bool
atvar_at(const char *b, size_t len, size_t i, struct tok *t)
{
	size_t k = i + 1;

	if (b[i] == '#' && (i == 0 || b[i - 1] == '\n')) {
		t->kind = TK_COMMENT;
		t->dir = D_OTHER;
		t->start = i;
		t->end = i;
		while (t->end < len && b[t->end] != '\n' && b[t->end] != '\r')
			t->end++;
		return true;
	}
	if (b[i] == '\\' && k < len && b[k] == '#') {
		t->kind = TK_COMMENT;
		t->dir = D_OTHER;
		t->start = i;
		t->end = k;
		return true;
	}
	if (b[i] != '@')
		return false;
	while (k < len && (isupper((unsigned char)b[k]) ||
			   isdigit((unsigned char)b[k]) || b[k] == '_'))
		k++;
	if (k == i + 1 || k >= len || b[k] != '@')
		return false;
	t->kind = TK_PH;
	t->dir = D_OTHER;
	t->start = i;
	t->end = k + 1;
	return true;
}

/* MikoPBX: {VAR}. */
static bool
brace_at(const char *b, size_t len, size_t i, struct tok *t)
{
	size_t k = i + 1;

	if (b[i] != '{' || k >= len || !isupper((unsigned char)b[k]))
		return false;
	while (k < len && (isupper((unsigned char)b[k]) ||
			   isdigit((unsigned char)b[k]) || b[k] == '_'))
		k++;
	if (k >= len || b[k] != '}')
		return false;
	t->kind = TK_PH;
	t->dir = D_OTHER;
	t->start = i;
	t->end = k + 1;
	return true;
}

/* What each dialect is made of: its recogniser and the bytes that may
 * start one of its tokens. */
static const struct {
	tok_fn at;
	const char *triggers;
} dialects[YCFG_TPL__COUNT] = {
	[YCFG_TPL_SMARTY] = { smarty_at, "{" },
	[YCFG_TPL_JINJA] = { jinja_at, "{" },
	[YCFG_TPL_PROVISIONER] = { smarty_at, "{" },
	[YCFG_TPL_THREECX] = { threecx_at, "{%" },
	[YCFG_TPL_BLADE] = { blade_at, "{@" },
	[YCFG_TPL_SHELL] = { shell_at, "$#" },
	[YCFG_TPL_ATVAR] = { atvar_at, "@\\#" },
	[YCFG_TPL_BRACE] = { brace_at, "{" },
};

/* ------------------------------------------------------------------ */
/* detection                                                            */
/* ------------------------------------------------------------------ */

/* Detection reads the start of a file: templates show their syntax early,
 * and a large plain file costs no more than this. */
#define DETECT_MAX 65536

/* How many tokens of dialect d the first DETECT_MAX bytes hold, by kind.
 * memchr hops from one trigger byte to the next, so a plain file costs a
 * few vectorised scans. */
static void
count_tokens(enum ycfg_dialect d, const char *b, size_t len, size_t *ph,
	     size_t *dir)
{
	size_t n = len < DETECT_MAX ? len : DETECT_MAX;

	*ph = *dir = 0;
	for (const char *tr = dialects[d].triggers; *tr != '\0'; tr++) {
		const char *p = b, *end = b + n;
		struct tok t;

		while (p < end && (p = memchr(p, *tr, (size_t)(end - p)))) {
			if (!dialects[d].at(b, n, (size_t)(p - b), &t)) {
				p++;
				continue;
			}
			if (t.kind == TK_PH)
				(*ph)++;
			else
				(*dir)++;
			p = b + t.end;
		}
	}
}

enum ycfg_dialect
ycfg_template_detect(const char *path, const char *buf, size_t len)
{
	size_t ph, dir;

	if (path != NULL && ends_with(path, ".blade.php"))
		return YCFG_TPL_BLADE;
	if (path != NULL && (ends_with(path, ".j2") ||
			     ends_with(path, ".jinja") ||
			     ends_with(path, ".jinja2") ||
			     ends_with(path, ".twig")))
		return YCFG_TPL_JINJA;

	bool named = path != NULL && ycfg_template_path(path);

	if (buf == NULL)
		return YCFG_TPL_NONE;
	if (len > DETECT_MAX)
		len = DETECT_MAX;
	/* the clearest signs first: tags no provisioning value holds */
	count_tokens(YCFG_TPL_JINJA, buf, len, &ph, &dir);
	if (dir > 0 || ph >= 2 || (named && ph > 0))
		return YCFG_TPL_JINJA;
	count_tokens(YCFG_TPL_SMARTY, buf, len, &ph, &dir);
	if (dir > 0 || ph >= 2 || (named && ph > 0)) {
		return memmem(buf, len, "{line_loop}", 11)
			       ? YCFG_TPL_PROVISIONER : YCFG_TPL_SMARTY;
	}
	count_tokens(YCFG_TPL_THREECX, buf, len, &ph, &dir);
	if (dir > 0 || ph >= 2)
		return YCFG_TPL_THREECX;
	count_tokens(YCFG_TPL_BLADE, buf, len, &ph, &dir);
	if (dir > 0)
		return YCFG_TPL_BLADE;
	if (memmem(buf, len, "[phoneprov]", 11) != NULL) {
		count_tokens(YCFG_TPL_ATVAR, buf, len, &ph, &dir);
		if (ph > 0)
			return YCFG_TPL_ATVAR;
	}
	count_tokens(YCFG_TPL_SHELL, buf, len, &ph, &dir);
	/* $ in a password is common: a #INCLUDE line, or several values
	 * that are one $name each */
	if (dir > 0 || (ph >= 3 && named))
		return YCFG_TPL_SHELL;
	if (ph >= 2) {
		size_t whole = 0;

		for (const char *p = buf; (p = memchr(p, '=', len -
						       (size_t)(p - buf)));
		     p++) {
			const char *v = p + 1;

			while (v < buf + len && *v == ' ')
				v++;
			if (v < buf + len && *v == '$') {
				size_t wl = word_len(v + 1, len - (size_t)(v +
									1 - buf));
				const char *e = v + 1 + wl;

				while (e < buf + len && (*e == ' ' || *e == '\r'))
					e++;
				whole += wl > 0 && (e == buf + len || *e == '\n');
			}
		}
		if (whole >= 2)
			return YCFG_TPL_SHELL;
	}
	count_tokens(YCFG_TPL_BRACE, buf, len, &ph, &dir);
	if (ph >= 2) {
		/* Yealink's own {L}_{1} label rules are one-letter: ask for
		 * names of two letters or more */
		size_t longer = 0;
		struct tok t;

		for (size_t i = 0; i < len && longer < 2; i++)
			if (buf[i] == '{' && brace_at(buf, len, i, &t) &&
			    t.end - t.start > 3)
				longer++;
		if (longer >= 2)
			return YCFG_TPL_BRACE;
	}
	/* a template by name without any sign: nothing to read differently */
	return YCFG_TPL_NONE;
}

enum ycfg_dialect
ycfg_template_guess(const char *path, const char *buf, size_t len)
{
	enum ycfg_dialect d = ycfg_template_detect(path, buf, len);
	size_t best = 0;

	if (d != YCFG_TPL_NONE)
		return d;
	d = YCFG_TPL_JINJA;
	for (int k = 1; k < YCFG_TPL__COUNT; k++) {
		size_t ph, dir;

		count_tokens((enum ycfg_dialect)k, buf, len, &ph, &dir);
		if (ph + dir > best) {
			best = ph + dir;
			d = (enum ycfg_dialect)k;
		}
	}
	return d;
}

/* ------------------------------------------------------------------ */
/* the scan                                                             */
/* ------------------------------------------------------------------ */

void
ycfg_template_init(struct ycfg_template *t)
{
	memset(t, 0, sizeof(*t));
	t->first_line = 1;
}

void
ycfg_template_reset(struct ycfg_template *t)
{
	/* line_arm is only written by a scan, which sets dialect */
	if (t->dialect != YCFG_TPL_NONE && t->line_arm != NULL)
		memset(t->line_arm, 0, t->nlines * sizeof(*t->line_arm));
	t->dialect = YCFG_TPL_NONE;
	t->nph = t->narms = t->nbl = t->ncont = 0;
	t->nalts = t->nalt_text = t->njoins = 0;
	t->first_line = 1;
	t->header_included = false;
}

void
ycfg_template_free(struct ycfg_template *t)
{
	free(t->ph);
	free(t->arms);
	free(t->line_arm);
	free(t->bl);
	free(t->cont);
	free(t->alts);
	free(t->alt_text);
	free(t->joins);
	ycfg_template_init(t);
}

struct scan {
	enum ycfg_dialect d;
	char *b;
	size_t len;
	struct ycfg_template *t;
	uint32_t cur;          /* arm index + 1, 0: none */
	uint32_t nblocks;
	unsigned line;
	bool content;          /* the line has content (not blanked) */
	bool any_content;
	int oom;
	/* Jinja/Twig whitespace control joins lines when rendered: "{%-"
	 * trims the blanks and newlines before a tag, "-%}" those after,
	 * and a block tag's own newline goes.  Content that lands on a
	 * rendered line begun on an earlier line of the file continues that
	 * line's value: it is blanked and that line marked. */
	bool wsctl;
	unsigned rline;        /* the line the rendered line began on */
	bool rcontent;         /* the rendered line has content */
	bool cont;             /* this line's content continues rline */
	bool trim_after;       /* a "-%}" trims the blanks that follow */
	bool eat_nl;           /* a block tag just ended: its newline goes */
	bool implicit;         /* a newline of the rendered line went only by
	                        * that rule (Twig's, Jinja's trim_blocks) */
	size_t run_end;        /* the run of blanks being read, and */
	bool run_trim;         /* whether a "{%-" after it trims it */
	struct {
		unsigned rline;
		bool rcontent;
	} saved[64];           /* at each open if or loop */
	unsigned depth;
};

static void
blank(struct scan *s, size_t from, size_t to)
{
	struct ycfg_template *t = s->t;

	if (from >= to)
		return;
	for (size_t i = from; i < to; i++)
		if (s->b[i] != '\n' && s->b[i] != '\r')
			s->b[i] = ' ';
	if (t->nbl > 0 && t->bl[t->nbl - 1].end >= from) {
		if (t->bl[t->nbl - 1].end < to)
			t->bl[t->nbl - 1].end = (uint32_t)to;
		return;
	}
	if (ycfg_vec_reserve(&t->bl, &t->capbl, t->nbl + 1, sizeof(*t->bl),
			     64) != 0) {
		s->oom = 1;
		return;
	}
	t->bl[t->nbl++] = (struct ycfg_tpl_span){ (uint32_t)from,
						   (uint32_t)to };
}

static void
add_ph(struct scan *s, size_t start, size_t end)
{
	struct ycfg_template *t = s->t;

	if (ycfg_vec_reserve(&t->ph, &t->capph, t->nph + 1, sizeof(*t->ph),
			     64) != 0) {
		s->oom = 1;
		return;
	}
	t->ph[t->nph++] = (struct ycfg_tpl_span){ (uint32_t)start,
						   (uint32_t)end };
}

/* What an arm's opening tag says, as a hash of its text without blanks
 * and trim markers, chained to the arms before it in its block: two ifs
 * written alike have arms that render together. */
static uint32_t
tag_hash(const char *b, size_t start, size_t end, uint32_t before)
{
	uint32_t h = before ^ 2166136261u;

	for (size_t i = start; i < end; i++) {
		char c = b[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == '-' || c == '+' || c == '~')
			continue;
		h = (h ^ (unsigned char)c) * 16777619u;
	}
	return h;
}

/* True when an if's tag picks out one pass of a loop: it names first or
 * last ({% if loop.first %}, $smarty.foreach.x.first) or compares with a
 * number ({if $row.line_number == 1}). */
static bool
picks_one_pass(const char *b, size_t start, size_t end)
{
	static const char *const marks[] = { "first", "last" };
	static const char *const counters[] = {
		"index", "iteration", "line_number", "line", "number", "count",
	};
	const char *t = b + start, *e = b + end;

	/* loop.first, $smarty.foreach.x.last, @first, $loop->first: a word
	 * of its own after '.', '@' or '->' */
	for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		size_t ml = strlen(marks[k]);

		for (const char *p = t; (p = memmem(p, (size_t)(e - p), marks[k],
						     ml)) != NULL; p += ml)
			if (p > t && (p[-1] == '.' || p[-1] == '@' ||
				      p[-1] == '>') &&
			    (p + ml == e || !(isalnum((unsigned char)p[ml]) ||
					      p[ml] == '_')))
				return true;
	}
	/* a counter compared with a number: $row.line_number == 1 */
	for (const char *p = t; (p = memmem(p, (size_t)(e - p), "==", 2));
	     p += 2) {
		const char *q = p + 2, *w = p;

		while (q < e && (*q == ' ' || *q == '\'' || *q == '"'))
			q++;
		if (q >= e || !isdigit((unsigned char)*q))
			continue;
		while (w > t && w[-1] == ' ')
			w--;

		const char *word = w;

		while (word > t && (isalnum((unsigned char)word[-1]) ||
				    word[-1] == '_'))
			word--;
		if (w - word == 1)
			return true;    /* $i == 1, $row.n == 1 */
		for (size_t k = 0; k < sizeof(counters) / sizeof(counters[0]);
		     k++) {
			size_t cl = strlen(counters[k]);

			if ((size_t)(w - t) >= cl &&
			    strncasecmp(w - cl, counters[k], cl) == 0)
				return true;
		}
	}
	return false;
}

static uint32_t
add_arm(struct scan *s, uint32_t parent, uint32_t block, uint32_t arm,
	uint32_t cond, bool loop, bool once)
{
	struct ycfg_template *t = s->t;

	if (ycfg_vec_reserve(&t->arms, &t->caparms, t->narms + 1,
			     sizeof(*t->arms), 32) != 0) {
		s->oom = 1;
		return s->cur;
	}
	t->arms[t->narms++] = (struct ycfg_tpl_arm){
		.parent = parent, .block = block, .arm = arm, .cond = cond,
		.loop = loop, .once = once, .line = s->line,
	};
	return (uint32_t)t->narms;
}

/* Records that line continues on later lines of the file. */
static void
add_cont(struct scan *s, unsigned line)
{
	struct ycfg_template *t = s->t;

	if (t->ncont > 0 && t->cont[t->ncont - 1] == line)
		return;
	if (ycfg_vec_reserve(&t->cont, &t->capcont, t->ncont + 1,
			     sizeof(*t->cont), 16) != 0) {
		s->oom = 1;
		return;
	}
	/* ascending: an else arm may go back to an earlier line */
	size_t k = t->ncont++;

	while (k > 0 && t->cont[k - 1] > line)
		k--;
	if (k > 0 && t->cont[k - 1] == line) {
		t->ncont--;
		return;
	}
	memmove(t->cont + k + 1, t->cont + k,
		(t->ncont - 1 - k) * sizeof(*t->cont));
	t->cont[k] = line;
}

/* True when the text at `at` up to the end of its line reads as a setting:
 * a key (with a '.' and no blank) before a '='. */
static bool
looks_like_setting(const struct scan *s, size_t at)
{
	size_t e = at, dot = 0;
	unsigned braces = 0;     /* blanks inside {{ n }} are the key's */

	while (e < s->len && s->b[e] != '\n' && s->b[e] != '=') {
		if (s->b[e] == '{')
			braces++;
		else if (s->b[e] == '}' && braces > 0)
			braces--;
		else if ((s->b[e] == ' ' || s->b[e] == '\t') && braces == 0)
			break;
		dot += s->b[e] == '.' && braces == 0;
		e++;
	}
	while (e < s->len && (s->b[e] == ' ' || s->b[e] == '\t'))
		e++;
	return dot > 0 && e < s->len && s->b[e] == '=';
}

/* The line's arm, at its first content (at `at`); with whitespace control,
 * whether its content continues an earlier line (s->cont: the caller
 * blanks it), and whether that joins a setting to the earlier line. */
static void
mark_content(struct scan *s, size_t at)
{
	struct ycfg_template *t = s->t;

	if (s->content)
		return;
	s->content = true;
	if (s->wsctl) {
		/* a setting that only Twig's block-tag rule would join is
		 * read on its own line, as plain Jinja renders it: either
		 * way it is not swallowed */
		bool own = s->implicit && looks_like_setting(s, at);

		if (!s->rcontent || own) {
			s->rline = s->line;
			s->rcontent = true;
			s->implicit = false;
		} else if (s->rline != s->line) {
			s->cont = true;
			add_cont(s, s->rline);
			if (looks_like_setting(s, at)) {
				if (ycfg_vec_reserve(&t->joins, &t->capjoins,
						     t->njoins + 1,
						     sizeof(*t->joins), 4) != 0) {
					s->oom = 1;
					return;
				}
				t->joins[t->njoins++] = (struct ycfg_tpl_join){
					.line = s->line, .at = (uint32_t)at,
					.onto = s->rline,
				};
			}
			return;
		}
	}
	if (!s->any_content) {
		s->any_content = true;
		t->first_line = s->line;
	}
	if (s->line >= t->nlines) {
		size_t cap = t->nlines, old = t->nlines;

		if (ycfg_vec_reserve(&t->line_arm, &cap, s->line + 1,
				     sizeof(*t->line_arm), 256) != 0) {
			s->oom = 1;
			return;
		}
		/* lines without content are outside every if */
		memset(t->line_arm + old, 0, (cap - old) * sizeof(*t->line_arm));
		t->nlines = cap;
	}
	t->line_arm[s->line] = s->cur;
}

/* The other arms of an inline if: where each elif/else tag starts and
 * where its text starts. */
#define INLINE_ARMS 16
struct inline_arms {
	size_t tag[INLINE_ARMS], text[INLINE_ARMS];
	unsigned n;
};

/* For an if at tok: on the same line, its matching endif (in *endif) and
 * its other arms (in *arms; the first arm ends where the first of them
 * starts, or at the endif).  False when it ends on another line than the
 * if tag does. */
static bool
inline_if(const struct scan *s, const struct tok *tok, struct tok *endif,
	  struct inline_arms *arms)
{
	int depth = 0;
	struct tok t;

	arms->n = 0;
	for (size_t i = tok->end; i < s->len && s->b[i] != '\n'; i++) {
		if (strchr(dialects[s->d].triggers, s->b[i]) == NULL ||
		    !dialects[s->d].at(s->b, s->len, i, &t))
			continue;
		if (t.kind == TK_DIRECTIVE) {
			if (t.dir == D_IF) {
				depth++;
			} else if ((t.dir == D_ELIF || t.dir == D_ELSE) &&
				   depth == 0) {
				if (arms->n < INLINE_ARMS) {
					arms->tag[arms->n] = t.start;
					arms->text[arms->n++] = t.end;
				}
			} else if (t.dir == D_ENDIF && depth-- == 0) {
				*endif = t;
				return true;
			}
		}
		i = t.end - 1;
	}
	return false;
}

/* True when the line holding offset at has a '=' before it (the token is
 * in a value). */
static bool
after_equals(const struct scan *s, size_t at)
{
	size_t i = at;

	while (i > 0 && s->b[i - 1] != '\n')
		i--;
	return memchr(s->b + i, '=', at - i) != NULL;
}

/* Whitespace control: the rendered line's state at the ifs and loops
 * (each arm starts where the if did). */
static void
wsctl_directive(struct scan *s, enum tok_dir dir)
{
	switch (dir) {
	case D_IF:
	case D_FOR:
		if (s->depth < sizeof(s->saved) / sizeof(s->saved[0])) {
			s->saved[s->depth].rline = s->rline;
			s->saved[s->depth].rcontent = s->rcontent;
		}
		s->depth++;
		break;
	case D_ELIF:
	case D_ELSE:
		if (s->depth > 0 &&
		    s->depth <= sizeof(s->saved) / sizeof(s->saved[0])) {
			s->rline = s->saved[s->depth - 1].rline;
			s->rcontent = s->saved[s->depth - 1].rcontent;
		} else if (s->depth > 0) {
			/* deeper than kept: the arm starts a line of its own */
			s->rline = s->line;
			s->rcontent = false;
		}
		break;
	case D_ENDIF:
	case D_ENDFOR:
		if (s->depth > 0)
			s->depth--;
		break;
	default:
		break;
	}
}

/* Whitespace control: true when the run of blanks and newlines at i is
 * trimmed by a "{%-", "{{-" or "{#-" after it.  Each run is read once. */
static bool
run_trimmed(struct scan *s, size_t i)
{
	const char *b = s->b;

	if (i >= s->run_end) {
		size_t j = i;

		while (j < s->len && (b[j] == ' ' || b[j] == '\t' ||
				      b[j] == '\r' || b[j] == '\n'))
			j++;
		s->run_end = j;
		s->run_trim = j + 2 < s->len && b[j] == '{' &&
			      (b[j + 1] == '%' || b[j + 1] == '{' ||
			       b[j + 1] == '#') && b[j + 2] == '-';
	}
	return s->run_trim;
}

static void next_line(struct scan *s, bool rendered);

/* The newlines inside a tag or a skipped stretch [from, to): lines of the
 * file that render no line break. */
static void
count_lines(struct scan *s, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (s->b[k] == '\n')
			next_line(s, false);
}

/* A new line of the file, after a newline in the text or in a tag. */
static void
next_line(struct scan *s, bool rendered)
{
	s->line++;
	s->content = false;
	s->cont = false;
	if (rendered) {
		s->rline = s->line;
		s->rcontent = false;
		s->implicit = false;
	}
}

static void
directive(struct scan *s, const struct tok *t)
{
	struct ycfg_template *tp = s->t;

	if (s->wsctl)
		wsctl_directive(s, t->dir);

	switch (t->dir) {
	case D_IF:
	case D_FOR:    /* a loop body may run no time: an arm too */
		s->nblocks++;
		s->cur = add_arm(s, s->cur, s->nblocks, 0,
				 tag_hash(s->b, t->start, t->end, 0),
				 t->dir == D_FOR, t->dir == D_IF &&
				 picks_one_pass(s->b, t->start, t->end));
		break;
	case D_ELIF:
	case D_ELSE:
		if (s->cur != 0) {
			const struct ycfg_tpl_arm a = tp->arms[s->cur - 1];

			s->cur = add_arm(s, a.parent, a.block, a.arm + 1,
					 tag_hash(s->b, t->start, t->end,
						  a.cond), false,
					 t->dir == D_ELIF &&
					 picks_one_pass(s->b, t->start,
							t->end));
		}
		break;
	case D_ENDIF:
		/* a stray endif inside a loop does not end the loop */
		if (s->cur != 0 && !tp->arms[s->cur - 1].loop)
			s->cur = tp->arms[s->cur - 1].parent;
		break;
	case D_ENDFOR:
		/* the innermost loop ends, with any if left open in it */
		for (uint32_t x = s->cur; x != 0; x = tp->arms[x - 1].parent)
			if (tp->arms[x - 1].loop) {
				s->cur = tp->arms[x - 1].parent;
				break;
			}
		break;
	case D_INCLUDE:
		if (!s->any_content)
			tp->header_included = true;
		break;
	default:
		break;
	}
}

/* Keeps the text of another arm of an inline if, [from, to), before it
 * is blanked: when it is plain text (no token of the dialect) the linter
 * checks it as the setting it is. */
static void
add_alt(struct scan *s, size_t from, size_t to)
{
	struct ycfg_template *t = s->t;
	struct tok tok;

	for (size_t i = from; i < to; i++)
		if (strchr(dialects[s->d].triggers, s->b[i]) != NULL &&
		    dialects[s->d].at(s->b, to, i, &tok))
			return;
	if (ycfg_vec_reserve(&t->alts, &t->capalts, t->nalts + 1,
			     sizeof(*t->alts), 8) != 0 ||
	    ycfg_vec_reserve(&t->alt_text, &t->capalt_text,
			     t->nalt_text + (to - from) + 1, 1, 256) != 0) {
		s->oom = 1;
		return;
	}
	memcpy(t->alt_text + t->nalt_text, s->b + from, to - from);
	t->alts[t->nalts++] = (struct ycfg_tpl_alt){
		.line = s->line, .at = (uint32_t)from,
		.text = (uint32_t)t->nalt_text, .len = (uint32_t)(to - from),
	};
	t->nalt_text += to - from;
	t->alt_text[t->nalt_text++] = '\0';
}

int
ycfg_template_scan(enum ycfg_dialect d, char *buf, size_t len,
		   struct ycfg_template *t)
{
	struct scan s = { .d = d, .b = buf, .len = len, .t = t, .line = 1 };
	size_t skip_from = 0, skip_to = 0;   /* other arms of an inline if */
	size_t tail = len;                   /* where the file stops counting */
	uint32_t inline_parent = 0;          /* its enclosing arm + 1 */

	ycfg_template_reset(t);
	if ((unsigned)d >= YCFG_TPL__COUNT || dialects[d].at == NULL ||
	    len > UINT32_MAX)
		return 0;
	t->dialect = d;
	/* AstLinux: the phone file is the [phoneprov] section, up to the
	 * next section */
	if (d == YCFG_TPL_ATVAR) {
		const char *sec = memmem(buf, len, "\n[phoneprov]", 12);
		bool first = len >= 11 && memcmp(buf, "[phoneprov]", 11) == 0;

		if (first || sec != NULL) {
			size_t end = first ? 11 : (size_t)(sec - buf) + 12, next;

			while (end < len && buf[end] != '\n')
				end++;
			blank(&s, 0, end);
			for (next = end; next < len; next++)
				if (buf[next] == '[' && buf[next - 1] == '\n')
					break;
			/* the sections after it: blanked after the scan, so
			 * that the blanked spans stay in order */
			tail = next;
		}
	}
	s.wsctl = d == YCFG_TPL_JINJA;
	s.rline = 1;
	s.len = tail;
	for (size_t i = 0; i < tail && !s.oom; i++) {
		char c = buf[i];
		struct tok tok;

		if (skip_to != 0 && i >= skip_from) {
			blank(&s, skip_from, skip_to);
			count_lines(&s, skip_from, skip_to);
			i = skip_to - 1;
			skip_to = 0;
			s.cur = inline_parent - 1;
			continue;
		}
		if (c == '\n') {
			bool trimmed = s.wsctl && (s.trim_after ||
						   run_trimmed(&s, i));
			bool eaten = trimmed || (s.wsctl && s.eat_nl);

			s.implicit |= eaten && !trimmed;
			s.eat_nl = false;
			next_line(&s, !eaten);
			continue;
		}
		if (s.wsctl && (c == ' ' || c == '\t' || c == '\r')) {
			if (s.trim_after || run_trimmed(&s, i))
				blank(&s, i, i + 1);
			if (c != '\r')
				s.eat_nl = false;
			continue;
		}
		s.trim_after = false;
		s.eat_nl = false;
		if (strchr(dialects[d].triggers, c) == NULL || c == '\0' ||
		    !dialects[d].at(buf, tail, i, &tok)) {
			if (c != ' ' && c != '\t' && c != '\r') {
				mark_content(&s, i);
				if (s.cont)
					blank(&s, i, i + 1);
			}
			continue;
		}
		/* read before the tag is blanked: "-%}", "-}}", "-#}" trim
		 * what follows; a block tag or comment alone at the start of
		 * its line takes its newline along (Twig, trim_blocks), unless
		 * it ends "+%}".  (After content it would glue the next line
		 * to a setting, which plain Jinja does not: the line is read
		 * on its own.) */
		bool trims = tok.end - tok.start >= 3 && buf[tok.end - 3] == '-';
		bool block = tok.end - tok.start >= 3 && !s.content &&
			     buf[tok.end - 3] != '+' &&
			     (buf[tok.end - 2] == '%' || buf[tok.end - 2] == '#');

		switch (tok.kind) {
		case TK_PH:
			mark_content(&s, tok.start);
			if (s.cont)
				blank(&s, tok.start, tok.end);
			else
				add_ph(&s, tok.start, tok.end);
			count_lines(&s, tok.start, tok.end);
			break;
		case TK_COMMENT:
			count_lines(&s, tok.start, tok.end);
			blank(&s, tok.start, tok.end);
			break;
		case TK_DIRECTIVE: {
			struct tok endif;
			struct inline_arms arms;

			if (tok.dir == D_IF && skip_to == 0 &&
			    inline_if(&s, &tok, &endif, &arms)) {
				if (after_equals(&s, tok.start)) {
					/* part of a value: any value */
					mark_content(&s, tok.start);
					trims = buf[endif.end - 3] == '-';
					block = false;
					if (s.cont)
						blank(&s, tok.start, endif.end);
					else
						add_ph(&s, tok.start, endif.end);
					count_lines(&s, tok.start, endif.end);
					tok.end = endif.end;
					break;
				}
				/* a setting in each arm: the first is read,
				 * as the line's own arm of an if */
				inline_parent = s.cur + 1;
				s.nblocks++;
				s.cur = add_arm(&s, s.cur, s.nblocks, 0,
						tag_hash(buf, tok.start, tok.end,
							 0), false,
						picks_one_pass(buf, tok.start,
							       tok.end));
				blank(&s, tok.start, tok.end);
				count_lines(&s, tok.start, tok.end);
				skip_from = arms.n ? arms.tag[0] : endif.start;
				skip_to = endif.end;
				for (unsigned k = 0; k < arms.n; k++)
					add_alt(&s, arms.text[k],
						k + 1 < arms.n ? arms.tag[k + 1]
							       : endif.start);
				break;
			}
			/* the arm starts on the tag's line; the tag is read
			 * before it is blanked */
			directive(&s, &tok);
			count_lines(&s, tok.start, tok.end);
			blank(&s, tok.start, tok.end);
			break;
		}
		}
		if (s.wsctl) {
			s.trim_after = trims;
			s.eat_nl = block;
		}
		i = tok.end - 1;
	}
	blank(&s, tail, len);
	return s.oom ? -1 : 0;
}

bool
ycfg_template_continued(const struct ycfg_template *t, unsigned line)
{
	size_t lo = 0, hi = t->ncont;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->cont[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->ncont && t->cont[lo] == line;
}

bool
ycfg_template_blanked(const struct ycfg_template *t, size_t at)
{
	size_t lo = 0, hi = t->nbl;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->bl[mid].end <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->nbl && t->bl[lo].start <= at;
}

bool
ycfg_template_has_own_ws(const struct ycfg_template *t, const char *buf,
			 size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		if ((buf[i] == ' ' || buf[i] == '\t') &&
		    !ycfg_template_blanked(t, i))
			return true;
	return false;
}

bool
ycfg_template_has_ph(const struct ycfg_template *t, size_t start, size_t end)
{
	const struct ycfg_tpl_span *p = ycfg_template_ph_from(t, start);

	return p != NULL && p->start < end;
}

const struct ycfg_tpl_span *
ycfg_template_ph_from(const struct ycfg_template *t, size_t at)
{
	size_t lo = 0, hi = t->nph;

	/* the first span that ends after at */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->ph[mid].end <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->nph ? &t->ph[lo] : NULL;
}

/* True when arm q (index + 1) is on the chain from arm p outwards, or
 * one written alike is. */
static bool
covered(const struct ycfg_template *t, uint32_t p, uint32_t q)
{
	const struct ycfg_tpl_arm *aq = &t->arms[q - 1];

	for (; p != 0; p = t->arms[p - 1].parent) {
		const struct ycfg_tpl_arm *ap = &t->arms[p - 1];

		if (p == q || (ap->cond == aq->cond && ap->arm == aq->arm &&
			       ap->loop == aq->loop))
			return true;
	}
	return false;
}

bool
ycfg_template_implies(const struct ycfg_template *t, unsigned a, unsigned b)
{
	uint32_t xa = a < t->nlines ? t->line_arm[a] : 0;
	uint32_t xb = b < t->nlines ? t->line_arm[b] : 0;

	/* every arm around b is one around a, or written alike */
	for (uint32_t q = xb; q != 0; q = t->arms[q - 1].parent)
		if (!covered(t, xa, q))
			return false;
	return true;
}

unsigned
ycfg_template_loop_line(const struct ycfg_template *t, unsigned line)
{
	for (uint32_t x = line < t->nlines ? t->line_arm[line] : 0; x != 0;
	     x = t->arms[x - 1].parent) {
		if (t->arms[x - 1].once)
			return 0;
		if (t->arms[x - 1].loop)
			return t->arms[x - 1].line;
	}
	return 0;
}
