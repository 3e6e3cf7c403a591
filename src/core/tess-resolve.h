#pragma once

#include "tess-auth-scheme.h"
#include "tess-item.h"
#include "tess-prepared-request.h"
#include "tess-variables.h"

G_BEGIN_DECLS

/**
 * tess_resolve_request:
 * @request: a TESS_ITEM_REQUEST
 * @vars: scopes filled by the caller (global, environment, local); the
 *   collection scope is set here from the request's root collection
 * @auth_ctx_out: (out) (optional): the context of the applied auth scheme, for the
 *   sender to answer challenges with; NULL when no auth applies
 *
 * The one path from a saved item to what goes on the wire: every {{var}}
 * expanded (URL, params, headers, body, every auth attribute), the effective
 * auth found by walking parents, and the scheme applied. Unresolved variable
 * names are in ->unresolved. Returns NULL with @error when a required auth
 * field is empty, a key is malformed, or variables form a cycle.
 */
TessPreparedRequest *tess_resolve_request (TessItem          *request,
                                           TessVariables     *vars,
                                           TessAuthContext  **auth_ctx_out,
                                           GError           **error);

/* Fills the variables' collection scope from the root collection of @item. */
void                 tess_resolve_collection_scope (TessItem      *item,
                                                    TessVariables *vars);

G_END_DECLS
