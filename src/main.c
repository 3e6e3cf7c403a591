#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "tess-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TessApplication) app = NULL;

#ifdef __GLIBC__
  /* glibc maps blocks of 128 KiB and more on their own, but raises that
   * threshold each time it frees one, up to 32 MiB. After that, response
   * bodies, their formatted copies and render buffers are carved from the
   * heap, and what they leave between live blocks stays with the process.
   * A fixed threshold keeps every large block mapped alone and returned
   * whole when freed: about 1 MiB less at start already. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  /* Each thread that allocates gets an arena of its own (up to eight per
   * core), which keeps what the thread freed: the GL driver's threads, GIO's
   * worker pool and GDBus's thread each hold one for the rest of the
   * session. Two arenas keep the main thread apart from the others: 0.6 MiB
   * less at start. */
  mallopt (M_ARENA_MAX, 2);
#endif

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name ("Tessera");
  app = tess_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
