#include "tess-test-server.h"

#include <stdarg.h>
#include <string.h>

typedef struct {
  TessTestHandler handler;
  gpointer user_data;
  guint status;
  char *content_type;
  GBytes *body;
  GPtrArray *headers;     /* TessTestHeader */
  guint delay_ms;
} Route;

typedef struct {
  TessTestServer *server;
  SoupServerMessage *msg;
  const Route *route;
  GSource *source;
} Pending;

struct _TessTestServer
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;           /* lives in the server thread */
  GTlsCertificate *certificate;
  GTlsDatabase *client_ca;
  gboolean https;

  GMutex lock;
  GCond cond;
  gboolean ready;
  GError *start_error;
  guint16 port;
  GHashTable *routes;           /* path → Route, not owned */
  GPtrArray *all_routes;        /* owns the routes: a replaced route may still be in use */
  GPtrArray *requests;          /* TessTestRequest */
  GPtrArray *pending;           /* Pending, server thread only */
};

static void
header_free (TessTestHeader *header)
{
  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

static TessTestHeader *
header_new (const char *name,
            const char *value)
{
  TessTestHeader *header = g_new0 (TessTestHeader, 1);

  header->name = g_strdup (name);
  header->value = g_strdup (value);
  return header;
}

static void
route_free (Route *route)
{
  g_free (route->content_type);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_clear_pointer (&route->headers, g_ptr_array_unref);
  g_free (route);
}

static Route *
route_new (void)
{
  Route *route = g_new0 (Route, 1);

  route->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
  return route;
}

/* Requests */

void
tess_test_request_free (TessTestRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->http_version);
  g_ptr_array_unref (request->headers);
  g_bytes_unref (request->body);
  g_free (request->client_certificate_subject);
  g_free (request);
}

TessTestRequest *
tess_test_request_copy (const TessTestRequest *request)
{
  TessTestRequest *copy = g_new0 (TessTestRequest, 1);

  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->query = g_strdup (request->query);
  copy->http_version = g_strdup (request->http_version);
  copy->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
  for (guint i = 0; i < request->headers->len; i++)
    {
      TessTestHeader *header = g_ptr_array_index (request->headers, i);
      g_ptr_array_add (copy->headers, header_new (header->name, header->value));
    }
  copy->body = g_bytes_ref (request->body);
  copy->remote_port = request->remote_port;
  copy->client_certificate_subject = g_strdup (request->client_certificate_subject);
  return copy;
}

const char *
tess_test_request_get_header (const TessTestRequest *request,
                              const char            *name)
{
  for (guint i = 0; i < request->headers->len; i++)
    {
      TessTestHeader *header = g_ptr_array_index (request->headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }
  return NULL;
}

char **
tess_test_request_dup_header_values (const TessTestRequest *request,
                                     const char            *name)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **values;

  for (guint i = 0; i < request->headers->len; i++)
    {
      TessTestHeader *header = g_ptr_array_index (request->headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        g_strv_builder_add (builder, header->value);
    }
  values = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return values;
}

static const char *
version_string (SoupHTTPVersion version)
{
  switch (version)
    {
    case SOUP_HTTP_1_0:
      return "HTTP/1.0";
    case SOUP_HTTP_2_0:
      return "HTTP/2";
    case SOUP_HTTP_1_1:
    default:
      return "HTTP/1.1";
    }
}

static TessTestRequest *
record_request (SoupServerMessage *msg,
                const char        *path)
{
  TessTestRequest *request = g_new0 (TessTestRequest, 1);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (msg);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  request->http_version = g_strdup (version_string (soup_server_message_get_http_version (msg)));
  request->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_ptr_array_add (request->headers, header_new (name, value));
  request->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    request->remote_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote));
  if (peer != NULL)
    request->client_certificate_subject = g_tls_certificate_get_subject_name (peer);
  return request;
}

/* Server thread */

static void
reply_canned (SoupServerMessage *msg,
              const Route       *route,
              guint              status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  for (guint i = 0; i < route->headers->len; i++)
    {
      TessTestHeader *header = g_ptr_array_index (route->headers, i);
      soup_message_headers_append (headers, header->name, header->value);
    }
  if (route->content_type != NULL)
    soup_message_headers_replace (headers, "Content-Type", route->content_type);
  if (route->body != NULL)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), route->body);
}

static void
pending_free (Pending *pending)
{
  if (pending->source != NULL)
    {
      g_source_destroy (pending->source);
      g_source_unref (pending->source);
    }
  g_object_unref (pending->msg);
  g_free (pending);
}

static gboolean
delay_cb (gpointer user_data)
{
  Pending *pending = user_data;

  reply_canned (pending->msg, pending->route, pending->route->status);
  soup_server_message_unpause (pending->msg);
  g_ptr_array_remove (pending->server->pending, pending);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TessTestServer *self = user_data;
  TessTestRequest *request = record_request (msg, path);
  const Route *route;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, request);
  route = g_hash_table_lookup (self->routes, path);
  g_mutex_unlock (&self->lock);
  /* A test blocked in tess_test_wait_until() re-checks its condition. */
  g_main_context_wakeup (NULL);

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, "no route", 8);
    }
  else if (route->handler != NULL)
    route->handler (msg, request, route->user_data);
  else if (route->delay_ms > 0)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->server = self;
      pending->msg = g_object_ref (msg);
      pending->route = route;
      pending->source = g_timeout_source_new (route->delay_ms);
      g_source_set_callback (pending->source, delay_cb, pending, NULL);
      g_source_attach (pending->source, self->context);
      g_ptr_array_add (self->pending, pending);
      soup_server_message_pause (msg);
    }
  else
    reply_canned (msg, route, route->status);
}

