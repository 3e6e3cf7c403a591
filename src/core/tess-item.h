#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tess-auth.h"
#include "tess-body.h"
#include "tess-kv.h"

G_BEGIN_DECLS

typedef enum {
  TESS_ITEM_COLLECTION,
  TESS_ITEM_FOLDER,
  TESS_ITEM_REQUEST,
} TessItemKind;

#define TESS_TYPE_ITEM (tess_item_get_type ())
G_DECLARE_FINAL_TYPE (TessItem, tess_item, TESS, ITEM, GObject)

TessItem     *tess_item_new              (TessItemKind  kind,
                                          const char   *name);
TessItemKind  tess_item_get_kind         (TessItem     *self);
const char   *tess_item_get_id           (TessItem     *self);
void          tess_item_set_id           (TessItem     *self,
                                          const char   *id);
/* New ids for @self and everything under it: a duplicate is a new item. */
void          tess_item_assign_new_ids   (TessItem     *self);
const char   *tess_item_get_name         (TessItem     *self);
void          tess_item_set_name         (TessItem     *self,
                                          const char   *name);
const char   *tess_item_get_description  (TessItem     *self);
void          tess_item_set_description  (TessItem     *self,
                                          const char   *description);

/* Tree. Children are a GListModel of TessItem (collections and folders only). */
TessItem     *tess_item_get_parent       (TessItem     *self);
TessItem     *tess_item_get_root         (TessItem     *self);
GListModel   *tess_item_get_children     (TessItem     *self);
void          tess_item_append           (TessItem     *self,
                                          TessItem     *child);
void          tess_item_insert           (TessItem     *self,
                                          guint         position,
                                          TessItem     *child);
void          tess_item_remove           (TessItem     *self,
                                          TessItem     *child);
/* "Collection / Folder / Request", for messages. Caller frees. */
char         *tess_item_dup_path         (TessItem     *self);
/* Finds a descendant by a "/"-separated path of names, by id, or by a bare
 * name anywhere below (the first, depth first). */
TessItem     *tess_item_find             (TessItem     *self,
                                          const char   *path_or_id);

/* Variables (collections; Postman's `variable`). List of TessKeyValue, owned. */
GPtrArray    *tess_item_get_variables    (TessItem     *self);

/* Auth: NULL means "inherit from parent" (for a collection: no auth). */
TessAuth     *tess_item_get_auth         (TessItem     *self);
void          tess_item_set_auth         (TessItem     *self,
                                          TessAuth     *auth);
/* The same, taking @auth (transfer full) instead of copying it. */
void          tess_item_take_auth        (TessItem     *self,
                                          TessAuth     *auth);
/* The auth that applies to this item after walking parents while it inherits.
 * @origin_out: the item the auth was found on. Returns NULL for no auth. */
TessAuth     *tess_item_get_effective_auth (TessItem   *self,
                                            TessItem  **origin_out);

/* Request members (TESS_ITEM_REQUEST). */
const char   *tess_item_get_method       (TessItem     *self);
void          tess_item_set_method       (TessItem     *self,
                                          const char   *method);
/* The URL as the person wrote it, query included (enabled params only). */
const char   *tess_item_get_url          (TessItem     *self);
/* Setting the URL re-reads its query into the params list (disabled params kept). */
void          tess_item_set_url          (TessItem     *self,
                                          const char   *url);
/* Ordered query params (TessKeyValue; duplicates kept). After editing the list
 * in place, call tess_item_query_changed() to rebuild the URL. */
GPtrArray    *tess_item_get_query        (TessItem     *self);
void          tess_item_query_changed    (TessItem     *self);
GPtrArray    *tess_item_get_headers      (TessItem     *self);
TessBody     *tess_item_get_body         (TessItem     *self);
void          tess_item_set_body         (TessItem     *self,
                                          TessBody     *body);
/* The same, taking @body (transfer full) instead of copying it. */
void          tess_item_take_body        (TessItem     *self,
                                          TessBody     *body);

/* Members Tessera does not model, kept for export (events, responses,
 * protocolProfileBehavior, unknown keys). Never NULL. */
JsonObject   *tess_item_get_extra        (TessItem     *self);
JsonObject   *tess_item_get_request_extra (TessItem    *self);
JsonObject   *tess_item_get_url_extra    (TessItem     *self);
void          tess_item_set_url_extra    (TessItem     *self,
                                          JsonObject   *url_object,
                                          gboolean      url_was_string);
gboolean      tess_item_get_url_was_string (TessItem   *self);
gboolean      tess_item_get_url_modified (TessItem     *self);
/* The description as it was read when it was not a plain string (an object
 * {content, type}); NULL otherwise. */
JsonNode     *tess_item_get_description_node (TessItem *self);
void          tess_item_set_description_node (TessItem *self,
                                              JsonNode *node);
/* Marks the item changed (emits ::changed on it and its ancestors). */
void          tess_item_changed          (TessItem     *self);

char         *tess_generate_uuid         (void);

G_END_DECLS
