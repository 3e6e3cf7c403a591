/* Secrets without a keyring daemon: what a secret is, blanking documents,
 * the in-memory store, the sentences for people, and the workspace keeping
 * secrets out of its files. */
#include <string.h>

#include "secrets-fixture.h"
#include "tess-auth-scheme.h"
#include "tess-json-file.h"
#include "tess-libsecret.h"
#include "tess-postman.h"
#include "tess-secret-store-memory.h"
#include "tess-secrets.h"
#include "tess-test-util.h"
#include "tess-workspace.h"

#define BASE_URL "http://127.0.0.1:9"

/* ---- helpers --------------------------------------------------------------- */

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

static GPtrArray *
new_markers (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* How many of @markers occur anywhere under @dir. */
static guint
markers_in_tree (const char *dir,
                 GPtrArray  *markers)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint hits = 0;

  secrets_list_files (dir, files);
  for (guint f = 0; f < files->len; f++)
    for (guint m = 0; m < markers->len; m++)
      {
        guint n = secrets_count_in_file (files->pdata[f], markers->pdata[m]);

        if (n > 0)
          g_test_message ("%s holds %s", (char *) files->pdata[f], (char *) markers->pdata[m]);
        hits += n;
      }
  return hits;
}

/* The values of @object's secret places, as a set. */
static GHashTable *
values_of (gpointer object)
{
  g_autoptr(GPtrArray) slots = TESS_IS_ITEM (object) ? tess_secrets_collect_collection (object)
                                                     : tess_secrets_collect_environment (object);
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < slots->len; i++)
    g_hash_table_add (values, g_strdup (((TessSecret *) slots->pdata[i])->value));
  return values;
}

static void
assert_has_all (GHashTable *values,
                GPtrArray  *markers)
{
  for (guint i = 0; i < markers->len; i++)
    if (!g_hash_table_contains (values, markers->pdata[i]))
      g_error ("missing %s", (char *) markers->pdata[i]);
}

static GHashTable *
store_values (TessSecretStore *store,
              const char      *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) by_key = tess_secret_store_lookup_many_sync (store, workspace, NULL, &error);
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer value;

  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_hash_table_add (values, g_strdup (value));
  return values;
}

static TessItem *
child_named (TessItem   *parent,
             const char *name)
{
  TessItem *found = tess_item_find (parent, name);

  g_assert_nonnull (found);
  return found;
}

/* ---- what a secret is -------------------------------------------------------- */

static void
test_what_is_secret (void)
{
  guint n, secret_fields = 0;
  const TessAuthScheme * const *schemes = tess_auth_schemes (&n);

  for (guint i = 0; i < n; i++)
    for (guint f = 0; f < schemes[i]->n_fields; f++)
      {
        const TessAuthField *field = &schemes[i]->fields[f];

        g_assert_cmpint (tess_secrets_auth_key_is_secret (schemes[i]->id, field->key), ==,
                         tess_auth_field_is_secret (field));
        secret_fields += tess_auth_field_is_secret (field);
      }
  /* Passwords, secrets, keys, private keys and tokens of every type. */
  g_assert_cmpuint (secret_fields, >=, 20);
  g_assert_true (tess_secrets_auth_key_is_secret ("basic", "password"));
  g_assert_false (tess_secrets_auth_key_is_secret ("basic", "username"));
  g_assert_true (tess_secrets_auth_key_is_secret ("oauth2", "accessToken"));
  g_assert_true (tess_secrets_auth_key_is_secret ("oauth2", "refreshToken"));
  g_assert_true (tess_secrets_auth_key_is_secret ("oauth2", "idToken"));
  g_assert_false (tess_secrets_auth_key_is_secret ("oauth2", "clientId"));
  g_assert_false (tess_secrets_auth_key_is_secret ("nosuchtype", "password"));

  g_assert_true (tess_secrets_value_is_reference ("{{password}}"));
  g_assert_true (tess_secrets_value_is_reference (" {{ api key }} "));
  g_assert_false (tess_secrets_value_is_reference ("{{a}}{{b}}"));
  g_assert_false (tess_secrets_value_is_reference ("pre{{a}}"));
  g_assert_false (tess_secrets_value_is_reference ("{{}}"));
  g_assert_false (tess_secrets_value_is_secret (""));
  g_assert_false (tess_secrets_value_is_secret ("{{pw}}"));
  g_assert_true (tess_secrets_value_is_secret ("hunter2"));
}

/* ---- collecting, blanking, filling ------------------------------------------------- */

