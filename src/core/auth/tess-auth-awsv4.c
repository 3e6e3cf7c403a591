/* AWS Signature Version 4, as the header variant (Authorization) or as a
 * presigned URL (addAuthDataToQuery). */
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"
#include "tess-awsv4-private.h"
#include "tess-error.h"

#define AWS4_ALGORITHM     "AWS4-HMAC-SHA256"
#define AWS4_TERMINATOR    "aws4_request"
#define UNSIGNED_PAYLOAD   "UNSIGNED-PAYLOAD"
#define MAX_PRESIGN_EXPIRY 604800   /* one week, AWS's limit */

typedef struct {
  const char *access_key;
  const char *secret_key;
  const char *region;
  const char *session_token;
  char *service;
  char *timestamp;                  /* 20150830T123600Z */
  guint64 expires;
  char *expires_text;
  char *scope;                      /* 20150830/us-east-1/service/aws4_request */
  char *credential;                 /* access key/scope */
  char *payload_hash;
  gboolean presign;
  gboolean s3;
  gboolean normalize;
  gboolean unsigned_payload;
  gboolean hash_header;
  gboolean omit_token;
} Awsv4Params;

typedef struct {
  char *name;                       /* encoded */
  char *value;                      /* encoded */
} QueryPair;

static const TessAuthField awsv4_fields[] = {
  { "accessKey", N_("Access Key"), TESS_FIELD_TEXT, NULL, NULL,
    FALSE, TRUE, NULL },
  { "secretKey", N_("Secret Key"), TESS_FIELD_SECRET, NULL, NULL,
    FALSE, TRUE, NULL },
  { "region", N_("AWS Region"), TESS_FIELD_TEXT, NULL, "us-east-1",
    TRUE, FALSE, NULL },
  { "service", N_("Service Name"), TESS_FIELD_TEXT, NULL, NULL,
    TRUE, FALSE, N_("Taken from an amazonaws.com host name when empty") },
  { "sessionToken", N_("Session Token"), TESS_FIELD_SECRET, NULL, NULL,
    TRUE, FALSE, N_("For temporary credentials") },
  { "addAuthDataToQuery", N_("Add Auth Data to Query"), TESS_FIELD_BOOL, NULL, "false",
    FALSE, FALSE, N_("Presign the URL instead of sending an Authorization header") },
  { "timestamp", N_("Timestamp"), TESS_FIELD_TEXT, NULL, NULL,
    TRUE, FALSE, N_("Such as 20150830T123600Z; the current time when empty") },
  { "expires", N_("Expires (Seconds)"), TESS_FIELD_NUMBER, NULL, "86400",
    TRUE, FALSE, N_("How long a presigned URL stays valid") },
  { "unsignedPayload", N_("Unsigned Payload"), TESS_FIELD_BOOL, NULL, "false",
    TRUE, FALSE, N_("Sign UNSIGNED-PAYLOAD instead of the body's hash") },
  { "contentSha256Header", N_("Send Payload Hash Header"), TESS_FIELD_BOOL, NULL, NULL,
    TRUE, FALSE, N_("Adds x-amz-content-sha256; when unset, only for the s3 service") },
  { "normalizePath", N_("Normalize Path"), TESS_FIELD_BOOL, NULL, NULL,
    TRUE, FALSE, N_("Resolves . and .. and empty segments; when unset, on except for s3") },
  { "omitSessionTokenFromSignature", N_("Leave Session Token Unsigned"), TESS_FIELD_BOOL, NULL, "false",
    TRUE, FALSE, N_("Sends the session token outside the signature, as AWS IoT expects") },
};

/* Headers a proxy or the HTTP stack may change or drop: signing them would
 * break the signature on the way. */
static const char * const unsignable_headers[] = {
  "authorization", "connection", "expect", "keep-alive", "te", "trailer",
  "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", NULL,
};

/* Query parameters the presigned variant owns. */
static const char * const presign_params[] = {
  "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
  "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature", NULL,
};

void
tess_awsv4_trace_clear (TessAwsv4Trace *trace)
{
  g_clear_pointer (&trace->canonical_request, g_free);
  g_clear_pointer (&trace->string_to_sign, g_free);
  g_clear_pointer (&trace->signature, g_free);
}

