#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @path. On failure the error reads "PATH:LINE:COLUMN: reason"
 * (TESS_ERROR_PARSE) or names the I/O problem (TESS_ERROR_IO). */
JsonNode *tess_json_file_load     (const char *path,
                                   GError    **error);
/* Parses @text; @name is used in messages in place of a path. */
JsonNode *tess_json_parse_text    (const char *text,
                                   gssize      length,
                                   const char *name,
                                   GError    **error);
/* Writes @root pretty-printed (2 spaces), atomically: a temporary file in the
 * same folder, then rename. Creates missing parent folders. */
gboolean  tess_json_file_save     (const char *path,
                                   JsonNode   *root,
                                   GError    **error);
char     *tess_json_to_string     (JsonNode   *root,
                                   gboolean    pretty);

G_END_DECLS
