#pragma once

#include "tess-item.h"

G_BEGIN_DECLS

/* What a request held when its tab opened or was last saved, so "Discard"
 * can put it back: tabs edit the workspace's item in place. */
typedef struct _TessRequestSnapshot TessRequestSnapshot;

TessRequestSnapshot *tess_request_snapshot_take    (TessItem            *request);
void                 tess_request_snapshot_restore (TessRequestSnapshot *snapshot,
                                                    TessItem            *request);
void                 tess_request_snapshot_free    (TessRequestSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessRequestSnapshot, tess_request_snapshot_free)

G_END_DECLS
