#include <json-glib/json-glib.h>
#include <string.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "tess-test-util.h"

/* Bearer and OAuth 2.0 access tokens against oidc-provider 9.13.3
 * (oidc-server.js), a certified OpenID provider. The server gets its tokens
 * over HTTP the way a client does (code flow with PKCE through its own
 * sign-in and consent forms; client_credentials); Tessera then sends them
 * with the bearer and oauth2 schemes through TessSender. Every right token is
 * accepted and every wrong one refused. */

static AuthPeerServer oidc;
static char *skip_reason;
static char *client_id;
static char *client_secret;
static char *user_token;       /* scope "openid profile", bound to the account */
static char *client_token;     /* client_credentials, scope "api" */

static void
start_server (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *info;

  if (!auth_peer_start_oidc (&oidc, &skip_reason))
    return;
  json_parser_load_from_data (parser, oidc.announcement, -1, &error);
  g_assert_no_error (error);
  info = json_node_get_object (json_parser_get_root (parser));
  client_id = g_strdup (json_object_get_string_member (info, "clientId"));
  client_secret = g_strdup (json_object_get_string_member (info, "clientSecret"));
  user_token = g_strdup (json_object_get_string_member (info, "accessToken"));
  client_token = g_strdup (json_object_get_string_member (info, "clientToken"));
  g_assert_nonnull (user_token);
  g_assert_nonnull (client_token);
}

/* The token with its last character changed: the right shape, the wrong value. */
static char *
wrong_token (const char *token)
{
  char *wrong = g_strdup (token);
  gsize last = strlen (wrong) - 1;

  wrong[last] = wrong[last] == 'A' ? 'B' : 'A';
  return wrong;
}

static TessExchange *
send_get (const char      *path,
          TessAuthContext *ctx)
{
  return auth_peer_send_get (NULL, oidc.base_url, path, ctx);
}

static void
assert_userinfo (TessExchange *exchange)
{
  g_autofree char *text = auth_peer_body_text (exchange);

  g_assert_cmpuint (exchange->status, ==, 200);
  g_assert_nonnull (strstr (text, "\"sub\":\"alice\""));
  g_assert_nonnull (strstr (text, "\"name\":\"Alice Tessera\""));
}

static void
assert_invalid_token (TessExchange *exchange)
{
  g_autofree char *text = auth_peer_body_text (exchange);
  const char *challenge = tess_exchange_get_header (exchange, "WWW-Authenticate");

  g_assert_cmpuint (exchange->status, ==, 401);
  g_assert_nonnull (challenge);
  g_assert_nonnull (strstr (challenge, "error=\"invalid_token\""));
}

/* Sends @good (with the user's token) and @bad (with a wrong one) to the
 * userinfo endpoint (/me): the first is answered, the second refused as an
 * invalid token. Returns the answered exchange. */
static TessExchange *
send_userinfo_pair (TessAuthContext *good,
                    TessAuthContext *bad)
{
  TessExchange *accepted = send_get ("/me", good);
  g_autoptr(TessExchange) refused = send_get ("/me", bad);

  assert_userinfo (accepted);
  assert_invalid_token (refused);
  return accepted;
}

/* The user's token went out as "Authorization: Bearer TOKEN". */
static void
assert_bearer_header (TessExchange *exchange)
{
  g_autofree char *expected = g_strconcat ("Bearer ", user_token, NULL);

  g_assert_cmpstr (tess_prepared_request_get_header (exchange->request, "Authorization"), ==, expected);
}

/* The userinfo endpoint (/me) takes the user's token and refuses others. */
static void
test_userinfo (void)
{
  g_autofree char *wrong = NULL;
  g_autoptr(TessAuthContext) good = NULL;
  g_autoptr(TessAuthContext) bad = NULL;
  g_autoptr(TessExchange) accepted = NULL;
  g_autoptr(TessExchange) anonymous = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  wrong = wrong_token (user_token);
  good = auth_peer_context ("bearer", "token", user_token, NULL);
  bad = auth_peer_context ("bearer", "token", wrong, NULL);
  accepted = send_userinfo_pair (good, bad);
  anonymous = send_get ("/me", NULL);

  assert_bearer_header (accepted);
  g_assert_cmpuint (anonymous->status, ==, 401);
}

/* An API that takes client_credentials tokens and checks them with the
 * provider's token store. */
