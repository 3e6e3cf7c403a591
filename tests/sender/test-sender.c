#include <glib/gstdio.h>
#include <string.h>

#include "tess-error.h"
#include "tess-exchange.h"
#include "tess-sender.h"
#include "tess-sender-settings.h"
#include "tess-test-send.h"
#include "tess-test-server.h"
#include "tess-test-util.h"

#define MASK TESS_EXCHANGE_MASK

/* Sending */

static TessExchange *
send_request (TessSender          *sender,
              TessPreparedRequest *req)
{
  return tess_test_send (sender, req, NULL);
}

static TessPreparedRequest *
request_new (TessTestServer *server,
             const char     *method,
             const char     *path)
{
  g_autofree char *url = tess_test_server_dup_url (server, path);

  return tess_prepared_request_new (method, url);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static char *
body_text (TessExchange *exchange)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = tess_exchange_dup_body (exchange, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gboolean
strv_has_substring (GPtrArray  *list,
                    const char *needle)
{
  for (guint i = 0; i < list->len; i++)
    if (strstr (g_ptr_array_index (list, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Object */

static void
test_new (void)
{
  TessSender *sender = tess_sender_new ();
  guint timeout, max_redirects;
  gboolean follow, verify;
  guint64 limit;

  g_object_get (sender, "timeout", &timeout, "max-redirects", &max_redirects,
                "follow-redirects", &follow, "verify-tls", &verify, "memory-limit", &limit, NULL);
  g_assert_cmpuint (timeout, ==, 0);
  g_assert_cmpuint (max_redirects, ==, 10);
  g_assert_true (follow);
  g_assert_true (verify);
  g_assert_cmpuint (limit, ==, 4 * 1024 * 1024);

  g_object_set (sender, "timeout", 1500, "max-redirects", 3, "follow-redirects", FALSE,
                "verify-tls", FALSE, "memory-limit", (guint64) 1024, NULL);
  g_object_get (sender, "timeout", &timeout, "max-redirects", &max_redirects,
                "follow-redirects", &follow, "verify-tls", &verify, "memory-limit", &limit, NULL);
  g_assert_cmpuint (timeout, ==, 1500);
  g_assert_cmpuint (max_redirects, ==, 3);
  g_assert_false (follow);
  g_assert_false (verify);
  g_assert_cmpuint (limit, ==, 1024);
  g_assert_true (SOUP_IS_SESSION (tess_sender_get_session (sender)));

  g_assert_finalize_object (sender);
}

/* Plain HTTP */

static void
test_get (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/hello?x=1&y=a%20b");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_autofree char *body = NULL;
  g_autofree char *log = NULL;
  g_autofree char *line = NULL;

  tess_test_server_add_response (server, "/hello", 200, "text/plain; charset=utf-8",
                                 g_bytes_new_static ("hi there", 8), "X-Server", "fixture", NULL);
  g_ptr_array_add (req->unresolved, g_strdup ("token"));

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 200);
  g_assert_cmpstr (exchange->reason, ==, "OK");
  g_assert_cmpstr (exchange->http_version, ==, "HTTP/1.1");
  g_assert_cmpstr (exchange->content_type, ==, "text/plain; charset=utf-8");
  g_assert_cmpstr (tess_exchange_get_header (exchange, "x-server"), ==, "fixture");
  g_assert_cmpint (exchange->body_size, ==, 8);
  g_assert_null (exchange->body_file);
  body = body_text (exchange);
  g_assert_cmpstr (body, ==, "hi there");
  g_assert_cmpuint (exchange->rounds->len, ==, 1);
  g_assert_nonnull (exchange->request);
  g_assert_cmpstr (exchange->request->method, ==, "GET");
  g_assert_true (strv_has_substring (exchange->warnings, "unresolved variable {{token}}"));

  seen = tess_test_server_dup_last_request (server);
  g_assert_cmpstr (seen->method, ==, "GET");
  g_assert_cmpstr (seen->path, ==, "/hello");
  g_assert_cmpstr (seen->query, ==, "x=1&y=a%20b");
  /* Nothing the request did not ask for. */
  g_assert_null (tess_test_request_get_header (seen, "Accept-Encoding"));
  g_assert_null (tess_test_request_get_header (seen, "User-Agent"));
  g_assert_null (tess_test_request_get_header (seen, "Accept-Language"));
  line = g_strdup_printf ("127.0.0.1:%u", tess_test_server_get_port (server));
  g_assert_cmpstr (tess_test_request_get_header (seen, "Host"), ==, line);

  log = tess_exchange_dup_log (exchange);
  g_assert_nonnull (strstr (log, "GET /hello?x=1&y=a%20b HTTP/1.1\n"));
  g_assert_nonnull (strstr (log, "\nHTTP/1.1 200 OK\n"));
  g_assert_nonnull (strstr (log, "X-Server: fixture\n"));
  g_assert_nonnull (strstr (log, "Warning: unresolved variable {{token}}"));
}

static void
test_post_body (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "POST", "/items");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_autoptr(GBytes) json = text_bytes ("{\"name\":\"tessera\",\"n\":1}");

  tess_test_server_add_response (server, "/items", 201, "application/json", g_bytes_new_static ("{}", 2), NULL);
  tess_prepared_request_add_header (req, "Content-Type", "application/json", TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, json);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 201);

  seen = tess_test_server_dup_last_request (server);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (tess_test_request_get_header (seen, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (tess_test_request_get_header (seen, "Content-Length"), ==, "24");
  g_assert_true (g_bytes_equal (seen->body, json));
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 0), "{\"name\":\"tessera\",\"n\":1}"));
}

static void
test_custom_method (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "FROBNICATE", "/thing");
  g_autoptr(TessPreparedRequest) bad = request_new (server, "BAD METHOD", "/thing");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessExchange) refused = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_autoptr(GBytes) payload = text_bytes ("frob");

  tess_test_server_add_response (server, "/thing", 204, NULL, NULL, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, payload);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 204);
  seen = tess_test_server_dup_last_request (server);
  g_assert_cmpstr (seen->method, ==, "FROBNICATE");
  g_assert_true (g_bytes_equal (seen->body, payload));

  /* Not a token: refused before anything is sent. */
  refused = send_request (sender, bad);
  g_assert_error (refused->error, TESS_ERROR, TESS_ERROR_INVALID);
  g_assert_nonnull (strstr (refused->error->message, "‘BAD METHOD’"));
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 1);
}

