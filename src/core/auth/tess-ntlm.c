#include "tess-ntlm.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tess-auth-random.h"
#include "tess-error.h"
#include "tess-nettle.h"

#define NTLM_SIGNATURE "NTLMSSP"   /* with its NUL: 8 bytes */

/* What Tessera asks for: Unicode strings, NTLM with extended session security,
 * 128-bit keys. No signing or sealing: HTTP only needs the authentication. */
#define NEGOTIATE_FLAGS (TESS_NTLM_NEGOTIATE_UNICODE | TESS_NTLM_NEGOTIATE_OEM | \
                         TESS_NTLM_REQUEST_TARGET | TESS_NTLM_NEGOTIATE_NTLM | \
                         TESS_NTLM_NEGOTIATE_ALWAYS_SIGN | \
                         TESS_NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY | \
                         TESS_NTLM_NEGOTIATE_VERSION | TESS_NTLM_NEGOTIATE_128 | \
                         TESS_NTLM_NEGOTIATE_56)

/* MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
#define AV_FLAG_MIC_PRESENT 0x00000002u

/* Seconds between 1601-01-01 and 1970-01-01. */
#define FILETIME_UNIX_EPOCH G_GUINT64_CONSTANT (11644473600)

/* Version field: informational only; NTLMSSP revision 15 is what matters. */
static const guint8 ntlm_version[8] = { 10, 0, 0x61, 0x4a, 0, 0, 0, 0x0f };

static void
put_le16 (GByteArray *out,
          guint16     value)
{
  guint8 b[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put_le32 (GByteArray *out,
          guint32     value)
{
  guint8 b[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
put_le64 (GByteArray *out,
          guint64     value)
{
  put_le32 (out, value & 0xffffffffu);
  put_le32 (out, value >> 32);
}

static guint16
get_le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
get_le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
get_le64 (const guint8 *p)
{
  return get_le32 (p) | ((guint64) get_le32 (p + 4) << 32);
}

static GBytes *
utf16le (const char *text)
{
  g_autofree gunichar2 *units = NULL;
  glong n = 0;
  GByteArray *out = g_byte_array_new ();

  units = g_utf8_to_utf16 (text ? text : "", -1, NULL, &n, NULL);
  for (glong i = 0; units != NULL && i < n; i++)
    put_le16 (out, units[i]);
  return g_byte_array_free_to_bytes (out);
}

static void
hmac_md5 (const guint8 *key,
          gsize         key_len,
          GBytes       *first,
          GBytes       *second,
          guint8        out[16])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_MD5, key, key_len);
  gsize len = 16;

  if (first != NULL)
    g_hmac_update (hmac, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  if (second != NULL)
    g_hmac_update (hmac, g_bytes_get_data (second, NULL), g_bytes_get_size (second));
  g_hmac_get_digest (hmac, out, &len);
}

GBytes *
tess_ntlm_negotiate_message (void)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) NTLM_SIGNATURE, 8);
  put_le32 (out, 1);
  put_le32 (out, NEGOTIATE_FLAGS);
  /* Empty domain and workstation: the names go in the AUTHENTICATE message. */
  for (guint i = 0; i < 2; i++)
    {
      put_le16 (out, 0);
      put_le16 (out, 0);
      put_le32 (out, 40);
    }
  g_byte_array_append (out, ntlm_version, sizeof ntlm_version);
  return g_byte_array_free_to_bytes (out);
}

void
tess_ntlm_challenge_free (TessNtlmChallenge *challenge)
{
  if (challenge == NULL)
    return;
  g_clear_pointer (&challenge->target_info, g_bytes_unref);
  g_clear_pointer (&challenge->raw, g_bytes_unref);
  g_free (challenge);
}

