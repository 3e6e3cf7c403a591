/* tessera-cli end to end: the real binary against a loopback server. */
#include <string.h>

#include "tess-json-diff.h"
#include "tess-json-file.h"
#include "tess-test-server.h"
#include "tess-test-util.h"

typedef struct {
  int status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

static char *workspace_dir;
/* TMPDIR for the command when set: where the sender spools large bodies. */
static char *cli_tmpdir;

/* Runs tessera-cli with the NULL-terminated arguments. */
static void
run_cli (CliResult *result,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TESS_CLI"));
  va_start (args, result);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "TESSERA_WORKSPACE", workspace_dir, TRUE);
  if (cli_tmpdir != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "TMPDIR", cli_tmpdir, TRUE);
      /* As a person runs it: without gc-friendly, what the command holds at
       * the end is left to the exit, not freed (and so not cleaned up). */
      g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
  if (g_test_verbose ())
    g_test_message ("status %d\nstdout:\n%s\nstderr:\n%s", result->status, result->out, result->err);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
collection_for (TessTestServer *server)
{
  g_autofree char *base = tess_test_server_dup_url (server, "");

  return g_strdup_printf (
    "{\"info\":{\"name\":\"Shop\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
    " \"variable\":[{\"key\":\"base\",\"value\":\"%s\"}],"
    " \"item\":["
    "  {\"name\":\"Ok\",\"request\":{\"method\":\"GET\",\"url\":\"{{base}}/ok?who={{who}}\","
    "     \"header\":[{\"key\":\"X-Env\",\"value\":\"{{envvar}}\"}]}},"
    "  {\"name\":\"Api\",\"item\":["
    "    {\"name\":\"Missing\",\"request\":{\"method\":\"GET\",\"url\":\"{{base}}/missing\"}},"
    "    {\"name\":\"Post\",\"request\":{\"method\":\"POST\",\"url\":\"{{base}}/ok\","
    "       \"body\":{\"mode\":\"raw\",\"raw\":\"hello {{who}}\"},"
    "       \"auth\":{\"type\":\"basic\",\"basic\":[{\"key\":\"username\",\"value\":\"{{user}}\"},{\"key\":\"password\",\"value\":\"pw\"}]}}}]}]}",
    base);
}

static void
test_help_and_usage (void)
{
  const char *commands[] = { "send", "run", "import", "export" };
  g_auto(CliResult) top = { 0 };
  g_auto(CliResult) unknown = { 0 };

  run_cli (&top, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  g_assert_nonnull (strstr (top.out, "Usage: tessera-cli COMMAND"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CliResult) help = { 0 };
      g_auto(CliResult) bad = { 0 };

      run_cli (&help, commands[i], "--help", NULL);
      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, "Usage:"));
      run_cli (&bad, commands[i], "--no-such-option", NULL);
      g_assert_cmpint (bad.status, ==, 2);
      g_assert_nonnull (strstr (bad.err, "--no-such-option"));
    }

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command ‘frobnicate’"));
}

static void
test_bad_files (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *broken = write_file (dir, "broken.json", "{\n  \"info\": {\n    \"name\": \"x\",,\n  }\n}\n");
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) missing = { 0 };
  g_autofree char *expect = g_strdup_printf ("%s:3:", broken);

  run_cli (&result, "run", broken, NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, expect));

  run_cli (&missing, "send", "/nonexistent/c.json", "R", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/c.json"));
}

static void
test_send_and_dry_run (void)
{
  TessTestServer *server = tess_test_server_new ();
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *json = collection_for (server);
  g_autofree char *file = write_file (dir, "shop.json", json);
  g_autofree char *env = write_file (dir, "env.json",
    "{\"name\":\"Dev\",\"values\":[{\"key\":\"envvar\",\"value\":\"from-env\",\"enabled\":true},"
    "{\"key\":\"who\",\"value\":\"env-who\",\"enabled\":true}]}");
  g_auto(CliResult) dry = { 0 };
  g_auto(CliResult) sent = { 0 };
  g_auto(CliResult) post = { 0 };
  g_auto(CliResult) missing = { 0 };
  g_autofree char *expected = NULL;
  guint16 port = tess_test_server_get_port (server);

  tess_test_server_add_response (server, "/ok", 200, "text/plain", g_bytes_new_static ("pong", 4), NULL);

  run_cli (&dry, "send", file, "Ok", "--env", env, "--var", "who=cli", "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  expected = g_strdup_printf ("GET /ok?who=cli HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nX-Env: from-env\r\n\r\n", port);
  g_assert_cmpstr (dry.out, ==, expected);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 0);

  run_cli (&sent, "send", file, "Ok", "--env", env, NULL);
  g_assert_cmpint (sent.status, ==, 0);
  g_assert_cmpstr (sent.out, ==, "pong");
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 1);

  /* Auth inherited nowhere: this request has its own Basic auth. */
  run_cli (&post, "send", file, "Api/Post", "--var", "user=alice", "--var", "who=w", "--dry-run", NULL);
  g_assert_cmpint (post.status, ==, 0);
  g_assert_nonnull (strstr (post.out, "Authorization: Basic YWxpY2U6cHc=\r\n"));
  g_assert_true (g_str_has_suffix (post.out, "\r\n\r\nhello w"));
  g_assert_nonnull (strstr (post.err, "Basic"));

  /* An empty required auth field: not sent, and the error names it. */
  run_cli (&missing, "send", file, "Api/Post", "--var", "user=", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "Username"));
  g_assert_nonnull (strstr (missing.err, "Shop / Api / Post"));
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 1);

  tess_test_server_free (server);
}

