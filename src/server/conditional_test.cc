#include "server/conditional.h"

#include <gtest/gtest.h>

namespace wirepress::server {
namespace {

HttpResponse Doc() {
  HttpResponse r = HttpResponse::Text(200, "<p>hi</p>", "text/html");
  r.etag = "\"abc\"";
  r.last_modified = Timestamp{1557914400};  // Wed, 15 May 2019 10:00:00 GMT
  return r;
}

HttpRequest Get(std::string header = {}, std::string value = {}) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/";
  if (!header.empty()) r.headers[header] = value;
  return r;
}

TEST(EtagMatches, ComparesWeaklyAndAcceptsListsAndStar) {
  EXPECT_TRUE(EtagMatches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("\"x\", W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("*", "\"abc\""));
  EXPECT_FALSE(EtagMatches("\"abd\"", "\"abc\""));
}

TEST(ApplyConditional, MatchingEtagGives304KeepingValidators) {
  HttpResponse r = Doc();
  EXPECT_TRUE(ApplyConditional(Get("if-none-match", "\"abc\""), &r));
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body->empty());
  EXPECT_EQ(r.etag, "\"abc\"");
}

TEST(ApplyConditional, IfModifiedSinceComparesSeconds) {
  HttpResponse r = Doc();
  EXPECT_TRUE(ApplyConditional(Get("if-modified-since", "Wed, 15 May 2019 10:00:00 GMT"), &r));
  HttpResponse older = Doc();
  EXPECT_FALSE(
      ApplyConditional(Get("if-modified-since", "Wed, 15 May 2019 09:59:59 GMT"), &older));
  EXPECT_EQ(older.status, 200);
}

TEST(ApplyConditional, IfNoneMatchWinsOverIfModifiedSince) {
  HttpRequest req = Get("if-none-match", "\"other\"");
  req.headers["if-modified-since"] = "Wed, 15 May 2019 10:00:00 GMT";
  HttpResponse r = Doc();
  EXPECT_FALSE(ApplyConditional(req, &r));
}

TEST(ApplyConditional, OnlyForSuccessfulGetAndHead) {
  HttpRequest post = Get("if-none-match", "\"abc\"");
  post.method = "POST";
  HttpResponse r = Doc();
  EXPECT_FALSE(ApplyConditional(post, &r));
  HttpResponse gone = Doc();
  gone.status = 410;
  EXPECT_FALSE(ApplyConditional(Get("if-none-match", "\"abc\""), &gone));
}

}  // namespace
}  // namespace wirepress::server
