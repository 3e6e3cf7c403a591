#include "secrets-fixture.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "tess-auth-scheme.h"
#include "tess-test-util.h"

#define SECRETS_SERVICE "org.freedesktop.secrets"

char *
secrets_marker (const char *what,
                const char *key)
{
  return g_strdup_printf ("MARKER-%s-%s" SECRETS_MARKER_SUFFIX, what, key);
}

/* ---- the collection ------------------------------------------------------- */

/* Plain values a scheme needs to get as far as signing. */
static const struct {
  const char *type;
  const char *key;
  const char *value;
} plain_values[] = {
  { "apikey", "key", "X-Api-Key" },
  { "apikey", "in", "header" },
  { "basic", "username", "ada" },
  { "digest", "username", "ada" },
  { "ntlm", "username", "ada" },
  { "oauth1", "consumerKey", "consumer" },
  { "oauth1", "token", "token" },
  { "oauth1", "signatureMethod", "HMAC-SHA1" },
  { "oauth2", "addTokenTo", "header" },
  { "oauth2", "clientId", "client" },
  { "hawk", "authId", "hawk-id" },
  { "hawk", "algorithm", "sha256" },
  { "awsv4", "accessKey", "AKIDEXAMPLE" },
  { "awsv4", "region", "us-east-1" },
  { "awsv4", "service", "s3" },
  { "jwt", "algorithm", "HS256" },
  { "jwt", "payload", "{\"sub\": \"ada\"}" },
  { "asap", "iss", "tessera" },
  { "asap", "aud", "api" },
  { "asap", "kid", "key-1" },
};

static TessAuth *
marked_auth (const TessAuthScheme *scheme,
             GPtrArray            *markers)
{
  TessAuth *auth = tess_auth_new (scheme->id);

  for (guint i = 0; i < scheme->n_fields; i++)
    {
      const TessAuthField *field = &scheme->fields[i];

      if (tess_auth_field_is_secret (field))
        {
          char *marker = secrets_marker (scheme->id, field->key);

          tess_auth_set (auth, field->key, marker);
          g_ptr_array_add (markers, marker);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain_values); i++)
    if (g_str_equal (plain_values[i].type, scheme->id))
      tess_auth_set (auth, plain_values[i].key, plain_values[i].value);
  /* An OAuth 2.0 token comes with a refresh token and an ID token. */
  if (g_str_equal (scheme->id, "oauth2"))
    {
      const char *token_keys[] = { "refreshToken", "idToken" };

      for (guint i = 0; i < G_N_ELEMENTS (token_keys); i++)
        {
          char *marker = secrets_marker ("oauth2", token_keys[i]);

          tess_auth_set (auth, token_keys[i], marker);
          g_ptr_array_add (markers, marker);
        }
    }
  return auth;
}

static TessItem *
marked_request (const char *name,
                const char *base_url,
                const char *path,
                TessAuth   *auth,
                gboolean    uses_variables)
{
  TessItem *request = tess_item_new (TESS_ITEM_REQUEST, name);
  g_autofree char *url = g_strconcat (base_url, path, NULL);

  tess_item_set_url (request, url);
  if (auth != NULL)
    tess_item_set_auth (request, auth);
  if (uses_variables)
    {
      tess_kv_list_add (tess_item_get_headers (request), "X-Collection", "{{collectionSecret}}");
      tess_kv_list_add (tess_item_get_headers (request), "X-Environment", "{{environmentSecret}}");
      tess_kv_list_add (tess_item_get_headers (request), "X-Globals", "{{globalsSecret}}");
    }
  return request;
}

static void
add_secret_variable (GPtrArray  *list,
                     const char *name,
                     const char *scope,
                     GPtrArray  *markers)
{
  char *marker = secrets_marker ("var", scope);
  TessKeyValue *kv = tess_kv_list_add (list, name, marker);

  kv->type = g_strdup ("secret");
  g_ptr_array_add (markers, marker);
}

