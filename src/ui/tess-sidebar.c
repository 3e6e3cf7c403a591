#include "tess-sidebar.h"
#include "tess-sidebar-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tess-ui-util.h"

G_DEFINE_FINAL_TYPE (TessSidebar, tess_sidebar, GTK_TYPE_WIDGET)

static GtkPopover *context_menu (TessSidebar *self);

enum {
  ITEM_ACTIVATED,
  ITEM_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void popup_menu_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);

/* Helpers ----------------------------------------------------------------- */

static TessItem *
row_item (gpointer row)
{
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (row));

  /* The tree holds the item: a borrowed pointer is enough. */
  return TESS_ITEM (item);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListModel *children;

  if (tess_item_get_kind (TESS_ITEM (item)) == TESS_ITEM_REQUEST)
    return NULL;
  children = tess_item_get_children (TESS_ITEM (item));
  return children ? g_object_ref (children) : NULL;
}

static gboolean
filter_row_cb (gpointer item,
               gpointer user_data)
{
  TessSidebar *self = user_data;
  TessItem *tess_item = row_item (item);

  if (g_hash_table_contains (self->hidden, tess_item_get_root (tess_item)))
    return FALSE;
  return self->visible == NULL || g_hash_table_contains (self->visible, tess_item);
}

static void
update_page (TessSidebar *self)
{
  const char *page = "list";

  if (self->loading)
    page = "loading";
  else if (self->collections == NULL || g_list_model_get_n_items (self->collections) == 0)
    page = "empty";
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
}

GtkWidget *
tess_sidebar_get_toast_overlay (TessSidebar *self)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
}

