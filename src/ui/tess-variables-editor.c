#include "tess-variables-editor.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tess-kv.h"
#include "tess-ui-util.h"

/* The widgets of one variable; kept on its row. */
typedef struct {
  TessVariablesEditor *self;
  TessKeyValue *kv;         /* borrowed from the list */
  GtkWidget *enabled;
  GtkWidget *key;
  GtkWidget *value;
  GtkWidget *reveal;
  GtkWidget *secret;
  char *plain_type;         /* the type to go back to when not secret */
} Row;

struct _TessVariablesEditor
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *list_box;
  GPtrArray *list;          /* borrowed */
  GPtrArray *rows;          /* Row, in list order */
  char *plain_type;
};

G_DEFINE_FINAL_TYPE (TessVariablesEditor, tess_variables_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (TessVariablesEditor *self);

static void
emit_changed (TessVariablesEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
update_masking (Row *row)
{
  gboolean secret = tess_key_value_is_secret (row->kv);
  gboolean revealed = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (row->reveal));

  gtk_entry_set_visibility (GTK_ENTRY (row->value), !secret || revealed);
  gtk_widget_set_visible (row->reveal, secret);
  gtk_button_set_icon_name (GTK_BUTTON (row->reveal), revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");
  tess_widget_set_accessible_label (row->reveal, revealed ? _("Hide Value") : _("Show Value"), NULL);
}

static void
key_changed_cb (GtkEditable *entry,
                Row         *row)
{
  g_free (row->kv->key);
  row->kv->key = g_strdup (gtk_editable_get_text (entry));
  emit_changed (row->self);
}

static void
value_changed_cb (GtkEditable *entry,
                  Row         *row)
{
  g_free (row->kv->value);
  row->kv->value = g_strdup (gtk_editable_get_text (entry));
  emit_changed (row->self);
}

static void
enabled_toggled_cb (GtkCheckButton *check,
                    Row            *row)
{
  row->kv->enabled = gtk_check_button_get_active (check);
  emit_changed (row->self);
}

static void
secret_toggled_cb (GtkToggleButton *button,
                   Row             *row)
{
  g_free (row->kv->type);
  /* Postman's two variable types: "default" and "secret". */
  row->kv->type = g_strdup (gtk_toggle_button_get_active (button) ? "secret" : row->plain_type);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->reveal), FALSE);
  update_masking (row);
  emit_changed (row->self);
}

static void
reveal_toggled_cb (GtkToggleButton *button,
                   Row             *row)
{
  update_masking (row);
}

static void
remove_clicked_cb (GtkButton *button,
                   Row       *row)
{
  TessVariablesEditor *self = row->self;

  g_ptr_array_remove (self->list, row->kv);
  reload (self);
  emit_changed (self);
}

static void
row_free (Row *row)
{
  g_free (row->plain_type);
  g_free (row);
}

static GtkWidget *
build_row (TessVariablesEditor *self,
           TessKeyValue        *kv)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  row->self = self;
  row->kv = kv;
  row->plain_type = g_strdup (kv->type != NULL && !tess_key_value_is_secret (kv) ? kv->type : self->plain_type);
  row->enabled = gtk_check_button_new ();
  row->key = gtk_entry_new ();
  row->value = gtk_entry_new ();
  row->reveal = gtk_toggle_button_new ();
  row->secret = gtk_toggle_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->enabled), kv->enabled);
  tess_widget_set_accessible_label (row->enabled, _("Use this variable"), NULL);
  gtk_editable_set_text (GTK_EDITABLE (row->key), kv->key ? kv->key : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->key), _("Name"));
  gtk_widget_set_hexpand (row->key, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row->value), kv->value ? kv->value : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->value), _("Value"));
  gtk_widget_set_hexpand (row->value, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->key), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variable name"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->value), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variable value"), -1);
  gtk_widget_add_css_class (row->reveal, "flat");
  gtk_button_set_icon_name (GTK_BUTTON (row->secret), "dialog-password-symbolic");
  tess_widget_set_accessible_label (row->secret, _("Secret"), _("Secret: masked, and kept out of exports"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->secret), tess_key_value_is_secret (kv));
  gtk_widget_add_css_class (row->secret, "flat");
  tess_widget_set_accessible_label (remove, _("Remove Variable"), NULL);
  gtk_widget_add_css_class (remove, "flat");
  update_masking (row);

  gtk_box_append (GTK_BOX (box), row->enabled);
  gtk_box_append (GTK_BOX (box), row->key);
  gtk_box_append (GTK_BOX (box), row->value);
  gtk_box_append (GTK_BOX (box), row->reveal);
  gtk_box_append (GTK_BOX (box), row->secret);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);

  g_signal_connect (row->enabled, "toggled", G_CALLBACK (enabled_toggled_cb), row);
  g_signal_connect (row->key, "changed", G_CALLBACK (key_changed_cb), row);
  g_signal_connect (row->value, "changed", G_CALLBACK (value_changed_cb), row);
  g_signal_connect (row->secret, "toggled", G_CALLBACK (secret_toggled_cb), row);
  g_signal_connect (row->reveal, "toggled", G_CALLBACK (reveal_toggled_cb), row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), row);
  g_object_set_data_full (G_OBJECT (list_row), "row", row, (GDestroyNotify) row_free);
  g_ptr_array_add (self->rows, row);
  return list_row;
}

