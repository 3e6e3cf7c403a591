/* newman parity for every auth type: one Postman v2.1 collection, with a
 * request per auth type (and per variant worth a request), each carrying a
 * pm.test on status 200, is run by newman 6.2.2 and by `tessera-cli run`
 * against the same real servers in one test:
 *
 *   apikey, noauth      an in-process TessTestServer that checks the key
 *   bearer, oauth2      oidc-provider (oidc-server.js)
 *   basic, digest       lighttpd (MD5, SHA-256, SHA-512-256, MD5-sess)
 *   oauth1              python3-oauthlib (HMAC-SHA1, RSA-SHA256, HMAC-SHA256 in the query)
 *   hawk                @hapi/hawk (header MAC, payload hash)
 *   awsv4               aws-checker.js (@smithy/signature-v4; session token)
 *   ntlm                apache2 + mod_auth_gssapi + gss-ntlmssp
 *   edgegrid, jwt, asap auth-verify-server.js (akamai-edgegrid, jose)
 *
 * newman 6.2.2 (postman-runtime 7.39.1) implements all thirteen types, so
 * every request is asserted for both runners. With the right credentials
 * both pass every request with 200; with one password wrong both fail that
 * request only; with every credential wrong both fail every request that
 * carries one, refused by its server. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "peer-child.h"
#include "tess-test-server.h"
#include "tess-test-util.h"

#define HTTP_USER "alice"
#define HTTP_PASSWORD "Open, sesame!"
#define OAUTH1_CONSUMER "parity-client"
#define OAUTH1_SECRET "kd94hf93 k423kf44&"
#define OAUTH1_TOKEN "nnch734d00sl2jdk"
#define OAUTH1_TOKEN_SECRET "pfkkdhi9sl3r4s00"
#define HAWK_ID "dh37fgj492je"
#define HAWK_KEY "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn"
#define AWS_KEY "ASIATESSERAPARITY"
#define AWS_SECRET "TeMp/SeCrEt+K7MDENGbPxRfiCYPARITYKEY0000"
#define AWS_TOKEN "IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+parity/token=="
#define NTLM_PASSWORD "Secret-123"
#define EDGEGRID_CLIENT_TOKEN "akab-client-token-parity-00000000000"
#define EDGEGRID_ACCESS_TOKEN "akab-access-token-parity-00000000000"
#define EDGEGRID_SECRET "SECRETparity00000000000000000000000000000000="
#define JWT_SECRET "a shared secret for HS256 that both runners sign with"
#define API_KEY "k-3f9a7c1e-parity"

/* One request of the collection. */
typedef struct {
  const char *name;
  const char *method;
  const char *url;              /* with {{variables}} */
  const char *type;             /* Postman's auth type */
  const char *auth[20];         /* key, value, …, NULL; "true"/"false" become booleans */
  const char *body;             /* a raw JSON body, or NULL */
  guint refused;                /* the status its server refuses wrong credentials with, or 0 */
} ParityRequest;

