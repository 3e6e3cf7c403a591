/* JWT Bearer and ASAP tokens checked by an independent verifier: npm "jose"
 * (tests/peers/jwt-verify.js) with public keys that openssl made at test time. */
#include <gio/gio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "auth-peer-servers.h"
#include "peer-child.h"
#include "tess-auth-scheme.h"
#include "tess-test-util.h"

static const char *key_names[] = { "rsa", "rsa-other", "p256", "p256-other", "p384", "p521" };

typedef struct {
  char *dir;
  GHashTable *private_pems;   /* name → PEM text */
} Keys;

static Keys keys;

/* Runs @argv, failing the test on a non-zero exit. */
static void
run (const char * const *argv)
{
  g_auto(PeerChild) child = { 0 };

  peer_child_run (argv, NULL, NULL, NULL, &child);
  if (child.status != 0)
    g_error ("%s failed: %s", argv[0], child.err);
}

static char *
key_path (const char *name,
          const char *suffix)
{
  g_autofree char *file = g_strconcat (name, suffix, NULL);

  return g_build_filename (keys.dir, file, NULL);
}

/* Private and public PEM files per key, made once with openssl. */
static void
make_keys (void)
{
  keys.dir = tess_test_make_tmpdir ();
  keys.private_pems = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (key_names); i++)
    {
      const char *name = key_names[i];
      g_autofree char *priv = key_path (name, ".pem");
      g_autofree char *pub = key_path (name, ".pub.pem");
      const char *curve = g_str_has_prefix (name, "p256") ? "ec_paramgen_curve:P-256"
                        : g_str_equal (name, "p384") ? "ec_paramgen_curve:P-384"
                        : g_str_equal (name, "p521") ? "ec_paramgen_curve:P-521"
                        : NULL;
      const char *gen_rsa[] = { "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                                "rsa_keygen_bits:2048", "-out", priv, NULL };
      const char *gen_ec[] = { "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", curve,
                               "-out", priv, NULL };
      const char *export_pub[] = { "openssl", "pkey", "-in", priv, "-pubout", "-out", pub, NULL };

      run (curve ? gen_ec : gen_rsa);
      run (export_pub);
      g_hash_table_insert (keys.private_pems, (gpointer) name, tess_test_load_text (priv));
    }
}

static gboolean
peers_available (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *skip_reason = NULL;

  if (!auth_peer_have_node_package ("jose", &skip_reason))
    tess_test_skip_peer ("%s", skip_reason);
  else if (openssl == NULL)
    tess_test_skip_peer ("openssl is not installed");
  else
    {
      if (keys.dir == NULL)
        make_keys ();
      return TRUE;
    }
  return FALSE;
}

/* Applies scheme @id with the key/value pairs and returns the bearer token. */
static char *
make_token (const char *id,
            const char *first_key,
            ...)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup (id);
  g_autoptr(TessAuthContext) ctx = tess_auth_context_new (scheme, "Peers / Token", "auth from collection ‘Peers’");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;
  const char *value;
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    tess_auth_context_set (ctx, key, va_arg (args, const char *));
  va_end (args);

  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_true (scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  value = tess_prepared_request_get_header (req, "Authorization");
  g_assert_true (g_str_has_prefix (value, "Bearer "));
  return g_strdup (value + strlen ("Bearer "));
}

static JsonObject *
verify_case (const char *token,
             const char *alg,
             const char *public_key)
{
  JsonObject *c = json_object_new ();

  json_object_set_string_member (c, "token", token);
  json_object_set_string_member (c, "alg", alg);
  if (public_key != NULL)
    {
      g_autofree char *path = key_path (public_key, ".pub.pem");

      json_object_set_string_member (c, "publicKeyFile", path);
    }
  return c;
}

/* Runs jwt-verify.js over @cases; returns its array of results. */
static JsonArray *
verify_all (JsonArray *cases)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), cases);
  g_autofree char *input = json_to_string (node, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *results = json_node_get_array (peer_child_node_json ("jwt-verify.js", input, parser));

  g_assert_cmpuint (json_array_get_length (results), ==, json_array_get_length (cases));
  return json_array_ref (results);
}

