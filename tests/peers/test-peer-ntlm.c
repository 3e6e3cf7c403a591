/* NTLMv2 against a real server: Debian's apache2 with mod_auth_gssapi and
 * gss-ntlmssp (ntlm-apache.conf.in), started by the test on 127.0.0.1. */
#include <gio/gio.h>
#include <string.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "tess-test-util.h"

typedef struct {
  AuthPeerServer  apache;     /* apache.dir holds access.log */
  TessSender     *sender;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *skip_reason = NULL;

  if (!auth_peer_start_ntlm (&fixture->apache, "TESSERA:alice:Secret-123\nTESSERA:bob:Ünïcödé-pässwörd\n",
                             &skip_reason))
    {
      tess_test_skip_peer ("%s", skip_reason);
      return;
    }
  fixture->sender = tess_sender_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  auth_peer_server_stop (&fixture->apache);
  g_clear_object (&fixture->sender);
}

static TessExchange *
send_ntlm (Fixture    *fixture,
           const char *username,
           const char *password,
           const char *domain)
{
  g_autofree char *url = g_strconcat (fixture->apache.base_url, "/ntlm/ok.txt", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", url);
  g_autoptr(TessAuthContext) ctx = auth_peer_context ("ntlm", "username", username,
                                                      "password", password,
                                                      "workstation", "TESSERA-CI", NULL);

  if (domain != NULL)
    tess_auth_context_set (ctx, "domain", domain);
  return auth_peer_send (fixture->sender, req, ctx);
}

/* The access log lines: "client-port keepalive-count status path". */
static char **
access_log (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->apache.dir, "access.log", NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_new0 (char *, 1);
  g_strchomp (text);
  return g_strsplit (text, "\n", -1);
}

/* The client port of access log line @index. */
static char *
access_port (char  **lines,
             guint   index)
{
  g_auto(GStrv) fields = NULL;

  g_assert_cmpuint (g_strv_length (lines), >, index);
  g_test_message ("access: %s", lines[index]);
  fields = g_strsplit (lines[index], " ", -1);
  return g_strdup (fields[0]);
}

static gboolean
log_has_lines (gpointer data)
{
  gpointer *args = data;
  g_auto(GStrv) lines = access_log (args[0]);

  return g_strv_length (lines) >= GPOINTER_TO_UINT (args[1]);
}

static gboolean
tick_cb (gpointer data)
{
  /* Wakes the main context so the log file is read again. */
  return G_SOURCE_CONTINUE;
}

static void
wait_access_lines (Fixture *fixture,
                   guint    n)
{
  gpointer args[2] = { fixture, GUINT_TO_POINTER (n) };
  guint tick = g_timeout_add (10, tick_cb, NULL);

  g_assert_true (tess_test_wait_until (log_has_lines, args, 5000));
  g_source_remove (tick);
}

static void
test_right_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) ports = NULL;
  GHashTableIter iter;
  gpointer value;

  if (fixture->apache.process == NULL)
    return;

  /* Twice with one sender: each send is a whole handshake. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TessExchange) exchange = send_ntlm (fixture, "alice", "Secret-123", "TESSERA");
      g_autoptr(GBytes) body = NULL;

      g_assert_no_error (exchange->error);
      g_assert_cmpuint (exchange->status, ==, 200);
      body = tess_exchange_dup_body (exchange, NULL);
      g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "NTLM ok\n", 8);
      /* NEGOTIATE → 401 with the challenge, AUTHENTICATE → 200. */
      g_assert_cmpuint (exchange->rounds->len, ==, 2);
      g_assert_true (auth_peer_log_has (exchange, "answering the server’s challenge"));
    }

  /* apache logs a request after answering it, so lines of two connections may
   * come in either order: group them by client port. */
  wait_access_lines (fixture, 4);
  lines = access_log (fixture);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  ports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < 4; i++)
    {
      char *port = access_port (lines, i);
      const char *seen = g_hash_table_lookup (ports, port);
      const char *status = g_str_has_suffix (lines[i], " 401 /ntlm/ok.txt") ? "401" :
                           g_str_has_suffix (lines[i], " 200 /ntlm/ok.txt") ? "200" : "?";

      g_hash_table_insert (ports, port, g_strconcat (seen ? seen : "", status, NULL));
    }
  /* Each handshake on one connection (NEGOTIATE → 401, AUTHENTICATE → 200), and
   * the second send on a fresh one, since mod_auth_gssapi cannot begin a second
   * handshake on a connection that finished one. */
  g_assert_cmpuint (g_hash_table_size (ports), ==, 2);
  g_hash_table_iter_init (&iter, ports);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_cmpstr (value, ==, "401200");
}

static void
test_domain_in_username (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *names[] = { "TESSERA\\alice", "alice@TESSERA" };

  if (fixture->apache.process == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TessExchange) exchange = send_ntlm (fixture, names[i], "Secret-123", NULL);

      g_test_message ("%s", names[i]);
      g_assert_no_error (exchange->error);
      g_assert_cmpuint (exchange->status, ==, 200);
    }
}

static void
test_unicode_password (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TessExchange) exchange = NULL;

  if (fixture->apache.process == NULL)
    return;
  exchange = send_ntlm (fixture, "bob", "Ünïcödé-pässwörd", "TESSERA");
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 200);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *cases[][3] = {
    { "alice", "secret-123", "TESSERA" },     /* wrong password */
    { "mallory", "Secret-123", "TESSERA" },   /* unknown user */
  };

  if (fixture->apache.process == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessExchange) exchange = send_ntlm (fixture, cases[i][0], cases[i][1], cases[i][2]);

      g_test_message ("%s / %s", cases[i][0], cases[i][1]);
      g_assert_no_error (exchange->error);
      g_assert_cmpuint (exchange->status, ==, 401);
      /* The challenge was answered once, then the refusal stands. */
      g_assert_cmpuint (exchange->rounds->len, ==, 2);
      g_assert_true (auth_peer_log_has (exchange, "refused the credentials"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/peers/ntlm/right-password", Fixture, NULL,
              fixture_set_up, test_right_password, fixture_tear_down);
  g_test_add ("/peers/ntlm/domain-in-username", Fixture, NULL,
              fixture_set_up, test_domain_in_username, fixture_tear_down);
  g_test_add ("/peers/ntlm/unicode-password", Fixture, NULL,
              fixture_set_up, test_unicode_password, fixture_tear_down);
  g_test_add ("/peers/ntlm/wrong-password", Fixture, NULL,
              fixture_set_up, test_wrong_password, fixture_tear_down);

  return g_test_run ();
}
