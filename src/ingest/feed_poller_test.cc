#include "ingest/feed_poller.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ingest/http_stub_for_test.h"
#include "ingest/line_format_for_test.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/memory_file_system.h"

namespace wirepress::ingest {
namespace {


constexpr char kFeed[] = "LINES\nu1|Quake hits coast|<p>Body</p>\nu2|Rates held|<p>Body</p>\n";

// Serves kFeed with an ETag, 304 when the client already has it.
StubResponse ServeWithEtag(const StubRequest& r) {
  auto it = r.headers.find("if-none-match");
  if (it != r.headers.end() && it->second == "\"v1\"") return {304, {{"ETag", "\"v1\""}}, ""};
  return {200, {{"ETag", "\"v1\""}, {"Content-Type", "text/plain"}}, kFeed};
}

class FeedPollerTest : public ::testing::Test {
 protected:
  FeedPollerTest()
      : registry_(LineRegistry()),
        store_(store::memory::NewMemoryStore()),
        pipeline_(IngestOptions{}, registry_.get(), store_.get(), &clock_),
        http_(NewCurlHttpClient()) {}

  std::unique_ptr<FeedPoller> Poller(int interval_s = 10, int quiet_after_s = 0) {
    FeedPollerOptions o;
    o.feeds.push_back({stub_.url("/wire.rss"), "TEST", interval_s, quiet_after_s});
    o.jitter = 0;  // exact schedules
    o.max_backoff_s = 60;
    o.timeout_ms = 5000;
    return std::make_unique<FeedPoller>(o, &pipeline_, &archive_, http_.get(), &clock_);
  }

  wirepress::testing::FakeClock clock_{*ParseIso8601("2019-05-15T10:00:00Z")};
  wirepress::testing::MemoryFileSystem fs_;
  InputArchive archive_{"data", &fs_, &clock_};
  std::unique_ptr<formats::FormatRegistry> registry_;
  std::unique_ptr<store::Store> store_;
  Pipeline pipeline_;
  std::unique_ptr<HttpClient> http_;
  HttpStub stub_{ServeWithEtag};
};

TEST_F(FeedPollerTest, FirstPollIngestsWithFeedUrlAsBaseAndSecondGets304) {
  std::vector<std::string> seen_sources;
  pipeline_.AddInputListener([&](std::string_view source, const Result<IngestReport>&) {
    seen_sources.emplace_back(source);
  });
  auto poller = Poller();
  EXPECT_EQ(poller->PollFeed(0), PollResult::kIngested);
  ASSERT_TRUE(store_->GetByUri("u1").ok());
  ASSERT_TRUE(store_->GetByUri("u2").ok());
  EXPECT_EQ(seen_sources, std::vector<std::string>{stub_.url("/wire.rss")});

  EXPECT_EQ(poller->PollFeed(0), PollResult::kNotModified);
  std::vector<StubRequest> reqs = stub_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].headers.count("if-none-match"), 0u);
  EXPECT_EQ(reqs[1].headers["if-none-match"], "\"v1\"");
  EXPECT_EQ(reqs[1].target, "/wire.rss");

  FeedHealth h = poller->Health()[0];
  EXPECT_EQ(h.agency, "TEST");
  EXPECT_EQ(h.polls, 2u);
  EXPECT_EQ(h.not_modified, 1u);
  EXPECT_EQ(h.last_success, clock_.Now());
  EXPECT_EQ(h.last_new, clock_.Now());
  EXPECT_EQ(h.consecutive_failures, 0);
  EXPECT_EQ(h.next_poll.seconds, clock_.Now().seconds + 10);
}

TEST_F(FeedPollerTest, SendsIfModifiedSinceWhenServerGivesLastModified) {
  stub_.set_handler([](const StubRequest&) {
    return StubResponse{200, {{"Last-Modified", "Wed, 15 May 2019 09:00:00 GMT"}}, kFeed};
  });
  auto poller = Poller();
  poller->PollFeed(0);
  poller->PollFeed(0);
  EXPECT_EQ(stub_.requests()[1].headers["if-modified-since"], "Wed, 15 May 2019 09:00:00 GMT");
}

