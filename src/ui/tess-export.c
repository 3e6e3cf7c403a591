#include "tess-export.h"

#include "tess-json-file.h"
#include "tess-postman-build.h"
#include "tess-secrets.h"

typedef struct {
  JsonNode *root;
  char *path;
  gboolean include_secrets;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->root, json_node_unref);
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

  /* The document shares nothing with the model: it can be changed here. */
  if (!data->include_secrets)
    tess_secrets_blank_json (data->root);
  if (tess_json_file_save (data->path, data->root, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
built_cb (JsonNode *root,
          gpointer  user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);

  data->root = root;
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_run_in_thread (task, export_thread);
}

void
tess_export_collection_async (TessItem            *collection,
                              const char          *path,
                              gboolean             include_secrets,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  ExportData *data;

  g_return_if_fail (TESS_IS_ITEM (collection));
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportData, 1);
  data->path = g_strdup (path);
  data->include_secrets = include_secrets;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_export_collection_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  /* Built in steps where the model lives, secrets and all: they are
   * blanked in the worker when they are not to be written. Cancelling
   * stops the write, not the build (it ends on its own). */
  tess_postman_build_start (collection, TESS_POSTMAN_EXPORT_INCLUDE_SECRETS,
                            TESS_POSTMAN_BUILD_STEP_BUDGET_US, built_cb, task);
}

gboolean
tess_export_collection_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
