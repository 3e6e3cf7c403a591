#include <string.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "tess-test-util.h"

/* OAuth 1.0a against python3-oauthlib 3.2.2's SignatureOnlyEndpoint
 * (oauth1-server.py): all seven signature methods in the header, the query and
 * a form body, RSA keys made by openssl at test time, the body hash, replays
 * and stale timestamps. Every case is sent through TessSender. */

#define CONSUMER_KEY "tessera-client"
#define CONSUMER_SECRET "kd94hf93 k423kf44&"
#define TOKEN "nnch734d00sl2jdk"
#define TOKEN_SECRET "pfkkdhi9sl3r4s00"
/* oauthlib percent-decodes oauth_* parameters once more than RFC 5849 §3.4.1.3.1
 * says when they come from the query or the body, which changes a PLAINTEXT
 * signature whose secrets hold escaped characters. This client's secret has
 * none, for PLAINTEXT outside the header. */
#define PLAIN_KEY "plain-client"
#define PLAIN_SECRET "j49sk3j29djd"

static const char * const methods[] = {
  "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", "PLAINTEXT",
};

static AuthPeerServer server;
static char *skip_reason;
static char *private_pkcs8;     /* the key the server trusts, PKCS#8 */
static char *private_pkcs1;     /* the same key, PKCS#1 */
static char *other_private;     /* a key the server does not know */

static void
start_server (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *public_path = NULL;
  g_autofree char *other_pkcs1 = NULL;
  const char *consumers[] = { CONSUMER_KEY ":" CONSUMER_SECRET, PLAIN_KEY ":" PLAIN_SECRET, NULL };

  if (!auth_peer_have_oauthlib (&skip_reason))
    return;
  if (!auth_peer_make_rsa_key (dir, "trusted", &private_pkcs8, &private_pkcs1, &public_path) ||
      !auth_peer_make_rsa_key (dir, "other", &other_private, &other_pkcs1, NULL))
    {
      skip_reason = g_strdup ("openssl is not installed to make RSA keys (Debian package openssl)");
      return;
    }
  auth_peer_start_oauth1 (&server, public_path, TOKEN ":" TOKEN_SECRET, consumers, &skip_reason);
}

static gboolean
is_rsa (const char *method)
{
  return g_str_has_prefix (method, "RSA-");
}

/* Credentials the server accepts for @method, or (@good FALSE) ones whose
 * signature it must refuse: a wrong secret, or an RSA key it does not know. */
static TessAuthContext *
context_for (const char *method,
             gboolean    good,
             gboolean    in_header)
{
  gboolean plain = g_str_equal (method, "PLAINTEXT") && !in_header;
  TessAuthContext *ctx = auth_peer_context ("oauth1",
                                            "signatureMethod", method,
                                            "consumerKey", plain ? PLAIN_KEY : CONSUMER_KEY,
                                            "token", TOKEN,
                                            "addParamsToHeader", in_header ? "true" : "false",
                                            NULL);

  if (is_rsa (method))
    tess_auth_context_set (ctx, "privateKey",
                           !good ? other_private : g_str_equal (method, "RSA-SHA256") ? private_pkcs1 : private_pkcs8);
  else
    {
      tess_auth_context_set (ctx, "consumerSecret", plain ? PLAIN_SECRET : CONSUMER_SECRET);
      tess_auth_context_set (ctx, "tokenSecret", good ? TOKEN_SECRET : "wrong");
    }
  return ctx;
}

static void
assert_status (TessExchange *exchange,
               guint         status,
               const char   *body_needle)
{
  g_autofree char *text = auth_peer_body_text (exchange);

  for (guint i = 0; i < exchange->request->log->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (exchange->request->log, i));
  g_assert_cmpuint (exchange->status, ==, status);
  if (body_needle != NULL)
    g_assert_nonnull (strstr (text, body_needle));
}

