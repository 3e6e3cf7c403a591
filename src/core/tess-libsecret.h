#pragma once

#include <glib.h>

/* For the D-Bus path functions (secret-paths.h): stable in practice since
 * libsecret 0.18, still marked unstable. The table below needs them declared. */
#if defined (__SECRET_H__) && !defined (SECRET_API_SUBJECT_TO_CHANGE)
#error "Include tess-libsecret.h before <libsecret/secret.h>, or define SECRET_API_SUBJECT_TO_CHANGE first"
#endif
#ifndef SECRET_API_SUBJECT_TO_CHANGE
#define SECRET_API_SUBJECT_TO_CHANGE
#endif
#include <libsecret/secret.h>

G_BEGIN_DECLS

/**
 * TessLibsecret:
 *
 * libsecret, opened on first use. Only a workspace file with a secret field,
 * or a secret being saved, asks the keyring, and linking libsecret (with
 * libgcrypt and libgpg-error) costs every start of the app and the CLI half a
 * mebibyte of memory, so the core takes libsecret's headers but not its
 * library and resolves what it calls here.
 *
 * Each member has the type of the function the headers declare, so every call
 * through the table is checked by the compiler. The member for secret_foo() is
 * named foo.
 */
typedef struct {
  __typeof__ (secret_service_get_sync)                         *service_get_sync;
  __typeof__ (secret_service_search_for_dbus_paths_sync)       *service_search_for_dbus_paths_sync;
  __typeof__ (secret_service_unlock_dbus_paths_sync)           *service_unlock_dbus_paths_sync;
  __typeof__ (secret_service_get_secrets_for_dbus_paths_sync)  *service_get_secrets_for_dbus_paths_sync;
  __typeof__ (secret_value_get_text)                           *value_get_text;
  __typeof__ (secret_password_storev_sync)                     *password_storev_sync;
  __typeof__ (secret_password_clearv_sync)                     *password_clearv_sync;
  __typeof__ (secret_error_get_quark)                          *error_get_quark;
} TessLibsecret;

/* Opens libsecret the first time (thread-safe); NULL with an error naming the
 * library and the reason when it or one of its symbols cannot be found. */
const TessLibsecret *tess_libsecret_get       (GError **error);
/* Whether tess_libsecret_get() has opened it. */
gboolean             tess_libsecret_is_loaded (void);

/* libsecret's SECRET_ERROR, without opening libsecret: code that only looks
 * at an error's domain must not load the library to do so. */
#define TESS_LIBSECRET_ERROR (tess_libsecret_error_quark ())
GQuark               tess_libsecret_error_quark (void);

G_END_DECLS
