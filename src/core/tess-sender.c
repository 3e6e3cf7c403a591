#include "tess-sender.h"

#include "tess-proxy-resolver.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-error.h"
#include "tess-sender-dump.h"
#include "tess-soup.h"

#define DEFAULT_MAX_REDIRECTS 10
#define DEFAULT_MEMORY_LIMIT  (4 * 1024 * 1024)
#define MAX_CHALLENGE_ROUNDS  5
#define READ_CHUNK            (64 * 1024)
#define READS_PER_TURN        16

struct _TessSender
{
  GObject parent_instance;

  SoupSession *session;
  /* https requests that opted out of verification: a session of their own so
   * a connection accepted without checks is never reused by a request that
   * wants them. */
  SoupSession *insecure_session;
  SoupCookieJar *cookie_jar;
  GTlsDatabase *tls_database;
  GHashTable *client_certificates;   /* "host", "host:port" or "*.domain[:port]" → GTlsCertificate */

  guint timeout_ms;
  gboolean follow_redirects;
  guint max_redirects;
  gboolean verify_tls;
  char *ca_file;
  char *cookie_file;
  gsize memory_limit;
  gboolean dumps;
  /* Where bodies are read into; used only within one synchronous loop of
   * reads (read_available()), so every send can share it. */
  guint8 *read_buffer;
};

typedef enum {
  NEXT_DONE,
  NEXT_RETRY,
  NEXT_REDIRECT,
} NextStep;

typedef struct
{
  TessExchange *exchange;
  TessPreparedRequest *req;        /* the request of the round under way */
  TessAuthContext *auth;           /* the caller's, alive until the callback */
  GCancellable *cancellable;       /* cancelled by the caller or by the timeout */
  GCancellable *caller_cancellable;
  gulong caller_handler;
  GSource *timeout_source;
  gboolean timed_out;

  guint timeout_ms;
  gboolean follow_redirects;
  guint max_redirects;
  gboolean verify_tls;
  gsize memory_limit;
  gboolean dumps;                  /* keep the console dump of each round */
  guint redirects;
  guint challenges;
  gint64 started;

  /* The round under way. */
  SoupMessage *msg;
  gulong handlers[3];              /* on msg: accept-certificate, starting, wrote-headers */
  gboolean round_verify;
  GTlsCertificateFlags tls_errors;
  char *sent_request;              /* dump of the request as it was written */
  NextStep next;
  GInputStream *body_in;
  GSource *read_source;            /* waiting for body_in to be readable */
  gboolean fast_close;             /* body_in closes without I/O at its end */
  GByteArray *buffer;
  GFile *tmp_file;
  GFileIOStream *tmp_io;
  GBytes *chunk;                   /* the chunk being written to tmp_file */
  gint64 body_size;
} SendData;

