#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tess-client-certificate.h"
#include "tess-environment.h"
#include "tess-item.h"
#include "tess-secret-store.h"

G_BEGIN_DECLS

#define TESS_TYPE_WORKSPACE (tess_workspace_get_type ())
G_DECLARE_FINAL_TYPE (TessWorkspace, tess_workspace, TESS, WORKSPACE, GObject)

/**
 * TessWorkspace:
 *
 * A folder of Postman v2.1 files and Tessera's settings:
 *
 * |[
 * collections/<id>.postman_collection.json
 * environments/<id>.postman_environment.json
 * globals.postman_globals.json
 * workspace.json        CA file, client certificates, timeout, redirects, TLS check
 * cookies.txt           the cookie jar
 * ]|
 *
 * A file that cannot be read or parsed is reported in the problems and is never
 * written over: saving to it fails until the person fixes or removes it.
 */

/* $TESSERA_WORKSPACE when set, else $XDG_DATA_HOME/tessera. */
char            *tess_workspace_default_path       (void);

/* @path: the folder, or NULL for tess_workspace_default_path(). Nothing is read
 * until tess_workspace_load(). */
TessWorkspace   *tess_workspace_new                (const char    *path);
const char      *tess_workspace_get_path           (TessWorkspace *self);
const char      *tess_workspace_get_cookie_jar_path (TessWorkspace *self);

/* Reads every file (in a worker thread for the async variant) and replaces what
 * the workspace held. Files that fail are in the problems; the others load.
 * Fails only when cancelled. */
