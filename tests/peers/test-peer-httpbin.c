#include <json-glib/json-glib.h>
#include <string.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "tess-error.h"
#include "tess-test-util.h"

/* Digest against Debian's python3-httpbin 0.7.0 (httpbin-server.py): qop auth
 * and auth-int, MD5 and SHA-256, a stale nonce, and its SHA-512 (not an RFC 7616
 * algorithm), which must be refused with the challenge quoted. */

static AuthPeerServer httpbin;
static char *skip_reason;

static TessExchange *
send_with (TessSender      *sender,
           const char      *path,
           TessAuthContext *ctx)
{
  return auth_peer_send_get (sender, httpbin.base_url, path, ctx);
}

static void
check_pair (const char *path,
            const char *expected_log)
{
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessAuthContext) good = auth_peer_context ("digest", "username", "user", "password", "passwd", NULL);
  g_autoptr(TessAuthContext) bad = auth_peer_context ("digest", "username", "user", "password", "wrong", NULL);
  g_autoptr(TessExchange) accepted = send_with (sender, path, good);
  g_autoptr(TessExchange) refused = send_with (sender, path, bad);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *reply;

  g_assert_no_error (accepted->error);
  g_assert_cmpuint (accepted->status, ==, 200);
  g_assert_true (auth_peer_log_has (accepted, expected_log));
  body = tess_exchange_dup_body (accepted, NULL);
  g_assert_nonnull (body);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  reply = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (reply, "authenticated"));
  g_assert_cmpstr (json_object_get_string_member (reply, "user"), ==, "user");

  g_assert_no_error (refused->error);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_cmpuint (refused->rounds->len, ==, 2);
}

static void
test_md5_auth (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/digest-auth/auth/user/passwd/MD5",
              "Digest: answered challenge realm=me@kennethreitz.com algorithm=MD5 qop=auth");
}

static void
test_md5_auth_int (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/digest-auth/auth-int/user/passwd/MD5",
              "Digest: answered challenge realm=me@kennethreitz.com algorithm=MD5 qop=auth-int");
}

static void
test_sha256_auth (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/digest-auth/auth/user/passwd/SHA-256",
              "Digest: answered challenge realm=me@kennethreitz.com algorithm=SHA-256 qop=auth");
}

static void
test_sha256_auth_int (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/digest-auth/auth-int/user/passwd/SHA-256",
              "Digest: answered challenge realm=me@kennethreitz.com algorithm=SHA-256 qop=auth-int");
}

/* httpbin marks the nonce of an earlier exchange stale (stale_after=1, kept in
 * a cookie): signing up front with it must lead to one answered stale challenge. */
static void
test_stale_nonce (void)
{
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessAuthContext) first = NULL;
  g_autoptr(TessAuthContext) again = NULL;
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessExchange) second = NULL;
  const char *authorization;
  g_autofree char *nonce = NULL;
  const char *start, *end;

  if (!auth_peer_ready (skip_reason))
    return;
  first = auth_peer_context ("digest", "username", "user", "password", "passwd", NULL);
  exchange = send_with (sender, "/digest-auth/auth/user/passwd/MD5/1", first);
  g_assert_cmpuint (exchange->status, ==, 200);
  authorization = tess_prepared_request_get_header (exchange->request, "Authorization");
  start = strstr (authorization, "nonce=\"") + strlen ("nonce=\"");
  end = strchr (start, '"');
  nonce = g_strndup (start, end - start);

  again = auth_peer_context ("digest", "username", "user", "password", "passwd",
                             "realm", "me@kennethreitz.com", "nonce", nonce, "qop", "auth", NULL);
  second = send_with (sender, "/digest-auth/auth/user/passwd/MD5/1", again);
  g_assert_no_error (second->error);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpuint (second->rounds->len, ==, 2);
  g_assert_true (auth_peer_log_has (second, "(stale nonce)"));
  g_assert_null (strstr (tess_prepared_request_get_header (second->request, "Authorization"), nonce));
}

/* SHA-512 is httpbin's own; RFC 7616 has SHA-512-256 only. */
static void
test_sha512_refused (void)
{
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessExchange) exchange = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  sender = tess_sender_new ();
  ctx = auth_peer_context ("digest", "username", "user", "password", "passwd", NULL);
  exchange = send_with (sender, "/digest-auth/auth/user/passwd/SHA-512", ctx);
  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE);
  g_assert_nonnull (strstr (exchange->error->message, "WWW-Authenticate: Digest "));
  g_assert_nonnull (strstr (exchange->error->message, "realm=\"me@kennethreitz.com\""));
  g_assert_nonnull (strstr (exchange->error->message, "algorithm=SHA-512, stale=FALSE’"));
  g_assert_nonnull (strstr (exchange->error->message, "algorithm ‘SHA-512’ is not supported"));
  g_assert_cmpuint (exchange->status, ==, 401);
  g_assert_null (tess_prepared_request_get_header (exchange->request, "Authorization"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer/httpbin/digest-md5-auth", test_md5_auth);
  g_test_add_func ("/peer/httpbin/digest-md5-auth-int", test_md5_auth_int);
  g_test_add_func ("/peer/httpbin/digest-sha256-auth", test_sha256_auth);
  g_test_add_func ("/peer/httpbin/digest-sha256-auth-int", test_sha256_auth_int);
  g_test_add_func ("/peer/httpbin/digest-stale-nonce", test_stale_nonce);
  g_test_add_func ("/peer/httpbin/digest-sha512-refused", test_sha512_refused);

  auth_peer_start_httpbin (&httpbin, &skip_reason);
  status = g_test_run ();
  auth_peer_server_stop (&httpbin);
  g_free (skip_reason);
  return status;
}
