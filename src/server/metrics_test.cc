#include "server/metrics.h"

#include <gtest/gtest.h>

namespace wirepress::server {
namespace {

TEST(Metrics, CountsRequestsStoriesInputsAndLatency) {
  Metrics m;
  m.CountRequest(200);
  m.CountRequest(200);
  m.CountRequest(404);
  m.CountCacheHit();
  m.CountCacheMiss();
  m.CountStory(store::PutAction::kCreated);
  m.CountInput(StatusCode::kOk, 2000);      // 2 ms
  m.CountInput(StatusCode::kInvalidInput, 0);
  std::string text = m.RenderPrometheus(7);
  for (const char* line : {
           "wirepress_http_requests_total{code=\"200\"} 2\n",
           "wirepress_http_requests_total{code=\"404\"} 1\n",
           "wirepress_cache_hits_total 1\n", "wirepress_cache_misses_total 1\n",
           "wirepress_cache_entries 7\n",
           "wirepress_ingest_inputs_total{result=\"invalid\"} 1\n",
           "wirepress_ingest_inputs_total{result=\"ok\"} 1\n",
           "wirepress_ingest_stories_total{action=\"created\"} 1\n",
           "wirepress_ingest_latency_seconds_bucket{le=\"0.001\"} 0\n",
           "wirepress_ingest_latency_seconds_bucket{le=\"0.0025\"} 1\n",
           "wirepress_ingest_latency_seconds_bucket{le=\"+Inf\"} 1\n",
           "wirepress_ingest_latency_seconds_sum 0.002\n",
           "wirepress_ingest_latency_seconds_count 1\n",
           "# TYPE wirepress_ingest_latency_seconds histogram\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
}

TEST(Metrics, ExportsFeedHealthAndPingCountsFromTheirSources) {
  Metrics m;
  EXPECT_EQ(m.RenderPrometheus(0).find("wirepress_feed_"), std::string::npos);
  ingest::FeedHealth ok;
  ok.url = "https://wire.example/afp.rss";
  ok.agency = "AFP";
  ok.last_success = Timestamp{1557914400};
  ok.next_poll = Timestamp{1557914410};
  ok.polls = 3;
  ok.not_modified = 2;
  ingest::FeedHealth down;
  down.url = "https://x.example/\"q\"";
  down.agency = "X";
  down.consecutive_failures = 2;
  down.failures = 2;
  down.quiet = true;
  m.SetFeedHealthSource([&] { return std::vector<ingest::FeedHealth>{ok, down}; });
  m.SetPingSource([] { return Metrics::PingCounts{5, 1, 0}; });
  std::string text = m.RenderPrometheus(0);
  for (const char* line : {
           "# TYPE wirepress_feed_up gauge\n",
           "wirepress_feed_up{feed=\"https://wire.example/afp.rss\",agency=\"AFP\"} 1\n",
           "wirepress_feed_up{feed=\"https://x.example/\\\"q\\\"\",agency=\"X\"} 0\n",
           "wirepress_feed_last_success_timestamp_seconds{feed=\"https://wire.example/afp.rss\","
           "agency=\"AFP\"} 1557914400\n",
           "wirepress_feed_next_poll_timestamp_seconds{feed=\"https://wire.example/afp.rss\","
           "agency=\"AFP\"} 1557914410\n",
           "wirepress_feed_consecutive_failures{feed=\"https://x.example/\\\"q\\\"\",agency=\"X\"} 2\n",
           "wirepress_feed_quiet{feed=\"https://x.example/\\\"q\\\"\",agency=\"X\"} 1\n",
           "wirepress_feed_not_modified_total{feed=\"https://wire.example/afp.rss\",agency=\"AFP\"} 2\n",
           "wirepress_pings_total{result=\"sent\"} 5\n",
           "wirepress_pings_total{result=\"failed\"} 1\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
}

}  // namespace
}  // namespace wirepress::server
