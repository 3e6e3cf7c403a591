/* The sidebar's commands: new collection, folder and request, rename,
 * duplicate, and delete with Undo. */
#include "tess-sidebar.h"
#include "tess-sidebar-private.h"

#include <glib/gi18n.h>

#include "tess-postman-build.h"

/* A delete waiting for its toast to go: until then Undo puts it back. */
typedef struct {
  TessSidebar *self;       /* weak: the sidebar commits what is left on dispose */
  TessItem *item;
  TessItem *parent;        /* NULL for a collection */
  guint position;
  AdwToast *toast;
  gboolean done;
} PendingDelete;

typedef void (*NameCallback) (TessSidebar *self,
                              TessItem    *target,
                              const char  *name);

/* The collection or folder new items go into, for the selected row. */
static TessItem *
selected_container (TessSidebar *self)
{
  TessItem *item = tess_sidebar_get_selected (self);

  if (item != NULL && tess_item_get_kind (item) == TESS_ITEM_REQUEST)
    item = tess_item_get_parent (item);
  return item;
}

/* Naming dialog ----------------------------------------------------------- */

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  TessSidebar      *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  TessItem *target = g_object_get_data (G_OBJECT (dialog), "target");
  NameCallback callback = g_object_get_data (G_OBJECT (dialog), "callback");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (g_str_equal (response, "ok") && *name != '\0')
    callback (self, target, name);
  g_object_unref (self);
}

static void
name_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *name != '\0');
}

static void
ask_name (TessSidebar  *self,
          const char   *heading,
          const char   *initial,
          const char   *ok_label,
          TessItem     *target,
          NameCallback  callback)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  if (target != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "target", g_object_ref (target), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "callback", callback);
  g_signal_connect (entry, "changed", G_CALLBACK (name_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (name_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Actions ----------------------------------------------------------------- */

static void
create_collection (TessSidebar *self,
                   TessItem    *target,
                   const char  *name)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, name);
  g_autoptr(GError) error = NULL;

  if (!tess_workspace_add_collection (self->workspace, collection, &error))
    {
      tess_sidebar_show_message (self, error->message);
      return;
    }
  tess_sidebar_save_root (self, collection);
  tess_sidebar_reveal_new (self, collection);
}

static void
create_folder (TessSidebar *self,
               TessItem    *target,
               const char  *name)
{
  g_autoptr(TessItem) folder = tess_item_new (TESS_ITEM_FOLDER, name);

  tess_item_append (target, folder);
  tess_sidebar_save_root (self, folder);
  tess_sidebar_reveal_new (self, folder);
}

static void
create_request (TessSidebar *self,
                TessItem    *target,
                const char  *name)
{
  g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, name);
  g_autofree char *id = tess_generate_uuid ();

  tess_item_set_id (request, id);
  tess_item_set_method (request, "GET");
  tess_item_append (target, request);
  tess_sidebar_save_root (self, request);
  tess_sidebar_reveal_new (self, request);
  tess_sidebar_emit_item_activated (self, request);
}

static void
rename_item (TessSidebar *self,
             TessItem    *target,
             const char  *name)
{
  tess_item_set_name (target, name);
  tess_sidebar_save_root (self, target);
}

static void
new_collection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);

  if (self->workspace != NULL)
    ask_name (self, _("New Collection"), _("New Collection"), _("C_reate"), NULL, create_collection);
}

static void
new_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);
  TessItem *container = selected_container (self);

  if (container != NULL)
    ask_name (self, _("New Folder"), _("New Folder"), _("C_reate"), container, create_folder);
}

static void
new_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);
  TessItem *container = selected_container (self);

  if (container != NULL)
    ask_name (self, _("New Request"), _("New Request"), _("C_reate"), container, create_request);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);
  TessItem *item = tess_sidebar_get_selected (self);

  if (item != NULL)
    tess_sidebar_emit_item_activated (self, item);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);
  TessItem *item = tess_sidebar_get_selected (self);
  g_autofree char *heading = NULL;

  if (item == NULL)
    return;
  heading = g_strdup_printf (_("Rename “%s”"), tess_item_get_name (item));
  ask_name (self, heading, tess_item_get_name (item), _("_Rename"), item, rename_item);
}

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TessSidebar) self = user_data;
  TessItem *original = TESS_ITEM (source);
  g_autoptr(TessItem) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  TessItem *parent;

  copy = tess_postman_copy_item_finish (original, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (copy == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not duplicate “%s”: %s"),
                                                  tess_item_get_name (original), error->message);

      tess_sidebar_show_message (self, message);
      return;
    }
  name = g_strdup_printf (_("%s Copy"), tess_item_get_name (original));
  tess_item_set_name (copy, name);
  if (tess_item_get_kind (copy) == TESS_ITEM_COLLECTION)
    {
      /* A collection of its own, in a file of its own, at the end of the list. */
      if (self->workspace == NULL || !tess_workspace_add_collection (self->workspace, copy, &error))
        {
          if (error != NULL)
            tess_sidebar_show_message (self, error->message);
          return;
        }
    }
  else
    {
      /* Deleted while it was being copied: so is the copy. */
      parent = tess_item_get_parent (original);
      if (parent == NULL)
        return;
      tess_item_insert (parent, tess_sidebar_child_position (parent, original) + 1, copy);
    }
  tess_sidebar_save_root (self, copy);
  tess_sidebar_reveal_new (self, copy);
}