void
tess_sidebar_show_message (TessSidebar *self,
              const char  *message)
{
  GtkWidget *overlay = tess_sidebar_get_toast_overlay (self);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TessSidebar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_workspace_save_collection_finish (TESS_WORKSPACE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tess_sidebar_show_message (self, error->message);
}

/* Shows a row the person just made or moved, even when the filter would
 * hide it. */
void
tess_sidebar_reveal_new (TessSidebar *self,
            TessItem    *item)
{
  if (self->visible != NULL && !g_hash_table_contains (self->visible, item))
    tess_sidebar_set_filter (self, NULL);
  tess_sidebar_reveal (self, item);
}

/* Writes the collection @item belongs to. */
void
tess_sidebar_save_root (TessSidebar *self,
           TessItem    *item)
{
  TessItem *root = tess_item_get_root (item);

  if (self->workspace == NULL || tess_item_get_kind (root) != TESS_ITEM_COLLECTION)
    return;
  tess_workspace_save_collection_async (self->workspace, root, NULL, save_done_cb, g_object_ref (self));
}

static gboolean
is_ancestor (TessItem *ancestor,
             TessItem *item)
{
  for (TessItem *it = item; it != NULL; it = tess_item_get_parent (it))
    if (it == ancestor)
      return TRUE;
  return FALSE;
}

guint
tess_sidebar_child_position (TessItem *parent,
                TessItem *child)
{
  guint position = 0;

  g_list_store_find (G_LIST_STORE (tess_item_get_children (parent)), child, &position);
  return position;
}

static void
update_actions (TessSidebar *self)
{
  TessItem *item = tess_sidebar_get_selected (self);
  gboolean has_workspace = self->workspace != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.new-collection", has_workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.new-folder", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.new-request", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.open", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.rename", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.duplicate", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.delete", item != NULL);
}

void
tess_sidebar_emit_item_activated (TessSidebar *self,
                                  TessItem    *item)
{
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

void
tess_sidebar_emit_item_deleted (TessSidebar *self,
                                TessItem    *item)
{
  g_signal_emit (self, signals[ITEM_DELETED], 0, item);
}

/* Filter ------------------------------------------------------------------ */

static void
collect_matches (TessSidebar *self,
                 GListModel  *items,
                 const char  *folded)
{
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(TessItem) item = g_list_model_get_item (items, i);
      g_autofree char *name = g_utf8_casefold (tess_item_get_name (item), -1);

      if (strstr (name, folded) != NULL)
        for (TessItem *it = item; it != NULL; it = tess_item_get_parent (it))
          g_hash_table_add (self->visible, it);
      if (tess_item_get_kind (item) != TESS_ITEM_REQUEST)
        collect_matches (self, tess_item_get_children (item), folded);
    }
}

/* Opens the ancestors of the matches, so the matches are rows at all. */
static void
expand_visible (TessSidebar *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      TessItem *item = row_item (row);

      if (tess_item_get_kind (item) != TESS_ITEM_REQUEST && g_hash_table_contains (self->visible, item))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   TessSidebar    *self)
{
  tess_sidebar_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Rows ---------------------------------------------------------------------- */

static void
collections_changed_cb (GListModel  *model,
                        guint        position,
                        guint        removed,
                        guint        added,
                        TessSidebar *self)
{
  update_page (self);
}

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      TessSidebar       *self)
{
  update_actions (self);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  TessItem *item = g_object_get_data (G_OBJECT (list_item), "item");

  if (item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (TESS_TYPE_ITEM, item);
}

static void
move_collection_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(TessSidebar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_workspace_move_collection_finish (TESS_WORKSPACE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tess_sidebar_show_message (self, error->message);
}

static gboolean
collection_index (GListModel *collections,
                  TessItem   *collection,
                  guint      *index_out)
{
  for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
    {
      g_autoptr(TessItem) item = g_list_model_get_item (collections, i);

      if (item == collection)
        {
          *index_out = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The collections and folders whose rows are open. Moving a collection
 * replaces the rows between its old and new place, which closes them. */
static GHashTable *
open_items (TessSidebar *self)
{
  GListModel *rows = G_LIST_MODEL (self->tree);
  GHashTable *open = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (open, gtk_tree_list_row_get_item (row));
    }
  return open;
}

static void
reopen_items (TessSidebar *self,
              GHashTable  *open)
{
  GListModel *rows = G_LIST_MODEL (self->tree);

  /* Opening a row adds its children after it: they are seen in turn. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (!gtk_tree_list_row_get_expanded (row) && g_hash_table_contains (open, row_item (row)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

/* Puts @collection before @onto (another collection), or after it when
 * @after; the workspace saves the order. */
static gboolean
move_collection (TessSidebar *self,
                 TessItem    *collection,
                 TessItem    *onto,
                 gboolean     after)
{
  g_autoptr(GHashTable) open = NULL;
  guint from, to, position;

  if (self->workspace == NULL || collection == onto || tess_item_get_kind (onto) != TESS_ITEM_COLLECTION ||
      !collection_index (self->collections, collection, &from) ||
      !collection_index (self->collections, onto, &to))
    return FALSE;
  position = after ? to + 1 : to;
  /* The index it ends at, once it is out of its old place. */
  if (from < position)
    position--;
  open = open_items (self);
  tess_workspace_move_collection_async (self->workspace, collection, position, NULL,
                                        move_collection_done_cb, g_object_ref (self));
  reopen_items (self, open);
  tess_sidebar_reveal_new (self, collection);
  return TRUE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *list_item)
{
  TessItem *onto = g_object_get_data (G_OBJECT (list_item), "item");
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  TessSidebar *self = TESS_SIDEBAR (gtk_widget_get_ancestor (widget, TESS_TYPE_SIDEBAR));

  TessItem *item;

  if (onto == NULL || !G_VALUE_HOLDS (value, TESS_TYPE_ITEM))
    return FALSE;
  item = g_value_get_object (value);
  /* A collection dropped on the upper half of a collection's row goes
   * before it, on the lower half after it. */
  if (item != NULL && tess_item_get_kind (item) == TESS_ITEM_COLLECTION)
    return move_collection (self, item, onto, y > gtk_widget_get_height (widget) / 2.0);
  return tess_sidebar_move_item (self, item, onto);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkListItem     *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  TessSidebar *self = TESS_SIDEBAR (gtk_widget_get_ancestor (widget, TESS_TYPE_SIDEBAR));
  graphene_point_t point;

  if (gtk_list_item_get_position (list_item) == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_popover_set_pointing_to (context_menu (self), &(GdkRectangle) { point.x, point.y, 1, 1 });
  gtk_popover_popup (context_menu (self));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *tag = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (TESS_TYPE_ITEM, GDK_ACTION_MOVE);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_add_css_class (tag, "method-tag");
  gtk_widget_add_css_class (tag, "small");
  gtk_label_set_xalign (GTK_LABEL (tag), 1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  g_object_set_data (G_OBJECT (list_item), "tag", tag);
  g_object_set_data (G_OBJECT (list_item), "icon", icon);
  g_object_set_data (G_OBJECT (list_item), "name", name);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drop));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_pressed_cb), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));
  g_object_set_data (G_OBJECT (expander), "list-item", list_item);
  gtk_list_item_set_child (list_item, expander);
}

static void
update_row (GtkListItem *list_item,
            TessItem    *item)
{
  GtkWidget *tag = g_object_get_data (G_OBJECT (list_item), "tag");
  GtkWidget *icon = g_object_get_data (G_OBJECT (list_item), "icon");
  GtkWidget *name = g_object_get_data (G_OBJECT (list_item), "name");
  TessItemKind kind = tess_item_get_kind (item);
  const char *method = tess_item_get_method (item);

  gtk_label_set_label (GTK_LABEL (name), tess_item_get_name (item));
  gtk_widget_set_visible (tag, kind == TESS_ITEM_REQUEST);
  gtk_widget_set_visible (icon, kind != TESS_ITEM_REQUEST);
  if (kind == TESS_ITEM_REQUEST)
    {
      if (method == NULL || *method == '\0')
        method = "GET";
      /* Long verbs are cut so names stay aligned; the tooltip has it whole. */
      if (strlen (method) > 6)
        {
          g_autofree char *cut = g_strndup (method, 5);
          g_autofree char *shown = g_strconcat (cut, "…", NULL);

          gtk_label_set_label (GTK_LABEL (tag), shown);
        }
      else
        gtk_label_set_label (GTK_LABEL (tag), method);
      gtk_widget_set_tooltip_text (tag, method);
      tess_widget_set_method_class (tag, method);
    }
  else
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), kind == TESS_ITEM_COLLECTION
                                                    ? "tess-collection-symbolic"
                                                    : "folder-symbolic");
}

static void
item_notify_cb (TessItem    *item,
                GParamSpec  *pspec,
                GtkListItem *list_item)
{
  update_row (list_item, item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  TessItem *item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  update_row (list_item, item);
  g_signal_connect_object (item, "notify::name", G_CALLBACK (item_notify_cb), list_item, 0);
  g_signal_connect_object (item, "notify::method", G_CALLBACK (item_notify_cb), list_item, 0);
  g_object_set_data_full (G_OBJECT (list_item), "item", item, g_object_unref);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  TessItem *item = g_object_get_data (G_OBJECT (list_item), "item");

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_notify_cb, list_item);
  g_object_set_data (G_OBJECT (list_item), "item", NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
activate_cb (GtkListView *list_view,
             guint        position,
             TessSidebar *self)
{
  tess_sidebar_activate_row (self, position);
}

/* Building ---------------------------------------------------------------- */

static GtkWidget *
build_empty_page (void)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import Collection…"));
  GtkWidget *create = gtk_button_new_with_mnemonic (_("_New Collection…"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "tess-collection-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Collections"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Import a Postman collection, or create a request and save it"));
  gtk_widget_add_css_class (page, "compact");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (import, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "win.import");
  gtk_widget_add_css_class (create, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (create), "sidebar.new-collection");
  gtk_box_append (GTK_BOX (box), import);
  gtk_box_append (GTK_BOX (box), create);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), box);
  return page;
}

static GtkWidget *
build_loading_page (void)
{
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading the workspace"), -1);
  return spinner;
}

static GMenuModel *
build_new_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("New _Collection…"), "sidebar.new-collection");
  g_menu_append (menu, _("New _Folder…"), "sidebar.new-folder");
  g_menu_append (menu, _("New _Request…"), "sidebar.new-request");
  return G_MENU_MODEL (menu);
}

