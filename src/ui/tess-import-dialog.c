#include "tess-import-dialog.h"

#include <glib/gi18n.h>

#include "tess-application.h"
#include "tess-curl.h"
#include "tess-error.h"
#include "tess-json-file.h"
#include "tess-postman.h"

struct _TessImportDialog
{
  AdwMessageDialog parent_instance;

  TessWindow *window;            /* weak: the dialog is transient for it */
  GtkWidget *text_view;
  GtkWidget *target_box;
  GtkWidget *target_dropdown;
  GtkWidget *problem_label;
  GtkStringList *targets;
  char *problem;
  JsonNode *json;                /* the parsed text, when it is JSON */
  TessItem *request;             /* the parsed text, when it is a curl command */
  /* Long text is checked in a worker, one check at a time. */
  GCancellable *check_cancellable; /* the running check, whether or not still wanted */
  guint check_generation;        /* counts the changes of the text */
  gboolean checking;             /* the text as it is now awaits its check */
};

/* Up to this much text the check runs on the main loop as the person types:
 * the feedback is instant, and parsing text of this size takes well under a
 * frame. Longer text (a pasted Postman export runs to megabytes) is checked
 * in a worker so the window keeps drawing. In characters, which GTK counts
 * without copying the text. */
#define SYNC_CHECK_MAX_CHARS (64 * 1024)

/* What a check of the text found. Built on the main loop or in a worker,
 * from nothing but a copy of the text. */
typedef struct {
  char *problem;                 /* NULL when the text can be imported */
  JsonNode *json;
  TessItem *request;
  gboolean blank;                /* nothing pasted yet: no problem to show */
  gboolean json_text;            /* the text is meant as JSON, valid or not */
} CheckResult;

/* Who waits for a worker's check: the main loop only. */
typedef struct {
  GWeakRef dialog;
  guint generation;
} CheckCaller;

static void start_check (TessImportDialog *self);

G_DEFINE_FINAL_TYPE (TessImportDialog, tess_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

static TessWorkspace *
get_workspace (TessImportDialog *self)
{
  GtkApplication *app = self->window ? gtk_window_get_application (GTK_WINDOW (self->window)) : NULL;

  return TESS_IS_APPLICATION (app) ? tess_application_get_workspace (TESS_APPLICATION (app)) : NULL;
}

static char *
dup_text (TessImportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Postman files are JSON objects; a curl command never starts with a brace. */
static gboolean
looks_like_json (const char *text)
{
  return text[0] == '{' || text[0] == '[';
}

static void
free_json_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  json_node_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Freeing the tree of a pasted export takes about as long as parsing it
 * (tens of milliseconds a megabyte): trees go to a worker to be freed. */
static void
free_json_off_main_loop (JsonNode *node)
{
  g_autoptr(GTask) task = NULL;

  if (node == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, free_json_off_main_loop);
  g_task_set_task_data (task, node, NULL);
  g_task_run_in_thread (task, free_json_thread);
}

static void
check_result_free (CheckResult *result)
{
  g_free (result->problem);
  free_json_off_main_loop (g_steal_pointer (&result->json));
  g_clear_object (&result->request);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckResult, check_result_free)

/* looks_like_json() without copying the text out of @buffer. */
static gboolean
buffer_looks_like_json (GtkTextBuffer *buffer)
{
  GtkTextIter iter;
  gunichar c;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while ((c = gtk_text_iter_get_char (&iter)) < 0x80 && g_ascii_isspace (c) &&
         gtk_text_iter_forward_char (&iter))
    ;
  return c == '{' || c == '[';
}

/* Strips and checks @text in place. Runs in a worker too, so it touches
 * nothing but @text. */
static CheckResult *
check_text (char *text)
{
  CheckResult *result = g_new0 (CheckResult, 1);
  g_autoptr(GError) error = NULL;
  const char *stripped = g_strstrip (text);

  result->blank = *stripped == '\0';
  result->json_text = looks_like_json (stripped);
  if (result->blank)
    result->problem = g_strdup (_("Paste a curl command or Postman JSON"));
  else if (result->json_text)
    {
      result->json = tess_json_parse_text (stripped, -1, _("pasted text"), &error);
      if (result->json == NULL)
        result->problem = g_strdup (error->message);
      else if (tess_postman_detect_kind (result->json) == TESS_POSTMAN_UNKNOWN)
        result->problem = g_strdup (_("The pasted JSON is not a Postman collection, environment or globals file"));
    }
  else if ((result->request = tess_curl_import (stripped, &error)) == NULL)
    result->problem = g_strdup (error->message);
  return result;
}

/* Shows what a check found, whether it ran here or in a worker; takes
 * @result. */
static void
apply_check (TessImportDialog *self,
             CheckResult      *result)
{
  gboolean show_problem = result->problem != NULL && !result->blank;

  g_clear_pointer (&self->problem, g_free);
  free_json_off_main_loop (g_steal_pointer (&self->json));
  g_clear_object (&self->request);
  self->problem = g_steal_pointer (&result->problem);
  self->json = g_steal_pointer (&result->json);
  self->request = g_steal_pointer (&result->request);

  gtk_label_set_label (GTK_LABEL (self->problem_label), show_problem ? self->problem : "");
  gtk_widget_set_visible (self->problem_label, show_problem);
  /* A check under way is no fault of the text. */
  if (self->checking)
    {
      gtk_widget_remove_css_class (self->problem_label, "error");
      gtk_widget_add_css_class (self->problem_label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->problem_label, "dim-label");
      gtk_widget_add_css_class (self->problem_label, "error");
    }
  /* Only a request goes into a chosen collection. */
  gtk_widget_set_visible (self->target_box, !result->json_text);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "import", self->problem == NULL);
  check_result_free (result);
}

/* Until the check ends there is nothing to import, and the problem says so. */
static void
show_checking (TessImportDialog *self,
               gboolean          json_text)
{
  CheckResult *result = g_new0 (CheckResult, 1);

  result->problem = g_strdup (_("Checking the pasted text…"));
  result->json_text = json_text;
  apply_check (self, result);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  /* The pool is shared: a check can wait there until the text has changed
   * again. */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, check_text (task_data), (GDestroyNotify) check_result_free);
}

