#include "tess-gnutls.h"

#include "tess-lazy-library.h"

#define FUNCTION(member) { "gnutls_" #member, G_STRUCT_OFFSET (TessGnutls, member), FALSE }

static const TessLazySymbol symbols[] = {
  FUNCTION (privkey_init),
  FUNCTION (privkey_deinit),
  FUNCTION (privkey_import_x509_raw),
  FUNCTION (privkey_get_pk_algorithm),
  FUNCTION (privkey_sign_data2),
  FUNCTION (privkey_export_ecc_raw),
  FUNCTION (pk_to_sign),
  FUNCTION (pk_get_name),
  FUNCTION (ecc_curve_get_size),
  FUNCTION (decode_rs_value),
  FUNCTION (strerror),
  /* gnutls_free is a variable holding the deallocator, not a function. */
  { "gnutls_free", G_STRUCT_OFFSET (TessGnutls, free), TRUE },
};

TESS_DEFINE_LAZY_LIBRARY (tess_gnutls, TessGnutls, "GnuTLS", TESS_GNUTLS_SONAME, symbols)
