/* AWS Signature Version 4: every case of AWS's own signing test suite
 * (shared/vectors/aws-sigv4, header and presigned variants), S3 examples from
 * AWS's documentation, and the scheme's fields and errors. */
#include <string.h>
#include <json-glib/json-glib.h>

#include "tess-awsv4-private.h"
#include "tess-error.h"
#include "tess-test-util.h"
#include "test-body-file.h"

/* The folder holds 38 case directories beside LICENSE and SOURCE. */
#define N_SUITE_CASES 38

/* A request as the vector files write it: "Name:value" lines, continuation
 * lines of a folded header kept after a newline, then the body. */
typedef struct {
  char      *method;
  char      *target;
  GPtrArray *names;
  GPtrArray *values;
  GBytes    *body;
} RawRequest;

typedef struct {
  char    *name;
  gboolean presign;
} VectorCase;

/* The three cases whose request line carries a raw space or raw UTF-8. No
 * HTTP client sends that; Tessera sends them escaped, so a real service
 * encodes the escape once more (AWS: "each path segment URI-encoded twice"). */
static const struct {
  const char *name;
  const char *canonical_path_as_sent;
} unsendable_paths[] = {
  { "get-space-normalized", "/example%2520space/" },
  { "get-space-unnormalized", "/example%2520space/" },
  { "get-utf8", "/%25E1%2588%25B4" },
};

static void
raw_request_free (RawRequest *raw)
{
  g_free (raw->method);
  g_free (raw->target);
  g_ptr_array_unref (raw->names);
  g_ptr_array_unref (raw->values);
  g_bytes_unref (raw->body);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawRequest, raw_request_free)

static void
vector_case_free (gpointer data)
{
  VectorCase *vc = data;

  g_free (vc->name);
  g_free (vc);
}

static RawRequest *
raw_request_parse (const char *text)
{
  RawRequest *raw = g_new0 (RawRequest, 1);
  const char *blank = strstr (text, "\n\n");
  g_autofree char *head = blank ? g_strndup (text, blank - text) : g_strdup (text);
  g_auto(GStrv) lines = g_strsplit (head, "\n", -1);
  /* The target may hold a raw space: it runs from the first space to the last. */
  const char *first_space = strchr (lines[0], ' ');
  const char *last_space = strrchr (lines[0], ' ');
  const char *body = blank ? blank + 2 : "";

  g_assert_nonnull (first_space);
  g_assert_true (last_space > first_space);
  g_assert_cmpstr (last_space, ==, " HTTP/1.1");
  raw->method = g_strndup (lines[0], first_space - lines[0]);
  raw->target = g_strndup (first_space + 1, last_space - first_space - 1);
  raw->names = g_ptr_array_new_with_free_func (g_free);
  raw->values = g_ptr_array_new_with_free_func (g_free);
  raw->body = g_bytes_new (body, strlen (body));

  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;

      if (*line == '\0')
        continue;
      if (*line == ' ' || *line == '\t')
        {
          char **last = (char **) &raw->values->pdata[raw->values->len - 1];
          char *joined = g_strconcat (*last, "\n", line, NULL);

          g_assert_cmpuint (raw->values->len, >, 0);
          g_free (*last);
          *last = joined;
          continue;
        }
      colon = strchr (line, ':');
      g_assert_nonnull (colon);
      g_ptr_array_add (raw->names, g_strndup (line, colon - line));
      g_ptr_array_add (raw->values, g_strdup (colon + 1));
    }
  return raw;
}

static const char *
raw_request_host (RawRequest *raw)
{
  for (guint i = 0; i < raw->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (raw->names, i), "Host") == 0)
      return g_ptr_array_index (raw->values, i);
  g_assert_not_reached ();
}

