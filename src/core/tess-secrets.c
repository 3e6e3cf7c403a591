#include "tess-secrets.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-auth-scheme.h"

#define AUTH_PREFIX "auth."
#define VAR_PREFIX  "var."

/* Tokens an OAuth 2.0 auth may carry beside the access token; the scheme
 * table lists only what the form edits. */
static const char * const oauth2_token_keys[] = {
  "refreshToken", "refresh_token", "idToken", "id_token", NULL
};

gboolean
tess_secrets_auth_key_is_secret (const char *type,
                                 const char *key)
{
  const TessAuthScheme *scheme = tess_auth_scheme_lookup (type);
  const TessAuthField *field;

  if (scheme == NULL || key == NULL)
    return FALSE;
  field = tess_auth_scheme_get_field (scheme, key);
  if (field != NULL)
    return tess_auth_field_is_secret (field);
  return g_str_equal (type, "oauth2") && g_strv_contains (oauth2_token_keys, key);
}

gboolean
tess_secrets_value_is_reference (const char *value)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  if (value == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (value));
  len = strlen (trimmed);
  if (len < 5 || !g_str_has_prefix (trimmed, "{{") || !g_str_has_suffix (trimmed, "}}"))
    return FALSE;
  /* Exactly one reference: no other braces inside. */
  for (gsize i = 2; i < len - 2; i++)
    if (trimmed[i] == '{' || trimmed[i] == '}')
      return FALSE;
  return TRUE;
}

gboolean
tess_secrets_value_is_secret (const char *value)
{
  return value != NULL && *value != '\0' && !tess_secrets_value_is_reference (value);
}

static const char *
owner_kind_for (TessItem *item)
{
  switch (tess_item_get_kind (item))
    {
    case TESS_ITEM_COLLECTION:
      return TESS_SECRET_OWNER_COLLECTION;
    case TESS_ITEM_FOLDER:
      return TESS_SECRET_OWNER_FOLDER;
    case TESS_ITEM_REQUEST:
    default:
      return TESS_SECRET_OWNER_REQUEST;
    }
}

/* ---- walking auth JSON ------------------------------------------------------ */

/* Calls @func for every secret attribute of the auth object @auth: @value is
 * the attribute's value node (NULL when absent), @set_value writes one. */
typedef void (*AuthAttrFunc) (const char *type,
                              const char *key,
                              JsonNode   *value,
                              JsonObject *holder,
                              const char *member,
                              gpointer    user_data);

static void
foreach_auth_secret (JsonObject   *auth,
                     AuthAttrFunc  func,
                     gpointer      user_data)
{
  g_autoptr(GList) members = json_object_get_members (auth);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *type = l->data;
      JsonNode *list = json_object_get_member (auth, type);

      if (g_str_equal (type, "type") || tess_auth_scheme_lookup (type) == NULL)
        continue;
      if (JSON_NODE_HOLDS_ARRAY (list))
        {
          JsonArray *array = json_node_get_array (list);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              JsonObject *attr;
              const char *key;

              if (!JSON_NODE_HOLDS_OBJECT (element))
                continue;
              attr = json_node_get_object (element);
              key = json_object_get_string_member_with_default (attr, "key", NULL);
              if (tess_secrets_auth_key_is_secret (type, key))
                func (type, key, json_object_get_member (attr, "value"), attr, "value", user_data);
            }
        }
      else if (JSON_NODE_HOLDS_OBJECT (list))
        {
          JsonObject *map = json_node_get_object (list);
          g_autoptr(GList) keys = json_object_get_members (map);

          for (GList *k = keys; k != NULL; k = k->next)
            if (tess_secrets_auth_key_is_secret (type, k->data))
              func (type, k->data, json_object_get_member (map, k->data), map, k->data, user_data);
        }
    }
}

static char *
auth_field (const char *type,
            const char *key)
{
  return g_strconcat (AUTH_PREFIX, type, ".", key, NULL);
}

static char *
variable_field (const char *name)
{
  return g_strconcat (VAR_PREFIX, name, NULL);
}

/* ---- collecting ------------------------------------------------------------- */

typedef struct {
  GPtrArray *into;
  const char *owner_kind;
  const char *owner_id;
  const char *owner_label;
} Collect;

