#pragma once

#include "tess-auth-scheme.h"

G_BEGIN_DECLS

/* The pieces of an EdgeGrid signature, for tests to compare with published
 * vectors. The data to sign ends with @unsigned_header, the Authorization
 * value up to "signature=". */
char *tess_edgegrid_dup_data_to_sign (TessAuthContext     *ctx,
                                      TessPreparedRequest *req,
                                      const char          *unsigned_header,
                                      GError             **error);
/* Base64 HMAC-SHA-256 of @timestamp keyed by @client_secret. */
char *tess_edgegrid_dup_signing_key  (const char          *client_secret,
                                      const char          *timestamp);

G_END_DECLS
