/* Akamai EdgeGrid (EG1-HMAC-SHA256): an Authorization header signed with a key
 * derived from the client secret and the timestamp. */
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tess-auth-schemes.h"
#include "tess-edgegrid-private.h"
#include "tess-error.h"

#define EDGEGRID_ALGORITHM "EG1-HMAC-SHA256"

static const TessAuthField edgegrid_fields[] = {
  { "accessToken", N_("Access Token"), TESS_FIELD_SECRET, NULL, NULL,
    FALSE, TRUE, NULL },
  { "clientToken", N_("Client Token"), TESS_FIELD_SECRET, NULL, NULL,
    FALSE, TRUE, NULL },
  { "clientSecret", N_("Client Secret"), TESS_FIELD_SECRET, NULL, NULL,
    FALSE, TRUE, NULL },
  { "nonce", N_("Nonce"), TESS_FIELD_TEXT, NULL, NULL,
    TRUE, FALSE, N_("A new random UUID for each request when empty") },
  { "timestamp", N_("Timestamp"), TESS_FIELD_TEXT, NULL, NULL,
    TRUE, FALSE, N_("Such as 20140321T19:34:21+0000; the current time when empty") },
  { "baseURL", N_("Base URL"), TESS_FIELD_TEXT, NULL, NULL,
    TRUE, FALSE, N_("Its host is signed in place of the request's host") },
  { "headersToSign", N_("Headers to Sign"), TESS_FIELD_TEXT, NULL, NULL,
    TRUE, FALSE, N_("Comma-separated header names, in the order the API expects") },
  { "maxBodySize", N_("Max Body Size"), TESS_FIELD_NUMBER, NULL, "131072",
    TRUE, FALSE, N_("Bytes of a POST body that are hashed") },
};

/* EdgeGrid writes its timestamps as 20140321T19:34:21+0000. */
static gboolean
is_edgegrid_timestamp (const char *text)
{
  static const char pattern[] = "ddddddddTdd:dd:dd+0000";   /* d: a digit */
  const char *p = text;

  for (const char *q = pattern; *q; q++, p++)
    if (*q == 'd' ? !g_ascii_isdigit (*p) : *p != *q)
      return FALSE;
  return *p == '\0';
}

static char *
dup_timestamp (TessAuthContext *ctx,
               GError         **error)
{
  const char *value = tess_auth_context_get (ctx, "timestamp");
  g_autoptr(GDateTime) now = NULL;

  if (*value != '\0')
    {
      if (is_edgegrid_timestamp (value))
        return g_strdup (value);
      tess_auth_context_field_error (ctx, error, "timestamp",
                                     _("‘%s’ is not written like 20140321T19:34:21+0000"), value);
      return NULL;
    }
  now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y%m%dT%H:%M:%S+0000");
}

/* "https://host:8443/path" or "host:8443" → "host:8443". */
static char *
host_of_base_url (const char *base_url)
{
  const char *start = strstr (base_url, "://");
  const char *end;

  start = start ? start + 3 : base_url;
  end = start + strcspn (start, "/?#");
  return g_ascii_strdown (start, end - start);
}

/* Postman signs the base URL's host when one is given; otherwise the Host
 * header wins over the URL, since that is what the server reads. */
static char *
dup_signed_host (TessAuthContext     *ctx,
                 TessPreparedRequest *req)
{
  const char *base_url = tess_auth_context_get (ctx, "baseURL");
  const char *host_header = tess_prepared_request_get_header (req, "Host");

  if (*base_url != '\0')
    return host_of_base_url (base_url);
  if (host_header != NULL)
    return g_strstrip (g_strdup (host_header));
  return tess_prepared_request_dup_host (req);
}

static char *
dup_scheme (TessPreparedRequest *req)
{
  const char *end = strstr (req->url, "://");

  return g_ascii_strdown (req->url, end ? end - req->url : 0);
}

static gboolean
is_signable_value (const char *value)
{
  return *value != ' ' && *value != '\t' && strpbrk (value, "\r\n") == NULL;
}

/* headersToSign is comma-separated text; a Postman file may carry a JSON
 * array of names instead. */
static GStrv
dup_names_to_sign (TessAuthContext *ctx)
{
  const char *text = tess_auth_context_get (ctx, "headersToSign");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) names = NULL;
  JsonArray *array;

  if (*text != '[')
    return g_strsplit (text, ",", -1);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return g_strsplit (text, ",", -1);
  array = json_node_get_array (json_parser_get_root (parser));
  names = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (names, json_node_get_string (element));
    }
  return g_strv_builder_end (names);
}

/* "name:value" for each header to sign that the request has with a value, in
 * the order given, tab-separated; values trimmed with inner whitespace folded. */
