/* When the keyring cannot be used, the window says that secrets stay in
 * memory for this session, and why; "Try Again" clears it once the keyring
 * answers. The keyring going away is played by a memory store that fails the
 * way libsecret does when no Secret Service runs. */
#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>
#include <string.h>

#include "tess-application.h"
#include "tess-secret-store-memory.h"
#include "tess-test-util.h"
#include "tess-ui-test.h"
#include "tess-window.h"

static TessWindow *window;

static gboolean
banner_shown (gpointer data)
{
  return tess_window_get_secrets_banner (window) != NULL;
}

static gboolean
banner_hidden (gpointer data)
{
  return tess_window_get_secrets_banner (window) == NULL;
}

static void
test_banner (void)
{
  TessApplication *app = TESS_APPLICATION (g_application_get_default ());
  TessWorkspace *workspace = tess_application_get_workspace (app);
  g_autoptr(TessSecretStore) store = tess_secret_store_memory_new ();
  g_autoptr(GError) gone = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN,
                                                "The name org.freedesktop.secrets was not provided");
  const char *text;

  tess_secret_store_memory_set_error (TESS_SECRET_STORE_MEMORY (store), gone);
  tess_workspace_set_secret_store (workspace, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "retry-secrets", NULL);
  g_assert_true (tess_test_wait_until (banner_shown, NULL, 10000));
  text = tess_window_get_secrets_banner (window);
  g_test_message ("banner: %s", text);
  g_assert_true (g_str_has_prefix (text, "Secrets are held in memory for this session only. "));
  /* The reason is the D-Bus error made human. */
  g_assert_nonnull (strstr (text, "No keyring service is running"));

  /* The keyring is back: Try Again takes the banner away. */
  tess_secret_store_memory_set_error (TESS_SECRET_STORE_MEMORY (store), NULL);
  g_action_group_activate_action (G_ACTION_GROUP (window), "retry-secrets", NULL);
  g_assert_true (tess_test_wait_until (banner_hidden, NULL, 10000));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TessApplication) app = NULL;
  g_autofree char *workspace = NULL;
  int status;

  if (!tess_ui_test_check_display (&argc, &argv, "/ui/secrets-banner", "no display: run the UI tests under xvfb-run"))
    return g_test_run ();

  /* Before GTK starts its threads: a workspace of its own. */
  workspace = tess_ui_test_make_workspace ();
  tess_ui_test_init_gtk (&argc, &argv, TRUE);

  app = tess_ui_test_app_new (0);
  window = tess_ui_test_app_activate (app);
  tess_ui_test_wait_loaded (app, 10000);

  g_test_add_func ("/ui/secrets-banner/no-service", test_banner);
  status = g_test_run ();

  tess_ui_test_quit (app, GTK_WINDOW (window));
  return status;
}
