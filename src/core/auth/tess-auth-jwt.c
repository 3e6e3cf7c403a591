#include <string.h>
#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"
#include "tess-error.h"
#include "tess-jws.h"

static const char * const add_token_to_choices[] = { "header", "queryParam", NULL };

static const TessAuthField jwt_fields[] = {
  { "algorithm", N_("Algorithm"), TESS_FIELD_CHOICE, tess_jws_alg_names, "HS256",
    FALSE, TRUE, NULL },
  { "secret", N_("Secret"), TESS_FIELD_SECRET, NULL, NULL,
    FALSE, FALSE, N_("Shared secret for the HS algorithms") },
  { "isSecretBase64Encoded", N_("Secret Base64 Encoded"), TESS_FIELD_BOOL, NULL, "false",
    FALSE, FALSE, NULL },
  { "privateKey", N_("Private Key"), TESS_FIELD_MULTILINE_SECRET, NULL, NULL,
    FALSE, FALSE, N_("PEM private key for the RS, PS and ES algorithms") },
  { "payload", N_("Payload"), TESS_FIELD_MULTILINE, NULL, "{}",
    FALSE, FALSE, N_("JSON claims, signed exactly as written") },
  { "addTokenTo", N_("Add Token To"), TESS_FIELD_CHOICE, add_token_to_choices, "header",
    TRUE, FALSE, NULL },
  { "headerPrefix", N_("Header Prefix"), TESS_FIELD_TEXT, NULL, "Bearer",
    TRUE, FALSE, NULL },
  { "queryParamKey", N_("Query Param Name"), TESS_FIELD_TEXT, NULL, "token",
    TRUE, FALSE, NULL },
  { "header", N_("JWT Headers"), TESS_FIELD_MULTILINE, NULL, NULL,
    TRUE, FALSE, N_("JSON members added to {\"alg\", \"typ\": \"JWT\"}") },
};

/* Parses a JSON object field, naming the field and json-glib's reason on failure. */
static JsonObject *
parse_json_field (TessAuthContext *ctx,
                  const char      *key,
                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *object = tess_jws_parse_object (tess_auth_context_get (ctx, key), &local_error);

  if (object == NULL && local_error->domain == JSON_PARSER_ERROR)
    tess_auth_context_field_error (ctx, error, key, _("is not valid JSON: %s"),
                                   local_error->message);
  else if (object == NULL)
    tess_auth_context_field_error (ctx, error, key, "%s", local_error->message);
  return object;
}

/* The protected header: {"alg", "typ": "JWT"} with the person's members over it,
 * except that the algorithm field always decides "alg". When the person's text
 * already says exactly that, it is signed as written, so published examples
 * (RFC 7515 A.1) come out byte for byte. */
static char *
build_header (TessAuthContext *ctx,
              const char      *alg,
              GError         **error)
{
  g_autoptr(JsonObject) extra = parse_json_field (ctx, "header", error);
  g_autoptr(JsonObject) header = NULL;
  const char *text = tess_auth_context_get (ctx, "header");

  if (extra == NULL)
    return NULL;
  if (json_object_has_member (extra, "typ") &&
      g_strcmp0 (json_object_get_string_member_with_default (extra, "alg", NULL), alg) == 0)
    return g_strstrip (g_strdup (text));

  header = json_object_new ();
  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "typ", "JWT");
  for (GList *l = json_object_get_members (extra); l != NULL; l = g_list_delete_link (l, l))
    if (!g_str_equal (l->data, "alg"))
      json_object_set_member (header, l->data, json_object_dup_member (extra, l->data));
  return tess_jws_object_to_text (header);
}

/* The payload is signed as written once it is known to be a JSON object. */
static char *
build_payload (TessAuthContext *ctx,
               GError         **error)
{
  g_autoptr(JsonObject) object = parse_json_field (ctx, "payload", error);

  if (object == NULL)
    return NULL;
  return g_strstrip (g_strdup (tess_auth_context_get (ctx, "payload")));
}

static GBytes *
load_secret (TessAuthContext *ctx,
             GError         **error)
{
  const char *secret = tess_auth_context_get (ctx, "secret");
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  if (*secret == '\0')
    {
      tess_auth_context_field_error (ctx, error, "secret", "%s", _("is empty"));
      return NULL;
    }
  if (!tess_auth_context_get_bool (ctx, "isSecretBase64Encoded"))
    return g_bytes_new (secret, strlen (secret));

  bytes = tess_base64_decode_lenient (secret, &local_error);
  if (bytes == NULL)
    tess_auth_context_field_error (ctx, error, "secret", "%s", local_error->message);
  return bytes;
}

static TessPemKey *
load_key (TessAuthContext *ctx,
          GError         **error)
{
  const char *pem = tess_auth_context_get (ctx, "privateKey");
  g_autoptr(GError) local_error = NULL;
  TessPemKey *key;

  if (*pem == '\0')
    {
      tess_auth_context_field_error (ctx, error, "privateKey", "%s", _("is empty"));
      return NULL;
    }
  key = tess_pem_key_load (pem, &local_error);
  if (key == NULL)
    tess_auth_context_field_error (ctx, error, "privateKey", "%s", local_error->message);
  return key;
}

static void
add_token (TessAuthContext     *ctx,
           TessPreparedRequest *req,
           const char          *token)
{
  const char *prefix;
  g_autofree char *value = NULL;

  if (g_str_equal (tess_auth_context_get (ctx, "addTokenTo"), "queryParam"))
    {
      const char *name = tess_auth_context_get (ctx, "queryParamKey");

      tess_prepared_request_remove_query (req, name);
      tess_prepared_request_add_query (req, name, token, TESS_ORIGIN_AUTH, ctx->origin_label);
      return;
    }

  /* An absent prefix means "Bearer"; a prefix the person cleared means none. */
  prefix = g_hash_table_lookup (ctx->values, "headerPrefix");
  if (prefix == NULL)
    prefix = "Bearer";
  value = *prefix != '\0' ? g_strconcat (prefix, " ", token, NULL) : g_strdup (token);
  tess_prepared_request_replace_header (req, "Authorization", value,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
}

static gboolean
jwt_apply (TessAuthContext     *ctx,
           TessPreparedRequest *req,
           GError             **error)
{
  const char *alg_name = tess_auth_context_get (ctx, "algorithm");
  g_autofree char *header = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(TessPemKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  TessJwsAlg alg;

  if (!tess_jws_alg_from_name (alg_name, &alg))
    {
      tess_auth_context_field_error (ctx, error, "algorithm", _("is ‘%s’, not one of HS, RS, ES or PS 256/384/512"),
                                     alg_name);
      return FALSE;
    }
  if (tess_jws_alg_is_hmac (alg))
    secret = load_secret (ctx, error);
  else
    key = load_key (ctx, error);
  if (secret == NULL && key == NULL)
    return FALSE;

  header = build_header (ctx, alg_name, error);
  if (header == NULL)
    return FALSE;
  payload = build_payload (ctx, error);
  if (payload == NULL)
    return FALSE;

  token = tess_jws_sign_compact (alg, header, payload, secret, key, &local_error);
  if (token == NULL)
    {
      tess_auth_context_field_error (ctx, error, "privateKey", "%s", local_error->message);
      return FALSE;
    }
  add_token (ctx, req, token);
  return TRUE;
}

const TessAuthScheme tess_auth_jwt = {
  .id = "jwt",
  .label = N_("JWT Bearer"),
  .fields = jwt_fields,
  .n_fields = G_N_ELEMENTS (jwt_fields),
  .apply = jwt_apply,
};
