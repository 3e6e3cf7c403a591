#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "tess-auth-scheme.h"
#include "tess-error.h"

/* OAuth 1.0a: the RFC 5849 examples, signatures checked against python3-oauthlib
 * 3.2.2's signature functions for the same inputs, Postman's placement and
 * empty-parameter rules, RSA signatures checked with GnuTLS, and the errors. */

#define BASE_STRING_NOTE "OAuth 1.0 signature base string: "

static TessAuthContext *
oauth1_context (const char *first_key,
                ...)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("oauth1");
  TessAuthContext *ctx;
  va_list args;

  g_assert_nonnull (scheme);
  ctx = tess_auth_context_new (scheme, "Photos / List", "OAuth 1.0 from collection ‘Photos’");
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    tess_auth_context_set (ctx, key, va_arg (args, const char *));
  va_end (args);
  return ctx;
}

/* The common credentials of the non-RFC cases. */
static TessAuthContext *
test_context (const char *method)
{
  return oauth1_context ("signatureMethod", method,
                         "consumerKey", "key", "consumerSecret", "secret",
                         "token", "tok", "tokenSecret", "secret2",
                         "timestamp", "1700000000", "nonce", "abc", NULL);
}

static void
apply_ok (TessAuthContext     *ctx,
          TessPreparedRequest *req)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_no_error (error);
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
}

static const char *
base_string_of (TessPreparedRequest *req)
{
  for (guint i = 0; i < req->log->len; i++)
    {
      const char *note = g_ptr_array_index (req->log, i);

      if (g_str_has_prefix (note, BASE_STRING_NOTE))
        return note + strlen (BASE_STRING_NOTE);
    }
  g_assert_not_reached ();
}

static char *
hmac_sha1_base64 (const char *key,
                  const char *text)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) key, strlen (key));
  guint8 digest[20];
  gsize len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) text, -1);
  g_hmac_get_digest (hmac, digest, &len);
  return g_base64_encode (digest, len);
}

/* RFC 5849 §1.2, the three requests of the photo-printing example. The RFC
 * sends no oauth_version, so the field is cleared. */
static void
test_rfc5849_photos (void)
{
  g_autoptr(TessAuthContext) ctx = oauth1_context ("consumerKey", "dpf43f3p2l4k3l03",
                                                   "consumerSecret", "kd94hf93k423kf44",
                                                   "token", "nnch734d00sl2jdk",
                                                   "tokenSecret", "pfkkdhi9sl3r4s00",
                                                   "timestamp", "137131202", "nonce", "chapoH",
                                                   "realm", "Photos", "version", "", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original");
  g_autofree char *uri = NULL;
  TessParam *param;

  apply_ok (ctx, req);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                   "OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\","
                   "oauth_token=\"nnch734d00sl2jdk\",oauth_signature_method=\"HMAC-SHA1\","
                   "oauth_timestamp=\"137131202\",oauth_nonce=\"chapoH\","
                   "oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"");
  param = g_ptr_array_index (req->headers, req->headers->len - 1);
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "OAuth 1.0 from collection ‘Photos’");
  /* The query is signed but left as it was. */
  uri = tess_prepared_request_dup_uri (req);
  g_assert_cmpstr (uri, ==, "http://photos.example.net/photos?file=vacation.jpg&size=original");
}

static void
test_rfc5849_initiate_and_token (void)
{
  g_autoptr(TessAuthContext) initiate = oauth1_context ("consumerKey", "dpf43f3p2l4k3l03",
                                                        "consumerSecret", "kd94hf93k423kf44",
                                                        "timestamp", "137131200", "nonce", "wIjqoS",
                                                        "callback", "http://printer.example.com/ready",
                                                        "realm", "Photos", "version", "", NULL);
  g_autoptr(TessAuthContext) token = oauth1_context ("consumerKey", "dpf43f3p2l4k3l03",
                                                     "consumerSecret", "kd94hf93k423kf44",
                                                     "token", "hh5s93j4hdidpola",
                                                     "tokenSecret", "hdhd0244k9j7ao03",
                                                     "verifier", "hfdp7dh39dks9884",
                                                     "timestamp", "137131201", "nonce", "walatlh",
                                                     "realm", "Photos", "version", "", NULL);
  g_autoptr(TessPreparedRequest) req1 = tess_prepared_request_new ("POST", "https://photos.example.net/initiate");
  g_autoptr(TessPreparedRequest) req2 = tess_prepared_request_new ("POST", "https://photos.example.net/token");

  apply_ok (initiate, req1);
  g_assert_cmpstr (tess_prepared_request_get_header (req1, "Authorization"), ==,
                   "OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\","
                   "oauth_signature_method=\"HMAC-SHA1\",oauth_timestamp=\"137131200\","
                   "oauth_nonce=\"wIjqoS\",oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\","
                   "oauth_signature=\"74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D\"");
  apply_ok (token, req2);
  g_assert_cmpstr (tess_prepared_request_get_header (req2, "Authorization"), ==,
                   "OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\","
                   "oauth_token=\"hh5s93j4hdidpola\",oauth_signature_method=\"HMAC-SHA1\","
                   "oauth_timestamp=\"137131201\",oauth_nonce=\"walatlh\","
                   "oauth_verifier=\"hfdp7dh39dks9884\","
                   "oauth_signature=\"gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D\"");
}

