#include "tess-response-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>

#include "tess-error.h"
#include "tess-markup-format.h"
#include "tess-prepared-request.h"
#include "tess-soup.h"
#include "tess-ui-util.h"

/* More than this is not put in the text view: GtkTextView lays out whole
 * lines, and megabytes of text make scrolling and searching sluggish. */
#define DISPLAY_LIMIT (2 * 1024 * 1024)
/* Above this a body is shown raw without highlighting: formatting and
 * highlighting tens of megabytes takes seconds even off the main loop. */
#define HUGE_LIMIT (8 * 1024 * 1024)
/* Text goes into the buffer this much per main-loop turn, so that a large
 * body never holds the loop long enough to drop frames. */
#define CHUNK_SIZE (64 * 1024)
/* Lines longer than this are cut in the display: GtkTextView lays out a
 * line at once, and a line of megabytes takes seconds on the main thread. */
#define HUGE_LINE_LIMIT (16 * 1024)
/* Images larger than this are not decoded for the preview. */
#define PREVIEW_LIMIT (64 * 1024 * 1024)

typedef enum {
  MODE_PRETTY,
  MODE_RAW,
  MODE_PREVIEW,
} BodyMode;

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
  GtkWidget *body_stack;
  GtkWidget *body_note;
  GtkWidget *preview_picture;
  GtkWidget *pretty_button;
  GtkWidget *raw_button;
  GtkWidget *preview_button;
  GtkWidget *search_button;
  GtkWidget *search_bar;
  GtkWidget *search_entry;
  GtkWidget *search_prev_button;
  GtkWidget *search_next_button;
  GtkWidget *search_count_label;
  GtkWidget *headers_list;
  GtkWidget *cookies_list;
  GtkWidget *timings_list;

  GtkSourceSearchContext *search;
  GCancellable *format_cancellable;
  GCancellable *io_cancellable;
  GtkFileChooserNative *chooser;

  /* The body of the exchange shown. body_file belongs to the exchange: the
   * request page keeps the exchange alive while it is shown. */
  GBytes *body;
  char *body_file;
  char *content_type;
  gint64 body_size;
  BodyMode mode;
  gboolean syncing_mode;

  /* Text waiting to go into the buffer, CHUNK_SIZE at a time. */
  char *pending_text;
  gsize pending_offset;
  gsize pending_length;
  guint chunk_id;

  gboolean body_ready;
  gboolean searchable;
};

G_DEFINE_FINAL_TYPE (TessResponseView, tess_response_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCHABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  GBytes *body;
  char *body_file;
  char *content_type;
  gint64 body_size;
  BodyMode mode;
} FormatInput;

typedef struct {
  char *text;
  const char *language;
  char *note;
  GdkTexture *texture;
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
  g_free (output->note);
  g_clear_object (&output->texture);
  g_free (output);
}

static gboolean
is_image_type (const char *content_type)
{
  return content_type != NULL && g_ascii_strncasecmp (content_type, "image/", 6) == 0;
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

/* The first @limit bytes of the body (all of it when @limit is -1). */
static GBytes *
read_body (FormatInput   *input,
           gssize         limit,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  if (input->body != NULL)
    return g_bytes_ref (input->body);
  if (input->body_file == NULL)
    return g_bytes_new_static ("", 0);
  file = g_file_new_for_path (input->body_file);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  return g_input_stream_read_bytes (G_INPUT_STREAM (stream),
                                    limit < 0 ? (gsize) MAX (input->body_size, 0) + 1 : (gsize) limit,
                                    cancellable, error);
}

/* Cuts lines longer than HUGE_LINE_LIMIT, marking each cut with '…'. */
static char *
cut_long_lines (const char *text,
                gsize       length,
                gboolean   *cut_any)
{
  GString *out = g_string_sized_new (length);
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;

      if ((gsize) (line_end - p) > HUGE_LINE_LIMIT)
        {
          const char *cut = g_utf8_find_prev_char (p, p + HUGE_LINE_LIMIT);

          g_string_append_len (out, p, (cut ? cut : p + HUGE_LINE_LIMIT) - p);
          g_string_append (out, "…");
          *cut_any = TRUE;
        }
      else
        g_string_append_len (out, p, line_end - p);
      if (nl != NULL)
        g_string_append_c (out, '\n');
      p = nl ? nl + 1 : end;
    }
  return g_string_free (out, FALSE);
}

