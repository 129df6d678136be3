// Pings against a stub HTTP server on 127.0.0.1 that records requests.
#include "server/pings.h"

#include <gtest/gtest.h>

#include <atomic>

#include "ingest/http_stub_for_test.h"

namespace wirepress::server {
namespace {

using ingest::HttpStub;
using ingest::StubRequest;
using ingest::StubResponse;

class PathsRenderer final : public publish::Renderer {
 public:
  Result<publish::RenderedDocument> Render(std::string_view, std::string_view) override {
    return Status::NotFound("render", "not in this test");
  }
  std::vector<std::string> AffectedPaths(const store::PutOutcome& o) override {
    return {o.record.path, "/", "/rss.xml", "/atom.xml", "/world/", "/world/rss.xml",
            "/sitemap.xml"};
  }
  Result<std::vector<std::string>> AllPaths() override { return std::vector<std::string>{}; }
};

store::PutOutcome Outcome(store::PutAction action) {
  store::PutOutcome o;
  o.action = action;
  o.record.path = "/world/2019/05/15/quake-hits-coast/";
  return o;
}

class PingerTest : public ::testing::Test {
 protected:
  PingOptions Options() {
    PingOptions o;
    o.base_url = "https://news.example";
    o.retry_delay_ms = 10;
    o.timeout_ms = 5000;
    return o;
  }
  PathsRenderer renderer_;
  std::unique_ptr<ingest::HttpClient> http_ = ingest::NewCurlHttpClient();
  HttpStub stub_{[](const StubRequest&) { return StubResponse{204, {}, ""}; }};
};

TEST_F(PingerTest, OffByDefaultSendsNothing) {
  Pinger p(PingOptions{}, &renderer_, http_.get());
  EXPECT_FALSE(p.enabled());
  p.Start();
  p.OnChange(Outcome(store::PutAction::kCreated));
  EXPECT_TRUE(p.WaitIdle(1000));
  EXPECT_TRUE(stub_.requests().empty());
}

TEST_F(PingerTest, WebSubPublishesEveryAffectedFeed) {
  PingOptions o = Options();
  o.websub_hub = stub_.url("/hub");
  Pinger p(o, &renderer_, http_.get());
  p.Start();
  p.OnChange(Outcome(store::PutAction::kCreated));
  ASSERT_TRUE(p.WaitIdle(5000));
  std::vector<StubRequest> reqs = stub_.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].target, "/hub");
  EXPECT_EQ(reqs[0].headers["content-type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(reqs[0].body,
            "hub.mode=publish"
            "&hub.url=https%3A%2F%2Fnews.example%2Frss.xml"
            "&hub.url=https%3A%2F%2Fnews.example%2Fatom.xml"
            "&hub.url=https%3A%2F%2Fnews.example%2Fworld%2Frss.xml");
  EXPECT_EQ(p.sent(), 1u);
}

TEST_F(PingerTest, IndexNowGetsTheStoryUrlAndKeyOnUpdateAndKill) {
  PingOptions o = Options();
  o.indexnow_endpoint = stub_.url("/indexnow");
  o.indexnow_key = "k3y";
  Pinger p(o, &renderer_, http_.get());
  p.Start();
  p.OnChange(Outcome(store::PutAction::kUpdated));
  p.OnChange(Outcome(store::PutAction::kUnchanged));  // nothing to tell
  p.OnChange(Outcome(store::PutAction::kEmbargoed));  // not public yet
  p.OnChange(Outcome(store::PutAction::kKilled));
  ASSERT_TRUE(p.WaitIdle(5000));
  std::vector<StubRequest> reqs = stub_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  for (const StubRequest& r : reqs) {
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(r.target,
              "/indexnow?url=https%3A%2F%2Fnews.example%2Fworld%2F2019%2F05%2F15%2F"
              "quake-hits-coast%2F&key=k3y");
  }
}

TEST_F(PingerTest, RetriesABoundedNumberOfTimesThenGivesUp) {
  std::atomic<int> calls{0};
  stub_.set_handler([&](const StubRequest&) {
    return StubResponse{++calls <= 1 ? 503 : 200, {}, ""};
  });
  PingOptions o = Options();
  o.indexnow_endpoint = stub_.url("/indexnow");
  o.indexnow_key = "k";
  o.max_attempts = 3;
  Pinger p(o, &renderer_, http_.get());
  p.Start();
  p.OnChange(Outcome(store::PutAction::kCreated));  // 503 then 200
  ASSERT_TRUE(p.WaitIdle(5000));
  EXPECT_EQ(stub_.requests().size(), 2u);
  EXPECT_EQ(p.sent(), 1u);

  stub_.set_handler([](const StubRequest&) { return StubResponse{500, {}, ""}; });
  p.OnChange(Outcome(store::PutAction::kCreated));  // 500 × 3
  ASSERT_TRUE(p.WaitIdle(5000));
  EXPECT_EQ(stub_.requests().size(), 5u);
  EXPECT_EQ(p.failed(), 1u);
}

TEST_F(PingerTest, OnChangeNeverWaitsForTheNetwork) {
  PingOptions o = Options();
  o.indexnow_endpoint = stub_.url("/indexnow");
  o.indexnow_key = "k";
  o.max_queue = 2;
  Pinger p(o, &renderer_, http_.get());  // not started: nothing is sent
  for (int i = 0; i < 5; ++i) p.OnChange(Outcome(store::PutAction::kCreated));
  EXPECT_EQ(p.dropped(), 3u);
  p.Stop();
  EXPECT_EQ(p.dropped(), 5u);  // the queued two, at shutdown
  EXPECT_TRUE(stub_.requests().empty());
}

}  // namespace
}  // namespace wirepress::server
