#include <glib/gstdio.h>
#include <string.h>

#include "tess-error.h"
#include "tess-json-file.h"
#include "tess-test-util.h"
#include "tess-workspace.h"

/* ---- helpers ------------------------------------------------------------- */

/* Set in main(), before any thread exists: setenv() is not thread-safe. */
static char *default_workspace;

static char *
new_workspace_dir (void)
{
  return tess_test_make_tmpdir ();
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (tess_test_wait_until (result_ready, slot, 10000));
  return *slot;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
keep_polling (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* A worker thread may drop its task (and the task's ref on the workspace)
 * just after the result arrived: wait for the last unref, with a deadline. */
static void
assert_finalized (gpointer object)
{
  gpointer weak = object;

  guint tick;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  /* The unref may happen in another thread, which does not wake this
   * thread's main loop: look again every few milliseconds. */
  tick = g_timeout_add (5, keep_polling, NULL);
  g_assert_true (tess_test_wait_until (pointer_cleared, &weak, 5000));
  g_source_remove (tick);
}

static TessWorkspace *
load_workspace (const char *dir)
{
  TessWorkspace *ws = tess_workspace_new (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tess_workspace_load_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_load_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  return ws;
}

static TessItem *
make_collection (const char *name,
                 const char *url)
{
  TessItem *collection = tess_item_new (TESS_ITEM_COLLECTION, name);
  TessItem *folder = tess_item_new (TESS_ITEM_FOLDER, "Folder");
  TessItem *request = tess_item_new (TESS_ITEM_REQUEST, "Get thing");

  tess_item_set_method (request, "POST");
  tess_item_set_url (request, url);
  tess_kv_list_add (tess_item_get_headers (request), "X-Trace", "{{trace}}");
  tess_item_append (folder, request);
  tess_item_append (collection, folder);
  tess_kv_list_add (tess_item_get_variables (collection), "host", "example.com");
  g_object_unref (request);
  g_object_unref (folder);
  return collection;
}

static TessItem *
first_request (TessItem *collection)
{
  g_autoptr(TessItem) folder = g_list_model_get_item (tess_item_get_children (collection), 0);
  g_autoptr(TessItem) request = g_list_model_get_item (tess_item_get_children (folder), 0);

  return request;   /* still owned by the tree */
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (handle == NULL)
    return 0;
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static char *
subpath (const char *dir,
         const char *a,
         const char *b)
{
  return g_build_filename (dir, a, b, NULL);
}

/* ---- tests --------------------------------------------------------------- */

/* Runs first: it changes the environment, so no thread may exist yet. */
static void
test_new (void)
{
  const char *dir = default_workspace;
  g_autofree char *cookies = g_build_filename (dir, "cookies.txt", NULL);
  g_autofree char *fallback = g_build_filename (g_get_user_data_dir (), "tessera", NULL);
  TessWorkspace *ws = tess_workspace_new (NULL);
  g_autofree char *default_path = NULL;

  g_assert_cmpstr (tess_workspace_get_path (ws), ==, dir);
  g_assert_cmpstr (tess_workspace_get_cookie_jar_path (ws), ==, cookies);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (ws)), ==, 0);
  g_assert_true (tess_environment_get_is_globals (tess_workspace_get_globals (ws)));

  /* Settings defaults and a property round trip. */
  g_assert_true (tess_workspace_get_follow_redirects (ws));
  g_assert_true (tess_workspace_get_verify_tls (ws));
  g_assert_cmpuint (tess_workspace_get_max_redirects (ws), ==, 10);
  g_assert_cmpuint (tess_workspace_get_request_timeout (ws), ==, 0);
  g_assert_null (tess_workspace_get_ca_file (ws));
  g_object_set (ws, "verify-tls", FALSE, "max-redirects", 3, "ca-file", "/etc/ca.pem", NULL);
  {
    gboolean verify = TRUE;
    guint max = 0;
    g_autofree char *ca = NULL;

    g_object_get (ws, "verify-tls", &verify, "max-redirects", &max, "ca-file", &ca, NULL);
    g_assert_false (verify);
    g_assert_cmpuint (max, ==, 3);
    g_assert_cmpstr (ca, ==, "/etc/ca.pem");
  }
  g_assert_finalize_object (ws);

  g_unsetenv ("TESSERA_WORKSPACE");
  default_path = tess_workspace_default_path ();
  g_assert_cmpstr (default_path, ==, fallback);
  g_setenv ("TESSERA_WORKSPACE", "", TRUE);
  g_clear_pointer (&default_path, g_free);
  default_path = tess_workspace_default_path ();
  g_assert_cmpstr (default_path, ==, fallback);
  g_setenv ("TESSERA_WORKSPACE", default_workspace, TRUE);
}

static void
test_empty_folder (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autofree char *missing = g_build_filename (dir, "not-yet", NULL);
  g_autoptr(TessWorkspace) ws = tess_workspace_new (missing);
  g_autoptr(GError) error = NULL;

  /* A workspace that does not exist yet is empty, not an error. */
  g_assert_true (tess_workspace_load (ws, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tess_workspace_get_problems (ws)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (ws)), ==, 0);
  g_assert_nonnull (tess_workspace_get_globals (ws));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));   /* loading writes nothing */
}

static void
test_round_trip (void)
{
  const char *dir = default_workspace;
  g_autofree char *settings_path = g_build_filename (dir, "workspace.json", NULL);
  g_autoptr(TessWorkspace) ws = NULL;
  TessWorkspace *again;
  g_autoptr(TessItem) zeta = make_collection ("Zeta", "https://{{host}}/z?a=1");
  g_autoptr(TessItem) alpha = make_collection ("alpha", "https://{{host}}/a");
  g_autoptr(TessEnvironment) env = tess_environment_new ("Staging");
  g_autoptr(TessClientCertificate) cert = tess_client_certificate_new ("api.example.com:8443");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *settings_text = NULL;
  g_autofree char *collections_dir = g_build_filename (dir, "collections", NULL);
  g_autofree char *zeta_file = NULL;
  TessItem *loaded;
  TessEnvironment *loaded_env;
  const TessClientCertificate *found;

  /* Settings written by a newer Tessera, and a passphrase someone put there by hand. */
  write_text (settings_path,
              "{\"futureOption\": {\"x\": [1, 2]}, \"requestTimeout\": 1500,"
              " \"clientCertificates\": [{\"host\": \"old.example.com\", \"pfx\": \"/k/old.p12\","
              " \"passphrase\": \"hunter2\", \"note\": \"kept\"}]}");

  ws = load_workspace (NULL);   /* TESSERA_WORKSPACE */
  g_assert_cmpstr (tess_workspace_get_path (ws), ==, dir);
  g_assert_cmpuint (tess_workspace_get_problems (ws)->len, ==, 0);
  g_assert_cmpuint (tess_workspace_get_request_timeout (ws), ==, 1500);
  g_assert_cmpuint (tess_workspace_get_client_certificates (ws)->len, ==, 1);

  g_assert_true (tess_workspace_save_collection (ws, zeta, &error));
  g_assert_no_error (error);
  tess_workspace_save_collection_async (ws, alpha, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_save_collection_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  tess_kv_list_add (tess_environment_get_values (env), "trace", "t-1");
  tess_kv_list_add (tess_environment_get_values (env), "off", "x")->enabled = FALSE;
  tess_workspace_save_environment_async (ws, env, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_save_environment_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  tess_kv_list_add (tess_environment_get_values (tess_workspace_get_globals (ws)), "g", "1");
  g_assert_true (tess_workspace_save_globals (ws, &error));
  g_assert_no_error (error);

  cert->cert = g_strdup ("/k/client.pem");
  cert->key = g_strdup ("/k/client.key");
  tess_workspace_set_client_certificate (ws, cert);
  tess_workspace_set_ca_file (ws, "/k/ca.pem");
  tess_workspace_set_follow_redirects (ws, FALSE);
  tess_workspace_set_max_redirects (ws, 4);
  tess_workspace_set_verify_tls (ws, FALSE);
  tess_workspace_save_settings_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_save_settings_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Sorted by name, case-insensitively. */
  {
    g_autoptr(TessItem) first = g_list_model_get_item (tess_workspace_get_collections (ws), 0);

    g_assert_true (first == alpha);
  }

  /* The files are where the layout says, and nothing else is there. */
  zeta_file = g_strdup_printf ("%s/%s.postman_collection.json", collections_dir, tess_item_get_id (zeta));
  g_assert_cmpstr (tess_workspace_get_file (ws, zeta), ==, zeta_file);
  g_assert_true (g_file_test (zeta_file, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (collections_dir), ==, 2);
  {
    g_autofree char *env_dir = g_build_filename (dir, "environments", NULL);
    g_autofree char *globals_path = g_build_filename (dir, "globals.postman_globals.json", NULL);

    g_assert_cmpuint (count_files (env_dir), ==, 1);
    g_assert_true (g_file_test (globals_path, G_FILE_TEST_IS_REGULAR));
  }
  settings_text = tess_test_load_text (settings_path);
  g_assert_nonnull (strstr (settings_text, "futureOption"));
  g_assert_nonnull (strstr (settings_text, "\"note\""));
  g_assert_null (strstr (settings_text, "passphrase"));
  g_assert_null (strstr (settings_text, "hunter2"));

  /* A second workspace over the same folder sees it all. */
  again = load_workspace (dir);
  g_assert_cmpuint (tess_workspace_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (again)), ==, 2);
  loaded = tess_workspace_find_collection (again, "Zeta");
  g_assert_nonnull (loaded);
  g_assert_cmpstr (tess_item_get_id (loaded), ==, tess_item_get_id (zeta));
  g_assert_true (tess_workspace_find_collection (again, tess_item_get_id (alpha)) ==
                 tess_workspace_find_collection (again, "alpha"));
  g_assert_null (tess_workspace_find_collection (again, "nope"));
  g_assert_cmpstr (tess_item_get_method (first_request (loaded)), ==, "POST");
  g_assert_cmpstr (tess_item_get_url (first_request (loaded)), ==, "https://{{host}}/z?a=1");
  g_assert_cmpstr (tess_kv_list_lookup (tess_item_get_headers (first_request (loaded)), "x-trace", TRUE),
                   ==, "{{trace}}");
  g_assert_cmpstr (tess_kv_list_lookup (tess_item_get_variables (loaded), "host", FALSE), ==, "example.com");

  loaded_env = tess_workspace_find_environment (again, "Staging");
  g_assert_nonnull (loaded_env);
  g_assert_cmpstr (tess_environment_get_id (loaded_env), ==, tess_environment_get_id (env));
  g_assert_false (tess_environment_get_is_globals (loaded_env));
  g_assert_cmpstr (tess_kv_list_lookup (tess_environment_get_values (loaded_env), "trace", FALSE), ==, "t-1");
  g_assert_cmpuint (tess_environment_get_values (loaded_env)->len, ==, 2);
  g_assert_false (((TessKeyValue *) tess_environment_get_values (loaded_env)->pdata[1])->enabled);
  g_assert_cmpstr (tess_kv_list_lookup (tess_environment_get_values (tess_workspace_get_globals (again)), "g", FALSE),
                   ==, "1");

  g_assert_cmpstr (tess_workspace_get_ca_file (again), ==, "/k/ca.pem");
  g_assert_false (tess_workspace_get_follow_redirects (again));
  g_assert_cmpuint (tess_workspace_get_max_redirects (again), ==, 4);
  g_assert_false (tess_workspace_get_verify_tls (again));
  g_assert_cmpuint (tess_workspace_get_request_timeout (again), ==, 1500);
  found = tess_workspace_lookup_client_certificate (again, "API.example.com", 8443);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->cert, ==, "/k/client.pem");
  g_assert_cmpstr (found->key, ==, "/k/client.key");
  g_assert_null (tess_workspace_lookup_client_certificate (again, "api.example.com", 443));
  found = tess_workspace_lookup_client_certificate (again, "old.example.com", 443);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->pfx, ==, "/k/old.p12");
  assert_finalized (again);
}

static void
test_broken_file (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autofree char *broken = subpath (dir, "collections", "broken-id.postman_collection.json");
  g_autofree char *wrong_kind = subpath (dir, "collections", "env.postman_collection.json");
  g_autofree char *broken_env = subpath (dir, "environments", "bad.postman_environment.json");
  g_autofree char *globals_path = g_build_filename (dir, "globals.postman_globals.json", NULL);
  g_autofree char *settings_path = g_build_filename (dir, "workspace.json", NULL);
  g_autofree char *stray = subpath (dir, "collections", "x.postman_collection.json.AB12CD");
  const char *broken_text = "{\n  \"info\": {\"name\": \"Broken\"},\n  \"item\": [ }\n";
  const char *wrong_kind_text = "{\"name\": \"E\", \"values\": []}";
  const char *broken_globals = "{\"values\": [";
  const char *broken_settings = "[1, 2,";
  g_autoptr(TessWorkspace) ws = NULL;
  g_autoptr(TessWorkspace) again = NULL;
  g_autoptr(TessItem) one = make_collection ("One", "http://127.0.0.1/1");
  g_autoptr(TessItem) two = make_collection ("Two", "http://127.0.0.1/2");
  g_autoptr(TessItem) intruder = tess_item_new (TESS_ITEM_COLLECTION, "Same id as the broken file");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:3:", broken);
  GPtrArray *problems;
  gboolean saw_broken = FALSE, saw_kind = FALSE;

  /* Two good collections, saved by a first workspace. */
  ws = load_workspace (dir);
  g_assert_true (tess_workspace_save_collection (ws, one, &error));
  g_assert_true (tess_workspace_save_collection (ws, two, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  write_text (broken, broken_text);
  write_text (wrong_kind, wrong_kind_text);
  write_text (broken_env, "");
  write_text (globals_path, broken_globals);
  write_text (settings_path, broken_settings);
  write_text (stray, "not json, and not ours: ignored");

  again = load_workspace (dir);
  problems = tess_workspace_get_problems (again);
  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);

      g_test_message ("problem: %s", problem->message);
      if (g_str_has_prefix (problem->message, prefix))
        {
          g_assert_error (problem, TESS_ERROR, TESS_ERROR_PARSE);
          saw_broken = TRUE;
        }
      if (g_str_has_prefix (problem->message, wrong_kind))
        saw_kind = TRUE;
    }
  g_assert_cmpuint (problems->len, ==, 5);
  g_assert_true (saw_broken);
  g_assert_true (saw_kind);
  g_assert_true (tess_workspace_is_broken_file (again, broken));
  g_assert_true (tess_workspace_is_broken_file (again, globals_path));

  /* The others still load. */
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (again)), ==, 2);
  g_assert_nonnull (tess_workspace_find_collection (again, "One"));
  g_assert_nonnull (tess_workspace_find_collection (again, tess_item_get_id (two)));
  g_assert_nonnull (tess_workspace_get_globals (again));
  g_assert_true (tess_workspace_get_verify_tls (again));

  /* Saving to the broken file fails clearly, sync and async. */
  tess_item_set_id (intruder, "broken-id");
  g_assert_false (tess_workspace_save_collection (again, intruder, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, broken));
  g_assert_nonnull (strstr (error->message, "failed to load"));
  g_clear_error (&error);
  tess_workspace_save_collection_async (again, intruder, NULL, store_result_cb, &result);
  g_assert_false (tess_workspace_save_collection_finish (again, wait_result (&result), &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_null (tess_workspace_find_collection (again, "broken-id"));

  g_assert_false (tess_workspace_save_globals (again, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (tess_workspace_save_settings (again, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_clear_error (&error);

  /* Saving the other collections leaves the broken ones alone. */
  {
    TessItem *loaded_one = tess_workspace_find_collection (again, "One");

    tess_item_set_name (loaded_one, "One, renamed");
    g_assert_true (tess_workspace_save_collection (again, loaded_one, &error));
    g_assert_no_error (error);
    tess_workspace_save_collection_async (again, tess_workspace_find_collection (again, "Two"),
                                          NULL, store_result_cb, &result);
    g_assert_true (tess_workspace_save_collection_finish (again, wait_result (&result), &error));
    g_assert_no_error (error);
  }

  {
    g_autofree char *now_broken = tess_test_load_text (broken);
    g_autofree char *now_kind = tess_test_load_text (wrong_kind);
    g_autofree char *now_env = tess_test_load_text (broken_env);
    g_autofree char *now_globals = tess_test_load_text (globals_path);
    g_autofree char *now_settings = tess_test_load_text (settings_path);
    g_autofree char *now_stray = tess_test_load_text (stray);

    g_assert_cmpstr (now_broken, ==, broken_text);
    g_assert_cmpstr (now_kind, ==, wrong_kind_text);
    g_assert_cmpstr (now_env, ==, "");
    g_assert_cmpstr (now_globals, ==, broken_globals);
    g_assert_cmpstr (now_settings, ==, broken_settings);
    g_assert_cmpstr (now_stray, ==, "not json, and not ours: ignored");
  }
  {
    g_autofree char *collections_dir = g_build_filename (dir, "collections", NULL);

    /* one, two, broken, wrong kind, stray: no new or temporary files */
    g_assert_cmpuint (count_files (collections_dir), ==, 5);
  }
}

static const char *environment_export =
  "{\n"
  "  \"id\": \"5f0e2d3c-0000-4000-8000-00000000e001\",\n"
  "  \"name\": \"Production\",\n"
  "  \"values\": [\n"
  "    {\"key\": \"host\", \"value\": \"api.example.com\", \"type\": \"default\", \"enabled\": true},\n"
  "    {\"key\": \"token\", \"value\": \"\", \"type\": \"secret\", \"enabled\": true},\n"
  "    {\"key\": \"old\", \"value\": \"x\", \"enabled\": false}\n"
  "  ],\n"
  "  \"_postman_variable_scope\": \"environment\",\n"
  "  \"_postman_exported_at\": \"2024-01-02T03:04:05.678Z\",\n"
  "  \"_postman_exported_using\": \"Postman/10.22.0\"\n"
  "}\n";

static const char *globals_export =
  "{\n"
  "  \"id\": \"5f0e2d3c-0000-4000-8000-00000000a001\",\n"
  "  \"name\": \"My Workspace Globals\",\n"
  "  \"values\": [\n"
  "    {\"key\": \"retries\", \"value\": \"3\", \"enabled\": true}\n"
  "  ],\n"
  "  \"_postman_variable_scope\": \"globals\",\n"
  "  \"_postman_exported_at\": \"2024-01-02T03:04:05.678Z\"\n"
  "}\n";

static void
test_import (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autofree char *outside = tess_test_make_tmpdir ();
  g_autofree char *env_file = g_build_filename (outside, "Production.postman_environment.json", NULL);
  g_autofree char *globals_file = g_build_filename (outside, "globals.json", NULL);
  g_autofree char *other_file = g_build_filename (outside, "other.json", NULL);
  g_autofree char *env_dir = g_build_filename (dir, "environments", NULL);
  g_autofree char *collection_file = tess_test_shared_path ("vectors", "postman", "examples", "httpMethods.json", NULL);
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(TessWorkspace) again = NULL;
  g_autoptr(GError) error = NULL;
  GObject *first, *second, *globals, *collection, *collection_copy;
  g_autofree char *expected_env_path = NULL;

  write_text (env_file, environment_export);
  write_text (globals_file, globals_export);
  write_text (other_file, "{\"hello\": \"world\"}");

  first = tess_workspace_import_file (ws, env_file, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ENVIRONMENT (first));
  g_assert_cmpstr (tess_environment_get_id (TESS_ENVIRONMENT (first)), ==, "5f0e2d3c-0000-4000-8000-00000000e001");
  expected_env_path = g_build_filename (env_dir, "5f0e2d3c-0000-4000-8000-00000000e001.postman_environment.json", NULL);
  g_assert_cmpstr (tess_workspace_get_file (ws, first), ==, expected_env_path);
  g_assert_true (g_file_test (expected_env_path, G_FILE_TEST_IS_REGULAR));

  /* The same file again: a copy with a new id, in its own file. */
  second = tess_workspace_import_file (ws, env_file, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ENVIRONMENT (second));
  g_assert_true (second != first);
  g_assert_cmpstr (tess_environment_get_id (TESS_ENVIRONMENT (second)), !=,
                   tess_environment_get_id (TESS_ENVIRONMENT (first)));
  g_assert_cmpstr (tess_environment_get_name (TESS_ENVIRONMENT (second)), ==, "Production");
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (ws)), ==, 2);
  g_assert_cmpuint (count_files (env_dir), ==, 2);

  globals = tess_workspace_import_file (ws, globals_file, &error);
  g_assert_no_error (error);
  g_assert_true (globals == G_OBJECT (tess_workspace_get_globals (ws)));
  g_assert_true (tess_environment_get_is_globals (TESS_ENVIRONMENT (globals)));
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (ws)), ==, 2);

  collection = tess_workspace_import_file (ws, collection_file, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ITEM (collection));
  g_assert_cmpstr (tess_item_get_id (TESS_ITEM (collection)), ==, "5adbd3b7-80cb-43cc-bf1e-8578ab3c9b15");
  collection_copy = tess_workspace_import_file (ws, collection_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tess_item_get_id (TESS_ITEM (collection_copy)), !=, tess_item_get_id (TESS_ITEM (collection)));
  {
    g_autoptr(TessItem) a = g_list_model_get_item (tess_item_get_children (TESS_ITEM (collection)), 0);
    g_autoptr(TessItem) b = g_list_model_get_item (tess_item_get_children (TESS_ITEM (collection_copy)), 0);

    g_assert_cmpstr (tess_item_get_name (a), ==, tess_item_get_name (b));
    g_assert_cmpstr (tess_item_get_id (a), !=, tess_item_get_id (b));
  }

  g_assert_null (tess_workspace_import_file (ws, other_file, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, other_file));
  g_clear_error (&error);

  /* What was imported is there after a fresh load. */
  again = load_workspace (dir);
  g_assert_cmpuint (tess_workspace_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (again)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (again)), ==, 2);
  {
    TessEnvironment *env = tess_workspace_find_environment (again, "5f0e2d3c-0000-4000-8000-00000000e001");
    TessEnvironment *g = tess_workspace_get_globals (again);
    GPtrArray *values;

    g_assert_nonnull (env);
    values = tess_environment_get_values (env);
    g_assert_cmpuint (values->len, ==, 3);
    g_assert_cmpstr (tess_kv_list_lookup (values, "host", FALSE), ==, "api.example.com");
    g_assert_false (((TessKeyValue *) values->pdata[2])->enabled);
    g_assert_cmpstr (tess_environment_get_name (g), ==, "My Workspace Globals");
    g_assert_true (tess_environment_get_is_globals (g));
    g_assert_cmpstr (tess_kv_list_lookup (tess_environment_get_values (g), "retries", FALSE), ==, "3");
  }
}

