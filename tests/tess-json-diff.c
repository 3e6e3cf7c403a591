#include "tess-json-diff.h"

static char *
diff_at (JsonNode   *a,
         JsonNode   *b,
         const char *path)
{
  if (a == NULL || b == NULL)
    return a == b ? NULL : g_strdup_printf ("%s (missing on one side)", path);
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return g_strdup_printf ("%s (type differs)", path);

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
        g_autoptr(GList) ma = json_object_get_members (oa);
        g_autoptr(GList) mb = json_object_get_members (ob);

        for (GList *l = ma; l; l = l->next)
          {
            g_autofree char *sub = g_strdup_printf ("%s.%s", path, (char *) l->data);
            char *d = diff_at (json_object_get_member (oa, l->data), json_object_get_member (ob, l->data), sub);
            if (d)
              return d;
          }
        for (GList *l = mb; l; l = l->next)
          if (!json_object_has_member (oa, l->data))
            return g_strdup_printf ("%s.%s (added)", path, (char *) l->data);
        return NULL;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a), *ab = json_node_get_array (b);

        if (json_array_get_length (aa) != json_array_get_length (ab))
          return g_strdup_printf ("%s (length %u vs %u)", path, json_array_get_length (aa), json_array_get_length (ab));
        for (guint i = 0; i < json_array_get_length (aa); i++)
          {
            g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
            char *d = diff_at (json_array_get_element (aa, i), json_array_get_element (ab, i), sub);
            if (d)
              return d;
          }
        return NULL;
      }
    case JSON_NODE_VALUE:
      if (!json_node_equal (a, b))
        {
          g_autofree char *ta = json_to_string (a, FALSE);
          g_autofree char *tb = json_to_string (b, FALSE);
          return g_strdup_printf ("%s (%s vs %s)", path, ta, tb);
        }
      return NULL;
    case JSON_NODE_NULL:
    default:
      return NULL;
    }
}

char *
tess_json_first_difference (JsonNode *a,
                            JsonNode *b)
{
  return diff_at (a, b, "$");
}