static GMenuModel *
build_context_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) create = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  g_menu_append (create, _("_Open"), "sidebar.open");
  g_menu_append (create, _("New _Folder…"), "sidebar.new-folder");
  g_menu_append (create, _("New _Request…"), "sidebar.new-request");
  g_menu_append (edit, _("Re_name…"), "sidebar.rename");
  g_menu_append (edit, _("_Duplicate"), "sidebar.duplicate");
  g_menu_append (remove, _("_Delete"), "sidebar.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (create));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  return G_MENU_MODEL (menu);
}

/* Built the first time it opens. */
static GtkPopover *
context_menu (TessSidebar *self)
{
  if (self->context_menu == NULL)
    {
      g_autoptr(GMenuModel) model = build_context_menu ();

      self->context_menu = gtk_popover_menu_new_from_model (model);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }
  return GTK_POPOVER (self->context_menu);
}

static GtkWidget *
build_toolbar (TessSidebar *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = build_new_menu ();

  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Filter"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter requests by name"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
  tess_menu_button_set_menu_model_lazily (GTK_MENU_BUTTON (add), menu);
  tess_widget_set_accessible_label (add, _("New Collection, Folder or Request"), NULL);
  gtk_widget_add_css_class (bar, "sidebar-toolbar");
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (bar), self->search_entry);
  gtk_box_append (GTK_BOX (bar), add);
  return bar;
}

