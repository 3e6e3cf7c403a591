#pragma once

#include <gtk/gtk.h>

#include "tess-variables.h"

G_BEGIN_DECLS

/* Gives the variables in scope now (a new reference), or NULL. */
typedef TessVariables *(*TessVariablesGetter) (gpointer user_data);

/* Colours each {{name}} in @entry's text (defined or not, looked up through
 * @getter) and shows the expanded text and each variable's value in the
 * entry's tooltip. @user_data must outlive @entry. */
void  tess_variable_entry_attach      (GtkEntry            *entry,
                                       TessVariablesGetter  getter,
                                       gpointer             user_data);
/* Re-colours after the variables in scope changed (another environment). */
void  tess_variable_entry_refresh     (GtkEntry            *entry);
/* What the tooltip shows, or NULL when the text has no variables. */
char *tess_variable_entry_dup_tooltip (GtkEntry            *entry);

G_END_DECLS
