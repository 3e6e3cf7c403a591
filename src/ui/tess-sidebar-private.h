#pragma once

#include "tess-sidebar.h"

G_BEGIN_DECLS

/* Shared by tess-sidebar.c (tree, filter, rows) and tess-sidebar-actions.c. */
struct _TessSidebar
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *search_entry;
  GtkWidget *stack;
  GtkWidget *list_view;
  GtkWidget *context_menu;
  GtkTreeListModel *tree;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GListModel *collections;
  TessWorkspace *workspace;
  /* Collections deleted but still undoable: hidden, not yet removed. */
  GHashTable *hidden;
  /* While filtering: the matches and their ancestors. */
  GHashTable *visible;
  GPtrArray *pending;        /* PendingDelete, in tess-sidebar-actions.c */
  GCancellable *cancellable; /* copies under way */
  gboolean loading;
  gboolean going;           /* the window is being destroyed */
};

/* tess-sidebar.c */
GtkWidget *tess_sidebar_get_toast_overlay   (TessSidebar    *self);
void       tess_sidebar_show_message        (TessSidebar    *self,
                                             const char     *message);
/* Writes the collection @item belongs to. */
void       tess_sidebar_save_root           (TessSidebar    *self,
                                             TessItem       *item);
/* Shows a row just made or moved, even when the filter would hide it. */
void       tess_sidebar_reveal_new          (TessSidebar    *self,
                                             TessItem       *item);
guint      tess_sidebar_child_position      (TessItem       *parent,
                                             TessItem       *child);
void       tess_sidebar_emit_item_activated (TessSidebar    *self,
                                             TessItem       *item);
void       tess_sidebar_emit_item_deleted   (TessSidebar    *self,
                                             TessItem       *item);

/* tess-sidebar-actions.c */
void       tess_sidebar_install_actions     (GtkWidgetClass *widget_class);
/* Makes every delete still waiting for its toast final. */
void       tess_sidebar_commit_pending      (TessSidebar    *self);

G_END_DECLS
