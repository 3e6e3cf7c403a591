#include "tess-request-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tess-auth-panel.h"
#include "tess-body-editor.h"
#include "tess-console-reveal.h"
#include "tess-curl.h"
#include "tess-error.h"
#include "tess-header-completion.h"
#include "tess-kv-editor.h"
#include "tess-method-picker.h"
#include "tess-request-snapshot.h"
#include "tess-resolve.h"
#include "tess-response-view.h"
#include "tess-ui-util.h"
#include "tess-variable-entry.h"
#include "tess-window.h"

/* Pause after the last keystroke before the auth preview is recomputed. */
#define PREVIEW_DELAY_MS 250

struct _TessRequestPage
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *method_picker;
  GtkWidget *url_entry;
  GtkWidget *send_button;
  GtkWidget *spinner;
  GtkWidget *elapsed_label;
  GtkWidget *main_paned;
  GtkWidget *editor_stack;
  GtkWidget *params_box;
  GtkWidget *headers_box;
  GtkWidget *auth_bin;
  GtkWidget *body_bin;
  GtkWidget *response_bin;
  GtkWidget *console_pane;
  GtkWidget *params_editor;
  /* Built on the first visit of their page (or first call asking for them):
   * most tabs never show them, and a tab's widgets are most of its memory. */
  GtkWidget *auth_panel;
  GtkWidget *body_editor;
  GtkWidget *headers_editor;
  /* Built by the first send or the first call asking for it: until then
   * response_bin holds a plain "No Response Yet" page. */
  GtkWidget *response_view;
  /* The console's widgets, likewise built when it is first shown. */
  GtkWidget *console_view;
  GtkWidget *reveal_console_button;
  char *console_text;
  gboolean console_revealed;
  gboolean console_revealable;

  TessItem *item;
  TessSender *sender;
  TessEnvironment *environment;
  TessEnvironment *globals;
  TessRequestSnapshot *snapshot;

  GCancellable *cancellable;
  TessAuthContext *auth_ctx;
  TessExchange *exchange;
  gint64 send_started;
  guint elapsed_id;
  guint preview_id;
  gulong item_changed_id;
  gulong item_name_id;

  gboolean modified;
  gboolean syncing;
  gboolean console_visible;
};

G_DEFINE_FINAL_TYPE (TessRequestPage, tess_request_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_SENDER,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_SENDING,
  PROP_CONSOLE_VISIBLE,
  PROP_HAS_RESPONSE_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SEND_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TessVariables *
build_variables (TessRequestPage *self)
{
  TessVariables *vars = tess_variables_new ();

  if (self->globals != NULL)
    tess_variables_set_list (vars, TESS_SCOPE_GLOBAL, tess_environment_get_values (self->globals));
  if (self->environment != NULL)
    tess_variables_set_list (vars, TESS_SCOPE_ENVIRONMENT, tess_environment_get_values (self->environment));
  return vars;
}

/* Every scope a send would see, the collection's included: for the URL's
 * colours and tooltip. */
static TessVariables *
url_variables (gpointer user_data)
{
  TessRequestPage *self = user_data;
  TessVariables *vars = build_variables (self);
  TessItem *root = self->item ? tess_item_get_root (self->item) : NULL;

  if (root != NULL)
    tess_variables_set_list (vars, TESS_SCOPE_COLLECTION, tess_item_get_variables (root));
  return vars;
}

static void
set_console_text (TessRequestPage *self,
                  const char      *text)
{
  g_free (self->console_text);
  self->console_text = g_strdup (text ? text : "");
  if (self->console_view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->console_view)),
                              self->console_text, -1);
}

/* The preview is the send path without the send: what the auth scheme will add
 * shows up read-only under Params and Headers. */
