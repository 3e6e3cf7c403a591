#include "tess-prepared-request.h"

#include <string.h>

void
tess_param_free (TessParam *param)
{
  if (param == NULL)
    return;
  g_free (param->name);
  g_free (param->value);
  g_free (param->origin_label);
  g_free (param);
}

static TessParam *
param_new (const char *name,
           const char *value,
           TessOrigin  origin,
           const char *origin_label)
{
  TessParam *param = g_new0 (TessParam, 1);

  param->name = g_strdup (name);
  param->value = g_strdup (value ? value : "");
  param->origin = origin;
  param->origin_label = g_strdup (origin_label);
  return param;
}

static TessParam *
param_copy (const TessParam *param,
            gpointer         unused)
{
  TessParam *copy = param_new (param->name, param->value, param->origin, param->origin_label);

  /* "?flag" (no value) stays without '=' on the wire. */
  if (param->value == NULL)
    g_clear_pointer (&copy->value, g_free);
  return copy;
}

TessPreparedRequest *
tess_prepared_request_new (const char *method,
                           const char *url_with_query)
{
  TessPreparedRequest *self = g_new0 (TessPreparedRequest, 1);

  self->method = g_strdup (method && *method ? method : "GET");
  self->query = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_param_free);
  self->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_param_free);
  self->unresolved = g_ptr_array_new_with_free_func (g_free);
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->verify_tls = -1;
  self->follow_redirects = -1;
  self->max_redirects = -1;
  self->timeout_ms = -1;
  tess_prepared_request_set_url (self, url_with_query ? url_with_query : "");
  return self;
}

void
tess_prepared_request_free (TessPreparedRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->item_path);
  g_free (self->method);
  g_free (self->url);
  g_free (self->fragment);
  g_ptr_array_unref (self->query);
  g_ptr_array_unref (self->headers);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->body_file);
  g_ptr_array_unref (self->unresolved);
  g_free (self->auth_type);
  g_free (self->auth_origin);
  g_ptr_array_unref (self->log);
  g_free (self);
}

TessPreparedRequest *
tess_prepared_request_copy (const TessPreparedRequest *self)
{
  TessPreparedRequest *copy = g_new0 (TessPreparedRequest, 1);

  copy->item_path = g_strdup (self->item_path);
  copy->method = g_strdup (self->method);
  copy->url = g_strdup (self->url);
  copy->fragment = g_strdup (self->fragment);
  copy->query = g_ptr_array_copy (self->query, (GCopyFunc) param_copy, NULL);
  g_ptr_array_set_free_func (copy->query, (GDestroyNotify) tess_param_free);
  copy->headers = g_ptr_array_copy (self->headers, (GCopyFunc) param_copy, NULL);
  g_ptr_array_set_free_func (copy->headers, (GDestroyNotify) tess_param_free);
  copy->body_mode = self->body_mode;
  copy->body = self->body ? g_bytes_ref (self->body) : NULL;
  copy->body_file = g_strdup (self->body_file);
  copy->unresolved = g_ptr_array_copy (self->unresolved, (GCopyFunc) g_strdup, NULL);
  g_ptr_array_set_free_func (copy->unresolved, g_free);
  copy->auth_type = g_strdup (self->auth_type);
  copy->auth_origin = g_strdup (self->auth_origin);
  copy->log = g_ptr_array_copy (self->log, (GCopyFunc) g_strdup, NULL);
  g_ptr_array_set_free_func (copy->log, g_free);
  copy->verify_tls = self->verify_tls;
  copy->follow_redirects = self->follow_redirects;
  copy->max_redirects = self->max_redirects;
  copy->timeout_ms = self->timeout_ms;
  return copy;
}

