/* An accessibility audit of the real window under Xvfb. In each state a
 * person reaches (empty window, request pages, every auth form, every body
 * mode, a response, the console, a collection's page, the environment
 * editor, preferences, the dialogs that ask for a name, a narrow window) it
 * walks the widgets on screen and lists every control a screen reader
 * could not name:
 *
 *  (a) a button that shows no text (an icon) needs a tooltip and an
 *      accessible name;
 *  (b) an editable text field needs an accessible name on its GtkText or on
 *      the entry that owns it; a placeholder is not one;
 *  (c) a button that shows text, a drop-down, switch, check button, scale
 *      or text view needs an accessible name too.
 *
 * What GTK 4.8 exposes (read in gtk/gtkatcontext.c and checked through
 * AT-SPI): the name is the "label" property plus the "label" properties of
 * the "labelled-by" widgets, one level deep; with neither, AT-SPI shows the
 * type name ("GtkImage", "GtkEntry"). A tooltip only becomes the
 * description. An icon button is labelled by its GtkImage, which has no
 * label. /a11y/gtk-facts asserts these facts, so a GTK or libadwaita that
 * changes them fails here instead of making the audit wrong.
 *
 * Inner parts of GTK and libadwaita widgets (a tab's close button,
 * a password row's show-text button) are listed in the log but do not
 * fail: the application cannot name them. /a11y/summary fails, listing
 * every widget the application should fix. */
#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>

#include "tess-application.h"
#include "tess-auth-panel.h"
#include "tess-auth-scheme.h"
#include "tess-body-editor.h"
#include "tess-environment-editor.h"
#include "tess-kv-editor.h"
#include "tess-preferences-window.h"
#include "tess-request-page.h"
#include "tess-response-view.h"
#include "tess-sidebar.h"
#include "tess-test-server.h"
#include "tess-test-util.h"
#include "tess-ui-test.h"
#include "tess-window.h"

#define TIMEOUT_MS 20000

static struct {
  TessApplication *app;
  TessWindow *window;
  TessTestServer *server;
  char *workspace;
  char *collection_path;
  /* Every offender reported so far: a widget seen again in a later state
   * is not reported twice. */
  GHashTable *reported;
  /* What the application should fix, "state: problem: widget"; the last
   * test asserts it is empty. */
  GPtrArray *offenders;
} fx;

static const char json_body[] = "{\"hello\":\"world\",\"items\":[1,2,3]}";

/* Reading accessible attributes back ------------------------------------- */

/* The value of @widget's accessible "label" property, or NULL when it is
 * unset or empty. GTK 4.8 has no getter: gtk_test_accessible_check_property ()
 * returns the actual value when it differs from the one it is given. */
static char *
dup_label_property (GtkWidget *widget)
{
  static const char unlikely[] = "\x1f";
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              unlikely);
  if (value == NULL)
    return g_strdup (unlikely);
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* The widgets @widget is "labelled-by", those of them in @known. Without an
 * expected value gtk_test_accessible_check_relation () prints the actual
 * one, "GtkLabel<0x…>GtkImage<0x…>": the only public way to read it in 4.8.
 * The pointers are only used after @known, every widget of every toplevel,
 * vouches for them. */
static GPtrArray *
labelled_by (GtkWidget  *widget,
             GHashTable *known)
{
  GPtrArray *refs = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return refs;
  text = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                             NULL);
  for (const char *p = text ? strchr (text, '<') : NULL; p != NULL; p = strchr (p + 1, '<'))
    {
      gpointer ref = NULL;

      if (sscanf (p + 1, "%p", &ref) == 1 && g_hash_table_contains (known, ref))
        g_ptr_array_add (refs, ref);
    }
  return refs;
}

/* The accessible name as GTK 4.8 computes it, without its fallback to the
 * type name: NULL when a screen reader would only hear "GtkButton". */
static char *
dup_accessible_name (GtkWidget  *widget,
                     GHashTable *known)
{
  g_autoptr(GPtrArray) refs = labelled_by (widget, known);
  g_autofree char *own = dup_label_property (widget);
  GString *name = g_string_new (own);

  for (guint i = 0; i < refs->len; i++)
    {
      g_autofree char *label = dup_label_property (g_ptr_array_index (refs, i));

      if (label == NULL)
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, label);
    }
  return g_string_free (name, name->len == 0);
}

