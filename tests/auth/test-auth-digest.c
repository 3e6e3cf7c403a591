#include <string.h>

#include "tess-auth-scheme.h"
#include "tess-error.h"
#include "auth/tess-auth-random.h"
#include "auth/tess-digest-challenge.h"
#include "auth/tess-digest-compute.h"
#include "auth/tess-nettle.h"
#include "tess-test-util.h"

/* Digest: published vectors (RFC 7616 §3.9, its erratum 4897, RFC 2617 §3.5),
 * signing up front, answering challenges, and refusing what cannot be answered. */

#define RFC7616_NONCE  "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
#define RFC7616_CNONCE "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
#define RFC7616_OPAQUE "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
#define RFC7616_MD5     "8ca523f5e9506fed4657c9700eebdbec"
#define RFC7616_SHA256  "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"

static TessDigestInput
rfc7616_input (TessDigestHash hash)
{
  TessDigestInput input = {
    .algorithm = { hash, FALSE },
    .username = "Mufasa",
    .password = "Circle of Life",
    .realm = "http-auth@example.org",
    .nonce = RFC7616_NONCE,
    .cnonce = RFC7616_CNONCE,
    .nc = "00000001",
    .qop = "auth",
    .method = "GET",
    .uri = "/dir/index.html",
    .opaque = RFC7616_OPAQUE,
  };
  return input;
}

static void
check_response (const TessDigestInput *input,
                const char            *expected)
{
  g_autofree char *response = tess_digest_response (input);

  g_assert_cmpstr (response, ==, expected);
}

static void
check_response_differs (const TessDigestInput *input,
                        const char            *expected)
{
  g_autofree char *response = tess_digest_response (input);

  g_assert_cmpstr (response, !=, expected);
}

static void
test_vector_rfc7616_md5 (void)
{
  TessDigestInput input = rfc7616_input (TESS_DIGEST_MD5);
  g_autofree char *header = tess_digest_authorization (&input);

  check_response (&input, RFC7616_MD5);
  g_assert_cmpstr (header, ==,
                   "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
                   "nonce=\"" RFC7616_NONCE "\", uri=\"/dir/index.html\", algorithm=MD5, "
                   "qop=auth, nc=00000001, cnonce=\"" RFC7616_CNONCE "\", "
                   "response=\"" RFC7616_MD5 "\", opaque=\"" RFC7616_OPAQUE "\"");

  input.password = "Circle Of Life";
  check_response_differs (&input, RFC7616_MD5);
  input = rfc7616_input (TESS_DIGEST_MD5);
  input.nc = "00000002";
  check_response_differs (&input, RFC7616_MD5);
}

static void
test_vector_rfc7616_sha256 (void)
{
  TessDigestInput input = rfc7616_input (TESS_DIGEST_SHA256);

  check_response (&input, RFC7616_SHA256);
  input.uri = "/dir/index.htm";
  check_response_differs (&input, RFC7616_SHA256);
}

/* RFC 7616 §3.9.2 as corrected by erratum 4897: the RFC printed hashes of a
 * draft SHA-512/256; these are of the final one, and the URI is /doe.json. */
static void
test_vector_rfc7616_sha512_256_userhash (void)
{
  TessDigestInput input = {
    .algorithm = { TESS_DIGEST_SHA512_256, FALSE },
    .username = "J\xc3\xa4s\xc3\xb8n Doe",
    .password = "Secret, or not?",
    .realm = "api@example.org",
    .nonce = "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
    .cnonce = "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
    .nc = "00000001",
    .qop = "auth",
    .method = "GET",
    .uri = "/doe.json",
    .opaque = "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS",
    .userhash = TRUE,
  };
  const char *expected = "3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5";
  g_autofree char *userhash = tess_digest_userhash (TESS_DIGEST_SHA512_256, input.username, input.realm);
  g_autofree char *header = tess_digest_authorization (&input);
  g_autofree char *sha512 = g_compute_checksum_for_string (G_CHECKSUM_SHA512, "J\xc3\xa4s\xc3\xb8n Doe:api@example.org", -1);

  g_assert_cmpstr (userhash, ==, "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b");
  /* SHA-512/256 is not SHA-512 cut short. */
  g_assert_false (g_str_has_prefix (sha512, userhash));
  check_response (&input, expected);
  g_assert_true (strstr (header, "username=\"793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b\"") != NULL);
  g_assert_true (g_str_has_suffix (header, ", userhash=true"));
  g_assert_true (strstr (header, "algorithm=SHA-512-256,") != NULL);

  /* The RFC's printed (draft) values must not come out. */
  g_assert_cmpstr (userhash, !=, "488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec");
  check_response_differs (&input, "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd");
  input.username = "Jason Doe";
  check_response_differs (&input, expected);
}

