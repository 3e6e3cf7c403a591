#pragma once

#include "tess-prepared-request.h"

G_BEGIN_DECLS

/* For schemes that hash the body: the same bytes sent from a file and from
 * memory must be signed alike. Writes @content to @path, returns a copy of
 * @req whose body is @content in memory, and makes @req's body stream from
 * @path. */
TessPreparedRequest *test_body_file_and_copy (TessPreparedRequest *req,
                                              const char          *path,
                                              const GString       *content);

G_END_DECLS
