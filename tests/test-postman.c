#include "tess-error.h"
#include "tess-json-diff.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-test-util.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = tess_json_parse_text (text, -1, "test", &error);

  g_assert_no_error (error);
  return node;
}

/* Import → export → the same JSON, for one example file. */
static void
test_round_trip (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) original = tess_json_file_load (path, &error);
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autofree char *difference = NULL;
  JsonObject *info_in, *info_out;

  g_assert_no_error (error);
  collection = tess_postman_collection_from_json (original, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  exported = tess_postman_collection_to_json (collection);

  /* And a second pass is stable. */
  {
    g_autoptr(TessItem) again = tess_postman_collection_from_json (exported, &error);
    g_autoptr(JsonNode) exported_again = NULL;
    g_autofree char *second = NULL;

    g_assert_no_error (error);
    exported_again = tess_postman_collection_to_json (again);
    second = tess_json_first_difference (exported, exported_again);
    if (second != NULL)
      g_test_message ("%s: second pass differs at %s", path, second);
    g_assert_null (second);
  }

  /* A v2.0 file is exported as v2.1: the schema URL is the one allowed change. */
  info_in = json_object_get_object_member (json_node_get_object (original), "info");
  info_out = json_object_get_object_member (json_node_get_object (exported), "info");
  if (g_strrstr (json_object_get_string_member (info_in, "schema"), "v2.0") != NULL)
    {
      g_assert_nonnull (g_strrstr (json_object_get_string_member (info_out, "schema"), "v2.1.0"));
      json_object_set_string_member (info_out, "schema", json_object_get_string_member (info_in, "schema"));
    }

  /* Compare with a fresh parse: importing and exporting must not have changed the input. */
  {
    g_autoptr(JsonNode) untouched = tess_json_file_load (path, &error);
    g_autofree char *changed = NULL;

    g_assert_no_error (error);
    changed = tess_json_first_difference (untouched, original);
    if (changed != NULL)
      g_test_message ("%s: the import changed its input at %s", path, changed);
    g_assert_null (changed);
  }

  difference = tess_json_first_difference (original, exported);
  if (difference != NULL)
    g_test_message ("%s: first difference at %s", path, difference);
  g_assert_null (difference);

}

static void
test_lossless_unknowns (void)
{
  g_autoptr(JsonNode) root = parse (
    "{\"info\":{\"name\":\"C\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\",\"x-info\":1},"
    " \"x-top\":{\"a\":[1,2]},"
    " \"event\":[{\"listen\":\"test\",\"script\":{\"exec\":[\"pm.test()\"]}}],"
    " \"item\":[{\"name\":\"R\",\"protocolProfileBehavior\":{\"followRedirects\":false},"
    "   \"response\":[{\"name\":\"ex\",\"code\":200}],"
    "   \"request\":{\"method\":\"PURGE\",\"x-req\":true,"
    "     \"header\":[{\"key\":\"A\",\"value\":\"1\"},{\"key\":\"A\",\"value\":\"2\",\"disabled\":true,\"description\":\"d\"}],"
    "     \"url\":{\"raw\":\"https://h/p?a=1&a=2\",\"host\":[\"h\"],\"path\":[\"p\"],\"variable\":[{\"key\":\"v\"}],"
    "       \"query\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"a\",\"value\":\"2\"},{\"key\":\"off\",\"value\":\"x\",\"disabled\":true}]},"
    "     \"auth\":{\"type\":\"oauth2\",\"oauth2\":[{\"key\":\"tokenRequestParams\",\"value\":[],\"type\":\"any\"},"
    "                 {\"key\":\"useBrowser\",\"value\":true,\"type\":\"boolean\"},{\"key\":\"accessToken\",\"value\":\"t\",\"type\":\"string\"}],"
    "               \"basic\":[{\"key\":\"username\",\"value\":\"kept\"}]}}}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TessItem) collection = tess_postman_collection_from_json (root, &error);
  g_autoptr(JsonNode) exported = NULL;
  g_autofree char *difference = NULL;
  TessItem *request;
  TessAuth *auth;
  g_autofree char *use_browser = NULL;
  g_autofree char *params = NULL;

  g_assert_no_error (error);
  request = tess_item_find (collection, "R");
  g_assert_nonnull (request);
  g_assert_cmpstr (tess_item_get_method (request), ==, "PURGE");
  g_assert_cmpuint (tess_item_get_headers (request)->len, ==, 2);
  g_assert_cmpuint (tess_item_get_query (request)->len, ==, 3);
  g_assert_false (((TessKeyValue *) tess_item_get_query (request)->pdata[2])->enabled);

  auth = tess_item_get_auth (request);
  use_browser = tess_auth_dup (auth, "useBrowser");
  params = tess_auth_dup (auth, "tokenRequestParams");
  g_assert_cmpstr (use_browser, ==, "true");
  g_assert_cmpstr (params, ==, "[]");

  exported = tess_postman_collection_to_json (collection);
  difference = tess_json_first_difference (root, exported);
  g_assert_null (difference);
}

static void
test_url_query_sync (void)
{
  g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, "r");
  GPtrArray *query;
  TessKeyValue *kv;

  tess_item_set_url (request, "http://h/p?a=1&b&a=3#top");
  query = tess_item_get_query (request);
  g_assert_cmpuint (query->len, ==, 3);
  g_assert_cmpstr (((TessKeyValue *) query->pdata[0])->key, ==, "a");
  g_assert_null (((TessKeyValue *) query->pdata[1])->value);
  g_assert_cmpstr (((TessKeyValue *) query->pdata[2])->value, ==, "3");

  /* Disabling a param drops it from the URL but keeps the row. */
  ((TessKeyValue *) query->pdata[0])->enabled = FALSE;
  kv = tess_kv_list_add (query, "c", "{{x}}");
  (void) kv;
  tess_item_query_changed (request);
  g_assert_cmpstr (tess_item_get_url (request), ==, "http://h/p?b&a=3&c={{x}}#top");

  /* Editing the URL keeps the disabled row. */
  tess_item_set_url (request, "http://h/p?z=9");
  g_assert_cmpuint (query->len, ==, 2);
  g_assert_cmpstr (((TessKeyValue *) query->pdata[0])->key, ==, "z");
  g_assert_false (((TessKeyValue *) query->pdata[1])->enabled);
}

