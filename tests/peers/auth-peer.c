#include "auth-peer.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "tess-test-util.h"

guint16
auth_peer_pick_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

typedef struct {
  gboolean exited;
  guint16 port;
} ListenWait;

static gboolean
accepts_connections (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

static gboolean
listening_or_gone (gpointer data)
{
  ListenWait *wait = data;

  return wait->exited || accepts_connections (wait->port);
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  ListenWait *wait = data;

  /* Cancelled when the wait is over; exited otherwise. */
  wait->exited = g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_rc_box_release (wait);
}

static gboolean
tick_cb (gpointer data)
{
  /* Wakes the main context so the connect attempt is repeated. */
  return G_SOURCE_CONTINUE;
}

gboolean
auth_peer_wait_listening (GSubprocess *process,
                          guint16      port,
                          guint        timeout_ms)
{
  ListenWait *wait = g_rc_box_new0 (ListenWait);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean ok;

  wait->port = port;
  g_subprocess_wait_async (process, cancellable, exited_cb, g_rc_box_acquire (wait));
  tess_test_wait_until (listening_or_gone, wait, timeout_ms);
  ok = !wait->exited && accepts_connections (port);
  g_cancellable_cancel (cancellable);
  g_source_remove (tick);
  g_rc_box_release (wait);
  return ok;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

GSubprocess *
auth_peer_spawn (GSubprocessFlags   flags,
                 GError           **error,
                 const char        *argv0,
                 ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) argv0);
  va_start (args, argv0);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

void
auth_peer_stop (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

TessAuthContext *
auth_peer_context (const char *id,
                   const char *first_key,
                   ...)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup (id);
  TessAuthContext *ctx;
  va_list args;

  g_assert_nonnull (scheme);
  ctx = tess_auth_context_new (scheme, "Peers / Protected", "auth from collection ‘Peers’");
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    tess_auth_context_set (ctx, key, va_arg (args, const char *));
  va_end (args);
  return ctx;
}

typedef struct {
  GAsyncResult *result;
} SendWait;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  SendWait *wait = data;

  wait->result = g_object_ref (result);
}

static gboolean
sent (gpointer data)
{
  return ((SendWait *) data)->result != NULL;
}

TessExchange *
auth_peer_send (TessSender          *sender,
                TessPreparedRequest *req,
                TessAuthContext     *ctx)
{
  g_autoptr(TessPreparedRequest) prepared = tess_prepared_request_copy (req);
  g_autoptr(GError) error = NULL;
  SendWait wait = { NULL };
  TessExchange *exchange;

  if (ctx != NULL)
    {
      g_assert_true (tess_auth_context_check_required (ctx, &error));
      g_assert_no_error (error);
      g_assert_true (ctx->scheme->apply (ctx, prepared, &error));
      g_assert_no_error (error);
    }
  tess_sender_send_async (sender, prepared, ctx, NULL, sent_cb, &wait);
  g_assert_true (tess_test_wait_until (sent, &wait, 20000));
  exchange = tess_sender_send_finish (sender, wait.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exchange);
  g_object_unref (wait.result);
  return exchange;
}

TessExchange *
auth_peer_send_tampered (TessSender          *sender,
                         TessPreparedRequest *req,
                         TessAuthContext     *ctx,
                         TessBodyMode         mode,
                         GBytes              *body)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  tess_prepared_request_set_body (req, mode, body);
  return auth_peer_send (sender, req, NULL);
}

TessPreparedRequest *
auth_peer_request (const char *base_url,
                   const char *method,
                   const char *path)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);

  return tess_prepared_request_new (method, url);
}

TessExchange *
auth_peer_send_get (TessSender      *sender,
                    const char      *base_url,
                    const char      *path,
                    TessAuthContext *ctx)
{
  g_autoptr(TessSender) fresh = sender == NULL ? tess_sender_new () : NULL;
  g_autoptr(TessPreparedRequest) req = auth_peer_request (base_url, "GET", path);

  return auth_peer_send (sender != NULL ? sender : fresh, req, ctx);
}

char *
auth_peer_body_text (TessExchange *exchange)
{
  g_autoptr(GBytes) body = NULL;
  char *text;

  g_assert_no_error (exchange->error);
  body = tess_exchange_dup_body (exchange, NULL);
  g_assert_nonnull (body);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_test_message ("%u %s", exchange->status, text);
  return text;
}

gboolean
auth_peer_ready (const char *skip_reason)
{
  if (skip_reason != NULL)
    {
      tess_test_skip_peer ("%s", skip_reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
auth_peer_log_has (TessExchange *exchange,
                   const char   *text)
{
  GPtrArray *log = exchange->request->log;

  for (guint i = 0; i < log->len; i++)
    if (strstr (g_ptr_array_index (log, i), text) != NULL)
      return TRUE;
  return FALSE;
}
