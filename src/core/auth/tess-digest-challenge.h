#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TessAuthChallenge:
 * @scheme: the auth-scheme as written ("Digest")
 * @params: auth-param names (lowercase) → values (quotes and escapes removed)
 * @token68: the token68 form ("Negotiate abc=="), or %NULL
 * @text: the challenge as it was written, for messages
 *
 * One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1). A header may
 * carry several challenges, and a response may carry several headers.
 */
typedef struct {
  char *scheme;
  GHashTable *params;
  char *token68;
  char *text;
} TessAuthChallenge;

void        tess_auth_challenge_free     (TessAuthChallenge *challenge);
/* Appends every challenge of @header_value to @out (TessAuthChallenge). */
void        tess_auth_challenges_parse   (const char        *header_value,
                                          GPtrArray         *out);
const char *tess_auth_challenge_get      (const TessAuthChallenge *challenge,
                                          const char        *name);
/* Whether the comma-separated list in parameter @name holds @item (case-insensitive). */
gboolean    tess_auth_challenge_list_has (const TessAuthChallenge *challenge,
                                          const char        *name,
                                          const char        *item);

G_END_DECLS
