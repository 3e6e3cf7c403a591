#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fills @buf with @len bytes from the kernel's CSPRNG (getrandom(2)), for
 * nonces and challenges that must not be guessable. Aborts if the kernel
 * cannot give any: there is nothing sound to fall back on. */
void  tess_auth_random_bytes (guint8 *buf,
                              gsize   len);

/* @length random characters from [A-Za-z0-9], for the nonces schemes make
 * when the person left the field empty. */
char *tess_auth_random_alnum (guint length);

G_END_DECLS
