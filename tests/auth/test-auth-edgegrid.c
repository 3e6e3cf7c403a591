/* Akamai EdgeGrid: every case of Akamai's own test data (shared/vectors/edgegrid),
 * including the one that must be refused, and the scheme's fields and errors. */
#include <string.h>
#include <json-glib/json-glib.h>

#include "tess-edgegrid-private.h"
#include "tess-error.h"
#include "tess-test-util.h"
#include "test-body-file.h"

#define N_TESTCASES 15

static JsonObject *testdata;
static JsonArray *testcases;

static JsonNode *
load_json (const char *file)
{
  g_autofree char *path = tess_test_shared_path ("vectors", "edgegrid", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static const char *
data_string (const char *member)
{
  return json_object_get_string_member (testdata, member);
}

/* "https://host/" + "/path" without the doubled slash. */
static char *
url_for_path (const char *path)
{
  g_autofree char *base = g_strdup (data_string ("base_url"));

  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  return g_strconcat (base, path, NULL);
}

/* The credentials, nonce and timestamp of testdata.json; @with_headers adds
 * its headers_to_sign and max_body, which the Python library's test cases use. */
static TessAuthContext *
vector_context (const char *item,
                gboolean    with_headers)
{
  TessAuthContext *ctx = tess_auth_context_new (tess_auth_scheme_lookup ("edgegrid"), item,
                                                "Akamai EdgeGrid from the test");

  tess_auth_context_set (ctx, "clientToken", data_string ("client_token"));
  tess_auth_context_set (ctx, "clientSecret", data_string ("client_secret"));
  tess_auth_context_set (ctx, "accessToken", data_string ("access_token"));
  tess_auth_context_set (ctx, "nonce", data_string ("nonce"));
  tess_auth_context_set (ctx, "timestamp", data_string ("timestamp"));
  if (with_headers)
    {
      JsonArray *names = json_object_get_array_member (testdata, "headers_to_sign");
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *max_body = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   json_object_get_int_member (testdata, "max_body"));

      for (guint i = 0; i < json_array_get_length (names); i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                                json_array_get_string_element (names, i));
      tess_auth_context_set (ctx, "headersToSign", list->str);
      tess_auth_context_set (ctx, "maxBodySize", max_body);
    }
  return ctx;
}

static TessPreparedRequest *
request_for_case (JsonObject *request)
{
  g_autofree char *url = url_for_path (json_object_get_string_member (request, "path"));
  TessPreparedRequest *req = tess_prepared_request_new (json_object_get_string_member (request, "method"), url);

  if (json_object_has_member (request, "headers"))
    {
      JsonArray *headers = json_object_get_array_member (request, "headers");

      for (guint i = 0; i < json_array_get_length (headers); i++)
        {
          JsonObject *one = json_array_get_object_element (headers, i);

          for (GList *l = json_object_get_members (one); l != NULL; l = g_list_delete_link (l, l))
            tess_prepared_request_add_header (req, l->data,
                                              json_object_get_string_member (one, l->data),
                                              TESS_ORIGIN_MANUAL, NULL);
        }
    }
  if (json_object_has_member (request, "data"))
    {
      const char *data = json_object_get_string_member (request, "data");
      g_autoptr(GBytes) body = g_bytes_new (data, strlen (data));

      tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
    }
  return req;
}

static void
test_case (gconstpointer data)
{
  JsonObject *testcase = json_array_get_object_element (testcases, GPOINTER_TO_UINT (data));
  const char *name = json_object_get_string_member (testcase, "testName");
  const char *fails_with = json_object_get_string_member_with_default (testcase, "failsWithMessage", NULL);
  g_autoptr(TessAuthContext) ctx = vector_context (name, TRUE);
  g_autoptr(TessPreparedRequest) req =
    request_for_case (json_object_get_object_member (testcase, "request"));
  g_autoptr(GError) error = NULL;
  g_autofree char *data_to_sign = NULL;

  if (fails_with != NULL)
    {
      guint n_headers = req->headers->len;

      g_assert_false (ctx->scheme->apply (ctx, req, &error));
      g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
      g_test_message ("refused: %s", error->message);
      g_assert_true (g_str_has_suffix (error->message, fails_with));
      g_assert_true (g_str_has_prefix (error->message, "request ‘Header with leading and interior spaces’: "
                                                       "Akamai EdgeGrid: header ‘x-test1’ cannot be signed: "));
      g_assert_cmpuint (req->headers->len, ==, n_headers);
      return;
    }

  /* Akamai's tests compute the data to sign with an empty authorization part. */
  data_to_sign = tess_edgegrid_dup_data_to_sign (ctx, req, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data_to_sign, ==, json_object_get_string_member (testcase, "expectedDataToSign"));

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                   json_object_get_string_member (testcase, "expectedAuthorization"));
}

