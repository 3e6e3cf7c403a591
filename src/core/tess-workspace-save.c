/* Saving a collection without holding up the main loop.
 *
 * The model is not thread safe, so the collection's document is built on
 * the caller's thread, but a few items at a time in idle callbacks; only the
 * blanking of secrets and the write go to the writer's thread. A change to
 * the collection while its document is being built starts the build again,
 * so a file never holds half of an edit. Saves asked for while one is being
 * built join it and finish with it.
 */
#include "tess-workspace-private.h"

#include "tess-postman.h"
#include "tess-secrets.h"

/* After this many restarts the build finishes in one go: a collection that
 * keeps changing is still saved. */
#define MAX_RESTARTS 3

typedef struct {
  TessWorkspace *workspace;     /* weak: the tasks keep it alive */
  TessItem *collection;
  TessPostmanExport *export;
  GPtrArray *tasks;             /* GTask: the callers, in order */
  gulong changed_id;
  guint idle_id;
  guint restarts;
  GApplication *application;    /* held while the build and its write run */
} Build;

static void
build_free (Build *build)
{
  g_clear_signal_handler (&build->changed_id, build->collection);
  g_clear_handle_id (&build->idle_id, g_source_remove);
  g_clear_pointer (&build->export, tess_postman_export_free);
  g_clear_object (&build->collection);
  g_clear_pointer (&build->tasks, g_ptr_array_unref);
  if (build->application != NULL)
    {
      g_application_release (build->application);
      g_object_unref (build->application);
    }
  g_free (build);
}

static void
build_return (Build        *build,
              const GError *error)
{
  for (guint i = 0; i < build->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (build->tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  build_free (build);
}

static void
restart (Build *build)
{
  g_clear_pointer (&build->export, tess_postman_export_free);
  /* The workspace copy: ids everywhere; secrets are blanked in the writer's
   * thread (blank_secrets), never written. */
  build->export = tess_postman_export_new (build->collection,
                                           TESS_POSTMAN_EXPORT_ASSIGN_IDS |
                                           TESS_POSTMAN_EXPORT_INCLUDE_SECRETS);
}

static void
collection_changed_cb (TessItem *collection,
                       Build    *build)
{
  build->restarts++;
  restart (build);
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
  Build *build = user_data;
  g_autoptr(GError) error = NULL;

  tess_file_writer_save_finish (source, result, tess_workspace_save_collection_async, &error);
  build_return (build, error);
}

static void write_document (Build *build);

static gboolean
step_cb (gpointer data)
{
  Build *build = data;
  gint64 deadline = build->restarts >= MAX_RESTARTS ? G_MAXINT64
                                                    : g_get_monotonic_time () + build->workspace->save_step_budget;

  if (!tess_postman_export_step (build->export, deadline))
    return G_SOURCE_CONTINUE;
  build->idle_id = 0;
  write_document (build);
  return G_SOURCE_REMOVE;
}

/* The document is complete: from here on the build no longer looks at the
 * model, and a new save of the collection starts a build of its own. */
static void
write_document (Build *build)
{
  TessWorkspace *self = build->workspace;
  g_autoptr(JsonNode) root = tess_postman_export_finish (g_steal_pointer (&build->export));

  g_clear_signal_handler (&build->changed_id, build->collection);
  g_hash_table_remove (self->builds, build->collection);
  tess_workspace_save_object_async (self, build->collection, root, blank_secrets,
                                    tess_workspace_save_collection_async, NULL, written_cb, build);
}

void
tess_workspace_build_and_save (TessWorkspace *self,
                               TessItem      *collection,
                               GTask         *task)
{
  Build *build = g_hash_table_lookup (self->builds, collection);

  if (build != NULL)
    {
      /* The caller may have changed what no signal tells about. */
      g_ptr_array_add (build->tasks, task);
      build->restarts++;
      restart (build);
      return;
    }

  build = g_new0 (Build, 1);
  build->workspace = self;
  build->collection = g_object_ref (collection);
  build->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (build->tasks, task);
  build->application = g_application_get_default ();
  if (build->application != NULL)
    {
      g_object_ref (build->application);
      g_application_hold (build->application);
    }
  restart (build);

  /* A usual collection is written in this first step, as if in one go. */
  if (tess_postman_export_step (build->export, g_get_monotonic_time () + self->save_step_budget))
    {
      write_document (build);
      return;
    }
  g_hash_table_insert (self->builds, collection, build);
  build->changed_id = g_signal_connect (collection, "changed", G_CALLBACK (collection_changed_cb), build);
  build->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, build, NULL);
}

void
tess_workspace_drop_build (TessWorkspace *self,
                           gpointer       object)
{
  Build *build;

  if (!TESS_IS_ITEM (object) || (build = g_hash_table_lookup (self->builds, object)) == NULL)
    return;
  g_hash_table_steal (self->builds, object);
  /* Like a save overtaken by a delete: nothing to write, nothing wrong. */
  build_return (build, NULL);
}
