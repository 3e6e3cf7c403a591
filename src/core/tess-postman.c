#include "tess-postman.h"

#include <string.h>

#include "tess-error.h"
#include "tess-kv.h"
#include "tess-json-file.h"
#include "tess-secrets.h"

#define SCHEMA_V21 "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

/* Adds the members of @object to @extra, sharing the parsed nodes rather than
 * copying them. A member the model holds itself (@modeled) keeps its place as a
 * null placeholder: the exporter writes the model's value there, and a large
 * subtree (child items, bodies) is not held twice. */
static void
keep_members (JsonObject        *extra,
              JsonObject        *object,
              const char * const *modeled)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (modeled != NULL && g_strv_contains (modeled, name))
        {
          /* An object placeholder says "this was an object" (a body: not null). */
          if (JSON_NODE_HOLDS_OBJECT (value))
            json_object_set_object_member (extra, name, json_object_new ());
          else
            json_object_set_null_member (extra, name);
        }
      else
        json_object_set_member (extra, name, json_node_ref (value));
    }
}

static gboolean
holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return holds_string (node) ? json_node_get_string (node) : NULL;
}

TessPostmanKind
tess_postman_detect_kind (JsonNode *root)
{
  JsonObject *object;
  const char *scope;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TESS_POSTMAN_UNKNOWN;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "info") || json_object_has_member (object, "item"))
    return TESS_POSTMAN_COLLECTION;
  scope = member_string (object, "_postman_variable_scope");
  if (g_strcmp0 (scope, "globals") == 0)
    return TESS_POSTMAN_GLOBALS;
  if (g_strcmp0 (scope, "environment") == 0 || json_object_has_member (object, "values"))
    return TESS_POSTMAN_ENVIRONMENT;
  return TESS_POSTMAN_UNKNOWN;
}

/* ---- reading ------------------------------------------------------------ */

/* Appends the key-values of @from to @to, leaving @from empty. */
static void
move_key_values (GPtrArray *to,
                 GPtrArray *from)
{
  gsize n = 0;
  g_autofree gpointer *moved = g_ptr_array_steal (from, &n);

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (to, moved[i]);
}

static void
read_description (TessItem *item,
                  JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (holds_string (node))
    tess_item_set_description (item, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      tess_item_set_description (item, member_string (json_node_get_object (node), "content"));
      tess_item_set_description_node (item, node);
    }
}

static char *
join_parts (JsonNode   *node,
            const char *separator)
{
  GString *out;
  JsonArray *array;

  if (node == NULL)
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return tess_json_node_to_text (node);

  out = g_string_new (NULL);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *part = json_array_get_element (array, i);
      g_autofree char *text = NULL;

      /* v2.1 path segments may be {type, value} objects. */
      if (JSON_NODE_HOLDS_OBJECT (part))
        text = g_strdup (member_string (json_node_get_object (part), "value"));
      else
        text = tess_json_node_to_text (part);
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, text ? text : "");
    }
  return g_string_free (out, FALSE);
}

/* A URL object without "raw" is rebuilt from its parts. */
static char *
url_from_parts (JsonObject *url,
                GPtrArray  *query)
{
  GString *raw = g_string_new (NULL);
  const char *protocol = member_string (url, "protocol");
  g_autofree char *host = join_parts (json_object_get_member (url, "host"), ".");
  g_autofree char *path = join_parts (json_object_get_member (url, "path"), "/");
  JsonNode *port = json_object_get_member (url, "port");
  gboolean first = TRUE;

  if (protocol != NULL)
    g_string_append_printf (raw, "%s://", protocol);
  g_string_append (raw, host);
  if (port != NULL && !JSON_NODE_HOLDS_NULL (port))
    {
      g_autofree char *text = tess_json_node_to_text (port);
      g_string_append_printf (raw, ":%s", text);
    }
  if (*path != '\0')
    g_string_append_printf (raw, "%s%s", path[0] == '/' ? "" : "/", path);
  for (guint i = 0; i < query->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (query, i);

      if (!kv->enabled)
        continue;
      g_string_append_printf (raw, "%c%s", first ? '?' : '&', kv->key);
      {
        JsonNode *value = json_object_get_member (kv->extra, "value");
        if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
          g_string_append_printf (raw, "=%s", kv->value);
      }
      first = FALSE;
    }
  if (member_string (url, "hash") != NULL)
    g_string_append_printf (raw, "#%s", member_string (url, "hash"));
  return g_string_free (raw, FALSE);
}

