#include "tess-workspace-private.h"

#include "tess-postman-build.h"

#include "tess-error.h"

/* Loading and the lists of collections and environments live here; reading
 * the folder is in tess-workspace-reader.c, writes in tess-file-writer.c,
 * settings in tess-workspace-settings.c, import in tess-workspace-import.c. */

enum {
  PROP_0,
  PROP_PATH,
  PROP_GLOBALS,
  PROP_CA_FILE,
  PROP_REQUEST_TIMEOUT,
  PROP_FOLLOW_REDIRECTS,
  PROP_MAX_REDIRECTS,
  PROP_VERIFY_TLS,
  PROP_SECRETS_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TessWorkspace, tess_workspace, G_TYPE_OBJECT)

/* ---- helpers ------------------------------------------------------------- */

static const char *
object_name (gpointer object)
{
  if (TESS_IS_ITEM (object))
    return tess_item_get_name (object);
  return tess_environment_get_name (object);
}

static const char *
object_id (gpointer object)
{
  if (TESS_IS_ITEM (object))
    return tess_item_get_id (object);
  return tess_environment_get_id (object);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  g_autofree char *name_a = g_utf8_casefold (object_name ((gpointer) a), -1);
  g_autofree char *name_b = g_utf8_casefold (object_name ((gpointer) b), -1);
  int result = g_utf8_collate (name_a, name_b);

  return result != 0 ? result : g_strcmp0 (object_id ((gpointer) a), object_id ((gpointer) b));
}

/* For g_ptr_array_sort_with_data, which passes pointers to the elements. */
static int
compare_by_name_indirect (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  return compare_by_name (*(gpointer const *) a, *(gpointer const *) b, user_data);
}

/* workspace.json's member holding the person's order of collections. */
#define COLLECTION_ORDER "collectionOrder"

/* The ids of the collections in the person's order, or NULL while they are
 * listed by name (nobody moved one yet). */
static JsonArray *
collection_order (JsonObject *settings)
{
  JsonNode *node = settings != NULL ? json_object_get_member (settings, COLLECTION_ORDER) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Puts the list's order in the settings; the next settings save writes it. */
static void
keep_collection_order (TessWorkspace *self)
{
  GListModel *list = G_LIST_MODEL (self->collections);
  JsonArray *ids = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TessItem) collection = g_list_model_get_item (list, i);

      json_array_add_string_element (ids, tess_item_get_id (collection));
    }
  json_object_set_array_member (self->settings, COLLECTION_ORDER, ids);
}

/* @objects is sorted by name: the ones @order lists go first, in its order,
 * and the rest keep their places after them. Ids no collection has (its file
 * went, or failed to load) are skipped. */
static void
apply_collection_order (GPtrArray *objects,
                        JsonArray *order)
{
  g_autoptr(GPtrArray) by_name = g_ptr_array_copy (objects, NULL, NULL);
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);
  guint next = 0;

  for (guint i = 0; i < json_array_get_length (order); i++)
    {
      JsonNode *element = json_array_get_element (order, i);
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      id = json_node_get_string (element);
      for (guint j = 0; j < by_name->len; j++)
        if (!g_hash_table_contains (placed, by_name->pdata[j]) &&
            g_strcmp0 (object_id (by_name->pdata[j]), id) == 0)
          {
            g_hash_table_add (placed, by_name->pdata[j]);
            objects->pdata[next++] = by_name->pdata[j];
            break;
          }
    }
  for (guint j = 0; j < by_name->len; j++)
    if (!g_hash_table_contains (placed, by_name->pdata[j]))
      objects->pdata[next++] = by_name->pdata[j];
}

static GListStore *
store_for (TessWorkspace *self,
           gpointer       object)
{
  return TESS_IS_ITEM (object) ? self->collections : self->environments;
}

static gboolean
path_in_use (TessWorkspace *self,
             const char    *path)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (value, path))
      return TRUE;
  return FALSE;
}

/* Ids come from files people share: keep only what is safe in a file name,
 * so no id can reach outside its folder. */
char *
tess_workspace_file_name_for_id (const char *id,
                                 const char *suffix)
{
  GString *name = g_string_new (NULL);

  for (const char *p = id ? id : ""; *p != '\0' && name->len < 100; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '_');
  if (name->len == 0)
    g_string_append (name, "unnamed");
  g_string_append (name, suffix);
  return g_string_free (name, FALSE);
}

