#include "tess-item.h"

#include <string.h>

struct _TessItem
{
  GObject parent_instance;

  TessItemKind kind;
  char *id;
  char *name;
  char *description;
  JsonNode *description_node;
  TessItem *parent;             /* weak */
  GListStore *children;
  GPtrArray *variables;
  TessAuth *auth;

  char *method;
  char *url;
  GPtrArray *query;
  GPtrArray *headers;
  TessBody *body;
  JsonObject *url_extra;
  gboolean url_was_string;
  gboolean url_modified;
  JsonObject *request_extra;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (TessItem, tess_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_METHOD,
  PROP_URL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
tess_generate_uuid (void)
{
  return g_uuid_string_random ();
}

static void
tess_item_dispose (GObject *object)
{
  TessItem *self = TESS_ITEM (object);

  if (self->children != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TessItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
          child->parent = NULL;
        }
    }
  g_clear_object (&self->children);
  G_OBJECT_CLASS (tess_item_parent_class)->dispose (object);
}

static void
tess_item_finalize (GObject *object)
{
  TessItem *self = TESS_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->description_node, json_node_unref);
  g_clear_pointer (&self->variables, g_ptr_array_unref);
  g_clear_pointer (&self->auth, tess_auth_free);
  g_free (self->method);
  g_free (self->url);
  g_clear_pointer (&self->query, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->body, tess_body_free);
  g_clear_pointer (&self->url_extra, json_object_unref);
  g_clear_pointer (&self->request_extra, json_object_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (tess_item_parent_class)->finalize (object);
}

static void
tess_item_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TessItem *self = TESS_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_item_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TessItem *self = TESS_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_NAME:
      tess_item_set_name (self, g_value_get_string (value));
      break;
    case PROP_METHOD:
      tess_item_set_method (self, g_value_get_string (value));
      break;
    case PROP_URL:
      tess_item_set_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_item_class_init (TessItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_item_dispose;
  object_class->finalize = tess_item_finalize;
  object_class->get_property = tess_item_get_property;
  object_class->set_property = tess_item_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, TESS_ITEM_COLLECTION, TESS_ITEM_REQUEST, TESS_ITEM_REQUEST,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TessItem::changed:
   *
   * Emitted on an item and each of its ancestors when anything in it changes,
   * so a collection knows it needs saving.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tess_item_init (TessItem *self)
{
  /* The id is made on first use: an imported item gets the file's. */
  self->name = g_strdup ("");
  self->variables = tess_kv_list_new ();
  self->method = g_strdup ("GET");
  self->url = g_strdup ("");
  self->query = tess_kv_list_new ();
  self->headers = tess_kv_list_new ();
  self->body = tess_body_new ();
  self->url_extra = json_object_new ();
  self->request_extra = json_object_new ();
  self->extra = json_object_new ();
}

TessItem *
tess_item_new (TessItemKind  kind,
               const char   *name)
{
  TessItem *self = g_object_new (TESS_TYPE_ITEM, "kind", kind, "name", name, NULL);

  if (kind != TESS_ITEM_REQUEST)
    self->children = g_list_store_new (TESS_TYPE_ITEM);
  return self;
}

void
tess_item_changed (TessItem *self)
{
  for (TessItem *item = self; item != NULL; item = item->parent)
    g_signal_emit (item, signals[CHANGED], 0);
}

TessItemKind
tess_item_get_kind (TessItem *self)
{
  g_return_val_if_fail (TESS_IS_ITEM (self), TESS_ITEM_REQUEST);
  return self->kind;
}

const char *
tess_item_get_id (TessItem *self)
{
  if (self->id == NULL)
    self->id = tess_generate_uuid ();
  return self->id;
}

void
tess_item_set_id (TessItem   *self,
                  const char *id)
{
  g_free (self->id);
  self->id = id && *id ? g_strdup (id) : tess_generate_uuid ();
}

void
tess_item_assign_new_ids (TessItem *self)
{
  g_return_if_fail (TESS_IS_ITEM (self));

  tess_item_set_id (self, NULL);
  for (guint i = 0; self->children != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->children)); i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);

      tess_item_assign_new_ids (child);
    }
}

const char *
tess_item_get_name (TessItem *self)
{
  return self->name;
}

void
tess_item_set_name (TessItem   *self,
                    const char *name)
{
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  tess_item_changed (self);
}

const char *
tess_item_get_description (TessItem *self)
{
  return self->description;
}

void
tess_item_set_description (TessItem   *self,
                           const char *description)
{
  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  tess_item_changed (self);
}

JsonNode *
tess_item_get_description_node (TessItem *self)
{
  return self->description_node;
}

void
tess_item_set_description_node (TessItem *self,
                                JsonNode *node)
{
  g_clear_pointer (&self->description_node, json_node_unref);
  if (node != NULL)
    self->description_node = tess_json_node_deep_copy (node);
}

TessItem *
tess_item_get_parent (TessItem *self)
{
  return self->parent;
}