/* RFC 5849 §3.4.1.1: the base string of a request with a query and a form
 * body, with encoded and repeated names, and a value-less body parameter. */
static void
test_rfc5849_base_string (void)
{
  g_autoptr(TessAuthContext) ctx = oauth1_context ("consumerKey", "9djdj82h48djs9d2",
                                                   "consumerSecret", "j49sk3j29djd",
                                                   "token", "kkk9d7dh3k39sjv7",
                                                   "tokenSecret", "dh893hdasih9",
                                                   "timestamp", "137131201", "nonce", "7d8f3e4a",
                                                   "realm", "Example", "version", "", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
  g_autoptr(GBytes) body = g_bytes_new_static ("c2&a3=2+q", 9);
  const char *rfc_base_string =
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
    "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
    "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m"
    "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
    "9d7dh3k39sjv7";
  g_autofree char *expected = hmac_sha1_base64 ("j49sk3j29djd&dh893hdasih9", rfc_base_string);
  g_autofree char *enc = tess_uri_encode_strict (expected);
  g_autofree char *needle = g_strdup_printf (",oauth_signature=\"%s\"", enc);

  tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, body);
  apply_ok (ctx, req);
  g_assert_cmpstr (base_string_of (req), ==, rfc_base_string);
  g_assert_true (g_str_has_suffix (tess_prepared_request_get_header (req, "Authorization"), needle));
  /* Same value as oauthlib's sign_hmac_sha1 over that base string. */
  g_assert_cmpstr (expected, ==, "r6/TJjbCOr97/+UU0NsvSne7s5g=");
}

static void
test_query_placement (void)
{
  g_autoptr(TessAuthContext) ctx = test_context ("HMAC-SHA256");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1:8080/api?x=1&y=a+b&oauth_nonce=stale");
  g_autofree char *uri = NULL;

  tess_auth_context_set (ctx, "addParamsToHeader", "false");
  tess_prepared_request_add_header (req, "Authorization", "Bearer typed", TESS_ORIGIN_MANUAL, NULL);
  apply_ok (ctx, req);
  g_assert_cmpstr (base_string_of (req), ==,
                   "GET&http%3A%2F%2F127.0.0.1%3A8080%2Fapi&oauth_consumer_key%3Dkey%26oauth_nonce%3Dabc"
                   "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token"
                   "%3Dtok%26oauth_version%3D1.0%26x%3D1%26y%3Da%2520b");
  uri = tess_prepared_request_dup_uri (req);
  g_assert_cmpstr (uri, ==,
                   "http://127.0.0.1:8080/api?x=1&y=a+b&oauth_consumer_key=key&oauth_token=tok"
                   "&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000&oauth_nonce=abc"
                   "&oauth_version=1.0&oauth_signature=A%2FatARNiXOnSZzUilZ8CANGifVknSmqEwqTIVIUQ9Vc%3D");
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
  g_assert_cmpint (((TessParam *) g_ptr_array_index (req->query, 2))->origin, ==, TESS_ORIGIN_AUTH);
}

