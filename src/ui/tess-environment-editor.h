#pragma once

#include <adwaita.h>

#include "tess-environment.h"
#include "tess-variables-editor.h"
#include "tess-window.h"

G_BEGIN_DECLS

#define TESS_TYPE_ENVIRONMENT_EDITOR (tess_environment_editor_get_type ())
G_DECLARE_FINAL_TYPE (TessEnvironmentEditor, tess_environment_editor, TESS, ENVIRONMENT_EDITOR, AdwPreferencesWindow)

/**
 * TessEnvironmentEditor:
 *
 * Manages the workspace's environments and globals: create, rename, delete,
 * choose the active one (the same choice as the window's selector), and edit
 * variables. Every change is saved a moment after it is made.
 */
GtkWidget           *tess_environment_editor_new        (TessWindow            *window);
/* Shows the page editing @environment (the globals included). */
void                 tess_environment_editor_edit       (TessEnvironmentEditor *self,
                                                         TessEnvironment       *environment);
/* What the Add button does: a new environment, saved and shown for editing. */
TessEnvironment     *tess_environment_editor_add_environment (TessEnvironmentEditor *self,
                                                              const char            *name);
/* The environment being edited and its parts, or NULL; for tests. */
TessEnvironment     *tess_environment_editor_get_editing (TessEnvironmentEditor *self);
TessVariablesEditor *tess_environment_editor_get_variables_editor (TessEnvironmentEditor *self);
GtkWidget           *tess_environment_editor_get_name_row (TessEnvironmentEditor *self);
/* Makes @environment (NULL: none) the active one. */
void                 tess_environment_editor_activate   (TessEnvironmentEditor *self,
                                                         TessEnvironment       *environment);

G_END_DECLS