TEST_F(FeedPollerTest, ServerErrorBacksOffExponentiallyAndRecovers) {
  stub_.set_handler([](const StubRequest&) { return StubResponse{500, {}, "oops"}; });
  auto poller = Poller(10);
  Timestamp t0 = clock_.Now();
  EXPECT_EQ(poller->PollFeed(0), PollResult::kFailed);
  FeedHealth h = poller->Health()[0];
  EXPECT_EQ(h.consecutive_failures, 1);
  EXPECT_EQ(h.last_error, "Unavailable: polling " + stub_.url("/wire.rss") + ": HTTP status 500");
  EXPECT_EQ(h.last_error_at, t0);
  EXPECT_EQ(h.next_poll.seconds, t0.seconds + 10);

  EXPECT_EQ(poller->PollFeed(0), PollResult::kFailed);
  EXPECT_EQ(poller->Health()[0].next_poll.seconds, t0.seconds + 20);
  EXPECT_EQ(poller->PollFeed(0), PollResult::kFailed);
  EXPECT_EQ(poller->Health()[0].next_poll.seconds, t0.seconds + 40);
  EXPECT_EQ(poller->PollFeed(0), PollResult::kFailed);
  EXPECT_EQ(poller->Health()[0].next_poll.seconds, t0.seconds + 60);  // capped
  EXPECT_EQ(poller->SecondsUntilNext(), 60);

  // Not due yet: PollDue leaves it alone.
  clock_.Advance(59);
  EXPECT_EQ(poller->PollDue(), 0);
  stub_.set_handler(ServeWithEtag);
  clock_.Advance(1);
  EXPECT_EQ(poller->PollDue(), 1);
  h = poller->Health()[0];
  EXPECT_EQ(h.consecutive_failures, 0);
  EXPECT_EQ(h.failures, 4u);
  EXPECT_EQ(h.last_error, "");
  EXPECT_TRUE(store_->GetByUri("u1").ok());
}

TEST_F(FeedPollerTest, UnreachableServerIsAFailureNamingTheUrl) {
  FeedPollerOptions o;
  o.feeds.push_back({"http://127.0.0.1:1/feed", "", 5, 0});
  o.jitter = 0;
  FeedPoller poller(o, &pipeline_, &archive_, http_.get(), &clock_);
  EXPECT_EQ(poller.PollFeed(0), PollResult::kFailed);
  FeedHealth h = poller.Health()[0];
  EXPECT_EQ(h.agency, "127.0.0.1");
  EXPECT_TRUE(StartsWith(h.last_error, "Unavailable: GET http://127.0.0.1:1/feed: "))
      << h.last_error;
}

TEST_F(FeedPollerTest, GarbageBodyIsKeptInFailedWithReasonOnce) {
  stub_.set_handler([](const StubRequest& r) {
    if (r.headers.count("if-none-match")) return StubResponse{304, {}, ""};
    return StubResponse{200, {{"ETag", "\"bad\""}}, "this is not a wire format"};
  });
  auto poller = Poller();
  EXPECT_EQ(poller->PollFeed(0), PollResult::kFailed);
  Result<std::vector<std::string>> failed = archive_.ListFailed();
  ASSERT_TRUE(failed.ok());
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0], "127.0.0.1-20190515T100000Z.feed");
  EXPECT_EQ(*fs_.ReadFile("data/failed/" + (*failed)[0]), "this is not a wire format");
  Result<std::string> reason = archive_.FailureReason((*failed)[0]);
  ASSERT_TRUE(reason.ok());
  EXPECT_NE(reason->find(stub_.url("/wire.rss")), std::string::npos) << *reason;
  EXPECT_EQ(poller->Health()[0].consecutive_failures, 1);
  // The same bad body is not fetched and archived again.
  EXPECT_EQ(poller->PollFeed(0), PollResult::kNotModified);
  EXPECT_EQ(archive_.ListFailed()->size(), 1u);
}

TEST_F(FeedPollerTest, HtmlPageIsRefusedNotIngestedAsWireCopy) {
  stub_.set_handler([](const StubRequest&) {
    return StubResponse{200, {{"Content-Type", "text/html; charset=utf-8"}},
                        "LINES\nu9|Please log in|<p>session expired</p>\n"};
  });
  auto poller = Poller();
  EXPECT_EQ(poller->PollFeed(0), PollResult::kFailed);
  EXPECT_FALSE(store_->GetByUri("u9").ok());
  EXPECT_EQ(poller->Health()[0].last_error,
            "InvalidInput: " + stub_.url("/wire.rss") +
                ": the server sent an HTML page (text/html; charset=utf-8), not a feed");
  EXPECT_EQ(archive_.ListFailed()->size(), 1u);
}

