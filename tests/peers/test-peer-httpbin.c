#include <json-glib/json-glib.h>
#include <string.h>

#include "auth-peer.h"
#include "tess-error.h"
#include "tess-test-util.h"

/* Digest against Debian's python3-httpbin 0.7.0 (httpbin-server.py): qop auth
 * and auth-int, MD5 and SHA-256, a stale nonce, and its SHA-512 (not an RFC 7616
 * algorithm), which must be refused with the challenge quoted. */

static GSubprocess *httpbin;
static char *base_url;
static char *skip_reason;

typedef struct {
  gboolean done;
  char *line;
} LineWait;

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  LineWait *wait = data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  wait->done = TRUE;
}

static gboolean
line_read (gpointer data)
{
  return ((LineWait *) data)->done;
}

static void
start_httpbin (void)
{
  g_autofree char *script = g_build_filename (tess_test_source_dir (), "peers", "httpbin-server.py", NULL);
  g_autoptr(GSubprocess) check = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  LineWait wait = { FALSE, NULL };
  guint64 port;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      skip_reason = g_strdup ("/usr/bin/python3 is not installed");
      return;
    }
  check = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "/usr/bin/python3", "-c", "import httpbin, werkzeug.serving", NULL);
  g_assert_no_error (error);
  if (!g_subprocess_wait_check (check, NULL, NULL))
    {
      skip_reason = g_strdup ("python3-httpbin is not installed (Debian package python3-httpbin)");
      return;
    }

  httpbin = auth_peer_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", script, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (httpbin));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_cb, &wait);
  g_assert_true (tess_test_wait_until (line_read, &wait, 20000));
  g_assert_nonnull (wait.line);
  g_assert_true (g_ascii_string_to_unsigned (wait.line, 10, 1, 65535, &port, NULL));
  base_url = g_strdup_printf ("http://127.0.0.1:%u", (guint) port);
  g_free (wait.line);
}

static gboolean
have_httpbin (void)
{
  if (skip_reason != NULL)
    {
      tess_test_skip_peer ("%s", skip_reason);
      return FALSE;
    }
  return TRUE;
}

static TessExchange *
send_with (TessSender      *sender,
           const char      *path,
           TessAuthContext *ctx)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", url);

  return auth_peer_send (sender, req, ctx);
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
  if (!have_httpbin ())
    return;
  check_pair ("/digest-auth/auth/user/passwd/MD5",
              "Digest: answered challenge realm=me@kennethreitz.com algorithm=MD5 qop=auth");
}

static void
test_md5_auth_int (void)
{
  if (!have_httpbin ())
    return;
  check_pair ("/digest-auth/auth-int/user/passwd/MD5",
              "Digest: answered challenge realm=me@kennethreitz.com algorithm=MD5 qop=auth-int");
}

static void
test_sha256_auth (void)
{
  if (!have_httpbin ())
    return;
  check_pair ("/digest-auth/auth/user/passwd/SHA-256",
              "Digest: answered challenge realm=me@kennethreitz.com algorithm=SHA-256 qop=auth");
}

static void
test_sha256_auth_int (void)
{
  if (!have_httpbin ())
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

  if (!have_httpbin ())
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

  if (!have_httpbin ())
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

  start_httpbin ();
  status = g_test_run ();
  auth_peer_stop (httpbin);
  g_clear_object (&httpbin);
  g_free (base_url);
  g_free (skip_reason);
  return status;
}