static const ParityRequest requests[] = {
  { "No auth", "GET", "{{echo}}/open", "noauth", { NULL }, NULL, 0 },
  { "API key in header", "GET", "{{echo}}/apikey/header?page=1", "apikey",
    { "key", "X-Api-Key", "value", "{{apiKey}}", "in", "header", NULL }, NULL, 401 },
  { "API key in query", "GET", "{{echo}}/apikey/query?page=1", "apikey",
    { "key", "api_key", "value", "{{apiKey}}", "in", "query", NULL }, NULL, 401 },
  { "Bearer", "GET", "{{oidc}}/me", "bearer",
    { "token", "{{userToken}}", NULL }, NULL, 401 },
  { "Basic", "GET", "{{lighttpd}}/basic/index.txt", "basic",
    { "username", "{{httpUser}}", "password", "{{basicPassword}}", NULL }, NULL, 401 },
  /* newman does not take the algorithm from the challenge: each carries it.
   * Tessera answers a challenge with the challenge's algorithm, so for
   * "MD5-sess" newman sends MD5-sess (lighttpd accepts the -sess variant of
   * what it offers) and Tessera MD5; test-peer-lighttpd checks Tessera's
   * -sess answers. */
  { "Digest MD5", "GET", "{{lighttpd}}/md5/index.txt", "digest",
    { "username", "{{httpUser}}", "password", "{{digestPassword}}", "algorithm", "MD5", NULL }, NULL, 401 },
  { "Digest SHA-256", "GET", "{{lighttpd}}/sha256/index.txt", "digest",
    { "username", "{{httpUser}}", "password", "{{digestPassword}}", "algorithm", "SHA-256", NULL }, NULL, 401 },
  { "Digest SHA-512-256", "GET", "{{lighttpd}}/sha512-256/index.txt", "digest",
    { "username", "{{httpUser}}", "password", "{{digestPassword}}", "algorithm", "SHA-512-256", NULL }, NULL, 401 },
  { "Digest MD5-sess", "GET", "{{lighttpd}}/md5/index.txt", "digest",
    { "username", "{{httpUser}}", "password", "{{digestPassword}}", "algorithm", "MD5-sess", NULL }, NULL, 401 },
  { "OAuth 1.0a HMAC-SHA1", "GET", "{{oauth1}}/photos?file=vacation.jpg&size=original", "oauth1",
    { "signatureMethod", "HMAC-SHA1", "consumerKey", OAUTH1_CONSUMER, "consumerSecret", "{{oauth1ConsumerSecret}}",
      "token", OAUTH1_TOKEN, "tokenSecret", "{{oauth1TokenSecret}}", "version", "1.0",
      "addParamsToHeader", "true", "addEmptyParamsToSign", "false", NULL }, NULL, 401 },
  { "OAuth 1.0a RSA-SHA256", "GET", "{{oauth1}}/photos?file=a%20b.jpg", "oauth1",
    { "signatureMethod", "RSA-SHA256", "consumerKey", OAUTH1_CONSUMER, "privateKey", "{{rsaPrivateKey}}",
      "token", OAUTH1_TOKEN, "version", "1.0", "addParamsToHeader", "true", NULL }, NULL, 401 },
  { "OAuth 1.0a HMAC-SHA256 in query", "GET", "{{oauth1}}/photos?file=c.jpg", "oauth1",
    { "signatureMethod", "HMAC-SHA256", "consumerKey", OAUTH1_CONSUMER, "consumerSecret", "{{oauth1ConsumerSecret}}",
      "token", OAUTH1_TOKEN, "tokenSecret", "{{oauth1TokenSecret}}", "version", "1.0",
      "addParamsToHeader", "false", NULL }, NULL, 401 },
  { "OAuth 2.0 in header", "GET", "{{oidc}}/me", "oauth2",
    { "accessToken", "{{userToken}}", "tokenType", "Bearer", "addTokenTo", "header", NULL }, NULL, 401 },
  { "OAuth 2.0 in query", "GET", "{{oidc}}/me", "oauth2",
    { "accessToken", "{{userToken}}", "tokenType", "Bearer", "addTokenTo", "queryParams", NULL }, NULL, 401 },
  { "Hawk", "GET", "{{hawk}}/resource/1?b=1&a=2", "hawk",
    { "authId", HAWK_ID, "authKey", "{{hawkKey}}", "algorithm", "sha256", "extraData", "parity", NULL },
    NULL, 401 },
  { "Hawk with payload hash", "POST", "{{hawk}}/payload/items?draft=1", "hawk",
    { "authId", HAWK_ID, "authKey", "{{hawkKey}}", "algorithm", "sha256", "includePayloadHash", "true", NULL },
    "{\"greeting\": \"Thank you for flying Hawk\"}", 401 },
  /* No presigned (addAuthDataToQuery) request here: newman 6.2.2 presigns
   * without X-Amz-Expires, which the checker refuses as S3 does (400).
   * test-peer-aws checks Tessera's presigned URLs. */
  { "AWS Signature with session token", "GET", "{{aws}}/prod/items?limit=5", "awsv4",
    { "accessKey", AWS_KEY, "secretKey", "{{awsSecretKey}}", "region", "eu-central-1", "service", "execute-api",
      "sessionToken", "{{awsSessionToken}}", NULL }, NULL, 403 },
  { "NTLM", "GET", "{{ntlm}}/ntlm/ok.txt", "ntlm",
    { "username", HTTP_USER, "password", "{{ntlmPassword}}", "domain", "TESSERA", "workstation", "PARITY", NULL },
    NULL, 401 },
  { "EdgeGrid", "GET", "{{verifier}}/edgegrid?contractId=ctr_1&search=a%20b", "edgegrid",
    { "accessToken", EDGEGRID_ACCESS_TOKEN, "clientToken", EDGEGRID_CLIENT_TOKEN,
      "clientSecret", "{{edgegridSecret}}", NULL }, NULL, 401 },
  { "EdgeGrid POST", "POST", "{{verifier}}/edgegrid", "edgegrid",
    { "accessToken", EDGEGRID_ACCESS_TOKEN, "clientToken", EDGEGRID_CLIENT_TOKEN,
      "clientSecret", "{{edgegridSecret}}", NULL }, "{\"objects\": [\"https://example.com/a\"]}", 401 },
  { "JWT HS256", "GET", "{{verifier}}/jwt/hs256", "jwt",
    { "algorithm", "HS256", "secret", "{{jwtSecret}}", "isSecretBase64Encoded", "false",
      "payload", "{\"sub\": \"parity\", \"admin\": true}", "header", "{\"typ\": \"JWT\"}",
      "addTokenTo", "header", "headerPrefix", "Bearer", NULL }, NULL, 401 },
  { "JWT RS256 in query", "GET", "{{verifier}}/jwt/rs256", "jwt",
    { "algorithm", "RS256", "privateKey", "{{rsaPrivateKey}}", "payload", "{\"sub\": \"parity\"}",
      "addTokenTo", "queryParam", "queryParamKey", "token", NULL }, NULL, 401 },
  { "ASAP", "GET", "{{verifier}}/asap", "asap",
    { "alg", "RS256", "iss", "micros/parity", "aud", "parity-service", "kid", "micros/parity/key-1",
      "privateKey", "{{rsaPrivateKey}}", "exp", "600", NULL }, NULL, 401 },
};

