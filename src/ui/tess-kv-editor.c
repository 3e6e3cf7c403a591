#include "tess-kv-editor.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tess-kv.h"
#include "tess-prepared-request.h"
#include "tess-ui-util.h"

struct _TessKvEditor
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *rows;
  GtkWidget *add_button;
  GtkWidget *generated_title;
  GtkWidget *generated_rows;
  GtkWidget *problem_label;

  GPtrArray *list;
  gboolean new_value_empty;
  guint n_generated;
};

G_DEFINE_FINAL_TYPE (TessKvEditor, tess_kv_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows remember their index, not the TessKeyValue: the list may be rebuilt
 * under us (a URL edit re-reads the query), and a stale pointer would dangle. */
static TessKeyValue *
row_kv (TessKvEditor *self,
        GtkWidget    *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));

  if (self->list == NULL || index >= self->list->len)
    return NULL;
  return g_ptr_array_index (self->list, index);
}

static void
key_changed_cb (GtkEditable  *editable,
                TessKvEditor *self)
{
  TessKeyValue *kv = row_kv (self, GTK_WIDGET (editable));

  if (kv == NULL)
    return;
  g_free (kv->key);
  kv->key = g_strdup (gtk_editable_get_text (editable));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
value_changed_cb (GtkEditable  *editable,
                  TessKvEditor *self)
{
  TessKeyValue *kv = row_kv (self, GTK_WIDGET (editable));
  const char *text = gtk_editable_get_text (editable);

  if (kv == NULL)
    return;
  g_free (kv->value);
  /* An empty value of a query param stays absent, so "?flag" keeps its shape. */
  kv->value = (*text == '\0' && !self->new_value_empty) ? NULL : g_strdup (text);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
enabled_toggled_cb (GtkCheckButton *check,
                    TessKvEditor   *self)
{
  TessKeyValue *kv = row_kv (self, GTK_WIDGET (check));

  if (kv == NULL)
    return;
  kv->enabled = gtk_check_button_get_active (check);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (GtkButton    *button,
                   TessKvEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));

  if (self->list == NULL || index >= self->list->len)
    return;
  g_ptr_array_remove_index (self->list, index);
  tess_kv_editor_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
build_row (TessKvEditor *self,
           TessKeyValue *kv,
           guint         index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *key = gtk_entry_new ();
  GtkWidget *value = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (row, "kv-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), kv->enabled);
  tess_widget_set_accessible_label (check, _("Send this entry"), NULL);
  gtk_editable_set_text (GTK_EDITABLE (key), kv->key ? kv->key : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (key), _("Name"));
  gtk_widget_set_hexpand (key, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (key), 8);
  gtk_editable_set_text (GTK_EDITABLE (value), kv->value ? kv->value : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (value), _("Value"));
  gtk_widget_set_hexpand (value, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 8);
  gtk_widget_add_css_class (remove, "flat");
  tess_widget_set_accessible_label (remove, _("Remove"), NULL);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);

  gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "key-entry", key);
  g_object_set_data (G_OBJECT (row), "value-entry", value);
  g_object_set_data (G_OBJECT (row), "check", check);

  /* Connected after the text is set: loading is not an edit. */
  g_signal_connect (check, "toggled", G_CALLBACK (enabled_toggled_cb), self);
  g_signal_connect (key, "changed", G_CALLBACK (key_changed_cb), self);
  g_signal_connect (value, "changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  return row;
}

static void
add_clicked_cb (GtkButton    *button,
                TessKvEditor *self)
{
  tess_kv_editor_add_row (self);
}

static GtkWidget *
build_generated_row (TessParam *param)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>: %s", param->name,
                                                    param->value ? param->value : "");
  const char *origin = param->origin_label;

  if (origin == NULL)
    origin = param->origin == TESS_ORIGIN_BODY ? _("From the body") : _("From authorization");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), origin);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_tooltip_text (icon, _("Generated when the request is sent; read-only"));
  gtk_widget_add_css_class (row, "generated-row");
  return row;
}

static void
tess_kv_editor_dispose (GObject *object)
{
  TessKvEditor *self = TESS_KV_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (tess_kv_editor_parent_class)->dispose (object);
}

static void
tess_kv_editor_class_init (TessKvEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_kv_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kveditor");
}

