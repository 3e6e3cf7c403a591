#include "tess-auth-scheme.h"
#include "tess-error.h"

/* Applying an OAuth 2.0 access token; getting tokens is tested elsewhere. */

static TessAuthContext *
oauth2_context (const char *first_key,
                ...)
{
  TessAuthContext *ctx = tess_auth_context_new (tess_auth_scheme_lookup ("oauth2"), "Cloud / Buckets",
                                                "OAuth 2.0 from collection ‘Cloud’");
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    tess_auth_context_set (ctx, key, va_arg (args, const char *));
  va_end (args);
  return ctx;
}

static TessPreparedRequest *
apply (TessAuthContext *ctx)
{
  TessPreparedRequest *req = tess_prepared_request_new ("GET", "http://127.0.0.1/b?access_token=typed&n=1");
  g_autoptr(GError) error = NULL;

  tess_prepared_request_add_header (req, "Authorization", "Basic typed", TESS_ORIGIN_MANUAL, NULL);
  g_assert_true (tess_auth_context_check_required (ctx, &error));
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  return req;
}

static void
test_oauth2_header (void)
{
  g_autoptr(TessAuthContext) ctx = oauth2_context ("accessToken", "at-123", NULL);
  g_autoptr(TessPreparedRequest) req = apply (ctx);
  g_autofree char *target = tess_prepared_request_dup_target (req);

  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==, "Bearer at-123");
  g_assert_cmpuint (req->headers->len, ==, 1);
  /* A typed access_token would be a second token: it goes. */
  g_assert_cmpstr (target, ==, "/b?n=1");
}

static void
test_oauth2_prefix (void)
{
  g_autoptr(TessAuthContext) ctx = oauth2_context ("accessToken", "at-123", "headerPrefix", " Token ",
                                                   "tokenType", "bearer", NULL);
  g_autoptr(TessPreparedRequest) req = apply (ctx);

  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==, "Token at-123");
}

static void
test_oauth2_query (void)
{
  g_autoptr(TessAuthContext) ctx = oauth2_context ("accessToken", "a/b+c", "addTokenTo", "queryParams", NULL);
  g_autoptr(TessPreparedRequest) req = apply (ctx);
  g_autofree char *target = tess_prepared_request_dup_target (req);
  TessParam *param = g_ptr_array_index (req->query, req->query->len - 1);

  g_assert_cmpstr (target, ==, "/b?n=1&access_token=a%2Fb%2Bc");
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "OAuth 2.0 from collection ‘Cloud’");
}

static void
test_oauth2_mac_not_sent (void)
{
  g_autoptr(TessAuthContext) ctx = oauth2_context ("accessToken", "at-123", "tokenType", "MAC", NULL);
  g_autoptr(TessPreparedRequest) req = apply (ctx);

  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==, "Basic typed");
  g_assert_cmpuint (req->log->len, ==, 1);
}

static void
test_oauth2_token_required (void)
{
  g_autoptr(TessAuthContext) ctx = oauth2_context ("clientId", "app", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (tess_auth_context_check_required (ctx, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_assert_cmpstr (error->message, ==, "request ‘Cloud / Buckets’: OAuth 2.0: field ‘Access Token’ is empty");
}

static void
test_oauth2_fields (void)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup ("oauth2");
  const char *keys[] = {
    "accessToken", "tokenType", "addTokenTo", "headerPrefix", "grant_type", "authUrl",
    "accessTokenUrl", "clientId", "clientSecret", "scope", "state", "redirect_uri",
    "client_authentication", "challengeAlgorithm", "code_verifier", "username", "password",
    "tokenName", "useBrowser", "refreshTokenUrl",
  };
  const char *secrets[] = { "accessToken", "clientSecret", "password" };
  guint n_secret = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (tess_auth_scheme_get_field (scheme, keys[i]));
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_true (tess_auth_field_is_secret (tess_auth_scheme_get_field (scheme, secrets[i])));
  for (guint i = 0; i < scheme->n_fields; i++)
    n_secret += tess_auth_field_is_secret (&scheme->fields[i]);
  g_assert_cmpuint (n_secret, ==, G_N_ELEMENTS (secrets));
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "headerPrefix")->default_value, ==, "Bearer");
  g_assert_cmpstr (tess_auth_scheme_get_field (scheme, "addTokenTo")->default_value, ==, "header");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/oauth2/header", test_oauth2_header);
  g_test_add_func ("/auth/oauth2/prefix", test_oauth2_prefix);
  g_test_add_func ("/auth/oauth2/query", test_oauth2_query);
  g_test_add_func ("/auth/oauth2/mac-not-sent", test_oauth2_mac_not_sent);
  g_test_add_func ("/auth/oauth2/token-required", test_oauth2_token_required);
  g_test_add_func ("/auth/oauth2/fields", test_oauth2_fields);
  return g_test_run ();
}