/* The variables of the environment: name, right value, wrong value. The
 * right values of the token and RSA variables are filled in at start. */
typedef struct {
  const char *name;
  char *right;
  char *wrong;
} ParityVariable;

static struct {
  AuthPeerServer lighttpd, oidc, oauth1, hawk, aws, ntlm, verifier;
  TessTestServer *echo;
  char *skip_reason;
  char *dir;
  char *collection_path;
  char *trusted_key;     /* PKCS#8 PEM the servers know */
  char *other_key;       /* one they do not */
  GPtrArray *variables;  /* of ParityVariable */
} peers;

/* ---- the echo server for API keys --------------------------------------- */

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
apikey_header_cb (SoupServerMessage     *msg,
                  const TessTestRequest *request,
                  gpointer               user_data)
{
  const char *key = tess_test_request_get_header (request, "X-Api-Key");

  if (g_strcmp0 (key, API_KEY) == 0 && g_strcmp0 (request->query, "page=1") == 0)
    answer (msg, 200, "key accepted\n");
  else
    answer (msg, 401, "wrong or missing X-Api-Key\n");
}

static void
apikey_query_cb (SoupServerMessage     *msg,
                 const TessTestRequest *request,
                 gpointer               user_data)
{
  g_autoptr(GHashTable) query = g_uri_parse_params (request->query ? request->query : "", -1, "&",
                                                    G_URI_PARAMS_NONE, NULL);

  if (query != NULL && g_strcmp0 (g_hash_table_lookup (query, "api_key"), API_KEY) == 0 &&
      g_strcmp0 (g_hash_table_lookup (query, "page"), "1") == 0 &&
      tess_test_request_get_header (request, "X-Api-Key") == NULL)
    answer (msg, 200, "key accepted\n");
  else
    answer (msg, 401, "wrong or missing api_key\n");
}

