/* The sidebar under Xvfb: creating, renaming, duplicating, moving, deleting
 * (with Undo) and filtering collections, folders and requests; the files the
 * workspace writes; the tabs coming back in a new window; and the environment
 * manager, whose choice decides where a request goes. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tess-application.h"
#include "tess-auth-panel.h"
#include "tess-collection-page.h"
#include "tess-environment-editor.h"
#include "tess-postman.h"
#include "tess-request-page.h"
#include "tess-sidebar.h"
#include "tess-tab-state.h"
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
  char *state_dir;
} fx;

/* Helpers ----------------------------------------------------------------- */

static TessSidebar *
sidebar (void)
{
  return TESS_SIDEBAR (tess_window_get_sidebar (fx.window));
}

static TessWorkspace *
workspace (void)
{
  return tess_application_get_workspace (fx.app);
}

static void
settle (void)
{
  tess_ui_test_settle (GTK_WIDGET (fx.window), TIMEOUT_MS);
}

static void
show_window (void)
{
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1000, 640);
  tess_ui_test_count_frames (GTK_WIDGET (fx.window));
  gtk_window_present (GTK_WINDOW (fx.window));
  tess_ui_test_wait_loaded (fx.app, TIMEOUT_MS);
  settle ();
}

static gint
find_row (const char *name)
{
  return tess_ui_test_find_row (fx.window, name);
}

static TessItem *
row_item (const char *name)
{
  GListModel *rows = tess_sidebar_get_rows (sidebar ());
  gint position = find_row (name);
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(TessItem) item = NULL;

  g_assert_cmpint (position, >=, 0);
  row = g_list_model_get_item (rows, position);
  item = gtk_tree_list_row_get_item (row);
  return item;   /* the workspace holds it */
}

static gboolean
row_shown (gpointer name)
{
  return find_row (name) >= 0;
}

static void
select_row (const char *name)
{
  g_assert_true (tess_sidebar_reveal (sidebar (), row_item (name)));
  g_assert_cmpstr (tess_item_get_name (tess_sidebar_get_selected (sidebar ())), ==, name);
}

/* Runs a sidebar action that asks for a name, and answers with @name. */
static void
name_with (const char *action,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), action, NULL));
  tess_ui_test_answer_dialog ("ok", name, TIMEOUT_MS);
}

typedef struct {
  const char *path;
  const char *needle;
  gboolean present;
} FileCheck;

static gboolean
file_check (gpointer data)
{
  FileCheck *check = data;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (check->path, &text, NULL, NULL))
    return !check->present && check->needle == NULL;
  if (check->needle == NULL)
    return check->present;
  return (strstr (text, check->needle) != NULL) == check->present;
}

/* Waits until the file of @collection does (or does not) hold @needle. */
static void
assert_saved (TessItem   *collection,
              const char *needle,
              gboolean    present)
{
  const char *path = tess_workspace_get_file (workspace (), collection);
  FileCheck check = { path, needle, present };

  g_assert_nonnull (path);
  if (!tess_test_wait_until (file_check, &check, TIMEOUT_MS))
    g_error ("%s: expected “%s” to be %s", path, needle, present ? "there" : "gone");
}

/* @widget, with @popover (a separate surface) drawn where it is shown. */
static void
save_window_snapshot (const char *name,
                      GtkWidget  *widget,
                      GtkWidget  *popover)
{
  settle ();
  tess_ui_test_save_snapshot (widget, popover, name);
}

static void
save_snapshot (const char *name,
               GtkWidget  *popover)
{
  save_window_snapshot (name, GTK_WIDGET (fx.window), popover);
}

static GtkWidget *
find_popover_menu (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return child;
  return NULL;
}

static gboolean
popover_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Tests ------------------------------------------------------------------- */

static void
test_create (void)
{
  TessItem *collection, *folder, *request;
  guint pages = tess_window_get_n_pages (fx.window);

  name_with ("sidebar.new-collection", "Payments");
  collection = tess_workspace_find_collection (workspace (), "Payments");
  g_assert_nonnull (collection);
  g_assert_cmpint (find_row ("Payments"), >=, 0);
  assert_saved (collection, "\"Payments\"", TRUE);

  /* New items go into the selected collection or folder. */
  select_row ("Payments");
  name_with ("sidebar.new-folder", "Admin");
  folder = row_item ("Admin");
  g_assert_true (tess_item_get_parent (folder) == collection);
  g_assert_cmpint (tess_item_get_kind (folder), ==, TESS_ITEM_FOLDER);

  select_row ("Payments");
  name_with ("sidebar.new-request", "Refund");
  request = row_item ("Refund");
  g_assert_true (tess_item_get_parent (request) == collection);
  g_assert_cmpstr (tess_item_get_method (request), ==, "GET");
  /* A new request opens in a tab, ready for its URL. */
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, pages + 1);
  g_assert_true (tess_request_page_get_item (TESS_REQUEST_PAGE (tess_window_get_current_page (fx.window))) == request);
  assert_saved (collection, "\"Refund\"", TRUE);
  assert_saved (collection, "\"Admin\"", TRUE);

  select_row ("Admin");
  name_with ("sidebar.new-request", "Audit log");
  g_assert_true (tess_item_get_parent (row_item ("Audit log")) == folder);
  assert_saved (collection, "\"Audit log\"", TRUE);
}

