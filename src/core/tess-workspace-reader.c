#include "tess-workspace-reader.h"

#include "tess-secrets.h"

#include <string.h>

#include "tess-error.h"
#include "tess-json-file.h"

static void
file_free (gpointer data)
{
  TessWorkspaceFile *file = data;

  g_clear_object (&file->object);
  g_free (file->path);
  g_free (file);
}

void
tess_workspace_contents_free (TessWorkspaceContents *contents)
{
  if (contents == NULL)
    return;
  g_ptr_array_unref (contents->collections);
  g_ptr_array_unref (contents->environments);
  g_clear_object (&contents->globals);
  g_clear_pointer (&contents->settings, json_object_unref);
  g_ptr_array_unref (contents->problems);
  g_hash_table_unref (contents->broken);
  g_free (contents);
}

static TessWorkspaceContents *
contents_new (void)
{
  TessWorkspaceContents *contents = g_new0 (TessWorkspaceContents, 1);

  contents->collections = g_ptr_array_new_with_free_func (file_free);
  contents->environments = g_ptr_array_new_with_free_func (file_free);
  contents->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  contents->broken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_error_free);
  return contents;
}

/* Takes @error. A @broken file is one that exists but could not be read:
 * it is kept from being written over. */
static void
add_problem (TessWorkspaceContents *contents,
             const char            *path,
             GError                *error,
             gboolean               broken)
{
  if (broken)
    g_hash_table_insert (contents->broken, g_strdup (path), g_error_copy (error));
  g_ptr_array_add (contents->problems, error);
}

static const char *
kind_name (TessPostmanKind kind)
{
  switch (kind)
    {
    case TESS_POSTMAN_COLLECTION:
      return "collection";
    case TESS_POSTMAN_ENVIRONMENT:
      return "environment";
    case TESS_POSTMAN_GLOBALS:
      return "globals";
    case TESS_POSTMAN_UNKNOWN:
    default:
      return "unknown";
    }
}

GObject *
tess_workspace_read_postman_file (const char       *path,
                                  TessPostmanKind   expected,
                                  GError          **error)
{
  g_autoptr(JsonNode) root = tess_json_file_load (path, error);
  TessPostmanKind kind;
  GObject *object;

  if (root == NULL)
    return NULL;
  kind = tess_postman_detect_kind (root);
  /* A globals file without its scope marker reads as an environment. */
  if (expected == TESS_POSTMAN_GLOBALS && kind == TESS_POSTMAN_ENVIRONMENT)
    kind = TESS_POSTMAN_GLOBALS;
  if (kind != expected)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   "%s: not a Postman %s file (what it holds looks like: %s)",
                   path, kind_name (expected), kind_name (kind));
      return NULL;
    }

  if (kind == TESS_POSTMAN_COLLECTION)
    object = (GObject *) tess_postman_collection_from_json (root, error);
  else
    object = (GObject *) tess_environment_new_from_json (root, error);
  if (object == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (kind == TESS_POSTMAN_GLOBALS)
    tess_environment_set_is_globals (TESS_ENVIRONMENT (object), TRUE);
  return object;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* File names in @dir_path ending in @suffix, sorted. Only our own names: an
 * editor's backup or a temporary file left by a crash mid-write must not
 * load as a second copy. */
static GPtrArray *
list_folder (TessWorkspaceContents *contents,
             const char            *dir_path,
             const char            *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      add_problem (contents, dir_path,
                   g_error_new (TESS_ERROR, TESS_ERROR_IO, "%s: cannot list the folder: %s",
                                dir_path, error->message),
                   FALSE);
      return names;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static gboolean
read_folder (TessWorkspaceContents  *contents,
             const char             *root,
             const char             *folder,
             const char             *suffix,
             TessPostmanKind         kind,
             GPtrArray              *into,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autofree char *dir_path = g_build_filename (root, folder, NULL);
  g_autoptr(GPtrArray) paths = NULL;

  if (!g_file_test (dir_path, G_FILE_TEST_EXISTS))
    return TRUE;
  paths = list_folder (contents, dir_path, suffix);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      GError *file_error = NULL;
      GObject *object;
      TessWorkspaceFile *file;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      object = tess_workspace_read_postman_file (path, kind, &file_error);
      if (object == NULL)
        {
          add_problem (contents, path, file_error, TRUE);
          continue;
        }
      file = g_new0 (TessWorkspaceFile, 1);
      file->object = object;
      file->path = g_strdup (path);
      g_ptr_array_add (into, file);
    }
  return TRUE;
}

static void
read_globals (TessWorkspaceContents *contents,
              const char            *root)
{
  g_autofree char *path = g_build_filename (root, TESS_WORKSPACE_GLOBALS_FILE, NULL);
  GError *error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  contents->globals = (TessEnvironment *) tess_workspace_read_postman_file (path, TESS_POSTMAN_GLOBALS, &error);
  if (contents->globals == NULL)
    add_problem (contents, path, error, TRUE);
}

static void
read_settings (TessWorkspaceContents *contents,
               const char            *root)
{
  g_autofree char *path = g_build_filename (root, TESS_WORKSPACE_SETTINGS_FILE, NULL);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  node = tess_json_file_load (path, &error);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    error = g_error_new (TESS_ERROR, TESS_ERROR_INVALID, "%s: the settings must be a JSON object", path);
  if (error != NULL)
    {
      add_problem (contents, path, error, TRUE);
      return;
    }
  contents->settings = json_object_ref (json_node_get_object (node));
}

/* Takes @slots. */
static gboolean
any_slot (GPtrArray *slots)
{
  g_autoptr(GPtrArray) owned = slots;

  return owned->len > 0;
}

static gboolean
has_secret_fields (TessWorkspaceContents *contents)
{
  for (guint i = 0; i < contents->collections->len; i++)
    if (any_slot (tess_secrets_collect_collection (
          TESS_ITEM (((TessWorkspaceFile *) contents->collections->pdata[i])->object))))
      return TRUE;
  for (guint i = 0; i < contents->environments->len; i++)
    if (any_slot (tess_secrets_collect_environment (
          TESS_ENVIRONMENT (((TessWorkspaceFile *) contents->environments->pdata[i])->object))))
      return TRUE;
  return contents->globals != NULL && any_slot (tess_secrets_collect_environment (contents->globals));
}

TessWorkspaceContents *
tess_workspace_contents_read (const char    *root,
                              GCancellable  *cancellable,
                              GError       **error)
{
  TessWorkspaceContents *contents = contents_new ();

  if (!read_folder (contents, root, TESS_WORKSPACE_COLLECTIONS_DIR, TESS_WORKSPACE_COLLECTION_SUFFIX,
                    TESS_POSTMAN_COLLECTION, contents->collections, cancellable, error) ||
      !read_folder (contents, root, TESS_WORKSPACE_ENVIRONMENTS_DIR, TESS_WORKSPACE_ENVIRONMENT_SUFFIX,
                    TESS_POSTMAN_ENVIRONMENT, contents->environments, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      tess_workspace_contents_free (contents);
      return NULL;
    }
  read_globals (contents, root);
  read_settings (contents, root);
  contents->has_secret_fields = has_secret_fields (contents);
  return contents;
}
