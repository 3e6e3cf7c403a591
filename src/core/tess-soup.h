#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * TessSoup:
 *
 * libsoup, opened on first use. The app needs it for the first send, for the
 * cookie manager and for a response's cookies; linking it cost every start of
 * the app about 1.6 MiB (libsoup with sqlite, Kerberos, nghttp2, libpsl and
 * libidn2), so the core takes libsoup's headers but not its library.
 *
 * Files that call libsoup include this header (never <libsoup/soup.h>
 * alone): below the table, each libsoup function the project calls is
 * redefined to go through it, so call sites read as plain libsoup. A
 * function missing here fails the link, since nothing links libsoup itself.
 * Each member has the type the headers declare; the member for soup_foo() is
 * named foo. The casts libsoup's headers define inline (SOUP_SESSION() and
 * the like) call the real get_type functions: use plain C casts instead.
 *
 * The redefined calls go through tess_soup(), which opens the library if
 * needed and aborts when it cannot, as a missing libsoup stopped the app at
 * start before. Code that can report an error (the sender, form-data
 * encoding) calls tess_soup_get() first, so in practice the failure is a
 * message: the response view and the cookie manager only run on what a
 * send or the sender's session made.
 */
typedef struct {
  __typeof__ (soup_auth_manager_get_type)                   *auth_manager_get_type;
  __typeof__ (soup_content_decoder_get_type)                *content_decoder_get_type;
  __typeof__ (soup_cookie_free)                             *cookie_free;
  __typeof__ (soup_cookie_get_domain)                       *cookie_get_domain;
  __typeof__ (soup_cookie_get_expires)                      *cookie_get_expires;
  __typeof__ (soup_cookie_get_http_only)                    *cookie_get_http_only;
  __typeof__ (soup_cookie_get_name)                         *cookie_get_name;
  __typeof__ (soup_cookie_get_path)                         *cookie_get_path;
  __typeof__ (soup_cookie_get_same_site_policy)             *cookie_get_same_site_policy;
  __typeof__ (soup_cookie_get_secure)                       *cookie_get_secure;
  __typeof__ (soup_cookie_get_value)                        *cookie_get_value;
  __typeof__ (soup_cookie_jar_all_cookies)                  *cookie_jar_all_cookies;
  __typeof__ (soup_cookie_jar_delete_cookie)                *cookie_jar_delete_cookie;
  __typeof__ (soup_cookie_jar_get_type)                     *cookie_jar_get_type;
  __typeof__ (soup_cookie_jar_new)                          *cookie_jar_new;
  __typeof__ (soup_cookie_jar_set_accept_policy)            *cookie_jar_set_accept_policy;
  __typeof__ (soup_cookie_jar_text_new)                     *cookie_jar_text_new;
  __typeof__ (soup_cookie_parse)                            *cookie_parse;
  __typeof__ (soup_message_add_flags)                       *message_add_flags;
  __typeof__ (soup_message_disable_feature)                 *message_disable_feature;
  __typeof__ (soup_message_get_http_version)                *message_get_http_version;
  __typeof__ (soup_message_get_method)                      *message_get_method;
  __typeof__ (soup_message_get_metrics)                     *message_get_metrics;
  __typeof__ (soup_message_get_reason_phrase)               *message_get_reason_phrase;
  __typeof__ (soup_message_get_request_headers)             *message_get_request_headers;
  __typeof__ (soup_message_get_response_headers)            *message_get_response_headers;
  __typeof__ (soup_message_get_status)                      *message_get_status;
  __typeof__ (soup_message_get_tls_peer_certificate_errors) *message_get_tls_peer_certificate_errors;
  __typeof__ (soup_message_get_uri)                         *message_get_uri;
  __typeof__ (soup_message_headers_append)                  *message_headers_append;
  __typeof__ (soup_message_headers_get_list)                *message_headers_get_list;
  __typeof__ (soup_message_headers_get_one)                 *message_headers_get_one;
  __typeof__ (soup_message_headers_iter_init)               *message_headers_iter_init;
  __typeof__ (soup_message_headers_iter_next)               *message_headers_iter_next;
  __typeof__ (soup_message_headers_new)                     *message_headers_new;
  __typeof__ (soup_message_headers_replace)                 *message_headers_replace;
  __typeof__ (soup_message_headers_unref)                   *message_headers_unref;
  __typeof__ (soup_message_metrics_get_connect_end)         *message_metrics_get_connect_end;
  __typeof__ (soup_message_metrics_get_connect_start)       *message_metrics_get_connect_start;
  __typeof__ (soup_message_metrics_get_dns_end)             *message_metrics_get_dns_end;
  __typeof__ (soup_message_metrics_get_dns_start)           *message_metrics_get_dns_start;
  __typeof__ (soup_message_metrics_get_request_start)       *message_metrics_get_request_start;
  __typeof__ (soup_message_metrics_get_response_end)        *message_metrics_get_response_end;
  __typeof__ (soup_message_metrics_get_response_start)      *message_metrics_get_response_start;
  __typeof__ (soup_message_metrics_get_tls_start)           *message_metrics_get_tls_start;
  __typeof__ (soup_message_new_from_uri)                    *message_new_from_uri;
  __typeof__ (soup_message_set_request_body)                *message_set_request_body;
  __typeof__ (soup_message_set_request_body_from_bytes)     *message_set_request_body_from_bytes;
  __typeof__ (soup_message_set_tls_client_certificate)      *message_set_tls_client_certificate;
  __typeof__ (soup_multipart_append_form_file)              *multipart_append_form_file;
  __typeof__ (soup_multipart_append_form_string)            *multipart_append_form_string;
  __typeof__ (soup_multipart_free)                          *multipart_free;
  __typeof__ (soup_multipart_new)                           *multipart_new;
  __typeof__ (soup_multipart_to_message)                    *multipart_to_message;
  __typeof__ (soup_session_abort)                           *session_abort;
  __typeof__ (soup_session_add_feature)                     *session_add_feature;
  __typeof__ (soup_session_get_feature)                     *session_get_feature;
  __typeof__ (soup_session_new_with_options)                *session_new_with_options;
  __typeof__ (soup_session_remove_feature)                  *session_remove_feature;
  __typeof__ (soup_session_remove_feature_by_type)          *session_remove_feature_by_type;
  __typeof__ (soup_session_send_async)                      *session_send_async;
  __typeof__ (soup_session_send_finish)                     *session_send_finish;
  __typeof__ (soup_session_set_tls_database)                *session_set_tls_database;
  __typeof__ (soup_uri_copy)                                *uri_copy;
} TessSoup;

