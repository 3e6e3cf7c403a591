#include "tess-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tess-error.h"
#include "tess-postman.h"
#include "tess-secret-store-libsecret.h"
#include "tess-sender-settings.h"

GOptionGroup *
tess_cli_common_group (TessCliCommon *common)
{
  const GOptionEntry entries[] = {
    { "env", 'e', 0, G_OPTION_ARG_FILENAME, &common->env,
      N_("Environment file, or the name of a workspace environment"), N_("FILE") },
    { "globals", 'g', 0, G_OPTION_ARG_FILENAME, &common->globals,
      N_("Globals file (default: the workspace globals)"), N_("FILE") },
    { "var", 0, 0, G_OPTION_ARG_STRING_ARRAY, &common->vars,
      N_("Set a variable; wins over every scope (repeatable)"), N_("NAME=VALUE") },
    { "insecure", 'k', 0, G_OPTION_ARG_NONE, &common->insecure,
      N_("Do not verify TLS certificates"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &common->timeout_ms,
      N_("Request timeout in milliseconds (0: none)"), N_("MS") },
    { "allow-http-errors", 0, 0, G_OPTION_ARG_NONE, &common->allow_http_errors,
      N_("Do not count a status of 400 or more as a failure"), NULL },
    { "no-keyring", 0, 0, G_OPTION_ARG_NONE, &common->no_keyring,
      N_("Do not read the keyring: secrets come only from --var and environment files"), NULL },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("request", _("Request options:"),
                                            _("Show request options"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

void
tess_cli_common_clear (TessCliCommon *common)
{
  g_clear_pointer (&common->env, g_free);
  g_clear_pointer (&common->globals, g_free);
  g_clear_pointer (&common->vars, g_strfreev);
}

int
tess_cli_usage_error (const char *command,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("tessera-cli %s: %s\n", command, message);
  g_printerr (_("Try ‘tessera-cli %s --help’.\n"), command);
  return TESS_CLI_USAGE;
}

int
tess_cli_parse (const char          *command,
                const char          *parameters,
                const char          *summary,
                const GOptionEntry  *entries,
                TessCliCommon       *common,
                int                 *argc,
                char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("tessera-cli %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (common != NULL)
    {
      common->timeout_ms = -1;
      g_option_context_add_group (context, tess_cli_common_group (common));
    }
  if (!g_option_context_parse (context, argc, argv, &error))
    return tess_cli_usage_error (command, "%s", error->message);
  if (common != NULL && common->no_keyring)
    tess_cli_set_use_keyring (FALSE);
  return -1;
}

TessWorkspace *
tess_cli_open_workspace (GError **error)
{
  g_autoptr(TessWorkspace) workspace = tess_workspace_new (NULL);

  /* Secrets are filled from the keyring as the workspace loads; when it
   * cannot be read, the workspace says why and requests that need a secret
   * are not sent (tess_cli_check_secrets). */
  if (tess_cli_get_use_keyring ())
    {
      g_autoptr(TessSecretStore) store = tess_secret_store_libsecret_new ();

      tess_workspace_set_secret_store (workspace, store);
    }
  if (!tess_workspace_load (workspace, NULL, error))
    return NULL;
  /* A file that held a secret in plain text is rewritten once the keyring
   * has it: let that finish before this short-lived process does. Failures
   * show in the workspace's secrets error. */
  tess_workspace_flush_secrets (workspace, NULL);
  return g_steal_pointer (&workspace);
}

TessItem *
tess_cli_load_collection (const char     *file_or_name,
                          TessWorkspace **workspace_out,
                          GError        **error)
{
  g_autoptr(TessWorkspace) workspace = NULL;
  TessItem *collection;

  if (g_file_test (file_or_name, G_FILE_TEST_EXISTS))
    {
      JsonNode *document = NULL;

      collection = tess_postman_load_collection_document (file_or_name, &document, error);
      tess_cli_release_at_exit ((gpointer *) &document, (GDestroyNotify) json_node_unref);
      return collection;
    }

  workspace = tess_cli_open_workspace (error);
  if (workspace == NULL)
    return NULL;
  collection = tess_workspace_find_collection (workspace, file_or_name);
  if (collection == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_NOT_FOUND,
                   _("‘%s’ is neither a file nor a collection in the workspace %s"),
                   file_or_name, tess_workspace_get_path (workspace));
      return NULL;
    }
  if (workspace_out != NULL)
    *workspace_out = g_object_ref (workspace);
  return g_object_ref (collection);
}

static TessEnvironment *
load_environment (const char     *file_or_name,
                  TessWorkspace  *workspace,
                  GError        **error)
{
  g_autoptr(TessWorkspace) opened = NULL;
  TessEnvironment *environment;

  if (g_file_test (file_or_name, G_FILE_TEST_EXISTS))
    return tess_postman_load_environment (file_or_name, error);
  if (workspace == NULL)
    {
      opened = tess_cli_open_workspace (error);
      if (opened == NULL)
        return NULL;
      workspace = opened;
    }
  environment = tess_workspace_find_environment (workspace, file_or_name);
  if (environment == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_NOT_FOUND,
                   _("‘%s’ is neither a file nor an environment in the workspace"), file_or_name);
      return NULL;
    }
  return g_object_ref (environment);
}

TessVariables *
tess_cli_make_variables (TessCliCommon  *common,
                         TessWorkspace  *workspace,
                         GError        **error)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();

  if (common->globals != NULL)
    {
      g_autoptr(TessEnvironment) globals = tess_postman_load_environment (common->globals, error);

      if (globals == NULL)
        return NULL;
      tess_variables_set_list (vars, TESS_SCOPE_GLOBAL, tess_environment_get_values (globals));
    }
  else if (workspace != NULL)
    tess_variables_set_list (vars, TESS_SCOPE_GLOBAL,
                             tess_environment_get_values (tess_workspace_get_globals (workspace)));

  if (common->env != NULL)
    {
      g_autoptr(TessEnvironment) environment = load_environment (common->env, workspace, error);

      if (environment == NULL)
        return NULL;
      tess_variables_set_list (vars, TESS_SCOPE_ENVIRONMENT, tess_environment_get_values (environment));
    }

  for (guint i = 0; common->vars != NULL && common->vars[i] != NULL; i++)
    {
      const char *eq = strchr (common->vars[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL || eq == common->vars[i])
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                       _("--var ‘%s’ is not NAME=VALUE"), common->vars[i]);
          return NULL;
        }
      name = g_strndup (common->vars[i], eq - common->vars[i]);
      tess_variables_set (vars, TESS_SCOPE_LOCAL, name, eq + 1);
    }
  return g_steal_pointer (&vars);
}

TessSender *
tess_cli_make_sender (TessCliCommon  *common,
                      TessWorkspace  *workspace,
                      GError        **error)
{
  g_autoptr(TessSender) sender = tess_sender_new ();

  if (workspace != NULL && !tess_sender_apply_workspace (sender, workspace, error))
    return NULL;
  if (common->insecure)
    tess_sender_set_verify_tls (sender, FALSE);
  if (common->timeout_ms >= 0)
    tess_sender_set_timeout (sender, common->timeout_ms);
  return g_steal_pointer (&sender);
}

void
tess_cli_wait (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

void
tess_cli_release_at_exit (gpointer       *pointer,
                          GDestroyNotify  destroy)
{
  gpointer object = g_steal_pointer (pointer);

  if (object != NULL && g_mem_gc_friendly)
    destroy (object);
}