typedef struct {
  GObject *imported;
  GError *error;
  gboolean done;
} ImportResult;

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportResult *out = user_data;

  out->imported = tess_workspace_import_file_finish (TESS_WORKSPACE (source), result, &out->error);
  out->done = TRUE;
}

static gboolean
import_done (gpointer data)
{
  return ((ImportResult *) data)->done;
}

/* Runs one import to its end; the result is transfer none. */
static GObject *
import_async (TessWorkspace  *ws,
              const char     *path,
              GError        **error)
{
  ImportResult out = { 0 };

  tess_workspace_import_file_async (ws, path, NULL, imported_cb, &out);
  g_assert_false (out.done);
  g_assert_true (tess_test_wait_until (import_done, &out, 10000));
  if (out.error != NULL)
    g_propagate_error (error, out.error);
  return out.imported;
}

static void
test_import_async (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autofree char *outside = tess_test_make_tmpdir ();
  g_autofree char *env_file = g_build_filename (outside, "Production.postman_environment.json", NULL);
  g_autofree char *globals_file = g_build_filename (outside, "globals.json", NULL);
  g_autofree char *broken_file = g_build_filename (outside, "broken.json", NULL);
  g_autofree char *other_file = g_build_filename (outside, "other.json", NULL);
  g_autofree char *collections_dir = g_build_filename (dir, "collections", NULL);
  g_autofree char *collection_file = tess_test_shared_path ("vectors", "postman", "examples", "httpMethods.json", NULL);
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(TessWorkspace) again = NULL;
  g_autoptr(GError) error = NULL;
  GObject *collection, *copy, *environment, *globals;

  write_text (env_file, environment_export);
  write_text (globals_file, globals_export);
  write_text (broken_file, "{\n  \"info\": {\"name\": \"Broken\"},\n  \"item\": [ {\"name\": }\n]}\n");
  write_text (other_file, "{\"hello\": \"world\"}");

  collection = import_async (ws, collection_file, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ITEM (collection));
  g_assert_cmpstr (tess_item_get_id (TESS_ITEM (collection)), ==, "5adbd3b7-80cb-43cc-bf1e-8578ab3c9b15");
  g_assert_true (g_file_test (tess_workspace_get_file (ws, collection), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (ws)), ==, 1);

  /* Again: a copy with new ids, in its own file. */
  copy = import_async (ws, collection_file, &error);
  g_assert_no_error (error);
  g_assert_true (copy != collection);
  g_assert_cmpstr (tess_item_get_id (TESS_ITEM (copy)), !=, tess_item_get_id (TESS_ITEM (collection)));
  g_assert_cmpuint (count_files (collections_dir), ==, 2);

  environment = import_async (ws, env_file, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ENVIRONMENT (environment));
  g_assert_cmpstr (tess_environment_get_name (TESS_ENVIRONMENT (environment)), ==, "Production");

  globals = import_async (ws, globals_file, &error);
  g_assert_no_error (error);
  g_assert_true (globals == G_OBJECT (tess_workspace_get_globals (ws)));

  /* A file that does not parse: where, and nothing written. */
  g_assert_null (import_async (ws, broken_file, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, broken_file));
  g_assert_nonnull (strstr (error->message, ":3:"));
  g_clear_error (&error);
  g_assert_null (import_async (ws, other_file, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, other_file));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (collections_dir), ==, 2);

  again = load_workspace (dir);
  g_assert_cmpuint (tess_workspace_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (again)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (again)), ==, 1);
}

