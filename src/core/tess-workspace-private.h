#pragma once

#include "tess-file-writer.h"
#include "tess-secret-store.h"
#include "tess-workspace.h"
#include "tess-workspace-reader.h"

G_BEGIN_DECLS

#define TESS_WORKSPACE_DEFAULT_FOLLOW_REDIRECTS TRUE
#define TESS_WORKSPACE_DEFAULT_MAX_REDIRECTS    10
#define TESS_WORKSPACE_DEFAULT_VERIFY_TLS       TRUE

struct _TessWorkspace
{
  GObject parent_instance;

  char *path;
  char *cookie_jar_path;

  GListStore *collections;
  GListStore *environments;
  TessEnvironment *globals;
  /* The file of each collection, environment and the globals: object → path.
   * A file is named once, when its object joins, and keeps that name. */
  GHashTable *files;
  GPtrArray *problems;
  /* Knows the files that failed to load and refuses to write them. */
  TessFileWriter *writer;

  JsonObject *settings;
  GPtrArray *client_certificates;

  /* Secrets (tess-workspace-secrets.c). NULL store: in memory only. */
  TessSecretStore *secret_store;
  /* Why the keyring cannot be used, and the banner saying so; NULL when it can. */
  GError *secrets_error;
  char *secrets_message;
  /* What the keyring holds as far as this workspace knows: secret key →
   * KnownSecret (its value, and which collection or environment has it). */
  GHashTable *secrets_known;
  /* Keyring calls under way, callers of flush waiting for them, and the
   * first error since the last flush. */
  guint secrets_pending;
  GPtrArray *secrets_flushes;
  GError *secrets_flush_error;

  /* Collections whose document is being built in steps (tess-workspace-save.c):
   * collection → its build; and how long one step may hold the loop (µs). */
  GHashTable *builds;
  gint64 save_step_budget;
};

/* tess-workspace.c */
char     *tess_workspace_file_name_for_id   (const char      *id,
                                             const char      *suffix);
gboolean  tess_workspace_path_is_taken      (TessWorkspace   *self,
                                             const char      *path);
void      tess_workspace_replace_globals    (TessWorkspace   *self,
                                             TessEnvironment *globals);
/* Drops @object from the lists without touching its file. */
void      tess_workspace_forget             (TessWorkspace   *self,
                                             gpointer         object);

/* tess-workspace-save.c: builds @collection's document in steps on the main
 * loop, writes it in the writer's thread, then returns to @task (taken; its
 * source tag is tess_workspace_save_collection_async). */
void      tess_workspace_build_and_save     (TessWorkspace   *self,
                                             TessItem        *collection,
                                             GTask           *task);
/* Ends a build of @object without writing (it is leaving the workspace). */
void      tess_workspace_drop_build         (TessWorkspace   *self,
                                             gpointer         object);

/* tess-workspace-settings.c: @settings is workspace.json's object (or empty). */
void      tess_workspace_apply_settings     (TessWorkspace   *self,
                                             JsonObject      *settings);
/* tess-workspace.c: "secrets-message" changed. */
void      tess_workspace_notify_secrets     (TessWorkspace   *self);

/* tess-workspace-secrets.c */
void      tess_workspace_secrets_init       (TessWorkspace   *self);
void      tess_workspace_secrets_finalize   (TessWorkspace   *self);
/* Fills what @contents read from @values (the keyring's secrets of this
 * workspace; NULL with @error when the keyring could not be read) and
 * remembers what the keyring holds. Call before the contents are applied.
 * Returns the objects whose files held secrets in plain text, to be saved
 * again once applied (only when the keyring can take them). */
GPtrArray *tess_workspace_secrets_apply_load (TessWorkspace        *self,
                                              TessWorkspaceContents *contents,
                                              GHashTable           *values,
                                              const GError         *error);
/* What goes in @object's file: its Postman document with secrets empty. */
JsonNode *tess_workspace_secrets_document   (TessWorkspace   *self,
                                             gpointer         object);
/* Writes @root to @object's file, then @object's secrets to the keyring
 * (stores what changed, deletes what went away). The keyring part never
 * fails the save: a failure shows in "secrets-message". */
gboolean  tess_workspace_save_object        (TessWorkspace   *self,
                                             gpointer         object,
                                             JsonNode        *root,
                                             GError         **error);
/* The same in a worker thread; finishes, with @source_tag as
 * tess_file_writer_save_finish() expects, when both parts are done.
 * @prepare (may be NULL) runs on @root in the writer's thread. */
void      tess_workspace_save_object_async  (TessWorkspace       *self,
                                             gpointer             object,
                                             JsonNode            *root,
                                             TessFileWriterPrepare prepare,
                                             gpointer             source_tag,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Moves the secrets @object's file held in plain text to the keyring, then
 * writes the file without them (in the background). */
void      tess_workspace_migrate_secrets    (TessWorkspace   *self,
                                             gpointer         object);
/* Writes @object's secrets to the keyring (in the background). */
void      tess_workspace_store_secrets      (TessWorkspace   *self,
                                             gpointer         object);
/* Deletes the keyring items of @object: a collection with everything in it,
 * an environment. Items since moved to another collection stay. */
void      tess_workspace_forget_secrets     (TessWorkspace   *self,
                                             gpointer         object);

G_END_DECLS
