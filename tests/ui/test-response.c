/* The response pane and the console under Xvfb: JSON, XML, HTML and image
 * bodies, cookies, timings, search, save; secret headers masked in the
 * console until revealed; and a 50 MB response from a loopback server that
 * must not hold the main loop. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tess-application.h"
#include "tess-console-reveal.h"
#include "tess-import-dialog.h"
#include "tess-header-completion.h"
#include "tess-client-certificate.h"
#include "tess-error.h"
#include "tess-kv-editor.h"
#include "tess-preferences-pages.h"
#include "tess-preferences-window.h"
#include "tess-markup-format.h"
#include "tess-request-page.h"
#include "tess-response-view.h"
#include "tess-sender.h"
#include "tess-test-server.h"
#include "tess-test-util.h"
#include "tess-ui-test.h"
#include "tess-variable-entry.h"
#include "tess-window.h"

#define TIMEOUT_MS 20000
#define LARGE_SIZE (50 * 1024 * 1024)
/* A sanity bound for tests on busy machines; the 50 ms target is measured
 * by tests/bench/app-bench.py. */
#define STALL_BOUND_US (500 * 1000)

static struct {
  TessApplication *app;
  char *workspace;
  GtkWindow *window;
  TessResponseView *view;
  TessTestServer *server;
  char *tmpdir;
} fx;

static const char json_body[] =
  "{\"hello\":\"world\",\"count\":2,\"items\":[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace\"}]}";
static const char xml_body[] =
  "<?xml version=\"1.0\"?><catalog><book id=\"1\"><title>Notes</title><author>Ada</author></book>"
  "<book id=\"2\"><title>Compilers</title><author>Grace</author><!-- reissued --></book></catalog>";
static const char html_body[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hi</title>"
  "<script>if (a < b) { go(); }</script></head><body><p>One<br>two</p></body></html>";

/* Helpers ----------------------------------------------------------------- */

static void
settle (void)
{
  tess_ui_test_settle (NULL, TIMEOUT_MS);
}

static void
save_snapshot (GtkWidget  *widget,
               const char *name)
{
  settle ();
  tess_ui_test_save_snapshot (widget, NULL, name);
}

static gboolean
body_ready (gpointer data)
{
  return tess_response_view_get_body_ready (fx.view);
}

static void
wait_body (void)
{
  g_assert_true (tess_test_wait_until (body_ready, NULL, TIMEOUT_MS));
}

static void
add_header (TessExchange *exchange,
            const char   *name,
            const char   *value)
{
  TessParam *param = g_new0 (TessParam, 1);

  param->name = g_strdup (name);
  param->value = g_strdup (value);
  g_ptr_array_add (exchange->response_headers, param);
}

static TessExchange *
make_exchange (const char *content_type,
               GBytes     *body)
{
  TessExchange *exchange = tess_exchange_new ();

  exchange->status = 200;
  exchange->reason = g_strdup ("OK");
  exchange->http_version = g_strdup ("HTTP/1.1");
  exchange->content_type = g_strdup (content_type);
  exchange->body = body;
  exchange->body_size = body ? (gint64) g_bytes_get_size (body) : 0;
  if (exchange->response_headers == NULL)
    exchange->response_headers = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_param_free);
  add_header (exchange, "Content-Type", content_type);
  exchange->timings.dns = 1200;
  exchange->timings.connect = 3400;
  exchange->timings.tls = -1;
  exchange->timings.first_byte = 25000;
  exchange->timings.total = 31000;
  return exchange;
}

/* Tests --------------------------------------------------------------------- */

static void
test_markup_format (void)
{
  g_autofree char *xml = tess_markup_format (xml_body, strlen (xml_body), FALSE);
  g_autofree char *html = tess_markup_format (html_body, strlen (html_body), TRUE);

  g_assert_cmpstr (xml, ==,
                   "<?xml version=\"1.0\"?>\n"
                   "<catalog>\n"
                   "  <book id=\"1\">\n"
                   "    <title>Notes</title>\n"
                   "    <author>Ada</author>\n"
                   "  </book>\n"
                   "  <book id=\"2\">\n"
                   "    <title>Compilers</title>\n"
                   "    <author>Grace</author>\n"
                   "    <!-- reissued -->\n"
                   "  </book>\n"
                   "</catalog>\n");
  /* Void elements do not nest; script content stays as it is. */
  g_assert_nonnull (strstr (html, "\n    <meta charset=\"utf-8\">\n    <title>Hi</title>\n"));
  g_assert_nonnull (strstr (html, "\n    <script>if (a < b) { go(); }</script>\n"));
  g_assert_nonnull (strstr (html, "\n    <p>\n      One\n      <br>\n      two\n    </p>\n"));
  g_assert_null (tess_markup_format ("plain text", 10, FALSE));
}

static void
test_json (void)
{
  g_autoptr(TessExchange) exchange = make_exchange ("application/json; charset=utf-8",
                                                    g_bytes_new_static (json_body, sizeof json_body - 1));
  g_autofree char *pretty = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *headers = NULL;

  add_header (exchange, "Set-Cookie", "session=abc123; Path=/; HttpOnly; SameSite=Lax");
  add_header (exchange, "Set-Cookie", "theme=dark; Domain=example.com; Secure; Max-Age=3600");
  tess_response_view_set_body_mode (fx.view, "pretty");
  tess_response_view_show_exchange (fx.view, exchange);
  wait_body ();
  g_assert_cmpstr (tess_response_view_get_status_text (fx.view), ==, "200 OK");
  pretty = tess_response_view_dup_body_text (fx.view);
  g_assert_nonnull (strstr (pretty, "\n  \"hello\" : \"world\""));
  g_assert_cmpstr (tess_response_view_get_body_language (fx.view), ==, "json");
  headers = tess_response_view_dup_page_text (fx.view, "headers");
  g_assert_nonnull (strstr (headers, "Content-Type\napplication/json; charset=utf-8"));
  save_snapshot (GTK_WIDGET (fx.window), "response-json");

  tess_response_view_set_body_mode (fx.view, "raw");
  g_assert_cmpstr (tess_response_view_get_body_mode (fx.view), ==, "raw");
  wait_body ();
  raw = tess_response_view_dup_body_text (fx.view);
  g_assert_cmpstr (raw, ==, json_body);
  g_assert_null (tess_response_view_get_body_language (fx.view));
  tess_response_view_set_body_mode (fx.view, "pretty");
  wait_body ();
}

