#include <string.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "auth/tess-digest-challenge.h"
#include "tess-test-util.h"

/* Basic and Digest against Debian's lighttpd 1.4.69 (lighttpd-auth.conf):
 * every algorithm it offers, its -sess variants, several challenges at once,
 * and userhash. Each with the right password (200) and a wrong one (401). */

#define USER "alice"
#define PASSWORD "Open, sesame!"
/* RFC 7616 §3.9.2's user, for userhash and UTF-8. */
#define UTF8_USER "J\xc3\xa4s\xc3\xb8n Doe"
#define UTF8_PASSWORD "Secret, or not?"

static AuthPeerServer lighttpd;
static char *skip_reason;

static const AuthPeerDigestUser users[] = {
  { USER, PASSWORD, "basic@tessera", "MD5", FALSE },
  { USER, PASSWORD, "md5@tessera", "MD5", FALSE },
  { USER, PASSWORD, "sha256@tessera", "SHA-256", FALSE },
  { USER, PASSWORD, "sha512-256@tessera", "SHA-512-256", FALSE },
  { USER, PASSWORD, "multi@tessera", "MD5", FALSE },
  { USER, PASSWORD, "multi@tessera", "SHA-512-256", FALSE },
  { UTF8_USER, UTF8_PASSWORD, "userhash@tessera", "SHA-256", TRUE },
};

static TessExchange *
send_to (const char      *path,
         TessAuthContext *ctx)
{
  return auth_peer_send_get (NULL, lighttpd.base_url, path, ctx);
}

/* One accept and one reject for a scheme at @path. */
static void
check_pair (const char *path,
            const char *id,
            const char *user,
            const char *password,
            const char *expected_log)
{
  g_autoptr(TessAuthContext) good = auth_peer_context (id, "username", user, "password", password, NULL);
  g_autoptr(TessAuthContext) bad = auth_peer_context (id, "username", user, "password", "wrong", NULL);
  g_autoptr(TessExchange) accepted = send_to (path, good);
  g_autoptr(TessExchange) refused = send_to (path, bad);

  g_assert_no_error (accepted->error);
  g_assert_cmpuint (accepted->status, ==, 200);
  g_assert_no_error (refused->error);
  g_assert_cmpuint (refused->status, ==, 401);
  if (expected_log != NULL)
    {
      g_assert_true (auth_peer_log_has (accepted, expected_log));
      /* The challenge round and the answer. */
      g_assert_cmpuint (accepted->rounds->len, ==, 2);
      g_assert_cmpuint (refused->rounds->len, ==, 2);
    }
}

static void
test_basic (void)
{
  g_autoptr(TessExchange) anonymous = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  anonymous = send_to ("/basic/index.txt", NULL);
  g_assert_cmpuint (anonymous->status, ==, 401);
  check_pair ("/basic/index.txt", "basic", USER, PASSWORD, NULL);
}

static void
test_digest_md5 (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/md5/index.txt", "digest", USER, PASSWORD,
              "Digest: answered challenge realm=md5@tessera algorithm=MD5 qop=auth");
}

static void
test_digest_sha256 (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/sha256/index.txt", "digest", USER, PASSWORD,
              "Digest: answered challenge realm=sha256@tessera algorithm=SHA-256 qop=auth");
}

static void
test_digest_sha512_256 (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/sha512-256/index.txt", "digest", USER, PASSWORD,
              "Digest: answered challenge realm=sha512-256@tessera algorithm=SHA-512-256 qop=auth");
}

/* lighttpd sends one WWW-Authenticate per algorithm: the strongest wins. */
static void
test_digest_strongest_of_several (void)
{
  g_autoptr(TessExchange) anonymous = NULL;
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_auth_challenge_free);

  if (!auth_peer_ready (skip_reason))
    return;
  anonymous = send_to ("/multi/index.txt", NULL);
  for (guint i = 0; i < anonymous->response_headers->len; i++)
    {
      TessParam *header = g_ptr_array_index (anonymous->response_headers, i);

      if (g_ascii_strcasecmp (header->name, "WWW-Authenticate") == 0)
        tess_auth_challenges_parse (header->value, challenges);
    }
  g_assert_cmpuint (challenges->len, ==, 2);
  check_pair ("/multi/index.txt", "digest", USER, PASSWORD,
              "Digest: answered challenge realm=multi@tessera algorithm=SHA-512-256 qop=auth");
}