static void
test_client_credentials (void)
{
  g_autofree char *wrong = NULL;
  g_autoptr(TessAuthContext) good = NULL;
  g_autoptr(TessAuthContext) bad = NULL;
  g_autoptr(TessExchange) accepted = NULL;
  g_autoptr(TessExchange) refused = NULL;
  g_autofree char *accepted_text = NULL;
  g_autofree char *refused_text = NULL;
  g_autofree char *expected = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  wrong = wrong_token (client_token);
  good = auth_peer_context ("bearer", "token", client_token, NULL);
  bad = auth_peer_context ("bearer", "token", wrong, NULL);
  accepted = send_get ("/resource", good);
  refused = send_get ("/resource", bad);
  accepted_text = auth_peer_body_text (accepted);
  refused_text = auth_peer_body_text (refused);

  expected = g_strdup_printf ("resource for %s\n", client_id);
  g_assert_cmpuint (accepted->status, ==, 200);
  g_assert_cmpstr (accepted_text, ==, expected);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_cmpstr (refused_text, ==, "refused: unknown or expired token\n");
}

/* RFC 7662 introspection, the client authenticated with the basic scheme:
 * both tokens are active, a wrong one is not. */
static JsonObject *
introspect (const char *token,
            JsonParser *parser)
{
  g_autoptr(TessSender) sender = tess_sender_new ();
  g_autoptr(TessPreparedRequest) req = auth_peer_request (oidc.base_url, "POST", "/token/introspection");
  g_autoptr(TessAuthContext) client = auth_peer_context ("basic", "username", client_id,
                                                         "password", client_secret, NULL);
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
  g_autofree char *form = g_strconcat ("token=", escaped, NULL);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(TessExchange) exchange = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  tess_prepared_request_add_header (req, "Content-Type", "application/x-www-form-urlencoded",
                                    TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, body);
  exchange = auth_peer_send (sender, req, client);
  text = auth_peer_body_text (exchange);
  g_assert_cmpuint (exchange->status, ==, 200);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_introspection (void)
{
  g_autoptr(JsonParser) user_parser = json_parser_new ();
  g_autoptr(JsonParser) client_parser = json_parser_new ();
  g_autoptr(JsonParser) wrong_parser = json_parser_new ();
  g_autofree char *wrong = NULL;
  JsonObject *user, *client, *unknown;

  if (!auth_peer_ready (skip_reason))
    return;
  wrong = wrong_token (user_token);
  user = introspect (user_token, user_parser);
  client = introspect (client_token, client_parser);
  unknown = introspect (wrong, wrong_parser);

  g_assert_true (json_object_get_boolean_member (user, "active"));
  g_assert_cmpstr (json_object_get_string_member (user, "sub"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (user, "scope"), ==, "openid profile");
  g_assert_true (json_object_get_boolean_member (client, "active"));
  g_assert_cmpstr (json_object_get_string_member (client, "client_id"), ==, client_id);
  g_assert_cmpstr (json_object_get_string_member (client, "scope"), ==, "api");
  g_assert_false (json_object_get_boolean_member (unknown, "active"));
}

/* OAuth 2.0's "use this access token", in the Authorization header. */
static void
test_oauth2_header (void)
{
  g_autofree char *wrong = NULL;
  g_autoptr(TessAuthContext) good = NULL;
  g_autoptr(TessAuthContext) bad = NULL;
  g_autoptr(TessExchange) accepted = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  wrong = wrong_token (user_token);
  good = auth_peer_context ("oauth2", "accessToken", user_token, "addTokenTo", "header",
                            "tokenType", "Bearer", NULL);
  bad = auth_peer_context ("oauth2", "accessToken", wrong, "addTokenTo", "header", NULL);
  accepted = send_userinfo_pair (good, bad);
  assert_bearer_header (accepted);
}

/* The same token in the access_token query parameter (RFC 6750 §2.3). */
static void
test_oauth2_query (void)
{
  g_autofree char *wrong = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(TessAuthContext) good = NULL;
  g_autoptr(TessAuthContext) bad = NULL;
  g_autoptr(TessExchange) accepted = NULL;

  if (!auth_peer_ready (skip_reason))
    return;
  wrong = wrong_token (user_token);
  good = auth_peer_context ("oauth2", "accessToken", user_token, "addTokenTo", "queryParams", NULL);
  bad = auth_peer_context ("oauth2", "accessToken", wrong, "addTokenTo", "queryParams", NULL);
  accepted = send_userinfo_pair (good, bad);
  g_assert_null (tess_prepared_request_get_header (accepted->request, "Authorization"));
  uri = tess_prepared_request_dup_uri (accepted->request);
  expected = g_strconcat ("access_token=", user_token, NULL);
  g_assert_nonnull (strstr (uri, expected));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  start_server ();
  g_test_add_func ("/peers/bearer/userinfo", test_userinfo);
  g_test_add_func ("/peers/bearer/client-credentials", test_client_credentials);
  g_test_add_func ("/peers/bearer/introspection", test_introspection);
  g_test_add_func ("/peers/bearer/oauth2-header", test_oauth2_header);
  g_test_add_func ("/peers/bearer/oauth2-query", test_oauth2_query);
  status = g_test_run ();
  auth_peer_server_stop (&oidc);
  g_free (skip_reason);
  g_free (client_id);
  g_free (client_secret);
  g_free (user_token);
  g_free (client_token);
  return status;
}
