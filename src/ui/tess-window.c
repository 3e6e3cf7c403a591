#include "config.h"

#include "tess-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tess-import-dialog.h"
#include "tess-collection-page.h"
#include "tess-environment-editor.h"
#include "tess-export.h"
#include "tess-find-action.h"
#include "tess-request-page.h"
#include "tess-sidebar.h"
#include "tess-tab-state.h"
#include "tess-ui-util.h"

struct _TessWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *shortcuts;        /* built when first shown */
  GtkWidget *primary_menu_button;
  GMenuModel *primary_menu;
  GtkWidget *sidebar_pane;
  GtkWidget *content_pane;
  GtkWidget *problem_revealer;
  GtkWidget *problem_label;
  GtkWidget *secrets_revealer;
  GtkWidget *secrets_label;
  GtkWidget *sidebar;
  AdwWindowTitle *window_title;
  GtkWidget *environment_dropdown;
  GtkWidget *content_stack;
  AdwTabView *tab_view;

  TessApplication *application;
  TessWorkspace *workspace;
  TessEnvironment *environment;
  TessTabState *tab_state;
  GtkStringList *environment_names;
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;
  gboolean console_visible;
  gboolean closing;
};

G_DEFINE_FINAL_TYPE (TessWindow, tess_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION_OBJECT,
  PROP_CONSOLE_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_current (TessWindow *self);

static TessRequestPage *
current_page (TessWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  /* Collection and folder tabs have no request to send or save. */
  return TESS_IS_REQUEST_PAGE (child) ? TESS_REQUEST_PAGE (child) : NULL;
}

/* The item a tab shows, whatever kind of page it is. */
static TessItem *
page_item (GtkWidget *child)
{
  if (TESS_IS_REQUEST_PAGE (child))
    return tess_request_page_get_item (TESS_REQUEST_PAGE (child));
  if (TESS_IS_COLLECTION_PAGE (child))
    return tess_collection_page_get_item (TESS_COLLECTION_PAGE (child));
  return NULL;
}

static void
for_each_page (TessWindow *self,
               void      (*func) (TessRequestPage *page, gpointer data),
               gpointer    data)
{
  int n = adw_tab_view_get_n_pages (self->tab_view);

  for (int i = 0; i < n; i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i));

      if (TESS_IS_REQUEST_PAGE (child))
        func (TESS_REQUEST_PAGE (child), data);
    }
}

void
tess_window_add_toast (TessWindow *self,
                       const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Environments ---------------------------------------------------------- */

static void
set_page_environment (TessRequestPage *page,
                      gpointer         data)
{
  TessWindow *self = data;

  tess_request_page_set_environment (page, self->environment);
  tess_request_page_set_globals (page, tess_workspace_get_globals (self->workspace));
}

static void
environment_selected_cb (GtkDropDown *dropdown,
                         GParamSpec  *pspec,
                         TessWindow  *self)
{
  GListModel *environments = tess_workspace_get_environments (self->workspace);
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(TessEnvironment) environment = NULL;
  GSettings *settings = tess_application_get_settings (self->application);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    environment = g_list_model_get_item (environments, selected - 1);
  g_set_object (&self->environment, environment);
  for_each_page (self, set_page_environment, self);
  if (settings != NULL && !tess_application_get_loading (self->application))
    g_settings_set_string (settings, "environment",
                           environment ? tess_environment_get_id (environment) : "");
}

static void
rebuild_environments (TessWindow *self)
{
  GListModel *environments = tess_workspace_get_environments (self->workspace);
  guint n = g_list_model_get_n_items (environments);
  guint selected = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GSettings *settings = tess_application_get_settings (self->application);
  g_autofree char *wanted = settings ? g_settings_get_string (settings, "environment") : NULL;

  if (self->environment != NULL)
    {
      g_free (wanted);
      wanted = g_strdup (tess_environment_get_id (self->environment));
    }

  g_ptr_array_add (names, (gpointer) _("No Environment"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessEnvironment) env = g_list_model_get_item (environments, i);

      g_ptr_array_add (names, (gpointer) tess_environment_get_name (env));
      if (wanted != NULL && *wanted != '\0' && g_strcmp0 (tess_environment_get_id (env), wanted) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->environment_dropdown, environment_selected_cb, self);
  gtk_string_list_splice (self->environment_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->environment_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->environment_dropdown), selected);
  g_signal_handlers_unblock_by_func (self->environment_dropdown, environment_selected_cb, self);
  environment_selected_cb (GTK_DROP_DOWN (self->environment_dropdown), NULL, self);
}

static void
environments_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         TessWindow *self)
{
  rebuild_environments (self);
}

