/* Imports a Postman file into an empty workspace the way the desktop app
 * does (tess_workspace_import_file_async) and prints the longest gap seen
 * by a 5 ms high-priority timeout on the main loop meanwhile: how long a
 * window would have been frozen. Then the same while the collection is
 * saved after an edit (tess_workspace_save_collection_async).
 *
 *   bench-import-stall WORKSPACE-DIR FILE
 */
#include "tess-workspace.h"

typedef struct {
  gint64 last;
  gint64 longest;
  gboolean done;
  GError *error;
} Stall;

static gboolean
probe_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Stall *stall = data;

  tess_workspace_load_finish (TESS_WORKSPACE (source), result, &stall->error);
  stall->done = TRUE;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Stall *stall = data;

  tess_workspace_save_collection_finish (TESS_WORKSPACE (source), result, &stall->error);
  stall->done = TRUE;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Stall *stall = data;

  tess_workspace_import_file_finish (TESS_WORKSPACE (source), result, &stall->error);
  stall->done = TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(TessItem) collection = NULL;
  Stall stall = { 0 };
  guint probe;
  gint64 start;

  if (argc != 3)
    {
      g_printerr ("usage: %s WORKSPACE-DIR FILE\n", argv[0]);
      return 2;
    }
  workspace = tess_workspace_new (argv[1]);
  tess_workspace_load_async (workspace, NULL, loaded_cb, &stall);
  while (!stall.done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_error (&stall.error);

  stall.done = FALSE;
  /* From the call on: what the call itself does counts too. */
  start = stall.last = g_get_monotonic_time ();
  probe = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_cb, &stall, NULL);
  tess_workspace_import_file_async (workspace, argv[2], NULL, imported_cb, &stall);
  while (!stall.done)
    g_main_context_iteration (NULL, TRUE);
  if (stall.error != NULL)
    {
      g_printerr ("%s\n", stall.error->message);
      return 1;
    }
  g_print ("imported in %.0f ms, longest main-loop stall %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0, stall.longest / 1000.0);

  collection = g_list_model_get_item (tess_workspace_get_collections (workspace), 0);
  if (collection == NULL)
    return 0;   /* not a collection */
  g_source_remove (probe);
  stall.done = FALSE;
  stall.longest = 0;
  tess_item_set_name (collection, "Renamed");
  start = stall.last = g_get_monotonic_time ();
  probe = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_cb, &stall, NULL);
  tess_workspace_save_collection_async (workspace, collection, NULL, saved_cb, &stall);
  while (!stall.done)
    g_main_context_iteration (NULL, TRUE);
  if (stall.error != NULL)
    {
      g_printerr ("%s\n", stall.error->message);
      return 1;
    }
  g_print ("saved in %.0f ms, longest main-loop stall %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0, stall.longest / 1000.0);
  g_source_remove (probe);
  return 0;
}
