#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "auth/tess-gnutls.h"
#include "auth/tess-pem-key.h"
#include "tess-error.h"

/* The PEM signing helper: key types, RSA PKCS#1 v1.5 and PSS, ECDSA as raw
 * R‖S of the curve's width, each signature checked with GnuTLS's verifier. */

typedef struct {
  gnutls_x509_privkey_t x509;
  char *pem;
} Key;

static void
key_clear (Key *key)
{
  gnutls_x509_privkey_deinit (key->x509);
  g_free (key->pem);
}

static void
make_key (Key                  *key,
          gnutls_pk_algorithm_t pk,
          unsigned int          bits,
          gboolean              pkcs8)
{
  gnutls_datum_t out;

  g_assert_cmpint (gnutls_x509_privkey_init (&key->x509), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key->x509, pk, bits, 0), ==, 0);
  if (pkcs8)
    g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (key->x509, GNUTLS_X509_FMT_PEM, NULL,
                                                        GNUTLS_PKCS_PLAIN, &out), ==, 0);
  else
    g_assert_cmpint (gnutls_x509_privkey_export2 (key->x509, GNUTLS_X509_FMT_PEM, &out), ==, 0);
  key->pem = g_strndup ((char *) out.data, out.size);
  gnutls_free (out.data);
}

static int
verify (Key                    *key,
        gnutls_sign_algorithm_t algorithm,
        const char             *text,
        const guint8           *signature,
        gsize                   size)
{
  gnutls_privkey_t privkey;
  gnutls_pubkey_t pubkey;
  gnutls_datum_t data = { (unsigned char *) text, strlen (text) };
  gnutls_datum_t sig = { (unsigned char *) signature, size };
  int ret;

  g_assert_cmpint (gnutls_privkey_init (&privkey), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (privkey, key->x509, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&pubkey), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pubkey, privkey, 0, 0), ==, 0);
  ret = gnutls_pubkey_verify_data2 (pubkey, algorithm, 0, &data, &sig);
  gnutls_pubkey_deinit (pubkey);
  gnutls_privkey_deinit (privkey);
  return ret;
}