/* Loading ---------------------------------------------------------------- */

static void
show_problems (TessWindow *self)
{
  GPtrArray *problems = tess_workspace_get_problems (self->workspace);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *prefix = g_strconcat (tess_workspace_get_path (self->workspace), G_DIR_SEPARATOR_S, NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      GError *error = g_ptr_array_index (problems, i);
      const char *message = error->message;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* "collections/x.json:3:21: …" reads better than the whole path, and
       * the heading says where the workspace is. */
      if (g_str_has_prefix (message, prefix))
        message += strlen (prefix);
      g_string_append (text, message);
    }
  if (text->len > 0)
    {
      const char *heading = ngettext ("This file could not be read and is left as it is:",
                                      "These files could not be read and are left as they are:",
                                      problems->len);
      g_string_prepend_c (text, '\n');
      g_string_prepend (text, heading);
    }
  gtk_label_set_label (GTK_LABEL (self->problem_label), text->str);
  gtk_widget_set_tooltip_text (self->problem_label, tess_workspace_get_path (self->workspace));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), text->len > 0);
}

/* "Secrets are held in memory for this session only. <reason>", while the
 * keyring cannot be used. */
static void
show_secrets_message (TessWindow *self)
{
  const char *message = tess_workspace_get_secrets_message (self->workspace);

  gtk_label_set_label (GTK_LABEL (self->secrets_label), message ? message : "");
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->secrets_revealer), message != NULL);
}

static void
secrets_message_changed_cb (TessWorkspace *workspace,
                            GParamSpec    *pspec,
                            TessWindow    *self)
{
  show_secrets_message (self);
}

static void
reload_secrets_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The outcome shows through the workspace's secrets-message. */
  tess_workspace_reload_secrets_finish (TESS_WORKSPACE (source), result, &error);
}

static void
retry_secrets_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);

  tess_workspace_reload_secrets_async (self->workspace, self->cancellable, reload_secrets_cb, NULL);
}

static GtkWidget *
open_restored_cb (TessItem *item,
                  gpointer  user_data)
{
  return tess_window_open_item (TESS_WINDOW (user_data), item);
}

/* Once per window, when the workspace is there: the tabs of the last session. */
static void
restore_tabs (TessWindow *self)
{
  if (self->tab_state != NULL)
    return;
  self->tab_state = tess_tab_state_new (self->workspace, self->tab_view);
  tess_tab_state_restore (self->tab_state, open_restored_cb, self);
}

static void
loading_changed_cb (TessApplication *application,
                    GParamSpec      *pspec,
                    TessWindow      *self)
{
  gboolean loading = tess_application_get_loading (application);

  tess_sidebar_set_loading (TESS_SIDEBAR (self->sidebar), loading);
  if (loading)
    return;
  tess_sidebar_set_model (TESS_SIDEBAR (self->sidebar), tess_workspace_get_collections (self->workspace));
  rebuild_environments (self);
  show_problems (self);
  show_secrets_message (self);
  restore_tabs (self);
}

/* Tabs ------------------------------------------------------------------ */

static void
page_title_cb (TessRequestPage *page,
               GParamSpec      *pspec,
               AdwTabPage      *tab)
{
  const char *title = tess_request_page_get_title (page);
  g_autofree char *shown = tess_request_page_get_modified (page)
                           ? g_strdup_printf ("• %s", title) : g_strdup (title);
  TessWindow *self = TESS_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));

  adw_tab_page_set_title (tab, shown);
  adw_tab_page_set_loading (tab, tess_request_page_get_sending (page));
  if (self != NULL && current_page (self) == page)
    update_current (self);
}

static GtkWidget *
find_page (TessWindow *self,
           TessItem   *item)
{
  int n = adw_tab_view_get_n_pages (self->tab_view);

  for (int i = 0; i < n; i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i));

      if (page_item (child) == item)
        return child;
    }
  return NULL;
}

static void
collection_title_cb (TessCollectionPage *page,
                     GParamSpec         *pspec,
                     AdwTabPage         *tab)
{
  TessWindow *self = TESS_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));

  adw_tab_page_set_title (tab, tess_collection_page_get_title (page));
  if (self != NULL && adw_tab_view_get_selected_page (self->tab_view) == tab)
    update_current (self);
}

