#include "tess-collection-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tess-auth-panel.h"
#include "tess-variables-editor.h"

/* Folds a burst of typing into one write. */
#define SAVE_DELAY_MS 400

struct _TessCollectionPage
{
  GtkWidget parent_instance;

  TessItem *item;
  TessWorkspace *workspace;
  GtkWidget *scrolled;
  GtkWidget *name_row;
  GtkWidget *description;
  GtkWidget *variables;
  GtkWidget *auth_panel;
  guint save_id;
  guint saves_running;
};

G_DEFINE_FINAL_TYPE (TessCollectionPage, tess_collection_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Saving ------------------------------------------------------------------ */

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TessCollectionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  self->saves_running--;
  if (tess_workspace_save_collection_finish (TESS_WORKSPACE (source), result, &error))
    return;
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

static gboolean
save_cb (gpointer data)
{
  TessCollectionPage *self = data;
  TessItem *root = tess_item_get_root (self->item);

  self->save_id = 0;
  if (self->workspace == NULL || tess_item_get_kind (root) != TESS_ITEM_COLLECTION)
    return G_SOURCE_REMOVE;
  self->saves_running++;
  tess_workspace_save_collection_async (self->workspace, root, NULL, save_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_save (TessCollectionPage *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

/* Callbacks ----------------------------------------------------------------- */

static void
name_notify_cb (TessItem           *item,
                GParamSpec         *pspec,
                TessCollectionPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
name_applied_cb (AdwEntryRow        *row,
                 TessCollectionPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*name == '\0')
    return;
  tess_item_set_name (self->item, name);
  schedule_save (self);
}

static void
description_changed_cb (GtkTextBuffer      *buffer,
                        TessCollectionPage *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  tess_item_set_description (self->item, *text ? text : NULL);
  schedule_save (self);
}

static void
edited_cb (GtkWidget          *widget,
           TessCollectionPage *self)
{
  schedule_save (self);
}

/* Building ---------------------------------------------------------------- */

static GtkWidget *
build_content (TessCollectionPage *self)
{
  gboolean collection = tess_item_get_kind (self->item) == TESS_ITEM_COLLECTION;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *details = adw_preferences_group_new ();
  GtkWidget *description_group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *auth_group = adw_preferences_group_new ();
  const char *description = tess_item_get_description (self->item);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (details),
                                   collection ? _("Collection") : _("Folder"));
  self->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->name_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), tess_item_get_name (self->item));
  g_signal_connect (self->name_row, "apply", G_CALLBACK (name_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), self->name_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (details));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (description_group), _("Description"));
  self->description = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->description), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->description), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->description), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->description), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->description), 8);
  gtk_widget_set_size_request (self->description, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Description"), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description)),
                            description ? description : "", -1);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description)), "changed",
                    G_CALLBACK (description_changed_cb), self);
  gtk_frame_set_child (GTK_FRAME (frame), self->description);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (description_group), frame);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (description_group));

  /* Postman keeps variables on collections only. */
  if (collection)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Variables"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Every request in the collection can use these as {{name}}"));
      self->variables = tess_variables_editor_new ();
      tess_variables_editor_set_plain_type (TESS_VARIABLES_EDITOR (self->variables), NULL);
      tess_variables_editor_set_list (TESS_VARIABLES_EDITOR (self->variables), tess_item_get_variables (self->item));
      g_signal_connect (self->variables, "changed", G_CALLBACK (edited_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->variables);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (auth_group), _("Authorization"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (auth_group),
                                         _("Requests set to inherit use this"));
  self->auth_panel = tess_auth_panel_new ();
  tess_auth_panel_set_item (TESS_AUTH_PANEL (self->auth_panel), self->item);
  g_signal_connect (self->auth_panel, "changed", G_CALLBACK (edited_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (auth_group), self->auth_panel);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (auth_group));
  return page;
}

/* Overrides --------------------------------------------------------------- */

static void
tess_collection_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TessCollectionPage *self = TESS_COLLECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, tess_collection_page_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_collection_page_dispose (GObject *object)
{
  TessCollectionPage *self = TESS_COLLECTION_PAGE (object);

  if (self->item != NULL)
    tess_collection_page_flush (self);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->item);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (tess_collection_page_parent_class)->dispose (object);
}

static void
tess_collection_page_class_init (TessCollectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tess_collection_page_get_property;
  object_class->dispose = tess_collection_page_dispose;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collectionpage");
}

static void
tess_collection_page_init (TessCollectionPage *self)
{
}

/* Public API ---------------------------------------------------------------- */

GtkWidget *
tess_collection_page_new (TessItem      *item,
                          TessWorkspace *workspace)
{
  TessCollectionPage *self;

  g_return_val_if_fail (TESS_IS_ITEM (item), NULL);
  g_return_val_if_fail (tess_item_get_kind (item) != TESS_ITEM_REQUEST, NULL);
  g_return_val_if_fail (workspace == NULL || TESS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TESS_TYPE_COLLECTION_PAGE, NULL);
  self->item = g_object_ref (item);
  self->workspace = workspace ? g_object_ref (workspace) : NULL;
  self->scrolled = build_content (self);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  g_signal_connect (item, "notify::name", G_CALLBACK (name_notify_cb), self);
  return GTK_WIDGET (self);
}

TessItem *
tess_collection_page_get_item (TessCollectionPage *self)
{
  g_return_val_if_fail (TESS_IS_COLLECTION_PAGE (self), NULL);
  return self->item;
}

const char *
tess_collection_page_get_title (TessCollectionPage *self)
{
  g_return_val_if_fail (TESS_IS_COLLECTION_PAGE (self), NULL);
  return self->item ? tess_item_get_name (self->item) : NULL;
}

void
tess_collection_page_flush (TessCollectionPage *self)
{
  g_return_if_fail (TESS_IS_COLLECTION_PAGE (self));

  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_cb (self);
    }
}

gboolean
tess_collection_page_get_saving (TessCollectionPage *self)
{
  g_return_val_if_fail (TESS_IS_COLLECTION_PAGE (self), FALSE);
  return self->save_id != 0 || self->saves_running > 0;
}

GtkWidget *
tess_collection_page_get_name_row (TessCollectionPage *self)
{
  g_return_val_if_fail (TESS_IS_COLLECTION_PAGE (self), NULL);
  return self->name_row;
}

GtkTextBuffer *
tess_collection_page_get_description (TessCollectionPage *self)
{
  g_return_val_if_fail (TESS_IS_COLLECTION_PAGE (self), NULL);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description));
}

GtkWidget *
tess_collection_page_get_variables_editor (TessCollectionPage *self)
{
  g_return_val_if_fail (TESS_IS_COLLECTION_PAGE (self), NULL);
  return self->variables;
}

GtkWidget *
tess_collection_page_get_auth_panel (TessCollectionPage *self)
{
  g_return_val_if_fail (TESS_IS_COLLECTION_PAGE (self), NULL);
  return self->auth_panel;
}
