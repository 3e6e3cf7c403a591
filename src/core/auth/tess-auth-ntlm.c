#include <string.h>
#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"
#include "tess-error.h"
#include "tess-soup.h"
#include "tess-ntlm.h"

/* NTLM over HTTP ([MS-NTHT]): NEGOTIATE goes with the first request, the
 * server's 401 carries the CHALLENGE, and AUTHENTICATE goes with the retry —
 * all on one kept-alive connection, since the server binds the handshake to it. */

typedef struct {
  GBytes  *negotiate;
  gboolean answered;
} NtlmState;

static const TessAuthField ntlm_fields[] = {
  { "username", N_("Username"), TESS_FIELD_TEXT, NULL, NULL,
    FALSE, TRUE, N_("DOMAIN\\user or user@domain also set the domain") },
  { "password", N_("Password"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE, NULL },
  { "domain", N_("Domain"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "workstation", N_("Workstation"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE, NULL },
  { "disableRetryRequest", N_("Disable Retrying the Request"), TESS_FIELD_BOOL, NULL, "false",
    TRUE, FALSE, N_("Send the first message only and show the server’s challenge") },
};

static struct {
  gboolean fixed_challenge;
  guint8   client_challenge[8];
  gint64   filetime;
} test_inputs = { FALSE, { 0 }, -1 };

void
tess_auth_ntlm_set_test_inputs (const guint8 *client_challenge,
                                gint64        filetime)
{
  test_inputs.fixed_challenge = client_challenge != NULL;
  if (client_challenge != NULL)
    memcpy (test_inputs.client_challenge, client_challenge, 8);
  test_inputs.filetime = filetime;
}

static void
ntlm_state_free (gpointer data)
{
  NtlmState *state = data;

  g_clear_pointer (&state->negotiate, g_bytes_unref);
  g_free (state);
}

static void
set_authorization (TessAuthContext     *ctx,
                   TessPreparedRequest *req,
                   GBytes              *message)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (message, NULL),
                                          g_bytes_get_size (message));
  g_autofree char *value = g_strconcat ("NTLM ", b64, NULL);

  tess_prepared_request_replace_header (req, "Authorization", value,
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
}

/* The server ties the NTLM login to the connection, and some servers
 * (mod_auth_gssapi) cannot start a second handshake on a connection that already
 * finished one. Every send begins with NEGOTIATE, so the connection must end
 * with the handshake's last message rather than be reused by the next send. */
static void
close_after (TessAuthContext     *ctx,
             TessPreparedRequest *req)
{
  tess_prepared_request_replace_header (req, "Connection", "close",
                                        TESS_ORIGIN_AUTH, ctx->origin_label);
}

static gboolean
ntlm_apply (TessAuthContext     *ctx,
            TessPreparedRequest *req,
            GError             **error)
{
  NtlmState *state = g_new0 (NtlmState, 1);

  if (ctx->state != NULL && ctx->state_free != NULL)
    ctx->state_free (ctx->state);
  state->negotiate = tess_ntlm_negotiate_message ();
  ctx->state = state;
  ctx->state_free = ntlm_state_free;

  set_authorization (ctx, req, state->negotiate);
  /* Without the retry, NEGOTIATE is the handshake's last message. */
  if (tess_auth_context_get_bool (ctx, "disableRetryRequest"))
    close_after (ctx, req);
  return TRUE;
}

/* The base64 token of the first "NTLM <token>" challenge; "" for a bare "NTLM"
 * (the server refused what it got), NULL when NTLM is not offered at all. */
static char *
find_challenge (SoupMessageHeaders *headers)
{
  const char *list = soup_message_headers_get_list (headers, "WWW-Authenticate");
  g_auto(GStrv) parts = list ? g_strsplit (list, ",", -1) : NULL;
  char *found = NULL;

  for (guint i = 0; parts != NULL && parts[i] != NULL && found == NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_ascii_strncasecmp (part, "NTLM", 4) != 0)
        continue;
      if (part[4] == '\0')
        found = g_strdup ("");
      else if (part[4] == ' ')
        found = g_strstrip (g_strdup (part + 5));
    }
  return found;
}

static void
log_note (TessPreparedRequest *req,
          const char          *note)
{
  g_ptr_array_add (req->log, g_strdup_printf ("NTLM: %s", note));
}

static GBytes *
build_authenticate (TessAuthContext          *ctx,
                    NtlmState                *state,
                    const TessNtlmChallenge  *challenge,
                    GError                  **error)
{
  const char *username = tess_auth_context_get (ctx, "username");
  const char *domain = tess_auth_context_get (ctx, "domain");
  g_autofree char *user = NULL;
  g_autofree char *user_domain = NULL;
  TessNtlmCredentials creds = { 0 };

  /* As in Postman: the Domain field wins; otherwise the user name may carry one. */
  if (*domain == '\0')
    tess_ntlm_split_username (username, &user, &user_domain);
  creds.user = user ? user : username;
  creds.domain = user_domain ? user_domain : domain;
  creds.password = tess_auth_context_get (ctx, "password");
  creds.workstation = tess_auth_context_get (ctx, "workstation");
  creds.client_challenge = test_inputs.fixed_challenge ? test_inputs.client_challenge : NULL;
  creds.filetime = test_inputs.filetime;

  return tess_ntlm_authenticate_message (&creds, state->negotiate, challenge, error);
}

static TessChallengeResult
ntlm_on_response (TessAuthContext     *ctx,
                  TessPreparedRequest *req,
                  guint                status,
                  SoupMessageHeaders  *response_headers,
                  GError             **error)
{
  NtlmState *state = ctx->state;
  g_autofree char *token = NULL;
  g_autofree guchar *raw = NULL;
  g_autoptr(TessNtlmChallenge) challenge = NULL;
  g_autoptr(GBytes) authenticate = NULL;
  gsize raw_len = 0;

  if (status != SOUP_STATUS_UNAUTHORIZED || state == NULL)
    return TESS_CHALLENGE_DONE;
  if (state->answered)
    {
      log_note (req, _("the server refused the credentials"));
      return TESS_CHALLENGE_DONE;
    }
  if (tess_auth_context_get_bool (ctx, "disableRetryRequest"))
    {
      log_note (req, _("retrying is disabled; the challenge was not answered"));
      return TESS_CHALLENGE_DONE;
    }

  token = find_challenge (response_headers);
  if (token == NULL || *token == '\0')
    {
      log_note (req, token == NULL ? _("the server does not offer NTLM")
                                   : _("the server refused the NEGOTIATE message"));
      return TESS_CHALLENGE_DONE;
    }

  raw = g_base64_decode (token, &raw_len);
  challenge = tess_ntlm_challenge_parse (raw, raw_len, error);
  if (challenge != NULL)
    authenticate = build_authenticate (ctx, state, challenge, error);
  if (authenticate == NULL)
    {
      g_prefix_error (error, _("request ‘%s’: NTLM: "), ctx->item_path ? ctx->item_path : "");
      return TESS_CHALLENGE_DONE;
    }

  state->answered = TRUE;
  set_authorization (ctx, req, authenticate);
  close_after (ctx, req);
  log_note (req, _("answering the server’s challenge"));
  return TESS_CHALLENGE_RETRY;
}

const TessAuthScheme tess_auth_ntlm = {
  .id = "ntlm",
  .label = N_("NTLM Authentication"),
  .fields = ntlm_fields,
  .n_fields = G_N_ELEMENTS (ntlm_fields),
  .apply = ntlm_apply,
  .on_response = ntlm_on_response,
};
