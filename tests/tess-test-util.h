#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Skips the current test because a peer (server, tool, display, keyring) is
 * missing. With TESS_REQUIRE_PEERS=1 (set by CI) the test fails instead. */
void        tess_test_skip_peer       (const char *format, ...) G_GNUC_PRINTF (1, 2);
gboolean    tess_test_peers_required  (void);

/* ../shared (TESS_SHARED_DIR) and the test source dir (TESS_TESTS_DIR). */
const char *tess_test_shared_dir      (void);
const char *tess_test_source_dir      (void);
char       *tess_test_shared_path     (const char *first, ...) G_GNUC_NULL_TERMINATED;
char       *tess_test_load_text       (const char *path);

/* Iterates the default main context until @cond returns TRUE or @timeout_ms
 * passes; returns whether it held. */
gboolean    tess_test_wait_until      (gboolean (*cond) (gpointer), gpointer data,
                                       guint timeout_ms);

/* A fresh temporary directory, removed at exit. */
char       *tess_test_make_tmpdir     (void);

G_END_DECLS
