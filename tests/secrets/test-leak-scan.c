/* Leak scan: one request of every auth type, secret variables in every
 * scope and an OAuth 2.0 token, each with its own marker; saved by the
 * core, exported (default and opted in), run, sent and imported through
 * tessera-cli. Then every file under the workspaces, the export folder and
 * $XDG_CONFIG_HOME, $XDG_CACHE_HOME, $XDG_STATE_HOME is searched for every
 * marker: none anywhere but the opted-in exports, while the keyring returns
 * them all. */
#include <string.h>

#include "secrets-fixture.h"
#include "tess-secret-store-libsecret.h"
#include "tess-secrets.h"
#include "tess-test-server.h"
#include "tess-test-util.h"
#include "tess-workspace.h"

/* Set in main() before anything reads them. */
static char *root_dir;
static char *xdg_dirs[3];

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
  g_assert_true (tess_test_wait_until (result_ready, slot, 60000));
  return *slot;
}

static void
add_values (GHashTable *into,
            gpointer    object)
{
  g_autoptr(GPtrArray) slots = TESS_IS_ITEM (object) ? tess_secrets_collect_collection (object)
                                                     : tess_secrets_collect_environment (object);

  for (guint i = 0; i < slots->len; i++)
    g_hash_table_add (into, g_strdup (((TessSecret *) slots->pdata[i])->value));
}

/* Saves everything the way the window does, then lets the core go. */
static void
save_workspace (const char      *dir,
                TessItem        *vault,
                TessEnvironment *env,
                TessEnvironment *globals)
{
  g_autoptr(TessSecretStore) store = tess_secret_store_libsecret_new ();
  g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tess_workspace_set_secret_store (ws, store);
  tess_workspace_load_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_load_finish (ws, wait_result (&result), &error));
  g_ptr_array_extend_and_steal (tess_environment_get_values (tess_workspace_get_globals (ws)),
                                tess_kv_list_copy (tess_environment_get_values (globals)));
  g_clear_object (&result);
  tess_workspace_save_collection_async (ws, vault, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_save_collection_finish (ws, wait_result (&result), &error));
  g_clear_object (&result);
  tess_workspace_save_environment_async (ws, env, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_save_environment_finish (ws, wait_result (&result), &error));
  g_clear_object (&result);
  tess_workspace_save_globals_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_save_globals_finish (ws, wait_result (&result), &error));
  g_assert_true (tess_workspace_flush_secrets (ws, &error));
  g_assert_no_error (error);
  g_assert_null (tess_workspace_get_secrets_message (ws));
}

/* A new core over the same folder: every marker is back in the model. */
static void
assert_reloaded (const char *dir,
                 GPtrArray  *markers)
{
  g_autoptr(TessSecretStore) store = tess_secret_store_libsecret_new ();
  g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  tess_workspace_set_secret_store (ws, store);
  g_assert_true (tess_workspace_load (ws, NULL, &error));
  g_assert_no_error (error);
  add_values (values, tess_workspace_find_collection (ws, "Vault"));
  add_values (values, tess_workspace_find_environment (ws, "Env"));
  add_values (values, tess_workspace_get_globals (ws));
  for (guint i = 0; i < markers->len; i++)
    if (!g_hash_table_contains (values, markers->pdata[i]))
      g_error ("%s did not come back from the keyring", (char *) markers->pdata[i]);
}

static GHashTable *
keyring_values (const char *workspace)
{
  g_autoptr(TessSecretStore) store = tess_secret_store_libsecret_new ();
  g_autoptr(GHashTable) by_key = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer value;

  by_key = tess_secret_store_lookup_many_sync (store, workspace, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_hash_table_add (values, g_strdup (value));
  return values;
}

static void
run (SecretsCliResult *result,
     const char       *workspace,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, workspace);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  secrets_run_cli (result, workspace, NULL, (const char * const *) argv->pdata);
}

static gboolean
server_saw_header (GPtrArray  *requests,
                   const char *name,
                   const char *value)
{
  for (guint i = 0; i < requests->len; i++)
    if (g_strcmp0 (tess_test_request_get_header (requests->pdata[i], name), value) == 0)
      return TRUE;
  return FALSE;
}

