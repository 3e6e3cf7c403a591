#include "test-jws-keys.h"

#include <string.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include "auth/tess-jws.h"

static gnutls_x509_privkey_t keys[TEST_N_KEYS];
static char *pems[TEST_N_KEYS];

static gnutls_x509_privkey_t
generate (TestKey key)
{
  gnutls_x509_privkey_t k;
  gnutls_pk_algorithm_t pk = GNUTLS_PK_ECDSA;
  unsigned int bits;

  switch (key)
    {
    case TEST_KEY_P256: bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1); break;
    case TEST_KEY_P384: bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP384R1); break;
    case TEST_KEY_P521: bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP521R1); break;
    default: pk = GNUTLS_PK_RSA; bits = 2048; break;
    }
  g_assert_cmpint (gnutls_x509_privkey_init (&k), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (k, pk, bits, 0), ==, 0);
  return k;
}

static gnutls_x509_privkey_t
get_key (TestKey key)
{
  TestKey base = key == TEST_KEY_RSA_PKCS1 ? TEST_KEY_RSA : key;

  if (keys[base] == NULL)
    keys[base] = generate (base);
  return keys[base];
}

const char *
test_key_pem (TestKey key)
{
  gnutls_datum_t out = { NULL, 0 };

  if (pems[key] != NULL)
    return pems[key];
  if (key == TEST_KEY_RSA_PKCS1)
    g_assert_cmpint (gnutls_x509_privkey_export2 (get_key (key), GNUTLS_X509_FMT_PEM, &out), ==, 0);
  else
    g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (get_key (key), GNUTLS_X509_FMT_PEM, NULL,
                                                        GNUTLS_PKCS_PLAIN, &out), ==, 0);
  pems[key] = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  if (key == TEST_KEY_RSA_PKCS1)
    g_assert_nonnull (strstr (pems[key], "BEGIN RSA PRIVATE KEY"));
  else
    g_assert_nonnull (strstr (pems[key], "BEGIN PRIVATE KEY"));
  return pems[key];
}

GBytes *
test_key_der (TestKey key)
{
  gnutls_datum_t out = { NULL, 0 };
  GBytes *der;

  g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (get_key (key), GNUTLS_X509_FMT_DER, NULL,
                                                      GNUTLS_PKCS_PLAIN, &out), ==, 0);
  der = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return der;
}

char *
test_token_segment (const char *token,
                    guint       index)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  bytes = tess_base64_decode_lenient (parts[index], NULL);
  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gnutls_sign_algorithm_t
sign_algorithm (const char *alg)
{
  static const struct { const char *name; gnutls_sign_algorithm_t sign; } table[] = {
    { "RS256", GNUTLS_SIGN_RSA_SHA256 }, { "RS384", GNUTLS_SIGN_RSA_SHA384 },
    { "RS512", GNUTLS_SIGN_RSA_SHA512 },
    { "PS256", GNUTLS_SIGN_RSA_PSS_RSAE_SHA256 }, { "PS384", GNUTLS_SIGN_RSA_PSS_RSAE_SHA384 },
    { "PS512", GNUTLS_SIGN_RSA_PSS_RSAE_SHA512 },
    { "ES256", GNUTLS_SIGN_ECDSA_SHA256 }, { "ES384", GNUTLS_SIGN_ECDSA_SHA384 },
    { "ES512", GNUTLS_SIGN_ECDSA_SHA512 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].name, alg))
      return table[i].sign;
  g_assert_not_reached ();
}

/* Raw R‖S back to the DER that GnuTLS verifies. */
static gnutls_datum_t
raw_to_der (GBytes *raw)
{
  gsize len = g_bytes_get_size (raw);
  const guint8 *data = g_bytes_get_data (raw, NULL);
  gnutls_datum_t r = { (unsigned char *) data, len / 2 };
  gnutls_datum_t s = { (unsigned char *) data + len / 2, len / 2 };
  gnutls_datum_t der = { NULL, 0 };

  g_assert_cmpint (gnutls_encode_rs_value (&der, &r, &s), ==, 0);
  return der;
}

gboolean
test_key_verify_token (TestKey     key,
                       const char *token)
{
  g_autofree char *header_text = test_token_segment (token, 0);
  g_autoptr(JsonObject) header = tess_jws_parse_object (header_text, NULL);
  const char *alg = json_object_get_string_member (header, "alg");
  const char *last_dot = strrchr (token, '.');
  g_autoptr(GBytes) signature = tess_base64_decode_lenient (last_dot + 1, NULL);
  gnutls_privkey_t privkey;
  gnutls_pubkey_t pubkey;
  gnutls_datum_t pem = { (unsigned char *) test_key_pem (key), strlen (test_key_pem (key)) };
  gnutls_datum_t data = { (unsigned char *) token, last_dot - token };
  gnutls_datum_t sig = { (unsigned char *) g_bytes_get_data (signature, NULL), g_bytes_get_size (signature) };
  gboolean is_ec = alg[0] == 'E';
  unsigned int flags = alg[0] == 'P' ? GNUTLS_VERIFY_RSA_PSS_FIXED_SALT_LENGTH : 0;
  int ret;

  if (is_ec)
    sig = raw_to_der (signature);
  g_assert_cmpint (gnutls_privkey_init (&privkey), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509_raw (privkey, &pem, GNUTLS_X509_FMT_PEM, NULL, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&pubkey), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pubkey, privkey, 0, 0), ==, 0);
  ret = gnutls_pubkey_verify_data2 (pubkey, sign_algorithm (alg), flags, &data, &sig);
  gnutls_pubkey_deinit (pubkey);
  gnutls_privkey_deinit (privkey);
  if (is_ec)
    gnutls_free (sig.data);
  return ret >= 0;
}