static GtkWidget *
open_collection_page (TessWindow *self,
                      TessItem   *item)
{
  GtkWidget *page = tess_collection_page_new (item, self->workspace);
  AdwTabPage *tab = adw_tab_view_append (self->tab_view, page);
  g_autoptr(GIcon) icon = g_themed_icon_new (tess_item_get_kind (item) == TESS_ITEM_COLLECTION
                                             ? "tess-collection-symbolic" : "folder-symbolic");

  adw_tab_page_set_icon (tab, icon);
  g_signal_connect_object (page, "notify::title", G_CALLBACK (collection_title_cb), tab, 0);
  collection_title_cb (TESS_COLLECTION_PAGE (page), NULL, tab);
  return page;
}

GtkWidget *
tess_window_open_item (TessWindow *self,
                       TessItem   *request)
{
  GtkWidget *page;
  AdwTabPage *tab;

  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (TESS_IS_ITEM (request), NULL);

  page = find_page (self, request);
  if (page == NULL && tess_item_get_kind (request) != TESS_ITEM_REQUEST)
    page = open_collection_page (self, request);
  else if (page == NULL)
    {
      page = tess_request_page_new (request, tess_application_get_sender (self->application));
      tess_request_page_set_environment (TESS_REQUEST_PAGE (page), self->environment);
      tess_request_page_set_globals (TESS_REQUEST_PAGE (page), tess_workspace_get_globals (self->workspace));
      g_object_bind_property (self, "console-visible", page, "console-visible", G_BINDING_SYNC_CREATE);
      tab = adw_tab_view_append (self->tab_view, page);
      g_signal_connect_object (page, "notify::title", G_CALLBACK (page_title_cb), tab, 0);
      g_signal_connect_object (page, "notify::modified", G_CALLBACK (page_title_cb), tab, 0);
      g_signal_connect_object (page, "notify::sending", G_CALLBACK (page_title_cb), tab, 0);
      page_title_cb (TESS_REQUEST_PAGE (page), NULL, tab);
    }
  tab = adw_tab_view_get_page (self->tab_view, page);
  adw_tab_view_set_selected_page (self->tab_view, tab);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return page;
}

/* A collection or folder tab: only closing applies. */
static void
update_current_collection (TessWindow *self)
{
  AdwTabPage *tab = adw_tab_view_get_selected_page (self->tab_view);
  TessItem *item = page_item (adw_tab_page_get_child (tab));
  TessItem *parent = item ? tess_item_get_parent (item) : NULL;
  g_autofree char *path = parent ? tess_item_dup_path (parent) : NULL;

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "close-tab")), TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "tabs");
  if (item == NULL)
    return;
  adw_window_title_set_title (self->window_title, tess_item_get_name (item));
  adw_window_title_set_subtitle (self->window_title,
                                 path ? path : tess_item_get_kind (item) == TESS_ITEM_COLLECTION
                                               ? _("Collection") : _("Folder"));
  if (tess_sidebar_get_selected (TESS_SIDEBAR (self->sidebar)) != item)
    tess_sidebar_reveal (TESS_SIDEBAR (self->sidebar), item);
}

static void
update_current (TessWindow *self)
{
  TessRequestPage *page = current_page (self);
  gboolean has_page = page != NULL;
  const char *actions[] = { "close-tab", "save", "send", "focus-url" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_page);
    }

  if (!has_page && adw_tab_view_get_selected_page (self->tab_view) != NULL)
    {
      update_current_collection (self);
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), has_page ? "tabs" : "empty");
  if (!has_page)
    {
      adw_window_title_set_title (self->window_title, "Tessera");
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  if (tess_request_page_get_modified (page))
    {
      g_autofree char *title = g_strdup_printf ("• %s", tess_request_page_get_title (page));

      adw_window_title_set_title (self->window_title, title);
    }
  else
    adw_window_title_set_title (self->window_title, tess_request_page_get_title (page));
  {
    TessItem *item = tess_request_page_get_item (page);
    TessItem *parent = tess_item_get_parent (item);
    g_autofree char *path = parent ? tess_item_dup_path (parent) : NULL;

    adw_window_title_set_subtitle (self->window_title, path ? path : _("Not in a collection"));
    /* The sidebar follows the tab, so the person sees where the request lives. */
    if (parent != NULL && tess_sidebar_get_selected (TESS_SIDEBAR (self->sidebar)) != item)
      tess_sidebar_reveal (TESS_SIDEBAR (self->sidebar), item);
  }
}

static void
selected_page_cb (AdwTabView *view,
                  GParamSpec *pspec,
                  TessWindow *self)
{
  update_current (self);
}