static void
test_body_placement (void)
{
  g_autoptr(TessAuthContext) ctx = test_context ("HMAC-SHA512");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", "http://127.0.0.1/form");
  g_autoptr(GBytes) body = g_bytes_new_static ("name=J%20D&oauth_token=old&x=%21", 32);
  g_autofree char *expected = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *sig = tess_uri_encode_strict ("+QNisamwMb6FANEvHS2Wi8U68oOzNyAHLj1Buljr5OXGiOYyvmQD5lSeVgg7/USlJr5ai1eLImyI8bUCB7FKPw==");
  gsize size;
  const char *data;

  tess_auth_context_set (ctx, "addParamsToHeader", "false");
  tess_auth_context_set (ctx, "includeBodyHash", "true");   /* never for forms */
  tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, body);
  apply_ok (ctx, req);
  expected = g_strdup_printf ("name=J%%20D&x=%%21&oauth_consumer_key=key&oauth_token=tok"
                              "&oauth_signature_method=HMAC-SHA512&oauth_timestamp=1700000000"
                              "&oauth_nonce=abc&oauth_version=1.0&oauth_signature=%s", sig);
  data = g_bytes_get_data (req->body, &size);
  sent = g_strndup (data, size);
  g_assert_cmpstr (sent, ==, expected);
  g_assert_cmpuint (req->query->len, ==, 0);
  g_assert_null (strstr (base_string_of (req), "body_hash"));
}

static void
test_delete_with_form_goes_to_query (void)
{
  g_autoptr(TessAuthContext) ctx = test_context ("HMAC-SHA1");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("DELETE", "http://127.0.0.1/form");
  g_autoptr(GBytes) body = g_bytes_new_static ("a=1", 3);

  tess_auth_context_set (ctx, "addParamsToHeader", "false");
  tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, body);
  apply_ok (ctx, req);
  /* Only POST and PUT carry them in the body; the form is still signed. */
  g_assert_cmpuint (g_bytes_get_size (req->body), ==, 3);
  g_assert_cmpuint (req->query->len, ==, 7);
  g_assert_nonnull (strstr (base_string_of (req), "&a%3D1%26oauth_consumer_key%3D"));
}

static void
test_body_hash (void)
{
  g_autoptr(TessAuthContext) ctx = test_context ("HMAC-SHA256");
  g_autoptr(TessAuthContext) plain = test_context ("PLAINTEXT");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", "https://API.example.com:443/items");
  g_autoptr(TessPreparedRequest) req_plain = tess_prepared_request_new ("POST", "https://api.example.com/items");
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"a\":1}", 7);

  tess_auth_context_set (ctx, "includeBodyHash", "true");
  tess_auth_context_set (plain, "includeBodyHash", "true");
  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  tess_prepared_request_set_body (req_plain, TESS_BODY_RAW, body);
  apply_ok (ctx, req);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                   "OAuth oauth_consumer_key=\"key\",oauth_token=\"tok\","
                   "oauth_signature_method=\"HMAC-SHA256\",oauth_timestamp=\"1700000000\","
                   "oauth_nonce=\"abc\",oauth_version=\"1.0\","
                   "oauth_body_hash=\"AVq9f1zFei3ZS3WQ8ErYCEJzkF7jPsXOvq5iJ2qX%2BGI%3D\","
                   "oauth_signature=\"AvCZpQINKcjZ3cVrqOgEzFlKsB1kzBe0vek%2FsYEvqg8%3D\"");
  apply_ok (plain, req_plain);
  g_assert_null (strstr (tess_prepared_request_get_header (req_plain, "Authorization"), "body_hash"));
}

static void
test_plaintext_and_encoding (void)
{
  g_autoptr(TessAuthContext) ctx = oauth1_context ("signatureMethod", "PLAINTEXT",
                                                   "consumerKey", "key", "consumerSecret", "a b",
                                                   "tokenSecret", "c&d", "realm", "my realm",
                                                   "timestamp", "1700000000", "nonce", "abc", NULL);
  g_autoptr(TessAuthContext) raw = oauth1_context ("signatureMethod", "PLAINTEXT",
                                                   "consumerKey", "key", "consumerSecret", "a b",
                                                   "tokenSecret", "c&d", "realm", "my realm",
                                                   "timestamp", "1700000000", "nonce", "abc",
                                                   "disableHeaderEncoding", "true", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(TessPreparedRequest) req_raw = tess_prepared_request_new ("GET", "http://127.0.0.1/");

  apply_ok (ctx, req);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                   "OAuth realm=\"my%20realm\",oauth_consumer_key=\"key\","
                   "oauth_signature_method=\"PLAINTEXT\",oauth_timestamp=\"1700000000\","
                   "oauth_nonce=\"abc\",oauth_version=\"1.0\","
                   "oauth_signature=\"a%2520b%26c%2526d\"");
  apply_ok (raw, req_raw);
  g_assert_cmpstr (tess_prepared_request_get_header (req_raw, "Authorization"), ==,
                   "OAuth realm=\"my realm\",oauth_consumer_key=\"key\","
                   "oauth_signature_method=\"PLAINTEXT\",oauth_timestamp=\"1700000000\","
                   "oauth_nonce=\"abc\",oauth_version=\"1.0\","
                   "oauth_signature=\"a%20b&c%26d\"");
}