static void
open_cb (SoupServerMessage     *msg,
         const TessTestRequest *request,
         gpointer               user_data)
{
  if (tess_test_request_get_header (request, "Authorization") == NULL)
    answer (msg, 200, "open\n");
  else
    answer (msg, 400, "noauth sent an Authorization header\n");
}

/* ---- starting the peers -------------------------------------------------- */

static void
add_variable (const char *name,
              const char *right,
              const char *wrong)
{
  ParityVariable *var = g_new0 (ParityVariable, 1);

  var->name = name;
  var->right = g_strdup (right);
  var->wrong = g_strdup (wrong);
  g_ptr_array_add (peers.variables, var);
}

static void
free_variable (gpointer data)
{
  ParityVariable *var = data;

  g_free (var->right);
  g_free (var->wrong);
  g_free (var);
}

static char *
announced (AuthPeerServer *server,
           const char     *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, server->announcement, -1, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), member));
}

static char *
verifier_routes (const char *public_path)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *secret_b64 = g_base64_encode ((const guchar *) JWT_SECRET, strlen (JWT_SECRET));
  /* ASAP's required claims; sub is optional (newman fills in iss, Tessera
   * leaves it out). */
  const char *asap_claims[] = { "iss", "aud", "iat", "exp", "jti" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "/jwt/hs256");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "jwt");
  json_builder_set_member_name (b, "alg");
  json_builder_add_string_value (b, "HS256");
  json_builder_set_member_name (b, "secretBase64");
  json_builder_add_string_value (b, secret_b64);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "/jwt/rs256");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "jwt");
  json_builder_set_member_name (b, "alg");
  json_builder_add_string_value (b, "RS256");
  json_builder_set_member_name (b, "publicKeyFile");
  json_builder_add_string_value (b, public_path);
  json_builder_set_member_name (b, "queryParamKey");
  json_builder_add_string_value (b, "token");
  json_builder_end_object (b);

  json_builder_set_member_name (b, "/asap");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "jwt");
  json_builder_set_member_name (b, "alg");
  json_builder_add_string_value (b, "RS256");
  json_builder_set_member_name (b, "publicKeyFile");
  json_builder_add_string_value (b, public_path);
  json_builder_set_member_name (b, "issuer");
  json_builder_add_string_value (b, "micros/parity");
  json_builder_set_member_name (b, "audience");
  json_builder_add_string_value (b, "parity-service");
  json_builder_set_member_name (b, "requiredClaims");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (asap_claims); i++)
    json_builder_add_string_value (b, asap_claims[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "/edgegrid");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "edgegrid");
  json_builder_set_member_name (b, "clientToken");
  json_builder_add_string_value (b, EDGEGRID_CLIENT_TOKEN);
  json_builder_set_member_name (b, "accessToken");
  json_builder_add_string_value (b, EDGEGRID_ACCESS_TOKEN);
  json_builder_set_member_name (b, "clientSecret");
  json_builder_add_string_value (b, EDGEGRID_SECRET);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Starts every peer; FALSE with peers.skip_reason when one is missing. */
