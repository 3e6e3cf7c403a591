#include "tess-cli.h"

#include "tess-error.h"
#include "tess-runner.h"

static char *
escape (const char *text)
{
  return g_markup_escape_text (text ? text : "", -1);
}

/* One <testsuite> for the run, one <testcase> per request, as newman's junit
 * reporter writes them (classname = folder path). */
gboolean
tess_cli_write_junit (const char  *path,
                      TessItem    *root,
                      GPtrArray   *results,
                      GError     **error)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autofree char *suite = escape (tess_item_get_name (root));
  guint failures = 0;
  gint64 total_us = 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);
  gboolean ok;

  for (guint i = 0; i < results->len; i++)
    {
      TessRunResult *result = g_ptr_array_index (results, i);
      failures += result->error != NULL;
      total_us += result->elapsed_us;
    }

  g_string_append_printf (xml, "<testsuites name=\"%s\" tests=\"%u\" failures=\"%u\" time=\"%.3f\">\n",
                          suite, results->len, failures, total_us / 1e6);
  g_string_append_printf (xml, "  <testsuite name=\"%s\" tests=\"%u\" failures=\"%u\" errors=\"0\" "
                          "timestamp=\"%s\" time=\"%.3f\">\n",
                          suite, results->len, failures, timestamp, total_us / 1e6);
  for (guint i = 0; i < results->len; i++)
    {
      TessRunResult *result = g_ptr_array_index (results, i);
      TessItem *parent = tess_item_get_parent (result->item);
      g_autofree char *classname_raw = parent ? tess_item_dup_path (parent) : g_strdup ("");
      g_autofree char *classname = escape (classname_raw);
      g_autofree char *name = escape (tess_item_get_name (result->item));

      g_string_append_printf (xml, "    <testcase name=\"%s\" classname=\"%s\" time=\"%.3f\">",
                              name, classname, result->elapsed_us / 1e6);
      if (result->error != NULL)
        {
          g_autofree char *message = escape (result->error->message);
          g_string_append_printf (xml, "\n      <failure type=\"RequestError\" message=\"%s\">%s</failure>\n    ",
                                  message, message);
        }
      g_string_append (xml, "</testcase>\n");
    }
  g_string_append (xml, "  </testsuite>\n</testsuites>\n");

  ok = g_file_set_contents_full (path, xml->str, xml->len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
  if (!ok)
    g_prefix_error (error, "junit report ‘%s’: ", path);
  g_string_free (xml, TRUE);
  return ok;
}