G_DEFINE_FINAL_TYPE (TessSender, tess_sender, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_FOLLOW_REDIRECTS,
  PROP_MAX_REDIRECTS,
  PROP_VERIFY_TLS,
  PROP_CA_FILE,
  PROP_COOKIE_FILE,
  PROP_MEMORY_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void send_round (GTask *task);
static void read_next  (GTask *task);

/* Sessions */

static SoupSession *
create_session (TessSender *self)
{
  /* No I/O timeout of libsoup's own: the request timeout is ours, and 0
   * means none. */
  g_autoptr(GProxyResolver) proxies = tess_proxy_resolver_new ();
  SoupSession *session = soup_session_new_with_options ("timeout", 0, "proxy-resolver", proxies, NULL);

  /* Auth is the schemes' business: libsoup must neither answer challenges
   * nor add cached credentials behind their back. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  soup_session_add_feature (session, (SoupSessionFeature *) self->cookie_jar);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (session, self->tls_database);
  return session;
}

static SoupSession *
get_insecure_session (TessSender *self)
{
  if (self->insecure_session == NULL)
    self->insecure_session = create_session (self);
  return self->insecure_session;
}

static void
replace_cookie_jar (TessSender    *self,
                    SoupCookieJar *jar)
{
  SoupSession *sessions[] = { self->session, self->insecure_session };

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      if (sessions[i] == NULL)
        continue;
      if (self->cookie_jar != NULL)
        soup_session_remove_feature (sessions[i], (SoupSessionFeature *) self->cookie_jar);
      soup_session_add_feature (sessions[i], (SoupSessionFeature *) jar);
    }
  /* An API client has no notion of a first party: take every cookie. */
  soup_cookie_jar_set_accept_policy (jar, SOUP_COOKIE_JAR_ACCEPT_ALWAYS);
  g_set_object (&self->cookie_jar, jar);
}

/* The session, made on first use: until then libsoup is not even loaded, so
 * a window that has sent nothing yet does not pay for it. */
static SoupSession *
ensure_session (TessSender  *self,
                GError     **error)
{
  if (self->session != NULL)
    return self->session;
  if (tess_soup_get (error) == NULL)
    return NULL;
  if (self->cookie_jar == NULL)
    {
      g_autoptr(SoupCookieJar) jar = self->cookie_file != NULL
                                     ? soup_cookie_jar_text_new (self->cookie_file, FALSE)
                                     : soup_cookie_jar_new ();
      replace_cookie_jar (self, jar);
    }
  self->session = create_session (self);
  return self->session;
}

/* Wire helpers */

static gboolean
is_token (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return TRUE;
}

static const char *
describe_request (const TessPreparedRequest *req)
{
  return req->item_path != NULL ? req->item_path : req->url;
}

static gboolean
uri_is_https (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
}

static int
uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static char *
dup_host_port (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%d", host, uri_port (uri));
  return g_strdup_printf ("%s:%d", host, uri_port (uri));
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         uri_port (a) == uri_port (b);
}

static void
push_round (SendData *state,
            gboolean  answered)
{
  if (!state->dumps)
    return;
  g_ptr_array_add (state->exchange->rounds,
                   tess_dump_round (state->msg, state->req, state->sent_request, answered));
}

/* Errors */

static GError *
map_error (SendData     *state,
           const GError *error)
{
  GUri *uri = state->msg ? soup_message_get_uri (state->msg) : NULL;
  g_autofree char *host_port = uri ? dup_host_port (uri) : g_strdup (state->req->url);

  if (state->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (TESS_ERROR, TESS_ERROR_TIMEOUT, _("no response within %u ms"), state->timeout_ms);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (TESS_ERROR, TESS_ERROR_CANCELLED, _("request ‘%s’ was cancelled"),
                        describe_request (state->req));

  if (error->domain == G_RESOLVER_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return g_error_new (TESS_ERROR, TESS_ERROR_DNS, _("could not resolve host ‘%s’"),
                        uri ? g_uri_get_host (uri) : state->req->url);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (TESS_ERROR, TESS_ERROR_CONNECTION, _("connection to %s refused"), host_port);

  if (state->tls_errors != 0)
    {
      g_autofree char *problems = tess_describe_certificate_flags (state->tls_errors, g_uri_get_host (uri));

      return g_error_new (TESS_ERROR, TESS_ERROR_TLS, _("TLS certificate of %s is not trusted: %s"),
                          host_port, problems);
    }

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    return g_error_new (TESS_ERROR, TESS_ERROR_TLS,
                        _("%s requires a TLS client certificate: none was sent, or it was refused (%s)"),
                        host_port, error->message);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (TESS_ERROR, TESS_ERROR_TLS, _("TLS with %s failed: %s"), host_port, error->message);

  if (error->domain == TESS_ERROR)
    return g_error_copy (error);

  return g_error_new (TESS_ERROR, TESS_ERROR_CONNECTION, _("connection to %s failed: %s"),
                      host_port, error->message);
}

/* Building a message */

static gboolean
check_headers (const TessPreparedRequest *req,
               GError                   **error)
{
  if (!is_token (req->method))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("request ‘%s’: method ‘%s’ is not a valid HTTP token"),
                   describe_request (req), req->method);
      return FALSE;
    }
  for (guint i = 0; i < req->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (req->headers, i);

      if (!is_token (param->name))
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                       _("request ‘%s’: header name ‘%s’ is not a valid HTTP token"),
                       describe_request (req), param->name);
          return FALSE;
        }
      if (strpbrk (param->value, "\r\n") != NULL)
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                       _("request ‘%s’: header ‘%s’ has a line break in its value"),
                       describe_request (req), param->name);
          return FALSE;
        }
    }
  return TRUE;
}

static GUri *
parse_request_uri (const TessPreparedRequest *req,
                   GError                   **error)
{
  g_autofree char *text = tess_prepared_request_dup_uri (req);
  g_autoptr(GUri) uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("request ‘%s’: ‘%s’ is not an http or https URL"), describe_request (req), text);
      return NULL;
    }
  /* The fragment never leaves the client. */
  if (g_uri_get_fragment (uri) != NULL)
    return soup_uri_copy (uri, SOUP_URI_FRAGMENT, NULL, SOUP_URI_NONE);
  return g_steal_pointer (&uri);
}

static gboolean
set_body (SoupMessage               *msg,
          const TessPreparedRequest *req,
          GError                   **error)
{
  if (req->body_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (req->body_file);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GFileInputStream) in = NULL;
      g_autoptr(GError) local_error = NULL;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
      if (info != NULL)
        in = g_file_read (file, NULL, &local_error);
      if (in == NULL)
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_IO, _("request ‘%s’: body file ‘%s’: %s"),
                       describe_request (req), req->body_file, local_error->message);
          return FALSE;
        }
      /* NULL content type: the request's own Content-Type header stands. */
      soup_message_set_request_body (msg, NULL, G_INPUT_STREAM (in), g_file_info_get_size (info));
    }
  else if (req->body != NULL && g_bytes_get_size (req->body) > 0)
    soup_message_set_request_body_from_bytes (msg, NULL, req->body);
  return TRUE;
}

