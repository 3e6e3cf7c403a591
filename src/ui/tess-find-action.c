#include "tess-find-action.h"

#include "tess-request-page.h"
#include "tess-response-view.h"

/* The response view the action follows. It lives as data of the action, so
 * it goes with the window's action map; the handlers below are connected
 * with the action as their object and die with it too. */
typedef struct {
  GtkWidget *page;            /* weak: the tab view owns it */
  gulong built_handler;
  GtkWidget *view;            /* weak: the tab owns it */
  gulong searchable_handler;
} FindState;

static void
find_state_free (FindState *state)
{
  g_clear_weak_pointer (&state->page);
  g_clear_weak_pointer (&state->view);
  g_free (state);
}

static FindState *
state_of (GSimpleAction *action)
{
  return g_object_get_data (G_OBJECT (action), "tess-find-state");
}

static void
update_enabled (GSimpleAction *action)
{
  FindState *state = state_of (action);

  g_simple_action_set_enabled (action, state->view != NULL &&
                               tess_response_view_get_searchable (TESS_RESPONSE_VIEW (state->view)));
}

static void
searchable_changed_cb (GtkWidget     *view,
                       GParamSpec    *pspec,
                       GSimpleAction *action)
{
  update_enabled (action);
}

static void
follow_view (GSimpleAction *action,
             GtkWidget     *view)
{
  FindState *state = state_of (action);

  if (view != state->view)
    {
      if (state->view != NULL)
        g_clear_signal_handler (&state->searchable_handler, state->view);
      g_set_weak_pointer (&state->view, view);
      if (view != NULL)
        state->searchable_handler = g_signal_connect_object (view, "notify::searchable",
                                                             G_CALLBACK (searchable_changed_cb),
                                                             action, 0);
    }
  update_enabled (action);
}

/* A tab builds its response view with its first send: until then there is
 * nothing to search, and asking for the view here would build it. */
static GtkWidget *
built_view_of (GtkWidget *page)
{
  if (page == NULL || !tess_request_page_has_response_view (TESS_REQUEST_PAGE (page)))
    return NULL;
  return tess_request_page_get_response_view (TESS_REQUEST_PAGE (page));
}

static void
response_view_built_cb (GtkWidget     *page,
                        GParamSpec    *pspec,
                        GSimpleAction *action)
{
  follow_view (action, built_view_of (page));
}

static void
selected_page_cb (AdwTabView    *tab_view,
                  GParamSpec    *pspec,
                  GSimpleAction *action)
{
  FindState *state = state_of (action);
  AdwTabPage *tab = adw_tab_view_get_selected_page (tab_view);
  GtkWidget *child = tab ? adw_tab_page_get_child (tab) : NULL;
  GtkWidget *page = TESS_IS_REQUEST_PAGE (child) ? child : NULL;

  if (page != state->page)
    {
      if (state->page != NULL)
        g_clear_signal_handler (&state->built_handler, state->page);
      g_set_weak_pointer (&state->page, page);
      if (page != NULL)
        state->built_handler = g_signal_connect_object (page, "notify::has-response-view",
                                                        G_CALLBACK (response_view_built_cb),
                                                        action, 0);
    }
  follow_view (action, built_view_of (page));
}

static void
find_activate_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  FindState *state = state_of (action);

  if (state->view != NULL && tess_response_view_get_searchable (TESS_RESPONSE_VIEW (state->view)))
    tess_response_view_open_search (TESS_RESPONSE_VIEW (state->view));
}

void
tess_find_action_install (GActionMap *map,
                          AdwTabView *tab_view)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("find", NULL);

  g_return_if_fail (G_IS_ACTION_MAP (map));
  g_return_if_fail (ADW_IS_TAB_VIEW (tab_view));

  g_object_set_data_full (G_OBJECT (action), "tess-find-state", g_new0 (FindState, 1),
                          (GDestroyNotify) find_state_free);
  g_signal_connect (action, "activate", G_CALLBACK (find_activate_cb), NULL);
  g_signal_connect_object (tab_view, "notify::selected-page", G_CALLBACK (selected_page_cb), action, 0);
  selected_page_cb (tab_view, NULL, action);
  g_action_map_add_action (map, G_ACTION (action));
}
