#include "tess-proxy-resolver.h"
#include "tess-sender.h"

static void
test_loopback_hosts (void)
{
  const char *loopback[] = { "localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]" };
  const char *remote[] = { "example.com", "10.0.0.1", "192.168.1.1", "::2", "localhost.example.com", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    g_assert_true (tess_proxy_host_is_loopback (loopback[i]));
  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    g_assert_false (tess_proxy_host_is_loopback (remote[i]));
}

static void
test_lookup_loopback_is_direct (void)
{
  g_autoptr(GProxyResolver) resolver = tess_proxy_resolver_new ();
  const char *uris[] = { "http://127.0.0.1:8080/x", "https://[::1]:8443/", "http://localhost/" };

  g_assert_true (g_proxy_resolver_is_supported (resolver));
  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) proxies = g_proxy_resolver_lookup (resolver, uris[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (proxies), ==, 1);
      g_assert_cmpstr (proxies[0], ==, "direct://");
    }
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char ***out = user_data;
  g_autoptr(GError) error = NULL;

  *out = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
filled (gpointer data)
{
  return *(char ***) data != NULL;
}

static void
test_lookup_async (void)
{
  g_autoptr(GProxyResolver) resolver = tess_proxy_resolver_new ();
  char **proxies = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_proxy_resolver_lookup_async (resolver, "http://127.0.0.1:1/", NULL, lookup_cb, &proxies);
  while (!filled (&proxies) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (proxies);
  g_assert_cmpstr (proxies[0], ==, "direct://");
  g_strfreev (proxies);
}

static void
test_sender_uses_it (void)
{
  g_autoptr(TessSender) sender = tess_sender_new ();
  SoupSession *session = tess_sender_get_session (sender);

  g_assert_true (TESS_IS_PROXY_RESOLVER (soup_session_get_proxy_resolver (session)));
}

int
main (int argc, char **argv)
{
  /* No proxy from the environment of whoever runs the tests. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/proxy-resolver/loopback-hosts", test_loopback_hosts);
  g_test_add_func ("/proxy-resolver/lookup-loopback-is-direct", test_lookup_loopback_is_direct);
  g_test_add_func ("/proxy-resolver/lookup-async", test_lookup_async);
  g_test_add_func ("/proxy-resolver/sender-uses-it", test_sender_uses_it);
  return g_test_run ();
}