static void
test_context_menu (void)
{
  GtkWidget *menu;

  /* Built the first time it opens. */
  g_assert_null (find_popover_menu (GTK_WIDGET (sidebar ())));
  settle ();
  tess_sidebar_popup_menu (sidebar (), find_row ("Refund"));
  menu = find_popover_menu (GTK_WIDGET (sidebar ()));
  g_assert_nonnull (menu);
  g_assert_true (tess_test_wait_until (popover_mapped, menu, TIMEOUT_MS));
  g_assert_cmpstr (tess_item_get_name (tess_sidebar_get_selected (sidebar ())), ==, "Refund");
  save_snapshot ("sidebar-context-menu", menu);
  gtk_popover_popdown (GTK_POPOVER (menu));
}

static void
test_rename (void)
{
  TessItem *collection = tess_workspace_find_collection (workspace (), "Payments");

  select_row ("Refund");
  name_with ("sidebar.rename", "Refund order");
  g_assert_cmpint (find_row ("Refund"), <, 0);
  g_assert_cmpint (find_row ("Refund order"), >=, 0);
  assert_saved (collection, "\"Refund order\"", TRUE);
  /* The open tab follows the name. */
  g_assert_cmpstr (tess_request_page_get_title (TESS_REQUEST_PAGE (tess_window_open_item (fx.window, row_item ("Refund order")))),
                   ==, "Refund order");
}

static void
test_duplicate (void)
{
  TessItem *collection = tess_workspace_find_collection (workspace (), "Payments");
  TessItem *original, *copy;

  select_row ("Refund order");
  original = tess_sidebar_get_selected (sidebar ());
  tess_item_set_url (original, "https://127.0.0.1/refunds");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.duplicate", NULL));
  /* Copied off the main loop. */
  g_assert_true (tess_test_wait_until (row_shown, (gpointer) "Refund order Copy", 10000));
  copy = row_item ("Refund order Copy");
  g_assert_true (copy != original);
  g_assert_true (tess_item_get_parent (copy) == collection);
  g_assert_cmpstr (tess_item_get_url (copy), ==, "https://127.0.0.1/refunds");
  g_assert_cmpstr (tess_item_get_id (copy), !=, tess_item_get_id (original));
  assert_saved (collection, "\"Refund order Copy\"", TRUE);
}

static AdwTabPage *
find_tab (TessItem *item)
{
  AdwTabView *view = tess_window_get_tab_view (fx.window);

  for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (view, i);
      GtkWidget *child = adw_tab_page_get_child (tab);

      if (TESS_IS_REQUEST_PAGE (child) && tess_request_page_get_item (TESS_REQUEST_PAGE (child)) == item)
        return tab;
    }
  return NULL;
}

static void
test_delete_undo (void)
{
  TessItem *collection = tess_workspace_find_collection (workspace (), "Payments");
  g_autoptr(TessItem) copy = g_object_ref (row_item ("Refund order Copy"));
  AdwToast *toast;
  g_autofree char *path = NULL;
  FileCheck gone;

  /* Delete, then Undo: the request is back where it was. */
  select_row ("Refund order Copy");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.delete", NULL));
  g_assert_cmpint (find_row ("Refund order Copy"), <, 0);
  g_assert_null (tess_item_get_parent (copy));
  toast = tess_sidebar_get_undo_toast (sidebar ());
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  g_assert_true (tess_item_get_parent (copy) == collection);
  g_assert_cmpint (find_row ("Refund order Copy"), >=, 0);
  assert_saved (collection, "\"Refund order Copy\"", TRUE);

  /* Delete for real: when the toast goes, the file loses it, and its tab closes. */
  tess_window_open_item (fx.window, copy);
  g_assert_nonnull (find_tab (copy));
  select_row ("Refund order Copy");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.delete", NULL));
  toast = tess_sidebar_get_undo_toast (sidebar ());
  g_assert_nonnull (toast);
  adw_toast_dismiss (toast);
  g_assert_null (tess_sidebar_get_undo_toast (sidebar ()));
  g_assert_cmpint (find_row ("Refund order Copy"), <, 0);
  assert_saved (collection, "\"Refund order Copy\"", FALSE);
  g_assert_null (find_tab (copy));

  /* A collection: hidden at once, its file removed when the toast goes. */
  name_with ("sidebar.new-collection", "Scratch");
  assert_saved (tess_workspace_find_collection (workspace (), "Scratch"), "\"Scratch\"", TRUE);
  path = g_strdup (tess_workspace_get_file (workspace (), tess_workspace_find_collection (workspace (), "Scratch")));
  select_row ("Scratch");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.delete", NULL));
  g_assert_cmpint (find_row ("Scratch"), <, 0);
  g_assert_nonnull (tess_workspace_find_collection (workspace (), "Scratch"));
  toast = tess_sidebar_get_undo_toast (sidebar ());
  adw_toast_dismiss (toast);
  g_assert_null (tess_workspace_find_collection (workspace (), "Scratch"));
  gone = (FileCheck) { path, NULL, FALSE };
  g_assert_true (tess_test_wait_until (file_check, &gone, TIMEOUT_MS));
}

