#include "tess-preferences-window.h"

#include <glib/gi18n.h>

#include "tess-preferences-pages.h"
#include "tess-ui-util.h"

struct _TessPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  TessApplication *application;
  GtkWidget *timeout_spin;
  GtkWidget *redirects_switch;
  GtkWidget *max_redirects_spin;
  GtkWidget *verify_switch;
  GtkWidget *ca_row;
  GtkWidget *certificates_group;
  GtkWidget *cookies_group;
  GtkFileChooserNative *chooser;
  guint save_id;
};

G_DEFINE_FINAL_TYPE (TessPreferencesWindow, tess_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static TessWorkspace *
workspace (TessPreferencesWindow *self)
{
  return tess_application_get_workspace (self->application);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TessPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_workspace_save_settings_finish (TESS_WORKSPACE (source), result, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

/* Spin buttons change once per click: saving waits for a pause. */
static gboolean
save_cb (gpointer user_data)
{
  TessPreferencesWindow *self = user_data;

  self->save_id = 0;
  tess_application_apply_network_settings (self->application);
  tess_workspace_save_settings_async (workspace (self), NULL, save_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
network_changed (TessPreferencesWindow *self)
{
  TessWorkspace *ws = workspace (self);

  tess_workspace_set_request_timeout (ws, 1000 * (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->timeout_spin)));
  tess_workspace_set_follow_redirects (ws, gtk_switch_get_active (GTK_SWITCH (self->redirects_switch)));
  tess_workspace_set_max_redirects (ws, (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->max_redirects_spin)));
  tess_workspace_set_verify_tls (ws, gtk_switch_get_active (GTK_SWITCH (self->verify_switch)));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (500, save_cb, self);
}

static void
value_changed_cb (GtkSpinButton         *spin,
                  TessPreferencesWindow *self)
{
  network_changed (self);
}

static void
switch_changed_cb (GtkSwitch             *sw,
                   GParamSpec            *pspec,
                   TessPreferencesWindow *self)
{
  network_changed (self);
}

static void
ca_apply_cb (AdwEntryRow           *row,
             TessPreferencesWindow *self)
{
  const char *path = gtk_editable_get_text (GTK_EDITABLE (row));

  tess_workspace_set_ca_file (workspace (self), *path ? path : NULL);
  network_changed (self);
}

static void
ca_chooser_cb (GtkNativeDialog       *dialog,
               int                    response,
               TessPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->ca_row), path);
          ca_apply_cb (ADW_ENTRY_ROW (self->ca_row), self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
ca_choose_cb (GtkButton             *button,
              TessPreferencesWindow *self)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose CA Certificates"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (ca_chooser_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          double      max,
          double      value,
          GtkWidget **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = spin;
  return row;
}

static GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            gboolean    active,
            GtkWidget **switch_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *switch_out = sw;
  return row;
}

static GtkWidget *
enum_row (GSettings          *settings,
          const char         *key,
          const char         *title,
          const char * const *nicks,
          const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *current = settings ? g_settings_get_string (settings, key) : NULL;

  for (guint i = 0; nicks[i] != NULL; i++)
    gtk_string_list_append (model, _(labels[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  for (guint i = 0; current && nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], current))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  gtk_widget_set_sensitive (row, settings != NULL);
  g_object_set_data (G_OBJECT (row), "nicks", (gpointer) nicks);
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (key), g_free);
  return row;
}

static void
enum_selected_cb (AdwComboRow           *row,
                  GParamSpec            *pspec,
                  TessPreferencesWindow *self)
{
  GSettings *settings = tess_application_get_settings (self->application);
  const char * const *nicks = g_object_get_data (G_OBJECT (row), "nicks");
  guint selected = adw_combo_row_get_selected (row);

  if (settings != NULL && selected < g_strv_length ((char **) nicks))
    g_settings_set_string (settings, g_object_get_data (G_OBJECT (row), "key"), nicks[selected]);
}

static GtkWidget *
build_general_page (TessPreferencesWindow *self)
{
  static const char * const scheme_nicks[] = { "default", "light", "dark", NULL };
  static const char * const scheme_labels[] = { N_("Follow System Style"), N_("Light"), N_("Dark"), NULL };
  static const char * const browser_nicks[] = { "embedded", "system", NULL };
  static const char * const browser_labels[] = { N_("Tessera Window"), N_("System Browser"), NULL };
  GSettings *settings = tess_application_get_settings (self->application);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *appearance = adw_preferences_group_new ();
  GtkWidget *oauth = adw_preferences_group_new ();
  GtkWidget *row;

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (appearance), _("Appearance"));
  row = enum_row (settings, "color-scheme", _("Style"), scheme_nicks, scheme_labels);
  g_signal_connect (row, "notify::selected", G_CALLBACK (enum_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (appearance), row);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (oauth), _("OAuth 2.0"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (oauth),
                                         _("Where sign-in pages open when a token is requested"));
  row = enum_row (settings, "oauth2-browser", _("Sign In With"), browser_nicks, browser_labels);
  g_signal_connect (row, "notify::selected", G_CALLBACK (enum_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (oauth), row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (appearance));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (oauth));
  return page;
}

static GtkWidget *
build_network_page (TessPreferencesWindow *self)
{
  TessWorkspace *ws = workspace (self);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *requests = adw_preferences_group_new ();
  GtkWidget *tls = adw_preferences_group_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("document-open-symbolic");
  const char *ca_file = tess_workspace_get_ca_file (ws);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Network"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "network-server-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (requests), _("Requests"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (requests),
                                         _("Saved with the workspace; a request’s own settings win"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (requests),
                             spin_row (_("Timeout"), _("Seconds to wait for a response; 0 waits forever"),
                                       3600, tess_workspace_get_request_timeout (ws) / 1000,
                                       &self->timeout_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (requests),
                             switch_row (_("Follow Redirects"), _("Send the request again to the Location of a 3xx response"),
                                         tess_workspace_get_follow_redirects (ws), &self->redirects_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (requests),
                             spin_row (_("Maximum Redirects"), NULL, 100,
                                       tess_workspace_get_max_redirects (ws), &self->max_redirects_spin));
  g_object_bind_property (self->redirects_switch, "active", self->max_redirects_spin, "sensitive",
                          G_BINDING_SYNC_CREATE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (tls), _("TLS"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (tls),
                             switch_row (_("Verify Certificates"), _("Refuse servers whose certificate is not trusted"),
                                         tess_workspace_get_verify_tls (ws), &self->verify_switch));
  self->ca_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ca_row), _("Extra CA Certificates (PEM file)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->ca_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->ca_row), ca_file ? ca_file : "");
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  tess_widget_set_accessible_label (choose, _("Choose a File"), NULL);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->ca_row), choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (tls), self->ca_row);

  g_signal_connect (self->timeout_spin, "value-changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect (self->max_redirects_spin, "value-changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect (self->redirects_switch, "notify::active", G_CALLBACK (switch_changed_cb), self);
  g_signal_connect (self->verify_switch, "notify::active", G_CALLBACK (switch_changed_cb), self);
  g_signal_connect (self->ca_row, "apply", G_CALLBACK (ca_apply_cb), self);
  g_signal_connect (choose, "clicked", G_CALLBACK (ca_choose_cb), self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (requests));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (tls));
  return page;
}

static GtkWidget *
build_privacy_page (TessPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Certificates and Cookies"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "channel-secure-symbolic");
  self->certificates_group = tess_certificates_group_new (self->application, G_CALLBACK (network_changed), self);
  self->cookies_group = tess_cookies_group_new (self->application);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->certificates_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->cookies_group));
  return page;
}

GtkWidget *
tess_preferences_window_get_certificates_group (TessPreferencesWindow *self)
{
  g_return_val_if_fail (TESS_IS_PREFERENCES_WINDOW (self), NULL);
  return self->certificates_group;
}

GtkWidget *
tess_preferences_window_get_cookies_group (TessPreferencesWindow *self)
{
  g_return_val_if_fail (TESS_IS_PREFERENCES_WINDOW (self), NULL);
  return self->cookies_group;
}

static void
tess_preferences_window_dispose (GObject *object)
{
  TessPreferencesWindow *self = TESS_PREFERENCES_WINDOW (object);

  /* A change still waiting is saved rather than lost. */
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      tess_application_apply_network_settings (self->application);
      tess_workspace_save_settings_async (workspace (self), NULL, NULL, NULL);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->application);
  G_OBJECT_CLASS (tess_preferences_window_parent_class)->dispose (object);
}

static void
tess_preferences_window_class_init (TessPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_preferences_window_dispose;
}

static void
tess_preferences_window_init (TessPreferencesWindow *self)
{
}

GtkWidget *
tess_preferences_window_new (TessApplication *application)
{
  TessPreferencesWindow *self;

  g_return_val_if_fail (TESS_IS_APPLICATION (application), NULL);

  self = g_object_new (TESS_TYPE_PREFERENCES_WINDOW,
                       "search-enabled", FALSE,
                       "modal", TRUE,
                       NULL);
  self->application = g_object_ref (application);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (build_general_page (self)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (build_network_page (self)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (build_privacy_page (self)));
  return GTK_WIDGET (self);
}