static void
test_collect_blank_fill (void)
{
  g_autoptr(GPtrArray) markers = new_markers ();
  g_autoptr(TessItem) collection = secrets_every_auth_collection (BASE_URL, markers);
  g_autoptr(GPtrArray) slots = tess_secrets_collect_collection (collection);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) blanked = NULL;
  g_autoptr(JsonNode) full = NULL;
  g_autoptr(TessItem) reread = NULL;
  g_autoptr(GPtrArray) reread_slots = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blank_text = NULL;
  g_autofree char *full_text = NULL;
  TessItem *basic = child_named (collection, "By type/basic");
  TessItem *folder = child_named (collection, "Inherited");

  /* One place per marker, each holding its marker. */
  g_assert_cmpuint (slots->len, ==, markers->len);
  values = values_of (collection);
  assert_has_all (values, markers);
  for (guint i = 0; i < slots->len; i++)
    {
      TessSecret *slot = g_ptr_array_index (slots, i);

      g_assert_nonnull (slot->label);
      g_assert_true (g_str_has_prefix (slot->label, "Tessera: "));
      g_hash_table_insert (by_key, tess_secret_dup_key (slot), g_strdup (slot->value));
    }
  {
    g_autofree char *key = tess_secret_make_key ("request", tess_item_get_id (basic), "auth.basic.password");
    g_autofree char *folder_key = tess_secret_make_key ("folder", tess_item_get_id (folder), "auth.basic.password");
    g_autofree char *var_key = tess_secret_make_key ("collection", tess_item_get_id (collection), "var.collectionSecret");
    g_autofree char *token_key = tess_secret_make_key ("request", tess_item_get_id (child_named (collection, "By type/oauth2")),
                                                       "auth.oauth2.refreshToken");

    g_assert_cmpstr (g_hash_table_lookup (by_key, key), ==, "MARKER-basic-password-7f3a");
    g_assert_cmpstr (g_hash_table_lookup (by_key, folder_key), ==, "MARKER-folder-password-7f3a");
    g_assert_cmpstr (g_hash_table_lookup (by_key, var_key), ==, "MARKER-var-collection-7f3a");
    g_assert_cmpstr (g_hash_table_lookup (by_key, token_key), ==, "MARKER-oauth2-refreshToken-7f3a");
  }

  /* The written document has no secret, and reads back with the same places. */
  blanked = tess_postman_collection_to_json_full (collection, TESS_POSTMAN_EXPORT_ASSIGN_IDS);
  blank_text = tess_json_to_string (blanked, FALSE);
  for (guint i = 0; i < markers->len; i++)
    g_assert_null (strstr (blank_text, markers->pdata[i]));
  g_assert_nonnull (strstr (blank_text, "\"ada\""));            /* not secret: kept */
  g_assert_nonnull (strstr (blank_text, "{{collectionSecret}}"));
  reread = tess_postman_collection_from_json (blanked, &error);
  g_assert_no_error (error);
  reread_slots = tess_secrets_collect_collection (reread);
  g_assert_cmpuint (reread_slots->len, ==, slots->len);
  for (guint i = 0; i < reread_slots->len; i++)
    {
      TessSecret *slot = g_ptr_array_index (reread_slots, i);
      g_autofree char *key = tess_secret_dup_key (slot);

      g_assert_cmpstr (slot->value, ==, "");
      g_assert_true (g_hash_table_contains (by_key, key));
    }

  /* Filling puts every value back. */
  g_assert_cmpuint (tess_secrets_fill_collection (reread, by_key), ==, markers->len);
  g_clear_pointer (&values, g_hash_table_unref);
  values = values_of (reread);
  assert_has_all (values, markers);
  g_assert_cmpuint (tess_secrets_fill_collection (reread, by_key), ==, 0);   /* full now */

  /* The lossless writer keeps them. */
  full = tess_postman_collection_to_json (collection);
  full_text = tess_json_to_string (full, FALSE);
  for (guint i = 0; i < markers->len; i++)
    g_assert_nonnull (strstr (full_text, markers->pdata[i]));
}

