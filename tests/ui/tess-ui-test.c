/* What the desktop tests share: starting GTK under Xvfb, the application and
 * its window, waiting for frames, finding widgets and PNG snapshots. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#ifdef GDK_WINDOWING_X11
#include <X11/Xlib.h>
#include <gdk/x11/gdkx.h>
#endif
#if defined(GDK_WINDOWING_X11) && defined(TESS_HAVE_XTEST)
#include <X11/extensions/XTest.h>
#endif

#include "tess-sidebar.h"
#include "tess-test-util.h"
#include "tess-ui-test.h"

/* One count for every widget whose clock is watched: a test may paint more
 * than one window and waits for whichever frames come next. */
static guint frames;

static void
skip_no_display (gconstpointer reason)
{
  tess_test_skip_peer ("%s", (const char *) reason);
}

/* The tests run on X11 (GDK_BACKEND=x11 in their environment): Xvfb. Without
 * a display only @test_path is added, skipping with @reason; main then returns
 * g_test_run (). */
gboolean
tess_ui_test_check_display (int          *argc,
                            char       ***argv,
                            const char   *test_path,
                            const char   *reason)
{
  const char *display = g_getenv ("DISPLAY");

  if (display != NULL && *display != '\0')
    return TRUE;
  g_test_init (argc, argv, NULL);
  g_test_add_data_func (test_path, reason, skip_no_display);
  return FALSE;
}

/* A temporary folder, made the application's workspace through
 * TESSERA_WORKSPACE: call before tess_ui_test_init_gtk (). */
char *
tess_ui_test_make_workspace (void)
{
  char *workspace = tess_test_make_tmpdir ();

  g_setenv ("TESSERA_WORKSPACE", workspace, TRUE);
  return workspace;
}

/* Call after any g_setenv (): GTK starts threads, and setenv is not thread-safe. */
void
tess_ui_test_init_gtk (int       *argc,
                       char    ***argv,
                       gboolean   animations)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* Snapshots show end states, not the middle of a transition. */
  if (!animations)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

TessApplication *
tess_ui_test_app_new (GApplicationFlags flags)
{
  TessApplication *app = tess_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | flags);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}

TessWindow *
tess_ui_test_app_activate (TessApplication *app)
{
  TessWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = TESS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  return window;
}

/* Closes @window without asking (tabs may hold unsaved edits on purpose)
 * and quits @app. */
void
tess_ui_test_quit (TessApplication *app,
                   GtkWindow       *window)
{
  gtk_window_destroy (window);
  g_application_quit (G_APPLICATION (app));
}

static gboolean
app_loaded (gpointer app)
{
  return !tess_application_get_loading (TESS_APPLICATION (app));
}

void
tess_ui_test_wait_loaded (TessApplication *app,
                          guint            timeout_ms)
{
  g_assert_true (tess_test_wait_until (app_loaded, app, timeout_ms));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  frames++;
  return G_SOURCE_CONTINUE;
}

void
tess_ui_test_count_frames (GtkWidget *widget)
{
  gtk_widget_add_tick_callback (widget, tick_cb, NULL, NULL);
}

static gboolean
frames_reached (gpointer data)
{
  return frames >= GPOINTER_TO_UINT (data);
}

static gboolean
laid_out (gpointer widget)
{
  return gtk_widget_get_width (GTK_WIDGET (widget)) > 0;
}

/* Lets GTK lay out and paint what changed: a few frames after now, once
 * @laid_out_widget (if given) has a size. */
void
tess_ui_test_settle (GtkWidget *laid_out_widget,
                     guint      timeout_ms)
{
  if (laid_out_widget != NULL)
    g_assert_true (tess_test_wait_until (laid_out, laid_out_widget, timeout_ms));
  g_assert_true (tess_test_wait_until (frames_reached, GUINT_TO_POINTER (frames + 3), timeout_ms));
}

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static gboolean
active (gpointer window)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}

/* Xvfb runs no window manager, so nothing gives the window the focus and it
 * would be painted in its inactive (backdrop) style: give it the focus. */
void
tess_ui_test_focus_window (GtkWindow *window,
                           guint      timeout_ms)
{
#ifdef GDK_WINDOWING_X11
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSurface *surface;

  g_assert_true (tess_test_wait_until (mapped, window, timeout_ms));
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (GDK_IS_X11_DISPLAY (display))
    {
      XSetInputFocus (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
                      RevertToParent, CurrentTime);
      if (!tess_test_wait_until (active, window, timeout_ms))
        g_test_message ("the window did not become active; snapshots show its backdrop style");
    }
#endif
}

