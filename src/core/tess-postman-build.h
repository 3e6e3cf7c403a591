#pragma once

#include "tess-postman.h"

G_BEGIN_DECLS

/*
 * TessPostmanBuild: a collection's Postman document built in steps on the
 * thread-default main context, so that a large collection does not hold up
 * a window. Each step takes at most the budget given (a few ms; a step is
 * also cut short at the first item past it). A change to the collection (its
 * "changed" signal, which items send up the tree) starts the build again, so
 * a document never holds half of an edit; after a few restarts it finishes
 * in one go, so a collection that keeps changing still gets its document.
 */
typedef struct _TessPostmanBuild TessPostmanBuild;

/* A step's usual budget: well under a frame. */
#define TESS_POSTMAN_BUILD_STEP_BUDGET_US 4000

/* Called once, with the finished document (transfer full). */
typedef void (*TessPostmanBuildDone) (JsonNode *root,
                                      gpointer  user_data);

/* @item: a collection; or a request or folder, for the document of its
 * copy (tess_postman_export_new_for_copy(), which always has the secrets,
 * whatever @flags say). Runs the first step at once: @done may be called
 * before this returns (and then the result is NULL: the build is over). */
TessPostmanBuild *tess_postman_build_start   (TessItem               *item,
                                              TessPostmanExportFlags  flags,
                                              gint64                  step_budget_us,
                                              TessPostmanBuildDone    done,
                                              gpointer                user_data);
/* Starts again from the top: for changes no signal tells about. */
void              tess_postman_build_restart (TessPostmanBuild       *self);
/* Stops the build; @done is not called. */
void              tess_postman_build_cancel  (TessPostmanBuild       *self);

/* A copy of a collection, folder or request with everything the model
 * keeps, secrets too, and new ids: its document is built in steps here,
 * read back in a worker thread. Finishes with the copy (in no tree, in no
 * workspace). */
void              tess_postman_copy_item_async  (TessItem            *item,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TessItem         *tess_postman_copy_item_finish (TessItem            *item,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
