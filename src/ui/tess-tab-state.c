#include "tess-tab-state.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "tess-collection-page.h"
#include "tess-request-page.h"

/* Long enough to fold a burst of typing into one write. */
#define WRITE_DELAY_MS 500

struct _TessTabState
{
  GObject parent_instance;

  TessWorkspace *workspace;
  AdwTabView *view;        /* weak */
  char *path;
  GCancellable *cancellable;
  guint write_id;
  gboolean writing;
  gboolean dirty;          /* changed while a write was under way */
  gboolean restoring;
};

G_DEFINE_FINAL_TYPE (TessTabState, tess_tab_state, G_TYPE_OBJECT)

static void schedule_write (TessTabState *self);

/* Helpers ----------------------------------------------------------------- */

static TessItem *
page_item (AdwTabPage *page)
{
  GtkWidget *child = adw_tab_page_get_child (page);

  if (TESS_IS_REQUEST_PAGE (child))
    return tess_request_page_get_item (TESS_REQUEST_PAGE (child));
  if (TESS_IS_COLLECTION_PAGE (child))
    return tess_collection_page_get_item (TESS_COLLECTION_PAGE (child));
  return NULL;
}

/* A URL as it may be written down: without user name and password. */
static char *
url_without_userinfo (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    return g_strdup ("");
  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_userinfo (uri) == NULL)
    return g_strdup (url);
  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), g_uri_get_query (uri),
                     g_uri_get_fragment (uri));
}

/* Returns FALSE for a tab that cannot be named (a folder of no collection). */
static gboolean
add_tab (TessTabState *self,
         JsonBuilder  *builder,
         TessItem     *item)
{
  TessItem *root = tess_item_get_root (item);
  gboolean in_workspace = tess_item_get_kind (root) == TESS_ITEM_COLLECTION &&
                          tess_workspace_get_file (self->workspace, root) != NULL;

  if (!in_workspace && tess_item_get_kind (item) != TESS_ITEM_REQUEST)
    return FALSE;
  json_builder_begin_object (builder);
  if (in_workspace)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      json_builder_set_member_name (builder, "collection");
      json_builder_add_string_value (builder, tess_item_get_id (root));
      if (item != root && tess_item_get_id (item) != NULL)
        {
          json_builder_set_member_name (builder, "item");
          json_builder_add_string_value (builder, tess_item_get_id (item));
        }
      for (TessItem *it = item; it != root; it = tess_item_get_parent (it))
        g_ptr_array_insert (names, 0, (gpointer) tess_item_get_name (it));
      json_builder_set_member_name (builder, "path");
      json_builder_begin_array (builder);
      for (guint i = 0; i < names->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (names, i));
      json_builder_end_array (builder);
    }
  else
    {
      g_autofree char *url = url_without_userinfo (tess_item_get_url (item));

      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, tess_item_get_name (item));
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, tess_item_get_method (item));
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
    }
  json_builder_end_object (builder);
  return TRUE;
}

static char *
serialize (TessTabState *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->view);
  int n = adw_tab_view_get_n_pages (self->view);
  int written = 0, selected_index = -1;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "workspace");
  json_builder_add_string_value (builder, tess_workspace_get_path (self->workspace));
  json_builder_set_member_name (builder, "tabs");
  json_builder_begin_array (builder);
  for (int i = 0; i < n; i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->view, i);
      TessItem *item = page_item (page);

      if (item == NULL || !add_tab (self, builder, item))
        continue;
      if (page == selected)
        selected_index = written;
      written++;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "selected");
  json_builder_add_int_value (builder, selected_index);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static gboolean
ensure_folder (TessTabState  *self,
               GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Tab state: cannot create folder %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Writing ----------------------------------------------------------------- */

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TessTabState) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Tab state: cannot write %s: %s", self->path, error->message);
  self->writing = FALSE;
  if (self->dirty)
    {
      self->dirty = FALSE;
      schedule_write (self);
    }
}

