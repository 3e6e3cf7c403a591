#pragma once

#include <gtk/gtk.h>

#include "tess-environment.h"
#include "tess-exchange.h"
#include "tess-item.h"
#include "tess-sender.h"

G_BEGIN_DECLS

#define TESS_TYPE_REQUEST_PAGE (tess_request_page_get_type ())
G_DECLARE_FINAL_TYPE (TessRequestPage, tess_request_page, TESS, REQUEST_PAGE, GtkWidget)

/**
 * TessRequestPage:
 *
 * One request tab: method, URL and Send; Params, Authorization, Headers and
 * Body pages; the response and the console. Edits go into the item; sending
 * resolves it (tess_resolve_request) and hands it to the sender.
 */
GtkWidget    *tess_request_page_new              (TessItem        *item,
                                                  TessSender      *sender);
TessItem     *tess_request_page_get_item         (TessRequestPage *self);
/* The tab title: the request name. */
const char   *tess_request_page_get_title        (TessRequestPage *self);

void          tess_request_page_set_environment  (TessRequestPage *self,
                                                  TessEnvironment *environment);
void          tess_request_page_set_globals      (TessRequestPage *self,
                                                  TessEnvironment *globals);

gboolean      tess_request_page_get_modified     (TessRequestPage *self);
/* Clearing it takes a new snapshot: what "Discard" returns to. */
void          tess_request_page_set_modified     (TessRequestPage *self,
                                                  gboolean         modified);
/* Puts the request back as it was when opened or last saved. */
void          tess_request_page_discard_changes  (TessRequestPage *self);

gboolean      tess_request_page_get_console_visible (TessRequestPage *self);
void          tess_request_page_set_console_visible (TessRequestPage *self,
                                                     gboolean         visible);

void          tess_request_page_send             (TessRequestPage *self);
void          tess_request_page_cancel           (TessRequestPage *self);
gboolean      tess_request_page_get_sending      (TessRequestPage *self);
/* The last exchange, or NULL. */
TessExchange *tess_request_page_get_exchange     (TessRequestPage *self);
void          tess_request_page_focus_url        (TessRequestPage *self);
/* Recomputes the auth preview now instead of after the typing pause. */
void          tess_request_page_update_preview   (TessRequestPage *self);

/* Parts, for tests and the window. */
GtkEditable  *tess_request_page_get_url_entry    (TessRequestPage *self);
GtkWidget    *tess_request_page_get_method_picker (TessRequestPage *self);
GtkWidget    *tess_request_page_get_params_editor (TessRequestPage *self);
GtkWidget    *tess_request_page_get_headers_editor (TessRequestPage *self);
GtkWidget    *tess_request_page_get_auth_panel   (TessRequestPage *self);
/* Builds the response view if no send has yet. */
GtkWidget    *tess_request_page_get_response_view (TessRequestPage *self);
/* Whether it is built; notified as "has-response-view". */
gboolean      tess_request_page_has_response_view (TessRequestPage *self);
GtkWidget    *tess_request_page_get_editor_stack (TessRequestPage *self);
char         *tess_request_page_dup_console_text (TessRequestPage *self);
/* Shows the console with secret values in clear (TRUE) or masked (FALSE);
 * each new exchange starts masked. */
void          tess_request_page_set_console_revealed (TessRequestPage *self,
                                                      gboolean         revealed);
/* The request as a copy-paste curl command (variables expanded, auth applied). */
char         *tess_request_page_dup_curl         (TessRequestPage *self,
                                                  GError         **error);

G_END_DECLS
