#include "tess-kv.h"
#include "tess-workspace-private.h"

/* Tessera's own settings, kept in workspace.json as a JSON object so that
 * members written by another version survive a save. */

static void
read_client_certificates (TessWorkspace *self)
{
  JsonNode *node = json_object_get_member (self->settings, "clientCertificates");
  JsonArray *array;

  g_ptr_array_set_size (self->client_certificates, 0);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      TessClientCertificate *cert;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      cert = tess_client_certificate_from_json (json_node_get_object (element));
      if (cert != NULL)
        g_ptr_array_add (self->client_certificates, cert);
    }
}

void
tess_workspace_apply_settings (TessWorkspace *self,
                               JsonObject    *settings)
{
  const char *names[] = { "ca-file", "request-timeout", "follow-redirects", "max-redirects", "verify-tls" };

  json_object_unref (self->settings);
  self->settings = json_object_ref (settings);
  read_client_certificates (self);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_notify (G_OBJECT (self), names[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static JsonNode *
settings_member (TessWorkspace *self,
                 const char    *member,
                 GType          type)
{
  JsonNode *node = json_object_get_member (self->settings, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (type == G_TYPE_INT64)
    return json_node_get_value_type (node) == G_TYPE_INT64 ||
           json_node_get_value_type (node) == G_TYPE_DOUBLE ? node : NULL;
  return json_node_get_value_type (node) == type ? node : NULL;
}

static guint
settings_uint (TessWorkspace *self,
               const char    *member,
               guint          fallback)
{
  JsonNode *node = settings_member (self, member, G_TYPE_INT64);
  gint64 value;

  if (node == NULL)
    return fallback;
  value = json_node_get_int (node);
  return value < 0 ? fallback : (guint) MIN (value, (gint64) G_MAXUINT);
}

static gboolean
settings_bool (TessWorkspace *self,
               const char    *member,
               gboolean       fallback)
{
  JsonNode *node = settings_member (self, member, G_TYPE_BOOLEAN);

  return node ? json_node_get_boolean (node) : fallback;
}

const char *
tess_workspace_get_ca_file (TessWorkspace *self)
{
  JsonNode *node;

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  node = settings_member (self, "caFile", G_TYPE_STRING);
  if (node == NULL || *json_node_get_string (node) == '\0')
    return NULL;
  return json_node_get_string (node);
}

void
tess_workspace_set_ca_file (TessWorkspace *self,
                            const char    *path)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));

  if (path != NULL && *path == '\0')
    path = NULL;
  if (g_strcmp0 (tess_workspace_get_ca_file (self), path) == 0)
    return;
  if (path == NULL)
    json_object_remove_member (self->settings, "caFile");
  else
    json_object_set_string_member (self->settings, "caFile", path);
  g_object_notify (G_OBJECT (self), "ca-file");
}

guint
tess_workspace_get_request_timeout (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), 0);

  return settings_uint (self, "requestTimeout", 0);
}

void
tess_workspace_set_request_timeout (TessWorkspace *self,
                                    guint          timeout_ms)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));

  if (tess_workspace_get_request_timeout (self) == timeout_ms)
    return;
  json_object_set_int_member (self->settings, "requestTimeout", timeout_ms);
  g_object_notify (G_OBJECT (self), "request-timeout");
}

gboolean
tess_workspace_get_follow_redirects (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), TESS_WORKSPACE_DEFAULT_FOLLOW_REDIRECTS);

  return settings_bool (self, "followRedirects", TESS_WORKSPACE_DEFAULT_FOLLOW_REDIRECTS);
}

void
tess_workspace_set_follow_redirects (TessWorkspace *self,
                                     gboolean       follow)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));

  follow = !!follow;
  if (tess_workspace_get_follow_redirects (self) == follow)
    return;
  json_object_set_boolean_member (self->settings, "followRedirects", follow);
  g_object_notify (G_OBJECT (self), "follow-redirects");
}

guint
tess_workspace_get_max_redirects (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), TESS_WORKSPACE_DEFAULT_MAX_REDIRECTS);

  return settings_uint (self, "maxRedirects", TESS_WORKSPACE_DEFAULT_MAX_REDIRECTS);
}

