#include "server/compression.h"

#include <zlib.h>

#include "base/strings.h"

namespace wirepress::server {
namespace {

// windowBits 15 + 16 asks zlib for a gzip header instead of a zlib one.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;

// q=0 in "gzip;q=0" refuses the coding.
bool QualityIsZero(std::string_view params) {
  for (std::string_view p : Split(params, ';')) {
    p = Trim(p);
    if (StartsWithIgnoreCase(p, "q=")) {
      std::string_view q = Trim(p.substr(2));
      return q.find_first_not_of("0.") == std::string_view::npos;
    }
  }
  return false;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  for (std::string_view item : Split(accept_encoding, ',')) {
    item = Trim(item);
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    std::string_view params = semi == std::string_view::npos ? "" : item.substr(semi + 1);
    if (EqualsIgnoreCase(coding, "gzip") || coding == "*") return !QualityIsZero(params);
  }
  return false;
}

bool IsCompressible(std::string_view media_type) {
  return StartsWith(media_type, "text/") || media_type.find("xml") != std::string_view::npos ||
         media_type.find("json") != std::string_view::npos ||
         media_type.find("javascript") != std::string_view::npos;
}

std::optional<std::string> Gzip(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

void ApplyCompression(const HttpRequest& request, const CompressionOptions& options,
                      HttpResponse* response) {
  if (!IsCompressible(response->media_type)) return;
  response->headers.emplace_back("Vary", "Accept-Encoding");
  if (response->body->size() < options.min_bytes) return;
  if (!AcceptsGzip(request.Header("accept-encoding"))) return;
  if (!response->gzip_body) {
    std::optional<std::string> z = Gzip(*response->body, options.gzip_level);
    if (!z) return;  // send it uncompressed rather than fail the request
    response->gzip_body = std::make_shared<const std::string>(std::move(*z));
  }
  response->body = response->gzip_body;
  response->content_encoding = "gzip";
  if (!response->etag.empty() && !StartsWith(response->etag, "W/")) {
    response->etag = "W/" + response->etag;
  }
}

}  // namespace wirepress::server
