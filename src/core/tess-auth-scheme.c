#include "tess-auth-scheme.h"

#include <glib/gi18n-lib.h>

#include "tess-error.h"

const TessAuthField *
tess_auth_scheme_get_field (const TessAuthScheme *scheme,
                            const char           *key)
{
  for (guint i = 0; i < scheme->n_fields; i++)
    if (g_str_equal (scheme->fields[i].key, key))
      return &scheme->fields[i];
  return NULL;
}

gboolean
tess_auth_field_is_secret (const TessAuthField *field)
{
  return field->kind == TESS_FIELD_SECRET || field->kind == TESS_FIELD_MULTILINE_SECRET;
}

const TessAuthScheme *
tess_auth_scheme_lookup (const char *id)
{
  guint n;
  const TessAuthScheme * const *schemes = tess_auth_schemes (&n);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (schemes[i]->id, id))
      return schemes[i];
  return NULL;
}

TessAuthContext *
tess_auth_context_new (const TessAuthScheme *scheme,
                       const char           *item_path,
                       const char           *origin_label)
{
  TessAuthContext *ctx = g_new0 (TessAuthContext, 1);

  ctx->scheme = scheme;
  ctx->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->item_path = g_strdup (item_path);
  ctx->origin_label = g_strdup (origin_label);
  return ctx;
}

void
tess_auth_context_free (TessAuthContext *ctx)
{
  if (ctx == NULL)
    return;
  if (ctx->state != NULL && ctx->state_free != NULL)
    ctx->state_free (ctx->state);
  g_hash_table_unref (ctx->values);
  g_free (ctx->item_path);
  g_free (ctx->origin_label);
  g_free (ctx);
}

void
tess_auth_context_set (TessAuthContext *ctx,
                       const char      *key,
                       const char      *value)
{
  g_hash_table_replace (ctx->values, g_strdup (key), g_strdup (value ? value : ""));
}

const char *
tess_auth_context_get (TessAuthContext *ctx,
                       const char      *key)
{
  const char *value = g_hash_table_lookup (ctx->values, key);
  const TessAuthField *field;

  if (value != NULL && *value != '\0')
    return value;
  field = tess_auth_scheme_get_field (ctx->scheme, key);
  if (field != NULL && field->default_value != NULL)
    return field->default_value;
  return "";
}

gboolean
tess_auth_context_get_bool (TessAuthContext *ctx,
                            const char      *key)
{
  const char *value = tess_auth_context_get (ctx, key);

  return g_ascii_strcasecmp (value, "true") == 0 ||
         g_str_equal (value, "1") ||
         g_ascii_strcasecmp (value, "yes") == 0;
}

static void
field_error_valist (TessAuthContext *ctx,
                    GError         **error,
                    int              code,
                    const char      *key,
                    const char      *format,
                    va_list          args)
{
  const TessAuthField *field = tess_auth_scheme_get_field (ctx->scheme, key);
  g_autofree char *reason = g_strdup_vprintf (format, args);

  g_set_error (error, TESS_ERROR, code,
               _("request ‘%s’: %s: field ‘%s’ %s"),
               ctx->item_path ? ctx->item_path : "",
               _(ctx->scheme->label),
               field ? _(field->label) : key,
               reason);
}

void
tess_auth_context_field_error (TessAuthContext *ctx,
                               GError         **error,
                               const char      *key,
                               const char      *format,
                               ...)
{
  va_list args;

  va_start (args, format);
  field_error_valist (ctx, error, TESS_ERROR_AUTH_FIELD, key, format, args);
  va_end (args);
}

gboolean
tess_auth_context_check_required (TessAuthContext *ctx,
                                  GError         **error)
{
  for (guint i = 0; i < ctx->scheme->n_fields; i++)
    {
      const TessAuthField *field = &ctx->scheme->fields[i];

      if (field->required && *tess_auth_context_get (ctx, field->key) == '\0')
        {
          tess_auth_context_field_error (ctx, error, field->key, "%s", _("is empty"));
          return FALSE;
        }
    }
  return TRUE;
}