/* RFC 2617 §3.5 (password "Circle Of Life") and its inputs without qop (RFC
 * 2069 form), -sess and auth-int: expected values computed with Python's
 * hashlib from the formulas of RFC 7616 §3.4. */
static void
test_vector_rfc2617_and_variants (void)
{
  TessDigestInput input = {
    .algorithm = { TESS_DIGEST_MD5, FALSE },
    .username = "Mufasa",
    .password = "Circle Of Life",
    .realm = "testrealm@host.com",
    .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
    .cnonce = "0a4f113b",
    .nc = "00000001",
    .qop = "auth",
    .method = "GET",
    .uri = "/dir/index.html",
  };
  g_autofree char *legacy_header = NULL;

  check_response (&input, "6629fae49393a05397450978507c4ef1");

  input.password = "CircleOfLife";
  input.qop = NULL;
  check_response (&input, "1949323746fe6a43ef61f9606e7febea");
  legacy_header = tess_digest_authorization (&input);
  g_assert_null (strstr (legacy_header, "qop="));
  g_assert_null (strstr (legacy_header, "nc="));
  g_assert_null (strstr (legacy_header, "cnonce="));

  input = rfc7616_input (TESS_DIGEST_MD5);
  input.algorithm.sess = TRUE;
  check_response (&input, "e783283f46242139c486a698fec7211d");

  input = rfc7616_input (TESS_DIGEST_SHA256);
  input.algorithm.sess = TRUE;
  input.nc = "00000002";
  check_response (&input, "6bb0010aa4bdf46422a798c509ea32e256f27bd37de5cc3bdf8ed51e1d77d650");

  {
    g_autoptr(GBytes) body = g_bytes_new_static ("hello=world", 11);
    g_autoptr(GBytes) other = g_bytes_new_static ("hello=World", 11);

    input = rfc7616_input (TESS_DIGEST_MD5);
    input.qop = "auth-int";
    input.method = "POST";
    input.uri = "/dir/index.html?x=1";
    input.body = body;
    check_response (&input, "8f5d03fd23a2ffab9b95978ecbd50716");
    input.body = other;
    check_response_differs (&input, "8f5d03fd23a2ffab9b95978ecbd50716");
  }
}

static void
test_algorithm_names (void)
{
  TessDigestAlgorithm algorithm;
  const char *names[] = { "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = NULL;

      g_assert_true (tess_digest_algorithm_parse (names[i], &algorithm));
      name = tess_digest_algorithm_name (algorithm);
      g_assert_cmpstr (name, ==, names[i]);
    }
  g_assert_true (tess_digest_algorithm_parse ("sha-256-SESS", &algorithm));
  g_assert_true (algorithm.hash == TESS_DIGEST_SHA256 && algorithm.sess);
  g_assert_true (tess_digest_algorithm_parse ("", &algorithm));
  g_assert_true (algorithm.hash == TESS_DIGEST_MD5 && !algorithm.sess);
  g_assert_false (tess_digest_algorithm_parse ("SHA-512", &algorithm));
  g_assert_false (tess_digest_algorithm_parse ("-sess", &algorithm));
  g_assert_false (tess_digest_algorithm_parse ("SHA-1", &algorithm));
}

