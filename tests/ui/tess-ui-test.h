/* What the desktop tests share: starting GTK under Xvfb, the application and
 * its window, waiting for frames, finding widgets and PNG snapshots. */
#pragma once

#include <gtk/gtk.h>

#include "tess-application.h"
#include "tess-window.h"

G_BEGIN_DECLS

typedef gboolean (*TessUiTestMatch) (GtkWidget     *widget,
                                     gconstpointer  data);

gboolean         tess_ui_test_check_display   (int              *argc,
                                               char           ***argv,
                                               const char       *test_path,
                                               const char       *reason);
char            *tess_ui_test_make_workspace  (void);
void             tess_ui_test_init_gtk        (int              *argc,
                                               char           ***argv,
                                               gboolean          animations);
TessApplication *tess_ui_test_app_new         (GApplicationFlags flags);
TessWindow      *tess_ui_test_app_activate    (TessApplication  *app);
void             tess_ui_test_quit            (TessApplication  *app,
                                               GtkWindow        *window);
void             tess_ui_test_wait_loaded     (TessApplication  *app,
                                               guint             timeout_ms);

void             tess_ui_test_count_frames    (GtkWidget        *widget);
void             tess_ui_test_settle          (GtkWidget        *laid_out_widget,
                                               guint             timeout_ms);
void             tess_ui_test_focus_window    (GtkWindow        *window,
                                               guint             timeout_ms);
/* The main window at the size the screenshots are taken at (1180×760),
 * counting frames, focused. */
void             tess_ui_test_show_main_window (TessWindow   *window,
                                                guint         timeout_ms);
gboolean         tess_ui_test_can_press_keys  (GtkWidget        *widget);
void             tess_ui_test_press_key       (GtkWidget        *widget,
                                               guint             keyval,
                                               GdkModifierType   modifiers);
void             tess_ui_test_save_snapshot   (GtkWidget        *widget,
                                               GtkWidget        *popover,
                                               const char       *name);

GtkWindow       *tess_ui_test_find_toplevel   (GType             type);
GtkWindow       *tess_ui_test_wait_toplevel   (GType             type,
                                               guint             timeout_ms);
GtkWidget       *tess_ui_test_find_widget     (GtkWidget        *widget,
                                               TessUiTestMatch   match,
                                               gconstpointer     data);
GtkWidget       *tess_ui_test_find_descendant (GtkWidget        *widget,
                                               GType             type);
void             tess_ui_test_answer_dialog   (const char       *response,
                                               const char       *entry_text,
                                               guint             timeout_ms);
gint             tess_ui_test_find_row        (TessWindow       *window,
                                               const char       *name);

/* "Demo API" (collection auth, a {{base}} variable set to @base, a folder,
 * five requests) in a file of a new temporary folder; returns its path. */
char            *tess_ui_test_write_demo_collection   (const char *base);
/* A collection file in @workspace that does not parse, at its line 3. */
void             tess_ui_test_write_broken_collection (const char *workspace);

void             tess_ui_test_keep_result     (GObject          *source,
                                               GAsyncResult     *result,
                                               gpointer          user_data);
void             tess_ui_test_wait_result     (GAsyncResult    **result,
                                               guint             timeout_ms);

G_END_DECLS
