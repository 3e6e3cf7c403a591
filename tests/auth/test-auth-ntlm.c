#include <string.h>

#include "tess-auth-scheme.h"
#include "tess-error.h"
#include "auth/tess-auth-schemes.h"
#include "auth/tess-nettle.h"
#include "auth/tess-ntlm.h"
#include "tess-test-util.h"

/* MS-NLMP §4.2.4 (NTLMv2): user "User", domain "Domain", password "Password",
 * server challenge 0123456789abcdef, client challenge aa…, time 0. */
static const guint8 server_challenge[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
static const guint8 client_challenge[8] = { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa };

/* §4.2.4.3 CHALLENGE_MESSAGE: target name "Server", target info
 * NbDomainName "Domain", NbComputerName "Server", EOL. */
static const guint8 spec_challenge[] = {
  0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00, 0x02, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x0c, 0x00,
  0x38, 0x00, 0x00, 0x00, 0x33, 0x82, 0x8a, 0xe2, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x24, 0x00, 0x24, 0x00, 0x44, 0x00, 0x00, 0x00,
  0x06, 0x00, 0x70, 0x17, 0x00, 0x00, 0x00, 0x0f, 0x53, 0x00, 0x65, 0x00, 0x72, 0x00, 0x76, 0x00,
  0x65, 0x00, 0x72, 0x00, 0x02, 0x00, 0x0c, 0x00, 0x44, 0x00, 0x6f, 0x00, 0x6d, 0x00, 0x61, 0x00,
  0x69, 0x00, 0x6e, 0x00, 0x01, 0x00, 0x0c, 0x00, 0x53, 0x00, 0x65, 0x00, 0x72, 0x00, 0x76, 0x00,
  0x65, 0x00, 0x72, 0x00, 0x00, 0x00, 0x00, 0x00,
};
#define SPEC_TARGET_INFO_OFFSET 0x44
#define SPEC_TARGET_INFO_LEN    0x24

static char *
hex (const guint8 *data,
     gsize         len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

/* One security-buffer field of an NTLM message, bounds-checked. */
static GBytes *
message_field (GBytes *message,
               gsize   descriptor)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (message, &size);
  guint16 len = le16 (data + descriptor);
  guint32 offset = le32 (data + descriptor + 4);

  g_assert_cmpuint (offset + len, <=, size);
  return g_bytes_new (data + offset, len);
}

static char *
utf16_field_to_utf8 (GBytes *field)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (field, &size);
  g_autofree gunichar2 *units = g_new0 (gunichar2, size / 2 + 1);

  for (gsize i = 0; i < size / 2; i++)
    units[i] = le16 (data + 2 * i);
  return g_utf16_to_utf8 (units, size / 2, NULL, NULL, NULL);
}

static void
test_vectors (void)
{
  g_autoptr(GBytes) target_info = g_bytes_new (spec_challenge + SPEC_TARGET_INFO_OFFSET,
                                               SPEC_TARGET_INFO_LEN);
  g_autoptr(GBytes) response = NULL;
  g_autofree char *ntowf_hex = NULL;
  g_autofree char *proof_hex = NULL;
  g_autofree char *key_hex = NULL;
  guint8 ntowf[16];
  guint8 session_key[16];

  tess_ntlm_ntowfv2 ("User", "Password", "Domain", ntowf);
  ntowf_hex = hex (ntowf, 16);
  g_assert_cmpstr (ntowf_hex, ==, "0c868a403bfd7a93a3001ef22ef02e3f");

  response = tess_ntlm_v2_response (ntowf, server_challenge, client_challenge, 0,
                                    target_info, session_key);
  proof_hex = hex (g_bytes_get_data (response, NULL), 16);
  g_assert_cmpstr (proof_hex, ==, "68cd0ab851e51c96aabc927bebef6a1c");
  key_hex = hex (session_key, 16);
  g_assert_cmpstr (key_hex, ==, "8de40ccadbc14a82f15cb0ad0de95ca3");

  /* The blob after NTProofStr: versions, zeros, time, client challenge, zeros,
   * target info, zeros (MS-NLMP 2.2.2.7). */
  g_assert_cmpuint (g_bytes_get_size (response), ==, 16 + 28 + SPEC_TARGET_INFO_LEN + 4);
}

