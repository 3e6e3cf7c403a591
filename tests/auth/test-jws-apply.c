#include "test-jws-apply.h"

#include <string.h>

#include "tess-error.h"

char *
test_jws_apply_for_token (TessAuthContext     *ctx,
                          TessPreparedRequest *req)
{
  g_autoptr(GError) error = NULL;
  const char *value;

  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  value = tess_prepared_request_get_header (req, "Authorization");
  g_assert_nonnull (value);
  g_assert_true (g_str_has_prefix (value, "Bearer "));
  return g_strdup (value + strlen ("Bearer "));
}

void
test_jws_assert_apply_fails (TessAuthContext     *ctx,
                             TessPreparedRequest *req,
                             const char          *location,
                             const char          *field_label,
                             const char          *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = g_strdup_printf ("field ‘%s’", field_label);

  g_assert_false (ctx->scheme->apply (ctx, req, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, location));
  g_assert_nonnull (strstr (error->message, field));
  g_assert_nonnull (strstr (error->message, reason));
}
