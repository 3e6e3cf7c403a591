/* newman parity: a collection made with Tessera's model and written by
 * `tessera-cli export` is run by Postman's own runner (newman 6.2.2) and by
 * `tessera-cli run` against one loopback server, and both must put the same
 * requests on the wire — the ones the collection describes. */
#include <string.h>

#include "auth-peer-servers.h"
#include "peer-child.h"
#include "peer-collection.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-test-server.h"
#include "tess-test-util.h"

/* base64 ("alice:pä:ss" in UTF-8), the folder's Basic auth after variables. */
#define BASIC_ALICE "Basic YWxpY2U6cMOkOnNz"
#define BEARER "Bearer env-token"
#define FILE_CONTENTS "first line\nsecond line\n"

/* Runs @argv in @cwd with no proxy settings, so that both clients talk to
 * 127.0.0.1 directly. */
static void
run_child (const char * const *argv,
           const char         *cwd,
           const char         *workspace,
           PeerChild          *result)
{
  peer_child_run (argv, cwd, workspace, NULL, result);
  if (result->status != 0 || g_test_verbose ())
    g_test_message ("%s: status %d\nstdout:\n%s\nstderr:\n%s",
                    argv[0], result->status, result->out, result->err);
}

/* ---- the collection ------------------------------------------------------- */

/* Collection variables give base, item and a "who" that the environment
 * overrides; the environment gives who, amount, user, password and token. */
static TessItem *
build_collection (const char *base,
                  const char *upload)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Parity");
  GPtrArray *variables = tess_item_get_variables (collection);
  TessItem *request, *folder;

  peer_add_row (variables, "base", base, TRUE);
  peer_add_row (variables, "item", "widget", TRUE);
  peer_add_row (variables, "who", "collection-who", TRUE);
  peer_set_auth (collection, "bearer", "token", "{{token}}", NULL);

  /* A duplicate key, variables in values (one with a space), a key without
   * a value, an empty value and a disabled row. */
  request = peer_add_request (collection, "Query", "GET", "{{base}}/get?a=1&b={{item}}&a=2&w={{who}}&flag&e=");
  peer_add_row (tess_item_get_query (request), "off", "3", FALSE);
  tess_item_query_changed (request);

  {
    g_autoptr(TessBody) body = tess_body_new ();

    request = peer_add_request (collection, "JSON", "POST", "{{base}}/json");
    body->mode = TESS_BODY_RAW;
    body->raw = g_strdup ("{\"who\": \"{{who}}\", \"amount\": {{amount}}, \"item\": \"{{item}}\", \"note\": \"zoë\"}");
    body->language = g_strdup ("json");
    tess_item_set_body (request, body);
  }
  {
    g_autoptr(TessBody) body = tess_body_new ();

    request = peer_add_request (collection, "Urlencoded", "POST", "{{base}}/form");
    body->mode = TESS_BODY_URLENCODED;
    peer_add_row (body->urlencoded, "name", "{{item}}", TRUE);
    peer_add_row (body->urlencoded, "qty", "{{amount}}", TRUE);
    peer_add_row (body->urlencoded, "skip", "1", FALSE);
    peer_add_row (body->urlencoded, "tag", "a b&c=d*~'!", TRUE);
    tess_item_set_body (request, body);
  }
  {
    g_autoptr(TessBody) body = tess_body_new ();
    TessKeyValue *kv;

    request = peer_add_request (collection, "Multipart", "POST", "{{base}}/multipart");
    body->mode = TESS_BODY_FORMDATA;
    peer_add_row (body->formdata, "note", "hello {{who}}", TRUE)->type = g_strdup ("text");
    kv = peer_add_row (body->formdata, "upload", NULL, TRUE);
    kv->type = g_strdup ("file");
    kv->src = g_strdup (upload);
    peer_add_row (body->formdata, "off", "x", FALSE)->type = g_strdup ("text");
    tess_item_set_body (request, body);
  }

  request = peer_add_request (collection, "Headers", "GET", "{{base}}/headers");
  peer_add_row (tess_item_get_headers (request), "X-Item", "{{item}}", TRUE);
  peer_add_row (tess_item_get_headers (request), "X-Off", "no", FALSE);
  peer_add_row (tess_item_get_headers (request), "X-Who", "{{who}}", TRUE);
  peer_add_row (tess_item_get_headers (request), "X-Dup", "1", TRUE);
  peer_add_row (tess_item_get_headers (request), "X-Dup", "2", TRUE);
  peer_add_row (tess_item_get_headers (request), "X-Empty", "", TRUE);

  request = peer_add_request (collection, "API key", "GET", "{{base}}/key?z=1");
  peer_set_auth (request, "apikey", "key", "api key", "value", "v&{{item}}", "in", "query", NULL);

  folder = peer_add_item (collection, TESS_ITEM_FOLDER, "Private");
  peer_set_auth (folder, "basic", "username", "{{user}}", "password", "{{password}}", NULL);
  peer_add_request (folder, "Inherits", "GET", "{{base}}/basic");
  request = peer_add_request (folder, "Open", "GET", "{{base}}/open");
  peer_set_auth (request, "noauth", NULL);

  request = peer_add_request (collection, "Redirect", "GET", "{{base}}/redirect");
  {
    g_autoptr(JsonObject) behaviour = json_object_new ();

    json_object_set_boolean_member (behaviour, "followRedirects", FALSE);
    json_object_set_object_member (tess_item_get_extra (request), "protocolProfileBehavior",
                                   json_object_ref (behaviour));
  }
  return g_steal_pointer (&collection);
}

