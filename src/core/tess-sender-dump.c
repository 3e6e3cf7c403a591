#include "tess-sender-dump.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-exchange.h"
#include "tess-soup.h"

#define PREVIEW_LIMIT    (64 * 1024)
#define DUMP_SIZE_HINT   256
/* Stands in for a masked query value while the target is escaped; only
 * unreserved characters, so escaping leaves it alone. */
#define MASK_PLACEHOLDER "~tess-masked-value~"

const char *
tess_http_version_string (SoupHTTPVersion version)
{
  switch (version)
    {
    case SOUP_HTTP_1_0:
      return "HTTP/1.0";
    case SOUP_HTTP_2_0:
      return "HTTP/2";
    case SOUP_HTTP_1_1:
    default:
      return "HTTP/1.1";
    }
}

static gboolean
is_masked_header (const TessPreparedRequest *req,
                  const char                *name)
{
  if (tess_exchange_is_secret_header (name))
    return TRUE;
  for (guint i = 0; req != NULL && i < req->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (req->headers, i);

      if (param->origin == TESS_ORIGIN_AUTH && g_ascii_strcasecmp (param->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
append_headers (GString                   *out,
                SoupMessageHeaders        *headers,
                const TessPreparedRequest *req)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  /* Plain appends: a printf per header shows in runs of many requests. */
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_string_append (out, name);
      g_string_append (out, ": ");
      g_string_append (out, is_masked_header (req, name) ? TESS_EXCHANGE_MASK : value);
      g_string_append_c (out, '\n');
    }
}

/* The request target with query values that came from auth (API keys in the
 * query) masked like secret headers. */
static char *
dup_masked_target (const TessPreparedRequest *req)
{
  g_autoptr(TessPreparedRequest) copy = NULL;
  g_autoptr(GString) target = NULL;
  gboolean masked = FALSE;

  for (guint i = 0; i < req->query->len; i++)
    masked |= ((TessParam *) g_ptr_array_index (req->query, i))->origin == TESS_ORIGIN_AUTH;
  if (!masked)
    return tess_prepared_request_dup_target (req);

  copy = tess_prepared_request_copy (req);
  for (guint i = 0; i < copy->query->len; i++)
    {
      TessParam *param = g_ptr_array_index (copy->query, i);

      if (param->origin == TESS_ORIGIN_AUTH && param->value != NULL)
        {
          g_free (param->value);
          param->value = g_strdup (MASK_PLACEHOLDER);
        }
    }
  {
    g_autofree char *text = tess_prepared_request_dup_target (copy);
    target = g_string_new (text);
  }
  g_string_replace (target, MASK_PLACEHOLDER, TESS_EXCHANGE_MASK, 0);
  return g_string_free (g_steal_pointer (&target), FALSE);
}

static void
append_body_preview (GString                   *out,
                     const TessPreparedRequest *req)
{
  const char *data, *end;
  gsize size, shown;

  if (req->body_file != NULL)
    {
      g_string_append_printf (out, _("[body streamed from ‘%s’]\n"), req->body_file);
      return;
    }
  if (req->body == NULL || g_bytes_get_size (req->body) == 0)
    return;

  data = g_bytes_get_data (req->body, &size);
  shown = MIN (size, PREVIEW_LIMIT);
  /* A character cut at the preview limit is no reason to call it binary. */
  if (!g_utf8_validate_len (data, shown, &end) &&
      !(size > shown && shown - (gsize) (end - data) < 4))
    {
      g_string_append_printf (out, _("[binary body: %" G_GSIZE_FORMAT " bytes]\n"), size);
      return;
    }
  g_string_append_len (out, data, end - data);
  g_string_append_c (out, '\n');
  if (size > shown)
    g_string_append_printf (out, _("[… %" G_GSIZE_FORMAT " more bytes]\n"), size - shown);
}

char *
tess_dump_request (SoupMessage               *msg,
                   const TessPreparedRequest *req)
{
  /* Sized for a usual head, so that it is not grown step by step. */
  GString *out = g_string_sized_new (DUMP_SIZE_HINT);
  g_autofree char *target = dup_masked_target (req);

  g_string_append (out, soup_message_get_method (msg));
  g_string_append_c (out, ' ');
  g_string_append (out, target);
  g_string_append_c (out, ' ');
  g_string_append (out, tess_http_version_string (soup_message_get_http_version (msg)));
  g_string_append_c (out, '\n');
  append_headers (out, soup_message_get_request_headers (msg), req);
  g_string_append_c (out, '\n');
  append_body_preview (out, req);
  return g_string_free (out, FALSE);
}

char *
tess_dump_round (SoupMessage               *msg,
                 const TessPreparedRequest *req,
                 const char                *sent_request,
                 gboolean                   answered)
{
  GString *out = g_string_sized_new ((sent_request ? strlen (sent_request) : 0) + DUMP_SIZE_HINT);

  if (sent_request != NULL)
    g_string_append (out, sent_request);
  else
    {
      g_autofree char *target = dup_masked_target (req);

      g_string_append_printf (out, _("%s %s (not sent)\n"), req->method, target);
    }

  /* One blank line between the request and the response. */
  if (!g_str_has_suffix (out->str, "\n\n"))
    g_string_append_c (out, '\n');

  if (answered)
    {
      const char *reason = soup_message_get_reason_phrase (msg);

      g_string_append (out, tess_http_version_string (soup_message_get_http_version (msg)));
      g_string_append_printf (out, " %u ", soup_message_get_status (msg));
      g_string_append (out, reason ? reason : "");
      g_string_append_c (out, '\n');
      append_headers (out, soup_message_get_response_headers (msg), NULL);
    }
  else
    g_string_append (out, _("(no response)\n"));

  return g_string_free (out, FALSE);
}

char *
tess_describe_certificate_flags (GTlsCertificateFlags flags,
                                 const char          *host)
{
  GString *out = g_string_new (NULL);

#define ADD(text) g_string_append_printf (out, "%s%s", out->len ? ", " : "", text)
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    ADD (_("unknown CA (not signed by a trusted certificate authority)"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    {
      g_autofree char *text = g_strdup_printf (_("bad identity (not issued for ‘%s’)"), host);
      ADD (text);
    }
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    ADD (_("not yet valid"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    ADD (_("expired"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    ADD (_("revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    ADD (_("insecure algorithm"));
  if (flags & G_TLS_CERTIFICATE_GENERIC_ERROR)
    ADD (_("could not be checked"));
#undef ADD
  return g_string_free (out, FALSE);
}
