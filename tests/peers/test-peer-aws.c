/* AWS Signature Version 4 against AWS's own signer: tests/peers/aws-checker.js
 * signs every request Tessera sends again with @smithy/signature-v4 and
 * answers 200 only when the signatures agree. */
#include <string.h>
#include <gio/gio.h>

#include "auth-peer.h"
#include "auth-peer-servers.h"
#include "tess-error.h"
#include "tess-sender.h"
#include "tess-test-util.h"

/* A long-term key and temporary credentials with their session token. */
#define LONG_TERM_KEY    "AKIDTESSERAEXAMPLE"
#define LONG_TERM_SECRET "tEsSeRa/K7MDENG+bPxRfiCYEXAMPLEKEYlongterm"
#define TEMP_KEY         "ASIATESSERAEXAMPLE"
#define TEMP_SECRET      "TeMp/SeCrEt+K7MDENGbPxRfiCYEXAMPLEKEY0000"
#define TEMP_TOKEN       "IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+tessera/token=="

typedef struct {
  AuthPeerServer  checker;
  TessSender     *sender;
  const char     *base_url;     /* checker.base_url */
} Fixture;

/* Starts the checker and reads the port it prints; skips when node or the
 * npm packages are missing. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  unused)
{
  g_autofree char *skip_reason = NULL;

  if (!auth_peer_start_aws (&f->checker,
                            "[{\"accessKeyId\": \"" LONG_TERM_KEY "\", \"secretAccessKey\": \"" LONG_TERM_SECRET "\"},"
                            " {\"accessKeyId\": \"" TEMP_KEY "\", \"secretAccessKey\": \"" TEMP_SECRET "\","
                            "  \"sessionToken\": \"" TEMP_TOKEN "\"}]", &skip_reason))
    {
      tess_test_skip_peer ("%s", skip_reason);
      return;
    }
  f->base_url = f->checker.base_url;
  f->sender = tess_sender_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  unused)
{
  auth_peer_server_stop (&f->checker);
  g_clear_object (&f->sender);
}

static TessAuthContext *
aws_context (const char *access_key,
             const char *secret_key,
             const char *service)
{
  return auth_peer_context ("awsv4", "accessKey", access_key, "secretKey", secret_key,
                            "region", "eu-central-1", "service", service, NULL);
}

/* Signs a copy of @req with @ctx (the timestamp left empty, so it is now),
 * sends it, and returns the status; @reason receives the checker's answer. */
static guint
sign_and_send (Fixture             *f,
               TessAuthContext     *ctx,
               TessPreparedRequest *req,
               char               **reason)
{
  g_autoptr(TessExchange) exchange = auth_peer_send (f->sender, req, ctx);

  *reason = auth_peer_body_text (exchange);
  return exchange->status;
}

static TessPreparedRequest *
request_for (Fixture    *f,
             const char *method,
             const char *path_and_query)
{
  return auth_peer_request (f->base_url, method, path_and_query);
}

static void
assert_accepted (Fixture             *f,
                 TessAuthContext     *ctx,
                 TessPreparedRequest *req)
{
  g_autofree char *reason = NULL;

  g_assert_cmpuint (sign_and_send (f, ctx, req, &reason), ==, 200);
  g_assert_cmpstr (reason, ==, "signature matches\n");
}

/* Query escapes, a flag without a value, an empty value and a header with
 * inner runs of spaces: the header variant. */
static void
test_header_get (Fixture       *f,
                 gconstpointer  unused)
{
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;

  if (f->checker.process == NULL)
    return;
  ctx = aws_context (LONG_TERM_KEY, LONG_TERM_SECRET, "execute-api");
  req = request_for (f, "GET", "/prod/items/a%20b/c.txt?prefix=photos%2F2024&list-type=2&empty=&flag&b=%7E+x");
  tess_prepared_request_add_header (req, "X-Tess-Note", "  several   spaces  inside ", TESS_ORIGIN_MANUAL, NULL);
  tess_prepared_request_add_header (req, "Accept", "application/json", TESS_ORIGIN_MANUAL, NULL);
  assert_accepted (f, ctx, req);
}

/* A body and its hash in x-amz-content-sha256. */
static void
test_header_post_body (Fixture       *f,
                       gconstpointer  unused)
{
  static const char json[] = "{\"Action\": \"Publish\", \"Message\": \"über\"}";
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));

  if (f->checker.process == NULL)
    return;
  ctx = aws_context (LONG_TERM_KEY, LONG_TERM_SECRET, "sns");
  tess_auth_context_set (ctx, "contentSha256Header", "true");
  req = request_for (f, "POST", "/");
  tess_prepared_request_add_header (req, "Content-Type", "application/json", TESS_ORIGIN_BODY, NULL);
  tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
  assert_accepted (f, ctx, req);
}

/* The presigned URL (Postman's "add auth data to query"). */
static void
test_presigned (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;

  if (f->checker.process == NULL)
    return;
  ctx = aws_context (LONG_TERM_KEY, LONG_TERM_SECRET, "execute-api");
  tess_auth_context_set (ctx, "addAuthDataToQuery", "true");
  tess_auth_context_set (ctx, "expires", "300");
  req = request_for (f, "GET", "/prod/report?year=2024&name=Q1%20sales");
  assert_accepted (f, ctx, req);
}

/* Temporary credentials: the token is sent and signed, in either variant;
 * AWS IoT's form that leaves it outside the signature is accepted too. */
