#pragma once

#include <gio/gio.h>

#include "tess-auth-scheme.h"
#include "tess-exchange.h"
#include "tess-sender.h"

G_BEGIN_DECLS

/* Helpers for tests that check auth schemes against real servers on loopback. */

/* A TCP port on 127.0.0.1 that was free a moment ago. */
guint16       auth_peer_pick_port     (void);
/* Iterates the main context until 127.0.0.1:@port accepts a connection, @process
 * exits, or @timeout_ms passes. */
gboolean      auth_peer_wait_listening (GSubprocess *process,
                                        guint16      port,
                                        guint        timeout_ms);
/* Starts a peer server; it gets SIGTERM when the test process dies, so a
 * failed assertion does not leave it running. */
GSubprocess  *auth_peer_spawn         (GSubprocessFlags     flags,
                                       GError             **error,
                                       const char          *argv0,
                                       ...) G_GNUC_NULL_TERMINATED;
/* Stops @process by its PID (SIGTERM) and reaps it. */
void          auth_peer_stop          (GSubprocess *process);

/* A context for scheme @id with key/value pairs, NULL-terminated. */
TessAuthContext *auth_peer_context    (const char *id,
                                       const char *first_key,
                                       ...) G_GNUC_NULL_TERMINATED;
/* Applies @ctx (when given) to a copy of @req as the resolver does, sends it
 * with @sender answering challenges, and waits for the exchange. */
TessExchange *auth_peer_send          (TessSender          *sender,
                                       TessPreparedRequest *req,
                                       TessAuthContext     *ctx);
/* Signs @req itself with @ctx, then replaces its body with @body (@mode) and
 * sends it as it is: a body changed after signing. */
TessExchange *auth_peer_send_tampered (TessSender          *sender,
                                       TessPreparedRequest *req,
                                       TessAuthContext     *ctx,
                                       TessBodyMode         mode,
                                       GBytes              *body);
/* A request for @base_url followed by @path. */
TessPreparedRequest *auth_peer_request (const char *base_url,
                                        const char *method,
                                        const char *path);
/* auth_peer_send of a GET for @base_url followed by @path, through @sender
 * or, when it is NULL, a fresh sender (no cookies or connections kept). */
TessExchange *auth_peer_send_get      (TessSender          *sender,
                                       const char          *base_url,
                                       const char          *path,
                                       TessAuthContext     *ctx);
/* The response body of @exchange, which must have one and no error, as
 * text; the status and the text go to the test log. */
char         *auth_peer_body_text     (TessExchange *exchange);
/* FALSE, with the test skipped, when @skip_reason (set while starting the
 * peers) says a peer is missing; TRUE when it is NULL. */
gboolean      auth_peer_ready         (const char *skip_reason);
/* Whether the final request's log has a line containing @text. */
gboolean      auth_peer_log_has       (TessExchange *exchange,
                                       const char   *text);

G_END_DECLS