TessItem *
secrets_every_auth_collection (const char *base_url,
                               GPtrArray  *markers)
{
  TessItem *collection = tess_item_new (TESS_ITEM_COLLECTION, "Vault");
  g_autoptr(TessItem) by_type = tess_item_new (TESS_ITEM_FOLDER, "By type");
  g_autoptr(TessItem) inherited = tess_item_new (TESS_ITEM_FOLDER, "Inherited");
  g_autoptr(TessAuth) collection_auth = tess_auth_new ("bearer");
  g_autoptr(TessAuth) folder_auth = tess_auth_new ("basic");
  g_autoptr(TessAuth) none = tess_auth_new ("noauth");
  char *marker;
  guint n;
  const TessAuthScheme * const *schemes = tess_auth_schemes (&n);

  /* Auth on the collection and on a folder: owners of every kind. */
  marker = secrets_marker ("collection", "token");
  tess_auth_set (collection_auth, "token", marker);
  g_ptr_array_add (markers, marker);
  tess_item_set_auth (collection, collection_auth);
  marker = secrets_marker ("folder", "password");
  tess_auth_set (folder_auth, "username", "folder-user");
  tess_auth_set (folder_auth, "password", marker);
  g_ptr_array_add (markers, marker);
  tess_item_set_auth (inherited, folder_auth);

  add_secret_variable (tess_item_get_variables (collection), "collectionSecret", "collection", markers);
  tess_kv_list_add (tess_item_get_variables (collection), "plain", "not-a-secret");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessAuth) auth = NULL;
      g_autoptr(TessItem) request = NULL;
      g_autofree char *path = NULL;

      if (g_str_equal (schemes[i]->id, "noauth"))
        continue;
      auth = marked_auth (schemes[i], markers);
      path = g_strconcat ("/", schemes[i]->id, NULL);
      request = marked_request (schemes[i]->id, base_url, path, auth, TRUE);
      tess_item_append (by_type, request);
    }
  tess_item_append (collection, by_type);

  {
    g_autoptr(TessItem) request = marked_request ("Folder auth", base_url, "/folder", NULL, TRUE);
    g_autoptr(TessItem) open = marked_request ("Open", base_url, "/open", none, FALSE);

    tess_item_append (inherited, request);
    tess_item_append (collection, inherited);
    tess_item_append (collection, open);
  }
  return collection;
}

TessEnvironment *
secrets_marked_environment (gboolean   globals,
                            GPtrArray *markers)
{
  TessEnvironment *environment = tess_environment_new (globals ? "Globals" : "Env");
  GPtrArray *values = tess_environment_get_values (environment);

  tess_environment_set_is_globals (environment, globals);
  add_secret_variable (values, globals ? "globalsSecret" : "environmentSecret",
                       globals ? "globals" : "environment", markers);
  tess_kv_list_add (values, globals ? "globalPlain" : "envPlain", "plain-value");
  return environment;
}

/* ---- the session keyring ------------------------------------------------------ */

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

gboolean
secrets_have_keyring (char **reason)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  if ((address == NULL || *address == '\0') && !g_file_test (socket, G_FILE_TEST_EXISTS))
    {
      *reason = g_strdup ("no D-Bus session bus (run the tests with build-aux/dev test)");
      return FALSE;
    }
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (connection == NULL)
    {
      *reason = g_strdup_printf ("the session bus does not answer: %s", error->message);
      return FALSE;
    }
  if (!name_has_owner (connection, SECRETS_SERVICE))
    {
      *reason = g_strdup ("no " SECRETS_SERVICE " on the session bus (start gnome-keyring-daemon)");
      return FALSE;
    }
  return TRUE;
}

/* ---- the command line ---------------------------------------------------------- */

void
secrets_cli_result_clear (SecretsCliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

void
secrets_run_cli (SecretsCliResult   *result,
                 const char         *workspace,
                 const char * const *envp,
                 const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_ptr_array_add (args, (gpointer) g_getenv ("TESS_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_setenv (launcher, "TESSERA_WORKSPACE", workspace, TRUE);
  for (guint i = 0; envp != NULL && envp[i] != NULL; i++)
    {
      const char *eq = strchr (envp[i], '=');

      if (eq == NULL)
        g_subprocess_launcher_unsetenv (launcher, envp[i]);
      else
        {
          g_autofree char *name = g_strndup (envp[i], eq - envp[i]);
          g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
        }
    }
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->elapsed_us = g_get_monotonic_time () - start;
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  g_test_message ("tessera-cli %s: exit %d in %.0f ms\nstdout:\n%s\nstderr:\n%s", argv[0], result->status,
                  result->elapsed_us / 1000.0, result->out, result->err);
}

/* ---- scanning files ---------------------------------------------------------------- */

guint
secrets_count_in_file (const char *path,
                       const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0, needle_len = strlen (needle);
  guint hits = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return 0;
  for (gsize i = 0; needle_len > 0 && i + needle_len <= length; i++)
    if (memcmp (contents + i, needle, needle_len) == 0)
      hits++;
  return hits;
}

void
secrets_list_files (const char *dir,
                    GPtrArray  *into)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        secrets_list_files (path, into);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (into, g_steal_pointer (&path));
    }
}

/* ---- a private bus ------------------------------------------------------------------- */

struct _SecretsPrivateBus
{
  char *dir;
  GSubprocess *daemon;
  GSubprocess *keyring;
  char *address;
  GDBusConnection *connection;
};

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;
  char *text = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);

  *line = text ? text : g_strdup ("");
}

static gboolean
line_read (gpointer data)
{
  return *(char **) data != NULL;
}

typedef struct {
  GDBusConnection *connection;
  gint64 next_check;
  gboolean owned;
} OwnerWait;