static void
test_v20_shapes (void)
{
  g_autoptr(JsonNode) root = parse (
    "{\"info\":{\"name\":\"Old\",\"schema\":\"https://schema.getpostman.com/json/collection/v2.0.0/collection.json\"},"
    " \"auth\":{\"type\":\"basic\",\"basic\":{\"username\":\"u\",\"password\":\"p\"}},"
    " \"item\":[{\"name\":\"R\",\"request\":{\"url\":\"http://h/\",\"method\":\"GET\",\"header\":\"X-A: 1\\n//X-B: 2\"}}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TessItem) collection = tess_postman_collection_from_json (root, &error);
  g_autoptr(JsonNode) exported = NULL;
  g_autofree char *user = NULL;
  JsonObject *auth;
  JsonArray *headers;
  TessItem *request;

  g_assert_no_error (error);
  user = tess_auth_dup (tess_item_get_auth (collection), "username");
  g_assert_cmpstr (user, ==, "u");
  request = tess_item_find (collection, "R");
  g_assert_cmpuint (tess_item_get_headers (request)->len, ==, 2);
  g_assert_false (((TessKeyValue *) tess_item_get_headers (request)->pdata[1])->enabled);

  exported = tess_postman_collection_to_json (collection);
  auth = json_object_get_object_member (json_node_get_object (exported), "auth");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (auth, "basic")));
  headers = json_object_get_array_member (
    json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (json_node_get_object (exported), "item"), 0),
      "request"),
    "header");
  g_assert_cmpuint (json_array_get_length (headers), ==, 2);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (headers, 1), "disabled"));
  g_assert_nonnull (g_strrstr (json_object_get_string_member (
    json_object_get_object_member (json_node_get_object (exported), "info"), "schema"), "v2.1.0"));
}