/* A large collection or folder is copied a few items at a time, and read
 * back in a worker: the window stays live. */
static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);
  TessItem *item = tess_sidebar_get_selected (self);

  if (item == NULL)
    return;
  tess_postman_copy_item_async (item, self->cancellable, copied_cb, g_object_ref (self));
}

static void
commit_delete (PendingDelete *pending)
{
  TessSidebar *self = pending->self;
  g_autoptr(GError) error = NULL;

  if (pending->done)
    return;
  pending->done = TRUE;
  if (self == NULL)
    return;
  if (pending->parent == NULL)
    {
      g_hash_table_remove (self->hidden, pending->item);
      if (self->workspace != NULL &&
          !tess_workspace_remove_collection (self->workspace, pending->item, &error))
        tess_sidebar_show_message (self, error->message);
    }
  else
    tess_sidebar_save_root (self, pending->parent);
  if (!self->going)
    tess_sidebar_emit_item_deleted (self, pending->item);
}

static void
pending_delete_free (PendingDelete *pending)
{
  g_clear_weak_pointer (&pending->self);
  g_clear_object (&pending->item);
  g_clear_object (&pending->parent);
  g_clear_weak_pointer (&pending->toast);
  g_free (pending);
}

static void
undo_clicked_cb (AdwToast      *toast,
                 PendingDelete *pending)
{
  TessSidebar *self = pending->self;

  if (pending->done || self == NULL)
    return;
  pending->done = TRUE;
  if (pending->parent == NULL)
    {
      g_hash_table_remove (self->hidden, pending->item);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
    }
  else
    tess_item_insert (pending->parent, pending->position, pending->item);
  tess_sidebar_reveal_new (self, pending->item);
}

static void
toast_dismissed_cb (AdwToast      *toast,
                    PendingDelete *pending)
{
  commit_delete (pending);
  if (pending->self != NULL)
    g_ptr_array_remove (pending->self->pending, pending);
  pending_delete_free (pending);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);
  TessItem *item = tess_sidebar_get_selected (self);
  PendingDelete *pending;
  g_autofree char *title = NULL;
  GtkWidget *overlay = tess_sidebar_get_toast_overlay (self);

  if (item == NULL)
    return;

  pending = g_new0 (PendingDelete, 1);
  g_set_weak_pointer (&pending->self, self);
  pending->item = g_object_ref (item);
  if (tess_item_get_kind (item) == TESS_ITEM_COLLECTION)
    {
      g_hash_table_add (self->hidden, item);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
    }
  else
    {
      pending->parent = g_object_ref (tess_item_get_parent (item));
      pending->position = tess_sidebar_child_position (pending->parent, item);
      tess_item_remove (pending->parent, item);
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_ptr_array_add (self->pending, pending);

  /* Without an overlay there is nowhere to offer Undo: delete now. */
  if (overlay == NULL)
    {
      commit_delete (pending);
      g_ptr_array_remove (self->pending, pending);
      pending_delete_free (pending);
      return;
    }
  title = g_strdup_printf (_("“%s” deleted"), tess_item_get_name (item));
  pending->toast = adw_toast_new (title);
  g_object_add_weak_pointer (G_OBJECT (pending->toast), (gpointer *) &pending->toast);
  adw_toast_set_button_label (pending->toast, _("_Undo"));
  adw_toast_set_timeout (pending->toast, 8);
  adw_toast_set_priority (pending->toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (pending->toast, "button-clicked", G_CALLBACK (undo_clicked_cb), pending);
  g_signal_connect (pending->toast, "dismissed", G_CALLBACK (toast_dismissed_cb), pending);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), pending->toast);
}

/* Deletes still waiting for their toast become real: the window is going. */
void
tess_sidebar_commit_pending (TessSidebar *self)
{
  self->going = TRUE;
  while (self->pending != NULL && self->pending->len > 0)
    {
      PendingDelete *pending = g_ptr_array_steal_index (self->pending, 0);

      commit_delete (pending);
      if (pending->toast != NULL)
        g_signal_handlers_disconnect_by_data (pending->toast, pending);
      pending_delete_free (pending);
    }
}

AdwToast *
tess_sidebar_get_undo_toast (TessSidebar *self)
{
  g_return_val_if_fail (TESS_IS_SIDEBAR (self), NULL);

  for (guint i = self->pending->len; i > 0; i--)
    {
      PendingDelete *pending = g_ptr_array_index (self->pending, i - 1);

      if (!pending->done && pending->toast != NULL)
        return pending->toast;
    }
  return NULL;
}

void
tess_sidebar_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sidebar.new-collection", NULL, new_collection_action);
  gtk_widget_class_install_action (widget_class, "sidebar.new-folder", NULL, new_folder_action);
  gtk_widget_class_install_action (widget_class, "sidebar.new-request", NULL, new_request_action);
  gtk_widget_class_install_action (widget_class, "sidebar.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "sidebar.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "sidebar.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "sidebar.delete", NULL, delete_action);
}
