// Conditional GET (RFC 9110 §13): turns a 200 into a 304 Not Modified when
// the client's cached copy is still current, by ETag (If-None-Match, weak
// comparison, "*" and lists) or, when the request carries no
// If-None-Match, by date (If-Modified-Since against Last-Modified, at
// one-second resolution).
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_SERVER_CONDITIONAL_H_
#define WIREPRESS_SERVER_CONDITIONAL_H_

#include <string_view>

#include "server/http_types.h"

namespace wirepress::server {

// True when `if_none_match` (a header value) names `etag` (quoted, weak
// or strong) or is "*".
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// True when a GET/HEAD for `response` (status 200) may be answered 304.
bool IsNotModified(const HttpRequest& request, const HttpResponse& response);

// Replaces `response` by a bodiless 304 that keeps its validators, when
// IsNotModified. Returns whether it did.
bool ApplyConditional(const HttpRequest& request, HttpResponse* response);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_CONDITIONAL_H_
