#include "tess-cli.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-auth-scheme.h"
#include "tess-json-file.h"
#include "tess-resolve.h"
#include "tess-secrets.h"

/* The keyring from the command line: read when a workspace opens, written
 * by import; with --no-keyring neither, and secrets come only from --var
 * and environment files. A request that needs a secret the keyring could
 * not give is not sent: it would go out with an empty password. */

static gboolean use_keyring = TRUE;

void
tess_cli_set_use_keyring (gboolean use)
{
  use_keyring = use;
}

gboolean
tess_cli_get_use_keyring (void)
{
  return use_keyring;
}

/* ---- what a request needs ------------------------------------------------- */

/* Whether a send of @auth uses its secret field @key. Fields that only get a
 * token (OAuth 2.0's client secret) or are optional (a session token) are
 * not counted: an empty one is not a sign of a secret that went missing. */
static gboolean
secret_in_use (const char *type,
               const char *key,
               TessAuth   *auth)
{
  g_autofree char *method = NULL;

  if (g_str_equal (type, "oauth2"))
    return g_str_equal (key, "accessToken");
  if (g_str_equal (type, "awsv4"))
    return g_str_equal (key, "secretKey");
  if (g_str_equal (type, "oauth1"))
    {
      method = tess_auth_dup (auth, "signatureMethod");
      if (method != NULL && g_str_has_prefix (method, "RSA"))
        return g_str_equal (key, "privateKey");
      if (g_str_equal (key, "tokenSecret"))
        {
          g_autofree char *token = tess_auth_dup (auth, "token");
          return token != NULL && *token != '\0';
        }
      return g_str_equal (key, "consumerSecret");
    }
  if (g_str_equal (type, "jwt"))
    {
      method = tess_auth_dup (auth, "algorithm");
      if (method == NULL || *method == '\0' || g_str_has_prefix (method, "HS"))
        return g_str_equal (key, "secret");
      return g_str_equal (key, "privateKey");
    }
  return TRUE;
}

static void
add_missing_auth (GPtrArray *missing,
                  TessItem  *request)
{
  TessAuth *auth = tess_item_get_effective_auth (request, NULL);
  const TessAuthScheme *scheme;

  if (auth == NULL)
    return;
  scheme = tess_auth_scheme_lookup (tess_auth_get_auth_type (auth));
  for (guint i = 0; scheme != NULL && i < scheme->n_fields; i++)
    {
      const TessAuthField *field = &scheme->fields[i];
      g_autofree char *value = NULL;

      if (!tess_auth_field_is_secret (field) || !secret_in_use (scheme->id, field->key, auth))
        continue;
      value = tess_auth_dup (auth, field->key);
      if (value == NULL || *value == '\0')
        g_ptr_array_add (missing, g_strdup_printf ("%s: %s", _(scheme->label), _(field->label)));
    }
}

/* Everything of @request that may name a variable, as one text. */
static GString *
request_text (TessItem *request)
{
  GString *text = g_string_new (tess_item_get_url (request));
  GPtrArray *headers = tess_item_get_headers (request);
  TessAuth *auth = tess_item_get_effective_auth (request, NULL);
  g_autoptr(JsonNode) body = tess_body_to_json (tess_item_get_body (request));
  g_autofree char *body_text = tess_json_to_string (body, FALSE);

  for (guint i = 0; i < headers->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (headers, i);
      g_string_append_printf (text, "\n%s: %s", kv->key, kv->value ? kv->value : "");
    }
  g_string_append_printf (text, "\n%s", body_text);
  if (auth != NULL)
    {
      g_autoptr(JsonNode) node = tess_auth_to_json (auth);
      g_autofree char *auth_text = tess_json_to_string (node, FALSE);
      g_string_append_printf (text, "\n%s", auth_text);
    }
  return text;
}

/* Appends the raw values of the variables @text names, a few levels deep:
 * {{url}} may hold {{token}}. */
static void
follow_references (GString       *text,
                   TessVariables *vars)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint round = 0; round < 5; round++)
    {
      gsize from = 0;
      gboolean added = FALSE;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      while (TRUE)
        {
          const char *open = strstr (text->str + from, "{{");
          const char *close = open ? strstr (open + 2, "}}") : NULL;

          if (close == NULL)
            break;
          g_ptr_array_add (names, g_strstrip (g_strndup (open + 2, close - open - 2)));
          from = close + 2 - text->str;
        }
      for (guint i = 0; i < names->len; i++)
        {
          const char *name = names->pdata[i];
          const char *value;

          if (g_hash_table_contains (seen, name))
            continue;
          g_hash_table_add (seen, g_strdup (name));
          value = tess_variables_lookup (vars, name);
          if (value != NULL)
            {
              g_string_append_printf (text, "\n%s", value);
              added = TRUE;
            }
        }
      if (!added)
        break;
    }
}

