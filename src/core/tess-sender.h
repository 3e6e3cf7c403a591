#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "tess-auth-scheme.h"
#include "tess-exchange.h"
#include "tess-prepared-request.h"

G_BEGIN_DECLS

#define TESS_TYPE_SENDER (tess_sender_get_type ())
G_DECLARE_FINAL_TYPE (TessSender, tess_sender, TESS, SENDER, GObject)

/**
 * TessSender:
 *
 * Sends prepared requests with one SoupSession (keep-alive connection reuse, the
 * system proxy resolver, a persistent cookie jar). Properties are defaults that a
 * TessPreparedRequest may override: timeout (ms, 0 = none), follow-redirects,
 * max-redirects, verify-tls (on by default), ca-file, cookie-file.
 */
TessSender   *tess_sender_new                 (void);
SoupSession  *tess_sender_get_session         (TessSender *self);
void          tess_sender_set_timeout         (TessSender *self, guint timeout_ms);
void          tess_sender_set_follow_redirects (TessSender *self, gboolean follow);
void          tess_sender_set_max_redirects   (TessSender *self, guint max_redirects);
void          tess_sender_set_verify_tls      (TessSender *self, gboolean verify);
gboolean      tess_sender_set_ca_file         (TessSender *self, const char *path, GError **error);
/* A client certificate for @host (PEM cert + key files, or a PKCS#12 file with
 * @key_path NULL and @passphrase). @host is "example.com", "example.com:8443"
 * or "*.example.com"; host:port wins over host, which wins over patterns. */
gboolean      tess_sender_add_client_certificate (TessSender *self,
                                                  const char *host,
                                                  const char *cert_path,
                                                  const char *key_path,
                                                  const char *passphrase,
                                                  GError    **error);
/* Forgets every client certificate. Connections that presented one are
 * not used again: the next requests open new ones. */
void          tess_sender_clear_client_certificates (TessSender *self);
/* Persist cookies in @path (libsoup's SoupCookieJarText). */
void          tess_sender_set_cookie_file     (TessSender *self, const char *path);
/* Whether exchanges keep the console dump of each round (default TRUE);
 * a run that shows none of them spares the work. */
void          tess_sender_set_dumps           (TessSender *self, gboolean dumps);
/* Responses larger than this go to a temporary file (default 4 MiB). */
void          tess_sender_set_memory_limit    (TessSender *self, gsize bytes);

/* Sends @request (owned by the caller, copied). When @auth is given and its scheme
 * has on_response, challenges are answered (each round kept in the exchange).
 * The result is always an exchange: on failure it carries ->error; _finish also
 * returns FALSE-like NULL only on programmer error. */
void          tess_sender_send_async          (TessSender          *self,
                                               TessPreparedRequest *request,
                                               TessAuthContext     *auth,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
TessExchange *tess_sender_send_finish         (TessSender          *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
