#include "tess-secret-store-libsecret.h"

#include <libsecret/secret.h>
#include <string.h>

struct _TessSecretStoreLibsecret
{
  GObject parent_instance;

  /* Set when there is no session bus at all: every call fails with it
   * instead of letting GLib autolaunch a bus that outlives us. */
  GError *no_bus;
  guint n_searches;
  guint n_lookups;
};

typedef enum {
  OP_LOOKUP,
  OP_LOOKUP_MANY,
  OP_STORE,
  OP_CLEAR,
} OpKind;

typedef struct {
  OpKind kind;
  char *workspace;
  TessSecret *secret;
} Op;

static void tess_secret_store_libsecret_iface_init (TessSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TessSecretStoreLibsecret, tess_secret_store_libsecret, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TESS_TYPE_SECRET_STORE,
                                                      tess_secret_store_libsecret_iface_init))

static const SecretSchema *
tessera_schema (void)
{
  static const SecretSchema schema = {
    TESS_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "owner-kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "owner-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "field", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* ---- helpers ------------------------------------------------------------- */

static void
op_free (Op *op)
{
  g_free (op->workspace);
  tess_secret_free (op->secret);
  g_free (op);
}

static GHashTable *
attributes_for (const char       *workspace,
                const TessSecret *secret)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, "workspace", (gpointer) workspace);
  if (secret == NULL)
    return attributes;
  g_hash_table_insert (attributes, "owner-kind", secret->owner_kind);
  g_hash_table_insert (attributes, "owner-id", secret->owner_id);
  if (secret->field != NULL)
    g_hash_table_insert (attributes, "field", secret->field);
  return attributes;
}

/* GLib looks for $DBUS_SESSION_BUS_ADDRESS, then $XDG_RUNTIME_DIR/bus, then
 * autolaunches a bus through X11. The last leaves daemons behind and may
 * wait on a display: report "no bus" instead. */
static GError *
check_session_bus (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *socket = NULL;

  if (address != NULL && *address != '\0')
    return NULL;
  socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  if (g_file_test (socket, G_FILE_TEST_EXISTS))
    return NULL;
  return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                      "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set and %s does not exist",
                      socket);
}

/* ---- the worker ------------------------------------------------------------ */

static void
run_lookup (TessSecretStoreLibsecret *self,
            GTask                    *task,
            Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, op->secret);
  GError *error = NULL;
  char *value;

  g_atomic_int_inc (&self->n_lookups);
  value = secret_password_lookupv_sync (tessera_schema (), attributes, g_task_get_cancellable (task), &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      char *copy = g_strdup (value);

      secret_password_free (value);
      g_task_return_pointer (task, copy, g_free);
    }
}

static void
run_lookup_many (TessSecretStoreLibsecret *self,
                 GTask                    *task,
                 Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, NULL);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  GList *items;
  gboolean locked = FALSE;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &error);
  if (service == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_atomic_int_inc (&self->n_searches);
  /* One search for the whole workspace, unlocking once and loading every
   * secret in one round trip. */
  items = secret_service_search_sync (service, tessera_schema (), attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                      cancellable, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(GHashTable) item_attributes = NULL;
      g_autoptr(SecretValue) secret = NULL;

      /* Still locked: the person did not unlock it. */
      if (secret_item_get_locked (item))
        {
          locked = TRUE;
          continue;
        }
      secret = secret_item_get_secret (item);
      item_attributes = secret_item_get_attributes (item);
      if (secret == NULL || item_attributes == NULL)
        continue;
      g_hash_table_replace (values,
                            tess_secret_make_key (g_hash_table_lookup (item_attributes, "owner-kind"),
                                                  g_hash_table_lookup (item_attributes, "owner-id"),
                                                  g_hash_table_lookup (item_attributes, "field")),
                            g_strdup (secret_value_get_text (secret)));
    }
  g_list_free_full (items, g_object_unref);
  if (locked)
    g_task_return_new_error (task, SECRET_ERROR, SECRET_ERROR_IS_LOCKED,
                             "the keyring holding the secrets of %s is locked", op->workspace);
  else
    g_task_return_pointer (task, g_steal_pointer (&values), (GDestroyNotify) g_hash_table_unref);
}