/* Runs in a worker thread: reading a spooled body, re-indenting it and
 * decoding an image all take long enough to be felt. */
static void
format_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FormatInput *input = task_data;
  FormatOutput *output = g_new0 (FormatOutput, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean huge = input->body_size > HUGE_LIMIT;
  gboolean truncated = FALSE;
  gboolean binary;
  gboolean cut = FALSE;
  g_autofree char *formatted = NULL;
  const char *data;
  gsize length;

  if (input->mode == MODE_PREVIEW)
    {
      bytes = input->body_size <= PREVIEW_LIMIT ? read_body (input, -1, cancellable, &error) : NULL;
      if (bytes != NULL)
        output->texture = gdk_texture_new_from_bytes (bytes, &error);
      if (output->texture == NULL)
        output->note = g_strdup_printf (_("The image could not be shown: %s"),
                                        error ? error->message : _("it is too large"));
      g_task_return_pointer (task, output, (GDestroyNotify) format_output_free);
      return;
    }

  /* Pretty needs the whole body; raw only what is shown. */
  bytes = read_body (input, input->mode == MODE_PRETTY && !huge ? -1 : DISPLAY_LIMIT + 1,
                     cancellable, &error);
  if (bytes == NULL)
    {
      output->text = g_strdup_printf (_("The body could not be read: %s"), error->message);
      g_task_return_pointer (task, output, (GDestroyNotify) format_output_free);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";
  if (length > DISPLAY_LIMIT)
    truncated = TRUE;

  {
    gsize shown = MIN (length, DISPLAY_LIMIT);
    const char *valid_end = NULL;

    /* A cut at DISPLAY_LIMIT may split a character of up to four bytes. */
    g_utf8_validate_len (data, shown, &valid_end);
    binary = truncated ? (gsize) (valid_end - data) + 3 < shown : (gsize) (valid_end - data) != shown;
  }
  if (binary)
    {
      g_autofree char *size = g_format_size (input->body_size);

      output->text = g_strdup_printf (_("Binary body of %s, not shown"), size);
      g_task_return_pointer (task, output, (GDestroyNotify) format_output_free);
      return;
    }

  if (huge)
    output->note = g_strdup (_("Large body: shown raw, without highlighting"));
  else
    output->language = tess_source_language_for (input->content_type);

  if (input->mode == MODE_PRETTY && !huge && output->language != NULL)
    {
      if (g_str_equal (output->language, "json"))
        formatted = pretty_json (data, length);
      else if (g_str_equal (output->language, "xml") || g_str_equal (output->language, "html"))
        formatted = tess_markup_format (data, length, g_str_equal (output->language, "html"));
      if (formatted != NULL)
        {
          data = formatted;
          length = strlen (formatted);
          truncated = length > DISPLAY_LIMIT;
        }
    }
  if (input->mode == MODE_RAW && !huge)
    output->language = NULL;

  {
    const char *end = NULL;

    /* A cut may split a character: show up to the last whole one. */
    g_utf8_validate_len (data, MIN (length, DISPLAY_LIMIT), &end);
    output->text = cut_long_lines (data, end - data, &cut);
  }
  if (cut && !truncated)
    {
      g_free (output->note);
      output->note = g_strdup (_("Very long lines are cut here: save or copy the body to see all of it"));
    }
  if (truncated)
    {
      g_autofree char *shown = g_format_size (DISPLAY_LIMIT);
      char *note = g_strdup_printf (_("Only the first %s are shown: save the body to see all of it"), shown);

      g_free (output->note);
      output->note = note;
    }
  g_task_return_pointer (task, output, (GDestroyNotify) format_output_free);
}

/* Text can be searched while a response is shown and its body is not an
 * image preview: there is nothing to find in a picture. */
static void
update_searchable (TessResponseView *self)
{
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
  gboolean searchable = g_strcmp0 (page, "response") == 0 && self->mode != MODE_PREVIEW;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.search", searchable);
  if (self->searchable == searchable)
    return;
  self->searchable = searchable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHABLE]);
}

