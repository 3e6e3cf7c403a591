#pragma once

#include <json-glib/json-glib.h>

#include "tess-environment.h"
#include "tess-item.h"
#include "tess-secret-store.h"

G_BEGIN_DECLS

/*
 * What is a secret, and where the model keeps them.
 *
 * - auth attributes whose field the scheme table marks secret (passwords,
 *   client, consumer and token secrets, keys, private keys, tokens), plus
 *   OAuth 2.0's refresh and ID tokens; owner: the item that holds the auth,
 *   field "auth.<type>.<key>" (every type's list an auth carries, not only the
 *   current one: switching type back must find its password again);
 * - variables of type "secret" (collection, environment, globals); owner: the
 *   collection, the environment or the globals, field "var.<name>".
 *
 * A value that is one {{variable}} reference and nothing else names a secret
 * without being one: it stays in files, so a collection can take its
 * secrets from an environment or `--var`.
 */

/* Whether attribute @key of an auth of type @type is a secret. */
gboolean    tess_secrets_auth_key_is_secret   (const char *type,
                                               const char *key);
/* "{{name}}" alone (spaces around the name allowed). */
gboolean    tess_secrets_value_is_reference   (const char *value);
/* Whether a value in a secret place must be kept out of files: not empty
 * and not a reference. */
gboolean    tess_secrets_value_is_secret      (const char *value);

/* Every secret place of @collection's tree (GPtrArray of TessSecret, with a
 * label for the keyring), with its current value: "" where it is empty.
 * References are not listed. */
GPtrArray  *tess_secrets_collect_collection   (TessItem        *collection);
/* Same for an environment or the globals (owner "globals"). */
GPtrArray  *tess_secrets_collect_environment  (TessEnvironment *environment);

/* Puts @values (tess_secret_dup_key() → value) into the secret places of the
 * model that are empty; places that hold a value keep it. Returns how many
 * it filled. */
guint       tess_secrets_fill_collection      (TessItem        *collection,
                                               GHashTable      *values);
guint       tess_secrets_fill_environment     (TessEnvironment *environment,
                                               GHashTable      *values);

/* Writes "" over every secret of a Postman document (collection, environment
 * or globals), wherever it sits: auth objects at any depth (saved responses
 * carry their request's auth too), in v2.1 list and v2.0 map form, and
 * variables of type "secret". References stay. Returns how many it blanked. */
guint       tess_secrets_blank_json           (JsonNode        *root);

G_END_DECLS
