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

}  // namespace
}  // namespace wirepress::server