static void
test_user_case_and_unicode (void)
{
  guint8 a[16], b[16], c[16];

  /* The user name is upper-cased, the domain is not. */
  tess_ntlm_ntowfv2 ("user", "Password", "Domain", a);
  tess_ntlm_ntowfv2 ("USER", "Password", "Domain", b);
  g_assert_cmpmem (a, 16, b, 16);
  tess_ntlm_ntowfv2 ("User", "Password", "DOMAIN", c);
  g_assert_true (memcmp (a, c, 16) != 0);

  /* Non-ASCII passwords go in as UTF-16, not as their UTF-8 bytes. */
  tess_ntlm_ntowfv2 ("User", "Pässwörd", "Domain", a);
  tess_ntlm_ntowfv2 ("User", "P\xc3\xa4sswörd", "Domain", b);
  g_assert_cmpmem (a, 16, b, 16);
  tess_ntlm_ntowfv2 ("User", "Passwörd", "Domain", c);
  g_assert_true (memcmp (a, c, 16) != 0);
}

static void
test_negotiate_message (void)
{
  g_autoptr(GBytes) message = tess_ntlm_negotiate_message ();
  gsize size;
  const guint8 *data = g_bytes_get_data (message, &size);
  guint32 flags;

  /* gss-ntlmssp only decodes the 40-byte form, with the Version field. */
  g_assert_cmpuint (size, ==, 40);
  g_assert_cmpmem (data, 8, "NTLMSSP", 8);
  g_assert_cmpuint (le32 (data + 8), ==, 1);
  flags = le32 (data + 12);
  g_assert_true (flags & TESS_NTLM_NEGOTIATE_UNICODE);
  g_assert_true (flags & TESS_NTLM_NEGOTIATE_NTLM);
  g_assert_true (flags & TESS_NTLM_NEGOTIATE_VERSION);
  g_assert_true (flags & TESS_NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY);
  g_assert_cmpuint (data[39], ==, 0x0f);   /* NTLMSSP_REVISION_W2K3 */
}

static void
test_split_username (void)
{
  struct { const char *in, *user, *domain; } cases[] = {
    { "CORP\\alice", "alice", "CORP" },
    { "alice@corp.example", "alice", "corp.example" },
    { "alice", "alice", "" },
    { "CORP\\alice@corp.example", "CORP\\alice@corp.example", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *user = NULL;
      g_autofree char *domain = NULL;

      tess_ntlm_split_username (cases[i].in, &user, &domain);
      g_assert_cmpstr (user, ==, cases[i].user);
      g_assert_cmpstr (domain, ==, cases[i].domain);
    }
}

static TessAuthContext *
make_context (const char *username,
              const char *domain)
{
  TessAuthContext *ctx = tess_auth_context_new (&tess_auth_ntlm, "Intranet / Report",
                                                "NTLM auth from collection ‘Intranet’");

  tess_auth_context_set (ctx, "username", username);
  tess_auth_context_set (ctx, "password", "Password");
  if (domain != NULL)
    tess_auth_context_set (ctx, "domain", domain);
  tess_auth_context_set (ctx, "workstation", "COMPUTER");
  return ctx;
}

static SoupMessageHeaders *
challenge_headers (const guint8 *message,
                   gsize         len)
{
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *b64 = message ? g_base64_encode (message, len) : NULL;
  g_autofree char *value = message ? g_strconcat ("NTLM ", b64, NULL) : g_strdup ("NTLM");

  soup_message_headers_append (headers, "WWW-Authenticate", "Negotiate");
  soup_message_headers_append (headers, "WWW-Authenticate", value);
  return headers;
}

/* The AUTHENTICATE message carried by the request's Authorization header. */
static GBytes *
authorization_message (TessPreparedRequest *req)
{
  const char *value = tess_prepared_request_get_header (req, "Authorization");
  guchar *data;
  gsize len;

  g_assert_nonnull (value);
  g_assert_true (g_str_has_prefix (value, "NTLM "));
  data = g_base64_decode (value + 5, &len);
  return g_bytes_new_take (data, len);
}

/* MD4 comes from Nettle, opened when a challenge is answered. When it cannot
 * be opened the answer fails with why, and nothing is retried. */
static void
test_nettle_cannot_open (void)
{
  if (!g_test_subprocess ())
    {
      tess_test_trap_with_broken_library (TESS_NETTLE_SONAME, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(TessAuthContext) ctx = make_context ("User", "Domain");
    g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/report");
    g_autoptr(SoupMessageHeaders) headers = challenge_headers (spec_challenge, sizeof spec_challenge);
    g_autoptr(GError) error = NULL;

    /* NEGOTIATE needs no hash. */
    g_assert_true (tess_auth_ntlm.apply (ctx, req, &error));
    g_assert_no_error (error);
    g_assert_false (tess_nettle_is_loaded ());
    g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, headers, &error), ==, TESS_CHALLENGE_DONE);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "request ‘Intranet / Report’: NTLM: Nettle ("
                                                     TESS_NETTLE_SONAME ") could not be loaded: "));
  }
}

