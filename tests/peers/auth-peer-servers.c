#include "auth-peer-servers.h"

#include <json-glib/json-glib.h>
#include <nettle/sha2.h>
#include <string.h>

#include "auth-peer.h"
#include "tess-test-util.h"

#define ANNOUNCE_TIMEOUT_MS 30000
#define LISTEN_TIMEOUT_MS 10000
#define APACHE_MODULES "/usr/lib/apache2/modules"
#define GSS_NTLMSSP "/usr/lib/x86_64-linux-gnu/gssntlmssp/gssntlmssp.so"

void
auth_peer_server_stop (AuthPeerServer *server)
{
  if (server->process != NULL)
    auth_peer_stop (server->process);
  g_clear_object (&server->process);
  g_clear_pointer (&server->base_url, g_free);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->announcement, g_free);
  server->port = 0;
}

static char *
peer_script (const char *name)
{
  return g_build_filename (tess_test_source_dir (), "peers", name, NULL);
}

char *
auth_peer_write_file (const char *dir,
                      const char *name,
                      const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* auth_peer_write_file for files whose path is not needed. */
static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_free (auth_peer_write_file (dir, name, text));
}

static void
set_port (AuthPeerServer *server,
          guint16         port)
{
  server->port = port;
  g_free (server->base_url);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
}

gboolean
auth_peer_have_node_package (const char  *package,
                             char       **skip_reason)
{
  const char *modules = g_getenv ("TESS_NODE_MODULES");
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *manifest = g_build_filename (modules ? modules : "", package, "package.json", NULL);

  if (node == NULL)
    *skip_reason = g_strdup ("node is not installed (Debian package nodejs)");
  else if (modules == NULL || !g_file_test (manifest, G_FILE_TEST_EXISTS))
    *skip_reason = g_strdup_printf ("%s is not installed in tests/node_modules (run npm ci in tests/)", package);
  else
    return TRUE;
  return FALSE;
}

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