static void
check_caller_free (CheckCaller *caller)
{
  g_weak_ref_clear (&caller->dialog);
  g_free (caller);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *task,
               gpointer      user_data)
{
  CheckCaller *caller = user_data;
  g_autoptr(TessImportDialog) self = g_weak_ref_get (&caller->dialog);
  guint generation = caller->generation;
  /* NULL when the check was cancelled before it began. */
  g_autoptr(CheckResult) result = g_task_propagate_pointer (G_TASK (task), NULL);

  check_caller_free (caller);
  if (self == NULL)
    return;
  /* One check runs at a time, so this was it (unless dispose cleared it). */
  g_clear_object (&self->check_cancellable);
  /* A result is for the text as it was when the check began: if the text
   * has changed since, even a check that ended before the change is of no
   * use. The newest text, if it is long, waited for this check to end. */
  if (generation == self->check_generation && result != NULL)
    {
      self->checking = FALSE;
      apply_check (self, g_steal_pointer (&result));
    }
  else if (self->checking)
    start_check (self);
}

/* The worker gets its own copy of the text and never sees the dialog. One
 * check runs at a time: a parse cannot be stopped halfway, and stacking
 * them up as the person types would only slow down the one that matters. */
static void
start_check (TessImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  CheckCaller *caller = g_new0 (CheckCaller, 1);

  g_weak_ref_init (&caller->dialog, self);
  caller->generation = self->check_generation;
  self->check_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->check_cancellable, check_done_cb, caller);
  g_task_set_source_tag (task, start_check);
  g_task_set_name (task, "[tessera] check pasted text");
  /* Whether the result is stale is the generation's call, and a result
   * that came too late is freed off the main loop by check_result_free. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, dup_text (self), g_free);
  g_task_run_in_thread (task, check_thread);
}

/* Checking as the person types tells what is wrong while they can still fix
 * it, and keeps Import off until there is something to import. */
static void
text_changed_cb (GtkTextBuffer    *buffer,
                 TessImportDialog *self)
{
  /* Whatever is being checked is about an older text now. */
  self->check_generation++;
  g_cancellable_cancel (self->check_cancellable);
  if (gtk_text_buffer_get_char_count (buffer) <= SYNC_CHECK_MAX_CHARS)
    {
      g_autofree char *text = dup_text (self);

      self->checking = FALSE;
      apply_check (self, check_text (text));
      return;
    }

  self->checking = TRUE;
  show_checking (self, buffer_looks_like_json (buffer));
  if (self->check_cancellable == NULL)
    start_check (self);
}