TEST_F(FeedPollerTest, QuietFeedAlertsOnceThenClearsWhenNewStoriesCome) {
  auto poller = Poller(10, 60);
  poller->PollFeed(0);  // u1, u2: new
  clock_.Advance(30);
  poller->PollFeed(0);  // 304
  EXPECT_FALSE(poller->Health()[0].quiet);
  clock_.Advance(31);
  poller->PollFeed(0);  // 304, 61 s without news
  FeedHealth h = poller->Health()[0];
  EXPECT_TRUE(h.quiet);
  EXPECT_EQ(h.quiet_alerts, 1u);
  clock_.Advance(30);
  poller->PollFeed(0);
  EXPECT_EQ(poller->Health()[0].quiet_alerts, 1u);  // raised once

  stub_.set_handler([](const StubRequest&) {
    return StubResponse{200, {{"ETag", "\"v2\""}}, "LINES\nu3|Fresh news|<p>b</p>\n"};
  });
  poller->PollFeed(0);
  h = poller->Health()[0];
  EXPECT_FALSE(h.quiet);
  EXPECT_EQ(h.last_new, clock_.Now());
}

TEST_F(FeedPollerTest, UnchangedStoriesDoNotCountAsNews) {
  stub_.set_handler([](const StubRequest&) { return StubResponse{200, {}, kFeed}; });
  auto poller = Poller(10, 20);
  poller->PollFeed(0);
  Timestamp first = clock_.Now();
  clock_.Advance(25);
  EXPECT_EQ(poller->PollFeed(0), PollResult::kIngested);  // same stories again
  FeedHealth h = poller->Health()[0];
  EXPECT_EQ(h.last_new, first);
  EXPECT_TRUE(h.quiet);
}

TEST_F(FeedPollerTest, ThreadPollsDueFeedsUntilStopped) {
  auto poller = Poller(1);
  poller->Start();
  for (int i = 0; i < 200 && !store_->GetByUri("u1").ok(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  poller->Stop();
  EXPECT_TRUE(store_->GetByUri("u1").ok());
  EXPECT_GE(poller->Health()[0].polls, 1u);
}

TEST(FeedHost, TakesHostWithoutPortOrPath) {
  EXPECT_EQ(FeedHost("https://wire.example:8443/a/b?x"), "wire.example");
  EXPECT_EQ(FeedHost("http://afp.example"), "afp.example");
  EXPECT_EQ(FeedHost("nonsense"), "nonsense");
}

// A client whose answer for one URL hangs until released; others answer at
// once with kFeed.
class HangingHttp final : public HttpClient {
 public:
  explicit HangingHttp(std::string slow_url) : slow_url_(std::move(slow_url)) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (request.url == slow_url_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return released_; });
      return Status::Unavailable("polling " + request.url, "timed out");
    }
    HttpResponse r;
    r.status = 200;
    r.headers["content-type"] = "text/plain";
    r.body = kFeed;
    return r;
  }
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      released_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::string slow_url_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool released_ = false;
};

TEST_F(FeedPollerTest, AHangingFeedDoesNotDelayTheOthers) {
  HangingHttp http("http://slow.example/wire");
  FeedPollerOptions o;
  o.feeds.push_back({"http://slow.example/wire", "SLOW", 1, 0});
  o.feeds.push_back({"http://fast.example/wire", "FAST", 1, 0});
  o.jitter = 0;
  FeedPoller poller(o, &pipeline_, &archive_, &http, &clock_);
  poller.Start();
  // The slow feed is polled first (both are due; it comes first) and hangs;
  // the fast one must still be polled and its stories stored.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline &&
         !(store_->GetByUri("u1").ok() && poller.Health()[0].polls == 1)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(store_->GetByUri("u1").ok());
  EXPECT_EQ(poller.Health()[1].polls, 1u);
  EXPECT_EQ(poller.Health()[0].polls, 1u);  // still in its first poll
  EXPECT_EQ(poller.Health()[0].failures, 0u);
  // The hanging feed is not waiting for its time: idle workers sleep until
  // the fast feed's next poll instead of waking every 50 ms.
  EXPECT_EQ(poller.SecondsUntilNext(), 1);
  http.Release();
  poller.Stop();
  EXPECT_EQ(poller.Health()[0].failures, 1u);
}

TEST_F(FeedPollerTest, OneWorkerPollsFeedsOneAfterAnother) {
  HangingHttp http("http://slow.example/wire");
  FeedPollerOptions o;
  o.feeds.push_back({"http://slow.example/wire", "SLOW", 1, 0});
  o.feeds.push_back({"http://fast.example/wire", "FAST", 1, 0});
  o.jitter = 0;
  o.max_concurrent = 1;
  FeedPoller poller(o, &pipeline_, &archive_, &http, &clock_);
  poller.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(poller.Health()[1].polls, 0u);  // waits behind the hanging one
  http.Release();
  poller.Stop();
}

}  // namespace
}  // namespace wirepress::ingest