static const char *
tooltip_of (GtkWidget *widget)
{
  const char *text = gtk_widget_get_tooltip_text (widget);

  if (text == NULL || *text == '\0')
    text = gtk_widget_get_tooltip_markup (widget);
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Widgets with these roles are not shown to assistive technologies at all
 * (a spin button's +/- buttons, a button's icon). */
static gboolean
is_exposed (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  return role != GTK_ACCESSIBLE_ROLE_NONE && role != GTK_ACCESSIBLE_ROLE_PRESENTATION;
}

/* Library parts ----------------------------------------------------------- */

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *slot)
{
  return slot != NULL && (widget == slot || gtk_widget_is_ancestor (widget, slot));
}

/* Whether @widget, below the row @row, sits in one of the row's prefix or
 * suffix boxes, where the application puts its own widgets. */
static gboolean
in_row_slot (GtkWidget *widget,
             GtkWidget *row)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && w != row; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "prefixes") || gtk_widget_has_css_class (w, "suffixes"))
      return TRUE;
  return FALSE;
}

/* AdwPasswordEntryRow puts its show-text button in the suffix box when it
 * is made, before any the application adds: the box's first child. */
static gboolean
is_password_toggle (GtkWidget *widget,
                    GtkWidget *row)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && w != row; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "suffixes"))
      return is_inside (widget, gtk_widget_get_first_child (w));
  return FALSE;
}

/* The GTK or libadwaita widget whose own inner part @widget is (not a child
 * the application put in one of its slots), or NULL. Those parts are the
 * library's to name; the test lists them without failing. */
static GtkWidget *
library_owner (GtkWidget *widget)
{
  for (GtkWidget *a = gtk_widget_get_parent (widget); a != NULL; a = gtk_widget_get_parent (a))
    {
      gboolean inner = FALSE;

      if (GTK_IS_SEARCH_BAR (a))
        inner = !is_inside (widget, gtk_search_bar_get_child (GTK_SEARCH_BAR (a)));
      else if (ADW_IS_TAB_BAR (a))
        inner = !is_inside (widget, adw_tab_bar_get_start_action_widget (ADW_TAB_BAR (a))) &&
                !is_inside (widget, adw_tab_bar_get_end_action_widget (ADW_TAB_BAR (a)));
      else if (ADW_IS_TOAST_OVERLAY (a))
        inner = !is_inside (widget, adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (a)));
      else if (ADW_IS_ENTRY_ROW (a) || ADW_IS_ACTION_ROW (a))
        inner = !in_row_slot (widget, a) ||
                (ADW_IS_PASSWORD_ENTRY_ROW (a) && is_password_toggle (widget, a));
      else if (GTK_IS_DROP_DOWN (a) || GTK_IS_WINDOW_CONTROLS (a))
        inner = TRUE;
      /* Its header, view switcher and search; pages and subpages are ours. */
      else if (ADW_IS_PREFERENCES_WINDOW (a))
        inner = is_inside (widget, GTK_WIDGET (gtk_widget_get_template_child (a, ADW_TYPE_PREFERENCES_WINDOW, "preferences"))) &&
                gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_PAGE) == NULL;
      if (inner)
        return a;
    }
  return NULL;
}

/* Describing a widget -------------------------------------------------------- */

static void
append_css (GString   *text,
            GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  g_string_append (text, G_OBJECT_TYPE_NAME (widget));
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "widget") != 0 &&
      g_ascii_strcasecmp (gtk_widget_get_css_name (widget), G_OBJECT_TYPE_NAME (widget) + 3) != 0)
    g_string_append_printf (text, "(%s)", gtk_widget_get_css_name (widget));
  for (guint i = 0; classes && classes[i]; i++)
    g_string_append_printf (text, ".%s", classes[i]);
  if (g_strcmp0 (gtk_widget_get_name (widget), G_OBJECT_TYPE_NAME (widget)) != 0)
    g_string_append_printf (text, "#%s", gtk_widget_get_name (widget));
}

static GtkWidget *
find_image (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *image = find_image (child);

      if (image != NULL)
        return image;
    }
  return NULL;
}

static const char *
icon_of (GtkWidget *widget)
{
  GtkWidget *image = find_image (widget);

  if (image != NULL && gtk_image_get_storage_type (GTK_IMAGE (image)) == GTK_IMAGE_ICON_NAME)
    return gtk_image_get_icon_name (GTK_IMAGE (image));
  return NULL;
}

/* "GtkButton.flat icon 'edit-copy-symbolic' tooltip 'Copy' in TessWindow >
 * … > GtkBox.url-bar", enough to find the widget in src/ui. */
