#include <string.h>

#include "tess-auth-scheme.h"
#include "auth/tess-auth-schemes.h"
#include "auth/tess-jws.h"
#include "test-jws-apply.h"
#include "test-jws-keys.h"

/* RFC 7515 Appendix A.1: the header and payload octets (with their CR LF),
 * the JWK "k" and the complete JWS. */
static const char a1_header[] = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
static const char a1_payload[] = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
static const char a1_key[] =
  "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
static const char a1_jws[] =
  "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
  "."
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
  "."
  "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

static TessAuthContext *
make_context (const char *algorithm)
{
  TessAuthContext *ctx = tess_auth_context_new (&tess_auth_jwt, "API / Orders",
                                                "JWT auth from folder ‘Orders’");

  tess_auth_context_set (ctx, "algorithm", algorithm);
  return ctx;
}

/* Applies @ctx and returns the token from the Authorization header. */
static char *
apply_for_token (TessAuthContext *ctx)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/orders");

  return test_jws_apply_for_token (ctx, req);
}

static void
assert_apply_fails (TessAuthContext *ctx,
                    const char      *field_label,
                    const char      *reason)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");

  test_jws_assert_apply_fails (ctx, req, "API / Orders", field_label, reason);
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
}

static void
test_rfc7515_a1 (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("HS256");
  g_autofree char *token = NULL;

  tess_auth_context_set (ctx, "secret", a1_key);
  tess_auth_context_set (ctx, "isSecretBase64Encoded", "true");
  tess_auth_context_set (ctx, "header", a1_header);
  tess_auth_context_set (ctx, "payload", a1_payload);
  token = apply_for_token (ctx);
  g_assert_cmpstr (token, ==, a1_jws);
}

static void
test_default_header_and_hmac (void)
{
  static const struct { const char *alg; GChecksumType digest; gsize len; } cases[] = {
    { "HS256", G_CHECKSUM_SHA256, 32 },
    { "HS384", G_CHECKSUM_SHA384, 48 },
    { "HS512", G_CHECKSUM_SHA512, 64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = make_context (cases[i].alg);
      g_autofree char *token = NULL;
      g_autofree char *header = NULL;
      g_autofree char *payload = NULL;
      g_autofree char *expected_header = NULL;
      g_autoptr(GHmac) hmac = g_hmac_new (cases[i].digest, (const guint8 *) "s3cret", 6);
      g_autoptr(GBytes) signature = NULL;
      guint8 digest[64];
      gsize digest_len = sizeof digest;

      tess_auth_context_set (ctx, "secret", "s3cret");
      tess_auth_context_set (ctx, "payload", "  {\"sub\": \"42\"}\n");
      token = apply_for_token (ctx);

      header = test_token_segment (token, 0);
      expected_header = g_strdup_printf ("{\"alg\":\"%s\",\"typ\":\"JWT\"}", cases[i].alg);
      g_assert_cmpstr (header, ==, expected_header);
      /* The payload is signed as written, only trimmed. */
      payload = test_token_segment (token, 1);
      g_assert_cmpstr (payload, ==, "{\"sub\": \"42\"}");

      g_hmac_update (hmac, (const guint8 *) token, strrchr (token, '.') - token);
      g_hmac_get_digest (hmac, digest, &digest_len);
      signature = tess_base64_decode_lenient (strrchr (token, '.') + 1, NULL);
      g_assert_cmpmem (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature),
                       digest, cases[i].len);
      /* base64url: no padding, no '+' or '/'. */
      g_assert_null (strpbrk (token, "=+/"));
    }
}

static void
test_empty_payload (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("HS256");
  g_autofree char *token = NULL;
  g_autofree char *payload = NULL;

  tess_auth_context_set (ctx, "secret", "k");
  token = apply_for_token (ctx);
  payload = test_token_segment (token, 1);
  g_assert_cmpstr (payload, ==, "{}");
}

static void
test_header_merge (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("HS512");
  g_autofree char *token = NULL;
  g_autofree char *header_text = NULL;
  g_autoptr(JsonObject) header = NULL;

  tess_auth_context_set (ctx, "secret", "k");
  /* The Algorithm field decides "alg"; other members are kept, typ can change. */
  tess_auth_context_set (ctx, "header", "{\"alg\": \"RS256\", \"kid\": \"key-7\", \"typ\": \"at+jwt\"}");
  token = apply_for_token (ctx);
  header_text = test_token_segment (token, 0);
  header = tess_jws_parse_object (header_text, NULL);
  g_assert_nonnull (header);
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "HS512");
  g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, "key-7");
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "at+jwt");
  g_assert_cmpuint (json_object_get_size (header), ==, 3);
}

