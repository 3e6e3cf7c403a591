#include "tess-environment-editor.h"

#include <glib/gi18n.h>

#include "tess-ui-util.h"

/* Folds a burst of typing into one write. */
#define SAVE_DELAY_MS 400

struct _TessEnvironmentEditor
{
  AdwPreferencesWindow parent_instance;

  TessWindow *window;             /* weak */
  TessWorkspace *workspace;
  GCancellable *cancellable;
  GtkWidget *environments_group;
  GPtrArray *environment_rows;    /* rows in environments_group */
  GtkWidget *none_check;

  /* The subpage editing one environment. */
  TessEnvironment *editing;
  GtkWidget *name_row;
  GtkWidget *subpage_title;
  GtkWidget *variables;
  guint save_id;
};

G_DEFINE_FINAL_TYPE (TessEnvironmentEditor, tess_environment_editor, ADW_TYPE_PREFERENCES_WINDOW)

static void rebuild (TessEnvironmentEditor *self);

/* Saving ------------------------------------------------------------------ */

static void
report_save (TessEnvironmentEditor *self,
             GError                *error)
{
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TessEnvironmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  tess_workspace_save_environment_finish (TESS_WORKSPACE (source), result, &error);
  report_save (self, error);
}

static void
save_globals_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TessEnvironmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  tess_workspace_save_globals_finish (TESS_WORKSPACE (source), result, &error);
  report_save (self, error);
}

static void
save_now (TessEnvironmentEditor *self,
          TessEnvironment       *environment)
{
  /* No cancellable: a save started must finish even when the window closes. */
  if (tess_environment_get_is_globals (environment))
    tess_workspace_save_globals_async (self->workspace, NULL, save_globals_done_cb, g_object_ref (self));
  else
    tess_workspace_save_environment_async (self->workspace, environment, NULL, save_done_cb, g_object_ref (self));
}

static gboolean
save_cb (gpointer data)
{
  TessEnvironmentEditor *self = data;

  self->save_id = 0;
  if (self->editing != NULL)
    save_now (self, self->editing);
  return G_SOURCE_REMOVE;
}

static void
flush_save (TessEnvironmentEditor *self)
{
  if (self->save_id == 0)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->editing != NULL)
    save_now (self, self->editing);
}

static void
variables_changed_cb (TessVariablesEditor   *editor,
                      TessEnvironmentEditor *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

/* Active environment --------------------------------------------------------- */

static TessEnvironment *
active_environment (TessEnvironmentEditor *self)
{
  return self->window ? tess_window_get_environment (self->window) : NULL;
}

/* The radio of the active environment is on, whoever chose it. */
static void
update_checks (TessEnvironmentEditor *self)
{
  TessEnvironment *active = active_environment (self);

  for (guint i = 0; i < self->environment_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->environment_rows, i);
      GtkCheckButton *check = g_object_get_data (row, "check");

      g_signal_handlers_block_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_check_button_set_active (check, g_object_get_data (row, "environment") == (gpointer) active);
      g_signal_handlers_unblock_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
}

static void
active_toggled_cb (GtkCheckButton        *check,
                   TessEnvironmentEditor *self)
{
  TessEnvironment *environment = g_object_get_data (G_OBJECT (check), "environment");

  if (gtk_check_button_get_active (check))
    tess_environment_editor_activate (self, environment);
}

/* Editing page ------------------------------------------------------------ */

/* Views of the workspace's list see a renamed environment only as a change in
 * the list: say it changed in place. */
static void
announce_renamed (TessEnvironmentEditor *self,
                  TessEnvironment       *environment)
{
  GListModel *environments = tess_workspace_get_environments (self->workspace);
  guint position;

  if (g_list_store_find (G_LIST_STORE (environments), environment, &position))
    g_list_model_items_changed (environments, position, 1, 1);
}

static void
name_applied_cb (AdwEntryRow           *row,
                 TessEnvironmentEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->editing == NULL || *name == '\0')
    return;
  tess_environment_set_name (self->editing, name);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->subpage_title), name);
  announce_renamed (self, self->editing);
  save_now (self, self->editing);
}

static void
delete_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    TessEnvironmentEditor *self)
{
  g_autoptr(TessEnvironment) environment = g_object_get_data (G_OBJECT (dialog), "environment");
  g_autoptr(GError) error = NULL;

  g_object_ref (environment);
  if (g_str_equal (response, "delete"))
    {
      if (self->editing == environment)
        {
          g_clear_handle_id (&self->save_id, g_source_remove);
          adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
        }
      if (active_environment (self) == environment)
        tess_environment_editor_activate (self, NULL);
      if (!tess_workspace_remove_environment (self->workspace, environment, &error))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
    }
  g_object_unref (self);
}

