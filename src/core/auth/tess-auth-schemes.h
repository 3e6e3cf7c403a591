#pragma once

#include "tess-auth-scheme.h"

G_BEGIN_DECLS

/* One descriptor per file in src/core/auth/. */
extern const TessAuthScheme tess_auth_noauth;

G_END_DECLS
