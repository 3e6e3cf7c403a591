#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TessClientCertificate:
 * @host: the host it is for: "example.com", "example.com:8443", "[::1]:8443"
 *   or a pattern "*.example.com"
 * @cert: path of a PEM certificate, or %NULL
 * @key: path of a PEM private key, or %NULL
 * @pfx: path of a PKCS#12 file (instead of @cert and @key), or %NULL
 * @extra: other members of its entry in workspace.json, written back as they were
 *
 * A client certificate for TLS. Passphrases live in the keyring, never here.
 */
typedef struct {
  char *host;
  char *cert;
  char *key;
  char *pfx;
  JsonObject *extra;
} TessClientCertificate;

#define TESS_TYPE_CLIENT_CERTIFICATE (tess_client_certificate_get_type ())
GType                  tess_client_certificate_get_type  (void) G_GNUC_CONST;
TessClientCertificate *tess_client_certificate_new       (const char *host);
TessClientCertificate *tess_client_certificate_copy      (const TessClientCertificate *cert);
void                   tess_client_certificate_free      (TessClientCertificate *cert);

/* An entry {host, cert, key, pfx, …} of workspace.json; NULL when it has no
 * host. A "passphrase" member is dropped, so it is never written back. */
TessClientCertificate *tess_client_certificate_from_json (JsonObject *object);
JsonNode              *tess_client_certificate_to_json   (const TessClientCertificate *cert);

/* The best entry of @list (TessClientCertificate) for @host and @port: "host:port",
 * then "host", then patterns with the port, then patterns without. Hosts compare
 * case-insensitively. NULL when none matches. */
const TessClientCertificate *
                       tess_client_certificate_lookup    (GPtrArray  *list,
                                                          const char *host,
                                                          guint       port);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessClientCertificate, tess_client_certificate_free)

G_END_DECLS