static void
check_methods (gboolean in_header)
{
  g_autoptr(TessSender) sender = tess_sender_new ();

  if (!auth_peer_ready (skip_reason))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(TessAuthContext) good = context_for (methods[i], TRUE, in_header);
      g_autoptr(TessAuthContext) bad = context_for (methods[i], FALSE, in_header);
      /* Reserved and non-ASCII characters and a value-less parameter: all
       * decoded and re-encoded for the signature (RFC 5849 §3.4.1.3). */
      g_autoptr(TessPreparedRequest) req = auth_peer_request (server.base_url, "GET", "/photos?file=vacation.jpg&q=a b+c&x=!*'()&e=%C3%A9&flag");
      g_autoptr(TessExchange) accepted = auth_peer_send (sender, req, good);
      g_autoptr(TessExchange) refused = auth_peer_send (sender, req, bad);
      g_autofree char *verified = g_strdup_printf ("verified %s via %s", methods[i], in_header ? "header" : "query");

      assert_status (accepted, 200, verified);
      assert_status (refused, 401, "refused by oauthlib");
    }
}

static void
test_methods_in_header (void)
{
  check_methods (TRUE);
}

static void
test_methods_in_query (void)
{
  check_methods (FALSE);
}

static TessPreparedRequest *
form_request (const char *method)
{
  TessPreparedRequest *req = auth_peer_request (server.base_url, method, "/form?page=2");
  g_autoptr(GBytes) body = g_bytes_new_static ("name=J%20D&lang=fr&tag=a+b", 26);

  tess_prepared_request_add_header (req, "Content-Type", "application/x-www-form-urlencoded",
                                    TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, body);
  return req;
}

static void
test_form_body (void)
{
  g_autoptr(TessSender) sender = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(TessAuthContext) in_body = context_for (methods[i], TRUE, FALSE);
      g_autoptr(TessAuthContext) in_header = context_for (methods[i], TRUE, TRUE);
      g_autoptr(TessPreparedRequest) post = form_request ("POST");
      g_autoptr(TessPreparedRequest) put = form_request ("PUT");
      g_autoptr(TessExchange) body_post = auth_peer_send (sender, post, in_body);
      g_autoptr(TessExchange) header_put = auth_peer_send (sender, put, in_header);
      g_autofree char *via_body = g_strdup_printf ("verified %s via body", methods[i]);
      g_autofree char *via_header = g_strdup_printf ("verified %s via header", methods[i]);

      assert_status (body_post, 200, via_body);
      assert_status (header_put, 200, via_header);
    }
}

/* A form parameter changed after signing must break the signature. */
static void
test_form_body_tampered (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) tampered = NULL;
  g_autofree char *text = NULL;
  gsize size;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  ctx = context_for ("HMAC-SHA256", TRUE, FALSE);
  req = form_request ("POST");
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (req->body, &size), g_bytes_get_size (req->body));
  g_assert_true (g_str_has_prefix (text, "name=J%20D&lang=fr&"));
  text[strlen ("name=J%20D&lang=")] = 'e';
  tampered = g_bytes_new (text, size);
  tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, tampered);
  refused = auth_peer_send (sender, req, NULL);
  assert_status (refused, 401, "refused by oauthlib");
}

