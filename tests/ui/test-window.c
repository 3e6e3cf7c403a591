/* The real window under Xvfb: a workspace in a temporary folder, a collection
 * opened the way the file manager opens one, a request sent to a loopback
 * server, and PNG snapshots for a person to look at. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tess-application.h"
#include "tess-auth-panel.h"
#include "tess-body-editor.h"
#include "tess-kv-editor.h"
#include "tess-method-picker.h"
#include "tess-preferences-pages.h"
#include "tess-preferences-window.h"
#include "tess-request-page.h"
#include "tess-response-view.h"
#include "tess-sender.h"
#include "tess-sidebar.h"
#include "tess-soup.h"
#include "tess-test-server.h"
#include "tess-test-util.h"
#include "tess-ui-test.h"
#include "tess-window.h"

#define TIMEOUT_MS 10000

static struct {
  TessApplication *app;
  TessWindow *window;
  TessTestServer *server;
  char *workspace;
  char *collection_path;
} fx;

static const char json_body[] =
  "{\"hello\":\"world\",\"count\":2,\"items\":[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace\"}]}";

static void activate (const char *action);

/* Helpers ----------------------------------------------------------------- */

/* The window, once GTK has laid out and painted what changed. */
static void
save_snapshot (const char *name)
{
  tess_ui_test_settle (GTK_WIDGET (fx.window), TIMEOUT_MS);
  tess_ui_test_save_snapshot (GTK_WIDGET (fx.window), NULL, name);
}

static TessRequestPage *
current_page (void)
{
  GtkWidget *page = tess_window_get_current_page (fx.window);

  g_assert_nonnull (page);
  return TESS_REQUEST_PAGE (page);
}

static gint
find_row (const char *name)
{
  return tess_ui_test_find_row (fx.window, name);
}

static gboolean
row_shown (gpointer name)
{
  return find_row (name) >= 0;
}

static gboolean
exchange_shown (gpointer data)
{
  TessRequestPage *page = data;
  TessResponseView *view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page));

  return !tess_request_page_get_sending (page) &&
         tess_request_page_get_exchange (page) != NULL &&
         tess_response_view_get_body_ready (view);
}

static gboolean
page_sending (gpointer data)
{
  return tess_request_page_get_sending (TESS_REQUEST_PAGE (data));
}

static gboolean
page_idle_with_exchange (gpointer data)
{
  TessRequestPage *page = data;

  return !tess_request_page_get_sending (page) && tess_request_page_get_exchange (page) != NULL;
}

static gboolean
page_not_modified (gpointer data)
{
  return !tess_request_page_get_modified (TESS_REQUEST_PAGE (data));
}

static void
activate (const char *action)
{
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), action, NULL);
}

static void
close_tab (void)
{
  activate ("close-tab");
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  return tess_ui_test_find_widget (widget, is_named, name);
}

/* Tests ------------------------------------------------------------------- */

static gboolean
problems_shown (gpointer data)
{
  return tess_window_get_problems_shown (fx.window);
}

static void
test_empty_window (void)
{
  tess_ui_test_wait_loaded (fx.app, TIMEOUT_MS);
  g_assert_true (tess_test_wait_until (problems_shown, NULL, TIMEOUT_MS));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fx.window)));
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tess_sidebar_get_rows (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)))), ==, 0);
  /* The first send opens libsoup, not the start (the test server here
   * links it, so only the core's own table can tell). */
  g_assert_false (tess_soup_is_loaded ());
  save_snapshot ("empty");
}

static void
test_load_problems (void)
{
  const char *text = tess_window_get_problems_text (fx.window);

  g_test_message ("problems: %s", text);
  g_assert_nonnull (strstr (text, "collections/broken.postman_collection.json:3:"));
  activate ("dismiss-problems");
  g_assert_false (tess_window_get_problems_shown (fx.window));
}

static void
test_accels (void)
{
  static const struct { const char *action; const char *accel; } expected[] = {
    { "win.new-request", "<Control>t" },
    { "win.close-tab", "<Control>w" },
    { "win.save", "<Control>s" },
    { "win.send", "<Control>Return" },
    { "win.focus-url", "<Control>l" },
    { "win.toggle-console", "<Control><Alt>c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fx.app), expected[i].action);

      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fx.window), expected[i].action + 4));
    }
}

