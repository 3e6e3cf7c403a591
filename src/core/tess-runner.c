#include "tess-runner.h"

#include <glib/gi18n-lib.h>

#include "tess-error.h"
#include "tess-resolve.h"

typedef struct {
  GPtrArray *requests;      /* TessItem */
  GPtrArray *results;       /* TessRunResult */
  TessVariables *vars;
  TessSender *sender;
  gboolean allow_http_errors;
  TessRunProgress progress;
  gpointer progress_data;
  guint next;
  gint64 started;
  TessAuthContext *auth;
} RunData;

static void run_next (GTask *task);

static gboolean
run_next_idle (gpointer user_data)
{
  run_next (user_data);
  return G_SOURCE_REMOVE;
}

void
tess_run_result_free (TessRunResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->item);
  g_clear_pointer (&result->exchange, tess_exchange_free);
  g_clear_error (&result->error);
  g_free (result);
}

static void
run_data_free (RunData *data)
{
  g_ptr_array_unref (data->requests);
  g_ptr_array_unref (data->results);
  tess_variables_unref (data->vars);
  g_object_unref (data->sender);
  g_clear_pointer (&data->auth, tess_auth_context_free);
  g_free (data);
}

static void
collect (TessItem  *item,
         GPtrArray *out)
{
  GListModel *children = tess_item_get_children (item);
  guint n;

  if (tess_item_get_kind (item) == TESS_ITEM_REQUEST)
    {
      g_ptr_array_add (out, g_object_ref (item));
      return;
    }
  n = g_list_model_get_n_items (children);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (children, i);
      collect (child, out);
    }
}

GPtrArray *
tess_run_collect_requests (TessItem *root)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  collect (root, out);
  return out;
}

/* @from_callback: the send's callback, with an empty stack under it. */
static void
finish_one (GTask         *task,
            TessRunResult *result,
            gboolean       from_callback)
{
  RunData *data = g_task_get_task_data (task);

  result->elapsed_us = g_get_monotonic_time () - data->started;
  g_ptr_array_add (data->results, result);
  if (data->progress != NULL)
    data->progress (result, data->next - 1, data->requests->len, data->progress_data);
  /* A failure before the send goes on from an idle, so that a run of them
   * does not recurse; after a send the stack is flat already, and an idle
   * per request would cost a main loop round each. */
  if (from_callback)
    run_next (task);
  else
    g_idle_add_full (G_PRIORITY_DEFAULT, run_next_idle, task, NULL);
}

static void
send_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;   /* the run's one reference, released when it ends */
  RunData *data = g_task_get_task_data (task);
  TessRunResult *result = g_new0 (TessRunResult, 1);
  g_autoptr(GError) error = NULL;

  result->item = g_object_ref (g_ptr_array_index (data->requests, data->next - 1));
  result->exchange = tess_sender_send_finish (TESS_SENDER (source), res, &error);
  g_clear_pointer (&data->auth, tess_auth_context_free);

  if (error != NULL)
    result->error = g_steal_pointer (&error);
  else if (result->exchange != NULL && result->exchange->error != NULL)
    result->error = g_error_copy (result->exchange->error);
  else if (result->exchange != NULL && result->exchange->status >= 400 && !data->allow_http_errors)
    result->error = g_error_new (TESS_ERROR, TESS_ERROR_HTTP, _("HTTP %u %s"),
                                 result->exchange->status,
                                 result->exchange->reason ? result->exchange->reason : "");
  finish_one (task, result, TRUE);
}

static void
run_next (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr(TessPreparedRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  TessItem *item;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (data->next >= data->requests->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->results), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  item = g_ptr_array_index (data->requests, data->next++);
  data->started = g_get_monotonic_time ();
  request = tess_resolve_request (item, data->vars, &data->auth, &error);
  if (request == NULL)
    {
      TessRunResult *result = g_new0 (TessRunResult, 1);

      result->item = g_object_ref (item);
      result->error = g_steal_pointer (&error);
      finish_one (task, result, FALSE);
      return;
    }
  tess_sender_send_async (data->sender, request, data->auth, g_task_get_cancellable (task),
                          send_cb, task);
}

void
tess_run_async (TessItem            *root,
                TessVariables       *vars,
                TessSender          *sender,
                gboolean             allow_http_errors,
                TessRunProgress      progress,
                gpointer             progress_data,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  g_task_set_source_tag (task, tess_run_async);
  data->requests = tess_run_collect_requests (root);
  data->results = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_run_result_free);
  data->vars = tess_variables_ref (vars);
  data->sender = g_object_ref (sender);
  data->allow_http_errors = allow_http_errors;
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  run_next (task);
}

GPtrArray *
tess_run_finish (GAsyncResult  *result,
                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
