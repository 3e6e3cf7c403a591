#pragma once

#include <glib.h>
#include <nettle/md4.h>
#include <nettle/sha2.h>

G_BEGIN_DECLS

/**
 * TessNettle:
 *
 * Nettle, opened on first use. Only Digest with SHA-512-256 and NTLM (MD4)
 * need it, hashes GLib lacks, and linking it cost every start of the app and
 * the CLI a quarter of a MiB, so the core takes Nettle's headers but not its
 * library. The member for nettle_foo() is named foo and has its type.
 */
typedef struct {
  __typeof__ (nettle_sha512_256_init)   *sha512_256_init;
  /* SHA-512/256 shares SHA-512's update function. */
  __typeof__ (nettle_sha512_update)     *sha512_update;
  __typeof__ (nettle_sha512_256_digest) *sha512_256_digest;
  __typeof__ (nettle_md4_init)          *md4_init;
  __typeof__ (nettle_md4_update)        *md4_update;
  __typeof__ (nettle_md4_digest)        *md4_digest;
} TessNettle;

/* Opens Nettle the first time (thread-safe); NULL with an error naming the
 * library and the reason when it or one of its symbols cannot be found.
 * The schemes call it before they hash, so the failure is theirs to report. */
const TessNettle *tess_nettle_get       (GError **error);
/* tess_nettle_get(), aborting when the library cannot be opened: for the
 * hashing helpers, whose callers have called tess_nettle_get() first. */
const TessNettle *tess_nettle           (void);
/* Whether tess_nettle_get() has opened it. */
gboolean          tess_nettle_is_loaded (void);

G_END_DECLS
