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

/* Libraries the core opens on first use. Whether a file named @soname is
 * mapped into this process (the map names the file the soname links to,
 * e.g. libsoup-3.0.so.0.6.0 for libsoup-3.0.so.0). */
gboolean    tess_test_is_mapped       (const char *soname);
/* Runs the current test again in a subprocess whose LD_LIBRARY_PATH first
 * finds a file named @soname that is not a library, so opening it fails.
 * Only a new process reads LD_LIBRARY_PATH, and setting it is safe only
 * before any thread runs: call it from the first test of the program. */
void        tess_test_trap_with_broken_library (const char           *soname,
                                                GTestSubprocessFlags  flags);

G_END_DECLS