/* A document parsed already (pasted text): modelled and written off the
 * main loop, and its errors name where it came from. */
static void
test_import_json_async (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  ImportResult out = { 0 };

  root = json_from_string ("{\"info\": {\"name\": \"Pasted\"}, \"item\": [{\"name\": \"Ping\","
                           " \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1/\"}}]}", &error);
  g_assert_no_error (error);
  tess_workspace_import_json_async (ws, root, "pasted text", NULL, imported_cb, &out);
  g_assert_false (out.done);
  g_assert_true (tess_test_wait_until (import_done, &out, 10000));
  g_assert_no_error (out.error);
  g_assert_true (TESS_IS_ITEM (out.imported));
  g_assert_cmpstr (tess_item_get_name (TESS_ITEM (out.imported)), ==, "Pasted");
  g_assert_true (g_file_test (tess_workspace_get_file (ws, out.imported), G_FILE_TEST_IS_REGULAR));

  /* A collection whose item is not an object. */
  memset (&out, 0, sizeof out);
  root = json_from_string ("{\"info\": {\"name\": \"Bad\"}, \"item\": [42]}", &error);
  g_assert_no_error (error);
  tess_workspace_import_json_async (ws, root, "pasted text", NULL, imported_cb, &out);
  g_assert_true (tess_test_wait_until (import_done, &out, 10000));
  g_assert_null (out.imported);
  g_assert_nonnull (out.error);
  g_test_message ("%s", out.error->message);
  g_assert_nonnull (strstr (out.error->message, "pasted text"));
  g_clear_error (&out.error);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (ws)), ==, 1);
}

