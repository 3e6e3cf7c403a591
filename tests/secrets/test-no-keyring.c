/* What people are told when the keyring cannot be used: no session bus, a
 * bus address that points to nothing, a bus without a Secret Service, a
 * keyring without a login keyring, a locked keyring. tessera-cli runs in
 * each situation (buses and keyrings of the test's own, stopped at the
 * end); secrets are never written in plain text, requests that need one are
 * not sent (exit 2, with the reason), and requests that need none work. */
#include <string.h>

#include "secrets-fixture.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-test-util.h"

#define NO_BUS \
  "There is no D-Bus session bus, so the desktop keyring cannot be reached."
#define DEAD_BUS \
  "The D-Bus session bus does not answer (DBUS_SESSION_BUS_ADDRESS points to nothing), " \
  "so the desktop keyring cannot be reached."
#define NO_SERVICE \
  "No keyring service is running: nothing on the session bus provides " \
  "org.freedesktop.secrets (GNOME Keyring or KeePassXC would)."
#define NO_LOGIN \
  "The keyring has no login keyring to keep secrets in, and none could be created."
#define LOCKED \
  "The keyring is locked and was not unlocked."
#define HINT \
  "Give the secrets with --no-keyring and --var NAME=VALUE or --env FILE, or make the keyring available.\n"

static const char shop_json[] =
  "{\"info\": {\"name\": \"Shop\", \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
  " \"variable\": [{\"key\": \"apiToken\", \"value\": \"token-value-7f3a\", \"type\": \"secret\"}],"
  " \"item\": ["
  "  {\"name\": \"Login\", \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1:9/login\","
  "    \"auth\": {\"type\": \"basic\", \"basic\": [{\"key\": \"username\", \"value\": \"ada\"},"
  "      {\"key\": \"password\", \"value\": \"secret-pass-7f3a\"}]}}},"
  "  {\"name\": \"Token\", \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1:9/token\","
  "    \"header\": [{\"key\": \"X-Token\", \"value\": \"{{apiToken}}\"}]}},"
  "  {\"name\": \"Ref\", \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1:9/ref\","
  "    \"auth\": {\"type\": \"basic\", \"basic\": [{\"key\": \"username\", \"value\": \"ada\"},"
  "      {\"key\": \"password\", \"value\": \"{{pw}}\"}]}}},"
  "  {\"name\": \"Open\", \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1:9/open\"}}]}";

typedef struct {
  char *dir;
  char *workspace;
  char *file;
  GPtrArray *env;       /* "NAME=VALUE" / "NAME", NULL-terminated */
} Situation;

static void
situation_clear (Situation *situation)
{
  g_free (situation->dir);
  g_free (situation->workspace);
  g_free (situation->file);
  g_clear_pointer (&situation->env, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Situation, situation_clear)

static void
situation_init (Situation *situation)
{
  g_autoptr(GError) error = NULL;

  situation->dir = tess_test_make_tmpdir ();
  situation->workspace = g_build_filename (situation->dir, "workspace", NULL);
  situation->file = g_build_filename (situation->dir, "shop.postman_collection.json", NULL);
  g_file_set_contents (situation->file, shop_json, -1, &error);
  g_assert_no_error (error);
  situation->env = g_ptr_array_new_with_free_func (g_free);
  /* Never a display: a keyring prompt must fail, not wait for a click. */
  g_ptr_array_add (situation->env, g_strdup ("DISPLAY"));
  g_ptr_array_add (situation->env, g_strdup ("WAYLAND_DISPLAY"));
}

static void
situation_setenv (Situation  *situation,
                  const char *change)
{
  g_ptr_array_add (situation->env, g_strdup (change));
}

static void
cli (SecretsCliResult *result,
     Situation        *situation,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GPtrArray) env = g_ptr_array_new ();
  va_list args;

  for (guint i = 0; i < situation->env->len; i++)
    g_ptr_array_add (env, situation->env->pdata[i]);

  va_start (args, situation);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_ptr_array_add (env, NULL);
  secrets_run_cli (result, situation->workspace, (const char * const *) env->pdata,
                   (const char * const *) argv->pdata);
}

/* No file of the workspace holds a secret of shop_json. */
static void
assert_no_plain_text (Situation *situation)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  secrets_list_files (situation->workspace, files);
  g_assert_cmpuint (files->len, >=, 1);
  for (guint i = 0; i < files->len; i++)
    g_assert_cmpuint (secrets_count_in_file (files->pdata[i], "-7f3a"), ==, 0);
}