static void
test_run_and_junit (void)
{
  TessTestServer *server = tess_test_server_new ();
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *json = collection_for (server);
  g_autofree char *file = write_file (dir, "shop.json", json);
  g_autofree char *junit = g_build_filename (dir, "report.xml", NULL);
  g_autofree char *xml = NULL;
  g_auto(CliResult) run = { 0 };
  g_auto(CliResult) allowed = { 0 };
  g_auto(CliResult) folder = { 0 };

  tess_test_server_add_response (server, "/ok", 200, "text/plain", g_bytes_new_static ("pong", 4), NULL);

  run_cli (&run, "run", file, "--var", "user=u", "--reporter", "cli,junit", "--out", junit, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "→ Shop / Ok"));
  g_assert_nonnull (strstr (run.out, "→ Shop / Api / Missing"));
  g_assert_nonnull (strstr (run.out, "404"));
  g_assert_nonnull (strstr (run.out, "│ requests                │        3 │        1 │"));
  g_assert_true (g_file_get_contents (junit, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "tests=\"3\" failures=\"1\""));
  g_assert_nonnull (strstr (xml, "<testcase name=\"Missing\" classname=\"Shop / Api\""));

  run_cli (&allowed, "run", file, "--var", "user=u", "--allow-http-errors", NULL);
  g_assert_cmpint (allowed.status, ==, 0);

  run_cli (&folder, "run", file, "--folder", "Api", "--var", "user=u", "--allow-http-errors", NULL);
  g_assert_cmpint (folder.status, ==, 0);
  g_assert_null (strstr (folder.out, "→ Shop / Ok"));
  g_assert_nonnull (strstr (folder.out, "→ Shop / Api / Post"));

  tess_test_server_free (server);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* Bodies over the memory limit go to temporary files: a run reports on
 * them and removes each one as it goes, instead of holding them all. */
static void
test_run_large_bodies (void)
{
  TessTestServer *server = tess_test_server_new ();
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *base = tess_test_server_dup_url (server, "");
  g_autofree char *json = NULL;
  g_autofree char *file = NULL;
  const gsize size = 5 * 1024 * 1024 + 1;
  g_auto(CliResult) run = { 0 };

  tess_test_server_add_response (server, "/big", 200, "application/octet-stream",
                                 g_bytes_new_take (g_malloc0 (size), size), NULL);
  json = g_strdup_printf ("{\"info\":{\"name\":\"Big\",\"schema\":"
                          "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
                          " \"item\":[{\"name\":\"One\",\"request\":{\"method\":\"GET\",\"url\":\"%s/big\"}},"
                          "  {\"name\":\"Two\",\"request\":{\"method\":\"GET\",\"url\":\"%s/big\"}},"
                          "  {\"name\":\"Three\",\"request\":{\"method\":\"GET\",\"url\":\"%s/big\"}}]}",
                          base, base, base);
  file = write_file (dir, "big.json", json);

  cli_tmpdir = tmp;
  run_cli (&run, "run", file, NULL);
  cli_tmpdir = NULL;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "→ Big / Three"));
  g_assert_nonnull (strstr (run.out, "total data received: 15.7"));
  g_assert_cmpuint (count_entries (tmp), ==, 0);
  tess_test_server_free (server);
}

static void
test_import_export (void)
{
  TessTestServer *server = tess_test_server_new ();
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *json = collection_for (server);
  g_autofree char *file = write_file (dir, "shop.json", json);
  g_autofree char *exported = g_build_filename (dir, "out.json", NULL);
  g_autofree char *curl_line = NULL;
  g_auto(CliResult) import = { 0 };
  g_auto(CliResult) by_name = { 0 };
  g_auto(CliResult) export = { 0 };
  g_auto(CliResult) curl = { 0 };
  g_auto(CliResult) curl_in = { 0 };
  g_auto(CliResult) curl_sent = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *difference = NULL;

  tess_test_server_add_response (server, "/ok", 200, "text/plain", g_bytes_new_static ("pong", 4), NULL);

  run_cli (&import, "import", file, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Imported collection ‘Shop’"));

  /* The workspace copy is found by name. */
  run_cli (&by_name, "send", "Shop", "Ok", NULL);
  g_assert_cmpint (by_name.status, ==, 0);
  g_assert_cmpstr (by_name.out, ==, "pong");

  run_cli (&export, "export", file, "--out", exported, NULL);
  g_assert_cmpint (export.status, ==, 0);
  original = tess_json_file_load (file, &error);
  written = tess_json_file_load (exported, &error);
  g_assert_no_error (error);
  difference = tess_json_first_difference (original, written);
  g_assert_null (difference);

  run_cli (&curl, "export", file, "Ok", "--curl", NULL);
  g_assert_cmpint (curl.status, ==, 0);
  g_assert_true (g_str_has_prefix (curl.out, "curl 'http://127.0.0.1:"));
  curl_line = g_strstrip (g_strdup (curl.out));

  run_cli (&curl_in, "import", "--curl", curl_line, "--into", "Pasted", "--name", "FromCurl", NULL);
  g_assert_cmpint (curl_in.status, ==, 0);
  run_cli (&curl_sent, "send", "Pasted", "FromCurl", NULL);
  g_assert_cmpint (curl_sent.status, ==, 0);
  g_assert_cmpstr (curl_sent.out, ==, "pong");

  tess_test_server_free (server);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  workspace_dir = tess_test_make_tmpdir ();

  g_test_add_func ("/cli/help-and-usage", test_help_and_usage);
  g_test_add_func ("/cli/bad-files", test_bad_files);
  g_test_add_func ("/cli/send-and-dry-run", test_send_and_dry_run);
  g_test_add_func ("/cli/run-and-junit", test_run_and_junit);
  g_test_add_func ("/cli/run-large-bodies", test_run_large_bodies);
  g_test_add_func ("/cli/import-export", test_import_export);
  return g_test_run ();
}