void
tess_ui_test_show_main_window (TessWindow *window,
                               guint       timeout_ms)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  tess_ui_test_count_frames (GTK_WIDGET (window));
  tess_ui_test_focus_window (GTK_WINDOW (window), timeout_ms);
}

#if defined(GDK_WINDOWING_X11) && defined(TESS_HAVE_XTEST)
/* The X display of @widget when it has the XTEST extension, else NULL. */
static Display *
xtest_display (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  Display *xdisplay;
  int event_base, error_base, major, minor;

  if (!GDK_IS_X11_DISPLAY (display))
    return NULL;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  return XTestQueryExtension (xdisplay, &event_base, &error_base, &major, &minor) ? xdisplay : NULL;
}

static void
fake_key (Display *xdisplay,
          guint    keyval,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}
#endif

/* Whether tess_ui_test_press_key () can press keys on @widget's display. */
gboolean
tess_ui_test_can_press_keys (GtkWidget *widget)
{
#if defined(GDK_WINDOWING_X11) && defined(TESS_HAVE_XTEST)
  return xtest_display (widget) != NULL;
#else
  return FALSE;
#endif
}

/* Presses and releases @keyval, with Control and Shift as @modifiers ask,
 * through the X server's XTEST extension: the keys reach the focused
 * window the way a person's do, through every shortcut controller on the
 * way. The caller waits for what they do. */
