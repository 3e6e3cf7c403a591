#include "tess-digest-challenge.h"

#include <string.h>

void
tess_auth_challenge_free (TessAuthChallenge *challenge)
{
  if (challenge == NULL)
    return;
  g_free (challenge->scheme);
  g_hash_table_unref (challenge->params);
  g_free (challenge->token68);
  g_free (challenge->text);
  g_free (challenge);
}

static gboolean
is_tchar (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
is_token68_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-._~+/", c) != NULL);
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads a quoted-string at @p (on the opening quote); returns the unescaped text. */
static char *
read_quoted (const char **p)
{
  GString *out = g_string_new (NULL);
  const char *q = *p + 1;

  while (*q != '\0' && *q != '"')
    {
      if (*q == '\\' && q[1] != '\0')
        q++;
      g_string_append_c (out, *q);
      q++;
    }
  if (*q == '"')
    q++;
  *p = q;
  return g_string_free (out, FALSE);
}

static char *
read_token (const char **p)
{
  const char *start = *p;

  while (is_tchar (**p))
    (*p)++;
  return g_strndup (start, *p - start);
}

static TessAuthChallenge *
challenge_new (const char *scheme)
{
  TessAuthChallenge *challenge = g_new0 (TessAuthChallenge, 1);

  challenge->scheme = g_strdup (scheme);
  challenge->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return challenge;
}

static void
challenge_close (TessAuthChallenge *challenge,
                 const char        *start,
                 const char        *end)
{
  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == ','))
    end--;
  challenge->text = g_strndup (start, end - start);
}

/* After a scheme: a token68 is a run of token68 characters and '=' padding that
 * is not the start of "name=value". */
static gboolean
try_token68 (const char       **p,
             TessAuthChallenge *challenge)
{
  const char *q = *p;
  const char *start = q;

  while (is_token68_char (*q))
    q++;
  if (q == start)
    return FALSE;
  if (*q == '=')
    {
      const char *after = q;

      while (*after == '=')
        after++;
      /* "name=value" (one '=' followed by a value) is an auth-param. */
      if (after == q + 1 && *skip_space (after) != ',' && *skip_space (after) != '\0')
        return FALSE;
      q = after;
    }
  if (*skip_space (q) != ',' && *skip_space (q) != '\0')
    return FALSE;
  challenge->token68 = g_strndup (start, q - start);
  *p = q;
  return TRUE;
}

void
tess_auth_challenges_parse (const char *header_value,
                            GPtrArray  *out)
{
  const char *p = header_value ? header_value : "";
  TessAuthChallenge *current = NULL;
  const char *current_start = NULL;

  while (*p != '\0')
    {
      const char *token_start;
      g_autofree char *token = NULL;
      const char *after;

      while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
      if (*p == '\0')
        break;
      token_start = p;
      token = read_token (&p);
      if (*token == '\0')
        {
          p++;                    /* not HTTP syntax: step over it */
          continue;
        }
      after = skip_space (p);
      if (current != NULL && *after == '=')
        {
          g_autofree char *value = NULL;

          p = skip_space (after + 1);
          value = *p == '"' ? read_quoted (&p) : read_token (&p);
          g_hash_table_replace (current->params, g_ascii_strdown (token, -1),
                                g_steal_pointer (&value));
          continue;
        }

      /* A new challenge starts with its scheme. */
      if (current != NULL)
        challenge_close (current, current_start, token_start);
      current = challenge_new (token);
      current_start = token_start;
      g_ptr_array_add (out, current);
      p = skip_space (p);
      try_token68 (&p, current);
    }
  if (current != NULL)
    challenge_close (current, current_start, p);
}

const char *
tess_auth_challenge_get (const TessAuthChallenge *challenge,
                         const char              *name)
{
  return g_hash_table_lookup (challenge->params, name);
}

gboolean
tess_auth_challenge_list_has (const TessAuthChallenge *challenge,
                              const char              *name,
                              const char              *item)
{
  const char *value = tess_auth_challenge_get (challenge, name);
  g_auto(GStrv) items = NULL;

  if (value == NULL)
    return FALSE;
  items = g_strsplit (value, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (items[i]), item) == 0)
      return TRUE;
  return FALSE;
}