static void
cancel_chunks (TessResponseView *self)
{
  g_clear_handle_id (&self->chunk_id, g_source_remove);
  g_clear_pointer (&self->pending_text, g_free);
  self->pending_offset = self->pending_length = 0;
}

static void
update_search_count (TessResponseView *self)
{
  int count = gtk_source_search_context_get_occurrences_count (self->search);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *text = NULL;

  if (query == NULL || *query == '\0')
    text = g_strdup ("");
  else if (count < 0)
    text = g_strdup ("…");
  else
    /* Translators: how many times the searched text occurs in the body */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);
  gtk_label_set_label (GTK_LABEL (self->search_count_label), text);
}

static gboolean
insert_chunk_cb (gpointer user_data)
{
  TessResponseView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  GtkTextIter end;
  gsize left = self->pending_length - self->pending_offset;
  gsize size = MIN (left, CHUNK_SIZE);
  const char *start = self->pending_text + self->pending_offset;

  /* Never split a character between two chunks. */
  if (size < left)
    {
      const char *cut = start + size;

      while (cut > start && ((guchar) *cut & 0xC0) == 0x80)
        cut--;
      size = cut - start;
    }
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, start, size);
  self->pending_offset += size;
  if (self->pending_offset < self->pending_length)
    return G_SOURCE_CONTINUE;

  self->chunk_id = 0;
  g_clear_pointer (&self->pending_text, g_free);
  self->body_ready = TRUE;
  return G_SOURCE_REMOVE;
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
    return;   /* cancelled: a newer response or mode replaced this one */
  self = TESS_RESPONSE_VIEW (source);
  gtk_label_set_label (GTK_LABEL (self->body_note), output->note ? output->note : "");
  gtk_widget_set_tooltip_text (self->body_note, output->note);

  if (self->mode == MODE_PREVIEW)
    {
      gtk_picture_set_paintable (GTK_PICTURE (self->preview_picture), GDK_PAINTABLE (output->texture));
      gtk_stack_set_visible_child_name (GTK_STACK (self->body_stack), "preview");
      self->body_ready = TRUE;
      format_output_free (output);
      return;
    }

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  gtk_source_buffer_set_highlight_syntax (buffer, output->language != NULL);
  tess_source_buffer_set_language_id (buffer, output->language);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), "", 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->body_stack), "text");
  self->pending_text = g_steal_pointer (&output->text);
  self->pending_length = strlen (self->pending_text);
  self->pending_offset = 0;
  format_output_free (output);
  if (insert_chunk_cb (self) == G_SOURCE_CONTINUE)
    self->chunk_id = g_idle_add_full (G_PRIORITY_LOW, insert_chunk_cb, self, NULL);
}

static void
start_format (TessResponseView *self)
{
  g_autoptr(GTask) task = NULL;
  FormatInput *input;

  g_cancellable_cancel (self->format_cancellable);
  g_clear_object (&self->format_cancellable);
  cancel_chunks (self);
  self->body_ready = FALSE;

  input = g_new0 (FormatInput, 1);
  input->body = self->body ? g_bytes_ref (self->body) : NULL;
  input->body_file = g_strdup (self->body_file);
  input->content_type = g_strdup (self->content_type);
  input->body_size = self->body_size;
  input->mode = self->mode;
  self->format_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->format_cancellable, format_done_cb, NULL);
  g_task_set_source_tag (task, start_format);
  g_task_set_task_data (task, input, (GDestroyNotify) format_input_free);
  g_task_run_in_thread (task, format_thread);
}

static void
mode_toggled_cb (GtkToggleButton  *button,
                 TessResponseView *self)
{
  BodyMode mode;

  if (!gtk_toggle_button_get_active (button) || self->syncing_mode)
    return;
  if (GTK_WIDGET (button) == self->raw_button)
    mode = MODE_RAW;
  else if (GTK_WIDGET (button) == self->preview_button)
    mode = MODE_PREVIEW;
  else
    mode = MODE_PRETTY;
  if (mode == self->mode)
    return;
  self->mode = mode;
  update_searchable (self);
  if (gtk_widget_get_visible (self->meta_bar))
    start_format (self);
}