static GBytes *
sign_ok (TessPemKey       *pem,
         TessPemSignature  signature,
         GChecksumType     digest,
         const char       *text)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = tess_pem_key_sign (pem, signature, digest, (const guint8 *) text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
test_rsa (void)
{
  Key key;
  g_autoptr(TessPemKey) pem = NULL;
  g_autoptr(GBytes) pkcs1 = NULL;
  g_autoptr(GBytes) pss = NULL;
  g_autoptr(GError) error = NULL;

  make_key (&key, GNUTLS_PK_RSA, 2048, TRUE);
  pem = tess_pem_key_load (key.pem, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tess_pem_key_get_key_type (pem), ==, TESS_PEM_KEY_RSA);

  pkcs1 = sign_ok (pem, TESS_PEM_SIGN_RSA_PKCS1, G_CHECKSUM_SHA384, "header.payload");
  g_assert_cmpuint (g_bytes_get_size (pkcs1), ==, 256);
  g_assert_cmpint (verify (&key, GNUTLS_SIGN_RSA_SHA384, "header.payload",
                           g_bytes_get_data (pkcs1, NULL), 256), >=, 0);
  g_assert_cmpint (verify (&key, GNUTLS_SIGN_RSA_SHA384, "header.payloaD",
                           g_bytes_get_data (pkcs1, NULL), 256), <, 0);

  pss = sign_ok (pem, TESS_PEM_SIGN_RSA_PSS, G_CHECKSUM_SHA256, "header.payload");
  g_assert_cmpint (verify (&key, GNUTLS_SIGN_RSA_PSS_RSAE_SHA256, "header.payload",
                           g_bytes_get_data (pss, NULL), g_bytes_get_size (pss)), >=, 0);

  /* An RSA key cannot make an ECDSA signature. */
  g_assert_null (tess_pem_key_sign (pem, TESS_PEM_SIGN_ECDSA, G_CHECKSUM_SHA256,
                                    (const guint8 *) "x", 1, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cannot make ECDSA signatures"));
  key_clear (&key);
}

static void
test_ecdsa_raw (void)
{
  const struct {
    gnutls_ecc_curve_t curve;
    GChecksumType digest;
    gnutls_sign_algorithm_t algorithm;
    guint width;
  } cases[] = {
    { GNUTLS_ECC_CURVE_SECP256R1, G_CHECKSUM_SHA256, GNUTLS_SIGN_ECDSA_SHA256, 32 },
    { GNUTLS_ECC_CURVE_SECP384R1, G_CHECKSUM_SHA384, GNUTLS_SIGN_ECDSA_SHA384, 48 },
    { GNUTLS_ECC_CURVE_SECP521R1, G_CHECKSUM_SHA512, GNUTLS_SIGN_ECDSA_SHA512, 66 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Key key;
      g_autoptr(TessPemKey) pem = NULL;
      g_autoptr(GError) error = NULL;

      make_key (&key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (cases[i].curve), i % 2 == 0);
      pem = tess_pem_key_load (key.pem, &error);
      g_assert_no_error (error);
      g_assert_cmpint (tess_pem_key_get_key_type (pem), ==, TESS_PEM_KEY_EC);

      /* Several signatures, so that short R or S values (padding) occur. */
      for (guint round = 0; round < 8; round++)
        {
          g_autoptr(GBytes) raw = sign_ok (pem, TESS_PEM_SIGN_ECDSA, cases[i].digest, "header.payload");
          const guint8 *data = g_bytes_get_data (raw, NULL);
          gnutls_datum_t r = { (unsigned char *) data, cases[i].width };
          gnutls_datum_t s = { (unsigned char *) data + cases[i].width, cases[i].width };
          gnutls_datum_t der;

          g_assert_cmpuint (g_bytes_get_size (raw), ==, 2 * cases[i].width);
          g_assert_cmpint (gnutls_encode_rs_value (&der, &r, &s), ==, 0);
          g_assert_cmpint (verify (&key, cases[i].algorithm, "header.payload", der.data, der.size), >=, 0);
          gnutls_free (der.data);
        }
      key_clear (&key);
    }
}

static void
test_load_errors (void)
{
  const struct {
    const char *pem;
    const char *message;
  } cases[] = {
    { "", "is not a PEM private key" },
    { "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "holds a “CERTIFICATE”, not a private key" },
    { "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n", "is cut short: the line “-----END EC PRIVATE KEY-----” is missing" },
    { "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIB\n-----END RSA PRIVATE KEY-----\n",
      "holds an encrypted private key" },
    { "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "is not a valid private key: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TessPemKey) pem = tess_pem_key_load (cases[i].pem, &error);

      g_assert_null (pem);
      g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

/* The core opens GnuTLS when a key is first loaded, not at start-up, and not
 * for a paste that fails the framing check. Run in a fresh process so that no
 * earlier test has opened it. This program links GnuTLS itself (to make and
 * check keys), so the table must point at that same copy. */
static void
test_gnutls_on_first_use (void)
{
  if (g_test_subprocess ())
    {
      Key key;
      g_autoptr(TessPemKey) pem = NULL;
      g_autoptr(TessPemKey) framing = NULL;
      g_autoptr(GBytes) signature = NULL;
      g_autoptr(GError) error = NULL;
      const TessGnutls *gnutls;

      g_assert_false (tess_gnutls_is_loaded ());
      framing = tess_pem_key_load ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", &error);
      g_assert_null (framing);
      g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
      g_assert_false (tess_gnutls_is_loaded ());
      g_clear_error (&error);

      make_key (&key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), FALSE);
      pem = tess_pem_key_load (key.pem, &error);
      g_assert_no_error (error);
      signature = sign_ok (pem, TESS_PEM_SIGN_ECDSA, G_CHECKSUM_SHA256, "header.payload");
      g_assert_cmpuint (g_bytes_get_size (signature), ==, 64);
      g_assert_true (tess_gnutls_is_loaded ());

      gnutls = tess_gnutls_get (&error);
      g_assert_no_error (error);
      g_assert_nonnull (gnutls);
      g_assert_true (gnutls->privkey_sign_data2 == gnutls_privkey_sign_data2);
      g_assert_true (gnutls->free == gnutls_free);
      key_clear (&key);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/pem-key/rsa", test_rsa);
  g_test_add_func ("/auth/pem-key/ecdsa-raw", test_ecdsa_raw);
  g_test_add_func ("/auth/pem-key/load-errors", test_load_errors);
  g_test_add_func ("/auth/pem-key/gnutls-on-first-use", test_gnutls_on_first_use);
  return g_test_run ();
}
