#include <glib/gstdio.h>
#include <nettle/sha2.h>
#include <string.h>

#include "auth-peer.h"
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

static GSubprocess *lighttpd;
static char *base_url;
static char *skip_reason;

/* htdigest hashes, computed here with GLib and Nettle directly. */
static char *
hex_hash (const char *algorithm,
          const char *text)
{
  if (g_str_equal (algorithm, "MD5"))
    return g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
  if (g_str_equal (algorithm, "SHA-256"))
    return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  {
    struct sha512_ctx ctx;
    guint8 digest[SHA512_256_DIGEST_SIZE];
    GString *hex = g_string_new (NULL);

    g_assert_cmpstr (algorithm, ==, "SHA-512-256");
    sha512_256_init (&ctx);
    sha512_256_update (&ctx, strlen (text), (const guint8 *) text);
    sha512_256_digest (&ctx, sizeof digest, digest);
    for (guint i = 0; i < sizeof digest; i++)
      g_string_append_printf (hex, "%02x", digest[i]);
    return g_string_free (hex, FALSE);
  }
}

static void
append_user (GString    *out,
             const char *user,
             const char *password,
             const char *realm,
             const char *algorithm,
             gboolean    with_userhash)
{
  g_autofree char *secret_text = g_strdup_printf ("%s:%s:%s", user, realm, password);
  g_autofree char *user_text = g_strdup_printf ("%s:%s", user, realm);
  g_autofree char *secret = hex_hash (algorithm, secret_text);
  g_autofree char *userhash = hex_hash (algorithm, user_text);

  g_string_append_printf (out, "%s:%s:%s", user, realm, secret);
  if (with_userhash)
    g_string_append_printf (out, ":%s", userhash);
  g_string_append_c (out, '\n');
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
start_lighttpd (void)
{
  g_autofree char *program = g_find_program_in_path ("lighttpd");
  g_autofree char *dir = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *shared_conf = NULL;
  g_autofree char *conf = NULL;
  g_autoptr(GString) users = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *dirs[] = { "basic", "md5", "sha256", "sha512-256", "multi", "userhash" };
  guint16 port;

  if (program == NULL && g_file_test ("/usr/sbin/lighttpd", G_FILE_TEST_IS_EXECUTABLE))
    program = g_strdup ("/usr/sbin/lighttpd");
  if (program == NULL)
    {
      skip_reason = g_strdup ("lighttpd is not installed (Debian package lighttpd)");
      return;
    }

  dir = tess_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *sub = g_build_filename (dir, "htdocs", dirs[i], NULL);
      g_autofree char *file = g_build_filename (sub, "index.txt", NULL);

      g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
      write_file (file, "protected\n");
    }

  append_user (users, USER, PASSWORD, "basic@tessera", "MD5", FALSE);
  append_user (users, USER, PASSWORD, "md5@tessera", "MD5", FALSE);
  append_user (users, USER, PASSWORD, "sha256@tessera", "SHA-256", FALSE);
  append_user (users, USER, PASSWORD, "sha512-256@tessera", "SHA-512-256", FALSE);
  append_user (users, USER, PASSWORD, "multi@tessera", "MD5", FALSE);
  append_user (users, USER, PASSWORD, "multi@tessera", "SHA-512-256", FALSE);
  append_user (users, UTF8_USER, UTF8_PASSWORD, "userhash@tessera", "SHA-256", TRUE);
  {
    g_autofree char *path = g_build_filename (dir, "users.htdigest", NULL);
    write_file (path, users->str);
  }

  shared_conf = g_build_filename (tess_test_source_dir (), "peers", "lighttpd-auth.conf", NULL);
  /* A port taken between picking and binding makes lighttpd exit: try again. */
  for (guint attempt = 0; attempt < 3 && base_url == NULL; attempt++)
    {
      port = auth_peer_pick_port ();
      g_free (conf);
      conf = g_strdup_printf ("var.basedir = \"%s\"\nserver.port = %u\ninclude \"%s\"\n",
                              dir, port, shared_conf);
      g_free (conf_path);
      conf_path = g_build_filename (dir, "lighttpd.conf", NULL);
      write_file (conf_path, conf);

      g_clear_object (&lighttpd);
      lighttpd = auth_peer_spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                  program, "-D", "-f", conf_path, NULL);
      g_assert_no_error (error);
      if (auth_peer_wait_listening (lighttpd, port, 10000))
        base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
    }
  g_assert_nonnull (base_url);
}

static gboolean
have_lighttpd (void)
{
  if (skip_reason != NULL)
    {
      tess_test_skip_peer ("%s", skip_reason);
      return FALSE;
    }
  return TRUE;
}

static TessExchange *
send_to (const char      *path,
         TessAuthContext *ctx)
{
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", url);

  return auth_peer_send (sender, req, ctx);
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

  if (!have_lighttpd ())
    return;
  anonymous = send_to ("/basic/index.txt", NULL);
  g_assert_cmpuint (anonymous->status, ==, 401);
  check_pair ("/basic/index.txt", "basic", USER, PASSWORD, NULL);
}

static void
test_digest_md5 (void)
{
  if (!have_lighttpd ())
    return;
  check_pair ("/md5/index.txt", "digest", USER, PASSWORD,
              "Digest: answered challenge realm=md5@tessera algorithm=MD5 qop=auth");
}

static void
test_digest_sha256 (void)
{
  if (!have_lighttpd ())
    return;
  check_pair ("/sha256/index.txt", "digest", USER, PASSWORD,
              "Digest: answered challenge realm=sha256@tessera algorithm=SHA-256 qop=auth");
}

static void
test_digest_sha512_256 (void)
{
  if (!have_lighttpd ())
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

  if (!have_lighttpd ())
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

  if (!have_lighttpd ())
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
  if (!have_lighttpd ())
    return;
  check_sess ("/md5/index.txt", "MD5-sess");
}

static void
test_digest_sha256_sess (void)
{
  if (!have_lighttpd ())
    return;
  check_sess ("/sha256/index.txt", "SHA-256-sess");
}

static void
test_digest_sha512_256_sess (void)
{
  if (!have_lighttpd ())
    return;
  check_sess ("/sha512-256/index.txt", "SHA-512-256-sess");
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

  start_lighttpd ();
  status = g_test_run ();
  auth_peer_stop (lighttpd);
  g_clear_object (&lighttpd);
  g_free (base_url);
  g_free (skip_reason);
  return status;
}
