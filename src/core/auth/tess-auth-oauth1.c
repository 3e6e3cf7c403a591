/* OAuth 1.0a request signing (RFC 5849), with Postman's options: where the
 * parameters go, empty parameters in the signature, the body hash extension
 * (draft-eaton-oauth-bodyhash) and unencoded Authorization headers. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-auth-random.h"
#include "tess-auth-schemes.h"
#include "tess-error.h"
#include "tess-pem-key.h"

typedef struct {
  const char *name;
  gboolean rsa;
  gboolean plaintext;
  GChecksumType digest;
} SignatureMethod;

static const SignatureMethod signature_methods[] = {
  { "HMAC-SHA1", FALSE, FALSE, G_CHECKSUM_SHA1 },
  { "HMAC-SHA256", FALSE, FALSE, G_CHECKSUM_SHA256 },
  { "HMAC-SHA512", FALSE, FALSE, G_CHECKSUM_SHA512 },
  { "RSA-SHA1", TRUE, FALSE, G_CHECKSUM_SHA1 },
  { "RSA-SHA256", TRUE, FALSE, G_CHECKSUM_SHA256 },
  { "RSA-SHA512", TRUE, FALSE, G_CHECKSUM_SHA512 },
  { "PLAINTEXT", FALSE, TRUE, G_CHECKSUM_SHA1 },
};

static const char * const method_choices[] = {
  "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512",
  "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", "PLAINTEXT", NULL
};

/* The protocol parameters this scheme writes. Copies the person typed into the
 * query or the body are dropped first, so nothing is signed or sent twice. */
static const char * const protocol_params[] = {
  "oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp",
  "oauth_nonce", "oauth_version", "oauth_signature", "oauth_callback",
  "oauth_verifier", "oauth_body_hash", NULL
};

#define NONCE_LENGTH 11   /* as Postman generates them */

typedef struct {
  char *name;
  char *value;
} Pair;

static void
pair_free (Pair *pair)
{
  g_free (pair->name);
  g_free (pair->value);
  g_free (pair);
}

static void
pairs_add (GPtrArray  *pairs,
           const char *name,
           const char *value)
{
  Pair *pair = g_new0 (Pair, 1);

  pair->name = g_strdup (name);
  pair->value = g_strdup (value ? value : "");
  g_ptr_array_add (pairs, pair);
}

static GPtrArray *
pairs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
}

static const SignatureMethod *
find_signature_method (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (signature_methods); i++)
    if (g_ascii_strcasecmp (signature_methods[i].name, name) == 0)
      return &signature_methods[i];
  return NULL;
}

static gboolean
is_protocol_param (const char *name)
{
  return g_strv_contains (protocol_params, name);
}

/* Postman's rule: without "add empty parameters", blank values are left out. */
static gboolean
is_blank (const char *value)
{
  for (const char *p = value; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* `version` is the one field whose empty value means something: Postman leaves
 * oauth_version out when the person cleared it, while an absent attribute
 * takes the default "1.0". */
static const char *
get_version (TessAuthContext *ctx)
{
  const char *raw = g_hash_table_lookup (ctx->values, "version");

  return raw != NULL ? raw : tess_auth_context_get (ctx, "version");
}

/* application/x-www-form-urlencoded pairs, decoded ("+" is a space). */
static void
add_form_pairs (GPtrArray  *pairs,
                const char *form)
{
  g_auto(GStrv) parts = g_strsplit (form, "&", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (parts[i][0] == '\0')
        continue;
      if (eq != NULL)
        *eq = '\0';
      name = tess_uri_decode (parts[i], TRUE);
      value = tess_uri_decode (eq ? eq + 1 : "", TRUE);
      pairs_add (pairs, name, value);
    }
}

static char *
dup_form_body (const TessPreparedRequest *req)
{
  gsize size = 0;
  const char *data;

  if (req->body == NULL)
    return g_strdup ("");
  data = g_bytes_get_data (req->body, &size);
  return g_strndup (data, size);
}

/* Rewrites an urlencoded body without the protocol parameters. */
static void
strip_protocol_params_from_body (TessPreparedRequest *req)
{
  g_autofree char *form = dup_form_body (req);
  g_auto(GStrv) parts = g_strsplit (form, "&", -1);
  g_autoptr(GString) kept = g_string_new (NULL);
  gboolean changed = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strndup (parts[i], strcspn (parts[i], "="));
      g_autofree char *decoded = tess_uri_decode (name, TRUE);

      if (is_protocol_param (decoded))
        {
          changed = TRUE;
          continue;
        }
      if (parts[i][0] == '\0')
        continue;
      if (kept->len > 0)
        g_string_append_c (kept, '&');
      g_string_append (kept, parts[i]);
    }
  if (changed)
    {
      g_autoptr(GBytes) body = g_bytes_new (kept->str, kept->len);
      tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, body);
    }
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = *(const Pair **) a;
  const Pair *pb = *(const Pair **) b;
  int cmp = strcmp (pa->name, pb->name);

  return cmp != 0 ? cmp : strcmp (pa->value, pb->value);
}

