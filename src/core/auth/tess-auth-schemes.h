#pragma once

#include "tess-auth-scheme.h"

G_BEGIN_DECLS

/* One descriptor per file in src/core/auth/. */
extern const TessAuthScheme tess_auth_noauth;
extern const TessAuthScheme tess_auth_apikey;
extern const TessAuthScheme tess_auth_bearer;
extern const TessAuthScheme tess_auth_basic;
extern const TessAuthScheme tess_auth_digest;
extern const TessAuthScheme tess_auth_oauth1;
extern const TessAuthScheme tess_auth_hawk;
extern const TessAuthScheme tess_auth_oauth2;
extern const TessAuthScheme tess_auth_ntlm;
extern const TessAuthScheme tess_auth_jwt;
extern const TessAuthScheme tess_auth_asap;
extern const TessAuthScheme tess_auth_awsv4;
extern const TessAuthScheme tess_auth_edgegrid;

G_END_DECLS
