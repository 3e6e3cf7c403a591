#include "tess-console-reveal.h"

#include <string.h>

/* The @nth value of header @name in @headers (cycling, since each round of
 * a challenge repeats the same headers), or NULL. */
static const char *
nth_value (GPtrArray  *headers,
           const char *name,
           guint       nth)
{
  guint count = 0;

  if (headers == NULL)
    return NULL;
  for (guint i = 0; i < headers->len; i++)
    if (g_ascii_strcasecmp (((TessParam *) g_ptr_array_index (headers, i))->name, name) == 0)
      count++;
  if (count == 0)
    return NULL;
  nth %= count;
  for (guint i = 0; i < headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (param->name, name) == 0 && nth-- == 0)
        return param->value ? param->value : "";
    }
  return NULL;
}

static void
reveal_line (GString      *out,
             const char   *line,
             TessExchange *exchange,
             GHashTable   *seen)
{
  const char *colon = strstr (line, ": " TESS_EXCHANGE_MASK);
  TessPreparedRequest *request = exchange->request;

  if (colon != NULL && g_str_equal (colon + 2, TESS_EXCHANGE_MASK) && strchr (line, ' ') > colon)
    {
      g_autofree char *name = g_strndup (line, colon - line);
      g_autofree char *key = g_ascii_strdown (name, -1);
      guint nth = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));
      const char *value = request ? nth_value (request->headers, name, nth) : NULL;

      if (value == NULL)
        value = nth_value (exchange->response_headers, name, nth);
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (nth + 1));
      if (value != NULL)
        {
          g_string_append_printf (out, "%s: %s", name, value);
          return;
        }
    }
  else if (request != NULL && request->method != NULL &&
           g_str_has_prefix (line, request->method) && line[strlen (request->method)] == ' ')
    {
      /* "GET /path?key=•••••• HTTP/1.1": the target as it was sent. */
      const char *target = line + strlen (request->method) + 1;
      const char *version = strrchr (target, ' ');
      g_autofree char *real = tess_prepared_request_dup_target (request);

      if (version != NULL && real != NULL)
        {
          g_string_append_printf (out, "%s %s%s", request->method, real, version);
          return;
        }
    }
  g_string_append (out, line);
}

char *
tess_console_dup_revealed (TessExchange *exchange)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GString *out;

  g_return_val_if_fail (exchange != NULL, NULL);

  log = tess_exchange_dup_log (exchange);
  if (strstr (log, TESS_EXCHANGE_MASK) == NULL)
    return g_steal_pointer (&log);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines = g_strsplit (log, "\n", -1);
  out = g_string_sized_new (strlen (log));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      if (strstr (lines[i], TESS_EXCHANGE_MASK) != NULL)
        reveal_line (out, lines[i], exchange, seen);
      else
        g_string_append (out, lines[i]);
    }
  return g_string_free (out, FALSE);
}
