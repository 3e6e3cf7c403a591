#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESS_TYPE_VARIABLES_EDITOR (tess_variables_editor_get_type ())
G_DECLARE_FINAL_TYPE (TessVariablesEditor, tess_variables_editor, TESS, VARIABLES_EDITOR, GtkWidget)

/**
 * TessVariablesEditor:
 *
 * Edits variables (a GPtrArray of TessKeyValue) in place: enabled, name,
 * value and type. Values of type "secret" are masked until revealed.
 * ::changed is emitted after each edit.
 */
GtkWidget    *tess_variables_editor_new          (void);
/* @list is borrowed and edited in place; NULL shows nothing. */
void          tess_variables_editor_set_list     (TessVariablesEditor *self,
                                                  GPtrArray           *list);
GPtrArray    *tess_variables_editor_get_list     (TessVariablesEditor *self);
/* The type of new variables and of those made not secret again, when they
 * had none: "default" (environments, the default) or NULL (collections,
 * whose variables carry no type unless one was read). */
void          tess_variables_editor_set_plain_type (TessVariablesEditor *self,
                                                    const char          *type);
/* Appends an empty variable and focuses its name. Returns its index. */
guint         tess_variables_editor_add_row      (TessVariablesEditor *self);
guint         tess_variables_editor_get_n_rows   (TessVariablesEditor *self);

/* Parts of row @index, for tests and keyboard focus. */
GtkEditable  *tess_variables_editor_get_entry    (TessVariablesEditor *self,
                                                  guint                index,
                                                  gboolean             value);
GtkWidget    *tess_variables_editor_get_secret_switch (TessVariablesEditor *self,
                                                       guint                index);
GtkWidget    *tess_variables_editor_get_reveal_button (TessVariablesEditor *self,
                                                       guint                index);
GtkWidget    *tess_variables_editor_get_enabled_check (TessVariablesEditor *self,
                                                       guint                index);

G_END_DECLS
