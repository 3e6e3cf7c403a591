/* Saving a collection in steps on the main loop (tess-workspace-save.c):
 * what lands in the file is the collection as it is when the document is
 * complete, changes made meanwhile included; saves asked for meanwhile join;
 * a collection removed meanwhile is not written back; no secret lands. */
#include <string.h>

#include "tess-postman.h"
#include "tess-json-file.h"
#include "tess-test-util.h"
#include "tess-workspace-private.h"

#define N_PER_FOLDER 80
#define TOKEN "secret-token-4b1d"

typedef struct {
  guint done;
  GError *error;
} Saves;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_workspace_load_finish (TESS_WORKSPACE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static TessWorkspace *
load_workspace (const char *dir)
{
  TessWorkspace *ws = tess_workspace_new (dir);
  gboolean loaded = FALSE;

  tess_workspace_load_async (ws, NULL, loaded_cb, &loaded);
  g_assert_true (tess_test_wait_until (flag_set, &loaded, 10000));
  /* Steps of at most 16 items, so that even a fast machine takes several. */
  ws->save_step_budget = 0;
  return ws;
}

/* Two folders of N_PER_FOLDER requests, and a bearer token on the collection. */
static TessItem *
make_collection (void)
{
  TessItem *collection = tess_item_new (TESS_ITEM_COLLECTION, "Steps");
  g_autoptr(TessAuth) auth = tess_auth_new ("bearer");

  tess_auth_set (auth, "token", TOKEN);
  tess_item_set_auth (collection, auth);
  for (guint f = 0; f < 2; f++)
    {
      g_autofree char *folder_name = g_strdup_printf ("Folder %u", f);
      g_autoptr(TessItem) folder = tess_item_new (TESS_ITEM_FOLDER, folder_name);

      for (guint i = 0; i < N_PER_FOLDER; i++)
        {
          g_autofree char *name = g_strdup_printf ("Request %u.%u", f, i);
          g_autofree char *url = g_strdup_printf ("http://127.0.0.1/%u/%u", f, i);
          g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, name);

          tess_item_set_url (request, url);
          tess_kv_list_add (tess_item_get_headers (request), "X-Index", name);
          tess_item_append (folder, request);
        }
      tess_item_append (collection, folder);
    }
  return collection;
}

/* A new workspace folder, loaded, with @collection in it. */
static TessWorkspace *
workspace_with (TessItem *collection)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  TessWorkspace *ws = load_workspace (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_workspace_add_collection (ws, collection, &error));
  g_assert_no_error (error);
  return ws;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Saves *saves = data;
  GError *error = NULL;

  if (!tess_workspace_save_collection_finish (TESS_WORKSPACE (source), result, &error))
    {
      g_assert_null (saves->error);
      saves->error = error;
    }
  saves->done++;
}

typedef struct {
  Saves *saves;
  guint expected;
} Wait;

static gboolean
all_done (gpointer data)
{
  Wait *wait = data;

  return wait->saves->done == wait->expected;
}

static void
wait_saves (Saves *saves,
            guint  expected)
{
  Wait wait = { saves, expected };

  g_assert_true (tess_test_wait_until (all_done, &wait, 20000));
  g_assert_no_error (saves->error);
}

static TessItem *
request_at (TessItem *collection,
            guint     folder,
            guint     index)
{
  g_autoptr(TessItem) f = g_list_model_get_item (tess_item_get_children (collection), folder);
  g_autoptr(TessItem) r = g_list_model_get_item (tess_item_get_children (f), index);

  return r;   /* the tree keeps it alive */
}

/* The file, read back as a collection, against the model with secrets blanked. */
static void
assert_file_matches (TessWorkspace *ws,
                     TessItem      *collection)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) on_disk = NULL;
  g_autoptr(JsonNode) expected = tess_postman_collection_to_json_full (collection, TESS_POSTMAN_EXPORT_ASSIGN_IDS);

  g_file_get_contents (tess_workspace_get_file (ws, collection), &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (text, TOKEN));
  on_disk = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (on_disk, expected));
}

