// HttpClient: one HTTP(S) request/response exchange, behind an interface so
// the feed poller and the publish pings can be tested against stub servers
// on 127.0.0.1 and so only cli/ picks the real transport (libcurl).
//
// Thread-safety: Send may be called from many threads at once.
#ifndef WIREPRESS_INGEST_HTTP_CLIENT_H_
#define WIREPRESS_INGEST_HTTP_CLIENT_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace wirepress::ingest {

struct HttpRequest {
  std::string method = "GET";  // GET, POST or HEAD
  std::string url;
  // Sent as given ("If-None-Match", "\"abc\"").
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // POST only
  // Whole exchange, and connection set-up alone. Short enough that a hung
  // agency server never holds a poller thread for long.
  int timeout_ms = 15000;
  int connect_timeout_ms = 5000;
  // A larger response body is an error (a wire feed is a few MiB at most).
  size_t max_body_bytes = 32u << 20;
};

struct HttpResponse {
  int status = 0;
  // Names lower-cased; the last value wins when a header repeats.
  std::map<std::string, std::string> headers;
  std::string body;

  // The header's value, or "" when absent. `name` in lower case.
  std::string Header(const std::string& name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Any HTTP status is a success here (the caller judges 4xx/5xx).
  // Unavailable naming the URL and the transport's reason when no response
  // came (refused, DNS, TLS, timeout); InvalidInput for a body over the
  // limit or a malformed request.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// The libcurl transport (HTTP/1.1 and HTTP/2, TLS verified, redirects
// followed up to 5, gzip/deflate accepted). Never null.
std::unique_ptr<HttpClient> NewCurlHttpClient(std::string user_agent = "wirepress/1");

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_HTTP_CLIENT_H_