/* The request-target the way Tessera writes it on the wire. */
static char *
wire_target (const char *host,
             const char *target)
{
  g_autofree char *url = g_strconcat ("http://", host, target, NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", url);

  return tess_prepared_request_dup_target (req);
}

static TessPreparedRequest *
prepared_from_raw (RawRequest *raw)
{
  g_autofree char *url = g_strconcat ("http://", raw_request_host (raw), raw->target, NULL);
  TessPreparedRequest *req = tess_prepared_request_new (raw->method, url);

  for (guint i = 0; i < raw->names->len; i++)
    tess_prepared_request_add_header (req, g_ptr_array_index (raw->names, i),
                                      g_ptr_array_index (raw->values, i),
                                      TESS_ORIGIN_MANUAL, NULL);
  if (g_bytes_get_size (raw->body) > 0)
    tess_prepared_request_set_body (req, TESS_BODY_RAW, raw->body);
  return req;
}

static void
assert_signed_request (TessPreparedRequest *req,
                       RawRequest          *expected)
{
  g_autofree char *expected_target = wire_target (raw_request_host (expected), expected->target);
  g_autofree char *target = tess_prepared_request_dup_target (req);
  g_autoptr(GBytes) body = tess_prepared_request_dup_body (req, NULL);

  g_assert_cmpstr (req->method, ==, expected->method);
  g_assert_cmpstr (target, ==, expected_target);
  g_assert_cmpuint (req->headers->len, ==, expected->names->len);
  for (guint i = 0; i < req->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (req->headers, i);

      g_assert_cmpstr (param->name, ==, g_ptr_array_index (expected->names, i));
      g_assert_cmpstr (param->value, ==, g_ptr_array_index (expected->values, i));
    }
  g_assert_true (g_bytes_equal (body, expected->body));
}

static char *
load_case_file (const char *name,
                const char *file)
{
  g_autofree char *path = tess_test_shared_path ("vectors", "aws-sigv4", name, file, NULL);

  return tess_test_load_text (path);
}

static const char *
bool_text (JsonObject *object,
           const char *member)
{
  return json_object_get_boolean_member_with_default (object, member, FALSE) ? "true" : "false";
}

/* The scheme's fields filled from the case's context.json. */
static TessAuthContext *
context_for_case (const char *name,
                  gboolean    presign)
{
  g_autofree char *path = tess_test_shared_path ("vectors", "aws-sigv4", name, "context.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *item = g_strconcat ("aws-sigv4 / ", name, NULL);
  TessAuthContext *ctx;
  JsonObject *root, *credentials;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  credentials = json_object_get_object_member (root, "credentials");
  expires = g_strdup_printf ("%" G_GINT64_FORMAT,
                             json_object_get_int_member (root, "expiration_in_seconds"));

  ctx = tess_auth_context_new (tess_auth_scheme_lookup ("awsv4"), item, "AWS Signature from the test");
  tess_auth_context_set (ctx, "accessKey", json_object_get_string_member (credentials, "access_key_id"));
  tess_auth_context_set (ctx, "secretKey", json_object_get_string_member (credentials, "secret_access_key"));
  tess_auth_context_set (ctx, "sessionToken",
                         json_object_get_string_member_with_default (credentials, "token", ""));
  tess_auth_context_set (ctx, "region", json_object_get_string_member (root, "region"));
  tess_auth_context_set (ctx, "service", json_object_get_string_member (root, "service"));
  /* Given in the extended form (2015-08-30T12:36:00Z): the scheme accepts both. */
  tess_auth_context_set (ctx, "timestamp", json_object_get_string_member (root, "timestamp"));
  tess_auth_context_set (ctx, "expires", expires);
  tess_auth_context_set (ctx, "normalizePath", bool_text (root, "normalize"));
  tess_auth_context_set (ctx, "contentSha256Header", bool_text (root, "sign_body"));
  tess_auth_context_set (ctx, "omitSessionTokenFromSignature", bool_text (root, "omit_session_token"));
  tess_auth_context_set (ctx, "addAuthDataToQuery", presign ? "true" : "false");
  return ctx;
}

static const char *
unsendable_path (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (unsendable_paths); i++)
    if (g_str_equal (unsendable_paths[i].name, name))
      return unsendable_paths[i].canonical_path_as_sent;
  return NULL;
}

static void
test_vector (gconstpointer data)
{
  const VectorCase *vc = data;
  const char *variant = vc->presign ? "query" : "header";
  g_autofree char *file_cr = g_strconcat (variant, "-canonical-request.txt", NULL);
  g_autofree char *file_sts = g_strconcat (variant, "-string-to-sign.txt", NULL);
  g_autofree char *file_sig = g_strconcat (variant, "-signature.txt", NULL);
  g_autofree char *file_signed = g_strconcat (variant, "-signed-request.txt", NULL);
  g_autofree char *request_text = load_case_file (vc->name, "request.txt");
  g_autofree char *expected_cr = load_case_file (vc->name, file_cr);
  g_autofree char *expected_sts = load_case_file (vc->name, file_sts);
  g_autofree char *expected_sig = load_case_file (vc->name, file_sig);
  g_autofree char *signed_text = load_case_file (vc->name, file_signed);
  g_autoptr(RawRequest) raw = raw_request_parse (request_text);
  g_autoptr(RawRequest) expected = raw_request_parse (signed_text);
  g_autoptr(TessAuthContext) ctx = context_for_case (vc->name, vc->presign);
  g_autoptr(TessPreparedRequest) req = prepared_from_raw (raw);
  g_autoptr(TessPreparedRequest) applied = tess_prepared_request_copy (req);
  g_autoptr(GError) error = NULL;
  g_auto(TessAwsv4Trace) trace = { 0, };
  g_autofree char *raw_path = g_strndup (raw->target, strcspn (raw->target, "?"));
  const char *as_sent;

  /* Signed from the request line exactly as the vector writes it. */
  g_assert_true (tess_awsv4_sign (ctx, req, raw_path, &trace, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trace.canonical_request, ==, g_strchomp (expected_cr));
  g_assert_cmpstr (trace.string_to_sign, ==, g_strchomp (expected_sts));
  g_assert_cmpstr (trace.signature, ==, g_strstrip (expected_sig));
  assert_signed_request (req, expected);

  /* Through the scheme, as a send does it. */
  g_assert_true (ctx->scheme->apply (ctx, applied, &error));
  g_assert_no_error (error);
  as_sent = unsendable_path (vc->name);
  if (as_sent == NULL)
    {
      assert_signed_request (applied, expected);
    }
  else
    {
      g_auto(TessAwsv4Trace) sent_trace = { 0, };
      g_autoptr(TessPreparedRequest) again = prepared_from_raw (raw);
      g_auto(GStrv) lines = NULL;

      g_assert_true (tess_awsv4_sign (ctx, again, NULL, &sent_trace, &error));
      g_assert_no_error (error);
      lines = g_strsplit (sent_trace.canonical_request, "\n", 3);
      g_assert_cmpstr (lines[1], ==, as_sent);
      g_assert_cmpstr (sent_trace.signature, !=, trace.signature);
    }
}

/* Lists the suite's cases; the count guards against a partial copy. */
static GPtrArray *
list_cases (void)
{
  g_autofree char *dir_path = tess_test_shared_path ("vectors", "aws-sigv4", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *context = g_build_filename (dir_path, name, "context.json", NULL);

      if (g_file_test (context, G_FILE_TEST_EXISTS))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static void
test_suite_complete (void)
{
  g_autoptr(GPtrArray) names = list_cases ();

  g_assert_cmpuint (names->len, ==, N_SUITE_CASES);
}

/* Signs @req with the documentation's S3 example credentials. */
static TessAuthContext *
s3_example_context (gboolean presign)
{
  TessAuthContext *ctx = tess_auth_context_new (tess_auth_scheme_lookup ("awsv4"),
                                                "S3 examples / GET Object", NULL);

  tess_auth_context_set (ctx, "accessKey", "AKIAIOSFODNN7EXAMPLE");
  tess_auth_context_set (ctx, "secretKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  tess_auth_context_set (ctx, "service", "s3");
  tess_auth_context_set (ctx, "timestamp", "20130524T000000Z");
  tess_auth_context_set (ctx, "addAuthDataToQuery", presign ? "true" : "false");
  return ctx;
}

/* AWS S3 documentation, "Signature calculations for the Authorization header:
 * transferring payload in a single chunk", example GET Object. */
static void
test_s3_get_object (void)
{
  g_autoptr(TessAuthContext) ctx = s3_example_context (FALSE);
  g_autoptr(TessPreparedRequest) req =
    tess_prepared_request_new ("GET", "https://examplebucket.s3.amazonaws.com/test.txt");
  g_autoptr(GError) error = NULL;

  tess_prepared_request_add_header (req, "Range", "bytes=0-9", TESS_ORIGIN_MANUAL, NULL);
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "x-amz-content-sha256"), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                   "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                   "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                   "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

/* Same document, example PUT Object: S3 encodes the path once, so the '$'
 * typed plainly is signed as %24; the body's hash is signed and sent. */
static void
test_s3_put_object (void)
{
  g_autoptr(TessAuthContext) ctx = s3_example_context (FALSE);
  g_autoptr(TessPreparedRequest) req =
    tess_prepared_request_new ("PUT", "https://examplebucket.s3.amazonaws.com/test$file.text");
  g_autoptr(GBytes) body = g_bytes_new_static ("Welcome to Amazon S3.", 21);
  g_auto(TessAwsv4Trace) trace = { 0, };
  g_autoptr(GError) error = NULL;

  tess_prepared_request_add_header (req, "Date", "Fri, 24 May 2013 00:00:00 GMT", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "x-amz-storage-class", "REDUCED_REDUNDANCY", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  g_assert_true (tess_awsv4_sign (ctx, req, NULL, &trace, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (trace.canonical_request, "PUT\n/test%24file.text\n\n"));
  g_assert_cmpstr (tess_prepared_request_get_header (req, "x-amz-content-sha256"), ==,
                   "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  g_assert_cmpstr (trace.signature, ==,
                   "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

/* Same document, "Authenticating requests: using query parameters": a
 * presigned S3 URL signs UNSIGNED-PAYLOAD and only the host. */
static void
test_s3_presigned (void)
{
  g_autoptr(TessAuthContext) ctx = s3_example_context (TRUE);
  g_autoptr(TessPreparedRequest) req =
    tess_prepared_request_new ("GET", "https://examplebucket.s3.amazonaws.com/test.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  uri = tess_prepared_request_dup_uri (req);
  g_assert_cmpstr (uri, ==,
                   "https://examplebucket.s3.amazonaws.com/test.txt"
                   "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                   "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                   "&X-Amz-Date=20130524T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=86400"
                   "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
  g_assert_null (tess_prepared_request_get_header (req, "x-amz-content-sha256"));
}

static void
test_fields (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("awsv4");
  const char *keys[] = { "accessKey", "secretKey", "region", "service", "sessionToken",
                         "addAuthDataToQuery" };

  g_assert_nonnull (scheme);
  g_assert_cmpstr (scheme->id, ==, "awsv4");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (tess_auth_scheme_get_field (scheme, keys[i]));
  g_assert_true (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, "secretKey")));
  g_assert_true (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, "sessionToken")));
  g_assert_false (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, "accessKey")));
  g_assert_true (tess_auth_scheme_get_field (scheme, "accessKey")->required);
  g_assert_true (tess_auth_scheme_get_field (scheme, "secretKey")->required);
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "region")->default_value, ==, "us-east-1");
  g_assert_cmpint (tess_auth_scheme_get_field (scheme, "addAuthDataToQuery")->kind, ==, TESS_FIELD_BOOL);
}

static TessAuthContext *
simple_context (void)
{
  TessAuthContext *ctx = tess_auth_context_new (tess_auth_scheme_lookup ("awsv4"),
                                                "Shop / Orders", "AWS Signature from collection ‘Shop’");

  tess_auth_context_set (ctx, "accessKey", "AKIDEXAMPLE");
  tess_auth_context_set (ctx, "secretKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  tess_auth_context_set (ctx, "service", "service");
  tess_auth_context_set (ctx, "timestamp", "20150830T123600Z");
  return ctx;
}

static void
test_required (void)
{
  g_autoptr(TessAuthContext) ctx = simple_context ();
  g_autoptr(GError) error = NULL;

  tess_auth_context_set (ctx, "secretKey", "");
  g_assert_false (tess_auth_context_check_required (ctx, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_cmpstr (error->message, ==, "request ‘Shop / Orders’: AWS Signature: field ‘Secret Key’ is empty");
}

static void
test_malformed_fields (void)
{
  const struct { const char *key, *value, *message; } cases[] = {
    { "timestamp", "yesterday", "request ‘Shop / Orders’: AWS Signature: field ‘Timestamp’ "
      "‘yesterday’ is not an ISO 8601 time such as 20150830T123600Z" },
    { "expires", "604801", "request ‘Shop / Orders’: AWS Signature: field ‘Expires (Seconds)’ "
      "‘604801’ is not a number of seconds from 1 to 604800" },
    { "service", "", "request ‘Shop / Orders’: AWS Signature: field ‘Service Name’ "
      "is empty and host ‘127.0.0.1:8080’ does not name an AWS service" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = simple_context ();
      g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1:8080/");
      g_autoptr(GError) error = NULL;

      tess_auth_context_set (ctx, cases[i].key, cases[i].value);
      g_assert_false (ctx->scheme->apply (ctx, req, &error));
      g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      /* Nothing was added to a request that could not be signed. */
      g_assert_cmpuint (req->headers->len, ==, 0);
    }
}

/* Auth headers replace the person's headers of the same name and say where
 * they came from; signing again does not pile up query parameters. */
static void
test_replaces_and_resigns (void)
{
  g_autoptr(TessAuthContext) ctx = simple_context ();
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "https://example.amazonaws.com/?a=1");
  g_autoptr(TessPreparedRequest) presigned = tess_prepared_request_new ("GET", "https://example.amazonaws.com/?a=1");
  g_autoptr(GError) error = NULL;
  g_autofree char *first_uri = NULL;
  g_autofree char *second_uri = NULL;
  guint n_auth = 0;

  tess_prepared_request_add_header (req, "authorization", "Basic old", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-Amz-Date", "19990101T000000Z", TESS_ORIGIN_MANUAL, NULL);
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < req->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (req->headers, i);

      g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
      g_assert_cmpstr (param->origin_label, ==, "AWS Signature from collection ‘Shop’");
      n_auth++;
    }
  g_assert_cmpuint (n_auth, ==, 2);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "X-Amz-Date"), ==, "20150830T123600Z");
  g_assert_true (g_str_has_prefix (tess_prepared_request_get_header (req, "Authorization"),
                                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"));

  tess_auth_context_set (ctx, "addAuthDataToQuery", "true");
  g_assert_true (ctx->scheme->apply (ctx, presigned, &error));
  first_uri = tess_prepared_request_dup_uri (presigned);
  g_assert_true (ctx->scheme->apply (ctx, presigned, &error));
  g_assert_no_error (error);
  second_uri = tess_prepared_request_dup_uri (presigned);
  g_assert_cmpstr (first_uri, ==, second_uri);
  g_assert_cmpuint (presigned->query->len, ==, 7);
  g_assert_cmpint (((TessParam *) g_ptr_array_index (presigned->query, 0))->origin, ==, TESS_ORIGIN_MANUAL);
  g_assert_cmpint (((TessParam *) g_ptr_array_index (presigned->query, 6))->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpuint (presigned->headers->len, ==, 0);
}

static void
test_service_from_host (void)
{
  const struct { const char *url, *scope; } cases[] = {
    { "https://sqs.us-west-2.amazonaws.com/", "/us-east-1/sqs/aws4_request" },
    { "https://bucket.s3.amazonaws.com/key", "/us-east-1/s3/aws4_request" },
    { "https://s3-eu-west-1.amazonaws.com/bucket/key", "/us-east-1/s3/aws4_request" },
    { "https://search-logs-abc.eu-west-1.es.amazonaws.com/", "/us-east-1/es/aws4_request" },
    { "https://abc123.execute-api.us-east-1.amazonaws.com/prod", "/us-east-1/execute-api/aws4_request" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = simple_context ();
      g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", cases[i].url);
      g_autoptr(GError) error = NULL;

      tess_auth_context_set (ctx, "service", "");
      g_assert_true (ctx->scheme->apply (ctx, req, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (tess_prepared_request_get_header (req, "Authorization"), cases[i].scope));
    }
}

static void
test_generated_timestamp (void)
{
  g_autoptr(TessAuthContext) ctx = simple_context ();
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "https://example.amazonaws.com/");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) sent = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *date;

  tess_auth_context_set (ctx, "timestamp", "");
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  date = tess_prepared_request_get_header (req, "X-Amz-Date");
  g_assert_cmpuint (strlen (date), ==, 16);
  g_assert_true (date[8] == 'T' && date[15] == 'Z');
  sent = g_date_time_new_from_iso8601 (date, utc);
  g_assert_nonnull (sent);
  g_assert_cmpint (ABS (g_date_time_difference (sent, before)), <, 60 * G_TIME_SPAN_SECOND);
}

/* A body streamed from a file is hashed like the same bytes in memory. */
static void
test_body_file (void)
{
  g_autoptr(TessAuthContext) ctx = simple_context ();
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "body.bin", NULL);
  g_autoptr(TessPreparedRequest) from_file = tess_prepared_request_new ("PUT", "https://example.amazonaws.com/x");
  g_autoptr(TessPreparedRequest) in_memory = NULL;
  g_autoptr(GString) content = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (content, "line %u\n", i);
  tess_auth_context_set (ctx, "contentSha256Header", "true");
  in_memory = test_body_file_and_copy (from_file, path, content);

  g_assert_true (ctx->scheme->apply (ctx, from_file, &error));
  g_assert_true (ctx->scheme->apply (ctx, in_memory, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tess_prepared_request_get_header (from_file, "x-amz-content-sha256"), ==,
                   tess_prepared_request_get_header (in_memory, "x-amz-content-sha256"));
  g_assert_cmpstr (tess_prepared_request_get_header (from_file, "Authorization"), ==,
                   tess_prepared_request_get_header (in_memory, "Authorization"));

  g_free (from_file->body_file);
  from_file->body_file = g_build_filename (dir, "missing.bin", NULL);
  g_assert_false (ctx->scheme->apply (ctx, from_file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "missing.bin"));
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) names = NULL;

  g_test_init (&argc, &argv, NULL);

  names = list_cases ();
  for (guint i = 0; i < names->len; i++)
    for (guint presign = 0; presign < 2; presign++)
      {
        VectorCase *vc = g_new0 (VectorCase, 1);
        g_autofree char *path = NULL;

        vc->name = g_strdup (g_ptr_array_index (names, i));
        vc->presign = presign;
        path = g_strdup_printf ("/awsv4/vector/%s/%s", vc->name, presign ? "query" : "header");
        g_test_add_data_func_full (path, vc, test_vector, vector_case_free);
      }
  g_test_add_func ("/awsv4/vector-suite-complete", test_suite_complete);
  g_test_add_func ("/awsv4/s3/get-object", test_s3_get_object);
  g_test_add_func ("/awsv4/s3/put-object", test_s3_put_object);
  g_test_add_func ("/awsv4/s3/presigned", test_s3_presigned);
  g_test_add_func ("/awsv4/fields", test_fields);
  g_test_add_func ("/awsv4/required", test_required);
  g_test_add_func ("/awsv4/malformed-fields", test_malformed_fields);
  g_test_add_func ("/awsv4/replaces-and-resigns", test_replaces_and_resigns);
  g_test_add_func ("/awsv4/service-from-host", test_service_from_host);
  g_test_add_func ("/awsv4/generated-timestamp", test_generated_timestamp);
  g_test_add_func ("/awsv4/body-file", test_body_file);
  return g_test_run ();
}