static gboolean
read_url (TessItem   *item,
          JsonNode   *node,
          const char *path,
          GError    **error)
{
  GPtrArray *query = tess_item_get_query (item);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      tess_item_set_url_extra (item, NULL, FALSE);
      return TRUE;
    }
  if (holds_string (node))
    {
      tess_item_set_url (item, json_node_get_string (node));
      tess_item_set_url_extra (item, NULL, TRUE);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *url = json_node_get_object (node);
      JsonNode *query_node = json_object_get_member (url, "query");
      const char *raw = member_string (url, "raw");
      g_autoptr(GPtrArray) file_query = tess_kv_list_from_json (query_node);

      if (raw != NULL)
        tess_item_set_url (item, raw);
      else
        {
          g_autofree char *built = url_from_parts (url, file_query);
          tess_item_set_url (item, built);
        }
      /* The file's query list is authoritative: it has disabled rows and descriptions. */
      if (query_node != NULL && JSON_NODE_HOLDS_ARRAY (query_node))
        {
          g_ptr_array_set_size (query, 0);
          move_key_values (query, file_query);
          for (guint i = 0; i < query->len; i++)
            {
              TessKeyValue *kv = g_ptr_array_index (query, i);
              JsonNode *value = json_object_get_member (kv->extra, "value");

              /* "value": null is "?key" with no '='. */
              if (value == NULL || JSON_NODE_HOLDS_NULL (value))
                g_clear_pointer (&kv->value, g_free);
            }
        }
      {
        static const char * const modeled[] = { "query", NULL };
        JsonObject *extra = json_object_new ();

        keep_members (extra, url, modeled);
        tess_item_set_url_extra (item, extra, FALSE);
        json_object_unref (extra);
      }
      return TRUE;
    }
  g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
               "item ‘%s’: ‘url’ must be a string or an object", path);
  return FALSE;
}

static gboolean
read_auth (TessItem   *item,
           JsonObject *object,
           const char *path,
           GError    **error)
{
  JsonNode *node = json_object_get_member (object, "auth");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TessAuth) auth = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  auth = tess_auth_new_from_json (node, &local_error);
  if (auth == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID, "item ‘%s’: %s", path, local_error->message);
      return FALSE;
    }
  tess_item_take_auth (item, g_steal_pointer (&auth));
  return TRUE;
}

static gboolean
read_request (TessItem   *item,
              JsonNode   *node,
              const char *path,
              GError    **error)
{
  JsonObject *request;
  JsonNode *body;

  if (holds_string (node))
    {
      g_object_set_data (G_OBJECT (item), "tess-request-was-string", GINT_TO_POINTER (TRUE));
      return read_url (item, node, path, error);
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "item ‘%s’: ‘request’ must be an object or a URL string", path);
      return FALSE;
    }

  request = json_node_get_object (node);
  if (member_string (request, "method") != NULL)
    tess_item_set_method (item, member_string (request, "method"));
  if (!read_url (item, json_object_get_member (request, "url"), path, error))
    return FALSE;
  {
    g_autoptr(GPtrArray) headers = tess_kv_list_from_json (json_object_get_member (request, "header"));

    move_key_values (tess_item_get_headers (item), headers);
  }
  body = json_object_get_member (request, "body");
  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    tess_item_take_body (item, tess_body_new_from_json (body));
  if (!read_auth (item, request, path, error))
    return FALSE;
  read_description (item, json_object_get_member (request, "description"));

  {
    static const char * const modeled[] = { "url", "header", "body", NULL };
    keep_members (tess_item_get_request_extra (item), request, modeled);
  }
  return TRUE;
}