static gboolean
write_cb (gpointer user_data)
{
  TessTabState *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  self->write_id = 0;
  if (self->view == NULL)
    return G_SOURCE_REMOVE;
  if (self->writing)
    {
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (!ensure_folder (self, &error))
    {
      g_warning ("%s", error->message);
      return G_SOURCE_REMOVE;
    }
  text = serialize (self);
  bytes = g_bytes_new_take (text, strlen (text));
  file = g_file_new_for_path (self->path);
  self->writing = TRUE;
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       self->cancellable, write_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_write (TessTabState *self)
{
  if (self->restoring || self->view == NULL)
    return;
  if (self->write_id == 0)
    self->write_id = g_timeout_add (WRITE_DELAY_MS, write_cb, self);
}

/* Following the tabs -------------------------------------------------------- */

static void
item_changed_cb (TessTabState *self)
{
  schedule_write (self);
}

static void
page_attached_cb (AdwTabView   *view,
                  AdwTabPage   *page,
                  int           position,
                  TessTabState *self)
{
  TessItem *item = page_item (page);

  if (item != NULL)
    g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);
  schedule_write (self);
}

static void
page_detached_cb (AdwTabView   *view,
                  AdwTabPage   *page,
                  int           position,
                  TessTabState *self)
{
  TessItem *item = page_item (page);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_changed_cb, self);
  schedule_write (self);
}

static void
tabs_changed_cb (TessTabState *self)
{
  schedule_write (self);
}

static void
stop_following (TessTabState *self)
{
  int n;

  if (self->view == NULL)
    return;
  n = adw_tab_view_get_n_pages (self->view);
  for (int i = 0; i < n; i++)
    {
      TessItem *item = page_item (adw_tab_view_get_nth_page (self->view, i));

      if (item != NULL)
        g_signal_handlers_disconnect_by_func (item, item_changed_cb, self);
    }
  g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_weak_pointer (&self->view);
}

/* Restoring ----------------------------------------------------------------- */

static TessItem *
find_by_path (TessItem  *root,
              JsonArray *path)
{
  TessItem *item = root;

  for (guint i = 0; item != NULL && i < json_array_get_length (path); i++)
    {
      const char *name = json_array_get_string_element (path, i);
      GListModel *children = tess_item_get_children (item);
      TessItem *found = NULL;

      for (guint j = 0; children != NULL && j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(TessItem) child = g_list_model_get_item (children, j);

          if (g_strcmp0 (tess_item_get_name (child), name) == 0)
            {
              found = child;
              break;
            }
        }
      item = found;
    }
  return item == root ? NULL : item;
}

static TessItem *
resolve_tab (TessTabState *self,
             JsonObject   *tab)
{
  const char *collection_id = json_object_get_string_member_with_default (tab, "collection", NULL);
  const char *item_id = json_object_get_string_member_with_default (tab, "item", NULL);
  TessItem *collection, *item = NULL;
  TessItem *request;

  if (collection_id == NULL)
    {
      request = tess_item_new (TESS_ITEM_REQUEST, json_object_get_string_member_with_default (tab, "name", "Untitled Request"));
      tess_item_set_method (request, json_object_get_string_member_with_default (tab, "method", "GET"));
      tess_item_set_url (request, json_object_get_string_member_with_default (tab, "url", ""));
      return request;
    }

  collection = tess_workspace_find_collection (self->workspace, collection_id);
  if (collection == NULL || g_strcmp0 (tess_item_get_id (collection), collection_id) != 0)
    return NULL;
  if (item_id != NULL)
    item = tess_item_find (collection, item_id);
  if ((item == NULL || g_strcmp0 (tess_item_get_id (item), item_id) != 0) &&
      json_object_has_member (tab, "path") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (tab, "path")))
    item = find_by_path (collection, json_object_get_array_member (tab, "path"));
  /* No item and an empty path: the collection's own page. */
  if (item == NULL && item_id == NULL && json_object_has_member (tab, "path") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (tab, "path")) &&
      json_array_get_length (json_object_get_array_member (tab, "path")) == 0)
    item = collection;
  if (item == NULL)
    return NULL;
  return g_object_ref (item);
}

/* Overrides --------------------------------------------------------------- */

static void
tess_tab_state_dispose (GObject *object)
{
  TessTabState *self = TESS_TAB_STATE (object);

  stop_following (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->write_id, g_source_remove);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (tess_tab_state_parent_class)->dispose (object);
}

static void
tess_tab_state_finalize (GObject *object)
{
  TessTabState *self = TESS_TAB_STATE (object);

  g_free (self->path);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (tess_tab_state_parent_class)->finalize (object);
}

static void
tess_tab_state_class_init (TessTabStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_tab_state_dispose;
  object_class->finalize = tess_tab_state_finalize;
}

static void
tess_tab_state_init (TessTabState *self)
{
  self->cancellable = g_cancellable_new ();
}

/* Public API ---------------------------------------------------------------- */

