#include "tess-pem-key.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-error.h"
#include "tess-gnutls.h"

/* GnuTLS is called through the table of tess-gnutls.h, opened the first time
 * a key is loaded; a key keeps the table it was made with. */
struct _TessPemKey {
  const TessGnutls *gnutls;
  gnutls_privkey_t  privkey;
};

/* Reads the label of the first "-----BEGIN …-----" line, or NULL. */
static char *
find_begin_label (const char *pem)
{
  const char *begin = strstr (pem, "-----BEGIN ");
  const char *end;

  if (begin == NULL)
    return NULL;
  begin += strlen ("-----BEGIN ");
  end = strstr (begin, "-----");
  if (end == NULL || memchr (begin, '\n', end - begin) != NULL)
    return NULL;
  return g_strndup (begin, end - begin);
}

/* Checks the PEM framing before GnuTLS sees it, so that the common mistakes
 * (a public key, a certificate, an encrypted key, a truncated paste) get a
 * message that says what is wrong instead of "Base64 decoding error". */
static gboolean
check_pem_framing (const char  *pem,
                   GError     **error)
{
  g_autofree char *label = find_begin_label (pem);
  g_autofree char *end_line = NULL;

  if (label == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("is not a PEM private key: it has no “-----BEGIN … PRIVATE KEY-----” line"));
      return FALSE;
    }
  if (g_str_equal (label, "ENCRYPTED PRIVATE KEY") || strstr (pem, "Proc-Type: 4,ENCRYPTED") != NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("holds an encrypted private key; export it without a passphrase"));
      return FALSE;
    }
  if (!g_str_has_suffix (label, "PRIVATE KEY"))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("holds a “%s”, not a private key"), label);
      return FALSE;
    }
  end_line = g_strdup_printf ("-----END %s-----", label);
  if (strstr (pem, end_line) == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("is cut short: the line “%s” is missing"), end_line);
      return FALSE;
    }
  return TRUE;
}

TessPemKey *
tess_pem_key_load (const char  *pem,
                   GError     **error)
{
  g_autoptr(TessPemKey) key = NULL;
  const TessGnutls *gnutls;
  g_autofree char *text = NULL;
  gnutls_datum_t datum;
  int ret;

  /* A key pasted into a JSON string or an environment variable often carries
   * its line breaks as the two characters "\n". */
  if (pem != NULL && strchr (pem, '\n') == NULL && strstr (pem, "\\n") != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (pem, "\\n", -1);
      text = g_strjoinv ("\n", lines);
    }
  else
    text = g_strdup (pem ? pem : "");

  if (!check_pem_framing (text, error))
    return NULL;

  gnutls = tess_gnutls_get (error);
  if (gnutls == NULL)
    {
      g_prefix_error (error, "%s", _("cannot be used: "));
      return NULL;
    }
  key = g_new0 (TessPemKey, 1);
  key->gnutls = gnutls;
  ret = gnutls->privkey_init (&key->privkey);
  if (ret < 0)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("could not be read: %s"), gnutls->strerror (ret));
      return NULL;
    }
  datum.data = (unsigned char *) text;
  datum.size = strlen (text);
  ret = gnutls->privkey_import_x509_raw (key->privkey, &datum, GNUTLS_X509_FMT_PEM, NULL, 0);
  if (ret < 0)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("is not a valid private key: %s"), gnutls->strerror (ret));
      return NULL;
    }
  return g_steal_pointer (&key);
}

void
tess_pem_key_free (TessPemKey *key)
{
  if (key == NULL)
    return;
  if (key->privkey != NULL)
    key->gnutls->privkey_deinit (key->privkey);
  g_free (key);
}

TessPemKeyType
tess_pem_key_get_key_type (TessPemKey *key)
{
  switch (key->gnutls->privkey_get_pk_algorithm (key->privkey, NULL))
    {
    case GNUTLS_PK_RSA:
    case GNUTLS_PK_RSA_PSS:
      return TESS_PEM_KEY_RSA;
    case GNUTLS_PK_ECDSA:
      return TESS_PEM_KEY_EC;
    default:
      return TESS_PEM_KEY_OTHER;
    }
}

static gnutls_digest_algorithm_t
digest_to_gnutls (GChecksumType digest)
{
  switch (digest)
    {
    case G_CHECKSUM_SHA1:
      return GNUTLS_DIG_SHA1;
    case G_CHECKSUM_SHA256:
      return GNUTLS_DIG_SHA256;
    case G_CHECKSUM_SHA384:
      return GNUTLS_DIG_SHA384;
    case G_CHECKSUM_SHA512:
      return GNUTLS_DIG_SHA512;
    default:
      return GNUTLS_DIG_UNKNOWN;
    }
}

/* An RSA key in a plain rsaEncryption container signs PSS with the "RSAE"
 * algorithms; a key marked RSA-PSS uses the plain ones. */
