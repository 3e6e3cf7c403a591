#include "tess-curl.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tess-error.h"

typedef struct {
  char *method;
  char *url;
  GPtrArray *headers;     /* TessKeyValue */
  GString *data;
  gboolean has_data;
  char *data_file;        /* --data-binary @file */
  GPtrArray *form;        /* TessKeyValue, type text/file */
  char *user;
  gboolean get;
  gboolean head;
  gboolean insecure;
  gboolean location;
} CurlArgs;

static void
curl_args_clear (CurlArgs *args)
{
  g_free (args->method);
  g_free (args->url);
  g_ptr_array_unref (args->headers);
  g_string_free (args->data, TRUE);
  g_free (args->data_file);
  g_ptr_array_unref (args->form);
  g_free (args->user);
}

/* Options that take a value and that the request does not need. */
static const char * const ignored_with_value[] = {
  "-o", "--output", "-m", "--max-time", "--connect-timeout", "-w", "--write-out",
  "--retry", "-c", "--cookie-jar", "--proxy", "-x", "--cacert", "--cert", "--key",
  "--limit-rate", "-r", "--range", "--resolve", NULL
};

static const char * const ignored_flags[] = {
  "-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-i", "--include",
  "--compressed", "-f", "--fail", "-g", "--globoff", "-N", "--no-buffer",
  "--http1.1", "--http2", "-#", "--progress-bar", "-O", "--remote-name", "-sS", "-Ss", NULL
};

static void
add_data (CurlArgs   *args,
          const char *value,
          gboolean    urlencode)
{
  if (args->data->len > 0)
    g_string_append_c (args->data, '&');
  if (urlencode)
    {
      const char *eq = strchr (value, '=');
      g_autofree char *encoded = g_uri_escape_string (eq ? eq + 1 : value, NULL, FALSE);

      if (eq != NULL)
        g_string_append_len (args->data, value, eq - value + 1);
      g_string_append (args->data, encoded);
    }
  else
    g_string_append (args->data, value);
  args->has_data = TRUE;
}

static gboolean
add_form (CurlArgs    *args,
          const char  *value,
          GError     **error)
{
  const char *eq = strchr (value, '=');
  g_autofree char *name = NULL;
  TessKeyValue *kv;

  if (eq == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("curl: -F ‘%s’ is not name=value"), value);
      return FALSE;
    }
  name = g_strndup (value, eq - value);
  if (eq[1] == '@')
    {
      g_autofree char *path = g_strdup (eq + 2);
      char *semicolon = strchr (path, ';');

      if (semicolon != NULL)
        *semicolon = '\0';
      kv = tess_kv_list_add (args->form, name, NULL);
      kv->type = g_strdup ("file");
      kv->src = g_steal_pointer (&path);
    }
  else
    {
      kv = tess_kv_list_add (args->form, name, eq + 1);
      kv->type = g_strdup ("text");
    }
  return TRUE;
}

static gboolean
add_header (CurlArgs    *args,
            const char  *value,
            GError     **error)
{
  const char *colon = strchr (value, ':');
  g_autofree char *name = NULL;
  g_autofree char *header_value = NULL;

  if (colon == NULL)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                   _("curl: header ‘%s’ has no ‘:’"), value);
      return FALSE;
    }
  name = g_strstrip (g_strndup (value, colon - value));
  header_value = g_strstrip (g_strdup (colon + 1));
  tess_kv_list_add (args->headers, name, header_value);
  return TRUE;
}

