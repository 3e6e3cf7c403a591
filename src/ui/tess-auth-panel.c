#include "tess-auth-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tess-auth-scheme.h"
#include "tess-ui-util.h"

struct _TessAuthPanel
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *type_row;
  GtkWidget *inherit_row;
  GtkWidget *fields_box;
  GtkWidget *fields_group;

  TessItem *item;
  /* What the person had before choosing "inherit", restored if they switch back. */
  TessAuth *stashed;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (TessAuthPanel, tess_auth_panel, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_fields (TessAuthPanel *self);

/* Position 0 of the type list is "inherit"; scheme i is at i + 1. */
static const TessAuthScheme *
scheme_at (guint position)
{
  guint n_schemes;
  const TessAuthScheme * const *schemes = tess_auth_schemes (&n_schemes);

  if (position == 0 || position > n_schemes)
    return NULL;
  return schemes[position - 1];
}

static guint
position_of (const char *type)
{
  guint n_schemes;
  const TessAuthScheme * const *schemes = tess_auth_schemes (&n_schemes);

  if (type == NULL || g_str_equal (type, "inherit"))
    return 0;
  for (guint i = 0; i < n_schemes; i++)
    if (g_str_equal (schemes[i]->id, type))
      return i + 1;
  return 0;
}

static TessAuth *
current_auth (TessAuthPanel *self)
{
  return self->item ? tess_item_get_auth (self->item) : NULL;
}

static void
field_set (TessAuthPanel *self,
           const char    *key,
           const char    *value)
{
  TessAuth *auth = current_auth (self);

  if (self->loading || auth == NULL)
    return;
  tess_auth_set (auth, key, value);
  tess_item_changed (self->item);
  g_signal_emit (self, signals[CHANGED], 0);
}

static const char *
field_key (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "field-key");
}

static void
entry_changed_cb (GtkEditable   *editable,
                  TessAuthPanel *self)
{
  field_set (self, field_key (editable), gtk_editable_get_text (editable));
}

static void
switch_active_cb (GtkSwitch     *sw,
                  GParamSpec    *pspec,
                  TessAuthPanel *self)
{
  field_set (self, field_key (sw), gtk_switch_get_active (sw) ? "true" : "false");
}

static void
combo_selected_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   TessAuthPanel *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (item != NULL)
    field_set (self, field_key (row), gtk_string_object_get_string (item));
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   TessAuthPanel *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  field_set (self, field_key (buffer), text);
}

static char *
field_tooltip (const TessAuthField *field)
{
  GString *text = g_string_new (field->help ? _(field->help) : NULL);

  if (field->default_value != NULL && *field->default_value != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Default: %s"), field->default_value);
    }
  if (field->required)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, _("Required"));
    }
  return g_string_free (text, text->len == 0);
}

static GtkWidget *
build_entry_row (TessAuthPanel       *self,
                 const TessAuthField *field,
                 const char          *value)
{
  GtkWidget *row = field->kind == TESS_FIELD_SECRET ? adw_password_entry_row_new ()
                                                    : adw_entry_row_new ();

  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  if (field->kind == TESS_FIELD_NUMBER)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
  g_object_set_data (G_OBJECT (row), "field-key", (gpointer) field->key);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
  return row;
}

static GtkWidget *
build_switch_row (TessAuthPanel       *self,
                  const TessAuthField *field,
                  const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();
  const char *text = value ? value : field->default_value;
  gboolean active = text && (g_ascii_strcasecmp (text, "true") == 0 ||
                             g_str_equal (text, "1") ||
                             g_ascii_strcasecmp (text, "yes") == 0);

  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  if (field->help != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->help));
  g_object_set_data (G_OBJECT (sw), "field-key", (gpointer) field->key);
  g_signal_connect (sw, "notify::active", G_CALLBACK (switch_active_cb), self);
  return row;
}

static GtkWidget *
build_combo_row (TessAuthPanel       *self,
                 const TessAuthField *field,
                 const char          *value)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *wanted = (value && *value) ? value : field->default_value;
  guint selected = 0;
  gboolean found = FALSE;

  for (guint i = 0; field->choices && field->choices[i]; i++)
    {
      gtk_string_list_append (model, field->choices[i]);
      if (g_strcmp0 (field->choices[i], wanted) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }
  /* A value the table does not list (a hand-edited file) is kept, not lost. */
  if (!found && wanted != NULL && *wanted != '\0')
    {
      gtk_string_list_append (model, wanted);
      selected = g_list_model_get_n_items (G_LIST_MODEL (model)) - 1;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  if (field->help != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->help));
  g_object_set_data (G_OBJECT (row), "field-key", (gpointer) field->key);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  return row;
}

