#pragma once

#include <libsoup/soup.h>

#include "tess-prepared-request.h"

G_BEGIN_DECLS

/* The console text of a send, for TessSender: what went on the wire with
 * secret values masked (see tess_exchange_is_secret_header(); headers and
 * query entries that came from auth are masked too). */

/* "HTTP/1.0", "HTTP/1.1" or "HTTP/2". */
const char *tess_http_version_string        (SoupHTTPVersion version);

/* The request line, headers as libsoup wrote them (call it at "wrote-headers"),
 * a blank line and a preview of the body (at most 64 KiB). */
char       *tess_dump_request               (SoupMessage               *msg,
                                             const TessPreparedRequest *req);

/* One round trip: @sent_request (from tess_dump_request(), or NULL when the
 * request never went out), then the status line and headers of @msg's
 * response when @answered, or "(no response)". */
char       *tess_dump_round                 (SoupMessage               *msg,
                                             const TessPreparedRequest *req,
                                             const char                *sent_request,
                                             gboolean                   answered);

/* "unknown CA (…), expired" for the problems in @flags. */
char       *tess_describe_certificate_flags (GTlsCertificateFlags flags,
                                             const char          *host);

G_END_DECLS