/* Tabs of a deleted item (or of anything inside it) close, changes and all. */
static void
item_deleted_cb (TessSidebar *sidebar,
                 TessItem    *deleted,
                 TessWindow  *self)
{
  for (int i = adw_tab_view_get_n_pages (self->tab_view) - 1; i >= 0; i--)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (tab);
      TessItem *item = page_item (child);

      while (item != NULL && item != deleted)
        item = tess_item_get_parent (item);
      if (item == NULL)
        continue;
      if (TESS_IS_REQUEST_PAGE (child))
        tess_request_page_set_modified (TESS_REQUEST_PAGE (child), FALSE);
      adw_tab_view_close_page (self->tab_view, tab);
    }
}

static void
item_activated_cb (TessSidebar *sidebar,
                   TessItem    *item,
                   TessWindow  *self)
{
  tess_window_open_item (self, item);
}

/* Saving ---------------------------------------------------------------- */

typedef struct {
  TessWindow *self;
  TessItem *collection;
  AdwTabPage *close_after;   /* a tab waiting for the save to close */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->collection);
  g_clear_object (&data->close_after);
  g_free (data);
}

static void
mark_saved (TessRequestPage *page,
            gpointer         data)
{
  TessItem *item = tess_request_page_get_item (page);

  if (tess_item_get_root (item) == data)
    tess_request_page_set_modified (page, FALSE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveData *data = user_data;
  TessWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!tess_workspace_save_collection_finish (TESS_WORKSPACE (source), result, &error))
    {
      if (data->close_after != NULL)
        adw_tab_view_close_page_finish (self->tab_view, data->close_after, FALSE);
      tess_window_add_toast (self, error->message);
      save_data_free (data);
      return;
    }
  for_each_page (self, mark_saved, data->collection);
  if (data->close_after != NULL)
    adw_tab_view_close_page_finish (self->tab_view, data->close_after, TRUE);
  save_data_free (data);
}

static void
save_collection (TessWindow *self,
                 TessItem   *collection,
                 AdwTabPage *close_after)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->self = g_object_ref (self);
  data->collection = g_object_ref (collection);
  data->close_after = close_after ? g_object_ref (close_after) : NULL;
  tess_workspace_save_collection_async (self->workspace, collection, self->cancellable,
                                        save_done_cb, data);
}

typedef struct {
  TessWindow *self;
  TessRequestPage *page;
  AdwTabPage *close_after;
  GtkWidget *name_row;
  GtkWidget *collection_row;
} SaveAsData;

static void
save_as_data_free (SaveAsData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->page);
  g_clear_object (&data->close_after);
  g_free (data);
}

static void
save_as_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SaveAsData       *data)
{
  TessWindow *self = data->self;
  TessItem *item = tess_request_page_get_item (data->page);
  GListModel *collections = tess_workspace_get_collections (self->workspace);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (data->collection_row));
  g_autoptr(TessItem) collection = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (data->name_row));

  if (!g_str_equal (response, "save"))
    {
      if (data->close_after != NULL)
        adw_tab_view_close_page_finish (self->tab_view, data->close_after, FALSE);
      save_as_data_free (data);
      return;
    }

  if (selected < g_list_model_get_n_items (collections))
    collection = g_list_model_get_item (collections, selected);
  else
    {
      g_autoptr(GError) error = NULL;

      collection = tess_item_new (TESS_ITEM_COLLECTION, _("My Requests"));
      if (!tess_workspace_add_collection (self->workspace, collection, &error))
        {
          tess_window_add_toast (self, error->message);
          if (data->close_after != NULL)
            adw_tab_view_close_page_finish (self->tab_view, data->close_after, FALSE);
          save_as_data_free (data);
          return;
        }
    }

  if (*name != '\0')
    tess_item_set_name (item, name);
  tess_item_append (collection, item);
  save_collection (self, collection, data->close_after);
  tess_sidebar_reveal (TESS_SIDEBAR (self->sidebar), item);
  update_current (self);
  save_as_data_free (data);
}