TessNtlmChallenge *
tess_ntlm_challenge_parse (const guint8 *data,
                           gsize         len,
                           GError      **error)
{
  g_autoptr(TessNtlmChallenge) challenge = NULL;

  if (len < 32 || memcmp (data, NTLM_SIGNATURE, 8) != 0 || get_le32 (data + 8) != 2)
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE,
                   _("the server’s NTLM challenge is not a CHALLENGE_MESSAGE"));
      return NULL;
    }

  challenge = g_new0 (TessNtlmChallenge, 1);
  challenge->flags = get_le32 (data + 20);
  memcpy (challenge->server_challenge, data + 24, 8);
  challenge->raw = g_bytes_new (data, len);

  if (len >= 48 && (challenge->flags & TESS_NTLM_NEGOTIATE_TARGET_INFO))
    {
      guint16 info_len = get_le16 (data + 40);
      guint32 info_offset = get_le32 (data + 44);

      if (info_offset > len || info_len > len - info_offset)
        {
          g_set_error (error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE,
                       _("the server’s NTLM challenge has target information outside the message"));
          return NULL;
        }
      challenge->target_info = g_bytes_new (data + info_offset, info_len);
    }
  else
    challenge->target_info = g_bytes_new (NULL, 0);
  return g_steal_pointer (&challenge);
}

/* Calls @func for each AV_PAIR before MsvAvEOL; stops early when it returns FALSE. */
static void
foreach_av_pair (GBytes   *target_info,
                 gboolean (*func) (guint16 id, const guint8 *value, guint16 len, gpointer data),
                 gpointer  data)
{
  gsize size;
  const guint8 *p = g_bytes_get_data (target_info, &size);
  gsize pos = 0;

  while (pos + 4 <= size)
    {
      guint16 id = get_le16 (p + pos);
      guint16 len = get_le16 (p + pos + 2);

      if (id == TESS_NTLM_AV_EOL || len > size - pos - 4)
        return;
      if (!func (id, p + pos + 4, len, data))
        return;
      pos += 4 + len;
    }
}

typedef struct {
  gboolean found;
  guint64 filetime;
} TimestampSearch;

static gboolean
find_timestamp_cb (guint16       id,
                   const guint8 *value,
                   guint16       len,
                   gpointer      data)
{
  TimestampSearch *search = data;

  if (id != TESS_NTLM_AV_TIMESTAMP || len != 8)
    return TRUE;
  search->found = TRUE;
  search->filetime = get_le64 (value);
  return FALSE;
}

gboolean
tess_ntlm_target_info_timestamp (GBytes  *target_info,
                                 guint64 *filetime)
{
  TimestampSearch search = { FALSE, 0 };

  foreach_av_pair (target_info, find_timestamp_cb, &search);
  if (search.found && filetime != NULL)
    *filetime = search.filetime;
  return search.found;
}

guint64
tess_ntlm_filetime_now (void)
{
  gint64 us = g_get_real_time ();

  return ((guint64) us * 10) + FILETIME_UNIX_EPOCH * 10000000;
}

void
tess_ntlm_ntowfv2 (const char *user,
                   const char *password,
                   const char *domain,
                   guint8      out[16])
{
  g_autoptr(GBytes) secret = utf16le (password);
  g_autofree char *upper = g_utf8_strup (user ? user : "", -1);
  g_autofree char *identity = g_strconcat (upper, domain ? domain : "", NULL);
  g_autoptr(GBytes) identity16 = utf16le (identity);
  const TessNettle *nettle = tess_nettle ();
  guint8 nt_hash[MD4_DIGEST_SIZE];
  struct md4_ctx md4;

  nettle->md4_init (&md4);
  nettle->md4_update (&md4, g_bytes_get_size (secret), g_bytes_get_data (secret, NULL));
  nettle->md4_digest (&md4, sizeof nt_hash, nt_hash);
  hmac_md5 (nt_hash, sizeof nt_hash, identity16, NULL, out);
}

