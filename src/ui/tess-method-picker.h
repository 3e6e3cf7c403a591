#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESS_TYPE_METHOD_PICKER (tess_method_picker_get_type ())
G_DECLARE_FINAL_TYPE (TessMethodPicker, tess_method_picker, TESS, METHOD_PICKER, GtkWidget)

/* A drop-down of the common HTTP verbs with an entry for any other token. */
GtkWidget  *tess_method_picker_new        (void);
const char *tess_method_picker_get_method (TessMethodPicker *self);
void        tess_method_picker_set_method (TessMethodPicker *self,
                                           const char       *method);

G_END_DECLS