gboolean
tess_workspace_path_is_taken (TessWorkspace *self,
                              const char    *path)
{
  return tess_file_writer_is_protected (self->writer, path) || path_in_use (self, path) ||
         g_file_test (path, G_FILE_TEST_EXISTS);
}

void
tess_workspace_replace_globals (TessWorkspace   *self,
                                TessEnvironment *globals)
{
  g_autofree char *path = g_build_filename (self->path, TESS_WORKSPACE_GLOBALS_FILE, NULL);

  if (self->globals == globals)
    return;
  if (self->globals != NULL)
    g_hash_table_remove (self->files, self->globals);
  g_set_object (&self->globals, globals);
  tess_environment_set_is_globals (globals, TRUE);
  g_hash_table_insert (self->files, g_object_ref (globals), g_steal_pointer (&path));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GLOBALS]);
}

void
tess_workspace_notify_secrets (TessWorkspace *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRETS_MESSAGE]);
}

void
tess_workspace_forget (TessWorkspace *self,
                       gpointer       object)
{
  GListStore *store = store_for (self, object);
  guint position;

  tess_workspace_drop_build (self, object);
  if (g_list_store_find (store, object, &position))
    {
      g_list_store_remove (store, position);
      if (store == self->collections && collection_order (self->settings) != NULL)
        keep_collection_order (self);
    }
  g_hash_table_remove (self->files, object);
}

/* ---- applying a load ----------------------------------------------------- */

/* @order: the person's order of the objects, or NULL to list them by name. */
static void
fill_store (TessWorkspace *self,
            GListStore    *store,
            GPtrArray     *files,
            JsonArray     *order)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();

  for (guint i = 0; i < files->len; i++)
    {
      TessWorkspaceFile *file = g_ptr_array_index (files, i);

      g_hash_table_insert (self->files, g_object_ref (file->object), g_strdup (file->path));
      g_ptr_array_add (objects, file->object);
    }
  g_ptr_array_sort_with_data (objects, compare_by_name_indirect, NULL);
  if (order != NULL)
    apply_collection_order (objects, order);
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       objects->pdata, objects->len);
}

/* @values: the keyring's secrets of this workspace, or NULL with
 * @secrets_error when they could not be read (or no store is set). */
static void
apply_contents (TessWorkspace         *self,
                TessWorkspaceContents *contents,
                GHashTable            *values,
                const GError          *secrets_error)
{
  g_autoptr(TessEnvironment) globals = NULL;
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(GPtrArray) migrate = NULL;

  /* Secrets go in before anyone sees the objects. */
  migrate = tess_workspace_secrets_apply_load (self, contents, values, secrets_error);

  g_hash_table_remove_all (self->files);
  tess_file_writer_set_protected (self->writer, contents->broken);
  g_ptr_array_unref (self->problems);
  self->problems = g_ptr_array_ref (contents->problems);

  fill_store (self, self->collections, contents->collections, collection_order (contents->settings));
  fill_store (self, self->environments, contents->environments, NULL);

  globals = contents->globals ? g_object_ref (contents->globals) : tess_environment_new ("Globals");
  g_clear_object (&self->globals);
  tess_workspace_replace_globals (self, globals);

  settings = contents->settings ? json_object_ref (contents->settings) : json_object_new ();
  tess_workspace_apply_settings (self, settings);

  /* A file that held a secret in plain text (written by hand, or by an
   * older tool) is written again without it, once the keyring has it. */
  for (guint i = 0; i < migrate->len; i++)
    tess_workspace_migrate_secrets (self, migrate->pdata[i]);
}

/* ---- GObject ------------------------------------------------------------- */

