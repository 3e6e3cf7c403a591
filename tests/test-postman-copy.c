/* A copy of a request or folder made in steps (tess-postman-build.c): the
 * copy holds everything the original does, secrets too, under new ids; an
 * edit made while its document is built is in the copy; cancelling ends it
 * once, with G_IO_ERROR_CANCELLED. */
#include "tess-kv.h"
#include "tess-postman-build.h"
#include "tess-test-util.h"

#define TOKEN "folder-token-77c2"

typedef struct {
  guint calls;
  TessItem *copy;
  GError *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_object (&result->copy);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
copied_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      data)
{
  Result *result = data;

  result->calls++;
  result->copy = tess_postman_copy_item_finish (TESS_ITEM (source), res, &result->error);
}

static gboolean
called (gpointer data)
{
  return ((Result *) data)->calls > 0;
}

/* A folder of @n_sub folders of @n_per requests, with a bearer token. */
static TessItem *
make_folder (guint n_sub,
             guint n_per)
{
  TessItem *folder = tess_item_new (TESS_ITEM_FOLDER, "Orders");
  g_autoptr(TessAuth) auth = tess_auth_new ("bearer");

  tess_auth_set (auth, "token", TOKEN);
  tess_item_set_auth (folder, auth);
  for (guint f = 0; f < n_sub; f++)
    {
      g_autofree char *sub_name = g_strdup_printf ("Batch %u", f);
      g_autoptr(TessItem) sub = tess_item_new (TESS_ITEM_FOLDER, sub_name);

      for (guint i = 0; i < n_per; i++)
        {
          g_autofree char *name = g_strdup_printf ("Order %u.%u", f, i);
          g_autofree char *url = g_strdup_printf ("http://127.0.0.1/orders/%u/%u", f, i);
          g_autoptr(TessItem) request = tess_item_new (TESS_ITEM_REQUEST, name);

          tess_item_set_url (request, url);
          tess_kv_list_add (tess_item_get_headers (request), "X-Order", name);
          tess_item_append (sub, request);
        }
      tess_item_append (folder, sub);
    }
  return folder;
}

static void
collect_ids (TessItem   *item,
             GHashTable *ids)
{
  GListModel *children = tess_item_get_children (item);

  g_assert_true (g_hash_table_add (ids, g_strdup (tess_item_get_id (item))));
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (children, i);

      collect_ids (child, ids);
    }
}

/* Removes every "id" and "_postman_id" member under @node, which must be
 * a deep copy: documents share members with the model. */
static void
strip_ids (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = NULL;

      json_object_remove_member (object, "id");
      json_object_remove_member (object, "_postman_id");
      members = json_object_get_values (object);
      for (GList *l = members; l != NULL; l = l->next)
        strip_ids (l->data);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_ids (json_array_get_element (array, i));
    }
}

/* @item's document as the one child of a collection, ids left out. */
static JsonNode *
document_without_ids (TessItem *item)
{
  g_autoptr(TessItem) holder = tess_item_new (TESS_ITEM_COLLECTION, "Holder");
  g_autoptr(TessItem) parent = g_object_ref (tess_item_get_parent (item));
  JsonNode *item_json;
  g_autoptr(JsonNode) doc = NULL;
  guint position = 0;

  /* Written where it is, and put back. */
  while (TRUE)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (tess_item_get_children (parent), position);

      if (child == item)
        break;
      position++;
    }
  g_object_ref (item);
  tess_item_remove (parent, item);
  tess_item_append (holder, item);
  doc = tess_postman_collection_to_json (holder);
  tess_item_remove (holder, item);
  tess_item_insert (parent, position, item);
  g_object_unref (item);

  item_json = tess_json_node_deep_copy (json_array_get_element (json_object_get_array_member (json_node_get_object (doc), "item"), 0));
  strip_ids (item_json);
  return item_json;
}

static void
test_copy_async (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Shop");
  g_autoptr(TessItem) folder = make_folder (3, 400);
  g_autoptr(TessItem) holder = tess_item_new (TESS_ITEM_COLLECTION, "Copies");
  g_autoptr(GHashTable) original_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) copy_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) original_doc = NULL;
  g_autoptr(JsonNode) copy_doc = NULL;
  g_auto(Result) result = { 0 };
  GHashTableIter iter;
  gpointer id;

  tess_item_append (collection, folder);
  tess_postman_copy_item_async (folder, NULL, copied_cb, &result);
  g_assert_true (tess_test_wait_until (called, &result, 20000));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.calls, ==, 1);
  g_assert_nonnull (result.copy);
  g_assert_null (tess_item_get_parent (result.copy));
  /* The original stays where it was. */
  g_assert_true (tess_item_get_parent (folder) == collection);

  tess_item_append (holder, result.copy);
  original_doc = document_without_ids (folder);
  copy_doc = document_without_ids (result.copy);
  g_assert_true (json_node_equal (original_doc, copy_doc));
  /* Secrets come along: a duplicate signs as its original did. */
  {
    g_autofree char *token = tess_auth_dup (tess_item_get_auth (result.copy), "token");

    g_assert_cmpstr (token, ==, TOKEN);
  }

  collect_ids (folder, original_ids);
  collect_ids (result.copy, copy_ids);
  g_assert_cmpuint (g_hash_table_size (copy_ids), ==, 1 + 3 + 3 * 400);
  g_hash_table_iter_init (&iter, copy_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_assert_false (g_hash_table_contains (original_ids, id));
}