/* Overrides --------------------------------------------------------------- */

static void
tess_sidebar_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gtk_widget_measure (TESS_SIDEBAR (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
tess_sidebar_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  TessSidebar *self = TESS_SIDEBAR (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  /* A popover's parent has to place it. */
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

/* A destroyed window may be finalized much later (or never, while something
 * holds it): its toasts are gone with its surface, so commit now. */
static void
tess_sidebar_unrealize (GtkWidget *widget)
{
  tess_sidebar_commit_pending (TESS_SIDEBAR (widget));
  GTK_WIDGET_CLASS (tess_sidebar_parent_class)->unrealize (widget);
}

static void
tess_sidebar_dispose (GObject *object)
{
  TessSidebar *self = TESS_SIDEBAR (object);

  tess_sidebar_commit_pending (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->collections != NULL)
    g_signal_handlers_disconnect_by_func (self->collections, collections_changed_cb, self);
  g_clear_object (&self->collections);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  G_OBJECT_CLASS (tess_sidebar_parent_class)->dispose (object);
}

static void
tess_sidebar_class_init (TessSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_sidebar_dispose;
  widget_class->measure = tess_sidebar_measure;
  widget_class->size_allocate = tess_sidebar_size_allocate;
  widget_class->unrealize = tess_sidebar_unrealize;

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, TESS_TYPE_ITEM);
  /* A delete became final (its Undo toast went): tabs showing it can go. */
  signals[ITEM_DELETED] = g_signal_new ("item-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, TESS_TYPE_ITEM);

  tess_sidebar_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "sidebar.popup-menu", NULL, popup_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sidebar.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "sidebar.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "sidebar.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sidebar.delete", NULL);

  gtk_widget_class_set_css_name (widget_class, "sidebar");
}

static void
tess_sidebar_init (TessSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->hidden = g_hash_table_new (NULL, NULL);
  self->pending = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_list_store_new (TESS_TYPE_ITEM)),
                                        FALSE, FALSE, create_children_cb, NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_row_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->tree)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_actions), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), TRUE);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Collections"), -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_view);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty_page (), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), build_loading_page (), "loading");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), build_toolbar (self));
  gtk_box_append (GTK_BOX (self->box), self->stack);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  update_page (self);
  update_actions (self);
}

/* Public API ---------------------------------------------------------------- */

GtkWidget *
tess_sidebar_new (void)
{
  return g_object_new (TESS_TYPE_SIDEBAR, NULL);
}

void
tess_sidebar_set_model (TessSidebar *self,
                        GListModel  *collections)
{
  g_return_if_fail (TESS_IS_SIDEBAR (self));

  if (self->collections == collections)
    return;
  if (self->collections != NULL)
    g_signal_handlers_disconnect_by_func (self->collections, collections_changed_cb, self);
  g_set_object (&self->collections, collections);
  if (collections != NULL)
    g_signal_connect (collections, "items-changed", G_CALLBACK (collections_changed_cb), self);

  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (collections ? g_object_ref (collections)
                                                    : G_LIST_MODEL (g_list_store_new (TESS_TYPE_ITEM)),
                                        FALSE, FALSE, create_children_cb, NULL, NULL);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->tree));
  tess_sidebar_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_page (self);
}

void
tess_sidebar_set_workspace (TessSidebar   *self,
                            TessWorkspace *workspace)
{
  g_return_if_fail (TESS_IS_SIDEBAR (self));
  g_return_if_fail (workspace == NULL || TESS_IS_WORKSPACE (workspace));

  g_set_object (&self->workspace, workspace);
  update_actions (self);
}

void
tess_sidebar_set_loading (TessSidebar *self,
                          gboolean     loading)
{
  g_return_if_fail (TESS_IS_SIDEBAR (self));
  self->loading = loading;
  update_page (self);
}

void
tess_sidebar_set_filter (TessSidebar *self,
                         const char  *text)
{
  g_return_if_fail (TESS_IS_SIDEBAR (self));

  g_clear_pointer (&self->visible, g_hash_table_unref);
  if (text != NULL && *text != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);

      self->visible = g_hash_table_new (NULL, NULL);
      collect_matches (self, self->collections, folded);
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->visible != NULL)
    expand_visible (self);
}