static gboolean read_items (TessItem *parent, JsonNode *items, GError **error);

static TessItem *
read_item (TessItem  *parent,
           JsonNode  *node,
           guint      index,
           GError   **error)
{
  g_autofree char *parent_path = tess_item_dup_path (parent);
  g_autoptr(TessItem) item = NULL;
  g_autofree char *path = NULL;
  JsonObject *object;
  JsonNode *children;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "‘%s’: entry %u of ‘item’ is not an object", parent_path, index + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  children = json_object_get_member (object, "item");
  item = tess_item_new (children != NULL ? TESS_ITEM_FOLDER : TESS_ITEM_REQUEST,
                        member_string (object, "name") ? member_string (object, "name") : "");
  id = member_string (object, "id") ? member_string (object, "id") : member_string (object, "_postman_id");
  if (id != NULL)
    tess_item_set_id (item, id);
  tess_item_append (parent, item);
  path = tess_item_dup_path (item);

  read_description (item, json_object_get_member (object, "description"));
  {
    g_autoptr(GPtrArray) variables = tess_kv_list_from_json (json_object_get_member (object, "variable"));

    move_key_values (tess_item_get_variables (item), variables);
  }
  if (!read_auth (item, object, path, error))
    goto fail;

  if (children != NULL)
    {
      if (!read_items (item, children, error))
        goto fail;
    }
  else if (json_object_has_member (object, "request"))
    {
      if (!read_request (item, json_object_get_member (object, "request"), path, error))
        goto fail;
    }

  {
    static const char * const modeled[] = { "item", "request", NULL };
    keep_members (tess_item_get_extra (item), object, modeled);
  }
  return item;

fail:
  tess_item_remove (parent, item);
  return NULL;
}

static gboolean
read_items (TessItem  *parent,
            JsonNode  *items,
            GError   **error)
{
  JsonArray *array;

  if (items == NULL || JSON_NODE_HOLDS_NULL (items))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (items))
    {
      g_autofree char *path = tess_item_dup_path (parent);
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID, "‘%s’: ‘item’ must be an array", path);
      return FALSE;
    }
  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (read_item (parent, json_array_get_element (array, i), i, error) == NULL)
      return FALSE;
  return TRUE;
}

TessItem *
tess_postman_collection_from_json (JsonNode  *root,
                                   GError   **error)
{
  g_autoptr(TessItem) collection = NULL;
  JsonObject *object, *info = NULL;
  JsonNode *info_node;
  const char *name = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TESS_ERROR, TESS_ERROR_INVALID,
                           "a collection file must hold a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);
  info_node = json_object_get_member (object, "info");
  if (info_node != NULL && !JSON_NODE_HOLDS_OBJECT (info_node))
    {
      g_set_error_literal (error, TESS_ERROR, TESS_ERROR_INVALID, "collection: ‘info’ must be an object");
      return NULL;
    }
  if (info_node != NULL)
    {
      info = json_node_get_object (info_node);
      name = member_string (info, "name");
    }
  if (name == NULL)
    name = member_string (object, "name");

  collection = tess_item_new (TESS_ITEM_COLLECTION, name ? name : "");
  if (info != NULL)
    {
      if (member_string (info, "_postman_id") != NULL)
        tess_item_set_id (collection, member_string (info, "_postman_id"));
      read_description (collection, json_object_get_member (info, "description"));
    }
  {
    g_autoptr(GPtrArray) variables = tess_kv_list_from_json (json_object_get_member (object, "variable"));

    move_key_values (tess_item_get_variables (collection), variables);
  }
  if (!read_auth (collection, object, name ? name : "", error))
    return NULL;
  if (!read_items (collection, json_object_get_member (object, "item"), error))
    return NULL;

  {
    static const char * const modeled[] = { "item", NULL };
    keep_members (tess_item_get_extra (collection), object, modeled);
  }
  /* Reading fired change notifications; a fresh import is not "modified". */
  return g_steal_pointer (&collection);
}