static void
params_clear (Awsv4Params *params)
{
  g_clear_pointer (&params->service, g_free);
  g_clear_pointer (&params->timestamp, g_free);
  g_clear_pointer (&params->expires_text, g_free);
  g_clear_pointer (&params->scope, g_free);
  g_clear_pointer (&params->credential, g_free);
  g_clear_pointer (&params->payload_hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Awsv4Params, params_clear)

static void
query_pair_free (QueryPair *pair)
{
  g_free (pair->name);
  g_free (pair->value);
  g_free (pair);
}

/* A bool field whose unset value depends on other fields. */
static gboolean
get_bool_or (TessAuthContext *ctx,
             const char      *key,
             gboolean         unset_value)
{
  if (*tess_auth_context_get (ctx, key) == '\0')
    return unset_value;
  return tess_auth_context_get_bool (ctx, key);
}

static gboolean
is_region_label (const char *label)
{
  /* us-east-1, eu-central-2, us-gov-west-1, cn-north-1 */
  g_auto(GStrv) parts = g_strsplit (label, "-", -1);
  guint n = g_strv_length (parts);

  return n >= 3 && g_ascii_isdigit (parts[n - 1][0]);
}

/* The service from "sqs.us-east-1.amazonaws.com", "bucket.s3.amazonaws.com",
 * "s3-us-west-2.amazonaws.com" or "x.us-east-1.es.amazonaws.com", as Postman
 * fills it in when the field is empty. */
static char *
service_from_host (const char *host)
{
  g_autofree char *name = g_ascii_strdown (host, -1);
  g_auto(GStrv) labels = NULL;
  char *colon = strrchr (name, ':');
  char *suffix;

  if (colon != NULL)
    *colon = '\0';
  if (g_str_has_suffix (name, ".cn"))
    name[strlen (name) - 3] = '\0';
  if (!g_str_has_suffix (name, ".amazonaws.com"))
    return NULL;
  suffix = name + strlen (name) - strlen (".amazonaws.com");
  *suffix = '\0';

  labels = g_strsplit (name, ".", -1);
  for (guint i = g_strv_length (labels); i > 0; i--)
    {
      const char *label = labels[i - 1];

      if (g_str_equal (label, "s3") || g_str_has_prefix (label, "s3-"))
        return g_strdup ("s3");
      if (*label != '\0' && !is_region_label (label))
        return g_strdup (label);
    }
  return NULL;
}

/* Accepts ISO 8601 in the basic form AWS uses (20150830T123600Z) or the
 * extended one (2015-08-30T12:36:00Z); returns the basic form in UTC. */
static char *
parse_timestamp (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (*text == '\0')
    parsed = g_date_time_new_now_utc ();
  else
    parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;
  in_utc = g_date_time_to_utc (parsed);
  return g_date_time_format (in_utc, "%Y%m%dT%H%M%SZ");
}

static gboolean
read_params (TessAuthContext     *ctx,
             TessPreparedRequest *req,
             Awsv4Params         *params,
             GError             **error)
{
  const char *service = tess_auth_context_get (ctx, "service");
  const char *expires = tess_auth_context_get (ctx, "expires");
  g_autoptr(GError) local_error = NULL;

  params->access_key = tess_auth_context_get (ctx, "accessKey");
  params->secret_key = tess_auth_context_get (ctx, "secretKey");
  params->region = tess_auth_context_get (ctx, "region");
  params->session_token = tess_auth_context_get (ctx, "sessionToken");

  if (*service != '\0')
    params->service = g_strdup (service);
  else
    {
      g_autofree char *host = tess_prepared_request_dup_host (req);

      params->service = service_from_host (host);
      if (params->service == NULL)
        {
          tess_auth_context_field_error (ctx, error, "service",
                                         _("is empty and host ‘%s’ does not name an AWS service"),
                                         host);
          return FALSE;
        }
    }

  params->timestamp = parse_timestamp (tess_auth_context_get (ctx, "timestamp"));
  if (params->timestamp == NULL)
    {
      tess_auth_context_field_error (ctx, error, "timestamp",
                                     _("‘%s’ is not an ISO 8601 time such as 20150830T123600Z"),
                                     tess_auth_context_get (ctx, "timestamp"));
      return FALSE;
    }

  if (!g_ascii_string_to_unsigned (expires, 10, 1, MAX_PRESIGN_EXPIRY,
                                   &params->expires, &local_error))
    {
      tess_auth_context_field_error (ctx, error, "expires",
                                     _("‘%s’ is not a number of seconds from 1 to %d"),
                                     expires, MAX_PRESIGN_EXPIRY);
      return FALSE;
    }

  params->s3 = g_str_equal (params->service, "s3");
  params->presign = tess_auth_context_get_bool (ctx, "addAuthDataToQuery");
  params->normalize = get_bool_or (ctx, "normalizePath", !params->s3);
  params->unsigned_payload = tess_auth_context_get_bool (ctx, "unsignedPayload");
  params->hash_header = get_bool_or (ctx, "contentSha256Header", params->s3);
  params->omit_token = tess_auth_context_get_bool (ctx, "omitSessionTokenFromSignature");

  params->expires_text = g_strdup_printf ("%" G_GUINT64_FORMAT, params->expires);
  params->scope = g_strdup_printf ("%.8s/%s/%s/" AWS4_TERMINATOR,
                                   params->timestamp, params->region, params->service);
  params->credential = g_strdup_printf ("%s/%s", params->access_key, params->scope);
  return TRUE;
}

/* The path as the sender writes it on the request line. */
static char *
dup_wire_path (const TessPreparedRequest *req)
{
  g_autofree char *target = tess_prepared_request_dup_target (req);
  char *question = strchr (target, '?');

  if (question != NULL)
    *question = '\0';
  return g_strdup (*target != '\0' ? target : "/");
}

/* Drops empty, "." and ".." segments as AWS's signers do. */
static char *
normalize_path (const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GString *out = g_string_new ("/");

  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *segment = segments[i];

      if (*segment == '\0' || g_str_equal (segment, "."))
        continue;
      if (g_str_equal (segment, ".."))
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, (gpointer) segment);
    }
  for (guint i = 0; i < kept->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (kept, i));
    }
  if (kept->len > 0 && g_str_has_suffix (path, "/"))
    g_string_append_c (out, '/');
  return g_string_free (out, FALSE);
}

