#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TessPemKey:
 *
 * A private key read from PEM text (PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE
 * KEY" or unencrypted PKCS#8 "PRIVATE KEY"), for the schemes that sign with
 * one (OAuth 1.0 RSA-*, JWT, ASAP). GnuTLS does the work.
 *
 * Error messages are phrased to follow a field name ("field ‘Private Key’ …"),
 * so a scheme can hand them to tess_auth_context_field_error() as they are.
 */
typedef struct _TessPemKey TessPemKey;

typedef enum {
  TESS_PEM_KEY_RSA,
  TESS_PEM_KEY_EC,
  TESS_PEM_KEY_OTHER,
} TessPemKeyType;

typedef enum {
  TESS_PEM_SIGN_RSA_PKCS1,   /* RSASSA-PKCS1-v1_5 */
  TESS_PEM_SIGN_RSA_PSS,     /* RSASSA-PSS, salt length = digest length */
  TESS_PEM_SIGN_ECDSA,       /* raw R‖S, each left-padded to the curve size (JWS) */
} TessPemSignature;

TessPemKey     *tess_pem_key_load      (const char    *pem,
                                        GError       **error);
void            tess_pem_key_free      (TessPemKey    *key);
TessPemKeyType  tess_pem_key_get_key_type (TessPemKey *key);
/* Signs @data hashed with @digest (SHA-1, SHA-256, SHA-384 or SHA-512). */
GBytes         *tess_pem_key_sign      (TessPemKey       *key,
                                        TessPemSignature  signature,
                                        GChecksumType     digest,
                                        const guint8     *data,
                                        gsize             size,
                                        GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessPemKey, tess_pem_key_free)

G_END_DECLS