char *
tess_tab_state_dup_path (TessWorkspace *workspace)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TESS_IS_WORKSPACE (workspace), NULL);

  /* One file per workspace folder: two workspaces never share tabs. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, tess_workspace_get_path (workspace), -1);
  hash[16] = '\0';
  name = g_strdup_printf ("tabs-%s.json", hash);
  return g_build_filename (g_get_user_state_dir (), "tessera", name, NULL);
}

TessTabState *
tess_tab_state_new (TessWorkspace *workspace,
                    AdwTabView    *view)
{
  TessTabState *self;
  int n;

  g_return_val_if_fail (TESS_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (ADW_IS_TAB_VIEW (view), NULL);

  self = g_object_new (TESS_TYPE_TAB_STATE, NULL);
  self->workspace = g_object_ref (workspace);
  self->path = tess_tab_state_dup_path (workspace);
  g_set_weak_pointer (&self->view, view);
  g_signal_connect (view, "page-attached", G_CALLBACK (page_attached_cb), self);
  g_signal_connect (view, "page-detached", G_CALLBACK (page_detached_cb), self);
  g_signal_connect_swapped (view, "page-reordered", G_CALLBACK (tabs_changed_cb), self);
  g_signal_connect_swapped (view, "notify::selected-page", G_CALLBACK (tabs_changed_cb), self);
  /* The window going away unrealizes the view; its last reference may be
   * dropped much later, so waiting for dispose could lose the last change. */
  g_signal_connect_swapped (view, "unrealize", G_CALLBACK (tess_tab_state_flush), self);
  n = adw_tab_view_get_n_pages (view);
  for (int i = 0; i < n; i++)
    {
      TessItem *item = page_item (adw_tab_view_get_nth_page (view, i));

      if (item != NULL)
        g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);
    }
  return self;
}

guint
tess_tab_state_restore (TessTabState    *self,
                        TessTabOpenFunc  open,
                        gpointer         user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  JsonNode *root;
  JsonObject *object;
  JsonArray *tabs;
  gint64 selected;
  guint opened = 0;

  g_return_val_if_fail (TESS_IS_TAB_STATE (self), 0);
  g_return_val_if_fail (open != NULL, 0);

  /* A few hundred bytes, read once at startup. */
  if (!json_parser_load_from_mapped_file (parser, self->path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Tab state: cannot read %s: %s", self->path, error->message);
      return 0;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "tabs") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tabs")))
    return 0;
  tabs = json_object_get_array_member (object, "tabs");
  selected = json_object_get_int_member_with_default (object, "selected", -1);

  self->restoring = TRUE;
  for (guint i = 0; i < json_array_get_length (tabs); i++)
    {
      JsonNode *node = json_array_get_element (tabs, i);
      g_autoptr(TessItem) item = NULL;
      GtkWidget *page = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        item = resolve_tab (self, json_node_get_object (node));
      if (item != NULL)
        page = open (item, user_data);
      if (page != NULL)
        opened++;
      /* A new request brought back still has to be saved somewhere. */
      if (page != NULL && tess_item_get_kind (item) == TESS_ITEM_REQUEST &&
          tess_item_get_parent (item) == NULL && g_strcmp0 (tess_item_get_url (item), "") != 0)
        tess_request_page_set_modified (TESS_REQUEST_PAGE (page), TRUE);
      g_ptr_array_add (pages, page);
    }
  if (selected >= 0 && selected < pages->len && g_ptr_array_index (pages, selected) != NULL)
    adw_tab_view_set_selected_page (self->view,
                                    adw_tab_view_get_page (self->view, g_ptr_array_index (pages, selected)));
  self->restoring = FALSE;
  return opened;
}

void
tess_tab_state_flush (TessTabState *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESS_IS_TAB_STATE (self));

  if (self->view != NULL && tess_tab_state_get_pending (self))
    {
      g_clear_handle_id (&self->write_id, g_source_remove);
      /* The window is going: no main loop iteration is left for an async write. */
      g_cancellable_cancel (self->cancellable);
      text = serialize (self);
      if (!ensure_folder (self, &error) ||
          !g_file_set_contents_full (self->path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        g_warning ("Tab state: cannot write %s: %s", self->path, error->message);
    }
  stop_following (self);
}

gboolean
tess_tab_state_get_pending (TessTabState *self)
{
  g_return_val_if_fail (TESS_IS_TAB_STATE (self), FALSE);
  return self->write_id != 0 || self->writing || self->dirty;
}