static void
test_testcases_complete (void)
{
  g_assert_cmpuint (json_array_get_length (testcases), ==, N_TESTCASES);
}

static void
test_signing_key (void)
{
  g_autofree char *key = tess_edgegrid_dup_signing_key (data_string ("client_secret"),
                                                        data_string ("timestamp"));

  g_assert_cmpstr (key, ==, data_string ("sign_key_test"));
}

/* The content hash is the sixth field of the data to sign. */
static void
test_content_hash (void)
{
  g_autoptr(TessAuthContext) ctx = vector_context ("content hash", TRUE);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", data_string ("base_url"));
  g_autoptr(GBytes) body = g_bytes_new_static ("test_body", 9);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_to_sign = NULL;
  g_auto(GStrv) fields = NULL;

  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  data_to_sign = tess_edgegrid_dup_data_to_sign (ctx, req, "", &error);
  g_assert_no_error (error);
  fields = g_strsplit (data_to_sign, "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 7);
  g_assert_cmpstr (fields[5], ==, data_string ("content_hash_test"));
}

static void
assert_post_signs_as (GBytes     *body,
                      const char *expected_member)
{
  g_autoptr(TessAuthContext) ctx = vector_context (expected_member, FALSE);
  g_autofree char *url = url_for_path ("/testapi/v1/t3?extended=true");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", url);
  g_autoptr(GError) error = NULL;

  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                   data_string (expected_member));
}

/* The Python library's JSON test: requests writes {"key": "value"}. */
static void
test_json_body (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"key\": \"value\"}", 16);

  assert_post_signs_as (body, "jsontest_hash");
}

/* Its multipart test: fields foo=bar and the file sample_file.txt, boundary
 * "multipart_boundary", as requests-toolbelt encodes them. */
static void
test_multipart_body (void)
{
  g_autofree char *path = tess_test_shared_path ("vectors", "edgegrid", "sample_file.txt", NULL);
  g_autofree char *file = tess_test_load_text (path);
  g_autofree char *text = g_strconcat ("--multipart_boundary\r\n"
                                       "Content-Disposition: form-data; name=\"foo\"\r\n\r\n"
                                       "bar\r\n"
                                       "--multipart_boundary\r\n"
                                       "Content-Disposition: form-data; name=\"baz\"; filename=\"sample_file.txt\"\r\n\r\n",
                                       file,
                                       "\r\n--multipart_boundary--\r\n", NULL);
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  assert_post_signs_as (body, "multipart_hash_test");
}

static void
test_fields (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("edgegrid");
  const char *secrets[] = { "accessToken", "clientToken", "clientSecret" };
  const char *others[] = { "nonce", "timestamp", "baseURL", "headersToSign", "maxBodySize" };

  g_assert_nonnull (scheme);
  g_assert_cmpuint (scheme->n_fields, ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      const TessAuthField *field = tess_auth_scheme_get_field (scheme, secrets[i]);

      g_assert_true (tess_auth_field_is_secret (field));
      g_assert_true (field->required);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      const TessAuthField *field = tess_auth_scheme_get_field (scheme, others[i]);

      g_assert_false (tess_auth_field_is_secret (field));
      g_assert_false (field->required);
      g_assert_true (field->advanced);
    }
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "maxBodySize")->default_value, ==, "131072");
}

