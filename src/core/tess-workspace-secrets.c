#include "tess-workspace-private.h"

#include <string.h>

#include "tess-error.h"
#include "tess-secrets.h"

/* The workspace's side of secrets: files get empty values (the documents
 * are blanked by tess-postman.c and tess-secrets.c), the keyring gets the
 * values. The keyring is written after the file, asynchronously even for
 * the blocking saves: a keyring that prompts must never freeze a window. */

typedef struct {
  char *owner_kind;
  char *owner_id;
  char *field;
  /* NULL: the keyring may hold something whose value is not known (a write
   * or delete failed), so the next save writes or deletes again. */
  char *value;
  /* "collection:ID", "environment:ID" or "globals": who had it last. */
  char *container;
} KnownSecret;

typedef struct {
  TessWorkspace *self;
  GTask *task;          /* finishes when every call of the batch is done, */
  guint outstanding;    /* with FALSE when one of them failed */
  gboolean failed;
} Batch;

typedef struct {
  Batch *batch;
  char *key;
  char *value;          /* what was stored; NULL for a delete */
  gboolean clear;
} Call;

/* ---- helpers ----------------------------------------------------------------- */

static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
known_free (KnownSecret *known)
{
  g_free (known->owner_kind);
  g_free (known->owner_id);
  g_free (known->field);
  wipe_free (known->value);
  g_free (known->container);
  g_free (known);
}

static void
remember (TessWorkspace    *self,
          const TessSecret *secret,
          const char       *value,
          const char       *container)
{
  KnownSecret *known = g_new0 (KnownSecret, 1);

  known->owner_kind = g_strdup (secret->owner_kind);
  known->owner_id = g_strdup (secret->owner_id);
  known->field = g_strdup (secret->field);
  known->value = g_strdup (value);
  known->container = g_strdup (container);
  g_hash_table_replace (self->secrets_known, tess_secret_dup_key (secret), known);
}

static char *
container_of (gpointer object)
{
  if (TESS_IS_ITEM (object))
    return g_strconcat ("collection:", tess_item_get_id (object), NULL);
  if (tess_environment_get_is_globals (object))
    return g_strdup ("globals");
  return g_strconcat ("environment:", tess_environment_get_id (object), NULL);
}

static GPtrArray *
collect (gpointer object)
{
  if (TESS_IS_ITEM (object))
    return tess_secrets_collect_collection (object);
  return tess_secrets_collect_environment (object);
}

static guint
fill (gpointer    object,
      GHashTable *values)
{
  if (TESS_IS_ITEM (object))
    return tess_secrets_fill_collection (object, values);
  return tess_secrets_fill_environment (object, values);
}

static gboolean
tree_has_id (TessItem   *item,
             const char *id)
{
  GListModel *children = tess_item_get_children (item);

  if (g_strcmp0 (tess_item_get_id (item), id) == 0)
    return TRUE;
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (children, i);

      if (tree_has_id (child, id))
        return TRUE;
    }
  return FALSE;
}

/* The workspace collection other than @except whose tree holds the item @id:
 * an item moved there keeps its secrets. */
static TessItem *
collection_holding (TessWorkspace *self,
                    const char    *id,
                    gpointer       except)
{
  GListModel *collections = G_LIST_MODEL (self->collections);

  for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
    {
      g_autoptr(TessItem) collection = g_list_model_get_item (collections, i);

      if ((gpointer) collection != except && tree_has_id (collection, id))
        return collection;
    }
  return NULL;
}

static gboolean
is_item_owner (const char *owner_kind)
{
  return g_strcmp0 (owner_kind, TESS_SECRET_OWNER_REQUEST) == 0 ||
         g_strcmp0 (owner_kind, TESS_SECRET_OWNER_FOLDER) == 0;
}

/* ---- the keyring's state, for people --------------------------------------------- */