static void
tess_workspace_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TessWorkspace *self = TESS_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_GLOBALS:
      g_value_set_object (value, self->globals);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, tess_workspace_get_ca_file (self));
      break;
    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, tess_workspace_get_request_timeout (self));
      break;
    case PROP_FOLLOW_REDIRECTS:
      g_value_set_boolean (value, tess_workspace_get_follow_redirects (self));
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, tess_workspace_get_max_redirects (self));
      break;
    case PROP_VERIFY_TLS:
      g_value_set_boolean (value, tess_workspace_get_verify_tls (self));
      break;
    case PROP_SECRETS_MESSAGE:
      g_value_set_string (value, self->secrets_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_workspace_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TessWorkspace *self = TESS_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_CA_FILE:
      tess_workspace_set_ca_file (self, g_value_get_string (value));
      break;
    case PROP_REQUEST_TIMEOUT:
      tess_workspace_set_request_timeout (self, g_value_get_uint (value));
      break;
    case PROP_FOLLOW_REDIRECTS:
      tess_workspace_set_follow_redirects (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_REDIRECTS:
      tess_workspace_set_max_redirects (self, g_value_get_uint (value));
      break;
    case PROP_VERIFY_TLS:
      tess_workspace_set_verify_tls (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_workspace_constructed (GObject *object)
{
  TessWorkspace *self = TESS_WORKSPACE (object);
  g_autoptr(TessEnvironment) globals = tess_environment_new ("Globals");

  G_OBJECT_CLASS (tess_workspace_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = tess_workspace_default_path ();
  self->cookie_jar_path = g_build_filename (self->path, TESS_WORKSPACE_COOKIES_FILE, NULL);
  tess_workspace_replace_globals (self, globals);
}

static void
tess_workspace_dispose (GObject *object)
{
  TessWorkspace *self = TESS_WORKSPACE (object);

  g_clear_pointer (&self->files, g_hash_table_unref);
  if (self->collections != NULL)
    g_list_store_remove_all (self->collections);
  if (self->environments != NULL)
    g_list_store_remove_all (self->environments);
  g_clear_object (&self->collections);
  g_clear_object (&self->environments);
  g_clear_object (&self->globals);

  G_OBJECT_CLASS (tess_workspace_parent_class)->dispose (object);
}

static void
tess_workspace_finalize (GObject *object)
{
  TessWorkspace *self = TESS_WORKSPACE (object);

  g_free (self->path);
  g_free (self->cookie_jar_path);
  /* Empty: every build's callers keep the workspace alive. */
  g_hash_table_unref (self->builds);
  g_ptr_array_unref (self->problems);
  tess_file_writer_free (self->writer);
  json_object_unref (self->settings);
  g_ptr_array_unref (self->client_certificates);
  tess_workspace_secrets_finalize (self);

  G_OBJECT_CLASS (tess_workspace_parent_class)->finalize (object);
}

static void
tess_workspace_class_init (TessWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tess_workspace_get_property;
  object_class->set_property = tess_workspace_set_property;
  object_class->constructed = tess_workspace_constructed;
  object_class->dispose = tess_workspace_dispose;
  object_class->finalize = tess_workspace_finalize;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GLOBALS] =
    g_param_spec_object ("globals", NULL, NULL, TESS_TYPE_ENVIRONMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_REDIRECTS] =
    g_param_spec_boolean ("follow-redirects", NULL, NULL, TESS_WORKSPACE_DEFAULT_FOLLOW_REDIRECTS,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, G_MAXUINT, TESS_WORKSPACE_DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERIFY_TLS] =
    g_param_spec_boolean ("verify-tls", NULL, NULL, TESS_WORKSPACE_DEFAULT_VERIFY_TLS,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why secrets are held in memory only, for a banner; NULL when the keyring works. */
  properties[PROP_SECRETS_MESSAGE] =
    g_param_spec_string ("secrets-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tess_workspace_init (TessWorkspace *self)
{
  self->collections = g_list_store_new (TESS_TYPE_ITEM);
  self->environments = g_list_store_new (TESS_TYPE_ENVIRONMENT);
  self->files = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->builds = g_hash_table_new (NULL, NULL);
  self->save_step_budget = TESS_POSTMAN_BUILD_STEP_BUDGET_US;
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  self->writer = tess_file_writer_new ();
  self->settings = json_object_new ();
  self->client_certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_client_certificate_free);
  tess_workspace_secrets_init (self);
}

/* ---- the folder and loading ------------------------------------------------ */

char *
tess_workspace_default_path (void)
{
  const char *env = g_getenv ("TESSERA_WORKSPACE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "tessera", NULL);
}

TessWorkspace *
tess_workspace_new (const char *path)
{
  return g_object_new (TESS_TYPE_WORKSPACE, "path", path, NULL);
}

const char *
tess_workspace_get_path (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->path;
}

const char *
tess_workspace_get_cookie_jar_path (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->cookie_jar_path;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TessWorkspaceContents *contents = tess_workspace_contents_read (task_data, cancellable, &error);

  if (contents == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, contents, (GDestroyNotify) tess_workspace_contents_free);
}

/* The files are read first: the keyring is asked only when they have a
 * field whose value it holds. */
typedef struct {
  TessWorkspaceContents *contents;
  GHashTable *secrets;
  GError *secrets_error;
} LoadState;

static void
load_state_free (LoadState *state)
{
  tess_workspace_contents_free (state->contents);
  g_clear_pointer (&state->secrets, g_hash_table_unref);
  g_clear_error (&state->secrets_error);
  g_free (state);
}

static void
load_done (GTask *task)
{
  TessWorkspace *self = g_task_get_source_object (task);
  LoadState *state = g_task_get_task_data (task);

  /* Back on the caller's thread: only here do the lists change. */
  apply_contents (self, state->contents, state->secrets, state->secrets_error);
  g_task_return_boolean (task, TRUE);
}

static void
load_secrets_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadState *state = g_task_get_task_data (task);

  state->secrets = tess_secret_store_lookup_many_finish (TESS_SECRET_STORE (source_object), result,
                                                         &state->secrets_error);
  load_done (task);
}

static void
load_read_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessWorkspace *self = g_task_get_source_object (task);
  LoadState *state = g_task_get_task_data (task);
  GError *error = NULL;

  state->contents = g_task_propagate_pointer (G_TASK (result), &error);
  if (state->contents == NULL)
    g_task_return_error (task, error);
  else if (self->secret_store != NULL && state->contents->has_secret_fields)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      tess_secret_store_lookup_many_async (self->secret_store, self->path, cancellable,
                                           load_secrets_cb, g_steal_pointer (&task));
    }
  else
    load_done (task);
}

void
tess_workspace_load_async (TessWorkspace       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) read_task = NULL;
  LoadState *state;

  g_return_if_fail (TESS_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_workspace_load_async);
  state = g_new0 (LoadState, 1);
  g_task_set_task_data (task, state, (GDestroyNotify) load_state_free);

  read_task = g_task_new (self, cancellable, load_read_cb, task);
  g_task_set_source_tag (read_task, load_thread);
  g_task_set_task_data (read_task, g_strdup (self->path), g_free);
  g_task_run_in_thread (read_task, load_thread);
}

gboolean
tess_workspace_load_finish (TessWorkspace  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tess_workspace_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tess_workspace_load (TessWorkspace  *self,
                     GCancellable   *cancellable,
                     GError        **error)
{
  TessWorkspaceContents *contents;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(GError) secrets_error = NULL;

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);

  contents = tess_workspace_contents_read (self->path, cancellable, error);
  if (contents == NULL)
    return FALSE;
  if (self->secret_store != NULL && contents->has_secret_fields)
    secrets = tess_secret_store_lookup_many_sync (self->secret_store, self->path, cancellable, &secrets_error);
  apply_contents (self, contents, secrets, secrets_error);
  tess_workspace_contents_free (contents);
  return TRUE;
}

GPtrArray *
tess_workspace_get_problems (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->problems;
}

gboolean
tess_workspace_is_broken_file (TessWorkspace *self,
                               const char    *path)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return tess_file_writer_is_protected (self->writer, path);
}

const char *
tess_workspace_get_file (TessWorkspace *self,
                         gpointer       item_or_environment)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return g_hash_table_lookup (self->files, item_or_environment);
}