static void
test_empty_params (void)
{
  g_autoptr(TessAuthContext) ctx = oauth1_context ("consumerKey", "key", "consumerSecret", "s",
                                                   "timestamp", "1700000000", "nonce", "abc",
                                                   "addEmptyParamsToSign", "true", NULL);
  g_autoptr(TessAuthContext) without = oauth1_context ("consumerKey", "key", "consumerSecret", "s",
                                                       "timestamp", "1700000000", "nonce", "abc", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(TessPreparedRequest) req_without = tess_prepared_request_new ("GET", "http://127.0.0.1/");

  apply_ok (ctx, req);
  apply_ok (without, req_without);
  /* The empty token is signed, but a header never carries an empty value;
   * empty callback and verifier stay out either way. */
  g_assert_nonnull (strstr (base_string_of (req), "%26oauth_token%3D%26"));
  g_assert_null (strstr (base_string_of (req), "oauth_callback"));
  g_assert_null (strstr (base_string_of (req_without), "oauth_token"));
  g_assert_null (strstr (tess_prepared_request_get_header (req, "Authorization"), "oauth_token"));
  g_assert_cmpstr (base_string_of (req), !=, base_string_of (req_without));
}

static void
test_generated_nonce_and_timestamp (void)
{
  g_autoptr(TessAuthContext) ctx = oauth1_context ("consumerKey", "key", "consumerSecret", "s", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(TessPreparedRequest) req2 = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GRegex) regex = g_regex_new ("oauth_timestamp=\"([0-9]{10})\",oauth_nonce=\"([A-Za-z0-9]{11})\",oauth_version=\"1.0\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *ts = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  apply_ok (ctx, req);
  apply_ok (ctx, req2);
  g_assert_true (g_regex_match (regex, tess_prepared_request_get_header (req, "Authorization"), 0, &match));
  ts = g_match_info_fetch (match, 1);
  g_assert_cmpint (ABS (g_ascii_strtoll (ts, NULL, 10) - now), <=, 5);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), !=,
                   tess_prepared_request_get_header (req2, "Authorization"));
}

/* A 2048-bit RSA key made once per run, as PKCS#1 and PKCS#8 PEM. */
static gnutls_x509_privkey_t rsa_key;
static char *rsa_pkcs1_pem;
static char *rsa_pkcs8_pem;

static void
ensure_rsa_key (void)
{
  gnutls_datum_t out;

  if (rsa_key != NULL)
    return;
  g_assert_cmpint (gnutls_x509_privkey_init (&rsa_key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (rsa_key, GNUTLS_PK_RSA, 2048, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_export2 (rsa_key, GNUTLS_X509_FMT_PEM, &out), ==, 0);
  rsa_pkcs1_pem = g_strndup ((char *) out.data, out.size);
  gnutls_free (out.data);
  g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (rsa_key, GNUTLS_X509_FMT_PEM, NULL,
                                                      GNUTLS_PKCS_PLAIN, &out), ==, 0);
  rsa_pkcs8_pem = g_strndup ((char *) out.data, out.size);
  gnutls_free (out.data);
  g_assert_true (g_str_has_prefix (rsa_pkcs1_pem, "-----BEGIN RSA PRIVATE KEY-----"));
  g_assert_true (g_str_has_prefix (rsa_pkcs8_pem, "-----BEGIN PRIVATE KEY-----"));
}

static void
verify_rsa (TessPreparedRequest     *req,
            gnutls_sign_algorithm_t  algorithm)
{
  const char *header = tess_prepared_request_get_header (req, "Authorization");
  const char *start = strstr (header, "oauth_signature=\"");
  g_autofree char *encoded = NULL;
  g_autofree char *decoded = NULL;
  g_autofree guchar *signature = NULL;
  const char *base_string = base_string_of (req);
  gnutls_privkey_t privkey;
  gnutls_pubkey_t pubkey;
  gnutls_datum_t data, sig;
  gsize sig_len;

  g_assert_nonnull (start);
  start += strlen ("oauth_signature=\"");
  encoded = g_strndup (start, strcspn (start, "\""));
  decoded = tess_uri_decode (encoded, FALSE);
  signature = g_base64_decode (decoded, &sig_len);
  g_assert_cmpuint (sig_len, ==, 256);

  g_assert_cmpint (gnutls_privkey_init (&privkey), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (privkey, rsa_key, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&pubkey), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pubkey, privkey, 0, 0), ==, 0);
  data.data = (unsigned char *) base_string;
  data.size = strlen (base_string);
  sig.data = signature;
  sig.size = sig_len;
  g_assert_cmpint (gnutls_pubkey_verify_data2 (pubkey, algorithm, GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1,
                                               &data, &sig), >=, 0);
  /* And a different base string does not verify. */
  data.size--;
  g_assert_cmpint (gnutls_pubkey_verify_data2 (pubkey, algorithm, GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1,
                                               &data, &sig), <, 0);
  gnutls_pubkey_deinit (pubkey);
  gnutls_privkey_deinit (privkey);
}

