#pragma once

#include <adwaita.h>

#include "tess-window.h"

G_BEGIN_DECLS

#define TESS_TYPE_CURL_IMPORT_DIALOG (tess_curl_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TessCurlImportDialog, tess_curl_import_dialog, TESS, CURL_IMPORT_DIALOG, AdwMessageDialog)

/* Asks for a pasted curl command and the collection to put it in (an
 * existing one or a new one), then saves it there and opens it in a tab. */
GtkWidget *tess_curl_import_dialog_new          (TessWindow           *window);
/* Adds win.import-curl to @window. */
void       tess_curl_import_dialog_install      (TessWindow           *window);

/* What the dialog's widgets do, for tests. */
void       tess_curl_import_dialog_set_command  (TessCurlImportDialog *self,
                                                 const char           *command);
/* 0 is "New Collection", then the workspace's collections in order. */
void       tess_curl_import_dialog_set_target   (TessCurlImportDialog *self,
                                                 guint                 position);
/* Why the command cannot be imported, or NULL when it can. */
const char *tess_curl_import_dialog_get_problem (TessCurlImportDialog *self);
/* Imports and opens the request; returns it (owned by its collection). */
TessItem  *tess_curl_import_dialog_import       (TessCurlImportDialog *self,
                                                 GError              **error);

G_END_DECLS
