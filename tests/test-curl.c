#include "tess-curl.h"
#include "tess-error.h"
#include "tess-resolve.h"

#include <string.h>

static TessItem *
import_ok (const char *command)
{
  g_autoptr(GError) error = NULL;
  TessItem *item = tess_curl_import (command, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static void
test_import_basic (void)
{
  g_autoptr(TessItem) item = import_ok (
    "curl -X PUT 'https://api.example.com/v1/items?x=1' \\\n"
    "  -H 'Content-Type: application/json' -H \"X-Quote: it's\" \\\n"
    "  --data-raw '{\"a\": \"b c\"}' -u 'alice:s3cr:et' --compressed -s");
  TessBody *body = tess_item_get_body (item);
  TessAuth *auth = tess_item_get_auth (item);
  g_autofree char *user = tess_auth_dup (auth, "username");
  g_autofree char *password = tess_auth_dup (auth, "password");

  g_assert_cmpstr (tess_item_get_method (item), ==, "PUT");
  g_assert_cmpstr (tess_item_get_url (item), ==, "https://api.example.com/v1/items?x=1");
  g_assert_cmpuint (tess_item_get_query (item)->len, ==, 1);
  g_assert_cmpuint (tess_item_get_headers (item)->len, ==, 2);
  g_assert_cmpstr (((TessKeyValue *) tess_item_get_headers (item)->pdata[1])->value, ==, "it's");
  g_assert_cmpint (body->mode, ==, TESS_BODY_RAW);
  g_assert_cmpstr (body->raw, ==, "{\"a\": \"b c\"}");
  g_assert_cmpstr (body->language, ==, "json");
  g_assert_cmpstr (tess_auth_get_auth_type (auth), ==, "basic");
  g_assert_cmpstr (user, ==, "alice");
  g_assert_cmpstr (password, ==, "s3cr:et");
}

static void
test_import_forms (void)
{
  g_autoptr(TessItem) form = import_ok ("curl http://h/p -d a=1 -d 'b=two%20words' --data-urlencode 'c=x y'");
  g_autoptr(TessItem) multipart = import_ok ("curl --url http://h/up -F name=value -F 'file=@/tmp/x.png;type=image/png'");
  g_autoptr(TessItem) get = import_ok ("curl -G http://h/search -d q=tessera -d n=2");
  g_autoptr(TessItem) attached = import_ok ("curl -XDELETE -HAccept:text/plain --request=OPTIONS http://h/");
  TessBody *body = tess_item_get_body (form);

  g_assert_cmpstr (tess_item_get_method (form), ==, "POST");
  g_assert_cmpint (body->mode, ==, TESS_BODY_URLENCODED);
  g_assert_cmpuint (body->urlencoded->len, ==, 3);
  g_assert_cmpstr (((TessKeyValue *) body->urlencoded->pdata[1])->value, ==, "two words");
  g_assert_cmpstr (((TessKeyValue *) body->urlencoded->pdata[2])->value, ==, "x y");

  body = tess_item_get_body (multipart);
  g_assert_cmpint (body->mode, ==, TESS_BODY_FORMDATA);
  g_assert_cmpstr (((TessKeyValue *) body->formdata->pdata[1])->type, ==, "file");
  g_assert_cmpstr (((TessKeyValue *) body->formdata->pdata[1])->src, ==, "/tmp/x.png");
  g_assert_cmpstr (tess_item_get_method (multipart), ==, "POST");

  g_assert_cmpstr (tess_item_get_method (get), ==, "GET");
  g_assert_cmpstr (tess_item_get_url (get), ==, "http://h/search?q=tessera&n=2");

  g_assert_cmpstr (tess_item_get_method (attached), ==, "OPTIONS");
  g_assert_cmpstr (((TessKeyValue *) tess_item_get_headers (attached)->pdata[0])->key, ==, "Accept");
}

static void
test_import_errors (void)
{
  struct { const char *command, *expect; } cases[] = {
    { "curl -X", "option ‘-X’ needs a value" },
    { "curl --frobnicate http://h/", "unknown option ‘--frobnicate’" },
    { "curl -H 'NoColon' http://h/", "header ‘NoColon’ has no ‘:’" },
    { "curl -H 'A: b'", "the command has no URL" },
    { "curl 'http://h/", "curl: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TessItem) item = tess_curl_import (cases[i].command, &error);

      g_assert_null (item);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].expect) == NULL)
        g_error ("‘%s’: ‘%s’ lacks ‘%s’", cases[i].command, error->message, cases[i].expect);
    }
}

/* Export, then import the export: the same request. */
static void
test_export_round_trip (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "C");
  g_autoptr(TessItem) item = NULL;
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(TessPreparedRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autoptr(TessItem) back = NULL;

  item = import_ok ("curl -X POST 'http://127.0.0.1:8080/p?q=it'\\''s' -H 'X-A: 1' -H 'Content-Type: text/plain' --data-raw 'it'\\''s body'");
  tess_item_append (collection, item);
  request = tess_resolve_request (item, vars, NULL, &error);
  g_assert_no_error (error);
  command = tess_curl_export (request, item, vars);
  g_assert_cmpstr (command, ==,
                   "curl -X POST 'http://127.0.0.1:8080/p?q=it'\\''s' \\\n"
                   "  -H 'X-A: 1' \\\n"
                   "  -H 'Content-Type: text/plain' \\\n"
                   "  --data-raw 'it'\\''s body'");
  back = import_ok (command);
  g_assert_cmpstr (tess_item_get_url (back), ==, tess_item_get_url (item));
  g_assert_cmpstr (tess_item_get_body (back)->raw, ==, "it's body");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/curl/import-basic", test_import_basic);
  g_test_add_func ("/curl/import-forms", test_import_forms);
  g_test_add_func ("/curl/import-errors", test_import_errors);
  g_test_add_func ("/curl/export-round-trip", test_export_round_trip);
  return g_test_run ();
}