/* No disabled rows here: newman 6.2.2 uses an environment value with
 * "enabled": false anyway (postmanlabs/newman#2986), where the Postman app
 * and Tessera skip it. */
static const char environment_json[] =
  "{\"name\": \"Parity env\", \"_postman_variable_scope\": \"environment\", \"values\": ["
  " {\"key\": \"who\", \"value\": \"env who\", \"type\": \"default\", \"enabled\": true},"
  " {\"key\": \"amount\", \"value\": \"42\", \"type\": \"default\", \"enabled\": true},"
  " {\"key\": \"user\", \"value\": \"alice\", \"type\": \"default\", \"enabled\": true},"
  " {\"key\": \"password\", \"value\": \"pä:ss\", \"type\": \"secret\", \"enabled\": true},"
  " {\"key\": \"token\", \"value\": \"env-token\", \"type\": \"default\", \"enabled\": true}]}";

/* ---- what must arrive ----------------------------------------------------- */

typedef struct {
  const char *name;
  const char *filename;   /* NULL for a text part */
  const char *contents;
} ExpectedPart;

typedef struct {
  const char *item;
  const char *method;
  const char *path;
  const char *query;          /* NULL: no query */
  const char *authorization;  /* NULL: no Authorization header */
  const char *content_type;   /* main type, NULL: no Content-Type */
  const char *body;           /* exact body; NULL: multipart, checked by parts */
  const char *headers[11];    /* name, value pairs: every value of each name, in order */
} Expected;

static const ExpectedPart multipart_parts[] = {
  { "note", NULL, "hello env who" },
  { "upload", "upload.txt", FILE_CONTENTS },
};

static const Expected expected_requests[] = {
  { "Query", "GET", "/get", "a=1&b=widget&a=2&w=env%20who&flag&e=", BEARER, NULL, "" },
  { "JSON", "POST", "/json", NULL, BEARER, "application/json",
    "{\"who\": \"env who\", \"amount\": 42, \"item\": \"widget\", \"note\": \"zoë\"}" },
  { "Urlencoded", "POST", "/form", NULL, BEARER, "application/x-www-form-urlencoded",
    "name=widget&qty=42&tag=a%20b%26c%3Dd%2A~%27%21" },
  { "Multipart", "POST", "/multipart", NULL, BEARER, "multipart/form-data", NULL },
  { "Headers", "GET", "/headers", NULL, BEARER, NULL, "",
    { "X-Item", "widget", "X-Who", "env who", "X-Dup", "1", "X-Dup", "2", "X-Empty", "", NULL } },
  { "API key", "GET", "/key", "z=1&api%20key=v%26widget", NULL, NULL, "" },
  { "Private / Inherits", "GET", "/basic", NULL, BASIC_ALICE, NULL, "" },
  { "Private / Open", "GET", "/open", NULL, NULL, NULL, "" },
  /* followRedirects false: /target is never asked for. */
  { "Redirect", "GET", "/redirect", NULL, BEARER, NULL, "" },
};

