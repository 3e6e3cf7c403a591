#include "tess-environment.h"

#include "tess-error.h"
#include "tess-kv.h"

struct _TessEnvironment
{
  GObject parent_instance;

  char *id;
  char *name;
  gboolean is_globals;
  GPtrArray *values;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (TessEnvironment, tess_environment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tess_environment_finalize (GObject *object)
{
  TessEnvironment *self = TESS_ENVIRONMENT (object);

  g_free (self->id);
  g_free (self->name);
  g_ptr_array_unref (self->values);
  json_object_unref (self->extra);
  G_OBJECT_CLASS (tess_environment_parent_class)->finalize (object);
}

static void
tess_environment_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TessEnvironment *self = TESS_ENVIRONMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_environment_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TessEnvironment *self = TESS_ENVIRONMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tess_environment_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_environment_class_init (TessEnvironmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tess_environment_finalize;
  object_class->get_property = tess_environment_get_property;
  object_class->set_property = tess_environment_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tess_environment_init (TessEnvironment *self)
{
  self->id = g_uuid_string_random ();
  self->name = g_strdup ("");
  self->values = tess_kv_list_new ();
  self->extra = json_object_new ();
}

TessEnvironment *
tess_environment_new (const char *name)
{
  return g_object_new (TESS_TYPE_ENVIRONMENT, "name", name, NULL);
}

const char *
tess_environment_get_id (TessEnvironment *self)
{
  return self->id;
}

const char *
tess_environment_get_name (TessEnvironment *self)
{
  return self->name;
}

void
tess_environment_set_name (TessEnvironment *self,
                           const char      *name)
{
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
tess_environment_get_is_globals (TessEnvironment *self)
{
  return self->is_globals;
}

void
tess_environment_set_is_globals (TessEnvironment *self,
                                 gboolean         is_globals)
{
  self->is_globals = is_globals;
}

GPtrArray *
tess_environment_get_values (TessEnvironment *self)
{
  return self->values;
}

TessEnvironment *
tess_environment_new_from_json (JsonNode  *node,
                                GError   **error)
{
  TessEnvironment *self;
  JsonObject *object;
  JsonNode *values;
  const char *scope;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TESS_ERROR, TESS_ERROR_INVALID,
                           "an environment file must hold a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  values = json_object_get_member (object, "values");
  if (values != NULL && !JSON_NODE_HOLDS_ARRAY (values))
    {
      g_set_error_literal (error, TESS_ERROR, TESS_ERROR_INVALID,
                           "environment: ‘values’ must be an array");
      return NULL;
    }

  self = tess_environment_new (json_object_get_string_member_with_default (object, "name", ""));
  tess_environment_set_name (self, json_object_get_string_member_with_default (object, "name", ""));
  if (json_object_get_string_member_with_default (object, "id", NULL) != NULL)
    {
      g_free (self->id);
      self->id = g_strdup (json_object_get_string_member (object, "id"));
    }
  scope = json_object_get_string_member_with_default (object, "_postman_variable_scope", "");
  self->is_globals = g_str_equal (scope, "globals");
  g_ptr_array_unref (self->values);
  self->values = tess_kv_list_from_json (values);
  {
    g_autoptr(JsonNode) copy = tess_json_node_deep_copy (node);
    json_object_unref (self->extra);
    self->extra = json_object_ref (json_node_get_object (copy));
  }
  return self;
}

JsonNode *
tess_environment_to_json (TessEnvironment *self)
{
  g_autoptr(JsonNode) extra = json_node_alloc ();
  JsonNode *node;
  JsonObject *object;

  json_node_init_object (extra, self->extra);
  node = tess_json_node_deep_copy (extra);
  object = json_node_get_object (node);
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "name", self->name);
  json_object_set_member (object, "values", tess_kv_list_to_json (self->values));
  if (!json_object_has_member (object, "_postman_variable_scope"))
    json_object_set_string_member (object, "_postman_variable_scope",
                                   self->is_globals ? "globals" : "environment");
  return node;
}
