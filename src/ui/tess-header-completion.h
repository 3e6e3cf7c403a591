#pragma once

#include <gtk/gtk.h>

#include "tess-kv-editor.h"

G_BEGIN_DECLS

/* Common request header names, for completion. NULL-terminated. */
extern const char * const tess_common_header_names[];

/* Offers the common header names as the name entries of @editor are typed
 * in: rows present now and rows added later. */
void      tess_header_completion_watch    (TessKvEditor *editor);
/* TRUE when @entry offers header names. */
gboolean  tess_header_completion_attached (GtkEntry     *entry);

G_END_DECLS