static void
test_errors_name_place (void)
{
  struct { const char *json, *expect; } cases[] = {
    { "[1]", "must hold a JSON object" },
    { "{\"info\":{\"name\":\"C\"},\"item\":{}}", "‘C’: ‘item’ must be an array" },
    { "{\"info\":{\"name\":\"C\"},\"item\":[{\"name\":\"F\",\"item\":[{\"name\":\"R\",\"request\":5}]}]}",
      "item ‘C / F / R’: ‘request’ must be an object" },
    { "{\"info\":{\"name\":\"C\"},\"item\":[{\"name\":\"R\",\"request\":{\"url\":[1]}}]}",
      "item ‘C / R’: ‘url’ must be a string or an object" },
    { "{\"info\":{\"name\":\"C\"},\"item\":[{\"name\":\"R\",\"auth\":{\"basic\":[]},\"request\":{}}]}",
      "item ‘C / R’: auth has no ‘type’" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(TessItem) collection = tess_postman_collection_from_json (root, &error);

      g_assert_null (collection);
      g_assert_error (error, TESS_ERROR, TESS_ERROR_INVALID);
      if (g_strstr_len (error->message, -1, cases[i].expect) == NULL)
        g_error ("case %u: ‘%s’ does not contain ‘%s’", i, error->message, cases[i].expect);
    }
}

static void
test_new_collection_export (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "New");
  g_autoptr(TessItem) folder = tess_item_new (TESS_ITEM_FOLDER, "F");
  g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, "R");
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(TessItem) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessAuth) auth = tess_auth_new ("bearer");
  TessItem *found;

  tess_item_append (collection, folder);
  tess_item_append (folder, request);
  tess_item_set_method (request, "POST");
  tess_item_set_url (request, "https://api.example.com/v1/things?limit=5");
  tess_kv_list_add (tess_item_get_headers (request), "Accept", "application/json");
  tess_auth_set (auth, "token", "{{token}}");
  tess_item_set_auth (folder, auth);

  exported = tess_postman_collection_to_json (collection);
  back = tess_postman_collection_from_json (exported, &error);
  g_assert_no_error (error);
  found = tess_item_find (back, "F/R");
  g_assert_nonnull (found);
  g_assert_cmpstr (tess_item_get_id (found), ==, tess_item_get_id (request));
  g_assert_cmpstr (tess_item_get_url (found), ==, "https://api.example.com/v1/things?limit=5");
  g_assert_cmpstr (tess_item_get_method (found), ==, "POST");
  g_assert_cmpstr (tess_auth_get_auth_type (tess_item_get_auth (tess_item_get_parent (found))), ==, "bearer");

  /* The URL object has Postman's parts. */
  {
    JsonObject *url = json_object_get_object_member (
      json_object_get_object_member (
        json_array_get_object_element (
          json_object_get_array_member (
            json_array_get_object_element (json_object_get_array_member (json_node_get_object (exported), "item"), 0),
            "item"), 0),
        "request"),
      "url");
    g_assert_cmpstr (json_object_get_string_member (url, "protocol"), ==, "https");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (url, "host")), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (url, "path")), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (url, "query")), ==, 1);
  }
}

/* A copy of one folder holds what the folder holds, written the same way. */
static void
test_copy_item (void)
{
  g_autofree char *path = tess_test_shared_path ("vectors", "postman", "examples", "nestedEntities.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TessItem) collection = tess_postman_load_collection (path, &error);
  g_autoptr(TessItem) folder = NULL;
  g_autoptr(TessItem) copy = NULL;
  g_autoptr(TessItem) holder = tess_item_new (TESS_ITEM_COLLECTION, "Holder");
  g_autoptr(JsonNode) original_doc = NULL;
  g_autoptr(JsonNode) copy_doc = NULL;
  JsonNode *original_json, *copy_json;

  g_assert_no_error (error);
  folder = g_list_model_get_item (tess_item_get_children (collection), 0);
  g_assert_cmpint (tess_item_get_kind (folder), ==, TESS_ITEM_FOLDER);
  g_assert_cmpuint (g_list_model_get_n_items (tess_item_get_children (folder)), >, 0);

  copy = tess_postman_copy_item (folder, &error);
  g_assert_no_error (error);
  g_assert_true (copy != folder);
  g_assert_null (tess_item_get_parent (copy));
  tess_item_append (holder, copy);

  original_doc = tess_postman_collection_to_json (collection);
  copy_doc = tess_postman_collection_to_json (holder);
  original_json = json_array_get_element (json_object_get_array_member (json_node_get_object (original_doc), "item"), 0);
  copy_json = json_array_get_element (json_object_get_array_member (json_node_get_object (copy_doc), "item"), 0);
  g_assert_true (json_node_equal (original_json, copy_json));
  /* The original is untouched. */
  g_assert_true (tess_item_get_parent (folder) == collection);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) examples = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir = tess_test_shared_path ("vectors", "postman", "examples", NULL);
  examples = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (examples);
  while ((name = g_dir_read_name (examples)) != NULL)
    {
      g_autofree char *test_path = g_strdup_printf ("/postman/round-trip/%s", name);
      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_test_add_data_func_full (test_path, g_build_filename (dir, name, NULL), test_round_trip, g_free);
    }

  g_test_add_func ("/postman/lossless-unknowns", test_lossless_unknowns);
  g_test_add_func ("/postman/url-query-sync", test_url_query_sync);
  g_test_add_func ("/postman/v20-shapes", test_v20_shapes);
  g_test_add_func ("/postman/errors-name-place", test_errors_name_place);
  g_test_add_func ("/postman/new-collection-export", test_new_collection_export);
  g_test_add_func ("/postman/copy-item", test_copy_item);
  return g_test_run ();
}
