#include "tess-auth-scheme.h"
#include "tess-error.h"

static void
test_bearer_header (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("bearer");
  g_autoptr(TessAuthContext) ctx = tess_auth_context_new (scheme, "API / Me", "Bearer token from request");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/me");
  g_autoptr(GError) error = NULL;

  tess_auth_context_set (ctx, "token", "mF_9.B5f-4.1JqM");
  tess_prepared_request_add_header (req, "AUTHORIZATION", "Bearer typed", TESS_ORIGIN_MANUAL, NULL);
  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_true (scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  /* RFC 6750 §2.1's example token. */
  g_assert_cmpuint (req->headers->len, ==, 1);
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==, "Bearer mF_9.B5f-4.1JqM");
  g_assert_cmpint (((TessParam *) req->headers->pdata[0])->origin, ==, TESS_ORIGIN_AUTH);
}

static void
test_bearer_token_required (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("bearer");
  g_autoptr(TessAuthContext) ctx = tess_auth_context_new (scheme, "API / Me", NULL);
  g_autoptr(GError) error = NULL;

  tess_auth_context_set (ctx, "token", "");
  g_assert_false (tess_auth_context_check_required (ctx, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_cmpstr (error->message, ==, "request ‘API / Me’: Bearer Token: field ‘Token’ is empty");
  g_assert_true (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, "token")));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/bearer/header", test_bearer_header);
  g_test_add_func ("/auth/bearer/token-required", test_bearer_token_required);
  return g_test_run ();
}