static void
test_header_order (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/headers");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_auto(GStrv) dup_values = NULL;
  g_autoptr(GPtrArray) custom = g_ptr_array_new ();
  const char *dump;

  tess_test_server_add_response (server, "/headers", 200, NULL, NULL, NULL);
  tess_prepared_request_add_header (req, "X-Zeta", "z", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-Dup", "first", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-Alpha", "a", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-Dup", "second", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "Accept", "application/json", TESS_ORIGIN_MANUAL, NULL);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);

  seen = tess_test_server_dup_last_request (server);
  dup_values = tess_test_request_dup_header_values (seen, "X-Dup");
  g_assert_cmpuint (g_strv_length (dup_values), ==, 2);
  g_assert_cmpstr (dup_values[0], ==, "first");
  g_assert_cmpstr (dup_values[1], ==, "second");
  g_assert_cmpstr (tess_test_request_get_header (seen, "Accept"), ==, "application/json");

  for (guint i = 0; i < seen->headers->len; i++)
    {
      TessTestHeader *header = g_ptr_array_index (seen->headers, i);
      if (g_str_has_prefix (header->name, "X-"))
        g_ptr_array_add (custom, header->name);
    }
  g_assert_cmpuint (custom->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (custom, 0), ==, "X-Zeta");
  g_assert_cmpstr (g_ptr_array_index (custom, 1), ==, "X-Dup");
  g_assert_cmpstr (g_ptr_array_index (custom, 2), ==, "X-Alpha");
  g_assert_cmpstr (g_ptr_array_index (custom, 3), ==, "X-Dup");

  /* The dump shows what went out, in the order it went out. */
  dump = g_ptr_array_index (exchange->rounds, 0);
  g_assert_nonnull (strstr (dump, "X-Zeta: z\nX-Dup: first\nX-Alpha: a\nX-Dup: second\n"));
  g_assert_nonnull (strstr (dump, "Accept: application/json\n"));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "name: value" lines with the name lower-cased, sorted: order between
 * different names carries no meaning in HTTP, so compare them as a set. */
static GPtrArray *
normalized_headers (GPtrArray *pairs)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pairs->len; i += 2)
    {
      g_autofree char *name = g_ascii_strdown (g_ptr_array_index (pairs, i), -1);
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s", name, (char *) g_ptr_array_index (pairs, i + 1)));
    }
  g_ptr_array_sort (lines, compare_lines);
  return lines;
}

static void
test_matches_wire (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "PATCH", "/wire?b=2&a=1&a=3");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_autoptr(GBytes) payload = text_bytes ("{\"op\":\"replace\"}");
  g_autoptr(GPtrArray) wire_pairs = g_ptr_array_new ();
  g_autoptr(GPtrArray) seen_pairs = g_ptr_array_new ();
  g_autoptr(GPtrArray) wire_lines = NULL;
  g_autoptr(GPtrArray) seen_lines = NULL;
  g_autofree char *wire = NULL;
  g_autofree char *request_line = NULL;
  g_auto(GStrv) lines = NULL;
  const char *wire_body;

  tess_test_server_add_response (server, "/wire", 200, NULL, NULL, NULL);
  tess_prepared_request_add_header (req, "Content-Type", "application/json", TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_add_header (req, "Authorization", "Basic dXNlcjpwYXNz", TESS_ORIGIN_AUTH, "Basic");
  tess_prepared_request_add_header (req, "x-trace", "one", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-Trace", "two", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "Accept", "*/*", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, payload);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  seen = tess_test_server_dup_last_request (server);

  wire = tess_prepared_request_to_wire (req);
  wire_body = strstr (wire, "\r\n\r\n") + 4;
  lines = g_strsplit (wire, "\r\n", -1);
  request_line = g_strdup_printf ("%s %s?%s HTTP/1.1", seen->method, seen->path, seen->query);
  g_assert_cmpstr (lines[0], ==, request_line);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      char *colon = strchr (lines[i], ':');
      *colon = '\0';
      g_ptr_array_add (wire_pairs, lines[i]);
      g_ptr_array_add (wire_pairs, colon + 2);
    }
  for (guint i = 0; i < seen->headers->len; i++)
    {
      TessTestHeader *header = g_ptr_array_index (seen->headers, i);

      /* The one header libsoup always adds to an HTTP/1.1 request. */
      if (g_ascii_strcasecmp (header->name, "Connection") == 0)
        {
          g_assert_cmpstr (header->value, ==, "Keep-Alive");
          continue;
        }
      g_ptr_array_add (seen_pairs, header->name);
      g_ptr_array_add (seen_pairs, header->value);
    }

  wire_lines = normalized_headers (wire_pairs);
  seen_lines = normalized_headers (seen_pairs);
  g_assert_cmpuint (seen_lines->len, ==, wire_lines->len);
  for (guint i = 0; i < wire_lines->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen_lines, i), ==, g_ptr_array_index (wire_lines, i));
  g_assert_cmpmem (g_bytes_get_data (seen->body, NULL), g_bytes_get_size (seen->body), wire_body, strlen (wire_body));
}

static void
test_body_file (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "PUT", "/upload");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "upload.bin", NULL);
  g_autofree char *data = g_malloc (300000);

  for (gsize i = 0; i < 300000; i++)
    data[i] = (char) (i * 7 % 251);
  g_file_set_contents (path, data, 300000, &error);
  g_assert_no_error (error);

  tess_test_server_add_response (server, "/upload", 200, NULL, NULL, NULL);
  req->body_mode = TESS_BODY_FILE;
  req->body_file = g_strdup (path);
  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);

  seen = tess_test_server_dup_last_request (server);
  g_assert_cmpstr (tess_test_request_get_header (seen, "Content-Length"), ==, "300000");
  g_assert_cmpuint (g_bytes_get_size (seen->body), ==, 300000);
  g_assert_cmpmem (g_bytes_get_data (seen->body, NULL), 300000, data, 300000);
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 0), "upload.bin"));
}

/* Redirects */

