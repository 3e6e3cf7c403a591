#include <string.h>

#include "tess-error.h"
#include "tess-kv.h"
#include "tess-variables.h"

static char *
expand_ok (TessVariables *vars,
           const char    *text)
{
  g_autoptr(GError) error = NULL;
  char *result = tess_variables_expand (vars, text, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
assert_expands (TessVariables *vars,
                const char    *text,
                const char    *expected)
{
  g_autofree char *result = expand_ok (vars, text);

  g_assert_cmpstr (result, ==, expected);
}

static void
test_precedence (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();

  tess_variables_set (vars, TESS_SCOPE_GLOBAL, "host", "global");
  assert_expands (vars, "{{host}}", "global");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "host", "environment");
  assert_expands (vars, "{{host}}", "environment");
  /* Set after the environment, but a lower scope: must not win. */
  tess_variables_set (vars, TESS_SCOPE_COLLECTION, "host", "collection");
  assert_expands (vars, "{{host}}", "environment");
  tess_variables_set (vars, TESS_SCOPE_LOCAL, "host", "local");
  assert_expands (vars, "{{host}}", "local");
  g_assert_cmpstr (tess_variables_lookup (vars, "host"), ==, "local");

  tess_variables_clear_scope (vars, TESS_SCOPE_LOCAL);
  assert_expands (vars, "{{host}}", "environment");
  tess_variables_clear_scope (vars, TESS_SCOPE_ENVIRONMENT);
  assert_expands (vars, "{{host}}", "collection");
  tess_variables_clear_scope (vars, TESS_SCOPE_COLLECTION);
  assert_expands (vars, "{{host}}", "global");
  tess_variables_clear_scope (vars, TESS_SCOPE_GLOBAL);
  g_assert_null (tess_variables_lookup (vars, "host"));
}

static void
test_names_and_text (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();

  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "base url", "https://api.example.com");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "api.version-2", "v2");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "a", "A");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "empty", NULL);

  assert_expands (vars, "{{base url}}/{{api.version-2}}/items?x={{a}}{{a}}",
                  "https://api.example.com/v2/items?x=AA");
  assert_expands (vars, "[{{empty}}]", "[]");
  assert_expands (vars, "no references", "no references");
  assert_expands (vars, "", "");
  /* Names hold no braces (Postman's pattern): the innermost pair is the reference. */
  assert_expands (vars, "{{{a}}}", "{A}");
  assert_expands (vars, "{{}} {a} {{a} {{a", "{{}} {a} {{a} {{a");
  assert_expands (vars, "ünïcode {{a}} ✓", "ünïcode A ✓");
}

static void
test_nested (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();

  tess_variables_set (vars, TESS_SCOPE_GLOBAL, "scheme", "https");
  tess_variables_set (vars, TESS_SCOPE_COLLECTION, "host", "{{sub}}.example.com");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "sub", "eu");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "url", "{{scheme}}://{{host}}");
  tess_variables_set (vars, TESS_SCOPE_LOCAL, "path", "{{url}}/x/{{url}}");

  assert_expands (vars, "{{path}}", "https://eu.example.com/x/https://eu.example.com");
  /* lookup is the raw value, not expanded */
  g_assert_cmpstr (tess_variables_lookup (vars, "url"), ==, "{{scheme}}://{{host}}");
}

static void
assert_variable_error (TessVariables *vars,
                       const char    *text,
                       const char    *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = tess_variables_expand (vars, text, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_VARIABLE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_cycle (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();

  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "a", "x{{b}}");
  tess_variables_set (vars, TESS_SCOPE_GLOBAL, "b", "{{a}}y");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "self", "[{{self}}]");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "entry", "{{a}}");

  assert_variable_error (vars, "start {{a}}", "variable cycle: a → b → a");
  assert_variable_error (vars, "{{b}}", "variable cycle: b → a → b");
  assert_variable_error (vars, "{{self}}", "variable cycle: self → self");
  /* The names leading into the loop are not part of it. */
  assert_variable_error (vars, "{{entry}}", "variable cycle: a → b → a");

  /* Using a name twice side by side is not a cycle. */
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "twice", "{{leaf}}{{leaf}}");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "leaf", "L");
  assert_expands (vars, "{{twice}}", "LL");
}

static void
test_depth_limit (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("v%d", i);
      g_autofree char *value = g_strdup_printf ("{{v%d}}", i + 1);

      tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, name, value);
    }
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "v40", "end");

  result = tess_variables_expand (vars, "{{v0}}", NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_VARIABLE);
  g_assert_true (g_str_has_prefix (error->message, "variable ‘v0’: references nest deeper than"));
  g_assert_nonnull (strstr (error->message, "v0 → v1 → v2"));

  /* A shallower chain is fine. */
  assert_expands (vars, "{{v30}}", "end");
}

static void
test_unresolved (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(GPtrArray) unresolved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "known", "K");
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "outer", "<{{inner missing}}>");

  result = tess_variables_expand (vars, "{{x}}/{{known}}/{{ y.z }}/{{x}}/{{outer}}/{{$notDynamic}}",
                                   unresolved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "{{x}}/K/{{ y.z }}/{{x}}/<{{inner missing}}>/{{$notDynamic}}");
  g_assert_cmpuint (unresolved->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (unresolved, 0), ==, "x");
  g_assert_cmpstr (g_ptr_array_index (unresolved, 1), ==, " y.z ");
  g_assert_cmpstr (g_ptr_array_index (unresolved, 2), ==, "inner missing");
  g_assert_cmpstr (g_ptr_array_index (unresolved, 3), ==, "$notDynamic");

  /* A second expansion into the same array adds only new names. */
  g_clear_pointer (&result, g_free);
  result = tess_variables_expand (vars, "{{x}}{{w}}", unresolved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unresolved->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (unresolved, 4), ==, "w");
}

