#pragma once

#include <gio/gio.h>

#include "tess-exchange.h"
#include "tess-item.h"
#include "tess-sender.h"
#include "tess-variables.h"

G_BEGIN_DECLS

/**
 * TessRunResult:
 * @item: the request
 * @exchange: what was sent and received, or %NULL when it could not be prepared
 * @error: why it failed (preparing, sending, or an HTTP error status), or %NULL
 * @elapsed_us: wall time for this request, challenges and redirects included
 */
typedef struct {
  TessItem *item;
  TessExchange *exchange;
  GError *error;
  gint64 elapsed_us;
} TessRunResult;

void tess_run_result_free (TessRunResult *result);

typedef void (*TessRunProgress) (TessRunResult *result,
                                 guint          index,
                                 guint          total,
                                 gpointer       user_data);

/* Every request under @root (a collection or folder), depth first, in order. */
GPtrArray *tess_run_collect_requests (TessItem *root);

/* Runs every request under @root one after the other, like newman. @progress is
 * called after each request. A request fails on a preparation or network error,
 * or on a status ≥ 400 unless @allow_http_errors. The result is a GPtrArray of
 * TessRunResult. */
void       tess_run_async  (TessItem            *root,
                            TessVariables       *vars,
                            TessSender          *sender,
                            gboolean             allow_http_errors,
                            TessRunProgress      progress,
                            gpointer             progress_data,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
GPtrArray *tess_run_finish (GAsyncResult        *result,
                            GError             **error);

G_END_DECLS
