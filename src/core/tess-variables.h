#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TessVariables:
 *
 * Variable scopes in Postman's precedence: global < collection < environment <
 * local (`--var`). Later scopes win. `{{name}}` references expand recursively;
 * a cycle is an error naming it. Dynamic variables (`{{$guid}}`, `{{$timestamp}}`,
 * `{{$isoTimestamp}}`, `{{$randomInt}}`, `{{$randomUUID}}`) are generated on use.
 * Unknown names are left as written and collected.
 */
typedef struct _TessVariables TessVariables;

#define TESS_TYPE_VARIABLES (tess_variables_get_type ())
GType          tess_variables_get_type   (void) G_GNUC_CONST;

typedef enum {
  TESS_SCOPE_GLOBAL,
  TESS_SCOPE_COLLECTION,
  TESS_SCOPE_ENVIRONMENT,
  TESS_SCOPE_LOCAL,
  TESS_N_SCOPES
} TessScope;

TessVariables *tess_variables_new        (void);
TessVariables *tess_variables_ref        (TessVariables *self);
void           tess_variables_unref      (TessVariables *self);

void           tess_variables_set        (TessVariables *self,
                                          TessScope      scope,
                                          const char    *name,
                                          const char    *value);
/* Adds every enabled row of a TessKeyValue list to @scope. */
void           tess_variables_set_list   (TessVariables *self,
                                          TessScope      scope,
                                          GPtrArray     *kv_list);
void           tess_variables_clear_scope (TessVariables *self,
                                           TessScope      scope);
/* The raw (unexpanded) value of the highest scope defining @name, or NULL. */
const char    *tess_variables_lookup     (TessVariables *self,
                                          const char    *name);

/* Expands every {{name}} in @text. Names that are not defined are left as written
 * and appended (once each, as new strings: give the array g_free) to
 * @unresolved when it is not NULL. Returns NULL and sets @error
 * (TESS_ERROR_VARIABLE) on a reference cycle ("variable cycle: a → b → a") or
 * references nested deeper than 20 levels. A NULL @text gives NULL, no error. */
char          *tess_variables_expand     (TessVariables *self,
                                          const char    *text,
                                          GPtrArray     *unresolved,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessVariables, tess_variables_unref)

G_END_DECLS
