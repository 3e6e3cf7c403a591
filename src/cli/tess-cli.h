#pragma once

#include "tess-environment.h"
#include "tess-item.h"
#include "tess-sender.h"
#include "tess-variables.h"
#include "tess-workspace.h"

G_BEGIN_DECLS

/* Exit statuses, as newman uses them. */
enum {
  TESS_CLI_OK = 0,
  TESS_CLI_FAILED = 1,     /* a request failed */
  TESS_CLI_USAGE = 2,      /* bad options or files */
};

/* Options shared by send and run. */
typedef struct {
  char *env;
  char *globals;
  char **vars;
  gboolean insecure;
  int timeout_ms;
  gboolean allow_http_errors;
  gboolean no_keyring;
} TessCliCommon;

GOptionGroup  *tess_cli_common_group    (TessCliCommon *common);
void           tess_cli_common_clear    (TessCliCommon *common);

/* Parses @argv with @entries (plus the common group when given); prints the
 * error or the help. Returns -1 to go on, else the exit status. */
int            tess_cli_parse           (const char    *command,
                                         const char    *parameters,
                                         const char    *summary,
                                         const GOptionEntry *entries,
                                         TessCliCommon *common,
                                         int           *argc,
                                         char        ***argv);

int            tess_cli_usage_error     (const char    *command,
                                         const char    *format,
                                         ...) G_GNUC_PRINTF (2, 3);

TessWorkspace *tess_cli_open_workspace  (GError       **error);
/* A collection file path, or the name or id of a workspace collection. */
TessItem      *tess_cli_load_collection (const char    *file_or_name,
                                         TessWorkspace **workspace_out,
                                         GError       **error);
/* Fills variable scopes: globals (file or workspace), environment, --var. */
TessVariables *tess_cli_make_variables  (TessCliCommon *common,
                                         TessWorkspace *workspace,
                                         GError       **error);
TessSender    *tess_cli_make_sender     (TessCliCommon *common,
                                         TessWorkspace *workspace,
                                         GError       **error);
/* Runs the default main context until *@done. */
void           tess_cli_wait            (gboolean      *done);
/* Takes *@pointer and leaves it to the process's exit instead of freeing it
 * (freed at once under G_DEBUG=gc-friendly, for leak checkers): a large
 * collection, its parsed JSON and a run's results take longer to free than
 * a small run takes, and the command ends right after. */
void           tess_cli_release_at_exit (gpointer      *pointer,
                                         GDestroyNotify destroy);

int            tess_cli_send            (int argc, char **argv);
int            tess_cli_run             (int argc, char **argv);
int            tess_cli_import          (int argc, char **argv);
int            tess_cli_export          (int argc, char **argv);

/* The keyring (tess-cli-secrets.c). Off with --no-keyring: workspaces then
 * open without reading it, and imports do not write it. */
void           tess_cli_set_use_keyring (gboolean       use);
gboolean       tess_cli_get_use_keyring (void);
/* When @workspace could not read the keyring and a request under @root
 * needs a secret it would have held (an empty secret auth field, or an empty
 * secret variable the request uses), prints the reason and what is missing;
 * returns TESS_CLI_USAGE then, else -1. */
int            tess_cli_check_secrets   (const char    *command,
                                         TessCliCommon *common,
                                         TessWorkspace *workspace,
                                         TessItem      *root,
                                         TessVariables *vars);
/* After an import: waits for the keyring and says on stderr which secrets
 * of @imported (TessItem or TessEnvironment) the workspace could not keep. */
void           tess_cli_report_imported_secrets (TessWorkspace *workspace,
                                                 GPtrArray     *imported);

/* Writes a JUnit XML report of a run. */
gboolean       tess_cli_write_junit     (const char    *path,
                                         TessItem      *root,
                                         GPtrArray     *results,
                                         GError       **error);

G_END_DECLS
