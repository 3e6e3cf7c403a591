#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* HTTP Digest (RFC 7616, RFC 2617) arithmetic, free of any request or
 * challenge handling so the published vectors can be checked directly. */

typedef enum {
  TESS_DIGEST_MD5,
  TESS_DIGEST_SHA256,
  TESS_DIGEST_SHA512_256,
} TessDigestHash;

typedef struct {
  TessDigestHash hash;
  gboolean sess;
} TessDigestAlgorithm;

/* "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256",
 * "SHA-512-256-sess", ASCII case-insensitive; empty means MD5 (RFC 2617). */
gboolean    tess_digest_algorithm_parse    (const char          *name,
                                            TessDigestAlgorithm *out);
/* The canonical name, as it goes in the Authorization header. */
char       *tess_digest_algorithm_name     (TessDigestAlgorithm  algorithm);
/* Larger is stronger; used to pick among several challenges. */
int         tess_digest_algorithm_strength (TessDigestAlgorithm  algorithm);

/* Lowercase hex of the hash of @len bytes at @data. */
char       *tess_digest_hex                (TessDigestHash       hash,
                                            const void          *data,
                                            gsize                len);

/**
 * TessDigestInput:
 * @qop: "auth", "auth-int", or %NULL / "" for the RFC 2069 form without qop
 * @nc: the nonce count as sent, eight hex digits
 * @body: the entity body, for qop=auth-int (%NULL counts as empty)
 * @userhash: send H(username:realm) instead of the username (RFC 7616 §3.4.4)
 *
 * Everything that goes into one Authorization header. Strings are UTF-8.
 */
typedef struct {
  TessDigestAlgorithm algorithm;
  const char *username;
  const char *password;
  const char *realm;
  const char *nonce;
  const char *cnonce;
  const char *nc;
  const char *qop;
  const char *method;
  const char *uri;
  GBytes     *body;
  const char *opaque;
  gboolean    userhash;
} TessDigestInput;

char       *tess_digest_userhash           (TessDigestHash         hash,
                                            const char            *username,
                                            const char            *realm);
/* The request-digest ("response" parameter). */
char       *tess_digest_response           (const TessDigestInput *input);
/* The whole header value: "Digest username=\"…\", realm=\"…\", …". */
char       *tess_digest_authorization      (const TessDigestInput *input);

G_END_DECLS
