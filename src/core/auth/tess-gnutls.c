#include "tess-gnutls.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "tess-error.h"

#define SYMBOL(member) { "gnutls_" #member, G_STRUCT_OFFSET (TessGnutls, member) }

/* The functions TessGnutls holds; the macro ties each name to its member. */
static const struct {
  const char *name;
  glong       offset;
} functions[] = {
  SYMBOL (privkey_init),
  SYMBOL (privkey_deinit),
  SYMBOL (privkey_import_x509_raw),
  SYMBOL (privkey_get_pk_algorithm),
  SYMBOL (privkey_sign_data2),
  SYMBOL (privkey_export_ecc_raw),
  SYMBOL (pk_to_sign),
  SYMBOL (pk_get_name),
  SYMBOL (ecc_curve_get_size),
  SYMBOL (decode_rs_value),
  SYMBOL (strerror),
};

static TessGnutls table;
static char *load_error;   /* why opening failed; set once, never freed */
static gint loaded;

static gboolean
resolve (GModule    *module,
         const char *name,
         gpointer   *address)
{
  if (g_module_symbol (module, name, address))
    return TRUE;
  /* GModule's message names the symbol and the file. */
  load_error = g_strdup (g_module_error ());
  return FALSE;
}

static gpointer
open_gnutls (gpointer data)
{
  GModule *module;
  gpointer address;

  /* Local binding: nothing else in the process should pick up its symbols by
   * accident. The library's constructor does GnuTLS's global initialisation. */
  module = g_module_open (TESS_GNUTLS_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      if (!resolve (module, functions[i].name, &address))
        {
          g_module_close (module);
          return NULL;
        }
      G_STRUCT_MEMBER (gpointer, &table, functions[i].offset) = address;
    }
  if (!resolve (module, "gnutls_free", &address))
    {
      g_module_close (module);
      return NULL;
    }
  table.free = *(gnutls_free_function *) address;

  /* The table points into the library for the rest of the process. */
  g_module_make_resident (module);
  g_atomic_int_set (&loaded, TRUE);
  return &table;
}

const TessGnutls *
tess_gnutls_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const TessGnutls *gnutls = g_once (&once, open_gnutls, NULL);

  if (gnutls == NULL)
    g_set_error (error, TESS_ERROR, TESS_ERROR_IO,
                 _("GnuTLS (%s) could not be loaded: %s"), TESS_GNUTLS_SONAME, load_error);
  return gnutls;
}

gboolean
tess_gnutls_is_loaded (void)
{
  return g_atomic_int_get (&loaded);
}
