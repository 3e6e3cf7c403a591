#pragma once

#include "tess-item.h"

G_BEGIN_DECLS

/* Building collections with Tessera's model, the way a person would in the
 * app, for tests that export them and hand them to Postman's tools. */

/* A new @kind item named @name at the end of @parent (which owns it). */
TessItem     *peer_add_item    (TessItem     *parent,
                                TessItemKind  kind,
                                const char   *name);
/* A new request item with @method and @url at the end of @parent. */
TessItem     *peer_add_request (TessItem     *parent,
                                const char   *name,
                                const char   *method,
                                const char   *url);
/* A row at the end of @list (a key/value list of the model). */
TessKeyValue *peer_add_row     (GPtrArray    *list,
                                const char   *key,
                                const char   *value,
                                gboolean      enabled);
/* Gives @item auth of @type with key/value pairs, NULL-terminated. */
void          peer_set_auth    (TessItem     *item,
                                const char   *type,
                                ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