static gboolean
start_peers (void)
{
  static const AuthPeerDigestUser users[] = {
    { HTTP_USER, HTTP_PASSWORD, "basic@tessera", "MD5", FALSE },
    { HTTP_USER, HTTP_PASSWORD, "md5@tessera", "MD5", FALSE },
    { HTTP_USER, HTTP_PASSWORD, "sha256@tessera", "SHA-256", FALSE },
    { HTTP_USER, HTTP_PASSWORD, "sha512-256@tessera", "SHA-512-256", FALSE },
  };
  const char *hawk_credentials[] = { HAWK_ID ":sha256:" HAWK_KEY, NULL };
  const char *oauth1_consumers[] = { OAUTH1_CONSUMER ":" OAUTH1_SECRET, NULL };
  g_autofree char *public_path = NULL;
  g_autofree char *routes = NULL;

  if (!auth_peer_have_node_package ("newman", &peers.skip_reason))
    return FALSE;
  if (!auth_peer_have_oauthlib (&peers.skip_reason))
    return FALSE;
  peers.dir = tess_test_make_tmpdir ();
  if (!auth_peer_make_rsa_key (peers.dir, "trusted", &peers.trusted_key, NULL, &public_path) ||
      !auth_peer_make_rsa_key (peers.dir, "other", &peers.other_key, NULL, NULL))
    {
      peers.skip_reason = g_strdup ("openssl is not installed to make RSA keys (Debian package openssl)");
      return FALSE;
    }
  routes = verifier_routes (public_path);

  if (!auth_peer_start_lighttpd (&peers.lighttpd, users, G_N_ELEMENTS (users), &peers.skip_reason) ||
      !auth_peer_start_oidc (&peers.oidc, &peers.skip_reason) ||
      !auth_peer_start_oauth1 (&peers.oauth1, public_path, OAUTH1_TOKEN ":" OAUTH1_TOKEN_SECRET,
                               oauth1_consumers, &peers.skip_reason) ||
      !auth_peer_start_hawk (&peers.hawk, NULL, hawk_credentials, &peers.skip_reason) ||
      !auth_peer_start_aws (&peers.aws, "[{\"accessKeyId\": \"" AWS_KEY "\", \"secretAccessKey\": \"" AWS_SECRET "\","
                                        " \"sessionToken\": \"" AWS_TOKEN "\"}]", &peers.skip_reason) ||
      !auth_peer_start_ntlm (&peers.ntlm, "TESSERA:" HTTP_USER ":" NTLM_PASSWORD "\n", &peers.skip_reason) ||
      !auth_peer_start_verifier (&peers.verifier, routes, &peers.skip_reason))
    return FALSE;

  peers.echo = tess_test_server_new ();
  tess_test_server_add_handler (peers.echo, "/apikey/header", apikey_header_cb, NULL);
  tess_test_server_add_handler (peers.echo, "/apikey/query", apikey_query_cb, NULL);
  tess_test_server_add_handler (peers.echo, "/open", open_cb, NULL);
  return TRUE;
}

static void
fill_variables (void)
{
  g_autofree char *echo = tess_test_server_dup_url (peers.echo, "");
  g_autofree char *user_token = announced (&peers.oidc, "accessToken");
  g_autofree char *wrong_token = g_strconcat (user_token, "x", NULL);

  /* Where each server is: the same in every run. */
  add_variable ("echo", echo, echo);
  add_variable ("oidc", peers.oidc.base_url, peers.oidc.base_url);
  add_variable ("lighttpd", peers.lighttpd.base_url, peers.lighttpd.base_url);
  add_variable ("oauth1", peers.oauth1.base_url, peers.oauth1.base_url);
  add_variable ("hawk", peers.hawk.base_url, peers.hawk.base_url);
  add_variable ("aws", peers.aws.base_url, peers.aws.base_url);
  add_variable ("ntlm", peers.ntlm.base_url, peers.ntlm.base_url);
  add_variable ("verifier", peers.verifier.base_url, peers.verifier.base_url);
  add_variable ("httpUser", HTTP_USER, HTTP_USER);

  /* Credentials, right and wrong. */
  add_variable ("apiKey", API_KEY, "k-wrong");
  add_variable ("userToken", user_token, wrong_token);
  add_variable ("basicPassword", HTTP_PASSWORD, "Open, sesame");
  add_variable ("digestPassword", HTTP_PASSWORD, "Open, sesame");
  add_variable ("oauth1ConsumerSecret", OAUTH1_SECRET, "kd94hf93 k423kf44");
  add_variable ("oauth1TokenSecret", OAUTH1_TOKEN_SECRET, "pfkkdhi9sl3r4s01");
  add_variable ("rsaPrivateKey", peers.trusted_key, peers.other_key);
  add_variable ("hawkKey", HAWK_KEY, HAWK_KEY "x");
  add_variable ("awsSecretKey", AWS_SECRET, "wrong/SeCrEt+K7MDENGbPxRfiCYPARITYKEY0000");
  add_variable ("awsSessionToken", AWS_TOKEN, AWS_TOKEN);
  add_variable ("ntlmPassword", NTLM_PASSWORD, "secret-123");
  add_variable ("edgegridSecret", EDGEGRID_SECRET, "SECRETparity00000000000000000000000000000001=");
  add_variable ("jwtSecret", JWT_SECRET, "not " JWT_SECRET);
}

