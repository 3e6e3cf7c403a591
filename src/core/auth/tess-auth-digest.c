#include <glib/gi18n-lib.h>

#include "tess-auth-random.h"
#include "tess-auth-schemes.h"
#include "tess-digest-challenge.h"
#include "tess-digest-compute.h"
#include "tess-error.h"
#include "tess-nettle.h"
#include "tess-soup.h"

/* HTTP Digest (RFC 7616, RFC 2617, RFC 2069). With realm and nonce typed in,
 * the request is signed up front; otherwise it goes out unsigned and the 401
 * challenge is answered. */

/* Challenges answered in one send: the first, then only stale nonces. */
#define MAX_ANSWERS 3

typedef struct {
  GHashTable *nonce_counts;   /* nonce → last nc used (GUINT_TO_POINTER) */
  GPtrArray  *used_nonces;    /* char*: nonces answered or signed, in order */
  guint       answers;        /* server challenges answered */
} DigestState;

static const char * const algorithm_choices[] = {
  "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess", NULL
};

static const char * const qop_choices[] = { "", "auth", "auth-int", NULL };

static const TessAuthField digest_fields[] = {
  { "username", N_("Username"), TESS_FIELD_TEXT, NULL, NULL, FALSE, TRUE, NULL },
  { "password", N_("Password"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE, NULL },
  { "disableRetryRequest", N_("Disable Retrying the Request"), TESS_FIELD_BOOL, NULL, "false", FALSE, FALSE,
    N_("Sign with the values below only; do not answer the server’s challenge") },
  { "realm", N_("Realm"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("With a nonce, signs the first request without waiting for a challenge") },
  { "nonce", N_("Nonce"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "algorithm", N_("Algorithm"), TESS_FIELD_CHOICE, algorithm_choices, "MD5", TRUE, FALSE,
    N_("Used when signing up front; a challenge names its own") },
  { "qop", N_("Quality of Protection"), TESS_FIELD_CHOICE, qop_choices, NULL, TRUE, FALSE,
    N_("Empty for the RFC 2069 form; auth-int also signs the body") },
  { "nonceCount", N_("Nonce Count"), TESS_FIELD_TEXT, NULL, "00000001", TRUE, FALSE, NULL },
  { "clientNonce", N_("Client Nonce"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Random when empty") },
  { "opaque", N_("Opaque"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "userhash", N_("Hash the Username"), TESS_FIELD_BOOL, NULL, "false", TRUE, FALSE,
    N_("RFC 7616 userhash; used anyway when the server asks for it") },
};

static void
digest_state_free (gpointer data)
{
  DigestState *state = data;

  g_hash_table_unref (state->nonce_counts);
  g_ptr_array_unref (state->used_nonces);
  g_free (state);
}

static DigestState *
get_state (TessAuthContext *ctx)
{
  DigestState *state;

  if (ctx->state != NULL)
    return ctx->state;
  state = g_new0 (DigestState, 1);
  state->nonce_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->used_nonces = g_ptr_array_new_with_free_func (g_free);
  ctx->state = state;
  ctx->state_free = digest_state_free;
  return state;
}

static gboolean
nonce_was_used (DigestState *state,
                const char  *nonce)
{
  for (guint i = 0; i < state->used_nonces->len; i++)
    if (g_str_equal (g_ptr_array_index (state->used_nonces, i), nonce))
      return TRUE;
  return FALSE;
}

/* The next nc for @nonce: @first (the typed count) the first time, then +1. */
static char *
next_nonce_count (DigestState *state,
                  const char  *nonce,
                  guint        first)
{
  gpointer previous;
  guint count;

  if (g_hash_table_lookup_extended (state->nonce_counts, nonce, NULL, &previous))
    count = GPOINTER_TO_UINT (previous) + 1;
  else
    count = first;
  g_hash_table_replace (state->nonce_counts, g_strdup (nonce), GUINT_TO_POINTER (count));
  if (!nonce_was_used (state, nonce))
    g_ptr_array_add (state->used_nonces, g_strdup (nonce));
  return g_strdup_printf ("%08x", count);
}

static char *
random_cnonce (void)
{
  guint8 bytes[16];
  GString *hex = g_string_sized_new (2 * sizeof bytes);

  /* Nonces should not be guessable: GLib's g_random is not a CSPRNG. */
  tess_auth_random_bytes (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

/* Reads the typed nonce count ("00000001", "1", "0x1f") as hex. */
static gboolean
typed_nonce_count (TessAuthContext *ctx,
                   guint           *out,
                   GError         **error)
{
  const char *text = tess_auth_context_get (ctx, "nonceCount");
  guint64 value;

  if (g_ascii_strncasecmp (text, "0x", 2) == 0)
    text += 2;
  if (!g_ascii_string_to_unsigned (text, 16, 1, G_MAXUINT32, &value, NULL))
    {
      tess_auth_context_field_error (ctx, error, "nonceCount",
                                     _("is not a hexadecimal count from 00000001 to ffffffff: ‘%s’"),
                                     tess_auth_context_get (ctx, "nonceCount"));
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
typed_algorithm (TessAuthContext     *ctx,
                 TessDigestAlgorithm *out,
                 GError             **error)
{
  const char *name = tess_auth_context_get (ctx, "algorithm");

  if (tess_digest_algorithm_parse (name, out))
    return TRUE;
  tess_auth_context_field_error (ctx, error, "algorithm", _("names an unsupported algorithm ‘%s’"), name);
  return FALSE;
}

static gboolean
typed_qop (TessAuthContext *ctx,
           const char     **out,
           GError         **error)
{
  const char *qop = tess_auth_context_get (ctx, "qop");

  if (*qop == '\0' || g_ascii_strcasecmp (qop, "auth") == 0)
    *out = *qop ? "auth" : "";
  else if (g_ascii_strcasecmp (qop, "auth-int") == 0)
    *out = "auth-int";
  else
    {
      tess_auth_context_field_error (ctx, error, "qop",
                                     _("must be empty, ‘auth’ or ‘auth-int’, not ‘%s’"), qop);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  TessDigestAlgorithm algorithm;
  const char *realm;
  const char *nonce;
  const char *qop;
  const char *opaque;
  gboolean userhash;
  gboolean stale;
} DigestParams;

/* Signs @req with @params and the typed credentials; replaces any Authorization. */
static gboolean
sign_request (TessAuthContext     *ctx,
              TessPreparedRequest *req,
              const DigestParams  *params,
              GError             **error)
{
  DigestState *state = get_state (ctx);
  TessDigestInput input = { 0 };
  g_autofree char *uri = tess_prepared_request_dup_target (req);
  g_autofree char *nc = NULL;
  g_autofree char *cnonce = NULL;
  g_autofree char *header = NULL;
  g_autoptr(GBytes) body = NULL;
  guint first_count;

  /* SHA-512/256 comes from Nettle, opened on first use. */
  if (params->algorithm.hash == TESS_DIGEST_SHA512_256 && tess_nettle_get (error) == NULL)
    return FALSE;
  if (!typed_nonce_count (ctx, &first_count, error))
    return FALSE;
  if (g_str_equal (params->qop, "auth-int"))
    {
      body = tess_prepared_request_dup_body (req, error);
      if (body == NULL)
        return FALSE;
    }
  nc = next_nonce_count (state, params->nonce, first_count);
  cnonce = *tess_auth_context_get (ctx, "clientNonce") != '\0'
           ? g_strdup (tess_auth_context_get (ctx, "clientNonce"))
           : random_cnonce ();

  input.algorithm = params->algorithm;
  input.username = tess_auth_context_get (ctx, "username");
  input.password = tess_auth_context_get (ctx, "password");
  input.realm = params->realm;
  input.nonce = params->nonce;
  input.cnonce = cnonce;
  input.nc = nc;
  input.qop = params->qop;
  input.method = req->method;
  input.uri = uri;
  input.body = body;
  input.opaque = params->opaque;
  input.userhash = params->userhash;

  header = tess_digest_authorization (&input);
  tess_prepared_request_replace_header (req, "Authorization", header,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
  return TRUE;
}

static gboolean
digest_apply (TessAuthContext     *ctx,
              TessPreparedRequest *req,
              GError             **error)
{
  DigestParams params = { 0 };

  get_state (ctx);
  params.realm = tess_auth_context_get (ctx, "realm");
  params.nonce = tess_auth_context_get (ctx, "nonce");
  /* Without a realm and nonce there is nothing to sign yet: the server's
   * challenge brings them. */
  if (*params.realm == '\0' || *params.nonce == '\0')
    return TRUE;

  if (!typed_algorithm (ctx, &params.algorithm, error) ||
      !typed_qop (ctx, &params.qop, error))
    return FALSE;
  params.opaque = tess_auth_context_get (ctx, "opaque");
  params.userhash = tess_auth_context_get_bool (ctx, "userhash");
  return sign_request (ctx, req, &params, error);
}

/* Every WWW-Authenticate value, joined for messages. */
static char *
join_headers (GPtrArray *values)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, g_ptr_array_index (values, i));
    }
  return g_string_free (out, FALSE);
}

static void
set_challenge_error (TessAuthContext *ctx,
                     GError         **error,
                     GPtrArray       *header_values,
                     const char      *reason)
{
  g_autofree char *quoted = join_headers (header_values);

  g_set_error (error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE,
               _("request ‘%s’: %s: cannot answer the challenge ‘WWW-Authenticate: %s’: %s"),
               ctx->item_path ? ctx->item_path : "", _(ctx->scheme->label), quoted, reason);
}

/* The qop to answer with: auth when offered, auth-int when it is the only one
 * offered or the person asked for it; "" when the challenge has no qop. */
static const char *
choose_qop (TessAuthContext         *ctx,
            const TessAuthChallenge *challenge)
{
  gboolean auth = tess_auth_challenge_list_has (challenge, "qop", "auth");
  gboolean auth_int = tess_auth_challenge_list_has (challenge, "qop", "auth-int");

  if (tess_auth_challenge_get (challenge, "qop") == NULL)
    return "";
  if (auth_int && (!auth || g_ascii_strcasecmp (tess_auth_context_get (ctx, "qop"), "auth-int") == 0))
    return "auth-int";
  if (auth)
    return "auth";
  return NULL;
}

/* Picks the strongest Digest challenge we can answer. Returns FALSE with
 * @reason set when there are Digest challenges but none is answerable, and
 * FALSE with @reason NULL when there is no Digest challenge at all. */
static gboolean
choose_challenge (TessAuthContext   *ctx,
                  GPtrArray         *challenges,
                  DigestParams      *out,
                  char             **reason)
{
  const TessAuthChallenge *best = NULL;
  DigestParams best_params = { 0 };
  gboolean any_digest = FALSE;

  *reason = NULL;
  for (guint i = 0; i < challenges->len; i++)
    {
      const TessAuthChallenge *challenge = g_ptr_array_index (challenges, i);
      const char *algorithm = tess_auth_challenge_get (challenge, "algorithm");
      DigestParams params = { 0 };

      if (g_ascii_strcasecmp (challenge->scheme, "Digest") != 0)
        continue;
      any_digest = TRUE;
      if (!tess_digest_algorithm_parse (algorithm, &params.algorithm))
        {
          g_free (*reason);
          *reason = g_strdup_printf (_("algorithm ‘%s’ is not supported"), algorithm);
          continue;
        }
      params.qop = choose_qop (ctx, challenge);
      if (params.qop == NULL)
        {
          g_free (*reason);
          *reason = g_strdup_printf (_("none of the offered qop values ‘%s’ is supported"),
                                     tess_auth_challenge_get (challenge, "qop"));
          continue;
        }
      if (tess_auth_challenge_get (challenge, "nonce") == NULL)
        {
          g_free (*reason);
          *reason = g_strdup (_("the challenge has no nonce"));
          continue;
        }
      if (best == NULL || tess_digest_algorithm_strength (params.algorithm) >
                          tess_digest_algorithm_strength (best_params.algorithm))
        {
          best = challenge;
          best_params = params;
        }
    }
  if (best == NULL)
    {
      if (!any_digest)
        g_clear_pointer (reason, g_free);
      return FALSE;
    }
  g_clear_pointer (reason, g_free);
  best_params.realm = tess_auth_challenge_get (best, "realm");
  best_params.nonce = tess_auth_challenge_get (best, "nonce");
  best_params.opaque = tess_auth_challenge_get (best, "opaque");
  best_params.userhash = tess_auth_context_get_bool (ctx, "userhash") ||
                         g_strcmp0 (tess_auth_challenge_get (best, "userhash"), "true") == 0;
  best_params.stale = g_ascii_strcasecmp (tess_auth_challenge_get (best, "stale") ?: "", "true") == 0;
  if (best_params.realm == NULL)
    best_params.realm = "";
  *out = best_params;
  return TRUE;
}

static TessChallengeResult
digest_on_response (TessAuthContext     *ctx,
                    TessPreparedRequest *req,
                    guint                status,
                    SoupMessageHeaders  *response_headers,
                    GError             **error)
{
  DigestState *state = get_state (ctx);
  g_autoptr(GPtrArray) header_values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_auth_challenge_free);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  DigestParams params;
  g_autofree char *reason = NULL;
  g_autofree char *algorithm_name = NULL;

  if (status != SOUP_STATUS_UNAUTHORIZED || response_headers == NULL ||
      tess_auth_context_get_bool (ctx, "disableRetryRequest"))
    return TESS_CHALLENGE_DONE;

  soup_message_headers_iter_init (&iter, response_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "WWW-Authenticate") == 0)
      {
        g_ptr_array_add (header_values, g_strdup (value));
        tess_auth_challenges_parse (value, challenges);
      }

  if (!choose_challenge (ctx, challenges, &params, &reason))
    {
      if (reason != NULL)
        set_challenge_error (ctx, error, header_values, reason);
      return TESS_CHALLENGE_DONE;
    }

  /* A second 401 means the credentials were refused, unless the server only
   * says the nonce went stale and offers a new one. */
  if (state->answers > 0 && !params.stale)
    return TESS_CHALLENGE_DONE;
  if (state->answers >= MAX_ANSWERS || nonce_was_used (state, params.nonce))
    return TESS_CHALLENGE_DONE;

  if (!sign_request (ctx, req, &params, error))
    return TESS_CHALLENGE_DONE;
  state->answers++;

  algorithm_name = tess_digest_algorithm_name (params.algorithm);
  g_ptr_array_add (req->log, g_strdup_printf ("Digest: answered challenge realm=%s algorithm=%s qop=%s%s",
                                              params.realm, algorithm_name,
                                              *params.qop ? params.qop : "none",
                                              params.stale ? " (stale nonce)" : ""));
  return TESS_CHALLENGE_RETRY;
}

const TessAuthScheme tess_auth_digest = {
  .id = "digest",
  .label = N_("Digest Auth"),
  .fields = digest_fields,
  .n_fields = G_N_ELEMENTS (digest_fields),
  .apply = digest_apply,
  .on_response = digest_on_response,
};
