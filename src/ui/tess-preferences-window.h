#pragma once

#include <adwaita.h>

#include "tess-application.h"

G_BEGIN_DECLS

#define TESS_TYPE_PREFERENCES_WINDOW (tess_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TessPreferencesWindow, tess_preferences_window, TESS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Appearance and sign-in choices (GSettings), the workspace's network
 * settings and client certificates (workspace.json, saved as they change),
 * and the cookies the sender keeps. */
GtkWidget *tess_preferences_window_new (TessApplication *application);
/* The groups of the certificates and cookies page (tess-preferences-pages.h). */
GtkWidget *tess_preferences_window_get_certificates_group (TessPreferencesWindow *self);
GtkWidget *tess_preferences_window_get_cookies_group      (TessPreferencesWindow *self);

G_END_DECLS
