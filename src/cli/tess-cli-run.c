#include "tess-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tess-runner.h"

typedef struct {
  gboolean done;
  GPtrArray *results;
  GError *error;
  gboolean cli_reporter;
  guint flush_source;
} RunWait;

/* How long printed lines may wait in stdout's buffer when it is not a
 * terminal: a slow request still shows the lines before it. */
#define FLUSH_DELAY_MS 100

static char *
format_size (gint64 size)
{
  return g_format_size_full (MAX (size, 0), G_FORMAT_SIZE_DEFAULT);
}

static gboolean
flush_cb (gpointer user_data)
{
  RunWait *wait = user_data;

  fflush (stdout);
  wait->flush_source = 0;
  return G_SOURCE_REMOVE;
}

/* g_print() flushes stdout on every call: a write per line. The lines of a
 * run go through stdio's own buffering instead (line by line on a terminal,
 * else flushed FLUSH_DELAY_MS after they are printed), unless the locale's
 * charset needs g_print()'s conversion. */
static void
print_text (RunWait    *wait,
            const char *text)
{
  if (!g_get_charset (NULL))
    {
      g_print ("%s", text);
      return;
    }
  fputs (text, stdout);
  if (wait->flush_source == 0)
    wait->flush_source = g_timeout_add (FLUSH_DELAY_MS, flush_cb, wait);
}

static void
progress_cb (TessRunResult *result,
             guint          index,
             guint          total,
             gpointer       user_data)
{
  RunWait *wait = user_data;
  g_autofree char *path = NULL;
  g_autoptr(GString) text = NULL;
  TessExchange *exchange = result->exchange;

  /* The reporters need the figures only: a long run of large responses
   * must not hold them all. */
  if (exchange != NULL)
    tess_exchange_drop_payload (exchange);
  if (!wait->cli_reporter)
    return;
  text = g_string_new (NULL);
  g_string_append (text, "→ ");
  /* The resolved request carries the item's path already. */
  if (exchange != NULL && exchange->request != NULL && exchange->request->item_path != NULL)
    g_string_append (text, exchange->request->item_path);
  else
    {
      path = tess_item_dup_path (result->item);
      g_string_append (text, path);
    }
  g_string_append_c (text, '\n');
  if (exchange != NULL && exchange->status > 0)
    {
      g_autofree char *uri = tess_prepared_request_dup_uri (exchange->request);
      g_autofree char *size = format_size (exchange->body_size);

      g_string_append_printf (text, "  %s %s [%u %s, %s, %" G_GINT64_FORMAT " ms]\n",
                              exchange->request->method, uri, exchange->status,
                              exchange->reason ? exchange->reason : "", size, result->elapsed_us / 1000);
    }
  if (result->error != NULL)
    g_string_append_printf (text, "  ✗ %s\n", result->error->message);
  print_text (wait, text->str);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunWait *wait = user_data;

  wait->results = tess_run_finish (result, &wait->error);
  wait->done = TRUE;
}

static guint
print_summary (GPtrArray *results)
{
  guint failed = 0;
  gint64 total_us = 0, response_us = 0, bytes = 0;
  guint responses = 0;

  for (guint i = 0; i < results->len; i++)
    {
      TessRunResult *result = g_ptr_array_index (results, i);

      failed += result->error != NULL;
      total_us += result->elapsed_us;
      if (result->exchange != NULL && result->exchange->status > 0)
        {
          responses++;
          response_us += MAX (result->exchange->timings.total, 0);
          bytes += MAX (result->exchange->body_size, 0);
        }
    }

  {
    g_autofree char *size = format_size (bytes);

    g_print ("\n┌─────────────────────────┬──────────┬──────────┐\n");
    g_print ("│                         │ executed │   failed │\n");
    g_print ("├─────────────────────────┼──────────┼──────────┤\n");
    g_print ("│ requests                │ %8u │ %8u │\n", results->len, failed);
    g_print ("└─────────────────────────┴──────────┴──────────┘\n");
    g_print (_("total run duration: %.3f s\n"), total_us / 1e6);
    g_print (_("total data received: %s\n"), size);
    if (responses > 0)
      g_print (_("average response time: %.1f ms\n"), response_us / 1e3 / responses);
  }
  return failed;
}