static void
test_redirect_follow (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "POST", "/start");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GBytes) payload = text_bytes ("form=1");
  g_autofree char *absolute = tess_test_server_dup_url (server, "/final");
  TessTestRequest *hop;

  tess_test_server_add_redirect (server, "/start", 307, "/middle");
  tess_test_server_add_redirect (server, "/middle", 302, absolute);
  tess_test_server_add_response (server, "/final", 200, "text/plain", g_bytes_new_static ("done", 4), NULL);
  tess_prepared_request_add_header (req, "Content-Type", "application/x-www-form-urlencoded", TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, payload);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 200);
  g_assert_cmpuint (exchange->rounds->len, ==, 3);
  g_assert_true (g_str_has_suffix (exchange->request->url, "/final"));
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 0), "307 Temporary Redirect"));
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 1), "POST /middle"));
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 2), "GET /final"));

  seen = tess_test_server_dup_requests (server);
  g_assert_cmpuint (seen->len, ==, 3);
  /* 307 keeps the method and the body; 302 after a POST becomes a GET. */
  hop = g_ptr_array_index (seen, 1);
  g_assert_cmpstr (hop->method, ==, "POST");
  g_assert_true (g_bytes_equal (hop->body, payload));
  hop = g_ptr_array_index (seen, 2);
  g_assert_cmpstr (hop->method, ==, "GET");
  g_assert_cmpuint (g_bytes_get_size (hop->body), ==, 0);
  g_assert_null (tess_test_request_get_header (hop, "Content-Type"));
}

static void
test_redirect_limit (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/loop");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessExchange) defaulted = NULL;

  tess_test_server_add_redirect (server, "/loop", 302, "/loop");

  req->max_redirects = 3;
  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 302);
  g_assert_cmpuint (exchange->rounds->len, ==, 4);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 4);
  g_assert_true (strv_has_substring (exchange->warnings, "stopped after 3 redirects"));

  /* The sender's default limit is 10. */
  req->max_redirects = -1;
  defaulted = send_request (sender, req);
  g_assert_cmpuint (defaulted->rounds->len, ==, 11);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 4 + 11);
}

static void
test_redirect_off (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/moved");
  g_autoptr(TessExchange) per_request = NULL;
  g_autoptr(TessExchange) per_sender = NULL;
  g_autoptr(TessExchange) overridden = NULL;

  tess_test_server_add_redirect (server, "/moved", 301, "/new");
  tess_test_server_add_response (server, "/new", 200, NULL, NULL, NULL);

  req->follow_redirects = 0;
  per_request = send_request (sender, req);
  g_assert_cmpuint (per_request->status, ==, 301);
  g_assert_cmpstr (tess_exchange_get_header (per_request, "Location"), ==, "/new");
  g_assert_cmpuint (per_request->rounds->len, ==, 1);

  tess_sender_set_follow_redirects (sender, FALSE);
  req->follow_redirects = -1;
  per_sender = send_request (sender, req);
  g_assert_cmpuint (per_sender->status, ==, 301);

  req->follow_redirects = 1;
  overridden = send_request (sender, req);
  g_assert_cmpuint (overridden->status, ==, 200);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 4);
}

/* Failures */

static void
test_timeout (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/slow");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessExchange) by_default = NULL;
  gint64 started;

  tess_test_server_add_delayed (server, "/slow", 10000, "late");

  req->timeout_ms = 200;
  started = g_get_monotonic_time ();
  exchange = send_request (sender, req);
  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_TIMEOUT);
  g_assert_cmpstr (exchange->error->message, ==, "no response within 200 ms");
  g_assert_cmpuint (exchange->status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (exchange->timings.total, >=, 200 * 1000);

  /* The sender's default applies when the request has none. */
  tess_sender_set_timeout (sender, 150);
  req->timeout_ms = -1;
  by_default = send_request (sender, req);
  g_assert_error (by_default->error, TESS_ERROR, TESS_ERROR_TIMEOUT);
  g_assert_cmpstr (by_default->error->message, ==, "no response within 150 ms");
}

typedef struct {
  TessTestServer *server;
  guint count;
} CountWait;

static gboolean
server_saw_request (gpointer user_data)
{
  CountWait *wait = user_data;

  return tess_test_server_get_request_count (wait->server) >= wait->count;
}

static void
test_cancel (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/slow");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TessTestSend send = { 0 };
  CountWait wait = { server, 1 };
  gint64 started = g_get_monotonic_time ();

  tess_test_server_add_delayed (server, "/slow", 10000, "late");
  req->item_path = g_strdup ("Demo / Slow");
  tess_test_send_async (sender, req, NULL, cancellable, &send);

  /* Cancel while the server holds the request. */
  g_assert_true (tess_test_wait_until (server_saw_request, &wait, 10000));
  g_assert_false (send.done);
  g_cancellable_cancel (cancellable);
  g_assert_true (tess_test_wait_until (tess_test_send_is_done, &send, 10000));

  g_assert_error (send.exchange->error, TESS_ERROR, TESS_ERROR_CANCELLED);
  g_assert_cmpstr (send.exchange->error->message, ==, "request ‘Demo / Slow’ was cancelled");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (send.exchange->rounds->len, ==, 1);
  tess_exchange_free (send.exchange);
}

static void
test_connection_refused (void)
{
  g_autoptr(TessSender) sender = tess_sender_new ();
  guint16 port = tess_test_closed_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/x", port);
  g_autofree char *expected = g_strdup_printf ("connection to 127.0.0.1:%u refused", port);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", url);
  g_autoptr(TessExchange) exchange = send_request (sender, req);

  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_CONNECTION);
  g_assert_cmpstr (exchange->error->message, ==, expected);
  g_assert_cmpuint (exchange->status, ==, 0);
  g_assert_nonnull (exchange->request);
  g_assert_cmpuint (exchange->rounds->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 0), "(no response)"));
}

/* A resolver that fails every lookup, so the DNS test sends no DNS query. */
typedef struct {
  GResolver parent_instance;
  int lookups;
} TestResolver;

typedef GResolverClass TestResolverClass;

static GType test_resolver_get_type (void);
G_DEFINE_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestResolver, g_object_unref)

static GList *
test_resolver_fail (GResolver  *resolver,
                    const char *hostname,
                    GError    **error)
{
  g_atomic_int_inc (&((TestResolver *) resolver)->lookups);
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "test resolver: no host ‘%s’", hostname);
  return NULL;
}