/* "host:port", then "host", then "*.domain:port" and "*.domain" patterns. */
static GTlsCertificate *
lookup_client_certificate (TessSender *self,
                           GUri       *uri)
{
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *host_port = NULL;
  GTlsCertificate *cert;
  GHashTableIter iter;
  const char *key;

  /* The usual case, and one that needs no strings built. */
  if (g_hash_table_size (self->client_certificates) == 0)
    return NULL;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_strdup_printf (":%d", uri_port (uri));
  host_port = g_strconcat (host, port, NULL);
  cert = g_hash_table_lookup (self->client_certificates, host_port);
  if (cert == NULL)
    cert = g_hash_table_lookup (self->client_certificates, host);
  for (int with_port = 1; cert == NULL && with_port >= 0; with_port--)
    {
      g_hash_table_iter_init (&iter, self->client_certificates);
      while (cert == NULL && g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        {
          g_autofree char *domain = NULL;

          if (!g_str_has_prefix (key, "*."))
            continue;
          if (with_port && !g_str_has_suffix (key, port))
            continue;
          domain = g_strndup (key + 1, strlen (key) - 1 - (with_port ? strlen (port) : 0));
          if (strchr (domain, ':') == NULL && g_str_has_suffix (host, domain))
            cert = g_hash_table_lookup (self->client_certificates, key);
        }
    }
  return cert;
}

static gboolean
accept_certificate_cb (SoupMessage         *msg,
                       GTlsCertificate     *certificate,
                       GTlsCertificateFlags errors,
                       gpointer             user_data)
{
  SendData *state = user_data;

  state->tls_errors = errors;
  return !state->round_verify;
}

/* libsoup's cookie jar replaces or removes the Cookie header: put the
 * person's own cookies back, ahead of the jar's. */
static void
starting_cb (SoupMessage *msg,
             gpointer     user_data)
{
  SendData *state = user_data;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  const char *from_jar = soup_message_headers_get_one (headers, "Cookie");
  g_autoptr(GString) cookies = g_string_new (NULL);

  for (guint i = 0; i < state->req->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (state->req->headers, i);

      if (g_ascii_strcasecmp (param->name, "Cookie") == 0 && *param->value != '\0')
        g_string_append_printf (cookies, "%s%s", cookies->len ? "; " : "", param->value);
    }
  if (cookies->len == 0)
    return;
  if (from_jar != NULL)
    g_string_append_printf (cookies, "; %s", from_jar);
  soup_message_headers_replace (headers, "Cookie", cookies->str);
}

static void
wrote_headers_cb (SoupMessage *msg,
                  gpointer     user_data)
{
  SendData *state = user_data;

  /* libsoup has added Host, Connection, Content-Length and cookies by now:
   * this is what went on the wire. */
  g_free (state->sent_request);
  state->sent_request = tess_dump_request (msg, state->req);
}

static SoupMessage *
build_message (TessSender *self,
               SendData   *state,
               GError    **error)
{
  TessPreparedRequest *req = state->req;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;
  GTlsCertificate *cert;

  if (!check_headers (req, error))
    return NULL;
  uri = parse_request_uri (req, error);
  if (uri == NULL)
    return NULL;

  msg = soup_message_new_from_uri (req->method, uri);
  headers = soup_message_get_request_headers (msg);
  for (guint i = 0; i < req->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (req->headers, i);
      soup_message_headers_append (headers, param->name, param->value);
    }
  if (!set_body (msg, req, error))
    return NULL;

  /* Redirects are ours, so each hop is counted and dumped. IDEMPOTENT keeps
   * POST and custom methods on the kept-alive connection, which challenge
   * schemes such as NTLM need. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS | SOUP_MESSAGE_IDEMPOTENT);
  /* libsoup would add its own Accept-Encoding; decode only what was asked for. */
  if (tess_prepared_request_get_header (req, "Accept-Encoding") == NULL)
    soup_message_disable_feature (msg, SOUP_TYPE_CONTENT_DECODER);

  cert = lookup_client_certificate (self, uri);
  if (cert != NULL)
    soup_message_set_tls_client_certificate (msg, cert);

  /* Handlers are kept by id: disconnecting by data walks every handler of
   * the message, which shows in runs of many requests. */
  if (uri_is_https (uri))
    state->handlers[0] = g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), state);
  if (tess_prepared_request_get_header (req, "Cookie") != NULL)
    state->handlers[1] = g_signal_connect_after (msg, "starting", G_CALLBACK (starting_cb), state);
  if (state->dumps)
    state->handlers[2] = g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), state);
  return g_steal_pointer (&msg);
}

/* Redirects */

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void
drop_auth_entries (TessPreparedRequest *req)
{
  for (guint i = req->headers->len; i > 0; i--)
    {
      TessParam *param = g_ptr_array_index (req->headers, i - 1);

      if (param->origin == TESS_ORIGIN_AUTH ||
          g_ascii_strcasecmp (param->name, "Authorization") == 0 ||
          g_ascii_strcasecmp (param->name, "Cookie") == 0 ||
          g_ascii_strcasecmp (param->name, "Host") == 0)
        g_ptr_array_remove_index (req->headers, i - 1);
    }
  for (guint i = req->query->len; i > 0; i--)
    if (((TessParam *) g_ptr_array_index (req->query, i - 1))->origin == TESS_ORIGIN_AUTH)
      g_ptr_array_remove_index (req->query, i - 1);
}

/* Updates state->req for the hop to @location; FALSE (with a warning) when
 * the Location cannot be followed. */