static void
set_error (TessWorkspace *self,
           const GError  *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->secrets_error == NULL)
    return;
  if (self->secrets_flush_error == NULL)
    self->secrets_flush_error = g_error_copy (error);
  if (self->secrets_error != NULL && g_error_matches (self->secrets_error, error->domain, error->code))
    return;
  g_clear_error (&self->secrets_error);
  g_free (self->secrets_message);
  self->secrets_error = g_error_copy (error);
  self->secrets_message = tess_secret_store_dup_memory_only_message (error);
  tess_workspace_notify_secrets (self);
}

static void
clear_error (TessWorkspace *self)
{
  if (self->secrets_error == NULL)
    return;
  g_clear_error (&self->secrets_error);
  g_clear_pointer (&self->secrets_message, g_free);
  tess_workspace_notify_secrets (self);
}

/* ---- keyring calls ------------------------------------------------------------------ */

static void
complete_flushes (TessWorkspace *self)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  if (self->secrets_pending > 0 || self->secrets_flushes->len == 0)
    return;
  waiting = g_steal_pointer (&self->secrets_flushes);
  self->secrets_flushes = g_ptr_array_new_with_free_func (g_object_unref);
  error = g_steal_pointer (&self->secrets_flush_error);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static Batch *
batch_new (TessWorkspace       *self,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->self = g_object_ref (self);
  batch->task = g_task_new (self, cancellable, callback, user_data);
  /* Held until every call is queued, so an early answer cannot end it. */
  batch->outstanding = 1;
  return batch;
}

static void
batch_release (Batch *batch)
{
  if (--batch->outstanding > 0)
    return;
  g_task_return_boolean (batch->task, !batch->failed);
  g_object_unref (batch->task);
  g_object_unref (batch->self);
  g_free (batch);
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  TessWorkspace *self = call->batch->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (call->clear)
    ok = tess_secret_store_clear_finish (TESS_SECRET_STORE (source), result, &error);
  else
    ok = tess_secret_store_store_finish (TESS_SECRET_STORE (source), result, &error);
  if (!ok)
    {
      KnownSecret *known = g_hash_table_lookup (self->secrets_known, call->key);

      set_error (self, error);
      call->batch->failed = TRUE;
      /* Unknown again: the next save tries once more. */
      if (known != NULL && (call->clear || g_strcmp0 (known->value, call->value) == 0))
        g_clear_pointer (&known->value, wipe_free);
    }

  self->secrets_pending--;
  batch_release (call->batch);
  complete_flushes (self);
  g_free (call->key);
  wipe_free (call->value);
  g_free (call);
}

static void
start_call (Batch            *batch,
            const TessSecret *secret,
            gboolean          clear)
{
  TessWorkspace *self = batch->self;
  Call *call = g_new0 (Call, 1);

  call->batch = batch;
  call->key = tess_secret_dup_key (secret);
  call->clear = clear;
  batch->outstanding++;
  self->secrets_pending++;
  if (clear)
    tess_secret_store_clear_async (self->secret_store, self->path, secret, NULL, call_done_cb, call);
  else
    {
      call->value = g_strdup (secret->value);
      tess_secret_store_store_async (self->secret_store, self->path, secret, NULL, call_done_cb, call);
    }
}

/* ---- one object's secrets to the keyring --------------------------------------------- */

static void
clear_stale (TessWorkspace *self,
             Batch         *batch,
             gpointer       object,
             const char    *container,
             GHashTable    *live_keys)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->secrets_known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KnownSecret *known = value;
      TessItem *moved_to;

      if (g_strcmp0 (known->container, container) != 0 || g_hash_table_contains (live_keys, key))
        continue;
      /* Moved to another collection: that one has it now. */
      moved_to = is_item_owner (known->owner_kind) ? collection_holding (self, known->owner_id, object) : NULL;
      if (moved_to != NULL)
        {
          g_free (known->container);
          known->container = container_of (moved_to);
          continue;
        }
      g_ptr_array_add (stale, g_strdup (key));
    }

  for (guint i = 0; i < stale->len; i++)
    {
      KnownSecret *known = g_hash_table_lookup (self->secrets_known, stale->pdata[i]);
      g_autoptr(TessSecret) secret = tess_secret_new (known->owner_kind, known->owner_id, known->field, NULL);

      g_hash_table_remove (self->secrets_known, stale->pdata[i]);
      start_call (batch, secret, TRUE);
    }
}