static void
assert_matches (const char *pattern,
                const char *text)
{
  if (!g_regex_match_simple (pattern, text, 0, 0))
    g_error ("‘%s’ does not match /%s/", text, pattern);
}

static void
test_dynamic (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(GPtrArray) unresolved = g_ptr_array_new_with_free_func (g_free);
  const char *uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  g_autofree char *guid_pattern = g_strdup_printf ("^(%s) (%s)$", uuid, uuid);
  g_autofree char *guids = NULL;
  g_autofree char *random_uuid = NULL;
  g_autofree char *timestamp = NULL;
  g_autofree char *iso = NULL;
  g_auto(GStrv) pair = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 after;
  g_autoptr(GError) error = NULL;

  guids = expand_ok (vars, "{{$guid}} {{$guid}}");
  assert_matches (guid_pattern, guids);
  pair = g_strsplit (guids, " ", 2);
  g_assert_cmpstr (pair[0], !=, pair[1]);   /* one value per occurrence */

  random_uuid = expand_ok (vars, "{{$randomUUID}}");
  g_assert_cmpuint (strlen (random_uuid), ==, 36);
  assert_matches (uuid, random_uuid);

  timestamp = expand_ok (vars, "{{$timestamp}}");
  after = g_get_real_time () / G_USEC_PER_SEC;
  assert_matches ("^[0-9]{10}$", timestamp);
  g_assert_cmpint (g_ascii_strtoll (timestamp, NULL, 10), >=, before);
  g_assert_cmpint (g_ascii_strtoll (timestamp, NULL, 10), <=, after);

  iso = expand_ok (vars, "{{$isoTimestamp}}");
  assert_matches ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$", iso);
  parsed = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_to_unix (parsed), >=, before);
  g_assert_cmpint (g_date_time_to_unix (parsed), <=, after + 1);

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *n = expand_ok (vars, "{{$randomInt}}");
      gint64 value;

      assert_matches ("^[0-9]{1,4}$", n);
      value = g_ascii_strtoll (n, NULL, 10);
      g_assert_cmpint (value, >=, 0);
      g_assert_cmpint (value, <=, 1000);
    }

  /* Dynamic names are not reported as unresolved, and they work nested. */
  tess_variables_set (vars, TESS_SCOPE_ENVIRONMENT, "request id", "req-{{$randomInt}}");
  g_clear_pointer (&timestamp, g_free);
  timestamp = tess_variables_expand (vars, "{{request id}}", unresolved, &error);
  g_assert_no_error (error);
  assert_matches ("^req-[0-9]{1,4}$", timestamp);
  g_assert_cmpuint (unresolved->len, ==, 0);

  /* A variable a person defined wins over the generated one. */
  tess_variables_set (vars, TESS_SCOPE_LOCAL, "$guid", "fixed");
  assert_expands (vars, "{{$guid}}", "fixed");
}

static void
add_row (GPtrArray  *list,
         const char *key,
         const char *value,
         gboolean    enabled)
{
  TessKeyValue *kv = g_new0 (TessKeyValue, 1);

  kv->key = g_strdup (key);
  kv->value = g_strdup (value);
  kv->enabled = enabled;
  g_ptr_array_add (list, kv);
}

static void
free_row (gpointer data)
{
  TessKeyValue *kv = data;

  g_free (kv->key);
  g_free (kv->value);
  g_free (kv);
}

static void
test_disabled_rows (void)
{
  g_autoptr(TessVariables) vars = tess_variables_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_row);
  g_autoptr(GPtrArray) unresolved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  tess_variables_set (vars, TESS_SCOPE_GLOBAL, "token", "from-globals");
  add_row (list, "user", "alice", TRUE);
  add_row (list, "token", "disabled-token", FALSE);
  add_row (list, "off", "never", FALSE);
  add_row (list, "nil", NULL, TRUE);
  tess_variables_set_list (vars, TESS_SCOPE_ENVIRONMENT, list);

  g_assert_cmpstr (tess_variables_lookup (vars, "user"), ==, "alice");
  g_assert_null (tess_variables_lookup (vars, "off"));
  g_assert_cmpstr (tess_variables_lookup (vars, "nil"), ==, "");
  result = tess_variables_expand (vars, "{{user}}:{{token}}:{{off}}", unresolved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "alice:from-globals:{{off}}");
  g_assert_cmpuint (unresolved->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (unresolved, 0), ==, "off");
}

static void
test_refcount (void)
{
  TessVariables *vars = tess_variables_new ();
  TessVariables *copy;

  tess_variables_set (vars, TESS_SCOPE_LOCAL, "k", "v");
  copy = g_boxed_copy (TESS_TYPE_VARIABLES, vars);
  g_assert_true (copy == vars);
  tess_variables_unref (vars);
  g_assert_cmpstr (tess_variables_lookup (copy, "k"), ==, "v");
  g_boxed_free (TESS_TYPE_VARIABLES, copy);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/variables/precedence", test_precedence);
  g_test_add_func ("/variables/names-and-text", test_names_and_text);
  g_test_add_func ("/variables/nested", test_nested);
  g_test_add_func ("/variables/cycle", test_cycle);
  g_test_add_func ("/variables/depth-limit", test_depth_limit);
  g_test_add_func ("/variables/unresolved", test_unresolved);
  g_test_add_func ("/variables/dynamic", test_dynamic);
  g_test_add_func ("/variables/disabled-rows", test_disabled_rows);
  g_test_add_func ("/variables/refcount", test_refcount);
  return g_test_run ();
}