static void
test_filter (void)
{
  guint all = g_list_model_get_n_items (tess_sidebar_get_rows (sidebar ()));

  /* Matches deep in a folder show with their ancestors, opened. */
  tess_sidebar_set_filter (sidebar (), "AUDIT");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tess_sidebar_get_search_entry (sidebar ()))), ==, "AUDIT");
  g_assert_cmpuint (g_list_model_get_n_items (tess_sidebar_get_rows (sidebar ())), ==, 3);
  g_assert_cmpint (find_row ("Payments"), ==, 0);
  g_assert_cmpint (find_row ("Admin"), ==, 1);
  g_assert_cmpint (find_row ("Audit log"), ==, 2);
  g_assert_cmpint (find_row ("Refund order"), <, 0);

  tess_sidebar_set_filter (sidebar (), "no such request");
  g_assert_cmpuint (g_list_model_get_n_items (tess_sidebar_get_rows (sidebar ())), ==, 0);

  /* Typing in the search entry filters too. */
  gtk_editable_set_text (GTK_EDITABLE (tess_sidebar_get_search_entry (sidebar ())), "refund");
  g_signal_emit_by_name (tess_sidebar_get_search_entry (sidebar ()), "search-changed");
  g_assert_cmpint (find_row ("Refund order"), >=, 0);
  g_assert_cmpint (find_row ("Admin"), <, 0);
  save_snapshot ("sidebar-filter", NULL);

  tess_sidebar_set_filter (sidebar (), "");
  g_assert_cmpuint (g_list_model_get_n_items (tess_sidebar_get_rows (sidebar ())), >=, all);
  g_assert_cmpint (find_row ("Admin"), >=, 0);
}

/* Emits ::drop on the drop target of the row showing @name, with @item,
 * near the top of the row or, with @lower, near its bottom. */
static gboolean
drop_on_row_at (const char *name,
                TessItem   *item,
                gboolean    lower)
{
  GtkWidget *list_view = tess_ui_test_find_descendant (GTK_WIDGET (sidebar ()), GTK_TYPE_LIST_VIEW);
  TessItem *target = row_item (name);

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkTreeListRow *list_row = GTK_IS_TREE_EXPANDER (row) ? gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (row)) : NULL;
      g_autoptr(GObject) shown = list_row ? gtk_tree_list_row_get_item (list_row) : NULL;
      g_autoptr(GListModel) controllers = NULL;

      if (shown != (GObject *) target)
        continue;
      controllers = gtk_widget_observe_controllers (row);
      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
          g_auto(GValue) value = G_VALUE_INIT;
          gboolean accepted = FALSE;

          if (!GTK_IS_DROP_TARGET (controller))
            continue;
          g_value_init (&value, TESS_TYPE_ITEM);
          g_value_set_object (&value, item);
          /* Where in the row counts: it must be laid out (settle first). */
          if (lower)
            g_assert_cmpint (gtk_widget_get_height (row), >, 8);
          g_signal_emit_by_name (controller, "drop", &value, 4.0,
                                 lower ? gtk_widget_get_height (row) - 4.0 : 4.0, &accepted);
          return accepted;
        }
    }
  g_error ("no drop target on the row “%s”", name);
  return FALSE;
}

static gboolean
drop_on_row (const char *name,
             TessItem   *item)
{
  return drop_on_row_at (name, item, FALSE);
}

/* The saved file has “Refund order” in “Admin”, after “Audit log”. */
static gboolean
moved_in_file (gpointer data)
{
  g_autoptr(TessItem) loaded = tess_postman_load_collection (tess_workspace_get_file (workspace (), data), NULL);
  TessItem *folder = loaded ? tess_item_find (loaded, "Admin") : NULL;
  g_autoptr(TessItem) second = NULL;

  if (folder == NULL || g_list_model_get_n_items (tess_item_get_children (folder)) != 2)
    return FALSE;
  second = g_list_model_get_item (tess_item_get_children (folder), 1);
  return g_strcmp0 (tess_item_get_name (second), "Refund order") == 0;
}

