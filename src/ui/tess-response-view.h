#pragma once

#include <gtk/gtk.h>

#include "tess-exchange.h"

G_BEGIN_DECLS

#define TESS_TYPE_RESPONSE_VIEW (tess_response_view_get_type ())
G_DECLARE_FINAL_TYPE (TessResponseView, tess_response_view, TESS, RESPONSE_VIEW, GtkWidget)

/* Status, time and size of a response; its body pretty-printed (JSON, XML,
 * HTML) off the main thread, raw, or as an image preview, with search, copy
 * and save; its headers, cookies and timings. */
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

/* "pretty", "raw" or "preview". */
void          tess_response_view_set_body_mode     (TessResponseView *self,
                                                    const char       *mode);
const char   *tess_response_view_get_body_mode     (TessResponseView *self);
/* The GtkSourceView language highlighting the body, or NULL. */
const char   *tess_response_view_get_body_language (TessResponseView *self);
GdkPaintable *tess_response_view_get_preview       (TessResponseView *self);
/* "body", "headers", "cookies" or "timings". */
void          tess_response_view_show_page         (TessResponseView *self,
                                                    const char       *name);
/* The text of the rows of "headers", "cookies" or "timings". */
char         *tess_response_view_dup_page_text     (TessResponseView *self,
                                                    const char       *name);
/* TRUE while a response body is shown whose text can be searched (not an
 * image preview); notified as "searchable". */
gboolean      tess_response_view_get_searchable    (TessResponseView *self);
/* Shows the Body page with its search bar open and the entry focused. */
void          tess_response_view_open_search       (TessResponseView *self);
/* Opens the search bar on @text; the count is -1 while still counting. */
void          tess_response_view_search            (TessResponseView *self,
                                                    const char       *text);
int           tess_response_view_get_search_count  (TessResponseView *self);
gboolean      tess_response_view_get_search_visible (TessResponseView *self);
/* Writes the body as received (not as formatted) to @file. */
void          tess_response_view_save_body_async   (TessResponseView    *self,
                                                    GFile               *file,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      tess_response_view_save_body_finish  (TessResponseView  *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

G_END_DECLS
