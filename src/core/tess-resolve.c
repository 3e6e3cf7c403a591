#include "tess-resolve.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-error.h"
#include "tess-soup.h"

typedef struct {
  TessVariables *vars;
  GPtrArray *unresolved;
  GError *error;
} Expander;

/* Expands @text; after the first error every call returns "" and the error is kept. */
static char *
expand (Expander   *ex,
        const char *text)
{
  char *result;

  if (ex->error != NULL || text == NULL)
    return g_strdup ("");
  result = tess_variables_expand (ex->vars, text, ex->unresolved, &ex->error);
  return result ? result : g_strdup ("");
}

void
tess_resolve_collection_scope (TessItem      *item,
                               TessVariables *vars)
{
  TessItem *root = tess_item_get_root (item);

  tess_variables_clear_scope (vars, TESS_SCOPE_COLLECTION);
  if (tess_item_get_kind (root) == TESS_ITEM_COLLECTION)
    tess_variables_set_list (vars, TESS_SCOPE_COLLECTION, tess_item_get_variables (root));
}

static void
resolve_url (Expander            *ex,
             TessItem            *item,
             TessPreparedRequest *req)
{
  const char *raw = tess_item_get_url (item);
  const char *question = strchr (raw, '?');
  const char *hash = strchr (raw, '#');
  g_autofree char *base = g_strndup (raw, question ? (gsize) (question - raw) :
                                          hash ? (gsize) (hash - raw) : strlen (raw));
  g_autofree char *expanded = expand (ex, base);
  GPtrArray *query = tess_item_get_query (item);

  tess_prepared_request_set_url (req, expanded);
  if (hash != NULL)
    {
      g_free (req->fragment);
      req->fragment = expand (ex, hash + 1);
    }
  for (guint i = 0; i < query->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (query, i);
      TessParam *param;

      if (!kv->enabled)
        continue;
      param = g_new0 (TessParam, 1);
      param->name = expand (ex, kv->key);
      param->value = kv->value ? expand (ex, kv->value) : NULL;
      param->origin = TESS_ORIGIN_MANUAL;
      g_ptr_array_add (req->query, param);
    }
}

static void
resolve_headers (Expander            *ex,
                 TessItem            *item,
                 TessPreparedRequest *req)
{
  GPtrArray *headers = tess_item_get_headers (item);

  for (guint i = 0; i < headers->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (headers, i);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!kv->enabled || kv->key == NULL || *kv->key == '\0')
        continue;
      name = expand (ex, kv->key);
      value = expand (ex, kv->value);
      tess_prepared_request_add_header (req, name, value, TESS_ORIGIN_MANUAL, NULL);
    }
}

static void
set_default_content_type (TessPreparedRequest *req,
                          const char          *content_type)
{
  if (content_type != NULL && tess_prepared_request_get_header (req, "Content-Type") == NULL)
    tess_prepared_request_add_header (req, "Content-Type", content_type, TESS_ORIGIN_BODY, NULL);
}

