#include <string.h>

#include "tess-auth-scheme.h"
#include "tess-error.h"

/* Hawk: the @hapi/hawk README vectors, further headers computed by @hapi/hawk
 * 8.0.0's client from the same inputs, and the field errors. */

#define HAWK_ID  "dh37fgj492je"
#define HAWK_KEY "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn"
#define VECTOR_URL "http://example.com:8000/resource/1?b=1&a=2"

static TessAuthContext *
hawk_context (const char *first_key,
              ...)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("hawk");
  TessAuthContext *ctx;
  va_list args;

  g_assert_nonnull (scheme);
  ctx = tess_auth_context_new (scheme, "Hawk / Resource", "Hawk auth from collection ‘Hawk’");
  tess_auth_context_set (ctx, "authId", HAWK_ID);
  tess_auth_context_set (ctx, "authKey", HAWK_KEY);
  tess_auth_context_set (ctx, "timestamp", "1353832234");
  tess_auth_context_set (ctx, "nonce", "j4h3g2");
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    tess_auth_context_set (ctx, key, va_arg (args, const char *));
  va_end (args);
  return ctx;
}

static char *
apply_ok (TessAuthContext     *ctx,
          TessPreparedRequest *req)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_no_error (error);
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  return g_strdup (tess_prepared_request_get_header (req, "Authorization"));
}

static void
test_readme_get (void)
{
  g_autoptr(TessAuthContext) ctx = hawk_context ("extraData", "some-app-ext-data", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", VECTOR_URL);
  g_autofree char *header = NULL;
  TessParam *param;

  tess_prepared_request_add_header (req, "authorization", "Basic bWFudWFs", TESS_ORIGIN_MANUAL, NULL);
  header = apply_ok (ctx, req);
  g_assert_cmpstr (header, ==,
                   "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", "
                   "ext=\"some-app-ext-data\", mac=\"6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=\"");
  /* The typed header is replaced, and the new one says where it came from. */
  g_assert_cmpuint (req->headers->len, ==, 1);
  param = g_ptr_array_index (req->headers, 0);
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "Hawk auth from collection ‘Hawk’");
}

