/*
 * conditions.h - the parameters' conditions, judged on a phone's
 * effective configuration.
 *
 * A schema entry's conditions ("requires" in the schema file) say which
 * other settings must have which values for it to take effect.  They are
 * judged on effective values, after layering and -1 fallbacks, and a
 * setting that cannot take effect is reported as ineffective-setting at
 * the line that set it, naming where each value came from.
 */
#ifndef YCFG_CONDITIONS_H
#define YCFG_CONDITIONS_H

#include <stddef.h>

#include "ycfg/diag.h"
#include "ycfg/doc.h"
#include "ycfg/schema.h"

/* Judges the conditions of every setting of layers[target] that is still
 * effective, with values taken from all the layers (lowest first) under
 * overwrite_mode (0 or 1).  Settings whose own value was invalid, and
 * conditions on values that are unknown or invalid, are not judged. */
void ycfg_conditions_judge(const struct ycfg_schema *s,
			   const struct ycfg_doc *const *layers,
			   size_t nlayers, size_t target, int overwrite_mode,
			   struct ycfg_diags *d);

#endif
