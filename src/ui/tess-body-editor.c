#include "tess-body-editor.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tess-kv-editor.h"
#include "tess-ui-util.h"

struct _TessBodyEditor
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *mode_dropdown;
  GtkWidget *language_dropdown;
  GtkWidget *stack;
  GtkSourceBuffer *raw_buffer;
  GtkWidget *urlencoded_editor;
  GtkWidget *formdata_editor;
  GtkWidget *file_row;
  GtkSourceBuffer *graphql_query;
  GtkSourceBuffer *graphql_variables;
  /* The raw and GraphQL pages hold their source views only once shown:
   * the buffers carry the text, and most requests never show either page. */
  GtkWidget *raw_page;
  GtkWidget *graphql_page;

  TessItem *item;
  GtkFileChooserNative *chooser;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (TessBodyEditor, tess_body_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Drop-down order; the stack pages carry the same names. */
static const struct {
  TessBodyMode mode;
  const char *page;
  const char *label;
} modes[] = {
  { TESS_BODY_NONE, "none", N_("None") },
  { TESS_BODY_RAW, "raw", N_("Raw") },
  { TESS_BODY_URLENCODED, "urlencoded", N_("URL-Encoded Form") },
  { TESS_BODY_FORMDATA, "formdata", N_("Multipart Form") },
  { TESS_BODY_FILE, "file", N_("File") },
  { TESS_BODY_GRAPHQL, "graphql", N_("GraphQL") },
};

static const struct {
  const char *language;
  const char *label;
} languages[] = {
  { "text", N_("Text") },
  { "json", "JSON" },
  { "xml", "XML" },
  { "html", "HTML" },
  { "javascript", "JavaScript" },
};

static TessBody *
body (TessBodyEditor *self)
{
  return self->item ? tess_item_get_body (self->item) : NULL;
}

static void
body_edited (TessBodyEditor *self)
{
  if (self->loading || self->item == NULL)
    return;
  tess_item_changed (self->item);
  g_signal_emit (self, signals[CHANGED], 0);
}

static char *
buffer_text (GtkSourceBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, FALSE);
}

static void
set_buffer_text (GtkSourceBuffer *buffer,
                 const char      *text)
{
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (buffer));
}

static void
raw_changed_cb (GtkTextBuffer  *buffer,
                TessBodyEditor *self)
{
  TessBody *b = body (self);

  if (self->loading || b == NULL)
    return;
  g_free (b->raw);
  b->raw = buffer_text (GTK_SOURCE_BUFFER (buffer));
  body_edited (self);
}

static void
graphql_changed_cb (GtkTextBuffer  *buffer,
                    TessBodyEditor *self)
{
  TessBody *b = body (self);

  if (self->loading || b == NULL)
    return;
  g_free (b->graphql_query);
  b->graphql_query = buffer_text (self->graphql_query);
  g_free (b->graphql_variables);
  b->graphql_variables = buffer_text (self->graphql_variables);
  body_edited (self);
}

static void
file_changed_cb (GtkEditable    *editable,
                 TessBodyEditor *self)
{
  TessBody *b = body (self);

  if (self->loading || b == NULL)
    return;
  g_free (b->file_src);
  b->file_src = g_strdup (gtk_editable_get_text (editable));
  body_edited (self);
}

static void
language_selected_cb (GtkDropDown    *dropdown,
                      GParamSpec     *pspec,
                      TessBodyEditor *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  TessBody *b = body (self);

  if (selected >= G_N_ELEMENTS (languages))
    return;
  tess_source_buffer_set_language_id (self->raw_buffer,
                                      tess_source_language_for (languages[selected].language));
  if (self->loading || b == NULL)
    return;
  g_free (b->language);
  b->language = g_strdup (languages[selected].language);
  body_edited (self);
}

static GtkWidget *source_view_new (GtkSourceBuffer *buffer,
                                   const char      *accessible_label);
static GtkWidget *build_graphql_page (TessBodyEditor *self);

static void
build_visible_page (TessBodyEditor *self,
                    TessBodyMode    mode)
{
  if (mode == TESS_BODY_RAW && adw_bin_get_child (ADW_BIN (self->raw_page)) == NULL)
    adw_bin_set_child (ADW_BIN (self->raw_page), source_view_new (self->raw_buffer, _("Body")));
  else if (mode == TESS_BODY_GRAPHQL && adw_bin_get_child (ADW_BIN (self->graphql_page)) == NULL)
    adw_bin_set_child (ADW_BIN (self->graphql_page), build_graphql_page (self));
}

