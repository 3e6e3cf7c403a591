#include "tess-preferences-pages.h"

#include <glib/gi18n.h>

#include "tess-client-certificate.h"
#include "tess-sender.h"
#include "tess-soup.h"
#include "tess-ui-util.h"

/* Client certificates ----------------------------------------------------- */

typedef struct {
  TessApplication *application;
  GCallback changed;
  gpointer user_data;
  GPtrArray *rows;              /* GtkWidget, the rows listing certificates */
  GtkWidget *host_row;
  GtkWidget *cert_row;
  GtkWidget *key_row;
  GtkWidget *pfx_row;
} Certificates;

static void
certificates_free (Certificates *data)
{
  g_object_unref (data->application);
  g_ptr_array_unref (data->rows);
  g_free (data);
}

static Certificates *
certificates_of (GtkWidget *group)
{
  return g_object_get_data (G_OBJECT (group), "tess-certificates");
}

static void fill_certificates (GtkWidget *group);

static void
remove_clicked_cb (GtkButton *button,
                   GtkWidget *group)
{
  tess_certificates_group_remove (group, g_object_get_data (G_OBJECT (button), "host"));
}

static void
fill_certificates (GtkWidget *group)
{
  Certificates *data = certificates_of (group);
  GPtrArray *list = tess_workspace_get_client_certificates (tess_application_get_workspace (data->application));

  for (guint i = 0; i < data->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), g_ptr_array_index (data->rows, i));
  g_ptr_array_set_size (data->rows, 0);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      TessClientCertificate *cert = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *subtitle = NULL;

      if (cert->pfx != NULL)
        /* Translators: a client certificate in a PKCS#12 file */
        subtitle = g_strdup_printf (_("PKCS#12: %s"), cert->pfx);
      else
        subtitle = g_strdup_printf (_("Certificate: %s\nKey: %s"), cert->cert ? cert->cert : "—",
                                    cert->key ? cert->key : "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cert->host);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      tess_widget_set_accessible_label (remove, _("Remove"), NULL);
      g_object_set_data_full (G_OBJECT (remove), "host", g_strdup (cert->host), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), group);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (data->rows, row);
    }
}

static void
notify_changed (Certificates *data)
{
  if (data->changed != NULL)
    ((void (*) (gpointer)) data->changed) (data->user_data);
}

void
tess_certificates_group_add (GtkWidget  *group,
                             const char *host,
                             const char *cert,
                             const char *key,
                             const char *pfx)
{
  Certificates *data = certificates_of (group);
  g_autoptr(TessClientCertificate) entry = NULL;

  g_return_if_fail (data != NULL);
  g_return_if_fail (host != NULL && *host != '\0');

  entry = tess_client_certificate_new (host);
  entry->cert = cert && *cert ? g_strdup (cert) : NULL;
  entry->key = key && *key ? g_strdup (key) : NULL;
  entry->pfx = pfx && *pfx ? g_strdup (pfx) : NULL;
  tess_workspace_set_client_certificate (tess_application_get_workspace (data->application), entry);
  fill_certificates (group);
  notify_changed (data);
}

void
tess_certificates_group_remove (GtkWidget  *group,
                                const char *host)
{
  Certificates *data = certificates_of (group);

  g_return_if_fail (data != NULL);
  if (tess_workspace_remove_client_certificate (tess_application_get_workspace (data->application), host))
    {
      fill_certificates (group);
      notify_changed (data);
    }
}

guint
tess_certificates_group_get_n_rows (GtkWidget *group)
{
  Certificates *data = certificates_of (group);

  g_return_val_if_fail (data != NULL, 0);
  return data->rows->len;
}

static void
update_add_sensitive (GtkWidget *button)
{
  Certificates *data = g_object_get_data (G_OBJECT (button), "data");
  const char *host = gtk_editable_get_text (GTK_EDITABLE (data->host_row));
  const char *cert = gtk_editable_get_text (GTK_EDITABLE (data->cert_row));
  const char *pfx = gtk_editable_get_text (GTK_EDITABLE (data->pfx_row));

  gtk_widget_set_sensitive (button, *host != '\0' && (*cert != '\0' || *pfx != '\0'));
}

static void
add_entry_changed_cb (GtkEditable *editable,
                      GtkWidget   *button)
{
  update_add_sensitive (button);
}

static void
add_clicked_cb (GtkButton *button,
                GtkWidget *group)
{
  Certificates *data = certificates_of (group);
  GtkWidget *rows[] = { data->host_row, data->cert_row, data->key_row, data->pfx_row };

  tess_certificates_group_add (group,
                               gtk_editable_get_text (GTK_EDITABLE (data->host_row)),
                               gtk_editable_get_text (GTK_EDITABLE (data->cert_row)),
                               gtk_editable_get_text (GTK_EDITABLE (data->key_row)),
                               gtk_editable_get_text (GTK_EDITABLE (data->pfx_row)));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
}

static GtkWidget *
entry_row (AdwExpanderRow *expander,
           const char     *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_add_row (expander, row);
  return row;
}

