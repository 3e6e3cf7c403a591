#include "tess-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tess-curl.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-resolve.h"

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
  return TESS_CLI_OK;
}

int
tess_cli_import (int    argc,
                 char **argv)
{
  g_autofree char *curl = NULL;
  g_autofree char *into = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "curl", 0, 0, G_OPTION_ARG_STRING, &curl,
      N_("Import a curl command line as a request"), N_("COMMAND") },
    { "into", 0, 0, G_OPTION_ARG_STRING, &into,
      N_("Collection that receives a curl request (created when missing; default ‘Imported’)"), N_("NAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the imported curl request"), N_("NAME") },
    { NULL }
  };
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  status = tess_cli_parse ("import", _("[FILE…]"),
                           _("Imports Postman collection (v2.0, v2.1), environment and globals\n"
                             "files into the workspace, or a curl command with --curl."),
                           entries, NULL, &argc, &argv);
  if (status >= 0)
    return status;
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
      GObject *imported = tess_workspace_import_file (workspace, argv[i], &error);

      if (imported == NULL)
        {
          g_printerr ("tessera-cli import: %s\n", error->message);
          return TESS_CLI_USAGE;
        }
      if (TESS_IS_ITEM (imported))
        g_print (_("Imported collection ‘%s’\n"), tess_item_get_name (TESS_ITEM (imported)));
      else
        g_print (_("Imported %s ‘%s’\n"),
                 tess_environment_get_is_globals (TESS_ENVIRONMENT (imported)) ? _("globals") : _("environment"),
                 tess_environment_get_name (TESS_ENVIRONMENT (imported)));
    }
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

int
tess_cli_export (int    argc,
                 char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *environment = NULL;
  gboolean curl = FALSE;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the Postman v2.1 file here (default: standard output)"), N_("FILE") },
    { "curl", 0, 0, G_OPTION_ARG_NONE, &curl,
      N_("Print REQUEST-PATH as a curl command"), NULL },
    { "environment", 0, 0, G_OPTION_ARG_STRING, &environment,
      N_("Export this workspace environment instead of a collection"), N_("NAME") },
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
                             "request as a curl command (--curl)."),
                           entries, NULL, &argc, &argv);
  if (status >= 0)
    return status;

  if (environment != NULL)
    {
      TessEnvironment *env;

      if (argc != 1)
        return tess_cli_usage_error ("export", _("--environment takes no other arguments"));
      workspace = tess_cli_open_workspace (&error);
      env = workspace ? tess_workspace_find_environment (workspace, environment) : NULL;
      if (env == NULL)
        return tess_cli_usage_error ("export", _("no environment ‘%s’ in the workspace"), environment);
      root = tess_environment_to_json (env);
    }
  else
    {
      if (argc < 2 || argc > 3 || (curl != (argc == 3)))
        return tess_cli_usage_error ("export", curl ? _("--curl needs a collection and a request path")
                                                    : _("expected one collection"));
      collection = tess_cli_load_collection (argv[1], &workspace, &error);
      if (collection == NULL)
        return tess_cli_usage_error ("export", "%s", error->message);
      if (curl)
        return export_curl (collection, argv[2]);
      root = tess_postman_collection_to_json (collection);
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
