/* Checks tests/peers/validate-postman.js itself: other tests trust its verdict
 * on exported collections, so it must accept Postman's own examples and
 * reject a broken collection with the path of each fault. */
#include <gio/gio.h>
#include <string.h>

#include "auth-peer-servers.h"
#include "peer-child.h"
#include "peer-collection.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-test-util.h"

/* Runs the validator with node; returns FALSE (test skipped) when node or
 * ajv is missing. */
static gboolean
run_validator (GPtrArray *files,
               PeerChild *result)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *skip_reason = NULL;

  if (!auth_peer_have_node_package ("ajv", &skip_reason))
    {
      tess_test_skip_peer ("%s", skip_reason);
      return FALSE;
    }

  g_ptr_array_add (argv, g_find_program_in_path ("node"));
  g_ptr_array_add (argv, g_build_filename (tess_test_source_dir (), "peers",
                                           "validate-postman.js", NULL));
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_strdup (g_ptr_array_index (files, i)));
  g_ptr_array_add (argv, NULL);
  peer_child_run ((const char * const *) argv->pdata, NULL, NULL, NULL, result);
  return TRUE;
}

static void
test_accepts_examples (void)
{
  g_autofree char *dir = tess_test_shared_path ("vectors", "postman", "examples", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  PeerChild result = { 0, };
  const char *name;

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_assert_cmpuint (files->len, >=, 10);

  if (!run_validator (files, &result))
    return;
  if (result.status != 0)
    g_test_message ("%s%s", result.out, result.err);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "must "));
  peer_child_clear (&result);
}

/* A header key that is not a string and a v2.0-style auth object, nested two
 * folders deep: both faults must be reported with their JSON pointer. */
static const char broken_collection[] =
  "{\"info\": {\"name\": \"Broken\", \"schema\": "
  "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
  " \"item\": [{\"name\": \"A\", \"item\": [{\"name\": \"B\", \"item\": ["
  "  {\"name\": \"R\", \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1/\","
  "   \"header\": [{\"key\": 1, \"value\": \"x\"}],"
  "   \"auth\": {\"type\": \"basic\", \"basic\": {\"username\": \"u\"}}}}]}]}]}";

static void
test_rejects_broken (void)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *path = auth_peer_write_file (tmp, "broken.json", broken_collection);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  PeerChild result = { 0, };

  g_ptr_array_add (files, g_strdup (path));

  if (!run_validator (files, &result))
    return;
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.out, "/item/0/item/0/item/0/request/header/0/key: must be string"));
  g_assert_nonnull (strstr (result.out, "/item/0/item/0/item/0/request/auth/basic: must be array"));
  peer_child_clear (&result);
}

static void
test_rejects_unparsable (void)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *path = auth_peer_write_file (tmp, "truncated.json", "{\"info\": {");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  PeerChild result = { 0, };

  g_ptr_array_add (files, g_strdup (path));

  if (!run_validator (files, &result))
    return;
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (g_str_has_prefix (result.out, path));
  peer_child_clear (&result);
}


/* ---- Tessera's exports ---------------------------------------------------- */

/* Runs the validator on one file. */
static gboolean
validate_file (const char *path,
               PeerChild  *result)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (files, g_strdup (path));
  return run_validator (files, result);
}

/* The validator's error lines for @path without the "PATH: " prefix, so the
 * errors of two files can be compared. */
static GPtrArray *
error_lines (const char *out,
             const char *path)
{
  g_autofree char *prefix = g_strdup_printf ("%s: ", path);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *errors = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && !g_str_equal (lines[i] + strlen (prefix), "valid"))
      g_ptr_array_add (errors, g_strdup (lines[i] + strlen (prefix)));
  return errors;
}

static gboolean
str_ptr_array_contains (GPtrArray  *array,
                        const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), text))
      return TRUE;
  return FALSE;
}

/* Imports @original, exports it into @tmp and returns the export's path. */
static char *
export_file (const char *original,
             const char *tmp)
{
  g_autofree char *name = g_path_get_basename (original);
  char *exported = g_build_filename (tmp, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tess_json_file_load (original, &error);
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(JsonNode) out = NULL;

  g_assert_no_error (error);
  collection = tess_postman_collection_from_json (root, &error);
  g_assert_no_error (error);
  out = tess_postman_collection_to_json (collection);
  tess_json_file_save (exported, out, &error);
  g_assert_no_error (error);
  return exported;
}

/* The export must be valid v2.1 when the original is. When the original is
 * not, the export may keep its faults but must add none. */
static void
assert_export_as_valid_as (const char *original)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *exported = export_file (original, tmp);
  g_autoptr(GPtrArray) original_errors = NULL;
  g_autoptr(GPtrArray) export_errors = NULL;
  PeerChild before = { 0, };
  PeerChild after = { 0, };

  if (!validate_file (original, &before) || !validate_file (exported, &after))
    return;
  if (after.status != 0)
    g_test_message ("%s", after.out);

  if (before.status == 0)
    g_assert_cmpint (after.status, ==, 0);
  else
    {
      g_assert_cmpint (before.status, ==, 1);
      g_assert_cmpint (after.status, <=, 1);
      original_errors = error_lines (before.out, original);
      export_errors = error_lines (after.out, exported);
      g_assert_cmpuint (original_errors->len, >, 0);
      for (guint i = 0; i < export_errors->len; i++)
        {
          const char *line = g_ptr_array_index (export_errors, i);
          if (!str_ptr_array_contains (original_errors, line))
            g_error ("%s: the export adds the error “%s”", original, line);
        }
    }
  peer_child_clear (&before);
  peer_child_clear (&after);
}