static gboolean
find_row (TessSidebar *self,
          TessItem    *item,
          guint       *position_out)
{
  GListModel *rows = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (row_item (row) == item)
        {
          *position_out = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
tess_sidebar_reveal (TessSidebar *self,
                     TessItem    *item)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  guint position = 0;

  g_return_val_if_fail (TESS_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (TESS_IS_ITEM (item), FALSE);

  for (TessItem *it = item; it != NULL; it = tess_item_get_parent (it))
    g_ptr_array_insert (chain, 0, it);

  /* Expand from the root down: each level's rows exist only once its parent is open. */
  for (guint i = 0; i < chain->len; i++)
    {
      if (!find_row (self, g_ptr_array_index (chain, i), &position))
        return FALSE;
      if (i + 1 < chain->len)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

          gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
  return TRUE;
}

TessItem *
tess_sidebar_get_selected (TessSidebar *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (TESS_IS_SIDEBAR (self), NULL);
  row = gtk_single_selection_get_selected_item (self->selection);
  return row ? row_item (row) : NULL;
}

GListModel *
tess_sidebar_get_rows (TessSidebar *self)
{
  g_return_val_if_fail (TESS_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
tess_sidebar_activate_row (TessSidebar *self,
                           guint        position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  TessItem *item;

  g_return_if_fail (TESS_IS_SIDEBAR (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (row == NULL)
    return;
  item = row_item (row);
  if (tess_item_get_kind (item) == TESS_ITEM_REQUEST)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

gboolean
tess_sidebar_move_item (TessSidebar *self,
                        TessItem    *item,
                        TessItem    *target)
{
  g_autoptr(TessItem) moving = NULL;
  TessItem *old_parent, *new_parent, *old_root;
  guint position;

  g_return_val_if_fail (TESS_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (TESS_IS_ITEM (item), FALSE);
  g_return_val_if_fail (TESS_IS_ITEM (target), FALSE);

  old_parent = tess_item_get_parent (item);
  if (old_parent == NULL || is_ancestor (item, target))
    return FALSE;
  new_parent = tess_item_get_kind (target) == TESS_ITEM_REQUEST ? tess_item_get_parent (target) : target;
  if (new_parent == NULL)
    return FALSE;

  moving = g_object_ref (item);
  old_root = tess_item_get_root (item);
  tess_item_remove (old_parent, item);
  if (new_parent == target)
    position = G_MAXUINT;
  else
    position = tess_sidebar_child_position (new_parent, target) + 1;
  tess_item_insert (new_parent, position, item);
  tess_sidebar_save_root (self, item);
  if (old_root != tess_item_get_root (item))
    tess_sidebar_save_root (self, old_root);
  tess_sidebar_reveal_new (self, item);
  return TRUE;
}

/* The row widget showing @position, when it is on screen. */
static GtkWidget *
row_widget (TessSidebar *self,
            guint        position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *expander = gtk_widget_get_first_child (child);
      GtkListItem *list_item = expander ? g_object_get_data (G_OBJECT (expander), "list-item") : NULL;

      if (list_item != NULL && gtk_list_item_get_position (list_item) == position)
        return expander;
    }
  return NULL;
}

void
tess_sidebar_popup_menu (TessSidebar *self,
                         guint        position)
{
  GtkWidget *row;
  graphene_rect_t bounds;

  g_return_if_fail (TESS_IS_SIDEBAR (self));

  gtk_single_selection_set_selected (self->selection, position);
  row = row_widget (self, position);
  if (row != NULL && gtk_widget_compute_bounds (row, GTK_WIDGET (self), &bounds) &&
      bounds.size.height > 0)
    gtk_popover_set_pointing_to (context_menu (self),
                                 &(GdkRectangle) { bounds.origin.x + 24, bounds.origin.y + bounds.size.height,
                                                   1, 1 });
  else
    gtk_popover_set_pointing_to (context_menu (self), NULL);
  gtk_popover_popup (context_menu (self));
}

static void
popup_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TessSidebar *self = TESS_SIDEBAR (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    tess_sidebar_popup_menu (self, position);
}

GtkWidget *
tess_sidebar_get_search_entry (TessSidebar *self)
{
  g_return_val_if_fail (TESS_IS_SIDEBAR (self), NULL);
  return self->search_entry;
}
