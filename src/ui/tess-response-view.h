#pragma once

#include <gtk/gtk.h>

#include "tess-exchange.h"

G_BEGIN_DECLS

#define TESS_TYPE_RESPONSE_VIEW (tess_response_view_get_type ())
G_DECLARE_FINAL_TYPE (TessResponseView, tess_response_view, TESS, RESPONSE_VIEW, GtkWidget)

/* Status, time and size of a response, its body (JSON pretty-printed off the
 * main thread) and its headers. */
GtkWidget  *tess_response_view_new            (void);
void        tess_response_view_clear          (TessResponseView *self);
void        tess_response_view_show_exchange  (TessResponseView *self,
                                               TessExchange     *exchange);
void        tess_response_view_show_error     (TessResponseView *self,
                                               const char       *title,
                                               const char       *message);
/* For tests and the copy action: what is shown. */
const char *tess_response_view_get_status_text (TessResponseView *self);
char       *tess_response_view_dup_body_text  (TessResponseView *self);
/* TRUE once the body text of the last exchange is in the view. */
gboolean    tess_response_view_get_body_ready (TessResponseView *self);

G_END_DECLS