static char *
main_type (const char *content_type)
{
  const char *semicolon;

  if (content_type == NULL)
    return NULL;
  semicolon = strchr (content_type, ';');
  return g_strstrip (semicolon ? g_strndup (content_type, semicolon - content_type)
                               : g_strdup (content_type));
}

static void
assert_multipart (const TessTestRequest *request,
                  const char            *client)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(SoupMultipart) multipart = NULL;

  soup_message_headers_append (headers, "Content-Type", tess_test_request_get_header (request, "Content-Type"));
  multipart = soup_multipart_new_from_message (headers, request->body);
  if (multipart == NULL)
    g_error ("%s: the multipart body does not parse", client);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, G_N_ELEMENTS (multipart_parts));

  for (guint i = 0; i < G_N_ELEMENTS (multipart_parts); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *contents = NULL;

      g_assert_true (soup_multipart_get_part (multipart, i, &part_headers, &part_body));
      g_assert_true (soup_message_headers_get_content_disposition (part_headers, &disposition, &params));
      g_assert_cmpstr (disposition, ==, "form-data");
      g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, multipart_parts[i].name);
      g_assert_cmpstr (g_hash_table_lookup (params, "filename"), ==, multipart_parts[i].filename);
      contents = g_strndup (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body));
      g_assert_cmpstr (contents, ==, multipart_parts[i].contents);
      /* A text part has no type of its own. A file part's type is each
       * client's guess: newman looks the extension up (text/plain for .txt),
       * Tessera sends application/octet-stream; neither is checked. */
      if (multipart_parts[i].filename == NULL)
        g_assert_null (soup_message_headers_get_one (part_headers, "Content-Type"));
    }
}

/* What @client put on the wire for @expected. */
static void
assert_request (const TessTestRequest *request,
                const Expected        *expected,
                const char            *client)
{
  g_autofree char *content_type = main_type (tess_test_request_get_header (request, "Content-Type"));

  g_test_message ("%s: %s %s%s%s", client, request->method, request->path,
                  request->query ? "?" : "", request->query ? request->query : "");
  g_assert_cmpstr (request->method, ==, expected->method);
  g_assert_cmpstr (request->path, ==, expected->path);
  g_assert_cmpstr (request->query, ==, expected->query);
  g_assert_cmpstr (tess_test_request_get_header (request, "Authorization"), ==, expected->authorization);
  g_assert_cmpstr (content_type, ==, expected->content_type);
  for (guint i = 0; expected->headers[i] != NULL; i += 2)
    {
      g_auto(GStrv) values = tess_test_request_dup_header_values (request, expected->headers[i]);
      g_autofree char *got = g_strjoinv ("\n", values);
      g_autoptr(GString) want = g_string_new (NULL);

      for (guint j = 0; expected->headers[j] != NULL; j += 2)
        if (g_ascii_strcasecmp (expected->headers[j], expected->headers[i]) == 0)
          g_string_append_printf (want, "%s%s", want->len ? "\n" : "", expected->headers[j + 1]);
      g_assert_cmpstr (got, ==, want->str);
    }
  g_assert_null (tess_test_request_get_header (request, "X-Off"));

  if (expected->body != NULL)
    {
      g_autofree char *body = g_strndup (g_bytes_get_data (request->body, NULL),
                                         g_bytes_get_size (request->body));
      g_assert_cmpstr (body, ==, expected->body);
    }
  else
    assert_multipart (request, client);
}