static const char *
raw_content_type (const char *language)
{
  static const struct { const char *language, *type; } types[] = {
    { "json", "application/json" },
    { "xml", "application/xml" },
    { "html", "text/html" },
    { "javascript", "application/javascript" },
    { "text", "text/plain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (language, types[i].language) == 0)
      return types[i].type;
  return language ? NULL : "text/plain";
}

static gboolean
resolve_formdata (Expander            *ex,
                  TessBody            *body,
                  TessPreparedRequest *req,
                  GError             **error)
{
  SoupMultipart *multipart;
  SoupMessageHeaders *headers;
  g_autoptr(GBytes) bytes = NULL;
  gboolean ok = TRUE;

  /* libsoup encodes the parts; this is where a request may first need it. */
  if (tess_soup_get (error) == NULL)
    return FALSE;
  multipart = soup_multipart_new ("multipart/form-data");
  for (guint i = 0; ok && i < body->formdata->len; i++)
    {
      TessKeyValue *kv = g_ptr_array_index (body->formdata, i);
      g_autofree char *name = NULL;

      if (!kv->enabled)
        continue;
      name = expand (ex, kv->key);
      if (g_strcmp0 (kv->type, "file") == 0)
        {
          g_autofree char *src = expand (ex, kv->src);
          g_autofree char *contents = NULL;
          g_autofree char *basename = NULL;
          gsize length = 0;
          g_autoptr(GBytes) part = NULL;

          if (*src == '\0')
            continue;
          if (!g_file_get_contents (src, &contents, &length, error))
            {
              g_prefix_error (error, _("form-data field ‘%s’: "), name);
              ok = FALSE;
              continue;
            }
          basename = g_path_get_basename (src);
          part = g_bytes_new_take (g_steal_pointer (&contents), length);
          soup_multipart_append_form_file (multipart, name, basename, "application/octet-stream", part);
        }
      else
        {
          g_autofree char *value = expand (ex, kv->value);
          soup_multipart_append_form_string (multipart, name, value);
        }
    }
  if (ok)
    {
      headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
      soup_multipart_to_message (multipart, headers, &bytes);
      tess_prepared_request_set_body (req, TESS_BODY_FORMDATA, bytes);
      tess_prepared_request_replace_header (req, "Content-Type", soup_message_headers_get_one (headers, "Content-Type"),
                                            TESS_ORIGIN_BODY, NULL);
      soup_message_headers_unref (headers);
    }
  soup_multipart_free (multipart);
  return ok;
}

static gboolean
resolve_body (Expander            *ex,
              TessItem            *item,
              TessPreparedRequest *req,
              GError             **error)
{
  TessBody *body = tess_item_get_body (item);

  if (json_object_get_boolean_member_with_default (body->extra, "disabled", FALSE))
    return TRUE;

  switch (body->mode)
    {
    case TESS_BODY_NONE:
      break;

    case TESS_BODY_RAW:
      {
        char *text = expand (ex, body->raw ? body->raw : "");
        g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

        tess_prepared_request_set_body (req, TESS_BODY_RAW, bytes);
        if (g_bytes_get_size (bytes) > 0)
          set_default_content_type (req, raw_content_type (body->language));
      }
      break;

    case TESS_BODY_URLENCODED:
      tess_prepared_request_set_body (req, TESS_BODY_URLENCODED, NULL);
      for (guint i = 0; i < body->urlencoded->len; i++)
        {
          TessKeyValue *kv = g_ptr_array_index (body->urlencoded, i);
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;

          if (!kv->enabled)
            continue;
          name = expand (ex, kv->key);
          value = expand (ex, kv->value);
          tess_prepared_request_append_form (req, name, value);
        }
      set_default_content_type (req, "application/x-www-form-urlencoded");
      break;

    case TESS_BODY_FORMDATA:
      return resolve_formdata (ex, body, req, error);

    case TESS_BODY_FILE:
      {
        g_autofree char *src = expand (ex, body->file_src);

        req->body_mode = TESS_BODY_FILE;
        if (*src != '\0')
          {
            if (!g_file_test (src, G_FILE_TEST_IS_REGULAR))
              {
                g_set_error (error, TESS_ERROR, TESS_ERROR_IO, _("body file ‘%s’ does not exist"), src);
                return FALSE;
              }
            req->body_file = g_steal_pointer (&src);
          }
      }
      break;

    case TESS_BODY_GRAPHQL:
      {
        g_autofree char *query = expand (ex, body->graphql_query ? body->graphql_query : "");
        g_autofree char *variables = expand (ex, body->graphql_variables ? body->graphql_variables : "");
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;
        g_autoptr(JsonParser) parser = json_parser_new ();
        char *text;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "query");
        json_builder_add_string_value (builder, query);
        json_builder_set_member_name (builder, "variables");
        g_strstrip (variables);
        if (*variables != '\0' && json_parser_load_from_data (parser, variables, -1, NULL))
          json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
        else if (*variables != '\0')
          {
            g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID, _("GraphQL variables are not valid JSON"));
            return FALSE;
          }
        else
          {
            json_builder_begin_object (builder);
            json_builder_end_object (builder);
          }
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        text = json_to_string (root, FALSE);
        {
          g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
          tess_prepared_request_set_body (req, TESS_BODY_GRAPHQL, bytes);
        }
        set_default_content_type (req, "application/json");
      }
      break;
    }
  return TRUE;
}

/* Postman's protocolProfileBehavior, from the request up to the collection. */
static void
resolve_behaviour (TessItem            *item,
                   TessPreparedRequest *req)
{
  for (TessItem *it = item; it != NULL; it = tess_item_get_parent (it))
    {
      JsonNode *node = json_object_get_member (tess_item_get_extra (it), "protocolProfileBehavior");
      JsonObject *behaviour;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      behaviour = json_node_get_object (node);
      if (req->verify_tls < 0 && json_object_has_member (behaviour, "strictSSL"))
        req->verify_tls = json_object_get_boolean_member_with_default (behaviour, "strictSSL", TRUE);
      if (req->follow_redirects < 0 && json_object_has_member (behaviour, "followRedirects"))
        req->follow_redirects = json_object_get_boolean_member_with_default (behaviour, "followRedirects", TRUE);
      if (req->max_redirects < 0 && json_object_has_member (behaviour, "maxRedirects"))
        req->max_redirects = json_object_get_int_member_with_default (behaviour, "maxRedirects", 10);
    }
}

