#include "tess-postman-build.h"

/* After this many restarts the build finishes in one go. */
#define MAX_RESTARTS 3

struct _TessPostmanBuild
{
  TessItem *collection;
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
  g_clear_signal_handler (&self->changed_id, self->collection);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->export, tess_postman_export_free);
  g_clear_object (&self->collection);
  g_free (self);
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
  self->export = tess_postman_export_new (self->collection, self->flags);
}

static void
changed_cb (TessItem         *collection,
            TessPostmanBuild *self)
{
  tess_postman_build_restart (self);
}

TessPostmanBuild *
tess_postman_build_start (TessItem               *collection,
                          TessPostmanExportFlags  flags,
                          gint64                  step_budget_us,
                          TessPostmanBuildDone    done,
                          gpointer                user_data)
{
  TessPostmanBuild *self;

  g_return_val_if_fail (TESS_IS_ITEM (collection), NULL);
  g_return_val_if_fail (done != NULL, NULL);

  self = g_new0 (TessPostmanBuild, 1);
  self->collection = g_object_ref (collection);
  self->flags = flags;
  self->budget = step_budget_us;
  self->done = done;
  self->user_data = user_data;
  self->export = tess_postman_export_new (collection, flags);
  /* A usual collection is done in this first step, as if in one go. */
  if (step (self))
    return NULL;
  self->changed_id = g_signal_connect (collection, "changed", G_CALLBACK (changed_cb), self);
  self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, self, NULL);
  return self;
}

void
tess_postman_build_cancel (TessPostmanBuild *self)
{
  if (self != NULL)
    build_free (self);
}