static void
show_mode (TessBodyEditor *self,
           guint           index)
{
  build_visible_page (self, modes[index].mode);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), modes[index].page);
  gtk_widget_set_visible (self->language_dropdown, modes[index].mode == TESS_BODY_RAW);
}

static void
mode_selected_cb (GtkDropDown    *dropdown,
                  GParamSpec     *pspec,
                  TessBodyEditor *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  TessBody *b = body (self);

  if (selected >= G_N_ELEMENTS (modes))
    return;
  show_mode (self, selected);
  if (self->loading || b == NULL)
    return;
  b->mode = modes[selected].mode;
  /* Form lists are created on first use so an editor always has a list to edit. */
  if (b->mode == TESS_BODY_URLENCODED && b->urlencoded == NULL)
    b->urlencoded = tess_kv_list_new ();
  if (b->mode == TESS_BODY_FORMDATA && b->formdata == NULL)
    b->formdata = tess_kv_list_new ();
  tess_kv_editor_set_list (TESS_KV_EDITOR (self->urlencoded_editor), b->urlencoded);
  tess_kv_editor_set_list (TESS_KV_EDITOR (self->formdata_editor), b->formdata);
  body_edited (self);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TessBodyEditor  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->file_row), path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (GtkButton      *button,
                   TessBodyEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Body File"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
form_changed_cb (TessKvEditor   *editor,
                 TessBodyEditor *self)
{
  body_edited (self);
}

static GtkSourceBuffer *
source_buffer_new (void)
{
  GtkSourceBuffer *buffer = gtk_source_buffer_new (NULL);

  tess_source_buffer_follow_style (buffer);
  return buffer;
}

static GtkWidget *
source_view_new (GtkSourceBuffer *buffer,
                 const char      *accessible_label)
{
  GtkWidget *view = gtk_source_view_new_with_buffer (buffer);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (view), TRUE);
  gtk_source_view_set_auto_indent (GTK_SOURCE_VIEW (view), TRUE);
  gtk_source_view_set_tab_width (GTK_SOURCE_VIEW (view), 2);
  gtk_source_view_set_insert_spaces_instead_of_tabs (GTK_SOURCE_VIEW (view), TRUE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
form_page (GtkWidget *editor)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_top (editor, 12);
  gtk_widget_set_margin_bottom (editor, 12);
  gtk_widget_set_margin_start (editor, 12);
  gtk_widget_set_margin_end (editor, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_child (ADW_CLAMP (clamp), editor);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static GtkWidget *
build_file_page (TessBodyEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *clamp = adw_clamp_new ();

  self->file_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("File to Send"));
  tess_widget_set_accessible_label (choose, _("Choose a File"), NULL);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->file_row), choose);
  g_signal_connect (choose, "clicked", G_CALLBACK (choose_clicked_cb), self);
  g_signal_connect (self->file_row, "changed", G_CALLBACK (file_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->file_row);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The file is read when the request is sent."));
  gtk_widget_set_margin_top (group, 12);
  gtk_widget_set_margin_start (group, 12);
  gtk_widget_set_margin_end (group, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), group);
  return clamp;
}

static GtkWidget *
build_graphql_page (TessBodyEditor *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *query;
  GtkWidget *vars;

  /* Set only now: looking a language up loads every language definition. */
  tess_source_buffer_set_language_id (self->graphql_query, "graphql");
  tess_source_buffer_set_language_id (self->graphql_variables, "json");
  query = source_view_new (self->graphql_query, _("Query"));
  vars = source_view_new (self->graphql_variables, _("Variables"));

  gtk_paned_set_start_child (GTK_PANED (paned), query);
  gtk_paned_set_end_child (GTK_PANED (paned), vars);
  gtk_paned_set_position (GTK_PANED (paned), 200);
  return paned;
}

static void
tess_body_editor_dispose (GObject *object)
{
  TessBodyEditor *self = TESS_BODY_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->item);
  g_clear_object (&self->raw_buffer);
  g_clear_object (&self->graphql_query);
  g_clear_object (&self->graphql_variables);
  G_OBJECT_CLASS (tess_body_editor_parent_class)->dispose (object);
}

static void
tess_body_editor_class_init (TessBodyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_body_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bodyeditor");
}

