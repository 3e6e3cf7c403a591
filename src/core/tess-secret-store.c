#include "tess-secret-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-libsecret.h"

G_DEFINE_BOXED_TYPE (TessSecret, tess_secret, tess_secret_copy, tess_secret_free)
G_DEFINE_INTERFACE (TessSecretStore, tess_secret_store, G_TYPE_OBJECT)

/* ---- TessSecret ---------------------------------------------------------- */

TessSecret *
tess_secret_new (const char *owner_kind,
                 const char *owner_id,
                 const char *field,
                 const char *value)
{
  TessSecret *secret = g_new0 (TessSecret, 1);

  secret->owner_kind = g_strdup (owner_kind);
  secret->owner_id = g_strdup (owner_id);
  secret->field = g_strdup (field);
  secret->value = g_strdup (value);
  return secret;
}

TessSecret *
tess_secret_copy (const TessSecret *secret)
{
  TessSecret *copy = tess_secret_new (secret->owner_kind, secret->owner_id, secret->field, secret->value);

  copy->label = g_strdup (secret->label);
  return copy;
}

void
tess_secret_free (TessSecret *secret)
{
  if (secret == NULL)
    return;
  g_free (secret->owner_kind);
  g_free (secret->owner_id);
  g_free (secret->field);
  /* The value was a secret: do not leave it in freed memory. */
  if (secret->value != NULL)
    memset (secret->value, 0, strlen (secret->value));
  g_free (secret->value);
  g_free (secret->label);
  g_free (secret);
}

char *
tess_secret_make_key (const char *owner_kind,
                      const char *owner_id,
                      const char *field)
{
  return g_strjoin ("\x1f", owner_kind ? owner_kind : "", owner_id ? owner_id : "",
                    field ? field : "", NULL);
}

char *
tess_secret_dup_key (const TessSecret *secret)
{
  return tess_secret_make_key (secret->owner_kind, secret->owner_id, secret->field);
}

/* ---- the interface ------------------------------------------------------- */

static void
tess_secret_store_default_init (TessSecretStoreInterface *iface)
{
}

void
tess_secret_store_lookup_async (TessSecretStore     *self,
                                const char          *workspace,
                                const TessSecret    *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TESS_IS_SECRET_STORE (self));
  g_return_if_fail (workspace != NULL && key != NULL && key->field != NULL);

  TESS_SECRET_STORE_GET_IFACE (self)->lookup_async (self, workspace, key, cancellable, callback, user_data);
}