static void
test_cookies_and_timings (void)
{
  g_autoptr(TessExchange) exchange = make_exchange ("application/json",
                                                    g_bytes_new_static (json_body, sizeof json_body - 1));
  g_autofree char *cookies = NULL;
  g_autofree char *timings = NULL;

  exchange->request = tess_prepared_request_new ("GET", "https://api.example.com/login");
  add_header (exchange, "Set-Cookie", "session=abc123; Path=/; HttpOnly; SameSite=Lax");
  add_header (exchange, "Set-Cookie", "theme=dark; Domain=example.com; Secure; Max-Age=3600");
  tess_response_view_show_exchange (fx.view, exchange);
  wait_body ();

  cookies = tess_response_view_dup_page_text (fx.view, "cookies");
  g_test_message ("cookies: %s", cookies);
  g_assert_nonnull (strstr (cookies, "session\nabc123\n"));
  g_assert_nonnull (strstr (cookies, "Domain: api.example.com"));
  g_assert_nonnull (strstr (cookies, "HttpOnly"));
  g_assert_nonnull (strstr (cookies, "SameSite=Lax"));
  g_assert_nonnull (strstr (cookies, "theme\ndark\n"));
  g_assert_nonnull (strstr (cookies, "Domain: .example.com"));
  g_assert_nonnull (strstr (cookies, "Secure"));
  tess_response_view_show_page (fx.view, "cookies");
  save_snapshot (GTK_WIDGET (fx.window), "response-cookies");

  timings = tess_response_view_dup_page_text (fx.view, "timings");
  g_test_message ("timings: %s", timings);
  g_assert_nonnull (strstr (timings, "DNS lookup\n1 ms"));
  g_assert_nonnull (strstr (timings, "TCP connection\n3 ms"));
  g_assert_nonnull (strstr (timings, "TLS handshake\nnot measured"));
  g_assert_nonnull (strstr (timings, "Waiting for the first byte\n25 ms"));
  g_assert_nonnull (strstr (timings, "Total\n31 ms"));
  tess_response_view_show_page (fx.view, "timings");
  save_snapshot (GTK_WIDGET (fx.window), "response-timings");
  tess_response_view_show_page (fx.view, "body");
}

static void
test_xml_and_html (void)
{
  g_autoptr(TessExchange) xml = make_exchange ("application/xml",
                                               g_bytes_new_static (xml_body, sizeof xml_body - 1));
  g_autoptr(TessExchange) html = make_exchange ("text/html; charset=utf-8",
                                                g_bytes_new_static (html_body, sizeof html_body - 1));
  g_autofree char *xml_text = NULL;
  g_autofree char *html_text = NULL;

  tess_response_view_show_exchange (fx.view, xml);
  wait_body ();
  xml_text = tess_response_view_dup_body_text (fx.view);
  g_assert_nonnull (strstr (xml_text, "\n  <book id=\"1\">\n    <title>Notes</title>\n"));
  g_assert_cmpstr (tess_response_view_get_body_language (fx.view), ==, "xml");
  save_snapshot (GTK_WIDGET (fx.window), "response-xml");

  tess_response_view_show_exchange (fx.view, html);
  wait_body ();
  html_text = tess_response_view_dup_body_text (fx.view);
  g_assert_nonnull (strstr (html_text, "\n    <title>Hi</title>\n"));
  g_assert_cmpstr (tess_response_view_get_body_language (fx.view), ==, "html");
}

static void
test_image (void)
{
  const int width = 48, height = 32;
  g_autoptr(GByteArray) pixels = g_byte_array_sized_new (width * height * 4);
  g_autoptr(GBytes) pixel_bytes = NULL;
  g_autoptr(GdkTexture) source = NULL;
  g_autoptr(TessExchange) exchange = NULL;
  GdkPaintable *preview;
  g_autofree char *text = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 px[4] = { x * 5, y * 7, 200, 255 };
        g_byte_array_append (pixels, px, 4);
      }
  pixel_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&pixels));
  source = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, pixel_bytes, width * 4);
  exchange = make_exchange ("image/png", gdk_texture_save_to_png_bytes (source));

  tess_response_view_show_exchange (fx.view, exchange);
  g_assert_cmpstr (tess_response_view_get_body_mode (fx.view), ==, "preview");
  /* Nothing to find in a picture: Ctrl+F is off. */
  g_assert_false (tess_response_view_get_searchable (fx.view));
  wait_body ();
  preview = tess_response_view_get_preview (fx.view);
  g_assert_true (GDK_IS_TEXTURE (preview));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (preview)), ==, width);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (preview)), ==, height);
  save_snapshot (GTK_WIDGET (fx.window), "response-image");

  /* Raw on an image says what it is instead of showing bytes. */
  tess_response_view_set_body_mode (fx.view, "raw");
  wait_body ();
  text = tess_response_view_dup_body_text (fx.view);
  g_assert_true (g_str_has_prefix (text, "Binary body of "));
  g_assert_true (tess_response_view_get_searchable (fx.view));
}

