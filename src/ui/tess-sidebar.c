#include "tess-sidebar.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tess-ui-util.h"

struct _TessSidebar
{
  GtkWidget parent_instance;

  GtkWidget *stack;
  GtkWidget *list_view;
  GtkTreeListModel *tree;
  GtkSingleSelection *selection;
  GListModel *collections;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (TessSidebar, tess_sidebar, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *tag = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);

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

static GtkWidget *
build_empty_page (void)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import Collection…"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "tess-collection-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Collections"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Import a Postman collection, or create a request and save it"));
  gtk_widget_add_css_class (page, "compact");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
  adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
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

static void
tess_sidebar_dispose (GObject *object)
{
  TessSidebar *self = TESS_SIDEBAR (object);

  if (self->collections != NULL)
    g_signal_handlers_disconnect_by_func (self->collections, collections_changed_cb, self);
  g_clear_object (&self->collections);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  G_OBJECT_CLASS (tess_sidebar_parent_class)->dispose (object);
}

static void
tess_sidebar_class_init (TessSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_sidebar_dispose;

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, TESS_TYPE_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebar");
}

static void
tess_sidebar_init (TessSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_list_store_new (TESS_TYPE_ITEM)),
                                        FALSE, FALSE, create_children_cb, NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
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
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty_page (), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), build_loading_page (), "loading");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  update_page (self);
}

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
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
  update_page (self);
}

void
tess_sidebar_set_loading (TessSidebar *self,
                          gboolean     loading)
{
  g_return_if_fail (TESS_IS_SIDEBAR (self));
  self->loading = loading;
  update_page (self);
}

static gboolean
find_row (TessSidebar *self,
          TessItem    *item,
          guint       *position_out)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(GObject) row_item = gtk_tree_list_row_get_item (row);

      if (row_item == (GObject *) item)
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
      g_autoptr(GtkTreeListRow) row = NULL;

      if (!find_row (self, g_ptr_array_index (chain, i), &position))
        return FALSE;
      if (i + 1 < chain->len)
        {
          row = gtk_tree_list_model_get_row (self->tree, position);
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
  TessItem *item;

  g_return_val_if_fail (TESS_IS_SIDEBAR (self), NULL);
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  /* The workspace holds the item: hand out a borrowed pointer. */
  g_object_unref (item);
  return item;
}

GListModel *
tess_sidebar_get_rows (TessSidebar *self)
{
  g_return_val_if_fail (TESS_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->tree);
}

void
tess_sidebar_activate_row (TessSidebar *self,
                           guint        position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(TessItem) item = NULL;

  g_return_if_fail (TESS_IS_SIDEBAR (self));

  row = gtk_tree_list_model_get_row (self->tree, position);
  if (row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  if (tess_item_get_kind (item) == TESS_ITEM_REQUEST)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}
