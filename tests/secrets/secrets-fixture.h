#pragma once

#include <gio/gio.h>

#include "tess-environment.h"
#include "tess-item.h"

G_BEGIN_DECLS

/* Every marker ends with this, so a scan can look for the suffix too. */
#define SECRETS_MARKER_SUFFIX "-7f3a"

/* The marker of one secret: "MARKER-<what>-<key>-7f3a". */
char           *secrets_marker                 (const char *what,
                                                const char *key);

/**
 * secrets_every_auth_collection:
 * @base_url: where the requests go ("http://127.0.0.1:PORT")
 * @markers: (out): every marker the collection holds (GPtrArray of char*)
 *
 * A collection "Vault" with one request per auth type (every secret field of
 * its scheme table set to its marker, the other required fields to plain
 * values), OAuth 2.0 access, refresh and ID tokens, a secret collection
 * variable used in a header of every request, and a request "Open" that
 * needs no secret.
 */
TessItem       *secrets_every_auth_collection  (const char *base_url,
                                                GPtrArray  *markers);
/* An environment "Env" (or the globals) with a secret variable whose marker
 * is added to @markers, and one plain variable. */
TessEnvironment *secrets_marked_environment    (gboolean    globals,
                                                GPtrArray  *markers);

/* Whether the session bus answers and something owns (or can start)
 * org.freedesktop.secrets; sets @reason when not. Never autolaunches. */
gboolean        secrets_have_keyring           (char      **reason);

typedef struct {
  int status;
  char *out;
  char *err;
  gint64 elapsed_us;
} SecretsCliResult;

void            secrets_cli_result_clear       (SecretsCliResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SecretsCliResult, secrets_cli_result_clear)

/* Runs $TESS_CLI with @argv (NULL-terminated, without the program) and
 * @envp changes ("NAME=VALUE" to set, "NAME" to unset; may be NULL), with
 * TESSERA_WORKSPACE=@workspace. */
void            secrets_run_cli                (SecretsCliResult   *result,
                                                const char         *workspace,
                                                const char * const *envp,
                                                const char * const *argv);

/* Number of places @needle occurs in @path's bytes. */
guint           secrets_count_in_file          (const char *path,
                                                const char *needle);
/* Every regular file under @dir (recursively), as paths. */
void            secrets_list_files             (const char *dir,
                                                GPtrArray  *into);

/**
 * SecretsPrivateBus:
 *
 * A D-Bus daemon of the test's own, on a socket in a temporary folder,
 * with no service files: nothing is started on demand. Optionally a
 * gnome-keyring-daemon (secrets component) on it, with its own home, and
 * a login keyring unlocked with a password (or none at all).
 */
typedef struct _SecretsPrivateBus SecretsPrivateBus;

typedef enum {
  SECRETS_BUS_ONLY,
  SECRETS_BUS_KEYRING_UNLOCKED,
  SECRETS_BUS_KEYRING_NO_LOGIN,
} SecretsBusKind;

/* NULL (and @reason) when dbus-daemon or gnome-keyring-daemon is missing or
 * does not come up in time. */
SecretsPrivateBus *secrets_private_bus_new     (SecretsBusKind   kind,
                                                char           **reason);
const char      *secrets_private_bus_get_address (SecretsPrivateBus *bus);
/* A connection of the test's own to that bus. */
GDBusConnection *secrets_private_bus_get_connection (SecretsPrivateBus *bus);
/* Locks every collection of its keyring, through the Secret Service API. */
void             secrets_private_bus_lock      (SecretsPrivateBus *bus);
void             secrets_private_bus_free      (SecretsPrivateBus *bus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretsPrivateBus, secrets_private_bus_free)

G_END_DECLS
