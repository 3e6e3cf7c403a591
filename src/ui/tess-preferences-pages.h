#pragma once

#include <adwaita.h>

#include "tess-application.h"

G_BEGIN_DECLS

/* Client certificates per host: the workspace's list, with add and remove.
 * @changed runs after each change, to apply and save the settings. */
GtkWidget *tess_certificates_group_new  (TessApplication *application,
                                         GCallback        changed,
                                         gpointer         user_data);
/* Adds or replaces the certificate of @host, as the group's Add does. */
void       tess_certificates_group_add  (GtkWidget       *group,
                                         const char      *host,
                                         const char      *cert,
                                         const char      *key,
                                         const char      *pfx);
void       tess_certificates_group_remove (GtkWidget     *group,
                                           const char    *host);
guint      tess_certificates_group_get_n_rows (GtkWidget *group);

/* The cookies the sender keeps, each with a delete button, and Delete All;
 * rows follow the jar as responses set cookies and as they are deleted. */
GtkWidget *tess_cookies_group_new       (TessApplication *application);
void       tess_cookies_group_refresh   (GtkWidget       *group);
guint      tess_cookies_group_get_n_rows (GtkWidget      *group);
/* Deletes the cookies named @name (all of them when NULL). */
void       tess_cookies_group_delete    (GtkWidget       *group,
                                         const char      *name);

G_END_DECLS
