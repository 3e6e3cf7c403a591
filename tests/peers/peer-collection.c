#include "peer-collection.h"

TessItem *
peer_add_item (TessItem     *parent,
               TessItemKind  kind,
               const char   *name)
{
  g_autoptr(TessItem) item = tess_item_new (kind, name);

  tess_item_append (parent, item);
  return item;
}

TessItem *
peer_add_request (TessItem   *parent,
                  const char *name,
                  const char *method,
                  const char *url)
{
  TessItem *request = peer_add_item (parent, TESS_ITEM_REQUEST, name);

  tess_item_set_method (request, method);
  tess_item_set_url (request, url);
  return request;
}

TessKeyValue *
peer_add_row (GPtrArray  *list,
              const char *key,
              const char *value,
              gboolean    enabled)
{
  TessKeyValue *kv = tess_kv_list_add (list, key, value);

  kv->enabled = enabled;
  return kv;
}

void
peer_set_auth (TessItem   *item,
               const char *type,
               ...)
{
  g_autoptr(TessAuth) auth = tess_auth_new (type);
  va_list args;

  va_start (args, type);
  for (const char *key = va_arg (args, const char *); key != NULL; key = va_arg (args, const char *))
    tess_auth_set (auth, key, va_arg (args, const char *));
  va_end (args);
  tess_item_set_auth (item, auth);
}