static void
sync_secrets_async (TessWorkspace       *self,
                    gpointer             object,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  Batch *batch = batch_new (self, NULL, callback, user_data);
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GHashTable) live_keys = NULL;
  g_autofree char *container = NULL;

  if (self->secret_store == NULL)
    {
      batch_release (batch);
      return;
    }

  container = container_of (object);
  live = collect (object);
  live_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < live->len; i++)
    {
      TessSecret *secret = g_ptr_array_index (live, i);
      char *key = tess_secret_dup_key (secret);
      KnownSecret *known = g_hash_table_lookup (self->secrets_known, key);

      g_hash_table_add (live_keys, key);
      if (tess_secrets_value_is_secret (secret->value))
        {
          if (known != NULL && g_strcmp0 (known->value, secret->value) == 0)
            {
              g_free (known->container);
              known->container = g_strdup (container);
              continue;
            }
          /* Remembered now, not when the keyring answers: a second save
           * before then must see what the first one asked for. */
          remember (self, secret, secret->value, container);
          start_call (batch, secret, FALSE);
        }
      else if (known != NULL)
        {
          /* Emptied by the person: the keyring's copy goes too. */
          g_hash_table_remove (self->secrets_known, key);
          start_call (batch, secret, TRUE);
        }
    }
  clear_stale (self, batch, object, container, live_keys);
  batch_release (batch);
}

/* ---- saving ---------------------------------------------------------------------- */

JsonNode *
tess_workspace_secrets_document (TessWorkspace *self,
                                 gpointer       object)
{
  JsonNode *root;

  /* The workspace copy carries ids everywhere: secrets are keyed by them. */
  if (TESS_IS_ITEM (object))
    return tess_postman_collection_to_json_full (object, TESS_POSTMAN_EXPORT_ASSIGN_IDS);
  root = tess_environment_to_json (object);
  tess_secrets_blank_json (root);
  return root;
}

void
tess_workspace_store_secrets (TessWorkspace *self,
                              gpointer       object)
{
  sync_secrets_async (self, object, NULL, NULL);
}

gboolean
tess_workspace_save_object (TessWorkspace  *self,
                            gpointer        object,
                            JsonNode       *root,
                            GError        **error)
{
  if (!tess_file_writer_save (self->writer, g_hash_table_lookup (self->files, object), root, error))
    return FALSE;
  sync_secrets_async (self, object, NULL, NULL);
  return TRUE;
}

static void
save_secrets_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* Keyring failures are in "secrets-message"; the file was written. */
  g_task_return_boolean (task, TRUE);
}

static void
save_file_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessWorkspace *self = TESS_WORKSPACE (source);
  GError *error = NULL;

  if (!tess_file_writer_save_finish (self, result, save_file_done_cb, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  sync_secrets_async (self, g_task_get_task_data (task), save_secrets_done_cb, g_object_ref (task));
}

void
tess_workspace_save_object_async (TessWorkspace       *self,
                                  gpointer             object,
                                  JsonNode            *root,
                                  TessFileWriterPrepare prepare,
                                  gpointer             source_tag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_object_ref (object), g_object_unref);
  tess_file_writer_save_async (self->writer, g_hash_table_lookup (self->files, object), root, prepare,
                               self, save_file_done_cb, cancellable, save_file_done_cb, task);
}

/* A file that held secrets in plain text loses them only once the keyring
 * has them: a keyring that fails leaves the file as it was. */
static void
migrate_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TessWorkspace *self = TESS_WORKSPACE (source);
  g_autoptr(GObject) object = user_data;
  const char *path = g_hash_table_lookup (self->files, object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), NULL) && path != NULL)
    {
      g_autoptr(JsonNode) root = tess_workspace_secrets_document (self, object);

      if (!tess_file_writer_save (self->writer, path, root, &error))
        g_ptr_array_add (self->problems, g_steal_pointer (&error));
    }
  /* Counted as a keyring call: a flush waits for the file too. */
  self->secrets_pending--;
  complete_flushes (self);
}

