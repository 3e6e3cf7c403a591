#include "tess-postman-build.h"

/* After this many restarts the build finishes in one go. */
#define MAX_RESTARTS 3

struct _TessPostmanBuild
{
  TessItem *item;
  TessPostmanExportFlags flags;
  gint64 budget;
  TessPostmanExport *export;
  gulong changed_id;
  guint idle_id;
  guint restarts;
  TessPostmanBuildDone done;
  gpointer user_data;
};

static void
build_free (TessPostmanBuild *self)
{
  g_clear_signal_handler (&self->changed_id, self->item);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->export, tess_postman_export_free);
  g_clear_object (&self->item);
  g_free (self);
}

static TessPostmanExport *
export_new (TessPostmanBuild *self)
{
  if (tess_item_get_kind (self->item) == TESS_ITEM_COLLECTION)
    return tess_postman_export_new (self->item, self->flags);
  return tess_postman_export_new_for_copy (self->item);
}

/* One step; TRUE when the document was handed over and @self freed. */
static gboolean
step (TessPostmanBuild *self)
{
  gint64 deadline = self->restarts >= MAX_RESTARTS ? G_MAXINT64 : g_get_monotonic_time () + self->budget;
  TessPostmanBuildDone done = self->done;
  gpointer user_data = self->user_data;
  JsonNode *root;

  if (!tess_postman_export_step (self->export, deadline))
    return FALSE;
  root = tess_postman_export_finish (g_steal_pointer (&self->export));
  build_free (self);
  done (root, user_data);
  return TRUE;
}

static gboolean
step_cb (gpointer data)
{
  TessPostmanBuild *self = data;
  guint id = self->idle_id;

  /* This source ends with the build, by this return. */
  self->idle_id = 0;
  if (step (self))
    return G_SOURCE_REMOVE;
  self->idle_id = id;
  return G_SOURCE_CONTINUE;
}

void
tess_postman_build_restart (TessPostmanBuild *self)
{
  g_return_if_fail (self != NULL);

  self->restarts++;
  g_clear_pointer (&self->export, tess_postman_export_free);
  self->export = export_new (self);
}

static void
changed_cb (TessItem         *item,
            TessPostmanBuild *self)
{
  tess_postman_build_restart (self);
}

TessPostmanBuild *
tess_postman_build_start (TessItem               *item,
                          TessPostmanExportFlags  flags,
                          gint64                  step_budget_us,
                          TessPostmanBuildDone    done,
                          gpointer                user_data)
{
  TessPostmanBuild *self;

  g_return_val_if_fail (TESS_IS_ITEM (item), NULL);
  g_return_val_if_fail (done != NULL, NULL);

  self = g_new0 (TessPostmanBuild, 1);
  self->item = g_object_ref (item);
  self->flags = flags;
  self->budget = step_budget_us;
  self->done = done;
  self->user_data = user_data;
  self->export = export_new (self);
  /* A usual collection is done in this first step, as if in one go. */
  if (step (self))
    return NULL;
  self->changed_id = g_signal_connect (item, "changed", G_CALLBACK (changed_cb), self);
  self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, self, NULL);
  return self;
}

void
tess_postman_build_cancel (TessPostmanBuild *self)
{
  if (self != NULL)
    build_free (self);
}

/* ---- a copy of one item ------------------------------------------------------ */

/* What the worker reads the copy from. */
typedef struct {
  JsonNode *root;
  gboolean collection;
} CopyDocument;

static void
copy_document_free (CopyDocument *document)
{
  json_node_unref (document->root);
  g_free (document);
}

typedef struct {
  GTask *task;
  TessPostmanBuild *build;
  /* Watches the task's cancellable from the main loop, not from inside
   * g_cancellable_cancel(), so that it can stop the build there. */
  GSource *cancelled;
} Copy;

static void
copy_free (Copy *copy)
{
  if (copy->cancelled != NULL)
    {
      g_source_destroy (copy->cancelled);
      g_source_unref (copy->cancelled);
    }
  g_free (copy);
}

static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyDocument *document = task_data;
  GError *error = NULL;
  TessItem *copy;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (document->collection)
    copy = tess_postman_collection_from_json (document->root, &error);
  else
    copy = tess_postman_copy_from_json (document->root, &error);
  if (copy == NULL)
    g_task_return_error (task, error);
  else
    {
      /* Still this thread's alone: no one else holds it yet. */
      tess_item_assign_new_ids (copy);
      g_task_return_pointer (task, copy, g_object_unref);
    }
}

static void
copy_built (JsonNode *root,
            gpointer  user_data)
{
  Copy *copy = user_data;
  GTask *task = copy->task;
  CopyDocument *document = g_new0 (CopyDocument, 1);

  document->root = root;
  document->collection = tess_item_get_kind (g_task_get_source_object (task)) == TESS_ITEM_COLLECTION;
  copy_free (copy);
  /* Only read there, then freed with the task. */
  g_task_set_task_data (task, document, (GDestroyNotify) copy_document_free);
  g_task_run_in_thread (task, copy_thread);
  g_object_unref (task);
}

static gboolean
copy_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  Copy *copy = user_data;
  GTask *task = copy->task;

  tess_postman_build_cancel (copy->build);
  copy_free (copy);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

void
tess_postman_copy_item_async (TessItem            *item,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  TessPostmanBuild *build;
  GTask *task;
  Copy *copy;

  g_return_if_fail (TESS_IS_ITEM (item));

  task = g_task_new (item, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_postman_copy_item_async);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  copy = g_new0 (Copy, 1);
  copy->task = task;
  if (cancellable != NULL)
    {
      copy->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (copy->cancelled, G_SOURCE_FUNC (copy_cancelled_cb), copy, NULL);
      g_source_attach (copy->cancelled, g_main_context_get_thread_default ());
    }
  /* A small item is built in this first step, and then @copy is gone. */
  build = tess_postman_build_start (item, TESS_POSTMAN_EXPORT_INCLUDE_SECRETS,
                                    TESS_POSTMAN_BUILD_STEP_BUDGET_US, copy_built, copy);
  if (build != NULL)
    copy->build = build;
}

TessItem *
tess_postman_copy_item_finish (TessItem      *item,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, item), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tess_postman_copy_item_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
