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

/* Reading and modelling touch nothing of the workspace: they can run in a
 * worker thread. The environment and globals forms are the same. */
static GObject *
object_from_json (TessPostmanKind   kind,
                  JsonNode         *root,
                  GError          **error)
{
  if (kind == TESS_POSTMAN_COLLECTION)
    return G_OBJECT (tess_postman_collection_from_json (root, error));
  return G_OBJECT (tess_environment_new_from_json (root, error));
}

static GObject *
parse_document (JsonNode         *root,
                const char       *source,
                TessPostmanKind  *kind_out,
                GError          **error)
{
  TessPostmanKind kind = tess_postman_detect_kind (root);
  g_autoptr(GError) local_error = NULL;
  GObject *object;

  if (kind == TESS_POSTMAN_UNKNOWN)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "%s: not a Postman collection, environment or globals file", source);
      return NULL;
    }
  object = object_from_json (kind, root, &local_error);
  if (object == NULL)
    {
      g_prefix_error (&local_error, "importing %s: ", source);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *kind_out = kind;
  return object;
}

/* A copy must not take the ids of what is here already. Returns whether
 * the ids changed. */
static gboolean
free_collection_ids (TessWorkspace *self,
                     TessItem      *collection)
{
  if (!id_taken (self, G_LIST_MODEL (self->collections), collection,
                 TESS_WORKSPACE_COLLECTIONS_DIR, TESS_WORKSPACE_COLLECTION_SUFFIX))
    return FALSE;
  renew_ids (collection);
  return TRUE;
}

static GObject *
add_environment (TessWorkspace    *self,
                 TessEnvironment  *parsed,
                 GError          **error)
{
  g_autoptr(TessEnvironment) environment = g_object_ref (parsed);

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
add_globals (TessWorkspace    *self,
             TessEnvironment  *globals,
             GError          **error)
{
  g_autoptr(JsonNode) out = NULL;

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

/* Adds what parse_document() made and saves it; the result is owned by the
 * workspace. Collections are saved here only in the blocking form. */
static GObject *
add_object (TessWorkspace    *self,
            TessPostmanKind   kind,
            GObject          *object,
            const char       *source,
            GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  GObject *added = NULL;

  switch (kind)
    {
    case TESS_POSTMAN_COLLECTION:
      free_collection_ids (self, TESS_ITEM (object));
      if (tess_workspace_save_collection (self, TESS_ITEM (object), &local_error))
        added = object;
      else
        tess_workspace_forget (self, object);
      break;
    case TESS_POSTMAN_ENVIRONMENT:
      added = add_environment (self, TESS_ENVIRONMENT (object), &local_error);
      break;
    case TESS_POSTMAN_GLOBALS:
      added = add_globals (self, TESS_ENVIRONMENT (object), &local_error);
      break;
    case TESS_POSTMAN_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  if (added == NULL)
    {
      /* Say what the import was about, unless the message already does. */
      if (!g_str_has_prefix (local_error->message, source))
        g_prefix_error (&local_error, "importing %s: ", source);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return added;
}

GObject *
tess_workspace_import_json (TessWorkspace  *self,
                            JsonNode       *root,
                            const char     *source,
                            GError        **error)
{
  g_autoptr(GObject) object = NULL;
  TessPostmanKind kind;

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  object = parse_document (root, source, &kind, error);
  /* The model has what it needs from the parsed tree: let the rest go before
   * the workspace copy is written, so a large file is not held twice. */
  json_node_unref (root);
  if (object == NULL)
    return NULL;
  return add_object (self, kind, object, source, error);
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

/* ---- off the main loop ----------------------------------------------- */

typedef struct {
  char *path;          /* or what the document is, in messages */
  JsonNode *root;      /* a document already parsed, or NULL: read @path */
  TessPostmanKind kind;
  GObject *object;     /* parsed in the thread, then the workspace's */
  JsonNode *document;  /* a collection's workspace copy, made in a thread */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->root, json_node_unref);
  g_clear_object (&data->object);
  g_clear_pointer (&data->document, json_node_unref);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  JsonNode *root = data->root != NULL ? g_steal_pointer (&data->root)
                                      : tess_json_file_load (data->path, &error);

  if (root != NULL)
    {
      data->object = parse_document (root, data->path, &data->kind, &error);
      json_node_unref (root);
    }
  if (data->object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
collection_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tess_file_writer_save_finish (TESS_WORKSPACE (source), result, tess_workspace_import_file_async, &error))
    {
      tess_workspace_forget (TESS_WORKSPACE (source), data->object);
      g_prefix_error (&error, "importing %s: ", data->path);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, data->object, NULL);
}

/* The collection is in no list yet, so nothing else reads it: its copy for
 * the workspace folder (the longest step after parsing) is made here. */
static void
document_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ImportData *data = task_data;

  data->document = tess_workspace_secrets_document (source_object, data->object);
  g_task_return_boolean (task, TRUE);
}

static void
document_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessWorkspace *self = TESS_WORKSPACE (source);
  ImportData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonNode) document = g_steal_pointer (&data->document);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  /* Another import of the same file got in while the copy was made: new
   * ids, and a copy that carries them. */
  if (free_collection_ids (self, TESS_ITEM (data->object)))
    {
      g_clear_pointer (&document, json_node_unref);
      document = tess_workspace_secrets_document (self, data->object);
    }
  if (!tess_workspace_add_collection (self, TESS_ITEM (data->object), &error))
    {
      g_prefix_error (&error, "importing %s: ", data->path);
      g_task_return_error (task, error);
      return;
    }
  /* Written by the workspace's writer, in its thread. */
  tess_workspace_save_object_async (self, data->object, document, NULL, tess_workspace_import_file_async,
                                    cancellable, collection_saved_cb, g_steal_pointer (&task));
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessWorkspace *self = TESS_WORKSPACE (source);
  ImportData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GObject *added;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (data->kind == TESS_POSTMAN_COLLECTION)
    {
      g_autoptr(GTask) document = g_task_new (self, g_task_get_cancellable (task),
                                              document_cb, g_object_ref (task));

      /* Ids first: the copy carries them. */
      free_collection_ids (self, TESS_ITEM (data->object));
      g_task_set_source_tag (document, document_thread);
      g_task_set_task_data (document, data, NULL);
      g_task_run_in_thread (document, document_thread);
      return;
    }
  added = add_object (self, data->kind, data->object, data->path, &error);
  if (added == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, added, NULL);
}

static void
import_async (TessWorkspace       *self,
              const char          *path,
              JsonNode            *root,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) parse = NULL;
  ImportData *data;

  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->root = root;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_workspace_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  /* The thread fills @data; the outer task keeps it. */
  parse = g_task_new (self, cancellable, parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse, import_thread);
  g_task_set_task_data (parse, data, NULL);
  g_task_run_in_thread (parse, import_thread);
}

void
tess_workspace_import_file_async (TessWorkspace       *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));
  g_return_if_fail (path != NULL);

  import_async (self, path, NULL, cancellable, callback, user_data);
}

void
tess_workspace_import_json_async (TessWorkspace       *self,
                                  JsonNode            *root,
                                  const char          *source,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));
  g_return_if_fail (root != NULL);
  g_return_if_fail (source != NULL);

  /* The worker reads @root: nobody else may hold it. */
  import_async (self, source, root, cancellable, callback, user_data);
}

GObject *
tess_workspace_import_json_finish (TessWorkspace  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return tess_workspace_import_file_finish (self, result, error);
}

GObject *
tess_workspace_import_file_finish (TessWorkspace  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tess_workspace_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
