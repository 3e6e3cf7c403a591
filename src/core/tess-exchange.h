#pragma once

#include <gio/gio.h>

#include "tess-prepared-request.h"

G_BEGIN_DECLS

/* Timings in microseconds from libsoup's SoupMessageMetrics; -1 when not measured
 * (a reused connection has no DNS/connect/TLS). */
typedef struct {
  gint64 dns;
  gint64 connect;
  gint64 tls;
  gint64 first_byte;   /* request sent → first response byte */
  gint64 total;
} TessTimings;

/**
 * TessExchange:
 *
 * One send: the request as it finally went out, the response, timings, and the
 * console dump of every round trip (challenges and redirects included) with
 * secret header values masked.
 */
typedef struct {
  TessPreparedRequest *request;       /* the last request sent */
  guint        status;                /* 0 when there is no response */
  char        *reason;
  char        *http_version;          /* "HTTP/1.1" */
  GPtrArray   *response_headers;      /* TessParam, in order */
  GBytes      *body;                  /* in memory, or NULL when streamed to body_file */
  char        *body_file;             /* temporary file holding a large body, or NULL;
                                       * tess_exchange_free() removes it */
  gint64       body_size;
  char        *content_type;
  TessTimings  timings;
  GPtrArray   *rounds;                /* char*: raw dump of each request/response round */
  GPtrArray   *warnings;              /* char*: unresolved variables, redirects… */
  GError      *error;                 /* set when the send failed */
} TessExchange;

TessExchange *tess_exchange_new            (void);
void          tess_exchange_free           (TessExchange *self);
/* Frees the body (in memory or its temporary file) and the console dump,
 * keeping the figures (status, headers, body_size, timings): for a run that
 * reports on thousands of responses and shows none of them. */
void          tess_exchange_drop_payload   (TessExchange *self);
/* Reads the body whether it is in memory or in a file. */
GBytes       *tess_exchange_dup_body       (TessExchange *self,
                                            GError      **error);
const char   *tess_exchange_get_header     (TessExchange *self,
                                            const char   *name);
/* The whole console text: every round, warnings, and the error. */
char         *tess_exchange_dup_log        (TessExchange *self);
void          tess_exchange_add_warning    (TessExchange *self,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (2, 3);

/* What the console shows in place of a secret header value. */
#define TESS_EXCHANGE_MASK "••••••"
/* Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-Api-Key,
 * X-Amz-Security-Token (any case). */
gboolean      tess_exchange_is_secret_header (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessExchange, tess_exchange_free)

G_END_DECLS