void
tess_prepared_request_set_url (TessPreparedRequest *self,
                               const char          *url_with_query)
{
  g_autofree char *url = g_strdup (url_with_query);
  char *hash, *question;

  g_strstrip (url);
  g_clear_pointer (&self->fragment, g_free);
  g_ptr_array_set_size (self->query, 0);

  hash = strchr (url, '#');
  if (hash != NULL)
    {
      self->fragment = g_strdup (hash + 1);
      *hash = '\0';
    }

  question = strchr (url, '?');
  if (question != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (question + 1, "&", -1);

      *question = '\0';
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          char *eq;

          if (pairs[i][0] == '\0')
            continue;
          eq = strchr (pairs[i], '=');
          if (eq != NULL)
            {
              *eq = '\0';
              g_ptr_array_add (self->query, param_new (pairs[i], eq + 1, TESS_ORIGIN_MANUAL, NULL));
            }
          else
            {
              TessParam *p = param_new (pairs[i], NULL, TESS_ORIGIN_MANUAL, NULL);
              /* "?flag" has no '=': keep it that way on the wire. */
              g_clear_pointer (&p->value, g_free);
              g_ptr_array_add (self->query, p);
            }
        }
    }

  /* Postman sends "example.com" as "http://example.com". */
  if (*url != '\0' && strstr (url, "://") == NULL)
    {
      g_free (self->url);
      self->url = g_strconcat ("http://", url, NULL);
    }
  else
    {
      g_free (self->url);
      self->url = g_strdup (url);
    }

  /* An authority with no path gets "/". */
  {
    const char *authority = strstr (self->url, "://");
    if (authority != NULL && strchr (authority + 3, '/') == NULL)
      {
        char *with_slash = g_strconcat (self->url, "/", NULL);
        g_free (self->url);
        self->url = with_slash;
      }
  }
}

/* Escapes what may not appear in a URL as written (space, controls, non-ASCII,
 * and characters that would change its structure), keeping existing escapes. */
static void
append_wire_escaped (GString    *out,
                     const char *text,
                     const char *also_escape)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == '<' || *p == '>' ||
          *p == '\\' || *p == '^' || *p == '`' || *p == '{' || *p == '|' || *p == '}' ||
          (also_escape != NULL && strchr (also_escape, *p) != NULL))
        g_string_append_printf (out, "%%%02X", *p);
      else
        g_string_append_c (out, *p);
    }
}

static void
append_query (GString                   *out,
              const TessPreparedRequest *self)
{
  for (guint i = 0; i < self->query->len; i++)
    {
      TessParam *param = g_ptr_array_index (self->query, i);

      g_string_append_c (out, i == 0 ? '?' : '&');
      append_wire_escaped (out, param->name, "#&=");
      if (param->value != NULL)
        {
          g_string_append_c (out, '=');
          append_wire_escaped (out, param->value, "#&");
        }
    }
}

char *
tess_prepared_request_dup_uri (const TessPreparedRequest *self)
{
  GString *out = g_string_new (NULL);

  append_wire_escaped (out, self->url, NULL);
  append_query (out, self);
  if (self->fragment != NULL)
    {
      g_string_append_c (out, '#');
      g_string_append (out, self->fragment);
    }
  return g_string_free (out, FALSE);
}

static const char *
find_path (const char *url)
{
  const char *authority = strstr (url, "://");
  const char *slash;

  if (authority == NULL)
    return url;
  slash = strchr (authority + 3, '/');
  return slash ? slash : "/";
}

char *
tess_prepared_request_dup_target (const TessPreparedRequest *self)
{
  GString *out = g_string_new (NULL);

  append_wire_escaped (out, find_path (self->url), NULL);
  append_query (out, self);
  return g_string_free (out, FALSE);
}

char *
tess_prepared_request_dup_host (const TessPreparedRequest *self)
{
  const char *authority = strstr (self->url, "://");
  const char *end, *at;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  size_t len;

  if (authority == NULL)
    return g_strdup ("");
  scheme = g_ascii_strdown (self->url, authority - self->url);
  authority += 3;
  end = strchr (authority, '/');
  len = end ? (size_t) (end - authority) : strlen (authority);
  host = g_strndup (authority, len);
  at = strrchr (host, '@');
  if (at != NULL)
    memmove (host, at + 1, strlen (at + 1) + 1);

  /* Drop a default port, as libsoup's Host header does. */
  if ((g_str_equal (scheme, "http") && g_str_has_suffix (host, ":80")) ||
      (g_str_equal (scheme, "https") && g_str_has_suffix (host, ":443")))
    *strrchr (host, ':') = '\0';
  return g_ascii_strdown (host, -1);
}

const char *
tess_prepared_request_get_header (const TessPreparedRequest *self,
                                  const char                *name)
{
  for (guint i = self->headers->len; i > 0; i--)
    {
      TessParam *param = g_ptr_array_index (self->headers, i - 1);

      if (g_ascii_strcasecmp (param->name, name) == 0)
        return param->value;
    }
  return NULL;
}

void
tess_prepared_request_add_header (TessPreparedRequest *self,
                                  const char          *name,
                                  const char          *value,
                                  TessOrigin           origin,
                                  const char          *origin_label)
{
  g_ptr_array_add (self->headers, param_new (name, value, origin, origin_label));
}

