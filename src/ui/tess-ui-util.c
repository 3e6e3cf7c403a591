#include "tess-ui-util.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

const char * const tess_common_methods[] = {
  "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", NULL,
};

static const char * const method_classes[] = {
  "method-get", "method-post", "method-put", "method-patch",
  "method-delete", "method-head", "method-options", "method-other", NULL,
};

static const char * const status_classes[] = {
  "status-success", "status-redirect", "status-client-error",
  "status-server-error", "status-failed", NULL,
};

const char *
tess_method_css_class (const char *method)
{
  if (method == NULL || *method == '\0')
    return "method-get";
  for (guint i = 0; tess_common_methods[i] != NULL; i++)
    if (g_ascii_strcasecmp (method, tess_common_methods[i]) == 0)
      return method_classes[i];
  return "method-other";
}

static void
replace_class (GtkWidget          *widget,
               const char * const *classes,
               const char         *wanted)
{
  for (guint i = 0; classes[i] != NULL; i++)
    if (!g_str_equal (classes[i], wanted))
      gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, wanted);
}

void
tess_widget_set_method_class (GtkWidget  *widget,
                              const char *method)
{
  replace_class (widget, method_classes, tess_method_css_class (method));
}

const char *
tess_status_css_class (guint status)
{
  if (status >= 100 && status < 300)
    return "status-success";
  if (status >= 300 && status < 400)
    return "status-redirect";
  if (status >= 400 && status < 500)
    return "status-client-error";
  if (status >= 500)
    return "status-server-error";
  return "status-failed";
}

void
tess_widget_set_status_class (GtkWidget *widget,
                              guint      status)
{
  replace_class (widget, status_classes, tess_status_css_class (status));
}

char *
tess_format_duration (gint64 usec)
{
  if (usec < 0)
    return g_strdup ("—");
  if (usec < 1000)
    /* Translators: a duration in microseconds */
    return g_strdup_printf (_("%d µs"), (int) usec);
  if (usec < G_USEC_PER_SEC)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int) (usec / 1000));
  if (usec < 60 * G_USEC_PER_SEC)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%.2f s"), usec / (double) G_USEC_PER_SEC);
  /* Translators: a duration in minutes and seconds */
  return g_strdup_printf (_("%d min %d s"), (int) (usec / (60 * G_USEC_PER_SEC)),
                          (int) ((usec / G_USEC_PER_SEC) % 60));
}

char *
tess_format_size (gint64 bytes)
{
  if (bytes < 0)
    bytes = 0;
  return g_format_size_full ((guint64) bytes, G_FORMAT_SIZE_DEFAULT);
}

void
tess_list_box_remove_all (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

void
tess_widget_set_accessible_label (GtkWidget  *widget,
                                  const char *label,
                                  const char *tooltip)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_widget_set_tooltip_text (widget, tooltip ? tooltip : label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
create_menu_popup_cb (GtkMenuButton *button,
                      gpointer       model)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

void
tess_menu_button_set_menu_model_lazily (GtkMenuButton *button,
                                        GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_menu_popup_cb, g_object_ref (model), g_object_unref);
}

static void
style_dark_cb (AdwStyleManager *manager,
               GParamSpec      *pspec,
               GtkSourceBuffer *buffer)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, adw_style_manager_get_dark (manager)
                                                                  ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (buffer, scheme);
}

void
tess_source_buffer_follow_style (GtkSourceBuffer *buffer)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_dark_cb), buffer, 0);
  style_dark_cb (manager, NULL, buffer);
}

const char *
tess_source_language_for (const char *language_or_type)
{
  static const struct { const char *needle; const char *id; } map[] = {
    { "json", "json" },
    { "javascript", "js" },
    { "ecmascript", "js" },
    { "xml", "xml" },
    { "html", "html" },
    { "css", "css" },
    { "graphql", "graphql" },
    { "yaml", "yaml" },
  };

  if (language_or_type == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strstr (language_or_type, map[i].needle) != NULL)
      return map[i].id;
  return NULL;
}

void
tess_source_buffer_set_language_id (GtkSourceBuffer *buffer,
                                    const char      *id)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_source_buffer_set_language (buffer, id ? gtk_source_language_manager_get_language (languages, id)
                                             : NULL);
}
