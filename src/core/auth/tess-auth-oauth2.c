#include <glib/gi18n-lib.h>

#include "tess-auth-schemes.h"

/* OAuth 2.0 as a way to send a token (RFC 6750). The token-getting keys are
 * listed so the form, import/export and the keyring know them; getting and
 * refreshing tokens happens elsewhere and fills accessToken. */

static const char * const add_token_to_choices[] = { "header", "queryParams", NULL };

static const char * const grant_type_choices[] = {
  "authorization_code", "authorization_code_with_pkce", "implicit",
  "password_credentials", "client_credentials", NULL
};

static const char * const client_authentication_choices[] = { "header", "body", NULL };

static const char * const challenge_algorithm_choices[] = { "S256", "plain", NULL };

static const TessAuthField oauth2_fields[] = {
  /* Applying the token. */
  { "accessToken", N_("Access Token"), TESS_FIELD_SECRET, NULL, NULL, FALSE, TRUE, NULL },
  { "tokenType", N_("Token Type"), TESS_FIELD_TEXT, NULL, "Bearer", FALSE, FALSE,
    N_("MAC tokens are not sent") },
  { "addTokenTo", N_("Add Token To"), TESS_FIELD_CHOICE, add_token_to_choices, "header", FALSE, FALSE,
    N_("The Authorization header, or the access_token query parameter") },
  { "headerPrefix", N_("Header Prefix"), TESS_FIELD_TEXT, NULL, "Bearer", TRUE, FALSE, NULL },
  /* Getting a token. */
  { "tokenName", N_("Token Name"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "grant_type", N_("Grant Type"), TESS_FIELD_CHOICE, grant_type_choices, "authorization_code", FALSE, FALSE, NULL },
  { "authUrl", N_("Auth URL"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "accessTokenUrl", N_("Access Token URL"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "refreshTokenUrl", N_("Refresh Token URL"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("The access token URL when empty") },
  { "clientId", N_("Client ID"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "clientSecret", N_("Client Secret"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE, NULL },
  { "scope", N_("Scope"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, N_("Space-separated") },
  { "state", N_("State"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "redirect_uri", N_("Callback URL"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "useBrowser", N_("Authorize Using Browser"), TESS_FIELD_BOOL, NULL, "false", FALSE, FALSE, NULL },
  { "client_authentication", N_("Client Authentication"), TESS_FIELD_CHOICE, client_authentication_choices,
    "header", TRUE, FALSE, N_("Send the client credentials as a Basic header or in the body") },
  { "challengeAlgorithm", N_("Code Challenge Method"), TESS_FIELD_CHOICE, challenge_algorithm_choices,
    "S256", TRUE, FALSE, NULL },
  { "code_verifier", N_("Code Verifier"), TESS_FIELD_TEXT, NULL, NULL, TRUE, FALSE,
    N_("Random when empty") },
  { "username", N_("Username"), TESS_FIELD_TEXT, NULL, NULL, FALSE, FALSE, NULL },
  { "password", N_("Password"), TESS_FIELD_SECRET, NULL, NULL, FALSE, FALSE, NULL },
};

static gboolean
oauth2_apply (TessAuthContext     *ctx,
              TessPreparedRequest *req,
              GError             **error)
{
  const char *token = tess_auth_context_get (ctx, "accessToken");
  g_autofree char *prefix = g_strstrip (g_strdup (tess_auth_context_get (ctx, "headerPrefix")));

  /* Like Postman, a MAC token is not sent as if it were a bearer token. */
  if (g_ascii_strcasecmp (tess_auth_context_get (ctx, "tokenType"), "mac") == 0)
    {
      g_ptr_array_add (req->log, g_strdup (_("OAuth 2.0: MAC tokens are not supported; no token was added")));
      return TRUE;
    }

  /* One place for the token: drop what the person typed in either place. */
  tess_prepared_request_remove_header (req, "Authorization");
  tess_prepared_request_remove_query (req, "access_token");

  if (g_str_equal (tess_auth_context_get (ctx, "addTokenTo"), "queryParams"))
    tess_prepared_request_add_query (req, "access_token", token, TESS_ORIGIN_AUTH, ctx->origin_label);
  else
    {
      g_autofree char *value = *prefix ? g_strconcat (prefix, " ", token, NULL) : g_strdup (token);

      tess_prepared_request_add_header (req, "Authorization", value, TESS_ORIGIN_AUTH, ctx->origin_label);
    }
  return TRUE;
}

const TessAuthScheme tess_auth_oauth2 = {
  .id = "oauth2",
  .label = N_("OAuth 2.0"),
  .fields = oauth2_fields,
  .n_fields = G_N_ELEMENTS (oauth2_fields),
  .apply = oauth2_apply,
};
