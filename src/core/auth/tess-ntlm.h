#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * NTLMv2 messages ([MS-NLMP]) for HTTP's "Authorization: NTLM" handshake.
 * MD4 comes from Nettle, HMAC-MD5 from GHmac.
 */

#define TESS_NTLM_NEGOTIATE_UNICODE       0x00000001u
#define TESS_NTLM_NEGOTIATE_OEM           0x00000002u
#define TESS_NTLM_REQUEST_TARGET          0x00000004u
#define TESS_NTLM_NEGOTIATE_NTLM          0x00000200u
#define TESS_NTLM_NEGOTIATE_ALWAYS_SIGN   0x00008000u
#define TESS_NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY 0x00080000u
#define TESS_NTLM_NEGOTIATE_TARGET_INFO   0x00800000u
#define TESS_NTLM_NEGOTIATE_VERSION       0x02000000u
#define TESS_NTLM_NEGOTIATE_128           0x20000000u
#define TESS_NTLM_NEGOTIATE_56            0x80000000u

/* AV_PAIR ids used here. */
#define TESS_NTLM_AV_EOL        0
#define TESS_NTLM_AV_FLAGS      6
#define TESS_NTLM_AV_TIMESTAMP  7

typedef struct {
  guint32  flags;
  guint8   server_challenge[8];
  GBytes  *target_info;      /* the AV_PAIR list, possibly empty */
  GBytes  *raw;              /* the whole message, for the MIC */
} TessNtlmChallenge;

/* The 40-byte NEGOTIATE_MESSAGE with a Version field (gss-ntlmssp rejects the
 * 32-byte form). */
GBytes            *tess_ntlm_negotiate_message  (void);

TessNtlmChallenge *tess_ntlm_challenge_parse    (const guint8 *data,
                                                 gsize         len,
                                                 GError      **error);
void               tess_ntlm_challenge_free     (TessNtlmChallenge *challenge);

/* The MsvAvTimestamp of @target_info (a FILETIME), if it has one. */
gboolean           tess_ntlm_target_info_timestamp (GBytes  *target_info,
                                                    guint64 *filetime);
/* The current time as a FILETIME (100 ns units since 1601). */
guint64            tess_ntlm_filetime_now       (void);

/* NTOWFv2 = HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPER(user) + domain)). */
void               tess_ntlm_ntowfv2            (const char *user,
                                                 const char *password,
                                                 const char *domain,
                                                 guint8      out[16]);

/* The NTLMv2 response NTProofStr ‖ blob for @target_info as given; the first 16
 * bytes are NTProofStr. @session_base_key receives HMAC-MD5(key, NTProofStr). */
GBytes            *tess_ntlm_v2_response        (const guint8  response_key[16],
                                                 const guint8  server_challenge[8],
                                                 const guint8  client_challenge[8],
                                                 guint64       filetime,
                                                 GBytes       *target_info,
                                                 guint8        session_base_key[16]);

/**
 * TessNtlmCredentials:
 * @client_challenge: 8 bytes, or %NULL for random ones
 * @filetime: used when the challenge carries no timestamp; negative for now
 */
typedef struct {
  const char   *user;
  const char   *password;
  const char   *domain;
  const char   *workstation;
  const guint8 *client_challenge;
  gint64        filetime;
} TessNtlmCredentials;

/* The AUTHENTICATE_MESSAGE answering @challenge, with a MIC over @negotiate,
 * the challenge and itself. Fails when the server does not speak Unicode. */
GBytes            *tess_ntlm_authenticate_message (const TessNtlmCredentials *creds,
                                                   GBytes                    *negotiate,
                                                   const TessNtlmChallenge   *challenge,
                                                   GError                   **error);

/* Splits "DOMAIN\user" or "user@domain"; anything else is a bare user name. */
void               tess_ntlm_split_username     (const char *username,
                                                 char      **user,
                                                 char      **domain);

/* Tests only: fixes the client challenge (8 bytes, or NULL for random) and the
 * time used when a challenge has none (negative for now) in the "ntlm" auth scheme. */
void               tess_auth_ntlm_set_test_inputs (const guint8 *client_challenge,
                                                   gint64        filetime);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessNtlmChallenge, tess_ntlm_challenge_free)

G_END_DECLS
