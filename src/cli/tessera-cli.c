#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tess-cli.h"

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "send", tess_cli_send, N_("Send one request of a collection (or print it with --dry-run)") },
  { "run", tess_cli_run, N_("Run every request of a collection, like newman") },
  { "import", tess_cli_import, N_("Import Postman files or a curl command into the workspace") },
  { "export", tess_cli_export, N_("Export a collection as Postman v2.1, or a request as curl") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: tessera-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("‘tessera-cli COMMAND --help’ describes a command’s options."));
  fprintf (out, "%s\n", _("The workspace is $TESSERA_WORKSPACE, or $XDG_DATA_HOME/tessera."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (argc < 2 ? stderr : stdout);
      return argc < 2 ? TESS_CLI_USAGE : TESS_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("tessera-cli %s\n", PACKAGE_VERSION);
      return TESS_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("tessera-cli: unknown command ‘%s’\n"), argv[1]);
  print_help (stderr);
  return TESS_CLI_USAGE;
}
