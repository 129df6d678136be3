// Response compression: gzip (zlib) for text bodies when the client's
// Accept-Encoding allows it. Cached documents carry their gzip body
// precomputed, so a hot page is compressed once, not per request.
//
// A gzip representation gets the weak form of the document's ETag
// (W/"..."), as nginx does: the bytes differ but the content is the same,
// and If-None-Match compares weakly.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_SERVER_COMPRESSION_H_
#define WIREPRESS_SERVER_COMPRESSION_H_

#include <optional>
#include <string>
#include <string_view>

#include "server/http_types.h"

namespace wirepress::server {

struct CompressionOptions {
  // zlib level 1 (fast) .. 9 (small); 6 is zlib's own default balance.
  int gzip_level = 6;
  // Smaller bodies are sent as they are: the gzip header and the CPU cost
  // outweigh the bytes saved.
  size_t min_bytes = 256;
};

// True when the Accept-Encoding header value accepts gzip (q > 0).
bool AcceptsGzip(std::string_view accept_encoding);
// HTML, XML, JSON, text and JavaScript are worth compressing; images not.
bool IsCompressible(std::string_view media_type);
// The gzip (RFC 1952) form of `data`, or nullopt if zlib fails.
std::optional<std::string> Gzip(std::string_view data, int level);

// Switches `response` to its gzip body (computing it when absent) when the
// request accepts gzip and the body is worth it; adds Vary:
// Accept-Encoding to every compressible response.
void ApplyCompression(const HttpRequest& request, const CompressionOptions& options,
                      HttpResponse* response);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_COMPRESSION_H_
