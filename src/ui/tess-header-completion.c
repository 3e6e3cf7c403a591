#include "tess-header-completion.h"

/* GtkEntryCompletion is deprecated after GTK 4.8 but is what 4.8 has for a
 * completion popup under an entry. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

const char * const tess_common_header_names[] = {
  "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization",
  "Cache-Control", "Connection", "Content-Disposition", "Content-Encoding",
  "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Cookie", "Date",
  "DNT", "Expect", "Forwarded", "From", "Host", "If-Match", "If-Modified-Since",
  "If-None-Match", "If-Range", "If-Unmodified-Since", "Idempotency-Key", "Max-Forwards",
  "Origin", "Pragma", "Prefer", "Proxy-Authorization", "Range", "Referer", "TE",
  "Trailer", "Transfer-Encoding", "Upgrade", "User-Agent", "Via", "Warning",
  "X-Api-Key", "X-Correlation-ID", "X-CSRF-Token", "X-Forwarded-For",
  "X-Forwarded-Host", "X-Forwarded-Proto", "X-HTTP-Method-Override", "X-Request-ID",
  "X-Requested-With", NULL,
};

static GtkTreeModel *
shared_model (void)
{
  static GtkListStore *store;

  if (store == NULL)
    {
      store = gtk_list_store_new (1, G_TYPE_STRING);
      for (guint i = 0; tess_common_header_names[i] != NULL; i++)
        gtk_list_store_insert_with_values (store, NULL, -1, 0, tess_common_header_names[i], -1);
    }
  return GTK_TREE_MODEL (store);
}

static void
attach (GtkEntry *entry)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;

  if (gtk_entry_get_completion (entry) != NULL)
    return;
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, shared_model ());
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_popup_single_match (completion, FALSE);
  gtk_entry_set_completion (entry, completion);
}

static void
attach_all (TessKvEditor *editor)
{
  guint n = tess_kv_editor_get_n_rows (editor);

  for (guint i = 0; i < n; i++)
    {
      GtkEditable *name = tess_kv_editor_get_row_entry (editor, i, FALSE);

      if (GTK_IS_ENTRY (name))
        attach (GTK_ENTRY (name));
    }
}

/* Rows are made by the editor when added: catch the first key typed into a
 * new name entry before the entry sees it. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TessKvEditor          *editor)
{
  attach_all (editor);
  return GDK_EVENT_PROPAGATE;
}

static void
changed_cb (TessKvEditor *editor,
            gpointer      data)
{
  attach_all (editor);
}

void
tess_header_completion_watch (TessKvEditor *editor)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (TESS_IS_KV_EDITOR (editor));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), editor);
  gtk_widget_add_controller (GTK_WIDGET (editor), keys);
  g_signal_connect (editor, "changed", G_CALLBACK (changed_cb), NULL);
  attach_all (editor);
}

gboolean
tess_header_completion_attached (GtkEntry *entry)
{
  g_return_val_if_fail (GTK_IS_ENTRY (entry), FALSE);
  return gtk_entry_get_completion (entry) != NULL;
}

G_GNUC_END_IGNORE_DEPRECATIONS
