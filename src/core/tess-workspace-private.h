#pragma once

#include "tess-file-writer.h"
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

/* tess-workspace-settings.c: @settings is workspace.json's object (or empty). */
void      tess_workspace_apply_settings     (TessWorkspace   *self,
                                             JsonObject      *settings);

G_END_DECLS