/* A request that is in no collection yet: ask for a name and a collection. */
static void
save_as (TessWindow      *self,
         TessRequestPage *page,
         AdwTabPage      *close_after)
{
  GListModel *collections = tess_workspace_get_collections (self->workspace);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Request"),
                                              _("Requests are kept in collections."));
  GtkWidget *group = adw_preferences_group_new ();
  SaveAsData *data = g_new0 (SaveAsData, 1);
  guint n = g_list_model_get_n_items (collections);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessItem) collection = g_list_model_get_item (collections, i);

      gtk_string_list_append (names, tess_item_get_name (collection));
    }
  gtk_string_list_append (names, _("New Collection “My Requests”"));

  data->self = g_object_ref (self);
  data->page = g_object_ref (page);
  data->close_after = close_after ? g_object_ref (close_after) : NULL;
  data->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (data->name_row), tess_request_page_get_title (page));
  data->collection_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->collection_row), _("Collection"));
  adw_combo_row_set_model (ADW_COMBO_ROW (data->collection_row), G_LIST_MODEL (names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->name_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->collection_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_page (TessWindow      *self,
           TessRequestPage *page,
           AdwTabPage      *close_after)
{
  TessItem *item = tess_request_page_get_item (page);
  TessItem *root = tess_item_get_root (item);

  if (root == item || tess_item_get_kind (root) != TESS_ITEM_COLLECTION)
    save_as (self, page, close_after);
  else
    save_collection (self, root, close_after);
}

/* Closing ---------------------------------------------------------------- */

typedef struct {
  TessWindow *self;
  AdwTabPage *tab;
} CloseData;

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CloseData        *data)
{
  TessWindow *self = data->self;
  TessRequestPage *page = TESS_REQUEST_PAGE (adw_tab_page_get_child (data->tab));

  if (g_str_equal (response, "save"))
    save_page (self, page, data->tab);
  else if (g_str_equal (response, "discard"))
    {
      tess_request_page_discard_changes (page);
      adw_tab_view_close_page_finish (self->tab_view, data->tab, TRUE);
    }
  else
    adw_tab_view_close_page_finish (self->tab_view, data->tab, FALSE);
  g_object_unref (data->tab);
  g_object_unref (data->self);
  g_free (data);
}

static gboolean
close_page_cb (AdwTabView *view,
               AdwTabPage *tab,
               TessWindow *self)
{
  TessRequestPage *page;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  CloseData *data;

  /* A collection page saves by itself: write what waits, and go. */
  if (TESS_IS_COLLECTION_PAGE (adw_tab_page_get_child (tab)))
    {
      tess_collection_page_flush (TESS_COLLECTION_PAGE (adw_tab_page_get_child (tab)));
      adw_tab_view_close_page_finish (view, tab, TRUE);
      return GDK_EVENT_STOP;
    }
  page = TESS_REQUEST_PAGE (adw_tab_page_get_child (tab));
  tess_request_page_cancel (page);
  if (!tess_request_page_get_modified (page) || self->closing)
    {
      adw_tab_view_close_page_finish (view, tab, TRUE);
      return GDK_EVENT_STOP;
    }

  body = g_strdup_printf (_("“%s” has changes that are not saved."), tess_request_page_get_title (page));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  data = g_new0 (CloseData, 1);
  data->self = g_object_ref (self);
  data->tab = g_object_ref (tab);
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
  return GDK_EVENT_STOP;
}

static void
count_modified (TessRequestPage *page,
                gpointer         data)
{
  if (tess_request_page_get_modified (page))
    (*(guint *) data)++;
}

static void
discard_page (TessRequestPage *page,
              gpointer         data)
{
  if (tess_request_page_get_modified (page))
    tess_request_page_discard_changes (page);
}

static void
quit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  TessWindow       *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  for_each_page (self, discard_page, NULL);
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_window_state (TessWindow *self)
{
  GSettings *settings = tess_application_get_settings (self->application);
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_boolean (settings, "console-visible", self->console_visible);
}

static gboolean
tess_window_close_request (GtkWindow *window)
{
  TessWindow *self = TESS_WINDOW (window);
  guint modified = 0;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  save_window_state (self);
  for_each_page (self, count_modified, &modified);
  if (modified == 0 || self->closing)
    {
      self->closing = TRUE;
      return FALSE;
    }

  body = g_strdup_printf (ngettext ("%u request has changes that are not saved.",
                                    "%u requests have changes that are not saved.", modified),
                          modified);
  dialog = adw_message_dialog_new (window, _("Discard Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (quit_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Import and export ------------------------------------------------------ */

/* A collection shows itself, selected and expanded in the sidebar: its
 * requests are what the person came for. An environment only changes a
 * drop-down, so it gets a toast. */
void
tess_window_show_imported (TessWindow *self,
                           GObject    *imported)
{
  g_return_if_fail (TESS_IS_WINDOW (self));

  if (TESS_IS_ENVIRONMENT (imported))
    {
      g_autofree char *message = g_strdup_printf (tess_environment_get_is_globals (TESS_ENVIRONMENT (imported))
                                                  ? _("Imported the globals") : _("Imported environment “%s”"),
                                                  tess_environment_get_name (TESS_ENVIRONMENT (imported)));

      tess_window_add_toast (self, message);
    }
  else if (TESS_IS_ITEM (imported))
    {
      GListModel *rows;
      guint n;

      tess_sidebar_reveal (TESS_SIDEBAR (self->sidebar), TESS_ITEM (imported));
      rows = tess_sidebar_get_rows (TESS_SIDEBAR (self->sidebar));
      n = g_list_model_get_n_items (rows);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
          g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

          if (item == imported)
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TessWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GObject *imported = tess_workspace_import_file_finish (TESS_WORKSPACE (source), result, &error);

  /* A closed window has nothing to show it in. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (imported != NULL)
    tess_window_show_imported (self, imported);
  else
    tess_window_add_toast (self, error->message);
}

/* Files are read and written off the main loop: a collection of thousands
 * of requests takes seconds. Each shows itself when it is in. */
void
tess_window_import_files (TessWindow *self,
                          GFile     **files,
                          guint       n_files)
{
  g_return_if_fail (TESS_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("“%s” is not a local file"), uri);

          tess_window_add_toast (self, message);
          continue;
        }
      tess_workspace_import_file_async (self->workspace, path, self->cancellable,
                                        import_done_cb, g_object_ref (self));
    }
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    TessWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      tess_window_import_files (self, (GFile **) array->pdata, array->len);
    }
  g_clear_object (&self->chooser);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Postman Files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);
  g_autoptr(GtkFileFilter) filter = json_filter ();

  if (tess_application_get_loading (self->application))
    return;
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Collections and Environments"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TessWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_export_collection_finish (result, &error))
    tess_window_add_toast (self, error->message);
  else
    tess_window_add_toast (self, _("Collection exported"));
}

typedef struct {
  TessWindow *self;
  TessItem *collection;
  char *path;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->collection);
  g_free (request->path);
  g_free (request);
}

static void
secrets_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ExportRequest    *request)
{
  if (!g_str_equal (response, "cancel"))
    tess_export_collection_async (request->collection, request->path,
                                  g_str_equal (response, "include"),
                                  request->self->cancellable, export_done_cb,
                                  g_object_ref (request->self));
  export_request_free (request);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    TessWindow      *self)
{
  TessItem *collection = g_object_get_data (G_OBJECT (dialog), "collection");
  const char *secrets = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "secrets");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_clear_object (&self->chooser);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_clear_object (&self->chooser);
      return;
    }

  if (g_strcmp0 (secrets, "true") == 0)
    {
      /* Writing secrets out is the person's call, made each time, knowingly. */
      ExportRequest *request = g_new0 (ExportRequest, 1);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *body = g_strdup_printf (_("Passwords, keys and tokens will be written to “%s” in plain text. "
                                                 "Anyone who can read the file can use them."), basename);
      GtkWidget *warning = adw_message_dialog_new (GTK_WINDOW (self), _("Export Secrets?"), body);

      request->self = g_object_ref (self);
      request->collection = g_object_ref (collection);
      request->path = g_steal_pointer (&path);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (warning),
                                        "cancel", _("_Cancel"),
                                        "exclude", _("Export _Without Secrets"),
                                        "include", _("_Include Secrets"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (warning), "include", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (warning), "exclude");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (warning), "cancel");
      g_signal_connect (warning, "response", G_CALLBACK (secrets_response_cb), request);
      gtk_window_present (GTK_WINDOW (warning));
    }
  else
    tess_export_collection_async (collection, path, FALSE, self->cancellable,
                                  export_done_cb, g_object_ref (self));
  g_clear_object (&self->chooser);
}