GtkWidget *
tess_certificates_group_new (TessApplication *application,
                             GCallback        changed,
                             gpointer         user_data)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Certificate"));
  GtkWidget *add_row = adw_action_row_new ();
  Certificates *data = g_new0 (Certificates, 1);

  data->application = g_object_ref (application);
  data->changed = changed;
  data->user_data = user_data;
  data->rows = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (group), "tess-certificates", data, (GDestroyNotify) certificates_free);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Client Certificates"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Presented to servers that ask for one; passphrases are kept in the keyring"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("New Certificate"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("A host (example.com, example.com:8443, *.example.com) and a PEM certificate and key, or a PKCS#12 file"));
  data->host_row = entry_row (ADW_EXPANDER_ROW (expander), _("Host"));
  data->cert_row = entry_row (ADW_EXPANDER_ROW (expander), _("Certificate (PEM file)"));
  data->key_row = entry_row (ADW_EXPANDER_ROW (expander), _("Private Key (PEM file)"));
  data->pfx_row = entry_row (ADW_EXPANDER_ROW (expander), _("Or PKCS#12 File"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (add), "data", data);
  g_signal_connect (data->host_row, "changed", G_CALLBACK (add_entry_changed_cb), add);
  g_signal_connect (data->cert_row, "changed", G_CALLBACK (add_entry_changed_cb), add);
  g_signal_connect (data->pfx_row, "changed", G_CALLBACK (add_entry_changed_cb), add);
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), group);
  update_add_sensitive (add);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), add);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), add_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);

  fill_certificates (group);
  return group;
}

/* Cookies ------------------------------------------------------------------- */

typedef struct {
  TessApplication *application;
  GPtrArray *rows;
  GtkWidget *delete_all;
  /* While the group is shown: the jar it listens to (the sender replaces it
   * when the cookie file changes) and the sender, for that. */
  SoupCookieJar *jar;
  gulong jar_changed;
  gulong cookie_file_changed;
} Cookies;

static void
cookies_free (Cookies *data)
{
  g_object_unref (data->application);
  g_ptr_array_unref (data->rows);
  g_clear_object (&data->jar);
  g_free (data);
}

static Cookies *
cookies_of (GtkWidget *group)
{
  return g_object_get_data (G_OBJECT (group), "tess-cookies");
}

static SoupCookieJar *
get_jar (Cookies *data)
{
  TessSender *sender = tess_application_get_sender (data->application);
  SoupSession *session = sender ? tess_sender_get_session (sender) : NULL;

  return session ? (SoupCookieJar *) soup_session_get_feature (session, SOUP_TYPE_COOKIE_JAR) : NULL;
}

static void
delete_matching (GtkWidget  *group,
                 const char *name,
                 const char *domain)
{
  Cookies *data = cookies_of (group);
  SoupCookieJar *jar = get_jar (data);
  GSList *all = jar ? soup_cookie_jar_all_cookies (jar) : NULL;

  for (GSList *l = all; l != NULL; l = l->next)
    {
      SoupCookie *cookie = l->data;

      if ((name == NULL || g_str_equal (soup_cookie_get_name (cookie), name)) &&
          (domain == NULL || g_strcmp0 (soup_cookie_get_domain (cookie), domain) == 0))
        soup_cookie_jar_delete_cookie (jar, cookie);
    }
  g_slist_free_full (all, (GDestroyNotify) soup_cookie_free);
  tess_cookies_group_refresh (group);
}

static void
delete_cookie_clicked_cb (GtkButton *button,
                          GtkWidget *group)
{
  delete_matching (group, g_object_get_data (G_OBJECT (button), "name"),
                   g_object_get_data (G_OBJECT (button), "domain"));
}

static void
delete_all_clicked_cb (GtkButton *button,
                       GtkWidget *group)
{
  delete_matching (group, NULL, NULL);
}

/* A row's key: a jar holds one cookie per name, domain and path. */
static char *
cookie_key (SoupCookie *cookie)
{
  return g_strdup_printf ("%s\n%s\n%s", soup_cookie_get_domain (cookie), soup_cookie_get_path (cookie),
                          soup_cookie_get_name (cookie));
}

/* A value as the row shows it: session tokens run to kilobytes, so only
 * their start. Cut here rather than with the subtitle's line limit, which
 * GTK 4.8 mis-measures for very short values. */
static char *
cookie_value_preview (const char *value)
{
  const glong limit = 72;
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (value, -1) > limit)
    {
      g_autofree char *start = g_utf8_substring (value, 0, limit);

      cut = g_strconcat (start, "…", NULL);
    }
  return g_markup_escape_text (cut ? cut : value, -1);
}

static void
add_row (GtkWidget  *group,
         SoupCookie *cookie)
{
  Cookies *data = cookies_of (group);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_strdup_printf ("%s — %s", soup_cookie_get_domain (cookie),
                                            soup_cookie_get_name (cookie));
  g_autofree char *value = cookie_value_preview (soup_cookie_get_value (cookie));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  g_object_set_data_full (G_OBJECT (row), "key", cookie_key (cookie), g_free);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  tess_widget_set_accessible_label (remove, _("Delete"), NULL);
  g_object_set_data_full (G_OBJECT (remove), "name", g_strdup (soup_cookie_get_name (cookie)), g_free);
  g_object_set_data_full (G_OBJECT (remove), "domain", g_strdup (soup_cookie_get_domain (cookie)), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (delete_cookie_clicked_cb), group);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (data->rows, row);
}

