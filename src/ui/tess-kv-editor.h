#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESS_TYPE_KV_EDITOR (tess_kv_editor_get_type ())
G_DECLARE_FINAL_TYPE (TessKvEditor, tess_kv_editor, TESS, KV_EDITOR, GtkWidget)

/**
 * TessKvEditor:
 *
 * Edits a list of TessKeyValue in place (params, headers, form fields) and
 * shows, below it and read-only, the entries the request will gain when it is
 * sent (auth and body), each with where it came from.
 */
GtkWidget *tess_kv_editor_new           (const char   *add_label,
                                         const char   *generated_title);
/* @list is borrowed (GPtrArray of TessKeyValue) and edited in place; ::changed
 * is emitted after each edit. Call _reload when the list was replaced or
 * changed elsewhere. */
void       tess_kv_editor_set_list      (TessKvEditor *self,
                                         GPtrArray    *list);
GPtrArray *tess_kv_editor_get_list      (TessKvEditor *self);
void       tess_kv_editor_reload        (TessKvEditor *self);
/* Value given to a new row: NULL for query params ("?flag"), "" elsewhere. */
void       tess_kv_editor_set_new_value_empty (TessKvEditor *self,
                                               gboolean      empty_string);
/* Read-only preview: @params is a GPtrArray of TessParam (those whose origin is
 * not manual are shown), or NULL; @problem is shown instead when set. */
void       tess_kv_editor_set_generated (TessKvEditor *self,
                                         GPtrArray    *params,
                                         const char   *problem);
guint      tess_kv_editor_get_n_generated (TessKvEditor *self);

/* What the Add button does: appends an empty row and focuses its name.
 * Returns the new row's index. */
guint      tess_kv_editor_add_row       (TessKvEditor *self);
guint      tess_kv_editor_get_n_rows    (TessKvEditor *self);
/* The widgets of row @index, for keyboard focus and tests. */
GtkEditable *tess_kv_editor_get_row_entry (TessKvEditor *self,
                                           guint         index,
                                           gboolean      value);
GtkCheckButton *tess_kv_editor_get_row_check (TessKvEditor *self,
                                              guint         index);

G_END_DECLS