static void
test_digest_userhash (void)
{
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessExchange) exchange = NULL;
  const char *authorization;

  if (!auth_peer_ready (skip_reason))
    return;
  check_pair ("/userhash/index.txt", "digest", UTF8_USER, UTF8_PASSWORD,
              "Digest: answered challenge realm=userhash@tessera algorithm=SHA-256 qop=auth");

  /* The name on the wire is the hash, not the name. */
  ctx = auth_peer_context ("digest", "username", UTF8_USER, "password", UTF8_PASSWORD, NULL);
  exchange = send_to ("/userhash/index.txt", ctx);
  g_assert_cmpuint (exchange->status, ==, 200);
  authorization = tess_prepared_request_get_header (exchange->request, "Authorization");
  g_assert_nonnull (strstr (authorization, "userhash=true"));
  g_assert_null (strstr (authorization, UTF8_USER));
}

/* -sess is never offered by lighttpd but always accepted: sign up front with
 * the nonce of a fresh challenge and the typed algorithm, no retry. */
static void
check_sess (const char *path,
            const char *algorithm)
{
  g_autoptr(TessExchange) anonymous = send_to (path, NULL);
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_auth_challenge_free);
  const char *realm, *nonce;

  g_assert_cmpuint (anonymous->status, ==, 401);
  tess_auth_challenges_parse (tess_exchange_get_header (anonymous, "WWW-Authenticate"), challenges);
  g_assert_cmpuint (challenges->len, ==, 1);
  realm = tess_auth_challenge_get (challenges->pdata[0], "realm");
  nonce = tess_auth_challenge_get (challenges->pdata[0], "nonce");
  g_assert_nonnull (nonce);

  for (guint i = 0; i < 2; i++)
    {
      gboolean right = i == 0;
      g_autoptr(TessAuthContext) ctx = auth_peer_context ("digest", "username", USER,
                                                          "password", right ? PASSWORD : "wrong",
                                                          "realm", realm, "nonce", nonce,
                                                          "algorithm", algorithm, "qop", "auth",
                                                          "disableRetryRequest", "true", NULL);
      g_autoptr(TessExchange) exchange = send_to (path, ctx);
      g_autofree char *expected = g_strdup_printf ("algorithm=%s,", algorithm);

      g_assert_no_error (exchange->error);
      g_assert_cmpuint (exchange->status, ==, right ? 200 : 401);
      g_assert_cmpuint (exchange->rounds->len, ==, 1);
      g_assert_nonnull (strstr (tess_prepared_request_get_header (exchange->request, "Authorization"), expected));
    }
}

static void
test_digest_md5_sess (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_sess ("/md5/index.txt", "MD5-sess");
}

static void
test_digest_sha256_sess (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_sess ("/sha256/index.txt", "SHA-256-sess");
}

static void
test_digest_sha512_256_sess (void)
{
  if (!auth_peer_ready (skip_reason))
    return;
  check_sess ("/sha512-256/index.txt", "SHA-512-256-sess");
}

/* Bodies lighttpd sends in one go, faster than a main-loop turn reads them,
 * on one kept-alive connection that then stays quiet: what libsoup has
 * buffered must be read on without waiting for the socket. */
static void
test_large_bodies (void)
{
  g_autoptr(TessSender) sender = tess_sender_new ();

  if (!auth_peer_ready (skip_reason))
    return;
  /* A stalled read ends in this timeout instead of a hung test. */
  tess_sender_set_timeout (sender, 3000);
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(TessExchange) exchange = auth_peer_send_get (sender, lighttpd.base_url, "/large.txt", NULL);

      g_assert_no_error (exchange->error);
      g_assert_cmpuint (exchange->status, ==, 200);
      g_assert_cmpint (exchange->body_size, ==, AUTH_PEER_LARGE_SIZE);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer/lighttpd/basic", test_basic);
  g_test_add_func ("/peer/lighttpd/digest-md5", test_digest_md5);
  g_test_add_func ("/peer/lighttpd/digest-sha256", test_digest_sha256);
  g_test_add_func ("/peer/lighttpd/digest-sha512-256", test_digest_sha512_256);
  g_test_add_func ("/peer/lighttpd/digest-strongest-of-several", test_digest_strongest_of_several);
  g_test_add_func ("/peer/lighttpd/digest-userhash", test_digest_userhash);
  g_test_add_func ("/peer/lighttpd/digest-md5-sess", test_digest_md5_sess);
  g_test_add_func ("/peer/lighttpd/digest-sha256-sess", test_digest_sha256_sess);
  g_test_add_func ("/peer/lighttpd/digest-sha512-256-sess", test_digest_sha512_256_sess);
  g_test_add_func ("/peer/lighttpd/large-bodies", test_large_bodies);

  auth_peer_start_lighttpd (&lighttpd, users, G_N_ELEMENTS (users), &skip_reason);
  status = g_test_run ();
  auth_peer_server_stop (&lighttpd);
  g_free (skip_reason);
  return status;
}