/* Every example of shared/vectors/postman/examples, imported and exported.
 * All of them are valid v2.1 as published (the original files pass the
 * schema; accepts-examples checks that), so every export must be valid; the
 * "no new errors" branch serves files that are invalid to begin with, which
 * rejects-broken-export exercises. */
static void
test_example_export (gconstpointer data)
{
  assert_export_as_valid_as (data);
}

static void
test_broken_export (void)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *path = auth_peer_write_file (tmp, "broken.json", broken_collection);

  assert_export_as_valid_as (path);
}

/* A v2.0 file leaves as v2.1: the schema URL says so and the body passes. */
static void
assert_v20_export (const char *original)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *exported = export_file (original, tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = tess_json_file_load (original, &error);
  g_autoptr(JsonNode) after = tess_json_file_load (exported, &error);
  JsonObject *info_before, *info_after;
  PeerChild result = { 0, };

  g_assert_no_error (error);
  info_before = json_object_get_object_member (json_node_get_object (before), "info");
  info_after = json_object_get_object_member (json_node_get_object (after), "info");
  g_assert_nonnull (strstr (json_object_get_string_member (info_before, "schema"), "/v2.0.0/"));
  g_assert_cmpstr (json_object_get_string_member (info_after, "schema"), ==,
                   "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");

  if (!validate_file (exported, &result))
    return;
  if (result.status != 0)
    g_test_message ("%s", result.out);
  g_assert_cmpint (result.status, ==, 0);
  peer_child_clear (&result);
}

static void
test_v20_example_export (void)
{
  g_autofree char *path = tess_test_shared_path ("vectors", "postman", "examples",
                                                 "responseBodyNull.json", NULL);
  assert_v20_export (path);
}

/* v2.0 shapes that v2.1 forbids: auth attributes as an object and headers as
 * one "Name: value" string. */
static const char v20_collection[] =
  "{\"info\": {\"name\": \"Old\", \"schema\": "
  "\"https://schema.getpostman.com/json/collection/v2.0.0/collection.json\"},"
  " \"auth\": {\"type\": \"bearer\", \"bearer\": {\"token\": \"{{token}}\"}},"
  " \"item\": [{\"name\": \"F\", \"auth\": {\"type\": \"basic\","
  "   \"basic\": {\"username\": \"u\", \"password\": \"p\", \"saveHelperData\": true}},"
  "  \"item\": [{\"name\": \"R\", \"request\": {\"method\": \"POST\","
  "   \"url\": \"http://127.0.0.1/x?a=1\", \"header\": \"X-A: 1\\n//X-Off: 2\","
  "   \"body\": {\"mode\": \"raw\", \"raw\": \"hi\"},"
  "   \"auth\": {\"type\": \"hawk\", \"hawk\": {\"authId\": \"id\", \"authKey\": \"k\","
  "    \"algorithm\": \"sha256\", \"includePayloadHash\": false}}}}]}]}";

static void
test_v20_shapes_export (void)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *path = auth_peer_write_file (tmp, "old.json", v20_collection);
  PeerChild result = { 0, };

  /* The original itself is no v2.1. */
  if (!validate_file (path, &result))
    return;
  g_assert_cmpint (result.status, ==, 1);
  peer_child_clear (&result);

  assert_v20_export (path);
}

/* A collection made in Tessera, not read from a file: folders, every body
 * mode, auth on the collection, a folder and requests, variables, and
 * disabled params and headers. */