static gboolean
preview_cb (gpointer user_data)
{
  TessRequestPage *self = user_data;
  g_autoptr(TessVariables) vars = build_variables (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(TessAuthContext) auth_ctx = NULL;
  g_autoptr(TessPreparedRequest) prepared = NULL;

  self->preview_id = 0;
  /* Variables may have changed with the environment: re-colour the URL. */
  tess_variable_entry_refresh (GTK_ENTRY (self->url_entry));
  prepared = tess_resolve_request (self->item, vars, &auth_ctx, &error);
  if (prepared == NULL)
    {
      tess_kv_editor_set_generated (TESS_KV_EDITOR (self->params_editor), NULL, NULL);
      if (self->headers_editor != NULL)
        tess_kv_editor_set_generated (TESS_KV_EDITOR (self->headers_editor), NULL, error->message);
      return G_SOURCE_REMOVE;
    }
  tess_kv_editor_set_generated (TESS_KV_EDITOR (self->params_editor), prepared->query, NULL);
  if (self->headers_editor != NULL)
    tess_kv_editor_set_generated (TESS_KV_EDITOR (self->headers_editor), prepared->headers, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (TessRequestPage *self)
{
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_cb, self);
}

static void
item_changed_cb (TessItem        *item,
                 TessRequestPage *self)
{
  if (!self->modified)
    tess_request_page_set_modified (self, TRUE);
  schedule_preview (self);
}

static void
item_name_cb (TessItem        *item,
              GParamSpec      *pspec,
              TessRequestPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
url_changed_cb (GtkEditable     *editable,
                TessRequestPage *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  tess_item_set_url (self->item, gtk_editable_get_text (editable));
  tess_kv_editor_reload (TESS_KV_EDITOR (self->params_editor));
  self->syncing = FALSE;
}

static void
params_changed_cb (TessKvEditor    *editor,
                   TessRequestPage *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  tess_item_query_changed (self->item);
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), tess_item_get_url (self->item));
  self->syncing = FALSE;
}

static void
headers_changed_cb (TessKvEditor    *editor,
                    TessRequestPage *self)
{
  tess_item_changed (self->item);
}

static void
method_changed_cb (TessMethodPicker *picker,
                   GParamSpec       *pspec,
                   TessRequestPage  *self)
{
  const char *method = tess_method_picker_get_method (picker);

  if (g_strcmp0 (tess_item_get_method (self->item), method) != 0)
    tess_item_set_method (self->item, method);
}

static gboolean
elapsed_cb (gpointer user_data)
{
  TessRequestPage *self = user_data;
  g_autofree char *text = tess_format_duration (g_get_monotonic_time () - self->send_started);

  gtk_label_set_label (GTK_LABEL (self->elapsed_label), text);
  return G_SOURCE_CONTINUE;
}

static void
set_sending (TessRequestPage *self,
             gboolean         sending)
{
  /* One button that turns into Cancel: the URL entry keeps its width. */
  gtk_button_set_label (GTK_BUTTON (self->send_button), sending ? _("_Cancel") : _("_Send"));
  gtk_widget_set_tooltip_text (self->send_button, sending ? _("Stop Waiting for the Response")
                                                          : _("Send the Request (Ctrl+Enter)"));
  if (sending)
    gtk_widget_remove_css_class (self->send_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->send_button, "suggested-action");
  gtk_widget_set_visible (self->spinner, sending);
  gtk_widget_set_visible (self->elapsed_label, sending);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), sending);
  g_clear_handle_id (&self->elapsed_id, g_source_remove);
  if (sending)
    {
      self->send_started = g_get_monotonic_time ();
      elapsed_cb (self);
      self->elapsed_id = g_timeout_add (100, elapsed_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

static TessResponseView *
ensure_response_view (TessRequestPage *self)
{
  if (self->response_view == NULL)
    {
      self->response_view = tess_response_view_new ();
      adw_bin_set_child (ADW_BIN (self->response_bin), self->response_view);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_RESPONSE_VIEW]);
    }
  return TESS_RESPONSE_VIEW (self->response_view);
}

static void
send_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TessRequestPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessExchange) exchange = tess_sender_send_finish (TESS_SENDER (source), result, &error);
  g_autofree char *log = NULL;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->auth_ctx, tess_auth_context_free);
  set_sending (self, FALSE);

  if (exchange == NULL)
    {
      tess_response_view_show_error (ensure_response_view (self),
                                     _("Could Not Send the Request"),
                                     error ? error->message : _("The sender gave no result"));
      set_console_text (self, error ? error->message : NULL);
      g_signal_emit (self, signals[SEND_FINISHED], 0);
      return;
    }

  if (exchange->error != NULL && g_error_matches (exchange->error, TESS_ERROR, TESS_ERROR_CANCELLED))
    tess_response_view_show_error (ensure_response_view (self),
                                   _("Request Cancelled"), exchange->error->message);
  else
    tess_response_view_show_exchange (ensure_response_view (self), exchange);
  log = tess_exchange_dup_log (exchange);
  set_console_text (self, log);
  g_clear_pointer (&self->exchange, tess_exchange_free);
  self->exchange = g_steal_pointer (&exchange);
  /* Each new exchange starts masked: secrets are shown only on request. */
  tess_request_page_set_console_revealed (self, FALSE);
  self->console_revealable = log != NULL && strstr (log, TESS_EXCHANGE_MASK) != NULL;
  if (self->reveal_console_button != NULL)
    gtk_widget_set_sensitive (self->reveal_console_button, self->console_revealable);
  g_signal_emit (self, signals[SEND_FINISHED], 0);
}

