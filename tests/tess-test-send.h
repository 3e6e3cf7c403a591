#pragma once

#include "tess-sender.h"

G_BEGIN_DECLS

/* A send under way: ->done once ->exchange (owned by the caller) is back. */
typedef struct {
  TessExchange *exchange;
  gboolean      done;
} TessTestSend;

/* Starts sending @req with @sender; @auth and @cancellable may be NULL. */
void          tess_test_send_async  (TessSender          *sender,
                                     TessPreparedRequest *req,
                                     TessAuthContext     *auth,
                                     GCancellable        *cancellable,
                                     TessTestSend        *send);
/* For tess_test_wait_until(): whether the TessTestSend is done. */
gboolean      tess_test_send_is_done (gpointer send);

/* Sends @req with @sender (and @auth, may be NULL), runs the main context
 * until the exchange is back (30 s at most) and returns it. */
TessExchange *tess_test_send        (TessSender          *sender,
                                     TessPreparedRequest *req,
                                     TessAuthContext     *auth);

/* A loopback port nothing listens on: bound, never listening, closed. */
guint16       tess_test_closed_port (void);

G_END_DECLS