static void
test_open_collection (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (fx.collection_path);
  GFile *files[] = { file };

  /* What the file manager does: the running instance's "open". */
  g_application_open (G_APPLICATION (fx.app), files, 1, "");
  g_assert_true (tess_test_wait_until (row_shown, (gpointer) "Demo API", TIMEOUT_MS));
  g_assert_true (tess_test_wait_until (row_shown, (gpointer) "Get JSON", TIMEOUT_MS));
  g_assert_cmpint (find_row ("Users"), >=, 0);
  /* Folders stay closed until asked. */
  g_assert_cmpint (find_row ("List users"), <, 0);
  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)), find_row ("Users"));
  g_assert_cmpint (find_row ("List users"), >=, 0);
}

static void
test_open_request (void)
{
  TessRequestPage *page;

  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)), find_row ("Get JSON"));
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, 1);
  page = current_page ();
  g_assert_cmpstr (tess_request_page_get_title (page), ==, "Get JSON");
  g_assert_cmpstr (gtk_editable_get_text (tess_request_page_get_url_entry (page)), ==, "{{base}}/json");
  g_assert_false (tess_request_page_get_modified (page));

  /* Opening it again shows the same tab. */
  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)), find_row ("Get JSON"));
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, 1);
}

static void
test_auth_preview (void)
{
  TessRequestPage *page = current_page ();
  GtkStack *stack = GTK_STACK (tess_request_page_get_editor_stack (page));
  TessBody *body = tess_item_get_body (tess_request_page_get_item (page));
  TessKvEditor *headers;
  TessAuthPanel *panel;
  GtkWidget *editor;

  /* The hidden pages are built on their first visit, from the item. */
  gtk_stack_set_visible_child_name (stack, "body");
  editor = adw_bin_get_child (ADW_BIN (gtk_stack_get_visible_child (stack)));
  g_assert_true (TESS_IS_BODY_EDITOR (editor));
  g_assert_cmpint (tess_body_editor_get_mode (TESS_BODY_EDITOR (editor)), ==,
                   body ? body->mode : TESS_BODY_NONE);
  gtk_stack_set_visible_child_name (stack, "headers");
  headers = TESS_KV_EDITOR (tess_request_page_get_headers_editor (page));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (headers), gtk_stack_get_visible_child (stack)));
  g_assert_cmpuint (tess_kv_editor_get_n_generated (headers), ==, 1);
  gtk_stack_set_visible_child_name (stack, "params");
  panel = TESS_AUTH_PANEL (tess_request_page_get_auth_panel (page));

  /* The request inherits Basic from its collection: the header shows, read-only. */
  g_assert_cmpstr (tess_auth_panel_get_auth_type (panel), ==, "inherit");
  tess_request_page_update_preview (page);
  g_assert_cmpuint (tess_kv_editor_get_n_generated (headers), ==, 1);
  g_assert_cmpuint (tess_kv_editor_get_n_rows (headers), ==, 1);

  /* "No Auth" on the request stops the inheritance. */
  tess_auth_panel_set_auth_type (panel, "noauth");
  tess_request_page_update_preview (page);
  g_assert_cmpuint (tess_kv_editor_get_n_generated (headers), ==, 0);
  g_assert_true (tess_request_page_get_modified (page));

  /* The form comes from the scheme's field table; edits land in the item. */
  tess_auth_panel_set_auth_type (panel, "basic");
  {
    GtkWidget *username = find_named (GTK_WIDGET (panel), "username");
    GtkWidget *password = find_named (GTK_WIDGET (panel), "password");
    TessItem *item = tess_request_page_get_item (page);
    g_autofree char *value = NULL;

    g_assert_true (ADW_IS_ENTRY_ROW (username));
    g_assert_false (ADW_IS_PASSWORD_ENTRY_ROW (username));
    g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (password));
    gtk_editable_set_text (GTK_EDITABLE (username), "grace");
    gtk_editable_set_text (GTK_EDITABLE (password), "cobol");
    value = tess_auth_dup (tess_item_get_auth (item), "username");
    g_assert_cmpstr (value, ==, "grace");
    tess_request_page_update_preview (page);
    g_assert_cmpuint (tess_kv_editor_get_n_generated (headers), ==, 1);
  }

  /* A scheme with advanced fields, for a look at the generated form. */
  tess_auth_panel_set_auth_type (panel, "digest");
  gtk_stack_set_visible_child_name (GTK_STACK (tess_request_page_get_editor_stack (page)), "auth");
  save_snapshot ("authorization");

  tess_auth_panel_set_auth_type (panel, "inherit");
  tess_request_page_update_preview (page);
  g_assert_cmpuint (tess_kv_editor_get_n_generated (headers), ==, 1);
  gtk_stack_set_visible_child_name (GTK_STACK (tess_request_page_get_editor_stack (page)), "headers");
  save_snapshot ("headers");
  gtk_stack_set_visible_child_name (GTK_STACK (tess_request_page_get_editor_stack (page)), "params");
}

