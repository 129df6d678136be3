// HttpRequest and HttpResponse: the plain values the server's handlers
// work on, independent of libmicrohttpd, so routing, caching and
// conditional-GET rules are tested without sockets.
//
// Thread-safety: values.
#ifndef WIREPRESS_SERVER_HTTP_TYPES_H_
#define WIREPRESS_SERVER_HTTP_TYPES_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/time.h"

namespace wirepress::server {

struct HttpRequest {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string path;    // decoded URL path, without the query
  std::string query;   // "q=putin&page=2", re-encoded; "" when none
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string remote;  // peer address, for logs

  // The header's value, or "" when absent.
  std::string_view Header(std::string_view lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string media_type = "text/plain; charset=utf-8";
  // Shared so cached documents are written without copying. Never null.
  std::shared_ptr<const std::string> body = std::make_shared<const std::string>();
  // The same body gzip- and brotli-compressed, when already known (cached
  // documents).
  std::shared_ptr<const std::string> gzip_body;
  std::shared_ptr<const std::string> br_body;
  std::string etag;  // quoted strong validator, "" for none
  std::optional<Timestamp> last_modified;
  std::string content_encoding;  // "gzip" or "br" once compressed
  // Further headers (Cache-Control, Allow, WWW-Authenticate, ...).
  std::vector<std::pair<std::string, std::string>> headers;

  // A response with `status` and a text body.
  static HttpResponse Text(int status, std::string text,
                           std::string media_type = "text/plain; charset=utf-8");
};

// "Not Found" for 404, ...; "" for unknown codes.
std::string_view StatusReason(int status);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_HTTP_TYPES_H_