TessItem *
tess_item_get_root (TessItem *self)
{
  TessItem *item = self;

  while (item->parent != NULL)
    item = item->parent;
  return item;
}

GListModel *
tess_item_get_children (TessItem *self)
{
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}

void
tess_item_insert (TessItem *self,
                  guint     position,
                  TessItem *child)
{
  g_return_if_fail (self->children != NULL);
  g_return_if_fail (child->parent == NULL);
  g_return_if_fail (child->kind != TESS_ITEM_COLLECTION);

  child->parent = self;
  g_list_store_insert (self->children, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->children))), child);
  tess_item_changed (self);
}

void
tess_item_append (TessItem *self,
                  TessItem *child)
{
  tess_item_insert (self, G_MAXUINT, child);
}

void
tess_item_remove (TessItem *self,
                  TessItem *child)
{
  guint position;

  g_return_if_fail (child->parent == self);
  if (g_list_store_find (self->children, child, &position))
    {
      child->parent = NULL;
      g_list_store_remove (self->children, position);
      tess_item_changed (self);
    }
}

char *
tess_item_dup_path (TessItem *self)
{
  GPtrArray *names = g_ptr_array_new ();
  GString *path = g_string_new (NULL);

  for (TessItem *item = self; item != NULL; item = item->parent)
    g_ptr_array_insert (names, 0, item->name);
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (path, " / ");
      g_string_append (path, g_ptr_array_index (names, i));
    }
  g_ptr_array_free (names, TRUE);
  return g_string_free (path, FALSE);
}

static TessItem *
find_by_id (TessItem   *self,
            const char *id)
{
  guint n;

  /* An item without an id yet gets a random one on first use: nobody can
   * be asking for it, and making ids for a whole tree to compare is slow. */
  if (self->id != NULL && g_str_equal (self->id, id))
    return self;
  if (self->children == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->children));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      TessItem *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TessItem *
find_child_named (TessItem   *self,
                  const char *name)
{
  guint n = self->children ? g_list_model_get_n_items (G_LIST_MODEL (self->children)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);

      if (g_str_equal (child->name, name))
        return child;
    }
  return NULL;
}

static TessItem *
find_named_below (TessItem   *self,
                  const char *name)
{
  guint n = self->children ? g_list_model_get_n_items (G_LIST_MODEL (self->children)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      TessItem *found;

      if (g_str_equal (child->name, name))
        return child;
      if ((found = find_named_below (child, name)) != NULL)
        return found;
    }
  return NULL;
}

TessItem *
tess_item_find (TessItem   *self,
                const char *path_or_id)
{
  g_auto(GStrv) parts = NULL;
  TessItem *item = self;

  if (path_or_id == NULL || *path_or_id == '\0')
    return NULL;

  /* Whole-name match first: request names may contain '/'. */
  if ((item = find_child_named (self, path_or_id)) != NULL)
    return item;

  item = self;
  parts = g_strsplit (path_or_id, "/", -1);
  for (guint i = 0; parts[i] != NULL && item != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      item = find_child_named (item, parts[i]);
    }
  if (item != NULL && item != self)
    return item;
  item = find_by_id (self, path_or_id);
  if (item != NULL)
    return item;
  /* A bare name finds the first item of that name anywhere below, depth first. */
  return find_named_below (self, path_or_id);
}

GPtrArray *
tess_item_get_variables (TessItem *self)
{
  return self->variables;
}

TessAuth *
tess_item_get_auth (TessItem *self)
{
  return self->auth;
}

void
tess_item_take_auth (TessItem *self,
                     TessAuth *auth)
{
  if (self->auth == auth)
    return;
  g_clear_pointer (&self->auth, tess_auth_free);
  self->auth = auth;
  tess_item_changed (self);
}

void
tess_item_set_auth (TessItem *self,
                    TessAuth *auth)
{
  if (self->auth == auth)
    return;
  tess_item_take_auth (self, auth ? tess_auth_copy (auth) : NULL);
}

TessAuth *
tess_item_get_effective_auth (TessItem  *self,
                              TessItem **origin_out)
{
  for (TessItem *item = self; item != NULL; item = item->parent)
    {
      if (item->auth == NULL || g_strcmp0 (tess_auth_get_auth_type (item->auth), "inherit") == 0)
        continue;
      if (origin_out != NULL)
        *origin_out = item;
      if (g_strcmp0 (tess_auth_get_auth_type (item->auth), "noauth") == 0)
        return NULL;
      return item->auth;
    }
  if (origin_out != NULL)
    *origin_out = NULL;
  return NULL;
}

const char *
tess_item_get_method (TessItem *self)
{
  return self->method;
}

void
tess_item_set_method (TessItem   *self,
                      const char *method)
{
  if (g_strcmp0 (self->method, method) == 0)
    return;
  g_free (self->method);
  self->method = g_strdup (method && *method ? method : "GET");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
  tess_item_changed (self);
}

