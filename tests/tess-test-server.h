#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * TessTestServer:
 *
 * A SoupServer on 127.0.0.1 (port 0, so the system picks a free one) that runs
 * in its own thread with its own GMainContext, so a test can block or iterate
 * its own main context freely. Routes are exact paths; a request for an
 * unknown path gets 404. Every request is recorded and can be read back.
 */
typedef struct _TessTestServer TessTestServer;

typedef struct {
  char *name;
  char *value;
} TessTestHeader;

/**
 * TessTestRequest:
 * @method: the method token as received
 * @path: the decoded path
 * @query: the query as received, or %NULL
 * @http_version: "HTTP/1.0", "HTTP/1.1" or "HTTP/2"
 * @headers: #TessTestHeader in the order libsoup parsed them (its known header
 *   names come before other names; repeated names keep their order)
 * @body: the request body (empty when there was none)
 * @remote_port: the client's port: equal for requests on one connection
 * @client_certificate_subject: the TLS client certificate's subject DN, or %NULL
 */
typedef struct {
  char *method;
  char *path;
  char *query;
  char *http_version;
  GPtrArray *headers;
  GBytes *body;
  guint16 remote_port;
  char *client_certificate_subject;
} TessTestRequest;

/* Runs in the server's thread; sets the status, headers and body of @msg. */
typedef void (*TessTestHandler) (SoupServerMessage     *msg,
                                 const TessTestRequest *request,
                                 gpointer               user_data);

TessTestServer  *tess_test_server_new          (void);
/* https with @cert_file/@key_file (PEM). With @client_ca_file, every client
 * must present a certificate that this CA signed (tls-auth-mode REQUIRED). */
TessTestServer  *tess_test_server_new_tls      (const char *cert_file,
                                                const char *key_file,
                                                const char *client_ca_file,
                                                GError    **error);
void             tess_test_server_free         (TessTestServer *self);

guint16          tess_test_server_get_port     (TessTestServer *self);
/* "http://127.0.0.1:PORT" + @path (or https). */
char            *tess_test_server_dup_url      (TessTestServer *self,
                                                const char     *path);

void             tess_test_server_add_handler  (TessTestServer *self,
                                                const char     *path,
                                                TessTestHandler handler,
                                                gpointer        user_data);
/* A canned response; @... are header name/value pairs ending with NULL.
 * @body (may be NULL) is taken over, so g_bytes_new_static ("…", n) can be
 * written inline. */
void             tess_test_server_add_response (TessTestServer *self,
                                                const char     *path,
                                                guint           status,
                                                const char     *content_type,
                                                GBytes         *body,
                                                ...) G_GNUC_NULL_TERMINATED;
/* Answers 200 with @body only after @delay_ms (for timeouts and cancelling);
 * a reply still pending when the server stops gets 503. */
void             tess_test_server_add_delayed  (TessTestServer *self,
                                                const char     *path,
                                                guint           delay_ms,
                                                const char     *body);
void             tess_test_server_add_redirect (TessTestServer *self,
                                                const char     *path,
                                                guint           status,
                                                const char     *location);

guint            tess_test_server_get_request_count (TessTestServer *self);
/* A copy of the last request received, or NULL. */
TessTestRequest *tess_test_server_dup_last_request  (TessTestServer *self);
/* Copies of every request received, in order. */
GPtrArray       *tess_test_server_dup_requests      (TessTestServer *self);

TessTestRequest *tess_test_request_copy        (const TessTestRequest *request);
void             tess_test_request_free        (TessTestRequest *request);
/* The first header named @name (any case), or NULL. */
const char      *tess_test_request_get_header  (const TessTestRequest *request,
                                                const char            *name);
/* The values of every header named @name, in order, NULL-terminated. */
char           **tess_test_request_dup_header_values (const TessTestRequest *request,
                                                      const char            *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessTestServer, tess_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessTestRequest, tess_test_request_free)

G_END_DECLS