/* ---- writing ------------------------------------------------------------ */

static void
write_description (TessItem   *item,
                   JsonObject *object)
{
  JsonNode *original = tess_item_get_description_node (item);
  const char *text = tess_item_get_description (item);

  if (original != NULL)
    {
      JsonNode *copy = tess_json_node_deep_copy (original);
      JsonObject *description = json_node_get_object (copy);

      if (g_strcmp0 (member_string (description, "content"), text) != 0)
        json_object_set_string_member (description, "content", text ? text : "");
      json_object_set_member (object, "description", copy);
    }
  else if (text != NULL)
    {
      JsonNode *old = json_object_get_member (object, "description");
      if (!holds_string (old) || !g_str_equal (json_node_get_string (old), text))
        json_object_set_string_member (object, "description", text);
    }
}

/* v2.1 wants auth attribute lists as arrays of {key, value, type}. */
static JsonNode *
auth_to_v21 (TessAuth *auth)
{
  JsonNode *node = tess_auth_to_json (auth);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *list = json_object_get_member (object, name);
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;
      JsonArray *array;

      /* An empty map ("noauth": {}) is valid v2.1 as it is. */
      if (g_str_equal (name, "type") || !JSON_NODE_HOLDS_OBJECT (list) ||
          json_object_get_size (json_node_get_object (list)) == 0)
        continue;
      array = json_array_new ();
      json_object_iter_init (&iter, json_node_get_object (list));
      while (json_object_iter_next (&iter, &key, &value))
        {
          JsonObject *attr = json_object_new ();

          json_object_set_string_member (attr, "key", key);
          json_object_set_member (attr, "value", tess_json_node_deep_copy (value));
          json_object_set_string_member (attr, "type", holds_string (value) ? "string" : "any");
          json_array_add_object_element (array, attr);
        }
      json_object_set_array_member (object, name, array);
    }
  return node;
}

static void
write_auth (TessItem   *item,
            JsonObject *object)
{
  TessAuth *auth = tess_item_get_auth (item);

  if (auth != NULL)
    json_object_set_member (object, "auth", auth_to_v21 (auth));
  else if (json_object_has_member (object, "auth"))
    json_object_set_null_member (object, "auth");
}

static void
write_variables (TessItem   *item,
                 JsonObject *object)
{
  GPtrArray *variables = tess_item_get_variables (item);

  if (variables->len > 0 || json_object_has_member (object, "variable"))
    json_object_set_member (object, "variable", tess_kv_list_to_json (variables));
}

