#include "tess-libsecret.h"

#include "tess-lazy-library.h"

#define FUNCTION(member) { "secret_" #member, G_STRUCT_OFFSET (TessLibsecret, member), FALSE }

static const TessLazySymbol symbols[] = {
  FUNCTION (service_get_sync),
  FUNCTION (service_search_for_dbus_paths_sync),
  FUNCTION (service_unlock_dbus_paths_sync),
  FUNCTION (service_get_secrets_for_dbus_paths_sync),
  FUNCTION (value_get_text),
  FUNCTION (password_storev_sync),
  FUNCTION (password_clearv_sync),
  FUNCTION (error_get_quark),
};

TESS_DEFINE_LAZY_LIBRARY (tess_libsecret, TessLibsecret, "libsecret", TESS_LIBSECRET_SONAME, symbols)

GQuark
tess_libsecret_error_quark (void)
{
  /* secret_error_get_quark() registers its domain under this name, and a
   * quark is the same number whoever asks for the name first. */
  return g_quark_from_static_string ("secret-error");
}