static TessItem *
export_target (TessWindow *self)
{
  TessItem *item = tess_sidebar_get_selected (TESS_SIDEBAR (self->sidebar));
  TessRequestPage *page = current_page (self);
  GListModel *collections = tess_workspace_get_collections (self->workspace);
  TessItem *root;

  if (item == NULL && page != NULL)
    item = tess_request_page_get_item (page);
  if (item != NULL)
    {
      root = tess_item_get_root (item);
      if (tess_item_get_kind (root) == TESS_ITEM_COLLECTION)
        return root;
    }
  if (g_list_model_get_n_items (collections) == 1)
    {
      root = g_list_model_get_item (collections, 0);
      g_object_unref (root);
      return root;
    }
  return NULL;
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);
  TessItem *collection = export_target (self);
  g_autoptr(GtkFileFilter) filter = json_filter ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (collection == NULL)
    {
      tess_window_add_toast (self, _("Select a collection in the sidebar to export it"));
      return;
    }

  title = g_strdup_printf (_("Export “%s”"), tess_item_get_name (collection));
  name = g_strdup_printf ("%s.postman_collection.json", tess_item_get_name (collection));
  g_strdelimit (name, "/\\", '-');
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "secrets",
                               _("Include passwords, keys and tokens"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "secrets", "false");
  g_object_set_data_full (G_OBJECT (self->chooser), "collection", g_object_ref (collection), g_object_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Actions ----------------------------------------------------------------- */

static void
new_request_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);
  g_autoptr(TessItem) item = tess_item_new (TESS_ITEM_REQUEST, _("Untitled Request"));
  GtkWidget *page;

  tess_item_set_method (item, "GET");
  page = tess_window_open_item (self, item);
  tess_request_page_focus_url (TESS_REQUEST_PAGE (page));
}

