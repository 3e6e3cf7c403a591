#include "tess-response-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>

#include "tess-prepared-request.h"
#include "tess-ui-util.h"

/* More than this is not put in the text view: it would stall it. */
#define DISPLAY_LIMIT (2 * 1024 * 1024)

struct _TessResponseView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *meta_bar;
  GtkWidget *status_label;
  GtkWidget *time_label;
  GtkWidget *size_label;
  GtkWidget *stack;
  GtkWidget *detail_stack;
  GtkWidget *empty_page;
  GtkWidget *error_page;
  GtkWidget *body_view;
  GtkWidget *headers_list;

  GCancellable *format_cancellable;
  gboolean body_ready;
};

G_DEFINE_FINAL_TYPE (TessResponseView, tess_response_view, GTK_TYPE_WIDGET)

typedef struct {
  GBytes *body;
  char *body_file;
  char *content_type;
} FormatInput;

typedef struct {
  char *text;
  const char *language;
} FormatOutput;

static void
format_input_free (FormatInput *input)
{
  g_clear_pointer (&input->body, g_bytes_unref);
  g_free (input->body_file);
  g_free (input->content_type);
  g_free (input);
}

static void
format_output_free (FormatOutput *output)
{
  g_free (output->text);
  g_free (output);
}

static char *
pretty_json (const char *text,
             gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;

  if (!json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/* Runs in a worker thread: reading a spooled body and re-indenting JSON can
 * take long enough to be felt. */
static void
format_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FormatInput *input = task_data;
  FormatOutput *output = g_new0 (FormatOutput, 1);
  g_autoptr(GBytes) bytes = input->body ? g_bytes_ref (input->body) : NULL;
  const char *data;
  gsize length;
  gboolean truncated = FALSE;

  if (bytes == NULL && input->body_file != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (input->body_file);
      g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &error);

      if (stream != NULL)
        bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), DISPLAY_LIMIT + 1, cancellable, &error);
      if (bytes == NULL)
        {
          output->text = g_strdup_printf (_("The body could not be read: %s"), error->message);
          g_task_return_pointer (task, output, (GDestroyNotify) format_output_free);
          return;
        }
    }
  if (bytes == NULL)
    bytes = g_bytes_new_static ("", 0);

  data = g_bytes_get_data (bytes, &length);
  if (length > DISPLAY_LIMIT)
    {
      length = DISPLAY_LIMIT;
      truncated = TRUE;
    }
  output->language = tess_source_language_for (input->content_type);

  if (!g_utf8_validate_len (data, length, NULL) && !truncated)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (bytes));

      output->text = g_strdup_printf (_("Binary body of %s, not shown"), size);
    }
  else if (g_strcmp0 (output->language, "json") == 0 && !truncated &&
           (output->text = pretty_json (data, length)) != NULL)
    ;
  else
    {
      const char *end = NULL;

      /* A cut may split a character: show up to the last whole one. */
      g_utf8_validate_len (data, length, &end);
      output->text = g_strndup (data, end - data);
      if (truncated)
        {
          char *shown = g_strconcat (output->text, "\n\n", _("(The rest of the body is not shown.)"), NULL);
          g_free (output->text);
          output->text = shown;
        }
    }
  g_task_return_pointer (task, output, (GDestroyNotify) format_output_free);
}

static void
format_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  FormatOutput *output = g_task_propagate_pointer (G_TASK (result), &error);
  TessResponseView *self;
  GtkSourceBuffer *buffer;

  if (output == NULL)
    return;   /* cancelled: a newer response replaced this one */
  self = TESS_RESPONSE_VIEW (source);
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  tess_source_buffer_set_language_id (buffer, output->language);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), output->text, -1);
  self->body_ready = TRUE;
  format_output_free (output);
}

