#pragma once

#include <adwaita.h>

#include "tess-application.h"

G_BEGIN_DECLS

#define TESS_TYPE_PREFERENCES_WINDOW (tess_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TessPreferencesWindow, tess_preferences_window, TESS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Appearance and sign-in choices (GSettings) and the workspace's network
 * settings (workspace.json, saved as they change). */
GtkWidget *tess_preferences_window_new (TessApplication *application);

G_END_DECLS