static GList *
test_resolver_lookup_by_name (GResolver    *resolver,
                              const char   *hostname,
                              GCancellable *cancellable,
                              GError      **error)
{
  return test_resolver_fail (resolver, hostname, error);
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                *resolver,
                                         const char               *hostname,
                                         GResolverNameLookupFlags  flags,
                                         GCancellable             *cancellable,
                                         GError                  **error)
{
  return test_resolver_fail (resolver, hostname, error);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                               const char               *hostname,
                                               GResolverNameLookupFlags  flags,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;

  test_resolver_fail (resolver, hostname, &error);
  g_task_return_error (task, error);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  test_resolver_lookup_by_name_with_flags_async (resolver, hostname, 0, cancellable, callback, user_data);
}

static GList *
test_resolver_lookup_finish (GResolver    *resolver,
                             GAsyncResult *result,
                             GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  klass->lookup_by_name = test_resolver_lookup_by_name;
  klass->lookup_by_name_async = test_resolver_lookup_by_name_async;
  klass->lookup_by_name_finish = test_resolver_lookup_finish;
  klass->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  klass->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  klass->lookup_by_name_with_flags_finish = test_resolver_lookup_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

static void
test_dns_failure (void)
{
  g_autoptr(GResolver) original = g_resolver_get_default ();
  g_autoptr(TestResolver) resolver = g_object_new (test_resolver_get_type (), NULL);
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://no-such-host.invalid:8080/x");
  g_autoptr(TessExchange) exchange = NULL;

  g_resolver_set_default (G_RESOLVER (resolver));
  exchange = send_request (sender, req);
  g_resolver_set_default (original);

  g_assert_cmpint (g_atomic_int_get (&resolver->lookups), >, 0);
  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_DNS);
  g_assert_cmpstr (exchange->error->message, ==, "could not resolve host ‘no-such-host.invalid’");
}

/* Response bodies */

static void
test_large_body (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/big");
  TessExchange *exchange;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_sum = NULL;
  g_autofree char *file_sum = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *file_dir = NULL;
  g_autofree char *body_file = NULL;
  gsize size = 8 * 1024 * 1024;
  guint8 *data = g_malloc (size);
  GStatBuf st;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 31 + i / 4096) & 0xff);
  big = g_bytes_new_take (data, size);
  expected_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, big);
  tess_test_server_add_response (server, "/big", 200, "application/octet-stream", g_bytes_ref (big), NULL);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpint (exchange->body_size, ==, (gint64) size);
  g_assert_null (exchange->body);
  g_assert_nonnull (exchange->body_file);
  tmp_dir = g_canonicalize_filename (g_get_tmp_dir (), NULL);
  file_dir = g_path_get_dirname (exchange->body_file);
  g_assert_cmpstr (file_dir, ==, tmp_dir);
  g_assert_cmpint (g_stat (exchange->body_file, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, (goffset) size);

  read_back = tess_exchange_dup_body (exchange, &error);
  g_assert_no_error (error);
  file_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, read_back);
  g_assert_cmpstr (file_sum, ==, expected_sum);

  /* The temporary file belongs to the exchange. */
  body_file = g_strdup (exchange->body_file);
  tess_exchange_free (exchange);
  g_assert_false (g_file_test (body_file, G_FILE_TEST_EXISTS));
}

static void
test_memory_limit (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) small_req = request_new (server, "GET", "/small");
  g_autoptr(TessPreparedRequest) over_req = request_new (server, "GET", "/over");
  g_autoptr(TessExchange) small = NULL;
  g_autoptr(TessExchange) over = NULL;
  g_autofree char *over_text = NULL;
  char text[2001];

  memset (text, 'x', 2000);
  text[2000] = '\0';
  tess_test_server_add_response (server, "/small", 200, NULL, g_bytes_new (text, 1000), NULL);
  tess_test_server_add_response (server, "/over", 200, NULL, g_bytes_new (text, 2000), NULL);
  tess_sender_set_memory_limit (sender, 1500);

  small = send_request (sender, small_req);
  g_assert_nonnull (small->body);
  g_assert_null (small->body_file);
  g_assert_cmpint (small->body_size, ==, 1000);

  over = send_request (sender, over_req);
  g_assert_null (over->body);
  g_assert_nonnull (over->body_file);
  g_assert_cmpint (over->body_size, ==, 2000);
  over_text = body_text (over);
  g_assert_cmpstr (over_text, ==, text);
}

/* Connections and timings */

static void
test_keep_alive (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) get = request_new (server, "GET", "/ka");
  g_autoptr(TessPreparedRequest) post = request_new (server, "POST", "/ka");
  g_autoptr(TessExchange) first = NULL;
  g_autoptr(TessExchange) second = NULL;
  g_autoptr(TessExchange) third = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GBytes) payload = text_bytes ("p");
  guint16 port;

  tess_test_server_add_response (server, "/ka", 200, NULL, g_bytes_new_static ("ok", 2), NULL);
  tess_prepared_request_set_body (post, TESS_BODY_RAW, payload);

  first = send_request (sender, get);
  second = send_request (sender, get);
  third = send_request (sender, post);
  g_assert_cmpuint (third->status, ==, 200);

  seen = tess_test_server_dup_requests (server);
  g_assert_cmpuint (seen->len, ==, 3);
  port = ((TessTestRequest *) g_ptr_array_index (seen, 0))->remote_port;
  g_assert_cmpuint (port, !=, 0);
  g_assert_cmpuint (((TessTestRequest *) g_ptr_array_index (seen, 1))->remote_port, ==, port);
  g_assert_cmpuint (((TessTestRequest *) g_ptr_array_index (seen, 2))->remote_port, ==, port);
  /* A reused connection has no connect time of its own. */
  g_assert_cmpint (first->timings.connect, >=, 0);
  g_assert_cmpint (second->timings.connect, ==, -1);
}