/* Headers each client sets on its own, which may differ:
 * - User-Agent: newman names itself ("PostmanRuntime/…"), Tessera sends none;
 * - Postman-Token: a fresh UUID per request from Postman's runtime;
 * - Accept, Accept-Encoding, Connection, Cache-Control: client defaults
 *   (newman sends any type, gzip/deflate/br, keep-alive and no-cache;
 *   libsoup sends "Connection: Keep-Alive" and nothing else);
 * - Content-Type and Content-Length of multipart bodies: the boundary is
 *   random, so the length follows it; the main type is compared.
 * Everything else must be the same, name and value, as often. */
static gboolean
header_is_client_specific (const char *name,
                           gboolean    multipart)
{
  const char *ignored[] = { "User-Agent", "Postman-Token", "Accept", "Accept-Encoding",
                            "Connection", "Cache-Control" };

  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    if (g_ascii_strcasecmp (name, ignored[i]) == 0)
      return TRUE;
  return multipart && (g_ascii_strcasecmp (name, "Content-Type") == 0 ||
                       g_ascii_strcasecmp (name, "Content-Length") == 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "name: value" lines, names lowercased, sorted: order is each client's own. */
static char *
comparable_headers (const TessTestRequest *request,
                    gboolean               multipart)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < request->headers->len; i++)
    {
      TessTestHeader *header = g_ptr_array_index (request->headers, i);
      g_autofree char *name = g_ascii_strdown (header->name, -1);

      if (!header_is_client_specific (name, multipart))
        g_ptr_array_add (lines, g_strdup_printf ("%s: %s", name, header->value));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static void
assert_same_request (const TessTestRequest *newman,
                     const TessTestRequest *tessera,
                     const Expected        *expected)
{
  gboolean multipart = expected->body == NULL;
  g_autofree char *newman_type = main_type (tess_test_request_get_header (newman, "Content-Type"));
  g_autofree char *tessera_type = main_type (tess_test_request_get_header (tessera, "Content-Type"));
  g_autofree char *newman_headers = comparable_headers (newman, multipart);
  g_autofree char *tessera_headers = comparable_headers (tessera, multipart);

  if (g_test_verbose ())
    g_test_message ("%s\nnewman:\n%stessera-cli:\n%s", expected->item, newman_headers, tessera_headers);
  g_assert_cmpstr (tessera->method, ==, newman->method);
  g_assert_cmpstr (tessera->path, ==, newman->path);
  g_assert_cmpstr (tessera->query, ==, newman->query);
  g_assert_cmpstr (tess_test_request_get_header (tessera, "Authorization"), ==,
                   tess_test_request_get_header (newman, "Authorization"));
  g_assert_cmpstr (tessera_type, ==, newman_type);
  g_assert_cmpstr (tessera_headers, ==, newman_headers);
  if (!multipart)
    g_assert_true (g_bytes_equal (tessera->body, newman->body));
}

/* ---- the test ------------------------------------------------------------- */

static void
json_assert_has (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("the export lacks %s:\n%s", needle, text);
}

static GPtrArray *
take_requests (TessTestServer *server,
               guint           from)
{
  g_autoptr(GPtrArray) all = tess_test_server_dup_requests (server);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_test_request_free);

  for (guint i = from; i < all->len; i++)
    g_ptr_array_add (out, tess_test_request_copy (g_ptr_array_index (all, i)));
  return out;
}

static void
test_newman_parity (void)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *newman = NULL;
  g_autofree char *skip_reason = NULL;
  g_autoptr(TessTestServer) server = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *base = NULL;
  g_autofree char *redirect_target = NULL;
  g_autofree char *upload = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *env = NULL;
  g_autofree char *export_text = NULL;
  g_autofree char *validator = NULL;
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) newman_requests = NULL;
  g_autoptr(GPtrArray) tessera_requests = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(PeerChild) export = { 0 };
  g_auto(PeerChild) valid = { 0 };
  g_auto(PeerChild) newman_run = { 0 };
  g_auto(PeerChild) tessera_run = { 0 };
  const char *paths[] = { "/get", "/json", "/form", "/multipart", "/headers", "/key", "/basic", "/open",
                          "/target" };
  const char *cli = g_getenv ("TESS_CLI");
  guint n_expected = G_N_ELEMENTS (expected_requests);

  g_assert_nonnull (cli);
  if (!auth_peer_have_node_package ("newman", &skip_reason))
    {
      tess_test_skip_peer ("%s", skip_reason);
      return;
    }
  newman = g_build_filename (g_getenv ("TESS_NODE_MODULES"), "newman", "bin", "newman.js", NULL);

  server = tess_test_server_new ();
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    tess_test_server_add_response (server, paths[i], 200, "text/plain", g_bytes_new_static ("ok", 2), NULL);
  redirect_target = tess_test_server_dup_url (server, "/target");
  tess_test_server_add_redirect (server, "/redirect", 302, redirect_target);

  dir = tess_test_make_tmpdir ();
  workspace = g_build_filename (dir, "workspace", NULL);
  upload = auth_peer_write_file (dir, "upload.txt", FILE_CONTENTS);
  draft = g_build_filename (dir, "draft.json", NULL);
  exported = g_build_filename (dir, "parity.postman_collection.json", NULL);
  env = auth_peer_write_file (dir, "parity.postman_environment.json", environment_json);

  /* Made with the model, then written by the CLI as a person would export it. */
  base = tess_test_server_dup_url (server, "");
  collection = build_collection (base, upload);
  root = tess_postman_collection_to_json (collection);
  tess_json_file_save (draft, root, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { cli, "export", draft, "--out", exported, NULL };
    run_child (argv, dir, workspace, &export);
  }
  g_assert_cmpint (export.status, ==, 0);

  /* The rows newman must leave out are in the file, not dropped on export. */
  g_file_get_contents (exported, &export_text, NULL, &error);
  g_assert_no_error (error);
  json_assert_has (export_text, "\"disabled\" : true");
  json_assert_has (export_text, "\"key\" : \"X-Off\"");
  json_assert_has (export_text, "\"key\" : \"off\"");
  json_assert_has (export_text, "\"key\" : \"skip\"");
  json_assert_has (export_text, "\"type\" : \"noauth\"");
  json_assert_has (export_text, "\"followRedirects\" : false");

  validator = g_build_filename (tess_test_source_dir (), "peers", "validate-postman.js", NULL);
  {
    const char *argv[] = { node, validator, exported, NULL };
    run_child (argv, dir, workspace, &valid);
  }
  g_assert_cmpint (valid.status, ==, 0);

  {
    const char *argv[] = { node, newman, "run", exported, "-e", env, "--reporters", "cli",
                           "--timeout-request", "10000", "--color", "off", NULL };
    run_child (argv, dir, workspace, &newman_run);
  }
  g_assert_cmpint (newman_run.status, ==, 0);
  newman_requests = take_requests (server, 0);
  g_assert_cmpuint (newman_requests->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    assert_request (g_ptr_array_index (newman_requests, i), &expected_requests[i], "newman");

  {
    const char *argv[] = { cli, "run", exported, "--env", env, "--timeout", "10000", NULL };
    run_child (argv, dir, workspace, &tessera_run);
  }
  g_assert_cmpint (tessera_run.status, ==, 0);
  tessera_requests = take_requests (server, n_expected);
  g_assert_cmpuint (tessera_requests->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      assert_request (g_ptr_array_index (tessera_requests, i), &expected_requests[i], "tessera-cli");
      assert_same_request (g_ptr_array_index (newman_requests, i),
                           g_ptr_array_index (tessera_requests, i), &expected_requests[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/newman/parity", test_newman_parity);
  return g_test_run ();
}