/* Splits "-XPOST" and "--request=POST" into option and value. */
static gboolean
split_attached (const char  *arg,
                char       **option,
                char       **value)
{
  const char *eq;

  if (g_str_has_prefix (arg, "--") && (eq = strchr (arg, '=')) != NULL)
    {
      *option = g_strndup (arg, eq - arg);
      *value = g_strdup (eq + 1);
      return TRUE;
    }
  if (arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' && arg[2] != '\0' &&
      strchr ("XHduFAebo", arg[1]) != NULL)
    {
      *option = g_strndup (arg, 2);
      *value = g_strdup (arg + 2);
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_one_of (const char *option,
           const char *short_name,
           const char *long_name)
{
  return (short_name && g_str_equal (option, short_name)) || (long_name && g_str_equal (option, long_name));
}

static gboolean
parse_args (CurlArgs     *args,
            char        **argv,
            GError      **error)
{
  guint i = 0;

  if (argv[0] != NULL && (g_str_equal (argv[0], "curl") || g_str_has_suffix (argv[0], "/curl")))
    i = 1;

  for (; argv[i] != NULL; i++)
    {
      g_autofree char *option = NULL;
      g_autofree char *attached = NULL;
      const char *arg = argv[i];
      const char *value = NULL;

      if (arg[0] != '-' || arg[1] == '\0')
        {
          g_free (args->url);
          args->url = g_strdup (arg);
          continue;
        }

      if (split_attached (arg, &option, &attached))
        value = attached;
      else
        option = g_strdup (arg);

#define NEED_VALUE()                                                         \
      G_STMT_START {                                                         \
        if (value == NULL)                                                   \
          {                                                                  \
            if (argv[i + 1] == NULL)                                         \
              {                                                              \
                g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,          \
                             _("curl: option ‘%s’ needs a value"), option);  \
                return FALSE;                                                \
              }                                                              \
            value = argv[++i];                                               \
          }                                                                  \
      } G_STMT_END

      if (is_one_of (option, "-X", "--request"))
        {
          NEED_VALUE ();
          g_free (args->method);
          args->method = g_strdup (value);
        }
      else if (is_one_of (option, "-H", "--header"))
        {
          NEED_VALUE ();
          if (!add_header (args, value, error))
            return FALSE;
        }
      else if (is_one_of (option, "-d", "--data") || is_one_of (option, NULL, "--data-raw") ||
               is_one_of (option, NULL, "--data-ascii"))
        {
          NEED_VALUE ();
          if (value[0] == '@' && !g_str_equal (option, "--data-raw"))
            {
              g_free (args->data_file);
              args->data_file = g_strdup (value + 1);
              args->has_data = TRUE;
            }
          else
            add_data (args, value, FALSE);
        }
      else if (is_one_of (option, NULL, "--data-binary"))
        {
          NEED_VALUE ();
          if (value[0] == '@')
            {
              g_free (args->data_file);
              args->data_file = g_strdup (value + 1);
              args->has_data = TRUE;
            }
          else
            add_data (args, value, FALSE);
        }
      else if (is_one_of (option, NULL, "--data-urlencode"))
        {
          NEED_VALUE ();
          add_data (args, value, TRUE);
        }
      else if (is_one_of (option, "-F", "--form") || is_one_of (option, NULL, "--form-string"))
        {
          NEED_VALUE ();
          if (!add_form (args, value, error))
            return FALSE;
        }
      else if (is_one_of (option, "-u", "--user"))
        {
          NEED_VALUE ();
          g_free (args->user);
          args->user = g_strdup (value);
        }
      else if (is_one_of (option, NULL, "--url"))
        {
          NEED_VALUE ();
          g_free (args->url);
          args->url = g_strdup (value);
        }
      else if (is_one_of (option, "-A", "--user-agent"))
        {
          NEED_VALUE ();
          tess_kv_list_add (args->headers, "User-Agent", value);
        }
      else if (is_one_of (option, "-e", "--referer"))
        {
          NEED_VALUE ();
          tess_kv_list_add (args->headers, "Referer", value);
        }
      else if (is_one_of (option, "-b", "--cookie"))
        {
          NEED_VALUE ();
          tess_kv_list_add (args->headers, "Cookie", value);
        }
      else if (is_one_of (option, "-G", "--get"))
        args->get = TRUE;
      else if (is_one_of (option, "-I", "--head"))
        args->head = TRUE;
      else if (is_one_of (option, "-k", "--insecure"))
        args->insecure = TRUE;
      else if (is_one_of (option, "-L", "--location"))
        args->location = TRUE;
      else if (g_strv_contains (ignored_flags, option))
        ;
      else if (g_strv_contains (ignored_with_value, option))
        NEED_VALUE ();
      else
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_INVALID,
                       _("curl: unknown option ‘%s’"), option);
          return FALSE;
        }
#undef NEED_VALUE
    }

  if (args->url == NULL)
    {
      g_set_error_literal (error, TESS_ERROR, TESS_ERROR_INVALID, _("curl: the command has no URL"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
looks_form_encoded (const char *data)
{
  g_auto(GStrv) pairs = g_strsplit (data, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    if (strchr (pairs[i], '=') == NULL || strchr (pairs[i], ' ') != NULL ||
        strchr (pairs[i], '\n') != NULL || pairs[i][0] == '{' || pairs[i][0] == '[')
      return FALSE;
  return TRUE;
}

static void
set_body_from_data (TessItem *item,
                    CurlArgs *args)
{
  g_autoptr(TessBody) body = tess_body_new ();
  const char *content_type = tess_kv_list_lookup (args->headers, "Content-Type", TRUE);

  if (args->data_file != NULL)
    {
      body->mode = TESS_BODY_FILE;
      body->file_src = g_strdup (args->data_file);
    }
  else if ((content_type == NULL || strstr (content_type, "x-www-form-urlencoded") != NULL) &&
           looks_form_encoded (args->data->str))
    {
      g_auto(GStrv) pairs = g_strsplit (args->data->str, "&", -1);

      body->mode = TESS_BODY_URLENCODED;
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          char *eq = strchr (pairs[i], '=');
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          *eq = '\0';
          key = tess_uri_decode (pairs[i], TRUE);
          value = tess_uri_decode (eq + 1, TRUE);
          tess_kv_list_add (body->urlencoded, key, value);
        }
      if (content_type == NULL)
        tess_kv_list_add (tess_item_get_headers (item), "Content-Type", "application/x-www-form-urlencoded");
    }
  else
    {
      body->mode = TESS_BODY_RAW;
      body->raw = g_strdup (args->data->str);
      if (content_type != NULL && strstr (content_type, "json") != NULL)
        body->language = g_strdup ("json");
      else if (content_type != NULL && strstr (content_type, "xml") != NULL)
        body->language = g_strdup ("xml");
      else
        body->language = g_strdup ("text");
    }
  tess_item_set_body (item, body);
}

static void
set_query_from_data (TessItem *item,
                     CurlArgs *args)
{
  const char *url = tess_item_get_url (item);
  g_autofree char *with_query = g_strconcat (url, strchr (url, '?') ? "&" : "?", args->data->str, NULL);

  tess_item_set_url (item, with_query);
}

TessItem *
tess_curl_import (const char  *command_line,
                  GError     **error)
{
  g_autoptr(GRegex) continuation = g_regex_new ("\\\\\\r?\\n", 0, 0, NULL);
  g_autofree char *joined = g_regex_replace_literal (continuation, command_line, -1, 0, " ", 0, NULL);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) shell_error = NULL;
  CurlArgs args = { 0 };
  TessItem *item = NULL;

  args.headers = tess_kv_list_new ();
  args.form = tess_kv_list_new ();
  args.data = g_string_new (NULL);

  g_strstrip (joined);
  if (!g_shell_parse_argv (joined, NULL, &argv, &shell_error))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_PARSE, _("curl: %s"), shell_error->message);
      goto out;
    }
  if (!parse_args (&args, argv, error))
    goto out;

  {
    g_autofree char *name = NULL;
    const char *method;

    item = tess_item_new (TESS_ITEM_REQUEST, NULL);
    tess_item_set_url (item, args.url);
    for (guint i = 0; i < args.headers->len; i++)
      g_ptr_array_add (tess_item_get_headers (item), tess_key_value_copy (args.headers->pdata[i]));

    if (args.get && args.has_data)
      set_query_from_data (item, &args);
    else if (args.has_data)
      set_body_from_data (item, &args);
    else if (args.form->len > 0)
      {
        g_autoptr(TessBody) body = tess_body_new ();

        body->mode = TESS_BODY_FORMDATA;
        g_ptr_array_extend (body->formdata, args.form, (GCopyFunc) tess_key_value_copy, NULL);
        tess_item_set_body (item, body);
      }

    if (args.method != NULL)
      method = args.method;
    else if (args.head)
      method = "HEAD";
    else if ((args.has_data && !args.get) || args.form->len > 0)
      method = "POST";
    else
      method = "GET";
    tess_item_set_method (item, method);

    if (args.user != NULL)
      {
        g_autoptr(TessAuth) auth = tess_auth_new ("basic");
        const char *colon = strchr (args.user, ':');
        g_autofree char *user = colon ? g_strndup (args.user, colon - args.user) : g_strdup (args.user);

        tess_auth_set (auth, "username", user);
        tess_auth_set (auth, "password", colon ? colon + 1 : "");
        tess_item_set_auth (item, auth);
      }

    if (args.insecure || args.location)
      {
        JsonObject *behaviour = json_object_new ();

        if (args.insecure)
          json_object_set_boolean_member (behaviour, "strictSSL", FALSE);
        if (args.location)
          json_object_set_boolean_member (behaviour, "followRedirects", TRUE);
        json_object_set_object_member (tess_item_get_extra (item), "protocolProfileBehavior", behaviour);
      }

    name = g_strdup (args.url);
    tess_item_set_name (item, name);
  }

out:
  curl_args_clear (&args);
  return item;
}