/* The port at the start of @line, or in its JSON "port" member. */
static guint16
announced_port (const char *line)
{
  guint64 port = 0;

  if (line[0] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      json_parser_load_from_data (parser, line, -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      port = json_object_get_int_member_with_default (object, "port", 0);
    }
  else
    g_ascii_string_to_unsigned (line, 10, 1, 65535, &port, NULL);
  return port;
}

void
auth_peer_server_spawn (AuthPeerServer      *server,
                        const char * const  *envp,
                        const char * const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  LineWait wait = { FALSE, NULL };
  guint16 port;

  if (g_getenv ("TESS_NODE_MODULES") != NULL)
    g_subprocess_launcher_setenv (launcher, "NODE_PATH", g_getenv ("TESS_NODE_MODULES"), TRUE);
  for (guint i = 0; envp != NULL && envp[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (envp[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  server->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_cb, &wait);
  if (!tess_test_wait_until (line_read, &wait, ANNOUNCE_TIMEOUT_MS))
    g_error ("%s %s did not print its port within %u s", argv[0], argv[1], ANNOUNCE_TIMEOUT_MS / 1000);
  if (wait.line == NULL)
    g_error ("%s %s exited before printing its port (see its messages above)", argv[0], argv[1]);
  port = announced_port (wait.line);
  if (port == 0)
    g_error ("%s %s printed ‘%s’, not a port", argv[0], argv[1], wait.line);
  set_port (server, port);
  server->announcement = wait.line;
}

static gboolean
run_quietly (GError **error,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list args;

  va_start (args, error);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, error);
  return process != NULL && g_subprocess_wait_check (process, NULL, error);
}

gboolean
auth_peer_make_rsa_key (const char  *dir,
                        const char  *name,
                        char       **pkcs8,
                        char       **pkcs1,
                        char       **public_path)
{
  g_autofree char *key8 = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *key1 = g_strdup_printf ("%s/%s-pkcs1.pem", dir, name);
  g_autofree char *pub = g_strdup_printf ("%s/%s-public.pem", dir, name);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (openssl == NULL)
    return FALSE;
  ok = run_quietly (&error, openssl, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", key8, NULL) &&
       run_quietly (&error, openssl, "pkey", "-in", key8, "-traditional", "-out", key1, NULL) &&
       run_quietly (&error, openssl, "pkey", "-in", key8, "-pubout", "-out", pub, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
  if (pkcs8 != NULL)
    *pkcs8 = tess_test_load_text (key8);
  if (pkcs1 != NULL)
    *pkcs1 = tess_test_load_text (key1);
  if (public_path != NULL)
    *public_path = g_steal_pointer (&pub);
  return TRUE;
}

/* Starts a server that listens on the port its configuration names; a port
 * taken between picking and binding makes it exit, so try again. @argv is
 * the command with "CONF" where the configuration file goes. lighttpd and
 * apache2 do not read their standard input: auth_peer_spawn makes them die
 * with the test instead. */
static void
start_listening (AuthPeerServer      *server,
                 char             *(*write_config) (AuthPeerServer *server, guint16 port),
                 const char * const  *argv)
{
  for (guint attempt = 0; attempt < 3 && server->process == NULL; attempt++)
    {
      guint16 port = auth_peer_pick_port ();
      g_autofree char *conf_path = write_config (server, port);
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      const char *args[8] = { NULL };

      g_assert_cmpuint (g_strv_length ((char **) argv), <, G_N_ELEMENTS (args));
      for (guint i = 0; argv[i] != NULL; i++)
        args[i] = g_str_equal (argv[i], "CONF") ? conf_path : argv[i];
      process = auth_peer_spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                                 args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);
      g_assert_no_error (error);
      if (auth_peer_wait_listening (process, port, LISTEN_TIMEOUT_MS))
        {
          server->process = g_steal_pointer (&process);
          set_port (server, port);
        }
    }
  if (server->process == NULL)
    {
      g_autofree char *log_path = g_build_filename (server->dir, "error.log", NULL);
      g_autofree char *log = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      g_error ("%s did not start: %s", argv[0], log ? log : "(no error.log)");
    }
}

static char *
find_sbin_program (const char *name)
{
  g_autofree char *sbin = g_build_filename ("/usr/sbin", name, NULL);
  char *path = g_find_program_in_path (name);

  if (path == NULL && g_file_test (sbin, G_FILE_TEST_IS_EXECUTABLE))
    path = g_steal_pointer (&sbin);
  return path;
}

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

static char *
write_lighttpd_config (AuthPeerServer *server,
                       guint16         port)
{
  g_autofree char *shared_conf = peer_script ("lighttpd-auth.conf");
  g_autofree char *conf = g_strdup_printf ("var.basedir = \"%s\"\nserver.port = %u\ninclude \"%s\"\n",
                                           server->dir, port, shared_conf);

  return auth_peer_write_file (server->dir, "lighttpd.conf", conf);
}

gboolean
auth_peer_start_lighttpd (AuthPeerServer           *server,
                          const AuthPeerDigestUser *users,
                          guint                     n_users,
                          char                    **skip_reason)
{
  g_autofree char *program = find_sbin_program ("lighttpd");
  g_autoptr(GString) htdigest = g_string_new (NULL);
  const char *dirs[] = { "basic", "md5", "sha256", "sha512-256", "multi", "userhash" };

  if (program == NULL)
    {
      *skip_reason = g_strdup ("lighttpd is not installed (Debian package lighttpd)");
      return FALSE;
    }

  server->dir = tess_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *sub = g_build_filename (server->dir, "htdocs", dirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
      write_file (sub, "index.txt", "protected\n");
    }
  for (guint i = 0; i < n_users; i++)
    {
      const AuthPeerDigestUser *u = &users[i];
      g_autofree char *secret_text = g_strdup_printf ("%s:%s:%s", u->user, u->realm, u->password);
      g_autofree char *user_text = g_strdup_printf ("%s:%s", u->user, u->realm);
      g_autofree char *secret = hex_hash (u->algorithm, secret_text);
      g_autofree char *userhash = hex_hash (u->algorithm, user_text);

      g_string_append_printf (htdigest, "%s:%s:%s", u->user, u->realm, secret);
      if (u->userhash)
        g_string_append_printf (htdigest, ":%s", userhash);
      g_string_append_c (htdigest, '\n');
    }
  write_file (server->dir, "users.htdigest", htdigest->str);
  /* Unprotected: a body larger than one main-loop turn of reads. */
  {
    g_autofree char *htdocs = g_build_filename (server->dir, "htdocs", NULL);
    g_autoptr(GString) large = g_string_sized_new (AUTH_PEER_LARGE_SIZE);

    while (large->len < AUTH_PEER_LARGE_SIZE)
      g_string_append (large, "0123456789abcdefghijklmnopqrstuvwxyz\n");
    g_string_truncate (large, AUTH_PEER_LARGE_SIZE);
    write_file (htdocs, "large.txt", large->str);
  }

  {
    const char *argv[] = { program, "-D", "-f", "CONF", NULL };

    start_listening (server, write_lighttpd_config, argv);
  }
  return TRUE;
}

gboolean
auth_peer_start_hawk (AuthPeerServer      *server,
                      const char          *now,
                      const char * const  *credentials,
                      char               **skip_reason)
{
  g_autofree char *script = peer_script ("hawk-server.js");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  if (!auth_peer_have_node_package ("@hapi/hawk", skip_reason))
    return FALSE;
  g_ptr_array_add (argv, (gpointer) "node");
  g_ptr_array_add (argv, script);
  if (now != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--now");
      g_ptr_array_add (argv, (gpointer) now);
    }
  for (guint i = 0; credentials[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) credentials[i]);
  g_ptr_array_add (argv, NULL);
  auth_peer_server_spawn (server, NULL, (const char * const *) argv->pdata);
  return TRUE;
}

/* Whether /usr/bin/python3 runs @code (imports, checks); @missing says what
 * to install when it does not. */
static gboolean
have_python (const char  *code,
             const char  *missing,
             char       **skip_reason)
{
  g_autoptr(GSubprocess) check = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      *skip_reason = g_strdup ("/usr/bin/python3 is not installed");
      return FALSE;
    }
  check = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "/usr/bin/python3", "-c", code, NULL);
  g_assert_no_error (error);
  if (!g_subprocess_wait_check (check, NULL, NULL))
    {
      *skip_reason = g_strdup (missing);
      return FALSE;
    }
  return TRUE;
}

gboolean
auth_peer_have_oauthlib (char **skip_reason)
{
  return have_python ("import oauthlib, jwt, cryptography; assert oauthlib.__version__ == '3.2.2'",
                      "python3-oauthlib 3.2.2 with python3-jwt and python3-cryptography is "
                      "not installed (Debian package python3-oauthlib)", skip_reason);
}

gboolean
auth_peer_start_httpbin (AuthPeerServer  *server,
                         char           **skip_reason)
{
  g_autofree char *script = peer_script ("httpbin-server.py");
  const char *argv[] = { "/usr/bin/python3", script, NULL };

  if (!have_python ("import httpbin, werkzeug.serving",
                    "python3-httpbin is not installed (Debian package python3-httpbin)", skip_reason))
    return FALSE;
  auth_peer_server_spawn (server, NULL, argv);
  return TRUE;
}

gboolean
auth_peer_start_oauth1 (AuthPeerServer      *server,
                        const char          *rsa_public_path,
                        const char          *token,
                        const char * const  *consumers,
                        char               **skip_reason)
{
  g_autofree char *script = peer_script ("oauth1-server.py");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  if (!auth_peer_have_oauthlib (skip_reason))
    return FALSE;
  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) rsa_public_path);
  g_ptr_array_add (argv, (gpointer) token);
  for (guint i = 0; consumers[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) consumers[i]);
  g_ptr_array_add (argv, NULL);
  auth_peer_server_spawn (server, NULL, (const char * const *) argv->pdata);
  return TRUE;
}

