#pragma once

#include "tess-item.h"
#include "tess-prepared-request.h"
#include "tess-variables.h"

G_BEGIN_DECLS

/* Reads a curl command line (as pasted from a terminal or a browser's "Copy as
 * cURL") into a new request item. Understands -X, -H, -d/--data/--data-raw/
 * --data-binary/--data-urlencode/--data-ascii, -u, -F/--form, --url, -G, -I,
 * -A, -e, -b, -k, -L, quoted arguments and line continuations. Unknown options
 * are an error naming the option. */
TessItem *tess_curl_import (const char  *command_line,
                            GError     **error);

/* A copy-paste curl command for @request as it would go on the wire (variables
 * expanded, auth applied). Form-data rows are written as -F from @item when
 * given, expanded with @vars. */
char     *tess_curl_export (const TessPreparedRequest *request,
                            TessItem                  *item,
                            TessVariables             *vars);

/* Quotes @text for a POSIX shell ('…', with ' written as '\''). */
char     *tess_shell_quote (const char *text);

G_END_DECLS