static GtkWidget *
header_row (const char *name,
            const char *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_label_set_selectable (GTK_LABEL (name_label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (name_label), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 28);
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (name_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_widget_add_css_class (value_label, "monospace");
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
tess_response_view_dispose (GObject *object)
{
  TessResponseView *self = TESS_RESPONSE_VIEW (object);

  g_cancellable_cancel (self->format_cancellable);
  g_clear_object (&self->format_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_RESPONSE_VIEW);
  G_OBJECT_CLASS (tess_response_view_parent_class)->dispose (object);
}

static void
tess_response_view_class_init (TessResponseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_response_view_dispose;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tessera/Tessera/tess-response-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, box);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, meta_bar);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, status_label);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, time_label);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, size_label);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, stack);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, error_page);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, body_view);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, headers_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "responseview");
}

static void
tess_response_view_init (TessResponseView *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  tess_source_buffer_follow_style (GTK_SOURCE_BUFFER (buffer));
}

GtkWidget *
tess_response_view_new (void)
{
  return g_object_new (TESS_TYPE_RESPONSE_VIEW, NULL);
}

static void
cancel_format (TessResponseView *self)
{
  g_cancellable_cancel (self->format_cancellable);
  g_clear_object (&self->format_cancellable);
  self->body_ready = FALSE;
}

void
tess_response_view_clear (TessResponseView *self)
{
  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));

  cancel_format (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), "", 0);
  tess_list_box_remove_all (GTK_LIST_BOX (self->headers_list));
  gtk_label_set_label (GTK_LABEL (self->status_label), "");
  gtk_widget_set_visible (self->meta_bar, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

void
tess_response_view_show_error (TessResponseView *self,
                               const char       *title,
                               const char       *message)
{
  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));

  tess_response_view_clear (self);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->error_page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), message);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "error");
}

void
tess_response_view_show_exchange (TessResponseView *self,
                                  TessExchange     *exchange)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *status = NULL;
  g_autofree char *time = NULL;
  g_autofree char *size = NULL;
  FormatInput *input;

  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));
  g_return_if_fail (exchange != NULL);

  if (exchange->status == 0)
    {
      tess_response_view_show_error (self, _("Could Not Send the Request"),
                                     exchange->error ? exchange->error->message
                                                     : _("No response was received"));
      return;
    }

  tess_response_view_clear (self);
  status = g_strdup_printf ("%u %s", exchange->status, exchange->reason ? exchange->reason : "");
  g_strchomp (status);
  gtk_label_set_label (GTK_LABEL (self->status_label), status);
  tess_widget_set_status_class (self->status_label, exchange->status);
  gtk_widget_set_tooltip_text (self->status_label,
                               exchange->error ? exchange->error->message : exchange->http_version);
  time = tess_format_duration (exchange->timings.total);
  gtk_label_set_label (GTK_LABEL (self->time_label), time);
  size = tess_format_size (exchange->body_size);
  gtk_label_set_label (GTK_LABEL (self->size_label), size);
  gtk_widget_set_visible (self->meta_bar, TRUE);

  if (exchange->response_headers != NULL)
    for (guint i = 0; i < exchange->response_headers->len; i++)
      {
        TessParam *header = g_ptr_array_index (exchange->response_headers, i);

        gtk_list_box_append (GTK_LIST_BOX (self->headers_list),
                             header_row (header->name, header->value ? header->value : ""));
      }

  input = g_new0 (FormatInput, 1);
  input->body = exchange->body ? g_bytes_ref (exchange->body) : NULL;
  input->body_file = g_strdup (exchange->body_file);
  input->content_type = g_strdup (exchange->content_type);
  self->format_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->format_cancellable, format_done_cb, NULL);
  g_task_set_source_tag (task, tess_response_view_show_exchange);
  g_task_set_task_data (task, input, (GDestroyNotify) format_input_free);
  g_task_run_in_thread (task, format_thread);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "response");
}

const char *
tess_response_view_get_status_text (TessResponseView *self)
{
  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->status_label));
}

char *
tess_response_view_dup_body_text (TessResponseView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), NULL);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
tess_response_view_get_body_ready (TessResponseView *self)
{
  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), FALSE);
  return self->body_ready;
}
