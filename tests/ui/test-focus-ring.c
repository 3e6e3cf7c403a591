/* The URL entry draws its focus ring as an inset shadow (data/style.css),
 * where libadwaita draws an entry's ring as an outline. The two must land on
 * the same pixels: a URL entry and a plain entry of the same size are
 * focused in turn and drawn with GTK's cairo and GL renderers, light and
 * dark, and the band along their edges, where a ring goes, is compared. Run
 * once in the normal style and once in high contrast (style-hc.css). */
#include "config.h"

#include <adwaita.h>
#include <gsk/gl/gskglrenderer.h>
#include <gtk/gtk.h>
#include <string.h>

#include "tess-test-util.h"
#include "tess-ui-test.h"

#define TIMEOUT_MS 10000
/* The ring is 2 px wide inside the border box; the band takes a little more. */
#define BAND 4

typedef struct {
  const char  *name;
  GskRenderer *renderer;
} Renderer;

static GtkWidget *url_entry;
static GtkWidget *plain_entry;
static GPtrArray *renderers;

static void
load_css (const char *file)
{
  g_autofree char *path = g_build_filename (g_getenv ("TESS_TESTS_DIR"), "..", "data", file, NULL);
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_css_provider_load_from_path (provider, path);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* @widget's pixels (premultiplied BGRA, rows of width × 4 bytes) as
 * @renderer draws it now. */
static GBytes *
draw (GtkWidget   *widget,
      GskRenderer *renderer)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *data = g_malloc (width * height * 4);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, width * 4);
  return g_bytes_new_take (data, width * height * 4);
}

/* How many pixels of the edge band differ between @a and @b. */
static guint
band_differences (GBytes *a,
                  GBytes *b,
                  int     width,
                  int     height)
{
  const guchar *pa = g_bytes_get_data (a, NULL);
  const guchar *pb = g_bytes_get_data (b, NULL);
  guint differ = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        gsize at = ((gsize) y * width + x) * 4;

        if (x >= BAND && x < width - BAND && y >= BAND && y < height - BAND)
          continue;
        if (memcmp (pa + at, pb + at, 4) != 0)
          differ++;
      }
  return differ;
}

static void
focus (GtkWidget *entry)
{
  gtk_widget_grab_focus (entry);
  g_assert_true (gtk_widget_get_state_flags (entry) & GTK_STATE_FLAG_FOCUS_WITHIN);
  tess_ui_test_settle (entry, TIMEOUT_MS);
}

static void
compare (const char *scheme)
{
  int width = gtk_widget_get_width (url_entry);
  int height = gtk_widget_get_height (url_entry);

  g_assert_cmpint (width, >, 2 * BAND);
  g_assert_cmpint (gtk_widget_get_width (plain_entry), ==, width);
  g_assert_cmpint (gtk_widget_get_height (plain_entry), ==, height);

  for (guint i = 0; i < renderers->len; i++)
    {
      Renderer *r = g_ptr_array_index (renderers, i);
      g_autoptr(GBytes) url_focused = NULL, plain_focused = NULL;
      g_autoptr(GBytes) url_idle = NULL, plain_idle = NULL;

      focus (url_entry);
      url_focused = draw (url_entry, r->renderer);
      plain_idle = draw (plain_entry, r->renderer);
      focus (plain_entry);
      plain_focused = draw (plain_entry, r->renderer);
      url_idle = draw (url_entry, r->renderer);

      g_test_message ("%s, %s: focused URL entry vs focused entry: %u pixels differ; idle: %u; "
                      "URL entry focused vs idle: %u", scheme, r->name,
                      band_differences (url_focused, plain_focused, width, height),
                      band_differences (url_idle, plain_idle, width, height),
                      band_differences (url_focused, url_idle, width, height));
      /* There is a ring to compare… */
      g_assert_cmpuint (band_differences (url_focused, url_idle, width, height), >, 2 * (width + height));
      /* …and it is libadwaita's, pixel for pixel; so is the entry without it. */
      g_assert_cmpuint (band_differences (url_focused, plain_focused, width, height), ==, 0);
      g_assert_cmpuint (band_differences (url_idle, plain_idle, width, height), ==, 0);
    }
}

static void
test_same_pixels (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  compare ("light");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  compare ("dark");
}

static void
add_renderer (const char  *name,
              GskRenderer *renderer)
{
  g_autoptr(GError) error = NULL;
  Renderer *r;

  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      /* The cairo renderer always realizes; GL needs a GL context. */
      g_test_message ("%s renderer: %s", name, error->message);
      g_object_unref (renderer);
      if (g_str_equal (name, "cairo") || tess_test_peers_required ())
        g_error ("the %s renderer could not be realized: %s", name, error->message);
      return;
    }
  r = g_new0 (Renderer, 1);
  r->name = name;
  r->renderer = renderer;
  g_ptr_array_add (renderers, r);
}

int
main (int   argc,
      char *argv[])
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *url_bar;
  int status;

  if (!tess_ui_test_check_display (&argc, &argv, "/ui/focus-ring/same-pixels",
                                   "no display: run the UI tests under xvfb-run"))
    return g_test_run ();

  tess_ui_test_init_gtk (&argc, &argv, FALSE);
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* ADW_DEBUG_HIGH_CONTRAST=1 (the second run) must have taken. */
  g_assert_cmpint (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()), ==,
                   g_getenv ("ADW_DEBUG_HIGH_CONTRAST") != NULL);
  load_css ("style.css");
  if (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
    load_css ("style-hc.css");

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  url_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (url_bar, "url-bar");
  url_entry = gtk_entry_new ();
  plain_entry = gtk_entry_new ();
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *entry = i == 0 ? url_entry : plain_entry;

      gtk_widget_set_size_request (entry, 240, 34);
      gtk_widget_set_halign (entry, GTK_ALIGN_START);
      gtk_widget_set_valign (entry, GTK_ALIGN_START);
    }
  gtk_box_append (GTK_BOX (url_bar), url_entry);
  gtk_box_append (GTK_BOX (box), url_bar);
  gtk_box_append (GTK_BOX (box), plain_entry);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_window_set_child (GTK_WINDOW (window), box);
  tess_ui_test_count_frames (window);
  gtk_window_present (GTK_WINDOW (window));
  tess_ui_test_focus_window (GTK_WINDOW (window), TIMEOUT_MS);
  tess_ui_test_settle (url_entry, TIMEOUT_MS);

  renderers = g_ptr_array_new ();
  add_renderer ("cairo", gsk_cairo_renderer_new ());
  add_renderer ("GL", gsk_gl_renderer_new ());

  g_test_add_func ("/ui/focus-ring/same-pixels", test_same_pixels);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
