#include "tess-auth-scheme.h"

#include "tess-auth-schemes.h"

const TessAuthScheme * const *
tess_auth_schemes (guint *n_schemes)
{
  static const TessAuthScheme * const schemes[] = {
    &tess_auth_noauth,
    &tess_auth_apikey,
    &tess_auth_bearer,
    &tess_auth_basic,
    &tess_auth_digest,
    &tess_auth_oauth1,
    &tess_auth_oauth2,
    &tess_auth_hawk,
    &tess_auth_awsv4,
    &tess_auth_ntlm,
    &tess_auth_edgegrid,
    &tess_auth_jwt,
    &tess_auth_asap,
    /* Add each scheme here, in the order the Authorization panel lists them. */
  };

  if (n_schemes != NULL)
    *n_schemes = G_N_ELEMENTS (schemes);
  return schemes;
}