/* A whole collection: its own settings come along, under new ids. */
static void
test_copy_collection (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Shop");
  g_autoptr(TessItem) folder = make_folder (2, 50);
  g_autoptr(TessAuth) auth = tess_auth_new ("apikey");
  g_autoptr(GHashTable) original_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) copy_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) original_doc = NULL;
  g_autoptr(JsonNode) copy_doc = NULL;
  g_autofree char *key = NULL;
  g_auto(Result) result = { 0 };
  GHashTableIter iter;
  gpointer id;

  tess_auth_set (auth, "key", "X-Api-Key");
  tess_auth_set (auth, "value", "collection-key-91e0");
  tess_item_set_auth (collection, auth);
  tess_kv_list_add (tess_item_get_variables (collection), "base", "http://127.0.0.1:8080");
  tess_item_append (collection, folder);

  tess_postman_copy_item_async (collection, NULL, copied_cb, &result);
  g_assert_true (tess_test_wait_until (called, &result, 20000));
  g_assert_no_error (result.error);
  g_assert_cmpint (tess_item_get_kind (result.copy), ==, TESS_ITEM_COLLECTION);
  g_assert_true (result.copy != collection);

  /* The same document but for the ids. */
  original_doc = tess_postman_collection_to_json (collection);
  copy_doc = tess_postman_collection_to_json (result.copy);
  g_assert_false (json_node_equal (original_doc, copy_doc));
  {
    g_autoptr(JsonNode) original_bare = tess_json_node_deep_copy (original_doc);
    g_autoptr(JsonNode) copy_bare = tess_json_node_deep_copy (copy_doc);

    strip_ids (original_bare);
    strip_ids (copy_bare);
    g_assert_true (json_node_equal (original_bare, copy_bare));
  }
  key = tess_auth_dup (tess_item_get_auth (result.copy), "value");
  g_assert_cmpstr (key, ==, "collection-key-91e0");

  collect_ids (collection, original_ids);
  collect_ids (result.copy, copy_ids);
  g_assert_cmpuint (g_hash_table_size (copy_ids), ==, 1 + 1 + 2 + 2 * 50);
  g_hash_table_iter_init (&iter, copy_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_assert_false (g_hash_table_contains (original_ids, id));
}

static void
built_cb (JsonNode *root,
          gpointer  data)
{
  *(JsonNode **) data = root;
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* A folder's document built in steps of at most a few items: an edit to an
 * item already written starts it again, so the copy has the edit. */
static void
test_edit_during_build (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Shop");
  g_autoptr(TessItem) folder = make_folder (2, 200);
  g_autoptr(TessItem) batch = NULL;
  g_autoptr(TessItem) first = NULL;
  g_autoptr(TessItem) copy = NULL;
  g_autoptr(TessItem) copied_batch = NULL;
  g_autoptr(TessItem) copied_first = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root = NULL;
  TessPostmanBuild *build;

  tess_item_append (collection, folder);
  batch = g_list_model_get_item (tess_item_get_children (folder), 0);
  first = g_list_model_get_item (tess_item_get_children (batch), 0);
  /* Budget 0: a step ends at the first clock reading, every 16 items. */
  build = tess_postman_build_start (folder, TESS_POSTMAN_EXPORT_INCLUDE_SECRETS, 0, built_cb, &root);
  g_assert_nonnull (build);
  g_assert_null (root);
  tess_item_set_url (first, "http://127.0.0.1/orders/edited");
  g_assert_true (tess_test_wait_until (is_set, &root, 20000));

  copy = tess_postman_copy_from_json (root, &error);
  json_node_unref (root);
  g_assert_no_error (error);
  copied_batch = g_list_model_get_item (tess_item_get_children (copy), 0);
  copied_first = g_list_model_get_item (tess_item_get_children (copied_batch), 0);
  g_assert_cmpstr (tess_item_get_url (copied_first), ==, "http://127.0.0.1/orders/edited");
  g_assert_cmpuint (g_list_model_get_n_items (tess_item_get_children (copy)), ==, 2);
}

/* Cancelled while its document is built, and cancelled before it starts:
 * the callback comes once, with G_IO_ERROR_CANCELLED. */
static void
test_cancel (void)
{
  g_autoptr(TessItem) collection = tess_item_new (TESS_ITEM_COLLECTION, "Shop");
  g_autoptr(TessItem) folder = make_folder (4, 1500);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_auto(Result) result = { 0 };
  g_auto(Result) early = { 0 };

  tess_item_append (collection, folder);
  tess_postman_copy_item_async (folder, cancellable, copied_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_true (tess_test_wait_until (called, &result, 20000));
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result.copy);

  g_cancellable_cancel (cancelled);
  tess_postman_copy_item_async (folder, cancelled, copied_cb, &early);
  g_assert_true (tess_test_wait_until (called, &early, 20000));
  g_assert_error (early.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Nothing more arrives, and the folder is as it was. */
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (result.calls, ==, 1);
  g_assert_cmpuint (early.calls, ==, 1);
  g_assert_true (tess_item_get_parent (folder) == collection);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/postman/copy/async", test_copy_async);
  g_test_add_func ("/postman/copy/collection", test_copy_collection);
  g_test_add_func ("/postman/copy/edit-during-build", test_edit_during_build);
  g_test_add_func ("/postman/copy/cancel", test_cancel);
  return g_test_run ();
}