static JsonArray *
split_to_array (const char *text,
                const char *separator)
{
  JsonArray *array = json_array_new ();
  g_auto(GStrv) parts = g_strsplit (text, separator, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    json_array_add_string_element (array, parts[i]);
  return array;
}

/* Postman's own split of a raw URL into protocol, host, port, path. */
static void
write_url_parts (JsonObject *url,
                 const char *raw)
{
  g_autofree char *rest = NULL;
  const char *scheme_end = strstr (raw, "://");
  char *cut, *slash, *colon;

  json_object_remove_member (url, "protocol");
  json_object_remove_member (url, "host");
  json_object_remove_member (url, "port");
  json_object_remove_member (url, "path");
  json_object_remove_member (url, "hash");

  if (scheme_end != NULL)
    {
      g_autofree char *protocol = g_strndup (raw, scheme_end - raw);
      json_object_set_string_member (url, "protocol", protocol);
      raw = scheme_end + 3;
    }
  rest = g_strdup (raw);
  if ((cut = strchr (rest, '#')) != NULL)
    {
      json_object_set_string_member (url, "hash", cut + 1);
      *cut = '\0';
    }
  if ((cut = strchr (rest, '?')) != NULL)
    *cut = '\0';
  slash = strchr (rest, '/');
  if (slash != NULL)
    {
      json_object_set_array_member (url, "path", split_to_array (slash + 1, "/"));
      *slash = '\0';
    }
  colon = strrchr (rest, ':');
  if (colon != NULL && strchr (colon, '}') == NULL)
    {
      json_object_set_string_member (url, "port", colon + 1);
      *colon = '\0';
    }
  if (*rest != '\0')
    json_object_set_array_member (url, "host", split_to_array (rest, "."));
}

static JsonNode *
query_to_json (GPtrArray *query)
{
  JsonNode *node = tess_kv_list_to_json (query);
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < query->len; i++)
    if (((TessKeyValue *) query->pdata[i])->value == NULL)
      json_object_set_null_member (json_array_get_object_element (array, i), "value");
  return node;
}

static JsonNode *
url_to_json (TessItem *item)
{
  JsonObject *url_extra = tess_item_get_url_extra (item);
  GPtrArray *query = tess_item_get_query (item);
  const char *raw = tess_item_get_url (item);
  gboolean has_disabled = FALSE;
  JsonObject *url;
  JsonNode *node;

  for (guint i = 0; i < query->len; i++)
    has_disabled |= !((TessKeyValue *) query->pdata[i])->enabled;

  if (tess_item_get_url_was_string (item) && !has_disabled)
    {
      node = json_node_alloc ();
      json_node_init_string (node, raw);
      return node;
    }

  url = tess_json_object_share (url_extra);
  if (!json_object_has_member (url_extra, "raw") && !tess_item_get_url_modified (item) &&
      json_object_get_size (url_extra) > 0)
    ; /* a parts-only URL object stays as it was */
  else
    json_object_set_string_member (url, "raw", raw);
  if (tess_item_get_url_modified (item) || json_object_get_size (url_extra) == 0)
    write_url_parts (url, raw);
  if (query->len > 0 || json_object_has_member (url, "query"))
    json_object_set_member (url, "query", query_to_json (query));
  node = json_node_alloc ();
  json_node_init_object (node, url);
  json_object_unref (url);
  return node;
}

static JsonNode *
request_to_json (TessItem *item)
{
  JsonObject *request;
  TessBody *body = tess_item_get_body (item);
  GPtrArray *headers = tess_item_get_headers (item);
  JsonNode *node;

  if (g_object_get_data (G_OBJECT (item), "tess-request-was-string") &&
      g_str_equal (tess_item_get_method (item), "GET") && headers->len == 0 &&
      body->mode == TESS_BODY_NONE && !tess_item_get_url_modified (item) &&
      tess_item_get_auth (item) == NULL)
    {
      node = json_node_alloc ();
      json_node_init_string (node, tess_item_get_url (item));
      return node;
    }

  request = tess_json_object_share (tess_item_get_request_extra (item));
  if (json_object_has_member (request, "method") || !g_str_equal (tess_item_get_method (item), "GET") ||
      json_object_get_size (request) == 0)
    json_object_set_string_member (request, "method", tess_item_get_method (item));
  if (headers->len > 0 || json_object_has_member (request, "header"))
    json_object_set_member (request, "header", tess_kv_list_to_json (headers));
  if (body->mode != TESS_BODY_NONE ||
      (json_object_has_member (request, "body") &&
       JSON_NODE_HOLDS_OBJECT (json_object_get_member (request, "body"))))
    json_object_set_member (request, "body", tess_body_to_json (body));
  json_object_set_member (request, "url", url_to_json (item));
  write_auth (item, request);
  /* A request's description lives in the request object unless the file kept
   * it on the item. */
  if (json_object_has_member (request, "description") ||
      !json_object_has_member (tess_item_get_extra (item), "description"))
    write_description (item, request);
  node = json_node_alloc ();
  json_node_init_object (node, request);
  json_object_unref (request);
  return node;
}