/* The base URL's host is signed, not the host the request goes to (Postman). */
static void
test_base_url (void)
{
  g_autoptr(TessAuthContext) ctx = vector_context ("base URL", FALSE);
  g_autoptr(TessAuthContext) direct_ctx = vector_context ("direct", FALSE);
  g_autofree char *direct_url = url_for_path ("/testapi/v1/t1?p1=1&p2=2");
  g_autoptr(TessPreparedRequest) via_proxy =
    tess_prepared_request_new ("GET", "https://127.0.0.1:8443/testapi/v1/t1?p1=1&p2=2");
  g_autoptr(TessPreparedRequest) direct = tess_prepared_request_new ("GET", direct_url);
  g_autoptr(GError) error = NULL;

  tess_auth_context_set (ctx, "baseURL", data_string ("base_url"));
  g_assert_true (ctx->scheme->apply (ctx, via_proxy, &error));
  g_assert_true (direct_ctx->scheme->apply (direct_ctx, direct, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tess_prepared_request_get_header (via_proxy, "Authorization"), ==,
                   tess_prepared_request_get_header (direct, "Authorization"));
  g_assert_cmpstr (tess_prepared_request_get_header (direct, "Authorization"), ==,
                   "EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;"
                   "access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;timestamp=20140321T19:34:21+0000;"
                   "nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;signature=hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA=");
}

/* An empty nonce and timestamp are made fresh for every request. */
static void
test_generated_nonce_timestamp (void)
{
  g_autoptr(TessAuthContext) ctx = vector_context ("generated", FALSE);
  g_autoptr(TessPreparedRequest) first = tess_prepared_request_new ("GET", data_string ("base_url"));
  g_autoptr(TessPreparedRequest) second = tess_prepared_request_new ("GET", data_string ("base_url"));
  g_autoptr(GRegex) shape = NULL;
  g_autoptr(GMatchInfo) first_match = NULL;
  g_autoptr(GMatchInfo) second_match = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_nonce = NULL;
  g_autofree char *second_nonce = NULL;

  tess_auth_context_set (ctx, "nonce", "");
  tess_auth_context_set (ctx, "timestamp", "");
  g_assert_true (ctx->scheme->apply (ctx, first, &error));
  g_assert_true (ctx->scheme->apply (ctx, second, &error));
  g_assert_no_error (error);

  shape = g_regex_new ("^EG1-HMAC-SHA256 client_token=[^;]+;access_token=[^;]+;"
                       "timestamp=\\d{8}T\\d\\d:\\d\\d:\\d\\d\\+0000;"
                       "nonce=([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12});"
                       "signature=[A-Za-z0-9+/]{43}=$", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (shape, tess_prepared_request_get_header (first, "Authorization"), 0, &first_match));
  g_assert_true (g_regex_match (shape, tess_prepared_request_get_header (second, "Authorization"), 0, &second_match));
  first_nonce = g_match_info_fetch (first_match, 1);
  second_nonce = g_match_info_fetch (second_match, 1);
  g_assert_cmpstr (first_nonce, !=, second_nonce);
}

static void
test_malformed_fields (void)
{
  const struct { const char *key, *value, *message; } cases[] = {
    { "timestamp", "2014-03-21T19:34:21Z", "request ‘Luna / Purge’: Akamai EdgeGrid: field ‘Timestamp’ "
      "‘2014-03-21T19:34:21Z’ is not written like 20140321T19:34:21+0000" },
    { "maxBodySize", "128k", "request ‘Luna / Purge’: Akamai EdgeGrid: field ‘Max Body Size’ "
      "‘128k’ is not a number of bytes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = vector_context ("Luna / Purge", FALSE);
      g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", data_string ("base_url"));
      g_autoptr(GError) error = NULL;

      tess_auth_context_set (ctx, cases[i].key, cases[i].value);
      g_assert_false (ctx->scheme->apply (ctx, req, &error));
      g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
    }
}

/* Names are trimmed and matched without case, empty headers are left out
 * (as Postman does), and a JSON array of names is read like the text form. */
static void
test_headers_to_sign (void)
{
  const char *lists[] = { " X-Test2 ,X-Empty,, x-test1", "[\"X-Test2\", \"X-Empty\", \"x-test1\"]" };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(TessAuthContext) ctx = vector_context ("headers to sign", FALSE);
      g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", data_string ("base_url"));
      g_autoptr(GError) error = NULL;
      g_autofree char *data_to_sign = NULL;
      g_auto(GStrv) fields = NULL;

      tess_prepared_request_add_header (req, "X-Test1", "t1", TESS_ORIGIN_MANUAL, NULL);
      tess_prepared_request_add_header (req, "X-Empty", "", TESS_ORIGIN_MANUAL, NULL);
      tess_prepared_request_add_header (req, "x-test2", "t2  two ", TESS_ORIGIN_MANUAL, NULL);
      tess_auth_context_set (ctx, "headersToSign", lists[i]);
      data_to_sign = tess_edgegrid_dup_data_to_sign (ctx, req, "", &error);
      g_assert_no_error (error);
      fields = g_strsplit (data_to_sign, "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 8);
      g_assert_cmpstr (fields[4], ==, "x-test2:t2 two");
      g_assert_cmpstr (fields[5], ==, "x-test1:t1");
    }
}

/* A large body file is hashed from its first maxBodySize bytes, like the
 * same bytes in memory; the manual Authorization header is replaced. */
static void
test_body_file (void)
{
  g_autoptr(TessAuthContext) ctx = vector_context ("body file", TRUE);
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "upload.bin", NULL);
  g_autoptr(TessPreparedRequest) from_file = tess_prepared_request_new ("POST", data_string ("base_url"));
  g_autoptr(TessPreparedRequest) in_memory = NULL;
  g_autoptr(GString) content = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (content, "%u,", i);
  tess_prepared_request_add_header (from_file, "authorization", "Basic old", TESS_ORIGIN_MANUAL, NULL);
  in_memory = test_body_file_and_copy (from_file, path, content);

  g_assert_true (ctx->scheme->apply (ctx, from_file, &error));
  g_assert_true (ctx->scheme->apply (ctx, in_memory, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (from_file->headers->len, ==, 1);
  g_assert_cmpint (((TessParam *) g_ptr_array_index (from_file->headers, 0))->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (((TessParam *) g_ptr_array_index (from_file->headers, 0))->origin_label, ==,
                   "Akamai EdgeGrid from the test");
  g_assert_cmpstr (tess_prepared_request_get_header (from_file, "Authorization"), ==,
                   tess_prepared_request_get_header (in_memory, "Authorization"));
}

int
main (int argc, char **argv)
{
  g_autoptr(JsonNode) data_node = NULL;
  g_autoptr(JsonNode) cases_node = NULL;

  g_test_init (&argc, &argv, NULL);

  data_node = load_json ("testdata.json");
  cases_node = load_json ("testcases.json");
  testdata = json_node_get_object (data_node);
  testcases = json_node_get_array (cases_node);

  for (guint i = 0; i < json_array_get_length (testcases); i++)
    {
      JsonObject *testcase = json_array_get_object_element (testcases, i);
      g_autofree char *name = g_ascii_strdown (json_object_get_string_member (testcase, "testName"), -1);
      g_autofree char *path = NULL;

      g_strcanon (name, "abcdefghijklmnopqrstuvwxyz0123456789", '-');
      path = g_strconcat ("/edgegrid/vector/", name, NULL);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_case);
    }
  g_test_add_func ("/edgegrid/vector-cases-complete", test_testcases_complete);
  g_test_add_func ("/edgegrid/testdata/signing-key", test_signing_key);
  g_test_add_func ("/edgegrid/testdata/content-hash", test_content_hash);
  g_test_add_func ("/edgegrid/testdata/json-body", test_json_body);
  g_test_add_func ("/edgegrid/testdata/multipart-body", test_multipart_body);
  g_test_add_func ("/edgegrid/fields", test_fields);
  g_test_add_func ("/edgegrid/base-url", test_base_url);
  g_test_add_func ("/edgegrid/generated-nonce-timestamp", test_generated_nonce_timestamp);
  g_test_add_func ("/edgegrid/malformed-fields", test_malformed_fields);
  g_test_add_func ("/edgegrid/headers-to-sign", test_headers_to_sign);
  g_test_add_func ("/edgegrid/body-file", test_body_file);
  return g_test_run ();
}