void
tess_workspace_migrate_secrets (TessWorkspace *self,
                                gpointer       object)
{
  self->secrets_pending++;
  sync_secrets_async (self, object, migrate_done_cb, g_object_ref (object));
}

/* ---- removing ------------------------------------------------------------------------ */

static void
add_owner (GHashTable *owners,
           const char *kind,
           const char *id)
{
  g_hash_table_replace (owners, tess_secret_make_key (kind, id, NULL),
                        tess_secret_new (kind, id, NULL, NULL));
}

void
tess_workspace_forget_secrets (TessWorkspace *self,
                               gpointer       object)
{
  g_autoptr(GHashTable) owners = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *container = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Batch *batch;

  if (self->secret_store == NULL)
    return;
  owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) tess_secret_free);
  container = container_of (object);

  /* The owner itself, everything its tree holds now, and whatever the
   * keyring was known to hold for it. */
  if (TESS_IS_ITEM (object))
    add_owner (owners, TESS_SECRET_OWNER_COLLECTION, tess_item_get_id (object));
  else if (tess_environment_get_is_globals (object))
    add_owner (owners, TESS_SECRET_OWNER_GLOBALS, TESS_SECRET_GLOBALS_ID);
  else
    add_owner (owners, TESS_SECRET_OWNER_ENVIRONMENT, tess_environment_get_id (object));
  slots = collect (object);
  for (guint i = 0; i < slots->len; i++)
    {
      TessSecret *slot = g_ptr_array_index (slots, i);

      add_owner (owners, slot->owner_kind, slot->owner_id);
    }
  g_hash_table_iter_init (&iter, self->secrets_known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KnownSecret *known = value;

      if (g_strcmp0 (known->container, container) == 0)
        add_owner (owners, known->owner_kind, known->owner_id);
    }

  batch = batch_new (self, NULL, NULL, NULL);
  g_hash_table_iter_init (&iter, owners);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TessSecret *owner = value;
      g_autofree char *prefix = NULL;
      GHashTableIter known_iter;
      gpointer known_key;

      if (is_item_owner (owner->owner_kind) && collection_holding (self, owner->owner_id, object) != NULL)
        continue;
      prefix = tess_secret_make_key (owner->owner_kind, owner->owner_id, "");
      g_hash_table_iter_init (&known_iter, self->secrets_known);
      while (g_hash_table_iter_next (&known_iter, &known_key, NULL))
        if (g_str_has_prefix (known_key, prefix))
          g_hash_table_iter_remove (&known_iter);
      start_call (batch, owner, TRUE);
    }
  batch_release (batch);
}

/* ---- loading -------------------------------------------------------------------------- */

static gboolean
has_plain_secret (GPtrArray *slots)
{
  for (guint i = 0; i < slots->len; i++)
    if (tess_secrets_value_is_secret (((TessSecret *) slots->pdata[i])->value))
      return TRUE;
  return FALSE;
}

/* Fills @object and remembers what the keyring holds for it. Returns
 * whether its file held a secret in plain text. */
static gboolean
fill_object (TessWorkspace *self,
             gpointer       object,
             GHashTable    *values)
{
  g_autoptr(GPtrArray) slots = collect (object);
  g_autofree char *container = container_of (object);

  if (values != NULL)
    fill (object, values);
  for (guint i = 0; values != NULL && i < slots->len; i++)
    {
      TessSecret *slot = g_ptr_array_index (slots, i);
      g_autofree char *key = tess_secret_dup_key (slot);
      const char *stored = g_hash_table_lookup (values, key);

      if (stored != NULL)
        remember (self, slot, stored, container);
    }
  return has_plain_secret (slots);
}

