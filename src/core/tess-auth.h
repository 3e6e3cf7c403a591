#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TessAuth:
 *
 * Postman's auth object, kept whole so it round-trips losslessly: `type` plus the
 * attribute list of that type (and any other types' lists the file carried).
 * Values are read as text; a value that is not a string (booleans, numbers,
 * arrays such as tokenRequestParams) is kept as it was until it is set.
 */
typedef struct _TessAuth TessAuth;

#define TESS_TYPE_AUTH (tess_auth_get_type ())
GType        tess_auth_get_type     (void) G_GNUC_CONST;

TessAuth    *tess_auth_new          (const char *type);
TessAuth    *tess_auth_new_from_json (JsonNode  *node,
                                      GError   **error);
TessAuth    *tess_auth_copy         (const TessAuth *auth);
void         tess_auth_free         (TessAuth  *auth);
JsonNode    *tess_auth_to_json      (const TessAuth *auth);

const char  *tess_auth_get_auth_type (const TessAuth *auth);
void         tess_auth_set_auth_type (TessAuth  *auth,
                                      const char *type);

/* Attribute @key of the current type as text, or NULL when absent. Caller frees. */
char        *tess_auth_dup          (const TessAuth *auth,
                                     const char     *key);
/* Sets @key of the current type to a string value (added when missing). */
void         tess_auth_set          (TessAuth   *auth,
                                     const char *key,
                                     const char *value);
/* The attribute keys of the current type, in file order. Free with g_strfreev. */
char       **tess_auth_list_keys    (const TessAuth *auth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessAuth, tess_auth_free)

G_END_DECLS