void
tess_prepared_request_remove_header (TessPreparedRequest *self,
                                     const char          *name)
{
  for (guint i = self->headers->len; i > 0; i--)
    {
      TessParam *param = g_ptr_array_index (self->headers, i - 1);

      if (g_ascii_strcasecmp (param->name, name) == 0)
        g_ptr_array_remove_index (self->headers, i - 1);
    }
}

void
tess_prepared_request_replace_header (TessPreparedRequest *self,
                                      const char          *name,
                                      const char          *value,
                                      TessOrigin           origin,
                                      const char          *origin_label)
{
  tess_prepared_request_remove_header (self, name);
  tess_prepared_request_add_header (self, name, value, origin, origin_label);
}

char *
tess_uri_encode_strict (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) (text ? text : ""); *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

char *
tess_uri_decode (const char *text,
                 gboolean    plus_is_space)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else if (*p == '+' && plus_is_space)
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

void
tess_prepared_request_add_query (TessPreparedRequest *self,
                                 const char          *name,
                                 const char          *value,
                                 TessOrigin           origin,
                                 const char          *origin_label)
{
  g_autofree char *ename = tess_uri_encode_strict (name);
  g_autofree char *evalue = tess_uri_encode_strict (value);

  g_ptr_array_add (self->query, param_new (ename, evalue, origin, origin_label));
}

void
tess_prepared_request_remove_query (TessPreparedRequest *self,
                                    const char          *name)
{
  g_autofree char *ename = tess_uri_encode_strict (name);

  for (guint i = self->query->len; i > 0; i--)
    {
      TessParam *param = g_ptr_array_index (self->query, i - 1);

      if (g_str_equal (param->name, name) || g_str_equal (param->name, ename))
        g_ptr_array_remove_index (self->query, i - 1);
    }
}

void
tess_prepared_request_set_body (TessPreparedRequest *self,
                                TessBodyMode         mode,
                                GBytes              *body)
{
  self->body_mode = mode;
  g_clear_pointer (&self->body, g_bytes_unref);
  if (body != NULL)
    self->body = g_bytes_ref (body);
}

/* application/x-www-form-urlencoded as Postman writes it: everything but
 * RFC 3986's unreserved characters escaped (its runtime escapes "!'()*" too). */
static void
append_form_encoded (GString    *out,
                     const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

void
tess_prepared_request_append_form (TessPreparedRequest *self,
                                   const char          *name,
                                   const char          *value)
{
  GString *out = g_string_new (NULL);

  if (self->body != NULL && g_bytes_get_size (self->body) > 0)
    {
      g_string_append_len (out, g_bytes_get_data (self->body, NULL), g_bytes_get_size (self->body));
      g_string_append_c (out, '&');
    }
  append_form_encoded (out, name);
  g_string_append_c (out, '=');
  append_form_encoded (out, value ? value : "");
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = g_string_free_to_bytes (out);
  self->body_mode = TESS_BODY_URLENCODED;
}

GBytes *
tess_prepared_request_dup_body (const TessPreparedRequest *self,
                                GError                   **error)
{
  if (self->body_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->body_file);
      GBytes *bytes = g_file_load_bytes (file, NULL, NULL, error);

      if (bytes == NULL)
        g_prefix_error (error, "body file ‘%s’: ", self->body_file);
      return bytes;
    }
  if (self->body != NULL)
    return g_bytes_ref (self->body);
  return g_bytes_new_static ("", 0);
}

char *
tess_prepared_request_to_wire (const TessPreparedRequest *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *target = tess_prepared_request_dup_target (self);
  g_autofree char *host = tess_prepared_request_dup_host (self);
  g_autoptr(GBytes) body = tess_prepared_request_dup_body (self, NULL);
  gsize body_size = body ? g_bytes_get_size (body) : 0;

  g_string_append_printf (out, "%s %s HTTP/1.1\r\n", self->method, target);
  if (tess_prepared_request_get_header (self, "Host") == NULL)
    g_string_append_printf (out, "Host: %s\r\n", host);
  for (guint i = 0; i < self->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (self->headers, i);
      g_string_append_printf (out, "%s: %s\r\n", param->name, param->value);
    }
  if (body_size > 0 && tess_prepared_request_get_header (self, "Content-Length") == NULL)
    g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n", body_size);
  g_string_append (out, "\r\n");
  if (body_size > 0)
    g_string_append_len (out, g_bytes_get_data (body, NULL), body_size);
  return g_string_free (out, FALSE);
}
