#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TESS_ERROR (tess_error_quark ())

/**
 * TessError:
 * @TESS_ERROR_PARSE: a file or document could not be parsed
 * @TESS_ERROR_INVALID: the input is well-formed but not what was expected
 * @TESS_ERROR_NOT_FOUND: a named item, file or request does not exist
 * @TESS_ERROR_AUTH_FIELD: a required auth field is empty or malformed
 * @TESS_ERROR_AUTH_CHALLENGE: the server's auth challenge cannot be answered
 * @TESS_ERROR_VARIABLE: variable expansion failed (a reference cycle)
 * @TESS_ERROR_DNS: the host name could not be resolved
 * @TESS_ERROR_CONNECTION: the connection was refused or broke
 * @TESS_ERROR_TLS: the TLS handshake or certificate check failed
 * @TESS_ERROR_TIMEOUT: the request did not complete in time
 * @TESS_ERROR_CANCELLED: the request was cancelled
 * @TESS_ERROR_HTTP: the server answered with an error status
 * @TESS_ERROR_IO: reading or writing a local file failed
 */
typedef enum {
  TESS_ERROR_PARSE,
  TESS_ERROR_INVALID,
  TESS_ERROR_NOT_FOUND,
  TESS_ERROR_AUTH_FIELD,
  TESS_ERROR_AUTH_CHALLENGE,
  TESS_ERROR_VARIABLE,
  TESS_ERROR_DNS,
  TESS_ERROR_CONNECTION,
  TESS_ERROR_TLS,
  TESS_ERROR_TIMEOUT,
  TESS_ERROR_CANCELLED,
  TESS_ERROR_HTTP,
  TESS_ERROR_IO,
} TessError;

GQuark tess_error_quark (void);

G_END_DECLS
