/* libsoup is opened by the first send, not when the sender is made or given
 * the workspace's settings (what the app and the CLI do at start); and when
 * it cannot be opened, a send and a form-data body fail with why. Each case
 * runs in a fresh process, which (unlike test-sender) does not link libsoup,
 * so the process's own map shows whether the library is there. */
#include <string.h>

#include "tess-error.h"
#include "tess-exchange.h"
#include "tess-resolve.h"
#include "tess-sender-settings.h"
#include "tess-sender.h"
#include "tess-soup.h"
#include "tess-test-send.h"
#include "tess-test-util.h"
#include "tess-workspace.h"

#define NOT_LOADED "libsoup (" TESS_SOUP_SONAME ") could not be loaded: "

/* Sends GET to a closed loopback port and waits for the exchange. */
static TessExchange *
send_to_closed_port (TessSender *sender)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", tess_test_closed_port ());
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", url);

  return tess_test_send (sender, req, NULL);
}

static TessWorkspace *
load_workspace (const char *dir)
{
  TessWorkspace *ws = tess_workspace_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_workspace_load (ws, NULL, &error));
  g_assert_no_error (error);
  return ws;
}

/* ---- opened on first use ------------------------------------------------------ */

static void
test_on_first_use (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autofree char *dir = tess_test_make_tmpdir ();
    g_autoptr(TessWorkspace) ws = NULL;
    g_autoptr(TessSender) sender = NULL;
    g_autoptr(TessExchange) exchange = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *cookies = NULL;
    SoupSession *session;
    GSList *all;

    g_assert_false (tess_soup_is_loaded ());
    g_assert_false (tess_test_is_mapped (TESS_SOUP_SONAME));

    /* What the app and the CLI do at start, with a cookie kept from before. */
    ws = load_workspace (dir);
    cookies = g_strdup_printf ("127.0.0.1\tFALSE\t/\tFALSE\t%" G_GINT64_FORMAT "\tsid\tkept\n",
                               g_get_real_time () / G_USEC_PER_SEC + 86400);
    g_file_set_contents (tess_workspace_get_cookie_jar_path (ws), cookies, -1, &error);
    g_assert_no_error (error);
    sender = tess_sender_new ();
    g_assert_true (tess_sender_apply_workspace (sender, ws, &error));
    g_assert_no_error (error);
    g_assert_false (tess_soup_is_loaded ());
    g_assert_false (tess_test_is_mapped (TESS_SOUP_SONAME));

    /* The first send opens it; the failure is the connection's own. */
    exchange = send_to_closed_port (sender);
    g_assert_nonnull (exchange->error);
    g_test_message ("%s", exchange->error->message);
    g_assert_false (g_str_has_prefix (exchange->error->message, NOT_LOADED));
    g_assert_true (tess_soup_is_loaded ());
    g_assert_true (tess_test_is_mapped (TESS_SOUP_SONAME));

    /* The session made then reads the cookie file the workspace named. */
    session = tess_sender_get_session (sender);
    g_assert_nonnull (session);
    all = soup_cookie_jar_all_cookies ((SoupCookieJar *) soup_session_get_feature (session, SOUP_TYPE_COOKIE_JAR));
    g_assert_cmpuint (g_slist_length (all), ==, 1);
    g_assert_cmpstr (soup_cookie_get_name (all->data), ==, "sid");
    g_assert_cmpstr (soup_cookie_get_value (all->data), ==, "kept");
    for (GSList *l = all; l != NULL; l = l->next)
      soup_cookie_free (l->data);
    g_slist_free (all);
  }
}

/* ---- cannot be opened ---------------------------------------------------------- */

/* A file with libsoup's soname that is not a library comes first. */
static void
test_cannot_open (void)
{
  if (!g_test_subprocess ())
    {
      tess_test_trap_with_broken_library (TESS_SOUP_SONAME, 0);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*WARNING*" NOT_LOADED "*");
      return;
    }

  {
    g_autofree char *dir = tess_test_make_tmpdir ();
    g_autoptr(TessWorkspace) ws = load_workspace (dir);
    g_autoptr(TessSender) sender = tess_sender_new ();
    g_autoptr(TessExchange) exchange = NULL;
    g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, "Upload");
    g_autoptr(TessBody) body = tess_body_new ();
    g_autoptr(TessVariables) vars = tess_variables_new ();
    g_autoptr(TessPreparedRequest) req = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (tess_sender_apply_workspace (sender, ws, &error));
    g_assert_no_error (error);

    /* A send ends with an exchange that says why, and so does the next. */
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(TessExchange) failed = send_to_closed_port (sender);

        g_assert_nonnull (failed->error);
        g_test_message ("%s", failed->error->message);
        g_assert_true (g_str_has_prefix (failed->error->message, NOT_LOADED));
        g_assert_cmpuint (strlen (failed->error->message), >, strlen (NOT_LOADED));
      }

    /* The cookie manager gets no session, and a warning (on stderr, which
     * the parent checks: this one is not fatal). */
    {
      GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

      g_assert_null (tess_sender_get_session (sender));
      g_log_set_always_fatal (fatal);
    }

    /* A form-data body is encoded by libsoup: resolving it fails alike. */
    body->mode = TESS_BODY_FORMDATA;
    tess_kv_list_add (body->formdata, "field", "value")->type = g_strdup ("text");
    tess_item_set_body (request, body);
    tess_item_set_method (request, "POST");
    tess_item_set_url (request, "http://127.0.0.1/up");
    req = tess_resolve_request (request, vars, NULL, &error);
    g_assert_null (req);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "request ‘Upload’: " NOT_LOADED));
    g_assert_false (tess_soup_is_loaded ());
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* First: it sets LD_LIBRARY_PATH for its child, before any thread runs. */
  g_test_add_func ("/sender/soup/cannot-open", test_cannot_open);
  g_test_add_func ("/sender/soup/on-first-use", test_on_first_use);
  return g_test_run ();
}
