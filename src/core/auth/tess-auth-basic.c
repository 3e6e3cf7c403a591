#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-auth-schemes.h"

/* RFC 7617: base64 of "user:password", both as UTF-8. */

static const TessAuthField basic_fields[] = {
  { "username", N_("Username"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "password", N_("Password"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE, NULL },
};

static gboolean
basic_apply (TessAuthContext     *ctx,
             TessPreparedRequest *req,
             GError             **error)
{
  g_autofree char *pair = g_strconcat (tess_auth_context_get (ctx, "username"), ":",
                                       tess_auth_context_get (ctx, "password"), NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

  tess_prepared_request_replace_header (req, "Authorization", value,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
  return TRUE;
}

const TessAuthScheme tess_auth_basic = {
  .id = "basic",
  .label = N_("Basic Auth"),
  .fields = basic_fields,
  .n_fields = G_N_ELEMENTS (basic_fields),
  .apply = basic_apply,
};