static void
test_timings (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/t");
  g_autoptr(TessExchange) exchange = NULL;
  TessTimings *t;

  tess_test_server_add_delayed (server, "/t", 30, "timed");
  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  t = &exchange->timings;
  g_assert_cmpint (t->dns, >=, -1);
  g_assert_cmpint (t->connect, >=, 0);
  g_assert_cmpint (t->tls, ==, -1);
  /* The server waits 30 ms before it answers. */
  g_assert_cmpint (t->first_byte, >=, 30 * 1000);
  g_assert_cmpint (t->total, >=, t->first_byte);
  g_assert_cmpint (t->total, >, 0);
}

/* The console */

static void
test_masking (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/secret?page=2");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_autofree char *log = NULL;
  const char *secrets[] = { "s3cr3t-token", "key-123", "cookie-v", "sig-456", "qkey-789", "setcookie-v", "amz-tok" };

  tess_test_server_add_response (server, "/secret", 200, NULL, NULL,
                                 "Set-Cookie", "srv=setcookie-v; Path=/", NULL);
  tess_prepared_request_add_header (req, "Authorization", "Bearer s3cr3t-token", TESS_ORIGIN_AUTH, "Bearer");
  tess_prepared_request_add_header (req, "x-api-key", "key-123", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "Cookie", "session=cookie-v", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-Signature", "sig-456", TESS_ORIGIN_AUTH, "Hawk");
  tess_prepared_request_add_header (req, "X-Amz-Security-Token", "amz-tok", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-Plain", "visible", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_query (req, "api_key", "qkey-789", TESS_ORIGIN_AUTH, "API key");

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);

  /* The server got the real values. */
  seen = tess_test_server_dup_last_request (server);
  g_assert_cmpstr (tess_test_request_get_header (seen, "Authorization"), ==, "Bearer s3cr3t-token");
  g_assert_cmpstr (tess_test_request_get_header (seen, "X-Signature"), ==, "sig-456");
  g_assert_cmpstr (tess_test_request_get_header (seen, "Cookie"), ==, "session=cookie-v");
  g_assert_cmpstr (seen->query, ==, "page=2&api_key=qkey-789");

  /* The console did not. */
  log = tess_exchange_dup_log (exchange);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (log, secrets[i]));
  g_assert_nonnull (strstr (log, "GET /secret?page=2&api_key=" MASK " HTTP/1.1\n"));
  g_assert_nonnull (strstr (log, "Authorization: " MASK "\n"));
  g_assert_nonnull (strstr (log, "x-api-key: " MASK "\n"));
  g_assert_nonnull (strstr (log, "Cookie: " MASK "\n"));
  g_assert_nonnull (strstr (log, "X-Signature: " MASK "\n"));
  g_assert_nonnull (strstr (log, "X-Amz-Security-Token: " MASK "\n"));
  g_assert_nonnull (strstr (log, "Set-Cookie: " MASK "\n"));
  g_assert_nonnull (strstr (log, "X-Plain: visible\n"));
}

/* Cookies */

static void
test_cookies_persisted (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *jar_path = g_build_filename (dir, "cookies.txt", NULL);
  g_autofree char *jar_text = NULL;
  g_autoptr(TessPreparedRequest) login = request_new (server, "GET", "/login");
  g_autoptr(TessPreparedRequest) check = request_new (server, "GET", "/check");
  g_autoptr(TessExchange) first = NULL;
  g_autoptr(TessExchange) second = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  TessSender *sender;
  g_autoptr(TessSender) later = NULL;
  g_autofree char *property = NULL;

  tess_test_server_add_response (server, "/login", 200, NULL, NULL,
                                 "Set-Cookie", "sid=abc123; Max-Age=3600; Path=/", NULL);
  tess_test_server_add_response (server, "/check", 200, NULL, NULL, NULL);

  sender = tess_sender_new ();
  tess_sender_set_cookie_file (sender, jar_path);
  first = send_request (sender, login);
  g_assert_no_error (first->error);
  g_assert_finalize_object (sender);

  g_assert_true (g_file_get_contents (jar_path, &jar_text, NULL, NULL));
  g_assert_nonnull (strstr (jar_text, "sid\tabc123"));

  /* A new sender reads the jar and sends the cookie, next to a manual one. */
  later = tess_sender_new ();
  tess_sender_set_cookie_file (later, jar_path);
  tess_prepared_request_add_header (check, "Cookie", "manual=1", TESS_ORIGIN_MANUAL, NULL);
  second = send_request (later, check);
  g_assert_no_error (second->error);
  seen = tess_test_server_dup_last_request (server);
  g_assert_cmpstr (tess_test_request_get_header (seen, "Cookie"), ==, "manual=1; sid=abc123");
  g_object_get (later, "cookie-file", &property, NULL);
  g_assert_cmpstr (property, ==, jar_path);
}

/* Challenge schemes */

static gboolean
fake_apply (TessAuthContext     *ctx,
            TessPreparedRequest *req,
            GError             **error)
{
  return TRUE;
}

static TessChallengeResult
fake_on_response (TessAuthContext     *ctx,
                  TessPreparedRequest *req,
                  guint                status,
                  SoupMessageHeaders  *headers,
                  GError             **error)
{
  if (status != 401 || ctx->rounds > 0)
    return TESS_CHALLENGE_DONE;
  g_assert_cmpstr (soup_message_headers_get_one (headers, "WWW-Authenticate"), ==, "Fake realm=\"tests\"");
  tess_prepared_request_replace_header (req, "X-Answer", "42", TESS_ORIGIN_AUTH, "Fake auth");
  g_ptr_array_add (req->log, g_strdup ("Fake: answered the challenge"));
  return TESS_CHALLENGE_RETRY;
}

static TessChallengeResult
stubborn_on_response (TessAuthContext     *ctx,
                      TessPreparedRequest *req,
                      guint                status,
                      SoupMessageHeaders  *headers,
                      GError             **error)
{
  return status == 401 ? TESS_CHALLENGE_RETRY : TESS_CHALLENGE_DONE;
}

static const TessAuthScheme fake_scheme = {
  .id = "fake",
  .label = "Fake Auth",
  .apply = fake_apply,
  .on_response = fake_on_response,
};

static const TessAuthScheme stubborn_scheme = {
  .id = "stubborn",
  .label = "Stubborn Auth",
  .apply = fake_apply,
  .on_response = stubborn_on_response,
};

