#include "server/compression.h"

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
