/* Hawk request authentication, built as @hapi/hawk's client builds it: a MAC
 * over the normalized "hawk.1.header" string and, when asked, a payload hash. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-auth-random.h"
#include "tess-auth-schemes.h"
#include "tess-error.h"

#define NONCE_LENGTH 6   /* as Postman and @hapi/hawk generate them */

static const char * const algorithm_choices[] = { "sha256", "sha1", NULL };

/* What Hawk's header parser accepts inside an attribute's quotes. */
static gboolean
is_attribute_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (" !#$%&'()*+,-./:;<=>?@[]^_`{|}~", c) != NULL);
}

static gboolean
check_attribute (TessAuthContext *ctx,
                 const char      *key,
                 const char      *value,
                 gboolean         quotes_allowed,
                 GError         **error)
{
  for (const char *p = value; *p; p++)
    {
      if (is_attribute_char (*p) || (quotes_allowed && (*p == '"' || *p == '\\')))
        continue;
      if (g_ascii_isprint (*p))
        tess_auth_context_field_error (ctx, error, key,
                                       _("contains ‘%c’, which a Hawk header cannot carry"), *p);
      else
        tess_auth_context_field_error (ctx, error, key,
                                       _("contains a line break, control character or non-ASCII "
                                         "character, which a Hawk header cannot carry"));
      return FALSE;
    }
  return TRUE;
}

/* Host and port from the URL, as Hawk's client reads them: an absent port is
 * 80 for http, 443 otherwise. IPv6 literals keep their brackets, as in the
 * Host header the server compares with. */
static gboolean
split_host_port (const char  *url,
                 char       **host,
                 char       **port)
{
  const char *sep = strstr (url, "://");
  g_autofree char *scheme = NULL;
  g_autofree char *authority = NULL;
  const char *at, *colon, *bracket;
  const char *start;

  if (sep == NULL)
    return FALSE;
  scheme = g_ascii_strdown (url, sep - url);
  start = sep + 3;
  authority = g_strndup (start, strcspn (start, "/"));
  at = strrchr (authority, '@');
  start = at ? at + 1 : authority;
  bracket = strrchr (start, ']');
  colon = strrchr (bracket ? bracket : start, ':');
  if (colon != NULL && colon[1] != '\0')
    {
      *host = g_ascii_strdown (start, colon - start);
      *port = g_strdup (colon + 1);
    }
  else
    {
      *host = g_ascii_strdown (start, colon ? colon - start : -1);
      *port = g_strdup (g_str_equal (scheme, "http") ? "80" : "443");
    }
  return **host != '\0';
}

static GChecksumType
algorithm_checksum (const char *algorithm)
{
  return g_str_equal (algorithm, "sha1") ? G_CHECKSUM_SHA1 : G_CHECKSUM_SHA256;
}

/* Base64 of H("hawk.1.payload\n" + content type + "\n" + payload + "\n"), the
 * content type without parameters, in lower case. */
