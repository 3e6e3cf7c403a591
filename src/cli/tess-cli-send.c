#include "tess-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tess-curl.h"
#include "tess-resolve.h"

typedef struct {
  gboolean done;
  TessExchange *exchange;
  GError *error;
} SendWait;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendWait *wait = user_data;

  wait->exchange = tess_sender_send_finish (TESS_SENDER (source), result, &wait->error);
  wait->done = TRUE;
}

/* The auth-generated entries, with where they came from, as comments on stderr:
 * stdout stays exactly what goes on the wire. */
static void
print_origins (TessPreparedRequest *request)
{
  for (guint i = 0; i < request->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (request->headers, i);
      if (param->origin == TESS_ORIGIN_AUTH)
        g_printerr ("# header %s: %s\n", param->name, param->origin_label ? param->origin_label : "auth");
    }
  for (guint i = 0; i < request->query->len; i++)
    {
      TessParam *param = g_ptr_array_index (request->query, i);
      if (param->origin == TESS_ORIGIN_AUTH)
        g_printerr ("# query %s: %s\n", param->name, param->origin_label ? param->origin_label : "auth");
    }
  for (guint i = 0; i < request->unresolved->len; i++)
    g_printerr (_("# warning: unresolved variable {{%s}}\n"), (char *) request->unresolved->pdata[i]);
}

static void
print_response (TessExchange *exchange,
                gboolean      include)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (include)
    {
      g_print ("%s %u %s\r\n", exchange->http_version ? exchange->http_version : "HTTP/1.1",
               exchange->status, exchange->reason ? exchange->reason : "");
      for (guint i = 0; i < exchange->response_headers->len; i++)
        {
          TessParam *param = g_ptr_array_index (exchange->response_headers, i);
          g_print ("%s: %s\r\n", param->name, param->value);
        }
      g_print ("\r\n");
    }
  body = tess_exchange_dup_body (exchange, &error);
  if (body != NULL)
    fwrite (g_bytes_get_data (body, NULL), 1, g_bytes_get_size (body), stdout);
  else
    g_printerr ("tessera-cli send: %s\n", error->message);
  fflush (stdout);
}

int
tess_cli_send (int    argc,
               char **argv)
{
  TessCliCommon common = { 0 };
  gboolean dry_run = FALSE, include = FALSE, verbose = FALSE, curl = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print the request exactly as it would go on the wire, and do not send it"), NULL },
    { "curl", 0, 0, G_OPTION_ARG_NONE, &curl,
      N_("Print the request as a curl command, and do not send it"), NULL },
    { "include", 'i', 0, G_OPTION_ARG_NONE, &include,
      N_("Print the response status line and headers before the body"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Print every round trip (challenges, redirects) on stderr"), NULL },
    { NULL }
  };
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(TessVariables) vars = NULL;
  g_autoptr(TessPreparedRequest) request = NULL;
  g_autoptr(TessAuthContext) auth = NULL;
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(GError) error = NULL;
  SendWait wait = { 0 };
  TessItem *item;
  int status;

  status = tess_cli_parse ("send", _("FILE-OR-COLLECTION REQUEST-PATH"),
                           _("Sends one request of a collection. REQUEST-PATH is the request’s\n"
                             "name, its path of folder names joined by ‘/’, or its id."),
                           entries, &common, &argc, &argv);
  if (status >= 0)
    goto out;
  if (argc != 3)
    {
      status = tess_cli_usage_error ("send", _("expected a collection and a request path"));
      goto out;
    }

  collection = tess_cli_load_collection (argv[1], &workspace, &error);
  if (collection == NULL)
    {
      status = tess_cli_usage_error ("send", "%s", error->message);
      goto out;
    }
  item = tess_item_find (collection, argv[2]);
  if (item == NULL || tess_item_get_kind (item) != TESS_ITEM_REQUEST)
    {
      status = tess_cli_usage_error ("send", _("collection ‘%s’ has no request ‘%s’"),
                                     tess_item_get_name (collection), argv[2]);
      goto out;
    }
  vars = tess_cli_make_variables (&common, workspace, &error);
  if (vars == NULL)
    {
      status = tess_cli_usage_error ("send", "%s", error->message);
      goto out;
    }
  status = tess_cli_check_secrets ("send", &common, workspace, item, vars);
  if (status >= 0)
    goto out;

  request = tess_resolve_request (item, vars, &auth, &error);
  if (request == NULL)
    {
      /* A request that cannot be prepared (an empty auth field…) is not sent. */
      g_printerr ("tessera-cli send: %s\n", error->message);
      status = TESS_CLI_USAGE;
      goto out;
    }

  if (dry_run || curl)
    {
      g_autofree char *text = curl ? tess_curl_export (request, item, vars)
                                   : tess_prepared_request_to_wire (request);
      print_origins (request);
      fputs (text, stdout);
      if (curl)
        fputc ('\n', stdout);
      status = TESS_CLI_OK;
      goto out;
    }

  sender = tess_cli_make_sender (&common, workspace, &error);
  if (sender == NULL)
    {
      status = tess_cli_usage_error ("send", "%s", error->message);
      goto out;
    }
  tess_sender_send_async (sender, request, auth, NULL, send_cb, &wait);
  tess_cli_wait (&wait.done);

  if (wait.exchange != NULL && verbose)
    {
      g_autofree char *log = tess_exchange_dup_log (wait.exchange);
      g_printerr ("%s\n", log);
    }
  if (wait.error != NULL || wait.exchange == NULL || wait.exchange->error != NULL)
    {
      const GError *failure = wait.error ? wait.error : wait.exchange ? wait.exchange->error : NULL;
      g_printerr ("tessera-cli send: %s: %s\n", request->item_path,
                  failure ? failure->message : _("no response"));
      status = TESS_CLI_FAILED;
      goto out;
    }
  print_response (wait.exchange, include);
  status = (wait.exchange->status >= 400 && !common.allow_http_errors) ? TESS_CLI_FAILED : TESS_CLI_OK;

out:
  tess_cli_release_at_exit ((gpointer *) &collection, g_object_unref);
  tess_cli_release_at_exit ((gpointer *) &workspace, g_object_unref);
  g_clear_error (&wait.error);
  g_clear_pointer (&wait.exchange, tess_exchange_free);
  tess_cli_common_clear (&common);
  return status;
}