/* RFC 5849 §3.4.1.3.2: encode, sort by name then value, join. */
static char *
normalize_parameters (GPtrArray *pairs)
{
  g_autoptr(GPtrArray) encoded = pairs_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (pairs, i);
      Pair *enc = g_new0 (Pair, 1);

      enc->name = tess_uri_encode_strict (pair->name);
      enc->value = tess_uri_encode_strict (pair->value);
      g_ptr_array_add (encoded, enc);
    }
  g_ptr_array_sort (encoded, compare_pairs);
  for (guint i = 0; i < encoded->len; i++)
    {
      Pair *pair = g_ptr_array_index (encoded, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", pair->name, pair->value);
    }
  return g_string_free (out, FALSE);
}

/* RFC 5849 §3.4.1.2: scheme and host in lower case, the port only when it is
 * not the default, the path as it goes on the wire. */
static char *
base_string_uri (const TessPreparedRequest *req)
{
  const char *sep = strstr (req->url, "://");
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *target = NULL;

  if (sep == NULL)
    return NULL;
  scheme = g_ascii_strdown (req->url, sep - req->url);
  host = tess_prepared_request_dup_host (req);
  target = tess_prepared_request_dup_target (req);
  target[strcspn (target, "?")] = '\0';
  return g_strconcat (scheme, "://", host, target, NULL);
}