static gboolean
prepare_redirect (SendData   *state,
                  guint       status,
                  const char *location)
{
  TessPreparedRequest *req = state->req;
  GUri *base = soup_message_get_uri (state->msg);
  g_autoptr(GUri) target = g_uri_parse_relative (base, location, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *fragment = g_strdup (req->fragment);
  g_autofree char *text = NULL;
  const char *scheme = target ? g_uri_get_scheme (target) : NULL;

  if (target == NULL || g_uri_get_host (target) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      tess_exchange_add_warning (state->exchange, _("redirect to ‘%s’ not followed: not an http or https URL"), location);
      return FALSE;
    }

  /* Browsers and Postman turn a POST into a GET on 301/302, and 303 means GET. */
  if ((status == 303 && g_strcmp0 (req->method, "HEAD") != 0) ||
      ((status == 301 || status == 302) && g_strcmp0 (req->method, "POST") == 0))
    {
      g_free (req->method);
      req->method = g_strdup ("GET");
      tess_prepared_request_set_body (req, TESS_BODY_NONE, NULL);
      g_clear_pointer (&req->body_file, g_free);
      tess_prepared_request_remove_header (req, "Content-Type");
      tess_prepared_request_remove_header (req, "Content-Length");
      tess_prepared_request_remove_header (req, "Transfer-Encoding");
    }

  if (!same_origin (base, target))
    {
      g_autofree char *origin = dup_host_port (target);

      drop_auth_entries (req);
      tess_exchange_add_warning (state->exchange,
                                 _("redirected to another host (%s): credentials were not sent there"), origin);
    }

  text = g_uri_to_string_partial (target, G_URI_HIDE_FRAGMENT);
  tess_prepared_request_set_url (req, text);
  /* A Location without a fragment keeps the original one (RFC 9110 §10.2.2). */
  if (req->fragment == NULL && fragment != NULL)
    req->fragment = g_steal_pointer (&fragment);
  return TRUE;
}

/* After the response headers: does the send go on, and how? */
static NextStep
decide_next (SendData *state)
{
  guint status = soup_message_get_status (state->msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (state->msg);
  const char *location;

  if (state->auth != NULL && state->auth->scheme != NULL && state->auth->scheme->on_response != NULL)
    {
      g_autoptr(GError) error = NULL;
      TessChallengeResult result;

      result = state->auth->scheme->on_response (state->auth, state->req, status, headers, &error);
      if (error != NULL)
        {
          state->exchange->error = g_steal_pointer (&error);
          return NEXT_DONE;
        }
      if (result == TESS_CHALLENGE_RETRY)
        {
          if (state->challenges >= MAX_CHALLENGE_ROUNDS)
            {
              state->exchange->error = g_error_new (TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE,
                                                    _("request ‘%s’: the server still challenges after %u rounds"),
                                                    describe_request (state->req), MAX_CHALLENGE_ROUNDS);
              return NEXT_DONE;
            }
          state->challenges++;
          state->auth->rounds++;
          return NEXT_RETRY;
        }
    }

  location = soup_message_headers_get_one (headers, "Location");
  if (!state->follow_redirects || !is_redirect (status) || location == NULL)
    return NEXT_DONE;
  if (state->redirects >= state->max_redirects)
    {
      tess_exchange_add_warning (state->exchange, _("stopped after %u redirects (the limit)"), state->max_redirects);
      return NEXT_DONE;
    }
  if (!prepare_redirect (state, status, location))
    return NEXT_DONE;
  state->redirects++;
  return NEXT_REDIRECT;
}

/* Finishing */

static gint64
span (guint64 start,
      guint64 end)
{
  return start != 0 && end >= start ? (gint64) (end - start) : -1;
}

static void
record_timings (SendData *state)
{
  TessTimings *timings = &state->exchange->timings;
  SoupMessageMetrics *metrics = state->msg ? soup_message_get_metrics (state->msg) : NULL;
  gint64 end = g_get_monotonic_time ();

  if (metrics != NULL)
    {
      guint64 connect_end = soup_message_metrics_get_connect_end (metrics);
      guint64 tls_start = soup_message_metrics_get_tls_start (metrics);

      timings->dns = span (soup_message_metrics_get_dns_start (metrics), soup_message_metrics_get_dns_end (metrics));
      /* libsoup's connect_end comes after the TLS handshake. */
      timings->connect = span (soup_message_metrics_get_connect_start (metrics), tls_start ? tls_start : connect_end);
      timings->tls = tls_start ? span (tls_start, connect_end) : -1;
      timings->first_byte = span (soup_message_metrics_get_request_start (metrics),
                                  soup_message_metrics_get_response_start (metrics));
      if (soup_message_metrics_get_response_end (metrics) != 0)
        end = soup_message_metrics_get_response_end (metrics);
    }
  /* Every round, redirects and challenges included. */
  timings->total = MAX (end - state->started, 1);
}

static void
disarm_timeout (SendData *state)
{
  if (state->timeout_source != NULL)
    {
      g_source_destroy (state->timeout_source);
      g_clear_pointer (&state->timeout_source, g_source_unref);
    }
}

static void
clear_round (SendData *state)
{
  disarm_timeout (state);
  for (guint i = 0; i < G_N_ELEMENTS (state->handlers); i++)
    if (state->handlers[i] != 0)
      g_clear_signal_handler (&state->handlers[i], state->msg);
  g_clear_object (&state->msg);
  g_clear_pointer (&state->sent_request, g_free);
  if (state->read_source != NULL)
    {
      g_source_destroy (state->read_source);
      g_clear_pointer (&state->read_source, g_source_unref);
    }
  g_clear_object (&state->body_in);
  state->fast_close = FALSE;
  g_clear_pointer (&state->buffer, g_byte_array_unref);
  if (state->tmp_file != NULL)
    g_file_delete (state->tmp_file, NULL, NULL);
  g_clear_object (&state->tmp_file);
  g_clear_object (&state->tmp_io);
  g_clear_pointer (&state->chunk, g_bytes_unref);
  state->tls_errors = 0;
  state->body_size = 0;
}

static void
send_data_free (SendData *state)
{
  clear_round (state);
  if (state->caller_cancellable != NULL)
    g_cancellable_disconnect (state->caller_cancellable, state->caller_handler);
  g_clear_object (&state->caller_cancellable);
  g_clear_object (&state->cancellable);
  g_clear_pointer (&state->req, tess_prepared_request_free);
  g_clear_pointer (&state->exchange, tess_exchange_free);
  g_free (state);
}

static void
finish (GTask *task)
{
  SendData *state = g_task_get_task_data (task);
  TessExchange *exchange = state->exchange;

  disarm_timeout (state);
  record_timings (state);
  exchange->request = g_steal_pointer (&state->req);
  g_task_return_pointer (task, g_steal_pointer (&state->exchange), (GDestroyNotify) tess_exchange_free);
}

/* Ends the send with @error; consumes the caller's reference on @task. */
static void
fail (GTask        *task,
      const GError *error)
{
  SendData *state = g_task_get_task_data (task);

  if (state->exchange->error == NULL)
    state->exchange->error = map_error (state, error);
  finish (task);
  g_object_unref (task);
}

/* Keeps the body of the last round in the exchange. */
static void
store_body (SendData *state)
{
  TessExchange *exchange = state->exchange;

  exchange->body_size = state->body_size;
  if (state->tmp_file != NULL)
    {
      exchange->body_file = g_file_get_path (state->tmp_file);
      g_clear_object (&state->tmp_file);
    }
  else
    exchange->body = g_byte_array_free_to_bytes (g_steal_pointer (&state->buffer));
}

/* Like every step below, consumes the caller's reference on @task. */
static void
round_done (GTask *task)
{
  SendData *state = g_task_get_task_data (task);

  if (state->next == NEXT_DONE)
    {
      store_body (state);
      finish (task);
      g_object_unref (task);
      return;
    }
  clear_round (state);
  send_round (task);
}

/* Reading the body */

static void
tmp_close_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    fail (task, error);
  else
    round_done (task);
}

/* The body was read to its end (a failing close changes nothing): the
 * temporary file, if any, is closed next. */
static void
body_closed (GTask *task)
{
  SendData *state = g_task_get_task_data (task);

  if (state->tmp_io != NULL)
    g_io_stream_close_async (G_IO_STREAM (state->tmp_io), G_PRIORITY_DEFAULT, state->cancellable,
                             tmp_close_cb, task);
  else
    round_done (task);
}

static void
body_close_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  body_closed (user_data);
}

