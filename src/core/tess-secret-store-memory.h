#pragma once

#include "tess-secret-store.h"

G_BEGIN_DECLS

#define TESS_TYPE_SECRET_STORE_MEMORY (tess_secret_store_memory_get_type ())
G_DECLARE_FINAL_TYPE (TessSecretStoreMemory, tess_secret_store_memory,
                      TESS, SECRET_STORE_MEMORY, GObject)

/**
 * TessSecretStoreMemory:
 *
 * Secrets in this process only, gone when it ends: for tests, and for a
 * person who chose not to use the keyring.
 */
TessSecretStore *tess_secret_store_memory_new       (void);
/* Every call fails with a copy of @error from now on (NULL: works again),
 * as a keyring that went away would. For tests. */
void             tess_secret_store_memory_set_error (TessSecretStoreMemory *self,
                                                     const GError          *error);
/* How many secrets it holds, over every workspace. */
guint            tess_secret_store_memory_get_size  (TessSecretStoreMemory *self);

G_END_DECLS
