#pragma once

#include <gtk/gtk.h>

#include "tess-item.h"

G_BEGIN_DECLS

#define TESS_TYPE_SIDEBAR (tess_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (TessSidebar, tess_sidebar, TESS, SIDEBAR, GtkWidget)

/**
 * TessSidebar:
 *
 * The workspace's collections as a tree (collections, folders, requests with
 * their method as a coloured tag). Activating a request emits ::item-activated.
 */
GtkWidget  *tess_sidebar_new           (void);
/* @collections: GListModel of TessItem, or NULL. */
void        tess_sidebar_set_model     (TessSidebar *self,
                                        GListModel  *collections);
void        tess_sidebar_set_loading   (TessSidebar *self,
                                        gboolean     loading);
/* Expands the ancestors of @item, selects it and scrolls to it. */
gboolean    tess_sidebar_reveal        (TessSidebar *self,
                                        TessItem    *item);
TessItem   *tess_sidebar_get_selected  (TessSidebar *self);
/* The rows shown (expanded tree), for tests. */
GListModel *tess_sidebar_get_rows      (TessSidebar *self);
/* Emits ::item-activated for the row at @position (as a click would). */
void        tess_sidebar_activate_row  (TessSidebar *self,
                                        guint        position);

G_END_DECLS