static void
set_mode (TessResponseView *self,
          BodyMode          mode)
{
  GtkWidget *buttons[] = { self->pretty_button, self->raw_button, self->preview_button };

  self->mode = mode;
  self->syncing_mode = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (buttons[mode]), TRUE);
  self->syncing_mode = FALSE;
  update_searchable (self);
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
set_page_count (TessResponseView *self,
                const char       *name,
                const char       *title,
                guint             count)
{
  GtkWidget *child = gtk_stack_get_child_by_name (GTK_STACK (self->detail_stack), name);
  g_autofree char *text = NULL;

  /* Translators: a response page title and how many items it lists, e.g. "Headers (12)" */
  text = count > 0 ? g_strdup_printf (C_("page with count", "%s (%u)"), title, count) : g_strdup (title);
  gtk_stack_page_set_title (gtk_stack_get_page (GTK_STACK (self->detail_stack), child), text);
}

/* Set-Cookie headers as a list: name and value, then what scopes the cookie. */
static guint
fill_cookies (TessResponseView *self,
              TessExchange     *exchange)
{
  g_autoptr(GUri) origin = NULL;
  guint count = 0;

  if (exchange->request != NULL && exchange->request->url != NULL)
    origin = g_uri_parse (exchange->request->url, G_URI_FLAGS_NONE, NULL);
  for (guint i = 0; exchange->response_headers != NULL && i < exchange->response_headers->len; i++)
    {
      TessParam *header = g_ptr_array_index (exchange->response_headers, i);
      g_autoptr(GString) details = NULL;
      SoupCookie *cookie;
      GDateTime *expires;

      if (g_ascii_strcasecmp (header->name, "Set-Cookie") != 0 || header->value == NULL)
        continue;
      cookie = soup_cookie_parse (header->value, origin);
      if (cookie == NULL)
        {
          gtk_list_box_append (GTK_LIST_BOX (self->cookies_list),
                               header_row (_("(not understood)"), header->value));
          count++;
          continue;
        }
      details = g_string_new (soup_cookie_get_value (cookie));
      g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Domain: %s"),
                              soup_cookie_get_domain (cookie) ? soup_cookie_get_domain (cookie) : "—");
      g_string_append (details, "  ");
      g_string_append_printf (details, _("Path: %s"),
                              soup_cookie_get_path (cookie) ? soup_cookie_get_path (cookie) : "/");
      g_string_append (details, "  ");
      expires = soup_cookie_get_expires (cookie);
      if (expires != NULL)
        {
          g_autofree char *date = g_date_time_format (expires, "%Y-%m-%d %H:%M:%S %Z");
          g_string_append_printf (details, _("Expires: %s"), date);
        }
      else
        g_string_append (details, _("Expires: end of session"));
      if (soup_cookie_get_secure (cookie))
        g_string_append (details, "  Secure");
      if (soup_cookie_get_http_only (cookie))
        g_string_append (details, "  HttpOnly");
      switch (soup_cookie_get_same_site_policy (cookie))
        {
        case SOUP_SAME_SITE_POLICY_STRICT: g_string_append (details, "  SameSite=Strict"); break;
        case SOUP_SAME_SITE_POLICY_LAX: g_string_append (details, "  SameSite=Lax"); break;
        case SOUP_SAME_SITE_POLICY_NONE:
        default: break;
        }
      gtk_list_box_append (GTK_LIST_BOX (self->cookies_list),
                           header_row (soup_cookie_get_name (cookie), details->str));
      soup_cookie_free (cookie);
      count++;
    }
  return count;
}

static GtkWidget *
timing_row (const char *name,
            gint64      usec,
            gint64      total)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  g_autofree char *text = usec >= 0 ? tess_format_duration (usec) : g_strdup (_("not measured"));
  GtkWidget *value_label = gtk_label_new (text);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_width_chars (GTK_LABEL (name_label), 22);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_width_chars (GTK_LABEL (value_label), 12);
  gtk_widget_add_css_class (value_label, "numeric");
  if (usec < 0)
    gtk_widget_add_css_class (value_label, "dim-label");
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* No low/high/full colours: a long phase is not a warning. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), total > 0 && usec > 0 ? MIN ((double) usec / total, 1.0) : 0);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_timings (TessResponseView  *self,
              const TessTimings *timings)
{
  GtkListBox *list = GTK_LIST_BOX (self->timings_list);

  gtk_list_box_append (list, timing_row (_("DNS lookup"), timings->dns, timings->total));
  gtk_list_box_append (list, timing_row (_("TCP connection"), timings->connect, timings->total));
  gtk_list_box_append (list, timing_row (_("TLS handshake"), timings->tls, timings->total));
  gtk_list_box_append (list, timing_row (_("Waiting for the first byte"), timings->first_byte, timings->total));
  gtk_list_box_append (list, timing_row (_("Total"), timings->total, timings->total));
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   TessResponseView *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_source_search_settings_set_search_text (settings, *text ? text : NULL);
  update_search_count (self);
}