static char *
encode_path (const char *path)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) path; *p; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~/", *p) != NULL)
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

/* Every service but S3 encodes the path once more on top of the encoding it
 * has on the wire. S3 signs the object key encoded once, however the person
 * escaped it. */
static char *
canonical_path (const char  *wire_path,
                Awsv4Params *params)
{
  g_autofree char *path = params->normalize ? normalize_path (wire_path) : g_strdup (wire_path);

  if (*path == '\0')
    return g_strdup ("/");
  if (params->s3)
    {
      g_autofree char *decoded = tess_uri_decode (path, FALSE);

      return encode_path (decoded);
    }
  return encode_path (path);
}

static void
add_query_pair (GPtrArray  *pairs,
                const char *name,
                const char *value)
{
  QueryPair *pair = g_new0 (QueryPair, 1);

  pair->name = tess_uri_encode_strict (name);
  pair->value = tess_uri_encode_strict (value ? value : "");
  g_ptr_array_add (pairs, pair);
}

static int
compare_query_pairs (gconstpointer a,
                     gconstpointer b)
{
  const QueryPair *pa = *(QueryPair * const *) a;
  const QueryPair *pb = *(QueryPair * const *) b;
  int order = strcmp (pa->name, pb->name);

  return order != 0 ? order : strcmp (pa->value, pb->value);
}

/* Query values are decoded first, so what the person escaped and what they
 * typed plainly sign the same, then encoded strictly and sorted. */
static char *
canonical_query (GPtrArray *request_query,
                 GPtrArray *auth_pairs)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) query_pair_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < request_query->len; i++)
    {
      TessParam *param = g_ptr_array_index (request_query, i);
      g_autofree char *name = tess_uri_decode (param->name, FALSE);
      g_autofree char *value = tess_uri_decode (param->value, FALSE);

      add_query_pair (pairs, name, value);
    }
  for (guint i = 0; i + 1 < auth_pairs->len; i += 2)
    add_query_pair (pairs, g_ptr_array_index (auth_pairs, i), g_ptr_array_index (auth_pairs, i + 1));

  g_ptr_array_sort (pairs, compare_query_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      QueryPair *pair = g_ptr_array_index (pairs, i);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "", pair->name, pair->value);
    }
  return g_string_free (out, FALSE);
}