const char *
tess_item_get_url (TessItem *self)
{
  return self->url;
}

/* Reads the query of @url into @query. Disabled rows (which the URL does not
 * show) keep their place relative to the enabled ones. */
static void
parse_query (GPtrArray  *query,
             const char *url)
{
  g_autoptr(GPtrArray) disabled = tess_kv_list_new ();
  const char *question = strchr (url, '?');
  const char *hash;
  g_autofree char *text = NULL;

  for (guint i = 0; i < query->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (query, i);
      if (!kv->enabled)
        g_ptr_array_add (disabled, tess_key_value_copy (kv));
    }

  /* Keep the rows' extra members (descriptions) when the same keys come back. */
  {
    g_autoptr(GPtrArray) old = g_ptr_array_copy (query, (GCopyFunc) tess_key_value_copy, NULL);
    guint next_old = 0;

    g_ptr_array_set_free_func (old, (GDestroyNotify) tess_key_value_free);
    g_ptr_array_set_size (query, 0);

    if (question != NULL)
      {
        g_auto(GStrv) pairs = NULL;

        hash = strchr (question, '#');
        text = hash ? g_strndup (question + 1, hash - question - 1) : g_strdup (question + 1);
        pairs = g_strsplit (text, "&", -1);
        for (guint i = 0; pairs[i] != NULL; i++)
          {
            char *eq = strchr (pairs[i], '=');
            TessKeyValue *kv;

            if (pairs[i][0] == '\0')
              continue;
            if (eq != NULL)
              *eq = '\0';
            kv = tess_kv_list_add (query, pairs[i], eq ? eq + 1 : NULL);
            if (eq == NULL)
              g_clear_pointer (&kv->value, g_free);

            while (next_old < old->len && !((TessKeyValue *) old->pdata[next_old])->enabled)
              next_old++;
            if (next_old < old->len && g_str_equal (((TessKeyValue *) old->pdata[next_old])->key, kv->key))
              {
                json_object_unref (kv->extra);
                kv->extra = json_object_ref (((TessKeyValue *) old->pdata[next_old])->extra);
                next_old++;
              }
          }
      }
  }

  for (guint i = 0; i < disabled->len; i++)
    g_ptr_array_add (query, tess_key_value_copy (g_ptr_array_index (disabled, i)));
}

void
tess_item_set_url (TessItem   *self,
                   const char *url)
{
  if (g_strcmp0 (self->url, url) == 0)
    return;
  g_free (self->url);
  self->url = g_strdup (url ? url : "");
  parse_query (self->query, self->url);
  self->url_modified = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  tess_item_changed (self);
}

GPtrArray *
tess_item_get_query (TessItem *self)
{
  return self->query;
}

void
tess_item_query_changed (TessItem *self)
{
  const char *question = strchr (self->url, '?');
  const char *hash = strchr (self->url, '#');
  GString *url = g_string_new_len (self->url, question ? question - self->url :
                                   hash ? hash - self->url : (gssize) strlen (self->url));
  gboolean first = TRUE;

  for (guint i = 0; i < self->query->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (self->query, i);

      if (!kv->enabled)
        continue;
      g_string_append_c (url, first ? '?' : '&');
      g_string_append (url, kv->key);
      if (kv->value != NULL)
        {
          g_string_append_c (url, '=');
          g_string_append (url, kv->value);
        }
      first = FALSE;
    }
  if (hash != NULL)
    g_string_append (url, hash);

  g_free (self->url);
  self->url = g_string_free (url, FALSE);
  self->url_modified = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  tess_item_changed (self);
}

GPtrArray *
tess_item_get_headers (TessItem *self)
{
  return self->headers;
}

TessBody *
tess_item_get_body (TessItem *self)
{
  return self->body;
}

void
tess_item_take_body (TessItem *self,
                     TessBody *body)
{
  if (self->body == body)
    return;
  tess_body_free (self->body);
  self->body = body ? body : tess_body_new ();
  tess_item_changed (self);
}

void
tess_item_set_body (TessItem *self,
                    TessBody *body)
{
  if (self->body == body)
    return;
  tess_item_take_body (self, body ? tess_body_copy (body) : NULL);
}

JsonObject *
tess_item_get_extra (TessItem *self)
{
  return self->extra;
}

JsonObject *
tess_item_get_request_extra (TessItem *self)
{
  return self->request_extra;
}

JsonObject *
tess_item_get_url_extra (TessItem *self)
{
  return self->url_extra;
}

void
tess_item_set_url_extra (TessItem   *self,
                         JsonObject *url_object,
                         gboolean    url_was_string)
{
  json_object_unref (self->url_extra);
  self->url_extra = url_object ? json_object_ref (url_object) : json_object_new ();
  self->url_was_string = url_was_string;
  self->url_modified = FALSE;
}

gboolean
tess_item_get_url_was_string (TessItem *self)
{
  return self->url_was_string;
}

gboolean
tess_item_get_url_modified (TessItem *self)
{
  return self->url_modified;
}
