#include "server/compression.h"

#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <zlib.h>

namespace wirepress::server {
namespace {

std::string Gunzip(const std::string& z) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(1 << 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data()));
  zs.avail_in = static_cast<uInt>(z.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

std::string Unbrotli(const std::string& b) {
  std::string out(1 << 16, '\0');
  size_t size = out.size();
  if (BrotliDecoderDecompress(b.size(), reinterpret_cast<const uint8_t*>(b.data()), &size,
                              reinterpret_cast<uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS) {
    return "(not brotli)";
  }
  out.resize(size);
  return out;
}

TEST(ChooseCoding, BrotliWinsTiesAndQValuesDecide) {
  EXPECT_EQ(ChooseCoding("gzip, deflate, br"), Coding::kBrotli);
  EXPECT_EQ(ChooseCoding("BR"), Coding::kBrotli);
  EXPECT_EQ(ChooseCoding("br;q=0.5, gzip"), Coding::kGzip);
  EXPECT_EQ(ChooseCoding("br;q=0.8, gzip;q=0.9"), Coding::kGzip);
  EXPECT_EQ(ChooseCoding("br;q=0.900, gzip;q=0.9"), Coding::kBrotli);
  EXPECT_EQ(ChooseCoding("br;q=0, gzip;q=0.1"), Coding::kGzip);
  EXPECT_EQ(ChooseCoding("gzip;q=1.0, br; q=0.999"), Coding::kGzip);
  EXPECT_EQ(ChooseCoding("gzip"), Coding::kGzip);
  EXPECT_EQ(ChooseCoding("x-gzip"), Coding::kGzip);
}

TEST(ChooseCoding, StarCoversUnnamedCodings) {
  EXPECT_EQ(ChooseCoding("*"), Coding::kBrotli);
  EXPECT_EQ(ChooseCoding("br;q=0, *"), Coding::kGzip);
  EXPECT_EQ(ChooseCoding("gzip;q=0.2, *;q=0.5"), Coding::kBrotli);
  EXPECT_EQ(ChooseCoding("*;q=0, identity"), Coding::kIdentity);
}

TEST(ChooseCoding, IdentityWhenNothingBetterIsAccepted) {
  EXPECT_EQ(ChooseCoding(""), Coding::kIdentity);
  EXPECT_EQ(ChooseCoding("deflate, zstd"), Coding::kIdentity);
  EXPECT_EQ(ChooseCoding("br;q=0, gzip;q=0"), Coding::kIdentity);
  EXPECT_EQ(ChooseCoding("gzip;q=0.5, identity"), Coding::kIdentity);  // identity ranked higher
  EXPECT_EQ(ChooseCoding("br;q=2"), Coding::kIdentity);    // out of range: not understood
  EXPECT_EQ(ChooseCoding("br;q=abc"), Coding::kIdentity);
}

TEST(ChooseCoding, BrotliTurnedOffFallsBackToGzip) {
  EXPECT_EQ(ChooseCoding("br, gzip", /*brotli=*/false), Coding::kGzip);
  EXPECT_EQ(ChooseCoding("br", /*brotli=*/false), Coding::kIdentity);
}

TEST(AcceptsGzip, ReadsCodingsAndQualities) {
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip(""));
}

TEST(IsCompressible, TextYesImagesNo) {
  EXPECT_TRUE(IsCompressible("text/html; charset=utf-8"));
  EXPECT_TRUE(IsCompressible("application/rss+xml"));
  EXPECT_TRUE(IsCompressible("application/json"));
  EXPECT_FALSE(IsCompressible("image/jpeg"));
}

TEST(ApplyCompression, GzipsLargeTextForGzipClientsWithWeakEtag) {
  HttpRequest req;
  req.headers["accept-encoding"] = "gzip";
  std::string page(5000, 'x');
  HttpResponse r = HttpResponse::Text(200, page, "text/html");
  r.etag = "\"e\"";
  ApplyCompression(req, CompressionOptions{}, &r);
  EXPECT_EQ(r.content_encoding, "gzip");
  EXPECT_EQ(r.etag, "W/\"e\"");
  EXPECT_LT(r.body->size(), 200u);
  EXPECT_EQ(Gunzip(*r.body), page);
  EXPECT_EQ(r.headers.at(0), (std::pair<std::string, std::string>{"Vary", "Accept-Encoding"}));
}

TEST(ApplyCompression, BrotliForBrotliClientsWithWeakEtag) {
  HttpRequest req;
  req.headers["accept-encoding"] = "gzip, deflate, br";
  std::string page;
  for (int i = 0; i < 200; ++i) page += "<p>paragraph " + std::to_string(i) + "</p>\n";
  HttpResponse r = HttpResponse::Text(200, page, "text/html; charset=utf-8");
  r.etag = "\"e\"";
  ApplyCompression(req, CompressionOptions{}, &r);
  EXPECT_EQ(r.content_encoding, "br");
  EXPECT_EQ(r.etag, "W/\"e\"");
  EXPECT_LT(r.body->size(), page.size() / 4);
  EXPECT_EQ(Unbrotli(*r.body), page);
  EXPECT_EQ(r.headers.at(0), (std::pair<std::string, std::string>{"Vary", "Accept-Encoding"}));
}

TEST(ApplyCompression, UsesThePrecomputedBodyOfTheChosenCoding) {
  HttpRequest req;
  req.headers["accept-encoding"] = "br;q=0.5, gzip";
  HttpResponse r = HttpResponse::Text(200, std::string(5000, 'x'), "text/html");
  r.gzip_body = std::make_shared<const std::string>("precomputed gzip");
  r.br_body = std::make_shared<const std::string>("precomputed br");
  ApplyCompression(req, CompressionOptions{}, &r);
  EXPECT_EQ(*r.body, "precomputed gzip");
  EXPECT_EQ(r.content_encoding, "gzip");
  req.headers["accept-encoding"] = "br";
  HttpResponse b = HttpResponse::Text(200, std::string(5000, 'x'), "text/html");
  b.br_body = std::make_shared<const std::string>("precomputed br");
  ApplyCompression(req, CompressionOptions{}, &b);
  EXPECT_EQ(*b.body, "precomputed br");
  EXPECT_EQ(b.content_encoding, "br");
}

TEST(ApplyCompression, BrotliOffMeansGzip) {
  HttpRequest req;
  req.headers["accept-encoding"] = "br, gzip";
  CompressionOptions no_br;
  no_br.brotli_quality = 0;
  HttpResponse r = HttpResponse::Text(200, std::string(5000, 'x'), "text/html");
  ApplyCompression(req, no_br, &r);
  EXPECT_EQ(r.content_encoding, "gzip");
  EXPECT_EQ(Gunzip(*r.body), std::string(5000, 'x'));
}

TEST(ApplyCompression, LeavesSmallBodiesAndPlainClientsAlone) {
  HttpRequest gzip_client;
  gzip_client.headers["accept-encoding"] = "gzip";
  HttpResponse small = HttpResponse::Text(200, "ok", "text/plain");
  ApplyCompression(gzip_client, CompressionOptions{}, &small);
  EXPECT_EQ(small.content_encoding, "");
  HttpResponse big = HttpResponse::Text(200, std::string(5000, 'x'), "text/html");
  ApplyCompression(HttpRequest{}, CompressionOptions{}, &big);
  EXPECT_EQ(big.content_encoding, "");
  EXPECT_EQ(big.body->size(), 5000u);
}

}  // namespace
}  // namespace wirepress::server
