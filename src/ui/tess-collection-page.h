#pragma once

#include <gtk/gtk.h>

#include "tess-item.h"
#include "tess-workspace.h"

G_BEGIN_DECLS

#define TESS_TYPE_COLLECTION_PAGE (tess_collection_page_get_type ())
G_DECLARE_FINAL_TYPE (TessCollectionPage, tess_collection_page, TESS, COLLECTION_PAGE, GtkWidget)

/**
 * TessCollectionPage:
 *
 * The tab of a collection or folder: name, description, variables
 * (collections) and Authorization, which the requests inside inherit. Edits
 * go into the item and the collection is saved a moment later.
 */
GtkWidget  *tess_collection_page_new        (TessItem           *item,
                                             TessWorkspace      *workspace);
TessItem   *tess_collection_page_get_item   (TessCollectionPage *self);
/* The tab title: the item's name. */
const char *tess_collection_page_get_title  (TessCollectionPage *self);
/* Writes a pending change now. */
void        tess_collection_page_flush      (TessCollectionPage *self);
/* Whether a save is waiting or under way; for tests. */
gboolean    tess_collection_page_get_saving (TessCollectionPage *self);

/* Parts, for tests. */
GtkWidget  *tess_collection_page_get_name_row         (TessCollectionPage *self);
GtkTextBuffer *tess_collection_page_get_description   (TessCollectionPage *self);
GtkWidget  *tess_collection_page_get_variables_editor (TessCollectionPage *self);
GtkWidget  *tess_collection_page_get_auth_panel       (TessCollectionPage *self);

G_END_DECLS