static TessItem *
build_scratch_collection (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Scratch");
  GPtrArray *variables = tess_item_get_variables (collection);
  TessItem *folder, *nested, *request;
  TessKeyValue *kv;

  tess_item_set_description (collection, "Made in Tessera");
  peer_add_row (variables, "base", "http://127.0.0.1:8080", TRUE);
  peer_add_row (variables, "token", "t0k3n", TRUE);
  kv = peer_add_row (variables, "unused", "x", FALSE);
  kv->type = g_strdup ("string");
  peer_set_auth (collection, "bearer", "token", "{{token}}", NULL);

  folder = peer_add_item (collection, TESS_ITEM_FOLDER, "Bodies");
  tess_item_set_description (folder, "One request per body mode");
  peer_set_auth (folder, "basic", "username", "u", "password", "p", NULL);

  request = peer_add_request (folder, "None", "GET", "{{base}}/none?a=1&b=2");
  peer_add_row (tess_item_get_query (request), "off", "1", FALSE);
  tess_item_query_changed (request);
  peer_add_row (tess_item_get_headers (request), "X-On", "1", TRUE);
  peer_add_row (tess_item_get_headers (request), "X-Off", "2", FALSE);

  {
    g_autoptr(TessBody) body = tess_body_new ();

    request = peer_add_request (folder, "Raw", "POST", "{{base}}/raw");
    body->mode = TESS_BODY_RAW;
    body->raw = g_strdup ("{\"a\": {{token}}}");
    body->language = g_strdup ("json");
    tess_item_set_body (request, body);
    peer_set_auth (request, "apikey", "key", "X-Key", "value", "k", "in", "header", NULL);
  }
  {
    g_autoptr(TessBody) body = tess_body_new ();

    request = peer_add_request (folder, "Urlencoded", "POST", "{{base}}/form");
    body->mode = TESS_BODY_URLENCODED;
    peer_add_row (body->urlencoded, "a", "1", TRUE);
    peer_add_row (body->urlencoded, "b", "2", FALSE);
    tess_item_set_body (request, body);
    peer_set_auth (request, "noauth", NULL);
  }
  {
    g_autoptr(TessBody) body = tess_body_new ();

    request = peer_add_request (folder, "Form data", "PUT", "{{base}}/multipart");
    body->mode = TESS_BODY_FORMDATA;
    peer_add_row (body->formdata, "text", "v", TRUE)->type = g_strdup ("text");
    kv = peer_add_row (body->formdata, "upload", NULL, TRUE);
    kv->type = g_strdup ("file");
    kv->src = g_strdup ("/tmp/upload.bin");
    peer_add_row (body->formdata, "off", "v", FALSE)->type = g_strdup ("text");
    tess_item_set_body (request, body);
  }

  nested = peer_add_item (folder, TESS_ITEM_FOLDER, "More");
  peer_set_auth (nested, "digest", "username", "u", "password", "p", "algorithm", "SHA-256", NULL);
  {
    g_autoptr(TessBody) body = tess_body_new ();

    request = peer_add_request (nested, "File", "POST", "{{base}}/file");
    body->mode = TESS_BODY_FILE;
    body->file_src = g_strdup ("/tmp/body.bin");
    tess_item_set_body (request, body);
  }
  {
    g_autoptr(TessBody) body = tess_body_new ();

    request = peer_add_request (nested, "GraphQL", "POST", "{{base}}/graphql");
    body->mode = TESS_BODY_GRAPHQL;
    body->graphql_query = g_strdup ("query ($id: ID!) { thing(id: $id) { name } }");
    body->graphql_variables = g_strdup ("{\"id\": \"1\"}");
    /* No auth of its own: it inherits Digest from "More" (v2.1 has no
     * "inherit" type; the model's NULL auth is written as no member). */
    tess_item_set_body (request, body);
  }
  peer_add_request (collection, "Top", "DELETE", "{{base}}/top#frag");
  return g_steal_pointer (&collection);
}

static void
test_scratch_export (void)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "scratch.json", NULL);
  g_autoptr(TessItem) collection = build_scratch_collection ();
  g_autoptr(JsonNode) root = tess_postman_collection_to_json (collection);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PeerChild result = { 0, };

  tess_json_file_save (path, root, &error);
  g_assert_no_error (error);
  text = tess_json_to_string (root, FALSE);
  /* The shapes the schema is asked about must be in the file. */
  {
    const char *expected[] = {
      "\"mode\":\"raw\"", "\"mode\":\"urlencoded\"", "\"mode\":\"formdata\"",
      "\"mode\":\"file\"", "\"mode\":\"graphql\"", "\"disabled\":true",
      "\"type\":\"bearer\"", "\"type\":\"basic\"", "\"type\":\"apikey\"",
      "\"type\":\"noauth\"", "\"type\":\"digest\"",
      "\"variable\":[", "\"src\":\"/tmp/upload.bin\"",
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (strstr (text, expected[i]) == NULL)
        g_error ("the export lacks %s:\n%s", expected[i], text);
  }

  if (!validate_file (path, &result))
    return;
  if (result.status != 0)
    g_test_message ("%s", result.out);
  g_assert_cmpint (result.status, ==, 0);
  peer_child_clear (&result);
}

int
main (int argc, char **argv)
{
  g_autofree char *examples = tess_test_shared_path ("vectors", "postman", "examples", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate-postman/accepts-examples", test_accepts_examples);
  g_test_add_func ("/validate-postman/rejects-broken", test_rejects_broken);
  g_test_add_func ("/validate-postman/rejects-unparsable", test_rejects_unparsable);

  listing = g_dir_open (examples, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *test_path = g_strdup_printf ("/validate-postman/export/%s", name);

      if (g_str_has_suffix (name, ".json"))
        g_test_add_data_func_full (test_path, g_build_filename (examples, name, NULL),
                                   test_example_export, g_free);
    }
  g_test_add_func ("/validate-postman/export-broken-adds-no-errors", test_broken_export);
  g_test_add_func ("/validate-postman/export-v20-example", test_v20_example_export);
  g_test_add_func ("/validate-postman/export-v20-shapes", test_v20_shapes_export);
  g_test_add_func ("/validate-postman/export-scratch", test_scratch_export);
  return g_test_run ();
}