static void
test_rsa (void)
{
  const struct {
    const char *method;
    gnutls_sign_algorithm_t algorithm;
    gboolean pkcs8;
  } cases[] = {
    { "RSA-SHA1", GNUTLS_SIGN_RSA_SHA1, FALSE },
    { "RSA-SHA256", GNUTLS_SIGN_RSA_SHA256, TRUE },
    { "RSA-SHA512", GNUTLS_SIGN_RSA_SHA512, FALSE },
  };

  ensure_rsa_key ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = test_context (cases[i].method);
      g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/rsa?q=1");

      /* No consumer secret is needed for RSA. */
      tess_auth_context_set (ctx, "consumerSecret", "");
      tess_auth_context_set (ctx, "privateKey", cases[i].pkcs8 ? rsa_pkcs8_pem : rsa_pkcs1_pem);
      apply_ok (ctx, req);
      g_assert_nonnull (strstr (base_string_of (req), cases[i].method));
      verify_rsa (req, cases[i].algorithm);
    }
}

static void
test_rsa_escaped_newlines (void)
{
  g_autoptr(TessAuthContext) ctx = test_context ("RSA-SHA256");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_auto(GStrv) lines = NULL;
  g_autofree char *one_line = NULL;

  ensure_rsa_key ();
  lines = g_strsplit (rsa_pkcs1_pem, "\n", -1);
  one_line = g_strjoinv ("\\n", lines);
  tess_auth_context_set (ctx, "privateKey", one_line);
  apply_ok (ctx, req);
  verify_rsa (req, GNUTLS_SIGN_RSA_SHA256);
}

static void
assert_field_error (TessAuthContext *ctx,
                    const char      *needle)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;

  g_assert_false (ctx->scheme->apply (ctx, req, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "request ‘Photos / List’: OAuth 1.0: field"));
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
  g_assert_cmpuint (req->query->len, ==, 0);
}

static TessAuthContext *
rsa_context (const char *pem)
{
  TessAuthContext *ctx = test_context ("RSA-SHA256");

  tess_auth_context_set (ctx, "privateKey", pem);
  return ctx;
}