static void
test_params_sync (void)
{
  TessRequestPage *page = current_page ();
  GtkEditable *url = tess_request_page_get_url_entry (page);
  TessKvEditor *params = TESS_KV_EDITOR (tess_request_page_get_params_editor (page));
  guint index;

  /* URL → Params */
  gtk_editable_set_text (url, "{{base}}/json?x=1&flag");
  g_assert_cmpuint (tess_kv_editor_get_n_rows (params), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (tess_kv_editor_get_row_entry (params, 0, FALSE)), ==, "x");
  g_assert_cmpstr (gtk_editable_get_text (tess_kv_editor_get_row_entry (params, 0, TRUE)), ==, "1");
  g_assert_cmpstr (gtk_editable_get_text (tess_kv_editor_get_row_entry (params, 1, FALSE)), ==, "flag");

  /* Params → URL */
  gtk_editable_set_text (tess_kv_editor_get_row_entry (params, 0, FALSE), "page");
  g_assert_cmpstr (gtk_editable_get_text (url), ==, "{{base}}/json?page=1&flag");
  index = tess_kv_editor_add_row (params);
  gtk_editable_set_text (tess_kv_editor_get_row_entry (params, index, FALSE), "q");
  gtk_editable_set_text (tess_kv_editor_get_row_entry (params, index, TRUE), "a b");
  g_assert_cmpstr (gtk_editable_get_text (url), ==, "{{base}}/json?page=1&flag&q=a b");
  gtk_check_button_set_active (tess_kv_editor_get_row_check (params, 1), FALSE);
  g_assert_cmpstr (gtk_editable_get_text (url), ==, "{{base}}/json?page=1&q=a b");

  /* A disabled param survives editing the URL by hand. */
  gtk_editable_set_text (url, "{{base}}/json?page=2");
  g_assert_cmpstr (gtk_editable_get_text (tess_kv_editor_get_row_entry (params, 0, FALSE)), ==, "page");
  g_assert_cmpstr (gtk_editable_get_text (tess_kv_editor_get_row_entry (params, 0, TRUE)), ==, "2");
  g_assert_cmpint (find_row ("Get JSON"), >=, 0);
}

static void
test_send (void)
{
  TessRequestPage *page = current_page ();
  TessResponseView *view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page));
  g_autoptr(TessTestRequest) request = NULL;
  g_autofree char *body = NULL;
  guint before = tess_test_server_get_request_count (fx.server);

  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/json?page=2");
  activate ("send");
  if (!tess_test_wait_until (exchange_shown, page, TIMEOUT_MS))
    {
      g_autofree char *console = tess_request_page_dup_console_text (page);

      g_test_message ("sending %d, exchange %p, status ‘%s’, console: %s",
                      tess_request_page_get_sending (page), tess_request_page_get_exchange (page),
                      tess_response_view_get_status_text (view), console);
      g_assert_not_reached ();
    }

  g_assert_cmpuint (tess_test_server_get_request_count (fx.server), ==, before + 1);
  g_assert_true (tess_soup_is_loaded ());
  request = tess_test_server_dup_last_request (fx.server);
  g_assert_cmpstr (request->path, ==, "/json");
  g_assert_cmpstr (request->query, ==, "page=2");
  /* Basic auth from the collection: ada:analytical-engine */
  g_assert_cmpstr (tess_test_request_get_header (request, "Authorization"), ==,
                   "Basic YWRhOmFuYWx5dGljYWwtZW5naW5l");
  g_assert_cmpstr (tess_test_request_get_header (request, "Accept"), ==, "application/json");

  g_assert_cmpstr (tess_response_view_get_status_text (view), ==, "200 OK");
  body = tess_response_view_dup_body_text (view);
  /* Pretty-printed: one member per line, indented. */
  g_assert_nonnull (strstr (body, "\n  \"hello\" : \"world\""));
  g_assert_nonnull (strstr (body, "\"name\" : \"Grace\""));
  save_snapshot ("request");
}

/* Ctrl+F ------------------------------------------------------------------ */

static gboolean
find_enabled (void)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (fx.window), "find");
}

static void
focus_url (TessRequestPage *page)
{
  GtkWidget *url = GTK_WIDGET (tess_request_page_get_url_entry (page));
  GtkWidget *focus;

  activate ("focus-url");
  focus = gtk_root_get_focus (GTK_ROOT (fx.window));
  g_assert_true (focus == url || (focus != NULL && gtk_widget_is_ancestor (focus, url)));
}

