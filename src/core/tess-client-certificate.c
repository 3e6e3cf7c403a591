#include "tess-kv.h"
#include "tess-client-certificate.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (TessClientCertificate, tess_client_certificate,
                     tess_client_certificate_copy, tess_client_certificate_free)

TessClientCertificate *
tess_client_certificate_new (const char *host)
{
  TessClientCertificate *cert = g_new0 (TessClientCertificate, 1);

  cert->host = g_strdup (host);
  cert->extra = json_object_new ();
  return cert;
}

TessClientCertificate *
tess_client_certificate_copy (const TessClientCertificate *cert)
{
  TessClientCertificate *copy;
  g_autoptr(JsonNode) extra = NULL;
  g_autoptr(JsonNode) extra_copy = NULL;

  g_return_val_if_fail (cert != NULL, NULL);

  copy = tess_client_certificate_new (cert->host);
  copy->cert = g_strdup (cert->cert);
  copy->key = g_strdup (cert->key);
  copy->pfx = g_strdup (cert->pfx);
  if (cert->extra != NULL)
    {
      extra = json_node_init_object (json_node_alloc (), cert->extra);
      extra_copy = tess_json_node_deep_copy (extra);
      json_object_unref (copy->extra);
      copy->extra = json_object_ref (json_node_get_object (extra_copy));
    }
  return copy;
}

void
tess_client_certificate_free (TessClientCertificate *cert)
{
  if (cert == NULL)
    return;
  g_free (cert->host);
  g_free (cert->cert);
  g_free (cert->key);
  g_free (cert->pfx);
  g_clear_pointer (&cert->extra, json_object_unref);
  g_free (cert);
}

static char *
dup_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (*json_node_get_string (node) == '\0')
    return NULL;
  return g_strdup (json_node_get_string (node));
}

TessClientCertificate *
tess_client_certificate_from_json (JsonObject *object)
{
  g_autofree char *host = dup_string_member (object, "host");
  TessClientCertificate *cert;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (host == NULL)
    return NULL;
  cert = tess_client_certificate_new (host);
  cert->cert = dup_string_member (object, "cert");
  cert->key = dup_string_member (object, "key");
  cert->pfx = dup_string_member (object, "pfx");

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (g_str_equal (member, "host") || g_str_equal (member, "cert") ||
          g_str_equal (member, "key") || g_str_equal (member, "pfx") ||
          g_str_equal (member, "passphrase"))
        continue;
      json_object_set_member (cert->extra, member, tess_json_node_deep_copy (value));
    }
  return cert;
}

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

JsonNode *
tess_client_certificate_to_json (const TessClientCertificate *cert)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  json_object_set_string_member (object, "host", cert->host ? cert->host : "");
  set_optional (object, "cert", cert->cert);
  set_optional (object, "key", cert->key);
  set_optional (object, "pfx", cert->pfx);
  if (cert->extra != NULL)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, cert->extra);
      while (json_object_iter_next (&iter, &member, &value))
        if (!g_str_equal (member, "passphrase"))
          json_object_set_member (object, member, tess_json_node_deep_copy (value));
    }
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

/* Splits "host", "host:port", "[v6]" or "[v6]:port" into a lower-case host
 * and a port (0 when there is none). */
static char *
split_host_port (const char *entry,
                 guint      *port_out)
{
  const char *colon;
  guint64 port = 0;

  *port_out = 0;
  if (entry[0] == '[')
    {
      const char *close = strchr (entry, ']');

      if (close == NULL)
        return g_ascii_strdown (entry, -1);
      if (close[1] == ':' && g_ascii_string_to_unsigned (close + 2, 10, 1, 65535, &port, NULL))
        *port_out = port;
      return g_ascii_strdown (entry + 1, close - entry - 1);
    }
  colon = strchr (entry, ':');
  if (colon != NULL && strchr (colon + 1, ':') == NULL &&
      g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
    {
      *port_out = port;
      return g_ascii_strdown (entry, colon - entry);
    }
  return g_ascii_strdown (entry, -1);
}

/* Lower rank is a better match; -1 is no match. */
static int
match_rank (const TessClientCertificate *cert,
            const char                  *host,
            guint                        port)
{
  guint entry_port;
  g_autofree char *entry_host = split_host_port (cert->host, &entry_port);
  gboolean pattern = strchr (entry_host, '*') != NULL;

  if (entry_port != 0 && entry_port != port)
    return -1;
  if (!pattern)
    {
      if (!g_str_equal (entry_host, host))
        return -1;
      return entry_port != 0 ? 0 : 1;
    }
  if (!g_pattern_match_simple (entry_host, host))
    return -1;
  return entry_port != 0 ? 2 : 3;
}

const TessClientCertificate *
tess_client_certificate_lookup (GPtrArray  *list,
                                const char *host,
                                guint       port)
{
  g_autofree char *wanted = NULL;
  const TessClientCertificate *best = NULL;
  int best_rank = G_MAXINT;

  g_return_val_if_fail (host != NULL, NULL);

  if (list == NULL)
    return NULL;
  /* Accept a bracketed IPv6 literal as GUri gives it. */
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    wanted = g_ascii_strdown (host + 1, strlen (host) - 2);
  else
    wanted = g_ascii_strdown (host, -1);

  for (guint i = 0; i < list->len; i++)
    {
      const TessClientCertificate *cert = g_ptr_array_index (list, i);
      int rank;

      if (cert->host == NULL)
        continue;
      rank = match_rank (cert, wanted, port);
      if (rank >= 0 && rank < best_rank)
        {
          best = cert;
          best_rank = rank;
        }
    }
  return best;
}