static void
reload (TessVariablesEditor *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);
  for (guint i = 0; self->list != NULL && i < self->list->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list_box), build_row (self, g_ptr_array_index (self->list, i)));
  gtk_widget_set_visible (self->list_box, self->list != NULL && self->list->len > 0);
}

static void
add_clicked_cb (GtkButton           *button,
                TessVariablesEditor *self)
{
  tess_variables_editor_add_row (self);
}

static void
tess_variables_editor_dispose (GObject *object)
{
  TessVariablesEditor *self = TESS_VARIABLES_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->plain_type, g_free);
  self->list = NULL;
  G_OBJECT_CLASS (tess_variables_editor_parent_class)->dispose (object);
}

static void
tess_variables_editor_class_init (TessVariablesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_variables_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "variableseditor");
}

static void
tess_variables_editor_init (TessVariablesEditor *self)
{
  GtkWidget *add = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  self->rows = g_ptr_array_new ();
  self->plain_type = g_strdup ("default");
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Variables"), -1);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Variable"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (add), content);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->list_box);
  gtk_box_append (GTK_BOX (self->box), add);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  reload (self);
}

GtkWidget *
tess_variables_editor_new (void)
{
  return g_object_new (TESS_TYPE_VARIABLES_EDITOR, NULL);
}

void
tess_variables_editor_set_list (TessVariablesEditor *self,
                                GPtrArray           *list)
{
  g_return_if_fail (TESS_IS_VARIABLES_EDITOR (self));

  self->list = list;
  reload (self);
}

GPtrArray *
tess_variables_editor_get_list (TessVariablesEditor *self)
{
  g_return_val_if_fail (TESS_IS_VARIABLES_EDITOR (self), NULL);
  return self->list;
}

guint
tess_variables_editor_add_row (TessVariablesEditor *self)
{
  TessKeyValue *kv;
  Row *row;

  g_return_val_if_fail (TESS_IS_VARIABLES_EDITOR (self), 0);
  g_return_val_if_fail (self->list != NULL, 0);

  kv = tess_kv_list_add (self->list, "", "");
  kv->type = g_strdup (self->plain_type);
  reload (self);
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  gtk_widget_grab_focus (row->key);
  emit_changed (self);
  return self->rows->len - 1;
}

void
tess_variables_editor_set_plain_type (TessVariablesEditor *self,
                                      const char          *type)
{
  g_return_if_fail (TESS_IS_VARIABLES_EDITOR (self));

  g_free (self->plain_type);
  self->plain_type = g_strdup (type);
  reload (self);
}

guint
tess_variables_editor_get_n_rows (TessVariablesEditor *self)
{
  g_return_val_if_fail (TESS_IS_VARIABLES_EDITOR (self), 0);
  return self->rows->len;
}

static Row *
get_row (TessVariablesEditor *self,
         guint                index)
{
  g_return_val_if_fail (TESS_IS_VARIABLES_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

GtkEditable *
tess_variables_editor_get_entry (TessVariablesEditor *self,
                                 guint                index,
                                 gboolean             value)
{
  Row *row = get_row (self, index);

  return row ? GTK_EDITABLE (value ? row->value : row->key) : NULL;
}

GtkWidget *
tess_variables_editor_get_secret_switch (TessVariablesEditor *self,
                                         guint                index)
{
  Row *row = get_row (self, index);

  return row ? row->secret : NULL;
}

GtkWidget *
tess_variables_editor_get_reveal_button (TessVariablesEditor *self,
                                         guint                index)
{
  Row *row = get_row (self, index);

  return row ? row->reveal : NULL;
}

GtkWidget *
tess_variables_editor_get_enabled_check (TessVariablesEditor *self,
                                         guint                index)
{
  Row *row = get_row (self, index);

  return row ? row->enabled : NULL;
}