static void
tess_kv_editor_init (TessKvEditor *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->new_value_empty = TRUE;

  self->rows = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->rows, "boxed-list");
  gtk_box_append (GTK_BOX (self->box), self->rows);

  self->add_button = gtk_button_new ();
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->add_button);

  self->generated_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->generated_title), 0);
  gtk_widget_add_css_class (self->generated_title, "heading");
  gtk_widget_set_margin_top (self->generated_title, 6);
  gtk_box_append (GTK_BOX (self->box), self->generated_title);

  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->problem_label), TRUE);
  gtk_widget_add_css_class (self->problem_label, "error");
  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->problem_label);

  self->generated_rows = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->generated_rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->generated_rows, "boxed-list");
  gtk_box_append (GTK_BOX (self->box), self->generated_rows);

  gtk_widget_set_visible (self->generated_title, FALSE);
  gtk_widget_set_visible (self->generated_rows, FALSE);
}

GtkWidget *
tess_kv_editor_new (const char *add_label,
                    const char *generated_title)
{
  TessKvEditor *self = g_object_new (TESS_TYPE_KV_EDITOR, NULL);
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), add_label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->add_button), content);
  gtk_label_set_label (GTK_LABEL (self->generated_title), generated_title);
  return GTK_WIDGET (self);
}

void
tess_kv_editor_set_list (TessKvEditor *self,
                         GPtrArray    *list)
{
  g_return_if_fail (TESS_IS_KV_EDITOR (self));

  self->list = list;
  tess_kv_editor_reload (self);
}

GPtrArray *
tess_kv_editor_get_list (TessKvEditor *self)
{
  g_return_val_if_fail (TESS_IS_KV_EDITOR (self), NULL);
  return self->list;
}

void
tess_kv_editor_set_new_value_empty (TessKvEditor *self,
                                    gboolean      empty_string)
{
  g_return_if_fail (TESS_IS_KV_EDITOR (self));
  self->new_value_empty = empty_string;
}

void
tess_kv_editor_reload (TessKvEditor *self)
{
  g_return_if_fail (TESS_IS_KV_EDITOR (self));

  tess_list_box_remove_all (GTK_LIST_BOX (self->rows));
  if (self->list != NULL)
    for (guint i = 0; i < self->list->len; i++)
      gtk_list_box_append (GTK_LIST_BOX (self->rows),
                           build_row (self, g_ptr_array_index (self->list, i), i));
  gtk_widget_set_visible (self->rows, self->list != NULL && self->list->len > 0);
  gtk_widget_set_sensitive (self->add_button, self->list != NULL);
}

void
tess_kv_editor_set_generated (TessKvEditor *self,
                              GPtrArray    *params,
                              const char   *problem)
{
  g_return_if_fail (TESS_IS_KV_EDITOR (self));

  tess_list_box_remove_all (GTK_LIST_BOX (self->generated_rows));
  self->n_generated = 0;
  if (params != NULL)
    for (guint i = 0; i < params->len; i++)
      {
        TessParam *param = g_ptr_array_index (params, i);

        if (param->origin == TESS_ORIGIN_MANUAL)
          continue;
        gtk_list_box_append (GTK_LIST_BOX (self->generated_rows), build_generated_row (param));
        self->n_generated++;
      }

  gtk_label_set_label (GTK_LABEL (self->problem_label), problem ? problem : "");
  gtk_widget_set_visible (self->problem_label, problem != NULL);
  gtk_widget_set_visible (self->generated_rows, self->n_generated > 0);
  gtk_widget_set_visible (self->generated_title, self->n_generated > 0 || problem != NULL);
}

guint
tess_kv_editor_get_n_generated (TessKvEditor *self)
{
  g_return_val_if_fail (TESS_IS_KV_EDITOR (self), 0);
  return self->n_generated;
}

guint
tess_kv_editor_add_row (TessKvEditor *self)
{
  GtkListBoxRow *row;
  TessKeyValue *kv;
  guint index;

  g_return_val_if_fail (TESS_IS_KV_EDITOR (self), 0);
  g_return_val_if_fail (self->list != NULL, 0);

  kv = tess_kv_list_add (self->list, "", "");
  if (!self->new_value_empty)
    g_clear_pointer (&kv->value, g_free);
  index = self->list->len - 1;
  tess_kv_editor_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->rows), index);
  if (row != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "key-entry"));
  return index;
}

guint
tess_kv_editor_get_n_rows (TessKvEditor *self)
{
  g_return_val_if_fail (TESS_IS_KV_EDITOR (self), 0);
  return self->list ? self->list->len : 0;
}

GtkEditable *
tess_kv_editor_get_row_entry (TessKvEditor *self,
                              guint         index,
                              gboolean      value)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TESS_IS_KV_EDITOR (self), NULL);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->rows), index);
  return row ? g_object_get_data (G_OBJECT (row), value ? "value-entry" : "key-entry") : NULL;
}

GtkCheckButton *
tess_kv_editor_get_row_check (TessKvEditor *self,
                              guint         index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TESS_IS_KV_EDITOR (self), NULL);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->rows), index);
  return row ? g_object_get_data (G_OBJECT (row), "check") : NULL;
}