/* The response's search entry when it has the keyboard focus, else NULL. */
static GtkWidget *
focused_search_entry (TessResponseView *view)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fx.window));
  GtkWidget *entry = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) : NULL;

  return entry != NULL && gtk_widget_is_ancestor (entry, GTK_WIDGET (view)) ? entry : NULL;
}

static gboolean
search_entry_focused (gpointer view)
{
  GtkWidget *entry = focused_search_entry (view);

  /* Drawn, so the Body page is the one shown. */
  return entry != NULL && gtk_widget_is_drawable (entry);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

typedef struct {
  TessResponseView *view;
  const char *text;
} LabelShown;

static gboolean
label_shown (gpointer data)
{
  LabelShown *shown = data;

  return tess_ui_test_find_widget (GTK_WIDGET (shown->view), is_label, shown->text) != NULL;
}

static gboolean
search_closed (gpointer view)
{
  return !tess_response_view_get_search_visible (view);
}

static void
test_find (void)
{
  TessRequestPage *page = current_page ();
  TessResponseView *view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page));
  g_autofree char *url = tess_test_server_dup_url (fx.server, "/json");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fx.app), "win.find");
  LabelShown two = { view, "2 matches" };
  TessRequestPage *other;
  GtkWidget *entry;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>f"));
  /* The last send left a JSON body in this tab. */
  g_assert_true (find_enabled ());
  g_assert_false (tess_response_view_get_search_visible (view));

  /* From the URL entry, with the response on another page than Body. */
  tess_response_view_show_page (view, "headers");
  focus_url (page);
  activate ("find");
  g_assert_true (tess_response_view_get_search_visible (view));
  g_assert_true (tess_test_wait_until (search_entry_focused, view, TIMEOUT_MS));

  /* What is typed searches the body: "name" twice in the pretty JSON. */
  entry = focused_search_entry (view);
  gtk_editable_set_text (GTK_EDITABLE (entry), "name");
  g_assert_true (tess_test_wait_until (label_shown, &two, TIMEOUT_MS));
  g_assert_cmpint (tess_response_view_get_search_count (view), ==, 2);
  save_snapshot ("find");

  /* Escape closes it, as the search entry's stop-search. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_true (tess_test_wait_until (search_closed, view, TIMEOUT_MS));

  /* A tab with no response yet: nothing to search. */
  activate ("new-request");
  other = current_page ();
  g_assert_false (find_enabled ());
  activate ("find");
  g_assert_false (tess_response_view_get_search_visible (
                    TESS_RESPONSE_VIEW (tess_request_page_get_response_view (other))));

  /* Its response arriving enables it; going back to the first tab keeps it. */
  gtk_editable_set_text (tess_request_page_get_url_entry (other), url);
  activate ("send");
  g_assert_true (tess_test_wait_until (exchange_shown, other, TIMEOUT_MS));
  g_assert_true (find_enabled ());
  tess_request_page_set_modified (other, FALSE);
  close_tab ();
  g_assert_true (current_page () == page);
  g_assert_true (find_enabled ());
}

static void
press (guint           keyval,
       GdkModifierType modifiers)
{
  tess_ui_test_press_key (GTK_WIDGET (fx.window), keyval, modifiers);
}

/* The same with real key presses: Ctrl+F goes through the window's
 * shortcuts from the URL entry, and typing goes into the search entry. */
static void
test_find_keys (void)
{
  TessRequestPage *page = current_page ();
  TessResponseView *view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page));
  LabelShown one = { view, "1 match" };

  if (!tess_ui_test_can_press_keys (GTK_WIDGET (fx.window)))
    {
      tess_test_skip_peer ("no XTEST extension or libXtst: keys cannot be pressed");
      return;
    }
  tess_ui_test_focus_window (GTK_WINDOW (fx.window), TIMEOUT_MS);
  g_assert_true (gtk_window_is_active (GTK_WINDOW (fx.window)));
  tess_response_view_show_page (view, "timings");
  focus_url (page);
  g_assert_false (tess_response_view_get_search_visible (view));

  press (GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (tess_test_wait_until (search_entry_focused, view, TIMEOUT_MS));
  g_assert_true (tess_response_view_get_search_visible (view));
  for (const char *c = "grace"; *c != '\0'; c++)
    press (gdk_unicode_to_keyval (*c), 0);
  g_assert_true (tess_test_wait_until (label_shown, &one, TIMEOUT_MS));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focused_search_entry (view))), ==, "grace");

  press (GDK_KEY_Escape, 0);
  g_assert_true (tess_test_wait_until (search_closed, view, TIMEOUT_MS));
}