/* An item's own members; a folder's "item" member is an empty array, returned
 * in @children for the walk to fill (the document owns it). */
static JsonNode *
item_to_json (TessItem               *item,
              TessPostmanExportFlags  flags,
              JsonArray             **children)
{
  JsonObject *object = tess_json_object_share (tess_item_get_extra (item));
  JsonNode *node = json_node_alloc ();
  gboolean is_new = json_object_get_size (object) == 0;

  /* Ids are written where the file had them; the workspace asks for them
   * everywhere, since secrets in the keyring are keyed by id. */
  if (json_object_has_member (object, "_postman_id") && !json_object_has_member (object, "id"))
    json_object_set_string_member (object, "_postman_id", tess_item_get_id (item));
  else if (is_new || json_object_has_member (object, "id") || (flags & TESS_POSTMAN_EXPORT_ASSIGN_IDS))
    json_object_set_string_member (object, "id", tess_item_get_id (item));
  if (is_new || json_object_has_member (object, "name") || *tess_item_get_name (item) != '\0')
    json_object_set_string_member (object, "name", tess_item_get_name (item));
  if (tess_item_get_kind (item) == TESS_ITEM_FOLDER ||
      (json_object_has_member (object, "description") &&
       !json_object_has_member (tess_item_get_request_extra (item), "description")))
    write_description (item, object);
  write_variables (item, object);

  *children = NULL;
  if (tess_item_get_kind (item) == TESS_ITEM_FOLDER)
    {
      *children = json_array_new ();
      json_object_set_array_member (object, "item", *children);
      write_auth (item, object);
    }
  else
    {
      json_object_set_member (object, "request", request_to_json (item));
      if (is_new)
        json_object_set_array_member (object, "response", json_array_new ());
    }

  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

/* The collection's own members, with an empty "item" array in @children. */
static JsonNode *
collection_to_json (TessItem   *collection,
                    TessPostmanExportFlags flags,
                    JsonArray **children)
{
  JsonObject *object = tess_json_object_share (tess_item_get_extra (collection));
  JsonNode *info_node = json_object_get_member (object, "info");
  JsonObject *info;
  JsonNode *node;

  if (info_node == NULL || !JSON_NODE_HOLDS_OBJECT (info_node))
    {
      info = json_object_new ();
      json_object_set_object_member (object, "info", info);
    }
  else
    {
      /* Written to below: a copy of its own. */
      info_node = tess_json_node_deep_copy (info_node);
      json_object_set_member (object, "info", info_node);
      info = json_node_get_object (info_node);
    }

  if (json_object_has_member (info, "_postman_id") || (flags & TESS_POSTMAN_EXPORT_ASSIGN_IDS) ||
      json_object_get_size (info) == 0)
    json_object_set_string_member (info, "_postman_id", tess_item_get_id (collection));
  json_object_set_string_member (info, "name", tess_item_get_name (collection));
  write_description (collection, info);
  /* Keep the file's own v2.1 schema URL (http/https, draft-07 spellings). */
  if (strstr (json_object_get_string_member_with_default (info, "schema", ""), "v2.1") == NULL)
    json_object_set_string_member (info, "schema", SCHEMA_V21);

  *children = json_array_new ();
  json_object_set_array_member (object, "item", *children);
  write_auth (collection, object);
  write_variables (collection, object);

  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

/* ---- writing in steps ----------------------------------------------------- */

typedef struct {
  TessItem *folder;     /* owned */
  guint next;           /* the next child to write */
  JsonArray *array;     /* the folder's "item" array in the document */
} Frame;

struct _TessPostmanExport
{
  TessPostmanExportFlags flags;
  JsonNode *root;
  GArray *frames;       /* Frame: the folders being walked, innermost last */
};

static void
frame_clear (gpointer data)
{
  g_clear_object (&((Frame *) data)->folder);
}

static void
push_frame (TessPostmanExport *self,
            TessItem          *folder,
            JsonArray         *array)
{
  Frame frame = { g_object_ref (folder), 0, array };

  g_array_append_val (self->frames, frame);
}

/* A walk that fills @children (when not NULL), the "item" array of @folder
 * in @root (taken). */
static TessPostmanExport *
export_new (TessPostmanExportFlags  flags,
            JsonNode               *root,
            TessItem               *folder,
            JsonArray              *children)
{
  TessPostmanExport *self = g_new0 (TessPostmanExport, 1);

  self->flags = flags;
  self->root = root;
  self->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_array_set_clear_func (self->frames, frame_clear);
  if (children != NULL)
    push_frame (self, folder, children);
  return self;
}

TessPostmanExport *
tess_postman_export_new (TessItem               *collection,
                         TessPostmanExportFlags  flags)
{
  JsonArray *children;
  JsonNode *root;

  g_return_val_if_fail (TESS_IS_ITEM (collection), NULL);
  g_return_val_if_fail (tess_item_get_kind (collection) == TESS_ITEM_COLLECTION, NULL);

  root = collection_to_json (collection, flags, &children);
  return export_new (flags, root, collection, children);
}

gboolean
tess_postman_export_step (TessPostmanExport *self,
                          gint64             deadline)
{
  guint written = 0;

  while (self->frames->len > 0)
    {
      Frame *frame = &g_array_index (self->frames, Frame, self->frames->len - 1);
      GListModel *children = tess_item_get_children (frame->folder);
      g_autoptr(TessItem) child = NULL;
      JsonArray *grandchildren;

      if (frame->next >= g_list_model_get_n_items (children))
        {
          g_array_set_size (self->frames, self->frames->len - 1);
          continue;
        }
      child = g_list_model_get_item (children, frame->next++);
      json_array_add_element (frame->array, item_to_json (child, self->flags, &grandchildren));
      if (grandchildren != NULL)
        push_frame (self, child, grandchildren);
      /* The clock is read every few items: one item takes microseconds. */
      if (++written % 16 == 0 && g_get_monotonic_time () >= deadline)
        return self->frames->len == 0;
    }
  return TRUE;
}

JsonNode *
tess_postman_export_finish (TessPostmanExport *self)
{
  JsonNode *root;

  g_return_val_if_fail (self->frames->len == 0, NULL);

  root = g_steal_pointer (&self->root);
  /* On the finished document: auth kept in saved responses and members
   * Tessera does not model are covered too. */
  if (!(self->flags & TESS_POSTMAN_EXPORT_INCLUDE_SECRETS))
    tess_secrets_blank_json (root);
  tess_postman_export_free (self);
  return root;
}

void
tess_postman_export_free (TessPostmanExport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->root, json_node_unref);
  g_array_unref (self->frames);
  g_free (self);
}

TessPostmanExport *
tess_postman_export_new_for_copy (TessItem *item)
{
  TessPostmanExportFlags flags = TESS_POSTMAN_EXPORT_INCLUDE_SECRETS;
  TessPostmanExport *export;
  JsonObject *object;
  JsonObject *info;
  JsonArray *items;
  JsonArray *children;

  g_return_val_if_fail (TESS_IS_ITEM (item), NULL);
  g_return_val_if_fail (tess_item_get_kind (item) != TESS_ITEM_COLLECTION, NULL);

  /* A collection that holds only @item. */
  object = json_object_new ();
  info = json_object_new ();
  items = json_array_new ();
  json_object_set_string_member (info, "name", "");
  json_object_set_string_member (info, "schema", SCHEMA_V21);
  json_object_set_object_member (object, "info", info);
  json_array_add_element (items, item_to_json (item, flags, &children));
  json_object_set_array_member (object, "item", items);
  export = export_new (flags, json_node_init_object (json_node_alloc (), object), item, children);
  json_object_unref (object);
  return export;
}

TessItem *
tess_postman_copy_from_json (JsonNode  *root,
                             GError   **error)
{
  g_autoptr(TessItem) collection = NULL;
  GListModel *children;
  TessItem *copy;

  g_return_val_if_fail (root != NULL, NULL);

  collection = tess_postman_collection_from_json (root, error);
  if (collection == NULL)
    return NULL;
  children = tess_item_get_children (collection);
  if (g_list_model_get_n_items (children) != 1)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "A copy’s document holds %u items, not one", g_list_model_get_n_items (children));
      return NULL;
    }
  copy = g_list_model_get_item (children, 0);
  tess_item_remove (collection, copy);
  return copy;
}

