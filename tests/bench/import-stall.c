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
  GAsyncResult *result;
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
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  ((Stall *) data)->result = g_object_ref (result);
}

/* Runs the main loop until the call ends; its result (transfer full). */
static GAsyncResult *
wait_result (Stall *stall)
{
  while (stall->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&stall->result);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Stall stall = { 0 };
  guint probe;
  gint64 start;

  if (argc != 3)
    {
      g_printerr ("usage: %s WORKSPACE-DIR FILE\n", argv[0]);
      return 2;
    }
  workspace = tess_workspace_new (argv[1]);
  tess_workspace_load_async (workspace, NULL, done_cb, &stall);
  result = wait_result (&stall);
  tess_workspace_load_finish (workspace, result, NULL);
  g_clear_object (&result);

  /* From the call on: what the call itself does counts too. */
  start = stall.last = g_get_monotonic_time ();
  probe = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_cb, &stall, NULL);
  tess_workspace_import_file_async (workspace, argv[2], NULL, done_cb, &stall);
  result = wait_result (&stall);
  if (tess_workspace_import_file_finish (workspace, result, &error) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_clear_object (&result);
  g_print ("imported in %.0f ms, longest main-loop stall %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0, stall.longest / 1000.0);

  collection = g_list_model_get_item (tess_workspace_get_collections (workspace), 0);
  if (collection == NULL)
    return 0;   /* not a collection */
  g_source_remove (probe);
  stall.longest = 0;
  tess_item_set_name (collection, "Renamed");
  start = stall.last = g_get_monotonic_time ();
  probe = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_cb, &stall, NULL);
  tess_workspace_save_collection_async (workspace, collection, NULL, done_cb, &stall);
  result = wait_result (&stall);
  if (!tess_workspace_save_collection_finish (workspace, result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("saved in %.0f ms, longest main-loop stall %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0, stall.longest / 1000.0);
  g_source_remove (probe);
  return 0;
}
