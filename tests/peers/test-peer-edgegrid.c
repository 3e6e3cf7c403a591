/* Akamai EdgeGrid against Akamai's own Node library: no EdgeGrid server can
 * run here, so tests/peers/edgegrid-ref.js computes the Authorization header
 * for the same requests, with the nonce and timestamp Tessera generated. */
#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "auth-peer-servers.h"
#include "peer-child.h"
#include "tess-prepared-request.h"
#include "tess-auth-scheme.h"
#include "tess-test-util.h"

#define API_HOST "akab-tessera0000000-aaaaaaaaaaaaaaaa.luna.akamaiapis.net"

typedef struct {
  const char *method;
  const char *path;
  const char *headers_to_sign;     /* "Name: value|Name: value" */
  gsize       body_size;           /* bytes of generated ASCII body */
  gboolean    via_base_url;        /* send to loopback, sign API_HOST */
} RefCase;

static const RefCase ref_cases[] = {
  { "GET", "/identity-management/v3/user-profile", NULL, 0, FALSE },
  { "GET", "/papi/v1/properties?contractId=ctr_1-AB&groupId=grp_5&search=a%20b", NULL, 0, FALSE },
  { "POST", "/ccu/v3/invalidate/url/production", NULL, 180, FALSE },
  /* Longer than the library's fixed 131072 bytes: both hash the first 131072. */
  { "POST", "/ccu/v3/invalidate/url/staging", NULL, 200000, FALSE },
  { "PUT", "/papi/v1/properties/prp_1/versions/2/rules", NULL, 300, FALSE },
  { "GET", "/diagnostic-tools/v2/ghost-locations/available",
    "X-Custom-One:trailing spaces are trimmed   |X-Custom-Two:a   b\tc", 0, FALSE },
  { "DELETE", "/edgekv/v1/networks/staging/namespaces/default/groups/g/items/k", NULL, 0, TRUE },
};

static GBytes *
make_body (gsize size)
{
  GString *text = g_string_sized_new (size + 16);

  for (guint i = 0; text->len < size; i++)
    g_string_append_printf (text, "{\"objects\": [\"https://example.com/%u\"]}", i);
  g_string_truncate (text, size);
  return g_string_free_to_bytes (text);
}

/* Signs @rc with Tessera; returns the request and fills the reference case. */
static TessPreparedRequest *
sign_with_tessera (const RefCase *rc,
                   JsonBuilder   *builder)
{
  g_autoptr(TessAuthContext) ctx = tess_auth_context_new (tess_auth_scheme_lookup ("edgegrid"),
                                                          "peer / edgegrid", NULL);
  g_autofree char *url = g_strconcat (rc->via_base_url ? "https://127.0.0.1:9443" : "https://" API_HOST,
                                      rc->path, NULL);
  TessPreparedRequest *req = tess_prepared_request_new (rc->method, url);
  g_autoptr(GRegex) regex = g_regex_new (";timestamp=([^;]+);nonce=([^;]+);", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) headers = g_strsplit (rc->headers_to_sign ? rc->headers_to_sign : "", "|", -1);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *timestamp = NULL;
  g_autofree char *nonce = NULL;

  tess_auth_context_set (ctx, "clientToken", "akab-client-token-tessera-0000000000");
  tess_auth_context_set (ctx, "clientSecret", "SECRETtessera0000000000000000000000000000000=");
  tess_auth_context_set (ctx, "accessToken", "akab-access-token-tessera-0000000000");
  if (rc->via_base_url)
    tess_auth_context_set (ctx, "baseURL", "https://" API_HOST "/");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "headersToSign");
  json_builder_begin_object (builder);
  for (guint i = 0; headers[i] != NULL && *headers[i] != '\0'; i++)
    {
      char *colon = strchr (headers[i], ':');

      *colon = '\0';
      tess_prepared_request_add_header (req, headers[i], colon + 1, TESS_ORIGIN_MANUAL, NULL);
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", headers[i]);
      json_builder_set_member_name (builder, headers[i]);
      json_builder_add_string_value (builder, colon + 1);
    }
  json_builder_end_object (builder);
  tess_auth_context_set (ctx, "headersToSign", names->str);

  if (rc->body_size > 0)
    {
      g_autoptr(GBytes) body = make_body (rc->body_size);

      tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, g_bytes_get_data (body, NULL));
    }

  /* Nonce and timestamp left empty: Tessera makes them, the reference reuses them. */
  g_assert_true (ctx->scheme->apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_true (g_regex_match (regex, tess_prepared_request_get_header (req, "Authorization"), 0, &match));
  timestamp = g_match_info_fetch (match, 1);
  nonce = g_match_info_fetch (match, 2);

  json_builder_set_member_name (builder, "clientToken");
  json_builder_add_string_value (builder, "akab-client-token-tessera-0000000000");
  json_builder_set_member_name (builder, "clientSecret");
  json_builder_add_string_value (builder, "SECRETtessera0000000000000000000000000000000=");
  json_builder_set_member_name (builder, "accessToken");
  json_builder_add_string_value (builder, "akab-access-token-tessera-0000000000");
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, API_HOST);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, rc->method);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, rc->path);
  json_builder_set_member_name (builder, "nonce");
  json_builder_add_string_value (builder, nonce);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, timestamp);
  json_builder_end_object (builder);
  return req;
}

/* Runs the reference with @input on stdin; NULL (test skipped) when node or
 * akamai-edgegrid is missing. */
static JsonArray *
run_reference (const char *input,
               JsonParser *parser)
{
  g_autofree char *skip_reason = NULL;

  if (!auth_peer_have_node_package ("akamai-edgegrid", &skip_reason))
    {
      tess_test_skip_peer ("%s", skip_reason);
      return NULL;
    }
  return json_node_get_array (peer_child_node_json ("edgegrid-ref.js", input, parser));
}

static void
test_matches_reference (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_prepared_request_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *input = NULL;
  JsonArray *expected;

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (ref_cases); i++)
    g_ptr_array_add (requests, sign_with_tessera (&ref_cases[i], builder));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  input = json_generator_to_data (generator, NULL);

  expected = run_reference (input, parser);
  if (expected == NULL)
    return;
  g_assert_cmpuint (json_array_get_length (expected), ==, G_N_ELEMENTS (ref_cases));
  for (guint i = 0; i < requests->len; i++)
    {
      TessPreparedRequest *req = g_ptr_array_index (requests, i);

      g_test_message ("%s %s", ref_cases[i].method, ref_cases[i].path);
      g_assert_cmpstr (tess_prepared_request_get_header (req, "Authorization"), ==,
                       json_array_get_string_element (expected, i));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer-edgegrid/matches-akamai-edgegrid", test_matches_reference);
  return g_test_run ();
}