static void
test_references_and_other_types (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Refs");
  g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, "R");
  g_autoptr(TessAuth) auth = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Current type bearer, with a basic list still in the file: both count. */
  node = tess_json_parse_text ("{\"type\": \"bearer\","
                               " \"bearer\": [{\"key\": \"token\", \"value\": \"{{token}}\"}],"
                               " \"basic\": [{\"key\": \"username\", \"value\": \"u\"},"
                               "             {\"key\": \"password\", \"value\": \"old-secret\"}]}",
                               -1, "auth", &error);
  g_assert_no_error (error);
  auth = tess_auth_new_from_json (node, &error);
  g_assert_no_error (error);
  tess_item_set_auth (request, auth);
  tess_item_append (collection, request);

  slots = tess_secrets_collect_collection (collection);
  g_assert_cmpuint (slots->len, ==, 1);   /* the reference names a secret, it is not one */
  g_assert_cmpstr (((TessSecret *) slots->pdata[0])->field, ==, "auth.basic.password");
  g_assert_cmpstr (((TessSecret *) slots->pdata[0])->value, ==, "old-secret");

  g_clear_pointer (&node, json_node_unref);
  node = tess_postman_collection_to_json_full (collection, 0);
  text = tess_json_to_string (node, FALSE);
  g_assert_null (strstr (text, "old-secret"));
  g_assert_nonnull (strstr (text, "{{token}}"));
}

static void
test_blank_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tess_json_parse_text (
    "{\"info\": {\"name\": \"C\"},"
    " \"auth\": {\"type\": \"basic\", \"basic\": {\"username\": \"ada\", \"password\": \"v20-secret\"}},"
    " \"variable\": [{\"key\": \"k\", \"value\": \"var-secret\", \"type\": \"secret\"},"
    "              {\"key\": \"ref\", \"value\": \"{{other}}\", \"type\": \"secret\"},"
    "              {\"key\": \"plain\", \"value\": \"plain-value\"}],"
    " \"item\": [{\"name\": \"R\", \"request\": {\"url\": \"http://x/\"},"
    "   \"response\": [{\"originalRequest\": {\"auth\": {\"type\": \"awsv4\", \"awsv4\": ["
    "       {\"key\": \"secretKey\", \"value\": \"response-secret\"},"
    "       {\"key\": \"sessionToken\", \"value\": 12345}]}}}]}]}",
    -1, "collection", &error);
  g_autoptr(JsonNode) environment = tess_json_parse_text (
    "{\"name\": \"E\", \"values\": [{\"key\": \"t\", \"value\": \"env-secret\", \"type\": \"secret\"},"
    " {\"key\": \"u\", \"value\": \"env-plain\", \"type\": \"default\"}]}", -1, "environment", &error);
  g_autofree char *text = NULL;
  g_autofree char *env_text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tess_secrets_blank_json (root), ==, 4);
  text = tess_json_to_string (root, FALSE);
  g_assert_null (strstr (text, "v20-secret"));
  g_assert_null (strstr (text, "var-secret"));
  g_assert_null (strstr (text, "response-secret"));
  g_assert_null (strstr (text, "12345"));
  g_assert_nonnull (strstr (text, "{{other}}"));
  g_assert_nonnull (strstr (text, "plain-value"));
  g_assert_nonnull (strstr (text, "\"ada\""));

  g_assert_cmpuint (tess_secrets_blank_json (environment), ==, 1);
  env_text = tess_json_to_string (environment, FALSE);
  g_assert_null (strstr (env_text, "env-secret"));
  g_assert_nonnull (strstr (env_text, "env-plain"));
}