static void
close_body (GTask *task)
{
  SendData *state = g_task_get_task_data (task);

  /* At its end, libsoup's own HTTP/1 body stream closes without I/O: a
   * synchronous close saves a main loop round per request. A decoding
   * stream (asked-for Accept-Encoding) may leave bytes unread below it, and
   * HTTP/2 streams share their connection: those close asynchronously. */
  if (state->fast_close)
    {
      g_input_stream_close (state->body_in, NULL, NULL);
      body_closed (task);
      return;
    }
  g_input_stream_close_async (state->body_in, G_PRIORITY_DEFAULT, NULL, body_close_cb, task);
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  SendData *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&state->chunk, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      g_autofree char *path = g_file_get_path (state->tmp_file);
      g_autoptr(GError) io_error = g_error_new (TESS_ERROR, TESS_ERROR_IO,
                                                _("writing the response body to ‘%s’: %s"),
                                                path, error->message);
      fail (task, state->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? error : io_error);
      return;
    }
  read_next (task);
}

static void
write_chunk (GTask  *task,
             GBytes *chunk)
{
  SendData *state = g_task_get_task_data (task);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (state->tmp_io));
  gsize size;
  gconstpointer data = g_bytes_get_data (chunk, &size);

  state->chunk = chunk;
  g_output_stream_write_all_async (out, data, size, G_PRIORITY_DEFAULT, state->cancellable, write_cb, task);
}

static void
tmp_file_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  SendData *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->tmp_file = g_file_new_tmp_finish (result, &state->tmp_io, &error);
  if (state->tmp_file == NULL)
    {
      g_autoptr(GError) io_error = g_error_new (TESS_ERROR, TESS_ERROR_IO,
                                                _("could not create a temporary file in ‘%s’ for the response body: %s"),
                                                g_get_tmp_dir (), error->message);
      fail (task, io_error);
      return;
    }
  write_chunk (task, g_byte_array_free_to_bytes (g_steal_pointer (&state->buffer)));
}

/* Keeps (or drains) @size bytes read from the body. TRUE to read on; FALSE
 * when a write or a temporary file is under way, whose callback goes on. */
static gboolean
take_chunk (GTask        *task,
            const guint8 *data,
            gsize         size)
{
  SendData *state = g_task_get_task_data (task);

  state->body_size += size;
  /* Rounds that lead to another one are drained, not kept. */
  if (state->next != NEXT_DONE)
    return TRUE;
  if (state->tmp_io != NULL)
    {
      write_chunk (task, g_bytes_new (data, size));
      return FALSE;
    }
  g_byte_array_append (state->buffer, data, size);
  if (state->buffer->len > state->memory_limit)
    {
      g_file_new_tmp_async ("tessera-body-XXXXXX", G_PRIORITY_DEFAULT, state->cancellable, tmp_file_cb, task);
      return FALSE;
    }
  return TRUE;
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  gconstpointer data;
  gsize size;

  if (chunk == NULL)
    {
      fail (task, error);
      return;
    }

  data = g_bytes_get_data (chunk, &size);
  if (size == 0)
    close_body (task);
  else if (take_chunk (task, data, size))
    read_next (task);
}

static gboolean
readable_cb (GObject  *stream,
             gpointer  user_data)
{
  GTask *task = user_data;
  SendData *state = g_task_get_task_data (task);

  g_clear_pointer (&state->read_source, g_source_unref);
  read_next (task);
  return G_SOURCE_REMOVE;
}

static gboolean
more_cb (gpointer user_data)
{
  return readable_cb (NULL, user_data);
}