static gboolean
names_variable (const char *text,
                const char *name)
{
  g_autofree char *plain = g_strdup_printf ("{{%s}}", name);
  g_autofree char *spaced = g_strdup_printf ("{{ %s }}", name);

  return strstr (text, plain) != NULL || strstr (text, spaced) != NULL;
}

/* Secret variables that are empty (the keyring did not fill them) and that
 * nothing else (--var, a later scope) gives a value. */
static void
add_empty_secret_variables (GPtrArray     *names,
                            GPtrArray     *list,
                            TessVariables *vars)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (list, i);
      const char *effective;

      if (!kv->enabled || !tess_key_value_is_secret (kv) || (kv->value != NULL && *kv->value != '\0'))
        continue;
      effective = tess_variables_lookup (vars, kv->key);
      if (effective == NULL || *effective == '\0')
        g_ptr_array_add (names, g_strdup (kv->key));
    }
}

static void
add_missing_requests (GPtrArray     *report,
                      TessItem      *item,
                      GPtrArray     *secret_variables,
                      TessVariables *vars)
{
  GListModel *children = tess_item_get_children (item);

  if (tess_item_get_kind (item) == TESS_ITEM_REQUEST)
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) text = request_text (item);

      add_missing_auth (missing, item);
      follow_references (text, vars);
      for (guint i = 0; i < secret_variables->len; i++)
        if (names_variable (text->str, secret_variables->pdata[i]))
          g_ptr_array_add (missing, g_strdup_printf (_("variable ‘%s’"), (char *) secret_variables->pdata[i]));
      if (missing->len > 0)
        {
          g_autofree char *path = tess_item_dup_path (item);
          g_autofree char *list = NULL;

          g_ptr_array_add (missing, NULL);
          list = g_strjoinv (", ", (char **) missing->pdata);
          g_ptr_array_add (report, g_strdup_printf (_("request ‘%s’ needs %s"), path, list));
        }
      return;
    }
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TessItem) child = g_list_model_get_item (children, i);

      add_missing_requests (report, child, secret_variables, vars);
    }
}

int
tess_cli_check_secrets (const char      *command,
                        TessCliCommon   *common,
                        TessWorkspace   *workspace,
                        TessItem        *root,
                        TessVariables   *vars)
{
  const GError *error = workspace ? tess_workspace_get_secrets_error (workspace) : NULL;
  g_autoptr(GPtrArray) secret_variables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reason = NULL;

  if (!use_keyring || error == NULL)
    return -1;

  tess_resolve_collection_scope (root, vars);

  if (common->globals == NULL)
    add_empty_secret_variables (secret_variables,
                                tess_environment_get_values (tess_workspace_get_globals (workspace)), vars);
  add_empty_secret_variables (secret_variables, tess_item_get_variables (tess_item_get_root (root)), vars);
  if (common->env != NULL && !g_file_test (common->env, G_FILE_TEST_EXISTS))
    {
      TessEnvironment *environment = tess_workspace_find_environment (workspace, common->env);

      if (environment != NULL)
        add_empty_secret_variables (secret_variables, tess_environment_get_values (environment), vars);
    }
  add_missing_requests (report, root, secret_variables, vars);
  if (report->len == 0)
    return -1;

  reason = tess_secret_store_describe_error (error);
  g_printerr ("tessera-cli %s: %s\n", command, reason);
  for (guint i = 0; i < report->len; i++)
    g_printerr ("tessera-cli %s: %s\n", command, (char *) report->pdata[i]);
  g_printerr (_("Give the secrets with --no-keyring and --var NAME=VALUE or --env FILE, "
                "or make the keyring available.\n"));
  return TESS_CLI_USAGE;
}

/* ---- after an import --------------------------------------------------------------- */

static guint
count_secrets (GObject *object)
{
  g_autoptr(GPtrArray) slots = TESS_IS_ITEM (object)
    ? tess_secrets_collect_collection (TESS_ITEM (object))
    : tess_secrets_collect_environment (TESS_ENVIRONMENT (object));
  guint n = 0;

  for (guint i = 0; i < slots->len; i++)
    n += tess_secrets_value_is_secret (((TessSecret *) slots->pdata[i])->value);
  return n;
}

void
tess_cli_report_imported_secrets (TessWorkspace *workspace,
                                  GPtrArray     *imported)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < imported->len; i++)
    n += count_secrets (imported->pdata[i]);
  if (!use_keyring)
    {
      if (n > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "tessera-cli import: --no-keyring: %u secret was left out of the workspace copy\n",
                                 "tessera-cli import: --no-keyring: %u secrets were left out of the workspace copy\n",
                                 n), n);
      return;
    }
  if (tess_workspace_flush_secrets (workspace, &error) || n == 0)
    return;
  {
    g_autofree char *reason = tess_secret_store_describe_error (error);

    g_printerr ("tessera-cli import: %s\n", reason);
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "tessera-cli import: %u secret could not be kept: the workspace copy has it empty\n",
                             "tessera-cli import: %u secrets could not be kept: the workspace copy has them empty\n",
                             n), n);
  }
}