static void
occurrences_notify_cb (GtkSourceSearchContext *search,
                       GParamSpec             *pspec,
                       TessResponseView       *self)
{
  update_search_count (self);
}

static void
select_match (TessResponseView *self,
              GtkTextIter      *match_start,
              GtkTextIter      *match_end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));

  gtk_text_buffer_select_range (buffer, match_start, match_end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->body_view), match_start, 0.1, FALSE, 0, 0);
}

static void
search_forward_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TessResponseView) self = user_data;
  GtkTextIter match_start, match_end;

  if (gtk_source_search_context_forward_finish (GTK_SOURCE_SEARCH_CONTEXT (source), result,
                                                &match_start, &match_end, NULL, NULL))
    select_match (self, &match_start, &match_end);
}

static void
search_backward_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(TessResponseView) self = user_data;
  GtkTextIter match_start, match_end;

  if (gtk_source_search_context_backward_finish (GTK_SOURCE_SEARCH_CONTEXT (source), result,
                                                 &match_start, &match_end, NULL, NULL))
    select_match (self, &match_start, &match_end);
}

static void
search_next_cb (GtkWidget        *widget,
                TessResponseView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  gtk_source_search_context_forward_async (self->search, &end, NULL, search_forward_done_cb,
                                           g_object_ref (self));
}

