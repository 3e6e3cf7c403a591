#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The JSON path of the first difference between @a and @b (member order
 * ignored), or NULL when they are equal. Caller frees. */
char *tess_json_first_difference (JsonNode *a,
                                  JsonNode *b);

G_END_DECLS
