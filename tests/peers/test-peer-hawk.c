#include <string.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "tess-test-util.h"

/* Hawk against @hapi/hawk 8.0.0's server (hawk-server.js): header MACs with
 * sha256 and sha1, ext/app/dlg, payload validation, replays and stale
 * timestamps, and a README timestamp replayed against a server whose clock is
 * set to it. Every case is sent through TessSender. */

#define HAWK_ID  "dh37fgj492je"
#define HAWK_KEY "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn"
#define SHA1_ID  "sha1-user"
#define SHA1_KEY "an:other:key"
#define README_TS "1353832234"

typedef AuthPeerServer Server;

static Server live, frozen;
static char *skip_reason;

static void
start_servers (void)
{
  const char *both[] = { HAWK_ID ":sha256:" HAWK_KEY, SHA1_ID ":sha1:" SHA1_KEY, NULL };
  const char *one[] = { HAWK_ID ":sha256:" HAWK_KEY, NULL };

  if (auth_peer_start_hawk (&live, NULL, both, &skip_reason))
    auth_peer_start_hawk (&frozen, README_TS, one, &skip_reason);
}

static TessPreparedRequest *
json_request (const char *method,
              const char *content_type,
              const char *json)
{
  TessPreparedRequest *req = auth_peer_request (live.base_url, method, "/payload/items?draft=1");

  tess_prepared_request_add_header (req, "Content-Type", content_type, TESS_ORIGIN_BODY, NULL);
  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
    }
  return req;
}

static void
assert_status (TessExchange *exchange,
               guint         status,
               const char   *body_needle)
{
  g_autofree char *text = auth_peer_body_text (exchange);

  g_assert_cmpuint (exchange->status, ==, status);
  g_assert_nonnull (strstr (text, body_needle));
  if (status == 200)
    g_assert_true (g_str_has_prefix (tess_exchange_get_header (exchange, "Server-Authorization"), "Hawk mac=\""));
}

static void
test_header_mac (void)
{
  g_autoptr(TessSender) sender = NULL;
  const struct {
    const char *id, *key, *algorithm, *ext, *app, *dlg;
  } cases[] = {
    { HAWK_ID, HAWK_KEY, "sha256", "some-app-ext-data", NULL, NULL },
    { SHA1_ID, SHA1_KEY, "sha1", NULL, NULL, NULL },
    /* Every character its header parser allows in ext. (@hapi/hawk's client
     * escapes '"' and '\\' in ext, as Tessera does, but its server refuses them.) */
    { HAWK_ID, HAWK_KEY, "sha256", "a=b; c, d (e) [f] {g} |h| ~!#$%&'*+-./:<>?@^_`", "asd23ased", "23434szr3q4d" },
    { SHA1_ID, SHA1_KEY, "sha1", "x", "appid", NULL },
  };

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) good = auth_peer_context ("hawk", "authId", cases[i].id, "authKey", cases[i].key,
                                                           "algorithm", cases[i].algorithm,
                                                           "extraData", cases[i].ext, "app", cases[i].app,
                                                           "delegation", cases[i].dlg, NULL);
      g_autoptr(TessAuthContext) wrong_key = auth_peer_context ("hawk", "authId", cases[i].id, "authKey", "wrong",
                                                                "algorithm", cases[i].algorithm, NULL);
      g_autoptr(TessAuthContext) wrong_algorithm = auth_peer_context ("hawk", "authId", cases[i].id,
                                                                      "authKey", cases[i].key,
                                                                      "algorithm", g_str_equal (cases[i].algorithm, "sha1") ? "sha256" : "sha1",
                                                                      NULL);
      g_autoptr(TessPreparedRequest) req = auth_peer_request (live.base_url, i % 2 ? "DELETE" : "GET", "/resource/1?b=1&a=2&q=a%20b");
      g_autoptr(TessExchange) accepted = auth_peer_send (sender, req, good);
      g_autoptr(TessExchange) refused = auth_peer_send (sender, req, wrong_key);
      g_autoptr(TessExchange) refused_algorithm = auth_peer_send (sender, req, wrong_algorithm);

      assert_status (accepted, 200, cases[i].id);
      assert_status (refused, 401, "Bad mac");
      assert_status (refused_algorithm, 401, "Bad mac");
    }
}

static void
test_unknown_id (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) refused = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  ctx = auth_peer_context ("hawk", "authId", "nobody", "authKey", HAWK_KEY, NULL);
  req = auth_peer_request (live.base_url, "GET", "/resource/1");
  refused = auth_peer_send (sender, req, ctx);
  assert_status (refused, 401, "Unknown credentials");
}