/* The same file twice at once into an empty workspace: whichever order the
 * steps interleave in, both land, each with its own ids and file. */
static void
test_import_async_twice (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autofree char *collections_dir = g_build_filename (dir, "collections", NULL);
  g_autofree char *collection_file = tess_test_shared_path ("vectors", "postman", "examples", "httpMethods.json", NULL);
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(TessWorkspace) again = NULL;
  ImportResult a = { 0 }, b = { 0 };

  tess_workspace_import_file_async (ws, collection_file, NULL, imported_cb, &a);
  tess_workspace_import_file_async (ws, collection_file, NULL, imported_cb, &b);
  g_assert_true (tess_test_wait_until (import_done, &a, 10000));
  g_assert_true (tess_test_wait_until (import_done, &b, 10000));
  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  g_assert_cmpstr (tess_item_get_id (TESS_ITEM (a.imported)), !=, tess_item_get_id (TESS_ITEM (b.imported)));
  g_assert_cmpuint (count_files (collections_dir), ==, 2);

  again = load_workspace (dir);
  g_assert_cmpuint (tess_workspace_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (again)), ==, 2);
}

static void
test_remove (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(TessItem) keep = make_collection ("Keep", "http://127.0.0.1/k");
  g_autoptr(TessItem) drop = make_collection ("Drop", "http://127.0.0.1/d");
  g_autoptr(TessEnvironment) env = tess_environment_new ("Gone soon");
  g_autoptr(TessItem) never_saved = tess_item_new (TESS_ITEM_COLLECTION, "Never saved");
  g_autoptr(GError) error = NULL;
  g_autofree char *drop_path = NULL;
  g_autofree char *keep_path = NULL;
  g_autofree char *env_path = NULL;

  g_assert_true (tess_workspace_save_collection (ws, keep, &error));
  g_assert_true (tess_workspace_save_collection (ws, drop, &error));
  g_assert_true (tess_workspace_save_environment (ws, env, &error));
  g_assert_no_error (error);
  drop_path = g_strdup (tess_workspace_get_file (ws, drop));
  keep_path = g_strdup (tess_workspace_get_file (ws, keep));
  env_path = g_strdup (tess_workspace_get_file (ws, env));
  g_assert_true (g_file_test (drop_path, G_FILE_TEST_EXISTS));

  g_assert_true (tess_workspace_remove_collection (ws, drop, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (drop_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (keep_path, G_FILE_TEST_EXISTS));
  g_assert_null (tess_workspace_get_file (ws, drop));
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (ws)), ==, 1);

  g_assert_true (tess_workspace_remove_environment (ws, env, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (env_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (ws)), ==, 0);

  /* Added but never written: removing it is fine too. */
  g_assert_true (tess_workspace_add_collection (ws, never_saved, &error));
  g_assert_no_error (error);
  g_assert_true (tess_workspace_remove_collection (ws, never_saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (ws)), ==, 1);
}

static void
test_add_conflict (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(TessItem) a = tess_item_new (TESS_ITEM_COLLECTION, "A");
  g_autoptr(TessItem) b = tess_item_new (TESS_ITEM_COLLECTION, "B");
  g_autoptr(TessItem) odd = tess_item_new (TESS_ITEM_COLLECTION, "Odd id");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  tess_item_set_id (a, "same");
  tess_item_set_id (b, "same");
  g_assert_true (tess_workspace_save_collection (ws, a, &error));
  g_assert_no_error (error);
  g_assert_false (tess_workspace_add_collection (ws, b, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "‘B’"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (ws)), ==, 1);

  /* Ids from shared files never escape the folder. */
  tess_item_set_id (odd, "../../etc/passwd");
  g_assert_true (tess_workspace_add_collection (ws, odd, &error));
  g_assert_no_error (error);
  expected = subpath (dir, "collections", "______etc_passwd.postman_collection.json");
  g_assert_cmpstr (tess_workspace_get_file (ws, odd), ==, expected);
}

static void
test_client_certificate_lookup (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_client_certificate_free);
  const char *hosts[] = { "*.example.com", "api.example.com", "api.example.com:8443",
                          "*.example.com:9000", "[::1]:8443", NULL };
  const TessClientCertificate *found;

  for (guint i = 0; hosts[i] != NULL; i++)
    g_ptr_array_add (list, tess_client_certificate_new (hosts[i]));

  found = tess_client_certificate_lookup (list, "API.Example.com", 8443);
  g_assert_cmpstr (found->host, ==, "api.example.com:8443");
  found = tess_client_certificate_lookup (list, "api.example.com", 443);
  g_assert_cmpstr (found->host, ==, "api.example.com");
  found = tess_client_certificate_lookup (list, "www.example.com", 9000);
  g_assert_cmpstr (found->host, ==, "*.example.com:9000");
  found = tess_client_certificate_lookup (list, "www.example.com", 443);
  g_assert_cmpstr (found->host, ==, "*.example.com");
  found = tess_client_certificate_lookup (list, "[::1]", 8443);
  g_assert_cmpstr (found->host, ==, "[::1]:8443");
  g_assert_null (tess_client_certificate_lookup (list, "::1", 443));
  g_assert_null (tess_client_certificate_lookup (list, "example.org", 443));
}

