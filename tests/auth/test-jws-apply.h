#pragma once

#include "tess-auth-scheme.h"

G_BEGIN_DECLS

/* Applying the schemes that send a JWS as a bearer token (JWT, ASAP). */

/* Applies @ctx to @req and returns the token of the "Authorization: Bearer
 * TOKEN" header it set. */
char *test_jws_apply_for_token    (TessAuthContext     *ctx,
                                   TessPreparedRequest *req);
/* Applying @ctx to @req fails with a field error whose message names
 * @location, the field labelled @field_label and @reason. */
void  test_jws_assert_apply_fails (TessAuthContext     *ctx,
                                   TessPreparedRequest *req,
                                   const char          *location,
                                   const char          *field_label,
                                   const char          *reason);

G_END_DECLS