static void
test_challenge_parse (void)
{
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_auth_challenge_free);
  TessAuthChallenge *c;

  tess_auth_challenges_parse ("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", "
                              "Basic realm=\"simple\", Negotiate abc+/==,Digest realm = \"a, b\","
                              "qop=\"auth,auth-int\", nonce=n1, stale=TRUE", challenges);
  g_assert_cmpuint (challenges->len, ==, 4);
  c = challenges->pdata[0];
  g_assert_cmpstr (c->scheme, ==, "Newauth");
  g_assert_cmpstr (tess_auth_challenge_get (c, "title"), ==, "Login to \"apps\"");
  g_assert_cmpstr (tess_auth_challenge_get (c, "type"), ==, "1");
  g_assert_cmpstr (c->text, ==, "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\"");
  c = challenges->pdata[1];
  g_assert_cmpstr (c->scheme, ==, "Basic");
  g_assert_cmpstr (tess_auth_challenge_get (c, "realm"), ==, "simple");
  c = challenges->pdata[2];
  g_assert_cmpstr (c->scheme, ==, "Negotiate");
  g_assert_cmpstr (c->token68, ==, "abc+/==");
  g_assert_cmpuint (g_hash_table_size (c->params), ==, 0);
  c = challenges->pdata[3];
  g_assert_cmpstr (c->scheme, ==, "Digest");
  g_assert_cmpstr (tess_auth_challenge_get (c, "realm"), ==, "a, b");
  g_assert_cmpstr (tess_auth_challenge_get (c, "nonce"), ==, "n1");
  g_assert_cmpstr (tess_auth_challenge_get (c, "stale"), ==, "TRUE");
  g_assert_true (tess_auth_challenge_list_has (c, "qop", "auth-int"));
  g_assert_true (tess_auth_challenge_list_has (c, "qop", "AUTH"));
  g_assert_false (tess_auth_challenge_list_has (c, "qop", "auth-conf"));
}

/* A Digest context as the resolver would build it. */
static TessAuthContext *
digest_context (const char *first_key,
                ...)
{
  TessAuthContext *ctx = tess_auth_context_new (tess_auth_scheme_lookup ("digest"), "Zoo / Lions",
                                                "Digest auth from collection ‘Zoo’");
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    tess_auth_context_set (ctx, key, va_arg (args, const char *));
  va_end (args);
  return ctx;
}

/* Credentials, realm and nonce: enough to sign up front with @algorithm. */
static TessAuthContext *
signing_context (const char *algorithm)
{
  return digest_context ("username", "u", "password", "p", "realm", "r", "nonce", "n",
                         "algorithm", algorithm, NULL);
}

/* Nettle (SHA-512/256) is opened by the first signature that needs it, in a
 * fresh process that does not link it. */
static void
test_nettle_on_first_use (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(TessAuthContext) md5 = signing_context ("MD5");
    g_autoptr(TessAuthContext) sha512 = signing_context ("SHA-512-256");
    g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
    g_autoptr(GError) error = NULL;

    g_assert_false (tess_nettle_is_loaded ());
    g_assert_false (tess_test_is_mapped (TESS_NETTLE_SONAME));
    g_assert_true (md5->scheme->apply (md5, req, &error));
    g_assert_no_error (error);
    g_assert_false (tess_nettle_is_loaded ());
    g_assert_true (sha512->scheme->apply (sha512, req, &error));
    g_assert_no_error (error);
    g_assert_true (tess_nettle_is_loaded ());
    g_assert_true (tess_test_is_mapped (TESS_NETTLE_SONAME));
    g_assert_true (g_str_has_prefix (tess_prepared_request_get_header (req, "Authorization"),
                                     "Digest username=\"u\", realm=\"r\""));
  }
}

