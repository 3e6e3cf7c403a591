#pragma once

#include "tess-auth-scheme.h"

G_BEGIN_DECLS

/**
 * TessAwsv4Trace:
 * @canonical_request: the canonical request that was hashed
 * @string_to_sign: the string the signing key signed
 * @signature: the hex signature
 *
 * What one AWS Signature Version 4 signature was computed from, so tests can
 * compare every step with published vectors.
 */
typedef struct {
  char *canonical_request;
  char *string_to_sign;
  char *signature;
} TessAwsv4Trace;

void     tess_awsv4_trace_clear (TessAwsv4Trace *trace);

/* Signs @req exactly as the awsv4 scheme's apply() does. @wire_path is the path
 * as the request line carries it; NULL derives it from @req the way the sender
 * writes it (unsafe characters escaped). @trace, when not NULL, receives the
 * intermediate texts. */
gboolean tess_awsv4_sign        (TessAuthContext     *ctx,
                                 TessPreparedRequest *req,
                                 const char          *wire_path,
                                 TessAwsv4Trace      *trace,
                                 GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TessAwsv4Trace, tess_awsv4_trace_clear)

G_END_DECLS
