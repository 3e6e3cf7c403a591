#include "tess-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tess-curl.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-resolve.h"
#include "tess-secrets.h"

/* A workspace collection by name, created when missing. */
static TessItem *
ensure_collection (TessWorkspace  *workspace,
                   const char     *name,
                   GError        **error)
{
  TessItem *collection = tess_workspace_find_collection (workspace, name);
  g_autoptr(TessItem) created = NULL;

  if (collection != NULL)
    return collection;
  created = tess_item_new (TESS_ITEM_COLLECTION, name);
  if (!tess_workspace_add_collection (workspace, created, error))
    return NULL;
  return created;
}

static int
import_curl (const char *command_line,
             const char *into,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessItem) request = tess_curl_import (command_line, &error);
  g_autoptr(TessWorkspace) workspace = NULL;
  TessItem *collection;

  if (request == NULL)
    return tess_cli_usage_error ("import", "%s", error->message);
  if (name != NULL)
    tess_item_set_name (request, name);

  workspace = tess_cli_open_workspace (&error);
  collection = workspace ? ensure_collection (workspace, into, &error) : NULL;
  if (collection == NULL)
    return tess_cli_usage_error ("import", "%s", error->message);
  tess_item_append (collection, request);
  if (!tess_workspace_save_collection (workspace, collection, &error))
    return tess_cli_usage_error ("import", "%s", error->message);
  g_print (_("Imported request ‘%s’ into collection ‘%s’\n"),
           tess_item_get_name (request), tess_item_get_name (collection));
  {
    g_autoptr(GPtrArray) imported = g_ptr_array_new ();

    g_ptr_array_add (imported, request);
    tess_cli_report_imported_secrets (workspace, imported);
  }
  return TESS_CLI_OK;
}

int
tess_cli_import (int    argc,
                 char **argv)
{
  g_autofree char *curl = NULL;
  g_autofree char *into = NULL;
  g_autofree char *name = NULL;
  gboolean no_keyring = FALSE;
  const GOptionEntry entries[] = {
    { "curl", 0, 0, G_OPTION_ARG_STRING, &curl,
      N_("Import a curl command line as a request"), N_("COMMAND") },
    { "no-keyring", 0, 0, G_OPTION_ARG_NONE, &no_keyring,
      N_("Do not use the keyring: secrets in the files are left out of the workspace copy"), NULL },
    { "into", 0, 0, G_OPTION_ARG_STRING, &into,
      N_("Collection that receives a curl request (created when missing; default ‘Imported’)"), N_("NAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the imported curl request"), N_("NAME") },
    { NULL }
  };
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) imported = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  status = tess_cli_parse ("import", _("[FILE…]"),
                           _("Imports Postman collection (v2.0, v2.1), environment and globals\n"
                             "files into the workspace, or a curl command with --curl.\n"
                             "Secrets the files hold go to the keyring; the workspace copy has\n"
                             "them empty."),
                           entries, NULL, &argc, &argv);
  if (status >= 0)
    return status;
  tess_cli_set_use_keyring (!no_keyring);
  if (curl != NULL)
    {
      if (argc > 1)
        return tess_cli_usage_error ("import", _("give either files or --curl, not both"));
      return import_curl (curl, into ? into : "Imported", name);
    }
  if (argc < 2)
    return tess_cli_usage_error ("import", _("expected at least one file"));

  workspace = tess_cli_open_workspace (&error);
  if (workspace == NULL)
    return tess_cli_usage_error ("import", "%s", error->message);

  for (int i = 1; i < argc; i++)
    {
      /* Owned by the workspace. */
      GObject *object = tess_workspace_import_file (workspace, argv[i], &error);

      if (object == NULL)
        {
          g_printerr ("tessera-cli import: %s\n", error->message);
          tess_cli_report_imported_secrets (workspace, imported);
          return TESS_CLI_USAGE;
        }
      g_ptr_array_add (imported, object);
      if (TESS_IS_ITEM (object))
        g_print (_("Imported collection ‘%s’\n"), tess_item_get_name (TESS_ITEM (object)));
      else
        g_print (_("Imported %s ‘%s’\n"),
                 tess_environment_get_is_globals (TESS_ENVIRONMENT (object)) ? _("globals") : _("environment"),
                 tess_environment_get_name (TESS_ENVIRONMENT (object)));
    }
  tess_cli_report_imported_secrets (workspace, imported);
  return TESS_CLI_OK;
}