/* Import with the keyring unusable: the copy goes in without its secrets,
 * and the person is told why. */
static void
assert_import_warns (Situation  *situation,
                     const char *reason)
{
  g_auto(SecretsCliResult) result = { 0 };
  g_autofree char *expected = g_strdup_printf ("tessera-cli import: %s\n"
                                               "tessera-cli import: 2 secrets could not be kept: "
                                               "the workspace copy has them empty\n", reason);

  cli (&result, situation, "import", situation->file, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, expected);
  assert_no_plain_text (situation);
}

/* What needs a secret is not sent, with the reason; the rest works. */
static void
assert_requests (Situation  *situation,
                 const char *reason)
{
  g_autofree char *login_expected = g_strdup_printf ("tessera-cli send: %s\n"
                                                     "tessera-cli send: request ‘Shop / Login’ needs Basic Auth: Password\n"
                                                     HINT, reason);
  g_autofree char *token_expected = g_strdup_printf ("tessera-cli send: %s\n"
                                                     "tessera-cli send: request ‘Shop / Token’ needs variable ‘apiToken’\n"
                                                     HINT, reason);
  g_auto(SecretsCliResult) login = { 0 };
  g_auto(SecretsCliResult) token = { 0 };
  g_auto(SecretsCliResult) run = { 0 };
  g_auto(SecretsCliResult) open = { 0 };
  g_auto(SecretsCliResult) ref = { 0 };
  g_auto(SecretsCliResult) given = { 0 };
  g_auto(SecretsCliResult) exported = { 0 };
  g_auto(SecretsCliResult) exported_secrets = { 0 };
  g_autofree char *export_expected = g_strdup_printf ("tessera-cli export: %s\n"
                                                      "tessera-cli export: the secrets cannot be included; "
                                                      "--no-keyring exports without them\n", reason);

  cli (&login, situation, "send", "Shop", "Login", NULL);
  g_assert_cmpint (login.status, ==, 2);
  g_assert_cmpstr (login.err, ==, login_expected);
  g_assert_cmpstr (login.out, ==, "");

  cli (&token, situation, "send", "Shop", "Token", "--dry-run", NULL);
  g_assert_cmpint (token.status, ==, 2);
  g_assert_cmpstr (token.err, ==, token_expected);

  cli (&run, situation, "run", "Shop", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "tessera-cli run: "));
  g_assert_nonnull (strstr (run.err, reason));
  g_assert_nonnull (strstr (run.err, "request ‘Shop / Login’ needs Basic Auth: Password"));
  g_assert_nonnull (strstr (run.err, "request ‘Shop / Token’ needs variable ‘apiToken’"));
  g_assert_null (strstr (run.err, "Shop / Open"));

  /* Needing no secret, or taking it from a variable: it goes. */
  cli (&open, situation, "send", "Shop", "Open", "--dry-run", NULL);
  g_assert_cmpint (open.status, ==, 0);
  g_assert_true (g_str_has_prefix (open.out, "GET /open HTTP/1.1\r\n"));
  cli (&ref, situation, "send", "Shop", "Ref", "--var", "pw=from-var", "--dry-run", NULL);
  g_assert_cmpint (ref.status, ==, 0);
  cli (&given, situation, "send", "Shop", "Token", "--no-keyring", "--var", "apiToken=given", "--dry-run", NULL);
  g_assert_cmpint (given.status, ==, 0);
  g_assert_nonnull (strstr (given.out, "X-Token: given\r\n"));
  g_assert_cmpstr (given.err, ==, "");

  /* An export without secrets needs no keyring; one with them does. */
  cli (&exported, situation, "export", "Shop", NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_nonnull (strstr (exported.out, "\"Login\""));
  g_assert_null (strstr (exported.out, "-7f3a"));
  cli (&exported_secrets, situation, "export", "Shop", "--include-secrets", NULL);
  g_assert_cmpint (exported_secrets.status, ==, 2);
  g_assert_cmpstr (exported_secrets.err, ==, export_expected);
  g_assert_cmpstr (exported_secrets.out, ==, "");
}

