#include "tess-lazy-library.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "tess-error.h"

static gpointer
open_library (gpointer data)
{
  TessLazyLibrary *library = data;
  GModule *module;

  /* Local binding: nothing else in the process should pick up its symbols by
   * accident. Its constructors run here, not at start. */
  module = g_module_open (library->soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      library->load_error = g_strdup (g_module_error ());
      return NULL;
    }
  for (guint i = 0; i < library->n_symbols; i++)
    {
      const TessLazySymbol *symbol = &library->symbols[i];
      gpointer address;

      if (!g_module_symbol (module, symbol->name, &address))
        {
          /* GModule's message names the symbol and the file. */
          library->load_error = g_strdup (g_module_error ());
          g_module_close (module);
          return NULL;
        }
      G_STRUCT_MEMBER (gpointer, library->table, symbol->offset) =
        symbol->is_variable ? *(gpointer *) address : address;
    }

  /* The table points into the library for the rest of the process, and the
   * types a library registers with GObject cannot be unregistered. */
  g_module_make_resident (module);
  g_atomic_int_set (&library->loaded, TRUE);
  return library->table;
}

gpointer
tess_lazy_library_get (TessLazyLibrary  *library,
                       GError          **error)
{
  gpointer table = g_once (&library->once, open_library, library);

  if (table == NULL)
    g_set_error (error, TESS_ERROR, TESS_ERROR_IO, _("%s (%s) could not be loaded: %s"),
                 library->title, library->soname, library->load_error);
  return table;
}

gboolean
tess_lazy_library_is_loaded (TessLazyLibrary *library)
{
  return g_atomic_int_get (&library->loaded);
}

gpointer
tess_lazy_library_require (TessLazyLibrary *library)
{
  g_autoptr(GError) error = NULL;
  gpointer table = tess_lazy_library_get (library, &error);

  if (table == NULL)
    g_error ("%s", error->message);
  return table;
}
