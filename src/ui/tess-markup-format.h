#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Re-indents XML or HTML: one element per line, two spaces per level, short
 * text kept beside its tags. Comments, CDATA, and the content of HTML's
 * script, style, pre and textarea are copied as they are. Returns NULL when
 * @text holds no markup. Plain GLib: it runs in worker threads. */
char *tess_markup_format (const char *text,
                          gsize       length,
                          gboolean    html);

G_END_DECLS
