#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds "find" to @map: it opens the response body search of the request in
 * the selected tab of @tab_view, from wherever the keyboard focus is. It is
 * enabled only while that tab shows a response body that can be searched. */
void tess_find_action_install (GActionMap *map,
                               AdwTabView *tab_view);

G_END_DECLS