static void
string_free_all (GString *string)
{
  g_string_free (string, TRUE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
is_unsignable (const char *lower_name)
{
  return g_strv_contains (unsignable_headers, lower_name) ||
         g_str_has_prefix (lower_name, "proxy-");
}

/* Trims the value and folds every run of spaces, tabs and line breaks (obsolete
 * multi-line headers included) into one space. */
static void
append_folded (GString    *out,
               const char *value)
{
  gboolean pending_space = FALSE;
  gsize start = out->len;

  for (const char *p = value; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          pending_space = TRUE;
          continue;
        }
      if (pending_space && out->len > start)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }
}

/* Builds "name:value\n" lines (values of repeated headers joined by commas,
 * in request order) and the signed header list. */
static void
canonical_headers (TessPreparedRequest *req,
                   gboolean             skip_token,
                   char               **out_headers,
                   char               **out_signed)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) string_free_all);
  g_autofree const char **names = NULL;
  GString *headers = g_string_new (NULL);
  GString *signed_list = g_string_new (NULL);
  guint n_names;

  for (guint i = 0; i < req->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (req->headers, i);
      g_autofree char *name = g_ascii_strdown (param->name, -1);
      GString *value;

      if (is_unsignable (name) || (skip_token && g_str_equal (name, "x-amz-security-token")))
        continue;
      value = g_hash_table_lookup (values, name);
      if (value == NULL)
        {
          value = g_string_new (NULL);
          g_hash_table_insert (values, g_strdup (name), value);
        }
      else
        g_string_append_c (value, ',');
      append_folded (value, param->value);
    }
  if (!g_hash_table_contains (values, "host"))
    {
      g_autofree char *host = tess_prepared_request_dup_host (req);

      g_hash_table_insert (values, g_strdup ("host"), g_string_new (host));
    }

  names = (const char **) g_hash_table_get_keys_as_array (values, &n_names);
  g_qsort_with_data (names, n_names, sizeof (char *), compare_strings, NULL);
  for (guint i = 0; i < n_names; i++)
    {
      GString *value = g_hash_table_lookup (values, names[i]);

      g_string_append_printf (headers, "%s:%s\n", names[i], value->str);
      g_string_append_printf (signed_list, "%s%s", i > 0 ? ";" : "", names[i]);
    }
  *out_headers = g_string_free (headers, FALSE);
  *out_signed = g_string_free (signed_list, FALSE);
}

/* Hashes the body, streaming a body file rather than loading it whole. */
static char *
dup_payload_hash (TessPreparedRequest *req,
                  GError             **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (req->body_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (req->body_file);
      g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
      guchar buffer[16384];
      gssize n;

      if (stream == NULL)
        {
          g_prefix_error (error, _("body file ‘%s’: "), req->body_file);
          return NULL;
        }
      while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error)) > 0)
        g_checksum_update (checksum, buffer, n);
      if (n < 0)
        {
          g_prefix_error (error, _("body file ‘%s’: "), req->body_file);
          return NULL;
        }
    }
  else if (req->body != NULL)
    g_checksum_update (checksum, g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body));
  return g_strdup (g_checksum_get_string (checksum));
}

static void
hmac_sha256 (const guint8 *key,
             gsize         key_len,
             const char   *data,
             guint8        digest[32])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  gsize len = 32;

  g_hmac_update (hmac, (const guchar *) data, -1);
  g_hmac_get_digest (hmac, digest, &len);
}

static char *
compute_signature (Awsv4Params *params,
                   const char  *string_to_sign)
{
  g_autofree char *secret = g_strconcat ("AWS4", params->secret_key, NULL);
  g_autofree char *date = g_strndup (params->timestamp, 8);
  const char *steps[] = { date, params->region, params->service, AWS4_TERMINATOR };
  guint8 key[32];

  hmac_sha256 ((const guint8 *) secret, strlen (secret), steps[0], key);
  for (guint i = 1; i < G_N_ELEMENTS (steps); i++)
    hmac_sha256 (key, sizeof key, steps[i], key);
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, key, sizeof key, string_to_sign, -1);
}

static void
remove_presign_params (TessPreparedRequest *req)
{
  for (guint i = 0; presign_params[i] != NULL; i++)
    tess_prepared_request_remove_query (req, presign_params[i]);
}

/* The header variant's entries that are signed themselves. */
static void
add_signed_headers (TessPreparedRequest *req,
                    Awsv4Params         *params,
                    const char          *label)
{
  tess_prepared_request_remove_header (req, "Authorization");
  if (*params->session_token != '\0')
    tess_prepared_request_replace_header (req, "X-Amz-Security-Token", params->session_token,
                                          TESS_ORIGIN_AUTH, label);
  tess_prepared_request_replace_header (req, "X-Amz-Date", params->timestamp,
                                        TESS_ORIGIN_AUTH, label);
  if (params->hash_header)
    tess_prepared_request_replace_header (req, "x-amz-content-sha256", params->payload_hash,
                                          TESS_ORIGIN_AUTH, label);
}