static void
test_save_collection_file (void)
{
  g_autoptr(GPtrArray) markers = new_markers ();
  g_autoptr(TessItem) collection = secrets_every_auth_collection (BASE_URL, markers);
  g_autoptr(TessEnvironment) environment = secrets_marked_environment (FALSE, markers);
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.json", NULL);
  g_autofree char *env_path = g_build_filename (dir, "e.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_postman_save_collection (collection, path, &error));
  g_assert_no_error (error);
  g_assert_true (tess_postman_save_environment (environment, env_path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (markers_in_tree (dir, markers), ==, 0);
}

/* ---- the memory store --------------------------------------------------------------- */

static void
test_memory_store (void)
{
  g_autoptr(TessSecretStore) store = tess_secret_store_memory_new ();
  TessSecretStoreMemory *memory = TESS_SECRET_STORE_MEMORY (store);
  g_autoptr(TessSecret) a = tess_secret_new ("request", "r1", "auth.basic.password", "one");
  g_autoptr(TessSecret) b = tess_secret_new ("request", "r1", "auth.digest.password", "two");
  g_autoptr(TessSecret) c = tess_secret_new ("environment", "e1", "var.token", "three");
  g_autoptr(TessSecret) owner = tess_secret_new ("request", "r1", NULL, NULL);
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) down = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "no service");
  g_autofree char *value = NULL;
  g_autofree char *key = tess_secret_dup_key (c);

  g_assert_true (tess_secret_store_store_sync (store, "/ws", a, NULL, &error));
  g_assert_true (tess_secret_store_store_sync (store, "/ws", b, NULL, &error));
  g_assert_true (tess_secret_store_store_sync (store, "/ws", c, NULL, &error));
  g_assert_true (tess_secret_store_store_sync (store, "/other", a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tess_secret_store_memory_get_size (memory), ==, 4);

  value = tess_secret_store_lookup_sync (store, "/ws", b, NULL, &error);
  g_assert_cmpstr (value, ==, "two");
  all = tess_secret_store_lookup_many_sync (store, "/ws", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 3);   /* only this workspace */
  g_assert_cmpstr (g_hash_table_lookup (all, key), ==, "three");

  /* Every field of an owner goes at once; other owners and workspaces stay. */
  g_assert_true (tess_secret_store_clear_sync (store, "/ws", owner, NULL, &error));
  g_assert_cmpuint (tess_secret_store_memory_get_size (memory), ==, 2);
  g_clear_pointer (&value, g_free);
  value = tess_secret_store_lookup_sync (store, "/ws", a, NULL, &error);
  g_assert_null (value);
  g_assert_true (tess_secret_store_clear_sync (store, "/ws", c, NULL, &error));
  g_assert_true (tess_secret_store_clear_sync (store, "/ws", c, NULL, &error));   /* gone: no error */
  g_assert_no_error (error);
  g_assert_cmpuint (tess_secret_store_memory_get_size (memory), ==, 1);

  tess_secret_store_memory_set_error (memory, down);
  g_assert_false (tess_secret_store_store_sync (store, "/ws", a, NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN);
  g_clear_error (&error);
  g_assert_null (tess_secret_store_lookup_many_sync (store, "/ws", NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN);
  g_clear_error (&error);
  tess_secret_store_memory_set_error (memory, NULL);
  g_assert_true (tess_secret_store_store_sync (store, "/ws", a, NULL, &error));

  g_clear_object (&store);
  g_assert_null (store);
}

/* ---- sentences for people --------------------------------------------------------------- */

static void
assert_described (GError     *error,
                  const char *expected)
{
  g_autofree char *text = tess_secret_store_describe_error (error);

  g_assert_cmpstr (text, ==, expected);
  g_error_free (error);
}

static void
test_describe_error (void)
{
  g_autoptr(GError) locked = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "Cannot create an item in a locked collection");
  g_autofree char *banner = tess_secret_store_dup_memory_only_message (locked);

  assert_described (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot autolaunch D-Bus without X11 $DISPLAY"),
                    "There is no D-Bus session bus, so the desktop keyring cannot be reached.");
  assert_described (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "no D-Bus session bus"),
                    "There is no D-Bus session bus, so the desktop keyring cannot be reached.");
  assert_described (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Could not connect: No such file or directory"),
                    "The D-Bus session bus does not answer (DBUS_SESSION_BUS_ADDRESS points to nothing), "
                    "so the desktop keyring cannot be reached.");
  assert_described (g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN,
                                         "The name org.freedesktop.secrets was not provided by any .service files"),
                    "No keyring service is running: nothing on the session bus provides "
                    "org.freedesktop.secrets (GNOME Keyring or KeePassXC would).");
  assert_described (g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                         "Object does not exist at path “/org/freedesktop/secrets/collection/login”"),
                    "The keyring has no login keyring to keep secrets in, and none could be created.");
  assert_described (g_error_copy (locked), "The keyring is locked and was not unlocked.");
  assert_described (g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_NO_MEMORY, "out of memory"),
                    "The desktop keyring failed: out of memory.");

  g_assert_cmpstr (banner, ==, "Secrets are held in memory for this session only. "
                               "The keyring is locked and was not unlocked.");

  /* The core tells libsecret's errors apart without opening it; this program
   * links libsecret, so SECRET_ERROR is libsecret's own. */
  g_assert_cmpuint (TESS_LIBSECRET_ERROR, ==, SECRET_ERROR);
  g_assert_cmpstr (g_quark_to_string (TESS_LIBSECRET_ERROR), ==, "secret-error");
  assert_described (g_error_new_literal (SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT, "No such secret collection"),
                    "The keyring has no login keyring to keep secrets in, and none could be created.");
}

