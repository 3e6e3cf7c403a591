#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TessKeyValue:
 * @key: the name
 * @value: the value as text (non-string JSON values are kept as their JSON text)
 * @enabled: %FALSE when Postman's `disabled` is true (or `enabled` is false)
 * @type: Postman's `type` member (form-data "text"/"file", variable "string"/"secret"…), or %NULL
 * @src: a form-data file part's path, or %NULL
 * @extra: every member of the object it was read from, written back on export
 *
 * One row of a header, query, url-encoded, form-data or variable list.
 */
typedef struct {
  char *key;
  char *value;
  gboolean enabled;
  char *type;
  char *src;
  JsonObject *extra;
} TessKeyValue;

#define TESS_TYPE_KEY_VALUE (tess_key_value_get_type ())
GType         tess_key_value_get_type (void) G_GNUC_CONST;

TessKeyValue *tess_key_value_new      (const char         *key,
                                       const char         *value);
TessKeyValue *tess_key_value_copy     (const TessKeyValue *kv);
void          tess_key_value_free     (TessKeyValue       *kv);
gboolean      tess_key_value_is_secret (const TessKeyValue *kv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessKeyValue, tess_key_value_free)

/* Lists are GPtrArray of TessKeyValue, owning their elements. */
GPtrArray    *tess_kv_list_new        (void);
GPtrArray    *tess_kv_list_copy       (GPtrArray          *list);
TessKeyValue *tess_kv_list_add        (GPtrArray          *list,
                                       const char         *key,
                                       const char         *value);
/* The value of the last enabled row named @key (ASCII case-insensitive when @nocase), or NULL. */
const char   *tess_kv_list_lookup     (GPtrArray          *list,
                                       const char         *key,
                                       gboolean            nocase);

/* Reads a Postman list (array of {key, value, …}); a v2.0 header string
 * ("Name: value\n…") is read too. @value_member is "value" for nearly all lists. */
GPtrArray    *tess_kv_list_from_json  (JsonNode           *node);
JsonNode     *tess_kv_list_to_json    (GPtrArray          *list);

/* A JSON value as text: strings as they are, other scalars and containers as JSON. */
char         *tess_json_node_to_text  (JsonNode           *node);
/* A copy that shares nothing with @node (json_node_copy shares the objects,
 * arrays and values inside it). */
JsonNode     *tess_json_node_deep_copy (JsonNode          *node);
/* A new object with @object's members, for a document to write: what
 * tess_secrets_blank_json() may change (auth objects, variable lists, at any
 * depth) is deep-copied, the rest shared. Shared nodes must never be changed,
 * by the model or in the document; node reference counts are atomic, so the
 * document may be written and freed in another thread. */
JsonObject   *tess_json_object_share  (JsonObject         *object);

G_END_DECLS