static void
close_tab_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);
  AdwTabPage *tab = adw_tab_view_get_selected_page (self->tab_view);

  if (tab != NULL)
    adw_tab_view_close_page (self->tab_view, tab);
}

static void
save_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);
  TessRequestPage *page = current_page (self);

  if (page != NULL)
    save_page (self, page, NULL);
}

static void
send_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TessRequestPage *page = current_page (TESS_WINDOW (user_data));

  if (page != NULL)
    tess_request_page_send (page);
}

static void
focus_url_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TessRequestPage *page = current_page (TESS_WINDOW (user_data));

  if (page != NULL)
    tess_request_page_focus_url (page);
}

static void
show_sidebar_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  adw_leaflet_navigate (TESS_WINDOW (user_data)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Not GTK's automatic help overlay: that one is built with every window,
 * and few people open it. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/tessera/Tessera/tess-shortcuts-window.ui");

      self->shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (GTK_WINDOW (self->shortcuts), GTK_WINDOW (self));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->shortcuts), TRUE);
    }
  gtk_window_present (GTK_WINDOW (self->shortcuts));
}

static void
environments_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TessWindow *self = TESS_WINDOW (user_data);

  if (!tess_application_get_loading (self->application))
    gtk_window_present (GTK_WINDOW (tess_environment_editor_new (self)));
}

static void
dismiss_problems_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (TESS_WINDOW (user_data)->problem_revealer), FALSE);
}

static const GActionEntry win_actions[] = {
  { "new-request", new_request_action },
  { "close-tab", close_tab_action },
  { "save", save_action },
  { "send", send_action },
  { "focus-url", focus_url_action },
  { "import", import_action },
  { "export", export_action },
  { "show-sidebar", show_sidebar_action },
  { "dismiss-problems", dismiss_problems_action },
  { "retry-secrets", retry_secrets_action },
  { "environments", environments_action },
  { "show-help-overlay", show_help_overlay_action },
};

/* Object -------------------------------------------------------------- */

static void
toggle_console_change_state_cb (GSimpleAction *action,
                                GVariant      *state,
                                TessWindow    *self)
{
  g_object_set (self, "console-visible", g_variant_get_boolean (state), NULL);
}

static void
console_visible_changed_cb (TessWindow    *self,
                            GParamSpec    *pspec,
                            GSimpleAction *action)
{
  g_simple_action_set_state (action, g_variant_new_boolean (self->console_visible));
}

static void
tess_window_constructed (GObject *object)
{
  TessWindow *self = TESS_WINDOW (object);
  GSettings *settings;
  g_autoptr(GSimpleAction) console = NULL;

  G_OBJECT_CLASS (tess_window_parent_class)->constructed (object);

  g_assert (TESS_IS_APPLICATION (self->application));
  gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (self->application));
  self->workspace = g_object_ref (tess_application_get_workspace (self->application));
  tess_sidebar_set_workspace (TESS_SIDEBAR (self->sidebar), self->workspace);
  g_signal_connect_object (self->workspace, "notify::secrets-message",
                           G_CALLBACK (secrets_message_changed_cb), self, 0);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  tess_find_action_install (G_ACTION_MAP (self), self->tab_view);
  tess_import_dialog_install (self);
  /* A stateful action rather than a GPropertyAction: that one holds a strong
   * reference on the window, and window and action would keep each other alive. */
  console = g_simple_action_new_stateful ("toggle-console", NULL, g_variant_new_boolean (self->console_visible));
  g_signal_connect_object (console, "change-state", G_CALLBACK (toggle_console_change_state_cb), self, 0);
  g_signal_connect_object (self, "notify::console-visible", G_CALLBACK (console_visible_changed_cb), console, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (console));

  settings = tess_application_get_settings (self->application);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      self->console_visible = g_settings_get_boolean (settings, "console-visible");
      g_simple_action_set_state (console, g_variant_new_boolean (self->console_visible));
    }

  g_signal_connect_object (tess_workspace_get_environments (self->workspace), "items-changed",
                           G_CALLBACK (environments_changed_cb), self, 0);
  g_signal_connect_object (self->application, "notify::loading",
                           G_CALLBACK (loading_changed_cb), self, 0);
  loading_changed_cb (self->application, NULL, self);
  update_current (self);
}