static void
delete_clicked_cb (GtkButton             *button,
                   TessEnvironmentEditor *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->editing == NULL)
    return;
  body = g_strdup_printf (_("“%s” and its variables will be deleted."), tess_environment_get_name (self->editing));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Environment?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "environment", g_object_ref (self->editing), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_clicked_cb (GtkButton             *button,
                 TessEnvironmentEditor *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static void
subpage_unmapped_cb (GtkWidget             *subpage,
                     TessEnvironmentEditor *self)
{
  flush_save (self);
}

static GtkWidget *
build_subpage (TessEnvironmentEditor *self,
               TessEnvironment       *environment)
{
  gboolean globals = tess_environment_get_is_globals (environment);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *details = adw_preferences_group_new ();
  GtkWidget *variables_group = adw_preferences_group_new ();

  tess_widget_set_accessible_label (back, _("Back"), NULL);
  g_signal_connect (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  self->subpage_title = adw_window_title_new (globals ? _("Globals") : tess_environment_get_name (environment), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->subpage_title);
  gtk_box_append (GTK_BOX (box), header);

  if (!globals)
    {
      self->name_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->name_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), tess_environment_get_name (environment));
      g_signal_connect (self->name_row, "apply", G_CALLBACK (name_applied_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), self->name_row);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (details));
    }
  else
    self->name_row = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (variables_group), _("Variables"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (variables_group),
                                         globals ? _("Every request can use these as {{name}}")
                                                 : _("Requests use these as {{name}} while the environment is active"));
  self->variables = tess_variables_editor_new ();
  tess_variables_editor_set_list (TESS_VARIABLES_EDITOR (self->variables), tess_environment_get_values (environment));
  g_signal_connect (self->variables, "changed", G_CALLBACK (variables_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (variables_group), self->variables);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (variables_group));

  if (!globals)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete Environment"));

      gtk_widget_add_css_class (delete, "destructive-action");
      gtk_widget_set_halign (delete, GTK_ALIGN_START);
      g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), delete);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  g_signal_connect (box, "unmap", G_CALLBACK (subpage_unmapped_cb), self);
  return box;
}

/* Main page --------------------------------------------------------------- */

static void
row_activated_cb (AdwActionRow          *row,
                  TessEnvironmentEditor *self)
{
  tess_environment_editor_edit (self, g_object_get_data (G_OBJECT (row), "environment"));
}

static GtkWidget *
build_row (TessEnvironmentEditor *self,
           TessEnvironment       *environment,
           const char            *title,
           const char            *subtitle,
           GtkWidget             *group_check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group_check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active_environment (self) == environment);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* Named after its row, like a radio button's label: "Use for sending"
   * alone would be the same on every row. */
  tess_widget_set_accessible_label (check, title, _("Use for sending"));
  g_object_set_data (G_OBJECT (check), "environment", environment);
  g_signal_connect (check, "toggled", G_CALLBACK (active_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "check", check);
  if (environment != NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "environment", g_object_ref (environment), g_object_unref);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
    }
  return row;
}

static char *
count_variables (TessEnvironment *environment)
{
  guint n = tess_environment_get_values (environment)->len;

  return g_strdup_printf (ngettext ("%u variable", "%u variables", n), n);
}

static void
rebuild (TessEnvironmentEditor *self)
{
  GListModel *environments = tess_workspace_get_environments (self->workspace);

  for (guint i = 0; i < self->environment_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->environments_group),
                                  g_ptr_array_index (self->environment_rows, i));
  g_ptr_array_set_size (self->environment_rows, 0);

  /* The first check anchors the radio group: "No Environment". */
  {
    GtkWidget *row = build_row (self, NULL, _("No Environment"), _("Only collection variables and globals"), NULL);

    self->none_check = g_object_get_data (G_OBJECT (row), "check");
    g_ptr_array_add (self->environment_rows, row);
  }
  for (guint i = 0; i < g_list_model_get_n_items (environments); i++)
    {
      g_autoptr(TessEnvironment) environment = g_list_model_get_item (environments, i);
      g_autofree char *subtitle = count_variables (environment);

      g_ptr_array_add (self->environment_rows,
                       build_row (self, environment, tess_environment_get_name (environment), subtitle,
                                  self->none_check));
    }
  for (guint i = 0; i < self->environment_rows->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->environments_group),
                               g_ptr_array_index (self->environment_rows, i));
}

static void
environments_changed_cb (GListModel            *model,
                         guint                  position,
                         guint                  removed,
                         guint                  added,
                         TessEnvironmentEditor *self)
{
  rebuild (self);
}