static void
collect_auth_cb (const char *type,
                 const char *key,
                 JsonNode   *value,
                 JsonObject *holder,
                 const char *member,
                 gpointer    user_data)
{
  Collect *collect = user_data;
  g_autofree char *text = value ? tess_json_node_to_text (value) : g_strdup ("");
  g_autofree char *field = NULL;
  const TessAuthScheme *scheme = tess_auth_scheme_lookup (type);
  const TessAuthField *auth_field_info = tess_auth_scheme_get_field (scheme, key);
  TessSecret *secret;

  if (tess_secrets_value_is_reference (text))
    return;
  field = auth_field (type, key);
  secret = tess_secret_new (collect->owner_kind, collect->owner_id, field, text);
  secret->label = g_strdup_printf ("Tessera: %s: %s %s", collect->owner_label, _(scheme->label),
                                   auth_field_info ? _(auth_field_info->label) : key);
  g_ptr_array_add (collect->into, secret);
}

static void
collect_variables (Collect   *collect,
                   GPtrArray *variables)
{
  for (guint i = 0; variables != NULL && i < variables->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (variables, i);
      g_autofree char *field = NULL;
      TessSecret *secret;

      if (!tess_key_value_is_secret (kv) || tess_secrets_value_is_reference (kv->value))
        continue;
      field = variable_field (kv->key);
      secret = tess_secret_new (collect->owner_kind, collect->owner_id, field, kv->value ? kv->value : "");
      secret->label = g_strdup_printf ("Tessera: %s: variable %s", collect->owner_label, kv->key);
      g_ptr_array_add (collect->into, secret);
    }
}

static void
collect_item (TessItem  *item,
              GPtrArray *into)
{
  g_autofree char *path = tess_item_dup_path (item);
  Collect collect = { into, owner_kind_for (item), tess_item_get_id (item), path };
  TessAuth *auth = tess_item_get_auth (item);
  GListModel *children = tess_item_get_children (item);

  if (auth != NULL)
    {
      g_autoptr(JsonNode) node = tess_auth_to_json (auth);

      foreach_auth_secret (json_node_get_object (node), collect_auth_cb, &collect);
    }
  collect_variables (&collect, tess_item_get_variables (item));

  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (children, i);

      collect_item (child, into);
    }
}

GPtrArray *
tess_secrets_collect_collection (TessItem *collection)
{
  GPtrArray *into = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_secret_free);

  g_return_val_if_fail (TESS_IS_ITEM (collection), into);

  collect_item (collection, into);
  return into;
}

static void
environment_owner (TessEnvironment  *environment,
                   const char      **kind,
                   const char      **id)
{
  if (tess_environment_get_is_globals (environment))
    {
      *kind = TESS_SECRET_OWNER_GLOBALS;
      *id = TESS_SECRET_GLOBALS_ID;
    }
  else
    {
      *kind = TESS_SECRET_OWNER_ENVIRONMENT;
      *id = tess_environment_get_id (environment);
    }
}

GPtrArray *
tess_secrets_collect_environment (TessEnvironment *environment)
{
  GPtrArray *into = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_secret_free);
  g_autofree char *label = NULL;
  Collect collect = { into, NULL, NULL, NULL };

  g_return_val_if_fail (TESS_IS_ENVIRONMENT (environment), into);

  environment_owner (environment, &collect.owner_kind, &collect.owner_id);
  label = tess_environment_get_is_globals (environment)
    ? g_strdup ("globals")
    : g_strdup_printf ("environment %s", tess_environment_get_name (environment));
  collect.owner_label = label;
  collect_variables (&collect, tess_environment_get_values (environment));
  return into;
}

/* ---- filling ------------------------------------------------------------------ */

typedef struct {
  GHashTable *values;
  const char *owner_kind;
  const char *owner_id;
  guint filled;
} Fill;

static const char *
value_for (Fill       *fill,
           const char *field)
{
  g_autofree char *key = tess_secret_make_key (fill->owner_kind, fill->owner_id, field);

  return g_hash_table_lookup (fill->values, key);
}

static void
fill_auth_cb (const char *type,
              const char *key,
              JsonNode   *value,
              JsonObject *holder,
              const char *member,
              gpointer    user_data)
{
  Fill *fill = user_data;
  g_autofree char *text = value ? tess_json_node_to_text (value) : g_strdup ("");
  g_autofree char *field = NULL;
  const char *stored;

  if (*text != '\0')
    return;
  field = auth_field (type, key);
  stored = value_for (fill, field);
  if (stored == NULL)
    return;
  json_object_set_string_member (holder, member, stored);
  fill->filled++;
}