static int
export_curl (TessItem   *collection,
             const char *request_path)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(TessPreparedRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TessItem *item = tess_item_find (collection, request_path);

  if (item == NULL || tess_item_get_kind (item) != TESS_ITEM_REQUEST)
    return tess_cli_usage_error ("export", _("collection ‘%s’ has no request ‘%s’"),
                                 tess_item_get_name (collection), request_path);
  request = tess_resolve_request (item, vars, NULL, &error);
  if (request == NULL)
    {
      g_printerr ("tessera-cli export: %s\n", error->message);
      return TESS_CLI_USAGE;
    }
  text = tess_curl_export (request, item, vars);
  g_print ("%s\n", text);
  return TESS_CLI_OK;
}

/* Secrets asked for: say they leave in plain text, and refuse when the
 * keyring that holds them could not be read. */
static gboolean
check_export_secrets (TessWorkspace *workspace,
                      gboolean       include_secrets)
{
  const GError *error = workspace ? tess_workspace_get_secrets_error (workspace) : NULL;

  if (!include_secrets)
    return TRUE;
  if (error != NULL)
    {
      g_autofree char *reason = tess_secret_store_describe_error (error);

      g_printerr ("tessera-cli export: %s\n", reason);
      g_printerr (_("tessera-cli export: the secrets cannot be included; "
                    "--no-keyring exports without them\n"));
      return FALSE;
    }
  g_printerr (_("tessera-cli export: warning: the export holds secrets (passwords, keys, tokens) "
                "in plain text; anyone who can read the file can use them\n"));
  return TRUE;
}

int
tess_cli_export (int    argc,
                 char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *environment = NULL;
  gboolean curl = FALSE;
  gboolean include_secrets = FALSE;
  gboolean no_keyring = FALSE;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the Postman v2.1 file here (default: standard output)"), N_("FILE") },
    { "curl", 0, 0, G_OPTION_ARG_NONE, &curl,
      N_("Print REQUEST-PATH as a curl command"), NULL },
    { "environment", 0, 0, G_OPTION_ARG_STRING, &environment,
      N_("Export this workspace environment instead of a collection"), N_("NAME") },
    { "include-secrets", 0, 0, G_OPTION_ARG_NONE, &include_secrets,
      N_("Write the secrets of a workspace collection or environment (default: written empty)"), NULL },
    { "no-keyring", 0, 0, G_OPTION_ARG_NONE, &no_keyring,
      N_("Do not read the keyring"), NULL },
    { NULL }
  };
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status;

  status = tess_cli_parse ("export", _("[FILE-OR-COLLECTION [REQUEST-PATH]]"),
                           _("Exports a collection as Postman v2.1, an environment, or one\n"
                             "request as a curl command (--curl). Secrets of a workspace\n"
                             "collection or environment are written empty unless\n"
                             "--include-secrets is given; a collection file is converted as it is."),
                           entries, NULL, &argc, &argv);
  if (status >= 0)
    return status;
  /* Secrets are only read when they are to be written. */
  tess_cli_set_use_keyring (include_secrets && !no_keyring);

  if (environment != NULL)
    {
      TessEnvironment *env;

      if (argc != 1)
        return tess_cli_usage_error ("export", _("--environment takes no other arguments"));
      workspace = tess_cli_open_workspace (&error);
      env = workspace ? tess_workspace_find_environment (workspace, environment) : NULL;
      if (env == NULL)
        return tess_cli_usage_error ("export", _("no environment ‘%s’ in the workspace"), environment);
      if (!check_export_secrets (workspace, include_secrets))
        return TESS_CLI_USAGE;
      root = tess_environment_to_json (env);
      if (!include_secrets)
        tess_secrets_blank_json (root);
    }
  else
    {
      if (argc < 2 || argc > 3 || (curl != (argc == 3)))
        return tess_cli_usage_error ("export", curl ? _("--curl needs a collection and a request path")
                                                    : _("expected one collection"));
      collection = tess_cli_load_collection (argv[1], &workspace, &error);
      if (collection == NULL)
        return tess_cli_usage_error ("export", "%s", error->message);
      /* A collection file is converted as it is; a workspace collection's
       * secrets come from the keyring, and only when asked for. */
      if (workspace != NULL && !check_export_secrets (workspace, include_secrets))
        return TESS_CLI_USAGE;
      if (curl)
        return export_curl (collection, argv[2]);
      if (workspace == NULL)
        root = tess_postman_collection_to_json (collection);
      else
        root = tess_postman_collection_to_json_full (collection,
                                                     include_secrets ? TESS_POSTMAN_EXPORT_INCLUDE_SECRETS : 0);
    }

  if (out != NULL)
    {
      if (!tess_json_file_save (out, root, &error))
        {
          g_printerr ("tessera-cli export: %s\n", error->message);
          return TESS_CLI_USAGE;
        }
      return TESS_CLI_OK;
    }
  text = tess_json_to_string (root, TRUE);
  g_print ("%s\n", text);
  return TESS_CLI_OK;
}