/* Name/value pairs of the presigned variant that the signature covers. */
static GPtrArray *
presign_pairs (Awsv4Params *params,
               const char  *signed_headers)
{
  GPtrArray *pairs = g_ptr_array_new ();

  if (!params->presign)
    return pairs;
  g_ptr_array_add (pairs, (gpointer) "X-Amz-Algorithm");
  g_ptr_array_add (pairs, (gpointer) AWS4_ALGORITHM);
  g_ptr_array_add (pairs, (gpointer) "X-Amz-Credential");
  g_ptr_array_add (pairs, params->credential);
  g_ptr_array_add (pairs, (gpointer) "X-Amz-Date");
  g_ptr_array_add (pairs, params->timestamp);
  g_ptr_array_add (pairs, (gpointer) "X-Amz-Expires");
  g_ptr_array_add (pairs, params->expires_text);
  g_ptr_array_add (pairs, (gpointer) "X-Amz-SignedHeaders");
  g_ptr_array_add (pairs, (gpointer) signed_headers);
  if (*params->session_token != '\0' && !params->omit_token)
    {
      g_ptr_array_add (pairs, (gpointer) "X-Amz-Security-Token");
      g_ptr_array_add (pairs, (gpointer) params->session_token);
    }
  return pairs;
}

static void
add_signature (TessPreparedRequest *req,
               Awsv4Params         *params,
               const char          *signed_headers,
               const char          *signature,
               const char          *label)
{
  g_autofree char *authorization = NULL;

  if (params->presign)
    {
      /* In the order AWS's own signers write them. */
      const char *entries[] = {
        "X-Amz-Algorithm", AWS4_ALGORITHM,
        "X-Amz-Credential", params->credential,
        "X-Amz-Date", params->timestamp,
        "X-Amz-SignedHeaders", signed_headers,
        "X-Amz-Expires", params->expires_text,
        "X-Amz-Security-Token", params->session_token,
        "X-Amz-Signature", signature,
      };

      for (guint i = 0; i < G_N_ELEMENTS (entries); i += 2)
        if (*entries[i + 1] != '\0')
          tess_prepared_request_add_query (req, entries[i], entries[i + 1], TESS_ORIGIN_AUTH, label);
      return;
    }

  authorization = g_strdup_printf (AWS4_ALGORITHM " Credential=%s, SignedHeaders=%s, Signature=%s",
                                   params->credential, signed_headers, signature);
  tess_prepared_request_replace_header (req, "Authorization", authorization,
                                        TESS_ORIGIN_AUTH, label);
}

gboolean
tess_awsv4_sign (TessAuthContext     *ctx,
                 TessPreparedRequest *req,
                 const char          *wire_path,
                 TessAwsv4Trace      *trace,
                 GError             **error)
{
  g_auto(Awsv4Params) params = { 0, };
  g_autofree char *derived_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *hashed_canonical = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GPtrArray) pairs = NULL;

  if (!read_params (ctx, req, &params, error))
    return FALSE;
  if (params.unsigned_payload || (params.presign && params.s3))
    params.payload_hash = g_strdup (UNSIGNED_PAYLOAD);
  else if ((params.payload_hash = dup_payload_hash (req, error)) == NULL)
    return FALSE;
  if (wire_path == NULL)
    wire_path = derived_path = dup_wire_path (req);

  /* Nothing failed: the request may change from here on. */
  if (params.presign)
    remove_presign_params (req);
  else
    add_signed_headers (req, &params, ctx->origin_label);

  canonical_headers (req, params.omit_token, &headers, &signed_headers);
  pairs = presign_pairs (&params, signed_headers);
  query = canonical_query (req->query, pairs);
  path = canonical_path (wire_path, &params);
  canonical = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s", req->method, path, query,
                               headers, signed_headers, params.payload_hash);
  hashed_canonical = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  string_to_sign = g_strdup_printf (AWS4_ALGORITHM "\n%s\n%s\n%s",
                                    params.timestamp, params.scope, hashed_canonical);
  signature = compute_signature (&params, string_to_sign);
  add_signature (req, &params, signed_headers, signature, ctx->origin_label);

  if (trace != NULL)
    {
      tess_awsv4_trace_clear (trace);
      trace->canonical_request = g_steal_pointer (&canonical);
      trace->string_to_sign = g_steal_pointer (&string_to_sign);
      trace->signature = g_steal_pointer (&signature);
    }
  return TRUE;
}

static gboolean
awsv4_apply (TessAuthContext     *ctx,
             TessPreparedRequest *req,
             GError             **error)
{
  return tess_awsv4_sign (ctx, req, NULL, NULL, error);
}

const TessAuthScheme tess_auth_awsv4 = {
  .id = "awsv4",
  .label = N_("AWS Signature"),
  .fields = awsv4_fields,
  .n_fields = G_N_ELEMENTS (awsv4_fields),
  .apply = awsv4_apply,
};