static void
test_move (void)
{
  TessItem *collection = tess_workspace_find_collection (workspace (), "Payments");
  TessItem *request = row_item ("Refund order");
  TessItem *folder = row_item ("Admin");
  TessItem *audit = row_item ("Audit log");
  GListModel *children = tess_item_get_children (folder);
  g_autoptr(TessItem) second = NULL;

  /* Onto a folder: appended to it. Onto a request: placed after it. */
  g_assert_false (tess_sidebar_move_item (sidebar (), folder, audit));
  g_assert_true (tess_sidebar_move_item (sidebar (), request, audit));
  g_assert_true (tess_item_get_parent (request) == folder);
  second = g_list_model_get_item (children, 1);
  g_assert_true (second == request);
  g_assert_true (tess_test_wait_until (moved_in_file, collection, TIMEOUT_MS));

  g_assert_true (tess_sidebar_move_item (sidebar (), request, collection));
  g_assert_true (tess_item_get_parent (request) == collection);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);

  /* The same through the rows' drop target, as a drag would end. */
  settle ();
  g_assert_true (drop_on_row ("Admin", request));
  g_assert_true (tess_item_get_parent (request) == folder);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
  g_assert_false (drop_on_row ("Refund order", folder));
  g_assert_true (tess_item_get_parent (folder) == collection);
  g_assert_true (drop_on_row ("Payments", request));
  g_assert_true (tess_item_get_parent (request) == collection);
}

/* The names of @collections in their order: "A B C". */
static char *
collection_names (GListModel *collections)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
    {
      g_autoptr(TessItem) collection = g_list_model_get_item (collections, i);

      if (i > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, tess_item_get_name (collection));
    }
  return g_string_free (names, FALSE);
}

/* A workspace loaded afresh from the folder lists the collections as @data says. */
static gboolean
order_on_disk (gpointer data)
{
  g_autoptr(TessWorkspace) again = tess_workspace_new (fx.workspace);
  g_autofree char *names = NULL;

  if (!tess_workspace_load (again, NULL, NULL))
    return FALSE;
  names = collection_names (tess_workspace_get_collections (again));
  return g_strcmp0 (names, data) == 0;
}

static void
assert_collection_order (const char *expected)
{
  g_autofree char *names = collection_names (tess_workspace_get_collections (workspace ()));
  g_auto(GStrv) split = g_strsplit (expected, " ", -1);

  g_assert_cmpstr (names, ==, expected);
  /* The rows follow. */
  for (guint i = 1; split[i] != NULL; i++)
    g_assert_cmpint (find_row (split[i - 1]), <, find_row (split[i]));
}

static void
test_move_collections (void)
{
  GListModel *collections = tess_workspace_get_collections (workspace ());
  g_autoptr(TessItem) payments = NULL;
  TessItem *orders, *billing;

  /* The one collection so far; an earlier test renamed it. */
  g_assert_cmpuint (g_list_model_get_n_items (collections), ==, 1);
  payments = g_list_model_get_item (collections, 0);
  tess_item_set_name (payments, "Payments");
  g_assert_true (tess_workspace_save_collection (workspace (), payments, NULL));
  tess_sidebar_set_filter (sidebar (), NULL);
  name_with ("sidebar.new-collection", "Orders");
  name_with ("sidebar.new-collection", "Billing");
  orders = tess_workspace_find_collection (workspace (), "Orders");
  billing = tess_workspace_find_collection (workspace (), "Billing");
  assert_saved (orders, "\"Orders\"", TRUE);
  assert_saved (billing, "\"Billing\"", TRUE);
  /* By name, until one is moved. */
  assert_collection_order ("Billing Orders Payments");
  g_assert_true (tess_sidebar_reveal (sidebar (), tess_item_find (payments, "Audit log")));
  settle ();

  /* On the upper half of a row: before it; on the lower half: after it. An
   * open collection stays open. */
  g_assert_true (drop_on_row ("Billing", payments));
  assert_collection_order ("Payments Billing Orders");
  g_assert_cmpint (find_row ("Audit log"), >, find_row ("Payments"));
  g_assert_true (tess_sidebar_get_selected (sidebar ()) == payments);
  settle ();
  g_assert_true (drop_on_row_at ("Orders", payments, TRUE));
  assert_collection_order ("Billing Orders Payments");
  g_assert_cmpint (find_row ("Audit log"), >, find_row ("Payments"));
  settle ();
  g_assert_true (drop_on_row_at ("Billing", orders, FALSE));
  assert_collection_order ("Orders Billing Payments");

  /* Not onto itself, nor into a folder or next to a request. */
  settle ();
  g_assert_false (drop_on_row ("Orders", orders));
  g_assert_false (drop_on_row ("Admin", billing));
  g_assert_false (drop_on_row ("Audit log", billing));
  assert_collection_order ("Orders Billing Payments");

  /* The order is in workspace.json and survives a reload; a new collection
   * goes at the end, not by name. */
  g_assert_true (tess_test_wait_until (order_on_disk, "Orders Billing Payments", TIMEOUT_MS));
  name_with ("sidebar.new-collection", "Archive");
  assert_saved (tess_workspace_find_collection (workspace (), "Archive"), "\"Archive\"", TRUE);
  assert_collection_order ("Orders Billing Payments Archive");
  g_assert_true (tess_test_wait_until (order_on_disk, "Orders Billing Payments Archive", TIMEOUT_MS));
}