static void
stop_peers (void)
{
  auth_peer_server_stop (&peers.lighttpd);
  auth_peer_server_stop (&peers.oidc);
  auth_peer_server_stop (&peers.oauth1);
  auth_peer_server_stop (&peers.hawk);
  auth_peer_server_stop (&peers.aws);
  auth_peer_server_stop (&peers.ntlm);
  auth_peer_server_stop (&peers.verifier);
  g_clear_pointer (&peers.echo, tess_test_server_free);
}

/* ---- the collection and environments ------------------------------------- */

static void
add_auth (JsonBuilder         *b,
          const ParityRequest *r)
{
  json_builder_set_member_name (b, "auth");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, r->type);
  if (!g_str_equal (r->type, "noauth"))
    {
      json_builder_set_member_name (b, r->type);
      json_builder_begin_array (b);
      for (guint i = 0; r->auth[i] != NULL; i += 2)
        {
          const char *value = r->auth[i + 1];
          gboolean boolean = g_str_equal (value, "true") || g_str_equal (value, "false");

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, r->auth[i]);
          json_builder_set_member_name (b, "value");
          /* Postman stores switches as booleans; the string "false" would
           * read as true in newman. */
          if (boolean)
            json_builder_add_boolean_value (b, g_str_equal (value, "true"));
          else
            json_builder_add_string_value (b, value);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, boolean ? "boolean" : "string");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
add_test_script (JsonBuilder *b)
{
  json_builder_set_member_name (b, "event");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "listen");
  json_builder_add_string_value (b, "test");
  json_builder_set_member_name (b, "script");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "text/javascript");
  json_builder_set_member_name (b, "exec");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "pm.test(\"accepted by the server\", function () {");
  json_builder_add_string_value (b, "    pm.response.to.have.status(200);");
  json_builder_add_string_value (b, "});");
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
}

static void
add_request (JsonBuilder         *b,
             const ParityRequest *r)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, r->name);
  add_test_script (b);
  json_builder_set_member_name (b, "request");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, r->method);
  add_auth (b, r);
  json_builder_set_member_name (b, "header");
  json_builder_begin_array (b);
  if (r->body != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, "Content-Type");
      json_builder_set_member_name (b, "value");
      json_builder_add_string_value (b, "application/json");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (r->body != NULL)
    {
      json_builder_set_member_name (b, "body");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "mode");
      json_builder_add_string_value (b, "raw");
      json_builder_set_member_name (b, "raw");
      json_builder_add_string_value (b, r->body);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, r->url);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
save_json (const char *path,
           JsonNode   *root)
{
  g_autofree char *text = json_to_string (root, TRUE);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
write_collection (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *path = g_build_filename (peers.dir, "auth-parity.postman_collection.json", NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "info");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "_postman_id");
  json_builder_add_string_value (b, "6f1c8a52-0c8e-4d7e-9a55-7d1b1f0a3e21");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Auth parity");
  json_builder_set_member_name (b, "schema");
  json_builder_add_string_value (b, "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "item");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    add_request (b, &requests[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  save_json (path, root);
  return path;
}

/* The environment with every right value except the variables named in
 * @wrong (NULL-terminated; "*" for all of them). */
static char *
write_environment (const char         *name,
                   const char * const *wrong)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *file = g_strconcat (name, ".postman_environment.json", NULL);
  char *path = g_build_filename (peers.dir, file, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "values");
  json_builder_begin_array (b);
  for (guint i = 0; i < peers.variables->len; i++)
    {
      ParityVariable *var = g_ptr_array_index (peers.variables, i);
      gboolean flip = g_strv_contains (wrong, "*") || g_strv_contains (wrong, var->name);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, var->name);
      json_builder_set_member_name (b, "value");
      json_builder_add_string_value (b, flip ? var->wrong : var->right);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "default");
      json_builder_set_member_name (b, "enabled");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  save_json (path, root);
  return path;
}

/* ---- running newman and tessera-cli -------------------------------------- */