static char *
describe (GtkWidget *widget,
          gboolean   with_path)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  const char *icon = icon_of (widget);
  const char *tooltip = tooltip_of (widget);

  append_css (text, widget);
  if (icon != NULL)
    g_string_append_printf (text, " icon '%s'", icon);
  if (tooltip != NULL)
    g_string_append_printf (text, " tooltip '%s'", tooltip);
  if (GTK_IS_ENTRY (widget) && gtk_entry_get_placeholder_text (GTK_ENTRY (widget)) != NULL)
    g_string_append_printf (text, " placeholder '%s'", gtk_entry_get_placeholder_text (GTK_ENTRY (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (text, " title '%s'", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (!with_path)
    return g_string_free (text, FALSE);
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (path, w);
  g_string_append (text, " in ");
  for (guint i = path->len; i > 0; i--)
    {
      append_css (text, g_ptr_array_index (path, i - 1));
      if (i > 1)
        g_string_append (text, " > ");
    }
  return g_string_free (text, FALSE);
}

/* The audit ---------------------------------------------------------------- */

typedef struct {
  GHashTable *known;      /* every widget of every toplevel */
  GHashTable *reported;   /* lines reported in this or an earlier state */
  GPtrArray *offenders;   /* new lines the application should fix */
  GPtrArray *library;     /* new lines about library parts */
  guint n_buttons;
  guint n_texts;
  guint n_controls;
} Audit;

static void
offend (Audit      *audit,
        GtkWidget  *widget,
        const char *problem)
{
  GtkWidget *owner = library_owner (widget);
  g_autofree char *what = describe (widget, owner == NULL);
  char *line;

  /* Library parts once each, wherever they are. */
  if (owner != NULL)
    {
      line = g_strdup_printf ("%s: %s inside %s", problem, what, G_OBJECT_TYPE_NAME (owner));
      if (g_hash_table_add (audit->reported, line))
        g_ptr_array_add (audit->library, g_strdup (line));
      return;
    }
  line = g_strdup_printf ("%s: %s", problem, what);
  if (g_hash_table_add (audit->reported, line))
    g_ptr_array_add (audit->offenders, g_strdup (line));
}

/* Whether @widget shows any text: then a tooltip is not needed, but a
 * name still is. */
static gboolean
shows_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child) && shows_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
has_name (Audit     *audit,
          GtkWidget *widget)
{
  g_autofree char *name = widget ? dup_accessible_name (widget, audit->known) : NULL;

  return name != NULL;
}

/* (a), and (c) for buttons with text. GtkMenuButton's inner button is
 * labelled by the GtkMenuButton: the name and tooltip belong on the latter. */
static void
check_button (Audit     *audit,
              GtkWidget *button)
{
  GtkWidget *parent = gtk_widget_get_parent (button);
  gboolean in_menu_button = GTK_IS_MENU_BUTTON (parent);
  GtkWidget *owner = in_menu_button ? parent : button;

  audit->n_buttons++;
  /* GTK 4.8 names a button after gtk_button_set_label () or a mnemonic
   * label, not after text in a child it was given: a menu button with a
   * label child is "GtkMenuButton" to a screen reader. */
  if (shows_text (button))
    {
      if (!has_name (audit, button))
        offend (audit, owner, "(c) button that shows text but has no accessible name");
      return;
    }
  if (tooltip_of (owner) == NULL)
    offend (audit, owner, "(a) icon-only button without a tooltip");
  if (!has_name (audit, button))
    offend (audit, owner, "(a) icon-only button without an accessible name");
}

/* The editable that delegates to @text (GtkEntry, AdwEntryRow, GtkSpinButton…). */
static GtkWidget *
text_owner (GtkWidget *text)
{
  for (GtkWidget *w = gtk_widget_get_parent (text); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w) && gtk_editable_get_delegate (GTK_EDITABLE (w)) == GTK_EDITABLE (text))
      return w;
  return NULL;
}

/* (b) */
static void
check_text (Audit     *audit,
            GtkWidget *text)
{
  GtkWidget *owner = text_owner (text);

  if (!gtk_editable_get_editable (GTK_EDITABLE (text)))
    return;
  audit->n_texts++;
  if (!has_name (audit, text) && !has_name (audit, owner))
    offend (audit, owner ? owner : text, "(b) text field without an accessible name");
}

/* (c) */
static void
check_control (Audit     *audit,
               GtkWidget *widget)
{
  audit->n_controls++;
  if (!has_name (audit, widget))
    offend (audit, widget, "(c) control without an accessible name");
}

/* Only mapped widgets: what is on screen in this state. A hidden stack
 * page, a closed popover or a revealer that is shut is audited in the state
 * that shows it; walking them here would judge pages that are not built yet
 * and widgets no one can reach. */
static void
audit_widget (Audit     *audit,
              GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (is_exposed (widget))
    {
      if (GTK_IS_BUTTON (widget))
        check_button (audit, widget);
      else if (GTK_IS_TEXT (widget))
        check_text (audit, widget);
      else if (GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) ||
               GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SCALE (widget))
        check_control (audit, widget);
    }
  else if (GTK_IS_TEXT (widget))
    check_text (audit, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    audit_widget (audit, child);
}

static void
collect_known (GHashTable *known,
               GtkWidget  *widget)
{
  g_hash_table_add (known, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_known (known, child);
}

/* Audits every visible toplevel and keeps what the application should
 * fix for the last test: a failed assertion here would stop the run, and
 * the states after it would go unaudited. */
static void
audit_state (const char *state)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GHashTable) known = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) offenders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) library = g_ptr_array_new_with_free_func (g_free);
  Audit audit = { known, fx.reported, offenders, library, 0, 0, 0 };

  tess_ui_test_settle (GTK_WIDGET (fx.window), TIMEOUT_MS);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      collect_known (known, toplevel);
    }
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      audit_widget (&audit, toplevel);
    }

  g_test_message ("%s: %u buttons, %u text fields, %u other controls checked",
                  state, audit.n_buttons, audit.n_texts, audit.n_controls);
  for (guint i = 0; i < library->len; i++)
    g_test_message ("%s: not ours, left to the library: %s", state, (char *) g_ptr_array_index (library, i));
  for (guint i = 0; i < offenders->len; i++)
    {
      g_test_message ("%s: %s", state, (char *) g_ptr_array_index (offenders, i));
      g_ptr_array_add (fx.offenders, g_strdup_printf ("%s: %s", state, (char *) g_ptr_array_index (offenders, i)));
    }
  /* A walk that sees nothing finds nothing wrong: make sure it saw the window. */
  g_assert_cmpuint (audit.n_buttons, >, 0);
}