static void
tess_body_editor_init (TessBodyEditor *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkStringList) mode_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);
  GtkWidget *none = adw_status_page_new ();

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    gtk_string_list_append (mode_names, _(modes[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (language_names, _(languages[i].label));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->mode_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (mode_names)), NULL);
  tess_widget_set_accessible_label (self->mode_dropdown, _("Body Type"), NULL);
  self->language_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (language_names)), NULL);
  tess_widget_set_accessible_label (self->language_dropdown, _("Language"), NULL);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (bar), self->mode_dropdown);
  gtk_box_append (GTK_BOX (bar), self->language_dropdown);
  gtk_box_append (GTK_BOX (self->box), bar);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "mail-attachment-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No Body"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none), _("Choose a body type to send data with this request"));
  gtk_widget_add_css_class (none, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), none, "none");
  self->raw_buffer = source_buffer_new ();
  self->raw_page = adw_bin_new ();
  gtk_widget_set_vexpand (self->raw_page, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), self->raw_page, "raw");
  self->urlencoded_editor = tess_kv_editor_new (_("_Add Field"), _("Added when sent"));
  gtk_stack_add_named (GTK_STACK (self->stack), form_page (self->urlencoded_editor), "urlencoded");
  self->formdata_editor = tess_kv_editor_new (_("_Add Field"), _("Added when sent"));
  gtk_stack_add_named (GTK_STACK (self->stack), form_page (self->formdata_editor), "formdata");
  gtk_stack_add_named (GTK_STACK (self->stack), build_file_page (self), "file");
  self->graphql_query = source_buffer_new ();
  self->graphql_variables = source_buffer_new ();
  self->graphql_page = adw_bin_new ();
  gtk_widget_set_vexpand (self->graphql_page, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), self->graphql_page, "graphql");
  gtk_box_append (GTK_BOX (self->box), self->stack);

  g_signal_connect (self->mode_dropdown, "notify::selected", G_CALLBACK (mode_selected_cb), self);
  g_signal_connect (self->language_dropdown, "notify::selected", G_CALLBACK (language_selected_cb), self);
  g_signal_connect (self->raw_buffer, "changed", G_CALLBACK (raw_changed_cb), self);
  g_signal_connect (self->graphql_query, "changed", G_CALLBACK (graphql_changed_cb), self);
  g_signal_connect (self->graphql_variables, "changed", G_CALLBACK (graphql_changed_cb), self);
  g_signal_connect (self->urlencoded_editor, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect (self->formdata_editor, "changed", G_CALLBACK (form_changed_cb), self);
  show_mode (self, 0);
}

GtkWidget *
tess_body_editor_new (void)
{
  return g_object_new (TESS_TYPE_BODY_EDITOR, NULL);
}

static guint
mode_index (TessBodyMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (modes[i].mode == mode)
      return i;
  return 0;
}

static guint
language_index (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].language, language) == 0)
      return i;
  return 0;
}

void
tess_body_editor_set_item (TessBodyEditor *self,
                           TessItem       *item)
{
  TessBody *b;

  g_return_if_fail (TESS_IS_BODY_EDITOR (self));

  /* The same item again means "reload": its body may have been put back. */
  g_set_object (&self->item, item);
  b = body (self);
  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->mode_dropdown), mode_index (b ? b->mode : TESS_BODY_NONE));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->language_dropdown), language_index (b ? b->language : NULL));
  tess_source_buffer_set_language_id (self->raw_buffer,
                                      tess_source_language_for (b ? b->language : NULL));
  set_buffer_text (self->raw_buffer, b ? b->raw : NULL);
  set_buffer_text (self->graphql_query, b ? b->graphql_query : NULL);
  set_buffer_text (self->graphql_variables, b ? b->graphql_variables : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->file_row), b && b->file_src ? b->file_src : "");
  tess_kv_editor_set_list (TESS_KV_EDITOR (self->urlencoded_editor), b ? b->urlencoded : NULL);
  tess_kv_editor_set_list (TESS_KV_EDITOR (self->formdata_editor), b ? b->formdata : NULL);
  self->loading = FALSE;
}

TessBodyMode
tess_body_editor_get_mode (TessBodyEditor *self)
{
  guint selected;

  g_return_val_if_fail (TESS_IS_BODY_EDITOR (self), TESS_BODY_NONE);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->mode_dropdown));
  return selected < G_N_ELEMENTS (modes) ? modes[selected].mode : TESS_BODY_NONE;
}

void
tess_body_editor_set_mode (TessBodyEditor *self,
                           TessBodyMode    mode)
{
  g_return_if_fail (TESS_IS_BODY_EDITOR (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->mode_dropdown), mode_index (mode));
}