static void
search_prev_cb (GtkWidget        *widget,
                TessResponseView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  gtk_source_search_context_backward_async (self->search, &start, NULL, search_backward_done_cb,
                                            g_object_ref (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tess_response_view_open_search (TESS_RESPONSE_VIEW (widget));
}

/* Copying ------------------------------------------------------------------ */

static void
set_clipboard_bytes (TessResponseView *self,
                     GBytes           *bytes)
{
  g_autoptr(GdkContentProvider) provider = NULL;

  if (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    provider = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  else
    provider = gdk_content_provider_new_for_bytes (self->content_type ? self->content_type
                                                                      : "application/octet-stream",
                                                   bytes);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

static void
copy_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TessResponseView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (bytes == NULL)
    g_warning ("The response body could not be copied from ‘%s’: %s",
               self->body_file, error->message);
  else
    set_clipboard_bytes (self, bytes);
}

static void
copy_body_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TessResponseView *self = TESS_RESPONSE_VIEW (widget);

  if (self->body != NULL)
    set_clipboard_bytes (self, self->body);
  else if (self->body_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->body_file);

      g_file_load_bytes_async (file, self->io_cancellable, copy_loaded_cb, g_object_ref (self));
    }
}

/* Saving -------------------------------------------------------------------- */

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tess_response_view_save_body_finish (TESS_RESPONSE_VIEW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (source));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could Not Save the Body"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
save_response_cb (GtkNativeDialog  *dialog,
                  int               response,
                  TessResponseView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      tess_response_view_save_body_async (self, file, self->io_cancellable, save_done_cb, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
save_body_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TessResponseView *self = TESS_RESPONSE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *extension = NULL;
  g_autofree char *name = NULL;

  if (self->body == NULL && self->body_file == NULL)
    return;
  if (self->content_type != NULL)
    {
      const char *lang = tess_source_language_for (self->content_type);

      extension = lang ? lang : is_image_type (self->content_type) ? self->content_type + 6 : NULL;
    }
  /* Translators: the suggested name of a saved response body; %s is an extension */
  name = g_strdup_printf (_("response.%s"), extension ? extension : "txt");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the Response Body"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_replaced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_copied_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_copy_finish (G_FILE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tess_response_view_save_body_async (TessResponseView    *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_response_view_save_body_async);
  if (self->body != NULL)
    g_file_replace_contents_bytes_async (file, self->body, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                         cancellable, save_replaced_cb, g_steal_pointer (&task));
  else if (self->body_file != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (self->body_file);

      g_file_copy_async (from, file, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT, cancellable,
                         NULL, NULL, save_copied_cb, g_steal_pointer (&task));
    }
  else
    g_task_return_new_error (task, TESS_ERROR, TESS_ERROR_INVALID,
                             _("There is no response body to save in ‘%s’"), g_file_peek_path (file));
}

gboolean
tess_response_view_save_body_finish (TessResponseView  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Life cycle ---------------------------------------------------------------- */

static void
clear_body (TessResponseView *self)
{
  g_cancellable_cancel (self->format_cancellable);
  g_clear_object (&self->format_cancellable);
  cancel_chunks (self);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->body_file, g_free);
  g_clear_pointer (&self->content_type, g_free);
  self->body_size = 0;
  self->body_ready = FALSE;
}

static void
tess_response_view_dispose (GObject *object)
{
  TessResponseView *self = TESS_RESPONSE_VIEW (object);

  clear_body (self);
  g_cancellable_cancel (self->io_cancellable);
  g_clear_object (&self->io_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_RESPONSE_VIEW);
  G_OBJECT_CLASS (tess_response_view_parent_class)->dispose (object);
}

static void
tess_response_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TessResponseView *self = TESS_RESPONSE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCHABLE:
      g_value_set_boolean (value, self->searchable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_response_view_class_init (TessResponseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_response_view_dispose;
  object_class->get_property = tess_response_view_get_property;

  /**
   * TessResponseView:searchable:
   *
   * Whether a response body is shown whose text can be searched.
   */
  properties[PROP_SEARCHABLE] =
    g_param_spec_boolean ("searchable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, body_stack);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, body_note);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, pretty_button);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, raw_button);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, preview_button);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, search_button);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, search_prev_button);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, search_next_button);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, search_count_label);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, headers_list);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, cookies_list);
  gtk_widget_class_bind_template_child (widget_class, TessResponseView, timings_list);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);

  gtk_widget_class_install_action (widget_class, "response.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "response.copy-body", NULL, copy_body_action);
  gtk_widget_class_install_action (widget_class, "response.save-body", NULL, save_body_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "response.search", NULL);

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
  self->io_cancellable = g_cancellable_new ();

  self->search = gtk_source_search_context_new (GTK_SOURCE_BUFFER (buffer), NULL);
  gtk_source_search_context_set_highlight (self->search, TRUE);
  g_signal_connect (self->search, "notify::occurrences-count", G_CALLBACK (occurrences_notify_cb), self);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_next_cb), self);
  g_signal_connect (self->search_entry, "next-match", G_CALLBACK (search_next_cb), self);
  g_signal_connect (self->search_entry, "previous-match", G_CALLBACK (search_prev_cb), self);
  g_signal_connect (self->search_next_button, "clicked", G_CALLBACK (search_next_cb), self);
  g_signal_connect (self->search_prev_button, "clicked", G_CALLBACK (search_prev_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.copy-body", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.save-body", FALSE);
  update_searchable (self);
}

GtkWidget *
tess_response_view_new (void)
{
  return g_object_new (TESS_TYPE_RESPONSE_VIEW, NULL);
}

void
tess_response_view_clear (TessResponseView *self)
{
  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));

  clear_body (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), "", 0);
  gtk_picture_set_paintable (GTK_PICTURE (self->preview_picture), NULL);
  gtk_label_set_label (GTK_LABEL (self->body_note), "");
  tess_list_box_remove_all (GTK_LIST_BOX (self->headers_list));
  tess_list_box_remove_all (GTK_LIST_BOX (self->cookies_list));
  tess_list_box_remove_all (GTK_LIST_BOX (self->timings_list));
  gtk_label_set_label (GTK_LABEL (self->status_label), "");
  gtk_widget_set_visible (self->meta_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.copy-body", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.save-body", FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  update_searchable (self);
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
  update_searchable (self);
}

void
tess_response_view_show_exchange (TessResponseView *self,
                                  TessExchange     *exchange)
{
  g_autofree char *status = NULL;
  g_autofree char *time = NULL;
  g_autofree char *size = NULL;
  gboolean image;
  guint cookies;

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
  set_page_count (self, "headers", _("Headers"),
                  exchange->response_headers ? exchange->response_headers->len : 0);
  cookies = fill_cookies (self, exchange);
  set_page_count (self, "cookies", _("Cookies"), cookies);
  fill_timings (self, &exchange->timings);

  self->body = exchange->body ? g_bytes_ref (exchange->body) : NULL;
  self->body_file = g_strdup (exchange->body_file);
  self->content_type = g_strdup (exchange->content_type);
  self->body_size = exchange->body_size > 0 ? exchange->body_size
                    : exchange->body ? (gint64) g_bytes_get_size (exchange->body) : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.copy-body", self->body || self->body_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.save-body", self->body || self->body_file);

  /* Images open on their preview; a huge body on its raw text. The person's
   * choice between Pretty and Raw is kept otherwise. */
  image = is_image_type (self->content_type);
  gtk_widget_set_sensitive (self->preview_button, image);
  gtk_widget_set_sensitive (self->pretty_button, self->body_size <= HUGE_LIMIT);
  if (image)
    set_mode (self, MODE_PREVIEW);
  else if (self->body_size > HUGE_LIMIT || (self->mode == MODE_PREVIEW))
    set_mode (self, self->body_size > HUGE_LIMIT ? MODE_RAW : MODE_PRETTY);
  start_format (self);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "response");
  update_searchable (self);
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

