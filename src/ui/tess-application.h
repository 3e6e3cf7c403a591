#pragma once

#include <adwaita.h>

#include "tess-sender.h"
#include "tess-workspace.h"

G_BEGIN_DECLS

#define TESS_TYPE_APPLICATION (tess_application_get_type ())
G_DECLARE_FINAL_TYPE (TessApplication, tess_application, TESS, APPLICATION, AdwApplication)

/**
 * TessApplication:
 *
 * One instance per session. Owns the workspace (loaded asynchronously at
 * startup), the sender every tab sends with, and the settings. Files given on
 * the command line or opened from the file manager are imported once the
 * workspace has loaded.
 */
TessApplication *tess_application_new           (void);
TessWorkspace   *tess_application_get_workspace (TessApplication *self);
TessSender      *tess_application_get_sender    (TessApplication *self);
/* NULL when the settings schema is not installed (running from the build tree). */
GSettings       *tess_application_get_settings  (TessApplication *self);
gboolean         tess_application_get_loading   (TessApplication *self);
/* Sends the workspace's network settings to the sender again. */
void             tess_application_apply_network_settings (TessApplication *self);

G_END_DECLS
