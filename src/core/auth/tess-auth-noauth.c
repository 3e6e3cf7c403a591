#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"

static gboolean
noauth_apply (TessAuthContext     *ctx,
              TessPreparedRequest *req,
              GError             **error)
{
  return TRUE;
}

const TessAuthScheme tess_auth_noauth = {
  .id = "noauth",
  .label = N_("No Auth"),
  .fields = NULL,
  .n_fields = 0,
  .apply = noauth_apply,
};