static gboolean
collection_copied (gpointer data)
{
  return tess_workspace_find_collection (workspace (), "Payments Copy") != NULL;
}

/* A whole collection: a new one at the end, in a file of its own, holding
 * what the original holds under new ids. */
static void
test_duplicate_collection (void)
{
  GListModel *collections = tess_workspace_get_collections (workspace ());
  TessItem *payments = tess_workspace_find_collection (workspace (), "Payments");
  g_autoptr(TessItem) last = NULL;
  TessItem *copy;
  const char *original_path, *copy_path;

  g_assert_nonnull (payments);
  select_row ("Payments");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.duplicate", NULL));
  g_assert_true (tess_test_wait_until (collection_copied, NULL, TIMEOUT_MS));
  copy = tess_workspace_find_collection (workspace (), "Payments Copy");
  g_assert_true (copy != payments);
  g_assert_cmpstr (tess_item_get_id (copy), !=, tess_item_get_id (payments));
  last = g_list_model_get_item (collections, g_list_model_get_n_items (collections) - 1);
  g_assert_true (last == copy);
  g_assert_nonnull (tess_item_find (copy, "Audit log"));
  g_assert_true (tess_item_find (copy, "Audit log") != tess_item_find (payments, "Audit log"));
  g_assert_cmpstr (tess_item_get_id (tess_item_find (copy, "Audit log")), !=,
                   tess_item_get_id (tess_item_find (payments, "Audit log")));
  g_assert_true (tess_test_wait_until (row_shown, (gpointer) "Payments Copy", TIMEOUT_MS));

  original_path = tess_workspace_get_file (workspace (), payments);
  copy_path = tess_workspace_get_file (workspace (), copy);
  g_assert_cmpstr (original_path, !=, copy_path);
  assert_saved (copy, "\"Payments Copy\"", TRUE);
  assert_saved (copy, "\"Audit log\"", TRUE);
  /* The original is as it was. */
  assert_saved (payments, "\"Payments Copy\"", FALSE);
}

static const char *
tab_title (guint position)
{
  AdwTabPage *page = adw_tab_view_get_nth_page (tess_window_get_tab_view (fx.window), position);

  return tess_request_page_get_title (TESS_REQUEST_PAGE (adw_tab_page_get_child (page)));
}

static void
test_tabs_restore (void)
{
  AdwTabView *view = tess_window_get_tab_view (fx.window);
  TessRequestPage *page;
  g_autofree char *path = tess_tab_state_dup_path (workspace ());
  g_autofree char *text = NULL;

  /* Start from no tabs, then two requests and a new one, the second selected. */
  while (adw_tab_view_get_n_pages (view) > 0)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (view, 0);

      tess_request_page_set_modified (TESS_REQUEST_PAGE (adw_tab_page_get_child (tab)), FALSE);
      adw_tab_view_close_page (view, tab);
    }
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, 0);
  tess_window_open_item (fx.window, row_item ("Refund order"));
  tess_window_open_item (fx.window, row_item ("Audit log"));
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "new-request", NULL);
  page = TESS_REQUEST_PAGE (tess_window_get_current_page (fx.window));
  gtk_editable_set_text (tess_request_page_get_url_entry (page), "https://ada:secret@127.0.0.1:9/new?x=1");
  tess_item_set_method (tess_request_page_get_item (page), "PUT");
  adw_tab_view_set_selected_page (view, adw_tab_view_get_nth_page (view, 1));

  /* Destroying the window writes what is pending. */
  gtk_window_destroy (GTK_WINDOW (fx.window));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "secret"));
  g_assert_nonnull (strstr (text, "Audit log"));

  fx.window = tess_window_new (fx.app);
  show_window ();
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, 3);
  g_assert_cmpstr (tab_title (0), ==, "Refund order");
  g_assert_cmpstr (tab_title (1), ==, "Audit log");
  g_assert_cmpstr (tess_request_page_get_title (TESS_REQUEST_PAGE (tess_window_get_current_page (fx.window))),
                   ==, "Audit log");
  page = TESS_REQUEST_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (tess_window_get_tab_view (fx.window), 2)));
  g_assert_cmpstr (tess_item_get_method (tess_request_page_get_item (page)), ==, "PUT");
  g_assert_cmpstr (tess_item_get_url (tess_request_page_get_item (page)), ==, "https://127.0.0.1:9/new?x=1");
  g_assert_true (tess_request_page_get_modified (page));

  /* A change is written a moment later, without closing anything. */
  adw_tab_view_close_page (tess_window_get_tab_view (fx.window),
                           adw_tab_view_get_nth_page (tess_window_get_tab_view (fx.window), 0));
  {
    FileCheck check = { path, "Refund order", FALSE };

    g_assert_true (tess_test_wait_until (file_check, &check, TIMEOUT_MS));
  }
}