/* ---- collections and environments ---------------------------------------- */

static gpointer
find_in_store (GListStore *store,
               const char *name_or_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  gpointer by_name = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (object_id (object), name_or_id) == 0)
        return object;
      if (by_name == NULL && g_strcmp0 (object_name (object), name_or_id) == 0)
        by_name = object;
    }
  return by_name;
}

static gboolean
add_object (TessWorkspace  *self,
            gpointer        object,
            const char     *folder,
            const char     *suffix,
            const char     *noun,
            GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (g_hash_table_contains (self->files, object))
    return TRUE;
  name = tess_workspace_file_name_for_id (object_id (object), suffix);
  path = g_build_filename (self->path, folder, name, NULL);
  if (!tess_file_writer_check (self->writer, path, error))
    return FALSE;
  if (tess_workspace_path_is_taken (self, path))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "%s ‘%s’: %s already exists (another %s has the id ‘%s’)",
                   noun, object_name (object), path, noun, object_id (object));
      return FALSE;
    }
  g_hash_table_insert (self->files, g_object_ref (object), g_steal_pointer (&path));
  /* Once the person ordered the collections, a new one never reshuffles them. */
  if (TESS_IS_ITEM (object) && collection_order (self->settings) != NULL)
    {
      g_list_store_append (self->collections, object);
      keep_collection_order (self);
    }
  else
    g_list_store_insert_sorted (store_for (self, object), object, compare_by_name, NULL);
  return TRUE;
}