typedef struct {
  TessWindow *window;           /* weak */
  TessItem *collection;
  TessItem *item;
} CurlSave;

static void
curl_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CurlSave *save = user_data;
  g_autoptr(GError) error = NULL;

  /* Not written: not there either, and the person is told why. */
  if (!tess_workspace_save_collection_finish (TESS_WORKSPACE (source), result, &error))
    {
      tess_item_remove (save->collection, save->item);
      if (save->window != NULL)
        tess_window_add_toast (save->window, error->message);
    }
  g_clear_weak_pointer (&save->window);
  g_object_unref (save->collection);
  g_object_unref (save->item);
  g_free (save);
}

/* The request opens at once; its collection, which can be large, is written
 * off the main loop. */
static TessItem *
import_curl (TessImportDialog *self,
             TessWorkspace    *workspace)
{
  /* Parsed as it was typed; it goes into a collection once. */
  g_autoptr(TessItem) item = g_steal_pointer (&self->request);
  g_autoptr(TessItem) collection = NULL;
  CurlSave *save;
  guint target;

  target = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->target_dropdown));
  if (target == 0 || target == GTK_INVALID_LIST_POSITION)
    collection = tess_item_new (TESS_ITEM_COLLECTION, _("Imported Requests"));
  else
    collection = g_list_model_get_item (tess_workspace_get_collections (workspace), target - 1);
  g_return_val_if_fail (TESS_IS_ITEM (collection), NULL);

  tess_item_append (collection, item);
  save = g_new0 (CurlSave, 1);
  g_set_weak_pointer (&save->window, self->window);
  save->collection = g_object_ref (collection);
  save->item = g_object_ref (item);
  tess_workspace_save_collection_async (workspace, collection, NULL, curl_saved_cb, save);
  tess_window_open_item (self->window, item);
  return item;
}

static void
json_imported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessImportDialog *self = g_task_get_source_object (task);
  GError *error = NULL;
  GObject *imported = tess_workspace_import_json_finish (TESS_WORKSPACE (source), result, &error);

  if (imported == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->window != NULL)
    tess_window_show_imported (self->window, imported);
  g_task_return_pointer (task, imported, NULL);
}

void
tess_import_dialog_import_async (TessImportDialog    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TessWorkspace *workspace;

  g_return_if_fail (TESS_IS_IMPORT_DIALOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_import_dialog_import_async);
  workspace = get_workspace (self);
  if (workspace == NULL)
    g_task_return_new_error (task, TESS_ERROR, TESS_ERROR_INVALID,
                             _("Nothing can be imported: the window has no workspace"));
  else if (self->checking)
    g_task_return_new_error (task, TESS_ERROR, TESS_ERROR_INVALID,
                             _("Nothing can be imported yet: the pasted text is still being checked"));
  else if (self->problem != NULL)
    g_task_return_new_error (task, TESS_ERROR, TESS_ERROR_INVALID, "%s", self->problem);
  else if (self->request != NULL)
    g_task_return_pointer (task, import_curl (self, workspace), NULL);
  else if (self->json != NULL)
    /* Modelled and written off the main loop; the worker takes the parsed
     * text (pasting it again parses it again). */
    tess_workspace_import_json_async (workspace, g_steal_pointer (&self->json), _("pasted text"),
                                      cancellable, json_imported_cb, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, TESS_ERROR, TESS_ERROR_INVALID,
                             _("Paste a curl command or Postman JSON"));
}

GObject *
tess_import_dialog_import_finish (TessImportDialog  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tess_import_dialog_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TessWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (tess_import_dialog_import_finish (TESS_IMPORT_DIALOG (source), result, &error) == NULL)
    tess_window_add_toast (window, error->message);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             TessImportDialog *self)
{
  if (self->window == NULL)
    return;
  if (g_str_equal (response, "files"))
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.import", NULL);
  else if (g_str_equal (response, "import"))
    tess_import_dialog_import_async (self, NULL, imported_cb, g_object_ref (self->window));
}

