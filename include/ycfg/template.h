/*
 * template.h - provisioning templates read as what they will render to.
 *
 * Most Yealink files kept in repositories are templates of a PBX or
 * provisioning system.  A template is linted through a view of the same
 * length and line layout as the file (so findings point at its own lines
 * and columns): directives ({% if %}, {/if}, @foreach(...), #INCLUDE) and
 * template comments are blanked, placeholders ({{ ip }}, {$line},
 * %%pbx%%, @MAC@, $ext) stay as written and are listed as spans.  The
 * linter then reads a placeholder in a key segment as an index or name
 * wildcard, a placeholder in a value as any value (the literal text
 * around it is still checked), and keys in different arms of one if as
 * alternatives rather than duplicates.
 *
 * What a dialect is made of is data of this module; the linter knows only
 * spans, arms and the first line with content.
 */
#ifndef YCFG_TEMPLATE_H
#define YCFG_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ycfg_dialect {
	YCFG_TPL_NONE = 0,
	YCFG_TPL_SMARTY,       /* FusionPBX: {$var}, {if}...{/if}, {foreach} */
	YCFG_TPL_JINJA,        /* Jinja2, Twig, Tempita: {{ }}, {% %}, {# #} */
	YCFG_TPL_PROVISIONER,  /* Provisioner.net: {$var}, {line_loop} */
	YCFG_TPL_THREECX,      /* 3CX: %%var%%, {IF ...}{ELSE}{ENDIF} */
	YCFG_TPL_BLADE,        /* Laravel Blade: {{ }}, @if(...), @foreach */
	YCFG_TPL_SHELL,        /* SARK: $var, ${var}, #INCLUDE */
	YCFG_TPL_ATVAR,        /* AstLinux: @VAR@, [phoneprov] section */
	YCFG_TPL_BRACE,        /* MikoPBX: {VAR} */
	YCFG_TPL__COUNT
};

/* How lint treats templates: recognise them (auto), never, or read every
 * file in one dialect. */
enum ycfg_template_mode {
	YCFG_TPL_MODE_AUTO = 0,
	YCFG_TPL_MODE_NONE,
	YCFG_TPL_MODE_DIALECT,
};

/* The dialect names, for messages. */
#define YCFG_DIALECTS "smarty, jinja, provisioner, 3cx, blade, shell, " \
		      "atvar, brace"

/* "smarty", "jinja", ...; "none" for YCFG_TPL_NONE. */
const char *ycfg_dialect_name(enum ycfg_dialect d);

/* Parses a --template / template: value: "auto", "none" or a dialect
 * name (also "twig", "tempita", "jinja2" for jinja, "fusionpbx" for
 * smarty, "threecx", "sark", "astlinux", "mikopbx"), exactly as written.
 * Returns 0, or -1 when unknown (*mode and *dialect are then left as
 * they were). */
int ycfg_template_mode_parse(const char *s, enum ycfg_template_mode *mode,
			     enum ycfg_dialect *dialect);

/* True when path's name marks a template (.tpl, .tmpl, .j2, .jinja,
 * .twig, .blade.php): a directory walk lints such files too. */
bool ycfg_template_path(const char *path);

/* The dialect of a file: by its extension when it has one of a single
 * dialect, else by its content (conservatively: a file is a template only
 * on clear signs, such as {$var} or {% if %}, in its first 64 KiB; a
 * template's name lowers the bar to one placeholder); YCFG_TPL_NONE for
 * a plain provisioning file, or a .tpl without any sign.  buf may be
 * NULL when len is 0. */
enum ycfg_dialect ycfg_template_detect(const char *path, const char *buf,
				       size_t len);

/* The dialect of a file known to be a template (a configuration names
 * it so): as ycfg_template_detect, else the dialect with the most tokens
 * in it, Jinja when there are none. */
enum ycfg_dialect ycfg_template_guess(const char *path, const char *buf,
				      size_t len);

/* A byte range [start, end) of the file. */
struct ycfg_tpl_span {
	uint32_t start, end;
};

/* One arm of an if (or the body of a loop, a block of one arm): which
 * block and which arm, inside which arm. */