/* The table resolves every function from the installed libsecret; this
 * program links it too, so the table must point at that same copy. */
static void
test_libsecret_table (void)
{
  g_autoptr(GError) error = NULL;
  const TessLibsecret *libsecret = tess_libsecret_get (&error);

  g_assert_no_error (error);
  g_assert_nonnull (libsecret);
  g_assert_true (tess_libsecret_is_loaded ());
  g_assert_true (libsecret->service_get_sync == secret_service_get_sync);
  g_assert_true (libsecret->password_storev_sync == secret_password_storev_sync);
  g_assert_true (libsecret->value_get_text == secret_value_get_text);
  g_assert_cmpuint (libsecret->error_get_quark (), ==, TESS_LIBSECRET_ERROR);
  /* Opened once: a second call gives the same table. */
  g_assert_true (tess_libsecret_get (NULL) == libsecret);
}

/* ---- the workspace with a store ---------------------------------------------------------- */

typedef struct {
  char *dir;
  TessSecretStore *store;
  TessWorkspace *ws;
  GPtrArray *markers;
  TessItem *vault;
  TessEnvironment *env;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessEnvironment) globals = NULL;

  fx->dir = tess_test_make_tmpdir ();
  fx->store = tess_secret_store_memory_new ();
  fx->ws = tess_workspace_new (fx->dir);
  tess_workspace_set_secret_store (fx->ws, fx->store);
  g_assert_true (tess_workspace_load (fx->ws, NULL, &error));
  g_assert_no_error (error);
  fx->markers = new_markers ();
  fx->vault = secrets_every_auth_collection (BASE_URL, fx->markers);
  fx->env = secrets_marked_environment (FALSE, fx->markers);
  globals = secrets_marked_environment (TRUE, fx->markers);

  g_assert_true (tess_workspace_save_collection (fx->ws, fx->vault, &error));
  g_assert_true (tess_workspace_save_environment (fx->ws, fx->env, &error));
  g_assert_no_error (error);
  /* The globals through their own save, as the window does it. */
  g_ptr_array_extend_and_steal (tess_environment_get_values (tess_workspace_get_globals (fx->ws)),
                                tess_kv_list_copy (tess_environment_get_values (globals)));
  g_assert_true (tess_workspace_save_globals (fx->ws, &error));
  g_assert_true (tess_workspace_flush_secrets (fx->ws, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->vault);
  g_clear_object (&fx->env);
  g_clear_object (&fx->ws);
  g_clear_object (&fx->store);
  g_clear_pointer (&fx->markers, g_ptr_array_unref);
  g_free (fx->dir);
}

static guint
store_size (Fixture *fx)
{
  return tess_secret_store_memory_get_size (TESS_SECRET_STORE_MEMORY (fx->store));
}

static gboolean
store_has (Fixture    *fx,
           const char *kind,
           const char *id,
           const char *field)
{
  g_autoptr(TessSecret) key = tess_secret_new (kind, id, field, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = tess_secret_store_lookup_sync (fx->store, fx->dir, key, NULL, &error);

  g_assert_no_error (error);
  return value != NULL;
}

static void
test_workspace_save_load (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GHashTable) stored = store_values (fx->store, fx->dir);
  g_autoptr(GHashTable) in_memory = values_of (fx->vault);
  g_autoptr(TessWorkspace) again = tess_workspace_new (fx->dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) loaded_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) env_values = NULL;
  g_autoptr(GHashTable) globals_values = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Files: none of them. Keyring: all of them. Model: untouched. */
  g_assert_cmpuint (markers_in_tree (fx->dir, fx->markers), ==, 0);
  assert_has_all (stored, fx->markers);
  g_assert_cmpuint (store_size (fx), ==, fx->markers->len);
  g_assert_null (tess_workspace_get_secrets_message (fx->ws));
  g_hash_table_iter_init (&iter, in_memory);
  g_assert_cmpuint (g_hash_table_size (in_memory), ==, fx->markers->len - 2);   /* less env and globals */

  /* A fresh workspace over the same folder and keyring has them back. */
  tess_workspace_set_secret_store (again, fx->store);
  tess_workspace_load_async (again, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_load_finish (again, wait_result (&result), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GHashTable) vault_values = values_of (tess_workspace_find_collection (again, "Vault"));

    g_hash_table_iter_init (&iter, vault_values);
    while (g_hash_table_iter_next (&iter, &value, NULL))
      g_hash_table_add (loaded_values, g_strdup (value));
  }
  env_values = values_of (tess_workspace_find_environment (again, "Env"));
  globals_values = values_of (tess_workspace_get_globals (again));
  g_hash_table_iter_init (&iter, env_values);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    g_hash_table_add (loaded_values, g_strdup (value));
  g_hash_table_iter_init (&iter, globals_values);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    g_hash_table_add (loaded_values, g_strdup (value));
  assert_has_all (loaded_values, fx->markers);

  /* Saving what was loaded writes nothing new to the keyring. */
  g_assert_true (tess_workspace_save_collection (again, tess_workspace_find_collection (again, "Vault"), &error));
  g_assert_true (tess_workspace_flush_secrets (again, &error));
  g_assert_cmpuint (store_size (fx), ==, fx->markers->len);
  g_assert_cmpuint (markers_in_tree (fx->dir, fx->markers), ==, 0);
}