/* Facts the audit relies on --------------------------------------------- */

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static void
test_gtk_facts (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *icon_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *named_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *untipped_button = gtk_button_new_from_icon_name ("edit-paste-symbolic");
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *text_menu_button = gtk_menu_button_new ();
  GtkWidget *password_row = adw_password_entry_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *entry_row = adw_entry_row_new ();
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *row_switch = gtk_switch_new ();
  GtkWidget *suffix_switch = gtk_switch_new ();
  g_autoptr(GHashTable) known = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) offenders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) library = g_ptr_array_new_with_free_func (g_free);
  Audit audit = { known, reported, offenders, library, 0, 0, 0 };
  g_autoptr(GPtrArray) refs = NULL;
  g_autofree char *name = NULL;

  gtk_widget_set_tooltip_text (icon_button, "Copy");
  gtk_widget_set_tooltip_text (named_button, "Copy");
  gtk_accessible_update_property (GTK_ACCESSIBLE (named_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (untipped_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Paste", -1);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (text_menu_button), gtk_label_new ("GET"));
  gtk_widget_set_tooltip_text (text_menu_button, "Method");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password_row), "Password");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_widget_set_tooltip_text (menu_button, "Main Menu");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry_row), "Username");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), "Verbose");
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), row_switch);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), suffix_switch);
  gtk_box_append (GTK_BOX (box), icon_button);
  gtk_box_append (GTK_BOX (box), named_button);
  gtk_box_append (GTK_BOX (box), untipped_button);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_box_append (GTK_BOX (box), text_menu_button);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_list_box_append (GTK_LIST_BOX (list), entry_row);
  gtk_list_box_append (GTK_LIST_BOX (list), password_row);
  gtk_list_box_append (GTK_LIST_BOX (list), action_row);
  gtk_box_append (GTK_BOX (box), list);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  collect_known (known, window);

  /* A tooltip is the description, not the name; the icon button is
   * labelled by its GtkImage, which has no label. */
  gtk_test_accessible_assert_property (icon_button, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Copy");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (icon_button), GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_relation (icon_button, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gtk_button_get_child (GTK_BUTTON (icon_button)), NULL);
  refs = labelled_by (icon_button, known);
  g_assert_cmpuint (refs->len, ==, 1);
  g_assert_true (g_ptr_array_index (refs, 0) == gtk_button_get_child (GTK_BUTTON (icon_button)));
  g_assert_null (dup_accessible_name (icon_button, known));
  name = dup_accessible_name (named_button, known);
  g_assert_cmpstr (name, ==, "Copy");
  g_clear_pointer (&name, g_free);

  /* A menu button's inner button is labelled by the GtkMenuButton. */
  gtk_test_accessible_assert_relation (gtk_widget_get_first_child (menu_button),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY, menu_button, NULL);
  g_assert_null (dup_accessible_name (gtk_widget_get_first_child (menu_button), known));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu", -1);
  name = dup_accessible_name (gtk_widget_get_first_child (menu_button), known);
  g_assert_cmpstr (name, ==, "Main Menu");
  g_clear_pointer (&name, g_free);

  /* A placeholder names nothing: neither the entry nor its GtkText. */
  g_assert_null (dup_accessible_name (entry, known));
  g_assert_null (dup_accessible_name (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry))), known));

  /* AdwEntryRow is labelled by its title label; so is AdwPasswordEntryRow,
   * but not its show-text button, which only has a tooltip. */
  name = dup_accessible_name (entry_row, known);
  g_assert_cmpstr (name, ==, "Username");
  g_clear_pointer (&name, g_free);
  name = dup_accessible_name (password_row, known);
  g_assert_cmpstr (name, ==, "Password");
  g_clear_pointer (&name, g_free);
  g_assert_true (text_owner (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry_row)))) == entry_row);

  /* AdwActionRow names its activatable widget after its title, and no other suffix. */
  name = dup_accessible_name (row_switch, known);
  g_assert_cmpstr (name, ==, "Verbose");
  g_clear_pointer (&name, g_free);
  g_assert_null (dup_accessible_name (suffix_switch, known));

  /* The audit itself finds what is wrong here, and only that. */
  g_assert_true (tess_test_wait_until (widget_mapped, suffix_switch, TIMEOUT_MS));
  audit_widget (&audit, window);
  for (guint i = 0; i < offenders->len; i++)
    g_test_message ("facts: %s", (char *) g_ptr_array_index (offenders, i));
  for (guint i = 0; i < library->len; i++)
    g_test_message ("facts, library: %s", (char *) g_ptr_array_index (library, i));
  g_assert_cmpuint (offenders->len, ==, 5);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (offenders, 0), "(a) icon-only button without an accessible name: "
                                   "GtkButton.image-button icon 'edit-copy-symbolic' tooltip 'Copy' in GtkWindow"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (offenders, 1), "(a) icon-only button without a tooltip: "
                                   "GtkButton.image-button icon 'edit-paste-symbolic' in GtkWindow"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (offenders, 2), "(c) button that shows text but has no "
                                   "accessible name: GtkMenuButton.popup tooltip 'Method' in GtkWindow"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (offenders, 3), "(b) text field without an accessible name: "
                                   "GtkEntry placeholder 'Name' in GtkWindow"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (offenders, 4), "(c) control without an accessible name: "
                                   "GtkSwitch"));
  g_assert_cmpuint (library->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (library, 0), "icon 'view-reveal-symbolic'"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (library, 0), "inside AdwPasswordEntryRow"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window in its states ------------------------------------------------ */

static TessRequestPage *
current_page (void)
{
  GtkWidget *page = tess_window_get_current_page (fx.window);

  g_assert_true (TESS_IS_REQUEST_PAGE (page));
  return TESS_REQUEST_PAGE (page);
}

static gboolean
row_shown (gpointer name)
{
  return tess_ui_test_find_row (fx.window, name) >= 0;
}

static void
activate_row (const char *name)
{
  g_assert_true (tess_test_wait_until (row_shown, (gpointer) name, TIMEOUT_MS));
  tess_sidebar_activate_row (TESS_SIDEBAR (tess_window_get_sidebar (fx.window)),
                             tess_ui_test_find_row (fx.window, name));
}

static gboolean
problems_shown (gpointer data)
{
  return tess_window_get_problems_shown (fx.window);
}

static void
test_empty (void)
{
  tess_ui_test_wait_loaded (fx.app, TIMEOUT_MS);
  g_assert_true (tess_test_wait_until (problems_shown, NULL, TIMEOUT_MS));
  audit_state ("empty window");
}

static void
test_sidebar (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (fx.collection_path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (fx.app), files, 1, "");
  activate_row ("Users");
  g_assert_true (tess_test_wait_until (row_shown, (gpointer) "List users", TIMEOUT_MS));
  audit_state ("sidebar with a collection");
}

static void
show_editor_page (TessRequestPage *page,
                  const char      *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (tess_request_page_get_editor_stack (page)), name);
}

