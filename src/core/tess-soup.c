#include "tess-soup.h"

#include "tess-lazy-library.h"

#define FUNCTION(member) { "soup_" #member, G_STRUCT_OFFSET (TessSoup, member), FALSE }

static const TessLazySymbol symbols[] = {
  FUNCTION (auth_manager_get_type),
  FUNCTION (content_decoder_get_type),
  FUNCTION (cookie_free),
  FUNCTION (cookie_get_domain),
  FUNCTION (cookie_get_expires),
  FUNCTION (cookie_get_http_only),
  FUNCTION (cookie_get_name),
  FUNCTION (cookie_get_path),
  FUNCTION (cookie_get_same_site_policy),
  FUNCTION (cookie_get_secure),
  FUNCTION (cookie_get_value),
  FUNCTION (cookie_jar_all_cookies),
  FUNCTION (cookie_jar_delete_cookie),
  FUNCTION (cookie_jar_get_type),
  FUNCTION (cookie_jar_new),
  FUNCTION (cookie_jar_set_accept_policy),
  FUNCTION (cookie_jar_text_new),
  FUNCTION (cookie_parse),
  FUNCTION (message_add_flags),
  FUNCTION (message_disable_feature),
  FUNCTION (message_get_http_version),
  FUNCTION (message_get_method),
  FUNCTION (message_get_metrics),
  FUNCTION (message_get_reason_phrase),
  FUNCTION (message_get_request_headers),
  FUNCTION (message_get_response_headers),
  FUNCTION (message_get_status),
  FUNCTION (message_get_tls_peer_certificate_errors),
  FUNCTION (message_get_uri),
  FUNCTION (message_headers_append),
  FUNCTION (message_headers_get_list),
  FUNCTION (message_headers_get_one),
  FUNCTION (message_headers_iter_init),
  FUNCTION (message_headers_iter_next),
  FUNCTION (message_headers_new),
  FUNCTION (message_headers_replace),
  FUNCTION (message_headers_unref),
  FUNCTION (message_metrics_get_connect_end),
  FUNCTION (message_metrics_get_connect_start),
  FUNCTION (message_metrics_get_dns_end),
  FUNCTION (message_metrics_get_dns_start),
  FUNCTION (message_metrics_get_request_start),
  FUNCTION (message_metrics_get_response_end),
  FUNCTION (message_metrics_get_response_start),
  FUNCTION (message_metrics_get_tls_start),
  FUNCTION (message_new_from_uri),
  FUNCTION (message_set_request_body),
  FUNCTION (message_set_request_body_from_bytes),
  FUNCTION (message_set_tls_client_certificate),
  FUNCTION (multipart_append_form_file),
  FUNCTION (multipart_append_form_string),
  FUNCTION (multipart_free),
  FUNCTION (multipart_new),
  FUNCTION (multipart_to_message),
  FUNCTION (session_abort),
  FUNCTION (session_add_feature),
  FUNCTION (session_get_feature),
  FUNCTION (session_new_with_options),
  FUNCTION (session_remove_feature),
  FUNCTION (session_remove_feature_by_type),
  FUNCTION (session_send_async),
  FUNCTION (session_send_finish),
  FUNCTION (session_set_tls_database),
  FUNCTION (uri_copy),
};

TESS_DEFINE_LAZY_LIBRARY (tess_soup, TessSoup, "libsoup", TESS_SOUP_SONAME, symbols)

const TessSoup *
tess_soup (void)
{
  return tess_lazy_library_require (&tess_soup_library);
}