static void
test_no_bus (void)
{
  g_auto(Situation) situation = { 0 };
  g_autofree char *runtime = NULL;
  g_autofree char *change = NULL;
  g_auto(SecretsCliResult) quick = { 0 };

  situation_init (&situation);
  runtime = g_build_filename (situation.dir, "runtime", NULL);
  g_mkdir_with_parents (runtime, 0700);
  change = g_strconcat ("XDG_RUNTIME_DIR=", runtime, NULL);
  situation_setenv (&situation, "DBUS_SESSION_BUS_ADDRESS");
  situation_setenv (&situation, change);

  assert_import_warns (&situation, NO_BUS);
  assert_requests (&situation, NO_BUS);
  /* No bus is found out at once, nothing is autolaunched or waited for. */
  cli (&quick, &situation, "send", "Shop", "Login", NULL);
  g_test_message ("with no bus, tessera-cli gave up after %.0f ms", quick.elapsed_us / 1000.0);
}

static void
test_dead_bus (void)
{
  g_auto(Situation) situation = { 0 };
  g_autofree char *change = NULL;

  situation_init (&situation);
  change = g_strdup_printf ("DBUS_SESSION_BUS_ADDRESS=unix:path=%s/no-bus-here", situation.dir);
  situation_setenv (&situation, change);

  assert_import_warns (&situation, DEAD_BUS);
  assert_requests (&situation, DEAD_BUS);
}

static void
test_no_service (void)
{
  g_auto(Situation) situation = { 0 };
  g_autoptr(SecretsPrivateBus) bus = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *change = NULL;

  bus = secrets_private_bus_new (SECRETS_BUS_ONLY, &reason);
  if (bus == NULL)
    {
      tess_test_skip_peer ("%s", reason);
      return;
    }
  situation_init (&situation);
  change = g_strconcat ("DBUS_SESSION_BUS_ADDRESS=", secrets_private_bus_get_address (bus), NULL);
  situation_setenv (&situation, change);

  assert_import_warns (&situation, NO_SERVICE);
  assert_requests (&situation, NO_SERVICE);
}

static void
test_no_login_keyring (void)
{
  g_auto(Situation) situation = { 0 };
  g_autoptr(SecretsPrivateBus) bus = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *change = NULL;

  bus = secrets_private_bus_new (SECRETS_BUS_KEYRING_NO_LOGIN, &reason);
  if (bus == NULL)
    {
      tess_test_skip_peer ("%s", reason);
      return;
    }
  situation_init (&situation);
  change = g_strconcat ("DBUS_SESSION_BUS_ADDRESS=", secrets_private_bus_get_address (bus), NULL);
  situation_setenv (&situation, change);

  /* Reading works (there is nothing to read); keeping does not. */
  assert_import_warns (&situation, NO_LOGIN);
}

static void
test_locked (void)
{
  g_auto(Situation) situation = { 0 };
  g_autoptr(SecretsPrivateBus) bus = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *change = NULL;
  g_auto(SecretsCliResult) import = { 0 };
  g_auto(SecretsCliResult) unlocked = { 0 };

  bus = secrets_private_bus_new (SECRETS_BUS_KEYRING_UNLOCKED, &reason);
  if (bus == NULL)
    {
      tess_test_skip_peer ("%s", reason);
      return;
    }
  situation_init (&situation);
  change = g_strconcat ("DBUS_SESSION_BUS_ADDRESS=", secrets_private_bus_get_address (bus), NULL);
  situation_setenv (&situation, change);

  /* Unlocked: the import keeps the secrets and a send has them. */
  cli (&import, &situation, "import", situation.file, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.err, ==, "");
  assert_no_plain_text (&situation);
  cli (&unlocked, &situation, "send", "Shop", "Token", "--dry-run", NULL);
  g_assert_cmpint (unlocked.status, ==, 0);
  g_assert_nonnull (strstr (unlocked.out, "X-Token: token-value-7f3a\r\n"));

  /* Locked, and nobody there to unlock it. */
  secrets_private_bus_lock (bus);
  assert_requests (&situation, LOCKED);
  assert_no_plain_text (&situation);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/no-keyring/no-bus", test_no_bus);
  g_test_add_func ("/no-keyring/dead-bus", test_dead_bus);
  g_test_add_func ("/no-keyring/no-service", test_no_service);
  g_test_add_func ("/no-keyring/no-login-keyring", test_no_login_keyring);
  g_test_add_func ("/no-keyring/locked", test_locked);
  return g_test_run ();
}