static TessPreparedRequest *
json_request (const char *json)
{
  TessPreparedRequest *req = auth_peer_request (server.base_url, "POST", "/bodyhash/items");
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  tess_prepared_request_add_header (req, "Content-Type", "application/json", TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  return req;
}

static void
test_body_hash (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) without = NULL;
  g_autoptr(TessAuthContext) tampered_ctx = NULL;
  g_autoptr(TessPreparedRequest) tampered = NULL;
  g_autoptr(TessExchange) no_hash = NULL;
  g_autoptr(TessExchange) wrong_hash = NULL;
  g_autoptr(GBytes) other_body = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(TessAuthContext) ctx = context_for (methods[i], TRUE, i % 2 == 0);
      g_autoptr(TessPreparedRequest) req = json_request ("{\"name\": \"Ünïcode\", \"n\": 1}");
      g_autoptr(TessExchange) exchange = NULL;

      if (g_str_equal (methods[i], "PLAINTEXT"))
        continue;   /* PLAINTEXT has no hash to make one with */
      tess_auth_context_set (ctx, "includeBodyHash", "true");
      exchange = auth_peer_send (sender, req, ctx);
      assert_status (exchange, 200, methods[i]);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (exchange->request->body, NULL),
                                      g_bytes_get_size (exchange->request->body), "Ünïcode"));
    }

  /* The server asks for a body hash on this path. */
  without = context_for ("HMAC-SHA1", TRUE, TRUE);
  {
    g_autoptr(TessPreparedRequest) req = json_request ("{}");
    no_hash = auth_peer_send (sender, req, without);
  }
  assert_status (no_hash, 401, "no oauth_body_hash");

  /* A body changed after signing no longer matches its signed hash. */
  tampered_ctx = context_for ("RSA-SHA512", TRUE, TRUE);
  tess_auth_context_set (tampered_ctx, "includeBodyHash", "true");
  tampered = json_request ("{\"amount\": 10}");
  other_body = g_bytes_new_static ("{\"amount\": 99}", 14);
  wrong_hash = auth_peer_send_tampered (sender, tampered, tampered_ctx, TESS_BODY_RAW, other_body);
  assert_status (wrong_hash, 401, "body hashes to");
}

static void
test_replay_and_stale (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) fixed = NULL;
  g_autoptr(TessAuthContext) stale = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) first = NULL;
  g_autoptr(TessExchange) replay = NULL;
  g_autoptr(TessExchange) old = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  req = auth_peer_request (server.base_url, "GET", "/replay");
  fixed = context_for ("HMAC-SHA512", TRUE, TRUE);
  tess_auth_context_set (fixed, "timestamp", now);
  tess_auth_context_set (fixed, "nonce", "fixednonce42");
  first = auth_peer_send (sender, req, fixed);
  replay = auth_peer_send (sender, req, fixed);
  assert_status (first, 200, "verified HMAC-SHA512");
  assert_status (replay, 401, "refused by oauthlib");

  /* A timestamp from 2013 is outside oauthlib's 600 s window. */
  stale = context_for ("HMAC-SHA1", TRUE, TRUE);
  tess_auth_context_set (stale, "timestamp", "1371312020");
  old = auth_peer_send (sender, req, stale);
  assert_status (old, 401, NULL);
}

/* An empty token signed and sent in the query (addEmptyParamsToSign) is what
 * the server signs too. */
static void
test_empty_params_in_query (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) exchange = NULL;
  g_autofree char *uri = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  ctx = context_for ("HMAC-SHA256", TRUE, FALSE);
  tess_auth_context_set (ctx, "token", "");
  tess_auth_context_set (ctx, "tokenSecret", "");
  tess_auth_context_set (ctx, "addEmptyParamsToSign", "true");
  req = auth_peer_request (server.base_url, "GET", "/two-legged");
  exchange = auth_peer_send (sender, req, ctx);
  assert_status (exchange, 200, "verified HMAC-SHA256 via query");
  uri = tess_prepared_request_dup_uri (exchange->request);
  g_assert_nonnull (strstr (uri, "&oauth_token=&"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  start_server ();
  g_test_add_func ("/peers/oauth1/methods-in-header", test_methods_in_header);
  g_test_add_func ("/peers/oauth1/methods-in-query", test_methods_in_query);
  g_test_add_func ("/peers/oauth1/form-body", test_form_body);
  g_test_add_func ("/peers/oauth1/form-body-tampered", test_form_body_tampered);
  g_test_add_func ("/peers/oauth1/body-hash", test_body_hash);
  g_test_add_func ("/peers/oauth1/replay-and-stale", test_replay_and_stale);
  g_test_add_func ("/peers/oauth1/empty-params-in-query", test_empty_params_in_query);
  status = g_test_run ();
  auth_peer_server_stop (&server);
  return status;
}
