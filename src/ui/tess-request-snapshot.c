#include "tess-request-snapshot.h"

struct _TessRequestSnapshot
{
  char *name;
  char *method;
  char *url;
  GPtrArray *query;
  GPtrArray *headers;
  TessBody *body;
  TessAuth *auth;
};

TessRequestSnapshot *
tess_request_snapshot_take (TessItem *request)
{
  TessRequestSnapshot *snapshot = g_new0 (TessRequestSnapshot, 1);
  TessBody *body = tess_item_get_body (request);
  TessAuth *auth = tess_item_get_auth (request);

  snapshot->name = g_strdup (tess_item_get_name (request));
  snapshot->method = g_strdup (tess_item_get_method (request));
  snapshot->url = g_strdup (tess_item_get_url (request));
  snapshot->query = tess_kv_list_copy (tess_item_get_query (request));
  snapshot->headers = tess_kv_list_copy (tess_item_get_headers (request));
  snapshot->body = body ? tess_body_copy (body) : NULL;
  snapshot->auth = auth ? tess_auth_copy (auth) : NULL;
  return snapshot;
}

static void
replace_list (GPtrArray *target,
              GPtrArray *source)
{
  g_ptr_array_set_size (target, 0);
  for (guint i = 0; i < source->len; i++)
    g_ptr_array_add (target, tess_key_value_copy (g_ptr_array_index (source, i)));
}

void
tess_request_snapshot_restore (TessRequestSnapshot *snapshot,
                               TessItem            *request)
{
  tess_item_set_name (request, snapshot->name);
  tess_item_set_method (request, snapshot->method);
  tess_item_set_url (request, snapshot->url);
  /* After the URL: setting it re-reads the query, which may have held disabled rows. */
  replace_list (tess_item_get_query (request), snapshot->query);
  replace_list (tess_item_get_headers (request), snapshot->headers);
  tess_item_set_body (request, snapshot->body);
  tess_item_set_auth (request, snapshot->auth);
  tess_item_changed (request);
}

void
tess_request_snapshot_free (TessRequestSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->name);
  g_free (snapshot->method);
  g_free (snapshot->url);
  g_clear_pointer (&snapshot->query, g_ptr_array_unref);
  g_clear_pointer (&snapshot->headers, g_ptr_array_unref);
  g_clear_pointer (&snapshot->body, tess_body_free);
  g_clear_pointer (&snapshot->auth, tess_auth_free);
  g_free (snapshot);
}
