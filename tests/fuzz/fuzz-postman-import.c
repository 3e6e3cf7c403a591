/* Fuzz target: Postman import, export and re-import. Built for libFuzzer with
 * -Dfuzzing=true (see build-aux/dev fuzz), and in every build linked into
 * fuzz-smoke, which replays the examples and the seed corpus. */
#include "fuzz-postman-import.h"

#include "tess-json-file.h"
#include "tess-postman.h"

/* An export that Tessera cannot read back, or that reads back as a different
 * collection, loses a person's work: a crash-worthy bug, not an input error. */
G_GNUC_NORETURN static void
fail_round_trip (JsonNode   *exported,
                 const char *what)
{
  g_autofree char *text = tess_json_to_string (exported, TRUE);

  g_printerr ("postman round trip: %s\nexport was:\n%s\n", what, text);
  g_abort ();
}

gboolean
tess_fuzz_postman_round_trip (const uint8_t  *data,
                              size_t          size,
                              GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TessItem) collection = NULL;
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(TessItem) again = NULL;
  g_autoptr(JsonNode) exported_again = NULL;
  g_autoptr(GError) local_error = NULL;

  /* An empty input may come as NULL, which the parser refuses outright. */
  root = tess_json_parse_text (size > 0 ? (const char *) data : "", size, "fuzz input", error);
  if (root == NULL)
    return FALSE;
  collection = tess_postman_collection_from_json (root, error);
  if (collection == NULL)
    return FALSE;

  exported = tess_postman_collection_to_json (collection);
  if (exported == NULL)
    {
      g_printerr ("postman round trip: export of an imported collection returned NULL\n");
      g_abort ();
    }
  again = tess_postman_collection_from_json (exported, &local_error);
  if (again == NULL)
    fail_round_trip (exported, local_error->message);

  /* The first import may normalise (v2.0 to v2.1, string URLs to objects);
   * after that, export then import must change nothing. */
  exported_again = tess_postman_collection_to_json (again);
  if (!json_node_equal (exported, exported_again))
    fail_round_trip (exported, "exporting the re-imported collection gives a different document");
  return TRUE;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A warning or critical on some input is a bug the fuzzer should report. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;

  if (!tess_fuzz_postman_round_trip (data, size, &error) && error == NULL)
    {
      g_printerr ("postman round trip: input rejected without an error\n");
      g_abort ();
    }
  return 0;
}
