#include "tess-auth-scheme.h"
#include "tess-error.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-resolve.h"
#include "tess-test-util.h"

#include <string.h>

static TessItem *
load (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tess_json_parse_text (json, -1, "test", &error);
  TessItem *collection;

  g_assert_no_error (error);
  collection = tess_postman_collection_from_json (root, &error);
  g_assert_no_error (error);
  return collection;
}

static const char *collection_json =
  "{\"info\":{\"name\":\"Shop\"},"
  " \"variable\":[{\"key\":\"host\",\"value\":\"collection.example\"},{\"key\":\"who\",\"value\":\"coll\"}],"
  " \"auth\":{\"type\":\"bearer\",\"bearer\":[{\"key\":\"token\",\"value\":\"{{token}}\"}]},"
  " \"item\":[{\"name\":\"Admin\",\"auth\":{\"type\":\"noauth\"},\"item\":["
  "     {\"name\":\"Open\",\"request\":{\"method\":\"GET\",\"url\":\"http://{{host}}/open\"}}]},"
  "   {\"name\":\"Orders\",\"item\":["
  "     {\"name\":\"List\",\"request\":{\"method\":\"{{verb}}\",\"url\":{\"raw\":\"http://{{host}}/orders?who={{who}}&off=1\","
  "        \"query\":[{\"key\":\"who\",\"value\":\"{{who}}\"},{\"key\":\"off\",\"value\":\"1\",\"disabled\":true},{\"key\":\"dup\",\"value\":\"a\"},{\"key\":\"dup\",\"value\":\"b\"}]},"
  "        \"header\":[{\"key\":\"Authorization\",\"value\":\"manual\"},{\"key\":\"X-Who\",\"value\":\"{{who}}\"},"
  "                    {\"key\":\"X-Off\",\"value\":\"x\",\"disabled\":true},{\"key\":\"X-Missing\",\"value\":\"{{nope}}\"}]}},"
  "     {\"name\":\"Create\",\"request\":{\"method\":\"POST\",\"url\":\"http://{{host}}/orders\","
  "        \"body\":{\"mode\":\"raw\",\"raw\":\"{\\\"who\\\":\\\"{{who}}\\\"}\",\"options\":{\"raw\":{\"language\":\"json\"}}}}},"
  "     {\"name\":\"Form\",\"request\":{\"method\":\"POST\",\"url\":\"http://{{host}}/form\","
  "        \"body\":{\"mode\":\"urlencoded\",\"urlencoded\":[{\"key\":\"a b\",\"value\":\"{{who}}&1\"},{\"key\":\"off\",\"value\":\"x\",\"disabled\":true}]}}},"
  "     {\"name\":\"Graph\",\"request\":{\"method\":\"POST\",\"url\":\"http://{{host}}/gql\","
  "        \"body\":{\"mode\":\"graphql\",\"graphql\":{\"query\":\"{ me { id } }\",\"variables\":\"{\\\"n\\\": 1}\"}}}},"
  "     {\"name\":\"Own\",\"request\":{\"method\":\"GET\",\"url\":\"http://{{host}}/own\","
  "        \"auth\":{\"type\":\"apikey\",\"apikey\":[{\"key\":\"key\",\"value\":\"X-Key\"},{\"key\":\"value\",\"value\":\"k\"}]}}}"
  "   ]}]}";

static TessVariables *
make_vars (void)
{
  TessVariables *vars = tess_variables_new ();

  tess_variables_set (vars, TESS_SCOPE_GLOBAL, "who", "global");
  tess_variables_set (vars, TESS_SCOPE_GLOBAL, "verb", "PATCH");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "who", "env");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "token", "t0k");
  return vars;
}

