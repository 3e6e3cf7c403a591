#include "tess-kv.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (TessKeyValue, tess_key_value, tess_key_value_copy, tess_key_value_free)

TessKeyValue *
tess_key_value_new (const char *key,
                    const char *value)
{
  TessKeyValue *kv = g_new0 (TessKeyValue, 1);

  kv->key = g_strdup (key ? key : "");
  kv->value = g_strdup (value ? value : "");
  kv->enabled = TRUE;
  kv->extra = json_object_new ();
  return kv;
}

JsonNode *
tess_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &value))
          json_object_set_member (object, name, tess_json_node_deep_copy (value));
        copy = json_node_alloc ();
        json_node_init_object (copy, object);
        json_object_unref (object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint length = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (length);

        for (guint i = 0; i < length; i++)
          json_array_add_element (array, tess_json_node_deep_copy (json_array_get_element (source, i)));
        copy = json_node_alloc ();
        json_node_init_array (copy, array);
        json_array_unref (array);
        return copy;
      }
    case JSON_NODE_VALUE:
      /* json_node_copy() would share the JsonValue, whose reference count
       * is not atomic: a document freed in the writer's thread while the
       * model is copied again on the main thread would race on it. */
      copy = json_node_alloc ();
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (copy, json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        case G_TYPE_STRING:
        default:
          return json_node_init_string (copy, json_node_get_string (node));
        }
    case JSON_NODE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

static JsonObject *
object_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(JsonNode) copy = NULL;

  json_node_init_object (node, object);
  copy = tess_json_node_deep_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

/* Whether tess_secrets_blank_json() may change something under a member
 * called @name holding @node: it changes auth objects and variable lists. */
static gboolean
may_hold_secrets (const char *name,
                  JsonNode   *node)
{
  if (name != NULL &&
      (g_str_equal (name, "auth") || g_str_equal (name, "variable") || g_str_equal (name, "values")))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &value))
        if (may_hold_secrets (member, value))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (may_hold_secrets (NULL, json_array_get_element (array, i)))
          return TRUE;
    }
  return FALSE;
}

JsonObject *
tess_json_object_share (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (copy, name, may_hold_secrets (name, value) ? tess_json_node_deep_copy (value)
                                                                        : json_node_ref (value));
  return copy;
}

TessKeyValue *
tess_key_value_copy (const TessKeyValue *kv)
{
  TessKeyValue *copy = g_new0 (TessKeyValue, 1);

  copy->key = g_strdup (kv->key);
  copy->value = g_strdup (kv->value);
  copy->enabled = kv->enabled;
  copy->type = g_strdup (kv->type);
  copy->src = g_strdup (kv->src);
  copy->extra = object_copy (kv->extra);
  return copy;
}

void
tess_key_value_free (TessKeyValue *kv)
{
  if (kv == NULL)
    return;
  g_free (kv->key);
  g_free (kv->value);
  g_free (kv->type);
  g_free (kv->src);
  g_clear_pointer (&kv->extra, json_object_unref);
  g_free (kv);
}

gboolean
tess_key_value_is_secret (const TessKeyValue *kv)
{
  return g_strcmp0 (kv->type, "secret") == 0;
}

GPtrArray *
tess_kv_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) tess_key_value_free);
}

GPtrArray *
tess_kv_list_copy (GPtrArray *list)
{
  GPtrArray *copy = tess_kv_list_new ();

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (copy, tess_key_value_copy (g_ptr_array_index (list, i)));
  return copy;
}

TessKeyValue *
tess_kv_list_add (GPtrArray  *list,
                  const char *key,
                  const char *value)
{
  TessKeyValue *kv = tess_key_value_new (key, value);

  g_ptr_array_add (list, kv);
  return kv;
}

const char *
tess_kv_list_lookup (GPtrArray  *list,
                     const char *key,
                     gboolean    nocase)
{
  for (guint i = list->len; i > 0; i--)
    {
      TessKeyValue *kv = g_ptr_array_index (list, i - 1);

      if (!kv->enabled)
        continue;
      if (nocase ? g_ascii_strcasecmp (kv->key, key) == 0 : g_str_equal (kv->key, key))
        return kv->value;
    }
  return NULL;
}