static void
test_session_token (Fixture       *f,
                    gconstpointer  unused)
{
  if (f->checker.process == NULL)
    return;
  for (guint presign = 0; presign < 2; presign++)
    for (guint omit = 0; omit < 2; omit++)
      {
        g_autoptr(TessAuthContext) ctx = aws_context (TEMP_KEY, TEMP_SECRET, "sts");
        g_autoptr(TessPreparedRequest) req = request_for (f, "GET", "/?Action=GetCallerIdentity&Version=2011-06-15");

        tess_auth_context_set (ctx, "sessionToken", TEMP_TOKEN);
        tess_auth_context_set (ctx, "addAuthDataToQuery", presign ? "true" : "false");
        tess_auth_context_set (ctx, "omitSessionTokenFromSignature", omit ? "true" : "false");
        assert_accepted (f, ctx, req);
      }
}

/* S3 encodes the key once: a key typed with a space and '$' is signed as the
 * checker (like S3) reads it; the body's hash goes in x-amz-content-sha256. */
static void
test_s3 (Fixture       *f,
         gconstpointer  unused)
{
  static const char content[] = "Welcome to Amazon S3.";
  g_autoptr(GBytes) body = g_bytes_new_static (content, strlen (content));

  if (f->checker.process == NULL)
    return;
  for (guint presign = 0; presign < 2; presign++)
    {
      g_autoptr(TessAuthContext) ctx = aws_context (LONG_TERM_KEY, LONG_TERM_SECRET, "s3");
      g_autoptr(TessPreparedRequest) req = request_for (f, presign ? "GET" : "PUT",
                                                        "/examplebucket/photos/day one/test$file.text");

      tess_auth_context_set (ctx, "addAuthDataToQuery", presign ? "true" : "false");
      if (!presign)
        {
          tess_prepared_request_add_header (req, "x-amz-storage-class", "REDUCED_REDUNDANCY", TESS_ORIGIN_MANUAL, NULL);
          tess_prepared_request_set_body (req, TESS_BODY_RAW, body);
        }
      assert_accepted (f, ctx, req);
    }
}

/* A path typed with a space and non-ASCII letters goes out escaped; every
 * service but S3 signs that escaped path encoded once more. */
static void
test_unescaped_path (Fixture       *f,
                     gconstpointer  unused)
{
  if (f->checker.process == NULL)
    return;
  for (guint presign = 0; presign < 2; presign++)
    {
      g_autoptr(TessAuthContext) ctx = aws_context (LONG_TERM_KEY, LONG_TERM_SECRET, "execute-api");
      g_autoptr(TessPreparedRequest) req = request_for (f, "GET", "/prod/documents and settings/ünïcode/./x/../y");

      tess_auth_context_set (ctx, "addAuthDataToQuery", presign ? "true" : "false");
      assert_accepted (f, ctx, req);
    }
}

/* The checker refuses what AWS would refuse. */
static void
test_rejected (Fixture       *f,
               gconstpointer  unused)
{
  const struct {
    const char *key, *secret, *token;
    gboolean presign;
    const char *reason;
  } cases[] = {
    { LONG_TERM_KEY, "wrong/secret+K7MDENGbPxRfiCYEXAMPLEKEY000", NULL, FALSE, "signature mismatch" },
    { LONG_TERM_KEY, "wrong/secret+K7MDENGbPxRfiCYEXAMPLEKEY000", NULL, TRUE, "signature mismatch" },
    { TEMP_KEY, TEMP_SECRET, NULL, FALSE, "temporary credentials need X-Amz-Security-Token" },
    { TEMP_KEY, TEMP_SECRET, "expired-token", TRUE, "X-Amz-Security-Token does not match" },
    { "AKIDUNKNOWN", LONG_TERM_SECRET, NULL, FALSE, "unknown access key" },
  };

  if (f->checker.process == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessAuthContext) ctx = aws_context (cases[i].key, cases[i].secret, "execute-api");
      g_autoptr(TessPreparedRequest) req = request_for (f, "GET", "/prod/items?limit=5");
      g_autofree char *reason = NULL;

      tess_auth_context_set (ctx, "sessionToken", cases[i].token);
      tess_auth_context_set (ctx, "addAuthDataToQuery", cases[i].presign ? "true" : "false");
      g_assert_cmpuint (sign_and_send (f, ctx, req, &reason), ==, 403);
      g_assert_nonnull (strstr (reason, cases[i].reason));
    }
}

/* A signature made for another moment is refused: the timestamp field is
 * really what goes on the wire. */
static void
test_stale_timestamp (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(TessAuthContext) ctx = NULL;
  g_autoptr(TessPreparedRequest) req = NULL;
  g_autofree char *reason = NULL;

  if (f->checker.process == NULL)
    return;
  ctx = aws_context (LONG_TERM_KEY, LONG_TERM_SECRET, "execute-api");
  tess_auth_context_set (ctx, "timestamp", "20150830T123600Z");
  req = request_for (f, "GET", "/prod/items");
  g_assert_cmpuint (sign_and_send (f, ctx, req, &reason), ==, 403);
  g_assert_nonnull (strstr (reason, "too far from now"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/peer-aws/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("header-get", test_header_get);
  ADD ("header-post-body", test_header_post_body);
  ADD ("presigned", test_presigned);
  ADD ("session-token", test_session_token);
  ADD ("s3", test_s3);
  ADD ("unescaped-path", test_unescaped_path);
  ADD ("rejected", test_rejected);
  ADD ("stale-timestamp", test_stale_timestamp);
#undef ADD
  return g_test_run ();
}