static gboolean
stop_cb (gpointer user_data)
{
  TessTestServer *self = user_data;

  /* Answer what is still waiting so libsoup can let go of the messages. */
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (self->pending, i);

      g_source_destroy (pending->source);
      soup_server_message_set_status (pending->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (pending->msg);
    }
  g_ptr_array_set_size (self->pending, 0);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

/* glib-networking asks a server about every client certificate, even one
 * its database verified: accept exactly those. */
static gboolean
client_certificate_cb (SoupServerMessage   *msg,
                       GTlsCertificate     *certificate,
                       GTlsCertificateFlags errors,
                       gpointer             user_data)
{
  return errors == 0;
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (client_certificate_cb), NULL);
}

static gpointer
server_thread (gpointer user_data)
{
  TessTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  gboolean listening;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("tls-certificate", self->certificate, NULL);
  if (self->client_ca != NULL)
    {
      g_object_set (self->server,
                    "tls-database", self->client_ca,
                    "tls-auth-mode", G_TLS_AUTHENTICATION_REQUIRED,
                    NULL);
      g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), NULL);
    }
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  listening = soup_server_listen_local (self->server, 0,
                                        SOUP_SERVER_LISTEN_IPV4_ONLY | (self->https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                        &error);

  g_mutex_lock (&self->lock);
  if (listening)
    {
      uris = soup_server_get_uris (self->server);
      self->port = g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }
  else
    self->start_error = g_steal_pointer (&error);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (listening)
    g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* Public API */

static TessTestServer *
server_start (GTlsCertificate *certificate,
              GTlsDatabase    *client_ca,
              GError         **error)
{
  TessTestServer *self = g_new0 (TessTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->certificate = certificate ? g_object_ref (certificate) : NULL;
  self->client_ca = client_ca ? g_object_ref (client_ca) : NULL;
  self->https = certificate != NULL;
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all_routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_test_request_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

  self->thread = g_thread_new ("tess-test-server", server_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      tess_test_server_free (self);
      return NULL;
    }
  return self;
}

TessTestServer *
tess_test_server_new (void)
{
  g_autoptr(GError) error = NULL;
  TessTestServer *self = server_start (NULL, NULL, &error);

  g_assert_no_error (error);
  return self;
}

TessTestServer *
tess_test_server_new_tls (const char *cert_file,
                          const char *key_file,
                          const char *client_ca_file,
                          GError    **error)
{
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert_file, key_file, error);
  g_autoptr(GTlsDatabase) client_ca = NULL;

  if (certificate == NULL)
    return NULL;
  if (client_ca_file != NULL)
    {
      client_ca = g_tls_file_database_new (client_ca_file, error);
      if (client_ca == NULL)
        return NULL;
    }
  return server_start (certificate, client_ca, error);
}

void
tess_test_server_free (TessTestServer *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, stop_cb, self);
      g_thread_join (self->thread);
    }
  g_ptr_array_unref (self->pending);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_clear_object (&self->certificate);
  g_clear_object (&self->client_ca);
  g_hash_table_unref (self->routes);
  g_ptr_array_unref (self->all_routes);
  g_ptr_array_unref (self->requests);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

guint16
tess_test_server_get_port (TessTestServer *self)
{
  return self->port;
}

char *
tess_test_server_dup_url (TessTestServer *self,
                          const char     *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->https ? "https" : "http",
                          self->port, path ? path : "/");
}

static void
add_route (TessTestServer *self,
           const char     *path,
           Route          *route)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->all_routes, route);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  g_mutex_unlock (&self->lock);
}

void
tess_test_server_add_handler (TessTestServer *self,
                              const char     *path,
                              TessTestHandler handler,
                              gpointer        user_data)
{
  Route *route = route_new ();

  route->handler = handler;
  route->user_data = user_data;
  add_route (self, path, route);
}

void
tess_test_server_add_response (TessTestServer *self,
                               const char     *path,
                               guint           status,
                               const char     *content_type,
                               GBytes         *body,
                               ...)
{
  Route *route = route_new ();
  const char *name;
  va_list args;

  route->status = status;
  route->content_type = g_strdup (content_type);
  route->body = body;
  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (route->headers, header_new (name, va_arg (args, const char *)));
  va_end (args);
  add_route (self, path, route);
}

void
tess_test_server_add_delayed (TessTestServer *self,
                              const char     *path,
                              guint           delay_ms,
                              const char     *body)
{
  Route *route = route_new ();

  route->status = SOUP_STATUS_OK;
  route->content_type = g_strdup ("text/plain");
  route->body = g_bytes_new (body, strlen (body));
  route->delay_ms = MAX (delay_ms, 1);
  add_route (self, path, route);
}

void
tess_test_server_add_redirect (TessTestServer *self,
                               const char     *path,
                               guint           status,
                               const char     *location)
{
  tess_test_server_add_response (self, path, status, NULL, NULL, "Location", location, NULL);
}

guint
tess_test_server_get_request_count (TessTestServer *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->requests->len;
  g_mutex_unlock (&self->lock);
  return count;
}

TessTestRequest *
tess_test_server_dup_last_request (TessTestServer *self)
{
  TessTestRequest *copy = NULL;

  g_mutex_lock (&self->lock);
  if (self->requests->len > 0)
    copy = tess_test_request_copy (g_ptr_array_index (self->requests, self->requests->len - 1));
  g_mutex_unlock (&self->lock);
  return copy;
}

GPtrArray *
tess_test_server_dup_requests (TessTestServer *self)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_test_request_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copies, tess_test_request_copy (g_ptr_array_index (self->requests, i)));
  g_mutex_unlock (&self->lock);
  return copies;
}