static void
test_steps (void)
{
  g_autoptr(TessItem) collection = make_collection ();
  g_autoptr(TessWorkspace) ws = workspace_with (collection);
  Saves saves = { 0 };

  /* The call returns with the document still being built: a later item
   * renamed now is in the file. */
  tess_workspace_save_collection_async (ws, collection, NULL, saved_cb, &saves);
  g_assert_cmpuint (saves.done, ==, 0);
  g_assert_false (g_file_test (tess_workspace_get_file (ws, collection), G_FILE_TEST_EXISTS));
  tess_item_set_name (request_at (collection, 1, N_PER_FOLDER - 1), "Renamed while saving");
  wait_saves (&saves, 1);
  assert_file_matches (ws, collection);

  /* An item already written when the change comes: the build starts again. */
  tess_workspace_save_collection_async (ws, collection, NULL, saved_cb, &saves);
  for (guint i = 0; i < 3; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_hash_table_size (ws->builds), ==, 1);
  tess_item_set_url (request_at (collection, 0, 0), "http://127.0.0.1/changed");
  wait_saves (&saves, 2);
  assert_file_matches (ws, collection);

  /* A structural change: a request moves between folders mid-build. */
  tess_workspace_save_collection_async (ws, collection, NULL, saved_cb, &saves);
  {
    g_autoptr(TessItem) moving = g_object_ref (request_at (collection, 0, 1));
    g_autoptr(TessItem) folder1 = g_list_model_get_item (tess_item_get_children (collection), 1);

    tess_item_remove (tess_item_get_parent (moving), moving);
    tess_item_append (folder1, moving);
  }
  wait_saves (&saves, 3);
  assert_file_matches (ws, collection);
}

/* Saves asked for while one is built join it: each caller hears back, once. */
static void
test_join (void)
{
  g_autoptr(TessItem) collection = make_collection ();
  g_autoptr(TessWorkspace) ws = workspace_with (collection);
  Saves saves = { 0 };

  tess_workspace_save_collection_async (ws, collection, NULL, saved_cb, &saves);
  /* A change no signal tells about (a list edited in place): the next save covers it. */
  tess_kv_list_add (tess_item_get_headers (request_at (collection, 0, 0)), "X-Late", "1");
  tess_workspace_save_collection_async (ws, collection, NULL, saved_cb, &saves);
  tess_workspace_save_collection_async (ws, collection, NULL, saved_cb, &saves);
  g_assert_cmpuint (g_hash_table_size (ws->builds), ==, 1);
  wait_saves (&saves, 3);
  g_assert_cmpuint (g_hash_table_size (ws->builds), ==, 0);
  assert_file_matches (ws, collection);
}

/* Removed while its document is built: the callers hear back, and the file
 * is not written again. */
static void
test_removed (void)
{
  g_autoptr(TessItem) collection = make_collection ();
  g_autoptr(TessWorkspace) ws = workspace_with (collection);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Saves saves = { 0 };

  path = g_strdup (tess_workspace_get_file (ws, collection));
  g_assert_true (tess_workspace_save_collection (ws, collection, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  tess_workspace_save_collection_async (ws, collection, NULL, saved_cb, &saves);
  g_assert_true (tess_workspace_remove_collection (ws, collection, &error));
  g_assert_no_error (error);
  wait_saves (&saves, 1);
  g_assert_cmpuint (g_hash_table_size (ws->builds), ==, 0);
  /* Nothing still on its way to write it. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The stepped document is the one-go document. */
static void
assert_same_document (TessItem *collection)
{
  g_autoptr(JsonNode) whole = tess_postman_collection_to_json_full (collection, TESS_POSTMAN_EXPORT_DEFAULT);
  g_autoptr(JsonNode) stepped = NULL;
  g_autoptr(TessPostmanExport) export = tess_postman_export_new (collection, TESS_POSTMAN_EXPORT_DEFAULT);
  guint steps = 1;

  /* A deadline already past: one clock check (16 items) per step. */
  while (!tess_postman_export_step (export, 0))
    steps++;
  stepped = tess_postman_export_finish (g_steal_pointer (&export));
  g_test_message ("%s: %u steps", tess_item_get_name (collection), steps);
  g_assert_true (json_node_equal (whole, stepped));
}

static void
test_same_document (void)
{
  g_autoptr(TessItem) made = make_collection ();
  g_autoptr(TessItem) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tess_test_shared_path ("vectors", "postman", "examples", "collection.json", NULL);

  assert_same_document (made);
  loaded = tess_postman_load_collection (path, &error);
  g_assert_no_error (error);
  assert_same_document (loaded);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workspace-save/steps", test_steps);
  g_test_add_func ("/workspace-save/join", test_join);
  g_test_add_func ("/workspace-save/removed", test_removed);
  g_test_add_func ("/workspace-save/same-document", test_same_document);
  return g_test_run ();
}
