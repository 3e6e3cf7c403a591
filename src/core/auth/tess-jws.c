#include "tess-jws.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tess-error.h"

const char * const tess_jws_alg_names[] = {
  "HS256", "HS384", "HS512",
  "RS256", "RS384", "RS512",
  "ES256", "ES384", "ES512",
  "PS256", "PS384", "PS512",
  NULL
};

const char * const tess_jws_asymmetric_alg_names[] = {
  "RS256", "RS384", "RS512",
  "ES256", "ES384", "ES512",
  "PS256", "PS384", "PS512",
  NULL
};

gboolean
tess_jws_alg_from_name (const char *name,
                        TessJwsAlg *alg)
{
  for (guint i = 0; name != NULL && tess_jws_alg_names[i] != NULL; i++)
    if (g_str_equal (tess_jws_alg_names[i], name))
      {
        *alg = (TessJwsAlg) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tess_jws_alg_to_name (TessJwsAlg alg)
{
  g_return_val_if_fail (alg <= TESS_JWS_PS512, NULL);
  return tess_jws_alg_names[alg];
}

gboolean
tess_jws_alg_is_hmac (TessJwsAlg alg)
{
  return alg <= TESS_JWS_HS512;
}

/* Each family comes in threes, hashed with SHA-256, SHA-384 and SHA-512. */
static GChecksumType
alg_checksum (TessJwsAlg alg)
{
  static const GChecksumType digests[] = { G_CHECKSUM_SHA256, G_CHECKSUM_SHA384, G_CHECKSUM_SHA512 };

  return digests[alg % 3];
}

char *
tess_base64url_encode (const guint8 *data,
                       gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *out = text;

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '=')
        break;
      *out++ = *p == '+' ? '-' : *p == '/' ? '_' : *p;
    }
  *out = '\0';
  return text;
}

GBytes *
tess_base64_decode_lenient (const char *text,
                            GError    **error)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  guchar *data;
  gsize len;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '=')
        continue;
      if (g_ascii_isalnum (*p) || *p == '+' || *p == '/')
        g_string_append_c (clean, *p);
      else if (*p == '-' || *p == '_')
        g_string_append_c (clean, *p == '-' ? '+' : '/');
      else
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                       _("is not base64: unexpected character ‘%c’"), *p);
          return NULL;
        }
    }
  if (clean->len % 4 == 1)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("is not base64: its length is impossible"));
      return NULL;
    }
  while (clean->len % 4 != 0)
    g_string_append_c (clean, '=');

  data = g_base64_decode (clean->str, &len);
  return g_bytes_new_take (data, len);
}

JsonObject *
tess_jws_parse_object (const char *text,
                       GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  JsonNode *root;

  if (*trimmed == '\0')
    return json_object_new ();
  if (!json_parser_load_from_data (parser, trimmed, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("is JSON but not an object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

char *
tess_jws_object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* The curve width in bytes that each ES algorithm names (RFC 7518 §3.4). */
static gsize
es_width (TessJwsAlg alg)
{
  switch (alg)
    {
    case TESS_JWS_ES256: return 32;
    case TESS_JWS_ES384: return 48;
    default:             return 66;
    }
}

static const char *
es_curve_name (gsize width)
{
  switch (width)
    {
    case 32: return "P-256";
    case 48: return "P-384";
    case 66: return "P-521";
    default: return "?";
    }
}

GBytes *
tess_jws_sign_with_key (TessPemKey *key,
                        TessJwsAlg  alg,
                        const char *input,
                        GError    **error)
{
  const char *name = tess_jws_alg_to_name (alg);
  TessPemKeyType type = tess_pem_key_get_key_type (key);
  TessPemSignature signature;
  g_autoptr(GBytes) bytes = NULL;

  if (tess_jws_alg_is_hmac (alg))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("is not used by %s, which signs with a shared secret"), name);
      return NULL;
    }
  if (alg >= TESS_JWS_ES256 && alg <= TESS_JWS_ES512)
    signature = TESS_PEM_SIGN_ECDSA;
  else if (alg >= TESS_JWS_PS256)
    signature = TESS_PEM_SIGN_RSA_PSS;
  else
    signature = TESS_PEM_SIGN_RSA_PKCS1;

  if (signature == TESS_PEM_SIGN_ECDSA ? type != TESS_PEM_KEY_EC : type != TESS_PEM_KEY_RSA)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("holds %s, but %s needs an %s key"),
                   type == TESS_PEM_KEY_RSA ? _("an RSA key") :
                   type == TESS_PEM_KEY_EC ? _("an EC key") : _("a key of another type"),
                   name, signature == TESS_PEM_SIGN_ECDSA ? "EC" : "RSA");
      return NULL;
    }

  bytes = tess_pem_key_sign (key, signature, alg_checksum (alg),
                             (const guint8 *) input, strlen (input), error);
  if (bytes == NULL)
    return NULL;

  /* The signature's width gives the curve away: ES256 on a P-384 key would make
   * a token no verifier accepts. */
  if (signature == TESS_PEM_SIGN_ECDSA && g_bytes_get_size (bytes) != 2 * es_width (alg))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("holds an EC key on curve %s, but %s needs %s"),
                   es_curve_name (g_bytes_get_size (bytes) / 2), name,
                   es_curve_name (es_width (alg)));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static GBytes *
hmac_sign (TessJwsAlg  alg,
           GBytes     *secret,
           const char *input)
{
  gsize key_len = 0;
  const guint8 *key = secret ? g_bytes_get_data (secret, &key_len) : NULL;
  g_autoptr(GHmac) hmac = g_hmac_new (alg_checksum (alg), key ? key : (const guint8 *) "", key_len);
  guint8 digest[64];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guint8 *) input, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  return g_bytes_new (digest, digest_len);
}

char *
tess_jws_sign_compact (TessJwsAlg  alg,
                       const char *header_json,
                       const char *payload_json,
                       GBytes     *secret,
                       TessPemKey *key,
                       GError    **error)
{
  g_autofree char *header = tess_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  g_autofree char *payload = tess_base64url_encode ((const guint8 *) payload_json, strlen (payload_json));
  g_autofree char *input = g_strconcat (header, ".", payload, NULL);
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *encoded = NULL;
  gsize len;
  const guint8 *data;

  if (tess_jws_alg_is_hmac (alg))
    signature = hmac_sign (alg, secret, input);
  else
    {
      g_return_val_if_fail (key != NULL, NULL);
      signature = tess_jws_sign_with_key (key, alg, input, error);
      if (signature == NULL)
        return NULL;
    }
  data = g_bytes_get_data (signature, &len);
  encoded = tess_base64url_encode (data, len);
  return g_strconcat (input, ".", encoded, NULL);
}