char *
tess_shell_quote (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static void
append_option (GString    *out,
               const char *option,
               const char *value)
{
  g_autofree char *quoted = tess_shell_quote (value);

  g_string_append_printf (out, " \\\n  %s %s", option, quoted);
}

char *
tess_curl_export (const TessPreparedRequest *request,
                  TessItem                  *item,
                  TessVariables             *vars)
{
  GString *out = g_string_new ("curl");
  g_autofree char *uri = tess_prepared_request_dup_uri (request);
  g_autofree char *quoted_uri = tess_shell_quote (uri);
  TessBody *body = item ? tess_item_get_body (item) : NULL;
  gboolean form_from_item = body != NULL && request->body_mode == TESS_BODY_FORMDATA;

  if (!g_str_equal (request->method, "GET"))
    g_string_append_printf (out, " -X %s", request->method);
  g_string_append_printf (out, " %s", quoted_uri);

  for (guint i = 0; i < request->headers->len; i++)
    {
      TessParam *param = g_ptr_array_index (request->headers, i);
      g_autofree char *line = NULL;

      /* curl writes the multipart Content-Type (with its boundary) itself. */
      if (form_from_item && g_ascii_strcasecmp (param->name, "Content-Type") == 0)
        continue;
      line = g_strdup_printf ("%s: %s", param->name, param->value);
      append_option (out, "-H", line);
    }

  if (form_from_item)
    {
      for (guint i = 0; i < body->formdata->len; i++)
        {
          TessKeyValue *kv = g_ptr_array_index (body->formdata, i);
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;
          g_autofree char *part = NULL;

          if (!kv->enabled)
            continue;
          key = vars ? tess_variables_expand (vars, kv->key, NULL, NULL) : g_strdup (kv->key);
          if (g_strcmp0 (kv->type, "file") == 0)
            {
              value = vars ? tess_variables_expand (vars, kv->src ? kv->src : "", NULL, NULL) : g_strdup (kv->src);
              part = g_strdup_printf ("%s=@%s", key, value ? value : "");
            }
          else
            {
              value = vars ? tess_variables_expand (vars, kv->value, NULL, NULL) : g_strdup (kv->value);
              part = g_strdup_printf ("%s=%s", key, value ? value : "");
            }
          append_option (out, "-F", part);
        }
    }
  else if (request->body_file != NULL)
    {
      g_autofree char *at = g_strconcat ("@", request->body_file, NULL);
      append_option (out, "--data-binary", at);
    }
  else if (request->body != NULL && g_bytes_get_size (request->body) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (request->body, &size);
      g_autofree char *text = g_strndup (data, size);

      append_option (out, "--data-raw", text);
    }
  return g_string_free (out, FALSE);
}
