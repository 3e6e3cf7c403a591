#include "tess-markup-format.h"

#include <string.h>

typedef enum {
  TOKEN_TEXT,
  TOKEN_OPEN,      /* <a …> */
  TOKEN_CLOSE,     /* </a> */
  TOKEN_EMPTY,     /* <a/>, <br>, <!-- -->, <?xml ?>, <!DOCTYPE> */
  TOKEN_RAW,       /* <script>…</script> as one piece */
} TokenKind;

typedef struct {
  TokenKind kind;
  const char *start;
  gsize length;
} Token;

static const char * const void_elements[] = {
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
  "param", "source", "track", "wbr", NULL,
};

static const char * const raw_elements[] = {
  "script", "style", "pre", "textarea", NULL,
};

static gboolean
name_in (const char         *name,
         gsize               length,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == length && g_ascii_strncasecmp (name, names[i], length) == 0)
      return TRUE;
  return FALSE;
}

/* The end of a construct opened at @p, or @end when it is not closed. */
static const char *
find_after (const char *p,
            const char *end,
            const char *closing)
{
  gsize n = strlen (closing);

  for (; p + n <= end; p++)
    if (memcmp (p, closing, n) == 0)
      return p + n;
  return end;
}

/* The '>' ending a tag, skipping quoted attribute values. */
static const char *
find_tag_end (const char *p,
              const char *end)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }
  return end;
}

static gsize
tag_name (const char  *tag,
          const char  *end,
          const char **name)
{
  const char *p = tag + 1;

  if (p < end && *p == '/')
    p++;
  *name = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == ':' || *p == '.'))
    p++;
  return p - *name;
}

static GArray *
tokenize (const char *text,
          gsize       length,
          gboolean    html)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      Token token = { TOKEN_TEXT, p, 0 };
      const char *next;

      if (*p != '<')
        {
          next = memchr (p, '<', end - p);
          next = next ? next : end;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        next = find_after (p + 4, end, "-->"), token.kind = TOKEN_EMPTY;
      else if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
        next = find_after (p + 9, end, "]]>"), token.kind = TOKEN_EMPTY;
      else if (end - p >= 2 && p[1] == '?')
        next = find_after (p + 2, end, "?>"), token.kind = TOKEN_EMPTY;
      else if (end - p >= 2 && p[1] == '!')
        next = find_tag_end (p, end), token.kind = TOKEN_EMPTY;
      else if (end - p >= 2 && p[1] == '/')
        next = find_tag_end (p, end), token.kind = TOKEN_CLOSE;
      else
        {
          const char *name;
          gsize name_length = tag_name (p, end, &name);

          next = find_tag_end (p, end);
          if (name_length == 0)
            token.kind = TOKEN_TEXT;   /* a stray '<' in text */
          else if (next - p >= 2 && next[-2] == '/')
            token.kind = TOKEN_EMPTY;
          else if (html && name_in (name, name_length, void_elements))
            token.kind = TOKEN_EMPTY;
          else if (html && name_in (name, name_length, raw_elements))
            {
              /* Everything up to the matching end tag stays as it is. */
              g_autofree char *closing = g_strdup_printf ("</%.*s", (int) name_length, name);
              const char *q = next;

              token.kind = TOKEN_RAW;
              for (; q < end; q++)
                if (*q == '<' && (gsize) (end - q) >= name_length + 2 &&
                    g_ascii_strncasecmp (q, closing, name_length + 2) == 0)
                  break;
              next = q < end ? find_tag_end (q, end) : end;
            }
          else
            token.kind = TOKEN_OPEN;
        }
      token.length = next - p;
      if (token.kind == TOKEN_TEXT && tokens->len > 0 &&
          g_array_index (tokens, Token, tokens->len - 1).kind == TOKEN_TEXT)
        g_array_index (tokens, Token, tokens->len - 1).length += token.length;
      else
        g_array_append_val (tokens, token);
      p = next;
    }
  return tokens;
}

static void
append_indent (GString *out,
               int      depth)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* Text with its surrounding blanks dropped; empty when only blanks. */
static void
trim (const Token  *token,
      const char  **start,
      gsize        *length)
{
  const char *p = token->start;
  const char *end = token->start + token->length;

  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  *start = p;
  *length = end - p;
}

char *
tess_markup_format (const char *text,
                    gsize       length,
                    gboolean    html)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GString) out = NULL;
  int depth = 0;

  if (text == NULL || memchr (text, '<', length) == NULL)
    return NULL;

  tokens = tokenize (text, length, html);
  out = g_string_sized_new (length + length / 4);
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      const char *start;
      gsize size;

      switch (token->kind)
        {
        case TOKEN_TEXT:
          trim (token, &start, &size);
          if (size == 0)
            break;
          append_indent (out, depth);
          g_string_append_len (out, start, size);
          break;

        case TOKEN_OPEN:
          append_indent (out, depth);
          g_string_append_len (out, token->start, token->length);
          /* <a>short text</a> and <a></a> stay on one line. */
          if (i + 1 < tokens->len && g_array_index (tokens, Token, i + 1).kind == TOKEN_CLOSE)
            {
              Token *close = &g_array_index (tokens, Token, ++i);
              g_string_append_len (out, close->start, close->length);
              break;
            }
          if (i + 2 < tokens->len &&
              g_array_index (tokens, Token, i + 1).kind == TOKEN_TEXT &&
              g_array_index (tokens, Token, i + 2).kind == TOKEN_CLOSE)
            {
              Token *close = &g_array_index (tokens, Token, i + 2);

              trim (&g_array_index (tokens, Token, i + 1), &start, &size);
              if (memchr (start, '\n', size) == NULL && size <= 120)
                {
                  g_string_append_len (out, start, size);
                  g_string_append_len (out, close->start, close->length);
                  i += 2;
                  break;
                }
            }
          depth++;
          break;

        case TOKEN_CLOSE:
          depth = MAX (depth - 1, 0);
          append_indent (out, depth);
          g_string_append_len (out, token->start, token->length);
          break;

        case TOKEN_EMPTY:
        case TOKEN_RAW:
        default:
          append_indent (out, depth);
          g_string_append_len (out, token->start, token->length);
          break;
        }
    }
  g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