struct ycfg_tpl_arm {
	uint32_t parent;    /* arm index + 1 of the enclosing arm; 0: none */
	uint32_t block;     /* the if it belongs to */
	uint32_t arm;       /* 0 for the if, 1.. for elif/else */
	uint32_t cond;      /* hash of its tag's text (and the arms' before
	                     * it): ifs written alike have equal arms */
	uint32_t line;      /* where its tag is */
	bool loop;          /* the body of a loop */
	bool once;          /* an if or elif arm that picks one pass of a
	                     * loop: its tag names first or last, or
	                     * compares with a number */
};

/* The text of another arm of an inline if that the view blanked ({if
 * $a}key = 1{else}key = 2{/if} keeps the first): plain text, checked as
 * the setting it is. */
struct ycfg_tpl_alt {
	uint32_t line;              /* 1-based */
	uint32_t at;                /* its offset in the file */
	uint32_t text, len;         /* its copy in alt_text (NUL-terminated) */
};

/* Where whitespace control joins a line holding a setting to an earlier
 * line with content: the renderer writes both on one line. */
struct ycfg_tpl_join {
	uint32_t line;              /* the line joined */
	uint32_t at;                /* offset of its content */
	uint32_t onto;              /* the line it lands on */
};

struct ycfg_template {
	enum ycfg_dialect dialect;
	struct ycfg_tpl_span *ph;   /* placeholders, in order */
	size_t nph, capph;
	struct ycfg_tpl_arm *arms;
	size_t narms, caparms;
	uint32_t *line_arm;         /* per line (1-based): arm index + 1, 0:
	                             * outside every if or no content */
	size_t nlines;              /* entries of line_arm (lines past the
	                             * file's last are 0) */
	struct ycfg_tpl_span *bl;   /* blanked directives and comments, in
	                             * order */
	size_t nbl, capbl;
	struct ycfg_tpl_alt *alts;  /* other arms of inline ifs, in order */
	size_t nalts, capalts;
	char *alt_text;
	size_t nalt_text, capalt_text;
	struct ycfg_tpl_join *joins;  /* settings joined to earlier lines */
	size_t njoins, capjoins;
	uint32_t *cont;             /* lines whose setting goes on over later
	                             * lines when rendered (Jinja whitespace
	                             * control), ascending */
	size_t ncont, capcont;
	unsigned first_line;        /* first line with anything but directives
	                             * and template comments (1 when none) */
	bool header_included;       /* an include or extends comes before any
	                             * content: the version header is the
	                             * included file's */
};

void ycfg_template_init(struct ycfg_template *t);
void ycfg_template_free(struct ycfg_template *t);

/* Forgets a scan but keeps the allocations for the next file. */
void ycfg_template_reset(struct ycfg_template *t);

/* Blanks the directives and comments of dialect d in buf[0..len) (spaces;
 * line endings kept) and fills t (initialised; what it held is replaced,
 * its allocations reused).  Returns 0, or -1 when memory ran out (buf may
 * then be partly blanked). */
int ycfg_template_scan(enum ycfg_dialect d, char *buf, size_t len,
		       struct ycfg_template *t);

/* True when [start, end) overlaps a placeholder. */
bool ycfg_template_has_ph(const struct ycfg_template *t, size_t start,
			  size_t end);

/* True when the setting on line goes on over later lines when rendered
 * (their content was blanked): its value is not all in the view. */
bool ycfg_template_continued(const struct ycfg_template *t, unsigned line);

/* True when the byte at offset at was part of a directive or comment
 * (blanked by the scan). */
bool ycfg_template_blanked(const struct ycfg_template *t, size_t at);

/* True when [start, end) holds a blank (space or tab) of the template's
 * own text, not one left by blanking: buf is the scanned buffer. */
bool ycfg_template_has_own_ws(const struct ycfg_template *t, const char *buf,
			      size_t start, size_t end);

/* The placeholder that contains or follows offset at, or NULL. */
const struct ycfg_tpl_span *ycfg_template_ph_from(const struct ycfg_template *t,
						  size_t at);

/* True when line b renders whenever line a does: each if arm or loop
 * around b is around a too, or one written alike is ({if isset($x)}
 * twice, two loops over the same list).  Lines in different arms of one
 * if never both render; a line in an if or loop after one outside it
 * may not. */
bool ycfg_template_implies(const struct ycfg_template *t, unsigned a,
			   unsigned b);

/* The line of the innermost loop around line, or 0: also 0 when an if
 * between them picks one pass (see struct ycfg_tpl_arm). */
unsigned ycfg_template_loop_line(const struct ycfg_template *t,
				 unsigned line);

#endif