static gnutls_sign_algorithm_t
pss_algorithm (const TessGnutls          *gnutls,
               gnutls_pk_algorithm_t      pk,
               gnutls_digest_algorithm_t  dig)
{
  if (pk == GNUTLS_PK_RSA_PSS)
    return gnutls->pk_to_sign (GNUTLS_PK_RSA_PSS, dig);
  switch (dig)
    {
    case GNUTLS_DIG_SHA256:
      return GNUTLS_SIGN_RSA_PSS_RSAE_SHA256;
    case GNUTLS_DIG_SHA384:
      return GNUTLS_SIGN_RSA_PSS_RSAE_SHA384;
    case GNUTLS_DIG_SHA512:
      return GNUTLS_SIGN_RSA_PSS_RSAE_SHA512;
    default:
      return GNUTLS_SIGN_UNKNOWN;
    }
}

static gnutls_sign_algorithm_t
choose_algorithm (const TessGnutls          *gnutls,
                  gnutls_pk_algorithm_t      pk,
                  TessPemSignature           signature,
                  gnutls_digest_algorithm_t  dig)
{
  switch (signature)
    {
    case TESS_PEM_SIGN_RSA_PKCS1:
      return pk == GNUTLS_PK_RSA ? gnutls->pk_to_sign (GNUTLS_PK_RSA, dig) : GNUTLS_SIGN_UNKNOWN;
    case TESS_PEM_SIGN_RSA_PSS:
      return (pk == GNUTLS_PK_RSA || pk == GNUTLS_PK_RSA_PSS) ? pss_algorithm (gnutls, pk, dig) : GNUTLS_SIGN_UNKNOWN;
    case TESS_PEM_SIGN_ECDSA:
      return pk == GNUTLS_PK_ECDSA ? gnutls->pk_to_sign (GNUTLS_PK_ECDSA, dig) : GNUTLS_SIGN_UNKNOWN;
    default:
      return GNUTLS_SIGN_UNKNOWN;
    }
}

static const char *
signature_name (TessPemSignature signature)
{
  switch (signature)
    {
    case TESS_PEM_SIGN_RSA_PKCS1:
      return "RSA PKCS#1 v1.5";
    case TESS_PEM_SIGN_RSA_PSS:
      return "RSA-PSS";
    case TESS_PEM_SIGN_ECDSA:
      return "ECDSA";
    default:
      return "?";
    }
}

static void
append_padded (GByteArray          *out,
               const gnutls_datum_t *value,
               guint                width)
{
  const guint8 *data = value->data;
  guint size = value->size;

  /* DER integers carry a leading zero when the top bit is set. */
  while (size > 0 && *data == 0)
    {
      data++;
      size--;
    }
  for (guint i = size; i < width; i++)
    g_byte_array_append (out, (const guint8 *) "", 1);
  g_byte_array_append (out, data, size);
}

/* JWS wants ECDSA signatures as R‖S of fixed width, not GnuTLS's DER. */
static GBytes *
ecdsa_der_to_raw (TessPemKey           *key,
                  const gnutls_datum_t *der,
                  GError              **error)
{
  const TessGnutls *gnutls = key->gnutls;
  gnutls_datum_t r = { NULL, 0 }, s = { NULL, 0 };
  gnutls_ecc_curve_t curve;
  GByteArray *out;
  guint width;
  int ret;

  ret = gnutls->privkey_export_ecc_raw (key->privkey, &curve, NULL, NULL, NULL);
  if (ret < 0 || (width = gnutls->ecc_curve_get_size (curve)) == 0)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("uses an elliptic curve that cannot be read: %s"), gnutls->strerror (ret));
      return NULL;
    }
  ret = gnutls->decode_rs_value (der, &r, &s);
  if (ret < 0 || r.size > width + 1 || s.size > width + 1)
    {
      gnutls->free (r.data);
      gnutls->free (s.data);
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("gave an ECDSA signature that cannot be decoded: %s"), gnutls->strerror (ret));
      return NULL;
    }
  out = g_byte_array_sized_new (2 * width);
  append_padded (out, &r, width);
  append_padded (out, &s, width);
  gnutls->free (r.data);
  gnutls->free (s.data);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
tess_pem_key_sign (TessPemKey        *key,
                   TessPemSignature   signature,
                   GChecksumType      digest,
                   const guint8      *data,
                   gsize              size,
                   GError           **error)
{
  const TessGnutls *gnutls = key->gnutls;
  gnutls_pk_algorithm_t pk = gnutls->privkey_get_pk_algorithm (key->privkey, NULL);
  gnutls_digest_algorithm_t dig = digest_to_gnutls (digest);
  gnutls_sign_algorithm_t algorithm = choose_algorithm (gnutls, pk, signature, dig);
  gnutls_datum_t in = { (unsigned char *) data, size };
  gnutls_datum_t sig = { NULL, 0 };
  GBytes *result;
  int ret;

  if (dig == GNUTLS_DIG_UNKNOWN || algorithm == GNUTLS_SIGN_UNKNOWN)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("holds a key of type %s, which cannot make %s signatures with this hash"),
                   gnutls->pk_get_name (pk), signature_name (signature));
      return NULL;
    }
  ret = gnutls->privkey_sign_data2 (key->privkey, algorithm, 0, &in, &sig);
  if (ret < 0)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("could not sign: %s"), gnutls->strerror (ret));
      return NULL;
    }
  if (signature == TESS_PEM_SIGN_ECDSA)
    result = ecdsa_der_to_raw (key, &sig, error);
  else
    result = g_bytes_new (sig.data, sig.size);
  gnutls->free (sig.data);
  return result;
}
