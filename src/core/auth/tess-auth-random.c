#include "tess-auth-random.h"

#include <gnutls/crypto.h>

char *
tess_auth_random_alnum (guint length)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autofree guint8 *random = g_malloc (length);
  char *text = g_malloc (length + 1);

  gnutls_rnd (GNUTLS_RND_NONCE, random, length);
  for (guint i = 0; i < length; i++)
    text[i] = alphabet[random[i] % (sizeof alphabet - 1)];
  text[length] = '\0';
  return text;
}