void
tess_ui_test_press_key (GtkWidget       *widget,
                        guint            keyval,
                        GdkModifierType  modifiers)
{
#if defined(GDK_WINDOWING_X11) && defined(TESS_HAVE_XTEST)
  Display *xdisplay = xtest_display (widget);

  g_assert_nonnull (xdisplay);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (xdisplay, GDK_KEY_Control_L, TRUE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (xdisplay, GDK_KEY_Shift_L, TRUE);
  fake_key (xdisplay, keyval, TRUE);
  fake_key (xdisplay, keyval, FALSE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (xdisplay, GDK_KEY_Shift_L, FALSE);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (xdisplay, GDK_KEY_Control_L, FALSE);
  XSync (xdisplay, False);
#else
  g_assert_not_reached ();
#endif
}

/* Draws @popover (a separate surface) where it is shown. */
static void
snapshot_popover (GtkSnapshot *snapshot,
                  GtkWidget   *popover)
{
  g_autoptr(GdkPaintable) pop = gtk_widget_paintable_new (popover);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  double sx, sy;

  gtk_native_get_surface_transform (GTK_NATIVE (popover), &sx, &sy);
  g_test_message ("popup at %d,%d transform %g,%g size %dx%d", gdk_popup_get_position_x (GDK_POPUP (surface)),
                  gdk_popup_get_position_y (GDK_POPUP (surface)), sx, sy,
                  gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) + sx,
                                                          gdk_popup_get_position_y (GDK_POPUP (surface)) + sy));
  gdk_paintable_snapshot (pop, snapshot, gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  gtk_snapshot_restore (snapshot);
}

/* Writes @widget (a window), with @popover if it is shown, as NAME.png in
 * the build directory's screenshots/ for a person to look at. The caller
 * settles first. */
/* @widget drawn as it is now, or NULL while a relayout is pending: a
 * widget's paintable is empty then. */
static GskRenderNode *
render_now (GtkWidget *widget,
            GtkWidget *popover,
            int        width,
            int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  if (popover != NULL && gtk_widget_get_mapped (popover))
    snapshot_popover (snapshot, popover);
  return gtk_snapshot_free_to_node (snapshot);
}

void
tess_ui_test_save_snapshot (GtkWidget  *widget,
                            GtkWidget  *popover,
                            const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("TESS_BUILD_DIR"), "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  /* A text view still laying out a large text queues resizes for a while. */
  for (guint attempt = 0; attempt < 50 && node == NULL; attempt++)
    {
      if (attempt > 0)
        tess_ui_test_settle (NULL, 5000);
      node = render_now (widget, popover, width, height);
    }
  g_test_message ("snapshot %s: %dx%d mapped %d", name, width, height, gtk_widget_get_mapped (widget));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("snapshot: %s", path);
}

/* The first visible toplevel of @type, or NULL. */
GtkWindow *
tess_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* @widget or its first descendant that @match accepts, depth first, or NULL. */
GtkWidget *
tess_ui_test_find_widget (GtkWidget         *widget,
                          TessUiTestMatch    match,
                          gconstpointer      data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tess_ui_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* @widget or its first descendant of @type, depth first, or NULL. */
GtkWidget *
tess_ui_test_find_descendant (GtkWidget *widget,
                              GType      type)
{
  return tess_ui_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
toplevel_shown (gpointer type)
{
  return tess_ui_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

/* Waits for a visible toplevel of @type and returns it. */
GtkWindow *
tess_ui_test_wait_toplevel (GType type,
                            guint timeout_ms)
{
  g_assert_true (tess_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), timeout_ms));
  return tess_ui_test_find_toplevel (type);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * that
 * @user_data points to. */
void
tess_ui_test_keep_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_kept (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
tess_ui_test_wait_result (GAsyncResult **result,
                          guint          timeout_ms)
{
  g_assert_true (tess_test_wait_until (result_kept, result, timeout_ms));
}

/* Waits for a message dialog, types @entry_text (unless NULL) into its entry
 * and answers with @response. */
void
tess_ui_test_answer_dialog (const char *response,
                            const char *entry_text,
                            guint       timeout_ms)
{
  AdwMessageDialog *dialog;

  dialog = g_object_ref (ADW_MESSAGE_DIALOG (tess_ui_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, timeout_ms)));
  if (entry_text != NULL)
    {
      GtkWidget *entry = tess_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);

      g_assert_nonnull (entry);
      gtk_editable_set_text (GTK_EDITABLE (entry), entry_text);
    }
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* The position of the first sidebar row named @name, or -1. */
gint
tess_ui_test_find_row (TessWindow *window,
                       const char *name)
{
  GListModel *rows = tess_sidebar_get_rows (TESS_SIDEBAR (tess_window_get_sidebar (window)));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(TessItem) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (tess_item_get_name (item), name) == 0)
        return (gint) i;
    }
  return -1;
}

char *
tess_ui_test_write_demo_collection (const char *base)
{
  g_autofree char *dir = tess_test_make_tmpdir ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strdup_printf (
    "{\n"
    "  \"info\": {\n"
    "    \"_postman_id\": \"5b8e2a52-7b8b-4a4c-9d0e-3c4f1a2b3c4d\",\n"
    "    \"name\": \"Demo API\",\n"
    "    \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"\n"
    "  },\n"
    "  \"auth\": {\"type\": \"basic\", \"basic\": [\n"
    "    {\"key\": \"username\", \"value\": \"ada\", \"type\": \"string\"},\n"
    "    {\"key\": \"password\", \"value\": \"analytical-engine\", \"type\": \"string\"}]},\n"
    "  \"variable\": [{\"key\": \"base\", \"value\": \"%s\"}],\n"
    "  \"item\": [\n"
    "    {\"name\": \"Users\", \"item\": [\n"
    "      {\"name\": \"List users\", \"request\": {\"method\": \"GET\", \"url\": \"{{base}}/users\"}},\n"
    "      {\"name\": \"Create user\", \"request\": {\"method\": \"POST\", \"url\": \"{{base}}/users\",\n"
    "        \"body\": {\"mode\": \"raw\", \"raw\": \"{\\\"name\\\": \\\"Ada\\\"}\", \"options\": {\"raw\": {\"language\": \"json\"}}}}}\n"
    "    ]},\n"
    "    {\"name\": \"Get JSON\", \"request\": {\"method\": \"GET\",\n"
    "      \"header\": [{\"key\": \"Accept\", \"value\": \"application/json\"}],\n"
    "      \"url\": \"{{base}}/json\"}},\n"
    "    {\"name\": \"Update item\", \"request\": {\"method\": \"PATCH\", \"url\": \"{{base}}/items/1\"}},\n"
    "    {\"name\": \"Delete item\", \"request\": {\"method\": \"DELETE\", \"url\": \"{{base}}/items/1\"}},\n"
    "    {\"name\": \"Server time\", \"request\": {\"method\": \"GET\", \"url\": \"{{base}}/slow\"}}\n"
    "  ]\n"
    "}\n", base);
  char *path = g_build_filename (dir, "demo.postman_collection.json", NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
tess_ui_test_write_broken_collection (const char *workspace)
{
  g_autofree char *dir = g_build_filename (workspace, "collections", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.postman_collection.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "{\n  \"info\": {\n    \"name\": \"Broken\",,\n  }\n}\n", -1, &error);
  g_assert_no_error (error);
}