static void
test_request_params (void)
{
  TessRequestPage *page;

  activate_row ("Get JSON");
  page = current_page ();
  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/json?page=2&flag");
  show_editor_page (page, "params");
  audit_state ("request: Params");
}

static void
test_method_popover (void)
{
  GtkWidget *picker = tess_request_page_get_method_picker (current_page ());
  GtkWidget *button = tess_ui_test_find_descendant (picker, GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;

  g_assert_nonnull (button);
  /* Built the first time it opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (tess_test_wait_until (widget_mapped, popover, TIMEOUT_MS));
  audit_state ("request: method picker open");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
test_request_auth (void)
{
  TessRequestPage *page = current_page ();
  TessAuthPanel *panel;
  guint n_schemes;
  const TessAuthScheme * const *schemes = tess_auth_schemes (&n_schemes);

  show_editor_page (page, "auth");
  panel = TESS_AUTH_PANEL (tess_request_page_get_auth_panel (page));
  audit_state ("request: Authorization, inherited");
  /* Every scheme's form, not only a few: each is built from a field table
   * and one new field kind could bring a new widget. */
  for (guint i = 0; i < n_schemes; i++)
    {
      g_autofree char *state = g_strdup_printf ("request: Authorization, %s", schemes[i]->id);

      tess_auth_panel_set_auth_type (panel, schemes[i]->id);
      g_assert_cmpstr (tess_auth_panel_get_auth_type (panel), ==, schemes[i]->id);
      audit_state (state);
    }
  tess_auth_panel_set_auth_type (panel, "inherit");
}

static void
test_request_headers (void)
{
  show_editor_page (current_page (), "headers");
  audit_state ("request: Headers");
}

static gboolean
is_mapped_form (GtkWidget     *widget,
                gconstpointer  data)
{
  return TESS_IS_KV_EDITOR (widget) && gtk_widget_get_mapped (widget);
}

static void
test_request_body (void)
{
  static const struct { TessBodyMode mode; const char *name; } modes[] = {
    { TESS_BODY_NONE, "none" },
    { TESS_BODY_RAW, "raw" },
    { TESS_BODY_URLENCODED, "x-www-form-urlencoded" },
    { TESS_BODY_FORMDATA, "form-data" },
    { TESS_BODY_FILE, "file" },
    { TESS_BODY_GRAPHQL, "GraphQL" },
  };
  TessRequestPage *page = current_page ();
  GtkStack *stack = GTK_STACK (tess_request_page_get_editor_stack (page));
  TessBodyEditor *editor;

  show_editor_page (page, "body");
  editor = TESS_BODY_EDITOR (tess_ui_test_find_descendant (gtk_stack_get_visible_child (stack),
                                                           TESS_TYPE_BODY_EDITOR));
  g_assert_nonnull (editor);
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *state = g_strdup_printf ("request: Body, %s", modes[i].name);

      tess_body_editor_set_mode (editor, modes[i].mode);
      g_assert_cmpint (tess_body_editor_get_mode (editor), ==, modes[i].mode);
      /* A form with a row, so the row's widgets are on screen too. */
      if (modes[i].mode == TESS_BODY_URLENCODED || modes[i].mode == TESS_BODY_FORMDATA)
        {
          GtkWidget *form = tess_ui_test_find_widget (GTK_WIDGET (editor), is_mapped_form, NULL);

          g_assert_nonnull (form);
          if (tess_kv_editor_get_n_rows (TESS_KV_EDITOR (form)) == 0)
            tess_kv_editor_add_row (TESS_KV_EDITOR (form));
        }
      audit_state (state);
    }
}