static char *
body_hash (const TessPreparedRequest *req,
           const SignatureMethod     *method,
           GError                   **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[64];
  gsize digest_len = sizeof digest;

  body = tess_prepared_request_dup_body (req, error);
  if (body == NULL)
    return NULL;
  checksum = g_checksum_new (method->digest);
  g_checksum_update (checksum, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_checksum_get_digest (checksum, digest, &digest_len);
  return g_base64_encode (digest, digest_len);
}

static char *
sign_base_string (TessAuthContext       *ctx,
                  const SignatureMethod *method,
                  const char            *base_string,
                  GError               **error)
{
  g_autofree char *consumer_secret = tess_uri_encode_strict (tess_auth_context_get (ctx, "consumerSecret"));
  g_autofree char *token_secret = tess_uri_encode_strict (tess_auth_context_get (ctx, "tokenSecret"));
  g_autofree char *key = g_strconcat (consumer_secret, "&", token_secret, NULL);

  if (method->plaintext)
    return g_steal_pointer (&key);

  if (!method->rsa)
    {
      g_autoptr(GHmac) hmac = g_hmac_new (method->digest, (const guchar *) key, strlen (key));
      guint8 digest[64];
      gsize digest_len = sizeof digest;

      g_hmac_update (hmac, (const guchar *) base_string, -1);
      g_hmac_get_digest (hmac, digest, &digest_len);
      return g_base64_encode (digest, digest_len);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(TessPemKey) pem = NULL;
      g_autoptr(GBytes) signature = NULL;

      pem = tess_pem_key_load (tess_auth_context_get (ctx, "privateKey"), &local_error);
      if (pem != NULL && tess_pem_key_get_key_type (pem) != TESS_PEM_KEY_RSA)
        g_set_error (&local_error, TESS_ERROR, TESS_ERROR_INVALID,
                     _("is not an RSA key, which %s needs"), method->name);
      if (local_error == NULL)
        signature = tess_pem_key_sign (pem, TESS_PEM_SIGN_RSA_PKCS1, method->digest,
                                       (const guint8 *) base_string, strlen (base_string),
                                       &local_error);
      if (signature == NULL)
        {
          tess_auth_context_field_error (ctx, error, "privateKey", "%s", local_error->message);
          return NULL;
        }
      return g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
    }
}

static char *
encode_unless (const char *text,
               gboolean    raw)
{
  return raw ? g_strdup (text) : tess_uri_encode_strict (text);
}

/* RFC 5849 §3.5.1, written as Postman writes it: `OAuth realm="…",oauth_…="…"`,
 * blank values left out. */
static char *
build_header (TessAuthContext *ctx,
              GPtrArray       *params)
{
  gboolean raw = tess_auth_context_get_bool (ctx, "disableHeaderEncoding");
  g_autofree char *realm = g_strstrip (g_strdup (tess_auth_context_get (ctx, "realm")));
  GString *out = g_string_new ("OAuth ");
  gboolean first = TRUE;

  if (*realm != '\0')
    {
      g_autofree char *value = encode_unless (realm, raw);
      g_string_append_printf (out, "realm=\"%s\"", value);
      first = FALSE;
    }
  for (guint i = 0; i < params->len; i++)
    {
      Pair *pair = g_ptr_array_index (params, i);
      g_autofree char *trimmed = g_strstrip (g_strdup (pair->value));
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*trimmed == '\0')
        continue;
      name = encode_unless (pair->name, raw);
      value = encode_unless (trimmed, raw);
      g_string_append_printf (out, "%s%s=\"%s\"", first ? "" : ",", name, value);
      first = FALSE;
    }
  return g_string_free (out, FALSE);
}

/* The oauth_* parameters in Postman's order; blank ones only when asked for,
 * and the extensions (body hash, callback, verifier) only when set. */
