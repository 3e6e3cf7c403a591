#pragma once

#include "tess-sender.h"
#include "tess-workspace.h"

G_BEGIN_DECLS

/* Applies the workspace's network settings to @sender: timeout, redirects, TLS
 * verification, CA file, client certificates per host and the cookie jar.
 * Everything that can be applied is; the first problem is returned in @error
 * (naming the file), so the app can show it and the CLI can stop. */
gboolean tess_sender_apply_workspace (TessSender     *sender,
                                      TessWorkspace  *workspace,
                                      GError        **error);

G_END_DECLS
