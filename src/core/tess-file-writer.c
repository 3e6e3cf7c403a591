#include "tess-file-writer.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "tess-error.h"
#include "tess-json-file.h"

struct _TessFileWriter
{
  GMutex lock;              /* guards everything below, and keeps two writes of a file apart */
  GHashTable *protected;    /* path → GError */
  GHashTable *generations;  /* path → newest generation asked for */
  guint next_generation;
};

typedef struct
{
  TessFileWriter *writer;
  char *path;
  JsonNode *root;   /* NULL: delete the file */
  TessFileWriterPrepare prepare;
  guint generation;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_clear_pointer (&job->root, json_node_unref);
  g_free (job);
}

static Job *
job_new (TessFileWriter *self,
         const char     *path,
         JsonNode       *root)
{
  Job *job = g_new0 (Job, 1);

  job->writer = self;
  job->path = g_strdup (path);
  job->root = root ? json_node_ref (root) : NULL;
  g_mutex_lock (&self->lock);
  job->generation = ++self->next_generation;
  g_hash_table_insert (self->generations, g_strdup (path), GUINT_TO_POINTER (job->generation));
  g_mutex_unlock (&self->lock);
  return job;
}

static gboolean
check_locked (TessFileWriter  *self,
              const char      *path,
              GError         **error)
{
  GError *reason = g_hash_table_lookup (self->protected, path);

  if (reason == NULL)
    return TRUE;
  g_set_error (error, TESS_ERROR, TESS_ERROR_IO,
               "%s: not saved: this file failed to load, so it is kept exactly as it is "
               "until it is fixed or removed (%s)", path, reason->message);
  return FALSE;
}

static gboolean
job_run (Job     *job,
         GError **error)
{
  TessFileWriter *self = job->writer;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  if (GPOINTER_TO_UINT (g_hash_table_lookup (self->generations, job->path)) != job->generation)
    ; /* a newer save or a delete of this file was asked for: that one wins */
  else if (!check_locked (self, job->path, error))
    ok = FALSE;
  else if (job->root != NULL)
    ok = tess_json_file_save (job->path, job->root, error);
  else if (g_unlink (job->path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, TESS_ERROR, TESS_ERROR_IO, "%s: cannot delete: %s", job->path, g_strerror (saved));
      ok = FALSE;
    }
  g_mutex_unlock (&self->lock);
  /* This is usually the last reference to the document: freeing a large one
   * takes as long as writing it, and here it is off the caller's thread. */
  g_clear_pointer (&job->root, json_node_unref);
  return ok;
}

TessFileWriter *
tess_file_writer_new (void)
{
  TessFileWriter *self = g_new0 (TessFileWriter, 1);

  g_mutex_init (&self->lock);
  self->protected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_error_free);
  self->generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
tess_file_writer_free (TessFileWriter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->protected);
  g_hash_table_unref (self->generations);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
tess_file_writer_set_protected (TessFileWriter *self,
                                GHashTable     *paths)
{
  g_mutex_lock (&self->lock);
  g_hash_table_unref (self->protected);
  self->protected = g_hash_table_ref (paths);
  g_mutex_unlock (&self->lock);
}

gboolean
tess_file_writer_is_protected (TessFileWriter *self,
                               const char     *path)
{
  gboolean result;

  g_mutex_lock (&self->lock);
  result = g_hash_table_contains (self->protected, path);
  g_mutex_unlock (&self->lock);
  return result;
}

gboolean
tess_file_writer_check (TessFileWriter  *self,
                        const char      *path,
                        GError         **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = check_locked (self, path, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static gboolean
run_now (TessFileWriter  *self,
         const char      *path,
         JsonNode        *root,
         GError         **error)
{
  Job *job;
  gboolean ok;

  if (!tess_file_writer_check (self, path, error))
    return FALSE;
  job = job_new (self, path, root);
  ok = job_run (job, error);
  job_free (job);
  return ok;
}

gboolean
tess_file_writer_save (TessFileWriter  *self,
                       const char      *path,
                       JsonNode        *root,
                       GError         **error)
{
  g_return_val_if_fail (root != NULL, FALSE);

  return run_now (self, path, root, error);
}

gboolean
tess_file_writer_delete (TessFileWriter  *self,
                         const char      *path,
                         GError         **error)
{
  return run_now (self, path, NULL, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  Job *job = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->prepare != NULL)
    job->prepare (job->root);
  if (job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tess_file_writer_save_async (TessFileWriter      *self,
                             const char          *path,
                             JsonNode            *root,
                             TessFileWriterPrepare prepare,
                             gpointer             source_object,
                             gpointer             source_tag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  GError *error = NULL;
  Job *job;

  g_task_set_source_tag (task, source_tag);
  if (!tess_file_writer_check (self, path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The generation is taken now, in call order, not when a worker gets to it. */
  job = job_new (self, path, root);
  job->prepare = prepare;
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
tess_file_writer_save_finish (gpointer       source_object,
                              GAsyncResult  *result,
                              gpointer       source_tag,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