/* Reads what the pollable body stream has without waiting, and waits for
 * more with a source: no GTask and main loop round per read, which is most
 * of the cost of small responses. */
static void
read_available (GTask *task)
{
  TessSender *self = g_task_get_source_object (task);
  SendData *state = g_task_get_task_data (task);
  GPollableInputStream *in = G_POLLABLE_INPUT_STREAM (state->body_in);

  /* A bounded number of reads per turn, so that a fast large download
   * leaves the main loop room for others. */
  gboolean drained = FALSE;

  for (guint turn = 0; turn < READS_PER_TURN && !drained; turn++)
    {
      g_autoptr(GError) error = NULL;
      gssize size;

      size = g_pollable_input_stream_read_nonblocking (in, self->read_buffer, READ_CHUNK,
                                                       state->cancellable, &error);
      if (size < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          drained = TRUE;
          break;
        }
      if (size < 0)
        {
          fail (task, error);
          return;
        }
      if (size == 0)
        {
          close_body (task);
          return;
        }
      if (!take_chunk (task, self->read_buffer, size))
        return;
    }

  /* Out of turns with data still there: go on after the others had theirs.
   * Waiting for the socket instead would miss what libsoup has buffered
   * already, until the server happened to send or close. */
  if (!drained)
    {
      state->read_source = g_idle_source_new ();
      g_source_set_callback (state->read_source, more_cb, task, NULL);
    }
  else
    {
      state->read_source = g_pollable_input_stream_create_source (in, state->cancellable);
      g_source_set_callback (state->read_source, G_SOURCE_FUNC (readable_cb), task, NULL);
    }
  g_source_attach (state->read_source, g_main_context_get_thread_default ());
}

static void
read_next (GTask *task)
{
  TessSender *self = g_task_get_source_object (task);
  SendData *state = g_task_get_task_data (task);

  if (G_IS_POLLABLE_INPUT_STREAM (state->body_in) &&
      g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (state->body_in)))
    {
      if (self->read_buffer == NULL)
        self->read_buffer = g_malloc (READ_CHUNK);
      read_available (task);
      return;
    }
  g_input_stream_read_bytes_async (state->body_in, READ_CHUNK, G_PRIORITY_DEFAULT, state->cancellable, read_cb, task);
}

/* Sending */

static void
store_response_head (SendData *state)
{
  TessExchange *exchange = state->exchange;
  SoupMessageHeaders *headers = soup_message_get_response_headers (state->msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  exchange->status = soup_message_get_status (state->msg);
  g_free (exchange->reason);
  exchange->reason = g_strdup (soup_message_get_reason_phrase (state->msg));
  g_free (exchange->http_version);
  exchange->http_version = g_strdup (tess_http_version_string (soup_message_get_http_version (state->msg)));
  g_free (exchange->content_type);
  exchange->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  g_ptr_array_set_size (exchange->response_headers, 0);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      TessParam *param = g_new0 (TessParam, 1);

      param->name = g_strdup (name);
      param->value = g_strdup (value);
      param->origin = TESS_ORIGIN_MANUAL;
      g_ptr_array_add (exchange->response_headers, param);
    }
}

static void
warn_unverified (SendData *state)
{
  GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (state->msg);
  GUri *uri = soup_message_get_uri (state->msg);

  if (!state->round_verify && flags != 0 && uri_is_https (uri))
    {
      g_autofree char *host_port = dup_host_port (uri);
      g_autofree char *problems = tess_describe_certificate_flags (flags, g_uri_get_host (uri));

      tess_exchange_add_warning (state->exchange,
                                 _("TLS certificate of %s was accepted without verification: %s"),
                                 host_port, problems);
    }
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->body_in = soup_session_send_finish ((SoupSession *) source, result, &error);
  if (state->body_in == NULL)
    {
      push_round (state, FALSE);
      fail (task, error);
      return;
    }

  store_response_head (state);
  push_round (state, TRUE);
  warn_unverified (state);
  state->next = decide_next (state);
  state->buffer = g_byte_array_new ();
  state->fast_close = soup_message_get_http_version (state->msg) != SOUP_HTTP_2_0 &&
                      tess_prepared_request_get_header (state->req, "Accept-Encoding") == NULL;
  read_next (task);
}