static void
test_console (void)
{
  TessRequestPage *page = current_page ();
  g_autofree char *log = NULL;

  g_assert_false (tess_request_page_get_console_visible (page));
  activate ("toggle-console");
  g_assert_true (tess_request_page_get_console_visible (page));
  log = tess_request_page_dup_console_text (page);
  g_assert_nonnull (strstr (log, "GET /json?page=2 HTTP/1.1"));
  g_assert_nonnull (strstr (log, "200"));
  save_snapshot ("console");
}

static gboolean
style_is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
test_dark (void)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (tess_test_wait_until (style_is_dark, NULL, TIMEOUT_MS));
  save_snapshot ("dark");
  activate ("toggle-console");
  g_assert_false (tess_request_page_get_console_visible (current_page ()));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
test_cancel (void)
{
  TessRequestPage *page;
  TessResponseView *view;

  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)), find_row ("Server time"));
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, 2);
  page = current_page ();
  view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page));
  activate ("send");
  g_assert_true (tess_request_page_get_sending (page));
  g_assert_true (tess_test_wait_until (page_sending, page, TIMEOUT_MS));
  tess_request_page_cancel (page);
  g_assert_true (tess_test_wait_until (page_idle_with_exchange, page, TIMEOUT_MS));
  g_assert_cmpstr (tess_response_view_get_status_text (view), ==, "");
  g_assert_nonnull (tess_request_page_get_exchange (page)->error);
}

static void
test_new_and_close_tab (void)
{
  guint before = tess_window_get_n_pages (fx.window);
  TessRequestPage *page;
  GtkWidget *focus;
  GtkWidget *url;

  activate ("new-request");
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, before + 1);
  page = current_page ();
  g_assert_cmpstr (tess_request_page_get_title (page), ==, "Untitled Request");
  focus = gtk_root_get_focus (GTK_ROOT (fx.window));
  url = GTK_WIDGET (tess_request_page_get_url_entry (page));
  g_assert_true (focus == url || (focus != NULL && gtk_widget_is_ancestor (focus, url)));
  /* Unchanged: closes without asking. */
  close_tab ();
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, before);
}

/* A new tab shows "No Response Yet" without building the response view:
 * that comes with its first send, and Ctrl+F follows it. */
static void
test_response_built_on_send (void)
{
  g_autofree char *url = tess_test_server_dup_url (fx.server, "/json");
  TessRequestPage *page;

  activate ("new-request");
  page = current_page ();
  tess_ui_test_settle (GTK_WIDGET (fx.window), TIMEOUT_MS);
  g_assert_nonnull (tess_ui_test_find_widget (GTK_WIDGET (page), is_label, "No Response Yet"));
  save_snapshot ("new-request");
  activate ("find");
  g_assert_false (find_enabled ());
  g_assert_false (tess_request_page_has_response_view (page));

  gtk_editable_set_text (tess_request_page_get_url_entry (page), url);
  activate ("send");
  g_assert_true (tess_request_page_has_response_view (page));
  g_assert_true (tess_test_wait_until (exchange_shown, page, TIMEOUT_MS));
  g_assert_true (find_enabled ());
  g_assert_cmpstr (tess_response_view_get_status_text (
                     TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page))), ==, "200 OK");
  tess_request_page_set_modified (page, FALSE);
  close_tab ();
}

static void
test_save (void)
{
  TessRequestPage *page;
  g_autofree char *dir = g_build_filename (fx.workspace, "collections", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean found = FALSE;

  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)), find_row ("Get JSON"));
  page = current_page ();
  g_assert_true (tess_request_page_get_modified (page));
  activate ("save");
  g_assert_true (tess_test_wait_until (page_not_modified, page, TIMEOUT_MS));

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, "Demo API") &&
          strstr (text, "page=2"))
        found = TRUE;
    }
  g_assert_true (found);
}

static void
respond (const char *response)
{
  tess_ui_test_answer_dialog (response, NULL, TIMEOUT_MS);
}

static gboolean
one_environment (gpointer data)
{
  return g_list_model_get_n_items (tess_workspace_get_environments (tess_application_get_workspace (fx.app))) == 1;
}