static void
test_variables_and_lists (void)
{
  g_autoptr(TessItem) collection = load (collection_json);
  g_autoptr(TessVariables) vars = make_vars ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autofree char *uri = NULL;

  tess_variables_set (vars, TESS_SCOPE_LOCAL, "who", "local");
  req = tess_resolve_request (tess_item_find (collection, "Orders/List"), vars, &ctx, &error);
  if (tess_auth_scheme_lookup ("bearer") == NULL)
    {
      /* The bearer scheme is not registered in this build: the error says so. */
      g_assert_null (req);
      g_assert_nonnull (strstr (error->message, "bearer"));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (req->method, ==, "PATCH");
  uri = tess_prepared_request_dup_uri (req);
  g_assert_cmpstr (uri, ==, "http://collection.example/orders?who=local&dup=a&dup=b");
  g_assert_cmpstr (tess_prepared_request_get_header (req, "X-Who"), ==, "local");
  g_assert_null (tess_prepared_request_get_header (req, "X-Off"));
  /* Unknown names stay as written and are reported. */
  g_assert_cmpstr (tess_prepared_request_get_header (req, "X-Missing"), ==, "{{nope}}");
  g_assert_cmpuint (req->unresolved->len, ==, 1);
  g_assert_cmpstr (req->unresolved->pdata[0], ==, "nope");
  /* The inherited bearer auth overrides the manual header, and says where it came from. */
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==, "Bearer t0k");
  g_assert_cmpstr (req->auth_type, ==, "bearer");
  g_assert_cmpstr (req->auth_origin, ==, "collection ‘Shop’");
  {
    gboolean found = FALSE;
    for (guint i = 0; i < req->headers->len; i++)
      {
        TessParam *p = req->headers->pdata[i];
        if (p->origin == TESS_ORIGIN_AUTH)
          {
            found = TRUE;
            g_assert_nonnull (strstr (p->origin_label, "from collection ‘Shop’"));
          }
      }
    g_assert_true (found);
  }
}

static void
test_noauth_stops_inheritance (void)
{
  g_autoptr(TessItem) collection = load (collection_json);
  g_autoptr(TessVariables) vars = make_vars ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;

  req = tess_resolve_request (tess_item_find (collection, "Admin/Open"), vars, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tess_prepared_request_get_header (req, "Authorization"));
  g_assert_null (req->auth_type);
}

static void
test_bodies (void)
{
  g_autoptr(TessItem) collection = load (collection_json);
  g_autoptr(TessVariables) vars = make_vars ();
  g_autoptr(GError) error = NULL;

  if (tess_auth_scheme_lookup ("bearer") == NULL)
    {
      g_test_skip ("bearer scheme not registered");
      return;
    }
  {
    g_autoptr(TessPreparedRequest) req = tess_resolve_request (tess_item_find (collection, "Create"), vars, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_bytes_get_data (req->body, NULL), ==, "{\"who\":\"env\"}");
    g_assert_cmpstr (tess_prepared_request_get_header (req, "Content-Type"), ==, "application/json");
  }
  {
    g_autoptr(TessPreparedRequest) req = tess_resolve_request (tess_item_find (collection, "Form"), vars, NULL, &error);
    g_autofree char *body = NULL;
    g_assert_no_error (error);
    body = g_strndup (g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body));
    g_assert_cmpstr (body, ==, "a%20b=env%261");
    g_assert_cmpstr (tess_prepared_request_get_header (req, "Content-Type"), ==, "application/x-www-form-urlencoded");
  }
  {
    g_autoptr(TessPreparedRequest) req = tess_resolve_request (tess_item_find (collection, "Graph"), vars, NULL, &error);
    g_autofree char *body = NULL;
    g_assert_no_error (error);
    body = g_strndup (g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body));
    g_assert_cmpstr (body, ==, "{\"query\":\"{ me { id } }\",\"variables\":{\"n\":1}}");
  }
}