static void
send_clicked_cb (GtkButton       *button,
                 TessRequestPage *self)
{
  if (tess_request_page_get_sending (self))
    tess_request_page_cancel (self);
  else
    tess_request_page_send (self);
}

static void
url_activate_cb (GtkEntry        *entry,
                 TessRequestPage *self)
{
  tess_request_page_send (self);
}

static void
copy_console_cb (GtkButton       *button,
                 TessRequestPage *self)
{
  g_autofree char *text = tess_request_page_dup_console_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
update_reveal_button (TessRequestPage *self)
{
  gboolean reveal = self->console_revealed && self->exchange != NULL;

  if (self->reveal_console_button == NULL)
    return;
  tess_widget_set_accessible_label (self->reveal_console_button,
                                    reveal ? _("Hide Secret Values") : _("Show Secret Values"), NULL);
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_console_button),
                            reveal ? "view-conceal-symbolic" : "view-reveal-symbolic");
}

static void
apply_console_revealed (TessRequestPage *self)
{
  g_autofree char *log = NULL;

  if (self->exchange == NULL)
    return;
  log = self->console_revealed ? tess_console_dup_revealed (self->exchange)
                               : tess_exchange_dup_log (self->exchange);
  set_console_text (self, log);
  update_reveal_button (self);
}

static void
reveal_console_toggled_cb (GtkToggleButton *button,
                           TessRequestPage *self)
{
  self->console_revealed = gtk_toggle_button_get_active (button);
  apply_console_revealed (self);
}

static GtkWidget *
console_button (const char *icon_name,
                const char *label,
                const char *tooltip,
                gboolean    toggle)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);
  tess_widget_set_accessible_label (button, label, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* The console's bar and text view, made the first time it is shown. */
static void
ensure_console (TessRequestPage *self)
{
  GtkWidget *bar, *label, *copy, *close, *scrolled;

  if (self->console_view != NULL)
    return;

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 3);
  gtk_widget_set_margin_bottom (bar, 3);
  label = gtk_label_new (_("Console"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (bar), label);

  self->reveal_console_button = console_button ("view-reveal-symbolic", _("Show Secret Values"), NULL, TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->reveal_console_button), self->console_revealed);
  gtk_widget_set_sensitive (self->reveal_console_button, self->console_revealable);
  update_reveal_button (self);
  g_signal_connect (self->reveal_console_button, "toggled", G_CALLBACK (reveal_console_toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), self->reveal_console_button);

  copy = console_button ("edit-copy-symbolic", _("Copy the Console Text"), NULL, FALSE);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_console_cb), self);
  gtk_box_append (GTK_BOX (bar), copy);

  close = console_button ("window-close-symbolic", _("Hide the Console"),
                          _("Hide the Console (Ctrl+Alt+C)"), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.toggle-console");
  gtk_box_append (GTK_BOX (bar), close);
  gtk_box_append (GTK_BOX (self->console_pane), bar);

  self->console_view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->console_view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->console_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->console_view), GTK_WRAP_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->console_view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->console_view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->console_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->console_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->console_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Console"), -1);
  gtk_widget_add_css_class (self->console_view, "console-view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->console_view)),
                            self->console_text ? self->console_text : "", -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->console_view);
  gtk_box_append (GTK_BOX (self->console_pane), scrolled);
}

static void
ensure_auth_panel (TessRequestPage *self)
{
  if (self->auth_panel != NULL)
    return;
  self->auth_panel = tess_auth_panel_new ();
  tess_auth_panel_set_item (TESS_AUTH_PANEL (self->auth_panel), self->item);
  adw_bin_set_child (ADW_BIN (self->auth_bin), self->auth_panel);
}

static void
ensure_body_editor (TessRequestPage *self)
{
  if (self->body_editor != NULL)
    return;
  self->body_editor = tess_body_editor_new ();
  tess_body_editor_set_item (TESS_BODY_EDITOR (self->body_editor), self->item);
  adw_bin_set_child (ADW_BIN (self->body_bin), self->body_editor);
}