void             tess_workspace_load_async         (TessWorkspace       *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         tess_workspace_load_finish        (TessWorkspace       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean         tess_workspace_load               (TessWorkspace       *self,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
/* GError per file that failed at the last load ("PATH:LINE:COLUMN: reason"). */
GPtrArray       *tess_workspace_get_problems       (TessWorkspace *self);
/* Whether @path is a file that failed to load (and so is never written). */
gboolean         tess_workspace_is_broken_file     (TessWorkspace *self,
                                                    const char    *path);

/* Collections: a GListModel of TessItem (TESS_ITEM_COLLECTION), sorted by name
 * until the person moves one; from then on in their order, which
 * workspace.json keeps (member "collectionOrder", a list of ids). Collections
 * added later go at the end; loading puts the listed ones first, in that
 * order, and the others after them by name. Renaming never moves one. */
GListModel      *tess_workspace_get_collections    (TessWorkspace *self);
TessItem        *tess_workspace_find_collection    (TessWorkspace *self,
                                                    const char    *name_or_id);
/* The file a collection, environment or the globals is kept in, or NULL when
 * it is not in the workspace. */
const char      *tess_workspace_get_file           (TessWorkspace *self,
                                                    gpointer       item_or_environment);
/* Adds @collection and assigns it collections/<id>.postman_collection.json.
 * Does not write it: call a save function. Fails when that file is taken. */
gboolean         tess_workspace_add_collection     (TessWorkspace *self,
                                                    TessItem      *collection,
                                                    GError       **error);
/* Removes @collection and deletes its file. */
gboolean         tess_workspace_remove_collection  (TessWorkspace *self,
                                                    TessItem      *collection,
                                                    GError       **error);
/* Moves @collection to @position (its index once moved; past the end means
 * last) and saves the settings, which keep the order. The async form moves
 * at once and writes in the background. Fails when @collection is not in
 * the workspace, or the settings cannot be written (the move stays). */
gboolean         tess_workspace_move_collection    (TessWorkspace *self,
                                                    TessItem      *collection,
                                                    guint          position,
                                                    GError       **error);
void             tess_workspace_move_collection_async  (TessWorkspace       *self,
                                                        TessItem            *collection,
                                                        guint                position,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         tess_workspace_move_collection_finish (TessWorkspace       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Writes @collection to its file (adding it first when it is new). */
gboolean         tess_workspace_save_collection    (TessWorkspace *self,
                                                    TessItem      *collection,
                                                    GError       **error);
void             tess_workspace_save_collection_async  (TessWorkspace       *self,
                                                        TessItem            *collection,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         tess_workspace_save_collection_finish (TessWorkspace       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Environments: a GListModel of TessEnvironment, sorted by name. */
GListModel      *tess_workspace_get_environments   (TessWorkspace *self);
TessEnvironment *tess_workspace_find_environment   (TessWorkspace *self,
                                                    const char    *name_or_id);
gboolean         tess_workspace_add_environment    (TessWorkspace   *self,
                                                    TessEnvironment *environment,
                                                    GError         **error);
gboolean         tess_workspace_remove_environment (TessWorkspace   *self,
                                                    TessEnvironment *environment,
                                                    GError         **error);
gboolean         tess_workspace_save_environment   (TessWorkspace   *self,
                                                    TessEnvironment *environment,
                                                    GError         **error);
void             tess_workspace_save_environment_async  (TessWorkspace       *self,
                                                         TessEnvironment     *environment,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean         tess_workspace_save_environment_finish (TessWorkspace       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* The globals; an empty set when the workspace has no globals file. */
TessEnvironment *tess_workspace_get_globals        (TessWorkspace *self);
gboolean         tess_workspace_save_globals       (TessWorkspace *self,
                                                    GError       **error);
void             tess_workspace_save_globals_async  (TessWorkspace       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         tess_workspace_save_globals_finish (TessWorkspace       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Reads a Postman collection, environment or globals file, adds it and saves
 * it (with a new id when the workspace already has one with its id; globals
 * replace the workspace's globals). Returns the TessItem or TessEnvironment now
 * in the workspace (transfer none: the workspace owns it; do not unref), or
 * NULL with @error. */
GObject         *tess_workspace_import_file        (TessWorkspace *self,
                                                    const char    *path,
                                                    GError       **error);
/* The same, with the file read and modelled in a worker thread and written
 * off the main loop. The result is transfer none, as above. */
void             tess_workspace_import_file_async  (TessWorkspace       *self,
                                                    const char          *path,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GObject         *tess_workspace_import_file_finish (TessWorkspace       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* The same for a document already parsed (takes @root); @source names where
 * it came from in messages, such as "pasted text". */
GObject         *tess_workspace_import_json        (TessWorkspace *self,
                                                    JsonNode      *root,
                                                    const char    *source,
                                                    GError       **error);
/* The same off the main loop. @root is taken and must not be shared: it is
 * read in a worker thread. */
void             tess_workspace_import_json_async  (TessWorkspace       *self,
                                                    JsonNode            *root,
                                                    const char          *source,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GObject         *tess_workspace_import_json_finish (TessWorkspace       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Secrets (tess-secrets.h says what they are). Files never hold them: saves
 * write them empty and put them in @store; loading fills them back from it
 * (one batched lookup); removing a collection or environment deletes them
 * there. Set the store before loading. NULL (the default): secrets live in
 * memory only. */
void             tess_workspace_set_secret_store   (TessWorkspace   *self,
                                                    TessSecretStore *store);
TessSecretStore *tess_workspace_get_secret_store   (TessWorkspace   *self);
/* Why the keyring cannot be used (as the store reported it), or NULL. */
const GError    *tess_workspace_get_secrets_error  (TessWorkspace   *self);
/* What a window's banner says when the keyring cannot be used: "Secrets are
 * held in memory for this session only. REASON"; NULL when it can. The
 * "secrets-message" property, notified when it changes. */
const char      *tess_workspace_get_secrets_message (TessWorkspace  *self);
/* Reads the keyring again (say, after the person unlocked it), fills the
 * secrets that are empty in the model, and clears the message when it worked. */
void             tess_workspace_reload_secrets_async  (TessWorkspace       *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         tess_workspace_reload_secrets_finish (TessWorkspace       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Waits until every keyring write and delete started so far is done; fails
 * with the first keyring error since the last flush. The blocking form runs
 * the thread-default main context: for the command line and tests. */
void             tess_workspace_flush_secrets_async  (TessWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         tess_workspace_flush_secrets_finish (TessWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
gboolean         tess_workspace_flush_secrets        (TessWorkspace       *self,
                                                      GError             **error);

/* Settings (workspace.json). Members Tessera does not know are kept. */
const char      *tess_workspace_get_ca_file        (TessWorkspace *self);
void             tess_workspace_set_ca_file        (TessWorkspace *self,
                                                    const char    *path);
/* Milliseconds; 0 means no timeout. */
guint            tess_workspace_get_request_timeout (TessWorkspace *self);
void             tess_workspace_set_request_timeout (TessWorkspace *self,
                                                     guint          timeout_ms);
gboolean         tess_workspace_get_follow_redirects (TessWorkspace *self);
void             tess_workspace_set_follow_redirects (TessWorkspace *self,
                                                      gboolean       follow);
guint            tess_workspace_get_max_redirects  (TessWorkspace *self);
void             tess_workspace_set_max_redirects  (TessWorkspace *self,
                                                    guint          max_redirects);
gboolean         tess_workspace_get_verify_tls     (TessWorkspace *self);
void             tess_workspace_set_verify_tls     (TessWorkspace *self,
                                                    gboolean       verify);
/* GPtrArray of TessClientCertificate (transfer none). */
GPtrArray       *tess_workspace_get_client_certificates   (TessWorkspace *self);
/* Adds @cert, replacing the entry for the same host. Takes a copy. */
void             tess_workspace_set_client_certificate    (TessWorkspace               *self,
                                                           const TessClientCertificate *cert);
gboolean         tess_workspace_remove_client_certificate (TessWorkspace *self,
                                                           const char    *host);
/* The certificate for @host and @port: an entry "host:port" first, then "host",
 * then a wildcard entry ("*.example.com"). Hosts compare case-insensitively. */
const TessClientCertificate *
                 tess_workspace_lookup_client_certificate (TessWorkspace *self,
                                                           const char    *host,
                                                           guint          port);
gboolean         tess_workspace_save_settings      (TessWorkspace *self,
                                                    GError       **error);
void             tess_workspace_save_settings_async  (TessWorkspace       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         tess_workspace_save_settings_finish (TessWorkspace       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