static void
test_load_cancelled (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = subpath (dir, "collections", "c.postman_collection.json");

  write_text (path, "{\"info\": {\"name\": \"C\"}, \"item\": []}");
  g_cancellable_cancel (cancellable);
  tess_workspace_load_async (ws, cancellable, store_result_cb, &result);
  g_assert_false (tess_workspace_load_finish (ws, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (ws)), ==, 0);
}

static void
test_save_order (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(TessItem) collection = make_collection ("v0", "http://127.0.0.1/");
  g_autoptr(TessItem) doomed = make_collection ("Doomed", "http://127.0.0.1/");
  GAsyncResult *results[8] = { NULL, };
  g_autoptr(GAsyncResult) doomed_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *doomed_path = NULL;

  /* Many saves in flight: the file ends with the last one asked for. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *name = g_strdup_printf ("v%u", i + 1);

      tess_item_set_name (collection, name);
      tess_workspace_save_collection_async (ws, collection, NULL, store_result_cb, &results[i]);
    }
  /* A delete asked for after a save stops that save. */
  tess_workspace_save_collection_async (ws, doomed, NULL, store_result_cb, &doomed_result);
  doomed_path = g_strdup (tess_workspace_get_file (ws, doomed));
  g_assert_true (tess_workspace_remove_collection (ws, doomed, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_true (tess_workspace_save_collection_finish (ws, wait_result (&results[i]), &error));
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }
  g_assert_true (tess_workspace_save_collection_finish (ws, wait_result (&doomed_result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (doomed_path, G_FILE_TEST_EXISTS));

  path = g_strdup (tess_workspace_get_file (ws, collection));
  root = tess_json_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "info"),
                                                  "name"), ==, "v8");
}

