#pragma once

#include "tess-secret-store.h"

G_BEGIN_DECLS

#define TESS_SECRET_SCHEMA_NAME "io.github.tessera.Secret"

#define TESS_TYPE_SECRET_STORE_LIBSECRET (tess_secret_store_libsecret_get_type ())
G_DECLARE_FINAL_TYPE (TessSecretStoreLibsecret, tess_secret_store_libsecret,
                      TESS, SECRET_STORE_LIBSECRET, GObject)

/**
 * TessSecretStoreLibsecret:
 *
 * The desktop keyring (the Secret Service: GNOME Keyring, KeePassXC…) through
 * libsecret, under the schema `io.github.tessera.Secret` with the attributes
 * `workspace`, `owner-kind`, `owner-id` and `field`. Calls run one after the
 * other in one worker thread (shared by every store), so a keyring that
 * prompts never stalls the caller and a store followed by a clear of the
 * same secret land in that order. lookup_many is one SearchItems, one
 * GetSecrets and the items' attributes read all at once. A keyring left
 * locked is an error (SECRET_ERROR_IS_LOCKED), never "no secret". With no
 * session bus it fails at once instead of autolaunching one.
 */
TessSecretStore *tess_secret_store_libsecret_new              (void);

/* Keyring round trips made so far, for tests: searches (one per
 * lookup_many) and single lookups. */
guint            tess_secret_store_libsecret_get_n_searches   (TessSecretStoreLibsecret *self);
guint            tess_secret_store_libsecret_get_n_lookups    (TessSecretStoreLibsecret *self);

G_END_DECLS
