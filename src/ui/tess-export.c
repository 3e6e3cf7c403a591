#include "tess-export.h"

#include "tess-auth-scheme.h"
#include "tess-json-file.h"
#include "tess-postman.h"

static void strip_node (JsonNode *node);

static void
blank_value (JsonObject *entry)
{
  if (json_object_has_member (entry, "value"))
    json_object_set_string_member (entry, "value", "");
}

/* Postman keeps each type's attributes under the type's name: v2.1 as a list
 * of {key, value}, v2.0 as an object {key: value}. Both are blanked. */
static void
strip_auth (JsonObject *auth)
{
  g_autoptr(GList) members = json_object_get_members (auth);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *type = l->data;
      const TessAuthScheme *scheme = tess_auth_scheme_lookup (type);
      JsonNode *attributes = json_object_get_member (auth, type);

      if (scheme == NULL)
        continue;
      if (JSON_NODE_HOLDS_ARRAY (attributes))
        {
          JsonArray *list = json_node_get_array (attributes);

          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              JsonObject *entry = json_array_get_object_element (list, i);
              const TessAuthField *field;

              if (entry == NULL || !json_object_has_member (entry, "key"))
                continue;
              field = tess_auth_scheme_get_field (scheme, json_object_get_string_member_with_default (entry, "key", ""));
              if (field != NULL && tess_auth_field_is_secret (field))
                blank_value (entry);
            }
        }
      else if (JSON_NODE_HOLDS_OBJECT (attributes))
        {
          JsonObject *object = json_node_get_object (attributes);
          g_autoptr(GList) keys = json_object_get_members (object);

          for (GList *k = keys; k != NULL; k = k->next)
            {
              const TessAuthField *field = tess_auth_scheme_get_field (scheme, k->data);

              if (field != NULL && tess_auth_field_is_secret (field))
                json_object_set_string_member (object, k->data, "");
            }
        }
    }
}

static void
strip_variables (JsonArray *variables)
{
  for (guint i = 0; i < json_array_get_length (variables); i++)
    {
      JsonObject *entry = json_array_get_object_element (variables, i);

      if (entry != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "type", NULL), "secret") == 0)
        blank_value (entry);
    }
}

static void
strip_object (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (object, name);

      if (g_str_equal (name, "auth") && JSON_NODE_HOLDS_OBJECT (member))
        strip_auth (json_node_get_object (member));
      else if (g_str_equal (name, "variable") && JSON_NODE_HOLDS_ARRAY (member))
        strip_variables (json_node_get_array (member));
      else
        strip_node (member);
    }
}

static void
strip_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    strip_object (json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_node (json_array_get_element (array, i));
    }
}

void
tess_export_strip_secrets (JsonNode *collection)
{
  g_return_if_fail (collection != NULL);
  strip_node (collection);
}

typedef struct {
  JsonNode *root;
  char *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  json_node_unref (data->root);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (tess_json_file_save (data->path, data->root, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tess_export_collection_async (TessItem            *collection,
                              const char          *path,
                              gboolean             include_secrets,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (TESS_IS_ITEM (collection));
  g_return_if_fail (path != NULL);

  /* The document is built here, on the caller's thread, where the item lives;
   * only the write goes to the worker. */
  data = g_new0 (ExportData, 1);
  data->root = tess_postman_collection_to_json (collection);
  data->path = g_strdup (path);
  if (!include_secrets)
    tess_export_strip_secrets (data->root);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_export_collection_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
tess_export_collection_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