static gboolean
timeout_cb (gpointer user_data)
{
  SendData *state = user_data;

  state->timed_out = TRUE;
  g_cancellable_cancel (state->cancellable);
  g_clear_pointer (&state->timeout_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
send_round (GTask *task)
{
  TessSender *self = g_task_get_source_object (task);
  SendData *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupSession *session;

  if (ensure_session (self, &error) == NULL)
    {
      fail (task, error);
      return;
    }
  state->msg = build_message (self, state, &error);
  if (state->msg == NULL)
    {
      fail (task, error);
      return;
    }

  state->round_verify = state->req->verify_tls >= 0 ? state->req->verify_tls != 0 : state->verify_tls;
  session = !state->round_verify && uri_is_https (soup_message_get_uri (state->msg))
            ? get_insecure_session (self) : self->session;

  if (state->timeout_ms > 0)
    {
      state->timeout_source = g_timeout_source_new (state->timeout_ms);
      g_source_set_callback (state->timeout_source, timeout_cb, state, NULL);
      g_source_attach (state->timeout_source, g_main_context_get_thread_default ());
    }

  soup_session_send_async (session, state->msg, G_PRIORITY_DEFAULT, state->cancellable, send_cb, task);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* GObject */

static void
tess_sender_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TessSender *self = TESS_SENDER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_FOLLOW_REDIRECTS:
      g_value_set_boolean (value, self->follow_redirects);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;
    case PROP_VERIFY_TLS:
      g_value_set_boolean (value, self->verify_tls);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    case PROP_COOKIE_FILE:
      g_value_set_string (value, self->cookie_file);
      break;
    case PROP_MEMORY_LIMIT:
      g_value_set_uint64 (value, self->memory_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_sender_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TessSender *self = TESS_SENDER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      tess_sender_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_FOLLOW_REDIRECTS:
      tess_sender_set_follow_redirects (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_REDIRECTS:
      tess_sender_set_max_redirects (self, g_value_get_uint (value));
      break;
    case PROP_VERIFY_TLS:
      tess_sender_set_verify_tls (self, g_value_get_boolean (value));
      break;
    case PROP_COOKIE_FILE:
      tess_sender_set_cookie_file (self, g_value_get_string (value));
      break;
    case PROP_MEMORY_LIMIT:
      tess_sender_set_memory_limit (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_sender_dispose (GObject *object)
{
  TessSender *self = TESS_SENDER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  if (self->insecure_session != NULL)
    soup_session_abort (self->insecure_session);
  g_clear_object (&self->session);
  g_clear_object (&self->insecure_session);
  g_clear_object (&self->cookie_jar);
  g_clear_object (&self->tls_database);
  g_clear_pointer (&self->client_certificates, g_hash_table_unref);

  G_OBJECT_CLASS (tess_sender_parent_class)->dispose (object);
}

static void
tess_sender_finalize (GObject *object)
{
  TessSender *self = TESS_SENDER (object);

  g_free (self->ca_file);
  g_free (self->cookie_file);
  g_free (self->read_buffer);

  G_OBJECT_CLASS (tess_sender_parent_class)->finalize (object);
}

static void
tess_sender_class_init (TessSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tess_sender_get_property;
  object_class->set_property = tess_sender_set_property;
  object_class->dispose = tess_sender_dispose;
  object_class->finalize = tess_sender_finalize;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_REDIRECTS] =
    g_param_spec_boolean ("follow-redirects", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, G_MAXUINT, DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERIFY_TLS] =
    g_param_spec_boolean ("verify-tls", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Read-only: loading the file can fail, so it is set with tess_sender_set_ca_file(). */
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COOKIE_FILE] =
    g_param_spec_string ("cookie-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMORY_LIMIT] =
    g_param_spec_uint64 ("memory-limit", NULL, NULL, 1, G_MAXSIZE, DEFAULT_MEMORY_LIMIT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tess_sender_init (TessSender *self)
{
  self->follow_redirects = TRUE;
  self->max_redirects = DEFAULT_MAX_REDIRECTS;
  self->verify_tls = TRUE;
  self->memory_limit = DEFAULT_MEMORY_LIMIT;
  self->dumps = TRUE;
  self->client_certificates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Public API */

TessSender *
tess_sender_new (void)
{
  return g_object_new (TESS_TYPE_SENDER, NULL);
}

/**
 * tess_sender_get_session:
 *
 * Returns: (transfer none) (nullable): the session, made now if no request
 *   made it yet; %NULL (with a warning) when libsoup cannot be opened
 */
SoupSession *
tess_sender_get_session (TessSender *self)
{
  g_autoptr(GError) error = NULL;
  SoupSession *session;

  g_return_val_if_fail (TESS_IS_SENDER (self), NULL);

  session = ensure_session (self, &error);
  if (session == NULL)
    g_warning ("%s", error->message);
  return session;
}

void
tess_sender_set_timeout (TessSender *self,
                         guint       timeout_ms)
{
  g_return_if_fail (TESS_IS_SENDER (self));

  if (self->timeout_ms == timeout_ms)
    return;
  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
tess_sender_set_follow_redirects (TessSender *self,
                                  gboolean    follow)
{
  g_return_if_fail (TESS_IS_SENDER (self));

  follow = !!follow;
  if (self->follow_redirects == follow)
    return;
  self->follow_redirects = follow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_REDIRECTS]);
}

void
tess_sender_set_max_redirects (TessSender *self,
                               guint       max_redirects)
{
  g_return_if_fail (TESS_IS_SENDER (self));

  if (self->max_redirects == max_redirects)
    return;
  self->max_redirects = max_redirects;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REDIRECTS]);
}

void
tess_sender_set_verify_tls (TessSender *self,
                            gboolean    verify)
{
  g_return_if_fail (TESS_IS_SENDER (self));

  verify = !!verify;
  if (self->verify_tls == verify)
    return;
  self->verify_tls = verify;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFY_TLS]);
}

/**
 * tess_sender_set_ca_file:
 * @path: (nullable): a PEM file of trusted CA certificates, or %NULL for the
 *   system's trust store
 *
 * The file replaces the system's trust store for verified requests.
 */
gboolean
tess_sender_set_ca_file (TessSender *self,
                         const char *path,
                         GError    **error)
{
  g_autoptr(GTlsDatabase) database = NULL;

  g_return_val_if_fail (TESS_IS_SENDER (self), FALSE);

  if (path != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      /* GTlsFileDatabase wants an absolute path. */
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);

      database = g_tls_file_database_new (absolute, &local_error);
      if (database == NULL)
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_TLS, _("CA file ‘%s’: %s"), path, local_error->message);
          return FALSE;
        }
    }
  else
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());

  g_set_object (&self->tls_database, database);
  if (self->session != NULL)
    soup_session_set_tls_database (self->session, database);
  if (self->insecure_session != NULL)
    soup_session_set_tls_database (self->insecure_session, database);

  if (g_strcmp0 (self->ca_file, path) != 0)
    {
      g_free (self->ca_file);
      self->ca_file = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CA_FILE]);
    }
  return TRUE;
}