static void
add_clicked_cb (GtkButton             *button,
                TessEnvironmentEditor *self)
{
  tess_environment_editor_add_environment (self, _("New Environment"));
}

static void
globals_activated_cb (AdwActionRow          *row,
                      TessEnvironmentEditor *self)
{
  tess_environment_editor_edit (self, tess_workspace_get_globals (self->workspace));
}

static void
build_main_page (TessEnvironmentEditor *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *globals_group = adw_preferences_group_new ();
  GtkWidget *globals = adw_action_row_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Environments"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-other-symbolic");
  self->environments_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->environments_group), _("Environments"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->environments_group),
                                         _("The chosen one fills {{variables}} when requests are sent"));
  tess_widget_set_accessible_label (add, _("New Environment"), NULL);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->environments_group), add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->environments_group));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (globals), _("Globals"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (globals), _("Variables for every request, in any environment"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (globals), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (globals), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_signal_connect (globals, "activated", G_CALLBACK (globals_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (globals_group), globals);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (globals_group));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

/* Overrides --------------------------------------------------------------- */

static void
tess_environment_editor_dispose (GObject *object)
{
  TessEnvironmentEditor *self = TESS_ENVIRONMENT_EDITOR (object);

  flush_save (self);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (tess_workspace_get_environments (self->workspace),
                                          environments_changed_cb, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->editing);
  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->environment_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (tess_environment_editor_parent_class)->dispose (object);
}

static void
tess_environment_editor_class_init (TessEnvironmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_environment_editor_dispose;
}

static void
tess_environment_editor_init (TessEnvironmentEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->environment_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Environments"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  build_main_page (self);
}

/* Public API ---------------------------------------------------------------- */

GtkWidget *
tess_environment_editor_new (TessWindow *window)
{
  TessEnvironmentEditor *self;
  TessApplication *application;

  g_return_val_if_fail (TESS_IS_WINDOW (window), NULL);

  application = TESS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  self = g_object_new (TESS_TYPE_ENVIRONMENT_EDITOR,
                       "transient-for", window,
                       "modal", TRUE,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  self->workspace = g_object_ref (tess_application_get_workspace (application));
  g_signal_connect_object (tess_workspace_get_environments (self->workspace), "items-changed",
                           G_CALLBACK (environments_changed_cb), self, 0);
  rebuild (self);
  return GTK_WIDGET (self);
}

void
tess_environment_editor_edit (TessEnvironmentEditor *self,
                              TessEnvironment       *environment)
{
  g_return_if_fail (TESS_IS_ENVIRONMENT_EDITOR (self));
  g_return_if_fail (TESS_IS_ENVIRONMENT (environment));

  flush_save (self);
  g_set_object (&self->editing, environment);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), build_subpage (self, environment));
}

TessEnvironment *
tess_environment_editor_add_environment (TessEnvironmentEditor *self,
                                         const char            *name)
{
  g_autoptr(TessEnvironment) environment = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TESS_IS_ENVIRONMENT_EDITOR (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  environment = tess_environment_new (name);
  if (!tess_workspace_add_environment (self->workspace, environment, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return NULL;
    }
  save_now (self, environment);
  tess_environment_editor_edit (self, environment);
  return environment;   /* the workspace holds it */
}

TessEnvironment *
tess_environment_editor_get_editing (TessEnvironmentEditor *self)
{
  g_return_val_if_fail (TESS_IS_ENVIRONMENT_EDITOR (self), NULL);
  return self->editing;
}

TessVariablesEditor *
tess_environment_editor_get_variables_editor (TessEnvironmentEditor *self)
{
  g_return_val_if_fail (TESS_IS_ENVIRONMENT_EDITOR (self), NULL);
  return self->editing ? TESS_VARIABLES_EDITOR (self->variables) : NULL;
}

GtkWidget *
tess_environment_editor_get_name_row (TessEnvironmentEditor *self)
{
  g_return_val_if_fail (TESS_IS_ENVIRONMENT_EDITOR (self), NULL);
  return self->editing ? self->name_row : NULL;
}

void
tess_environment_editor_activate (TessEnvironmentEditor *self,
                                  TessEnvironment       *environment)
{
  GListModel *environments;
  guint position = 0;

  g_return_if_fail (TESS_IS_ENVIRONMENT_EDITOR (self));

  environments = tess_workspace_get_environments (self->workspace);
  if (environment != NULL && g_list_store_find (G_LIST_STORE (environments), environment, &position))
    position++;
  else
    position = 0;
  if (self->window != NULL)
    tess_window_select_environment (self->window, position);
  update_checks (self);
}
