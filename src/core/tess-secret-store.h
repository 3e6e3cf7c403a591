#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Owner kinds: whose secret it is. Owners are named by id, never by name, so
 * renaming or moving an item keeps its secrets. */
#define TESS_SECRET_OWNER_REQUEST     "request"
#define TESS_SECRET_OWNER_FOLDER      "folder"
#define TESS_SECRET_OWNER_COLLECTION  "collection"
#define TESS_SECRET_OWNER_ENVIRONMENT "environment"
#define TESS_SECRET_OWNER_GLOBALS     "globals"
/* The globals have one owner id per workspace: an imported globals file
 * replaces them and keeps their secrets' place. */
#define TESS_SECRET_GLOBALS_ID        "globals"

/**
 * TessSecret:
 * @owner_kind: one of the TESS_SECRET_OWNER_* strings
 * @owner_id: the id of the item, environment or "globals"
 * @field: "auth.<type>.<key>" or "var.<name>"; %NULL in a clear means every
 *   field of the owner
 * @value: the secret, or %NULL in a key
 * @label: what the keyring shows a person, or %NULL
 *
 * One secret, or the key of one (a @value of %NULL).
 */
typedef struct {
  char *owner_kind;
  char *owner_id;
  char *field;
  char *value;
  char *label;
} TessSecret;

#define TESS_TYPE_SECRET (tess_secret_get_type ())
GType       tess_secret_get_type   (void) G_GNUC_CONST;
TessSecret *tess_secret_new        (const char       *owner_kind,
                                    const char       *owner_id,
                                    const char       *field,
                                    const char       *value);
TessSecret *tess_secret_copy       (const TessSecret *secret);
void        tess_secret_free       (TessSecret       *secret);
/* "kind/id/field" (joined with U+001F): the key of the tables below. */
char       *tess_secret_dup_key    (const TessSecret *secret);
char       *tess_secret_make_key   (const char       *owner_kind,
                                    const char       *owner_id,
                                    const char       *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessSecret, tess_secret_free)

#define TESS_TYPE_SECRET_STORE (tess_secret_store_get_type ())
G_DECLARE_INTERFACE (TessSecretStore, tess_secret_store, TESS, SECRET_STORE, GObject)

/**
 * TessSecretStoreInterface:
 * @lookup_async: reads one secret; finishes with %NULL when there is none
 * @lookup_many_async: reads every secret of a workspace at once (one search);
 *   finishes with a table tess_secret_dup_key() → value
 * @store_async: writes one secret, replacing the one with the same key
 * @clear_async: deletes one secret, or every field of an owner when the
 *   key's field is %NULL; deleting what is not there is not an error
 *
 * Where secrets live. @workspace tells workspaces apart (the folder's path).
 * Errors come as the backend saw them: turn them into a sentence for a person
 * with tess_secret_store_describe_error().
 */
struct _TessSecretStoreInterface
{
  GTypeInterface parent_iface;

  void         (*lookup_async)       (TessSecretStore     *self,
                                      const char          *workspace,
                                      const TessSecret    *key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  char *       (*lookup_finish)      (TessSecretStore     *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*lookup_many_async)  (TessSecretStore     *self,
                                      const char          *workspace,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  GHashTable * (*lookup_many_finish) (TessSecretStore     *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*store_async)        (TessSecretStore     *self,
                                      const char          *workspace,
                                      const TessSecret    *secret,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  gboolean     (*store_finish)       (TessSecretStore     *self,
                                      GAsyncResult        *result,
                                      GError             **error);
  void         (*clear_async)        (TessSecretStore     *self,
                                      const char          *workspace,
                                      const TessSecret    *key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  gboolean     (*clear_finish)       (TessSecretStore     *self,
                                      GAsyncResult        *result,
                                      GError             **error);
};

void         tess_secret_store_lookup_async       (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   const TessSecret    *key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char        *tess_secret_store_lookup_finish      (TessSecretStore     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void         tess_secret_store_lookup_many_async  (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GHashTable  *tess_secret_store_lookup_many_finish (TessSecretStore     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void         tess_secret_store_store_async        (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   const TessSecret    *secret,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean     tess_secret_store_store_finish       (TessSecretStore     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void         tess_secret_store_clear_async        (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   const TessSecret    *key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean     tess_secret_store_clear_finish       (TessSecretStore     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Blocking forms for the command line and tests: each runs the async call in
 * a private main context. Never call them from a window's main loop. */
char        *tess_secret_store_lookup_sync        (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   const TessSecret    *key,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
GHashTable  *tess_secret_store_lookup_many_sync   (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean     tess_secret_store_store_sync         (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   const TessSecret    *secret,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean     tess_secret_store_clear_sync         (TessSecretStore     *self,
                                                   const char          *workspace,
                                                   const TessSecret    *key,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

/* One sentence for a person on why the keyring cannot be used, from a
 * libsecret or D-Bus error ("The keyring is locked and was not unlocked."). */
char        *tess_secret_store_describe_error     (const GError        *error);
/* The banner a window shows, and the CLI prints, when secrets cannot reach
 * the keyring: "Secrets are held in memory for this session only. REASON" */
char        *tess_secret_store_dup_memory_only_message (const GError   *error);

G_END_DECLS
