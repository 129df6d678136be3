// Response compression: brotli or gzip for text bodies, whichever the
// client's Accept-Encoding ranks higher (q-values honoured; on a tie brotli,
// the smaller). Cached documents keep each compressed body once made
// (server/document_cache.h), so a hot page is compressed once per coding,
// not per request.
//
// A compressed representation gets the weak form of the document's ETag
// (W/"..."), as nginx does: the bytes differ but the content is the same,
// and If-None-Match compares weakly.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_SERVER_COMPRESSION_H_
#define WIREPRESS_SERVER_COMPRESSION_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/http_types.h"

namespace wirepress::server {

struct CompressionOptions {
  // zlib level 1 (fast) .. 9 (small); 6 is zlib's own default balance.
  int gzip_level = 6;
  // brotli quality 0 .. 11; 0 turns brotli off. Bodies are compressed once
  // per cached document, so a high quality is affordable up to ~9; 10 and
  // 11 cost 10-50x more CPU for a few percent and would delay a fresh page.
  int brotli_quality = 6;
  // Smaller bodies are sent as they are: the header and the CPU cost
  // outweigh the bytes saved.
  size_t min_bytes = 256;
};

// The content coding of a response body.
enum class Coding { kIdentity, kGzip, kBrotli };

// The coding to answer with, per RFC 9110 12.5.3: the highest q-value among
// br, gzip and identity (names are case-insensitive; "*" stands for every
// coding not named; identity is acceptable unless refused, explicitly or by
// "*;q=0"); on a tie brotli, then gzip, then identity. An absent or empty
// header means identity. `brotli` false leaves brotli out (turned off).
Coding ChooseCoding(std::string_view accept_encoding, bool brotli = true);
// True when the Accept-Encoding header value accepts gzip (q > 0).
bool AcceptsGzip(std::string_view accept_encoding);
// HTML, XML, JSON, text and JavaScript are worth compressing; images not.
bool IsCompressible(std::string_view media_type);
// The gzip (RFC 1952) form of `data`, or nullopt if zlib fails.
std::optional<std::string> Gzip(std::string_view data, int level);
// The brotli (RFC 7932) form of `data` at `quality` (1..11), or nullopt if
// the encoder fails.
std::optional<std::string> Brotli(std::string_view data, int quality);
// `data` encoded as `coding` (kGzip or kBrotli) with `options`' level, or
// nullptr if the encoder fails.
std::shared_ptr<const std::string> Encode(Coding coding, std::string_view data,
                                          const CompressionOptions& options);

// Switches `response` to the compressed body the request prefers
// (computing it when absent) when the body is worth it; adds Vary:
// Accept-Encoding to every compressible response.
void ApplyCompression(const HttpRequest& request, const CompressionOptions& options,
                      HttpResponse* response);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_COMPRESSION_H_