static void
challenge_handler (SoupServerMessage     *msg,
                   const TessTestRequest *request,
                   gpointer               user_data)
{
  if (g_strcmp0 (tess_test_request_get_header (request, "X-Answer"), "42") == 0)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "welcome", 7);
      return;
    }
  soup_server_message_set_status (msg, 401, NULL);
  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "WWW-Authenticate", "Fake realm=\"tests\"");
  /* A body the sender must drain before it asks again on this connection. */
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "denied, try again", 17);
}

static void
test_challenge (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "POST", "/challenge");
  g_autoptr(TessAuthContext) ctx = tess_auth_context_new (&fake_scheme, "Tests / Challenge", "Fake auth");
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GBytes) payload = text_bytes ("body");
  g_autofree char *body = NULL;
  g_autofree char *log = NULL;

  tess_test_server_add_handler (server, "/challenge", challenge_handler, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, payload);

  exchange = tess_test_send (sender, req, ctx);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 200);
  body = body_text (exchange);
  g_assert_cmpstr (body, ==, "welcome");
  g_assert_cmpuint (exchange->rounds->len, ==, 2);
  g_assert_cmpuint (ctx->rounds, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 0), "HTTP/1.1 401 Unauthorized"));
  g_assert_nonnull (strstr (g_ptr_array_index (exchange->rounds, 1), "X-Answer: " MASK "\n"));
  g_assert_cmpstr (tess_prepared_request_get_header (exchange->request, "X-Answer"), ==, "42");
  log = tess_exchange_dup_log (exchange);
  g_assert_nonnull (strstr (log, "Note: Fake: answered the challenge"));

  /* Both rounds on one kept-alive connection, as NTLM needs. */
  seen = tess_test_server_dup_requests (server);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpuint (((TessTestRequest *) g_ptr_array_index (seen, 0))->remote_port, ==,
                    ((TessTestRequest *) g_ptr_array_index (seen, 1))->remote_port);
  g_assert_true (g_bytes_equal (((TessTestRequest *) g_ptr_array_index (seen, 1))->body, payload));
}

static void
test_challenge_limit (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/challenge");
  g_autoptr(TessAuthContext) ctx = tess_auth_context_new (&stubborn_scheme, "Tests / Stubborn", NULL);
  g_autoptr(TessExchange) exchange = NULL;

  tess_test_server_add_handler (server, "/challenge", challenge_handler, NULL);
  exchange = tess_test_send (sender, req, ctx);
  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE);
  g_assert_cmpuint (exchange->status, ==, 401);
  g_assert_cmpuint (exchange->rounds->len, ==, 6);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 6);
}

/* TLS */

typedef struct {
  char *dir;
  char *ca;
  char *server_cert;
  char *server_key;
  char *other_cert;
  char *other_key;
  char *client_cert;
  char *client_key;
  char *client_p12;
} TlsFiles;

static void
run_openssl (const char *dir,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "openssl");
  g_ptr_array_add (argv, (gpointer) first);
  va_start (args, first);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", first, err);
}

static void
make_leaf (const char *dir,
           const char *name,
           const char *subject,
           const char *extensions)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *csr = g_strconcat (name, ".csr", NULL);
  g_autofree char *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *ext = g_strconcat (name, ".ext", NULL);
  g_autofree char *ext_path = g_build_filename (dir, ext, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (ext_path, extensions, -1, &error);
  g_assert_no_error (error);
  run_openssl (dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
               "-keyout", key, "-out", csr, "-subj", subject, NULL);
  run_openssl (dir, "x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
               "-days", "2", "-out", pem, "-extfile", ext, NULL);
}

/* Whether GIO's TLS backend imports the PKCS#12 file at @path. About one
 * file in 400 that openssl writes fails there ("ASN1 parser: Error in TAG")
 * though GnuTLS's certtool reads it, depending on the random salts. */
static gboolean
p12_imports (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  cert = g_tls_certificate_new_from_pkcs12 ((const guint8 *) data, length, "tessera-p12", NULL);
  return cert != NULL;
}

/* A CA, a server certificate for 127.0.0.1, one for another name, and a
 * client certificate (PEM and PKCS#12, remade until it imports), made once
 * with openssl. */