static void
test_formdata_file (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "up.txt", NULL);
  g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, "Upload");
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "C");
  g_autoptr(TessBody) body = tess_body_new ();
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TessKeyValue *kv;

  g_assert_true (g_file_set_contents (path, "file-content", -1, NULL));
  body->mode = TESS_BODY_FORMDATA;
  tess_kv_list_add (body->formdata, "field", "{{v}}")->type = g_strdup ("text");
  kv = tess_kv_list_add (body->formdata, "upload", NULL);
  kv->type = g_strdup ("file");
  kv->src = g_strdup (path);
  tess_item_set_body (request, body);
  tess_item_set_method (request, "POST");
  tess_item_set_url (request, "http://127.0.0.1/up");
  tess_item_append (collection, request);
  tess_variables_set (vars, TESS_SCOPE_LOCAL, "v", "value");

  req = tess_resolve_request (request, vars, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body));
  g_assert_nonnull (strstr (text, "name=\"field\"\r\n\r\nvalue\r\n"));
  g_assert_nonnull (strstr (text, "filename=\"up.txt\""));
  g_assert_nonnull (strstr (text, "file-content"));
  g_assert_true (g_str_has_prefix (tess_prepared_request_get_header (req, "Content-Type"), "multipart/form-data; boundary="));

  /* A missing file is an error naming the field. */
  g_free (kv->src);
  kv->src = g_build_filename (dir, "missing.bin", NULL);
  {
    g_autoptr(TessPreparedRequest) again = NULL;
    g_autoptr(GError) missing = NULL;

    tess_item_set_body (request, body);
    again = tess_resolve_request (request, vars, NULL, &missing);
    g_assert_null (again);
    g_assert_nonnull (strstr (missing->message, "form-data field ‘upload’"));
    g_assert_nonnull (strstr (missing->message, "request ‘C / Upload’"));
  }
}

static void
test_cycle_and_unknown_auth (void)
{
  g_autoptr(TessItem) collection = load (
    "{\"info\":{\"name\":\"C\"},\"item\":["
    "{\"name\":\"Loop\",\"request\":{\"url\":\"http://h/{{a}}\"}},"
    "{\"name\":\"Odd\",\"request\":{\"url\":\"http://h/\",\"auth\":{\"type\":\"martian\"}}}]}");
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;

  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "a", "{{b}}");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "b", "{{a}}");
  req = tess_resolve_request (tess_item_find (collection, "Loop"), vars, NULL, &error);
  g_assert_null (req);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_VARIABLE);
  g_assert_nonnull (strstr (error->message, "request ‘C / Loop’"));
  g_clear_error (&error);

  req = tess_resolve_request (tess_item_find (collection, "Odd"), vars, NULL, &error);
  g_assert_null (req);
  g_assert_nonnull (strstr (error->message, "auth type ‘martian’"));
}

static void
test_protocol_behaviour (void)
{
  g_autoptr(TessItem) collection = load (
    "{\"info\":{\"name\":\"C\"},\"protocolProfileBehavior\":{\"strictSSL\":false},\"item\":["
    "{\"name\":\"R\",\"protocolProfileBehavior\":{\"followRedirects\":false,\"maxRedirects\":3},"
    " \"request\":{\"url\":\"https://h/\"}}]}");
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TessPreparedRequest) req = tess_resolve_request (tess_item_find (collection, "R"), vars, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (req->verify_tls, ==, 0);
  g_assert_cmpint (req->follow_redirects, ==, 0);
  g_assert_cmpint (req->max_redirects, ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/resolve/variables-and-lists", test_variables_and_lists);
  g_test_add_func ("/resolve/noauth-stops-inheritance", test_noauth_stops_inheritance);
  g_test_add_func ("/resolve/bodies", test_bodies);
  g_test_add_func ("/resolve/formdata-file", test_formdata_file);
  g_test_add_func ("/resolve/cycle-and-unknown-auth", test_cycle_and_unknown_auth);
  g_test_add_func ("/resolve/protocol-behaviour", test_protocol_behaviour);
  return g_test_run ();
}
