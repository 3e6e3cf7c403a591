/* Saving a collection without holding up the main loop.
 *
 * The model is not thread safe, so the collection's document is built on
 * the caller's thread, in steps (tess-postman-build.h); only the blanking of
 * secrets and the write go to the writer's thread. Saves asked for while a
 * document is being built join that build, which starts again (the caller
 * may have changed what no signal tells about), and finish with it.
 */
#include "tess-workspace-private.h"

#include "tess-postman-build.h"
#include "tess-secrets.h"

typedef struct {
  TessWorkspace *workspace;     /* weak: the tasks keep it alive */
  TessItem *collection;
  TessPostmanBuild *build;      /* NULL once the document is done */
  GPtrArray *tasks;             /* GTask: the callers, in order */
  GApplication *application;    /* held until the file is written */
} Save;

static void
save_free (Save *save)
{
  tess_postman_build_cancel (save->build);
  g_clear_object (&save->collection);
  g_clear_pointer (&save->tasks, g_ptr_array_unref);
  if (save->application != NULL)
    {
      g_application_release (save->application);
      g_object_unref (save->application);
    }
  g_free (save);
}

static void
save_return (Save         *save,
             const GError *error)
{
  for (guint i = 0; i < save->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (save->tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  save_free (save);
}

static void
blank_secrets (JsonNode *root)
{
  tess_secrets_blank_json (root);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  tess_file_writer_save_finish (source, result, tess_workspace_save_collection_async, &error);
  save_return (user_data, error);
}

/* The document is complete: from here on a new save of the collection
 * builds one of its own. */
static void
built_cb (JsonNode *root,
          gpointer  user_data)
{
  Save *save = user_data;
  TessWorkspace *self = save->workspace;

  save->build = NULL;
  g_hash_table_remove (self->builds, save->collection);
  tess_workspace_save_object_async (self, save->collection, root, blank_secrets,
                                    tess_workspace_save_collection_async, NULL, written_cb, save);
  json_node_unref (root);
}

void
tess_workspace_build_and_save (TessWorkspace *self,
                               TessItem      *collection,
                               GTask         *task)
{
  Save *save = g_hash_table_lookup (self->builds, collection);
  TessPostmanBuild *build;

  if (save != NULL)
    {
      g_ptr_array_add (save->tasks, task);
      tess_postman_build_restart (save->build);
      return;
    }

  save = g_new0 (Save, 1);
  save->workspace = self;
  save->collection = g_object_ref (collection);
  save->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (save->tasks, task);
  save->application = g_application_get_default ();
  if (save->application != NULL)
    {
      g_object_ref (save->application);
      g_application_hold (save->application);
    }
  /* The workspace copy: ids everywhere; secrets are blanked in the writer's
   * thread (blank_secrets), never written. */
  build = tess_postman_build_start (collection,
                                    TESS_POSTMAN_EXPORT_ASSIGN_IDS | TESS_POSTMAN_EXPORT_INCLUDE_SECRETS,
                                    self->save_step_budget, built_cb, save);
  if (build != NULL)
    {
      save->build = build;
      g_hash_table_insert (self->builds, collection, save);
    }
}

void
tess_workspace_drop_build (TessWorkspace *self,
                           gpointer       object)
{
  Save *save;

  if (!TESS_IS_ITEM (object) || (save = g_hash_table_lookup (self->builds, object)) == NULL)
    return;
  g_hash_table_steal (self->builds, object);
  /* Like a save overtaken by a delete: nothing to write, nothing wrong. */
  save_return (save, NULL);
}