static const TlsFiles *
tls_files (void)
{
  static TlsFiles files;
  static gboolean made;

  g_autofree char *openssl = NULL;

  if (made)
    return &files;
  openssl = g_find_program_in_path ("openssl");
  if (openssl == NULL)
    return NULL;

  files.dir = tess_test_make_tmpdir ();
  run_openssl (files.dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
               "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Tessera Test CA",
               "-addext", "basicConstraints=critical,CA:TRUE",
               "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL);
  make_leaf (files.dir, "server", "/CN=127.0.0.1",
             "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
  make_leaf (files.dir, "other", "/CN=other.test",
             "subjectAltName=DNS:other.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
  make_leaf (files.dir, "client", "/CN=Tessera Test Client",
             "extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n");
  files.client_p12 = g_build_filename (files.dir, "client.p12", NULL);
  for (guint attempt = 0; !p12_imports (files.client_p12); attempt++)
    {
      g_assert_cmpuint (attempt, <, 10);
      run_openssl (files.dir, "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key",
                   "-out", "client.p12", "-passout", "pass:tessera-p12", NULL);
    }

  files.ca = g_build_filename (files.dir, "ca.pem", NULL);
  files.server_cert = g_build_filename (files.dir, "server.pem", NULL);
  files.server_key = g_build_filename (files.dir, "server.key", NULL);
  files.other_cert = g_build_filename (files.dir, "other.pem", NULL);
  files.other_key = g_build_filename (files.dir, "other.key", NULL);
  files.client_cert = g_build_filename (files.dir, "client.pem", NULL);
  files.client_key = g_build_filename (files.dir, "client.key", NULL);
  made = TRUE;
  return &files;
}

/* The TLS files, a server on them answering /tls (with the other
 * certificate when @other_identity, asking for a client certificate when
 * @ask_client) and a GET for it; NULL, with the test skipped, when openssl
 * is missing. */
static const TlsFiles *
tls_case (gboolean              other_identity,
          gboolean              ask_client,
          TessTestServer      **server,
          TessPreparedRequest **req)
{
  const TlsFiles *files = tls_files ();
  g_autoptr(GError) error = NULL;

  if (files == NULL)
    {
      tess_test_skip_peer ("openssl (Debian package openssl) is not installed");
      return NULL;
    }
  *server = tess_test_server_new_tls (other_identity ? files->other_cert : files->server_cert,
                                      other_identity ? files->other_key : files->server_key,
                                      ask_client ? files->ca : NULL, &error);
  g_assert_no_error (error);
  tess_test_server_add_response (*server, "/tls", 200, "text/plain", g_bytes_new_static ("secure", 6), NULL);
  *req = request_new (*server, "GET", "/tls");
  return files;
}

/* Large bodies one after the other on a kept-alive connection, each read
 * whole (peer-lighttpd's large-bodies does the same against a server that
 * sends them in one go). */
static void
test_fast_bodies (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  const gsize size = 3 * 1024 * 1024 + 17;
  char *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = 'a' + i % 26;
  tess_test_server_add_response (server, "/fast", 200, "text/plain", g_bytes_new_take (data, size), NULL);
  req = request_new (server, "GET", "/fast");
  /* A stalled read ends in this timeout rather than hanging the test. */
  tess_sender_set_timeout (sender, 4000);
  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(TessExchange) exchange = send_request (sender, req);

      g_assert_no_error (exchange->error);
      g_assert_cmpuint (exchange->status, ==, 200);
      g_assert_cmpint (exchange->body_size, ==, size);
    }
}

/* Without dumps the exchange has everything but the console text. */
static void
test_no_dumps (void)
{
  g_autoptr(TessTestServer) server = tess_test_server_new ();
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = request_new (server, "GET", "/hello");
  g_autoptr(TessExchange) with = NULL;
  g_autoptr(TessExchange) without = NULL;
  g_autofree char *body = NULL;

  tess_test_server_add_response (server, "/hello", 200, "text/plain", g_bytes_new_static ("hi", 2), NULL);
  with = send_request (sender, req);
  g_assert_cmpuint (with->rounds->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (with->rounds, 0), "GET /hello HTTP/1.1"));

  tess_sender_set_dumps (sender, FALSE);
  without = send_request (sender, req);
  g_assert_no_error (without->error);
  g_assert_cmpuint (without->status, ==, 200);
  g_assert_cmpuint (without->rounds->len, ==, 0);
  body = body_text (without);
  g_assert_cmpstr (body, ==, "hi");
}

static void
test_tls_untrusted (void)
{
  g_autoptr(TessTestServer) server = NULL;
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) exchange = NULL;
  g_autofree char *expected = NULL;

  if (tls_case (FALSE, FALSE, &server, &req) == NULL)
    return;

  exchange = send_request (sender, req);
  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_TLS);
  expected = g_strdup_printf ("TLS certificate of 127.0.0.1:%u is not trusted: unknown CA",
                              tess_test_server_get_port (server));
  g_assert_true (g_str_has_prefix (exchange->error->message, expected));
  g_assert_cmpuint (exchange->status, ==, 0);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 0);
}

static void
test_tls_opt_out (void)
{
  g_autoptr(TessTestServer) server = NULL;
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) insecure = NULL;
  g_autoptr(TessExchange) verified = NULL;

  if (tls_case (FALSE, FALSE, &server, &req) == NULL)
    return;

  req->verify_tls = 0;
  insecure = send_request (sender, req);
  g_assert_no_error (insecure->error);
  g_assert_cmpuint (insecure->status, ==, 200);
  g_assert_true (strv_has_substring (insecure->warnings, "accepted without verification: unknown CA"));
  g_assert_cmpint (insecure->timings.tls, >=, 0);

  /* The unverified connection is not reused for a request that verifies. */
  req->verify_tls = -1;
  verified = send_request (sender, req);
  g_assert_error (verified->error, TESS_ERROR, TESS_ERROR_TLS);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 1);
}

static void
test_tls_ca_file (void)
{
  const TlsFiles *files = NULL;
  g_autoptr(TessTestServer) server = NULL;
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *ca = NULL;

  files = tls_case (FALSE, FALSE, &server, &req);
  if (files == NULL)
    return;

  g_assert_false (tess_sender_set_ca_file (sender, "/nonexistent/ca.pem", &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_TLS);
  g_clear_error (&error);

  g_assert_true (tess_sender_set_ca_file (sender, files->ca, &error));
  g_assert_no_error (error);
  g_object_get (sender, "ca-file", &ca, NULL);
  g_assert_cmpstr (ca, ==, files->ca);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 200);
  body = body_text (exchange);
  g_assert_cmpstr (body, ==, "secure");
  g_assert_cmpuint (exchange->warnings->len, ==, 0);
  g_assert_cmpint (exchange->timings.tls, >=, 0);
}

static void
test_tls_bad_identity (void)
{
  const TlsFiles *files = NULL;
  g_autoptr(TessTestServer) server = NULL;
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) exchange = NULL;

  files = tls_case (TRUE, FALSE, &server, &req);
  if (files == NULL)
    return;
  g_assert_true (tess_sender_set_ca_file (sender, files->ca, NULL));

  exchange = send_request (sender, req);
  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_TLS);
  g_assert_nonnull (strstr (exchange->error->message, "bad identity (not issued for ‘127.0.0.1’)"));
  g_assert_null (strstr (exchange->error->message, "unknown CA"));
}

static void
client_certificate_case (const char *kind)
{
  const TlsFiles *files = NULL;
  g_autoptr(TessTestServer) server = NULL;
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) exchange = NULL;
  g_autoptr(TessTestRequest) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;

  files = tls_case (FALSE, TRUE, &server, &req);
  if (files == NULL)
    return;
  g_assert_true (tess_sender_set_ca_file (sender, files->ca, NULL));

  if (g_str_equal (kind, "pem"))
    g_assert_true (tess_sender_add_client_certificate (sender, "127.0.0.1", files->client_cert,
                                                       files->client_key, NULL, &error));
  else
    {
      g_assert_false (tess_sender_add_client_certificate (sender, "127.0.0.1", files->client_p12,
                                                          NULL, "wrong passphrase", &error));
      g_assert_error (error, TESS_ERROR, TESS_ERROR_TLS);
      g_clear_error (&error);
      /* Registered for host:port this time. */
      host = g_strdup_printf ("127.0.0.1:%u", tess_test_server_get_port (server));
      g_assert_true (tess_sender_add_client_certificate (sender, host, files->client_p12,
                                                         NULL, "tessera-p12", &error));
    }
  g_assert_no_error (error);

  exchange = send_request (sender, req);
  g_assert_no_error (exchange->error);
  g_assert_cmpuint (exchange->status, ==, 200);
  seen = tess_test_server_dup_last_request (server);
  g_assert_nonnull (seen->client_certificate_subject);
  g_assert_nonnull (strstr (seen->client_certificate_subject, "CN=Tessera Test Client"));
}