static GPtrArray *
protocol_parameters (TessAuthContext       *ctx,
                     const SignatureMethod *method,
                     const char            *timestamp,
                     const char            *nonce,
                     const char            *hash)
{
  gboolean add_empty = tess_auth_context_get_bool (ctx, "addEmptyParamsToSign");
  g_autoptr(GPtrArray) params = pairs_new ();
  const struct {
    const char *name;
    const char *value;
    gboolean extension;
  } all[] = {
    { "oauth_consumer_key", tess_auth_context_get (ctx, "consumerKey"), FALSE },
    { "oauth_token", tess_auth_context_get (ctx, "token"), FALSE },
    { "oauth_signature_method", method->name, FALSE },
    { "oauth_timestamp", timestamp, FALSE },
    { "oauth_nonce", nonce, FALSE },
    { "oauth_version", get_version (ctx), FALSE },
    { "oauth_body_hash", hash ? hash : "", TRUE },
    { "oauth_callback", tess_auth_context_get (ctx, "callback"), TRUE },
    { "oauth_verifier", tess_auth_context_get (ctx, "verifier"), TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      gboolean blank = is_blank (all[i].value);

      if (blank && (all[i].extension || !add_empty))
        continue;
      pairs_add (params, all[i].name, all[i].value);
    }
  return g_steal_pointer (&params);
}

static gboolean
check_secrets (TessAuthContext       *ctx,
               const SignatureMethod *method,
               GError               **error)
{
  if (method->rsa && *tess_auth_context_get (ctx, "privateKey") == '\0')
    {
      tess_auth_context_field_error (ctx, error, "privateKey",
                                     _("is empty; %s signs with a PEM private key"), method->name);
      return FALSE;
    }
  if (!method->rsa && *tess_auth_context_get (ctx, "consumerSecret") == '\0')
    {
      tess_auth_context_field_error (ctx, error, "consumerSecret",
                                     _("is empty; %s signs with it"), method->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_post_or_put (const TessPreparedRequest *req)
{
  return g_ascii_strcasecmp (req->method, "POST") == 0 ||
         g_ascii_strcasecmp (req->method, "PUT") == 0;
}

static void
place_parameters (TessAuthContext     *ctx,
                  TessPreparedRequest *req,
                  GPtrArray           *params)
{
  if (tess_auth_context_get_bool (ctx, "addParamsToHeader"))
    {
      g_autofree char *header = build_header (ctx, params);

      tess_prepared_request_replace_header (req, "Authorization", header,
                                            TESS_ORIGIN_AUTH, ctx->origin_label);
      return;
    }

  /* RFC 5849 §3.5.2/§3.5.3: the body when it is a form that may carry them,
   * else the query. Postman drops a manual Authorization header either way. */
  tess_prepared_request_remove_header (req, "Authorization");
  for (guint i = 0; i < params->len; i++)
    {
      Pair *pair = g_ptr_array_index (params, i);

      if (is_post_or_put (req) && req->body_mode == TESS_BODY_URLENCODED)
        tess_prepared_request_append_form (req, pair->name, pair->value);
      else
        tess_prepared_request_add_query (req, pair->name, pair->value,
                                         TESS_ORIGIN_AUTH, ctx->origin_label);
    }
}

static gboolean
wants_body_hash (TessAuthContext           *ctx,
                 const TessPreparedRequest *req,
                 const SignatureMethod     *method)
{
  /* The extension forbids a body hash on form bodies; PLAINTEXT has no hash.
   * A form-data body built later by the sender has no bytes to hash here. */
  if (!tess_auth_context_get_bool (ctx, "includeBodyHash") || method->plaintext)
    return FALSE;
  if (req->body_mode == TESS_BODY_URLENCODED)
    return FALSE;
  if (req->body_mode == TESS_BODY_FORMDATA && req->body == NULL && req->body_file == NULL)
    return FALSE;
  return TRUE;
}

static gboolean
oauth1_apply (TessAuthContext     *ctx,
              TessPreparedRequest *req,
              GError             **error)
{
  const char *method_name = tess_auth_context_get (ctx, "signatureMethod");
  const SignatureMethod *method = find_signature_method (method_name);
  g_autofree char *timestamp = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *base_uri = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *base_string = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GPtrArray) signed_params = pairs_new ();

  if (method == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) method_choices);
      tess_auth_context_field_error (ctx, error, "signatureMethod",
                                     _("is “%s”, which is not one of %s"), method_name, known);
      return FALSE;
    }
  if (!check_secrets (ctx, method, error))
    return FALSE;

  base_uri = base_string_uri (req);
  if (base_uri == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("request ‘%s’: %s: the URL ‘%s’ has no scheme to sign"),
                   ctx->item_path ? ctx->item_path : "", _(ctx->scheme->label), req->url);
      return FALSE;
    }

  for (guint i = 0; protocol_params[i] != NULL; i++)
    tess_prepared_request_remove_query (req, protocol_params[i]);
  if (req->body_mode == TESS_BODY_URLENCODED)
    strip_protocol_params_from_body (req);

  timestamp = g_strdup (tess_auth_context_get (ctx, "timestamp"));
  if (*timestamp == '\0')
    {
      g_free (timestamp);
      timestamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
    }
  nonce = g_strdup (tess_auth_context_get (ctx, "nonce"));
  if (*nonce == '\0')
    {
      g_free (nonce);
      nonce = tess_auth_random_alnum (NONCE_LENGTH);
    }
  if (wants_body_hash (ctx, req, method))
    {
      hash = body_hash (req, method, error);
      if (hash == NULL)
        return FALSE;
    }

  /* RFC 5849 §3.4.1.3.1: protocol parameters, the query and a form body. */
  params = protocol_parameters (ctx, method, timestamp, nonce, hash);
  for (guint i = 0; i < params->len; i++)
    {
      Pair *pair = g_ptr_array_index (params, i);
      pairs_add (signed_params, pair->name, pair->value);
    }
  for (guint i = 0; i < req->query->len; i++)
    {
      TessParam *param = g_ptr_array_index (req->query, i);
      g_autofree char *name = tess_uri_decode (param->name, TRUE);
      g_autofree char *value = tess_uri_decode (param->value, TRUE);

      pairs_add (signed_params, name, value);
    }
  if (req->body_mode == TESS_BODY_URLENCODED)
    {
      g_autofree char *form = dup_form_body (req);
      add_form_pairs (signed_params, form);
    }

  normalized = normalize_parameters (signed_params);
  {
    g_autofree char *http_method = g_ascii_strup (req->method, -1);
    g_autofree char *enc_method = tess_uri_encode_strict (http_method);
    g_autofree char *enc_uri = tess_uri_encode_strict (base_uri);
    g_autofree char *enc_params = tess_uri_encode_strict (normalized);

    base_string = g_strconcat (enc_method, "&", enc_uri, "&", enc_params, NULL);
  }
  g_ptr_array_add (req->log, g_strdup_printf ("OAuth 1.0 signature base string: %s", base_string));

  signature = sign_base_string (ctx, method, base_string, error);
  if (signature == NULL)
    return FALSE;
  pairs_add (params, "oauth_signature", signature);
  place_parameters (ctx, req, params);
  return TRUE;
}