/* Opens libsoup the first time (thread-safe); NULL with an error naming the
 * library and the reason when it or one of its symbols cannot be found. */
const TessSoup *tess_soup_get       (GError **error);
/* tess_soup_get(), aborting when the library cannot be opened. */
const TessSoup *tess_soup           (void);
/* Whether tess_soup_get() has opened it. */
gboolean        tess_soup_is_loaded (void);

#define soup_auth_manager_get_type                   (tess_soup ()->auth_manager_get_type)
#define soup_content_decoder_get_type                (tess_soup ()->content_decoder_get_type)
#define soup_cookie_free                             (tess_soup ()->cookie_free)
#define soup_cookie_get_domain                       (tess_soup ()->cookie_get_domain)
#define soup_cookie_get_expires                      (tess_soup ()->cookie_get_expires)
#define soup_cookie_get_http_only                    (tess_soup ()->cookie_get_http_only)
#define soup_cookie_get_name                         (tess_soup ()->cookie_get_name)
#define soup_cookie_get_path                         (tess_soup ()->cookie_get_path)
#define soup_cookie_get_same_site_policy             (tess_soup ()->cookie_get_same_site_policy)
#define soup_cookie_get_secure                       (tess_soup ()->cookie_get_secure)
#define soup_cookie_get_value                        (tess_soup ()->cookie_get_value)
#define soup_cookie_jar_all_cookies                  (tess_soup ()->cookie_jar_all_cookies)
#define soup_cookie_jar_delete_cookie                (tess_soup ()->cookie_jar_delete_cookie)
#define soup_cookie_jar_get_type                     (tess_soup ()->cookie_jar_get_type)
#define soup_cookie_jar_new                          (tess_soup ()->cookie_jar_new)
#define soup_cookie_jar_set_accept_policy            (tess_soup ()->cookie_jar_set_accept_policy)
#define soup_cookie_jar_text_new                     (tess_soup ()->cookie_jar_text_new)
#define soup_cookie_parse                            (tess_soup ()->cookie_parse)
#define soup_message_add_flags                       (tess_soup ()->message_add_flags)
#define soup_message_disable_feature                 (tess_soup ()->message_disable_feature)
#define soup_message_get_http_version                (tess_soup ()->message_get_http_version)
#define soup_message_get_method                      (tess_soup ()->message_get_method)
#define soup_message_get_metrics                     (tess_soup ()->message_get_metrics)
#define soup_message_get_reason_phrase               (tess_soup ()->message_get_reason_phrase)
#define soup_message_get_request_headers             (tess_soup ()->message_get_request_headers)
#define soup_message_get_response_headers            (tess_soup ()->message_get_response_headers)
#define soup_message_get_status                      (tess_soup ()->message_get_status)
#define soup_message_get_tls_peer_certificate_errors (tess_soup ()->message_get_tls_peer_certificate_errors)
#define soup_message_get_uri                         (tess_soup ()->message_get_uri)
#define soup_message_headers_append                  (tess_soup ()->message_headers_append)
#define soup_message_headers_get_list                (tess_soup ()->message_headers_get_list)
#define soup_message_headers_get_one                 (tess_soup ()->message_headers_get_one)
#define soup_message_headers_iter_init               (tess_soup ()->message_headers_iter_init)
#define soup_message_headers_iter_next               (tess_soup ()->message_headers_iter_next)
#define soup_message_headers_new                     (tess_soup ()->message_headers_new)
#define soup_message_headers_replace                 (tess_soup ()->message_headers_replace)
#define soup_message_headers_unref                   (tess_soup ()->message_headers_unref)
#define soup_message_metrics_get_connect_end         (tess_soup ()->message_metrics_get_connect_end)
#define soup_message_metrics_get_connect_start       (tess_soup ()->message_metrics_get_connect_start)
#define soup_message_metrics_get_dns_end             (tess_soup ()->message_metrics_get_dns_end)
#define soup_message_metrics_get_dns_start           (tess_soup ()->message_metrics_get_dns_start)
#define soup_message_metrics_get_request_start       (tess_soup ()->message_metrics_get_request_start)
#define soup_message_metrics_get_response_end        (tess_soup ()->message_metrics_get_response_end)
#define soup_message_metrics_get_response_start      (tess_soup ()->message_metrics_get_response_start)
#define soup_message_metrics_get_tls_start           (tess_soup ()->message_metrics_get_tls_start)
#define soup_message_new_from_uri                    (tess_soup ()->message_new_from_uri)
#define soup_message_set_request_body                (tess_soup ()->message_set_request_body)
#define soup_message_set_request_body_from_bytes     (tess_soup ()->message_set_request_body_from_bytes)
#define soup_message_set_tls_client_certificate      (tess_soup ()->message_set_tls_client_certificate)
#define soup_multipart_append_form_file              (tess_soup ()->multipart_append_form_file)
#define soup_multipart_append_form_string            (tess_soup ()->multipart_append_form_string)
#define soup_multipart_free                          (tess_soup ()->multipart_free)
#define soup_multipart_new                           (tess_soup ()->multipart_new)
#define soup_multipart_to_message                    (tess_soup ()->multipart_to_message)
#define soup_session_abort                           (tess_soup ()->session_abort)
#define soup_session_add_feature                     (tess_soup ()->session_add_feature)
#define soup_session_get_feature                     (tess_soup ()->session_get_feature)
#define soup_session_new_with_options                (tess_soup ()->session_new_with_options)
#define soup_session_remove_feature                  (tess_soup ()->session_remove_feature)
#define soup_session_remove_feature_by_type          (tess_soup ()->session_remove_feature_by_type)
#define soup_session_send_async                      (tess_soup ()->session_send_async)
#define soup_session_send_finish                     (tess_soup ()->session_send_finish)
#define soup_session_set_tls_database                (tess_soup ()->session_set_tls_database)
#define soup_uri_copy                                (tess_soup ()->uri_copy)

G_END_DECLS
