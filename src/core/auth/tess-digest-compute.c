#include "tess-digest-compute.h"

#include <string.h>

#include "tess-nettle.h"

static const struct {
  const char *name;
  TessDigestHash hash;
  int strength;
} digest_hashes[] = {
  { "MD5", TESS_DIGEST_MD5, 1 },
  { "SHA-256", TESS_DIGEST_SHA256, 2 },
  { "SHA-512-256", TESS_DIGEST_SHA512_256, 3 },
};

gboolean
tess_digest_algorithm_parse (const char          *name,
                             TessDigestAlgorithm *out)
{
  g_autofree char *base = NULL;
  gboolean sess = FALSE;
  gsize len;

  if (name == NULL || *name == '\0')
    name = "MD5";
  base = g_strstrip (g_strdup (name));
  len = strlen (base);
  if (len > 5 && g_ascii_strcasecmp (base + len - 5, "-sess") == 0)
    {
      base[len - 5] = '\0';
      sess = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (digest_hashes); i++)
    if (g_ascii_strcasecmp (base, digest_hashes[i].name) == 0)
      {
        out->hash = digest_hashes[i].hash;
        out->sess = sess;
        return TRUE;
      }
  return FALSE;
}

char *
tess_digest_algorithm_name (TessDigestAlgorithm algorithm)
{
  for (guint i = 0; i < G_N_ELEMENTS (digest_hashes); i++)
    if (digest_hashes[i].hash == algorithm.hash)
      return g_strconcat (digest_hashes[i].name, algorithm.sess ? "-sess" : "", NULL);
  g_return_val_if_reached (NULL);
}

int
tess_digest_algorithm_strength (TessDigestAlgorithm algorithm)
{
  for (guint i = 0; i < G_N_ELEMENTS (digest_hashes); i++)
    if (digest_hashes[i].hash == algorithm.hash)
      return digest_hashes[i].strength;
  return 0;
}

char *
tess_digest_hex (TessDigestHash  hash,
                 const void     *data,
                 gsize           len)
{
  switch (hash)
    {
    case TESS_DIGEST_MD5:
      return g_compute_checksum_for_data (G_CHECKSUM_MD5, data, len);
    case TESS_DIGEST_SHA256:
      return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
    case TESS_DIGEST_SHA512_256:
      {
        /* GLib has no SHA-512/256 (its own initial values, not a cut SHA-512). */
        const TessNettle *nettle = tess_nettle ();
        struct sha512_ctx ctx;
        guint8 digest[SHA512_256_DIGEST_SIZE];
        GString *hex = g_string_sized_new (2 * SHA512_256_DIGEST_SIZE);

        nettle->sha512_256_init (&ctx);
        nettle->sha512_update (&ctx, len, data);
        nettle->sha512_256_digest (&ctx, sizeof digest, digest);
        for (guint i = 0; i < sizeof digest; i++)
          g_string_append_printf (hex, "%02x", digest[i]);
        return g_string_free (hex, FALSE);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

/* H(a:b:…) over the UTF-8 bytes of the parts. */
static char *
hash_joined (TessDigestHash hash,
             const char    *first,
             ...)
{
  GString *text = g_string_new (first);
  g_autofree char *hex = NULL;
  const char *part;
  va_list args;

  va_start (args, first);
  while ((part = va_arg (args, const char *)) != NULL)
    {
      g_string_append_c (text, ':');
      g_string_append (text, part);
    }
  va_end (args);
  hex = tess_digest_hex (hash, text->str, text->len);
  g_string_free (text, TRUE);
  return g_steal_pointer (&hex);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
has_qop (const TessDigestInput *input)
{
  return input->qop != NULL && *input->qop != '\0';
}

char *
tess_digest_userhash (TessDigestHash  hash,
                      const char     *username,
                      const char     *realm)
{
  return hash_joined (hash, or_empty (username), or_empty (realm), NULL);
}

static char *
compute_ha1 (const TessDigestInput *input)
{
  TessDigestHash hash = input->algorithm.hash;
  g_autofree char *secret = hash_joined (hash, or_empty (input->username),
                                         or_empty (input->realm),
                                         or_empty (input->password), NULL);

  if (!input->algorithm.sess)
    return g_steal_pointer (&secret);
  return hash_joined (hash, secret, or_empty (input->nonce), or_empty (input->cnonce), NULL);
}

static char *
compute_ha2 (const TessDigestInput *input)
{
  TessDigestHash hash = input->algorithm.hash;

  if (g_strcmp0 (input->qop, "auth-int") == 0)
    {
      gsize size = 0;
      const void *data = input->body ? g_bytes_get_data (input->body, &size) : NULL;
      g_autofree char *body_hash = tess_digest_hex (hash, data ? data : "", size);

      return hash_joined (hash, or_empty (input->method), or_empty (input->uri), body_hash, NULL);
    }
  return hash_joined (hash, or_empty (input->method), or_empty (input->uri), NULL);
}

char *
tess_digest_response (const TessDigestInput *input)
{
  g_autofree char *ha1 = compute_ha1 (input);
  g_autofree char *ha2 = compute_ha2 (input);

  if (!has_qop (input))
    return hash_joined (input->algorithm.hash, ha1, or_empty (input->nonce), ha2, NULL);
  return hash_joined (input->algorithm.hash, ha1, or_empty (input->nonce), or_empty (input->nc),
                      or_empty (input->cnonce), input->qop, ha2, NULL);
}

static void
append_quoted (GString    *out,
               const char *name,
               const char *value)
{
  if (out->len > strlen ("Digest "))
    g_string_append (out, ", ");
  g_string_append_printf (out, "%s=\"", name);
  for (const char *p = or_empty (value); *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_token (GString    *out,
              const char *name,
              const char *value)
{
  g_string_append_printf (out, ", %s=%s", name, value);
}

char *
tess_digest_authorization (const TessDigestInput *input)
{
  GString *out = g_string_new ("Digest ");
  g_autofree char *response = tess_digest_response (input);
  g_autofree char *algorithm = tess_digest_algorithm_name (input->algorithm);
  g_autofree char *username = NULL;

  if (input->userhash)
    username = tess_digest_userhash (input->algorithm.hash, input->username, input->realm);
  else
    username = g_strdup (or_empty (input->username));

  append_quoted (out, "username", username);
  append_quoted (out, "realm", input->realm);
  append_quoted (out, "nonce", input->nonce);
  append_quoted (out, "uri", input->uri);
  append_token (out, "algorithm", algorithm);
  if (has_qop (input))
    {
      append_token (out, "qop", input->qop);
      append_token (out, "nc", input->nc);
    }
  /* -sess needs the client nonce even in the RFC 2069 form. */
  if (has_qop (input) || input->algorithm.sess)
    append_quoted (out, "cnonce", input->cnonce);
  append_quoted (out, "response", response);
  if (input->opaque != NULL && *input->opaque != '\0')
    append_quoted (out, "opaque", input->opaque);
  if (input->userhash)
    append_token (out, "userhash", "true");
  return g_string_free (out, FALSE);
}