static gboolean
search_counted (gpointer data)
{
  return tess_response_view_get_search_count (fx.view) == GPOINTER_TO_INT (data);
}

static void
test_search (void)
{
  g_autoptr(TessExchange) exchange = make_exchange ("application/json",
                                                    g_bytes_new_static (json_body, sizeof json_body - 1));

  tess_response_view_set_body_mode (fx.view, "pretty");
  tess_response_view_show_exchange (fx.view, exchange);
  wait_body ();
  g_assert_false (tess_response_view_get_search_visible (fx.view));
  g_assert_true (tess_response_view_get_searchable (fx.view));
  /* Ctrl+F is bound to this action. */
  gtk_widget_activate_action (GTK_WIDGET (fx.view), "response.search", NULL);
  g_assert_true (tess_response_view_get_search_visible (fx.view));

  tess_response_view_search (fx.view, "name");
  g_assert_true (tess_test_wait_until (search_counted, GINT_TO_POINTER (2), TIMEOUT_MS));
  tess_response_view_search (fx.view, "Grace");
  g_assert_true (tess_test_wait_until (search_counted, GINT_TO_POINTER (1), TIMEOUT_MS));
  save_snapshot (GTK_WIDGET (fx.window), "response-search");
  tess_response_view_search (fx.view, "nowhere-to-be-found");
  g_assert_true (tess_test_wait_until (search_counted, GINT_TO_POINTER (0), TIMEOUT_MS));
  tess_response_view_search (fx.view, "");

  /* The bar has no close button: Escape in its entry closes it. */
  {
    GtkWidget *entry = tess_ui_test_find_descendant (GTK_WIDGET (fx.view), GTK_TYPE_SEARCH_ENTRY);

    g_assert_nonnull (entry);
    g_signal_emit_by_name (entry, "stop-search");
    g_assert_false (tess_response_view_get_search_visible (fx.view));
  }
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} SaveResult;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = tess_response_view_save_body_finish (TESS_RESPONSE_VIEW (source), result, &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveResult *) data)->done;
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_save (void)
{
  g_autoptr(TessExchange) exchange = make_exchange ("application/json",
                                                    g_bytes_new_static (json_body, sizeof json_body - 1));
  g_autofree char *path = g_build_filename (fx.tmpdir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  SaveResult save = { 0 };

  tess_response_view_show_exchange (fx.view, exchange);
  wait_body ();
  tess_response_view_save_body_async (fx.view, file, NULL, saved_cb, &save);
  g_assert_true (tess_test_wait_until (save_done, &save, TIMEOUT_MS));
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  /* As received, not as shown. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, json_body);

  /* Copy gives the body as received, too. */
  {
    g_autofree char *copied = NULL;
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fx.view));

    gdk_clipboard_set_text (clipboard, "something else");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.view), "response.copy-body", NULL));
    gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &copied);
    g_assert_true (tess_test_wait_until (text_read, &copied, TIMEOUT_MS));
    g_assert_cmpstr (copied, ==, json_body);
  }
}

/* Console ------------------------------------------------------------------- */

static gboolean
page_idle (gpointer data)
{
  TessRequestPage *page = data;

  return !tess_request_page_get_sending (page) && tess_request_page_get_exchange (page) != NULL;
}

