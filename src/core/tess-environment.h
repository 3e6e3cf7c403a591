#pragma once

#include <json-glib/json-glib.h>

#include "tess-kv.h"

G_BEGIN_DECLS

#define TESS_TYPE_ENVIRONMENT (tess_environment_get_type ())
G_DECLARE_FINAL_TYPE (TessEnvironment, tess_environment, TESS, ENVIRONMENT, GObject)

/* An environment or the globals (Postman's environment/globals files). */
TessEnvironment *tess_environment_new        (const char      *name);
const char      *tess_environment_get_id     (TessEnvironment *self);
const char      *tess_environment_get_name   (TessEnvironment *self);
void             tess_environment_set_name   (TessEnvironment *self,
                                              const char      *name);
gboolean         tess_environment_get_is_globals (TessEnvironment *self);
void             tess_environment_set_is_globals (TessEnvironment *self,
                                                  gboolean         is_globals);
/* List of TessKeyValue (type "secret" for secret variables). Owned. */
GPtrArray       *tess_environment_get_values (TessEnvironment *self);

TessEnvironment *tess_environment_new_from_json (JsonNode     *node,
                                                 GError      **error);
JsonNode        *tess_environment_to_json    (TessEnvironment *self);

G_END_DECLS
