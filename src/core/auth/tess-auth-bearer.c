#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"

/* RFC 6750 §2.1: the token in the Authorization header. */

static const TessAuthField bearer_fields[] = {
  { "token", N_("Token"), TESS_FIELD_SECRET, NULL, NULL, FALSE, TRUE, NULL },
};

static gboolean
bearer_apply (TessAuthContext     *ctx,
              TessPreparedRequest *req,
              GError             **error)
{
  g_autofree char *value = g_strconcat ("Bearer ", tess_auth_context_get (ctx, "token"), NULL);

  tess_prepared_request_replace_header (req, "Authorization", value,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
  return TRUE;
}

const TessAuthScheme tess_auth_bearer = {
  .id = "bearer",
  .label = N_("Bearer Token"),
  .fields = bearer_fields,
  .n_fields = G_N_ELEMENTS (bearer_fields),
  .apply = bearer_apply,
};
