#include "tess-secret-store-libsecret.h"

#include <string.h>

/* libsecret is opened by the first call that reaches the worker: creating a
 * store, as the app and the CLI do at start, must not load it. */
#include "tess-libsecret.h"

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

/* Reading a whole workspace's secrets. libsecret's secret_service_search()
 * makes a proxy per item (a property load and a match rule each), which for
 * 500 items is slower than 500 single lookups. Here: one SearchItems, one
 * Unlock when something is locked, one GetSecrets, and every item's
 * Attributes read with calls sent all at once and awaited together. */
typedef struct {
  GMainContext *context;
  GHashTable *attributes;   /* path → GVariant a{ss} */
  guint pending;
  GError *error;
} AttributeReads;

typedef struct {
  AttributeReads *reads;
  char *path;
} AttributeRead;

static void
attribute_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AttributeRead *read = user_data;
  AttributeReads *reads = read->reads;
  GError *error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL)
    {
      if (reads->error == NULL)
        reads->error = error;
      else
        g_error_free (error);
    }
  else
    {
      GVariant *value = NULL;

      g_variant_get (reply, "(v)", &value);
      g_hash_table_insert (reads->attributes, g_steal_pointer (&read->path), value);
    }
  reads->pending--;
  g_main_context_wakeup (reads->context);
  g_free (read->path);
  g_free (read);
}

static GHashTable *
read_attributes (SecretService  *service,
                 char          **paths,
                 GCancellable   *cancellable,
                 GError        **error)
{
  GDBusProxy *proxy = G_DBUS_PROXY (service);
  AttributeReads reads = { g_main_context_new (), NULL, 0, NULL };

  reads.attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  g_main_context_push_thread_default (reads.context);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      AttributeRead *read = g_new0 (AttributeRead, 1);

      read->reads = &reads;
      read->path = g_strdup (paths[i]);
      reads.pending++;
      g_dbus_connection_call (g_dbus_proxy_get_connection (proxy), g_dbus_proxy_get_name (proxy), paths[i],
                              "org.freedesktop.DBus.Properties", "Get",
                              g_variant_new ("(ss)", "org.freedesktop.Secret.Item", "Attributes"),
                              G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                              attribute_read_cb, read);
    }
  while (reads.pending > 0)
    g_main_context_iteration (reads.context, TRUE);
  g_main_context_pop_thread_default (reads.context);
  g_main_context_unref (reads.context);
  if (reads.error != NULL)
    {
      g_propagate_error (error, reads.error);
      g_hash_table_unref (reads.attributes);
      return NULL;
    }
  return reads.attributes;
}

static char *
key_from_attributes (GVariant *attributes)
{
  const char *kind = NULL, *id = NULL, *field = NULL;

  g_variant_lookup (attributes, "owner-kind", "&s", &kind);
  g_variant_lookup (attributes, "owner-id", "&s", &id);
  g_variant_lookup (attributes, "field", "&s", &field);
  if (kind == NULL || id == NULL || field == NULL)
    return NULL;
  return tess_secret_make_key (kind, id, field);
}

/* Paths the search found, unlocking the locked ones (which may prompt). */
static char **
find_paths (const TessLibsecret  *libsecret,
            SecretService        *service,
            GHashTable           *attributes,
            GCancellable         *cancellable,
            GError              **error)
{
  g_auto(GStrv) unlocked = NULL;
  g_auto(GStrv) locked = NULL;
  g_auto(GStrv) now_unlocked = NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();

  if (!libsecret->service_search_for_dbus_paths_sync (service, tessera_schema (), attributes, cancellable,
                                                      &unlocked, &locked, error))
    return NULL;
  g_strv_builder_addv (all, (const char **) unlocked);
  if (locked != NULL && locked[0] != NULL)
    {
      if (libsecret->service_unlock_dbus_paths_sync (service, (const char **) locked, cancellable,
                                                     &now_unlocked, error) < 0)
        return NULL;
      /* Still locked: the person did not unlock it. */
      if (now_unlocked == NULL || g_strv_length (now_unlocked) < g_strv_length (locked))
        {
          g_set_error_literal (error, libsecret->error_get_quark (), SECRET_ERROR_IS_LOCKED,
                               "the keyring holding Tessera's secrets is locked");
          return NULL;
        }
      g_strv_builder_addv (all, (const char **) now_unlocked);
    }
  return g_strv_builder_end (all);
}

/* The secret service and the paths the search found. On failure the error
 * has already gone to @task and NULL comes back. */