static void
test_handshake_spec_challenge (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("User", "Domain");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/report");
  g_autoptr(SoupMessageHeaders) headers = challenge_headers (spec_challenge, sizeof spec_challenge);
  g_autoptr(SoupMessageHeaders) refused = challenge_headers (NULL, 0);
  g_autoptr(GBytes) negotiate = NULL;
  g_autoptr(GBytes) authenticate = NULL;
  g_autoptr(GBytes) lm = NULL, nt = NULL, domain = NULL, user = NULL, workstation = NULL;
  g_autofree char *lm_hex = NULL, *proof_hex = NULL, *blob_head = NULL;
  g_autofree char *domain8 = NULL, *user8 = NULL, *workstation8 = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  TessParam *param;

  tess_prepared_request_add_header (req, "authorization", "Basic stale", TESS_ORIGIN_MANUAL, NULL);
  tess_auth_ntlm_set_test_inputs (client_challenge, 0);

  g_assert_true (tess_auth_ntlm.apply (ctx, req, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (req->headers->len, ==, 1);
  param = g_ptr_array_index (req->headers, 0);
  g_assert_cmpint (param->origin, ==, TESS_ORIGIN_AUTH);
  g_assert_cmpstr (param->origin_label, ==, "NTLM auth from collection ‘Intranet’");
  negotiate = authorization_message (req);
  g_assert_cmpuint (g_bytes_get_size (negotiate), ==, 40);
  /* NEGOTIATE keeps the connection for the rest of the handshake. */
  g_assert_null (tess_prepared_request_get_header (req, "Connection"));

  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, headers, &error), ==, TESS_CHALLENGE_RETRY);
  g_assert_no_error (error);
  authenticate = authorization_message (req);
  /* AUTHENTICATE ends it: the next send starts on a fresh connection. */
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Connection"), ==, "close");
  data = g_bytes_get_data (authenticate, NULL);
  g_assert_cmpmem (data, 8, "NTLMSSP", 8);
  g_assert_cmpuint (le32 (data + 8), ==, 3);
  g_assert_cmpuint (le32 (data + 60) & TESS_NTLM_NEGOTIATE_UNICODE, !=, 0);

  domain = message_field (authenticate, 28);
  user = message_field (authenticate, 36);
  workstation = message_field (authenticate, 44);
  domain8 = utf16_field_to_utf8 (domain);
  user8 = utf16_field_to_utf8 (user);
  workstation8 = utf16_field_to_utf8 (workstation);
  g_assert_cmpstr (domain8, ==, "Domain");
  g_assert_cmpstr (user8, ==, "User");
  g_assert_cmpstr (workstation8, ==, "COMPUTER");

  /* No timestamp in the challenge: LMv2 and the spec's NTProofStr (time 0). */
  lm = message_field (authenticate, 12);
  lm_hex = hex (g_bytes_get_data (lm, NULL), g_bytes_get_size (lm));
  g_assert_cmpstr (lm_hex, ==, "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
  nt = message_field (authenticate, 20);
  proof_hex = hex (g_bytes_get_data (nt, NULL), 16);
  g_assert_cmpstr (proof_hex, ==, "68cd0ab851e51c96aabc927bebef6a1c");
  blob_head = hex ((const guint8 *) g_bytes_get_data (nt, NULL) + 16, 28);
  g_assert_cmpstr (blob_head, ==, "0101000000000000" "0000000000000000" "aaaaaaaaaaaaaaaa" "00000000");
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (nt, NULL) + 44, SPEC_TARGET_INFO_LEN,
                   spec_challenge + SPEC_TARGET_INFO_OFFSET, SPEC_TARGET_INFO_LEN);

  /* A second 401 means the credentials were refused: the response stands. */
  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, refused, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_no_error (error);
  g_assert_cmpuint (req->log->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (req->log, 1), "refused the credentials"));

  tess_auth_ntlm_set_test_inputs (NULL, -1);
}

/* A challenge whose target info carries MsvAvTimestamp, as Windows and
 * gss-ntlmssp send: the time is echoed, LM is zeros and a MIC is added. */
