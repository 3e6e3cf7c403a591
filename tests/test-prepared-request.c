#include "tess-prepared-request.h"

static void
test_url_split (void)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "https://Example.com:443/a/b?x=1&y&x=2#frag");
  g_autofree char *uri = NULL;
  g_autofree char *target = NULL;
  g_autofree char *host = NULL;

  g_assert_cmpstr (req->url, ==, "https://Example.com:443/a/b");
  g_assert_cmpstr (req->fragment, ==, "frag");
  g_assert_cmpuint (req->query->len, ==, 3);
  g_assert_null (((TessParam *) req->query->pdata[1])->value);

  uri = tess_prepared_request_dup_uri (req);
  g_assert_cmpstr (uri, ==, "https://Example.com:443/a/b?x=1&y&x=2#frag");
  target = tess_prepared_request_dup_target (req);
  g_assert_cmpstr (target, ==, "/a/b?x=1&y&x=2");
  host = tess_prepared_request_dup_host (req);
  g_assert_cmpstr (host, ==, "example.com");

  {
    g_autoptr(TessPreparedRequest) copy = tess_prepared_request_copy (req);
    g_autofree char *copy_uri = tess_prepared_request_dup_uri (copy);
    g_assert_cmpstr (copy_uri, ==, uri);
  }
}

static void
test_url_escaping (void)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "example.com?q=a b&e=%41");
  g_autofree char *uri = NULL;

  tess_prepared_request_add_query (req, "k y", "v&w", TESS_ORIGIN_AUTH, "test");
  uri = tess_prepared_request_dup_uri (req);
  g_assert_cmpstr (uri, ==, "http://example.com/?q=a%20b&e=%41&k%20y=v%26w");
}

static void
test_headers_replace (void)
{
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("POST", "http://h/");
  g_autofree char *wire = NULL;

  tess_prepared_request_add_header (req, "authorization", "manual", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "X-A", "1", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_replace_header (req, "Authorization", "Basic eA==", TESS_ORIGIN_AUTH, "Basic");
  g_assert_cmpuint (req->headers->len, ==, 2);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "AUTHORIZATION"), ==, "Basic eA==");

  tess_prepared_request_append_form (req, "a b", "c&d");
  tess_prepared_request_append_form (req, "e", "");
  wire = tess_prepared_request_to_wire (req);
  g_assert_cmpstr (wire, ==,
                   "POST / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nAuthorization: Basic eA==\r\n"
                   "Content-Length: 14\r\n\r\na%20b=c%26d&e=");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/prepared-request/url-split", test_url_split);
  g_test_add_func ("/prepared-request/url-escaping", test_url_escaping);
  g_test_add_func ("/prepared-request/headers-replace", test_headers_replace);
  return g_test_run ();
}
