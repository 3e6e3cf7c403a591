#pragma once

#include <gtk/gtk.h>

#include "tess-item.h"

G_BEGIN_DECLS

#define TESS_TYPE_BODY_EDITOR (tess_body_editor_get_type ())
G_DECLARE_FINAL_TYPE (TessBodyEditor, tess_body_editor, TESS, BODY_EDITOR, GtkWidget)

/* The Body page: a mode drop-down and an editor per mode, writing into the
 * item's TessBody in place; ::changed follows each edit. */
GtkWidget    *tess_body_editor_new      (void);
void          tess_body_editor_set_item (TessBodyEditor *self,
                                         TessItem       *item);
TessBodyMode  tess_body_editor_get_mode (TessBodyEditor *self);
void          tess_body_editor_set_mode (TessBodyEditor *self,
                                         TessBodyMode    mode);

G_END_DECLS