/* Multi-line values (claims, PEM keys) do not fit an entry row: a text view
 * under a title; secret ones stay hidden until asked for. */
static GtkWidget *
build_multiline_row (TessAuthPanel       *self,
                     const TessAuthField *field,
                     const char          *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_(field->label));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gboolean secret = field->kind == TESS_FIELD_MULTILINE_SECRET;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "multiline-field");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);

  gtk_text_buffer_set_text (buffer, value ? value : "", -1);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(field->label), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");

  if (secret)
    {
      GtkWidget *reveal = gtk_toggle_button_new ();

      gtk_button_set_icon_name (GTK_BUTTON (reveal), "view-reveal-symbolic");
      gtk_widget_add_css_class (reveal, "flat");
      tess_widget_set_accessible_label (reveal, _("Show Value"), NULL);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reveal), value == NULL || *value == '\0');
      g_object_bind_property (reveal, "active", scrolled, "visible", G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (header), reveal);
    }

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (buffer), "field-key", (gpointer) field->key);
  g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  return row;
}

static GtkWidget *
build_field_row (TessAuthPanel       *self,
                 const TessAuthField *field,
                 TessAuth            *auth)
{
  g_autofree char *value = tess_auth_dup (auth, field->key);
  g_autofree char *tooltip = field_tooltip (field);
  GtkWidget *row;

  switch (field->kind)
    {
    case TESS_FIELD_BOOL:
      row = build_switch_row (self, field, value);
      break;
    case TESS_FIELD_CHOICE:
      row = build_combo_row (self, field, value);
      break;
    case TESS_FIELD_MULTILINE:
    case TESS_FIELD_MULTILINE_SECRET:
      row = build_multiline_row (self, field, value);
      break;
    case TESS_FIELD_TEXT:
    case TESS_FIELD_SECRET:
    case TESS_FIELD_NUMBER:
    default:
      row = build_entry_row (self, field, value);
      break;
    }
  if (ADW_IS_PREFERENCES_ROW (row))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_widget_set_name (row, field->key);
  return row;
}

static void
update_inherit_row (TessAuthPanel *self)
{
  TessItem *origin = NULL;
  TessAuth *auth = NULL;
  g_autofree char *text = NULL;
  const TessAuthScheme *scheme;
  TessItem *parent = self->item ? tess_item_get_parent (self->item) : NULL;

  if (parent != NULL)
    auth = tess_item_get_effective_auth (parent, &origin);
  if (auth != NULL && origin != NULL)
    {
      g_autofree char *path = tess_item_dup_path (origin);

      scheme = tess_auth_scheme_lookup (tess_auth_get_auth_type (auth));
      /* Translators: "Basic Auth from ‘Payments / Admin’" */
      text = g_strdup_printf (_("%s from ‘%s’"),
                              scheme ? _(scheme->label) : tess_auth_get_auth_type (auth), path);
    }
  else
    text = g_strdup (parent ? _("No parent sets authorization: nothing is added")
                            : _("This request is in no collection: nothing is added"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->inherit_row), text);
}

static void
rebuild_fields (TessAuthPanel *self)
{
  TessAuth *auth = current_auth (self);
  const char *type = auth ? tess_auth_get_auth_type (auth) : "inherit";
  gboolean inherits = g_strcmp0 (type, "inherit") == 0;
  const TessAuthScheme *scheme = inherits ? NULL : tess_auth_scheme_lookup (type);
  GtkWidget *expander = NULL;

  if (self->fields_group != NULL)
    gtk_box_remove (GTK_BOX (self->fields_box), self->fields_group);
  self->fields_group = NULL;

  gtk_widget_set_visible (self->inherit_row, inherits || scheme == NULL);
  if (inherits)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inherit_row), _("Inherited"));
      update_inherit_row (self);
    }
  else if (scheme == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is kept as it is in the file, but Tessera cannot apply it"),
                                               type ? type : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inherit_row), _("Unsupported Type"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->inherit_row), text);
    }
  if (scheme == NULL || scheme->n_fields == 0)
    return;

  self->loading = TRUE;
  self->fields_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->fields_group), _(scheme->label));
  for (guint i = 0; i < scheme->n_fields; i++)
    {
      const TessAuthField *field = &scheme->fields[i];
      GtkWidget *row = build_field_row (self, field, auth);

      if (!field->advanced)
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->fields_group), row);
          continue;
        }
      if (expander == NULL)
        {
          expander = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Advanced"));
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                         _("Fixed values for testing, and rarely needed options"));
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (expander != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->fields_group), expander);
  gtk_box_append (GTK_BOX (self->fields_box), self->fields_group);
  self->loading = FALSE;
}