static char *
canonical_headers (TessAuthContext     *ctx,
                   TessPreparedRequest *req,
                   GError             **error)
{
  g_auto(GStrv) names = dup_names_to_sign (ctx);
  GString *out = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (names[i]), -1);
      const char *value = *name ? tess_prepared_request_get_header (req, name) : NULL;
      g_auto(GStrv) words = NULL;
      gboolean first = TRUE;

      /* The specification leaves out absent and empty headers. */
      if (value == NULL || *value == '\0')
        continue;
      if (!is_signable_value (value))
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD,
                       _("request ‘%s’: %s: header ‘%s’ cannot be signed: "
                         "Invalid leading whitespace, reserved character(s), or return "
                         "character(s) in header value: '%s'"),
                       ctx->item_path ? ctx->item_path : "", _(ctx->scheme->label),
                       name, value);
          g_string_free (out, TRUE);
          return NULL;
        }

      if (out->len > 0)
        g_string_append_c (out, '\t');
      g_string_append_printf (out, "%s:", name);
      words = g_strsplit_set (value, " \t", -1);
      for (guint j = 0; words[j] != NULL; j++)
        {
          if (*words[j] == '\0')
            continue;
          g_string_append_printf (out, "%s%s", first ? "" : " ", words[j]);
          first = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}

/* Reads at most @limit bytes of the body, without loading a large body file. */
static GBytes *
read_body_prefix (TessPreparedRequest *req,
                  gsize                limit,
                  GError             **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize n_read = 0;

  if (req->body_file == NULL)
    {
      gsize size = req->body ? g_bytes_get_size (req->body) : 0;

      return size == 0 ? g_bytes_new (NULL, 0) : g_bytes_new_from_bytes (req->body, 0, MIN (size, limit));
    }

  file = g_file_new_for_path (req->body_file);
  stream = g_file_read (file, NULL, error);
  buffer = g_malloc (limit + 1);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, limit, &n_read, NULL, error))
    {
      g_prefix_error (error, _("body file ‘%s’: "), req->body_file);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), n_read);
}

/* Only POST bodies are hashed, up to maxBodySize bytes. */
static char *
dup_content_hash (TessAuthContext     *ctx,
                  TessPreparedRequest *req,
                  GError             **error)
{
  const char *max_text = tess_auth_context_get (ctx, "maxBodySize");
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GBytes) body = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  guint64 max_body;

  if (!g_ascii_string_to_unsigned (max_text, 10, 0, G_MAXINT32, &max_body, NULL))
    {
      tess_auth_context_field_error (ctx, error, "maxBodySize",
                                     _("‘%s’ is not a number of bytes"), max_text);
      return NULL;
    }
  if (g_ascii_strcasecmp (req->method, "POST") != 0)
    return g_strdup ("");
  if ((body = read_body_prefix (req, max_body, error)) == NULL)
    return NULL;
  if (g_bytes_get_size (body) == 0)
    return g_strdup ("");

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_checksum_get_digest (checksum, digest, &digest_len);
  return g_base64_encode (digest, digest_len);
}

static char *
base64_hmac_sha256 (const char *key,
                    const char *data)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) key, strlen (key));
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) data, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  return g_base64_encode (digest, digest_len);
}

char *
tess_edgegrid_dup_signing_key (const char *client_secret,
                               const char *timestamp)
{
  return base64_hmac_sha256 (client_secret, timestamp);
}

char *
tess_edgegrid_dup_data_to_sign (TessAuthContext     *ctx,
                                TessPreparedRequest *req,
                                const char          *unsigned_header,
                                GError             **error)
{
  g_autofree char *scheme = dup_scheme (req);
  g_autofree char *host = dup_signed_host (ctx, req);
  g_autofree char *target = tess_prepared_request_dup_target (req);
  g_autofree char *headers = NULL;
  g_autofree char *content_hash = NULL;

  if ((headers = canonical_headers (ctx, req, error)) == NULL ||
      (content_hash = dup_content_hash (ctx, req, error)) == NULL)
    return NULL;
  return g_strjoin ("\t", req->method, scheme, host, target, headers,
                    content_hash, unsigned_header, NULL);
}

static gboolean
edgegrid_apply (TessAuthContext     *ctx,
                TessPreparedRequest *req,
                GError             **error)
{
  const char *nonce = tess_auth_context_get (ctx, "nonce");
  g_autofree char *random_nonce = NULL;
  g_autofree char *timestamp = NULL;
  g_autofree char *unsigned_header = NULL;
  g_autofree char *data_to_sign = NULL;
  g_autofree char *signing_key = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;

  if ((timestamp = dup_timestamp (ctx, error)) == NULL)
    return FALSE;
  if (*nonce == '\0')
    nonce = random_nonce = g_uuid_string_random ();

  unsigned_header = g_strdup_printf (EDGEGRID_ALGORITHM " client_token=%s;access_token=%s;"
                                     "timestamp=%s;nonce=%s;",
                                     tess_auth_context_get (ctx, "clientToken"),
                                     tess_auth_context_get (ctx, "accessToken"),
                                     timestamp, nonce);
  data_to_sign = tess_edgegrid_dup_data_to_sign (ctx, req, unsigned_header, error);
  if (data_to_sign == NULL)
    return FALSE;
  signing_key = tess_edgegrid_dup_signing_key (tess_auth_context_get (ctx, "clientSecret"),
                                               timestamp);
  signature = base64_hmac_sha256 (signing_key, data_to_sign);
  authorization = g_strconcat (unsigned_header, "signature=", signature, NULL);

  tess_prepared_request_replace_header (req, "Authorization", authorization,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
  return TRUE;
}

const TessAuthScheme tess_auth_edgegrid = {
  .id = "edgegrid",
  .label = N_("Akamai EdgeGrid"),
  .fields = edgegrid_fields,
  .n_fields = G_N_ELEMENTS (edgegrid_fields),
  .apply = edgegrid_apply,
};
