#pragma once

#include <adwaita.h>

#include "tess-item.h"
#include "tess-workspace.h"

G_BEGIN_DECLS

#define TESS_TYPE_SIDEBAR (tess_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (TessSidebar, tess_sidebar, TESS, SIDEBAR, GtkWidget)

/**
 * TessSidebar:
 *
 * The workspace's collections as a tree (collections, folders, requests with
 * their method as a coloured tag), with a filter box, a context menu and a
 * header menu to create, rename, duplicate and delete items, and drag and drop
 * to move folders and requests. Activating a request emits ::item-activated;
 * ::item-deleted follows a delete once it can no longer be undone.
 *
 * Widget actions (prefix "sidebar."): open, new-collection, new-folder,
 * new-request, rename, duplicate, delete, popup-menu. They act on the
 * selected row; "open" emits ::item-activated for any kind of item (a click
 * on a collection or folder only opens or closes it).
 */
GtkWidget  *tess_sidebar_new           (void);
/* @collections: GListModel of TessItem, or NULL. */
void        tess_sidebar_set_model     (TessSidebar   *self,
                                        GListModel    *collections);
/* Where changes are saved; without one, edits stay in memory. */
void        tess_sidebar_set_workspace (TessSidebar   *self,
                                        TessWorkspace *workspace);
void        tess_sidebar_set_loading   (TessSidebar   *self,
                                        gboolean       loading);
/* Expands the ancestors of @item, selects it and scrolls to it. */
gboolean    tess_sidebar_reveal        (TessSidebar   *self,
                                        TessItem      *item);
TessItem   *tess_sidebar_get_selected  (TessSidebar   *self);
/* The rows shown (expanded tree, filtered), GtkTreeListRow items. */
GListModel *tess_sidebar_get_rows      (TessSidebar   *self);
/* Emits ::item-activated for the row at @position (as a click would). */
void        tess_sidebar_activate_row  (TessSidebar   *self,
                                        guint          position);
/* Shows only items whose name contains @text (and their ancestors). */
void        tess_sidebar_set_filter    (TessSidebar   *self,
                                        const char    *text);
/* Moves @item (a folder or request) into @target when it is a collection or
 * folder, or after @target when it is a request; what a drop does. Saves the
 * collections involved. Returns FALSE when the move is not possible. */
gboolean    tess_sidebar_move_item     (TessSidebar   *self,
                                        TessItem      *item,
                                        TessItem      *target);
/* Opens the context menu of the row at @position, for tests and keyboards. */
void        tess_sidebar_popup_menu    (TessSidebar   *self,
                                        guint          position);
/* The toast offering to undo the last delete, while it is shown; for tests. */
AdwToast   *tess_sidebar_get_undo_toast (TessSidebar  *self);
GtkWidget  *tess_sidebar_get_search_entry (TessSidebar *self);

G_END_DECLS