static void
test_console_masking (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Console");
  TessItem *request = tess_item_new (TESS_ITEM_REQUEST, "Secret");
  g_autoptr(TessAuth) auth = tess_auth_new ("basic");
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autofree char *url = tess_test_server_dup_url (fx.server, "/json");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  TessKeyValue *header;
  g_autofree char *masked = NULL;
  g_autofree char *revealed = NULL;
  g_autofree char *hidden = NULL;

  tess_auth_set (auth, "username", "ada");
  tess_auth_set (auth, "password", "analytical-engine");
  tess_item_set_auth (collection, auth);
  tess_item_set_url (request, url);
  header = tess_key_value_new ("X-Api-Key", "k-123-secret");
  g_ptr_array_add (tess_item_get_headers (request), header);
  header = tess_key_value_new ("X-Trace", "{{trace_id}}");
  g_ptr_array_add (tess_item_get_headers (request), header);
  tess_item_append (collection, request);

  page = tess_request_page_new (request, sender);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  tess_request_page_set_console_visible (TESS_REQUEST_PAGE (page), TRUE);
  tess_request_page_send (TESS_REQUEST_PAGE (page));
  g_assert_true (tess_test_wait_until (page_idle, page, TIMEOUT_MS));

  masked = tess_request_page_dup_console_text (TESS_REQUEST_PAGE (page));
  g_test_message ("console: %s", masked);
  g_assert_nonnull (strstr (masked, "GET /json HTTP/1.1"));
  g_assert_nonnull (strstr (masked, "Authorization: " TESS_EXCHANGE_MASK));
  g_assert_nonnull (strstr (masked, "X-Api-Key: " TESS_EXCHANGE_MASK));
  g_assert_null (strstr (masked, "YWRhOmFuYWx5dGljYWwtZW5naW5l"));
  g_assert_null (strstr (masked, "k-123-secret"));
  g_assert_nonnull (strstr (masked, "200"));
  /* Variables left as written are called out. */
  g_assert_nonnull (strstr (masked, "Warning: unresolved variable {{trace_id}}"));
  save_snapshot (window, "console-masked");

  tess_request_page_set_console_revealed (TESS_REQUEST_PAGE (page), TRUE);
  revealed = tess_request_page_dup_console_text (TESS_REQUEST_PAGE (page));
  g_assert_nonnull (strstr (revealed, "Authorization: Basic YWRhOmFuYWx5dGljYWwtZW5naW5l"));
  g_assert_nonnull (strstr (revealed, "X-Api-Key: k-123-secret"));
  g_assert_null (strstr (revealed, TESS_EXCHANGE_MASK));
  save_snapshot (window, "console-revealed");

  tess_request_page_set_console_revealed (TESS_REQUEST_PAGE (page), FALSE);
  hidden = tess_request_page_dup_console_text (TESS_REQUEST_PAGE (page));
  g_assert_cmpstr (hidden, ==, masked);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* curl ---------------------------------------------------------------------- */

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* What the Import button does, waited for. */
static GObject *
import_and_wait (TessImportDialog  *dialog,
                 GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tess_import_dialog_import_async (dialog, NULL, tess_ui_test_keep_result, &result);
  tess_ui_test_wait_result (&result, TIMEOUT_MS);
  return tess_import_dialog_import_finish (dialog, result, error);
}

static void
test_curl_import (void)
{
  TessWindow *window;
  TessWorkspace *workspace;
  TessImportDialog *dialog;
  TessItem *item;
  TessItem *collection;
  TessRequestPage *page;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = tess_test_server_dup_url (fx.server, "/users");
  g_autofree char *command = NULL;
  g_autofree char *curl = NULL;
  const char *file;
  guint pages;

  g_application_activate (G_APPLICATION (fx.app));
  window = TESS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fx.app)));
  g_assert_nonnull (window);
  tess_ui_test_wait_loaded (fx.app, TIMEOUT_MS);
  workspace = tess_application_get_workspace (fx.app);
  pages = tess_window_get_n_pages (window);

  /* The window offers it. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "import-dialog"));

  dialog = TESS_IMPORT_DIALOG (tess_import_dialog_new (window));
  g_assert_nonnull (tess_import_dialog_get_problem (dialog));
  tess_import_dialog_set_text (dialog, "curl --frobnicate https://example.com/");
  g_assert_nonnull (strstr (tess_import_dialog_get_problem (dialog), "--frobnicate"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));

  command = g_strdup_printf ("curl -X POST '%s' \\\n  -H 'Content-Type: application/json' \\\n"
                             "  -H 'X-Trace: 42' --data-raw '{\"name\":\"Ada\"}'", url);
  tess_import_dialog_set_text (dialog, command);
  g_assert_null (tess_import_dialog_get_problem (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  tess_import_dialog_set_target (dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  save_snapshot (GTK_WIDGET (dialog), "curl-import");

  g_assert_false (tess_import_dialog_get_is_json (dialog));
  item = TESS_ITEM (import_and_wait (dialog, &error));
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpstr (tess_item_get_method (item), ==, "POST");
  g_assert_cmpstr (tess_item_get_url (item), ==, url);
  collection = tess_item_get_root (item);
  g_assert_cmpstr (tess_item_get_name (collection), ==, "Imported Requests");
  file = tess_workspace_get_file (workspace, collection);
  g_assert_nonnull (file);
  g_assert_true (tess_test_wait_until (file_exists, (gpointer) file, TIMEOUT_MS));
  g_assert_cmpuint (tess_window_get_n_pages (window), ==, pages + 1);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* And back out as curl, from the tab it opened in. */
  page = TESS_REQUEST_PAGE (tess_window_get_current_page (window));
  g_assert_true (tess_request_page_get_item (page) == item);
  curl = tess_request_page_dup_curl (page, &error);
  g_assert_no_error (error);
  g_test_message ("curl: %s", curl);
  g_assert_nonnull (strstr (curl, url));
  g_assert_nonnull (strstr (curl, "-X POST"));
  g_assert_nonnull (strstr (curl, "X-Trace: 42"));
  g_assert_nonnull (strstr (curl, "{\"name\":\"Ada\"}"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The same dialog takes the JSON of Postman files, as pasted text. */
static void
test_paste_import (void)
{
  TessWindow *window;
  TessWorkspace *workspace;
  TessImportDialog *dialog;
  GObject *imported;
  g_autoptr(GError) error = NULL;
  guint collections, environments;
  const char *problem;

  g_application_activate (G_APPLICATION (fx.app));
  window = TESS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fx.app)));
  tess_ui_test_wait_loaded (fx.app, TIMEOUT_MS);
  workspace = tess_application_get_workspace (fx.app);
  collections = g_list_model_get_n_items (tess_workspace_get_collections (workspace));
  environments = g_list_model_get_n_items (tess_workspace_get_environments (workspace));

  dialog = TESS_IMPORT_DIALOG (tess_import_dialog_new (window));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "files"));

  /* Broken JSON: where it breaks, and nothing to import. */
  tess_import_dialog_set_text (dialog, "{\n  \"info\": {\"name\": \"Broken\",\n}");
  problem = tess_import_dialog_get_problem (dialog);
  g_test_message ("problem: %s", problem);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "pasted text:2:"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));

  /* JSON, but not a Postman file. */
  tess_import_dialog_set_text (dialog, "{\"hello\": \"world\"}");
  g_assert_nonnull (strstr (tess_import_dialog_get_problem (dialog), "not a Postman"));

  /* A collection: it lands in the workspace and in the sidebar. */
  tess_import_dialog_set_text (dialog,
                               "{\"info\": {\"name\": \"Pasted API\", \"schema\": "
                               "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
                               " \"item\": [{\"name\": \"Ping\", \"request\": {\"method\": \"GET\","
                               " \"url\": \"http://127.0.0.1/ping\"}}]}");
  g_assert_null (tess_import_dialog_get_problem (dialog));
  g_assert_true (tess_import_dialog_get_is_json (dialog));
  imported = import_and_wait (dialog, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ITEM (imported));
  g_assert_cmpstr (tess_item_get_name (TESS_ITEM (imported)), ==, "Pasted API");
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (workspace)), ==, collections + 1);
  g_assert_true (g_file_test (tess_workspace_get_file (workspace, TESS_ITEM (imported)), G_FILE_TEST_EXISTS));

  /* An environment. */
  tess_import_dialog_set_text (dialog,
                               "{\"name\": \"Pasted env\", \"_postman_variable_scope\": \"environment\","
                               " \"values\": [{\"key\": \"base\", \"value\": \"http://127.0.0.1\", \"enabled\": true}]}");
  g_assert_null (tess_import_dialog_get_problem (dialog));
  imported = import_and_wait (dialog, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ENVIRONMENT (imported));
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (workspace)), ==, environments + 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A pasted Postman export runs to megabytes: such text is checked off the
 * main loop, and only the check of the text as it is now counts. */