static void
test_workspace_owners (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(TessItem) other = tess_item_new (TESS_ITEM_COLLECTION, "Other");
  g_autoptr(GError) error = NULL;
  TessItem *by_type = child_named (fx->vault, "By type");
  g_autoptr(TessItem) basic = g_object_ref (child_named (by_type, "basic"));
  g_autoptr(TessItem) bearer = g_object_ref (child_named (by_type, "bearer"));
  g_autoptr(TessItem) apikey = g_object_ref (child_named (by_type, "apikey"));
  TessItem *digest = child_named (by_type, "digest");
  g_autofree char *basic_id = g_strdup (tess_item_get_id (basic));
  g_autofree char *env_id = g_strdup (tess_environment_get_id (fx->env));
  g_autofree char *vault_id = g_strdup (tess_item_get_id (fx->vault));
  guint size = store_size (fx);

  /* Renaming keeps them: they are keyed by id. */
  tess_item_set_name (basic, "Basic, renamed");
  tess_item_set_name (fx->vault, "Vault, renamed");
  g_assert_true (tess_workspace_save_collection (fx->ws, fx->vault, &error));
  g_assert_true (tess_workspace_flush_secrets (fx->ws, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (store_size (fx), ==, size);
  g_assert_true (store_has (fx, "request", basic_id, "auth.basic.password"));

  /* Moving to another collection keeps them, whichever is saved first. */
  tess_item_remove (by_type, basic);
  tess_item_append (other, basic);
  g_assert_true (tess_workspace_save_collection (fx->ws, other, &error));
  g_assert_true (tess_workspace_save_collection (fx->ws, fx->vault, &error));
  tess_item_remove (by_type, bearer);
  tess_item_append (other, bearer);
  g_assert_true (tess_workspace_save_collection (fx->ws, fx->vault, &error));
  g_assert_true (tess_workspace_save_collection (fx->ws, other, &error));
  g_assert_true (tess_workspace_flush_secrets (fx->ws, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (store_size (fx), ==, size);
  g_assert_true (store_has (fx, "request", tess_item_get_id (bearer), "auth.bearer.token"));

  /* An emptied field and a deleted request take their secrets along. */
  {
    TessAuth *auth = tess_item_get_auth (digest);

    tess_auth_set (auth, "password", "");
  }
  tess_item_remove (by_type, apikey);
  g_assert_true (tess_workspace_save_collection (fx->ws, fx->vault, &error));
  g_assert_true (tess_workspace_flush_secrets (fx->ws, &error));
  g_assert_no_error (error);
  g_assert_false (store_has (fx, "request", tess_item_get_id (digest), "auth.digest.password"));
  g_assert_false (store_has (fx, "request", tess_item_get_id (apikey), "auth.apikey.value"));
  g_assert_cmpuint (store_size (fx), ==, size - 2);

  /* Deleting an environment deletes its secrets. */
  g_assert_true (store_has (fx, "environment", env_id, "var.environmentSecret"));
  g_assert_true (tess_workspace_remove_environment (fx->ws, fx->env, &error));
  g_assert_true (tess_workspace_flush_secrets (fx->ws, &error));
  g_assert_no_error (error);
  g_assert_false (store_has (fx, "environment", env_id, "var.environmentSecret"));

  /* Deleting a collection deletes everything in it, not what moved out. */
  g_assert_true (tess_workspace_remove_collection (fx->ws, fx->vault, &error));
  g_assert_true (tess_workspace_flush_secrets (fx->ws, &error));
  g_assert_no_error (error);
  g_assert_false (store_has (fx, "collection", vault_id, "var.collectionSecret"));
  g_assert_false (store_has (fx, "collection", vault_id, "auth.bearer.token"));
  g_assert_true (store_has (fx, "request", basic_id, "auth.basic.password"));
  g_assert_true (store_has (fx, "request", tess_item_get_id (bearer), "auth.bearer.token"));
  /* Left: the two moved requests, and the globals. */
  g_assert_cmpuint (store_size (fx), ==, 3);
}

static void
test_workspace_import (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *outside = tess_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (outside, "shared.postman_collection.json", NULL);
  g_autoptr(GPtrArray) markers = new_markers ();
  g_autoptr(TessItem) shared = secrets_every_auth_collection (BASE_URL, markers);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GHashTable) in_memory = NULL;
  GObject *imported;

  tess_item_set_name (shared, "Shared");
  root = tess_postman_collection_to_json (shared);
  g_assert_true (tess_json_file_save (file, root, &error));
  g_assert_no_error (error);

  imported = tess_workspace_import_file (fx->ws, file, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ITEM (imported));
  g_assert_true (tess_workspace_flush_secrets (fx->ws, &error));
  g_assert_no_error (error);

  /* Moved into the keyring; the workspace copy is written without them. */
  g_assert_cmpuint (markers_in_tree (fx->dir, markers), ==, 0);
  stored = store_values (fx->store, fx->dir);
  assert_has_all (stored, markers);
  in_memory = values_of (imported);
  assert_has_all (in_memory, markers);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_workspace_keyring_down (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autoptr(TessSecretStore) store = tess_secret_store_memory_new ();
  g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
  g_autoptr(GPtrArray) markers = new_markers ();
  g_autoptr(TessItem) vault = secrets_every_auth_collection (BASE_URL, markers);
  g_autoptr(GError) down = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN,
                                                "The name org.freedesktop.secrets was not provided by any .service files");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) in_memory = NULL;
  g_autofree char *message = NULL;
  guint notified = 0;
  const char *expected = "Secrets are held in memory for this session only. "
                         "No keyring service is running: nothing on the session bus provides "
                         "org.freedesktop.secrets (GNOME Keyring or KeePassXC would).";

  tess_secret_store_memory_set_error (TESS_SECRET_STORE_MEMORY (store), down);
  tess_workspace_set_secret_store (ws, store);
  g_signal_connect (ws, "notify::secrets-message", G_CALLBACK (notify_count_cb), &notified);
  tess_workspace_load_async (ws, NULL, store_result_cb, &result);
  /* Nothing in the folder has a secret field: the keyring is not asked, so
   * nothing is said yet. */
  g_assert_true (tess_workspace_load_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_null (tess_workspace_get_secrets_message (ws));

  /* Saving still writes the file, never the secrets; the model keeps them,
   * and the workspace says why. */
  g_clear_object (&result);
  tess_workspace_save_collection_async (ws, vault, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_save_collection_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (tess_workspace_flush_secrets (ws, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN);
  g_clear_error (&error);
  g_assert_cmpuint (markers_in_tree (dir, markers), ==, 0);
  in_memory = values_of (vault);
  assert_has_all (in_memory, markers);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (ws, "secrets-message", &message, NULL);
  g_assert_cmpstr (message, ==, expected);
  g_assert_error (tess_workspace_get_secrets_error (ws), G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN);

  /* The folder now has secret fields: loading it asks the keyring, and
   * says at once that it is down. The load itself works. */
  {
    g_autoptr(TessWorkspace) again = tess_workspace_new (dir);
    g_autofree char *again_message = NULL;

    tess_workspace_set_secret_store (again, store);
    g_clear_object (&result);
    tess_workspace_load_async (again, NULL, store_result_cb, &result);
    g_assert_true (tess_workspace_load_finish (again, wait_result (&result), &error));
    g_assert_no_error (error);
    g_object_get (again, "secrets-message", &again_message, NULL);
    g_assert_cmpstr (again_message, ==, expected);
  }

  /* The keyring comes back: reading it again clears the message. */
  tess_secret_store_memory_set_error (TESS_SECRET_STORE_MEMORY (store), NULL);
  g_clear_object (&result);
  tess_workspace_reload_secrets_async (ws, NULL, store_result_cb, &result);
  g_assert_true (tess_workspace_reload_secrets_finish (ws, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (tess_workspace_get_secrets_message (ws));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_workspace_plain_text_file (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *collections = g_build_filename (dir, "collections", NULL);
  g_autofree char *path = g_build_filename (collections, "hand-written.postman_collection.json", NULL);
  g_autoptr(TessSecretStore) store = tess_secret_store_memory_new ();
  g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) markers = new_markers ();
  g_autofree char *text = NULL;
  TessItem *collection;

  g_ptr_array_add (markers, g_strdup ("MARKER-hand-password-7f3a"));
  g_assert_cmpint (g_mkdir_with_parents (collections, 0700), ==, 0);
  g_file_set_contents (path,
                       "{\"info\": {\"_postman_id\": \"hand-written\", \"name\": \"Hand\"},"
                       " \"item\": [{\"id\": \"r1\", \"name\": \"R\", \"request\": {\"url\": \"http://x/\","
                       "  \"auth\": {\"type\": \"basic\", \"basic\": [{\"key\": \"username\", \"value\": \"u\"},"
                       "   {\"key\": \"password\", \"value\": \"MARKER-hand-password-7f3a\"}]}}}]}", -1, &error);
  g_assert_no_error (error);

  /* A keyring that cannot take it: the file stays as it was. */
  {
    g_autoptr(TessSecretStore) down = tess_secret_store_memory_new ();
    g_autoptr(TessWorkspace) first = tess_workspace_new (dir);
    g_autoptr(GError) reason = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "locked");

    tess_secret_store_memory_set_error (TESS_SECRET_STORE_MEMORY (down), reason);
    tess_workspace_set_secret_store (first, down);
    g_assert_true (tess_workspace_load (first, NULL, &error));
    g_assert_false (tess_workspace_flush_secrets (first, &error));
    g_clear_error (&error);
    g_assert_cmpuint (secrets_count_in_file (path, "MARKER-hand-password-7f3a"), ==, 1);
  }

  tess_workspace_set_secret_store (ws, store);
  g_assert_true (tess_workspace_load (ws, NULL, &error));
  g_assert_true (tess_workspace_flush_secrets (ws, &error));
  g_assert_no_error (error);

  /* The file no longer has it; the keyring and the model do. */
  g_assert_cmpuint (markers_in_tree (dir, markers), ==, 0);
  text = tess_test_load_text (path);
  g_assert_nonnull (strstr (text, "\"password\""));
  collection = tess_workspace_find_collection (ws, "Hand");
  {
    g_autoptr(GHashTable) values = values_of (collection);
    g_autoptr(GHashTable) stored = store_values (store, dir);

    assert_has_all (values, markers);
    assert_has_all (stored, markers);
  }
}

static void
test_workspace_without_store (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
  g_autoptr(GPtrArray) markers = new_markers ();
  g_autoptr(TessItem) vault = secrets_every_auth_collection (BASE_URL, markers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) in_memory = NULL;

  /* No store: in memory only, never in the file, and no banner (nobody
   * asked for a keyring). */
  g_assert_true (tess_workspace_load (ws, NULL, &error));
  g_assert_true (tess_workspace_save_collection (ws, vault, &error));
  g_assert_true (tess_workspace_flush_secrets (ws, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (markers_in_tree (dir, markers), ==, 0);
  g_assert_null (tess_workspace_get_secrets_message (ws));
  in_memory = values_of (vault);
  assert_has_all (in_memory, markers);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/what-is-secret", test_what_is_secret);
  g_test_add_func ("/secrets/collect-blank-fill", test_collect_blank_fill);
  g_test_add_func ("/secrets/references-and-other-types", test_references_and_other_types);
  g_test_add_func ("/secrets/blank-json", test_blank_json);
  g_test_add_func ("/secrets/save-collection-file", test_save_collection_file);
  g_test_add_func ("/secrets/memory-store", test_memory_store);
  g_test_add_func ("/secrets/describe-error", test_describe_error);
  g_test_add_func ("/secrets/libsecret-table", test_libsecret_table);
  g_test_add ("/secrets/workspace/save-load", Fixture, NULL, fixture_set_up, test_workspace_save_load, fixture_tear_down);
  g_test_add ("/secrets/workspace/owners", Fixture, NULL, fixture_set_up, test_workspace_owners, fixture_tear_down);
  g_test_add ("/secrets/workspace/import", Fixture, NULL, fixture_set_up, test_workspace_import, fixture_tear_down);
  g_test_add_func ("/secrets/workspace/keyring-down", test_workspace_keyring_down);
  g_test_add_func ("/secrets/workspace/plain-text-file", test_workspace_plain_text_file);
  g_test_add_func ("/secrets/workspace/without-store", test_workspace_without_store);
  return g_test_run ();
}