static gboolean
is_shown_button (GtkWidget     *widget,
                 gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
         gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  return tess_ui_test_find_widget (widget, is_shown_button, label);
}

static TessEnvironmentEditor *
open_editor (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "environments", NULL);
  return TESS_ENVIRONMENT_EDITOR (tess_ui_test_wait_toplevel (TESS_TYPE_ENVIRONMENT_EDITOR, TIMEOUT_MS));
}

typedef struct {
  TessEnvironment *environment;
  const char *needle;
} EnvironmentCheck;

static gboolean
environment_saved (gpointer data)
{
  EnvironmentCheck *check = data;
  const char *path = tess_workspace_get_file (workspace (), check->environment);
  FileCheck file = { path, check->needle, TRUE };

  return path != NULL && file_check (&file);
}

static void
assert_environment_saved (TessEnvironment *environment,
                          const char      *needle)
{
  EnvironmentCheck check = { environment, needle };

  if (!tess_test_wait_until (environment_saved, &check, TIMEOUT_MS))
    g_error ("environment “%s”: “%s” was not saved", tess_environment_get_name (environment), needle);
}

/* Adds a variable through the editor's widgets. Returns its row. */
static guint
add_variable (TessVariablesEditor *variables,
              const char          *key,
              const char          *value)
{
  guint row = tess_variables_editor_add_row (variables);

  gtk_editable_set_text (tess_variables_editor_get_entry (variables, row, FALSE), key);
  gtk_editable_set_text (tess_variables_editor_get_entry (variables, row, TRUE), value);
  return row;
}

static void
test_environment_edit (void)
{
  TessEnvironmentEditor *editor = open_editor ();
  g_autofree char *staging_url = tess_test_server_dup_url (fx.server, "/v2");
  g_autofree char *local_url = tess_test_server_dup_url (fx.server, "");
  TessEnvironment *staging, *local;
  TessVariablesEditor *variables;
  GtkWidget *value;
  guint row;

  staging = tess_environment_editor_add_environment (editor, "Staging");
  g_assert_nonnull (staging);
  g_assert_true (tess_environment_editor_get_editing (editor) == staging);
  assert_environment_saved (staging, "\"Staging\"");

  variables = tess_environment_editor_get_variables_editor (editor);
  add_variable (variables, "base", staging_url);
  assert_environment_saved (staging, staging_url);

  /* A secret is masked until revealed, and saved as Postman's "secret" type. */
  row = add_variable (variables, "token", "s3cret-value");
  value = GTK_WIDGET (tess_variables_editor_get_entry (variables, row, TRUE));
  g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (value)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tess_variables_editor_get_secret_switch (variables, row)), TRUE);
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (value)));
  g_assert_true (gtk_widget_get_visible (tess_variables_editor_get_reveal_button (variables, row)));
  assert_environment_saved (staging, "\"secret\"");
  save_window_snapshot ("environment-editor", GTK_WIDGET (editor), NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tess_variables_editor_get_reveal_button (variables, row)), TRUE);
  g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (value)));

  /* Renaming shows in the file. */
  gtk_editable_set_text (GTK_EDITABLE (tess_environment_editor_get_name_row (editor)), "Staging EU");
  g_signal_emit_by_name (tess_environment_editor_get_name_row (editor), "apply");
  g_assert_cmpstr (tess_environment_get_name (staging), ==, "Staging EU");
  assert_environment_saved (staging, "\"Staging EU\"");

  local = tess_environment_editor_add_environment (editor, "Local");
  add_variable (tess_environment_editor_get_variables_editor (editor), "base", local_url);
  assert_environment_saved (local, local_url);
  g_assert_cmpuint (g_list_model_get_n_items (tess_workspace_get_environments (workspace ())), ==, 2);

  /* The globals have their own page and file. */
  tess_environment_editor_edit (editor, tess_workspace_get_globals (workspace ()));
  g_assert_null (tess_environment_editor_get_name_row (editor));
  add_variable (tess_environment_editor_get_variables_editor (editor), "tenant", "acme");
  {
    g_autofree char *path = g_build_filename (fx.workspace, "globals.postman_globals.json", NULL);
    FileCheck check = { path, "acme", TRUE };

    g_assert_true (tess_test_wait_until (file_check, &check, TIMEOUT_MS));
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
request_count_above (gpointer data)
{
  return tess_test_server_get_request_count (fx.server) > GPOINTER_TO_UINT (data);
}

static gboolean
page_done (gpointer data)
{
  TessRequestPage *page = data;

  return !tess_request_page_get_sending (page) && tess_request_page_get_exchange (page) != NULL;
}

static char *
send_and_get_path (TessRequestPage *page)
{
  guint before = tess_test_server_get_request_count (fx.server);
  g_autoptr(TessTestRequest) request = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "send", NULL);
  g_assert_true (tess_test_wait_until (request_count_above, GUINT_TO_POINTER (before), TIMEOUT_MS));
  g_assert_true (tess_test_wait_until (page_done, page, TIMEOUT_MS));
  request = tess_test_server_dup_last_request (fx.server);
  return g_strdup (request->path);
}