#define LARGE_PASTE_REQUESTS 2000
/* Request 1990 sits on line 4 + 1990 of the document below. */
#define BROKEN_REQUEST 1990
#define BROKEN_LINE "1994"
/* The dialog's result cannot be watched for when it is to be dropped: spin
 * this long for it, far longer than a check of this size takes. */
#define STALE_SPIN_MS 2000

/* A collection with one request a line, far over what the dialog checks on
 * the main loop. */
static char *
make_large_collection (void)
{
  GString *json = g_string_new ("{\n"
                                "  \"info\": {\"name\": \"Large Paste\", \"schema\": "
                                "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
                                "  \"item\": [\n");

  for (guint i = 0; i < LARGE_PASTE_REQUESTS; i++)
    g_string_append_printf (json,
                            "    {\"name\": \"Request %u\", \"request\": {\"method\": \"GET\","
                            " \"url\": \"http://127.0.0.1/items/%u\", \"header\": [{\"key\": \"X-Row\","
                            " \"value\": \"%u\"}]}}%s\n",
                            i, i, i, i + 1 < LARGE_PASTE_REQUESTS ? "," : "");
  g_string_append (json, "  ]\n}\n");
  g_assert_cmpuint (json->len, >, 4 * 64 * 1024);
  return g_string_free (json, FALSE);
}

/* The 1-based column of @at in its line (ASCII text). */
static guint
column_of (const char *text,
           const char *at)
{
  const char *line = at;

  while (line > text && line[-1] != '\n')
    line--;
  return (guint) (at - line) + 1;
}

static gboolean
dialog_checked (gpointer dialog)
{
  return !tess_import_dialog_get_checking (dialog);
}

/* Anything but the state of a good curl command. */
static gboolean
dialog_left_curl (gpointer dialog)
{
  return tess_import_dialog_get_checking (dialog) ||
         tess_import_dialog_get_is_json (dialog) ||
         tess_import_dialog_get_problem (dialog) != NULL;
}

