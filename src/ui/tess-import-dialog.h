#pragma once

#include <adwaita.h>

#include "tess-window.h"

G_BEGIN_DECLS

#define TESS_TYPE_IMPORT_DIALOG (tess_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TessImportDialog, tess_import_dialog, TESS, IMPORT_DIALOG, AdwMessageDialog)

/* Imports pasted text: a curl command (into an existing collection or a new
 * one, then opened in a tab) or the JSON of a Postman collection,
 * environment or globals file. "Choose Files…" goes on to win.import. */
GtkWidget  *tess_import_dialog_new         (TessWindow       *window);
/* Adds win.import-dialog to @window. */
void        tess_import_dialog_install     (TessWindow       *window);

/* What the dialog's widgets do, for tests. */
void        tess_import_dialog_set_text    (TessImportDialog *self,
                                            const char       *text);
/* 0 is "New Collection", then the workspace's collections in order. */
void        tess_import_dialog_set_target  (TessImportDialog *self,
                                            guint             position);
/* Why the text cannot be imported, or NULL when it can. While a long text
 * is being checked, that is what it says. */
const char *tess_import_dialog_get_problem (TessImportDialog *self);
/* Whether a long text is being checked off the main loop; until it ends,
 * nothing is imported. */
gboolean    tess_import_dialog_get_checking (TessImportDialog *self);
/* Whether the text is Postman JSON rather than a curl command. */
gboolean    tess_import_dialog_get_is_json (TessImportDialog *self);
/* Imports what the text holds and shows it. Finishes with, for a curl
 * command, the new request (owned by its collection), for JSON the
 * collection or environment now in the workspace (transfer none), which
 * is modelled and written off the main loop. */
void        tess_import_dialog_import_async  (TessImportDialog    *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GObject    *tess_import_dialog_import_finish (TessImportDialog    *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
