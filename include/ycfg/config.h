/*
 * config.h - the project configuration file, .ycfg.yaml.
 *
 *   model: T54W                 # default for --model
 *   rules:                      # per-rule level: off, info, warning, error
 *     unknown-key: error
 *     trailing-whitespace: off
 *   exclude: [bad, "*.tmp.cfg"]   # globs, see glob.h
 *   schema: [extra/site.yaml]   # extra schema files
 *   phones:                     # the model of each phone: MAC or glob
 *     "805ec0a1b2c3": T54W
 *     "0015*": T46U
 *   template: auto              # templates: auto, none or a dialect
 *   templates: [provision]      # globs naming template files
 *
 * Every key is optional; unknown keys, unknown rule ids, levels other than
 * the four above, values of the wrong kind (a list where a word is
 * expected...) and YAML syntax errors are errors reported as
 * "FILE:LINE:COL: message".  Relative schema paths and the exclude and
 * templates globs are taken relative to the directory holding the file.
 *
 * Discovery (ycfg_config_discover): from a file's directory upward, the
 * first .ycfg.yaml or .ycfg.yml wins; the search stops at a directory
 * holding .git (the repository root, searched itself) and at /.  Each
 * linted file is governed by its own nearest configuration.
 */
#ifndef YCFG_CONFIG_H
#define YCFG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "ycfg/diag.h"

#define YCFG_CONFIG_NAME ".ycfg.yaml"
#define YCFG_CONFIG_NAME_ALT ".ycfg.yml"

/* A rule the file does not mention. */
#define YCFG_CONFIG_UNSET (-2)

/* One entry of phones:, a MAC (lowercase) or glob and a model name. */
struct ycfg_phone_model {
	char *pattern;
	char *model;
};

struct ycfg_config {
	char *path;                     /* the file, as given */
	char *dir;                      /* its directory: absolute, without
	                                 * "." or ".." segments */
	char *model;                    /* or NULL */
	signed char level[YCFG_R__COUNT]; /* UNSET, YCFG_LEVEL_OFF or a
	                                 * severity */
	char **exclude;                 /* globs as written */
	size_t nexclude;
	char **schema;                  /* resolved against dir */
	size_t nschema;
	struct ycfg_phone_model *phones; /* in file order */
	size_t nphones, phones_cap;
	int template_mode;              /* UNSET or enum ycfg_template_mode */
	int template_dialect;           /* with YCFG_TPL_MODE_DIALECT */
	char **templates;               /* globs as written */
	size_t ntemplates;
	char *cwd;                      /* private: the current directory
	                                 * when loaded, for exclude */
};

/* An empty configuration: nothing set. */
void ycfg_config_init(struct ycfg_config *c);
void ycfg_config_free(struct ycfg_config *c);

/* Loads path into c (initialised).  Returns 0, or -1 with err set to
 * "PATH:LINE:COL: reason" (or "PATH: reason" when the file cannot be
 * read); c is then empty. */
int ycfg_config_load(struct ycfg_config *c, const char *path, char *err,
		     size_t errsz);

/* The same for len bytes of data (no NUL needed) read from path, which
 * names them in messages and places the configuration's directory. */
int ycfg_config_load_data(struct ycfg_config *c, const char *path,
			  const char *data, size_t len, char *err,
			  size_t errsz);

/* Searches for .ycfg.yaml (or .ycfg.yml) from start (a file: its
 * directory; a directory: itself; "-": the current directory) upward, as
 * described above.  Returns 1 with the file's path in out, 0 when there
 * is none, -2 when one directory holds both names (out: that directory),
 * -1 when out is too small or the current directory is unknown. */
int ycfg_config_discover(const char *start, char *out, size_t outsz);

/* The model phones: gives the phone with this MAC (12 lowercase hex
 * digits): the first matching entry's, or NULL. */
const char *ycfg_config_phone_model(const struct ycfg_config *c,
				    const char *mac);

/* Sets the user's rule levels of c in d. */
void ycfg_config_apply_levels(const struct ycfg_config *c,
			      struct ycfg_diags *d);

/* True when path (relative to the current directory, or absolute) lies
 * below the configuration's directory and an exclude glob matches its
 * path relative to that directory, or one of its parent directories. */
bool ycfg_config_excluded(const struct ycfg_config *c, const char *path);

/* The same for the templates globs: path names a template file. */
bool ycfg_config_is_template(const struct ycfg_config *c, const char *path);

#endif