static void
test_environment_switch (void)
{
  TessEnvironmentEditor *editor = open_editor ();
  TessEnvironment *staging = tess_workspace_find_environment (workspace (), "Staging EU");
  TessEnvironment *local = tess_workspace_find_environment (workspace (), "Local");
  TessRequestPage *page;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_nonnull (staging);
  g_assert_nonnull (local);
  select_row ("Payments");
  name_with ("sidebar.new-request", "Environment probe");
  page = TESS_REQUEST_PAGE (tess_window_get_current_page (fx.window));
  g_assert_cmpstr (tess_request_page_get_title (page), ==, "Environment probe");
  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/json");

  /* The editor's choice is the window's: the same request goes elsewhere. */
  tess_environment_editor_activate (editor, staging);
  g_assert_true (tess_window_get_environment (fx.window) == staging);
  save_window_snapshot ("environment-manager", GTK_WIDGET (editor), NULL);
  first = send_and_get_path (page);
  g_assert_cmpstr (first, ==, "/v2/json");

  tess_environment_editor_activate (editor, local);
  g_assert_true (tess_window_get_environment (fx.window) == local);
  second = send_and_get_path (page);
  g_assert_cmpstr (second, ==, "/json");

  tess_environment_editor_activate (editor, NULL);
  g_assert_null (tess_window_get_environment (fx.window));

  /* Deleting asks first, then removes the environment and its file. */
  {
    g_autofree char *path = g_strdup (tess_workspace_get_file (workspace (), local));
    FileCheck gone = { path, NULL, FALSE };
    GtkWidget *button;
    AdwMessageDialog *dialog;

    tess_environment_editor_edit (editor, local);
    settle ();
    button = find_button (GTK_WIDGET (editor), "_Delete Environment");
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    dialog = ADW_MESSAGE_DIALOG (tess_ui_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, TIMEOUT_MS));
    adw_message_dialog_response (dialog, "delete");
    if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
      gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_null (tess_workspace_find_environment (workspace (), "Local"));
    g_assert_true (tess_test_wait_until (file_check, &gone, TIMEOUT_MS));
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

static TessCollectionPage *
find_collection_tab (const char *name)
{
  AdwTabView *view = tess_window_get_tab_view (fx.window);

  for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (view, i));

      if (TESS_IS_COLLECTION_PAGE (child) &&
          g_strcmp0 (tess_collection_page_get_title (TESS_COLLECTION_PAGE (child)), name) == 0)
        return TESS_COLLECTION_PAGE (child);
    }
  return NULL;
}