static gboolean
exchange_shown (gpointer data)
{
  TessRequestPage *page = data;
  TessResponseView *view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page));

  return !tess_request_page_get_sending (page) && tess_request_page_get_exchange (page) != NULL &&
         tess_response_view_get_body_ready (view);
}

static void
test_response (void)
{
  TessRequestPage *page = current_page ();
  TessResponseView *view = TESS_RESPONSE_VIEW (tess_request_page_get_response_view (page));
  static const char * const pages[] = { "body", "headers", "cookies", "timings" };

  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/json");
  show_editor_page (page, "params");
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "send", NULL);
  g_assert_true (tess_test_wait_until (exchange_shown, page, TIMEOUT_MS));
  g_assert_cmpuint (tess_request_page_get_exchange (page)->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *state = g_strdup_printf ("response: %s", pages[i]);

      tess_response_view_show_page (view, pages[i]);
      audit_state (state);
    }
  tess_response_view_show_page (view, "body");
  tess_response_view_open_search (view);
  g_assert_true (tess_response_view_get_search_visible (view));
  audit_state ("response: search");
}

static void
test_console (void)
{
  TessRequestPage *page = current_page ();

  tess_request_page_set_console_visible (page, TRUE);
  g_assert_true (tess_request_page_get_console_visible (page));
  audit_state ("console");
  tess_request_page_set_console_visible (page, FALSE);
}