static char **
open_and_find (const TessLibsecret  *libsecret,
               GTask                *task,
               GHashTable           *attributes,
               guint                *counter,
               SecretService       **service)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  char **paths;

  *service = libsecret->service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &error);
  if (*service == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }
  g_atomic_int_inc (counter);
  paths = find_paths (libsecret, *service, attributes, cancellable, &error);
  if (paths == NULL)
    g_task_return_error (task, error);
  return paths;
}

static void
return_locked (const TessLibsecret *libsecret,
               GTask               *task,
               Op                  *op)
{
  g_task_return_new_error (task, libsecret->error_get_quark (), SECRET_ERROR_IS_LOCKED,
                           "the keyring holding the secrets of %s is locked", op->workspace);
}

/* One secret: SearchItems, Unlock when it is locked, GetSecrets. Unlike
 * secret_password_lookup(), a keyring left locked is an error, not "none". */
static void
run_lookup (TessSecretStoreLibsecret *self,
            const TessLibsecret      *libsecret,
            GTask                    *task,
            Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, op->secret);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_auto(GStrv) paths = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *first[2] = { NULL, NULL };
  GError *error = NULL;
  SecretValue *secret;

  paths = open_and_find (libsecret, task, attributes, &self->n_lookups, &service);
  if (paths == NULL)
    return;
  if (paths[0] == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  first[0] = paths[0];
  secrets = libsecret->service_get_secrets_for_dbus_paths_sync (service, first, cancellable, &error);
  if (secrets == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  secret = g_hash_table_lookup (secrets, paths[0]);
  if (secret == NULL)
    return_locked (libsecret, task, op);
  else
    g_task_return_pointer (task, g_strdup (libsecret->value_get_text (secret)), g_free);
}

static void
run_lookup_many (TessSecretStoreLibsecret *self,
                 const TessLibsecret      *libsecret,
                 GTask                    *task,
                 Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, NULL);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(GHashTable) item_attributes = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) paths = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  paths = open_and_find (libsecret, task, attributes, &self->n_searches, &service);
  if (paths == NULL)
    return;
  if (paths[0] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&values), (GDestroyNotify) g_hash_table_unref);
      return;
    }
  secrets = libsecret->service_get_secrets_for_dbus_paths_sync (service, (const char **) paths, cancellable,
                                                                &error);
  item_attributes = secrets ? read_attributes (service, paths, cancellable, &error) : NULL;
  if (item_attributes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      SecretValue *secret = g_hash_table_lookup (secrets, paths[i]);
      GVariant *item = g_hash_table_lookup (item_attributes, paths[i]);
      char *key = item ? key_from_attributes (item) : NULL;

      if (key == NULL)
        continue;
      /* Found but not readable: still locked after all. */
      if (secret == NULL)
        {
          g_free (key);
          return_locked (libsecret, task, op);
          return;
        }
      g_hash_table_replace (values, key, g_strdup (libsecret->value_get_text (secret)));
    }
  g_task_return_pointer (task, g_steal_pointer (&values), (GDestroyNotify) g_hash_table_unref);
}

static void
run_store (TessSecretStoreLibsecret *self,
           const TessLibsecret      *libsecret,
           GTask                    *task,
           Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, op->secret);
  g_autofree char *label = NULL;
  GError *error = NULL;

  label = op->secret->label ? g_strdup (op->secret->label)
                            : g_strdup_printf ("Tessera: %s %s", op->secret->owner_kind, op->secret->field);
  if (libsecret->password_storev_sync (tessera_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                                       op->secret->value, g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_clear (TessSecretStoreLibsecret *self,
           const TessLibsecret      *libsecret,
           GTask                    *task,
           Op                       *op)
{
  g_autoptr(GHashTable) attributes = attributes_for (op->workspace, op->secret);
  GError *error = NULL;

  /* FALSE without an error only means there was nothing to delete. */
  libsecret->password_clearv_sync (tessera_schema (), attributes, g_task_get_cancellable (task), &error);
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
  const TessLibsecret *libsecret;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->no_bus != NULL)
    {
      g_task_return_error (task, g_error_copy (self->no_bus));
      return;
    }
  /* Opened here, on the first call, and kept for the rest of the process.
   * When it cannot be opened every call fails with why, as a keyring that
   * cannot be reached does. */
  libsecret = tess_libsecret_get (&error);
  if (libsecret == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  switch (op->kind)
    {
    case OP_LOOKUP:
      run_lookup (self, libsecret, task, op);
      break;
    case OP_LOOKUP_MANY:
      run_lookup_many (self, libsecret, task, op);
      break;
    case OP_STORE:
      run_store (self, libsecret, task, op);
      break;
    case OP_CLEAR:
      run_clear (self, libsecret, task, op);
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
