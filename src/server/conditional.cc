#include "server/conditional.h"

#include "base/strings.h"

namespace wirepress::server {
namespace {

// W/"x" and "x" compare equal under the weak comparison 304s use.
std::string_view Opaque(std::string_view tag) {
  tag = Trim(tag);
  if (StartsWith(tag, "W/")) tag.remove_prefix(2);
  return tag;
}

bool IsGetOrHead(const HttpRequest& r) { return r.method == "GET" || r.method == "HEAD"; }

}  // namespace

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (Trim(if_none_match) == "*") return true;
  if (etag.empty()) return false;
  for (std::string_view candidate : Split(if_none_match, ',')) {
    if (Opaque(candidate) == Opaque(etag)) return true;
  }
  return false;
}

bool IsNotModified(const HttpRequest& request, const HttpResponse& response) {
  if (!IsGetOrHead(request) || response.status != 200) return false;
  std::string_view inm = request.Header("if-none-match");
  if (!inm.empty()) return EtagMatches(inm, response.etag);
  std::string_view ims = request.Header("if-modified-since");
  if (ims.empty() || !response.last_modified) return false;
  std::optional<Timestamp> since = ParseRfc822(ims);
  return since && *response.last_modified <= *since;
}

bool ApplyConditional(const HttpRequest& request, HttpResponse* response) {
  if (!IsNotModified(request, *response)) return false;
  response->status = 304;
  response->body = std::make_shared<const std::string>();
  response->gzip_body.reset();
  response->br_body.reset();
  return true;
}

}  // namespace wirepress::server
