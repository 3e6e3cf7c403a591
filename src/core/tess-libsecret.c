#include "tess-libsecret.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "tess-error.h"

#define SYMBOL(member) { "secret_" #member, G_STRUCT_OFFSET (TessLibsecret, member) }

/* The functions TessLibsecret holds; the macro ties each name to its member. */
static const struct {
  const char *name;
  glong       offset;
} functions[] = {
  SYMBOL (service_get_sync),
  SYMBOL (service_search_for_dbus_paths_sync),
  SYMBOL (service_unlock_dbus_paths_sync),
  SYMBOL (service_get_secrets_for_dbus_paths_sync),
  SYMBOL (value_get_text),
  SYMBOL (password_storev_sync),
  SYMBOL (password_clearv_sync),
  SYMBOL (error_get_quark),
};

static TessLibsecret table;
static char *load_error;   /* why opening failed; set once, never freed */
static gint loaded;

static gpointer
open_libsecret (gpointer data)
{
  GModule *module;
  gpointer address;

  /* Local binding: nothing else in the process should pick up its symbols by
   * accident. GLib and GIO, which it needs, are already loaded. */
  module = g_module_open (TESS_LIBSECRET_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      if (!g_module_symbol (module, functions[i].name, &address))
        {
          /* GModule's message names the symbol and the file. */
          load_error = g_strdup (g_module_error ());
          g_module_close (module);
          return NULL;
        }
      G_STRUCT_MEMBER (gpointer, &table, functions[i].offset) = address;
    }

  /* The table points into the library for the rest of the process, and the
   * types libsecret registers with GObject cannot be unregistered. */
  g_module_make_resident (module);
  g_atomic_int_set (&loaded, TRUE);
  return &table;
}

const TessLibsecret *
tess_libsecret_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const TessLibsecret *libsecret = g_once (&once, open_libsecret, NULL);

  if (libsecret == NULL)
    g_set_error (error, TESS_ERROR, TESS_ERROR_IO,
                 _("libsecret (%s) could not be loaded: %s"), TESS_LIBSECRET_SONAME, load_error);
  return libsecret;
}

gboolean
tess_libsecret_is_loaded (void)
{
  return g_atomic_int_get (&loaded);
}

GQuark
tess_libsecret_error_quark (void)
{
  /* secret_error_get_quark() registers its domain under this name, and a
   * quark is the same number whoever asks for the name first. */
  return g_quark_from_static_string ("secret-error");
}
