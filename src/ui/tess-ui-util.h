#pragma once

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* The verbs the method picker offers; any other token may be typed. */
extern const char * const tess_common_methods[];

/* "method-get" … "method-other": the CSS class colouring a method tag. */
const char *tess_method_css_class        (const char *method);
/* Replaces any method-* class on @widget with the one for @method. */
void        tess_widget_set_method_class (GtkWidget  *widget,
                                          const char *method);

/* "status-success" … "status-server-error"; "status-failed" for 0. */
const char *tess_status_css_class        (guint       status);
void        tess_widget_set_status_class (GtkWidget  *widget,
                                          guint       status);

/* "840 ms", "1.25 s", "2 min 5 s" from microseconds. */
char       *tess_format_duration         (gint64      usec);
/* "512 B", "1.2 kB" (decimal units, like the rest of GNOME). */
char       *tess_format_size             (gint64      bytes);

/* Removes every child of a GtkListBox. */
void        tess_list_box_remove_all     (GtkListBox *box);

/* Names a widget that shows no text (an icon button, a check box): @label
 * becomes its accessible name and, unless @tooltip says more (a shortcut),
 * its tooltip. GTK 4.8 only makes a tooltip the description, so a screen
 * reader would otherwise hear the type name. */
void        tess_widget_set_accessible_label (GtkWidget  *widget,
                                              const char *label,
                                              const char *tooltip);
/* Gives @button its menu the first time it opens: GTK builds a menu's
 * popover as soon as it has the model, and most menus are rarely opened. */
void        tess_menu_button_set_menu_model_lazily (GtkMenuButton *button,
                                                    GMenuModel    *model);


/* Keeps @buffer's style scheme in step with the light or dark style. */
void        tess_source_buffer_follow_style (GtkSourceBuffer *buffer);
/* A GtkSourceView language id for a Postman raw language or a MIME type, or NULL. */
const char *tess_source_language_for       (const char      *language_or_type);
void        tess_source_buffer_set_language_id (GtkSourceBuffer *buffer,
                                                const char      *id);

G_END_DECLS
