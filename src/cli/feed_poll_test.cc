// The feed poller with every real format adapter (cli/registry.cc), polling
// an RSS 2.0 file from a stub HTTP server on 127.0.0.1 with an ETag.
#include <gtest/gtest.h>

#include "cli/registry.h"
#include "ingest/feed_poller.h"
#include "ingest/http_stub_for_test.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/memory_file_system.h"

namespace wirepress::cli {
namespace {

constexpr char kRss[] = R"(<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Wire</title><link>https://wire.example/</link><description>d</description>
<item><title>Quake hits coast</title><link>https://wire.example/a/1</link>
<guid>https://wire.example/a/1</guid><pubDate>Wed, 15 May 2019 08:00:00 GMT</pubDate>
<description>A strong quake hit the coast on Wednesday.</description></item>
<item><title>Central bank holds rates</title><link>https://wire.example/a/2</link>
<guid>https://wire.example/a/2</guid><pubDate>Wed, 15 May 2019 09:00:00 GMT</pubDate>
<description>The central bank held its rates.</description></item>
</channel></rss>
)";

TEST(FeedPoll, PollsRssWithEtagThroughTheRealAdapters) {
  ingest::HttpStub stub([](const ingest::StubRequest& r) {
    auto it = r.headers.find("if-none-match");
    if (it != r.headers.end() && it->second == "\"r1\"") return ingest::StubResponse{304, {}, ""};
    return ingest::StubResponse{200, {{"ETag", "\"r1\""}, {"Content-Type", "application/rss+xml"}},
                                kRss};
  });
  formats::FormatRegistry formats;
  RegisterFormats(&formats);
  std::unique_ptr<store::Store> store = store::memory::NewMemoryStore();
  testing::FakeClock clock{*ParseIso8601("2019-05-15T10:00:00Z")};
  testing::MemoryFileSystem fs;
  ingest::Pipeline pipeline(ingest::IngestOptions{}, &formats, store.get(), &clock);
  ingest::InputArchive archive("data", &fs, &clock);
  std::vector<store::PutAction> actions;
  pipeline.AddListener([&](const store::PutOutcome& o) { actions.push_back(o.action); });
  std::unique_ptr<ingest::HttpClient> http = ingest::NewCurlHttpClient();
  ingest::FeedPollerOptions options;
  options.feeds.push_back({stub.url("/wire.rss"), "WIRE", 5, 0});
  ingest::FeedPoller poller(options, &pipeline, &archive, http.get(), &clock);

  EXPECT_EQ(poller.PollFeed(0), ingest::PollResult::kIngested);
  EXPECT_EQ(actions, (std::vector<store::PutAction>{store::PutAction::kCreated,
                                                    store::PutAction::kCreated}));
  EXPECT_EQ(poller.PollFeed(0), ingest::PollResult::kNotModified);
  EXPECT_EQ(actions.size(), 2u);
  ASSERT_EQ(stub.requests().size(), 2u);
  EXPECT_EQ(stub.requests()[1].headers.at("if-none-match"), "\"r1\"");
  EXPECT_TRUE(archive.ListFailed()->empty());
}

}  // namespace
}  // namespace wirepress::cli
