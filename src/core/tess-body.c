#include "tess-body.h"

#include "tess-kv.h"

G_DEFINE_BOXED_TYPE (TessBody, tess_body, tess_body_copy, tess_body_free)

static const char * const mode_names[] = {
  [TESS_BODY_NONE] = "none",
  [TESS_BODY_RAW] = "raw",
  [TESS_BODY_URLENCODED] = "urlencoded",
  [TESS_BODY_FORMDATA] = "formdata",
  [TESS_BODY_FILE] = "file",
  [TESS_BODY_GRAPHQL] = "graphql",
};

const char *
tess_body_mode_to_string (TessBodyMode mode)
{
  return mode_names[mode];
}

TessBodyMode
tess_body_mode_from_string (const char *mode)
{
  for (guint i = 0; mode != NULL && i < G_N_ELEMENTS (mode_names); i++)
    if (g_str_equal (mode_names[i], mode))
      return i;
  return TESS_BODY_NONE;
}

TessBody *
tess_body_new (void)
{
  TessBody *body = g_new0 (TessBody, 1);

  body->urlencoded = tess_kv_list_new ();
  body->formdata = tess_kv_list_new ();
  body->extra = json_object_new ();
  return body;
}

void
tess_body_free (TessBody *body)
{
  if (body == NULL)
    return;
  g_free (body->raw);
  g_free (body->language);
  g_ptr_array_unref (body->urlencoded);
  g_ptr_array_unref (body->formdata);
  g_free (body->file_src);
  g_free (body->graphql_query);
  g_free (body->graphql_variables);
  json_object_unref (body->extra);
  g_free (body);
}

TessBody *
tess_body_copy (const TessBody *body)
{
  g_autoptr(JsonNode) node = tess_body_to_json (body);

  return tess_body_new_from_json (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? tess_json_node_to_text (node) : NULL;
}

/* The members the model does not hold, shared with the parsed tree; the modeled
 * ones keep their place as null placeholders so the text is not held twice. */
static void
keep_unmodeled (JsonObject *extra,
                JsonObject *object)
{
  static const char * const modeled[] = { "raw", "urlencoded", "formdata", NULL };
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (g_strv_contains (modeled, name))
        json_object_set_null_member (extra, name);
      else
        json_object_set_member (extra, name, json_node_ref (value));
    }
}

TessBody *
tess_body_new_from_json (JsonNode *node)
{
  TessBody *body = tess_body_new ();
  JsonObject *object, *options, *raw_options, *file, *graphql;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return body;

  object = json_node_get_object (node);
  keep_unmodeled (body->extra, object);

  body->mode = tess_body_mode_from_string (json_object_get_string_member_with_default (object, "mode", "none"));
  body->raw = member_text (object, "raw");
  options = member_object (object, "options");
  raw_options = options ? member_object (options, "raw") : NULL;
  body->language = member_text (raw_options, "language");
  g_ptr_array_unref (body->urlencoded);
  body->urlencoded = tess_kv_list_from_json (json_object_get_member (object, "urlencoded"));
  g_ptr_array_unref (body->formdata);
  body->formdata = tess_kv_list_from_json (json_object_get_member (object, "formdata"));
  file = member_object (object, "file");
  body->file_src = member_text (file, "src");
  graphql = member_object (object, "graphql");
  body->graphql_query = member_text (graphql, "query");
  body->graphql_variables = member_text (graphql, "variables");
  return body;
}

static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  JsonObject *child = member_object (parent, name);

  if (child == NULL)
    {
      child = json_object_new ();
      json_object_set_object_member (parent, name, child);
    }
  return child;
}

/* Writes @text as @name unless the member already holds the same text
 * (so a non-string value read from the file stays as it was). */
static void
set_text (JsonObject *object,
          const char *name,
          const char *text)
{
  g_autofree char *old = member_text (object, name);

  if (text == NULL)
    return;
  if (old == NULL || !g_str_equal (old, text) ||
      json_node_get_value_type (json_object_get_member (object, name)) == G_TYPE_STRING)
    json_object_set_string_member (object, name, text);
}

JsonNode *
tess_body_to_json (const TessBody *body)
{
  g_autoptr(JsonNode) extra = json_node_alloc ();
  JsonNode *node;
  JsonObject *object;

  json_node_init_object (extra, body->extra);
  node = tess_json_node_deep_copy (extra);
  object = json_node_get_object (node);

  {
    /* A mode Tessera does not know is kept as written unless the person changed it.
     * v2.1 has no "none" mode: a body without a mode keeps none. */
    const char *old_mode = json_object_get_string_member_with_default (object, "mode", NULL);
    if (old_mode == NULL ? body->mode != TESS_BODY_NONE : tess_body_mode_from_string (old_mode) != body->mode)
      json_object_set_string_member (object, "mode", tess_body_mode_to_string (body->mode));
  }
  set_text (object, "raw", body->raw);
  if (body->language != NULL)
    set_text (ensure_object (ensure_object (object, "options"), "raw"), "language", body->language);
  if (body->urlencoded->len > 0 || json_object_has_member (object, "urlencoded"))
    json_object_set_member (object, "urlencoded", tess_kv_list_to_json (body->urlencoded));
  if (body->formdata->len > 0 || json_object_has_member (object, "formdata"))
    json_object_set_member (object, "formdata", tess_kv_list_to_json (body->formdata));
  if (body->file_src != NULL)
    set_text (ensure_object (object, "file"), "src", body->file_src);
  if (body->graphql_query != NULL || body->graphql_variables != NULL)
    {
      JsonObject *graphql = ensure_object (object, "graphql");
      set_text (graphql, "query", body->graphql_query);
      set_text (graphql, "variables", body->graphql_variables);
    }
  return node;
}
