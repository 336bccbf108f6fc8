/*
 * recipe.h - what a phone loads: a boot file's include lines, checked and
 * followed in order, and the stack of documents they make.
 *
 * Include paths are relative to the boot file's directory and never leave
 * it; URLs are never fetched; boot files may not include boot files.
 */
#ifndef YCFG_RECIPE_H
#define YCFG_RECIPE_H

#include <stdbool.h>
#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/fileio.h"
#include "ycfg/lint.h"

/* Most different files one boot file may bring in (documented in
 * ycfg(1); beyond it a bad-include finding says the rest are ignored). */
#define YCFG_MAX_LAYERS 256

enum ycfg_include_status {
	YCFG_INC_OK,
	YCFG_INC_URL,       /* scheme://... : never fetched */
	YCFG_INC_OUTSIDE,   /* absolute, or climbs above the boot file's dir */
	YCFG_INC_BOOT,      /* names a .boot file: would loop */
	YCFG_INC_MISSING,   /* no such file */
	YCFG_INC_NOT_FILE,  /* a directory, FIFO, device or socket */
	YCFG_INC_SKIPPED,   /* [MODEL] block for other models */
};

/* Classifies include i of a boot document and, for YCFG_INC_OK, writes
 * the path to read (relative to the boot file's directory) into buf.
 * model (NULL: none) selects [MODEL] lines; with any_model the guards are
 * ignored (lint checks every line). */
enum ycfg_include_status ycfg_include_resolve(const char *model,
					      const struct ycfg_doc *boot,
					      size_t i, bool any_model,
					      char *buf, size_t bufsz);

/* Reports the includes of a boot document that cannot take part: URLs,
 * paths outside its directory, boot files, missing files. */
void ycfg_recipe_check_includes(const struct ycfg_doc *boot,
				struct ycfg_diags *d);

/* What a provisioning file is, by its name (the guides' naming). */
enum ycfg_file_kind {
	YCFG_FILE_OTHER_CFG,    /* any other .cfg (boot files include them) */
	YCFG_FILE_OTHER_BOOT,   /* any other .boot */
	YCFG_FILE_MAC_CFG,      /* <MAC>.cfg: 12 hex digits */
	YCFG_FILE_MAC_BOOT,     /* <MAC>.boot */
	YCFG_FILE_COMMON_CFG,   /* y000000000000.cfg */
	YCFG_FILE_MODEL_CFG,    /* y0000000000XX.cfg: a model's common file */
	YCFG_FILE_COMMON_BOOT,  /* y000000000000.boot */
};

/* The kind of path's base name; for <MAC> files the MAC, lowercased,
 * goes to mac (when not NULL; "" otherwise). */
enum ycfg_file_kind ycfg_file_kind(const char *path, char mac[13]);

/* The files a boot file makes a phone load, in order. */
struct ycfg_boot_plan {
	struct ycfg_pathlist paths;   /* relative to the current directory */
	unsigned nskipped;            /* [MODEL] lines not followed: the
	                               * phone's model is unknown */
	unsigned skipped_line;        /* the first of them */
};

/* Plans boot for a phone of model (NULL: unknown; its [MODEL] lines are
 * then not followed and counted).  Lines that cannot take part (URLs,
 * missing files...) are left out: ycfg_recipe_check_includes reports
 * them.  A file included twice is loaded once, at its last place; past
 * YCFG_MAX_LAYERS files the rest are left out with a bad-include finding
 * in d (when d is not NULL).  With excluded_mode 1 a phone that has
 * [MODEL] lines loads only those.  Returns 0, or -1 when out of memory. */
int ycfg_boot_plan(const struct ycfg_doc *boot, const char *model,
		   struct ycfg_boot_plan *bp, struct ycfg_diags *d);
void ycfg_boot_plan_free(struct ycfg_boot_plan *bp);

/* What one phone's recipe depends on. */
struct ycfg_recipe_in {
	const char *dir;                    /* its directory; "" for . */
	const char *mac;                    /* 12 lowercase hex digits */
	const struct ycfg_model *model;     /* NULL: unknown */
	const struct ycfg_doc *mac_boot;    /* parsed <MAC>.boot, or NULL */
	const struct ycfg_doc *common_boot; /* y000000000000.boot, or NULL */
	bool has_mac_cfg;                   /* <MAC>.cfg exists */
	bool has_common_cfg;                /* y000000000000.cfg exists */
	const char *model_cfg;              /* the common file to use instead
	                                     * of y000000000000.cfg (the
	                                     * model's own), or NULL */
};

/* One phone and what it loads. */
struct ycfg_phone {
	char mac[13];
	const struct ycfg_model *model;     /* NULL: unknown */
	const char *model_from;             /* where the model came from */
	char *boot;                         /* boot file followed, or NULL */
	struct ycfg_pathlist layers;        /* load order, lowest first */
	int overwrite_mode;                 /* the boot file's, else 0 */
	unsigned nskipped, skipped_line;    /* see struct ycfg_boot_plan */
	bool own_cfg_loaded;                /* <MAC>.cfg is a layer */
};

/*
 * The phone's recipe, as the guides describe the load order: its
 * <MAC>.boot and the files it includes; without one, the common boot file
 * y000000000000.boot and its includes; without either, the common file
 * (the model's own y0000000000XX.cfg when given in model_cfg, else
 * y000000000000.cfg) then <MAC>.cfg.  Fills p's recipe fields (mac,
 * model and model_from are the caller's).  Returns 0, or -1 when out of
 * memory.
 */
int ycfg_phone_recipe(const struct ycfg_recipe_in *in, struct ycfg_phone *p,
		      struct ycfg_diags *d);
void ycfg_phone_free(struct ycfg_phone *p);

/* The documents of one phone, lowest priority first. */
struct ycfg_stack {
	struct ycfg_doc *docs;            /* owned */
	const struct ycfg_doc **ptrs;     /* docs[i] as layer pointers */
	size_t n, cap;
	int overwrite_mode;               /* from the boot file, default 0 */
};

void ycfg_stack_init(struct ycfg_stack *st);
void ycfg_stack_free(struct ycfg_stack *st);

/* Lints each file into a new layer, in order, with its suppression
 * comments applied (conditions are the caller's: ycfg_conditions_judge).
 * Returns 0, or -1 with err set when a file cannot be read. */
int ycfg_stack_load_files(struct ycfg_stack *st, struct ycfg_linter *l,
			  char *const *paths, size_t npaths,
			  struct ycfg_diags *d, char *err, size_t errsz);

/* Lints a boot file (its includes checked) and loads the files it plans
 * for the linter's model, with its overwrite_mode. */
int ycfg_stack_load_boot(struct ycfg_stack *st, struct ycfg_linter *l,
			 const char *path, struct ycfg_diags *d, char *err,
			 size_t errsz);

#endif