static gboolean
remove_object (TessWorkspace  *self,
               gpointer        object,
               GError        **error)
{
  const char *path = g_hash_table_lookup (self->files, object);

  if (path != NULL && !tess_file_writer_delete (self->writer, path, error))
    return FALSE;
  /* Before the lists let go of it: they may hold the last reference. */
  tess_workspace_forget_secrets (self, object);
  tess_workspace_forget (self, object);
  return TRUE;
}

GListModel *
tess_workspace_get_collections (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (self->collections);
}

TessItem *
tess_workspace_find_collection (TessWorkspace *self,
                                const char    *name_or_id)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  return find_in_store (self->collections, name_or_id);
}

gboolean
tess_workspace_add_collection (TessWorkspace  *self,
                               TessItem       *collection,
                               GError        **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TESS_IS_ITEM (collection), FALSE);
  g_return_val_if_fail (tess_item_get_kind (collection) == TESS_ITEM_COLLECTION, FALSE);

  return add_object (self, collection, TESS_WORKSPACE_COLLECTIONS_DIR,
                     TESS_WORKSPACE_COLLECTION_SUFFIX, "collection", error);
}

gboolean
tess_workspace_remove_collection (TessWorkspace  *self,
                                  TessItem       *collection,
                                  GError        **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TESS_IS_ITEM (collection), FALSE);

  return remove_object (self, collection, error);
}

/* Moves @collection in the list (one items-changed for the rows between
 * its old and new place) and puts the order in the settings. */
static gboolean
move_in_list (TessWorkspace  *self,
              TessItem       *collection,
              guint           position,
              GError        **error)
{
  GListModel *list = G_LIST_MODEL (self->collections);
  g_autoptr(GPtrArray) block = g_ptr_array_new_with_free_func (g_object_unref);
  guint from, first, count;
  gpointer moving;

  if (!g_list_store_find (self->collections, collection, &from))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_NOT_FOUND,
                   "collection ‘%s’: not in the workspace %s", tess_item_get_name (collection), self->path);
      return FALSE;
    }
  position = MIN (position, g_list_model_get_n_items (list) - 1);
  first = MIN (from, position);
  count = MAX (from, position) - first + 1;
  for (guint i = first; i < first + count; i++)
    g_ptr_array_add (block, g_list_model_get_item (list, i));
  moving = g_ptr_array_steal_index (block, from - first);
  g_ptr_array_insert (block, position - first, moving);
  g_list_store_splice (self->collections, first, count, block->pdata, count);
  keep_collection_order (self);
  return TRUE;
}

gboolean
tess_workspace_move_collection (TessWorkspace  *self,
                                TessItem       *collection,
                                guint           position,
                                GError        **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TESS_IS_ITEM (collection), FALSE);

  return move_in_list (self, collection, position, error) &&
         tess_workspace_save_settings (self, error);
}

void
tess_workspace_move_collection_async (TessWorkspace       *self,
                                      TessItem            *collection,
                                      guint                position,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (TESS_IS_WORKSPACE (self));
  g_return_if_fail (TESS_IS_ITEM (collection));

  if (!move_in_list (self, collection, position, &error))
    {
      g_task_report_error (self, callback, user_data, tess_workspace_move_collection_async, error);
      return;
    }
  tess_workspace_save_settings_async (self, cancellable, callback, user_data);
}