/* When Nettle cannot be opened, SHA-512-256 fails with why; MD5 still signs. */
static void
test_nettle_cannot_open (void)
{
  if (!g_test_subprocess ())
    {
      tess_test_trap_with_broken_library (TESS_NETTLE_SONAME, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(TessAuthContext) md5 = signing_context ("MD5");
    g_autoptr(TessAuthContext) sha512 = signing_context ("SHA-512-256");
    g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
    g_autoptr(GError) error = NULL;

    g_assert_false (sha512->scheme->apply (sha512, req, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "Nettle (" TESS_NETTLE_SONAME ") could not be loaded: "));
    g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
    g_clear_error (&error);
    g_assert_true (md5->scheme->apply (md5, req, &error));
    g_assert_no_error (error);
    g_assert_nonnull (tess_prepared_request_get_header (req, "Authorization"));
  }
}

static void
test_apply_up_front (void)
{
  g_autoptr(TessAuthContext) ctx = digest_context ("username", "Mufasa", "password", "Circle of Life",
                                                   "realm", "http-auth@example.org",
                                                   "nonce", RFC7616_NONCE, "algorithm", "SHA-256",
                                                   "qop", "auth", "clientNonce", RFC7616_CNONCE,
                                                   "opaque", RFC7616_OPAQUE, NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1:8080/dir/index.html#top");
  g_autoptr(GError) error = NULL;
  TessParam *param;

  tess_prepared_request_add_header (req, "Authorization", "typed", TESS_ORIGIN_MANUAL, NULL);
  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (req->headers->len, ==, 1);
  param = req->headers->pdata[0];
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "Digest auth from collection ‘Zoo’");
  g_assert_cmpstr (param->value, ==,
                   "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
                   "nonce=\"" RFC7616_NONCE "\", uri=\"/dir/index.html\", algorithm=SHA-256, "
                   "qop=auth, nc=00000001, cnonce=\"" RFC7616_CNONCE "\", "
                   "response=\"" RFC7616_SHA256 "\", opaque=\"" RFC7616_OPAQUE "\"");
}

static void
test_apply_without_nonce_sends_plain (void)
{
  g_autoptr(TessAuthContext) ctx = digest_context ("username", "u", "password", "p", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
}

static void
test_apply_rejects_bad_fields (void)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(TessAuthContext) ctx = digest_context ("username", "u", "realm", "r", "nonce", "n",
                                                   "algorithm", "SHA-1", NULL);
  g_autoptr(TessAuthContext) ctx2 = digest_context ("username", "u", "realm", "r", "nonce", "n",
                                                    "qop", "auth-conf", NULL);
  g_autoptr(TessAuthContext) ctx3 = digest_context ("username", "u", "realm", "r", "nonce", "n",
                                                    "qop", "auth", "nonceCount", "zz", NULL);
  g_autoptr(TessAuthContext) ctx4 = digest_context ("password", "p", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ctx->scheme->apply (ctx, req, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_cmpstr (error->message, ==, "request ‘Zoo / Lions’: Digest Auth: field ‘Algorithm’ names an unsupported algorithm ‘SHA-1’");
  g_clear_error (&error);
  g_assert_false (ctx2->scheme->apply (ctx2, req, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_clear_error (&error);
  g_assert_false (ctx3->scheme->apply (ctx3, req, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_nonnull (strstr (error->message, "field ‘Nonce Count’"));
  g_clear_error (&error);
  g_assert_false (tess_auth_context_check_required (ctx4, &error));
  g_assert_cmpstr (error->message, ==, "request ‘Zoo / Lions’: Digest Auth: field ‘Username’ is empty");
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
}

static SoupMessageHeaders *
response_headers (const char *first,
                  ...)
{
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  va_list args;

  va_start (args, first);
  for (const char *value = first; value != NULL; value = va_arg (args, const char *))
    soup_message_headers_append (headers, "WWW-Authenticate", value);
  va_end (args);
  return headers;
}

#define RFC7616_CHALLENGE(algorithm) \
  "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" algorithm ", " \
  "nonce=\"" RFC7616_NONCE "\", opaque=\"" RFC7616_OPAQUE "\""

/* RFC 7616 §3.9.1: two challenges in two headers; SHA-256 is the stronger. */
static void
test_challenge_answered (void)
{
  g_autoptr(TessAuthContext) ctx = digest_context ("username", "Mufasa", "password", "Circle of Life",
                                                   "clientNonce", RFC7616_CNONCE, NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/dir/index.html");
  g_autoptr(SoupMessageHeaders) headers = response_headers (RFC7616_CHALLENGE ("SHA-256"),
                                                            RFC7616_CHALLENGE ("MD5"), NULL);
  g_autoptr(SoupMessageHeaders) stale = response_headers (
      "Digest realm=\"http-auth@example.org\", qop=\"auth\", algorithm=SHA-256, nonce=\"fresh\", stale=true", NULL);
  g_autoptr(GError) error = NULL;
  const char *authorization;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));

  /* Not a 401: nothing to do. */
  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 200, headers, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));

  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, headers, &error), ==, TESS_CHALLENGE_RETRY);
  g_assert_no_error (error);
  authorization = tess_prepared_request_get_header (req, "Authorization");
  g_assert_nonnull (strstr (authorization, "response=\"" RFC7616_SHA256 "\""));
  g_assert_nonnull (strstr (authorization, "opaque=\"" RFC7616_OPAQUE "\""));
  g_assert_nonnull (strstr (authorization, "qop=auth, nc=00000001,"));
  g_assert_cmpuint (req->log->len, ==, 1);
  g_assert_cmpstr (req->log->pdata[0], ==, "Digest: answered challenge realm=http-auth@example.org algorithm=SHA-256 qop=auth");

  /* The same challenge again: the credentials were refused. */
  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, headers, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_no_error (error);

  /* A stale nonce is answered with the new one, nc starting again. */
  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, stale, &error), ==, TESS_CHALLENGE_RETRY);
  authorization = tess_prepared_request_get_header (req, "Authorization");
  g_assert_nonnull (strstr (authorization, "nonce=\"fresh\""));
  g_assert_nonnull (strstr (authorization, "nc=00000001,"));
  g_assert_cmpuint (req->log->len, ==, 2);
  /* …but only once per nonce. */
  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, stale, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_no_error (error);
}

