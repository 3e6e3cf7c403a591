#include "tess-method-picker.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tess-ui-util.h"

struct _TessMethodPicker
{
  GtkWidget parent_instance;

  GtkWidget *button;
  GtkWidget *label;
  GtkWidget *popover;
  GtkWidget *custom_entry;
  char *method;
};

G_DEFINE_FINAL_TYPE (TessMethodPicker, tess_method_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_METHOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* RFC 9110 token characters: what a method may be made of. */
static gboolean
is_token (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
verb_activated_cb (GtkListBox       *box,
                   GtkListBoxRow    *row,
                   TessMethodPicker *self)
{
  const char *verb = g_object_get_data (G_OBJECT (row), "verb");

  tess_method_picker_set_method (self, verb);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
custom_activate_cb (GtkEntry         *entry,
                    TessMethodPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (!is_token (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }
  tess_method_picker_set_method (self, text);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
custom_changed_cb (GtkEditable *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static GtkWidget *
build_popover (TessMethodPicker *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  for (guint i = 0; tess_common_methods[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (tess_common_methods[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "method-tag");
      gtk_widget_add_css_class (label, tess_method_css_class (tess_common_methods[i]));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "verb", (gpointer) tess_common_methods[i]);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (verb_activated_cb), self);

  self->custom_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->custom_entry), _("Other method"));
  gtk_widget_set_tooltip_text (self->custom_entry, _("Type any method, such as PROPFIND, and press Enter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->custom_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Other method"), -1);
  gtk_entry_set_max_length (GTK_ENTRY (self->custom_entry), 64);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->custom_entry), 12);
  g_signal_connect (self->custom_entry, "activate", G_CALLBACK (custom_activate_cb), self);
  g_signal_connect (self->custom_entry, "changed", G_CALLBACK (custom_changed_cb), NULL);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), self->custom_entry);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  TessMethodPicker *self = user_data;

  if (self->popover != NULL)
    return;
  self->popover = build_popover (self);
  gtk_menu_button_set_popover (button, self->popover);
}

static void
tess_method_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TessMethodPicker *self = TESS_METHOD_PICKER (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_method_picker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TessMethodPicker *self = TESS_METHOD_PICKER (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      tess_method_picker_set_method (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_method_picker_dispose (GObject *object)
{
  TessMethodPicker *self = TESS_METHOD_PICKER (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  G_OBJECT_CLASS (tess_method_picker_parent_class)->dispose (object);
}

static void
tess_method_picker_finalize (GObject *object)
{
  TessMethodPicker *self = TESS_METHOD_PICKER (object);

  g_free (self->method);
  G_OBJECT_CLASS (tess_method_picker_parent_class)->finalize (object);
}

static void
tess_method_picker_class_init (TessMethodPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tess_method_picker_get_property;
  object_class->set_property = tess_method_picker_set_property;
  object_class->dispose = tess_method_picker_dispose;
  object_class->finalize = tess_method_picker_finalize;

  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, "GET",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "methodpicker");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tess_method_picker_init (TessMethodPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  self->method = g_strdup ("GET");
  self->label = gtk_label_new (self->method);
  gtk_widget_add_css_class (self->label, "method-tag");
  tess_widget_set_method_class (self->label, self->method);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), arrow);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), box);
  /* Every tab has a picker; few are ever opened. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->button), create_popup_cb, self, NULL);
  /* GTK 4.8 names a menu button after its "label" property only, not
   * after the text it shows: the name is the method, the tooltip says
   * what it is. */
  tess_widget_set_accessible_label (self->button, self->method, _("Method"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
tess_method_picker_new (void)
{
  return g_object_new (TESS_TYPE_METHOD_PICKER, NULL);
}

const char *
tess_method_picker_get_method (TessMethodPicker *self)
{
  g_return_val_if_fail (TESS_IS_METHOD_PICKER (self), NULL);
  return self->method;
}

void
tess_method_picker_set_method (TessMethodPicker *self,
                               const char       *method)
{
  g_return_if_fail (TESS_IS_METHOD_PICKER (self));

  if (method == NULL || *method == '\0')
    method = "GET";
  if (g_strcmp0 (self->method, method) == 0)
    return;
  g_free (self->method);
  self->method = g_strdup (method);
  gtk_label_set_label (GTK_LABEL (self->label), method);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, method, -1);
  tess_widget_set_method_class (self->label, method);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}