char *
tess_secret_store_lookup_finish (TessSecretStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (TESS_IS_SECRET_STORE (self), NULL);

  return TESS_SECRET_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
tess_secret_store_lookup_many_async (TessSecretStore     *self,
                                     const char          *workspace,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (TESS_IS_SECRET_STORE (self));
  g_return_if_fail (workspace != NULL);

  TESS_SECRET_STORE_GET_IFACE (self)->lookup_many_async (self, workspace, cancellable, callback, user_data);
}

GHashTable *
tess_secret_store_lookup_many_finish (TessSecretStore  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (TESS_IS_SECRET_STORE (self), NULL);

  return TESS_SECRET_STORE_GET_IFACE (self)->lookup_many_finish (self, result, error);
}

void
tess_secret_store_store_async (TessSecretStore     *self,
                               const char          *workspace,
                               const TessSecret    *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (TESS_IS_SECRET_STORE (self));
  g_return_if_fail (workspace != NULL && secret != NULL && secret->field != NULL && secret->value != NULL);

  TESS_SECRET_STORE_GET_IFACE (self)->store_async (self, workspace, secret, cancellable, callback, user_data);
}

gboolean
tess_secret_store_store_finish (TessSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (TESS_IS_SECRET_STORE (self), FALSE);

  return TESS_SECRET_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
tess_secret_store_clear_async (TessSecretStore     *self,
                               const char          *workspace,
                               const TessSecret    *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (TESS_IS_SECRET_STORE (self));
  g_return_if_fail (workspace != NULL && key != NULL && key->owner_id != NULL);

  TESS_SECRET_STORE_GET_IFACE (self)->clear_async (self, workspace, key, cancellable, callback, user_data);
}

gboolean
tess_secret_store_clear_finish (TessSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (TESS_IS_SECRET_STORE (self), FALSE);

  return TESS_SECRET_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

/* ---- blocking forms ------------------------------------------------------ */

typedef struct {
  GMainContext *context;
  GAsyncResult *result;
} SyncCall;

static void
sync_call_init (SyncCall *call)
{
  call->context = g_main_context_new ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

static void
sync_call_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncCall *call = user_data;

  call->result = g_object_ref (result);
  g_main_context_wakeup (call->context);
}

static void
sync_call_wait (SyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);
}

static void
sync_call_clear (SyncCall *call)
{
  g_main_context_pop_thread_default (call->context);
  g_clear_object (&call->result);
  g_main_context_unref (call->context);
}

char *
tess_secret_store_lookup_sync (TessSecretStore   *self,
                               const char        *workspace,
                               const TessSecret  *key,
                               GCancellable      *cancellable,
                               GError           **error)
{
  SyncCall call;
  char *value;

  sync_call_init (&call);
  tess_secret_store_lookup_async (self, workspace, key, cancellable, sync_call_cb, &call);
  sync_call_wait (&call);
  value = tess_secret_store_lookup_finish (self, call.result, error);
  sync_call_clear (&call);
  return value;
}

GHashTable *
tess_secret_store_lookup_many_sync (TessSecretStore  *self,
                                    const char       *workspace,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  SyncCall call;
  GHashTable *values;

  sync_call_init (&call);
  tess_secret_store_lookup_many_async (self, workspace, cancellable, sync_call_cb, &call);
  sync_call_wait (&call);
  values = tess_secret_store_lookup_many_finish (self, call.result, error);
  sync_call_clear (&call);
  return values;
}

gboolean
tess_secret_store_store_sync (TessSecretStore   *self,
                              const char        *workspace,
                              const TessSecret  *secret,
                              GCancellable      *cancellable,
                              GError           **error)
{
  SyncCall call;
  gboolean ok;

  sync_call_init (&call);
  tess_secret_store_store_async (self, workspace, secret, cancellable, sync_call_cb, &call);
  sync_call_wait (&call);
  ok = tess_secret_store_store_finish (self, call.result, error);
  sync_call_clear (&call);
  return ok;
}

gboolean
tess_secret_store_clear_sync (TessSecretStore   *self,
                              const char        *workspace,
                              const TessSecret  *key,
                              GCancellable      *cancellable,
                              GError           **error)
{
  SyncCall call;
  gboolean ok;

  sync_call_init (&call);
  tess_secret_store_clear_async (self, workspace, key, cancellable, sync_call_cb, &call);
  sync_call_wait (&call);
  ok = tess_secret_store_clear_finish (self, call.result, error);
  sync_call_clear (&call);
  return ok;
}

/* ---- errors for people --------------------------------------------------- */

static gboolean
message_has (const GError *error,
             const char   *part)
{
  return error->message != NULL && strstr (error->message, part) != NULL;
}

char *
tess_secret_store_describe_error (const GError *error)
{
  g_autofree char *detail = NULL;
  gsize len;

  g_return_val_if_fail (error != NULL, NULL);

  if ((error->domain == G_IO_ERROR && error->code == G_IO_ERROR_NOT_CONNECTED) ||
      message_has (error, "autolaunch"))
    return g_strdup (_("There is no D-Bus session bus, so the desktop keyring cannot be reached."));
  if (error->domain == G_IO_ERROR &&
      (error->code == G_IO_ERROR_NOT_FOUND || error->code == G_IO_ERROR_CONNECTION_REFUSED ||
       error->code == G_IO_ERROR_CONNECTION_CLOSED || error->code == G_IO_ERROR_BROKEN_PIPE))
    return g_strdup (_("The D-Bus session bus does not answer (DBUS_SESSION_BUS_ADDRESS points to nothing), "
                       "so the desktop keyring cannot be reached."));
  if (error->domain == G_DBUS_ERROR &&
      (error->code == G_DBUS_ERROR_SERVICE_UNKNOWN || error->code == G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    return g_strdup (_("No keyring service is running: nothing on the session bus provides "
                       "org.freedesktop.secrets (GNOME Keyring or KeePassXC would)."));
  if (message_has (error, "/collection/login") || message_has (error, "/aliases/default") ||
      (error->domain == TESS_LIBSECRET_ERROR && error->code == SECRET_ERROR_NO_SUCH_OBJECT))
    return g_strdup (_("The keyring has no login keyring to keep secrets in, and none could be created."));
  if (error->domain == TESS_LIBSECRET_ERROR && error->code == SECRET_ERROR_IS_LOCKED)
    return g_strdup (_("The keyring is locked and was not unlocked."));

  detail = g_strdup (error->message ? error->message : "");
  if (g_dbus_error_is_remote_error (error))
    {
      g_autoptr(GError) copy = g_error_copy (error);

      g_dbus_error_strip_remote_error (copy);
      g_free (detail);
      detail = g_strdup (copy->message);
    }
  len = strlen (detail);
  return g_strdup_printf (_("The desktop keyring failed: %s%s"), detail,
                          len > 0 && detail[len - 1] == '.' ? "" : ".");
}

char *
tess_secret_store_dup_memory_only_message (const GError *error)
{
  g_autofree char *reason = tess_secret_store_describe_error (error);

  return g_strdup_printf (_("Secrets are held in memory for this session only. %s"), reason);
}
