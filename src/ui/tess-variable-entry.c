#include "tess-variable-entry.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  TessVariablesGetter getter;
  gpointer user_data;
} Binding;

/* Medium tones, readable on the light and the dark style alike. */
#define DEFINED_RGB   0x35, 0x84, 0xe4
#define UNDEFINED_RGB 0xe0, 0x1b, 0x24

static TessVariables *
get_variables (GtkEntry *entry)
{
  Binding *binding = g_object_get_data (G_OBJECT (entry), "tess-variable-binding");

  return binding ? binding->getter (binding->user_data) : NULL;
}

static void
add_color (PangoAttrList *attrs,
           guint          start,
           guint          end,
           guint8         r,
           guint8         g,
           guint8         b,
           gboolean       undefined)
{
  PangoAttribute *attr = pango_attr_foreground_new (r * 257, g * 257, b * 257);

  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
  if (undefined)
    {
      attr = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }
}

/* Calls @func for each {{name}} in @text with its byte range. */
static void
foreach_reference (const char *text,
                   void      (*func) (const char *name, guint start, guint end, gpointer data),
                   gpointer    data)
{
  const char *p = text;

  while ((p = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (p + 2, "}}");
      g_autofree char *name = NULL;

      if (close == NULL)
        break;
      name = g_strndup (p + 2, close - p - 2);
      func (g_strstrip (name), p - text, close + 2 - text, data);
      p = close + 2;
    }
}

typedef struct {
  TessVariables *vars;
  PangoAttrList *attrs;
  GString *list;
  GHashTable *seen;
} Scan;

static void
color_reference (const char *name,
                 guint       start,
                 guint       end,
                 gpointer    data)
{
  Scan *scan = data;
  gboolean defined = scan->vars != NULL && tess_variables_lookup (scan->vars, name) != NULL;

  if (defined)
    add_color (scan->attrs, start, end, DEFINED_RGB, FALSE);
  else
    add_color (scan->attrs, start, end, UNDEFINED_RGB, TRUE);
}

static void
update (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(TessVariables) vars = NULL;
  PangoAttrList *attrs;
  Scan scan = { 0 };

  if (strstr (text, "{{") == NULL)
    {
      gtk_entry_set_attributes (entry, NULL);
      gtk_widget_set_has_tooltip (GTK_WIDGET (entry), FALSE);
      return;
    }
  vars = get_variables (entry);
  attrs = pango_attr_list_new ();
  scan.vars = vars;
  scan.attrs = attrs;
  foreach_reference (text, color_reference, &scan);
  gtk_entry_set_attributes (entry, attrs);
  pango_attr_list_unref (attrs);
  gtk_widget_set_has_tooltip (GTK_WIDGET (entry), TRUE);
}

static void
list_reference (const char *name,
                guint       start,
                guint       end,
                gpointer    data)
{
  Scan *scan = data;
  const char *value;

  if (!g_hash_table_add (scan->seen, g_strdup (name)))
    return;
  value = scan->vars ? tess_variables_lookup (scan->vars, name) : NULL;
  g_string_append_c (scan->list, '\n');
  if (value != NULL)
    g_string_append_printf (scan->list, "%s = %s", name, value);
  else
    /* Translators: a variable the URL uses that no scope defines */
    g_string_append_printf (scan->list, _("%s is not defined"), name);
}

char *
tess_variable_entry_dup_tooltip (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(TessVariables) vars = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;
  GString *out;
  Scan scan = { 0 };

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);

  if (strstr (text, "{{") == NULL)
    return NULL;
  vars = get_variables (entry);
  expanded = vars ? tess_variables_expand (vars, text, NULL, &error) : g_strdup (text);
  out = g_string_new (expanded ? expanded : error->message);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.vars = vars;
  scan.list = out;
  scan.seen = seen;
  g_string_append_c (out, '\n');
  foreach_reference (text, list_reference, &scan);
  return g_string_free (out, FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  g_autofree char *text = tess_variable_entry_dup_tooltip (GTK_ENTRY (widget));

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
changed_cb (GtkEditable *editable,
            gpointer     data)
{
  update (GTK_ENTRY (editable));
}

void
tess_variable_entry_attach (GtkEntry            *entry,
                            TessVariablesGetter  getter,
                            gpointer             user_data)
{
  Binding *binding;

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (getter != NULL);

  binding = g_new0 (Binding, 1);
  binding->getter = getter;
  binding->user_data = user_data;
  g_object_set_data_full (G_OBJECT (entry), "tess-variable-binding", binding, g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (changed_cb), NULL);
  g_signal_connect (entry, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  update (entry);
}

void
tess_variable_entry_refresh (GtkEntry *entry)
{
  g_return_if_fail (GTK_IS_ENTRY (entry));
  update (entry);
}
