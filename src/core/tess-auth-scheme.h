#pragma once

#include <libsoup/soup.h>

#include "tess-auth.h"
#include "tess-prepared-request.h"

G_BEGIN_DECLS

typedef enum {
  TESS_FIELD_TEXT,
  TESS_FIELD_SECRET,
  TESS_FIELD_MULTILINE,          /* JSON, claims… */
  TESS_FIELD_MULTILINE_SECRET,   /* PEM private keys */
  TESS_FIELD_CHOICE,
  TESS_FIELD_BOOL,
  TESS_FIELD_NUMBER,
} TessFieldKind;

/**
 * TessAuthField:
 * @key: Postman's attribute key
 * @label: what the form shows (translatable, N_())
 * @kind: how it is edited and whether it is a secret
 * @choices: %NULL-terminated values for %TESS_FIELD_CHOICE
 * @default_value: used when the attribute is absent or empty, or %NULL
 * @advanced: shown under "Advanced" in the panel
 * @required: the request is not sent when it is empty
 * @help: one line of help, or %NULL
 */
typedef struct {
  const char *key;
  const char *label;
  TessFieldKind kind;
  const char *const *choices;
  const char *default_value;
  gboolean advanced;
  gboolean required;
  const char *help;
} TessAuthField;

typedef struct _TessAuthScheme TessAuthScheme;
typedef struct _TessAuthContext TessAuthContext;

typedef enum {
  TESS_CHALLENGE_DONE,    /* the response stands */
  TESS_CHALLENGE_RETRY,   /* the request was updated; send it again */
} TessChallengeResult;

struct _TessAuthScheme {
  const char *id;                 /* Postman's type string */
  const char *label;              /* "Basic Auth" */
  const TessAuthField *fields;
  guint n_fields;
  /* Adds headers/query/body entries to @req. Required fields were checked already. */
  gboolean (*apply) (TessAuthContext *ctx, TessPreparedRequest *req, GError **error);
  /* Challenge schemes: look at a response; update @req and return RETRY to send again.
   * Returns DONE with @error unset to keep the response; sets @error when the
   * challenge cannot be answered. May be NULL. */
  TessChallengeResult (*on_response) (TessAuthContext *ctx, TessPreparedRequest *req,
                                      guint status, SoupMessageHeaders *response_headers,
                                      GError **error);
};

/**
 * TessAuthContext:
 *
 * What a scheme sees: its field values with variables expanded and defaults
 * applied, where the auth came from, and a state slot that lives for one send
 * (challenge rounds, nonce counts).
 */
struct _TessAuthContext {
  const TessAuthScheme *scheme;
  GHashTable *values;             /* key → expanded text */
  char *item_path;                /* the request, for messages */
  char *origin_label;             /* "Digest auth from folder ‘Admin’" */
  gpointer state;
  GDestroyNotify state_free;
  guint rounds;                   /* challenge round trips so far */
};

/* Every registered scheme, noauth first. */
const TessAuthScheme * const *tess_auth_schemes      (guint *n_schemes);
const TessAuthScheme *tess_auth_scheme_lookup        (const char *id);
const TessAuthField  *tess_auth_scheme_get_field     (const TessAuthScheme *scheme,
                                                      const char *key);
gboolean              tess_auth_field_is_secret      (const TessAuthField *field);

/* Builds a context from @auth (values expanded by @expand). */
TessAuthContext *tess_auth_context_new   (const TessAuthScheme *scheme,
                                          const char *item_path,
                                          const char *origin_label);
void             tess_auth_context_free  (TessAuthContext *ctx);
void             tess_auth_context_set   (TessAuthContext *ctx,
                                          const char *key,
                                          const char *value);
/* The value, the field's default when empty, or "" — never NULL. */
const char      *tess_auth_context_get   (TessAuthContext *ctx,
                                          const char *key);
/* "true"/"1"/"yes" → TRUE. */
gboolean         tess_auth_context_get_bool (TessAuthContext *ctx,
                                             const char *key);
/* Checks every required field; the error names the field label, the auth type
 * and the item: "request ‘A / B’: Basic Auth: field ‘Username’ is empty". */
gboolean         tess_auth_context_check_required (TessAuthContext *ctx,
                                                   GError **error);
/* Sets @error with the same naming, for a field whose value is malformed. */
void             tess_auth_context_field_error (TessAuthContext *ctx,
                                                GError **error,
                                                const char *key,
                                                const char *format,
                                                ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessAuthContext, tess_auth_context_free)

G_END_DECLS