static GBytes *
timestamped_challenge (guint64 filetime)
{
  GByteArray *out = g_byte_array_new ();
  guint8 info[] = {
    0x02, 0x00, 0x0c, 0x00, 'D', 0, 'o', 0, 'm', 0, 'a', 0, 'i', 0, 'n', 0,
    0x07, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
    0x00, 0x00, 0x00, 0x00,
  };

  for (guint i = 0; i < 8; i++)
    info[20 + i] = (filetime >> (8 * i)) & 0xff;
  g_byte_array_append (out, spec_challenge, 48);
  /* No target name; the target info right after the 48-byte header. */
  out->data[12] = out->data[13] = out->data[14] = out->data[15] = 0;
  out->data[16] = 48;
  out->data[40] = out->data[42] = sizeof info;
  out->data[41] = out->data[43] = 0;
  out->data[44] = 48;
  out->data[45] = out->data[46] = out->data[47] = 0;
  g_byte_array_append (out, info, sizeof info);
  return g_byte_array_free_to_bytes (out);
}

static void
test_handshake_timestamp_and_mic (void)
{
  const guint64 server_time = G_GUINT64_CONSTANT (0x01d9a1b2c3d4e5f6);
  g_autoptr(TessAuthContext) ctx = make_context ("Domain\\User", NULL);
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(GBytes) challenge = timestamped_challenge (server_time);
  g_autoptr(SoupMessageHeaders) headers = challenge_headers (g_bytes_get_data (challenge, NULL),
                                                             g_bytes_get_size (challenge));
  g_autoptr(GBytes) negotiate = NULL, authenticate = NULL, lm = NULL, nt = NULL, domain = NULL;
  g_autoptr(GBytes) blob_info = NULL, blob_response = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain8 = NULL;
  g_autofree guint8 *zeroed = NULL;
  const guint8 *nt_data;
  guint8 ntowf[16], session_key[16], mic[16];
  gsize mic_len = 16, auth_len;
  guint64 echoed = 0;

  tess_auth_ntlm_set_test_inputs (client_challenge, 0);
  g_assert_true (tess_auth_ntlm.apply (ctx, req, &error));
  negotiate = authorization_message (req);
  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, headers, &error), ==, TESS_CHALLENGE_RETRY);
  g_assert_no_error (error);
  authenticate = authorization_message (req);

  /* The domain came from "Domain\User". */
  domain = message_field (authenticate, 28);
  domain8 = utf16_field_to_utf8 (domain);
  g_assert_cmpstr (domain8, ==, "Domain");

  lm = message_field (authenticate, 12);
  g_assert_cmpuint (g_bytes_get_size (lm), ==, 24);
  for (guint i = 0; i < 24; i++)
    g_assert_cmpuint (((const guint8 *) g_bytes_get_data (lm, NULL))[i], ==, 0);

  nt = message_field (authenticate, 20);
  nt_data = g_bytes_get_data (nt, NULL);
  for (guint i = 0; i < 8; i++)
    echoed |= (guint64) nt_data[16 + 8 + i] << (8 * i);
  g_assert_cmpuint (echoed, ==, server_time);

  /* The blob's target info gained MsvAvFlags = MIC present, before EOL. */
  blob_info = g_bytes_new (nt_data + 44, g_bytes_get_size (nt) - 44 - 4);
  g_assert_cmpuint (g_bytes_get_size (blob_info), ==, 16 + 12 + 8 + 4);
  g_assert_cmpuint (le16 (nt_data + 44 + 28), ==, TESS_NTLM_AV_FLAGS);
  g_assert_cmpuint (le32 (nt_data + 44 + 32), ==, 2);

  /* MIC = HMAC-MD5(SessionBaseKey, NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE with MIC zeroed). */
  tess_ntlm_ntowfv2 ("User", "Password", "Domain", ntowf);
  blob_response = tess_ntlm_v2_response (ntowf, server_challenge, client_challenge, server_time,
                                         blob_info, session_key);
  g_assert_cmpmem (g_bytes_get_data (blob_response, NULL), 16, nt_data, 16);
  zeroed = g_bytes_unref_to_data (g_bytes_ref (authenticate), &auth_len);
  memset (zeroed + 72, 0, 16);
  hmac = g_hmac_new (G_CHECKSUM_MD5, session_key, 16);
  g_hmac_update (hmac, g_bytes_get_data (negotiate, NULL), g_bytes_get_size (negotiate));
  g_hmac_update (hmac, g_bytes_get_data (challenge, NULL), g_bytes_get_size (challenge));
  g_hmac_update (hmac, zeroed, auth_len);
  g_hmac_get_digest (hmac, mic, &mic_len);
  g_assert_cmpmem (mic, 16, (const guint8 *) g_bytes_get_data (authenticate, NULL) + 72, 16);

  tess_auth_ntlm_set_test_inputs (NULL, -1);
}