static void
test_secret_base64 (void)
{
  g_autoptr(TessAuthContext) plain = make_context ("HS256");
  g_autoptr(TessAuthContext) encoded = make_context ("HS256");
  g_autoptr(TessAuthContext) url = make_context ("HS256");
  g_autoptr(TessAuthContext) broken = make_context ("HS256");
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;
  const guint8 raw[] = { 0xfb, 0xff, 0xfe, 0x00, 0x01 };
  g_autofree char *std = g_base64_encode (raw, sizeof raw);   /* "+//+AAE=" */

  tess_auth_context_set (plain, "secret", "secret");
  tess_auth_context_set (encoded, "secret", "c2VjcmV0");
  tess_auth_context_set (encoded, "isSecretBase64Encoded", "true");
  t1 = apply_for_token (plain);
  t2 = apply_for_token (encoded);
  g_assert_cmpstr (t1, ==, t2);

  /* Binary secrets in either alphabet decode to the same bytes. */
  tess_auth_context_set (encoded, "secret", std);
  tess_auth_context_set (url, "secret", "-__-AAE");
  tess_auth_context_set (url, "isSecretBase64Encoded", "true");
  g_clear_pointer (&t1, g_free);
  g_clear_pointer (&t2, g_free);
  t1 = apply_for_token (encoded);
  t3 = apply_for_token (url);
  g_assert_cmpstr (t1, ==, t3);

  tess_auth_context_set (broken, "secret", "not*base64");
  tess_auth_context_set (broken, "isSecretBase64Encoded", "true");
  assert_apply_fails (broken, "Secret", "not base64");

  tess_auth_context_set (broken, "secret", "");
  assert_apply_fails (broken, "Secret", "is empty");
}

static void
test_placement (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("HS256");
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(GError) error = NULL;
  TessParam *param;

  tess_auth_context_set (ctx, "secret", "k");

  /* Header: replaces a manual Authorization, tagged as auth. */
  req = tess_prepared_request_new ("GET", "http://127.0.0.1/orders?page=2");
  tess_prepared_request_add_header (req, "AUTHORIZATION", "Bearer old", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "Accept", "*/*", TESS_ORIGIN_MANUAL, NULL);
  tess_auth_context_set (ctx, "headerPrefix", "JWT");
  g_assert_true (tess_auth_jwt.apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (req->headers->len, ==, 2);
  param = g_ptr_array_index (req->headers, 1);
  g_assert_cmpstr (param->name, ==, "Authorization");
  g_assert_true (g_str_has_prefix (param->value, "JWT ey"));
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "JWT auth from folder ‘Orders’");

  /* A prefix the person cleared: the bare token. */
  tess_auth_context_set (ctx, "headerPrefix", "");
  g_assert_true (tess_auth_jwt.apply (ctx, req, &error));
  g_assert_true (g_str_has_prefix (tess_prepared_request_get_header (req, "Authorization"), "ey"));
  g_clear_pointer (&req, tess_prepared_request_free);

  /* Query parameter, default name "token", replacing a manual one. */
  req = tess_prepared_request_new ("GET", "http://127.0.0.1/orders?token=old&page=2");
  tess_auth_context_set (ctx, "addTokenTo", "queryParam");
  g_assert_true (tess_auth_jwt.apply (ctx, req, &error));
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
  g_assert_cmpuint (req->query->len, ==, 2);
  param = g_ptr_array_index (req->query, 1);
  g_assert_cmpstr (param->name, ==, "token");
  g_assert_true (g_str_has_prefix (param->value, "ey"));
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);

  tess_auth_context_set (ctx, "queryParamKey", "jwt");
  g_assert_true (tess_auth_jwt.apply (ctx, req, &error));
  param = g_ptr_array_index (req->query, req->query->len - 1);
  g_assert_cmpstr (param->name, ==, "jwt");
}

static void
test_malformed_json (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("HS256");

  tess_auth_context_set (ctx, "secret", "k");
  tess_auth_context_set (ctx, "payload", "{\"sub\": }");
  assert_apply_fails (ctx, "Payload", "is not valid JSON: ");

  tess_auth_context_set (ctx, "payload", "[1, 2]");
  assert_apply_fails (ctx, "Payload", "not an object");

  tess_auth_context_set (ctx, "payload", "{}");
  tess_auth_context_set (ctx, "header", "{\"kid\" \"x\"}");
  assert_apply_fails (ctx, "JWT Headers", "is not valid JSON: ");
}

static void
test_malformed_pem (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("RS256");
  g_autofree char *truncated = g_strndup (test_key_pem (TEST_KEY_RSA), 200);
  g_autofree char *garbled = g_strdup (test_key_pem (TEST_KEY_RSA));

  assert_apply_fails (ctx, "Private Key", "is empty");

  tess_auth_context_set (ctx, "privateKey", "hello");
  assert_apply_fails (ctx, "Private Key", "PEM");

  tess_auth_context_set (ctx, "privateKey", truncated);
  assert_apply_fails (ctx, "Private Key", "");

  /* Damage the base64 body: the framing is fine, the key is not. */
  memset (garbled + 40, '!', 20);
  tess_auth_context_set (ctx, "privateKey", garbled);
  assert_apply_fails (ctx, "Private Key", "");
}