static void
tess_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TessWindow *self = TESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION_OBJECT:
      g_value_set_object (value, self->application);
      break;
    case PROP_CONSOLE_VISIBLE:
      g_value_set_boolean (value, self->console_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TessWindow *self = TESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION_OBJECT:
      self->application = g_value_dup_object (value);
      break;
    case PROP_CONSOLE_VISIBLE:
      if (self->console_visible != g_value_get_boolean (value))
        {
          self->console_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_window_dispose (GObject *object)
{
  TessWindow *self = TESS_WINDOW (object);

  /* Before the tabs go: their closing is not a change to remember. */
  if (self->tab_state != NULL)
    tess_tab_state_flush (self->tab_state);
  g_clear_object (&self->tab_state);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->shortcuts != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->shortcuts)));
  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->environment);
  g_clear_object (&self->environment_names);
  g_clear_object (&self->workspace);
  g_clear_object (&self->application);
  G_OBJECT_CLASS (tess_window_parent_class)->dispose (object);
}

static void
tess_window_class_init (TessWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tess_window_constructed;
  object_class->get_property = tess_window_get_property;
  object_class->set_property = tess_window_set_property;
  object_class->dispose = tess_window_dispose;
  window_class->close_request = tess_window_close_request;

  properties[PROP_APPLICATION_OBJECT] =
    g_param_spec_object ("tess-application", NULL, NULL, TESS_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSOLE_VISIBLE] =
    g_param_spec_boolean ("console-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESS_TYPE_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tessera/Tessera/tess-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TessWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, secrets_revealer);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, secrets_label);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, environment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, tab_view);
}

static void
tess_window_init (TessWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tess_menu_button_set_menu_model_lazily (GTK_MENU_BUTTON (self->primary_menu_button), self->primary_menu);

  self->cancellable = g_cancellable_new ();
  self->environment_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->environment_names, _("No Environment"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->environment_dropdown), G_LIST_MODEL (self->environment_names));
  g_signal_connect (self->environment_dropdown, "notify::selected", G_CALLBACK (environment_selected_cb), self);
  g_signal_connect (self->tab_view, "notify::selected-page", G_CALLBACK (selected_page_cb), self);
  g_signal_connect (self->tab_view, "close-page", G_CALLBACK (close_page_cb), self);
  g_signal_connect (self->sidebar, "item-activated", G_CALLBACK (item_activated_cb), self);
  g_signal_connect (self->sidebar, "item-deleted", G_CALLBACK (item_deleted_cb), self);
}

TessWindow *
tess_window_new (TessApplication *application)
{
  g_return_val_if_fail (TESS_IS_APPLICATION (application), NULL);

  return g_object_new (TESS_TYPE_WINDOW, "tess-application", application, NULL);
}

GtkWidget *
tess_window_get_shortcuts_window (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  return self->shortcuts;
}

GtkWidget *
tess_window_get_current_page (TessWindow *self)
{
  AdwTabPage *tab;

  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  tab = adw_tab_view_get_selected_page (self->tab_view);
  return tab ? adw_tab_page_get_child (tab) : NULL;
}

guint
tess_window_get_n_pages (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), 0);
  return adw_tab_view_get_n_pages (self->tab_view);
}

GtkWidget *
tess_window_get_sidebar (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  return self->sidebar;
}

AdwTabView *
tess_window_get_tab_view (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  return self->tab_view;
}

gboolean
tess_window_get_problems_shown (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_child_revealed (GTK_REVEALER (self->problem_revealer));
}

const char *
tess_window_get_secrets_banner (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->secrets_revealer)))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->secrets_label));
}

const char *
tess_window_get_problems_text (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->problem_label));
}

TessEnvironment *
tess_window_get_environment (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);
  return self->environment;
}

void
tess_window_select_environment (TessWindow *self,
                                guint       position)
{
  g_return_if_fail (TESS_IS_WINDOW (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->environment_dropdown), position);
}
