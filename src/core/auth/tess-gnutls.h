#pragma once

#include <glib.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

G_BEGIN_DECLS

/**
 * TessGnutls:
 *
 * GnuTLS, opened on first use. Only signing with a PEM private key needs it,
 * and linking it costs every start of the app and the CLI its libraries and
 * its global initialisation, so the core takes GnuTLS's headers but not its
 * library and resolves what it calls here.
 *
 * Each member has the type of the function the headers declare, so every call
 * through the table is checked by the compiler. The member for gnutls_foo() is
 * named foo.
 */
typedef struct {
  __typeof__ (gnutls_privkey_init)              *privkey_init;
  __typeof__ (gnutls_privkey_deinit)            *privkey_deinit;
  __typeof__ (gnutls_privkey_import_x509_raw)   *privkey_import_x509_raw;
  __typeof__ (gnutls_privkey_get_pk_algorithm)  *privkey_get_pk_algorithm;
  __typeof__ (gnutls_privkey_sign_data2)        *privkey_sign_data2;
  __typeof__ (gnutls_privkey_export_ecc_raw)    *privkey_export_ecc_raw;
  __typeof__ (gnutls_pk_to_sign)                *pk_to_sign;
  __typeof__ (gnutls_pk_get_name)               *pk_get_name;
  __typeof__ (gnutls_ecc_curve_get_size)        *ecc_curve_get_size;
  __typeof__ (gnutls_decode_rs_value)           *decode_rs_value;
  __typeof__ (gnutls_strerror)                  *strerror;
  /* gnutls_free is a variable holding the deallocator, not a function. */
  gnutls_free_function                           free;
} TessGnutls;

/* Opens GnuTLS the first time (thread-safe); NULL with an error naming the
 * library and the reason when it or one of its symbols cannot be found. */
const TessGnutls *tess_gnutls_get       (GError **error);
/* Whether tess_gnutls_get() has opened it. */
gboolean          tess_gnutls_is_loaded (void);

G_END_DECLS