static const char *
kind_name (TessItem *item)
{
  switch (tess_item_get_kind (item))
    {
    case TESS_ITEM_COLLECTION:
      return _("collection");
    case TESS_ITEM_FOLDER:
      return _("folder");
    case TESS_ITEM_REQUEST:
    default:
      return _("request");
    }
}

static gboolean
resolve_auth (Expander            *ex,
              TessItem            *item,
              TessPreparedRequest *req,
              TessAuthContext    **ctx_out,
              GError             **error)
{
  TessItem *origin = NULL;
  TessAuth *auth = tess_item_get_effective_auth (item, &origin);
  const TessAuthScheme *scheme;
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autofree char *origin_label = NULL;
  g_auto(GStrv) keys = NULL;

  if (auth == NULL)
    return TRUE;

  scheme = tess_auth_scheme_lookup (tess_auth_get_auth_type (auth));
  if (scheme == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_AUTH_FIELD,
                   _("request ‘%s’: auth type ‘%s’ (from %s ‘%s’) is not supported"),
                   req->item_path, tess_auth_get_auth_type (auth),
                   kind_name (origin), tess_item_get_name (origin));
      return FALSE;
    }

  if (origin == item)
    origin_label = g_strdup_printf (_("%s from this request"), _(scheme->label));
  else
    origin_label = g_strdup_printf (_("%s from %s ‘%s’"), _(scheme->label),
                                    kind_name (origin), tess_item_get_name (origin));

  ctx = tess_auth_context_new (scheme, req->item_path, origin_label);
  keys = tess_auth_list_keys (auth);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *raw = tess_auth_dup (auth, keys[i]);
      g_autofree char *value = expand (ex, raw);
      tess_auth_context_set (ctx, keys[i], value);
    }
  if (ex->error != NULL)
    return TRUE; /* reported by the caller */

  req->auth_type = g_strdup (scheme->id);
  req->auth_origin = g_strdup_printf ("%s ‘%s’", kind_name (origin), tess_item_get_name (origin));

  if (!tess_auth_context_check_required (ctx, error))
    return FALSE;
  if (scheme->apply != NULL && !scheme->apply (ctx, req, error))
    return FALSE;

  if (ctx_out != NULL)
    *ctx_out = g_steal_pointer (&ctx);
  return TRUE;
}

TessPreparedRequest *
tess_resolve_request (TessItem          *request,
                      TessVariables     *vars,
                      TessAuthContext  **auth_ctx_out,
                      GError           **error)
{
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autofree char *method = NULL;
  Expander ex = { 0 };

  g_return_val_if_fail (TESS_IS_ITEM (request), NULL);
  g_return_val_if_fail (tess_item_get_kind (request) == TESS_ITEM_REQUEST, NULL);

  if (auth_ctx_out != NULL)
    *auth_ctx_out = NULL;

  tess_resolve_collection_scope (request, vars);
  req = tess_prepared_request_new ("GET", "");
  ex.vars = vars;
  ex.unresolved = req->unresolved;

  req->item_path = tess_item_dup_path (request);
  method = expand (&ex, tess_item_get_method (request));
  g_free (req->method);
  req->method = g_strdup (*method ? method : "GET");

  resolve_url (&ex, request, req);
  resolve_headers (&ex, request, req);
  resolve_behaviour (request, req);

  if (ex.error == NULL && !resolve_body (&ex, request, req, error))
    {
      g_prefix_error (error, _("request ‘%s’: "), req->item_path);
      return NULL;
    }
  if (ex.error == NULL && !resolve_auth (&ex, request, req, auth_ctx_out, error))
    return NULL;

  if (ex.error != NULL)
    {
      g_propagate_prefixed_error (error, ex.error, _("request ‘%s’: "), req->item_path);
      return NULL;
    }
  if (*req->url == '\0')
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID, _("request ‘%s’: the URL is empty"), req->item_path);
      return NULL;
    }
  return g_steal_pointer (&req);
}