static void
test_asymmetric (void)
{
  static const struct { const char *alg; TestKey key; gsize sig_len; } cases[] = {
    { "RS256", TEST_KEY_RSA, 256 }, { "RS384", TEST_KEY_RSA_PKCS1, 256 }, { "RS512", TEST_KEY_RSA, 256 },
    { "PS256", TEST_KEY_RSA, 256 }, { "PS384", TEST_KEY_RSA, 256 }, { "PS512", TEST_KEY_RSA_PKCS1, 256 },
    { "ES256", TEST_KEY_P256, 64 }, { "ES384", TEST_KEY_P384, 96 }, { "ES512", TEST_KEY_P521, 132 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = make_context (cases[i].alg);
      g_autofree char *token = NULL;
      g_autofree char *header = NULL;
      g_autofree char *expected = g_strdup_printf ("{\"alg\":\"%s\",\"typ\":\"JWT\"}", cases[i].alg);
      g_autoptr(GBytes) signature = NULL;

      g_test_message ("%s", cases[i].alg);
      tess_auth_context_set (ctx, "privateKey", test_key_pem (cases[i].key));
      tess_auth_context_set (ctx, "payload", "{\"sub\":\"1234567890\",\"admin\":true}");
      token = apply_for_token (ctx);
      header = test_token_segment (token, 0);
      g_assert_cmpstr (header, ==, expected);
      signature = tess_base64_decode_lenient (strrchr (token, '.') + 1, NULL);
      g_assert_cmpuint (g_bytes_get_size (signature), ==, cases[i].sig_len);
      g_assert_true (test_key_verify_token (cases[i].key, token));
      /* The same token does not verify under another key. */
      if (cases[i].alg[0] != 'E')
        g_assert_false (test_key_verify_token (TEST_KEY_OTHER_RSA, token));
    }
}

static void
test_wrong_key (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("RS256");

  tess_auth_context_set (ctx, "privateKey", test_key_pem (TEST_KEY_P256));
  assert_apply_fails (ctx, "Private Key", "holds an EC key, but RS256 needs an RSA key");

  tess_auth_context_set (ctx, "algorithm", "ES256");
  tess_auth_context_set (ctx, "privateKey", test_key_pem (TEST_KEY_RSA));
  assert_apply_fails (ctx, "Private Key", "holds an RSA key, but ES256 needs an EC key");

  tess_auth_context_set (ctx, "privateKey", test_key_pem (TEST_KEY_P384));
  assert_apply_fails (ctx, "Private Key", "curve P-384, but ES256 needs P-256");

  tess_auth_context_set (ctx, "algorithm", "none");
  assert_apply_fails (ctx, "Algorithm", "‘none’");
}

static void
test_pem_with_escaped_newlines (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("ES256");
  g_auto(GStrv) lines = g_strsplit (test_key_pem (TEST_KEY_P256), "\n", -1);
  g_autofree char *escaped = g_strjoinv ("\\n", lines);
  g_autofree char *token = NULL;

  tess_auth_context_set (ctx, "privateKey", escaped);
  token = apply_for_token (ctx);
  g_assert_true (test_key_verify_token (TEST_KEY_P256, token));
}

static void
test_field_table (void)
{
  const char *keys[] = { "algorithm", "secret", "isSecretBase64Encoded", "privateKey", "payload",
                         "header", "addTokenTo", "headerPrefix", "queryParamKey" };
  const TessAuthField *field;

  g_assert_true (tess_auth_scheme_lookup ("jwt") == &tess_auth_jwt);
  g_assert_cmpuint (tess_auth_jwt.n_fields, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (tess_auth_scheme_get_field (&tess_auth_jwt, keys[i]));
  field = tess_auth_scheme_get_field (&tess_auth_jwt, "secret");
  g_assert_cmpint (field->kind, ==, TESS_FIELD_SECRET);
  field = tess_auth_scheme_get_field (&tess_auth_jwt, "privateKey");
  g_assert_cmpint (field->kind, ==, TESS_FIELD_MULTILINE_SECRET);
  field = tess_auth_scheme_get_field (&tess_auth_jwt, "algorithm");
  g_assert_cmpuint (g_strv_length ((GStrv) field->choices), ==, 12);
  field = tess_auth_scheme_get_field (&tess_auth_jwt, "queryParamKey");
  g_assert_cmpstr (field->default_value, ==, "token");
  g_assert_null (tess_auth_jwt.on_response);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/jwt/rfc7515-a1", test_rfc7515_a1);
  g_test_add_func ("/auth/jwt/default-header-hmac", test_default_header_and_hmac);
  g_test_add_func ("/auth/jwt/empty-payload", test_empty_payload);
  g_test_add_func ("/auth/jwt/header-merge", test_header_merge);
  g_test_add_func ("/auth/jwt/secret-base64", test_secret_base64);
  g_test_add_func ("/auth/jwt/placement", test_placement);
  g_test_add_func ("/auth/jwt/malformed-json", test_malformed_json);
  g_test_add_func ("/auth/jwt/malformed-pem", test_malformed_pem);
  g_test_add_func ("/auth/jwt/asymmetric", test_asymmetric);
  g_test_add_func ("/auth/jwt/wrong-key", test_wrong_key);
  g_test_add_func ("/auth/jwt/pem-escaped-newlines", test_pem_with_escaped_newlines);
  g_test_add_func ("/auth/jwt/fields", test_field_table);

  return g_test_run ();
}