static void
fill_variables (Fill      *fill,
                GPtrArray *variables)
{
  for (guint i = 0; variables != NULL && i < variables->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (variables, i);
      g_autofree char *field = NULL;
      const char *stored;

      if (!tess_key_value_is_secret (kv) || (kv->value != NULL && *kv->value != '\0'))
        continue;
      field = variable_field (kv->key);
      stored = value_for (fill, field);
      if (stored == NULL)
        continue;
      g_free (kv->value);
      kv->value = g_strdup (stored);
      fill->filled++;
    }
}

static void
fill_item (TessItem *item,
           Fill     *fill)
{
  TessAuth *auth = tess_item_get_auth (item);
  GListModel *children = tess_item_get_children (item);

  fill->owner_kind = owner_kind_for (item);
  fill->owner_id = tess_item_get_id (item);
  if (auth != NULL)
    {
      g_autoptr(JsonNode) node = tess_auth_to_json (auth);
      guint before = fill->filled;

      foreach_auth_secret (json_node_get_object (node), fill_auth_cb, fill);
      if (fill->filled != before)
        {
          g_autoptr(TessAuth) filled = tess_auth_new_from_json (node, NULL);

          if (filled != NULL)
            tess_item_set_auth (item, filled);
        }
    }
  fill_variables (fill, tess_item_get_variables (item));

  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (children, i);

      fill_item (child, fill);
    }
}

guint
tess_secrets_fill_collection (TessItem   *collection,
                              GHashTable *values)
{
  Fill fill = { values, NULL, NULL, 0 };

  g_return_val_if_fail (TESS_IS_ITEM (collection), 0);

  if (values == NULL || g_hash_table_size (values) == 0)
    return 0;
  fill_item (collection, &fill);
  return fill.filled;
}

guint
tess_secrets_fill_environment (TessEnvironment *environment,
                               GHashTable      *values)
{
  Fill fill = { values, NULL, NULL, 0 };

  g_return_val_if_fail (TESS_IS_ENVIRONMENT (environment), 0);

  if (values == NULL || g_hash_table_size (values) == 0)
    return 0;
  environment_owner (environment, &fill.owner_kind, &fill.owner_id);
  fill_variables (&fill, tess_environment_get_values (environment));
  return fill.filled;
}

/* ---- blanking documents ---------------------------------------------------------- */

static void
blank_auth_cb (const char *type,
               const char *key,
               JsonNode   *value,
               JsonObject *holder,
               const char *member,
               gpointer    user_data)
{
  guint *blanked = user_data;
  g_autofree char *text = NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return;
  text = tess_json_node_to_text (value);
  if (!tess_secrets_value_is_secret (text))
    return;
  json_object_set_string_member (holder, member, "");
  (*blanked)++;
}

static void
blank_variables (JsonArray *variables,
                 guint     *blanked)
{
  for (guint i = 0; i < json_array_get_length (variables); i++)
    {
      JsonNode *element = json_array_get_element (variables, i);
      JsonObject *entry;
      JsonNode *value;
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "type", NULL), "secret") != 0)
        continue;
      value = json_object_get_member (entry, "value");
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        continue;
      text = tess_json_node_to_text (value);
      if (!tess_secrets_value_is_secret (text))
        continue;
      json_object_set_string_member (entry, "value", "");
      (*blanked)++;
    }
}

static void
blank_node (JsonNode *node,
            guint    *blanked)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *member = json_object_get_member (object, name);

          if (g_str_equal (name, "auth") && JSON_NODE_HOLDS_OBJECT (member))
            foreach_auth_secret (json_node_get_object (member), blank_auth_cb, blanked);
          else if ((g_str_equal (name, "variable") || g_str_equal (name, "values")) &&
                   JSON_NODE_HOLDS_ARRAY (member))
            {
              blank_variables (json_node_get_array (member), blanked);
              blank_node (member, blanked);
            }
          else
            blank_node (member, blanked);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        blank_node (json_array_get_element (array, i), blanked);
    }
}

guint
tess_secrets_blank_json (JsonNode *root)
{
  guint blanked = 0;

  g_return_val_if_fail (root != NULL, 0);

  blank_node (root, &blanked);
  return blanked;
}
