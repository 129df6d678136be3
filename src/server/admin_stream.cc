#include "server/admin_stream.h"

#include <algorithm>

namespace wirepress::server {

std::string SummarizeOutcomes(const ingest::IngestReport& report) {
  // Ordered by first appearance so "created 2, unchanged 1" reads like the feed.
  std::vector<std::pair<std::string_view, int>> counts;
  for (const store::PutOutcome& o : report.outcomes) {
    std::string_view name = store::PutActionName(o.action);
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& c) { return c.first == name; });
    if (it == counts.end()) {
      counts.emplace_back(name, 1);
    } else {
      ++it->second;
    }
  }
  if (counts.empty()) return "no stories";
  std::string out;
  for (const auto& [name, n] : counts) {
    if (!out.empty()) out += ", ";
    out += std::string(name) + " " + std::to_string(n);
  }
  return out;
}

IngestStream::IngestStream(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

void IngestStream::Record(Timestamp at, std::string_view source,
                          const Result<ingest::IngestReport>& result) {
  IngestEvent e;
  e.at = at;
  e.source = std::string(source);
  e.ok = result.ok();
  if (result.ok()) {
    e.outcome = SummarizeOutcomes(*result);
    e.latency_micros = result->elapsed_micros;
  } else {
    std::string message = result.status().message();
    e.outcome = message.substr(0, message.find('\n'));
  }
  std::lock_guard<std::mutex> lock(mu_);
  (e.ok ? totals_.processed : totals_.failed)++;
  if (ring_.size() < capacity_) {
    ring_.push_back(std::move(e));
  } else {
    ring_[next_] = std::move(e);
  }
  next_ = (next_ + 1) % capacity_;
}

std::vector<IngestEvent> IngestStream::Latest() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<IngestEvent> out;
  out.reserve(ring_.size());
  // next_ - 1 is the newest; walk backwards around the ring.
  for (size_t i = 0; i < ring_.size(); ++i) {
    out.push_back(ring_[(next_ + capacity_ - 1 - i) % capacity_]);
  }
  return out;
}

IngestTotals IngestStream::totals() const {
  std::lock_guard<std::mutex> lock(mu_);
  return totals_;
}

}  // namespace wirepress::server