static const TessAuthField oauth1_fields[] = {
  { "signatureMethod", N_("Signature Method"), TESS_FIELD_CHOICE, method_choices, "HMAC-SHA1",
    FALSE, FALSE, NULL },
  { "consumerKey", N_("Consumer Key"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "consumerSecret", N_("Consumer Secret"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE,
    N_("Needed by the HMAC and PLAINTEXT methods") },
  { "token", N_("Access Token"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "tokenSecret", N_("Token Secret"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE, NULL },
  { "privateKey", N_("Private Key"), TESS_FIELD_MULTILINE_SECRET, NULL, NULL, FALSE, FALSE,
    N_("PEM, PKCS#1 or PKCS#8, for the RSA methods") },
  { "addParamsToHeader", N_("Add Authorization Data to Request Headers"), TESS_FIELD_BOOL, NULL, "true",
    FALSE, FALSE, N_("Otherwise to a form body (POST and PUT) or the URL") },
  { "callback", N_("Callback URL"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "verifier", N_("Verifier"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "timestamp", N_("Timestamp"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Seconds since 1970; the current time when empty") },
  { "nonce", N_("Nonce"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("A random value when empty") },
  { "version", N_("Version"), TESS_FIELD_TEXT, NULL, "1.0", TRUE, FALSE,
    N_("Left out of the request when cleared") },
  { "realm", N_("Realm"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "includeBodyHash", N_("Include Body Hash"), TESS_FIELD_BOOL, NULL, "false", TRUE, FALSE,
    N_("Signs oauth_body_hash for bodies that are not forms") },
  { "addEmptyParamsToSign", N_("Add Empty Parameters to Signature"), TESS_FIELD_BOOL, NULL, "false",
    TRUE, FALSE, NULL },
  { "disableHeaderEncoding", N_("Do Not Encode Parameters in the Authorization Header"),
    TESS_FIELD_BOOL, NULL, "false", TRUE, FALSE, NULL },
};

const TessAuthScheme tess_auth_oauth1 = {
  .id = "oauth1",
  .label = N_("OAuth 1.0"),
  .fields = oauth1_fields,
  .n_fields = G_N_ELEMENTS (oauth1_fields),
  .apply = oauth1_apply,
};