static void
test_tls_client_pem (void)
{
  client_certificate_case ("pem");
}

static void
test_tls_client_pkcs12 (void)
{
  client_certificate_case ("pkcs12");
}

/* Taken away, a certificate is not shown again, not even on the kept-alive
 * connection that presented it; the workspace's list is what counts. */
static void
test_tls_client_removed (void)
{
  const TlsFiles *files = NULL;
  g_autoptr(TessTestServer) server = NULL;
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) first = NULL;
  g_autoptr(TessExchange) second = NULL;
  g_autoptr(TessExchange) third = NULL;
  g_autoptr(TessExchange) fourth = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TessWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTestRequest) seen_first = NULL;
  g_autoptr(TessTestRequest) seen_second = NULL;
  TessClientCertificate cert = { 0 };

  files = tls_case (FALSE, TRUE, &server, &req);
  if (files == NULL)
    return;
  dir = tess_test_make_tmpdir ();
  workspace = tess_workspace_new (dir);
  tess_workspace_set_ca_file (workspace, files->ca);
  cert.host = (char *) "127.0.0.1";
  cert.cert = files->client_cert;
  cert.key = files->client_key;
  tess_workspace_set_client_certificate (workspace, &cert);

  g_assert_true (tess_sender_apply_workspace (sender, workspace, &error));
  g_assert_no_error (error);
  first = send_request (sender, req);
  g_assert_no_error (first->error);
  g_assert_cmpuint (first->status, ==, 200);

  seen_first = tess_test_server_dup_last_request (server);

  /* Applying the same settings again keeps the connection. */
  g_assert_true (tess_sender_apply_workspace (sender, workspace, &error));
  second = send_request (sender, req);
  g_assert_no_error (second->error);
  seen_second = tess_test_server_dup_last_request (server);
  g_assert_cmpuint (seen_second->remote_port, ==, seen_first->remote_port);

  g_assert_true (tess_workspace_remove_client_certificate (workspace, "127.0.0.1"));
  g_assert_true (tess_sender_apply_workspace (sender, workspace, &error));
  third = send_request (sender, req);
  g_assert_error (third->error, TESS_ERROR, TESS_ERROR_TLS);
  g_assert_nonnull (strstr (third->error->message, "requires a TLS client certificate"));
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 2);

  /* And back. */
  tess_workspace_set_client_certificate (workspace, &cert);
  g_assert_true (tess_sender_apply_workspace (sender, workspace, &error));
  fourth = send_request (sender, req);
  g_assert_no_error (fourth->error);
  g_assert_cmpuint (fourth->status, ==, 200);
}

static void
test_tls_client_missing (void)
{
  const TlsFiles *files = NULL;
  g_autoptr(TessTestServer) server = NULL;
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessExchange) exchange = NULL;

  files = tls_case (FALSE, TRUE, &server, &req);
  if (files == NULL)
    return;
  g_assert_true (tess_sender_set_ca_file (sender, files->ca, NULL));

  exchange = send_request (sender, req);
  g_assert_nonnull (exchange->error);
  g_assert_error (exchange->error, TESS_ERROR, TESS_ERROR_TLS);
  g_assert_nonnull (strstr (exchange->error->message, "requires a TLS client certificate"));
  g_assert_cmpuint (exchange->status, ==, 0);
  g_assert_cmpuint (tess_test_server_get_request_count (server), ==, 0);
}

int
main (int argc, char **argv)
{
  /* Loopback traffic must not go to a proxy from the environment. */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sender/new", test_new);
  g_test_add_func ("/sender/get", test_get);
  g_test_add_func ("/sender/post-body", test_post_body);
  g_test_add_func ("/sender/custom-method", test_custom_method);
  g_test_add_func ("/sender/header-order", test_header_order);
  g_test_add_func ("/sender/matches-wire", test_matches_wire);
  g_test_add_func ("/sender/body-file", test_body_file);
  g_test_add_func ("/sender/redirect/follow", test_redirect_follow);
  g_test_add_func ("/sender/redirect/limit", test_redirect_limit);
  g_test_add_func ("/sender/redirect/off", test_redirect_off);
  g_test_add_func ("/sender/timeout", test_timeout);
  g_test_add_func ("/sender/cancel", test_cancel);
  g_test_add_func ("/sender/connection-refused", test_connection_refused);
  g_test_add_func ("/sender/dns-failure", test_dns_failure);
  g_test_add_func ("/sender/large-body", test_large_body);
  g_test_add_func ("/sender/memory-limit", test_memory_limit);
  g_test_add_func ("/sender/keep-alive", test_keep_alive);
  g_test_add_func ("/sender/timings", test_timings);
  g_test_add_func ("/sender/masking", test_masking);
  g_test_add_func ("/sender/cookies", test_cookies_persisted);
  g_test_add_func ("/sender/challenge", test_challenge);
  g_test_add_func ("/sender/challenge-limit", test_challenge_limit);
  g_test_add_func ("/sender/fast-bodies", test_fast_bodies);
  g_test_add_func ("/sender/no-dumps", test_no_dumps);
  g_test_add_func ("/sender/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/sender/tls/opt-out", test_tls_opt_out);
  g_test_add_func ("/sender/tls/ca-file", test_tls_ca_file);
  g_test_add_func ("/sender/tls/bad-identity", test_tls_bad_identity);
  g_test_add_func ("/sender/tls/client-pem", test_tls_client_pem);
  g_test_add_func ("/sender/tls/client-pkcs12", test_tls_client_pkcs12);
  g_test_add_func ("/sender/tls/client-missing", test_tls_client_missing);
  g_test_add_func ("/sender/tls/client-removed", test_tls_client_removed);

  return g_test_run ();
}
