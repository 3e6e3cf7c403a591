#include "tess-curl-import-dialog.h"

#include <glib/gi18n.h>

#include "tess-application.h"
#include "tess-curl.h"
#include "tess-error.h"

struct _TessCurlImportDialog
{
  AdwMessageDialog parent_instance;

  TessWindow *window;            /* weak: the dialog is transient for it */
  GtkWidget *command_view;
  GtkWidget *target_dropdown;
  GtkWidget *problem_label;
  GtkStringList *targets;
  char *problem;
};

G_DEFINE_FINAL_TYPE (TessCurlImportDialog, tess_curl_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

static TessWorkspace *
get_workspace (TessCurlImportDialog *self)
{
  GtkApplication *app = self->window ? gtk_window_get_application (GTK_WINDOW (self->window)) : NULL;

  return TESS_IS_APPLICATION (app) ? tess_application_get_workspace (TESS_APPLICATION (app)) : NULL;
}

static char *
dup_command (TessCurlImportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->command_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Parsing as the person types tells what is wrong while they can still fix
 * it, and keeps Import off until there is something to import. */
static void
command_changed_cb (GtkTextBuffer        *buffer,
                    TessCurlImportDialog *self)
{
  g_autofree char *command = dup_command (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(TessItem) item = NULL;

  g_clear_pointer (&self->problem, g_free);
  if (*g_strstrip (command) == '\0')
    self->problem = g_strdup (_("Paste a curl command"));
  else if ((item = tess_curl_import (command, &error)) == NULL)
    self->problem = g_strdup (error->message);
  gtk_label_set_label (GTK_LABEL (self->problem_label),
                       self->problem && *command != '\0' ? self->problem : "");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "import", self->problem == NULL);
}

TessItem *
tess_curl_import_dialog_import (TessCurlImportDialog  *self,
                                GError               **error)
{
  TessWorkspace *workspace = get_workspace (self);
  g_autofree char *command = dup_command (self);
  g_autoptr(TessItem) item = NULL;
  g_autoptr(TessItem) collection = NULL;
  guint target;

  g_return_val_if_fail (TESS_IS_CURL_IMPORT_DIALOG (self), NULL);

  if (workspace == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("The curl command cannot be imported: the window has no workspace"));
      return NULL;
    }
  item = tess_curl_import (command, error);
  if (item == NULL)
    return NULL;

  target = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->target_dropdown));
  if (target == 0 || target == GTK_INVALID_LIST_POSITION)
    collection = tess_item_new (TESS_ITEM_COLLECTION, _("Imported Requests"));
  else
    collection = g_list_model_get_item (tess_workspace_get_collections (workspace), target - 1);
  g_return_val_if_fail (TESS_IS_ITEM (collection), NULL);

  tess_item_append (collection, item);
  if (!tess_workspace_save_collection (workspace, collection, error))
    {
      tess_item_remove (collection, item);
      return NULL;
    }
  tess_window_open_item (self->window, item);
  return item;
}

static void
response_cb (AdwMessageDialog     *dialog,
             const char           *response,
             TessCurlImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "import") || self->window == NULL)
    return;
  if (tess_curl_import_dialog_import (self, &error) == NULL)
    tess_window_add_toast (self->window, error->message);
}

static void
tess_curl_import_dialog_finalize (GObject *object)
{
  TessCurlImportDialog *self = TESS_CURL_IMPORT_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->targets);
  g_free (self->problem);
  G_OBJECT_CLASS (tess_curl_import_dialog_parent_class)->finalize (object);
}

static void
tess_curl_import_dialog_class_init (TessCurlImportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tess_curl_import_dialog_finalize;
}

static void
tess_curl_import_dialog_init (TessCurlImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *target_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *target_label = gtk_label_new_with_mnemonic (_("Add _to"));
  GtkTextBuffer *buffer;

  self->command_view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->command_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->command_view), GTK_WRAP_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->command_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->command_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->command_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->command_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->command_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("curl command"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->command_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_widget_add_css_class (self->problem_label, "error");
  gtk_box_append (GTK_BOX (box), self->problem_label);

  self->targets = gtk_string_list_new (NULL);
  self->target_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->targets)), NULL);
  gtk_widget_set_hexpand (self->target_dropdown, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (target_label), self->target_dropdown);
  gtk_box_append (GTK_BOX (target_box), target_label);
  gtk_box_append (GTK_BOX (target_box), self->target_dropdown);
  gtk_box_append (GTK_BOX (box), target_box);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Import a curl Command"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Paste a command, for example from a browser’s “Copy as cURL”."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  g_signal_connect (self, "response", G_CALLBACK (response_cb), self);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->command_view));
  g_signal_connect (buffer, "changed", G_CALLBACK (command_changed_cb), self);
  command_changed_cb (buffer, self);
}

GtkWidget *
tess_curl_import_dialog_new (TessWindow *window)
{
  TessCurlImportDialog *self;
  TessWorkspace *workspace;

  g_return_val_if_fail (TESS_IS_WINDOW (window), NULL);

  self = g_object_new (TESS_TYPE_CURL_IMPORT_DIALOG,
                       "transient-for", window, "modal", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  gtk_string_list_append (self->targets, _("New Collection"));
  workspace = get_workspace (self);
  if (workspace != NULL)
    {
      GListModel *collections = tess_workspace_get_collections (workspace);

      for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
        {
          g_autoptr(TessItem) collection = g_list_model_get_item (collections, i);

          gtk_string_list_append (self->targets, tess_item_get_name (collection));
        }
    }
  return GTK_WIDGET (self);
}

void
tess_curl_import_dialog_set_command (TessCurlImportDialog *self,
                                     const char           *command)
{
  g_return_if_fail (TESS_IS_CURL_IMPORT_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->command_view)), command, -1);
}

void
tess_curl_import_dialog_set_target (TessCurlImportDialog *self,
                                    guint                 position)
{
  g_return_if_fail (TESS_IS_CURL_IMPORT_DIALOG (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->target_dropdown), position);
}

const char *
tess_curl_import_dialog_get_problem (TessCurlImportDialog *self)
{
  g_return_val_if_fail (TESS_IS_CURL_IMPORT_DIALOG (self), NULL);
  return self->problem;
}

static void
import_curl_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TessWindow *window = TESS_WINDOW (user_data);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  if (TESS_IS_APPLICATION (app) && tess_application_get_loading (TESS_APPLICATION (app)))
    return;
  gtk_window_present (GTK_WINDOW (tess_curl_import_dialog_new (window)));
}

void
tess_curl_import_dialog_install (TessWindow *window)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("import-curl", NULL);

  g_return_if_fail (TESS_IS_WINDOW (window));
  g_signal_connect_object (action, "activate", G_CALLBACK (import_curl_action), window, 0);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
}
