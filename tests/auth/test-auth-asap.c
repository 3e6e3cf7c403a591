#include "tess-auth-scheme.h"
#include "auth/tess-auth-schemes.h"
#include "auth/tess-jws.h"
#include "test-jws-apply.h"
#include "test-jws-keys.h"

static TessAuthContext *
make_context (const char *alg,
              TestKey     key)
{
  TessAuthContext *ctx = tess_auth_context_new (&tess_auth_asap, "Jira / Issues",
                                                "ASAP auth from collection ‘Jira’");

  tess_auth_context_set (ctx, "alg", alg);
  tess_auth_context_set (ctx, "iss", "micros/tessera");
  tess_auth_context_set (ctx, "aud", "jira");
  tess_auth_context_set (ctx, "kid", "micros/tessera/key-1");
  tess_auth_context_set (ctx, "privateKey", test_key_pem (key));
  return ctx;
}

static char *
apply_for_token (TessAuthContext *ctx)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/issues");
  g_autofree char *token = NULL;
  TessParam *param;

  tess_prepared_request_add_header (req, "authorization", "Basic old", TESS_ORIGIN_MANUAL, NULL);
  token = test_jws_apply_for_token (ctx, req);
  g_assert_cmpuint (req->headers->len, ==, 1);
  param = g_ptr_array_index (req->headers, 0);
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "ASAP auth from collection ‘Jira’");
  return g_steal_pointer (&token);
}

static JsonObject *
segment_object (const char *token,
                guint       index)
{
  g_autofree char *text = test_token_segment (token, index);
  JsonObject *object = tess_jws_parse_object (text, NULL);

  g_assert_nonnull (object);
  return object;
}

static void
assert_apply_fails (TessAuthContext *ctx,
                    const char      *field_label,
                    const char      *reason)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");

  test_jws_assert_apply_fails (ctx, req, "Jira / Issues", field_label, reason);
}

static void
test_claims (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("RS256", TEST_KEY_RSA);
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(JsonObject) claims = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 after, iat;

  token = apply_for_token (ctx);
  after = g_get_real_time () / G_USEC_PER_SEC;

  header = segment_object (token, 0);
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "RS256");
  g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, "micros/tessera/key-1");
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "JWT");
  g_assert_cmpuint (json_object_get_size (header), ==, 3);

  claims = segment_object (token, 1);
  g_assert_cmpstr (json_object_get_string_member (claims, "iss"), ==, "micros/tessera");
  g_assert_cmpstr (json_object_get_string_member (claims, "aud"), ==, "jira");
  g_assert_false (json_object_has_member (claims, "sub"));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (claims, "jti")));
  iat = json_object_get_int_member (claims, "iat");
  g_assert_cmpint (iat, >=, before);
  g_assert_cmpint (iat, <=, after);
  g_assert_cmpint (json_object_get_int_member (claims, "exp"), ==, iat + 3600);
  g_assert_true (test_key_verify_token (TEST_KEY_RSA, token));
}

static void
test_fresh_jti (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("ES256", TEST_KEY_P256);
  g_autofree char *t1 = apply_for_token (ctx);
  g_autofree char *t2 = apply_for_token (ctx);
  g_autoptr(JsonObject) c1 = segment_object (t1, 1);
  g_autoptr(JsonObject) c2 = segment_object (t2, 1);

  /* Every request gets its own token id, so a server can refuse replays. */
  g_assert_cmpstr (json_object_get_string_member (c1, "jti"), !=,
                   json_object_get_string_member (c2, "jti"));
}