static void
test_collection_page (void)
{
  TessWorkspace *workspace = tess_application_get_workspace (fx.app);
  TessItem *collection = tess_workspace_find_collection (workspace, "Demo API");
  GtkWidget *page;

  g_assert_nonnull (collection);
  page = tess_window_open_item (fx.window, collection);
  g_assert_nonnull (page);
  g_assert_true (tess_window_get_current_page (fx.window) == page);
  audit_state ("collection page");
}

static gboolean
one_environment (gpointer data)
{
  return g_list_model_get_n_items (tess_workspace_get_environments (tess_application_get_workspace (fx.app))) == 1;
}

static void
test_environment_editor (void)
{
  TessWorkspace *workspace = tess_application_get_workspace (fx.app);
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "staging.postman_environment.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TessEnvironment) staging = NULL;
  GtkWindow *editor;

  g_file_set_contents (path, "{\"name\": \"Staging\", \"values\": ["
                             "{\"key\": \"base\", \"value\": \"http://127.0.0.1:1\", \"enabled\": true},"
                             "{\"key\": \"token\", \"value\": \"\", \"type\": \"secret\", \"enabled\": true}],"
                             " \"_postman_variable_scope\": \"environment\"}", -1, &error);
  g_assert_no_error (error);
  tess_window_import_files (fx.window, &file, 1);
  g_assert_true (tess_test_wait_until (one_environment, NULL, TIMEOUT_MS));
  staging = g_list_model_get_item (tess_workspace_get_environments (workspace), 0);

  /* Reached from the window: the main menu's Environments… */
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "environments", NULL);
  editor = tess_ui_test_wait_toplevel (TESS_TYPE_ENVIRONMENT_EDITOR, TIMEOUT_MS);
  tess_ui_test_count_frames (GTK_WIDGET (editor));
  audit_state ("environment editor");
  tess_environment_editor_edit (TESS_ENVIRONMENT_EDITOR (editor), staging);
  audit_state ("environment editor: Staging");
  tess_environment_editor_edit (TESS_ENVIRONMENT_EDITOR (editor), tess_workspace_get_globals (workspace));
  audit_state ("environment editor: Globals");
  gtk_window_destroy (editor);
}

static void
test_preferences (void)
{
  GtkWidget *preferences;
  GtkWidget *first;
  GListModel *pages;

  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "preferences", NULL);
  preferences = GTK_WIDGET (tess_ui_test_wait_toplevel (TESS_TYPE_PREFERENCES_WINDOW, TIMEOUT_MS));
  tess_ui_test_count_frames (preferences);
  first = tess_ui_test_find_descendant (preferences, ADW_TYPE_PREFERENCES_PAGE);
  g_assert_nonnull (first);
  /* The window shows one page at a time: each in turn. */
  pages = G_LIST_MODEL (adw_view_stack_get_pages (ADW_VIEW_STACK (gtk_widget_get_parent (first))));
  g_assert_cmpuint (g_list_model_get_n_items (pages), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      g_autofree char *state = g_strdup_printf ("preferences: %s", adw_view_stack_page_get_title (page));

      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                               ADW_PREFERENCES_PAGE (adw_view_stack_page_get_child (page)));
      audit_state (state);
    }
  g_object_unref (pages);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
message_dialog_shown (gpointer data)
{
  return tess_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The dialogs that ask for a name: saving a new request, a new collection. */
static void
test_dialogs (void)
{
  TessRequestPage *page;
  GtkWidget *sidebar = tess_window_get_sidebar (fx.window);

  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "new-request", NULL);
  page = current_page ();
  gtk_editable_set_text (tess_request_page_get_url_entry (page), "{{base}}/json?new=1");
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "save", NULL);
  g_assert_true (tess_test_wait_until (message_dialog_shown, NULL, TIMEOUT_MS));
  audit_state ("dialog: Save Request");
  tess_ui_test_answer_dialog ("cancel", NULL, TIMEOUT_MS);
  tess_request_page_set_modified (page, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "close-tab", NULL);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.new-collection", NULL));
  g_assert_true (tess_test_wait_until (message_dialog_shown, NULL, TIMEOUT_MS));
  audit_state ("dialog: New Collection");
  tess_ui_test_answer_dialog ("cancel", NULL, TIMEOUT_MS);

  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "import-dialog", NULL);
  g_assert_true (tess_test_wait_until (message_dialog_shown, NULL, TIMEOUT_MS));
  audit_state ("dialog: Import");
  tess_ui_test_answer_dialog ("cancel", NULL, TIMEOUT_MS);
}