gboolean
auth_peer_start_aws (AuthPeerServer  *server,
                     const char      *credentials_json,
                     char           **skip_reason)
{
  g_autofree char *script = peer_script ("aws-checker.js");
  g_autofree char *env = g_strconcat ("TESS_AWS_CREDENTIALS=", credentials_json, NULL);
  const char *envp[] = { env, NULL };
  const char *argv[] = { "node", script, NULL };

  if (!auth_peer_have_node_package ("@smithy/signature-v4", skip_reason))
    return FALSE;
  auth_peer_server_spawn (server, envp, argv);
  return TRUE;
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

static char *
write_apache_config (AuthPeerServer *server,
                     guint16         port)
{
  g_autofree char *template_path = peer_script ("ntlm-apache.conf.in");
  g_autofree char *text = tess_test_load_text (template_path);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GString) conf = g_string_new (text);

  g_string_replace (conf, "@SERVER_ROOT@", server->dir, 0);
  g_string_replace (conf, "@PORT@", port_text, 0);
  g_string_replace (conf, "@MODULES@", APACHE_MODULES, 0);
  return auth_peer_write_file (server->dir, "apache2.conf", conf->str);
}

gboolean
auth_peer_start_ntlm (AuthPeerServer  *server,
                      const char      *users,
                      char           **skip_reason)
{
  g_autofree char *apache = find_sbin_program ("apache2");
  g_autofree char *module = g_build_filename (APACHE_MODULES, "mod_auth_gssapi.so", NULL);
  g_autofree char *htdocs = NULL;
  g_autofree char *users_path = NULL;
  g_autofree char *users_env = NULL;

  if (apache == NULL)
    {
      *skip_reason = g_strdup ("apache2 is not installed (Debian package apache2)");
      return FALSE;
    }
  if (!g_file_test (module, G_FILE_TEST_EXISTS))
    {
      *skip_reason = g_strdup ("libapache2-mod-auth-gssapi is not installed (Debian package)");
      return FALSE;
    }
  if (!have_gss_ntlmssp ())
    {
      *skip_reason = g_strdup ("gss-ntlmssp is not installed (Debian package gss-ntlmssp)");
      return FALSE;
    }

  server->dir = tess_test_make_tmpdir ();
  htdocs = g_build_filename (server->dir, "htdocs", "ntlm", NULL);
  g_assert_cmpint (g_mkdir_with_parents (htdocs, 0755), ==, 0);
  write_file (htdocs, "ok.txt", "NTLM ok\n");
  users_path = auth_peer_write_file (server->dir, "users", users);

  /* gss-ntlmssp's users file (without it, it asks winbind and refuses
   * everyone); env runs apache2 in its own place, with the same PID. */
  users_env = g_strconcat ("NTLM_USER_FILE=", users_path, NULL);
  {
    const char *argv[] = { "env", users_env, apache, "-X", "-f", "CONF", NULL };

    start_listening (server, write_apache_config, argv);
  }
  return TRUE;
}

gboolean
auth_peer_start_oidc (AuthPeerServer  *server,
                      char           **skip_reason)
{
  g_autofree char *script = peer_script ("oidc-server.js");
  const char *argv[] = { "node", script, NULL };

  if (!auth_peer_have_node_package ("oidc-provider", skip_reason))
    return FALSE;
  auth_peer_server_spawn (server, NULL, argv);
  return TRUE;
}

gboolean
auth_peer_start_verifier (AuthPeerServer  *server,
                          const char      *routes_json,
                          char           **skip_reason)
{
  g_autofree char *script = peer_script ("auth-verify-server.js");
  g_autofree char *env = g_strconcat ("TESS_VERIFY_ROUTES=", routes_json, NULL);
  const char *envp[] = { env, NULL };
  const char *argv[] = { "node", script, NULL };

  if (!auth_peer_have_node_package ("jose", skip_reason) ||
      !auth_peer_have_node_package ("akamai-edgegrid", skip_reason))
    return FALSE;
  auth_peer_server_spawn (server, envp, argv);
  return TRUE;
}