/* The nonce count goes up for each use of one nonce (typed start 0000000a). */
static void
test_challenge_nonce_count (void)
{
  g_autoptr(TessAuthContext) ctx = digest_context ("username", "u", "password", "p",
                                                   "realm", "r", "nonce", "n1", "qop", "auth",
                                                   "nonceCount", "a", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(SoupMessageHeaders) same = response_headers ("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", stale=true", NULL);
  g_autoptr(SoupMessageHeaders) next = response_headers ("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\"", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_nonnull (strstr (tess_prepared_request_get_header (req, "Authorization"), "nc=0000000a,"));
  /* Signed up front with n1: a challenge with n1 again is not retried. */
  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, same, &error), ==, TESS_CHALLENGE_DONE);
  /* A new nonce is: the typed count is where each nonce starts. */
  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, next, &error), ==, TESS_CHALLENGE_RETRY);
  g_assert_nonnull (strstr (tess_prepared_request_get_header (req, "Authorization"), "nonce=\"n2\""));
  g_assert_nonnull (strstr (tess_prepared_request_get_header (req, "Authorization"), "nc=0000000a,"));
  g_assert_no_error (error);
}

static void
test_challenge_qop_choice (void)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", "http://127.0.0.1/x?y=1");
  g_autoptr(GBytes) body = g_bytes_new_static ("hello=world", 11);
  g_autoptr(SoupMessageHeaders) both = response_headers ("Digest realm=\"r\", nonce=\"n\", qop=\"auth,auth-int\"", NULL);
  g_autoptr(SoupMessageHeaders) only_int = response_headers ("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", NULL);
  g_autoptr(SoupMessageHeaders) legacy = response_headers ("Digest realm=\"r\", nonce=\"n\"", NULL);
  g_autoptr(GError) error = NULL;
  struct {
    SoupMessageHeaders *headers;
    const char *typed_qop;
    const char *expected;
  } cases[] = {
    { both, NULL, "qop=auth," },
    { both, "auth-int", "qop=auth-int," },
    { only_int, NULL, "qop=auth-int," },
    { legacy, "auth", NULL },
  };

  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = digest_context ("username", "u", "password", "p",
                                                       "qop", cases[i].typed_qop, NULL);
      const char *authorization;

      g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, cases[i].headers, &error), ==, TESS_CHALLENGE_RETRY);
      g_assert_no_error (error);
      authorization = tess_prepared_request_get_header (req, "Authorization");
      if (cases[i].expected != NULL)
        g_assert_nonnull (strstr (authorization, cases[i].expected));
      else
        g_assert_null (strstr (authorization, "qop="));
      g_assert_nonnull (strstr (authorization, "uri=\"/x?y=1\""));
    }
}