static void
type_selected_cb (AdwComboRow   *row,
                  GParamSpec    *pspec,
                  TessAuthPanel *self)
{
  const TessAuthScheme *scheme = scheme_at (adw_combo_row_get_selected (row));
  TessAuth *auth = current_auth (self);

  if (self->loading || self->item == NULL)
    return;

  if (scheme == NULL)
    {
      if (auth == NULL)
        return;
      g_clear_pointer (&self->stashed, tess_auth_free);
      self->stashed = tess_auth_copy (auth);
      tess_item_set_auth (self->item, NULL);
    }
  else if (auth != NULL)
    {
      if (g_strcmp0 (tess_auth_get_auth_type (auth), scheme->id) == 0)
        return;
      /* Other types' attribute lists stay in the auth object, as Postman keeps them. */
      tess_auth_set_auth_type (auth, scheme->id);
      tess_item_changed (self->item);
    }
  else
    {
      g_autoptr(TessAuth) fresh = self->stashed ? g_steal_pointer (&self->stashed)
                                                : tess_auth_new (scheme->id);

      tess_auth_set_auth_type (fresh, scheme->id);
      tess_item_set_auth (self->item, fresh);
    }

  rebuild_fields (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
tess_auth_panel_dispose (GObject *object)
{
  TessAuthPanel *self = TESS_AUTH_PANEL (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->item);
  g_clear_pointer (&self->stashed, tess_auth_free);
  G_OBJECT_CLASS (tess_auth_panel_parent_class)->dispose (object);
}

static void
tess_auth_panel_class_init (TessAuthPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_auth_panel_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "authpanel");
}

static void
tess_auth_panel_init (TessAuthPanel *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *type_group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  guint n_schemes;
  const TessAuthScheme * const *schemes = tess_auth_schemes (&n_schemes);

  gtk_string_list_append (types, _("Inherit auth from parent"));
  for (guint i = 0; i < n_schemes; i++)
    gtk_string_list_append (types, _(schemes[i]->label));

  self->type_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->type_row), _("Type"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->type_row), G_LIST_MODEL (types));
  g_signal_connect (self->type_row, "notify::selected", G_CALLBACK (type_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (type_group), self->type_row);

  self->inherit_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inherit_row), _("Inherited"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->inherit_row),
                             gtk_image_new_from_icon_name ("go-up-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (type_group), self->inherit_row);

  self->fields_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->fields_box, 12);
  gtk_widget_set_margin_bottom (self->fields_box, 24);
  gtk_widget_set_margin_start (self->fields_box, 12);
  gtk_widget_set_margin_end (self->fields_box, 12);
  gtk_box_append (GTK_BOX (self->fields_box), type_group);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->fields_box);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
tess_auth_panel_new (void)
{
  return g_object_new (TESS_TYPE_AUTH_PANEL, NULL);
}

void
tess_auth_panel_set_item (TessAuthPanel *self,
                          TessItem      *item)
{
  TessAuth *auth;

  g_return_if_fail (TESS_IS_AUTH_PANEL (self));

  /* The same item again means "reload": its auth may have been put back. */
  if (g_set_object (&self->item, item))
    g_clear_pointer (&self->stashed, tess_auth_free);
  auth = current_auth (self);
  self->loading = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->type_row),
                              position_of (auth ? tess_auth_get_auth_type (auth) : NULL));
  self->loading = FALSE;
  rebuild_fields (self);
}

TessItem *
tess_auth_panel_get_item (TessAuthPanel *self)
{
  g_return_val_if_fail (TESS_IS_AUTH_PANEL (self), NULL);
  return self->item;
}

const char *
tess_auth_panel_get_auth_type (TessAuthPanel *self)
{
  const TessAuthScheme *scheme;

  g_return_val_if_fail (TESS_IS_AUTH_PANEL (self), NULL);
  scheme = scheme_at (adw_combo_row_get_selected (ADW_COMBO_ROW (self->type_row)));
  return scheme ? scheme->id : "inherit";
}

void
tess_auth_panel_set_auth_type (TessAuthPanel *self,
                               const char    *type)
{
  g_return_if_fail (TESS_IS_AUTH_PANEL (self));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->type_row), position_of (type));
}
