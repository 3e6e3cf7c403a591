#pragma once

#include <adwaita.h>

#include "tess-application.h"
#include "tess-item.h"

G_BEGIN_DECLS

#define TESS_TYPE_WINDOW (tess_window_get_type ())
G_DECLARE_FINAL_TYPE (TessWindow, tess_window, TESS, WINDOW, AdwApplicationWindow)

TessWindow  *tess_window_new               (TessApplication *application);
/* Opens @request in a tab (or shows the tab that has it); a collection or
 * folder opens its settings page. Returns the page. */
GtkWidget   *tess_window_open_item         (TessWindow      *self,
                                            TessItem        *request);
/* Imports Postman files into the workspace off the main loop and shows what
 * each held once it is in. */
void         tess_window_import_files      (TessWindow      *self,
                                            GFile          **files,
                                            guint            n_files);
/* Reveals a collection @imported brought, or says which environment it was. */
void         tess_window_show_imported     (TessWindow      *self,
                                            GObject         *imported);
/* The page of the selected tab, or NULL. */
GtkWidget   *tess_window_get_current_page  (TessWindow      *self);
guint        tess_window_get_n_pages       (TessWindow      *self);
void         tess_window_add_toast         (TessWindow      *self,
                                            const char      *message);

/* Parts, for tests. */
GtkWidget   *tess_window_get_sidebar       (TessWindow      *self);
AdwTabView  *tess_window_get_tab_view      (TessWindow      *self);
const char  *tess_window_get_problems_text (TessWindow      *self);
gboolean     tess_window_get_problems_shown (TessWindow     *self);
/* The keyring banner's text while it shows, else NULL. */
const char  *tess_window_get_secrets_banner (TessWindow     *self);
/* Environments: 0 is "No Environment", then the workspace's in order. */
void         tess_window_select_environment (TessWindow     *self,
                                             guint           position);
/* The active environment, or NULL. */
TessEnvironment *tess_window_get_environment (TessWindow    *self);
/* The Keyboard Shortcuts window once it was shown, else NULL. */
GtkWidget   *tess_window_get_shortcuts_window (TessWindow   *self);

G_END_DECLS
