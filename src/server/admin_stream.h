// IngestStream: the admin page's "live ingest stream" — the latest inputs
// the pipeline handled (source, outcome, latency) in a fixed-size ring,
// plus totals since the server started. Fed by an ingest input listener.
//
// Thread-safety: Record and the readers may be called from any thread.
#ifndef WIREPRESS_SERVER_ADMIN_STREAM_H_
#define WIREPRESS_SERVER_ADMIN_STREAM_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/thread_annotations.h"
#include "base/time.h"
#include "ingest/pipeline.h"

namespace wirepress::server {

struct IngestEvent {
  Timestamp at;
  std::string source;   // "inbox/x.xml", "push:name", ...
  bool ok = false;
  // "created 1", "updated 2, unchanged 1", or the error's first line.
  std::string outcome;
  std::int64_t latency_micros = 0;  // 0 for failures
};

struct IngestTotals {
  std::int64_t processed = 0;  // inputs published since start
  std::int64_t failed = 0;     // inputs refused since start
};

class IngestStream {
 public:
  // Keeps the latest `capacity` events. REQUIRES: capacity > 0.
  explicit IngestStream(size_t capacity);

  void Record(Timestamp at, std::string_view source, const Result<ingest::IngestReport>& result);
  // Newest first.
  std::vector<IngestEvent> Latest() const;
  IngestTotals totals() const;

 private:
  size_t capacity_;
  mutable std::mutex mu_;
  std::vector<IngestEvent> ring_ GUARDED_BY(mu_);
  size_t next_ GUARDED_BY(mu_) = 0;  // slot the next event overwrites
  IngestTotals totals_ GUARDED_BY(mu_);
};

// "created 1, updated 2" for a report's outcomes; "no stories" when empty.
std::string SummarizeOutcomes(const ingest::IngestReport& report);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_ADMIN_STREAM_H_
