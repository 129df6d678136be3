#include "server/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>

#include "base/strings.h"

namespace wirepress::server {
namespace {

// windowBits 15 + 16 asks zlib for a gzip header instead of a zlib one.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;

// The q-value in an item's parameters ("q=0.5"), in thousandths; 1000 when
// absent, 0 when malformed (a coding we cannot read is one not to send).
int Quality(std::string_view params) {
  for (std::string_view p : Split(params, ';')) {
    p = Trim(p);
    if (!StartsWithIgnoreCase(p, "q=")) continue;
    std::string_view q = Trim(p.substr(2));
    if (q.empty() || (q[0] != '0' && q[0] != '1')) return 0;
    int whole = q[0] - '0';
    int thousandths = 0;
    if (q.size() > 1) {
      if (q[1] != '.' || q.size() > 5) return 0;
      std::string_view frac = q.substr(2);
      for (size_t i = 0; i < 3; ++i) {
        char c = i < frac.size() ? frac[i] : '0';
        if (c < '0' || c > '9') return 0;
        thousandths = thousandths * 10 + (c - '0');
      }
    }
    int value = whole * 1000 + thousandths;
    return value > 1000 ? 0 : value;
  }
  return 1000;
}

// The q-values (thousandths) a client gave br, gzip and identity, with
// "*" and identity's default applied.
struct Qualities {
  int br = 0, gzip = 0, identity = 1;
};

Qualities ParseAcceptEncoding(std::string_view accept_encoding) {
  int br = -1, gzip = -1, identity = -1, star = -1;  // -1: not named
  for (std::string_view item : Split(accept_encoding, ',')) {
    item = Trim(item);
    if (item.empty()) continue;
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    int q = Quality(semi == std::string_view::npos ? "" : item.substr(semi + 1));
    if (EqualsIgnoreCase(coding, "br")) {
      br = q;
    } else if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
      gzip = q;
    } else if (EqualsIgnoreCase(coding, "identity")) {
      identity = q;
    } else if (coding == "*") {
      star = q;
    }
  }
  Qualities out;
  out.br = br >= 0 ? br : std::max(star, 0);
  out.gzip = gzip >= 0 ? gzip : std::max(star, 0);
  out.identity = identity >= 0 ? identity : star == 0 ? 0 : 1;  // acceptable unless refused
  return out;
}

}  // namespace

Coding ChooseCoding(std::string_view accept_encoding, bool brotli) {
  if (Trim(accept_encoding).empty()) return Coding::kIdentity;
  Qualities q = ParseAcceptEncoding(accept_encoding);
  if (!brotli) q.br = 0;
  if (q.br > 0 && q.br >= q.gzip && q.br >= q.identity) return Coding::kBrotli;
  if (q.gzip > 0 && q.gzip >= q.identity) return Coding::kGzip;
  return Coding::kIdentity;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  return ParseAcceptEncoding(accept_encoding).gzip > 0;
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

std::optional<std::string> Brotli(std::string_view data, int quality) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) return std::nullopt;  // too large for the encoder's bound
  std::string out(size, '\0');
  if (BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                            reinterpret_cast<const uint8_t*>(data.data()), &size,
                            reinterpret_cast<uint8_t*>(out.data())) != BROTLI_TRUE) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

std::shared_ptr<const std::string> Encode(Coding coding, std::string_view data,
                                          const CompressionOptions& options) {
  std::optional<std::string> out = coding == Coding::kBrotli
                                        ? Brotli(data, options.brotli_quality)
                                        : Gzip(data, options.gzip_level);
  return out ? std::make_shared<const std::string>(std::move(*out)) : nullptr;
}

void ApplyCompression(const HttpRequest& request, const CompressionOptions& options,
                      HttpResponse* response) {
  if (!IsCompressible(response->media_type)) return;
  response->headers.emplace_back("Vary", "Accept-Encoding");
  if (response->body->size() < options.min_bytes) return;
  const std::string_view accept = request.Header("accept-encoding");
  Coding coding = ChooseCoding(accept, options.brotli_quality > 0);
  std::shared_ptr<const std::string>* compressed = nullptr;
  if (coding == Coding::kBrotli) {
    compressed = &response->br_body;
    if (!*compressed) *compressed = Encode(Coding::kBrotli, *response->body, options);
    if (!*compressed && AcceptsGzip(accept)) coding = Coding::kGzip;
  }
  if (coding == Coding::kGzip) {
    compressed = &response->gzip_body;
    if (!*compressed) *compressed = Encode(Coding::kGzip, *response->body, options);
  }
  // Sent uncompressed rather than failing the request when an encoder fails.
  if (compressed == nullptr || !*compressed) return;
  response->body = *compressed;
  response->content_encoding = coding == Coding::kBrotli ? "br" : "gzip";
  if (!response->etag.empty() && !StartsWith(response->etag, "W/")) {
    response->etag = "W/" + response->etag;
  }
}

}  // namespace wirepress::server