void
tess_response_view_set_body_mode (TessResponseView *self,
                                  const char       *mode)
{
  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));
  g_return_if_fail (mode != NULL);

  if (g_str_equal (mode, "raw"))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->raw_button), TRUE);
  else if (g_str_equal (mode, "preview"))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->preview_button), TRUE);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pretty_button), TRUE);
}

const char *
tess_response_view_get_body_mode (TessResponseView *self)
{
  static const char * const names[] = { "pretty", "raw", "preview" };

  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), NULL);
  return names[self->mode];
}

const char *
tess_response_view_get_body_language (TessResponseView *self)
{
  GtkSourceBuffer *buffer;
  GtkSourceLanguage *language;

  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), NULL);
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  language = gtk_source_buffer_get_language (buffer);
  if (language == NULL || !gtk_source_buffer_get_highlight_syntax (buffer))
    return NULL;
  return gtk_source_language_get_id (language);
}

GdkPaintable *
tess_response_view_get_preview (TessResponseView *self)
{
  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), NULL);
  return gtk_picture_get_paintable (GTK_PICTURE (self->preview_picture));
}

void
tess_response_view_show_page (TessResponseView *self,
                              const char       *name)
{
  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), name);
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, gtk_label_get_label (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

char *
tess_response_view_dup_page_text (TessResponseView *self,
                                  const char       *name)
{
  GString *out = g_string_new (NULL);
  GtkWidget *list;

  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), NULL);
  if (g_str_equal (name, "cookies"))
    list = self->cookies_list;
  else if (g_str_equal (name, "timings"))
    list = self->timings_list;
  else
    list = self->headers_list;
  /* Rows only: the placeholder says there are none. */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      collect_labels (row, out);
  return g_string_free (out, FALSE);
}

void
tess_response_view_search (TessResponseView *self,
                           const char       *text)
{
  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));

  tess_response_view_open_search (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Not waiting for the entry's own delay: */
  search_changed_cb (GTK_SEARCH_ENTRY (self->search_entry), self);
}

void
tess_response_view_open_search (TessResponseView *self)
{
  g_return_if_fail (TESS_IS_RESPONSE_VIEW (self));

  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "body");
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
}

gboolean
tess_response_view_get_searchable (TessResponseView *self)
{
  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), FALSE);
  return self->searchable;
}

int
tess_response_view_get_search_count (TessResponseView *self)
{
  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), -1);
  return gtk_source_search_context_get_occurrences_count (self->search);
}

gboolean
tess_response_view_get_search_visible (TessResponseView *self)
{
  g_return_val_if_fail (TESS_IS_RESPONSE_VIEW (self), FALSE);
  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar));
}
