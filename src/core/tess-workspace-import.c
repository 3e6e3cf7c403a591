#include "tess-workspace-private.h"

#include "tess-error.h"
#include "tess-json-file.h"

/* An imported copy must not share ids with what is already here: secrets in
 * the keyring are keyed by them. */
static void
renew_ids (TessItem *item)
{
  GListModel *children = tess_item_get_children (item);

  tess_item_set_id (item, NULL);
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (children, i);

      renew_ids (child);
    }
}

static const char *
object_id (gpointer object)
{
  if (TESS_IS_ITEM (object))
    return tess_item_get_id (object);
  return tess_environment_get_id (object);
}

/* Whether an object with @object's id is here already, or its file is taken. */
static gboolean
id_taken (TessWorkspace *self,
          GListModel    *model,
          gpointer       object,
          const char    *folder,
          const char    *suffix)
{
  g_autofree char *name = tess_workspace_file_name_for_id (object_id (object), suffix);
  g_autofree char *path = g_build_filename (self->path, folder, name, NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (g_strcmp0 (object_id (other), object_id (object)) == 0)
        return TRUE;
    }
  return tess_workspace_path_is_taken (self, path);
}

/* TessEnvironment has no id setter: go through its JSON form. */
static TessEnvironment *
environment_with_new_id (TessEnvironment  *environment,
                         GError          **error)
{
  g_autoptr(JsonNode) node = tess_environment_to_json (environment);
  g_autofree char *id = g_uuid_string_random ();

  json_object_set_string_member (json_node_get_object (node), "id", id);
  return tess_environment_new_from_json (node, error);
}

static GObject *
import_collection (TessWorkspace  *self,
                   JsonNode       *root,
                   GError        **error)
{
  g_autoptr(TessItem) collection = tess_postman_collection_from_json (root, error);

  /* The model has what it needs from the parsed tree: let the rest go before
   * the workspace copy is written, so a large file is not held twice. */
  json_node_unref (root);
  if (collection == NULL)
    return NULL;
  if (id_taken (self, G_LIST_MODEL (self->collections), collection,
                TESS_WORKSPACE_COLLECTIONS_DIR, TESS_WORKSPACE_COLLECTION_SUFFIX))
    renew_ids (collection);
  if (!tess_workspace_save_collection (self, collection, error))
    {
      tess_workspace_forget (self, collection);
      return NULL;
    }
  return G_OBJECT (collection);
}

static GObject *
import_environment (TessWorkspace  *self,
                    JsonNode       *root,
                    GError        **error)
{
  g_autoptr(TessEnvironment) environment = tess_environment_new_from_json (root, error);

  if (environment == NULL)
    return NULL;
  tess_environment_set_is_globals (environment, FALSE);
  if (id_taken (self, G_LIST_MODEL (self->environments), environment,
                TESS_WORKSPACE_ENVIRONMENTS_DIR, TESS_WORKSPACE_ENVIRONMENT_SUFFIX))
    {
      TessEnvironment *renewed = environment_with_new_id (environment, error);

      if (renewed == NULL)
        return NULL;
      g_object_unref (environment);
      environment = renewed;
    }
  if (!tess_workspace_save_environment (self, environment, error))
    {
      tess_workspace_forget (self, environment);
      return NULL;
    }
  return G_OBJECT (environment);
}

/* Imported globals replace the workspace's, as in Postman. */
static GObject *
import_globals (TessWorkspace  *self,
                JsonNode       *root,
                GError        **error)
{
  g_autoptr(TessEnvironment) globals = tess_environment_new_from_json (root, error);
  g_autoptr(JsonNode) out = NULL;

  if (globals == NULL)
    return NULL;
  tess_environment_set_is_globals (globals, TRUE);
  /* Write first: the workspace's globals change only when the file did.
   * The file gets no secrets; the keyring gets them once they are in. */
  out = tess_workspace_secrets_document (self, globals);
  if (!tess_file_writer_save (self->writer, tess_workspace_get_file (self, self->globals), out, error))
    return NULL;
  tess_workspace_replace_globals (self, globals);
  tess_workspace_store_secrets (self, globals);
  return G_OBJECT (globals);
}

GObject *
tess_workspace_import_json (TessWorkspace  *self,
                            JsonNode       *root,
                            const char     *source,
                            GError        **error)
{
  g_autoptr(JsonNode) owned = root;
  g_autoptr(GError) local_error = NULL;
  GObject *object = NULL;

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  switch (tess_postman_detect_kind (root))
    {
    case TESS_POSTMAN_COLLECTION:
      object = import_collection (self, g_steal_pointer (&owned), &local_error);
      break;
    case TESS_POSTMAN_ENVIRONMENT:
      object = import_environment (self, root, &local_error);
      break;
    case TESS_POSTMAN_GLOBALS:
      object = import_globals (self, root, &local_error);
      break;
    case TESS_POSTMAN_UNKNOWN:
    default:
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "%s: not a Postman collection, environment or globals file", source);
      return NULL;
    }
  if (object == NULL)
    {
      /* Say what the import was about, unless the message already does. */
      if (!g_str_has_prefix (local_error->message, source))
        g_prefix_error (&local_error, "importing %s: ", source);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return object;
}

GObject *
tess_workspace_import_file (TessWorkspace  *self,
                            const char     *path,
                            GError        **error)
{
  JsonNode *root;

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  root = tess_json_file_load (path, error);
  if (root == NULL)
    return NULL;
  return tess_workspace_import_json (self, root, path, error);
}
