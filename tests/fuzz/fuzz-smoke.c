/* Replays inputs through the fuzz target without libFuzzer, as one GTest case
 * per file: fuzz-smoke DIR…. Files whose name starts with "bad-" must be
 * rejected with an error; every other file must import and round-trip. */
#include <gio/gio.h>

#include "fuzz-postman-import.h"

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gboolean accepted;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* The fuzzer hands over bytes that end where the input ends: a copy of
   * exactly @length bytes lets AddressSanitizer see any read past the end. */
  {
    g_autofree guint8 *bytes = g_memdup2 (contents, length);

    accepted = tess_fuzz_postman_round_trip (bytes, length, &error);
  }

  if (g_str_has_prefix (name, "bad-"))
    {
      g_assert_false (accepted);
      g_assert_nonnull (error);
      g_test_message ("%s rejected: %s", name, error->message);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (accepted);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_dir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *group = g_path_get_basename (dir);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  /* An empty or missing corpus would make this test pass without testing. */
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz-smoke/%s/%s", group, file);

      g_test_add_data_func_full (test_path, g_build_filename (dir, file, NULL),
                                 replay_file, g_free);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: fuzz-smoke DIR…");
  for (int i = 1; i < argc; i++)
    add_dir (argv[i]);
  return g_test_run ();
}