static void
test_malformed_keys (void)
{
  g_autoptr(TessAuthContext) text = rsa_context ("my key");
  g_autoptr(TessAuthContext) pub = rsa_context ("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
  g_autoptr(TessAuthContext) cut = rsa_context ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n");
  g_autoptr(TessAuthContext) garbage = rsa_context ("-----BEGIN RSA PRIVATE KEY-----\nnot*base64\n-----END RSA PRIVATE KEY-----\n");
  g_autoptr(TessAuthContext) encrypted = rsa_context ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
  g_autoptr(TessAuthContext) empty = rsa_context ("");
  g_autoptr(TessAuthContext) ec = NULL;
  gnutls_x509_privkey_t ec_key;
  gnutls_datum_t out;
  g_autofree char *ec_pem = NULL;

  assert_field_error (text, "‘Private Key’ is not a PEM private key");
  assert_field_error (pub, "‘Private Key’ holds a “PUBLIC KEY”, not a private key");
  assert_field_error (cut, "‘Private Key’ is cut short");
  assert_field_error (garbage, "‘Private Key’ is not a valid private key: ");
  assert_field_error (encrypted, "‘Private Key’ holds an encrypted private key");
  assert_field_error (empty, "‘Private Key’ is empty");

  g_assert_cmpint (gnutls_x509_privkey_init (&ec_key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (ec_key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_export2 (ec_key, GNUTLS_X509_FMT_PEM, &out), ==, 0);
  ec_pem = g_strndup ((char *) out.data, out.size);
  gnutls_free (out.data);
  gnutls_x509_privkey_deinit (ec_key);
  ec = rsa_context (ec_pem);
  assert_field_error (ec, "‘Private Key’ is not an RSA key, which RSA-SHA256 needs");
}

static void
test_other_errors (void)
{
  g_autoptr(TessAuthContext) method = test_context ("HMAC-MD5");
  g_autoptr(TessAuthContext) secret = test_context ("HMAC-SHA1");
  g_autoptr(TessAuthContext) key = oauth1_context ("consumerSecret", "s", NULL);
  g_autoptr(GError) error = NULL;

  assert_field_error (method, "‘Signature Method’ is “HMAC-MD5”, which is not one of HMAC-SHA1, ");
  tess_auth_context_set (secret, "consumerSecret", "");
  assert_field_error (secret, "‘Consumer Secret’ is empty");

  g_assert_false (tess_auth_context_check_required (key, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_nonnull (strstr (error->message, "‘Consumer Key’ is empty"));
}

static void
test_fields (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("oauth1");
  const char *keys[] = { "signatureMethod", "consumerKey", "consumerSecret", "token", "tokenSecret",
                         "privateKey", "callback", "verifier", "timestamp", "nonce", "version",
                         "realm", "includeBodyHash", "addEmptyParamsToSign", "addParamsToHeader",
                         "disableHeaderEncoding" };

  g_assert_cmpuint (scheme->n_fields, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (tess_auth_scheme_get_field (scheme, keys[i]));
  g_assert_cmpint (tess_auth_scheme_get_field (scheme, "consumerSecret")->kind, ==, TESS_FIELD_SECRET);
  g_assert_cmpint (tess_auth_scheme_get_field (scheme, "tokenSecret")->kind, ==, TESS_FIELD_SECRET);
  g_assert_cmpint (tess_auth_scheme_get_field (scheme, "privateKey")->kind, ==, TESS_FIELD_MULTILINE_SECRET);
  g_assert_false (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, "token")));
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "signatureMethod")->default_value, ==, "HMAC-SHA1");
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "version")->default_value, ==, "1.0");
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "addParamsToHeader")->default_value, ==, "true");
  g_assert_cmpuint (g_strv_length ((char **) tess_auth_scheme_get_field (scheme, "signatureMethod")->choices), ==, 7);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/oauth1/rfc5849-photos", test_rfc5849_photos);
  g_test_add_func ("/auth/oauth1/rfc5849-initiate-and-token", test_rfc5849_initiate_and_token);
  g_test_add_func ("/auth/oauth1/rfc5849-base-string", test_rfc5849_base_string);
  g_test_add_func ("/auth/oauth1/query-placement", test_query_placement);
  g_test_add_func ("/auth/oauth1/body-placement", test_body_placement);
  g_test_add_func ("/auth/oauth1/delete-with-form-goes-to-query", test_delete_with_form_goes_to_query);
  g_test_add_func ("/auth/oauth1/body-hash", test_body_hash);
  g_test_add_func ("/auth/oauth1/plaintext-and-encoding", test_plaintext_and_encoding);
  g_test_add_func ("/auth/oauth1/empty-params", test_empty_params);
  g_test_add_func ("/auth/oauth1/generated-nonce-and-timestamp", test_generated_nonce_and_timestamp);
  g_test_add_func ("/auth/oauth1/rsa", test_rsa);
  g_test_add_func ("/auth/oauth1/rsa-escaped-newlines", test_rsa_escaped_newlines);
  g_test_add_func ("/auth/oauth1/malformed-keys", test_malformed_keys);
  g_test_add_func ("/auth/oauth1/other-errors", test_other_errors);
  g_test_add_func ("/auth/oauth1/fields", test_fields);
  return g_test_run ();
}