static void
test_collection_page (void)
{
  TessItem *collection = tess_workspace_find_collection (workspace (), "Payments");
  guint pages = tess_window_get_n_pages (fx.window);
  TessCollectionPage *page;
  TessVariablesEditor *variables;
  AdwTabPage *tab;
  guint row;

  /* "Open" on a collection shows its page in a tab; Send and Save do not apply. */
  select_row ("Payments");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.open", NULL));
  g_assert_cmpuint (tess_window_get_n_pages (fx.window), ==, pages + 1);
  g_assert_true (TESS_IS_COLLECTION_PAGE (tess_window_get_current_page (fx.window)));
  page = TESS_COLLECTION_PAGE (tess_window_get_current_page (fx.window));
  g_assert_true (tess_collection_page_get_item (page) == collection);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fx.window), "send"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fx.window), "close-tab"));

  gtk_text_buffer_set_text (tess_collection_page_get_description (page), "Refunds and payouts", -1);
  g_assert_cmpstr (tess_item_get_description (collection), ==, "Refunds and payouts");
  assert_saved (collection, "Refunds and payouts", TRUE);

  variables = TESS_VARIABLES_EDITOR (tess_collection_page_get_variables_editor (page));
  row = add_variable (variables, "apiKey", "k-123456");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tess_variables_editor_get_secret_switch (variables, row)), TRUE);
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (tess_variables_editor_get_entry (variables, row, TRUE))));
  g_assert_cmpstr (tess_kv_list_lookup (tess_item_get_variables (collection), "apiKey", FALSE), ==, "k-123456");
  assert_saved (collection, "\"apiKey\"", TRUE);
  /* Not secret again: a collection variable goes back to having no type. */
  {
    GPtrArray *list = tess_item_get_variables (collection);
    TessKeyValue *kv = g_ptr_array_index (list, list->len - 1);
    GtkWidget *secret = tess_variables_editor_get_secret_switch (variables, row);

    g_assert_cmpstr (kv->type, ==, "secret");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (secret), FALSE);
    g_assert_null (kv->type);
    g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (tess_variables_editor_get_entry (variables, row, TRUE))));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (secret), TRUE);
    g_assert_cmpstr (kv->type, ==, "secret");
  }

  /* The same Authorization panel as requests; the requests inside inherit it. */
  tess_auth_panel_set_auth_type (TESS_AUTH_PANEL (tess_collection_page_get_auth_panel (page)), "bearer");
  g_assert_nonnull (tess_item_get_auth (collection));
  assert_saved (collection, "\"bearer\"", TRUE);
  save_snapshot ("collection-page", NULL);

  gtk_editable_set_text (GTK_EDITABLE (tess_collection_page_get_name_row (page)), "Payments API");
  g_signal_emit_by_name (tess_collection_page_get_name_row (page), "apply");
  tab = adw_tab_view_get_page (tess_window_get_tab_view (fx.window), GTK_WIDGET (page));
  g_assert_cmpstr (adw_tab_page_get_title (tab), ==, "Payments API");
  assert_saved (collection, "\"Payments API\"", TRUE);

  /* A folder: no variables in Postman's format. */
  select_row ("Admin");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar ()), "sidebar.open", NULL));
  g_assert_true (TESS_IS_COLLECTION_PAGE (tess_window_get_current_page (fx.window)));
  g_assert_null (tess_collection_page_get_variables_editor (TESS_COLLECTION_PAGE (tess_window_get_current_page (fx.window))));

  /* Collection and folder tabs come back too. */
  gtk_window_destroy (GTK_WINDOW (fx.window));
  fx.window = tess_window_new (fx.app);
  show_window ();
  g_assert_nonnull (find_collection_tab ("Payments API"));
  g_assert_nonnull (find_collection_tab ("Admin"));
  g_assert_true (tess_window_get_current_page (fx.window) == GTK_WIDGET (find_collection_tab ("Admin")));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!tess_ui_test_check_display (&argc, &argv, "/ui/sidebar", "no display: run the UI tests under xvfb-run"))
    return g_test_run ();

  /* Before GTK starts its threads: setenv is not thread-safe. */
  fx.workspace = tess_ui_test_make_workspace ();
  fx.state_dir = tess_test_make_tmpdir ();
  g_setenv ("XDG_STATE_HOME", fx.state_dir, TRUE);
  tess_ui_test_init_gtk (&argc, &argv, FALSE);
  g_assert_true (g_str_has_prefix (g_get_user_state_dir (), fx.state_dir));

  fx.server = tess_test_server_new ();
  tess_test_server_add_response (fx.server, "/json", 200, "application/json",
                                 g_bytes_new_static ("{\"env\":\"local\"}", 15), NULL);
  tess_test_server_add_response (fx.server, "/v2/json", 200, "application/json",
                                 g_bytes_new_static ("{\"env\":\"staging\"}", 17), NULL);
  fx.app = tess_ui_test_app_new (0);
  fx.window = tess_ui_test_app_activate (fx.app);
  show_window ();

  g_test_add_func ("/ui/sidebar/create", test_create);
  g_test_add_func ("/ui/sidebar/context-menu", test_context_menu);
  g_test_add_func ("/ui/sidebar/rename", test_rename);
  g_test_add_func ("/ui/sidebar/duplicate", test_duplicate);
  g_test_add_func ("/ui/sidebar/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/sidebar/filter", test_filter);
  g_test_add_func ("/ui/sidebar/move", test_move);
  g_test_add_func ("/ui/sidebar/tabs-restore", test_tabs_restore);
  g_test_add_func ("/ui/sidebar/environments-edit", test_environment_edit);
  g_test_add_func ("/ui/sidebar/environments-switch", test_environment_switch);
  g_test_add_func ("/ui/sidebar/collection-page", test_collection_page);
  /* Last: the others expect “Payments” to be the only collection. */
  g_test_add_func ("/ui/sidebar/move-collections", test_move_collections);
  g_test_add_func ("/ui/sidebar/duplicate-collection", test_duplicate_collection);
  status = g_test_run ();

  tess_ui_test_quit (fx.app, GTK_WINDOW (fx.window));
  g_clear_object (&fx.app);
  tess_test_server_free (fx.server);
  g_free (fx.workspace);
  g_free (fx.state_dir);
  return status;
}