static void
run_child (const char * const *argv,
           PeerChild          *result)
{
  g_autofree char *workspace = g_build_filename (peers.dir, "workspace", NULL);

  /* Loopback only: neither runner may go through a proxy. */
  peer_child_run (argv, peers.dir, workspace, NULL, result);
  g_test_message ("%s %s: exit status %d\n%s%s", argv[0], argv[1], result->status, result->out, result->err);
}

/* Per request name: the status the runner got (0 for none) and whether its
 * test (newman's pm.test; tessera-cli's run) passed. */
typedef struct {
  guint status;
  gboolean passed;
} Outcome;

static GHashTable *
run_newman (const char *env_path,
            int        *exit_status)
{
  g_autofree char *newman = g_build_filename (g_getenv ("TESS_NODE_MODULES"), "newman", "bin", "newman.js", NULL);
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *report_path = g_build_filename (peers.dir, "newman-report.json", NULL);
  const char *argv[] = { node, newman, "run", peers.collection_path, "-e", env_path,
                         "--reporters", "cli,json", "--reporter-json-export", report_path,
                         "--timeout-request", "30000", "--color", "off", "--disable-unicode", NULL };
  g_auto(PeerChild) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *executions;

  g_remove (report_path);
  run_child (argv, &result);
  *exit_status = result.status;
  json_parser_load_from_file (parser, report_path, &error);
  g_assert_no_error (error);
  executions = json_object_get_array_member (json_object_get_object_member (
                 json_node_get_object (json_parser_get_root (parser)), "run"), "executions");
  for (guint i = 0; i < json_array_get_length (executions); i++)
    {
      JsonObject *execution = json_array_get_object_element (executions, i);
      const char *name = json_object_get_string_member (json_object_get_object_member (execution, "item"), "name");
      JsonObject *response = json_object_get_object_member (execution, "response");
      JsonArray *assertions = json_object_get_array_member (execution, "assertions");
      Outcome *outcome = g_new0 (Outcome, 1);

      outcome->status = response ? json_object_get_int_member_with_default (response, "code", 0) : 0;
      outcome->passed = assertions != NULL && json_array_get_length (assertions) == 1 &&
                        !json_object_has_member (json_array_get_object_element (assertions, 0), "error");
      /* newman lists an item again for each challenge round (Digest, NTLM),
       * each with the final response: the last one stands. */
      g_hash_table_insert (outcomes, g_strdup (name), outcome);
    }
  return outcomes;
}

/* The junit report's testcases: name → passed. */
typedef struct {
  GHashTable *passed;
  char *current;
} JunitParse;

