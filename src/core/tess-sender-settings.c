#include "tess-sender-settings.h"

gboolean
tess_sender_apply_workspace (TessSender     *sender,
                             TessWorkspace  *workspace,
                             GError        **error)
{
  const char *ca_file = tess_workspace_get_ca_file (workspace);
  GPtrArray *certificates = tess_workspace_get_client_certificates (workspace);
  GError *first = NULL;

  tess_sender_set_timeout (sender, tess_workspace_get_request_timeout (workspace));
  tess_sender_set_follow_redirects (sender, tess_workspace_get_follow_redirects (workspace));
  tess_sender_set_max_redirects (sender, tess_workspace_get_max_redirects (workspace));
  tess_sender_set_verify_tls (sender, tess_workspace_get_verify_tls (workspace));
  tess_sender_set_cookie_file (sender, tess_workspace_get_cookie_jar_path (workspace));

  if (ca_file != NULL && *ca_file != '\0')
    tess_sender_set_ca_file (sender, ca_file, &first);

  for (guint i = 0; certificates != NULL && i < certificates->len; i++)
    {
      TessClientCertificate *cert = g_ptr_array_index (certificates, i);
      const char *cert_path = cert->pfx ? cert->pfx : cert->cert;
      g_autoptr(GError) local_error = NULL;

      if (cert_path == NULL)
        continue;
      if (!tess_sender_add_client_certificate (sender, cert->host, cert_path,
                                               cert->pfx ? NULL : cert->key, NULL, &local_error) &&
          first == NULL)
        first = g_steal_pointer (&local_error);
    }

  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}
