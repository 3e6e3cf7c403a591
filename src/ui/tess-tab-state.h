#pragma once

#include <adwaita.h>

#include "tess-item.h"
#include "tess-workspace.h"

G_BEGIN_DECLS

#define TESS_TYPE_TAB_STATE (tess_tab_state_get_type ())
G_DECLARE_FINAL_TYPE (TessTabState, tess_tab_state, TESS, TAB_STATE, GObject)

/**
 * TessTabState:
 *
 * Remembers a window's open tabs across restarts: the requests, folders and
 * collections by collection id and item id (and their path of names, for
 * items without ids), the
 * selected tab, and the method and URL of tabs not saved in a collection. The
 * state of each workspace is a small JSON file in
 * `$XDG_STATE_HOME/tessera/`, written a moment after each change. It holds no
 * secrets: URLs lose their user information.
 */

/* Opens @item in a tab and returns the page; the window's tess_window_open_item. */
typedef GtkWidget *(*TessTabOpenFunc) (TessItem *item,
                                       gpointer  user_data);

/* Starts following the tabs of @view. */
TessTabState *tess_tab_state_new        (TessWorkspace   *workspace,
                                         AdwTabView      *view);
/* The state file for @workspace. */
char         *tess_tab_state_dup_path   (TessWorkspace   *workspace);
/* Reads the state file and opens what it names through @open; tabs whose
 * request is gone are left out. Returns the number of tabs opened. */
guint         tess_tab_state_restore    (TessTabState    *self,
                                         TessTabOpenFunc  open,
                                         gpointer         user_data);
/* Writes a pending change now (when the window goes) and stops following. */
void          tess_tab_state_flush      (TessTabState    *self);
/* Whether a change waits to be written; for tests. */
gboolean      tess_tab_state_get_pending (TessTabState   *self);

G_END_DECLS