GPtrArray *
tess_workspace_secrets_apply_load (TessWorkspace         *self,
                                   TessWorkspaceContents *contents,
                                   GHashTable            *values,
                                   const GError          *error)
{
  GPtrArray *migrate = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  gboolean can_store = self->secret_store != NULL && error == NULL;

  g_hash_table_remove_all (self->secrets_known);
  if (self->secret_store != NULL && error != NULL)
    set_error (self, error);
  else
    clear_error (self);

  for (guint i = 0; i < contents->collections->len; i++)
    g_ptr_array_add (objects, ((TessWorkspaceFile *) contents->collections->pdata[i])->object);
  for (guint i = 0; i < contents->environments->len; i++)
    g_ptr_array_add (objects, ((TessWorkspaceFile *) contents->environments->pdata[i])->object);
  if (contents->globals != NULL)
    g_ptr_array_add (objects, contents->globals);

  for (guint i = 0; i < objects->len; i++)
    if (fill_object (self, objects->pdata[i], values) && can_store)
      g_ptr_array_add (migrate, g_object_ref (objects->pdata[i]));
  return migrate;
}

static void
reload_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessWorkspace *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) values = NULL;
  GListModel *lists[] = { G_LIST_MODEL (self->collections), G_LIST_MODEL (self->environments) };
  GError *error = NULL;

  values = tess_secret_store_lookup_many_finish (TESS_SECRET_STORE (source), result, &error);
  if (values == NULL)
    {
      set_error (self, error);
      g_task_return_error (task, error);
      return;
    }
  clear_error (self);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (lists[l], i);

        fill_object (self, object, values);
      }
  fill_object (self, self->globals, values);
  g_task_return_boolean (task, TRUE);
}

/* ---- public API -------------------------------------------------------------------------- */

void
tess_workspace_secrets_init (TessWorkspace *self)
{
  self->secrets_known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) known_free);
  self->secrets_flushes = g_ptr_array_new_with_free_func (g_object_unref);
}

void
tess_workspace_secrets_finalize (TessWorkspace *self)
{
  g_clear_object (&self->secret_store);
  g_clear_error (&self->secrets_error);
  g_clear_pointer (&self->secrets_message, g_free);
  g_clear_pointer (&self->secrets_known, g_hash_table_unref);
  g_clear_pointer (&self->secrets_flushes, g_ptr_array_unref);
  g_clear_error (&self->secrets_flush_error);
}

void
tess_workspace_set_secret_store (TessWorkspace   *self,
                                 TessSecretStore *store)
{
  g_return_if_fail (TESS_IS_WORKSPACE (self));
  g_return_if_fail (store == NULL || TESS_IS_SECRET_STORE (store));

  if (!g_set_object (&self->secret_store, store))
    return;
  g_hash_table_remove_all (self->secrets_known);
  clear_error (self);
}

TessSecretStore *
tess_workspace_get_secret_store (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->secret_store;
}

const GError *
tess_workspace_get_secrets_error (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->secrets_error;
}

const char *
tess_workspace_get_secrets_message (TessWorkspace *self)
{
  g_return_val_if_fail (TESS_IS_WORKSPACE (self), NULL);

  return self->secrets_message;
}

void
tess_workspace_reload_secrets_async (TessWorkspace       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESS_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_workspace_reload_secrets_async);
  if (self->secret_store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  tess_secret_store_lookup_many_async (self->secret_store, self->path, cancellable,
                                       reload_done_cb, g_steal_pointer (&task));
}

gboolean
tess_workspace_reload_secrets_finish (TessWorkspace  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tess_workspace_flush_secrets_async (TessWorkspace       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TESS_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_workspace_flush_secrets_async);
  g_ptr_array_add (self->secrets_flushes, task);
  complete_flushes (self);
}

gboolean
tess_workspace_flush_secrets_finish (TessWorkspace  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tess_workspace_flush_secrets (TessWorkspace  *self,
                              GError        **error)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_val_if_fail (TESS_IS_WORKSPACE (self), FALSE);

  while (self->secrets_pending > 0)
    g_main_context_iteration (context, TRUE);
  if (self->secrets_flush_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->secrets_flush_error));
      return FALSE;
    }
  return TRUE;
}
