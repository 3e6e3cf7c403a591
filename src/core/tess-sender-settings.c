#include "tess-sender-settings.h"

#define APPLIED_CERTIFICATES "tess-applied-client-certificates"

/* What the workspace's certificate list says, as one string to compare. */
static char *
certificates_signature (GPtrArray *certificates)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; certificates != NULL && i < certificates->len; i++)
    {
      TessClientCertificate *cert = g_ptr_array_index (certificates, i);

      g_string_append_printf (out, "%s\n%s\n%s\n%s\n\n", cert->host, cert->cert ? cert->cert : "",
                              cert->key ? cert->key : "", cert->pfx ? cert->pfx : "");
    }
  return g_string_free (out, FALSE);
}

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

  /* The set as a whole: a certificate removed in the workspace goes from
   * the sender too. Unchanged, the connections that use it stay open. */
  {
    g_autofree char *applied = certificates_signature (certificates);

    if (g_strcmp0 (applied, g_object_get_data (G_OBJECT (sender), APPLIED_CERTIFICATES)) != 0)
      {
        tess_sender_clear_client_certificates (sender);
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
        g_object_set_data_full (G_OBJECT (sender), APPLIED_CERTIFICATES, g_steal_pointer (&applied), g_free);
      }
  }

  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}