TessItem *
tess_postman_copy_item (TessItem  *item,
                        GError   **error)
{
  TessPostmanExport *export;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TESS_IS_ITEM (item), NULL);
  g_return_val_if_fail (tess_item_get_kind (item) != TESS_ITEM_COLLECTION, NULL);

  export = tess_postman_export_new_for_copy (item);
  tess_postman_export_step (export, G_MAXINT64);
  root = tess_postman_export_finish (export);
  return tess_postman_copy_from_json (root, error);
}

JsonNode *
tess_postman_collection_to_json (TessItem *collection)
{
  return tess_postman_collection_to_json_full (collection, TESS_POSTMAN_EXPORT_INCLUDE_SECRETS);
}

JsonNode *
tess_postman_collection_to_json_full (TessItem               *collection,
                                      TessPostmanExportFlags  flags)
{
  TessPostmanExport *export = tess_postman_export_new (collection, flags);

  tess_postman_export_step (export, G_MAXINT64);
  return tess_postman_export_finish (export);
}

/* ---- files -------------------------------------------------------------- */

TessItem *
tess_postman_load_collection_document (const char  *path,
                                       JsonNode   **document,
                                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  TessItem *collection;

  g_return_val_if_fail (document != NULL && *document == NULL, NULL);

  root = tess_json_file_load (path, error);
  if (root == NULL)
    return NULL;
  if (tess_postman_detect_kind (root) != TESS_POSTMAN_COLLECTION)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "%s: not a Postman collection (no ‘info’ or ‘item’)", path);
      return NULL;
    }
  collection = tess_postman_collection_from_json (root, error);
  if (collection == NULL)
    g_prefix_error (error, "%s: ", path);
  *document = g_steal_pointer (&root);
  return collection;
}

TessItem *
tess_postman_load_collection (const char  *path,
                              GError     **error)
{
  g_autoptr(JsonNode) document = NULL;

  return tess_postman_load_collection_document (path, &document, error);
}

TessEnvironment *
tess_postman_load_environment (const char  *path,
                               GError     **error)
{
  g_autoptr(JsonNode) root = tess_json_file_load (path, error);
  TessEnvironment *environment;

  if (root == NULL)
    return NULL;
  environment = tess_environment_new_from_json (root, error);
  if (environment == NULL)
    g_prefix_error (error, "%s: ", path);
  return environment;
}

gboolean
tess_postman_save_collection (TessItem    *collection,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(JsonNode) root = tess_postman_collection_to_json_full (collection, TESS_POSTMAN_EXPORT_ASSIGN_IDS);

  return tess_json_file_save (path, root, error);
}

gboolean
tess_postman_save_environment (TessEnvironment  *environment,
                               const char       *path,
                               GError          **error)
{
  g_autoptr(JsonNode) root = tess_environment_to_json (environment);

  tess_secrets_blank_json (root);
  return tess_json_file_save (path, root, error);
}