void
tess_workspace_set_max_redirects (TessWorkspace *self,
                                  guint          max_redirects)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));

  if (tess_workspace_get_max_redirects (self) == max_redirects)
    return;
  json_object_set_int_member (self->settings, "maxRedirects", max_redirects);
  g_object_notify (G_OBJECT (self), "max-redirects");
}

gboolean
tess_workspace_get_verify_tls (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), TESS_WORKSPACE_DEFAULT_VERIFY_TLS);

  return settings_bool (self, "verifyTls", TESS_WORKSPACE_DEFAULT_VERIFY_TLS);
}

void
tess_workspace_set_verify_tls (TessWorkspace *self,
                               gboolean       verify)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));

  verify = !!verify;
  if (tess_workspace_get_verify_tls (self) == verify)
    return;
  json_object_set_boolean_member (self->settings, "verifyTls", verify);
  g_object_notify (G_OBJECT (self), "verify-tls");
}

GPtrArray *
tess_workspace_get_client_certificates (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->client_certificates;
}

static int
find_certificate (TessWorkspace *self,
                  const char    *host)
{
  for (guint i = 0; i < self->client_certificates->len; i++)
    {
      TessClientCertificate *cert = g_ptr_array_index (self->client_certificates, i);

      if (cert->host != NULL && g_ascii_strcasecmp (cert->host, host) == 0)
        return i;
    }
  return -1;
}

void
tess_workspace_set_client_certificate (TessWorkspace               *self,
                                       const TessClientCertificate *cert)
{
  int index;

  g_return_if_fail (TESS_IS_WORKSPACE (self));
  g_return_if_fail (cert != NULL && cert->host != NULL);

  index = find_certificate (self, cert->host);
  if (index >= 0)
    {
      tess_client_certificate_free (self->client_certificates->pdata[index]);
      self->client_certificates->pdata[index] = tess_client_certificate_copy (cert);
    }
  else
    g_ptr_array_add (self->client_certificates, tess_client_certificate_copy (cert));
}

gboolean
tess_workspace_remove_client_certificate (TessWorkspace *self,
                                          const char    *host)
{
  int index;

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  index = find_certificate (self, host);
  if (index < 0)
    return FALSE;
  g_ptr_array_remove_index (self->client_certificates, index);
  return TRUE;
}

const TessClientCertificate *
tess_workspace_lookup_client_certificate (TessWorkspace *self,
                                          const char    *host,
                                          guint          port)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return tess_client_certificate_lookup (self->client_certificates, host, port);
}

static JsonNode *
settings_to_json (TessWorkspace *self)
{
  g_autoptr(JsonNode) current = json_node_init_object (json_node_alloc (), self->settings);
  JsonNode *node = tess_json_node_deep_copy (current);
  JsonObject *object = json_node_get_object (node);

  if (self->client_certificates->len > 0 || json_object_has_member (object, "clientCertificates"))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < self->client_certificates->len; i++)
        json_array_add_element (array, tess_client_certificate_to_json (self->client_certificates->pdata[i]));
      json_object_set_array_member (object, "clientCertificates", array);
    }
  return node;
}

static char *
settings_path (TessWorkspace *self)
{
  return g_build_filename (self->path, TESS_WORKSPACE_SETTINGS_FILE, NULL);
}

gboolean
tess_workspace_save_settings (TessWorkspace  *self,
                              GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);

  root = settings_to_json (self);
  path = settings_path (self);
  return tess_file_writer_save (self->writer, path, root, error);
}

void
tess_workspace_save_settings_async (TessWorkspace       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TESS_IS_WORKSPACE (self));

  root = settings_to_json (self);
  path = settings_path (self);
  tess_file_writer_save_async (self->writer, path, root, NULL, self, tess_workspace_save_settings_async,
                               cancellable, callback, user_data);
}

gboolean
tess_workspace_save_settings_finish (TessWorkspace  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return tess_file_writer_save_finish (self, result, tess_workspace_save_settings_async, error);
}
