#include "tess-variables.h"

#include "tess-error.h"
#include "tess-kv.h"

#include <string.h>

/* Postman stops substituting after about twenty rounds; a chain this deep is
 * a mistake (or a cycle through dynamic names), never a real setup. */
#define MAX_DEPTH 20

struct _TessVariables
{
  gatomicrefcount ref_count;
  GHashTable *scopes[TESS_N_SCOPES];
};

G_DEFINE_BOXED_TYPE (TessVariables, tess_variables, tess_variables_ref, tess_variables_unref)

typedef struct
{
  TessVariables *vars;
  GPtrArray *unresolved;
  GPtrArray *chain;     /* names being expanded, outermost first */
} Expansion;

static gboolean expand_into (Expansion  *exp,
                             GString    *out,
                             const char *text,
                             GError    **error);

static char *
format_iso_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

/* A fresh value for each occurrence, like Postman's dynamic variables. */
static char *
generate_dynamic (const char *name)
{
  if (g_str_equal (name, "$guid") || g_str_equal (name, "$randomUUID"))
    return g_uuid_string_random ();
  if (g_str_equal (name, "$timestamp"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  if (g_str_equal (name, "$isoTimestamp"))
    return format_iso_timestamp ();
  if (g_str_equal (name, "$randomInt"))
    return g_strdup_printf ("%d", g_random_int_range (0, 1001));
  return NULL;
}

static void
note_unresolved (Expansion  *exp,
                 const char *name)
{
  if (exp->unresolved == NULL)
    return;
  for (guint i = 0; i < exp->unresolved->len; i++)
    if (g_str_equal (g_ptr_array_index (exp->unresolved, i), name))
      return;
  g_ptr_array_add (exp->unresolved, g_strdup (name));
}

static char *
format_chain (GPtrArray  *chain,
              const char *last)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < chain->len; i++)
    g_string_append_printf (text, "%s → ", (const char *) g_ptr_array_index (chain, i));
  g_string_append (text, last);
  return g_string_free (text, FALSE);
}

static gboolean
chain_contains (GPtrArray  *chain,
                const char *name,
                guint      *index_out)
{
  for (guint i = 0; i < chain->len; i++)
    if (g_str_equal (g_ptr_array_index (chain, i), name))
      {
        *index_out = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
expand_name (Expansion  *exp,
             GString    *out,
             const char *name,
             const char *reference,
             gsize       reference_len,
             GError    **error)
{
  const char *value = tess_variables_lookup (exp->vars, name);
  g_autofree char *dynamic = NULL;
  guint start;
  gboolean ok;

  if (value == NULL && name[0] == '$' && (dynamic = generate_dynamic (name)) != NULL)
    {
      g_string_append (out, dynamic);
      return TRUE;
    }
  if (value == NULL)
    {
      g_string_append_len (out, reference, reference_len);
      note_unresolved (exp, name);
      return TRUE;
    }

  if (chain_contains (exp->chain, name, &start))
    {
      /* Show only the loop itself, not the names that led into it. */
      g_autoptr(GPtrArray) loop = g_ptr_array_new ();
      g_autofree char *text = NULL;

      for (guint i = start; i < exp->chain->len; i++)
        g_ptr_array_add (loop, g_ptr_array_index (exp->chain, i));
      text = format_chain (loop, name);
      g_set_error (error, TESS_ERROR, TESS_ERROR_VARIABLE, "variable cycle: %s", text);
      return FALSE;
    }
  if (exp->chain->len >= MAX_DEPTH)
    {
      g_autofree char *text = format_chain (exp->chain, name);

      g_set_error (error, TESS_ERROR, TESS_ERROR_VARIABLE,
                   "variable ‘%s’: references nest deeper than %d levels (%s)",
                   (const char *) g_ptr_array_index (exp->chain, 0), MAX_DEPTH, text);
      return FALSE;
    }

  g_ptr_array_add (exp->chain, (gpointer) name);
  ok = expand_into (exp, out, value, error);
  g_ptr_array_remove_index (exp->chain, exp->chain->len - 1);
  return ok;
}

/* Finds the end of a reference starting at @p ("{{"): names hold no braces,
 * as in Postman's own pattern. Returns the position of the closing "}}". */
static const char *
find_reference_end (const char *p)
{
  const char *q = p + 2;

  while (*q != '\0' && *q != '{' && *q != '}')
    q++;
  if (q[0] == '}' && q[1] == '}')
    return q;
  return NULL;
}

static gboolean
expand_into (Expansion  *exp,
             GString    *out,
             const char *text,
             GError    **error)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      close = find_reference_end (open);
      if (close == NULL || close == open + 2)
        {
          /* Not a reference ("{{{", "{{}}", no closing braces): keep one
           * character and look again from the next one. */
          g_string_append_c (out, *open);
          p = open + 1;
        }
      else
        {
          g_autofree char *name = g_strndup (open + 2, close - (open + 2));

          if (!expand_name (exp, out, name, open, close + 2 - open, error))
            return FALSE;
          p = close + 2;
        }
    }
  return TRUE;
}

TessVariables *
tess_variables_new (void)
{
  TessVariables *self = g_new0 (TessVariables, 1);

  g_atomic_ref_count_init (&self->ref_count);
  for (guint i = 0; i < TESS_N_SCOPES; i++)
    self->scopes[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

TessVariables *
tess_variables_ref (TessVariables *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_variables_unref (TessVariables *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < TESS_N_SCOPES; i++)
    g_hash_table_unref (self->scopes[i]);
  g_free (self);
}

void
tess_variables_set (TessVariables *self,
                    TessScope      scope,
                    const char    *name,
                    const char    *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scope < TESS_N_SCOPES);
  g_return_if_fail (name != NULL);

  g_hash_table_insert (self->scopes[scope], g_strdup (name), g_strdup (value ? value : ""));
}

void
tess_variables_set_list (TessVariables *self,
                         TessScope      scope,
                         GPtrArray     *kv_list)
{
  g_return_if_fail (self != NULL);

  if (kv_list == NULL)
    return;
  for (guint i = 0; i < kv_list->len; i++)
    {
      const TessKeyValue *kv = g_ptr_array_index (kv_list, i);

      if (kv->enabled && kv->key != NULL && *kv->key != '\0')
        tess_variables_set (self, scope, kv->key, kv->value);
    }
}

void
tess_variables_clear_scope (TessVariables *self,
                            TessScope      scope)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scope < TESS_N_SCOPES);

  g_hash_table_remove_all (self->scopes[scope]);
}

const char *
tess_variables_lookup (TessVariables *self,
                       const char    *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (int i = TESS_N_SCOPES - 1; i >= 0; i--)
    {
      const char *value = g_hash_table_lookup (self->scopes[i], name);

      if (value != NULL)
        return value;
    }
  return NULL;
}

char *
tess_variables_expand (TessVariables *self,
                       const char    *text,
                       GPtrArray     *unresolved,
                       GError       **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autoptr(GString) out = NULL;
  Expansion exp = { self, unresolved, chain };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  if (!expand_into (&exp, out, text, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
