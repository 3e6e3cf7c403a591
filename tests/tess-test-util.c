#include "tess-test-util.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

gboolean
tess_test_peers_required (void)
{
  const char *value = g_getenv ("TESS_REQUIRE_PEERS");

  return value != NULL && *value != '\0' && !g_str_equal (value, "0");
}

void
tess_test_skip_peer (const char *format,
                     ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (tess_test_peers_required ())
    {
      g_test_message ("required peer missing (TESS_REQUIRE_PEERS=1): %s", reason);
      g_test_fail ();
    }
  else
    g_test_skip (reason);
}

const char *
tess_test_shared_dir (void)
{
  const char *dir = g_getenv ("TESS_SHARED_DIR");

  g_assert_nonnull (dir);
  return dir;
}

const char *
tess_test_source_dir (void)
{
  const char *dir = g_getenv ("TESS_TESTS_DIR");

  g_assert_nonnull (dir);
  return dir;
}

char *
tess_test_shared_path (const char *first,
                       ...)
{
  GPtrArray *parts = g_ptr_array_new ();
  va_list args;
  char *path;

  g_ptr_array_add (parts, (gpointer) tess_test_shared_dir ());
  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  for (const char *p = va_arg (args, const char *); p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return path;
}

char *
tess_test_load_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static gboolean
deadline_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
tess_test_wait_until (gboolean (*cond) (gpointer),
                      gpointer   data,
                      guint      timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, deadline_cb, &expired);

  while (!cond (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return cond (data);
}

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  if (g_getenv ("TESS_KEEP_TMP") != NULL)
    return;
  for (guint i = 0; tmpdirs && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
}

char *
tess_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tessera-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

gboolean
tess_test_is_mapped (const char *soname)
{
  g_autofree char *maps = NULL;
  g_autofree char *needle = g_strconcat ("/", soname, NULL);
  g_autoptr(GError) error = NULL;

  g_file_get_contents ("/proc/self/maps", &maps, NULL, &error);
  g_assert_no_error (error);
  return strstr (maps, needle) != NULL;
}

void
tess_test_trap_with_broken_library (const char           *soname,
                                    GTestSubprocessFlags  flags)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *fake = g_build_filename (dir, soname, NULL);
  g_autofree char *saved = g_strdup (g_getenv ("LD_LIBRARY_PATH"));
  g_autofree char *path = saved ? g_strjoin (":", dir, saved, NULL) : g_strdup (dir);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fake, "not a shared library\n", -1, &error);
  g_assert_no_error (error);
  g_setenv ("LD_LIBRARY_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, flags);
  if (saved != NULL)
    g_setenv ("LD_LIBRARY_PATH", saved, TRUE);
  else
    g_unsetenv ("LD_LIBRARY_PATH");
}