int
tess_cli_run (int    argc,
              char **argv)
{
  TessCliCommon common = { 0 };
  g_autofree char *folder = NULL;
  g_autofree char *reporters = NULL;
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder,
      N_("Run only the requests in this folder (a name or a path of names)"), N_("PATH") },
    { "reporter", 'r', 0, G_OPTION_ARG_STRING, &reporters,
      N_("Comma-separated reporters: cli, junit (default: cli)"), N_("LIST") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Where the junit reporter writes its XML"), N_("FILE") },
    { NULL }
  };
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(TessVariables) vars = NULL;
  g_autoptr(TessSender) sender = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) reporter_list = NULL;
  gboolean junit = FALSE;
  RunWait wait = { 0 };
  TessItem *root;
  int status;

  status = tess_cli_parse ("run", _("FILE-OR-COLLECTION"),
                           _("Runs every request of a collection in order, like newman.\n"
                             "Exits with 1 when any request failed."),
                           entries, &common, &argc, &argv);
  if (status >= 0)
    goto done;
  if (argc != 2)
    {
      status = tess_cli_usage_error ("run", _("expected one collection"));
      goto done;
    }

  reporter_list = g_strsplit (reporters ? reporters : "cli", ",", -1);
  for (guint i = 0; reporter_list[i] != NULL; i++)
    {
      g_strstrip (reporter_list[i]);
      if (g_str_equal (reporter_list[i], "cli"))
        wait.cli_reporter = TRUE;
      else if (g_str_equal (reporter_list[i], "junit"))
        junit = TRUE;
      else
        {
          status = tess_cli_usage_error ("run", _("unknown reporter ‘%s’ (known: cli, junit)"), reporter_list[i]);
          goto done;
        }
    }
  if (junit && out == NULL)
    {
      status = tess_cli_usage_error ("run", _("the junit reporter needs --out FILE"));
      goto done;
    }

  collection = tess_cli_load_collection (argv[1], &workspace, &error);
  if (collection == NULL)
    {
      status = tess_cli_usage_error ("run", "%s", error->message);
      goto done;
    }
  root = collection;
  if (folder != NULL)
    {
      root = tess_item_find (collection, folder);
      if (root == NULL || tess_item_get_kind (root) != TESS_ITEM_FOLDER)
        {
          status = tess_cli_usage_error ("run", _("collection ‘%s’ has no folder ‘%s’"),
                                         tess_item_get_name (collection), folder);
          goto done;
        }
    }
  vars = tess_cli_make_variables (&common, workspace, &error);
  sender = vars ? tess_cli_make_sender (&common, workspace, &error) : NULL;
  if (sender == NULL)
    {
      status = tess_cli_usage_error ("run", "%s", error->message);
      goto done;
    }
  /* The reporters show no console text. */
  tess_sender_set_dumps (sender, FALSE);
  status = tess_cli_check_secrets ("run", &common, workspace, root, vars);
  if (status >= 0)
    goto done;

  if (wait.cli_reporter)
    g_print ("%s\n\n", tess_item_get_name (collection));
  tess_run_async (root, vars, sender, common.allow_http_errors, progress_cb, &wait, NULL, run_cb, &wait);
  tess_cli_wait (&wait.done);
  /* What the run printed comes before any message on stderr. */
  g_clear_handle_id (&wait.flush_source, g_source_remove);
  fflush (stdout);
  if (wait.results == NULL)
    {
      g_printerr ("tessera-cli run: %s\n", wait.error->message);
      status = TESS_CLI_FAILED;
      goto done;
    }

  status = (wait.cli_reporter ? print_summary (wait.results) : 0) > 0 ? TESS_CLI_FAILED : TESS_CLI_OK;
  for (guint i = 0; i < wait.results->len && status == TESS_CLI_OK; i++)
    if (((TessRunResult *) wait.results->pdata[i])->error != NULL)
      status = TESS_CLI_FAILED;
  if (junit && !tess_cli_write_junit (out, root, wait.results, &error))
    {
      g_printerr ("tessera-cli run: %s\n", error->message);
      status = TESS_CLI_USAGE;
    }

done:
  tess_cli_release_at_exit ((gpointer *) &collection, g_object_unref);
  tess_cli_release_at_exit ((gpointer *) &workspace, g_object_unref);
  tess_cli_release_at_exit ((gpointer *) &wait.results, (GDestroyNotify) g_ptr_array_unref);
  g_clear_error (&wait.error);
  tess_cli_common_clear (&common);
  return status;
}
