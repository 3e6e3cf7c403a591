#pragma once

#include <gtk/gtk.h>

#include "tess-item.h"

G_BEGIN_DECLS

#define TESS_TYPE_AUTH_PANEL (tess_auth_panel_get_type ())
G_DECLARE_FINAL_TYPE (TessAuthPanel, tess_auth_panel, TESS, AUTH_PANEL, GtkWidget)

/**
 * TessAuthPanel:
 *
 * The Authorization page: a type drop-down (every registered scheme, plus
 * inheriting from the parent) and a form built from the scheme's field table.
 * Edits go straight into the item's TessAuth; ::changed follows each edit.
 */
GtkWidget *tess_auth_panel_new       (void);
void       tess_auth_panel_set_item  (TessAuthPanel *self,
                                      TessItem      *item);
TessItem  *tess_auth_panel_get_item  (TessAuthPanel *self);
/* The scheme id shown, or "inherit". */
const char *tess_auth_panel_get_auth_type (TessAuthPanel *self);
void       tess_auth_panel_set_auth_type (TessAuthPanel *self,
                                          const char    *type);

G_END_DECLS