gboolean
tess_workspace_move_collection_finish (TessWorkspace  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  if (g_async_result_is_tagged (result, tess_workspace_move_collection_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return tess_workspace_save_settings_finish (self, result, error);
}

static gboolean
add_for_save (TessWorkspace  *self,
              gpointer        object,
              GError        **error)
{
  if (TESS_IS_ITEM (object))
    return tess_workspace_add_collection (self, object, error);
  /* The globals have their own file and are never in the list. */
  if (object == self->globals)
    return TRUE;
  return tess_workspace_add_environment (self, object, error);
}

/* Serialising happens on the caller's thread (the model is not thread safe);
 * only the file write may go to a worker. The document has ids everywhere
 * and no secrets (tess-workspace-secrets.c). Asynchronous saves of a
 * collection build it in steps (tess-workspace-save.c). */
static gboolean
save_document (TessWorkspace  *self,
               gpointer        object,
               GError        **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (!add_for_save (self, object, error))
    return FALSE;
  root = tess_workspace_secrets_document (self, object);
  return tess_workspace_save_object (self, object, root, error);
}

static void
save_document_async (TessWorkspace       *self,
                     gpointer             object,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  if (!add_for_save (self, object, &error))
    {
      g_task_report_error (self, callback, user_data, source_tag, error);
      return;
    }
  if (TESS_IS_ITEM (object))
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, source_tag);
      tess_workspace_build_and_save (self, object, task);
      return;
    }
  root = tess_workspace_secrets_document (self, object);
  tess_workspace_save_object_async (self, object, root, NULL, source_tag, cancellable, callback, user_data);
}

gboolean
tess_workspace_save_collection (TessWorkspace  *self,
                                TessItem       *collection,
                                GError        **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TESS_IS_ITEM (collection), FALSE);

  return save_document (self, collection, error);
}

void
tess_workspace_save_collection_async (TessWorkspace       *self,
                                      TessItem            *collection,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));
  g_return_if_fail (TESS_IS_ITEM (collection));

  save_document_async (self, collection, tess_workspace_save_collection_async,
                       cancellable, callback, user_data);
}

gboolean
tess_workspace_save_collection_finish (TessWorkspace  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return tess_file_writer_save_finish (self, result, tess_workspace_save_collection_async, error);
}

GListModel *
tess_workspace_get_environments (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (self->environments);
}

TessEnvironment *
tess_workspace_find_environment (TessWorkspace *self,
                                 const char    *name_or_id)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  return find_in_store (self->environments, name_or_id);
}

gboolean
tess_workspace_add_environment (TessWorkspace    *self,
                                TessEnvironment  *environment,
                                GError          **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TESS_IS_ENVIRONMENT (environment), FALSE);
  g_return_val_if_fail (environment != self->globals, FALSE);

  return add_object (self, environment, TESS_WORKSPACE_ENVIRONMENTS_DIR,
                     TESS_WORKSPACE_ENVIRONMENT_SUFFIX, "environment", error);
}

gboolean
tess_workspace_remove_environment (TessWorkspace    *self,
                                   TessEnvironment  *environment,
                                   GError          **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TESS_IS_ENVIRONMENT (environment), FALSE);
  g_return_val_if_fail (environment != self->globals, FALSE);

  return remove_object (self, environment, error);
}

gboolean
tess_workspace_save_environment (TessWorkspace    *self,
                                 TessEnvironment  *environment,
                                 GError          **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TESS_IS_ENVIRONMENT (environment), FALSE);

  return save_document (self, environment, error);
}

void
tess_workspace_save_environment_async (TessWorkspace       *self,
                                       TessEnvironment     *environment,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));
  g_return_if_fail (TESS_IS_ENVIRONMENT (environment));

  save_document_async (self, environment, tess_workspace_save_environment_async,
                       cancellable, callback, user_data);
}

gboolean
tess_workspace_save_environment_finish (TessWorkspace  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  return tess_file_writer_save_finish (self, result, tess_workspace_save_environment_async, error);
}

TessEnvironment *
tess_workspace_get_globals (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->globals;
}

gboolean
tess_workspace_save_globals (TessWorkspace  *self,
                             GError        **error)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);

  return tess_workspace_save_environment (self, self->globals, error);
}

void
tess_workspace_save_globals_async (TessWorkspace       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));

  save_document_async (self, self->globals, tess_workspace_save_globals_async,
                       cancellable, callback, user_data);
}

gboolean
tess_workspace_save_globals_finish (TessWorkspace  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return tess_file_writer_save_finish (self, result, tess_workspace_save_globals_async, error);
}
