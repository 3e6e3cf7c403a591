#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Running a client (node with newman or a checker script, tessera-cli) to
 * its end and keeping what it printed. */

typedef struct {
  int   status;     /* its exit status */
  char *out;
  char *err;
} PeerChild;

void  peer_child_clear (PeerChild *child);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PeerChild, peer_child_clear)

/* Runs @argv in @cwd (NULL: this process's) with NODE_PATH set to
 * TESS_NODE_MODULES, TESSERA_WORKSPACE to @workspace (when not NULL) and no
 * proxy settings, so that clients talk to 127.0.0.1 directly; writes @input
 * (when not NULL) to its standard input, waits for it to exit and fills
 * @child. */
void      peer_child_run       (const char * const *argv,
                                const char         *cwd,
                                const char         *workspace,
                                const char         *input,
                                PeerChild          *child);

/* Runs the node script @script of tests/peers with @input on its standard
 * input and returns what it printed, parsed by @parser; fails the test when
 * the script does not exit with 0. */
JsonNode *peer_child_node_json (const char *script,
                                const char *input,
                                JsonParser *parser);

G_END_DECLS