static void
test_paste_import_large (void)
{
  TessWindow *window;
  TessWorkspace *workspace;
  TessImportDialog *dialog;
  TessImportDialog *closed;
  GObject *imported;
  g_autoptr(GError) error = NULL;
  g_autofree char *large = make_large_collection ();
  g_autofree char *broken = NULL;
  g_autofree char *needle = g_strdup_printf ("\"Request %u\", ", BROKEN_REQUEST);
  const char *problem;
  const char *place;
  char *at;
  guint64 column;
  guint collections;
  GMainContext *context;
  gint64 deadline;

  g_application_activate (G_APPLICATION (fx.app));
  window = TESS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fx.app)));
  tess_ui_test_wait_loaded (fx.app, TIMEOUT_MS);
  workspace = tess_application_get_workspace (fx.app);
  collections = g_list_model_get_n_items (tess_workspace_get_collections (workspace));
  dialog = TESS_IMPORT_DIALOG (tess_import_dialog_new (window));
  gtk_window_present (GTK_WINDOW (dialog));

  /* Short text is checked at once. */
  tess_import_dialog_set_text (dialog, "{\"hello\": \"world\"}");
  g_assert_false (tess_import_dialog_get_checking (dialog));
  g_assert_nonnull (strstr (tess_import_dialog_get_problem (dialog), "not a Postman"));

  /* A large collection: nothing to import until its check comes back. */
  tess_import_dialog_set_text (dialog, large);
  g_assert_true (tess_import_dialog_get_checking (dialog));
  g_assert_nonnull (tess_import_dialog_get_problem (dialog));
  g_assert_false (tess_import_dialog_get_is_json (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  imported = import_and_wait (dialog, &error);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
  g_assert_null (imported);
  g_test_message ("while checking: %s", error->message);
  g_clear_error (&error);

  g_assert_true (tess_test_wait_until (dialog_checked, dialog, TIMEOUT_MS));
  g_assert_null (tess_import_dialog_get_problem (dialog));
  g_assert_true (tess_import_dialog_get_is_json (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  imported = import_and_wait (dialog, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ITEM (imported));
  g_assert_cmpstr (tess_item_get_name (TESS_ITEM (imported)), ==, "Large Paste");
  g_assert_cmpuint (g_list_model_get_n_items (tess_item_get_children (TESS_ITEM (imported))), ==,
                    LARGE_PASTE_REQUESTS);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_collections (workspace)), ==, collections + 1);

  /* The same document with a stray comma in request 1990: the problem says
   * where, as for short text. */
  broken = g_strdup (large);
  at = strstr (broken, needle);
  g_assert_nonnull (at);
  at += strlen (needle) - 1;
  *at = ',';
  tess_import_dialog_set_text (dialog, broken);
  g_assert_true (tess_import_dialog_get_checking (dialog));
  g_assert_true (tess_test_wait_until (dialog_checked, dialog, TIMEOUT_MS));
  problem = tess_import_dialog_get_problem (dialog);
  g_test_message ("problem: %s", problem);
  g_assert_nonnull (problem);
  place = strstr (problem, "pasted text:" BROKEN_LINE ":");
  g_assert_nonnull (place);
  /* json-glib counts the column from the token before the stray comma. */
  column = g_ascii_strtoull (place + strlen ("pasted text:" BROKEN_LINE ":"), NULL, 10);
  g_assert_cmpuint (column + 1, >=, column_of (broken, at));
  g_assert_cmpuint (column, <=, column_of (broken, at));
  g_assert_false (tess_import_dialog_get_is_json (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));

  /* A curl command typed over a large text while it is checked: the
   * check's result, when it comes, is dropped. */
  tess_import_dialog_set_text (dialog, large);
  g_assert_true (tess_import_dialog_get_checking (dialog));
  tess_import_dialog_set_text (dialog, "curl https://127.0.0.1/ping");
  g_assert_false (tess_import_dialog_get_checking (dialog));
  g_assert_false (dialog_left_curl (dialog));
  g_assert_false (tess_test_wait_until (dialog_left_curl, dialog, STALE_SPIN_MS));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  /* One check runs at a time: this one starts once the dropped one ends. */
  tess_import_dialog_set_text (dialog, large);
  g_assert_true (tess_test_wait_until (dialog_checked, dialog, TIMEOUT_MS));
  g_assert_true (tess_import_dialog_get_is_json (dialog));
  tess_import_dialog_set_text (dialog, "curl https://127.0.0.1/ping");

  /* The same when the check has ended but its result has not been taken
   * yet: the check's task reports to the context that was the thread's
   * default when it began, which the test holds back until the curl
   * command is in. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  tess_import_dialog_set_text (dialog, large);
  g_main_context_pop_thread_default (context);
  g_assert_true (tess_import_dialog_get_checking (dialog));
  deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  while (!g_main_context_pending (context) && g_get_monotonic_time () < deadline)
    g_thread_yield ();
  g_assert_true (g_main_context_pending (context));
  tess_import_dialog_set_text (dialog, "curl https://127.0.0.1/ping");
  g_assert_false (dialog_left_curl (dialog));
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_assert_false (dialog_left_curl (dialog));
  g_main_context_unref (context);

  imported = import_and_wait (dialog, &error);
  g_assert_no_error (error);
  g_assert_true (TESS_IS_ITEM (imported));
  g_assert_cmpstr (tess_item_get_url (TESS_ITEM (imported)), ==, "https://127.0.0.1/ping");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Closed while checking: the check holds nothing of the dialog, which
   * goes at once, and its result finds no one. */
  closed = TESS_IMPORT_DIALOG (tess_import_dialog_new (window));
  g_object_add_weak_pointer (G_OBJECT (closed), (gpointer *) &closed);
  tess_import_dialog_set_text (closed, large);
  g_assert_true (tess_import_dialog_get_checking (closed));
  gtk_window_destroy (GTK_WINDOW (closed));
  g_assert_null (closed);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences --------------------------------------------------------------- */

static gboolean
has_certificate (const char *host)
{
  GPtrArray *list = tess_workspace_get_client_certificates (tess_application_get_workspace (fx.app));

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_str_equal (((TessClientCertificate *) g_ptr_array_index (list, i))->host, host))
      return TRUE;
  return FALSE;
}

static void
test_preferences (void)
{
  GtkWidget *prefs;
  GtkWidget *certificates;
  GtkWidget *cookies;
  SoupSession *session;
  SoupCookieJar *jar;
  GSList *left;

  g_application_activate (G_APPLICATION (fx.app));
  tess_ui_test_wait_loaded (fx.app, TIMEOUT_MS);
  prefs = tess_preferences_window_new (fx.app);
  gtk_window_set_default_size (GTK_WINDOW (prefs), 720, 760);
  gtk_window_present (GTK_WINDOW (prefs));
  tess_ui_test_count_frames (prefs);

  certificates = tess_preferences_window_get_certificates_group (TESS_PREFERENCES_WINDOW (prefs));
  g_assert_cmpuint (tess_certificates_group_get_n_rows (certificates), ==, 0);
  tess_certificates_group_add (certificates, "api.example.com:8443", "/etc/tessera/client.pem",
                               "/etc/tessera/client.key", NULL);
  tess_certificates_group_add (certificates, "*.internal.example", NULL, NULL, "/etc/tessera/client.p12");
  g_assert_cmpuint (tess_certificates_group_get_n_rows (certificates), ==, 2);
  g_assert_true (has_certificate ("api.example.com:8443"));
  g_assert_true (has_certificate ("*.internal.example"));

  session = tess_sender_get_session (tess_application_get_sender (fx.app));
  jar = SOUP_COOKIE_JAR (soup_session_get_feature (session, SOUP_TYPE_COOKIE_JAR));
  g_assert_nonnull (jar);
  soup_cookie_jar_add_cookie (jar, soup_cookie_new ("session", "s-3f9a", "127.0.0.1", "/", 3600));
  soup_cookie_jar_add_cookie (jar, soup_cookie_new ("theme", "dark", "127.0.0.1", "/", 3600));
  cookies = tess_preferences_window_get_cookies_group (TESS_PREFERENCES_WINDOW (prefs));
  tess_cookies_group_refresh (cookies);
  g_assert_cmpuint (tess_cookies_group_get_n_rows (cookies), ==, 2);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (cookies, ADW_TYPE_PREFERENCES_PAGE)));
  save_snapshot (prefs, "preferences-certificates-cookies");

  tess_cookies_group_delete (cookies, "session");
  g_assert_cmpuint (tess_cookies_group_get_n_rows (cookies), ==, 1);
  left = soup_cookie_jar_all_cookies (jar);
  g_assert_cmpuint (g_slist_length (left), ==, 1);
  g_assert_cmpstr (soup_cookie_get_name (left->data), ==, "theme");
  g_slist_free_full (left, (GDestroyNotify) soup_cookie_free);
  tess_cookies_group_delete (cookies, NULL);
  g_assert_cmpuint (tess_cookies_group_get_n_rows (cookies), ==, 0);

  tess_certificates_group_remove (certificates, "api.example.com:8443");
  g_assert_cmpuint (tess_certificates_group_get_n_rows (certificates), ==, 1);
  g_assert_false (has_certificate ("api.example.com:8443"));
  tess_certificates_group_remove (certificates, "*.internal.example");

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* URL and headers ------------------------------------------------------------ */

