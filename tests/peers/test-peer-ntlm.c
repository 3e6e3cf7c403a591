/* NTLMv2 against a real server: Debian's apache2 with mod_auth_gssapi and
 * gss-ntlmssp (ntlm-apache.conf.in), started by the test on 127.0.0.1. */
#include <gio/gio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "auth-peer.h"
#include "tess-test-util.h"

#define APACHE_MODULES "/usr/lib/apache2/modules"
#define GSS_NTLMSSP    "/usr/lib/x86_64-linux-gnu/gssntlmssp/gssntlmssp.so"

typedef struct {
  GSubprocess *apache;
  char        *root;
  guint16      port;
  TessSender  *sender;
} Fixture;

static char *
find_apache (void)
{
  char *path = g_find_program_in_path ("apache2");

  if (path == NULL && g_file_test ("/usr/sbin/apache2", G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup ("/usr/sbin/apache2");
  return path;
}

/* gss-ntlmssp registers itself in /etc/gss/mech.d; its library path differs per
 * architecture, so look for the registration, not the file. */
static gboolean
have_gss_ntlmssp (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/etc/gss/mech.d", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/etc/gss/mech.d", name, NULL);
      g_autofree char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, "gssntlmssp") != NULL)
        return TRUE;
    }
  return g_file_test (GSS_NTLMSSP, G_FILE_TEST_EXISTS);
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
server_config (const char *root,
               guint16     port)
{
  g_autofree char *template_path = g_build_filename (tess_test_source_dir (), "peers",
                                                     "ntlm-apache.conf.in", NULL);
  g_autofree char *text = tess_test_load_text (template_path);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GString) conf = g_string_new (text);

  g_string_replace (conf, "@SERVER_ROOT@", root, 0);
  g_string_replace (conf, "@PORT@", port_text, 0);
  g_string_replace (conf, "@MODULES@", APACHE_MODULES, 0);
  return g_string_free (g_steal_pointer (&conf), FALSE);
}

/* A failed assertion aborts the test before tear-down: take the server with it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *apache = find_apache ();
  g_autofree char *module = g_build_filename (APACHE_MODULES, "mod_auth_gssapi.so", NULL);
  g_autofree char *htdocs = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *users = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  if (apache == NULL)
    {
      tess_test_skip_peer ("apache2 is not installed");
      return;
    }
  if (!g_file_test (module, G_FILE_TEST_EXISTS))
    {
      tess_test_skip_peer ("libapache2-mod-auth-gssapi is not installed");
      return;
    }
  if (!have_gss_ntlmssp ())
    {
      tess_test_skip_peer ("gss-ntlmssp is not installed");
      return;
    }

  fixture->root = tess_test_make_tmpdir ();
  fixture->port = auth_peer_pick_port ();
  htdocs = g_build_filename (fixture->root, "htdocs", "ntlm", NULL);
  g_assert_cmpint (g_mkdir_with_parents (htdocs, 0755), ==, 0);
  write_file (htdocs, "ok.txt", "NTLM ok\n");
  write_file (fixture->root, "users", "TESSERA:alice:Secret-123\nTESSERA:bob:Ünïcödé-pässwörd\n");
  conf = server_config (fixture->root, fixture->port);
  write_file (fixture->root, "apache2.conf", conf);

  conf_path = g_build_filename (fixture->root, "apache2.conf", NULL);
  users = g_build_filename (fixture->root, "users", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  /* gss-ntlmssp's users file (without it, it asks winbind and refuses everyone). */
  g_subprocess_launcher_setenv (launcher, "NTLM_USER_FILE", users, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->apache = g_subprocess_launcher_spawn (launcher, &error, apache, "-X", "-f", conf_path, NULL);
  g_assert_no_error (error);
  if (!auth_peer_wait_listening (fixture->apache, fixture->port, 10000))
    {
      g_autofree char *log_path = g_build_filename (fixture->root, "error.log", NULL);
      g_autofree char *log = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      g_error ("apache2 did not start on port %u: %s", fixture->port, log ? log : "(no error.log)");
    }
  fixture->sender = tess_sender_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->apache != NULL)
    auth_peer_stop (fixture->apache);
  g_clear_object (&fixture->apache);
  g_clear_object (&fixture->sender);
  g_free (fixture->root);
}

static TessExchange *
send_ntlm (Fixture    *fixture,
           const char *username,
           const char *password,
           const char *domain)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/ntlm/ok.txt", fixture->port);
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
  g_autofree char *path = g_build_filename (fixture->root, "access.log", NULL);
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

static void
wait_access_lines (Fixture *fixture,
                   guint    n)
{
  gpointer args[2] = { fixture, GUINT_TO_POINTER (n) };

  g_assert_true (tess_test_wait_until (log_has_lines, args, 5000));
}

static void
test_right_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) ports = NULL;
  GHashTableIter iter;
  gpointer value;

  if (fixture->apache == NULL)
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

  if (fixture->apache == NULL)
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

  if (fixture->apache == NULL)
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

  if (fixture->apache == NULL)
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
