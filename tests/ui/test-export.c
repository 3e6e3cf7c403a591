/* Export: secrets leave only when asked for. */
#include "config.h"

#include <gio/gio.h>

#include "tess-export.h"
#include "tess-secrets.h"
#include "tess-json-file.h"
#include "tess-postman.h"
#include "tess-test-util.h"
#include "tess-ui-test.h"

static const char collection_text[] =
  "{\"info\": {\"name\": \"Payments\", \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
  " \"auth\": {\"type\": \"basic\", \"basic\": ["
  "   {\"key\": \"username\", \"value\": \"ada\"}, {\"key\": \"password\", \"value\": \"s3cret\"}]},"
  " \"variable\": [{\"key\": \"apiKey\", \"value\": \"k-123\", \"type\": \"secret\"},"
  "                {\"key\": \"host\", \"value\": \"example.com\", \"type\": \"string\"}],"
  " \"item\": [{\"name\": \"Admin\", \"item\": [{\"name\": \"Refund\","
  "   \"request\": {\"method\": \"POST\", \"url\": \"https://{{host}}/refund\","
  "     \"auth\": {\"type\": \"bearer\", \"bearer\": [{\"key\": \"token\", \"value\": \"tok-456\"}]}}}]}]}";

static TessItem *
load_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tess_json_parse_text (collection_text, -1, "collection", &error);
  TessItem *collection;

  g_assert_no_error (error);
  collection = tess_postman_collection_from_json (root, &error);
  g_assert_no_error (error);
  return collection;
}

static char *
export_to_text (gboolean include_secrets)
{
  g_autoptr(TessItem) collection = load_collection ();
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out", "payments.json", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tess_export_collection_async (collection, path, include_secrets, NULL, tess_ui_test_keep_result, &result);
  tess_ui_test_wait_result (&result, 10000);
  g_assert_true (tess_export_collection_finish (result, &error));
  g_assert_no_error (error);
  return tess_test_load_text (path);
}

static void
test_without_secrets (void)
{
  g_autofree char *text = export_to_text (FALSE);

  g_assert_null (strstr (text, "s3cret"));
  g_assert_null (strstr (text, "tok-456"));
  g_assert_null (strstr (text, "k-123"));
  /* What is not secret stays, and the shape stays Postman's. */
  g_assert_nonnull (strstr (text, "\"ada\""));
  g_assert_nonnull (strstr (text, "example.com"));
  g_assert_nonnull (strstr (text, "\"password\""));
  g_assert_nonnull (strstr (text, "Refund"));
}

static void
test_with_secrets (void)
{
  g_autofree char *text = export_to_text (TRUE);

  g_assert_nonnull (strstr (text, "s3cret"));
  g_assert_nonnull (strstr (text, "tok-456"));
  g_assert_nonnull (strstr (text, "k-123"));
}

static void
test_strip_v20_object_auth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tess_json_parse_text (
    "{\"auth\": {\"type\": \"basic\", \"basic\": {\"username\": \"ada\", \"password\": \"s3cret\"}}}",
    -1, "v2.0", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  tess_secrets_blank_json (root);
  text = tess_json_to_string (root, FALSE);
  g_assert_null (strstr (text, "s3cret"));
  g_assert_nonnull (strstr (text, "ada"));
}

/* A large collection is built in steps on the main loop (tess-postman-build.h):
 * the file is still the whole collection, and still without its secrets. */
static void
test_large (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Large");
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *text = NULL;

  for (guint f = 0; f < 20; f++)
    {
      g_autofree char *folder_name = g_strdup_printf ("Folder %u", f);
      g_autoptr(TessItem) folder = tess_item_new (TESS_ITEM_FOLDER, folder_name);

      for (guint i = 0; i < 100; i++)
        {
          g_autofree char *name = g_strdup_printf ("Request %u.%u", f, i);
          g_autofree char *url = g_strdup_printf ("https://example.com/%u/%u?page=1", f, i);
          g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, name);
          g_autoptr(TessAuth) auth = tess_auth_new ("bearer");

          tess_item_set_url (request, url);
          tess_kv_list_add (tess_item_get_headers (request), "Accept", "application/json");
          tess_auth_set (auth, "token", "tok-large-789");
          tess_item_set_auth (request, auth);
          tess_item_append (folder, request);
        }
      tess_item_append (collection, folder);
    }

  tess_export_collection_async (collection, path, FALSE, NULL, tess_ui_test_keep_result, &result);
  tess_ui_test_wait_result (&result, 20000);
  g_assert_true (tess_export_collection_finish (result, &error));
  g_assert_no_error (error);

  text = tess_test_load_text (path);
  g_assert_null (strstr (text, "tok-large-789"));
  written = json_from_string (text, &error);
  g_assert_no_error (error);
  expected = tess_postman_collection_to_json_full (collection, TESS_POSTMAN_EXPORT_DEFAULT);
  g_assert_true (json_node_equal (written, expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/without-secrets", test_without_secrets);
  g_test_add_func ("/export/with-secrets", test_with_secrets);
  g_test_add_func ("/export/strip-v2.0-object-auth", test_strip_v20_object_auth);
  g_test_add_func ("/export/large", test_large);
  return g_test_run ();
}