typedef struct {
  guint start, end;
  gboolean colored, underlined;
} Span;

static Span
span_of (PangoAttrList *attrs,
         const char    *text,
         const char    *needle)
{
  const char *at = strstr (text, needle);
  Span span = { 0 };
  g_autoptr(GSList) list = NULL;
  PangoAttrIterator *iter;

  g_assert_nonnull (at);
  span.start = at - text;
  span.end = span.start + strlen (needle);
  iter = pango_attr_list_get_iterator (attrs);
  do
    {
      int start, end;

      pango_attr_iterator_range (iter, &start, &end);
      if ((guint) start <= span.start && (guint) end >= span.end)
        {
          span.colored |= pango_attr_iterator_get (iter, PANGO_ATTR_FOREGROUND) != NULL;
          span.underlined |= pango_attr_iterator_get (iter, PANGO_ATTR_UNDERLINE) != NULL;
        }
    }
  while (pango_attr_iterator_next (iter));
  pango_attr_iterator_destroy (iter);
  return span;
}

static void
test_url_variables_and_header_names (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Variables");
  TessItem *request = tess_item_new (TESS_ITEM_REQUEST, "Lookup");
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autofree char *base = tess_test_server_dup_url (fx.server, "");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GtkEntry *url;
  PangoAttrList *attrs;
  const char *text;
  Span plain, defined, undefined;
  g_autofree char *tooltip = NULL;
  g_autofree char *expected = NULL;
  TessKvEditor *headers;
  guint row;
  GtkEditable *name;

  g_ptr_array_add (tess_item_get_variables (collection), tess_key_value_new ("base", base));
  tess_item_set_url (request, "{{base}}/users?token={{token}}");
  tess_item_append (collection, request);
  page = tess_request_page_new (request, sender);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  tess_ui_test_count_frames (window);
  gtk_window_present (GTK_WINDOW (window));

  url = GTK_ENTRY (tess_request_page_get_url_entry (TESS_REQUEST_PAGE (page)));
  text = gtk_editable_get_text (GTK_EDITABLE (url));
  attrs = gtk_entry_get_attributes (url);
  g_assert_nonnull (attrs);
  plain = span_of (attrs, text, "/users");
  defined = span_of (attrs, text, "{{base}}");
  undefined = span_of (attrs, text, "{{token}}");
  g_assert_false (plain.colored);
  g_assert_true (defined.colored);
  g_assert_false (defined.underlined);
  g_assert_true (undefined.colored);
  g_assert_true (undefined.underlined);

  tooltip = tess_variable_entry_dup_tooltip (url);
  g_test_message ("tooltip: %s", tooltip);
  expected = g_strdup_printf ("%s/users?token={{token}}\n\nbase = %s\ntoken is not defined", base, base);
  g_assert_cmpstr (tooltip, ==, expected);

  /* No variables, no colours and no tooltip. */
  gtk_editable_set_text (GTK_EDITABLE (url), "https://example.com/");
  g_assert_null (gtk_entry_get_attributes (url));
  g_assert_null (tess_variable_entry_dup_tooltip (url));
  gtk_editable_set_text (GTK_EDITABLE (url), "{{base}}/users?token={{token}}");
  save_snapshot (window, "url-variables");

  headers = TESS_KV_EDITOR (tess_request_page_get_headers_editor (TESS_REQUEST_PAGE (page)));
  row = tess_kv_editor_add_row (headers);
  name = tess_kv_editor_get_row_entry (headers, row, FALSE);
  gtk_editable_set_text (name, "Conte");
  g_assert_true (tess_header_completion_attached (GTK_ENTRY (name)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 50 MB --------------------------------------------------------------------- */

static struct {
  gint64 start;
  gint64 last;
  gint64 max_gap;
  TessRequestPage *page;
} probe;

/* Where the loop was when it stalled: helps find what to move off it. */
static const char *
probe_phase (void)
{
  if (tess_request_page_get_sending (probe.page))
    return "receiving";
  if (!tess_response_view_get_body_ready (fx.view))
    return "formatting or inserting";
  return "laying out";
}

static gboolean
probe_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (probe.last != 0 && now - probe.last > 20000)
    g_test_message ("stall of %.1f ms at %.0f ms, %s", (now - probe.last) / 1000.0,
                    (probe.last - probe.start) / 1000.0, probe_phase ());
  if (probe.last != 0)
    probe.max_gap = MAX (probe.max_gap, now - probe.last);
  probe.last = now;
  return G_SOURCE_CONTINUE;
}

static void
large_handler (SoupServerMessage     *msg,
               const TessTestRequest *request,
               gpointer               user_data)
{
  GBytes *body = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* A JSON array of records, one per line, the way log and export endpoints
 * answer; 50 MB of it. */
static GBytes *
make_large_body (void)
{
  GString *out = g_string_sized_new (LARGE_SIZE + 256);

  g_string_append (out, "[\n");
  for (guint i = 0; out->len < LARGE_SIZE; i++)
    g_string_append_printf (out, "{\"id\":%u,\"name\":\"record %u\",\"tags\":[\"alpha\",\"beta\"],"
                            "\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit\"},\n", i, i);
  g_string_append (out, "{}]\n");
  return g_string_free_to_bytes (out);
}

static void
test_large (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Large");
  TessItem *request = tess_item_new (TESS_ITEM_REQUEST, "Fifty megabytes");
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autofree char *url = tess_test_server_dup_url (fx.server, "/large");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  TessResponseView *view;
  TessExchange *exchange;
  g_autofree char *text = NULL;
  gint64 start;
  guint probe_id;

  tess_item_set_url (request, url);
  tess_item_append (collection, request);
  page = tess_request_page_new (request, sender);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  tess_ui_test_count_frames (window);
  settle ();

  view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (TESS_REQUEST_PAGE (page)));
  fx.view = view;

  /* A small response first, as in a window in use: the first response a
   * window shows pays once for the renderer setting up (shaders with GL),
   * whatever its size. */
  {
    g_autofree char *small = tess_test_server_dup_url (fx.server, "/json");

    gtk_editable_set_text (tess_request_page_get_url_entry (TESS_REQUEST_PAGE (page)), small);
    tess_request_page_send (TESS_REQUEST_PAGE (page));
    g_assert_true (tess_test_wait_until (page_idle, page, TIMEOUT_MS));
    wait_body ();
    settle ();
    gtk_editable_set_text (tess_request_page_get_url_entry (TESS_REQUEST_PAGE (page)), url);
    settle ();
  }

  memset (&probe, 0, sizeof probe);
  probe.page = TESS_REQUEST_PAGE (page);
  probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_cb, NULL, NULL);
  start = probe.start = g_get_monotonic_time ();
  tess_request_page_send (TESS_REQUEST_PAGE (page));
  g_assert_true (tess_test_wait_until (page_idle, page, 60000));
  wait_body ();
  /* The frames after the text went in: layout and highlighting. */
  settle ();
  g_source_remove (probe_id);

  exchange = tess_request_page_get_exchange (TESS_REQUEST_PAGE (page));
  g_assert_cmpuint (exchange->status, ==, 200);
  g_assert_cmpint (exchange->body_size, >=, LARGE_SIZE);
  g_assert_cmpstr (tess_response_view_get_body_mode (view), ==, "raw");
  g_assert_null (tess_response_view_get_body_language (view));
  text = tess_response_view_dup_body_text (view);
  g_assert_true (g_str_has_prefix (text, "[\n{\"id\":0,"));
  g_assert_cmpuint (strlen (text), <=, 2 * 1024 * 1024 + 1024);
  /* The bench reads this line. */
  g_test_message ("large response: %" G_GINT64_FORMAT " bytes in %.0f ms, longest main-loop stall %.1f ms",
                  exchange->body_size, (g_get_monotonic_time () - start) / 1000.0, probe.max_gap / 1000.0);
  save_snapshot (window, "response-large");
  g_assert_cmpint (probe.max_gap, <, STALL_BOUND_US);

  /* The sender spooled it to a file; saving copies that file. */
  g_assert_nonnull (exchange->body_file);
  {
    g_autofree char *path = g_build_filename (fx.tmpdir, "large.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    SaveResult save = { 0 };
    GStatBuf st;

    tess_response_view_save_body_async (view, file, NULL, saved_cb, &save);
    g_assert_true (tess_test_wait_until (save_done, &save, TIMEOUT_MS));
    g_assert_no_error (save.error);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, exchange->body_size);
    g_unlink (path);
  }
  fx.view = NULL;
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) large = NULL;
  int status;

  if (!tess_ui_test_check_display (&argc, &argv, "/ui/response", "no X display (run under xvfb-run)"))
    return g_test_run ();

  /* Before GTK starts its threads: setenv is not thread-safe. */
  fx.workspace = tess_ui_test_make_workspace ();
  tess_ui_test_init_gtk (&argc, &argv, FALSE);
  fx.tmpdir = tess_test_make_tmpdir ();
  fx.server = tess_test_server_new ();
  tess_test_server_add_response (fx.server, "/json", 200, "application/json",
                                 g_bytes_new_static (json_body, sizeof json_body - 1), NULL);
  large = make_large_body ();
  tess_test_server_add_handler (fx.server, "/large", large_handler, large);

  fx.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx.window, 900, 600);
  fx.view = TESS_RESPONSE_VIEW (tess_response_view_new ());
  gtk_window_set_child (fx.window, GTK_WIDGET (fx.view));
  tess_ui_test_count_frames (GTK_WIDGET (fx.window));
  gtk_window_present (fx.window);
  fx.app = tess_ui_test_app_new (0);

  g_test_add_func ("/ui/response/markup-format", test_markup_format);
  g_test_add_func ("/ui/response/json", test_json);
  g_test_add_func ("/ui/response/cookies-and-timings", test_cookies_and_timings);
  g_test_add_func ("/ui/response/xml-and-html", test_xml_and_html);
  g_test_add_func ("/ui/response/image", test_image);
  g_test_add_func ("/ui/response/search", test_search);
  g_test_add_func ("/ui/response/save", test_save);
  g_test_add_func ("/ui/response/console-masking", test_console_masking);
  g_test_add_func ("/ui/response/preferences", test_preferences);
  g_test_add_func ("/ui/response/curl-import", test_curl_import);
  g_test_add_func ("/ui/response/paste-import", test_paste_import);
  g_test_add_func ("/ui/response/paste-import-large", test_paste_import_large);
  g_test_add_func ("/ui/response/url-variables-and-header-names", test_url_variables_and_header_names);
  g_test_add_func ("/ui/response/large", test_large);
  status = g_test_run ();

  gtk_window_destroy (fx.window);
  g_clear_object (&fx.app);
  tess_test_server_free (fx.server);
  g_free (fx.workspace);
  g_free (fx.tmpdir);
  return status;
}
