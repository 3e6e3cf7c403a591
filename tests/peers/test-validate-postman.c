/* Checks tests/peers/validate-postman.js itself: other tests trust its verdict
 * on exported collections, so it must accept Postman's own examples and
 * reject a broken collection with the path of each fault. */
#include <gio/gio.h>
#include <string.h>

#include "tess-test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* Runs the validator with node; returns FALSE (test skipped) when node or
 * ajv is missing. */
static gboolean
run_validator (GPtrArray *files,
               RunResult *result)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *node = g_find_program_in_path ("node");
  const char *modules = g_getenv ("TESS_NODE_MODULES");
  g_autofree char *ajv = NULL;

  if (node == NULL)
    {
      tess_test_skip_peer ("node is not installed");
      return FALSE;
    }
  ajv = g_build_filename (modules ? modules : "", "ajv", "package.json", NULL);
  if (modules == NULL || !g_file_test (ajv, G_FILE_TEST_EXISTS))
    {
      tess_test_skip_peer ("ajv is not installed in tests/node_modules (run npm ci in tests/)");
      return FALSE;
    }

  g_ptr_array_add (argv, g_steal_pointer (&node));
  g_ptr_array_add (argv, g_build_filename (tess_test_source_dir (), "peers",
                                           "validate-postman.js", NULL));
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_strdup (g_ptr_array_index (files, i)));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "NODE_PATH", modules, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return TRUE;
}

static void
test_accepts_examples (void)
{
  g_autofree char *dir = tess_test_shared_path ("vectors", "postman", "examples", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  RunResult result = { 0, };
  const char *name;

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_assert_cmpuint (files->len, >=, 10);

  if (!run_validator (files, &result))
    return;
  if (result.status != 0)
    g_test_message ("%s%s", result.out, result.err);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "must "));
  run_result_clear (&result);
}

/* A header key that is not a string and a v2.0-style auth object, nested two
 * folders deep: both faults must be reported with their JSON pointer. */
static const char broken_collection[] =
  "{\"info\": {\"name\": \"Broken\", \"schema\": "
  "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
  " \"item\": [{\"name\": \"A\", \"item\": [{\"name\": \"B\", \"item\": ["
  "  {\"name\": \"R\", \"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1/\","
  "   \"header\": [{\"key\": 1, \"value\": \"x\"}],"
  "   \"auth\": {\"type\": \"basic\", \"basic\": {\"username\": \"u\"}}}}]}]}]}";

static void
test_rejects_broken (void)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "broken.json", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  RunResult result = { 0, };

  g_file_set_contents (path, broken_collection, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (files, g_strdup (path));

  if (!run_validator (files, &result))
    return;
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.out, "/item/0/item/0/item/0/request/header/0/key: must be string"));
  g_assert_nonnull (strstr (result.out, "/item/0/item/0/item/0/request/auth/basic: must be array"));
  run_result_clear (&result);
}

static void
test_rejects_unparsable (void)
{
  g_autofree char *tmp = tess_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "truncated.json", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  RunResult result = { 0, };

  g_file_set_contents (path, "{\"info\": {", -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (files, g_strdup (path));

  if (!run_validator (files, &result))
    return;
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (g_str_has_prefix (result.out, path));
  run_result_clear (&result);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate-postman/accepts-examples", test_accepts_examples);
  g_test_add_func ("/validate-postman/rejects-broken", test_rejects_broken);
  g_test_add_func ("/validate-postman/rejects-unparsable", test_rejects_unparsable);
  return g_test_run ();
}
