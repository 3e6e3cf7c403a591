#include "peer-child.h"

#include "tess-test-util.h"

void
peer_child_clear (PeerChild *child)
{
  g_clear_pointer (&child->out, g_free);
  g_clear_pointer (&child->err, g_free);
}

void
peer_child_run (const char * const *argv,
                const char         *cwd,
                const char         *workspace,
                const char         *input,
                PeerChild          *child)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new ((input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *proxy_vars[] = { "http_proxy", "https_proxy", "all_proxy", "no_proxy",
                               "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY" };

  for (guint i = 0; i < G_N_ELEMENTS (proxy_vars); i++)
    g_subprocess_launcher_unsetenv (launcher, proxy_vars[i]);
  if (workspace != NULL)
    g_subprocess_launcher_setenv (launcher, "TESSERA_WORKSPACE", workspace, TRUE);
  if (g_getenv ("TESS_NODE_MODULES") != NULL)
    g_subprocess_launcher_setenv (launcher, "NODE_PATH", g_getenv ("TESS_NODE_MODULES"), TRUE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &child->out, &child->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  child->status = g_subprocess_get_exit_status (process);
}

JsonNode *
peer_child_node_json (const char *script,
                      const char *input,
                      JsonParser *parser)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *path = g_build_filename (tess_test_source_dir (), "peers", script, NULL);
  const char *argv[] = { node, path, NULL };
  g_auto(PeerChild) child = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  peer_child_run (argv, NULL, NULL, input, &child);
  if (child.status != 0)
    g_error ("%s exited with status %d: %s", script, child.status, child.err);
  json_parser_load_from_data (parser, child.out, -1, &error);
  g_assert_no_error (error);
  return json_parser_get_root (parser);
}
