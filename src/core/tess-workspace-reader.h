#pragma once

#include <gio/gio.h>

#include "tess-postman.h"

G_BEGIN_DECLS

/* The workspace folder's layout. */
#define TESS_WORKSPACE_COLLECTIONS_DIR    "collections"
#define TESS_WORKSPACE_ENVIRONMENTS_DIR   "environments"
#define TESS_WORKSPACE_COLLECTION_SUFFIX  ".postman_collection.json"
#define TESS_WORKSPACE_ENVIRONMENT_SUFFIX ".postman_environment.json"
#define TESS_WORKSPACE_GLOBALS_FILE       "globals.postman_globals.json"
#define TESS_WORKSPACE_SETTINGS_FILE      "workspace.json"
#define TESS_WORKSPACE_COOKIES_FILE       "cookies.txt"

typedef struct
{
  GObject *object;   /* TessItem or TessEnvironment */
  char *path;
} TessWorkspaceFile;

/* Everything one load read. */
typedef struct
{
  GPtrArray *collections;     /* TessWorkspaceFile, in file name order */
  GPtrArray *environments;    /* TessWorkspaceFile, in file name order */
  TessEnvironment *globals;   /* NULL when missing or broken */
  JsonObject *settings;       /* NULL when missing or broken */
  GPtrArray *problems;        /* GError, one per file that failed */
  GHashTable *broken;         /* path → GError: files never to be written */
  /* Whether anything read has a field whose value the keyring would hold:
   * without one, a load need not open the keyring (nor make it ask to be
   * unlocked). */
  gboolean has_secret_fields;
} TessWorkspaceContents;

/* Reads the folder @root. Touches nothing shared, so it runs in any thread.
 * Fails only when cancelled: files that fail are in ->problems. */
TessWorkspaceContents *tess_workspace_contents_read (const char    *root,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
void                   tess_workspace_contents_free (TessWorkspaceContents *contents);

/* Reads one Postman file that should hold @expected (a collection, an
 * environment or globals); errors name the path. */
GObject               *tess_workspace_read_postman_file (const char       *path,
                                                         TessPostmanKind   expected,
                                                         GError          **error);

G_END_DECLS
