#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @length random characters from [A-Za-z0-9] (GnuTLS's nonce generator), for
 * the nonces schemes make when the person left the field empty. */
char *tess_auth_random_alnum (guint length);

G_END_DECLS