static void
test_challenge_unanswerable (void)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(SoupMessageHeaders) sha512 = response_headers (
      "Digest realm=\"me@kennethreitz.com\", nonce=\"abc\", qop=\"auth\", algorithm=SHA-512", NULL);
  g_autoptr(SoupMessageHeaders) conf = response_headers ("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"", NULL);
  g_autoptr(SoupMessageHeaders) basic = response_headers ("Basic realm=\"r\"", NULL);
  g_autoptr(SoupMessageHeaders) mixed = response_headers ("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1",
                                                          "Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess, qop=auth", NULL);
  g_autoptr(TessAuthContext) ctx = digest_context ("username", "u", "password", "p", NULL);
  g_autoptr(TessAuthContext) ctx2 = digest_context ("username", "u", "password", "p", NULL);
  g_autoptr(TessAuthContext) ctx3 = digest_context ("username", "u", "password", "p", NULL);
  g_autoptr(TessAuthContext) ctx4 = digest_context ("username", "u", "password", "p", NULL);
  g_autoptr(TessAuthContext) ctx5 = digest_context ("username", "u", "password", "p",
                                                    "disableRetryRequest", "true", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, sha512, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE);
  g_assert_cmpstr (error->message, ==,
                   "request ‘Zoo / Lions’: Digest Auth: cannot answer the challenge ‘WWW-Authenticate: "
                   "Digest realm=\"me@kennethreitz.com\", nonce=\"abc\", qop=\"auth\", algorithm=SHA-512’: "
                   "algorithm ‘SHA-512’ is not supported");
  g_clear_error (&error);

  g_assert_cmpint (ctx2->scheme->on_response (ctx2, req, 401, conf, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE);
  g_assert_nonnull (strstr (error->message, "qop=\"auth-conf\"’: none of the offered qop values ‘auth-conf’ is supported"));
  g_clear_error (&error);

  /* Not a Digest challenge: the 401 stands, no error. */
  g_assert_cmpint (ctx3->scheme->on_response (ctx3, req, 401, basic, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_no_error (error);
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));

  /* One answerable challenge among others is enough. */
  g_assert_cmpint (ctx4->scheme->on_response (ctx4, req, 401, mixed, &error), ==, TESS_CHALLENGE_RETRY);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tess_prepared_request_get_header (req, "Authorization"), "algorithm=MD5-sess,"));

  /* disableRetryRequest: never answers. */
  tess_prepared_request_remove_header (req, "Authorization");
  g_assert_cmpint (ctx5->scheme->on_response (ctx5, req, 401, mixed, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_no_error (error);
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
}

static void
test_userhash_from_challenge (void)
{
  g_autoptr(TessAuthContext) ctx = digest_context ("username", "J\xc3\xa4s\xc3\xb8n Doe", "password", "Secret, or not?",
                                                   "clientNonce", "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "https://127.0.0.1/doe.json");
  g_autoptr(SoupMessageHeaders) headers = response_headers (
      "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, "
      "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
      "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ctx->scheme->on_response (ctx, req, 401, headers, &error), ==, TESS_CHALLENGE_RETRY);
  g_assert_no_error (error);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                   "Digest username=\"793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b\", "
                   "realm=\"api@example.org\", nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
                   "uri=\"/doe.json\", algorithm=SHA-512-256, qop=auth, nc=00000001, "
                   "cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", "
                   "response=\"3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5\", "
                   "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", userhash=true");
}

static void
test_random_cnonce (void)
{
  g_autoptr(TessAuthContext) a = digest_context ("username", "u", "realm", "r", "nonce", "n", "qop", "auth", NULL);
  g_autoptr(TessAuthContext) b = digest_context ("username", "u", "realm", "r", "nonce", "n", "qop", "auth", NULL);
  g_autoptr(TessPreparedRequest) ra = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(TessPreparedRequest) rb = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;

  g_assert_true (a->scheme->apply (a, ra, &error));
  g_assert_true (b->scheme->apply (b, rb, &error));
  g_assert_cmpstr (tess_prepared_request_get_header (ra, "Authorization"), !=,
                   tess_prepared_request_get_header (rb, "Authorization"));
  g_assert_nonnull (strstr (tess_prepared_request_get_header (ra, "Authorization"), "cnonce=\""));
}

/* The cnonce comes from tess_auth_random_bytes(): the kernel's CSPRNG. */
static void
test_random_bytes (void)
{
  static const guint8 zeros[32] = { 0 };
  guint8 a[32 + 1], b[32 + 1];

  /* The byte after the buffer stays as it was. */
  a[32] = b[32] = 0xa5;
  tess_auth_random_bytes (a, 32);
  tess_auth_random_bytes (b, 32);
  g_assert_cmpmem (a + 32, 1, "\xa5", 1);
  g_assert_cmpmem (b + 32, 1, "\xa5", 1);
  g_assert_true (memcmp (a, b, 32) != 0);
  g_assert_true (memcmp (a, zeros, 32) != 0);
  g_assert_true (memcmp (b, zeros, 32) != 0);
  tess_auth_random_bytes (a, 0);
  g_assert_cmpmem (a + 32, 1, "\xa5", 1);
}

static void
test_fields (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("digest");
  const char *keys[] = { "username", "password", "realm", "nonce", "algorithm", "qop", "nonceCount",
                         "clientNonce", "opaque", "disableRetryRequest", "userhash" };
  const TessAuthField *algorithm = tess_auth_scheme_get_field (scheme, "algorithm");

  g_assert_nonnull (scheme->on_response);
  g_assert_cmpuint (scheme->n_fields, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const TessAuthField *field = tess_auth_scheme_get_field (scheme, keys[i]);

      g_assert_nonnull (field);
      g_assert_cmpint (tess_auth_field_is_secret (field), ==, g_str_equal (keys[i], "password"));
      g_assert_cmpint (field->required, ==, g_str_equal (keys[i], "username"));
    }
  g_assert_cmpuint (g_strv_length ((GStrv) algorithm->choices), ==, 6);
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "nonceCount")->default_value, ==, "00000001");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* First: they run in children, the first with LD_LIBRARY_PATH set. */
  g_test_add_func ("/auth/digest/nettle-cannot-open", test_nettle_cannot_open);
  g_test_add_func ("/auth/digest/nettle-on-first-use", test_nettle_on_first_use);
  g_test_add_func ("/auth/digest/vector/rfc7616-md5", test_vector_rfc7616_md5);
  g_test_add_func ("/auth/digest/vector/rfc7616-sha256", test_vector_rfc7616_sha256);
  g_test_add_func ("/auth/digest/vector/rfc7616-sha512-256-userhash", test_vector_rfc7616_sha512_256_userhash);
  g_test_add_func ("/auth/digest/vector/rfc2617-and-variants", test_vector_rfc2617_and_variants);
  g_test_add_func ("/auth/digest/algorithm-names", test_algorithm_names);
  g_test_add_func ("/auth/digest/challenge-parse", test_challenge_parse);
  g_test_add_func ("/auth/digest/apply-up-front", test_apply_up_front);
  g_test_add_func ("/auth/digest/apply-without-nonce", test_apply_without_nonce_sends_plain);
  g_test_add_func ("/auth/digest/apply-rejects-bad-fields", test_apply_rejects_bad_fields);
  g_test_add_func ("/auth/digest/challenge-answered", test_challenge_answered);
  g_test_add_func ("/auth/digest/challenge-nonce-count", test_challenge_nonce_count);
  g_test_add_func ("/auth/digest/challenge-qop-choice", test_challenge_qop_choice);
  g_test_add_func ("/auth/digest/challenge-unanswerable", test_challenge_unanswerable);
  g_test_add_func ("/auth/digest/userhash-from-challenge", test_userhash_from_challenge);
  g_test_add_func ("/auth/digest/random-cnonce", test_random_cnonce);
  g_test_add_func ("/auth/digest/random-bytes", test_random_bytes);
  g_test_add_func ("/auth/digest/fields", test_fields);
  return g_test_run ();
}
