#include "server/metrics.h"

#include <cstdio>

namespace wirepress::server {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void Header(std::string* out, const char* name, const char* type, const char* help) {
  *out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

std::string_view InputResult(StatusCode code) {
  if (code == StatusCode::kOk) return "ok";
  if (code == StatusCode::kInvalidInput) return "invalid";
  return "error";
}

// A Prometheus label value: backslash, quote and newline escaped.
std::string LabelValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out;
}

using FeedValue = double (*)(const ingest::FeedHealth&);

struct FeedMetric {
  const char* name;
  const char* type;
  const char* help;
  FeedValue value;
};

double Stamp(const std::optional<Timestamp>& t) { return t ? static_cast<double>(t->seconds) : 0; }

// One row per exported per-feed series; a new one is one more row.
const FeedMetric kFeedMetrics[] = {
    {"wirepress_feed_up", "gauge", "1 when the last poll of the feed succeeded.",
     [](const ingest::FeedHealth& h) { return h.consecutive_failures == 0 ? 1.0 : 0.0; }},
    {"wirepress_feed_consecutive_failures", "gauge", "Failed polls in a row.",
     [](const ingest::FeedHealth& h) { return static_cast<double>(h.consecutive_failures); }},
    {"wirepress_feed_last_success_timestamp_seconds", "gauge",
     "Last successful poll (0 = never).",
     [](const ingest::FeedHealth& h) { return Stamp(h.last_success); }},
    {"wirepress_feed_last_error_timestamp_seconds", "gauge", "Last failed poll (0 = never).",
     [](const ingest::FeedHealth& h) { return Stamp(h.last_error_at); }},
    {"wirepress_feed_last_new_timestamp_seconds", "gauge",
     "Last poll that changed a story (0 = never).",
     [](const ingest::FeedHealth& h) { return Stamp(h.last_new); }},
    {"wirepress_feed_next_poll_timestamp_seconds", "gauge", "When the feed is polled next.",
     [](const ingest::FeedHealth& h) { return static_cast<double>(h.next_poll.seconds); }},
    {"wirepress_feed_quiet", "gauge", "1 while the feed has been quiet too long.",
     [](const ingest::FeedHealth& h) { return h.quiet ? 1.0 : 0.0; }},
    {"wirepress_feed_polls_total", "counter", "Polls of the feed.",
     [](const ingest::FeedHealth& h) { return static_cast<double>(h.polls); }},
    {"wirepress_feed_not_modified_total", "counter", "Polls answered 304 Not Modified.",
     [](const ingest::FeedHealth& h) { return static_cast<double>(h.not_modified); }},
    {"wirepress_feed_failures_total", "counter", "Failed polls.",
     [](const ingest::FeedHealth& h) { return static_cast<double>(h.failures); }},
    {"wirepress_feed_quiet_alerts_total", "counter", "Quiet alerts raised.",
     [](const ingest::FeedHealth& h) { return static_cast<double>(h.quiet_alerts); }},
};

void RenderFeeds(const std::vector<ingest::FeedHealth>& feeds, std::string* out) {
  if (feeds.empty()) return;
  for (const FeedMetric& m : kFeedMetrics) {
    Header(out, m.name, m.type, m.help);
    for (const ingest::FeedHealth& h : feeds) {
      *out += std::string(m.name) + "{feed=\"" + LabelValue(h.url) + "\",agency=\"" +
              LabelValue(h.agency) + "\"} " + std::to_string(static_cast<std::int64_t>(m.value(h))) + "\n";
    }
  }
}

}  // namespace

void Metrics::CountRequest(int status) {
  MutexLock lock(&mu_);
  ++requests_[status];
}

void Metrics::CountStory(store::PutAction action) {
  MutexLock lock(&mu_);
  ++stories_[std::string(store::PutActionName(action))];
}

void Metrics::CountInput(StatusCode code, std::int64_t elapsed_micros) {
  MutexLock lock(&mu_);
  ++inputs_[std::string(InputResult(code))];
  if (code != StatusCode::kOk) return;
  double seconds = static_cast<double>(elapsed_micros) / 1e6;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++latency_buckets_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

std::string Metrics::RenderPrometheus(size_t cache_entries) const {
  std::string out = RenderCounters(cache_entries);
  if (feed_health_) RenderFeeds(feed_health_(), &out);
  if (pings_) {
    PingCounts p = pings_();
    Header(&out, "wirepress_pings_total", "counter", "WebSub and IndexNow pings by result.");
    out += "wirepress_pings_total{result=\"sent\"} " + std::to_string(p.sent) + "\n";
    out += "wirepress_pings_total{result=\"failed\"} " + std::to_string(p.failed) + "\n";
    out += "wirepress_pings_total{result=\"dropped\"} " + std::to_string(p.dropped) + "\n";
  }
  return out;
}

std::string Metrics::RenderCounters(size_t cache_entries) const {
  MutexLock lock(&mu_);
  std::string out;
  Header(&out, "wirepress_http_requests_total", "counter", "HTTP responses by status code.");
  for (const auto& [code, n] : requests_) {
    out += "wirepress_http_requests_total{code=\"" + std::to_string(code) + "\"} " +
           std::to_string(n) + "\n";
  }
  Header(&out, "wirepress_cache_hits_total", "counter", "Documents served from the cache.");
  out += "wirepress_cache_hits_total " + std::to_string(cache_hits_.load()) + "\n";
  Header(&out, "wirepress_cache_misses_total", "counter", "Documents rendered on request.");
  out += "wirepress_cache_misses_total " + std::to_string(cache_misses_.load()) + "\n";
  Header(&out, "wirepress_cache_entries", "gauge", "Documents in the cache.");
  out += "wirepress_cache_entries " + std::to_string(cache_entries) + "\n";
  Header(&out, "wirepress_ingest_inputs_total", "counter", "Ingested inputs by result.");
  for (const auto& [result, n] : inputs_) {
    out += "wirepress_ingest_inputs_total{result=\"" + result + "\"} " + std::to_string(n) + "\n";
  }
  Header(&out, "wirepress_ingest_stories_total", "counter", "Stored stories by action.");
  for (const auto& [action, n] : stories_) {
    out += "wirepress_ingest_stories_total{action=\"" + action + "\"} " + std::to_string(n) +
           "\n";
  }
  Header(&out, "wirepress_ingest_latency_seconds", "histogram",
         "Time from parse start to the last commit of an input.");
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    out += "wirepress_ingest_latency_seconds_bucket{le=\"" + Number(kLatencyBuckets[i]) +
           "\"} " + std::to_string(latency_buckets_[i]) + "\n";
  }
  out += "wirepress_ingest_latency_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(latency_count_) + "\n";
  out += "wirepress_ingest_latency_seconds_sum " + Number(latency_sum_) + "\n";
  out += "wirepress_ingest_latency_seconds_count " + std::to_string(latency_count_) + "\n";
  return out;
}

}  // namespace wirepress::server