/* The names of @ws's collections in their order: "A B C". */
static char *
collection_names (TessWorkspace *ws)
{
  GListModel *list = tess_workspace_get_collections (ws);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TessItem) collection = g_list_model_get_item (list, i);

      if (i > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, tess_item_get_name (collection));
    }
  return g_string_free (names, FALSE);
}

static void
assert_collection_names (TessWorkspace *ws,
                         const char    *expected)
{
  g_autofree char *names = collection_names (ws);

  g_assert_cmpstr (names, ==, expected);
}

static void
test_collection_order (void)
{
  g_autofree char *dir = new_workspace_dir ();
  g_autofree char *settings_path = g_build_filename (dir, "workspace.json", NULL);
  g_autoptr(TessWorkspace) ws = load_workspace (dir);
  g_autoptr(TessWorkspace) again = NULL;
  g_autoptr(TessItem) alpha = tess_item_new (TESS_ITEM_COLLECTION, "Alpha");
  g_autoptr(TessItem) bravo = tess_item_new (TESS_ITEM_COLLECTION, "Bravo");
  g_autoptr(TessItem) charlie = tess_item_new (TESS_ITEM_COLLECTION, "Charlie");
  g_autoptr(TessItem) delta = tess_item_new (TESS_ITEM_COLLECTION, "Delta");
  g_autoptr(TessItem) echo = tess_item_new (TESS_ITEM_COLLECTION, "Echo");
  g_autoptr(TessItem) aardvark = tess_item_new (TESS_ITEM_COLLECTION, "Aardvark");
  g_autoptr(TessItem) stranger = tess_item_new (TESS_ITEM_COLLECTION, "Stranger");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = NULL;

  /* By name until someone moves one. */
  g_assert_true (tess_workspace_save_collection (ws, charlie, &error));
  g_assert_true (tess_workspace_save_collection (ws, alpha, &error));
  g_assert_true (tess_workspace_save_collection (ws, bravo, &error));
  g_assert_no_error (error);
  assert_collection_names (ws, "Alpha Bravo Charlie");

  /* To the top, then past the end (the async form moves at once). */
  g_assert_true (tess_workspace_move_collection (ws, charlie, 0, &error));
  g_assert_no_error (error);
  assert_collection_names (ws, "Charlie Alpha Bravo");
  tess_workspace_move_collection_async (ws, alpha, 99, NULL, store_result_cb, &result);
  assert_collection_names (ws, "Charlie Bravo Alpha");
  g_assert_true (tess_workspace_move_collection_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (tess_workspace_move_collection (ws, stranger, 0, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "‘Stranger’"));
  g_clear_error (&error);
  tess_workspace_move_collection_async (ws, stranger, 0, NULL, store_result_cb, &result);
  g_assert_false (tess_workspace_move_collection_finish (ws, wait_result (&result), &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Renaming does not re-sort; a new collection goes at the end, not by name. */
  tess_item_set_name (bravo, "Zulu");
  g_assert_true (tess_workspace_save_collection (ws, bravo, &error));
  g_assert_true (tess_workspace_save_collection (ws, delta, &error));
  g_assert_no_error (error);
  assert_collection_names (ws, "Charlie Zulu Alpha Delta");
  g_assert_true (tess_workspace_save_settings (ws, &error));
  g_assert_no_error (error);
  settings = tess_test_load_text (settings_path);
  g_assert_nonnull (strstr (settings, "\"collectionOrder\""));

  /* Loading applies it. */
  again = load_workspace (dir);
  assert_collection_names (again, "Charlie Zulu Alpha Delta");

  /* Collections the order does not list (written by another window or
   * tool) come after the listed ones, by name. */
  g_assert_true (tess_workspace_save_collection (again, echo, &error));
  g_assert_true (tess_workspace_save_collection (again, aardvark, &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  again = load_workspace (dir);
  assert_collection_names (again, "Charlie Zulu Alpha Delta Aardvark Echo");
  g_clear_object (&again);

  /* Ids no collection has, and what is not an id, are skipped; the other
   * settings stay. */
  g_free (settings);
  settings = g_strdup_printf ("{\"requestTimeout\": 5, \"collectionOrder\": [\"gone\", \"%s\", 7, null, \"%s\"]}",
                              tess_item_get_id (delta), tess_item_get_id (charlie));
  write_text (settings_path, settings);
  again = load_workspace (dir);
  g_assert_cmpuint (tess_workspace_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (tess_workspace_get_request_timeout (again), ==, 5);
  assert_collection_names (again, "Delta Charlie Aardvark Alpha Echo Zulu");

  /* Removing one keeps the others' order. */
  g_assert_true (tess_workspace_remove_collection (again, tess_workspace_find_collection (again, "Charlie"), &error));
  g_assert_no_error (error);
  g_assert_true (tess_workspace_move_collection (again, tess_workspace_find_collection (again, "Zulu"), 1, &error));
  g_assert_no_error (error);
  assert_collection_names (again, "Delta Zulu Aardvark Alpha Echo");
  g_clear_object (&again);
  again = load_workspace (dir);
  assert_collection_names (again, "Delta Zulu Aardvark Alpha Echo");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  default_workspace = tess_test_make_tmpdir ();
  g_setenv ("TESSERA_WORKSPACE", default_workspace, TRUE);
  g_test_add_func ("/workspace/new", test_new);
  g_test_add_func ("/workspace/empty-folder", test_empty_folder);
  g_test_add_func ("/workspace/round-trip", test_round_trip);
  g_test_add_func ("/workspace/broken-file", test_broken_file);
  g_test_add_func ("/workspace/import", test_import);
  g_test_add_func ("/workspace/import-async", test_import_async);
  g_test_add_func ("/workspace/import-async-twice", test_import_async_twice);
  g_test_add_func ("/workspace/import-json-async", test_import_json_async);
  g_test_add_func ("/workspace/remove", test_remove);
  g_test_add_func ("/workspace/save-order", test_save_order);
  g_test_add_func ("/workspace/add-conflict", test_add_conflict);
  g_test_add_func ("/workspace/collection-order", test_collection_order);
  g_test_add_func ("/workspace/client-certificate-lookup", test_client_certificate_lookup);
  g_test_add_func ("/workspace/load-cancelled", test_load_cancelled);
  return g_test_run ();
}
