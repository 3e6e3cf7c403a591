/* The libsecret store against a real gnome-keyring-daemon in the test's own
 * D-Bus session (build-aux/dev test starts one, unlocked). */
#include <string.h>

#include "secrets-fixture.h"
#include "tess-secret-store-libsecret.h"
#include "tess-secrets.h"
#include "tess-test-util.h"
#include "tess-workspace.h"

#define BASE_URL "http://127.0.0.1:9"
#define N_BATCH 500

static gboolean
have_keyring (void)
{
  g_autofree char *reason = NULL;

  if (secrets_have_keyring (&reason))
    return TRUE;
  tess_test_skip_peer ("%s", reason);
  return FALSE;
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
  g_assert_true (tess_test_wait_until (result_ready, slot, 60000));
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

/* The keyring worker may drop its task a moment after the answer came:
 * wait for the last reference, with a deadline. */
static void
assert_finalized (gpointer object)
{
  gpointer weak = object;
  guint tick;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  tick = g_timeout_add (5, keep_polling, NULL);
  g_assert_true (tess_test_wait_until (pointer_cleared, &weak, 5000));
  g_source_remove (tick);
}

static GHashTable *
all_values (GObject *object)
{
  g_autoptr(GPtrArray) slots = TESS_IS_ITEM (object) ? tess_secrets_collect_collection (TESS_ITEM (object))
                                                     : tess_secrets_collect_environment (TESS_ENVIRONMENT (object));
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < slots->len; i++)
    g_hash_table_add (values, g_strdup (((TessSecret *) slots->pdata[i])->value));
  return values;
}

static GHashTable *
keyring_values (const char *workspace)
{
  g_autoptr(TessSecretStore) store = tess_secret_store_libsecret_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *values = tess_secret_store_lookup_many_sync (store, workspace, NULL, &error);

  g_assert_no_error (error);
  return values;
}

static gboolean
keyring_has_value (GHashTable *by_key,
                   const char *value)
{
  GHashTableIter iter;
  gpointer stored;

  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, &stored))
    if (g_strcmp0 (stored, value) == 0)
      return TRUE;
  return FALSE;
}

/* ---- the store itself ------------------------------------------------------ */

