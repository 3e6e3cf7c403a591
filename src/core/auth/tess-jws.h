#pragma once

#include <json-glib/json-glib.h>

#include "tess-pem-key.h"

G_BEGIN_DECLS

/*
 * JSON Web Signature (RFC 7515, compact form) for the JWT and ASAP schemes.
 * HMAC comes from GHmac; key signatures from TessPemKey (GnuTLS).
 * Errors carry a plain reason ("is JSON but not an object"); the auth scheme
 * wraps them with the field and request names.
 */

typedef enum {
  TESS_JWS_HS256,
  TESS_JWS_HS384,
  TESS_JWS_HS512,
  TESS_JWS_RS256,
  TESS_JWS_RS384,
  TESS_JWS_RS512,
  TESS_JWS_ES256,
  TESS_JWS_ES384,
  TESS_JWS_ES512,
  TESS_JWS_PS256,
  TESS_JWS_PS384,
  TESS_JWS_PS512,
} TessJwsAlg;

/* The names as JOSE spells them ("HS256"…), NULL-terminated, in enum order. */
extern const char * const tess_jws_alg_names[];
/* Only the asymmetric ones (for ASAP). */
extern const char * const tess_jws_asymmetric_alg_names[];

gboolean     tess_jws_alg_from_name     (const char *name,
                                         TessJwsAlg *alg);
const char  *tess_jws_alg_to_name       (TessJwsAlg  alg);
gboolean     tess_jws_alg_is_hmac       (TessJwsAlg  alg);

/* base64url without padding (RFC 7515 §2). */
char        *tess_base64url_encode      (const guint8 *data,
                                         gsize         len);
/* Decodes standard or URL-safe base64, padded or not; NULL on any other character. */
GBytes      *tess_base64_decode_lenient (const char   *text,
                                         GError      **error);

/* Parses @text as a JSON object; an empty text gives an empty object.
 * Malformed JSON gives json-glib's JSON_PARSER_ERROR and its reason; other
 * JSON values give TESS_ERROR_INVALID. */
JsonObject  *tess_jws_parse_object      (const char   *text,
                                         GError      **error);
/* Compact JSON text of @object. */
char        *tess_jws_object_to_text    (JsonObject   *object);

/* Checks that @key suits @alg (RSA for RS/PS, EC for ES) and signs:
 * PKCS#1 v1.5, PSS with salt = hash length, or ECDSA as raw R‖S on the curve
 * the algorithm names (P-256, P-384, P-521). */
GBytes      *tess_jws_sign_with_key     (TessPemKey   *key,
                                         TessJwsAlg    alg,
                                         const char   *input,
                                         GError      **error);

/* header.payload.signature: @header_json and @payload_json are signed as the
 * exact bytes given. HMAC algorithms use @secret, the others @key. */
char        *tess_jws_sign_compact      (TessJwsAlg    alg,
                                         const char   *header_json,
                                         const char   *payload_json,
                                         GBytes       *secret,
                                         TessPemKey   *key,
                                         GError      **error);

G_END_DECLS
