#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"

/* A named key sent as a header or a query parameter; it replaces entries of
 * the same name the person typed, as Postman does. */

static const char * const in_choices[] = { "header", "query", NULL };

static const TessAuthField apikey_fields[] = {
  { "key", N_("Key"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "value", N_("Value"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE, NULL },
  { "in", N_("Add To"), TESS_FIELD_CHOICE, in_choices, "header", FALSE, FALSE,
    N_("header or query") },
};

static gboolean
apikey_apply (TessAuthContext     *ctx,
              TessPreparedRequest *req,
              GError             **error)
{
  const char *key = tess_auth_context_get (ctx, "key");
  const char *value = tess_auth_context_get (ctx, "value");
  const char *in = tess_auth_context_get (ctx, "in");

  /* Postman sends anything but "query" as a header; so do we. */
  if (g_str_equal (in, "query"))
    {
      tess_prepared_request_remove_query (req, key);
      tess_prepared_request_add_query (req, key, value, TESS_ORIGIN_AUTH, ctx->origin_label);
    }
  else
    tess_prepared_request_replace_header (req, key, value, TESS_ORIGIN_AUTH, ctx->origin_label);
  return TRUE;
}

const TessAuthScheme tess_auth_apikey = {
  .id = "apikey",
  .label = N_("API Key"),
  .fields = apikey_fields,
  .n_fields = G_N_ELEMENTS (apikey_fields),
  .apply = apikey_apply,
};