static void
test_subject_expiry_and_extra_claims (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("PS256", TEST_KEY_RSA);
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) claims = NULL;
  JsonArray *scopes;

  tess_auth_context_set (ctx, "sub", "user-17");
  tess_auth_context_set (ctx, "exp", "60");
  tess_auth_context_set (ctx, "claims",
                         "{\"iat\": 1700000000, \"jti\": \"fixed-id\", \"nbf\": 1699999990,"
                         " \"aud\": [\"jira\", \"confluence\"], \"scopes\": [\"read\"]}");
  token = apply_for_token (ctx);
  claims = segment_object (token, 1);

  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "user-17");
  g_assert_cmpstr (json_object_get_string_member (claims, "jti"), ==, "fixed-id");
  g_assert_cmpint (json_object_get_int_member (claims, "iat"), ==, 1700000000);
  g_assert_cmpint (json_object_get_int_member (claims, "nbf"), ==, 1699999990);
  g_assert_cmpint (json_object_get_int_member (claims, "exp"), ==, 1700000060);
  /* The Additional Claims take precedence over the fields. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (claims, "aud")), ==, 2);
  scopes = json_object_get_array_member (claims, "scopes");
  g_assert_cmpstr (json_array_get_string_element (scopes, 0), ==, "read");
  g_assert_true (test_key_verify_token (TEST_KEY_RSA, token));
}

static void
test_algorithms (void)
{
  static const struct { const char *alg; TestKey key; } cases[] = {
    { "RS256", TEST_KEY_RSA }, { "RS384", TEST_KEY_RSA_PKCS1 }, { "RS512", TEST_KEY_RSA },
    { "PS256", TEST_KEY_RSA }, { "PS384", TEST_KEY_RSA }, { "PS512", TEST_KEY_RSA },
    { "ES256", TEST_KEY_P256 }, { "ES384", TEST_KEY_P384 }, { "ES512", TEST_KEY_P521 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = make_context (cases[i].alg, cases[i].key);
      g_autofree char *token = apply_for_token (ctx);
      g_autoptr(JsonObject) header = segment_object (token, 0);

      g_test_message ("%s", cases[i].alg);
      g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, cases[i].alg);
      g_assert_true (test_key_verify_token (cases[i].key, token));
    }
}

static void
test_data_uri_key (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("RS256", TEST_KEY_RSA);
  g_autoptr(GBytes) der = test_key_der (TEST_KEY_RSA);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_autofree char *uri = g_strdup_printf ("data:application/pkcs8;kid=micros%%2Ftessera%%2Fkey-1;base64,%s", b64);
  g_autofree char *other = g_strdup_printf ("data:application/pkcs8;kid=someone-else;base64,%s", b64);
  g_autofree char *token = NULL;

  tess_auth_context_set (ctx, "privateKey", uri);
  token = apply_for_token (ctx);
  g_assert_true (test_key_verify_token (TEST_KEY_RSA, token));

  tess_auth_context_set (ctx, "privateKey", other);
  assert_apply_fails (ctx, "Private Key", "‘someone-else’");

  tess_auth_context_set (ctx, "privateKey", "data:text/plain;base64,AAAA");
  assert_apply_fails (ctx, "Private Key", "data URI");
}

static void
test_errors (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("RS256", TEST_KEY_RSA);

  tess_auth_context_set (ctx, "claims", "{\"iss\": ");
  assert_apply_fails (ctx, "Additional Claims", "is not valid JSON: ");
  tess_auth_context_set (ctx, "claims", "");

  tess_auth_context_set (ctx, "exp", "an hour");
  assert_apply_fails (ctx, "Expiry (seconds)", "‘an hour’");
  tess_auth_context_set (ctx, "exp", "");

  tess_auth_context_set (ctx, "alg", "HS256");
  assert_apply_fails (ctx, "Algorithm", "‘HS256’");

  tess_auth_context_set (ctx, "alg", "ES384");
  assert_apply_fails (ctx, "Private Key", "holds an RSA key, but ES384 needs an EC key");

  tess_auth_context_set (ctx, "privateKey", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  assert_apply_fails (ctx, "Private Key", "PUBLIC KEY");
}

static void
test_field_table (void)
{
  const char *keys[] = { "alg", "iss", "sub", "aud", "kid", "privateKey", "exp", "claims" };
  const TessAuthField *field;

  g_assert_true (tess_auth_scheme_lookup ("asap") == &tess_auth_asap);
  g_assert_cmpuint (tess_auth_asap.n_fields, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (tess_auth_scheme_get_field (&tess_auth_asap, keys[i]));
  field = tess_auth_scheme_get_field (&tess_auth_asap, "privateKey");
  g_assert_cmpint (field->kind, ==, TESS_FIELD_MULTILINE_SECRET);
  g_assert_true (field->required);
  field = tess_auth_scheme_get_field (&tess_auth_asap, "exp");
  g_assert_cmpstr (field->default_value, ==, "3600");
  field = tess_auth_scheme_get_field (&tess_auth_asap, "alg");
  g_assert_cmpuint (g_strv_length ((GStrv) field->choices), ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/asap/claims", test_claims);
  g_test_add_func ("/auth/asap/fresh-jti", test_fresh_jti);
  g_test_add_func ("/auth/asap/subject-expiry-extra", test_subject_expiry_and_extra_claims);
  g_test_add_func ("/auth/asap/algorithms", test_algorithms);
  g_test_add_func ("/auth/asap/data-uri-key", test_data_uri_key);
  g_test_add_func ("/auth/asap/errors", test_errors);
  g_test_add_func ("/auth/asap/fields", test_field_table);

  return g_test_run ();
}
