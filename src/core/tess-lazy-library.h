#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TessLazyLibrary:
 *
 * A shared library opened the first time it is needed, with the symbols the
 * core calls resolved into a table (a struct of pointers). Linking a library
 * costs every start of the app and the CLI its relocations and constructors,
 * so what only some requests or workspaces need is opened here instead.
 *
 * Declare one as a static variable with TESS_LAZY_LIBRARY_INIT; each symbol
 * names its member's offset in the table. A variable (not a function) is
 * marked so: its value, not its address, goes in the table.
 */
typedef struct {
  const char *name;
  glong       offset;
  gboolean    is_variable;
} TessLazySymbol;

typedef struct {
  const char           *title;      /* for messages, e.g. "GnuTLS" */
  const char           *soname;
  const TessLazySymbol *symbols;
  guint                 n_symbols;
  gpointer              table;
  /* Private */
  GOnce                 once;
  char                 *load_error; /* set once, never freed */
  gint                  loaded;
} TessLazyLibrary;

#define TESS_LAZY_LIBRARY_INIT(title, soname, symbols, table) \
  { title, soname, symbols, G_N_ELEMENTS (symbols), table, G_ONCE_INIT, NULL, 0 }

/* Defines the library @prefix_library with its table of type @Table, and
 * the two functions its header declares: `const Table *prefix_get (GError
 * **error)`, which opens it, and `gboolean prefix_is_loaded (void)`. */
#define TESS_DEFINE_LAZY_LIBRARY(prefix, Table, title, soname, symbols)                         \
  static Table prefix##_table;                                                                   \
  static TessLazyLibrary prefix##_library = TESS_LAZY_LIBRARY_INIT (title, soname, symbols,      \
                                                                    &prefix##_table);            \
  const Table *                                                                                  \
  prefix##_get (GError **error)                                                                  \
  {                                                                                              \
    return tess_lazy_library_get (&prefix##_library, error);                                     \
  }                                                                                              \
  gboolean                                                                                       \
  prefix##_is_loaded (void)                                                                      \
  {                                                                                              \
    return tess_lazy_library_is_loaded (&prefix##_library);                                      \
  }

/* Opens the library the first time (thread-safe) and returns its table; NULL
 * with an error naming the library and the reason when it or one of its
 * symbols cannot be found. */
gpointer tess_lazy_library_get       (TessLazyLibrary  *library,
                                      GError          **error);
gboolean tess_lazy_library_is_loaded (TessLazyLibrary  *library);
/* tess_lazy_library_get(), aborting with that error when the library cannot
 * be opened: for code whose callers opened it (and reported failure) first. */
gpointer tess_lazy_library_require   (TessLazyLibrary  *library);

G_END_DECLS