static void
ensure_headers_editor (TessRequestPage *self)
{
  if (self->headers_editor != NULL)
    return;
  self->headers_editor = tess_kv_editor_new (_("_Add Header"), _("Added when sent"));
  gtk_box_append (GTK_BOX (self->headers_box), self->headers_editor);
  self->syncing = TRUE;
  tess_kv_editor_set_list (TESS_KV_EDITOR (self->headers_editor), tess_item_get_headers (self->item));
  self->syncing = FALSE;
  g_signal_connect (self->headers_editor, "changed", G_CALLBACK (headers_changed_cb), self);
  tess_header_completion_watch (TESS_KV_EDITOR (self->headers_editor));
  /* What the auth scheme adds shows at once, as if the page had always been there. */
  g_clear_handle_id (&self->preview_id, g_source_remove);
  preview_cb (self);
}

static void
editor_page_changed_cb (GtkStack        *stack,
                        GParamSpec      *pspec,
                        TessRequestPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  if (g_strcmp0 (name, "auth") == 0)
    ensure_auth_panel (self);
  else if (g_strcmp0 (name, "headers") == 0)
    ensure_headers_editor (self);
  else if (g_strcmp0 (name, "body") == 0)
    ensure_body_editor (self);
}

char *
tess_request_page_dup_curl (TessRequestPage  *self,
                            GError          **error)
{
  g_autoptr(TessVariables) vars = NULL;
  g_autoptr(TessPreparedRequest) prepared = NULL;

  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);

  vars = build_variables (self);
  prepared = tess_resolve_request (self->item, vars, NULL, error);
  if (prepared == NULL)
    return NULL;
  return tess_curl_export (prepared, self->item, vars);
}

static void
copy_as_curl_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TessRequestPage *self = TESS_REQUEST_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = tess_request_page_dup_curl (self, &error);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (command == NULL)
    {
      tess_response_view_show_error (ensure_response_view (self),
                                     _("Could Not Make a curl Command"), error->message);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  if (TESS_IS_WINDOW (root))
    tess_window_add_toast (TESS_WINDOW (root), _("Copied as a curl command"));
}

static void
load_item (TessRequestPage *self)
{
  self->syncing = TRUE;
  tess_method_picker_set_method (TESS_METHOD_PICKER (self->method_picker), tess_item_get_method (self->item));
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), tess_item_get_url (self->item));
  tess_kv_editor_set_list (TESS_KV_EDITOR (self->params_editor), tess_item_get_query (self->item));
  if (self->headers_editor != NULL)
    tess_kv_editor_set_list (TESS_KV_EDITOR (self->headers_editor), tess_item_get_headers (self->item));
  if (self->auth_panel != NULL)
    tess_auth_panel_set_item (TESS_AUTH_PANEL (self->auth_panel), self->item);
  if (self->body_editor != NULL)
    tess_body_editor_set_item (TESS_BODY_EDITOR (self->body_editor), self->item);
  self->syncing = FALSE;
}

static void
tess_request_page_constructed (GObject *object)
{
  TessRequestPage *self = TESS_REQUEST_PAGE (object);

  G_OBJECT_CLASS (tess_request_page_parent_class)->constructed (object);

  g_assert (TESS_IS_ITEM (self->item));
  load_item (self);
  self->snapshot = tess_request_snapshot_take (self->item);
  self->item_changed_id = g_signal_connect (self->item, "changed", G_CALLBACK (item_changed_cb), self);
  self->item_name_id = g_signal_connect (self->item, "notify::name", G_CALLBACK (item_name_cb), self);
  g_signal_connect (self->method_picker, "notify::method", G_CALLBACK (method_changed_cb), self);
  g_signal_connect (self->url_entry, "changed", G_CALLBACK (url_changed_cb), self);
  g_signal_connect (self->params_editor, "changed", G_CALLBACK (params_changed_cb), self);
  g_signal_connect (self->editor_stack, "notify::visible-child-name", G_CALLBACK (editor_page_changed_cb), self);
  tess_variable_entry_attach (GTK_ENTRY (self->url_entry), url_variables, self);
  preview_cb (self);
}