static void
test_store_lookup_clear (void)
{
  g_autofree char *workspace = tess_test_make_tmpdir ();
  g_autoptr(TessSecretStore) store = NULL;
  g_autoptr(TessSecret) a = tess_secret_new ("request", "r1", "auth.basic.password", "pässwörd ✓");
  g_autoptr(TessSecret) b = tess_secret_new ("request", "r1", "auth.digest.password", "two");
  g_autoptr(TessSecret) c = tess_secret_new ("globals", "globals", "var.token", "three");
  g_autoptr(TessSecret) owner = tess_secret_new ("request", "r1", NULL, NULL);
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *key_a = tess_secret_dup_key (a);

  if (!have_keyring ())
    return;
  store = tess_secret_store_libsecret_new ();
  g_assert_true (tess_secret_store_store_sync (store, workspace, a, NULL, &error));
  g_assert_true (tess_secret_store_store_sync (store, workspace, b, NULL, &error));
  g_assert_true (tess_secret_store_store_sync (store, workspace, c, NULL, &error));
  g_assert_no_error (error);

  value = tess_secret_store_lookup_sync (store, workspace, a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "pässwörd ✓");
  all = tess_secret_store_lookup_many_sync (store, workspace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (all, key_a), ==, "pässwörd ✓");
  g_assert_cmpuint (tess_secret_store_libsecret_get_n_searches (TESS_SECRET_STORE_LIBSECRET (store)), ==, 1);

  /* Replacing keeps one item per key. */
  g_free (a->value);
  a->value = g_strdup ("changed");
  g_assert_true (tess_secret_store_store_sync (store, workspace, a, NULL, &error));
  g_clear_pointer (&all, g_hash_table_unref);
  all = tess_secret_store_lookup_many_sync (store, workspace, NULL, &error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (all, key_a), ==, "changed");

  /* The owner's fields go together; the globals stay. */
  g_assert_true (tess_secret_store_clear_sync (store, workspace, owner, NULL, &error));
  g_assert_true (tess_secret_store_clear_sync (store, workspace, owner, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&all, g_hash_table_unref);
  all = tess_secret_store_lookup_many_sync (store, workspace, NULL, &error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 1);
  g_clear_pointer (&value, g_free);
  value = tess_secret_store_lookup_sync (store, workspace, c, NULL, &error);
  g_assert_cmpstr (value, ==, "three");

  assert_finalized (g_steal_pointer (&store));
}

/* ---- the workspace over the keyring --------------------------------------------- */

typedef struct {
  char *dir;
  GPtrArray *markers;
  char *vault_id;
  char *env_id;
} Saved;

static void
saved_clear (Saved *saved)
{
  g_free (saved->dir);
  g_clear_pointer (&saved->markers, g_ptr_array_unref);
  g_free (saved->vault_id);
  g_free (saved->env_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Saved, saved_clear)

/* Saves a marked collection, environment and globals the way the window
 * does (async), then lets the whole core go. */
static void
save_everything (Saved *saved)
{
  TessSecretStore *store = tess_secret_store_libsecret_new ();
  TessWorkspace *ws;
  g_autoptr(TessItem) vault = NULL;
  g_autoptr(TessEnvironment) env = NULL;
  g_autoptr(TessEnvironment) globals = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  saved->dir = tess_test_make_tmpdir ();
  saved->markers = g_ptr_array_new_with_free_func (g_free);
  ws = tess_workspace_new (saved->dir);
  tess_workspace_set_secret_store (ws, store);
  tess_workspace_load_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_load_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (tess_workspace_get_secrets_message (ws));

  vault = secrets_every_auth_collection (BASE_URL, saved->markers);
  env = secrets_marked_environment (FALSE, saved->markers);
  globals = secrets_marked_environment (TRUE, saved->markers);
  saved->vault_id = g_strdup (tess_item_get_id (vault));
  saved->env_id = g_strdup (tess_environment_get_id (env));
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
  g_clear_object (&result);
  tess_workspace_flush_secrets_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_flush_secrets_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (tess_workspace_get_secrets_message (ws));

  /* The app's core goes away entirely. */
  g_clear_object (&result);
  g_clear_object (&vault);
  g_clear_object (&env);
  assert_finalized (ws);
  assert_finalized (store);
}

static TessWorkspace *
open_again (const char *dir)
{
  g_autoptr(TessSecretStore) store = tess_secret_store_libsecret_new ();
  TessWorkspace *ws = tess_workspace_new (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tess_workspace_set_secret_store (ws, store);
  tess_workspace_load_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_load_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (tess_workspace_get_secrets_message (ws));
  return ws;
}

static void
test_restart (void)
{
  g_auto(Saved) saved = { 0 };
  g_autoptr(TessWorkspace) ws = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  GObject *objects[3];

  if (!have_keyring ())
    return;
  save_everything (&saved);

  ws = open_again (saved.dir);
  objects[0] = G_OBJECT (tess_workspace_find_collection (ws, "Vault"));
  objects[1] = G_OBJECT (tess_workspace_find_environment (ws, "Env"));
  objects[2] = G_OBJECT (tess_workspace_get_globals (ws));
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(GHashTable) some = NULL;
      GHashTableIter iter;
      gpointer value;

      g_assert_nonnull (objects[i]);
      some = all_values (objects[i]);
      g_hash_table_iter_init (&iter, some);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        g_hash_table_add (values, g_strdup (value));
    }
  for (guint i = 0; i < saved.markers->len; i++)
    if (!g_hash_table_contains (values, saved.markers->pdata[i]))
      g_error ("%s did not come back from the keyring", (char *) saved.markers->pdata[i]);

  /* ...and none of them is in a file. */
  secrets_list_files (saved.dir, files);
  g_assert_cmpuint (files->len, >=, 3);
  for (guint f = 0; f < files->len; f++)
    g_assert_cmpuint (secrets_count_in_file (files->pdata[f], SECRETS_MARKER_SUFFIX), ==, 0);
}

static void
test_delete_with_owner (void)
{
  g_auto(Saved) saved = { 0 };
  g_autoptr(TessWorkspace) ws = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after_request = NULL;
  g_autoptr(GHashTable) after_all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *oauth2_id = NULL;
  TessItem *vault;
  TessItem *by_type;
  TessItem *oauth2;

  if (!have_keyring ())
    return;
  save_everything (&saved);
  before = keyring_values (saved.dir);
  g_assert_cmpuint (g_hash_table_size (before), ==, saved.markers->len);

  ws = open_again (saved.dir);
  vault = tess_workspace_find_collection (ws, "Vault");
  by_type = tess_item_find (vault, "By type");
  oauth2 = tess_item_find (by_type, "oauth2");
  oauth2_id = g_strdup (tess_item_get_id (oauth2));

  /* A request deleted and its collection saved: its three tokens go. */
  tess_item_remove (by_type, oauth2);
  g_assert_true (tess_workspace_save_collection (ws, vault, &error));
  g_assert_true (tess_workspace_flush_secrets (ws, &error));
  g_assert_no_error (error);
  after_request = keyring_values (saved.dir);
  g_assert_false (keyring_has_value (after_request, "MARKER-oauth2-accessToken-7f3a"));
  g_assert_false (keyring_has_value (after_request, "MARKER-oauth2-refreshToken-7f3a"));
  g_assert_false (keyring_has_value (after_request, "MARKER-oauth2-idToken-7f3a"));
  g_assert_true (keyring_has_value (after_request, "MARKER-basic-password-7f3a"));

  /* The environment and the collection, with everything in them. */
  g_assert_true (tess_workspace_remove_environment (ws, tess_workspace_find_environment (ws, "Env"), &error));
  g_assert_true (tess_workspace_remove_collection (ws, vault, &error));
  g_assert_true (tess_workspace_flush_secrets (ws, &error));
  g_assert_no_error (error);
  after_all = keyring_values (saved.dir);
  /* Only the globals are left. */
  g_assert_cmpuint (g_hash_table_size (after_all), ==, 1);
  g_assert_true (keyring_has_value (after_all, "MARKER-var-globals-7f3a"));
}

/* ---- many secrets at once ----------------------------------------------------------- */

static void
test_batched_lookup (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(TessWorkspace) ws = NULL;
  g_autoptr(TessSecretStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  gint64 start, save_us, batched_us, single_us;
  TessSecretStoreLibsecret *counted;
  TessItem *loaded;
  guint filled = 0;

  if (!have_keyring ())
    return;
  dir = tess_test_make_tmpdir ();

  /* 500 secret fields: 250 requests with a Basic password and a collection
   * of 250 secret variables. */
  collection = tess_item_new (TESS_ITEM_COLLECTION, "Big");
  for (guint i = 0; i < N_BATCH / 2; i++)
    {
      g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, "r");
      g_autoptr(TessAuth) auth = tess_auth_new ("basic");
      g_autofree char *password = g_strdup_printf ("password-%u", i);
      g_autofree char *name = g_strdup_printf ("secret%u", i);
      g_autofree char *value = g_strdup_printf ("variable-%u", i);

      tess_auth_set (auth, "username", "u");
      tess_auth_set (auth, "password", password);
      tess_item_set_auth (request, auth);
      tess_item_append (collection, request);
      tess_kv_list_add (tess_item_get_variables (collection), name, value)->type = g_strdup ("secret");
    }
  {
    g_autoptr(GPtrArray) all = tess_secrets_collect_collection (collection);
    g_assert_cmpuint (all->len, ==, N_BATCH);
  }

  store = tess_secret_store_libsecret_new ();
  ws = tess_workspace_new (dir);
  tess_workspace_set_secret_store (ws, store);
  g_assert_true (tess_workspace_load (ws, NULL, &error));
  start = g_get_monotonic_time ();
  g_assert_true (tess_workspace_save_collection (ws, collection, &error));
  g_assert_true (tess_workspace_flush_secrets (ws, &error));
  g_assert_no_error (error);
  save_us = g_get_monotonic_time () - start;
  g_clear_object (&ws);
  g_clear_object (&store);

  /* Opening: one search for the whole workspace, no single lookups. */
  store = tess_secret_store_libsecret_new ();
  counted = TESS_SECRET_STORE_LIBSECRET (store);
  ws = tess_workspace_new (dir);
  tess_workspace_set_secret_store (ws, store);
  start = g_get_monotonic_time ();
  tess_workspace_load_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_load_finish (ws, wait_result (&result), &error));
  batched_us = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (tess_secret_store_libsecret_get_n_searches (counted), ==, 1);
  g_assert_cmpuint (tess_secret_store_libsecret_get_n_lookups (counted), ==, 0);
  loaded = tess_workspace_find_collection (ws, "Big");
  slots = tess_secrets_collect_collection (loaded);
  for (guint i = 0; i < slots->len; i++)
    filled += *((TessSecret *) slots->pdata[i])->value != '\0';
  g_assert_cmpuint (filled, ==, N_BATCH);

  /* The same 500, one lookup each, for comparison. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < slots->len; i++)
    {
      g_autofree char *value = tess_secret_store_lookup_sync (store, dir, slots->pdata[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, ((TessSecret *) slots->pdata[i])->value);
    }
  single_us = g_get_monotonic_time () - start;
  g_assert_cmpuint (tess_secret_store_libsecret_get_n_lookups (counted), ==, N_BATCH);
  g_assert_cmpuint (tess_secret_store_libsecret_get_n_searches (counted), ==, 1);

  g_test_message ("%u secrets: saved in %.0f ms; workspace opened with 1 batched search in %.0f ms; "
                  "%u single lookups took %.0f ms (%.1fx the batch)",
                  N_BATCH, save_us / 1000.0, batched_us / 1000.0, N_BATCH, single_us / 1000.0,
                  (double) single_us / MAX (batched_us, 1));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/keyring/restart", test_restart);
  g_test_add_func ("/keyring/delete-with-owner", test_delete_with_owner);
  g_test_add_func ("/keyring/batched-lookup", test_batched_lookup);
  return g_test_run ();
}
