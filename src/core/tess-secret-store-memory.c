#include "tess-secret-store-memory.h"

#include <string.h>

struct _TessSecretStoreMemory
{
  GObject parent_instance;

  /* workspace U+001F kind U+001F id U+001F field → value */
  GHashTable *secrets;
  GError *error;
};

static void tess_secret_store_memory_iface_init (TessSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TessSecretStoreMemory, tess_secret_store_memory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TESS_TYPE_SECRET_STORE,
                                                      tess_secret_store_memory_iface_init))

static char *
full_key (const char       *workspace,
          const TessSecret *secret)
{
  g_autofree char *key = tess_secret_dup_key (secret);

  return g_strconcat (workspace, "\x1f", key, NULL);
}

/* A task that reports @self's error when one is set; NULL then. */
static GTask *
begin (TessSecretStoreMemory *self,
       gpointer               source_tag,
       GCancellable          *cancellable,
       GAsyncReadyCallback    callback,
       gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (g_task_return_error_if_cancelled (task))
    return NULL;
  if (self->error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      return NULL;
    }
  return g_steal_pointer (&task);
}

static void
memory_lookup_async (TessSecretStore     *store,
                     const char          *workspace,
                     const TessSecret    *key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TessSecretStoreMemory *self = TESS_SECRET_STORE_MEMORY (store);
  g_autoptr(GTask) task = begin (self, memory_lookup_async, cancellable, callback, user_data);
  g_autofree char *full = NULL;

  if (task == NULL)
    return;
  full = full_key (workspace, key);
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->secrets, full)), g_free);
}

static char *
memory_lookup_finish (TessSecretStore  *store,
                      GAsyncResult     *result,
                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_lookup_many_async (TessSecretStore     *store,
                          const char          *workspace,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TessSecretStoreMemory *self = TESS_SECRET_STORE_MEMORY (store);
  g_autoptr(GTask) task = begin (self, memory_lookup_many_async, cancellable, callback, user_data);
  g_autofree char *prefix = NULL;
  GHashTable *values;
  GHashTableIter iter;
  gpointer key, value;

  if (task == NULL)
    return;
  prefix = g_strconcat (workspace, "\x1f", NULL);
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, self->secrets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_insert (values, g_strdup ((char *) key + strlen (prefix)), g_strdup (value));
  g_task_return_pointer (task, values, (GDestroyNotify) g_hash_table_unref);
}

static GHashTable *
memory_lookup_many_finish (TessSecretStore  *store,
                           GAsyncResult     *result,
                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_store_async (TessSecretStore     *store,
                    const char          *workspace,
                    const TessSecret    *secret,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  TessSecretStoreMemory *self = TESS_SECRET_STORE_MEMORY (store);
  g_autoptr(GTask) task = begin (self, memory_store_async, cancellable, callback, user_data);

  if (task == NULL)
    return;
  g_hash_table_replace (self->secrets, full_key (workspace, secret), g_strdup (secret->value));
  g_task_return_boolean (task, TRUE);
}

static gboolean
memory_boolean_finish (TessSecretStore  *store,
                       GAsyncResult     *result,
                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
memory_clear_async (TessSecretStore     *store,
                    const char          *workspace,
                    const TessSecret    *key,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  TessSecretStoreMemory *self = TESS_SECRET_STORE_MEMORY (store);
  g_autoptr(GTask) task = begin (self, memory_clear_async, cancellable, callback, user_data);

  if (task == NULL)
    return;
  if (key->field != NULL)
    {
      g_autofree char *full = full_key (workspace, key);

      g_hash_table_remove (self->secrets, full);
    }
  else
    {
      /* Every field of the owner: keys that start with its kind and id. */
      g_autofree char *prefix = g_strjoin ("\x1f", workspace, key->owner_kind, key->owner_id, "", NULL);
      GHashTableIter iter;
      gpointer stored;

      g_hash_table_iter_init (&iter, self->secrets);
      while (g_hash_table_iter_next (&iter, &stored, NULL))
        if (g_str_has_prefix (stored, prefix))
          g_hash_table_iter_remove (&iter);
    }
  g_task_return_boolean (task, TRUE);
}

static void
tess_secret_store_memory_iface_init (TessSecretStoreInterface *iface)
{
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = memory_lookup_finish;
  iface->lookup_many_async = memory_lookup_many_async;
  iface->lookup_many_finish = memory_lookup_many_finish;
  iface->store_async = memory_store_async;
  iface->store_finish = memory_boolean_finish;
  iface->clear_async = memory_clear_async;
  iface->clear_finish = memory_boolean_finish;
}

static void
tess_secret_store_memory_finalize (GObject *object)
{
  TessSecretStoreMemory *self = TESS_SECRET_STORE_MEMORY (object);

  g_hash_table_unref (self->secrets);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tess_secret_store_memory_parent_class)->finalize (object);
}

static void
tess_secret_store_memory_class_init (TessSecretStoreMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tess_secret_store_memory_finalize;
}

static void
tess_secret_store_memory_init (TessSecretStoreMemory *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

TessSecretStore *
tess_secret_store_memory_new (void)
{
  return g_object_new (TESS_TYPE_SECRET_STORE_MEMORY, NULL);
}

void
tess_secret_store_memory_set_error (TessSecretStoreMemory *self,
                                    const GError          *error)
{
  g_return_if_fail (TESS_IS_SECRET_STORE_MEMORY (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
}

guint
tess_secret_store_memory_get_size (TessSecretStoreMemory *self)
{
  g_return_val_if_fail (TESS_IS_SECRET_STORE_MEMORY (self), 0);

  return g_hash_table_size (self->secrets);
}