static void
tess_request_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TessRequestPage *self = TESS_REQUEST_PAGE (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_SENDER:
      g_value_set_object (value, self->sender);
      break;
    case PROP_TITLE:
      g_value_set_string (value, tess_request_page_get_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_SENDING:
      g_value_set_boolean (value, tess_request_page_get_sending (self));
      break;
    case PROP_CONSOLE_VISIBLE:
      g_value_set_boolean (value, self->console_visible);
      break;
    case PROP_HAS_RESPONSE_VIEW:
      g_value_set_boolean (value, self->response_view != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_request_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TessRequestPage *self = TESS_REQUEST_PAGE (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    case PROP_SENDER:
      self->sender = g_value_dup_object (value);
      break;
    case PROP_MODIFIED:
      tess_request_page_set_modified (self, g_value_get_boolean (value));
      break;
    case PROP_CONSOLE_VISIBLE:
      tess_request_page_set_console_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_request_page_dispose (GObject *object)
{
  TessRequestPage *self = TESS_REQUEST_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_clear_handle_id (&self->elapsed_id, g_source_remove);
  g_clear_signal_handler (&self->item_changed_id, self->item);
  g_clear_signal_handler (&self->item_name_id, self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_REQUEST_PAGE);
  /* It went with response_bin. */
  self->response_view = NULL;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->item);
  g_clear_object (&self->sender);
  g_clear_object (&self->environment);
  g_clear_object (&self->globals);
  G_OBJECT_CLASS (tess_request_page_parent_class)->dispose (object);
}

static void
tess_request_page_finalize (GObject *object)
{
  TessRequestPage *self = TESS_REQUEST_PAGE (object);

  g_clear_pointer (&self->snapshot, tess_request_snapshot_free);
  g_clear_pointer (&self->console_text, g_free);
  g_clear_pointer (&self->auth_ctx, tess_auth_context_free);
  g_clear_pointer (&self->exchange, tess_exchange_free);
  G_OBJECT_CLASS (tess_request_page_parent_class)->finalize (object);
}

static void
tess_request_page_class_init (TessRequestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tess_request_page_constructed;
  object_class->get_property = tess_request_page_get_property;
  object_class->set_property = tess_request_page_set_property;
  object_class->dispose = tess_request_page_dispose;
  object_class->finalize = tess_request_page_finalize;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, TESS_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENDER] =
    g_param_spec_object ("sender", NULL, NULL, TESS_TYPE_SENDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSOLE_VISIBLE] =
    g_param_spec_boolean ("console-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TessRequestPage:has-response-view:
   *
   * Whether the response view has been built; notified once, when it is.
   */
  properties[PROP_HAS_RESPONSE_VIEW] =
    g_param_spec_boolean ("has-response-view", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SEND_FINISHED] = g_signal_new ("send-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TESS_TYPE_METHOD_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tessera/Tessera/tess-request-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, box);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, method_picker);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, url_entry);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, main_paned);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, params_box);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, headers_box);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, auth_bin);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, body_bin);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, response_bin);
  gtk_widget_class_bind_template_child (widget_class, TessRequestPage, console_pane);
  gtk_widget_class_install_action (widget_class, "request.copy-as-curl", NULL, copy_as_curl_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "requestpage");
}

static void
tess_request_page_init (TessRequestPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->params_editor = tess_kv_editor_new (_("_Add Parameter"), _("Added when sent"));
  tess_kv_editor_set_new_value_empty (TESS_KV_EDITOR (self->params_editor), FALSE);
  gtk_box_append (GTK_BOX (self->params_box), self->params_editor);

  g_signal_connect (self->send_button, "clicked", G_CALLBACK (send_clicked_cb), self);
  g_signal_connect (self->url_entry, "activate", G_CALLBACK (url_activate_cb), self);
  set_console_text (self, _("Nothing sent yet. Each round trip of the next send shows here, as it went on the wire."));
}

GtkWidget *
tess_request_page_new (TessItem   *item,
                       TessSender *sender)
{
  g_return_val_if_fail (TESS_IS_ITEM (item), NULL);
  g_return_val_if_fail (TESS_IS_SENDER (sender), NULL);

  return g_object_new (TESS_TYPE_REQUEST_PAGE, "item", item, "sender", sender, NULL);
}

TessItem *
tess_request_page_get_item (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  return self->item;
}

const char *
tess_request_page_get_title (TessRequestPage *self)
{
  const char *name;

  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  name = self->item ? tess_item_get_name (self->item) : NULL;
  return name && *name ? name : _("Untitled Request");
}

void
tess_request_page_set_environment (TessRequestPage *self,
                                   TessEnvironment *environment)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));

  if (g_set_object (&self->environment, environment))
    schedule_preview (self);
}

void
tess_request_page_set_globals (TessRequestPage *self,
                               TessEnvironment *globals)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));

  if (g_set_object (&self->globals, globals))
    schedule_preview (self);
}

