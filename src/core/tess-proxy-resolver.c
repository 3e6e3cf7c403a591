#include "tess-proxy-resolver.h"

#include <string.h>

struct _TessProxyResolver
{
  GObject parent_instance;
};

static void tess_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TessProxyResolver, tess_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      tess_proxy_resolver_iface_init))

gboolean
tess_proxy_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  size_t length;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;

  /* "[::1]" as it stands in a URI. */
  length = strlen (host);
  if (host[0] == '[' && host[length - 1] == ']')
    bare = g_strndup (host + 1, length - 2);
  else
    bare = g_strdup (host);
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
uri_is_loopback (const char *uri)
{
  g_autofree char *host = NULL;

  if (!g_uri_split_network (uri, G_URI_FLAGS_NONE, NULL, &host, NULL, NULL))
    return FALSE;
  return tess_proxy_host_is_loopback (host);
}

static char **
direct (void)
{
  char **proxies = g_new0 (char *, 2);

  proxies[0] = g_strdup ("direct://");
  return proxies;
}

static gboolean
tess_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
tess_proxy_resolver_lookup (GProxyResolver  *resolver,
                            const char      *uri,
                            GCancellable    *cancellable,
                            GError         **error)
{
  if (uri_is_loopback (uri))
    return direct ();
  return g_proxy_resolver_lookup (g_proxy_resolver_get_default (), uri, cancellable, error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);

  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
tess_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                  const char          *uri,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_set_source_tag (task, tess_proxy_resolver_lookup_async);
  if (uri_is_loopback (uri))
    {
      g_task_return_pointer (task, direct (), (GDestroyNotify) g_strfreev);
      return;
    }
  g_proxy_resolver_lookup_async (g_proxy_resolver_get_default (), uri, cancellable,
                                 lookup_cb, g_steal_pointer (&task));
}

static char **
tess_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tess_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = tess_proxy_resolver_is_supported;
  iface->lookup = tess_proxy_resolver_lookup;
  iface->lookup_async = tess_proxy_resolver_lookup_async;
  iface->lookup_finish = tess_proxy_resolver_lookup_finish;
}

static void
tess_proxy_resolver_class_init (TessProxyResolverClass *klass)
{
}

static void
tess_proxy_resolver_init (TessProxyResolver *self)
{
}

GProxyResolver *
tess_proxy_resolver_new (void)
{
  return g_object_new (TESS_TYPE_PROXY_RESOLVER, NULL);
}