static void
junit_start_cb (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              data,
                GError              **error)
{
  JunitParse *parse = data;

  if (g_str_equal (element, "testcase"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          {
            g_free (parse->current);
            parse->current = g_strdup (values[i]);
            g_hash_table_insert (parse->passed, g_strdup (values[i]), GINT_TO_POINTER (TRUE));
          }
    }
  else if (g_str_equal (element, "failure") && parse->current != NULL)
    g_hash_table_insert (parse->passed, g_strdup (parse->current), GINT_TO_POINTER (FALSE));
}

static GHashTable *
read_junit (const char *path)
{
  static const GMarkupParser parser = { junit_start_cb, NULL, NULL, NULL, NULL };
  g_autofree char *xml = tess_test_load_text (path);
  JunitParse parse = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &parse, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_free (parse.current);
  return parse.passed;
}

static GHashTable *
run_tessera (const char *env_path,
             int        *exit_status)
{
  g_autofree char *junit_path = g_build_filename (peers.dir, "tessera-junit.xml", NULL);
  const char *argv[] = { g_getenv ("TESS_CLI"), "run", peers.collection_path, "--env", env_path,
                         "--reporter", "cli,junit", "--out", junit_path, NULL };
  g_auto(PeerChild) result = { 0 };
  g_autoptr(GHashTable) passed = NULL;
  g_autoptr(GRegex) line = g_regex_new ("^→ Auth parity / (.+)\\n  [A-Z]+ \\S+ \\[(\\d+) ", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer name, value;

  g_assert_nonnull (argv[0]);
  g_remove (junit_path);
  run_child (argv, &result);
  *exit_status = result.status;
  passed = read_junit (junit_path);

  g_hash_table_iter_init (&iter, passed);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      Outcome *outcome = g_new0 (Outcome, 1);

      outcome->passed = GPOINTER_TO_INT (value);
      g_hash_table_insert (outcomes, g_strdup (name), outcome);
    }
  /* The status of each request, from the cli reporter's lines. */
  for (g_regex_match (line, result.out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *item = g_match_info_fetch (match, 1);
      g_autofree char *status = g_match_info_fetch (match, 2);
      Outcome *outcome = g_hash_table_lookup (outcomes, item);

      g_assert_nonnull (outcome);
      outcome->status = atoi (status);
    }
  return outcomes;
}

/* Both runners ran every request; those named in @refused (NULL-terminated,
 * "*" for every request that carries a credential) were refused by their
 * server, the others accepted with 200. */
static void
assert_outcomes (const char         *runner,
                 GHashTable         *outcomes,
                 const char * const *refused)
{
  g_assert_cmpuint (g_hash_table_size (outcomes), ==, G_N_ELEMENTS (requests));
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      const ParityRequest *r = &requests[i];
      Outcome *outcome = g_hash_table_lookup (outcomes, r->name);
      gboolean expect_refused = g_strv_contains (refused, r->name) ||
                                (g_strv_contains (refused, "*") && r->refused != 0);

      if (outcome == NULL)
        g_error ("%s did not run ‘%s’", runner, r->name);
      if (outcome->status != (expect_refused ? r->refused : 200) || outcome->passed == expect_refused)
        g_error ("%s: ‘%s’ got %u (%s), expected %u", runner, r->name, outcome->status,
                 outcome->passed ? "passed" : "failed", expect_refused ? r->refused : 200);
    }
}

static void
check_run (const char         *env_name,
           const char * const *wrong_variables,
           const char * const *refused)
{
  g_autofree char *env_path = NULL;
  g_autoptr(GHashTable) newman = NULL;
  g_autoptr(GHashTable) tessera = NULL;
  gboolean all_accepted = refused[0] == NULL;
  int newman_status, tessera_status;

  if (peers.skip_reason != NULL)
    {
      tess_test_skip_peer ("%s", peers.skip_reason);
      return;
    }
  env_path = write_environment (env_name, wrong_variables);
  newman = run_newman (env_path, &newman_status);
  tessera = run_tessera (env_path, &tessera_status);

  assert_outcomes ("newman", newman, refused);
  assert_outcomes ("tessera-cli", tessera, refused);
  /* newman exits 1 when a test failed; tessera-cli when a request did. */
  g_assert_cmpint (newman_status, ==, all_accepted ? 0 : 1);
  g_assert_cmpint (tessera_status, ==, all_accepted ? 0 : 1);
}

static void
test_all_accepted (void)
{
  const char *none[] = { NULL };

  check_run ("right", none, none);
}

static void
test_one_password_wrong (void)
{
  const char *wrong[] = { "basicPassword", NULL };
  const char *refused[] = { "Basic", NULL };

  check_run ("basic-wrong", wrong, refused);
}

static void
test_every_credential_wrong (void)
{
  const char *all[] = { "*", NULL };

  check_run ("all-wrong", all, all);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers.variables = g_ptr_array_new_with_free_func (free_variable);
  if (start_peers ())
    {
      fill_variables ();
      peers.collection_path = write_collection ();
    }
  g_test_add_func ("/peers/newman-auth/all-accepted", test_all_accepted);
  g_test_add_func ("/peers/newman-auth/one-password-wrong", test_one_password_wrong);
  g_test_add_func ("/peers/newman-auth/every-credential-wrong", test_every_credential_wrong);
  status = g_test_run ();

  stop_peers ();
  g_ptr_array_unref (peers.variables);
  g_free (peers.skip_reason);
  g_free (peers.dir);
  g_free (peers.collection_path);
  g_free (peers.trusted_key);
  g_free (peers.other_key);
  return status;
}
