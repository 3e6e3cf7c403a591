#include "tess-json-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tess-error.h"

/* Reads the whole file. GLib's own reader puts the path into its message in
 * its own wording; reading here keeps messages in the "PATH: reason" shape. */
static gboolean
read_file (const char  *path,
           char       **contents_out,
           gsize       *length_out,
           GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[16384];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, TESS_ERROR, TESS_ERROR_IO, "%s: cannot open: %s", path, g_strerror (saved));
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, TESS_ERROR, TESS_ERROR_IO, "%s: cannot read: %s", path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, n);
    }
  close (fd);

  *length_out = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  *contents_out = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
  return TRUE;
}

/* Line and column (both from 1, column in characters) of @offset in @text. */
static void
locate (const char *text,
        gsize       offset,
        guint      *line_out,
        guint      *column_out)
{
  guint line = 1;
  guint column = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) text[i] & 0xC0) != 0x80)
        column++;
    }
  *line_out = line;
  *column_out = column;
}

/* json-glib reports "<data>:LINE:COLUMN: Parse error: reason"; name the real
 * source and drop the redundant "Parse error". */
static void
set_parse_error (GError     **error,
                 const char  *name,
                 const char  *message)
{
  g_autoptr(GRegex) regex = g_regex_new ("^<[^>]*>:(\\d+):(\\d+): (?:Parse error: )?(.*)$",
                                         G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *reason = g_match_info_fetch (match, 3);

      g_set_error (error, TESS_ERROR, TESS_ERROR_PARSE, "%s:%s:%s: %s", name, line, column, reason);
    }
  else
    g_set_error (error, TESS_ERROR, TESS_ERROR_PARSE, "%s: %s", name, message);
}

JsonNode *
tess_json_parse_text (const char  *text,
                      gssize       length,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *invalid = NULL;
  gsize size;
  JsonNode *root;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = "<data>";
  size = length < 0 ? strlen (text) : (gsize) length;

  /* json-glib says only "must be UTF-8" without a place: find the place. */
  if (!g_utf8_validate (text, size, &invalid))
    {
      guint line, column;

      locate (text, invalid - text, &line, &column);
      g_set_error (error, TESS_ERROR, TESS_ERROR_PARSE,
                   "%s:%u:%u: invalid UTF-8 (or a NUL byte) in the text", name, line, column);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, size, &local_error))
    {
      set_parse_error (error, name, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      guint line, column;

      /* json-glib accepts an empty document; a file of ours never is one. */
      locate (text, size, &line, &column);
      g_set_error (error, TESS_ERROR, TESS_ERROR_PARSE,
                   "%s:%u:%u: no JSON value (the text is empty or only white space)", name, line, column);
      return NULL;
    }
  return json_node_ref (root);
}

JsonNode *
tess_json_file_load (const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_file (path, &contents, &length, error))
    return NULL;
  return tess_json_parse_text (contents, length, path, error);
}

char *
tess_json_to_string (JsonNode *root,
                     gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  if (pretty)
    {
      json_generator_set_indent (generator, 2);
      json_generator_set_indent_char (generator, ' ');
    }
  return json_generator_to_data (generator, NULL);
}

gboolean
tess_json_file_save (const char  *path,
                     JsonNode    *root,
                     GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) data = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, TESS_ERROR, TESS_ERROR_IO, "%s: cannot create the folder: %s",
                   dir, g_strerror (saved));
      return FALSE;
    }

  text = tess_json_to_string (root, TRUE);
  data = g_string_new (text);
  g_string_append_c (data, '\n');

  /* CONSISTENT writes a temporary file beside @path, syncs it and renames it
   * over: a crash leaves either the old or the new file, never half of one. */
  if (!g_file_set_contents_full (path, data->str, data->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_IO, "%s: cannot write: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