GBytes *
tess_ntlm_v2_response (const guint8  response_key[16],
                       const guint8  server_challenge[8],
                       const guint8  client_challenge[8],
                       guint64       filetime,
                       GBytes       *target_info,
                       guint8        session_base_key[16])
{
  static const guint8 zero[8] = { 0 };
  GByteArray *temp = g_byte_array_new ();
  g_autoptr(GBytes) temp_bytes = NULL;
  g_autoptr(GBytes) challenge = g_bytes_new (server_challenge, 8);
  guint8 proof[16];
  GByteArray *out;

  /* The NTLMv2_CLIENT_CHALLENGE "blob" (MS-NLMP 2.2.2.7). */
  g_byte_array_append (temp, (const guint8 []) { 1, 1 }, 2);
  g_byte_array_append (temp, zero, 6);
  put_le64 (temp, filetime);
  g_byte_array_append (temp, client_challenge, 8);
  g_byte_array_append (temp, zero, 4);
  g_byte_array_append (temp, g_bytes_get_data (target_info, NULL), g_bytes_get_size (target_info));
  g_byte_array_append (temp, zero, 4);
  temp_bytes = g_byte_array_free_to_bytes (temp);

  hmac_md5 (response_key, 16, challenge, temp_bytes, proof);
  if (session_base_key != NULL)
    {
      g_autoptr(GBytes) proof_bytes = g_bytes_new (proof, 16);

      hmac_md5 (response_key, 16, proof_bytes, NULL, session_base_key);
    }

  out = g_byte_array_new ();
  g_byte_array_append (out, proof, 16);
  g_byte_array_append (out, g_bytes_get_data (temp_bytes, NULL), g_bytes_get_size (temp_bytes));
  return g_byte_array_free_to_bytes (out);
}

typedef struct {
  GByteArray *out;
  guint32 flags;
} AvRewrite;

static gboolean
copy_av_pair_cb (guint16       id,
                 const guint8 *value,
                 guint16       len,
                 gpointer      data)
{
  AvRewrite *rewrite = data;

  if (id == TESS_NTLM_AV_FLAGS && len == 4)
    {
      rewrite->flags |= get_le32 (value);
      return TRUE;
    }
  put_le16 (rewrite->out, id);
  put_le16 (rewrite->out, len);
  g_byte_array_append (rewrite->out, value, len);
  return TRUE;
}

/* The server's target info with MsvAvFlags saying a MIC follows (MS-NLMP 3.1.5.1.2). */
static GBytes *
target_info_with_mic_flag (GBytes *target_info)
{
  AvRewrite rewrite = { g_byte_array_new (), AV_FLAG_MIC_PRESENT };

  foreach_av_pair (target_info, copy_av_pair_cb, &rewrite);
  put_le16 (rewrite.out, TESS_NTLM_AV_FLAGS);
  put_le16 (rewrite.out, 4);
  put_le32 (rewrite.out, rewrite.flags);
  put_le32 (rewrite.out, 0);  /* MsvAvEOL */
  return g_byte_array_free_to_bytes (rewrite.out);
}

static void
put_field (GByteArray *header,
           GByteArray *payload,
           gsize       payload_start,
           GBytes     *value)
{
  gsize len = value ? g_bytes_get_size (value) : 0;

  put_le16 (header, len);
  put_le16 (header, len);
  put_le32 (header, payload_start + payload->len);
  if (len > 0)
    g_byte_array_append (payload, g_bytes_get_data (value, NULL), len);
}

#define AUTHENTICATE_HEADER_LEN 88
#define AUTHENTICATE_MIC_OFFSET 72

