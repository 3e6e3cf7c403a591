#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>

G_BEGIN_DECLS

/* Keys made at test time with GnuTLS, once per process. */
typedef enum {
  TEST_KEY_RSA,        /* 2048-bit, PKCS#8 "PRIVATE KEY" */
  TEST_KEY_RSA_PKCS1,  /* the same key as "RSA PRIVATE KEY" */
  TEST_KEY_P256,
  TEST_KEY_P384,
  TEST_KEY_P521,
  TEST_KEY_OTHER_RSA,  /* a second RSA key, for "wrong key" checks */
  TEST_N_KEYS,
} TestKey;

const char *test_key_pem          (TestKey     key);
/* The PKCS#8 DER of @key. */
GBytes     *test_key_der          (TestKey     key);
/* Verifies a compact JWS made with @key's private half. */
gboolean    test_key_verify_token (TestKey     key,
                                   const char *token);
/* The decoded header or payload segment (0 or 1) of a compact token. */
char       *test_token_segment    (const char *token,
                                   guint       index);

G_END_DECLS