static void
test_environment (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "staging.postman_environment.json", NULL);
  g_autofree char *base = tess_test_server_dup_url (fx.server, "/v2");
  g_autofree char *text = g_strdup_printf ("{\"name\": \"Staging\", \"values\": ["
                                           "{\"key\": \"base\", \"value\": \"%s\", \"enabled\": true}],"
                                           " \"_postman_variable_scope\": \"environment\"}", base);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TessTestRequest) request = NULL;
  TessRequestPage *page;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  tess_window_import_files (fx.window, &file, 1);
  g_assert_true (tess_test_wait_until (one_environment, NULL, TIMEOUT_MS));

  /* Environment variables win over the collection's. */
  tess_window_select_environment (fx.window, 1);
  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)), find_row ("Get JSON"));
  page = current_page ();
  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/json");
  activate ("send");
  g_assert_true (tess_test_wait_until (page_idle_with_exchange, page, TIMEOUT_MS));
  g_assert_true (tess_test_wait_until (exchange_shown, page, TIMEOUT_MS));
  request = tess_test_server_dup_last_request (fx.server);
  g_assert_cmpstr (request->path, ==, "/v2/json");

  tess_window_select_environment (fx.window, 0);
}

static void
test_save_new_request (void)
{
  TessRequestPage *page;
  TessItem *item;

  activate ("new-request");
  page = current_page ();
  item = tess_request_page_get_item (page);
  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/json?new=1");
  g_assert_true (tess_request_page_get_modified (page));
  g_assert_null (tess_item_get_parent (item));

  /* Not in a collection yet: Save asks where to put it. */
  activate ("save");
  respond ("save");
  g_assert_nonnull (tess_item_get_parent (item));
  g_assert_cmpstr (tess_item_get_name (tess_item_get_root (item)), ==, "Demo API");
  g_assert_true (tess_test_wait_until (page_not_modified, page, TIMEOUT_MS));
  g_assert_cmpint (find_row ("Untitled Request"), >=, 0);
}

static void
test_discard_changes (void)
{
  TessRequestPage *page;
  g_autoptr(TessItem) item = NULL;
  guint before;

  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)), find_row ("Delete item"));
  page = current_page ();
  item = g_object_ref (tess_request_page_get_item (page));
  before = tess_window_get_n_pages (fx.window);
  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/items/2?force=true");
  tess_method_picker_set_method (TESS_METHOD_PICKER (tess_request_page_get_method_picker (page)), "PURGE");
  g_assert_cmpstr (tess_item_get_method (item), ==, "PURGE");

  close_tab ();
  respond ("discard");
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, before - 1);
  g_assert_cmpstr (tess_item_get_url (item), ==, "{{base}}/items/1");
  g_assert_cmpstr (tess_item_get_method (item), ==, "DELETE");
  g_assert_cmpuint (tess_item_get_query (item)->len, ==, 0);
}

static gboolean widget_mapped (gpointer widget);

static gboolean
is_primary_menu_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "open-menu-symbolic") == 0;
}

/* The primary menu gets its popover when it first opens, with every entry
 * the header bar promises. */
static void
test_primary_menu (void)
{
  GtkWidget *button = tess_ui_test_find_widget (GTK_WIDGET (fx.window), is_primary_menu_button, NULL);
  const char *expected[] = { "win.import-dialog", "win.export", "app.preferences",
                             "win.show-help-overlay", "app.about" };
  GMenuModel *model;
  GtkPopover *popover;
  g_autoptr(GString) actions = g_string_new (" ");

  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (tess_test_wait_until (widget_mapped, popover, TIMEOUT_MS));
  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            g_string_append_printf (actions, "%s ", action);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *needle = g_strdup_printf (" %s ", expected[i]);

      g_assert_nonnull (strstr (actions->str, needle));
    }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
test_secondary_windows (void)
{
  GtkWindow *about;
  GtkWidget *preferences;
  TessWorkspace *workspace = tess_application_get_workspace (fx.app);
  GtkWidget *shortcuts;

  /* Built when first asked for, then shown again. */
  g_assert_null (tess_window_get_shortcuts_window (fx.window));
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "show-help-overlay", NULL);
  shortcuts = tess_window_get_shortcuts_window (fx.window);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  g_assert_true (gtk_widget_get_visible (shortcuts));
  gtk_window_close (GTK_WINDOW (shortcuts));
  g_assert_false (gtk_widget_get_visible (shortcuts));
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "show-help-overlay", NULL);
  g_assert_true (tess_window_get_shortcuts_window (fx.window) == shortcuts);
  g_assert_true (gtk_widget_get_visible (shortcuts));
  gtk_window_close (GTK_WINDOW (shortcuts));

  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "about", NULL);
  about = tess_ui_test_wait_toplevel (ADW_TYPE_ABOUT_WINDOW, TIMEOUT_MS);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Tessera");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  preferences = tess_preferences_window_new (fx.app);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_cmpuint (tess_workspace_get_request_timeout (workspace), !=, 7000);
  /* The first spin button is the timeout, in seconds. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tess_ui_test_find_descendant (preferences, GTK_TYPE_SPIN_BUTTON)), 7);
  g_assert_cmpuint (tess_workspace_get_request_timeout (workspace), ==, 7000);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Preferences' cookies follow the jar -------------------------------------- */

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

