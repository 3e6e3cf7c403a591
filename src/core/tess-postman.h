#pragma once

#include <json-glib/json-glib.h>

#include "tess-environment.h"
#include "tess-item.h"

G_BEGIN_DECLS

typedef enum {
  TESS_POSTMAN_UNKNOWN,
  TESS_POSTMAN_COLLECTION,
  TESS_POSTMAN_ENVIRONMENT,
  TESS_POSTMAN_GLOBALS,
} TessPostmanKind;

/* What a parsed Postman file holds. */
TessPostmanKind  tess_postman_detect_kind          (JsonNode   *root);

/* Reads a collection in format v2.0 or v2.1 (and the v1-ish variants real
 * exports carry). Everything Tessera does not model is kept in the items'
 * extra members. @error names what is wrong and where ("item ‘A / B’: …"). */
TessItem        *tess_postman_collection_from_json (JsonNode   *root,
                                                    GError    **error);
typedef enum {
  TESS_POSTMAN_EXPORT_DEFAULT = 0,
  /* Write an id on every item and the collection even where the file had none
   * (the workspace copy: secrets in the keyring are keyed by id). */
  TESS_POSTMAN_EXPORT_ASSIGN_IDS = 1 << 0,
  /* Write secret values (tess-secrets.h says which). Without this flag they
   * are written empty: the workspace copy, and exports unless the person
   * asked for them. */
  TESS_POSTMAN_EXPORT_INCLUDE_SECRETS = 1 << 1,
} TessPostmanExportFlags;

/* Writes v2.1. Every kept member is written back; nothing is added that the
 * file did not have, except what v2.1 requires. Secrets included: this is
 * the lossless form; _full() without INCLUDE_SECRETS leaves them out. */
JsonNode        *tess_postman_collection_to_json   (TessItem   *collection);
JsonNode        *tess_postman_collection_to_json_full (TessItem *collection,
                                                      TessPostmanExportFlags flags);

/* The same document, written a few items at a time, so that a large
 * collection does not hold up a main loop. The walk keeps references to the
 * folders it is in; whoever steps it restarts it (free, new) when the
 * collection changes in between. */
typedef struct _TessPostmanExport TessPostmanExport;

TessPostmanExport *tess_postman_export_new         (TessItem               *collection,
                                                    TessPostmanExportFlags  flags);
/* Writes items until done or until g_get_monotonic_time() passes @deadline;
 * TRUE when the whole collection is written. */
gboolean         tess_postman_export_step          (TessPostmanExport      *self,
                                                    gint64                  deadline);
/* After a step returned TRUE: the document (with secrets empty unless the
 * flags asked for them). Frees @self. */
JsonNode        *tess_postman_export_finish        (TessPostmanExport      *self);
void             tess_postman_export_free          (TessPostmanExport      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessPostmanExport, tess_postman_export_free)

/* A copy of a request or folder, with everything the model keeps (auth,
 * scripts, unknown members): made through the Postman form, of @item alone.
 * Ids come along where that form has them. Not in any tree. */
TessItem        *tess_postman_copy_item            (TessItem               *item,
                                                    GError                **error);
/* The same in two halves, for a copy made in steps (tess-postman-build.h):
 * the export of a collection that holds only @item, secrets included, and
 * the copy read back from that document (any thread). */
TessPostmanExport *tess_postman_export_new_for_copy (TessItem              *item);
TessItem        *tess_postman_copy_from_json       (JsonNode               *root,
                                                    GError                **error);

/* Convenience over tess-json-file: parse errors carry path, line and column. */
TessItem        *tess_postman_load_collection      (const char *path,
                                                    GError    **error);
/* The same, handing the parsed document to @document instead of freeing it
 * (the collection keeps parts of it): freeing the tree of a large file costs
 * a quarter of loading it, which a short-lived process can leave to its exit. */
TessItem        *tess_postman_load_collection_document (const char *path,
                                                        JsonNode  **document,
                                                        GError    **error);
TessEnvironment *tess_postman_load_environment     (const char *path,
                                                    GError    **error);
/* Atomic write (temporary file + rename), with ids assigned and secrets
 * written empty (the workspace copy). */
gboolean         tess_postman_save_collection      (TessItem   *collection,
                                                    const char *path,
                                                    GError    **error);
gboolean         tess_postman_save_environment     (TessEnvironment *environment,
                                                    const char *path,
                                                    GError    **error);

G_END_DECLS
