#include "tess-auth-scheme.h"
#include "tess-error.h"

static TessAuthContext *
apikey_context (const char *key,
                const char *value,
                const char *in)
{
  TessAuthContext *ctx = tess_auth_context_new (tess_auth_scheme_lookup ("apikey"), "Shop / List",
                                                "API key from folder ‘Shop’");

  tess_auth_context_set (ctx, "key", key);
  tess_auth_context_set (ctx, "value", value);
  if (in != NULL)
    tess_auth_context_set (ctx, "in", in);
  return ctx;
}

static void
test_apikey_header_default (void)
{
  g_autoptr(TessAuthContext) ctx = apikey_context ("X-Api-Key", "s3cr\xc3\xa9t", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/items?x-api-key=typed");
  g_autoptr(GError) error = NULL;
  g_autofree char *wire = NULL;

  tess_prepared_request_add_header (req, "x-api-key", "typed", TESS_ORIGIN_MANUAL, NULL);
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  wire = tess_prepared_request_to_wire (req);
  /* The header replaces the typed one; the query is left alone. */
  g_assert_cmpstr (wire, ==, "GET /items?x-api-key=typed HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "X-Api-Key: s3cr\xc3\xa9t\r\n\r\n");
}

static void
test_apikey_query (void)
{
  g_autoptr(TessAuthContext) ctx = apikey_context ("api key", "a&b=c", "query");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/items?page=2&api%20key=typed");
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  TessParam *param;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  target = tess_prepared_request_dup_target (req);
  g_assert_cmpstr (target, ==, "/items?page=2&api%20key=a%26b%3Dc");
  param = g_ptr_array_index (req->query, req->query->len - 1);
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "API key from folder ‘Shop’");
  g_assert_cmpuint (req->headers->len, ==, 0);
}

static void
test_apikey_key_required (void)
{
  g_autoptr(TessAuthContext) ctx = apikey_context ("", "v", "header");
  g_autoptr(GError) error = NULL;
  const TessAuthField *in = tess_auth_scheme_get_field (ctx->scheme, "in");

  g_assert_false (tess_auth_context_check_required (ctx, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_cmpstr (error->message, ==, "request ‘Shop / List’: API Key: field ‘Key’ is empty");
  g_assert_true (tess_auth_field_is_secret (tess_auth_scheme_get_field (ctx->scheme, "value")));
  g_assert_cmpint (in->kind, ==, TESS_FIELD_CHOICE);
  g_assert_cmpstr (in->default_value, ==, "header");
  g_assert_cmpstr (in->choices[0], ==, "header");
  g_assert_cmpstr (in->choices[1], ==, "query");
  g_assert_null (in->choices[2]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/apikey/header-default", test_apikey_header_default);
  g_test_add_func ("/auth/apikey/query", test_apikey_query);
  g_test_add_func ("/auth/apikey/key-required", test_apikey_key_required);
  return g_test_run ();
}
