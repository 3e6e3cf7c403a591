#include "tess-exchange.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tess-error.h"

TessExchange *
tess_exchange_new (void)
{
  TessExchange *self = g_new0 (TessExchange, 1);

  self->response_headers = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_param_free);
  self->rounds = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->timings.dns = -1;
  self->timings.connect = -1;
  self->timings.tls = -1;
  self->timings.first_byte = -1;
  self->timings.total = -1;
  return self;
}

void
tess_exchange_free (TessExchange *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->request, tess_prepared_request_free);
  g_free (self->reason);
  g_free (self->http_version);
  g_ptr_array_unref (self->response_headers);
  g_clear_pointer (&self->body, g_bytes_unref);
  /* The sender made this file for this exchange alone: nobody else will
   * remove it. Whoever wants to keep the body copies it first. */
  if (self->body_file != NULL)
    g_unlink (self->body_file);
  g_free (self->body_file);
  g_free (self->content_type);
  g_ptr_array_unref (self->rounds);
  g_ptr_array_unref (self->warnings);
  g_clear_error (&self->error);
  g_free (self);
}

void
tess_exchange_drop_payload (TessExchange *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->body, g_bytes_unref);
  if (self->body_file != NULL)
    g_unlink (self->body_file);
  g_clear_pointer (&self->body_file, g_free);
  g_ptr_array_set_size (self->rounds, 0);
}

GBytes *
tess_exchange_dup_body (TessExchange *self,
                        GError      **error)
{
  if (self->body != NULL)
    return g_bytes_ref (self->body);

  if (self->body_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->body_file);
      g_autoptr(GError) local_error = NULL;
      GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &local_error);

      if (bytes == NULL)
        g_set_error (error, TESS_ERROR, TESS_ERROR_IO,
                     _("response body file ‘%s’: %s"), self->body_file, local_error->message);
      return bytes;
    }

  return g_bytes_new_static ("", 0);
}

/* The first one, as a response has one Content-Type or Location; repeated
 * headers (Set-Cookie) are read from response_headers. */
const char *
tess_exchange_get_header (TessExchange *self,
                          const char   *name)
{
  for (guint i = 0; i < self->response_headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (self->response_headers, i);

      if (g_ascii_strcasecmp (param->name, name) == 0)
        return param->value;
    }
  return NULL;
}

void
tess_exchange_add_warning (TessExchange *self,
                           const char   *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

gboolean
tess_exchange_is_secret_header (const char *name)
{
  static const char * const secret_headers[] = {
    "Authorization",
    "Proxy-Authorization",
    "Cookie",
    "Set-Cookie",
    "X-Api-Key",
    "X-Amz-Security-Token",
  };

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
    if (g_ascii_strcasecmp (name, secret_headers[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
tess_exchange_dup_log (TessExchange *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->rounds->len; i++)
    {
      if (i > 0)
        g_string_append (out, "\n");
      g_string_append (out, g_ptr_array_index (self->rounds, i));
    }

  /* Notes of the auth schemes (challenges answered or refused). */
  for (guint i = 0; self->request != NULL && i < self->request->log->len; i++)
    {
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Note: %s\n"), (char *) g_ptr_array_index (self->request->log, i));
    }

  for (guint i = 0; i < self->warnings->len; i++)
    {
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Warning: %s\n"), (char *) g_ptr_array_index (self->warnings, i));
    }

  if (self->error != NULL)
    {
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Error: %s\n"), self->error->message);
    }

  return g_string_free (out, FALSE);
}
