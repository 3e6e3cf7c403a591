#include "config.h"

#include "tess-application.h"

#include "tess-secret-store-libsecret.h"
#include "tess-sender-settings.h"

#include <glib/gi18n.h>

#include "tess-preferences-window.h"
#include "tess-window.h"

struct _TessApplication
{
  AdwApplication parent_instance;

  TessWorkspace *workspace;
  TessSender *sender;
  GSettings *settings;
  GCancellable *cancellable;
  /* Files opened while the workspace was still loading. */
  GPtrArray *pending_files;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (TessApplication, tess_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TessWindow *
ensure_window (TessApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (tess_window_new (self));
  return TESS_WINDOW (window);
}

static void
import_pending (TessApplication *self)
{
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_files);
  TessWindow *window;

  if (files == NULL || files->len == 0)
    return;
  window = ensure_window (self);
  tess_window_import_files (window, (GFile **) files->pdata, files->len);
  gtk_window_present (GTK_WINDOW (window));
}

void
tess_application_apply_network_settings (TessApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (!tess_sender_apply_workspace (self->sender, self->workspace, &error))
    g_warning ("%s", error->message);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TessApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_workspace_load_finish (TESS_WORKSPACE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  tess_application_apply_network_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  import_pending (self);
  g_application_release (G_APPLICATION (self));
}

static void
color_scheme_changed_cb (GSettings       *settings,
                         const char      *key,
                         TessApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint value = g_settings_get_enum (settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (value, G_N_ELEMENTS (schemes) - 1)]);
}

static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_info ("Settings schema %s is not installed: window size and choices are not remembered", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TessApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = tess_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TessApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Tessera developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", "Tessera",
                         "application-icon", APP_ID,
                         "developer-name", _("The Tessera developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/tessera/tessera",
                         "issue-url", "https://github.com/tessera/tessera/issues",
                         "copyright", "© 2026 The Tessera developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Send HTTP requests signed with any authorization scheme"),
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TessApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing asks about unsaved changes; the last window gone ends the app. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } table[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-request", { "<Control>t", "<Control>n", NULL } },
    { "win.close-tab", { "<Control>w", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.send", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.focus-url", { "<Control>l", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.toggle-console", { "<Control><Alt>c", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    gtk_application_set_accels_for_action (app, table[i].action, table[i].accels);
}

static void
tess_application_startup (GApplication *app)
{
  TessApplication *self = TESS_APPLICATION (app);

  G_APPLICATION_CLASS (tess_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  set_accels (GTK_APPLICATION (self));

  self->settings = settings_new ();
  if (self->settings != NULL)
    {
      g_signal_connect (self->settings, "changed::color-scheme", G_CALLBACK (color_scheme_changed_cb), self);
      color_scheme_changed_cb (self->settings, "color-scheme", self);
    }

  self->workspace = tess_workspace_new (NULL);
  /* Secrets live in the desktop keyring; where it cannot be reached the
   * workspace keeps them in memory and says why (the window shows it). */
  {
    g_autoptr(TessSecretStore) store = tess_secret_store_libsecret_new ();
    tess_workspace_set_secret_store (self->workspace, store);
  }
  self->sender = tess_sender_new ();
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  /* Held until the load ends, so a remote "open" does not quit before importing. */
  g_application_hold (app);
  tess_workspace_load_async (self->workspace, self->cancellable, load_done_cb, g_object_ref (self));
}

static void
tess_application_shutdown (GApplication *app)
{
  TessApplication *self = TESS_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  G_APPLICATION_CLASS (tess_application_parent_class)->shutdown (app);
}

static void
tess_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (TESS_APPLICATION (app))));
}

static void
tess_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  TessApplication *self = TESS_APPLICATION (app);

  if (self->pending_files == NULL)
    self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (self->pending_files, g_object_ref (files[i]));
  gtk_window_present (GTK_WINDOW (ensure_window (self)));
  if (!self->loading)
    import_pending (self);
}

static void
tess_application_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TessApplication *self = TESS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_application_dispose (GObject *object)
{
  TessApplication *self = TESS_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);
  g_clear_object (&self->sender);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  G_OBJECT_CLASS (tess_application_parent_class)->dispose (object);
}

static void
tess_application_class_init (TessApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = tess_application_get_property;
  object_class->dispose = tess_application_dispose;
  app_class->startup = tess_application_startup;
  app_class->shutdown = tess_application_shutdown;
  app_class->activate = tess_application_activate;
  app_class->open = tess_application_open;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tess_application_init (TessApplication *self)
{
  self->loading = TRUE;
}

TessApplication *
tess_application_new (void)
{
  return g_object_new (TESS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/tessera/Tessera",
                       NULL);
}

TessWorkspace *
tess_application_get_workspace (TessApplication *self)
{
  g_return_val_if_fail (TESS_IS_APPLICATION (self), NULL);
  return self->workspace;
}

TessSender *
tess_application_get_sender (TessApplication *self)
{
  g_return_val_if_fail (TESS_IS_APPLICATION (self), NULL);
  return self->sender;
}

GSettings *
tess_application_get_settings (TessApplication *self)
{
  g_return_val_if_fail (TESS_IS_APPLICATION (self), NULL);
  return self->settings;
}

gboolean
tess_application_get_loading (TessApplication *self)
{
  g_return_val_if_fail (TESS_IS_APPLICATION (self), FALSE);
  return self->loading;
}
