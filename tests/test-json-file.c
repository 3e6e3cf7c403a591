#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tess-error.h"
#include "tess-json-file.h"
#include "tess-test-util.h"

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_parse_error (const char *contents,
                    gssize      length,
                    const char *where)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *path = write_file (dir, "broken.json", contents, length);
  g_autofree char *prefix = g_strdup_printf ("%s:%s: ", path, where);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tess_json_file_load (path, &error);

  g_assert_null (root);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_PARSE);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("‘%s’ does not start with ‘%s’", error->message, prefix);
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix));
  g_assert_null (strstr (error->message, "<data>"));
}

static void
test_parse_errors (void)
{
  assert_parse_error ("{\n  \"a\": 1,\n  \"b\": }\n", -1, "3:8");
  assert_parse_error ("[1, 2,\n\n  tru]", -1, "3:5");
  assert_parse_error ("{\"a\": 1", -1, "1:7");
  assert_parse_error ("{} trailing", -1, "1:11");
  assert_parse_error ("", 0, "1:1");
  assert_parse_error ("  \n\n", -1, "3:1");
  /* Bad UTF-8 is placed too (json-glib itself gives no place for it). */
  assert_parse_error ("{\n  \"name\": \"caf\xc3\xa9 \xff\"\n}", -1, "2:17");
  assert_parse_error ("{\"a\":\0 1}", 9, "1:6");
}

static void
test_parse_text_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = tess_json_parse_text ("[}", -1, "clipboard", &error);
  g_autoptr(JsonNode) good = NULL;

  g_assert_null (bad);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "clipboard:1:2: "));

  g_clear_error (&error);
  good = tess_json_parse_text ("{\"a\": [1, true, null]} ", -1, "clipboard", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (good));
}

static void
test_io_errors (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = tess_json_file_load (missing, &error);
  g_autoptr(JsonNode) from_dir = NULL;

  g_assert_null (root);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));

  g_clear_error (&error);
  from_dir = tess_json_file_load (dir, &error);
  g_assert_null (from_dir);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, dir));
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static JsonNode *
sample_document (void)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = tess_json_parse_text ("{\"info\": {\"name\": \"Zahlungen ✓\", \"n\": 3},"
                                         " \"item\": [{\"name\": \"a\\\"b\", \"x\": 1.5, \"y\": null}],"
                                         " \"empty\": {}, \"flag\": false}",
                                         -1, "sample", &error);

  g_assert_no_error (error);
  return node;
}

static void
test_save_round_trip (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (folder, "doc.json", NULL);
  g_autoptr(JsonNode) doc = sample_document ();
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;

  g_assert_true (tess_json_file_save (path, doc, &error));
  g_assert_no_error (error);
  /* A second save replaces the file in place. */
  g_assert_true (tess_json_file_save (path, doc, &error));
  g_assert_no_error (error);

  names = list_dir (folder);
  g_assert_cmpuint (names->len, ==, 1);   /* no temporary files left behind */
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "doc.json");

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  text = tess_test_load_text (path);
  g_assert_true (g_str_has_prefix (text, "{\n  \""));
  g_assert_nonnull (strstr (text, "\n    \""));       /* nested members: 4 spaces */
  g_assert_null (strchr (text, '\t'));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  g_assert_nonnull (strstr (text, "Zahlungen ✓"));

  loaded = tess_json_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (doc, loaded));
}

static void
test_save_error (void)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *file = write_file (dir, "plain", "x", -1);
  g_autofree char *path = g_build_filename (file, "doc.json", NULL);
  g_autoptr(JsonNode) doc = sample_document ();
  g_autoptr(GError) error = NULL;

  /* The parent "folder" is a regular file. */
  g_assert_false (tess_json_file_save (path, doc, &error));
  g_assert_error (error, TESS_ERROR, TESS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, file));
}

static void
test_to_string (void)
{
  g_autoptr(JsonNode) doc = sample_document ();
  g_autofree char *compact = tess_json_to_string (doc, FALSE);
  g_autofree char *pretty = tess_json_to_string (doc, TRUE);

  g_assert_null (strchr (compact, '\n'));
  g_assert_nonnull (strchr (pretty, '\n'));
  g_assert_true (g_str_has_prefix (compact, "{\"info\":{\"name\":\"Zahlungen ✓\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-file/parse-errors", test_parse_errors);
  g_test_add_func ("/json-file/parse-text-name", test_parse_text_name);
  g_test_add_func ("/json-file/io-errors", test_io_errors);
  g_test_add_func ("/json-file/save-round-trip", test_save_round_trip);
  g_test_add_func ("/json-file/save-error", test_save_error);
  g_test_add_func ("/json-file/to-string", test_to_string);
  return g_test_run ();
}
