#include <string.h>
#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"
#include "tess-error.h"
#include "tess-jws.h"

/* Atlassian's service-to-service tokens (ASAP): a JWT signed with a key pair,
 * always sent as "Authorization: Bearer". */

static const TessAuthField asap_fields[] = {
  { "alg", N_("Algorithm"), TESS_FIELD_CHOICE, tess_jws_asymmetric_alg_names, "RS256",
    FALSE, TRUE, NULL },
  { "iss", N_("Issuer"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "aud", N_("Audience"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "kid", N_("Key ID"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "privateKey", N_("Private Key"), TESS_FIELD_MULTILINE_SECRET, NULL, NULL,
    FALSE, TRUE, N_("PEM private key, or a data:application/pkcs8 URI") },
  { "sub", N_("Subject"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "claims", N_("Additional Claims"), TESS_FIELD_MULTILINE, NULL, NULL,
    TRUE, FALSE, N_("JSON object; its members take precedence") },
  { "exp", N_("Expiry (seconds)"), TESS_FIELD_NUMBER, NULL, "3600",
    TRUE, FALSE, N_("Lifetime of the token after it is issued") },
};

#define DATA_URI_PREFIX "data:application/pkcs8;kid="

/* Atlassian's key tooling hands out keys as
 * data:application/pkcs8;kid=<kid>;base64,<DER>; the kid must be the one sent.
 * The DER is framed as PEM so one loader reads both. */
static char *
pem_from_data_uri (TessAuthContext *ctx,
                   const char      *uri,
                   GError         **error)
{
  g_autofree char *decoded = g_uri_unescape_string (uri, NULL);
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kid = NULL;
  g_autofree char *b64 = NULL;
  g_autoptr(GString) pem = NULL;
  const char *data;

  if (decoded == NULL || !g_str_has_prefix (decoded, DATA_URI_PREFIX) ||
      (data = strstr (decoded, ";base64,")) == NULL)
    {
      tess_auth_context_field_error (ctx, error, "privateKey", "%s",
                                     _("is a data URI but not data:application/pkcs8;kid=…;base64,…"));
      return NULL;
    }
  kid = g_strndup (decoded + strlen (DATA_URI_PREFIX), data - decoded - strlen (DATA_URI_PREFIX));
  if (!g_str_equal (kid, tess_auth_context_get (ctx, "kid")))
    {
      tess_auth_context_field_error (ctx, error, "privateKey",
                                     _("names key ID ‘%s’, but the Key ID field is ‘%s’"),
                                     kid, tess_auth_context_get (ctx, "kid"));
      return NULL;
    }
  der = tess_base64_decode_lenient (data + strlen (";base64,"), &local_error);
  if (der == NULL)
    {
      tess_auth_context_field_error (ctx, error, "privateKey", "%s", local_error->message);
      return NULL;
    }

  b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  pem = g_string_new ("-----BEGIN PRIVATE KEY-----\n");
  for (gsize i = 0, n = strlen (b64); i < n; i += 64)
    {
      g_string_append_len (pem, b64 + i, MIN (64, n - i));
      g_string_append_c (pem, '\n');
    }
  g_string_append (pem, "-----END PRIVATE KEY-----\n");
  return g_string_free (g_steal_pointer (&pem), FALSE);
}

static TessPemKey *
load_key (TessAuthContext *ctx,
          GError         **error)
{
  g_autofree char *text = g_strstrip (g_strdup (tess_auth_context_get (ctx, "privateKey")));
  g_autoptr(GError) local_error = NULL;
  TessPemKey *key;
  gsize len = strlen (text);

  /* Values copied from JSON sometimes keep their quotes. */
  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    {
      text[len - 1] = '\0';
      memmove (text, text + 1, len - 1);
    }
  if (g_str_has_prefix (text, "data:"))
    {
      g_autofree char *pem = pem_from_data_uri (ctx, text, error);

      if (pem == NULL)
        return NULL;
      g_free (text);
      text = g_steal_pointer (&pem);
    }
  key = tess_pem_key_load (text, &local_error);
  if (key == NULL)
    tess_auth_context_field_error (ctx, error, "privateKey", "%s", local_error->message);
  return key;
}

static gboolean
parse_seconds (TessAuthContext *ctx,
               gint64          *seconds,
               GError         **error)
{
  g_autofree char *text = g_strstrip (g_strdup (tess_auth_context_get (ctx, "exp")));
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &value, NULL))
    {
      tess_auth_context_field_error (ctx, error, "exp",
                                     _("is ‘%s’, not a number of seconds"), text);
      return FALSE;
    }
  *seconds = (gint64) value;
  return TRUE;
}

static void
set_default_string (JsonObject *claims,
                    const char *name,
                    const char *value)
{
  if (!json_object_has_member (claims, name) && value != NULL && *value != '\0')
    json_object_set_string_member (claims, name, value);
}

/* The registered claims ASAP requires, unless the Additional Claims give them. */
static char *
build_claims (TessAuthContext *ctx,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) claims = tess_jws_parse_object (tess_auth_context_get (ctx, "claims"),
                                                        &local_error);
  g_autofree char *jti = g_uuid_string_random ();
  gint64 lifetime, iat;

  if (claims == NULL)
    {
      if (local_error->domain == JSON_PARSER_ERROR)
        tess_auth_context_field_error (ctx, error, "claims", _("is not valid JSON: %s"),
                                       local_error->message);
      else
        tess_auth_context_field_error (ctx, error, "claims", "%s", local_error->message);
      return NULL;
    }
  if (!parse_seconds (ctx, &lifetime, error))
    return NULL;

  set_default_string (claims, "iss", tess_auth_context_get (ctx, "iss"));
  set_default_string (claims, "sub", tess_auth_context_get (ctx, "sub"));
  set_default_string (claims, "aud", tess_auth_context_get (ctx, "aud"));
  set_default_string (claims, "jti", jti);

  if (json_object_has_member (claims, "iat"))
    iat = json_object_get_int_member_with_default (claims, "iat", 0);
  else
    {
      iat = g_get_real_time () / G_USEC_PER_SEC;
      json_object_set_int_member (claims, "iat", iat);
    }
  if (!json_object_has_member (claims, "exp"))
    json_object_set_int_member (claims, "exp", iat + lifetime);

  return tess_jws_object_to_text (claims);
}

static char *
build_header (TessAuthContext *ctx,
              const char      *alg)
{
  g_autoptr(JsonObject) header = json_object_new ();

  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "kid", tess_auth_context_get (ctx, "kid"));
  json_object_set_string_member (header, "typ", "JWT");
  return tess_jws_object_to_text (header);
}