char *
tess_json_node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        default:
          break;
        }
    }
  return json_to_string (node, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
member_is_true (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
member_is_false (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && !json_node_get_boolean (node);
}

static TessKeyValue *
kv_from_object (JsonObject *object)
{
  TessKeyValue *kv = g_new0 (TessKeyValue, 1);
  JsonNode *value;

  /* The parsed members, shared: nothing changes them (the model keeps its
   * values in the fields below). */
  kv->extra = tess_json_object_share (object);
  kv->key = g_strdup (member_string (object, "key") ? member_string (object, "key") : "");
  value = json_object_get_member (object, "value");
  kv->value = tess_json_node_to_text (value);
  kv->enabled = !member_is_true (object, "disabled") && !member_is_false (object, "enabled");
  kv->type = g_strdup (member_string (object, "type"));
  kv->src = g_strdup (member_string (object, "src"));
  return kv;
}

/* v2.0 headers may be one string: "Name: value\nOther: x". */
static void
add_header_lines (GPtrArray  *list,
                  const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      gboolean disabled = g_str_has_prefix (lines[i], "//");
      g_autofree char *name = NULL;
      TessKeyValue *kv;

      if (colon == NULL)
        continue;
      name = g_strstrip (g_strndup (lines[i] + (disabled ? 2 : 0), colon - lines[i] - (disabled ? 2 : 0)));
      kv = tess_kv_list_add (list, name, g_strstrip (colon + 1));
      kv->enabled = !disabled;
    }
}

GPtrArray *
tess_kv_list_from_json (JsonNode *node)
{
  GPtrArray *list = tess_kv_list_new ();

  if (node == NULL)
    return list;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            g_ptr_array_add (list, kv_from_object (json_node_get_object (element)));
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    add_header_lines (list, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      /* {name: value} maps occur in hand-written files. */
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *text = tess_json_node_to_text (value);
          tess_kv_list_add (list, name, text);
        }
    }
  return list;
}

static gboolean
text_equals (JsonNode   *node,
             const char *text)
{
  g_autofree char *node_text = tess_json_node_to_text (node);

  return g_strcmp0 (node_text, text) == 0;
}

static JsonNode *
kv_to_json (const TessKeyValue *kv)
{
  JsonObject *object = tess_json_object_share (kv->extra);
  JsonNode *node = json_node_alloc ();
  JsonNode *old_value = json_object_get_member (object, "value");
  gboolean is_new = json_object_get_size (object) == 0;

  json_object_set_string_member (object, "key", kv->key);
  /* A non-string value the person did not change is written back as it was, and
   * a row that had no value (a form-data file part) gets none unless one was set. */
  if (old_value == NULL)
    {
      if (is_new || (kv->value != NULL && *kv->value != '\0'))
        json_object_set_string_member (object, "value", kv->value ? kv->value : "");
    }
  else if ((JSON_NODE_HOLDS_VALUE (old_value) && json_node_get_value_type (old_value) == G_TYPE_STRING) ||
           !text_equals (old_value, kv->value))
    json_object_set_string_member (object, "value", kv->value ? kv->value : "");
  if (kv->type != NULL)
    json_object_set_string_member (object, "type", kv->type);
  if (kv->src != NULL)
    json_object_set_string_member (object, "src", kv->src);

  if (json_object_has_member (object, "enabled"))
    json_object_set_boolean_member (object, "enabled", kv->enabled);
  else if (!kv->enabled)
    json_object_set_boolean_member (object, "disabled", TRUE);
  else if (member_is_true (object, "disabled"))
    json_object_remove_member (object, "disabled");

  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

JsonNode *
tess_kv_list_to_json (GPtrArray *list)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();

  for (guint i = 0; list != NULL && i < list->len; i++)
    json_array_add_element (array, kv_to_json (g_ptr_array_index (list, i)));
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}
