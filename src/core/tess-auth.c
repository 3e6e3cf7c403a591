#include "tess-auth.h"

#include "tess-error.h"
#include "tess-kv.h"

struct _TessAuth {
  char *type;
  JsonObject *object;   /* the whole auth object as read, updated on set */
};

G_DEFINE_BOXED_TYPE (TessAuth, tess_auth, tess_auth_copy, tess_auth_free)

TessAuth *
tess_auth_new (const char *type)
{
  TessAuth *auth = g_new0 (TessAuth, 1);

  auth->type = g_strdup (type ? type : "noauth");
  auth->object = json_object_new ();
  json_object_set_string_member (auth->object, "type", auth->type);
  return auth;
}

TessAuth *
tess_auth_new_from_json (JsonNode  *node,
                         GError   **error)
{
  JsonObject *object;
  const char *type;
  TessAuth *auth;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TESS_ERROR, TESS_ERROR_INVALID, "auth is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  type = json_object_get_string_member_with_default (object, "type", NULL);
  if (type == NULL || *type == '\0')
    {
      g_set_error_literal (error, TESS_ERROR, TESS_ERROR_INVALID, "auth has no ‘type’");
      return NULL;
    }

  auth = g_new0 (TessAuth, 1);
  auth->type = g_strdup (type);
  {
    g_autoptr(JsonNode) copy = tess_json_node_deep_copy (node);
    auth->object = json_object_ref (json_node_get_object (copy));
  }
  return auth;
}

TessAuth *
tess_auth_copy (const TessAuth *auth)
{
  g_autoptr(JsonNode) node = tess_auth_to_json (auth);

  return tess_auth_new_from_json (node, NULL);
}

void
tess_auth_free (TessAuth *auth)
{
  if (auth == NULL)
    return;
  g_free (auth->type);
  json_object_unref (auth->object);
  g_free (auth);
}

JsonNode *
tess_auth_to_json (const TessAuth *auth)
{
  JsonNode *node = json_node_alloc ();
  g_autoptr(JsonNode) copy = NULL;

  json_node_init_object (node, auth->object);
  copy = tess_json_node_deep_copy (node);
  json_node_unref (node);
  return g_steal_pointer (&copy);
}

const char *
tess_auth_get_auth_type (const TessAuth *auth)
{
  return auth->type;
}

void
tess_auth_set_auth_type (TessAuth   *auth,
                         const char *type)
{
  g_free (auth->type);
  auth->type = g_strdup (type);
  json_object_set_string_member (auth->object, "type", type);
}

/* The attribute node for @key in the current type's list (v2.1 array of
 * {key, value, type}) or map (v2.0 {key: value}). */
static JsonNode *
find_value (const TessAuth *auth,
            const char     *key,
            JsonObject    **attr_out)
{
  JsonNode *list = json_object_get_member (auth->object, auth->type);

  if (attr_out != NULL)
    *attr_out = NULL;
  if (list == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *attr;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          attr = json_node_get_object (element);
          if (g_strcmp0 (json_object_get_string_member_with_default (attr, "key", NULL), key) == 0)
            {
              if (attr_out != NULL)
                *attr_out = attr;
              return json_object_get_member (attr, "value");
            }
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (list))
    return json_object_get_member (json_node_get_object (list), key);

  return NULL;
}

char *
tess_auth_dup (const TessAuth *auth,
               const char     *key)
{
  JsonObject *attr = NULL;
  JsonNode *value = find_value (auth, key, &attr);

  if (value == NULL && attr == NULL)
    return NULL;
  return tess_json_node_to_text (value);
}

void
tess_auth_set (TessAuth   *auth,
               const char *key,
               const char *value)
{
  JsonNode *list = json_object_get_member (auth->object, auth->type);
  JsonObject *attr = NULL;
  JsonArray *array;

  if (list != NULL && JSON_NODE_HOLDS_OBJECT (list))
    {
      json_object_set_string_member (json_node_get_object (list), key, value ? value : "");
      return;
    }

  find_value (auth, key, &attr);
  if (attr != NULL)
    {
      json_object_set_string_member (attr, "value", value ? value : "");
      json_object_set_string_member (attr, "type", "string");
      return;
    }

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      array = json_array_new ();
      json_object_set_array_member (auth->object, auth->type, array);
    }
  else
    array = json_node_get_array (list);

  attr = json_object_new ();
  json_object_set_string_member (attr, "key", key);
  json_object_set_string_member (attr, "value", value ? value : "");
  json_object_set_string_member (attr, "type", "string");
  json_array_add_object_element (array, attr);
}

char **
tess_auth_list_keys (const TessAuth *auth)
{
  GPtrArray *keys = g_ptr_array_new ();
  JsonNode *list = json_object_get_member (auth->object, auth->type);

  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *key;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          key = json_object_get_string_member_with_default (json_node_get_object (element), "key", NULL);
          if (key != NULL)
            g_ptr_array_add (keys, g_strdup (key));
        }
    }
  else if (list != NULL && JSON_NODE_HOLDS_OBJECT (list))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (list));

      for (GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (keys, g_strdup (l->data));
    }
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}
