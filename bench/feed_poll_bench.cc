// feed_poll_bench: what one poll of an agency feed costs, over loopback
// against the test stub server: a 304 (the common case), and a 200 whose
// 20-item RSS goes through the real adapters and the memory store with
// every story unchanged (a feed re-sent without validators). Each poll is
// a new connection (HttpClient keeps none alive). Figures in
// doc/benchmarks.md.
#include <benchmark/benchmark.h>

#include "cli/registry.h"
#include "ingest/feed_poller.h"
#include "ingest/http_stub_for_test.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/memory_file_system.h"

namespace wirepress {
namespace {

std::string Rss(int items) {
  std::string s = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title>"
                  "<link>https://wire.example/</link><description>d</description>";
  for (int i = 0; i < items; ++i) {
    std::string n = std::to_string(i);
    s += "<item><title>Story number " + n + " from the wire</title><link>https://wire.example/a/" +
         n + "</link><guid>https://wire.example/a/" + n +
         "</guid><pubDate>Wed, 15 May 2019 08:00:00 GMT</pubDate><description>Body of story " +
         n + ", a paragraph of wire copy long enough to look like one.</description></item>";
  }
  return s + "</channel></rss>";
}

void RunPolls(benchmark::State& state, bool conditional) {
  std::string body = Rss(20);
  ingest::HttpStub stub([&](const ingest::StubRequest& r) {
    if (conditional && r.headers.count("if-none-match")) return ingest::StubResponse{304, {}, ""};
    return ingest::StubResponse{200, {{"ETag", "\"e\""}}, body};
  });
  formats::FormatRegistry formats;
  cli::RegisterFormats(&formats);
  auto store = store::memory::NewMemoryStore();
  testing::FakeClock clock;
  testing::MemoryFileSystem fs;
  ingest::Pipeline pipeline(ingest::IngestOptions{}, &formats, store.get(), &clock);
  ingest::InputArchive archive("data", &fs, &clock);
  auto http = ingest::NewCurlHttpClient();
  ingest::FeedPollerOptions o;
  o.feeds.push_back({stub.url("/f.rss"), "W", 1, 0});
  ingest::FeedPoller poller(o, &pipeline, &archive, http.get(), &clock);
  poller.PollFeed(0);  // first fetch stores the 20 stories
  for (auto _ : state) {
    ingest::PollResult r = poller.PollFeed(0);
    if (r == ingest::PollResult::kFailed) state.SkipWithError("poll failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Poll304(benchmark::State& state) { RunPolls(state, true); }
void BM_PollFull20Unchanged(benchmark::State& state) { RunPolls(state, false); }
BENCHMARK(BM_Poll304)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_PollFull20Unchanged)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace wirepress

BENCHMARK_MAIN();