static JsonObject *
result_ok (JsonArray *results,
           guint      index)
{
  JsonObject *result = json_array_get_object_element (results, index);

  if (!json_object_get_boolean_member (result, "ok"))
    g_error ("case %u: jose refused the token: %s: %s", index,
             json_object_get_string_member (result, "code"),
             json_object_get_string_member (result, "message"));
  return result;
}

static void
assert_refused (JsonArray  *results,
                guint       index,
                const char *code)
{
  JsonObject *result = json_array_get_object_element (results, index);

  g_assert_false (json_object_get_boolean_member (result, "ok"));
  g_assert_cmpstr (json_object_get_string_member (result, "code"), ==, code);
}

static const struct {
  const char *alg;
  const char *key;
} asymmetric[] = {
  { "RS256", "rsa" }, { "RS384", "rsa" }, { "RS512", "rsa" },
  { "PS256", "rsa" }, { "PS384", "rsa" }, { "PS512", "rsa" },
  { "ES256", "p256" }, { "ES384", "p384" }, { "ES512", "p521" },
};

static void
test_jwt_every_algorithm (void)
{
  static const char payload[] = "{\"sub\": \"1234567890\", \"name\": \"Ada\", \"admin\": true, \"iat\": 1516239022}";
  static const char secret[] = "a shared secret long enough for HS512 to be happy with it, 64 bytes";
  g_autoptr(JsonArray) cases = json_array_new ();
  g_autoptr(JsonArray) results = NULL;
  g_autofree char *secret_b64 = g_base64_encode ((const guchar *) secret, strlen (secret));
  const char *hs[] = { "HS256", "HS384", "HS512" };
  guint n_good;

  if (!peers_available ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (hs); i++)
    {
      g_autofree char *token = make_token ("jwt", "algorithm", hs[i], "secret", secret,
                                           "payload", payload, "header", "{\"kid\": \"hmac-1\"}", NULL);
      JsonObject *c = verify_case (token, hs[i], NULL);

      json_object_set_string_member (c, "secretBase64", secret_b64);
      json_array_add_object_element (cases, c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (asymmetric); i++)
    {
      g_autofree char *token = make_token ("jwt", "algorithm", asymmetric[i].alg,
                                           "privateKey", g_hash_table_lookup (keys.private_pems, asymmetric[i].key),
                                           "payload", payload, "header", "{\"kid\": \"key-1\"}", NULL);

      json_array_add_object_element (cases, verify_case (token, asymmetric[i].alg, asymmetric[i].key));
    }
  n_good = json_array_get_length (cases);

  /* Made with another key or secret: refused. */
  {
    g_autofree char *rs = make_token ("jwt", "algorithm", "RS256",
                                      "privateKey", g_hash_table_lookup (keys.private_pems, "rsa-other"),
                                      "payload", payload, NULL);
    g_autofree char *ps = make_token ("jwt", "algorithm", "PS256",
                                      "privateKey", g_hash_table_lookup (keys.private_pems, "rsa-other"),
                                      "payload", payload, NULL);
    g_autofree char *es = make_token ("jwt", "algorithm", "ES256",
                                      "privateKey", g_hash_table_lookup (keys.private_pems, "p256-other"),
                                      "payload", payload, NULL);
    g_autofree char *hs256 = make_token ("jwt", "algorithm", "HS256", "secret", "not the secret",
                                         "payload", payload, NULL);
    JsonObject *c = verify_case (hs256, "HS256", NULL);

    json_object_set_string_member (c, "secretBase64", secret_b64);
    json_array_add_object_element (cases, verify_case (rs, "RS256", "rsa"));
    json_array_add_object_element (cases, verify_case (ps, "PS256", "rsa"));
    json_array_add_object_element (cases, verify_case (es, "ES256", "p256"));
    json_array_add_object_element (cases, c);
  }

  results = verify_all (cases);
  for (guint i = 0; i < n_good; i++)
    {
      JsonObject *result = result_ok (results, i);
      JsonObject *header = json_object_get_object_member (result, "header");
      JsonObject *claims = json_object_get_object_member (result, "payload");
      const char *alg = i < 3 ? hs[i] : asymmetric[i - 3].alg;

      g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, alg);
      g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "JWT");
      g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, i < 3 ? "hmac-1" : "key-1");
      g_assert_cmpstr (json_object_get_string_member (claims, "name"), ==, "Ada");
      g_assert_true (json_object_get_boolean_member (claims, "admin"));
    }
  for (guint i = n_good; i < json_array_get_length (results); i++)
    assert_refused (results, i, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
}