static void
test_random_client_challenge (void)
{
  g_autoptr(GBytes) first = NULL, second = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(TessAuthContext) ctx = make_context ("User", "Domain");
      g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
      g_autoptr(SoupMessageHeaders) headers = challenge_headers (spec_challenge, sizeof spec_challenge);
      g_autoptr(GBytes) message = NULL;

      g_assert_true (tess_auth_ntlm.apply (ctx, req, NULL));
      g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, headers, NULL), ==, TESS_CHALLENGE_RETRY);
      message = authorization_message (req);
      if (round == 0)
        first = message_field (message, 20);
      else
        second = message_field (message, 20);
    }
  /* Same inputs, fresh client challenge and time: different responses. */
  g_assert_false (g_bytes_equal (first, second));
}

static void
test_no_retry_cases (void)
{
  g_autoptr(TessAuthContext) ctx = make_context ("User", "Domain");
  g_autoptr(TessPreparedRequest) req = tess_prepared_request_new ("GET", "http://127.0.0.1/");
  g_autoptr(SoupMessageHeaders) good = challenge_headers (spec_challenge, sizeof spec_challenge);
  g_autoptr(SoupMessageHeaders) refused = challenge_headers (NULL, 0);
  g_autoptr(SoupMessageHeaders) basic = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(SoupMessageHeaders) broken = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (basic, "WWW-Authenticate", "Basic realm=\"x\"");
  soup_message_headers_append (broken, "WWW-Authenticate", "NTLM bm90IGFuIE5UTE0gbWVzc2FnZQ==");

  g_assert_true (tess_auth_ntlm.apply (ctx, req, &error));
  /* Success needs no answer. */
  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 200, good, &error), ==, TESS_CHALLENGE_DONE);
  /* A server without NTLM, or one that refused the NEGOTIATE. */
  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, basic, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, refused, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_no_error (error);
  g_assert_cmpuint (req->log->len, ==, 2);

  /* A token that is not a CHALLENGE_MESSAGE is an error naming the request. */
  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, broken, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_error (error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE);
  g_assert_nonnull (strstr (error->message, "Intranet / Report"));
  g_clear_error (&error);

  /* disableRetryRequest: the challenge is left unanswered. */
  tess_auth_context_set (ctx, "disableRetryRequest", "true");
  g_assert_true (tess_auth_ntlm.apply (ctx, req, &error));
  g_assert_cmpint (tess_auth_ntlm.on_response (ctx, req, 401, good, &error), ==, TESS_CHALLENGE_DONE);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (tess_prepared_request_get_header (req, "Authorization"), "NTLM TlRMTVNTUAABAAAA"));
  g_assert_cmpstr (tess_prepared_request_get_header (req, "Connection"), ==, "close");
}

static void
test_field_table (void)
{
  const TessAuthField *password = tess_auth_scheme_get_field (&tess_auth_ntlm, "password");
  const char *keys[] = { "username", "password", "domain", "workstation", "disableRetryRequest" };

  g_assert_true (tess_auth_scheme_lookup ("ntlm") == &tess_auth_ntlm);
  g_assert_nonnull (password);
  g_assert_true (tess_auth_field_is_secret (password));
  g_assert_cmpuint (tess_auth_ntlm.n_fields, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (tess_auth_scheme_get_field (&tess_auth_ntlm, keys[i]));
  g_assert_nonnull (tess_auth_ntlm.on_response);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First: it sets LD_LIBRARY_PATH for its child. */
  g_test_add_func ("/auth/ntlm/nettle-cannot-open", test_nettle_cannot_open);
  g_test_add_func ("/auth/ntlm/vectors", test_vectors);
  g_test_add_func ("/auth/ntlm/user-case-unicode", test_user_case_and_unicode);
  g_test_add_func ("/auth/ntlm/negotiate", test_negotiate_message);
  g_test_add_func ("/auth/ntlm/split-username", test_split_username);
  g_test_add_func ("/auth/ntlm/handshake-spec", test_handshake_spec_challenge);
  g_test_add_func ("/auth/ntlm/handshake-timestamp-mic", test_handshake_timestamp_and_mic);
  g_test_add_func ("/auth/ntlm/random-client-challenge", test_random_client_challenge);
  g_test_add_func ("/auth/ntlm/no-retry", test_no_retry_cases);
  g_test_add_func ("/auth/ntlm/fields", test_field_table);

  return g_test_run ();
}
