/* The Flatpak manifest: the app id, command, sandbox holes and a runtime that
 * ships WebKitGTK 6.0. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "tess-test-util.h"

static JsonObject *
load_manifest (void)
{
  static JsonParser *parser;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (parser == NULL)
    {
      path = g_build_filename (tess_test_source_dir (), "..", "flatpak", APP_ID ".json", NULL);
      parser = json_parser_new ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_identity (void)
{
  JsonObject *manifest = load_manifest ();
  const char *id = json_object_get_string_member_with_default (manifest, "id", NULL);

  if (id == NULL)
    id = json_object_get_string_member_with_default (manifest, "app-id", NULL);
  g_assert_cmpstr (id, ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member_with_default (manifest, "command", NULL), ==, "tessera");
}

static void
test_runtime (void)
{
  JsonObject *manifest = load_manifest ();
  const char *version = json_object_get_string_member_with_default (manifest, "runtime-version", "");
  char *end = NULL;
  long major = strtol (version, &end, 10);

  g_assert_cmpstr (json_object_get_string_member_with_default (manifest, "runtime", NULL), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member_with_default (manifest, "sdk", NULL), ==, "org.gnome.Sdk");
  /* WebKitGTK 6.0 (GTK 4) is in the GNOME runtime from 44 on; "master" is newer still. */
  if (g_strcmp0 (version, "master") != 0)
    {
      g_assert_true (end != version);
      g_assert_cmpint (major, >=, 44);
    }
}

static void
test_finish_args (void)
{
  static const char * const required[] = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--talk-name=org.freedesktop.secrets",
  };
  JsonObject *manifest = load_manifest ();
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  g_autoptr(GPtrArray) present = g_ptr_array_new ();

  g_assert_nonnull (args);
  for (guint i = 0; i < json_array_get_length (args); i++)
    g_ptr_array_add (present, (gpointer) json_array_get_string_element (args, i));
  g_ptr_array_add (present, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (!g_strv_contains ((const char * const *) present->pdata, required[i]))
        g_test_message ("finish-args lacks %s", required[i]);
      g_assert_true (g_strv_contains ((const char * const *) present->pdata, required[i]));
    }
  /* Secrets go through the Secret Service; the sandbox needs no home access for them. */
  g_assert_false (g_strv_contains ((const char * const *) present->pdata, "--filesystem=home"));
}

static void
test_module (void)
{
  JsonObject *manifest = load_manifest ();
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *app;
  JsonArray *opts;
  gboolean ui = FALSE;

  g_assert_nonnull (modules);
  g_assert_cmpuint (json_array_get_length (modules), >, 0);
  /* The app is the last module: the ones before it are what it needs. */
  app = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_nonnull (app);
  g_assert_cmpstr (json_object_get_string_member_with_default (app, "name", NULL), ==, "tessera");
  g_assert_cmpstr (json_object_get_string_member_with_default (app, "buildsystem", NULL), ==, "meson");
  opts = json_object_get_array_member (app, "config-opts");
  for (guint i = 0; opts != NULL && i < json_array_get_length (opts); i++)
    if (g_strcmp0 (json_array_get_string_element (opts, i), "-Dui=true") == 0)
      ui = TRUE;
  g_assert_true (ui);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flatpak/identity", test_identity);
  g_test_add_func ("/flatpak/runtime", test_runtime);
  g_test_add_func ("/flatpak/finish-args", test_finish_args);
  g_test_add_func ("/flatpak/module", test_module);
  return g_test_run ();
}
