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
