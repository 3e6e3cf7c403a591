#include "tess-auth-scheme.h"
#include "tess-error.h"

/* Basic auth (RFC 7617): exact header, UTF-8, replacing a typed header, and
 * the required-field message. */

static TessAuthContext *
basic_context (const char *username,
               const char *password)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("basic");
  TessAuthContext *ctx;

  g_assert_nonnull (scheme);
  ctx = tess_auth_context_new (scheme, "Payments / Refund", "Basic auth from collection ‘Payments’");
  if (username != NULL)
    tess_auth_context_set (ctx, "username", username);
  if (password != NULL)
    tess_auth_context_set (ctx, "password", password);
  return ctx;
}

static void
test_basic_header (void)
{
  g_autoptr(TessAuthContext) ctx = basic_context ("Aladdin", "open sesame");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;
  TessParam *param;

  tess_prepared_request_add_header (req, "authorization", "Basic bWFudWFs", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "Accept", "*/*", TESS_ORIGIN_MANUAL, NULL);
  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_no_error (error);
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);

  /* RFC 7617 §2: "Aladdin:open sesame". The typed header is gone. */
  g_assert_cmpuint (req->headers->len, ==, 2);
  param = g_ptr_array_index (req->headers, 1);
  g_assert_cmpstr (param->name, ==, "Authorization");
  g_assert_cmpstr (param->value, ==, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "Basic auth from collection ‘Payments’");
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), !=, "Basic bWFudWFs");
}

static void
test_basic_utf8 (void)
{
  g_autoptr(TessAuthContext) ctx = basic_context ("test", "123\xc2\xa3");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  /* RFC 7617 §2.1: user "test", password "123£" in UTF-8. */
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==, "Basic dGVzdDoxMjPCow==");
}

static void
test_basic_empty_password (void)
{
  g_autoptr(TessAuthContext) ctx = basic_context ("user", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==, "Basic dXNlcjo=");
}

static void
test_basic_username_required (void)
{
  g_autoptr(TessAuthContext) ctx = basic_context (NULL, "secret");
  g_autoptr(GError) error = NULL;

  g_assert_false (tess_auth_context_check_required (ctx, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_cmpstr (error->message, ==, "request ‘Payments / Refund’: Basic Auth: field ‘Username’ is empty");
}

static void
test_basic_fields (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("basic");
  const TessAuthField *username = tess_auth_scheme_get_field (scheme, "username");
  const TessAuthField *password = tess_auth_scheme_get_field (scheme, "password");

  g_assert_cmpstr (scheme->id, ==, "basic");
  g_assert_nonnull (username);
  g_assert_nonnull (password);
  g_assert_true (username->required);
  g_assert_false (tess_auth_field_is_secret (username));
  g_assert_true (tess_auth_field_is_secret (password));
  g_assert_false (password->required);
  g_assert_null (scheme->on_response);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/basic/header", test_basic_header);
  g_test_add_func ("/auth/basic/utf8", test_basic_utf8);
  g_test_add_func ("/auth/basic/empty-password", test_basic_empty_password);
  g_test_add_func ("/auth/basic/username-required", test_basic_username_required);
  g_test_add_func ("/auth/basic/fields", test_basic_fields);
  return g_test_run ();
}