static char *
basic_header (const char *user,
              const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strconcat ("Basic ", encoded, NULL);
}

static void
test_every_secret (void)
{
  g_autofree char *reason = NULL;
  g_autoptr(TessTestServer) server = NULL;
  g_autofree char *base = NULL;
  g_autofree char *workspace = g_build_filename (root_dir, "workspace", NULL);
  g_autofree char *imported = g_build_filename (root_dir, "imported", NULL);
  g_autofree char *export_dir = g_build_filename (root_dir, "export", NULL);
  g_autofree char *vault_default = g_build_filename (export_dir, "vault.json", NULL);
  g_autofree char *vault_secrets = g_build_filename (export_dir, "vault-with-secrets.json", NULL);
  g_autofree char *env_default = g_build_filename (export_dir, "env.json", NULL);
  g_autofree char *env_secrets = g_build_filename (export_dir, "env-with-secrets.json", NULL);
  g_autoptr(GPtrArray) markers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) vault_markers = NULL;
  g_autoptr(TessItem) vault = NULL;
  g_autoptr(TessEnvironment) env = NULL;
  g_autoptr(TessEnvironment) globals = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GHashTable) kept_imported = NULL;
  g_autofree char *folder_basic = NULL;
  g_autofree char *request_basic = NULL;
  const char *scanned[] = { workspace, imported, export_dir, xdg_dirs[0], xdg_dirs[1], xdg_dirs[2] };
  guint n_vault, opted_in_hits = 0;
  g_auto(SecretsCliResult) export_default = { 0 };
  g_auto(SecretsCliResult) export_secrets = { 0 };
  g_auto(SecretsCliResult) export_env = { 0 };
  g_auto(SecretsCliResult) export_env_secrets = { 0 };
  g_auto(SecretsCliResult) ran = { 0 };
  g_auto(SecretsCliResult) sent = { 0 };
  g_auto(SecretsCliResult) import = { 0 };

  if (!secrets_have_keyring (&reason))
    {
      tess_test_skip_peer ("%s", reason);
      return;
    }

  server = tess_test_server_new ();
  base = tess_test_server_dup_url (server, "");
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  vault = secrets_every_auth_collection (base, markers);
  n_vault = markers->len;
  env = secrets_marked_environment (FALSE, markers);
  globals = secrets_marked_environment (TRUE, markers);
  vault_markers = g_ptr_array_copy (markers, (GCopyFunc) g_strdup, NULL);
  g_ptr_array_set_size (vault_markers, n_vault);
  {
    GListModel *by_type = tess_item_get_children (tess_item_find (vault, "By type"));

    for (guint i = 0; i < g_list_model_get_n_items (by_type); i++)
      {
        g_autoptr(TessItem) request = g_list_model_get_item (by_type, i);
        g_autofree char *path = g_strconcat ("/", tess_item_get_name (request), NULL);

        tess_test_server_add_response (server, path, 200, "text/plain", g_bytes_new_static ("ok", 2), NULL);
      }
    tess_test_server_add_response (server, "/folder", 200, "text/plain", g_bytes_new_static ("ok", 2), NULL);
    tess_test_server_add_response (server, "/open", 200, "text/plain", g_bytes_new_static ("ok", 2), NULL);
  }

  /* Saved by the core; read back by a new one. */
  save_workspace (workspace, vault, env, globals);
  assert_reloaded (workspace, markers);

  /* Exports: empty secrets by default, all of them when asked, with a warning. */
  run (&export_default, workspace, "export", "Vault", "--out", vault_default, NULL);
  g_assert_cmpint (export_default.status, ==, 0);
  g_assert_null (strstr (export_default.err, "warning"));
  run (&export_secrets, workspace, "export", "Vault", "--include-secrets", "--out", vault_secrets, NULL);
  g_assert_cmpint (export_secrets.status, ==, 0);
  g_assert_nonnull (strstr (export_secrets.err,
                            "tessera-cli export: warning: the export holds secrets (passwords, keys, tokens) "
                            "in plain text; anyone who can read the file can use them"));
  run (&export_env, workspace, "export", "--environment", "Env", "--out", env_default, NULL);
  g_assert_cmpint (export_env.status, ==, 0);
  run (&export_env_secrets, workspace, "export", "--environment", "Env", "--include-secrets", "--out", env_secrets, NULL);
  g_assert_cmpint (export_env_secrets.status, ==, 0);

  /* A run and a send read them from the keyring and put them on the wire. */
  run (&ran, workspace, "run", "Vault", "--env", "Env", "--allow-http-errors", NULL);
  g_assert_cmpint (ran.status, !=, 2);
  requests = tess_test_server_dup_requests (server);
  g_assert_cmpuint (requests->len, >=, 10);
  g_assert_true (server_saw_header (requests, "X-Collection", "MARKER-var-collection-7f3a"));
  g_assert_true (server_saw_header (requests, "X-Environment", "MARKER-var-environment-7f3a"));
  g_assert_true (server_saw_header (requests, "X-Globals", "MARKER-var-globals-7f3a"));
  g_assert_true (server_saw_header (requests, "Authorization", "Bearer MARKER-bearer-token-7f3a"));
  g_assert_true (server_saw_header (requests, "Authorization", "Bearer MARKER-oauth2-accessToken-7f3a"));
  g_assert_true (server_saw_header (requests, "X-Api-Key", "MARKER-apikey-value-7f3a"));
  folder_basic = basic_header ("folder-user", "MARKER-folder-password-7f3a");
  g_assert_true (server_saw_header (requests, "Authorization", folder_basic));

  run (&sent, workspace, "send", "Vault", "By type/basic", "--env", "Env", "--dry-run", NULL);
  g_assert_cmpint (sent.status, ==, 0);
  request_basic = basic_header ("ada", "MARKER-basic-password-7f3a");
  g_assert_nonnull (strstr (sent.out, request_basic));

  /* Importing the opted-in export moves its secrets into the keyring. */
  run (&import, imported, "import", vault_secrets, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.err, ==, "");

  /* The scan. */
  for (guint d = 0; d < G_N_ELEMENTS (scanned); d++)
    secrets_list_files (scanned[d], files);
  g_assert_cmpuint (files->len, >=, 8);
  for (guint f = 0; f < files->len; f++)
    {
      const char *path = files->pdata[f];
      gboolean opted_in = g_str_equal (path, vault_secrets) || g_str_equal (path, env_secrets);

      if (opted_in)
        continue;
      for (guint m = 0; m < markers->len; m++)
        if (secrets_count_in_file (path, markers->pdata[m]) > 0)
          g_error ("%s holds %s", path, (char *) markers->pdata[m]);
      g_assert_cmpuint (secrets_count_in_file (path, SECRETS_MARKER_SUFFIX), ==, 0);
    }
  g_test_message ("%u files scanned for %u markers", files->len, markers->len);

  /* The opted-in exports hold every one of theirs. */
  for (guint m = 0; m < n_vault; m++)
    {
      guint hits = secrets_count_in_file (vault_secrets, markers->pdata[m]);

      if (hits == 0)
        g_error ("the opted-in export lacks %s", (char *) markers->pdata[m]);
      opted_in_hits += hits;
    }
  g_assert_cmpuint (secrets_count_in_file (env_secrets, "MARKER-var-environment-7f3a"), ==, 1);
  g_assert_cmpuint (opted_in_hits, >=, n_vault);

  /* The keyring has them all, for both workspaces. */
  kept = keyring_values (workspace);
  for (guint m = 0; m < markers->len; m++)
    g_assert_true (g_hash_table_contains (kept, markers->pdata[m]));
  kept_imported = keyring_values (imported);
  for (guint m = 0; m < vault_markers->len; m++)
    g_assert_true (g_hash_table_contains (kept_imported, vault_markers->pdata[m]));
}

int
main (int    argc,
      char **argv)
{
  const char *names[] = { "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  const char *folders[] = { "config", "cache", "state" };

  /* Before any thread and before GLib reads them: the test's own folders,
   * inherited by every tessera-cli it runs. */
  root_dir = tess_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      xdg_dirs[i] = g_build_filename (root_dir, folders[i], NULL);
      g_mkdir_with_parents (xdg_dirs[i], 0700);
      g_setenv (names[i], xdg_dirs[i], TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/leak-scan/every-secret", test_every_secret);
  return g_test_run ();
}