static gboolean
secrets_owned (gpointer data)
{
  OwnerWait *wait = data;

  /* Asked every 20 ms at most: the wait iterates the main context meanwhile. */
  if (wait->owned || g_get_monotonic_time () < wait->next_check)
    return wait->owned;
  wait->next_check = g_get_monotonic_time () + 20000;
  wait->owned = name_has_owner (wait->connection, SECRETS_SERVICE);
  return wait->owned;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
start_keyring (SecretsPrivateBus  *bus,
               gboolean            unlock,
               char              **reason)
{
  g_autofree char *program = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *home = g_build_filename (bus->dir, "home", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *runtime = g_build_filename (bus->dir, "runtime", NULL);
  g_autoptr(GError) error = NULL;
  OwnerWait wait = { bus->connection, 0, FALSE };
  guint tick;
  gboolean up;

  if (program == NULL)
    {
      *reason = g_strdup ("gnome-keyring-daemon is not installed (Debian package gnome-keyring)");
      return FALSE;
    }
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (runtime, 0700);
  launcher = g_subprocess_launcher_new ((unlock ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_NONE) |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (unlock)
    bus->keyring = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground",
                                                "--components=secrets", "--unlock", NULL);
  else
    bus->keyring = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground",
                                                "--components=secrets", NULL);
  if (bus->keyring == NULL)
    {
      *reason = g_strdup_printf ("gnome-keyring-daemon did not start: %s", error->message);
      return FALSE;
    }
  if (unlock)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (bus->keyring);

      /* Non-empty, or no login keyring is made. */
      g_output_stream_write_all (in, "test-password", 13, NULL, NULL, NULL);
      g_output_stream_close (in, NULL, NULL);
    }
  tick = g_timeout_add (10, tick_cb, NULL);
  up = tess_test_wait_until (secrets_owned, &wait, 10000);
  g_source_remove (tick);
  if (!up)
    {
      *reason = g_strdup ("gnome-keyring-daemon did not take " SECRETS_SERVICE " within 10 s");
      return FALSE;
    }
  return TRUE;
}

SecretsPrivateBus *
secrets_private_bus_new (SecretsBusKind   kind,
                         char           **reason)
{
  g_autoptr(SecretsPrivateBus) bus = g_new0 (SecretsPrivateBus, 1);
  g_autofree char *program = g_find_program_in_path ("dbus-daemon");
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  if (program == NULL)
    {
      *reason = g_strdup ("dbus-daemon is not installed (Debian package dbus)");
      return NULL;
    }
  bus->dir = tess_test_make_tmpdir ();
  config_path = g_build_filename (bus->dir, "bus.conf", NULL);
  /* No <servicedir>: nothing is started on demand, so an absent keyring
   * stays absent. */
  config = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                            "<busconfig>\n"
                            "  <type>session</type>\n"
                            "  <listen>unix:dir=%s</listen>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n", bus->dir);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  bus->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                  program, "--config-file", config_path, "--nofork", "--print-address=1", NULL);
  if (bus->daemon == NULL)
    {
      *reason = g_strdup_printf ("dbus-daemon did not start: %s", error->message);
      return NULL;
    }
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &line);
  if (!tess_test_wait_until (line_read, &line, 10000) || *line == '\0')
    {
      *reason = g_strdup ("dbus-daemon printed no address within 10 s");
      return NULL;
    }
  bus->address = g_strstrip (g_steal_pointer (&line));
  bus->connection = g_dbus_connection_new_for_address_sync (bus->address,
                                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                            NULL, NULL, &error);
  if (bus->connection == NULL)
    {
      *reason = g_strdup_printf ("cannot connect to the test's bus %s: %s", bus->address, error->message);
      return NULL;
    }
  if (kind != SECRETS_BUS_ONLY && !start_keyring (bus, kind == SECRETS_BUS_KEYRING_UNLOCKED, reason))
    return NULL;
  return g_steal_pointer (&bus);
}

const char *
secrets_private_bus_get_address (SecretsPrivateBus *bus)
{
  return bus->address;
}

GDBusConnection *
secrets_private_bus_get_connection (SecretsPrivateBus *bus)
{
  return bus->connection;
}

void
secrets_private_bus_lock (SecretsPrivateBus *bus)
{
  g_autoptr(GVariant) collections = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GError) error = NULL;

  collections = g_dbus_connection_call_sync (bus->connection, SECRETS_SERVICE, "/org/freedesktop/secrets",
                                             "org.freedesktop.DBus.Properties", "Get",
                                             g_variant_new ("(ss)", "org.freedesktop.Secret.Service", "Collections"),
                                             G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (collections, "(v)", &value);
  locked = g_dbus_connection_call_sync (bus->connection, SECRETS_SERVICE, "/org/freedesktop/secrets",
                                        "org.freedesktop.Secret.Service", "Lock",
                                        g_variant_new ("(@ao)", value), G_VARIANT_TYPE ("(aoo)"),
                                        G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}

static void
stop (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

void
secrets_private_bus_free (SecretsPrivateBus *bus)
{
  if (bus == NULL)
    return;
  if (bus->connection != NULL)
    g_dbus_connection_close_sync (bus->connection, NULL, NULL);
  g_clear_object (&bus->connection);
  stop (bus->keyring);
  stop (bus->daemon);
  g_clear_object (&bus->keyring);
  g_clear_object (&bus->daemon);
  g_free (bus->address);
  g_free (bus->dir);
  g_free (bus);
}
