#include "tess-test-send.h"

#include "tess-test-util.h"

static void
send_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TessTestSend *send = user_data;
  g_autoptr(GError) error = NULL;

  send->exchange = tess_sender_send_finish (TESS_SENDER (source), result, &error);
  g_assert_no_error (error);
  send->done = TRUE;
}

gboolean
tess_test_send_is_done (gpointer send)
{
  return ((TessTestSend *) send)->done;
}

void
tess_test_send_async (TessSender          *sender,
                      TessPreparedRequest *req,
                      TessAuthContext     *auth,
                      GCancellable        *cancellable,
                      TessTestSend        *send)
{
  tess_sender_send_async (sender, req, auth, cancellable, send_done_cb, send);
}

TessExchange *
tess_test_send (TessSender          *sender,
                TessPreparedRequest *req,
                TessAuthContext     *auth)
{
  TessTestSend send = { 0 };

  tess_test_send_async (sender, req, auth, NULL, &send);
  g_assert_true (tess_test_wait_until (tess_test_send_is_done, &send, 30000));
  g_assert_nonnull (send.exchange);
  return send.exchange;
}

guint16
tess_test_closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* Bound but never listening, and closed: nothing accepts on this port. */
  g_socket_close (socket, NULL);
  return port;
}