static void
test_payload (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) with_hash = NULL;
  g_autoptr(TessAuthContext) sha1_hash = NULL;
  g_autoptr(TessAuthContext) without_hash = NULL;
  g_autoptr(TessPreparedRequest) post = NULL;
  g_autoptr(TessPreparedRequest) put = NULL;
  g_autoptr(TessPreparedRequest) empty = NULL;
  g_autoptr(TessPreparedRequest) unhashed = NULL;
  g_autoptr(TessExchange) accepted = NULL;
  g_autoptr(TessExchange) accepted_sha1 = NULL;
  g_autoptr(TessExchange) accepted_empty = NULL;
  g_autoptr(TessExchange) missing = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  with_hash = auth_peer_context ("hawk", "authId", HAWK_ID, "authKey", HAWK_KEY,
                                 "includePayloadHash", "true", NULL);
  sha1_hash = auth_peer_context ("hawk", "authId", SHA1_ID, "authKey", SHA1_KEY, "algorithm", "sha1",
                                 "includePayloadHash", "true", "extraData", "payload", NULL);
  without_hash = auth_peer_context ("hawk", "authId", HAWK_ID, "authKey", HAWK_KEY, NULL);

  post = json_request ("POST", "application/json", "{\"greeting\": \"Thank you for flying Hawk\"}");
  accepted = auth_peer_send (sender, post, with_hash);
  assert_status (accepted, 200, HAWK_ID);
  g_assert_nonnull (strstr (tess_prepared_request_get_header (accepted->request, "Authorization"), ", hash=\""));

  /* The hash covers the media type without parameters, in lower case. */
  put = json_request ("PUT", "Application/JSON; charset=UTF-8", "{\"name\": \"Zoë\"}");
  accepted_sha1 = auth_peer_send (sender, put, sha1_hash);
  assert_status (accepted_sha1, 200, SHA1_ID);

  empty = json_request ("POST", "text/plain", NULL);
  accepted_empty = auth_peer_send (sender, empty, with_hash);
  assert_status (accepted_empty, 200, HAWK_ID);

  /* This path validates the payload: a request without a hash is refused. */
  unhashed = json_request ("POST", "application/json", "{}");
  missing = auth_peer_send (sender, unhashed, without_hash);
  assert_status (missing, 401, "Missing required payload hash");
}

/* A body changed after signing no longer matches the signed hash. */
static void
test_payload_tampered (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) refused = NULL;
  g_autoptr(GBytes) other = g_bytes_new_static ("{\"amount\": 99}", 14);

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  ctx = auth_peer_context ("hawk", "authId", HAWK_ID, "authKey", HAWK_KEY, "includePayloadHash", "true", NULL);
  req = json_request ("POST", "application/json", "{\"amount\": 10}");
  refused = auth_peer_send_tampered (sender, req, ctx, TESS_BODY_RAW, other);
  assert_status (refused, 401, "Bad payload hash");
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
  fixed = auth_peer_context ("hawk", "authId", HAWK_ID, "authKey", HAWK_KEY,
                             "timestamp", now, "nonce", "Xy12ab", NULL);
  req = auth_peer_request (live.base_url, "GET", "/replay");
  first = auth_peer_send (sender, req, fixed);
  replay = auth_peer_send (sender, req, fixed);
  assert_status (first, 200, HAWK_ID);
  assert_status (replay, 401, "Invalid nonce");

  stale = auth_peer_context ("hawk", "authId", HAWK_ID, "authKey", HAWK_KEY,
                             "timestamp", README_TS, "nonce", "j4h3g2", NULL);
  old = auth_peer_send (sender, req, stale);
  assert_status (old, 401, "Stale timestamp");
  /* The refusal carries the server's time, signed with the key. */
  g_assert_nonnull (strstr (tess_exchange_get_header (old, "WWW-Authenticate"), "tsm=\""));
}

/* The README inputs (timestamp, nonce, ext) accepted by a server whose clock
 * reads the README's time; only host and port differ from the README. */
static void
test_readme_time (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessAuthContext) bad = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) accepted = NULL;
  g_autoptr(TessExchange) refused = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  ctx = auth_peer_context ("hawk", "authId", HAWK_ID, "authKey", HAWK_KEY, "timestamp", README_TS,
                           "nonce", "j4h3g2", "extraData", "some-app-ext-data", NULL);
  bad = auth_peer_context ("hawk", "authId", HAWK_ID, "authKey", HAWK_KEY "x", "timestamp", README_TS,
                           "nonce", "k5i4h3", "extraData", "some-app-ext-data", NULL);
  req = auth_peer_request (frozen.base_url, "GET", "/resource/1?b=1&a=2");
  accepted = auth_peer_send (sender, req, ctx);
  refused = auth_peer_send (sender, req, bad);
  assert_status (accepted, 200, HAWK_ID);
  assert_status (refused, 401, "Bad mac");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  start_servers ();
  g_test_add_func ("/peers/hawk/header-mac", test_header_mac);
  g_test_add_func ("/peers/hawk/unknown-id", test_unknown_id);
  g_test_add_func ("/peers/hawk/payload", test_payload);
  g_test_add_func ("/peers/hawk/payload-tampered", test_payload_tampered);
  g_test_add_func ("/peers/hawk/replay-and-stale", test_replay_and_stale);
  g_test_add_func ("/peers/hawk/readme-time", test_readme_time);
  status = g_test_run ();
  auth_peer_server_stop (&live);
  auth_peer_server_stop (&frozen);
  return status;
}
