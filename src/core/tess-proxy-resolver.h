#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TESS_TYPE_PROXY_RESOLVER (tess_proxy_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TessProxyResolver, tess_proxy_resolver, TESS, PROXY_RESOLVER, GObject)

/**
 * TessProxyResolver:
 *
 * The system proxy resolver (g_proxy_resolver_get_default()), asked only for
 * hosts that are not on this machine: loopback addresses and "localhost" go
 * direct, as every proxy configuration's ignore list has them. The system
 * resolver is loaded on the first request that needs it, so a session that
 * only talks to loopback never loads the proxy modules.
 */
GProxyResolver *tess_proxy_resolver_new      (void);
gboolean        tess_proxy_host_is_loopback  (const char *host);

G_END_DECLS
