#pragma once

#include <gio/gio.h>

#include "tess-item.h"

G_BEGIN_DECLS

/* Writes @collection as Postman v2.1 to @path (atomically, in a worker thread).
 * Secrets are written only when @include_secrets. */
void     tess_export_collection_async    (TessItem            *collection,
                                          const char          *path,
                                          gboolean             include_secrets,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean tess_export_collection_finish   (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