GBytes *
tess_ntlm_authenticate_message (const TessNtlmCredentials *creds,
                                GBytes                    *negotiate,
                                const TessNtlmChallenge   *challenge,
                                GError                   **error)
{
  g_autoptr(GBytes) domain = utf16le (creds->domain);
  g_autoptr(GBytes) user = utf16le (creds->user);
  g_autoptr(GBytes) workstation = utf16le (creds->workstation);
  g_autoptr(GBytes) target_info = NULL;
  g_autoptr(GBytes) nt_response = NULL;
  g_autoptr(GBytes) lm_response = NULL;
  g_autoptr(GByteArray) header = g_byte_array_new ();
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  guint8 client_challenge[8];
  guint8 response_key[16];
  guint8 session_key[16];
  guint64 filetime;
  gboolean with_mic;
  guint32 flags;

  if (!(challenge->flags & TESS_NTLM_NEGOTIATE_UNICODE))
    {
      g_set_error (error, TESS_ERROR, TESS_ERROR_AUTH_CHALLENGE,
                   _("the server’s NTLM challenge does not accept Unicode names"));
      return NULL;
    }

  if (creds->client_challenge != NULL)
    memcpy (client_challenge, creds->client_challenge, 8);
  else
    tess_auth_random_bytes (client_challenge, sizeof client_challenge);

  /* A server that sends its time wants it echoed, and a MIC (MS-NLMP 3.1.5.1.2). */
  with_mic = tess_ntlm_target_info_timestamp (challenge->target_info, &filetime);
  if (!with_mic)
    filetime = creds->filetime >= 0 ? (guint64) creds->filetime : tess_ntlm_filetime_now ();
  target_info = with_mic ? target_info_with_mic_flag (challenge->target_info)
                         : g_bytes_ref (challenge->target_info);

  /* MD4 comes from Nettle, opened on first use. */
  if (tess_nettle_get (error) == NULL)
    return NULL;
  tess_ntlm_ntowfv2 (creds->user, creds->password, creds->domain, response_key);
  nt_response = tess_ntlm_v2_response (response_key, challenge->server_challenge,
                                       client_challenge, filetime, target_info, session_key);
  if (with_mic)
    lm_response = g_bytes_new_take (g_malloc0 (24), 24);
  else
    {
      g_autoptr(GBytes) server = g_bytes_new (challenge->server_challenge, 8);
      g_autoptr(GBytes) client = g_bytes_new (client_challenge, 8);
      guint8 lm[24];

      hmac_md5 (response_key, 16, server, client, lm);
      memcpy (lm + 16, client_challenge, 8);
      lm_response = g_bytes_new (lm, 24);
    }

  flags = (challenge->flags & NEGOTIATE_FLAGS) | TESS_NTLM_NEGOTIATE_UNICODE;
  flags &= ~TESS_NTLM_NEGOTIATE_OEM;

  g_byte_array_append (header, (const guint8 *) NTLM_SIGNATURE, 8);
  put_le32 (header, 3);
  put_field (header, payload, AUTHENTICATE_HEADER_LEN, lm_response);
  put_field (header, payload, AUTHENTICATE_HEADER_LEN, nt_response);
  put_field (header, payload, AUTHENTICATE_HEADER_LEN, domain);
  put_field (header, payload, AUTHENTICATE_HEADER_LEN, user);
  put_field (header, payload, AUTHENTICATE_HEADER_LEN, workstation);
  put_field (header, payload, AUTHENTICATE_HEADER_LEN, NULL);   /* no session key exchange */
  put_le32 (header, flags);
  g_byte_array_append (header, ntlm_version, sizeof ntlm_version);
  g_byte_array_append (header, (const guint8 [16]) { 0 }, 16);  /* MIC, filled below */
  g_assert (header->len == AUTHENTICATE_HEADER_LEN);
  g_byte_array_append (header, payload->data, payload->len);

  if (with_mic)
    {
      g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_MD5, session_key, 16);
      gsize mic_len = 16;

      /* Without key exchange, ExportedSessionKey is the SessionBaseKey. */
      g_hmac_update (hmac, g_bytes_get_data (negotiate, NULL), g_bytes_get_size (negotiate));
      g_hmac_update (hmac, g_bytes_get_data (challenge->raw, NULL), g_bytes_get_size (challenge->raw));
      g_hmac_update (hmac, header->data, header->len);
      g_hmac_get_digest (hmac, header->data + AUTHENTICATE_MIC_OFFSET, &mic_len);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&header));
}

void
tess_ntlm_split_username (const char *username,
                          char      **user,
                          char      **domain)
{
  const char *backslash = strchr (username, '\\');
  const char *at = strchr (username, '@');

  /* Exactly one of the two forms; a name with both is taken as written. */
  if (backslash != NULL && at == NULL && strchr (backslash + 1, '\\') == NULL)
    {
      *domain = g_strndup (username, backslash - username);
      *user = g_strdup (backslash + 1);
    }
  else if (at != NULL && backslash == NULL && strchr (at + 1, '@') == NULL)
    {
      *user = g_strndup (username, at - username);
      *domain = g_strdup (at + 1);
    }
  else
    {
      *user = g_strdup (username);
      *domain = g_strdup ("");
    }
}