static gboolean
asap_apply (TessAuthContext     *ctx,
            TessPreparedRequest *req,
            GError             **error)
{
  const char *alg_name = tess_auth_context_get (ctx, "alg");
  g_autoptr(TessPemKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *header = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *token = NULL;
  g_autofree char *value = NULL;
  TessJwsAlg alg;

  if (!tess_jws_alg_from_name (alg_name, &alg) || tess_jws_alg_is_hmac (alg))
    {
      tess_auth_context_field_error (ctx, error, "alg", _("is ‘%s’, not one of RS, ES or PS 256/384/512"),
                                     alg_name);
      return FALSE;
    }
  key = load_key (ctx, error);
  if (key == NULL)
    return FALSE;
  claims = build_claims (ctx, error);
  if (claims == NULL)
    return FALSE;
  header = build_header (ctx, alg_name);

  token = tess_jws_sign_compact (alg, header, claims, NULL, key, &local_error);
  if (token == NULL)
    {
      tess_auth_context_field_error (ctx, error, "privateKey", "%s", local_error->message);
      return FALSE;
    }
  value = g_strconcat ("Bearer ", token, NULL);
  tess_prepared_request_replace_header (req, "Authorization", value,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
  return TRUE;
}

const TessAuthScheme tess_auth_asap = {
  .id = "asap",
  .label = N_("ASAP (Atlassian)"),
  .fields = asap_fields,
  .n_fields = G_N_ELEMENTS (asap_fields),
  .apply = asap_apply,
};