static gboolean
leaflet_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

static gboolean
leaflet_unfolded (gpointer leaflet)
{
  return !adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

/* A narrow window shows one pane at a time, with a button back to the
 * sidebar that a wide one hides. */
static void
test_narrow (void)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (tess_ui_test_find_descendant (GTK_WIDGET (fx.window), ADW_TYPE_LEAFLET));

  g_assert_nonnull (leaflet);
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 420, 760);
  g_assert_true (tess_test_wait_until (leaflet_folded, leaflet, TIMEOUT_MS));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  audit_state ("narrow window: content");
  g_action_group_activate_action (G_ACTION_GROUP (fx.window), "show-sidebar", NULL);
  audit_state ("narrow window: sidebar");
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1180, 760);
  g_assert_true (tess_test_wait_until (leaflet_unfolded, leaflet, TIMEOUT_MS));
}

/* The verdict: every widget found above, in every state, named in the log. */
static void
test_summary (void)
{
  for (guint i = 0; i < fx.offenders->len; i++)
    g_test_message ("to fix: %s", (char *) g_ptr_array_index (fx.offenders, i));
  g_assert_cmpuint (fx.offenders->len, ==, 0);
}

/* Set-up ----------------------------------------------------------------- */

static void
skip_no_a11y (void)
{
  g_test_skip ("GTK_A11Y=none: widgets have no accessible attributes to audit");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!tess_ui_test_check_display (&argc, &argv, "/a11y", "no display: run the UI tests under xvfb-run"))
    return g_test_run ();

  fx.workspace = tess_ui_test_make_workspace ();
  tess_ui_test_init_gtk (&argc, &argv, FALSE);
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    {
      g_test_add_func ("/a11y", skip_no_a11y);
      return g_test_run ();
    }

  fx.reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fx.offenders = g_ptr_array_new_with_free_func (g_free);
  tess_ui_test_write_broken_collection (fx.workspace);
  fx.server = tess_test_server_new ();
  tess_test_server_add_response (fx.server, "/json", 200, "application/json",
                                 g_bytes_new_static (json_body, sizeof json_body - 1),
                                 "Set-Cookie", "session=abc; Path=/", NULL);
  {
    g_autofree char *base = tess_test_server_dup_url (fx.server, "");

    fx.collection_path = tess_ui_test_write_demo_collection (base);
  }

  fx.app = tess_ui_test_app_new (G_APPLICATION_HANDLES_OPEN);
  fx.window = tess_ui_test_app_activate (fx.app);
  tess_ui_test_show_main_window (fx.window, TIMEOUT_MS);

  /* Flat paths: GTest runs a suite's own cases before its sub-suites, and
   * these states follow one another. */
  g_test_add_func ("/a11y/gtk-facts", test_gtk_facts);
  g_test_add_func ("/a11y/empty", test_empty);
  g_test_add_func ("/a11y/sidebar", test_sidebar);
  g_test_add_func ("/a11y/request-params", test_request_params);
  g_test_add_func ("/a11y/request-method-popover", test_method_popover);
  g_test_add_func ("/a11y/request-auth", test_request_auth);
  g_test_add_func ("/a11y/request-headers", test_request_headers);
  g_test_add_func ("/a11y/request-body", test_request_body);
  g_test_add_func ("/a11y/response", test_response);
  g_test_add_func ("/a11y/console", test_console);
  g_test_add_func ("/a11y/collection-page", test_collection_page);
  g_test_add_func ("/a11y/environment-editor", test_environment_editor);
  g_test_add_func ("/a11y/preferences", test_preferences);
  g_test_add_func ("/a11y/dialogs", test_dialogs);
  g_test_add_func ("/a11y/narrow-window", test_narrow);
  g_test_add_func ("/a11y/summary", test_summary);
  status = g_test_run ();

  tess_ui_test_quit (fx.app, GTK_WINDOW (fx.window));
  g_clear_object (&fx.app);
  tess_test_server_free (fx.server);
  g_hash_table_unref (fx.reported);
  g_ptr_array_unref (fx.offenders);
  g_free (fx.collection_path);
  g_free (fx.workspace);
  return status;
}
