/* libsecret is opened by the first keyring call, not when the store is made
 * or a workspace without secret fields is loaded; and when it cannot be
 * opened every keyring call fails with why. Each case runs in a fresh
 * process, which (unlike test-secrets) does not link libsecret, so the
 * process's own map shows whether the library is there. */
#include <string.h>

#include "secrets-fixture.h"
#include "tess-error.h"
#include "tess-libsecret.h"
#include "tess-secret-store-libsecret.h"
#include "tess-test-util.h"
#include "tess-workspace.h"
#include "tess-workspace-reader.h"

#define NOT_LOADED "libsecret (" TESS_LIBSECRET_SONAME ") could not be loaded: "

static void
write_file (const char *dir,
            const char *folder,
            const char *name,
            const char *text)
{
  g_autofree char *parent = g_build_filename (dir, folder, NULL);
  g_autofree char *path = g_build_filename (parent, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A collection and an environment, neither with a secret field. */
static void
write_plain_workspace (const char *dir)
{
  write_file (dir, TESS_WORKSPACE_COLLECTIONS_DIR, "plain" TESS_WORKSPACE_COLLECTION_SUFFIX,
              "{\"info\": {\"_postman_id\": \"plain\", \"name\": \"Plain\"},"
              " \"item\": [{\"id\": \"r1\", \"name\": \"R\", \"request\": {\"method\": \"GET\","
              "  \"url\": \"http://127.0.0.1:9/\", \"header\": [{\"key\": \"Accept\", \"value\": \"*/*\"}],"
              "  \"auth\": {\"type\": \"noauth\"}}}]}");
  write_file (dir, TESS_WORKSPACE_ENVIRONMENTS_DIR, "local" TESS_WORKSPACE_ENVIRONMENT_SUFFIX,
              "{\"id\": \"e1\", \"name\": \"Local\","
              " \"values\": [{\"key\": \"host\", \"value\": \"127.0.0.1\", \"type\": \"default\"}]}");
}

/* A collection whose request has a (blank) password: loading asks the keyring. */
static void
write_secret_workspace (const char *dir)
{
  write_file (dir, TESS_WORKSPACE_COLLECTIONS_DIR, "vault" TESS_WORKSPACE_COLLECTION_SUFFIX,
              "{\"info\": {\"_postman_id\": \"vault\", \"name\": \"Vault\"},"
              " \"item\": [{\"id\": \"r1\", \"name\": \"R\", \"request\": {\"url\": \"http://127.0.0.1:9/\","
              "  \"auth\": {\"type\": \"basic\", \"basic\": [{\"key\": \"username\", \"value\": \"u\"},"
              "   {\"key\": \"password\", \"value\": \"\"}]}}}]}");
}

/* ---- opened on first use ------------------------------------------------------ */

static void
test_on_first_use (void)
{
  g_autofree char *reason = NULL;

  if (!g_test_subprocess ())
    {
      if (!secrets_have_keyring (&reason))
        {
          tess_test_skip_peer ("%s", reason);
          return;
        }
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autofree char *dir = tess_test_make_tmpdir ();
    g_autoptr(TessSecretStore) store = NULL;
    g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
    g_autoptr(TessSecret) secret = tess_secret_new ("request", "r1", "auth.basic.password", "first-use ✓");
    g_autoptr(GError) error = NULL;
    g_autofree char *value = NULL;

    g_assert_false (tess_libsecret_is_loaded ());
    g_assert_false (tess_test_is_mapped (TESS_LIBSECRET_SONAME));

    /* What the app and the CLI do at start. */
    write_plain_workspace (dir);
    store = tess_secret_store_libsecret_new ();
    tess_workspace_set_secret_store (ws, store);
    g_assert_true (tess_workspace_load (ws, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (tess_workspace_find_collection (ws, "Plain"));
    g_assert_null (tess_workspace_get_secrets_message (ws));
    g_assert_cmpuint (tess_secret_store_libsecret_get_n_searches (TESS_SECRET_STORE_LIBSECRET (store)), ==, 0);
    g_assert_false (tess_libsecret_is_loaded ());
    g_assert_false (tess_test_is_mapped (TESS_LIBSECRET_SONAME));

    /* The first secret saved opens it. */
    g_assert_true (tess_secret_store_store_sync (store, dir, secret, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (tess_libsecret_is_loaded ());
    g_assert_true (tess_test_is_mapped (TESS_LIBSECRET_SONAME));

    value = tess_secret_store_lookup_sync (store, dir, secret, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (value, ==, "first-use ✓");
    g_assert_true (tess_secret_store_clear_sync (store, dir, secret, NULL, &error));
    g_assert_no_error (error);
  }
}

/* ---- cannot be opened ---------------------------------------------------------- */

static void
assert_not_loaded (GError *error)
{
  g_autofree char *reason = NULL;

  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, NOT_LOADED));
  g_assert_cmpuint (strlen (error->message), >, strlen (NOT_LOADED));
  reason = tess_secret_store_describe_error (error);
  g_assert_true (g_str_has_prefix (reason, "The desktop keyring failed: " NOT_LOADED));
  g_error_free (error);
}

/* A file with libsecret's soname that is not a library, found first through
 * LD_LIBRARY_PATH, which only a new process reads. */
static void
test_cannot_open (void)
{
  if (!g_test_subprocess ())
    {
      tess_test_trap_with_broken_library (TESS_LIBSECRET_SONAME, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autofree char *dir = tess_test_make_tmpdir ();
    g_autofree char *no_bus = g_build_filename (dir, "no-bus", NULL);
    g_autofree char *address = g_strconcat ("unix:path=", no_bus, NULL);
    g_autoptr(TessSecretStore) store = NULL;
    g_autoptr(TessWorkspace) ws = tess_workspace_new (dir);
    g_autoptr(TessSecret) secret = tess_secret_new ("request", "r1", "auth.basic.password", "kept in memory");
    g_autoptr(GHashTable) all = NULL;
    g_autofree char *value = NULL;
    const char *message;
    GError *error = NULL;

    /* A bus address, so the store gets past its no-bus check; libsecret
     * never gets to use it. Set before any thread starts. */
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    store = tess_secret_store_libsecret_new ();

    /* Every call fails alike, and keeps failing. */
    value = tess_secret_store_lookup_sync (store, dir, secret, NULL, &error);
    g_assert_null (value);
    assert_not_loaded (g_steal_pointer (&error));
    all = tess_secret_store_lookup_many_sync (store, dir, NULL, &error);
    g_assert_null (all);
    assert_not_loaded (g_steal_pointer (&error));
    g_assert_false (tess_secret_store_store_sync (store, dir, secret, NULL, &error));
    assert_not_loaded (g_steal_pointer (&error));
    g_assert_false (tess_secret_store_clear_sync (store, dir, secret, NULL, &error));
    assert_not_loaded (g_steal_pointer (&error));
    g_assert_false (tess_libsecret_is_loaded ());

    /* A workspace with a secret field still loads, and says why its secrets
     * are held in memory. */
    write_secret_workspace (dir);
    tess_workspace_set_secret_store (ws, store);
    g_assert_true (tess_workspace_load (ws, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (tess_workspace_find_collection (ws, "Vault"));
    message = tess_workspace_get_secrets_message (ws);
    g_assert_nonnull (message);
    g_test_message ("%s", message);
    g_assert_true (g_str_has_prefix (message, "Secrets are held in memory for this session only. "
                                              "The desktop keyring failed: " NOT_LOADED));
    g_assert_false (tess_libsecret_is_loaded ());
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* First: it sets LD_LIBRARY_PATH for its child, which is safe only before
   * any thread runs (the other case's keyring check starts GDBus's). */
  g_test_add_func ("/secrets/libsecret/cannot-open", test_cannot_open);
  g_test_add_func ("/secrets/libsecret/on-first-use", test_on_first_use);
  return g_test_run ();
}