typedef struct {
  GtkWidget *group;
  const char *title;
} RowQuery;

static gboolean
cookie_row_shown (gpointer data)
{
  RowQuery *query = data;

  return tess_ui_test_find_widget (query->group, is_row_titled, query->title) != NULL;
}

static gboolean
cookie_row_gone (gpointer data)
{
  return !cookie_row_shown (data);
}

/* The group's handlers on @jar's "changed". */
static gulong
group_handler (SoupCookieJar *jar,
               GtkWidget     *group)
{
  return g_signal_handler_find (jar, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                g_signal_lookup ("changed", SOUP_TYPE_COOKIE_JAR), 0, NULL, NULL, group);
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
widget_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static void
show_page_of (GtkWidget *preferences,
              GtkWidget *widget)
{
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_PAGE)));
}

static void
test_preferences_cookies (void)
{
  TessSender *sender = tess_application_get_sender (fx.app);
  SoupCookieJar *jar = SOUP_COOKIE_JAR (soup_session_get_feature (tess_sender_get_session (sender),
                                                                  SOUP_TYPE_COOKIE_JAR));
  g_autofree char *url = tess_test_server_dup_url (fx.server, "/set-cookie");
  SoupCookie *live = soup_cookie_new ("live", "l-7c21", "127.0.0.1", "/", 3600);
  GtkWidget *preferences;
  GtkWidget *group;
  GtkWidget *timeout;
  RowQuery live_row, served_row, later_row;
  TessRequestPage *page;
  guint rows;

  preferences = tess_preferences_window_new (fx.app);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 720, 760);
  gtk_window_present (GTK_WINDOW (preferences));
  group = tess_preferences_window_get_cookies_group (TESS_PREFERENCES_WINDOW (preferences));
  timeout = tess_ui_test_find_descendant (preferences, GTK_TYPE_SPIN_BUTTON);
  show_page_of (preferences, group);
  g_assert_true (tess_test_wait_until (widget_mapped, group, TIMEOUT_MS));
  live_row = (RowQuery) { group, "127.0.0.1 — live" };
  served_row = (RowQuery) { group, "127.0.0.1 — served" };
  later_row = (RowQuery) { group, "127.0.0.1 — later" };
  rows = tess_cookies_group_get_n_rows (group);
  g_assert_false (cookie_row_shown (&live_row));
  g_assert_cmpuint (group_handler (jar, group), !=, 0);

  /* Added to the jar while the window is open: the row appears. */
  soup_cookie_jar_add_cookie (jar, soup_cookie_copy (live));
  g_assert_true (tess_test_wait_until (cookie_row_shown, &live_row, TIMEOUT_MS));
  g_assert_cmpuint (tess_cookies_group_get_n_rows (group), ==, rows + 1);

  /* Set by a response to a request sent from the main window. */
  activate ("new-request");
  page = current_page ();
  gtk_editable_set_text (tess_request_page_get_url_entry (page), url);
  activate ("send");
  g_assert_true (tess_test_wait_until (page_idle_with_exchange, page, TIMEOUT_MS));
  g_assert_cmpuint (tess_request_page_get_exchange (page)->status, ==, 200);
  g_assert_true (tess_test_wait_until (cookie_row_shown, &served_row, TIMEOUT_MS));
  g_assert_cmpuint (tess_cookies_group_get_n_rows (group), ==, rows + 2);
  tess_ui_test_settle (preferences, TIMEOUT_MS);
  tess_ui_test_save_snapshot (preferences, NULL, "preferences-cookies-live");

  /* Deleted from the jar: the row goes. */
  soup_cookie_jar_delete_cookie (jar, live);
  g_assert_true (tess_test_wait_until (cookie_row_gone, &live_row, TIMEOUT_MS));
  g_assert_true (cookie_row_shown (&served_row));
  g_assert_cmpuint (tess_cookies_group_get_n_rows (group), ==, rows + 1);

  /* On another page the group does not listen; shown again, it is current. */
  show_page_of (preferences, timeout);
  g_assert_true (tess_test_wait_until (widget_unmapped, group, TIMEOUT_MS));
  g_assert_cmpuint (group_handler (jar, group), ==, 0);
  soup_cookie_jar_add_cookie (jar, soup_cookie_new ("later", "1", "127.0.0.1", "/", 3600));
  show_page_of (preferences, group);
  g_assert_true (tess_test_wait_until (cookie_row_shown, &later_row, TIMEOUT_MS));
  g_assert_cmpuint (group_handler (jar, group), !=, 0);
  tess_cookies_group_delete (group, "later");
  tess_cookies_group_delete (group, "served");
  g_assert_false (cookie_row_shown (&served_row));
  g_assert_false (cookie_row_shown (&later_row));
  g_assert_cmpuint (tess_cookies_group_get_n_rows (group), ==, rows);

  /* Closed: no handler is left on the jar, whatever still holds the group. */
  g_object_ref (group);
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_true (tess_test_wait_until (widget_unmapped, group, TIMEOUT_MS));
  g_assert_cmpuint (group_handler (jar, group), ==, 0);
  g_object_unref (group);
  soup_cookie_jar_add_cookie (jar, soup_cookie_copy (live));
  soup_cookie_jar_delete_cookie (jar, live);
  soup_cookie_free (live);

  tess_request_page_set_modified (page, FALSE);
  close_tab ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!tess_ui_test_check_display (&argc, &argv, "/ui/window", "no display: run the UI tests under xvfb-run"))
    return g_test_run ();

  /* Before GTK starts its threads: setenv is not thread-safe. */
  fx.workspace = tess_ui_test_make_workspace ();
  tess_ui_test_init_gtk (&argc, &argv, FALSE);

  tess_ui_test_write_broken_collection (fx.workspace);
  fx.server = tess_test_server_new ();
  tess_test_server_add_response (fx.server, "/json", 200, "application/json",
                                 g_bytes_new_static (json_body, sizeof json_body - 1), NULL);
  tess_test_server_add_response (fx.server, "/v2/json", 200, "application/json",
                                 g_bytes_new_static ("{\"env\":\"staging\"}", 17), NULL);
  tess_test_server_add_delayed (fx.server, "/slow", 20000, "late");
  tess_test_server_add_response (fx.server, "/set-cookie", 200, "text/plain",
                                 g_bytes_new_static ("set", 3),
                                 "Set-Cookie", "served=s-91ab; Path=/; Max-Age=3600", NULL);
  {
    g_autofree char *base = tess_test_server_dup_url (fx.server, "");

    fx.collection_path = tess_ui_test_write_demo_collection (base);
  }

  fx.app = tess_ui_test_app_new (G_APPLICATION_HANDLES_OPEN);
  fx.window = tess_ui_test_app_activate (fx.app);
  tess_ui_test_show_main_window (fx.window, TIMEOUT_MS);

  g_test_add_func ("/ui/window/empty", test_empty_window);
  g_test_add_func ("/ui/window/load-problems", test_load_problems);
  g_test_add_func ("/ui/window/accels", test_accels);
  g_test_add_func ("/ui/window/open-collection", test_open_collection);
  g_test_add_func ("/ui/window/open-request", test_open_request);
  g_test_add_func ("/ui/window/auth-preview", test_auth_preview);
  g_test_add_func ("/ui/window/params-sync", test_params_sync);
  g_test_add_func ("/ui/window/send", test_send);
  g_test_add_func ("/ui/window/primary-menu", test_primary_menu);
  g_test_add_func ("/ui/window/find", test_find);
  g_test_add_func ("/ui/window/find-keys", test_find_keys);
  g_test_add_func ("/ui/window/console", test_console);
  g_test_add_func ("/ui/window/dark", test_dark);
  g_test_add_func ("/ui/window/cancel", test_cancel);
  g_test_add_func ("/ui/window/new-and-close-tab", test_new_and_close_tab);
  g_test_add_func ("/ui/window/response-built-on-send", test_response_built_on_send);
  g_test_add_func ("/ui/window/save", test_save);
  g_test_add_func ("/ui/window/environment", test_environment);
  g_test_add_func ("/ui/window/save-new-request", test_save_new_request);
  g_test_add_func ("/ui/window/discard-changes", test_discard_changes);
  g_test_add_func ("/ui/window/secondary-windows", test_secondary_windows);
  g_test_add_func ("/ui/window/preferences-cookies", test_preferences_cookies);
  status = g_test_run ();

  /* Tabs hold unsaved edits on purpose (the cancel test): close without asking. */
  tess_ui_test_quit (fx.app, GTK_WINDOW (fx.window));
  g_clear_object (&fx.app);
  tess_test_server_free (fx.server);
  g_free (fx.collection_path);
  g_free (fx.workspace);
  return status;
}