static void
remove_row (GtkWidget  *group,
            SoupCookie *cookie)
{
  Cookies *data = cookies_of (group);
  g_autofree char *key = cookie_key (cookie);

  for (guint i = 0; i < data->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (data->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "key"), key) == 0)
        {
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_remove_index (data->rows, i);
          return;
        }
    }
}

static void
update_summary (GtkWidget *group)
{
  Cookies *data = cookies_of (group);

  gtk_widget_set_sensitive (data->delete_all, data->rows->len > 0);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         data->rows->len > 0 ? _("Sent back to the servers that set them")
                                                             : _("No cookies are kept"));
}

/* The jar emits this with its lock held: asking it for its cookies here
 * would deadlock, so the rows follow the change itself. */
static void
jar_changed_cb (SoupCookieJar *jar,
                SoupCookie    *old_cookie,
                SoupCookie    *new_cookie,
                GtkWidget     *group)
{
  if (old_cookie != NULL)
    remove_row (group, old_cookie);
  if (new_cookie != NULL)
    add_row (group, new_cookie);
  update_summary (group);
}

/* Listens to @jar (NULL: to none). */
static void
watch_jar (GtkWidget     *group,
           SoupCookieJar *jar)
{
  Cookies *data = cookies_of (group);

  if (jar == data->jar)
    return;
  if (data->jar != NULL)
    g_clear_signal_handler (&data->jar_changed, data->jar);
  g_set_object (&data->jar, jar);
  if (jar != NULL)
    data->jar_changed = g_signal_connect_object (jar, "changed", G_CALLBACK (jar_changed_cb), group, 0);
}

static void
cookie_file_changed_cb (TessSender *sender,
                        GParamSpec *pspec,
                        GtkWidget  *group)
{
  watch_jar (group, get_jar (cookies_of (group)));
  tess_cookies_group_refresh (group);
}

/* The rows follow the jar while they are shown, as responses set cookies
 * and as they are deleted. Listening stops when the group is hidden rather
 * than when it goes: a preferences group can outlive its closed window
 * (libadwaita 1.2 keeps a reference to it). */
static void
group_map_cb (GtkWidget *group,
              gpointer   user_data)
{
  Cookies *data = cookies_of (group);
  TessSender *sender = tess_application_get_sender (data->application);

  if (sender != NULL && data->cookie_file_changed == 0)
    data->cookie_file_changed = g_signal_connect_object (sender, "notify::cookie-file",
                                                         G_CALLBACK (cookie_file_changed_cb), group, 0);
  watch_jar (group, get_jar (data));
  tess_cookies_group_refresh (group);
}

static void
group_unmap_cb (GtkWidget *group,
                gpointer   user_data)
{
  Cookies *data = cookies_of (group);
  TessSender *sender = tess_application_get_sender (data->application);

  if (sender != NULL)
    g_clear_signal_handler (&data->cookie_file_changed, sender);
  watch_jar (group, NULL);
}

void
tess_cookies_group_refresh (GtkWidget *group)
{
  Cookies *data = cookies_of (group);
  SoupCookieJar *jar;
  GSList *all;

  g_return_if_fail (data != NULL);
  for (guint i = 0; i < data->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), g_ptr_array_index (data->rows, i));
  g_ptr_array_set_size (data->rows, 0);

  jar = get_jar (data);
  all = jar ? soup_cookie_jar_all_cookies (jar) : NULL;
  for (GSList *l = all; l != NULL; l = l->next)
    add_row (group, l->data);
  g_slist_free_full (all, (GDestroyNotify) soup_cookie_free);
  update_summary (group);
}

guint
tess_cookies_group_get_n_rows (GtkWidget *group)
{
  Cookies *data = cookies_of (group);

  g_return_val_if_fail (data != NULL, 0);
  return data->rows->len;
}

void
tess_cookies_group_delete (GtkWidget  *group,
                           const char *name)
{
  delete_matching (group, name, NULL);
}

GtkWidget *
tess_cookies_group_new (TessApplication *application)
{
  GtkWidget *group = adw_preferences_group_new ();
  Cookies *data = g_new0 (Cookies, 1);

  data->application = g_object_ref (application);
  data->rows = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (group), "tess-cookies", data, (GDestroyNotify) cookies_free);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Cookies"));
  data->delete_all = gtk_button_new_with_mnemonic (_("_Delete All"));
  gtk_widget_add_css_class (data->delete_all, "destructive-action");
  gtk_widget_set_valign (data->delete_all, GTK_ALIGN_CENTER);
  g_signal_connect (data->delete_all, "clicked", G_CALLBACK (delete_all_clicked_cb), group);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), data->delete_all);
  g_signal_connect (group, "map", G_CALLBACK (group_map_cb), NULL);
  g_signal_connect (group, "unmap", G_CALLBACK (group_unmap_cb), NULL);
  tess_cookies_group_refresh (group);
  return group;
}
