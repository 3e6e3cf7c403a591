#include "tess-auth-random.h"

#include <errno.h>
#include <sys/random.h>

void
tess_auth_random_bytes (guint8 *buf,
                        gsize   len)
{
  gsize done = 0;

  /* getrandom() may return fewer bytes than asked (large requests, signals). */
  while (done < len)
    {
      ssize_t got = getrandom (buf + done, len - done, 0);

      if (got < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom failed: %s", g_strerror (errno));
        }
      done += got;
    }
}

char *
tess_auth_random_alnum (guint length)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /* Bytes at or above the largest multiple of 62 are drawn again, so that
   * every character is equally likely. */
  const guint n = sizeof alphabet - 1, limit = 256 - 256 % n;
  char *text = g_malloc (length + 1);
  guint8 random[64];
  gsize used = sizeof random;

  for (guint i = 0; i < length; )
    {
      if (used == sizeof random)
        {
          tess_auth_random_bytes (random, sizeof random);
          used = 0;
        }
      if (random[used] < limit)
        text[i++] = alphabet[random[used] % n];
      used++;
    }
  text[length] = '\0';
  return text;
}