static GTlsCertificate *
load_client_certificate (const char *cert_path,
                         const char *key_path,
                         const char *passphrase,
                         GError    **error)
{
  g_autofree char *data = NULL;
  gsize length;

  if (key_path != NULL)
    return g_tls_certificate_new_from_files (cert_path, key_path, error);

  if (!g_file_get_contents (cert_path, &data, &length, error))
    return NULL;
  /* One PEM file with the certificate and its key, or PKCS#12. */
  if (g_strstr_len (data, length, "-----BEGIN ") != NULL)
    return g_tls_certificate_new_from_pem (data, length, error);
  return g_tls_certificate_new_from_pkcs12 ((const guint8 *) data, length, passphrase, error);
}

gboolean
tess_sender_add_client_certificate (TessSender *self,
                                    const char *host,
                                    const char *cert_path,
                                    const char *key_path,
                                    const char *passphrase,
                                    GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *cert;

  g_return_val_if_fail (TESS_IS_SENDER (self), FALSE);
  g_return_val_if_fail (host != NULL && cert_path != NULL, FALSE);

  cert = load_client_certificate (cert_path, key_path, passphrase, &local_error);
  if (cert == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_TLS, _("client certificate ‘%s’ for host ‘%s’: %s"),
                   cert_path, host, local_error->message);
      return FALSE;
    }
  g_hash_table_replace (self->client_certificates, g_ascii_strdown (host, -1), cert);
  return TRUE;
}

void
tess_sender_set_dumps (TessSender *self,
                       gboolean    dumps)
{
  g_return_if_fail (TESS_IS_SENDER (self));

  self->dumps = !!dumps;
}

void
tess_sender_clear_client_certificates (TessSender *self)
{
  g_return_if_fail (TESS_IS_SENDER (self));

  if (g_hash_table_size (self->client_certificates) == 0)
    return;
  g_hash_table_remove_all (self->client_certificates);
  /* A kept-alive TLS connection already showed the certificate, and the
   * server goes on seeing it there. New sessions mean new connections;
   * requests still running keep the old ones until they end. */
  g_clear_object (&self->session);
  g_clear_object (&self->insecure_session);
}

void
tess_sender_set_cookie_file (TessSender *self,
                             const char *path)
{
  g_autoptr(SoupCookieJar) jar = NULL;

  g_return_if_fail (TESS_IS_SENDER (self));

  if (g_strcmp0 (self->cookie_file, path) == 0)
    return;
  /* Before the first send the file is read with the session. */
  if (self->cookie_jar != NULL)
    {
      jar = path != NULL ? soup_cookie_jar_text_new (path, FALSE) : soup_cookie_jar_new ();
      replace_cookie_jar (self, jar);
    }
  g_free (self->cookie_file);
  self->cookie_file = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COOKIE_FILE]);
}

void
tess_sender_set_memory_limit (TessSender *self,
                              gsize       bytes)
{
  g_return_if_fail (TESS_IS_SENDER (self));

  bytes = MAX (bytes, 1);
  if (self->memory_limit == bytes)
    return;
  self->memory_limit = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_LIMIT]);
}

/**
 * tess_sender_send_async:
 * @request: the request; copied
 * @auth: (nullable): the auth context whose scheme answers challenges; it
 *   must stay alive until @callback runs
 *
 * Sends @request, follows redirects and answers challenges. The result is
 * always a #TessExchange; failures are in its ->error.
 */
void
tess_sender_send_async (TessSender          *self,
                        TessPreparedRequest *request,
                        TessAuthContext     *auth,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *state;

  g_return_if_fail (TESS_IS_SENDER (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_sender_send_async);
  /* A cancelled send still returns its exchange. */
  g_task_set_check_cancellable (task, FALSE);

  state = g_new0 (SendData, 1);
  state->exchange = tess_exchange_new ();
  state->req = tess_prepared_request_copy (request);
  state->auth = auth;
  state->cancellable = g_cancellable_new ();
  state->timeout_ms = request->timeout_ms >= 0 ? (guint) request->timeout_ms : self->timeout_ms;
  state->follow_redirects = request->follow_redirects >= 0 ? request->follow_redirects != 0 : self->follow_redirects;
  state->max_redirects = request->max_redirects >= 0 ? (guint) request->max_redirects : self->max_redirects;
  state->verify_tls = self->verify_tls;
  state->memory_limit = self->memory_limit;
  state->dumps = self->dumps;
  state->started = g_get_monotonic_time ();
  g_task_set_task_data (task, state, (GDestroyNotify) send_data_free);

  for (guint i = 0; i < request->unresolved->len; i++)
    tess_exchange_add_warning (state->exchange, _("unresolved variable {{%s}}"),
                               (char *) g_ptr_array_index (request->unresolved, i));

  if (cancellable != NULL)
    {
      state->caller_cancellable = g_object_ref (cancellable);
      state->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                     g_object_ref (state->cancellable), g_object_unref);
    }

  send_round (g_steal_pointer (&task));
}

/**
 * tess_sender_send_finish:
 *
 * Returns: (transfer full): the exchange, with ->error set when the send
 *   failed
 */
TessExchange *
tess_sender_send_finish (TessSender   *self,
                         GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
