#include "test-body-file.h"

TessPreparedRequest *
test_body_file_and_copy (TessPreparedRequest *req,
                         const char          *path,
                         const GString       *content)
{
  g_autoptr(GBytes) bytes = g_bytes_new (content->str, content->len);
  g_autoptr(GError) error = NULL;
  TessPreparedRequest *in_memory;

  g_file_set_contents (path, content->str, content->len, &error);
  g_assert_no_error (error);
  in_memory = tess_prepared_request_copy (req);
  tess_prepared_request_set_body (in_memory, TESS_BODY_RAW, bytes);
  req->body_mode = TESS_BODY_FILE;
  req->body_file = g_strdup (path);
  return in_memory;
}