static JsonObject *
asap_case (const char *token,
           const char *alg,
           const char *public_key)
{
  JsonObject *c = verify_case (token, alg, public_key);
  JsonArray *required = json_array_new ();
  const char *claims[] = { "iss", "aud", "iat", "exp", "jti" };

  json_object_set_string_member (c, "issuer", "micros/tessera");
  json_object_set_string_member (c, "audience", "jira");
  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    json_array_add_string_element (required, claims[i]);
  json_object_set_array_member (c, "requiredClaims", required);
  return c;
}

static char *
make_asap (const char *alg,
           const char *key,
           const char *first_key,
           ...)
{
  g_autoptr(TessAuthContext) ctx = tess_auth_context_new (tess_auth_scheme_lookup ("asap"),
                                                          "Peers / ASAP", "auth from collection ‘Peers’");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;
  va_list args;

  tess_auth_context_set (ctx, "alg", alg);
  tess_auth_context_set (ctx, "iss", "micros/tessera");
  tess_auth_context_set (ctx, "aud", "jira");
  tess_auth_context_set (ctx, "kid", "micros/tessera/key-1");
  tess_auth_context_set (ctx, "privateKey", g_hash_table_lookup (keys.private_pems, key));
  va_start (args, first_key);
  for (const char *k = first_key; k != NULL; k = va_arg (args, const char *))
    tess_auth_context_set (ctx, k, va_arg (args, const char *));
  va_end (args);

  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  return g_strdup (tess_prepared_request_get_header (req, "Authorization") + strlen ("Bearer "));
}

static void
test_asap (void)
{
  g_autoptr(JsonArray) cases = json_array_new ();
  g_autoptr(JsonArray) results = NULL;
  guint n = G_N_ELEMENTS (asymmetric);
  JsonObject *c;

  if (!peers_available ())
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *token = make_asap (asymmetric[i].alg, asymmetric[i].key, NULL);

      json_array_add_object_element (cases, asap_case (token, asymmetric[i].alg, asymmetric[i].key));
    }
  {
    g_autofree char *other_key = make_asap ("RS256", "rsa-other", NULL);
    g_autofree char *other_aud = make_asap ("ES256", "p256", "aud", "confluence", NULL);
    g_autofree char *old = make_asap ("ES384", "p384", "exp", "60", "claims", "{\"iat\": 1000000000}", NULL);

    json_array_add_object_element (cases, asap_case (other_key, "RS256", "rsa"));      /* n */
    json_array_add_object_element (cases, asap_case (other_aud, "ES256", "p256"));     /* n + 1 */
    json_array_add_object_element (cases, asap_case (old, "ES384", "p384"));           /* n + 2 */
    c = asap_case (old, "ES384", "p384");                                              /* n + 3 */
    json_object_set_int_member (c, "currentDate", 1000000030);
    json_array_add_object_element (cases, c);
  }

  results = verify_all (cases);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *result = result_ok (results, i);
      JsonObject *header = json_object_get_object_member (result, "header");
      JsonObject *claims = json_object_get_object_member (result, "payload");
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      gint64 iat = json_object_get_int_member (claims, "iat");

      g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, asymmetric[i].alg);
      g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, "micros/tessera/key-1");
      g_assert_cmpint (json_object_get_int_member (claims, "exp"), ==, iat + 3600);
      g_assert_cmpint (ABS (iat - now), <, 60);
      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (claims, "jti")));
    }
  assert_refused (results, n, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  assert_refused (results, n + 1, "ERR_JWT_CLAIM_VALIDATION_FAILED");
  /* exp = iat + 60 is honoured: expired now, valid at iat + 30. */
  assert_refused (results, n + 2, "ERR_JWT_EXPIRED");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result_ok (results, n + 3), "payload"), "exp"),
                   ==, 1000000060);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peers/jwt/every-algorithm", test_jwt_every_algorithm);
  g_test_add_func ("/peers/jwt/asap", test_asap);

  return g_test_run ();
}
