#include "ingest/http_client.h"

#include <curl/curl.h>

#include <mutex>

#include "base/strings.h"

namespace wirepress::ingest {
namespace {

struct Exchange {
  HttpResponse* response;
  size_t max_body;
  bool too_big = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* x = static_cast<Exchange*>(user);
  size_t len = size * n;
  if (x->response->body.size() + len > x->max_body) {
    x->too_big = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  x->response->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* x = static_cast<Exchange*>(user);
  std::string_view line(data, size * n);
  // A new status line (after a redirect or a 100 Continue) starts over.
  if (line.starts_with("HTTP/")) x->response->headers.clear();
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = AsciiLower(std::string(Trim(line.substr(0, colon))));
    x->response->headers[name] = std::string(Trim(line.substr(colon + 1)));
  }
  return size * n;
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(std::string user_agent) : user_agent_(std::move(user_agent)) {
    // curl_global_init is not thread-safe; once per process is enough.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Result<HttpResponse> Send(const HttpRequest& request) override {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return Status::Internal(request.url, "curl_easy_init failed");
    HttpResponse response;
    Exchange x{&response, request.max_body_bytes};
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // we are threaded
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &x);
    if (request.method == "POST") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    } else if (request.method == "HEAD") {
      curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    }
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (x.too_big) {
      return Status::InvalidInput(request.method + " " + request.url,
                                  "response body over " + std::to_string(request.max_body_bytes) +
                                      " bytes");
    }
    if (rc != CURLE_OK) {
      return Status::Unavailable(request.method + " " + request.url, curl_easy_strerror(rc));
    }
    response.status = static_cast<int>(status);
    return response;
  }

 private:
  std::string user_agent_;
};

}  // namespace

std::string HttpResponse::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::unique_ptr<HttpClient> NewCurlHttpClient(std::string user_agent) {
  return std::make_unique<CurlHttpClient>(std::move(user_agent));
}

}  // namespace wirepress::ingest
