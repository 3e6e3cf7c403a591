#pragma once

#include <glib.h>

#include "tess-exchange.h"

G_BEGIN_DECLS

/* The console text of @exchange with the masked values shown: secret
 * headers and auth query values are taken from the request as it went out
 * (exchange->request) and from the response headers. A masked value whose
 * real one is not known (a header the HTTP stack added) stays masked. */
char *tess_console_dup_revealed (TessExchange *exchange);

G_END_DECLS