gboolean
tess_request_page_get_modified (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), FALSE);
  return self->modified;
}

void
tess_request_page_set_modified (TessRequestPage *self,
                                gboolean         modified)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));

  if (!modified)
    {
      g_clear_pointer (&self->snapshot, tess_request_snapshot_free);
      self->snapshot = tess_request_snapshot_take (self->item);
    }
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
tess_request_page_discard_changes (TessRequestPage *self)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));

  if (self->snapshot == NULL)
    return;
  tess_request_snapshot_restore (self->snapshot, self->item);
  load_item (self);
  tess_request_page_set_modified (self, FALSE);
}

gboolean
tess_request_page_get_console_visible (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), FALSE);
  return self->console_visible;
}

void
tess_request_page_set_console_visible (TessRequestPage *self,
                                       gboolean         visible)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));

  visible = !!visible;
  if (self->console_visible == visible)
    return;
  self->console_visible = visible;
  if (visible)
    ensure_console (self);
  gtk_widget_set_visible (self->console_pane, visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSOLE_VISIBLE]);
}

void
tess_request_page_send (TessRequestPage *self)
{
  g_autoptr(TessVariables) vars = NULL;
  g_autoptr(TessPreparedRequest) prepared = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));

  if (tess_request_page_get_sending (self))
    return;

  vars = build_variables (self);
  g_clear_pointer (&self->auth_ctx, tess_auth_context_free);
  prepared = tess_resolve_request (self->item, vars, &self->auth_ctx, &error);
  if (prepared == NULL)
    {
      tess_response_view_show_error (ensure_response_view (self),
                                     _("The Request Is Not Ready"), error->message);
      set_console_text (self, error->message);
      g_signal_emit (self, signals[SEND_FINISHED], 0);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_sending (self, TRUE);
  /* Built now, while the request is on the wire, rather than in the way of
   * showing the response. */
  ensure_response_view (self);
  tess_sender_send_async (self->sender, prepared, self->auth_ctx, self->cancellable,
                          send_done_cb, g_object_ref (self));
}

void
tess_request_page_cancel (TessRequestPage *self)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
tess_request_page_get_sending (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

TessExchange *
tess_request_page_get_exchange (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  return self->exchange;
}

void
tess_request_page_focus_url (TessRequestPage *self)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));
  gtk_widget_grab_focus (self->url_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->url_entry), 0, -1);
}

void
tess_request_page_update_preview (TessRequestPage *self)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));
  g_clear_handle_id (&self->preview_id, g_source_remove);
  preview_cb (self);
}

GtkEditable *
tess_request_page_get_url_entry (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  return GTK_EDITABLE (self->url_entry);
}

GtkWidget *
tess_request_page_get_method_picker (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  return self->method_picker;
}

GtkWidget *
tess_request_page_get_params_editor (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  return self->params_editor;
}

GtkWidget *
tess_request_page_get_headers_editor (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  ensure_headers_editor (self);
  return self->headers_editor;
}

GtkWidget *
tess_request_page_get_auth_panel (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  ensure_auth_panel (self);
  return self->auth_panel;
}

GtkWidget *
tess_request_page_get_response_view (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  return GTK_WIDGET (ensure_response_view (self));
}

gboolean
tess_request_page_has_response_view (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), FALSE);
  return self->response_view != NULL;
}

GtkWidget *
tess_request_page_get_editor_stack (TessRequestPage *self)
{
  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  return self->editor_stack;
}

char *
tess_request_page_dup_console_text (TessRequestPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (TESS_IS_REQUEST_PAGE (self), NULL);
  /* Once shown, what the view holds: that is what the person reads. */
  if (self->console_view == NULL)
    return g_strdup (self->console_text ? self->console_text : "");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->console_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
tess_request_page_set_console_revealed (TessRequestPage *self,
                                        gboolean         revealed)
{
  g_return_if_fail (TESS_IS_REQUEST_PAGE (self));

  revealed = !!revealed;
  if (self->reveal_console_button != NULL)
    {
      /* Its "toggled" handler does the rest. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->reveal_console_button), revealed);
      return;
    }
  if (self->console_revealed == revealed)
    return;
  self->console_revealed = revealed;
  apply_console_revealed (self);
}
