#include "tess-export.h"

#include "tess-json-file.h"
#include "tess-postman.h"

typedef struct {
  JsonNode *root;
  char *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  json_node_unref (data->root);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (tess_json_file_save (data->path, data->root, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tess_export_collection_async (TessItem            *collection,
                              const char          *path,
                              gboolean             include_secrets,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (TESS_IS_ITEM (collection));
  g_return_if_fail (path != NULL);

  /* The document is built here, on the caller's thread, where the item lives;
   * only the write goes to the worker. */
  data = g_new0 (ExportData, 1);
  data->root = tess_postman_collection_to_json_full (collection,
                                                     include_secrets ? TESS_POSTMAN_EXPORT_INCLUDE_SECRETS : 0);
  data->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_export_collection_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
tess_export_collection_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
