#include "tess-auth-scheme.h"

#include "tess-auth-schemes.h"

const TessAuthScheme * const *
tess_auth_schemes (guint *n_schemes)
{
  static const TessAuthScheme * const schemes[] = {
    &tess_auth_noauth,
    /* Add each scheme here, in the order the Authorization panel lists them. */
  };

  if (n_schemes != NULL)
    *n_schemes = G_N_ELEMENTS (schemes);
  return schemes;
}
