#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  TESS_BODY_NONE,
  TESS_BODY_RAW,
  TESS_BODY_URLENCODED,
  TESS_BODY_FORMDATA,
  TESS_BODY_FILE,
  TESS_BODY_GRAPHQL,
} TessBodyMode;

/**
 * TessBody:
 * @mode: which of the members below is sent
 * @raw: the raw text (raw mode)
 * @language: raw language ("json", "xml", "text", "html", "javascript"), or %NULL
 * @urlencoded: list of #TessKeyValue (urlencoded mode)
 * @formdata: list of #TessKeyValue; @type "file" rows carry @src (formdata mode)
 * @file_src: path of the file sent as the whole body (file mode)
 * @graphql_query: the GraphQL query text
 * @graphql_variables: the GraphQL variables as JSON text
 * @extra: every member of the original body object, written back on export
 */
typedef struct {
  TessBodyMode mode;
  char *raw;
  char *language;
  GPtrArray *urlencoded;
  GPtrArray *formdata;
  char *file_src;
  char *graphql_query;
  char *graphql_variables;
  JsonObject *extra;
} TessBody;

#define TESS_TYPE_BODY (tess_body_get_type ())
GType        tess_body_get_type       (void) G_GNUC_CONST;

TessBody    *tess_body_new            (void);
TessBody    *tess_body_copy           (const TessBody *body);
void         tess_body_free           (TessBody       *body);
TessBody    *tess_body_new_from_json  (JsonNode       *node);
JsonNode    *tess_body_to_json        (const TessBody *body);

const char  *tess_body_mode_to_string (TessBodyMode    mode);
TessBodyMode tess_body_mode_from_string (const char   *mode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessBody, tess_body_free)

G_END_DECLS