static char *
payload_hash (const TessPreparedRequest *req,
              GChecksumType              type,
              GError                   **error)
{
  const char *content_type = tess_prepared_request_get_header (req, "Content-Type");
  g_autofree char *media_type = g_strndup (content_type ? content_type : "",
                                           strcspn (content_type ? content_type : "", ";"));
  g_autofree char *lower = g_ascii_strdown (g_strstrip (media_type), -1);
  g_autoptr(GBytes) body = tess_prepared_request_dup_body (req, error);
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[64];
  gsize digest_len = sizeof digest;

  if (body == NULL)
    return NULL;
  checksum = g_checksum_new (type);
  g_checksum_update (checksum, (const guchar *) "hawk.1.payload\n", -1);
  g_checksum_update (checksum, (const guchar *) lower, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  return g_base64_encode (digest, digest_len);
}

/* In the normalized string, ext doubles its backslashes (and would escape
 * line feeds, which check_attribute() has already refused). */
static char *
escape_ext_for_mac (const char *ext)
{
  GString *out = g_string_new (NULL);

  for (const char *p = ext; *p; p++)
    {
      if (*p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* In the header, ext escapes backslashes and double quotes. */
static char *
escape_ext_for_header (const char *ext)
{
  GString *out = g_string_new (NULL);

  for (const char *p = ext; *p; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
hawk_apply (TessAuthContext     *ctx,
            TessPreparedRequest *req,
            GError             **error)
{
  const char *id = tess_auth_context_get (ctx, "authId");
  const char *key = tess_auth_context_get (ctx, "authKey");
  const char *algorithm = tess_auth_context_get (ctx, "algorithm");
  const char *ext = tess_auth_context_get (ctx, "extraData");
  const char *app = tess_auth_context_get (ctx, "app");
  const char *dlg = tess_auth_context_get (ctx, "delegation");
  g_autofree char *ts = g_strdup (tess_auth_context_get (ctx, "timestamp"));
  g_autofree char *nonce = g_strdup (tess_auth_context_get (ctx, "nonce"));
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *resource = NULL;
  g_autofree char *method = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *mac_ext = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *mac = NULL;
  g_autoptr(GString) header = NULL;

  if (!g_strv_contains (algorithm_choices, algorithm))
    {
      tess_auth_context_field_error (ctx, error, "algorithm",
                                     _("is “%s”, which is not sha256 or sha1"), algorithm);
      return FALSE;
    }
  if (!check_attribute (ctx, "authId", id, FALSE, error) ||
      !check_attribute (ctx, "nonce", nonce, FALSE, error) ||
      !check_attribute (ctx, "extraData", ext, TRUE, error) ||
      !check_attribute (ctx, "app", app, FALSE, error) ||
      !check_attribute (ctx, "delegation", dlg, FALSE, error))
    return FALSE;

  if (*ts == '\0')
    {
      g_free (ts);
      ts = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
    }
  else if (!g_ascii_string_to_unsigned (ts, 10, 0, G_MAXUINT64, NULL, NULL))
    {
      tess_auth_context_field_error (ctx, error, "timestamp",
                                     _("is “%s”, not a number of seconds since 1970"), ts);
      return FALSE;
    }
  if (*nonce == '\0')
    {
      g_free (nonce);
      nonce = tess_auth_random_alnum (NONCE_LENGTH);
    }
  if (!split_host_port (req->url, &host, &port))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("request ‘%s’: %s: the URL ‘%s’ has no host to sign"),
                   ctx->item_path ? ctx->item_path : "", _(ctx->scheme->label), req->url);
      return FALSE;
    }
  if (tess_auth_context_get_bool (ctx, "includePayloadHash"))
    {
      hash = payload_hash (req, algorithm_checksum (algorithm), error);
      if (hash == NULL)
        return FALSE;
    }

  resource = tess_prepared_request_dup_target (req);
  method = g_ascii_strup (req->method, -1);
  mac_ext = escape_ext_for_mac (ext);
  normalized = g_strdup_printf ("hawk.1.header\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n",
                                ts, nonce, method, resource, host, port,
                                hash ? hash : "", mac_ext);
  if (*app != '\0')
    {
      char *with_app = g_strdup_printf ("%s%s\n%s\n", normalized, app, dlg);
      g_free (normalized);
      normalized = with_app;
    }

  {
    g_autoptr(GHmac) hmac = g_hmac_new (algorithm_checksum (algorithm), (const guchar *) key, strlen (key));
    guint8 digest[64];
    gsize digest_len = sizeof digest;

    g_hmac_update (hmac, (const guchar *) normalized, -1);
    g_hmac_get_digest (hmac, digest, &digest_len);
    mac = g_base64_encode (digest, digest_len);
  }

  header = g_string_new (NULL);
  g_string_append_printf (header, "Hawk id=\"%s\", ts=\"%s\", nonce=\"%s\"", id, ts, nonce);
  if (hash != NULL)
    g_string_append_printf (header, ", hash=\"%s\"", hash);
  if (*ext != '\0')
    {
      g_autofree char *escaped = escape_ext_for_header (ext);
      g_string_append_printf (header, ", ext=\"%s\"", escaped);
    }
  g_string_append_printf (header, ", mac=\"%s\"", mac);
  if (*app != '\0')
    {
      g_string_append_printf (header, ", app=\"%s\"", app);
      if (*dlg != '\0')
        g_string_append_printf (header, ", dlg=\"%s\"", dlg);
    }

  tess_prepared_request_replace_header (req, "Authorization", header->str,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
  return TRUE;
}

static const TessAuthField hawk_fields[] = {
  { "authId", N_("Hawk Auth ID"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "authKey", N_("Hawk Auth Key"), TESS_FIELD_SECRET, NULL, NULL, FALSE, TRUE, NULL },
  { "algorithm", N_("Algorithm"), TESS_FIELD_CHOICE, algorithm_choices, "sha256", FALSE, FALSE, NULL },
  { "user", N_("User"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Kept for Postman; not part of the Hawk header") },
  { "nonce", N_("Nonce"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("A random value when empty") },
  { "extraData", N_("ext"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Application-specific data sent in the ext attribute") },
  { "app", N_("app"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Oz application ID") },
  { "delegation", N_("dlg"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Oz delegated-by application ID; sent only with app") },
  { "timestamp", N_("Timestamp"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Seconds since 1970; the current time when empty") },
  { "includePayloadHash", N_("Include Payload Hash"), TESS_FIELD_BOOL, NULL, "false", TRUE, FALSE,
    N_("Signs the body and its Content-Type, for servers that validate the payload") },
};

const TessAuthScheme tess_auth_hawk = {
  .id = "hawk",
  .label = N_("Hawk Authentication"),
  .fields = hawk_fields,
  .n_fields = G_N_ELEMENTS (hawk_fields),
  .apply = hawk_apply,
};
