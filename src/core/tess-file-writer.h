#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * TessFileWriter: writes JSON files of one folder tree, from any thread.
 *
 * - Files marked protected (they failed to load) are never written or deleted:
 *   a person's data that Tessera could not read is not Tessera's to replace.
 * - Each write asks for a generation number per path; a write that is no
 *   longer the newest for its path is skipped, so the last save asked for is
 *   the one that lands, and a delete stops writes still waiting.
 */
typedef struct _TessFileWriter TessFileWriter;

TessFileWriter *tess_file_writer_new            (void);
void            tess_file_writer_free           (TessFileWriter *self);

/* @paths: path → GError (why it is protected). Replaces the set; takes a ref. */
void            tess_file_writer_set_protected  (TessFileWriter *self,
                                                 GHashTable     *paths);
gboolean        tess_file_writer_is_protected   (TessFileWriter *self,
                                                 const char     *path);
/* Fails with TESS_ERROR_IO, naming the path and why, when @path is protected. */
gboolean        tess_file_writer_check          (TessFileWriter *self,
                                                 const char     *path,
                                                 GError        **error);

gboolean        tess_file_writer_save           (TessFileWriter *self,
                                                 const char     *path,
                                                 JsonNode       *root,
                                                 GError        **error);
/* Deletes @path; a file that does not exist is not an error. */
gboolean        tess_file_writer_delete         (TessFileWriter *self,
                                                 const char     *path,
                                                 GError        **error);

/* Last touches to a document, run in the writer's thread just before it is
 * written (the document must share no nodes with anything else). */
typedef void (*TessFileWriterPrepare) (JsonNode *root);

/* Writes in a worker thread. @source_object must keep @self alive (it owns it);
 * the GTask is created with it and @source_tag. @prepare may be NULL. */
void            tess_file_writer_save_async     (TessFileWriter      *self,
                                                 const char          *path,
                                                 JsonNode            *root,
                                                 TessFileWriterPrepare prepare,
                                                 gpointer             source_object,
                                                 gpointer             source_tag,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        tess_file_writer_save_finish    (gpointer             source_object,
                                                 GAsyncResult        *result,
                                                 gpointer             source_tag,
                                                 GError             **error);

G_END_DECLS