static void
run_store (TessSecretStoreLibsecret *self,
           GTask                    *task,
           Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, op->secret);
  g_autofree char *label = NULL;
  GError *error = NULL;

  label = op->secret->label ? g_strdup (op->secret->label)
                            : g_strdup_printf ("Tessera: %s %s", op->secret->owner_kind, op->secret->field);
  if (secret_password_storev_sync (tessera_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                                   op->secret->value, g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_clear (TessSecretStoreLibsecret *self,
           GTask                    *task,
           Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, op->secret);
  GError *error = NULL;

  /* FALSE without an error only means there was nothing to delete. */
  secret_password_clearv_sync (tessera_schema (), attributes, g_task_get_cancellable (task), &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  g_autoptr(GTask) task = data;
  TessSecretStoreLibsecret *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->no_bus != NULL)
    {
      g_task_return_error (task, g_error_copy (self->no_bus));
      return;
    }
  switch (op->kind)
    {
    case OP_LOOKUP:
      run_lookup (self, task, op);
      break;
    case OP_LOOKUP_MANY:
      run_lookup_many (self, task, op);
      break;
    case OP_STORE:
      run_store (self, task, op);
      break;
    case OP_CLEAR:
      run_clear (self, task, op);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* One worker for every store in the process: keyring calls keep the order
 * they were asked in. It is never freed, so the last reference to a store
 * may go away in the worker itself. */
static GThreadPool *
shared_worker (void)
{
  static GThreadPool *worker;

  if (g_once_init_enter (&worker))
    g_once_init_leave (&worker, g_thread_pool_new (worker_run, NULL, 1, FALSE, NULL));
  return worker;
}

static void
queue_op (TessSecretStoreLibsecret *self,
          OpKind                    kind,
          gpointer                  source_tag,
          const char               *workspace,
          const TessSecret         *secret,
          GCancellable             *cancellable,
          GAsyncReadyCallback       callback,
          gpointer                  user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->workspace = g_strdup (workspace);
  op->secret = secret ? tess_secret_copy (secret) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  /* The pool owns the task until worker_run drops it. */
  g_thread_pool_push (shared_worker (), task, NULL);
}

/* ---- TessSecretStore ------------------------------------------------------ */

static void
libsecret_lookup_async (TessSecretStore     *store,
                        const char          *workspace,
                        const TessSecret    *key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  queue_op (TESS_SECRET_STORE_LIBSECRET (store), OP_LOOKUP, libsecret_lookup_async,
            workspace, key, cancellable, callback, user_data);
}

static char *
libsecret_lookup_finish (TessSecretStore  *store,
                         GAsyncResult     *result,
                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
libsecret_lookup_many_async (TessSecretStore     *store,
                             const char          *workspace,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  queue_op (TESS_SECRET_STORE_LIBSECRET (store), OP_LOOKUP_MANY, libsecret_lookup_many_async,
            workspace, NULL, cancellable, callback, user_data);
}

static GHashTable *
libsecret_lookup_many_finish (TessSecretStore  *store,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
libsecret_store_async (TessSecretStore     *store,
                       const char          *workspace,
                       const TessSecret    *secret,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  queue_op (TESS_SECRET_STORE_LIBSECRET (store), OP_STORE, libsecret_store_async,
            workspace, secret, cancellable, callback, user_data);
}

static gboolean
libsecret_boolean_finish (TessSecretStore  *store,
                          GAsyncResult     *result,
                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
libsecret_clear_async (TessSecretStore     *store,
                       const char          *workspace,
                       const TessSecret    *key,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  queue_op (TESS_SECRET_STORE_LIBSECRET (store), OP_CLEAR, libsecret_clear_async,
            workspace, key, cancellable, callback, user_data);
}

static void
tess_secret_store_libsecret_iface_init (TessSecretStoreInterface *iface)
{
  iface->lookup_async = libsecret_lookup_async;
  iface->lookup_finish = libsecret_lookup_finish;
  iface->lookup_many_async = libsecret_lookup_many_async;
  iface->lookup_many_finish = libsecret_lookup_many_finish;
  iface->store_async = libsecret_store_async;
  iface->store_finish = libsecret_boolean_finish;
  iface->clear_async = libsecret_clear_async;
  iface->clear_finish = libsecret_boolean_finish;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
tess_secret_store_libsecret_finalize (GObject *object)
{
  TessSecretStoreLibsecret *self = TESS_SECRET_STORE_LIBSECRET (object);

  g_clear_error (&self->no_bus);

  G_OBJECT_CLASS (tess_secret_store_libsecret_parent_class)->finalize (object);
}

static void
tess_secret_store_libsecret_class_init (TessSecretStoreLibsecretClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tess_secret_store_libsecret_finalize;
}

static void
tess_secret_store_libsecret_init (TessSecretStoreLibsecret *self)
{
  self->no_bus = check_session_bus ();
}

TessSecretStore *
tess_secret_store_libsecret_new (void)
{
  return g_object_new (TESS_TYPE_SECRET_STORE_LIBSECRET, NULL);
}

guint
tess_secret_store_libsecret_get_n_searches (TessSecretStoreLibsecret *self)
{
  g_return_val_if_fail (TESS_IS_SECRET_STORE_LIBSECRET (self), 0);

  return g_atomic_int_get (&self->n_searches);
}

guint
tess_secret_store_libsecret_get_n_lookups (TessSecretStoreLibsecret *self)
{
  g_return_val_if_fail (TESS_IS_SECRET_STORE_LIBSECRET (self), 0);

  return g_atomic_int_get (&self->n_lookups);
}