static void
test_readme_post_payload (void)
{
  g_autoptr(TessAuthContext) ctx = hawk_context ("extraData", "some-app-ext-data",
                                                 "includePayloadHash", "true", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", VECTOR_URL);
  g_autoptr(GBytes) body = g_bytes_new_static ("Thank you for flying Hawk", 25);
  g_autofree char *header = NULL;

  tess_prepared_request_add_header (req, "Content-Type", "text/plain", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  header = apply_ok (ctx, req);
  g_assert_cmpstr (header, ==,
                   "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", "
                   "hash=\"Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=\", "
                   "ext=\"some-app-ext-data\", mac=\"aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw=\"");
}

static void
test_payload_hash_off (void)
{
  g_autoptr(TessAuthContext) ctx = hawk_context ("extraData", "some-app-ext-data", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", VECTOR_URL);
  g_autoptr(GBytes) body = g_bytes_new_static ("Thank you for flying Hawk", 25);
  g_autofree char *header = NULL;

  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  header = apply_ok (ctx, req);
  g_assert_null (strstr (header, "hash="));
}

static void
test_app_and_dlg (void)
{
  g_autoptr(TessAuthContext) ctx = hawk_context ("extraData", "some-app-ext-data",
                                                 "app", "asd23ased", "delegation", "23434szr3q4d",
                                                 "user", "steve", NULL);
  g_autoptr(TessAuthContext) ctx_app = hawk_context ("app", "appid", NULL);
  g_autoptr(TessAuthContext) ctx_dlg = hawk_context ("delegation", "23434szr3q4d", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", VECTOR_URL);
  g_autoptr(TessPreparedRequest) req_app = tess_prepared_request_new ("GET", VECTOR_URL);
  g_autoptr(TessPreparedRequest) req_dlg = tess_prepared_request_new ("GET", VECTOR_URL);
  g_autofree char *header = apply_ok (ctx, req);
  g_autofree char *header_app = apply_ok (ctx_app, req_app);
  g_autofree char *header_dlg = apply_ok (ctx_dlg, req_dlg);

  /* Expected values from @hapi/hawk 8.0.0 Client.header() with the same inputs. */
  g_assert_cmpstr (header, ==,
                   "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", "
                   "ext=\"some-app-ext-data\", mac=\"h2QPeJmW2ZdvMQPFsbndVWpuEOCKa7PVeg5tChWidXE=\", "
                   "app=\"asd23ased\", dlg=\"23434szr3q4d\"");
  g_assert_cmpstr (header_app, ==,
                   "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", "
                   "mac=\"2fTLOjcd47MF4cIZL8FvCFwsfDs0kY1CtIsd1gmu+Nk=\", app=\"appid\"");
  /* dlg without app is neither signed nor sent. */
  g_assert_null (strstr (header_dlg, "dlg="));
}

static void
test_sha1_escaped_ext_default_port (void)
{
  g_autoptr(TessAuthContext) ctx = hawk_context ("algorithm", "sha1",
                                                 "extraData", "quote \" and \\ slash",
                                                 "includePayloadHash", "true", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("PUT", "https://Example.COM/path/x%20y?q=1");
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"a\":1}", 7);
  g_autofree char *header = NULL;

  tess_prepared_request_add_header (req, "Content-Type", "Application/JSON; charset=utf-8", TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  header = apply_ok (ctx, req);
  g_assert_cmpstr (header, ==,
                   "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", "
                   "hash=\"1Rfk446lhoFmJQTGasZ3HmR8jNM=\", ext=\"quote \\\" and \\\\ slash\", "
                   "mac=\"1vxLanFssgJPZPXeWJnVCdL1ZSY=\"");
}

static void
test_empty_payload (void)
{
  g_autoptr(TessAuthContext) ctx = hawk_context ("includePayloadHash", "true", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", "http://example.com/");
  g_autofree char *header = apply_ok (ctx, req);

  /* @hapi/hawk hashes an empty payload too, so a validating server accepts it. */
  g_assert_cmpstr (header, ==,
                   "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", "
                   "hash=\"B0weSUXsMcb5UhL41FZbrUJCAotzSI3HawE1NPLRUz8=\", "
                   "mac=\"5+4wEZxym4zVUwmJIKFO/Y4lJvUBt18g85ULS6zuNFg=\"");
}

static void
test_generated_nonce_and_timestamp (void)
{
  g_autoptr(TessAuthContext) ctx = hawk_context ("timestamp", "", "nonce", "", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", VECTOR_URL);
  g_autoptr(TessPreparedRequest) req2 = tess_prepared_request_new ("GET", VECTOR_URL);
  g_autofree char *header = apply_ok (ctx, req);
  g_autofree char *header2 = apply_ok (ctx, req2);
  g_autoptr(GRegex) regex = g_regex_new ("^Hawk id=\"dh37fgj492je\", ts=\"([0-9]+)\", nonce=\"([A-Za-z0-9]{6})\", mac=\"[A-Za-z0-9+/]{43}=\"$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *ts = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (g_regex_match (regex, header, 0, &match));
  ts = g_match_info_fetch (match, 1);
  g_assert_cmpint (ABS (g_ascii_strtoll (ts, NULL, 10) - now), <=, 5);
  /* A fresh nonce for each request. */
  g_assert_cmpstr (header, !=, header2);
}

static void
assert_field_error (TessAuthContext *ctx,
                    const char      *url,
                    const char      *needle)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", url);
  g_autoptr(GError) error = NULL;

  g_assert_false (ctx->scheme->apply (ctx, req, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "request ‘Hawk / Resource’: Hawk Authentication: field"));
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
}

static void
test_errors (void)
{
  g_autoptr(TessAuthContext) algorithm = hawk_context ("algorithm", "md5", NULL);
  g_autoptr(TessAuthContext) timestamp = hawk_context ("timestamp", "yesterday", NULL);
  g_autoptr(TessAuthContext) ext = hawk_context ("extraData", "two\nlines", NULL);
  g_autoptr(TessAuthContext) id = hawk_context ("authId", "a\"b", NULL);
  g_autoptr(TessAuthContext) missing = hawk_context (NULL);
  g_autoptr(GError) error = NULL;

  assert_field_error (algorithm, VECTOR_URL, "‘Algorithm’ is “md5”");
  assert_field_error (timestamp, VECTOR_URL, "‘Timestamp’ is “yesterday”");
  assert_field_error (ext, VECTOR_URL, "‘ext’ contains a line break");
  assert_field_error (id, VECTOR_URL, "‘Hawk Auth ID’ contains ‘\"’, which a Hawk header cannot carry");

  tess_auth_context_set (missing, "authKey", "");
  g_assert_false (tess_auth_context_check_required (missing, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_nonnull (strstr (error->message, "‘Hawk Auth Key’ is empty"));
}

static void
test_fields (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("hawk");
  const char *keys[] = { "authId", "authKey", "algorithm", "user", "nonce", "extraData",
                         "app", "delegation", "timestamp", "includePayloadHash" };

  g_assert_cmpuint (scheme->n_fields, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (tess_auth_scheme_get_field (scheme, keys[i]));
  g_assert_true (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, "authKey")));
  g_assert_false (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, "authId")));
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "algorithm")->default_value, ==, "sha256");
  g_assert_true (tess_auth_scheme_get_field (scheme, "authId")->required);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/hawk/readme-get", test_readme_get);
  g_test_add_func ("/auth/hawk/readme-post-payload", test_readme_post_payload);
  g_test_add_func ("/auth/hawk/payload-hash-off", test_payload_hash_off);
  g_test_add_func ("/auth/hawk/app-and-dlg", test_app_and_dlg);
  g_test_add_func ("/auth/hawk/sha1-escaped-ext-default-port", test_sha1_escaped_ext_default_port);
  g_test_add_func ("/auth/hawk/empty-payload", test_empty_payload);
  g_test_add_func ("/auth/hawk/generated-nonce-and-timestamp", test_generated_nonce_and_timestamp);
  g_test_add_func ("/auth/hawk/errors", test_errors);
  g_test_add_func ("/auth/hawk/fields", test_fields);
  return g_test_run ();
}