static void
tess_import_dialog_dispose (GObject *object)
{
  TessImportDialog *self = TESS_IMPORT_DIALOG (object);

  /* The worker's result, when it comes, finds no one waiting for it. */
  self->check_generation++;
  self->checking = FALSE;
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  G_OBJECT_CLASS (tess_import_dialog_parent_class)->dispose (object);
}

static void
tess_import_dialog_finalize (GObject *object)
{
  TessImportDialog *self = TESS_IMPORT_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->targets);
  free_json_off_main_loop (g_steal_pointer (&self->json));
  g_clear_object (&self->request);
  g_free (self->problem);
  G_OBJECT_CLASS (tess_import_dialog_parent_class)->finalize (object);
}

static void
tess_import_dialog_class_init (TessImportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tess_import_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = tess_import_dialog_finalize;
}

static void
tess_import_dialog_init (TessImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *target_label = gtk_label_new_with_mnemonic (_("Add _to"));
  GtkTextBuffer *buffer;

  self->text_view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->text_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->text_view), GTK_WRAP_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text to import"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->text_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_widget_add_css_class (self->problem_label, "error");
  gtk_box_append (GTK_BOX (box), self->problem_label);

  self->target_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->targets = gtk_string_list_new (NULL);
  self->target_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->targets)), NULL);
  gtk_widget_set_hexpand (self->target_dropdown, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (target_label), self->target_dropdown);
  gtk_box_append (GTK_BOX (self->target_box), target_label);
  gtk_box_append (GTK_BOX (self->target_box), self->target_dropdown);
  gtk_box_append (GTK_BOX (box), self->target_box);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Import"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Paste a curl command (such as a browser’s “Copy as cURL”) or the "
                                 "JSON of a Postman collection, environment or globals file, or choose files."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "files", _("Choose _Files…"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  g_signal_connect (self, "response", G_CALLBACK (response_cb), self);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  g_signal_connect (buffer, "changed", G_CALLBACK (text_changed_cb), self);
  text_changed_cb (buffer, self);
}

GtkWidget *
tess_import_dialog_new (TessWindow *window)
{
  TessImportDialog *self;
  TessWorkspace *workspace;

  g_return_val_if_fail (TESS_IS_WINDOW (window), NULL);

  self = g_object_new (TESS_TYPE_IMPORT_DIALOG,
                       "transient-for", window, "modal", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  gtk_string_list_append (self->targets, _("New Collection"));
  workspace = get_workspace (self);
  if (workspace != NULL)
    {
      GListModel *collections = tess_workspace_get_collections (workspace);

      for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
        {
          g_autoptr(TessItem) collection = g_list_model_get_item (collections, i);

          gtk_string_list_append (self->targets, tess_item_get_name (collection));
        }
    }
  return GTK_WIDGET (self);
}

void
tess_import_dialog_set_text (TessImportDialog *self,
                             const char       *text)
{
  g_return_if_fail (TESS_IS_IMPORT_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), text, -1);
}

void
tess_import_dialog_set_target (TessImportDialog *self,
                               guint             position)
{
  g_return_if_fail (TESS_IS_IMPORT_DIALOG (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->target_dropdown), position);
}

const char *
tess_import_dialog_get_problem (TessImportDialog *self)
{
  g_return_val_if_fail (TESS_IS_IMPORT_DIALOG (self), NULL);
  return self->problem;
}

gboolean
tess_import_dialog_get_checking (TessImportDialog *self)
{
  g_return_val_if_fail (TESS_IS_IMPORT_DIALOG (self), FALSE);
  return self->checking;
}

gboolean
tess_import_dialog_get_is_json (TessImportDialog *self)
{
  g_return_val_if_fail (TESS_IS_IMPORT_DIALOG (self), FALSE);
  return self->json != NULL;
}

static void
import_dialog_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TessWindow *window = TESS_WINDOW (user_data);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  if (TESS_IS_APPLICATION (app) && tess_application_get_loading (TESS_APPLICATION (app)))
    return;
  gtk_window_present (GTK_WINDOW (tess_import_dialog_new (window)));
}

void
tess_import_dialog_install (TessWindow *window)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("import-dialog", NULL);

  g_return_if_fail (TESS_IS_WINDOW (window));
  g_signal_connect_object (action, "activate", G_CALLBACK (import_dialog_action), window, 0);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
}
