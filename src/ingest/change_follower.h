// ChangeFollower: tails the store's change log (Store::ChangesSince) so a
// process learns about changes other processes made to a shared database:
// an operator's `wirepress kill`, another ingest worker's stories, another
// server's embargo release. Each change is passed on as a PutOutcome
// (record = the story now; previous unknown, except that a kill's is
// taken to be the live story) to a listener — in `serve`,
// the document cache's invalidation.
//
// Changes this process made itself come back too; invalidating twice only
// costs a re-render.
//
// The follower also keeps the log from growing without end: once an hour
// it deletes entries older than `retain_hours` (Store::PruneChanges). A
// follower starts from the end of the log, so only one that falls days
// behind could miss a pruned change. With several servers each prunes;
// deleting what another already deleted costs one query.
//
// Thread-safety: Poll from one thread at a time; Start/Stop from the owner.
#ifndef WIREPRESS_INGEST_CHANGE_FOLLOWER_H_
#define WIREPRESS_INGEST_CHANGE_FOLLOWER_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "base/clock.h"
#include "base/status.h"
#include "ingest/pipeline.h"
#include "store/store.h"

namespace wirepress::ingest {

struct ChangeFollowerOptions {
  // How often the log is read. A kill from another process shows on this
  // server's pages within about this long; shorter costs more queries.
  int poll_interval_ms = 250;
  // Changes read per query.
  int batch = 500;
  // How long the change log keeps an entry; 0 never prunes.
  int retain_hours = 7 * 24;
  // How often the polling thread prunes (the first time right at Start).
  int prune_every_s = 3600;
};

class ChangeFollower {
 public:
  // `store` and `clock` must outlive the follower.
  ChangeFollower(const ChangeFollowerOptions& options, store::Store* store, const Clock* clock,
                 Pipeline::Listener listener);
  ~ChangeFollower();  // Stop()s

  // Skips everything already in the log (the caches start empty anyway).
  Status SkipToEnd();
  // Passes on every change since the last one seen; returns how many.
  Result<int> Poll();
  // Prunes the log (see above) when prune_every_s have passed since the
  // last prune, or it never ran; returns how many entries went.
  Result<std::int64_t> PruneIfDue();

  // SkipToEnd, then Poll every poll_interval_ms on a thread until Stop().
  Status Start();
  void Stop();

  std::int64_t last_seq() const { return last_seq_; }

 private:
  void Loop();

  ChangeFollowerOptions options_;
  store::Store* store_;
  const Clock* clock_;
  Pipeline::Listener listener_;
  std::int64_t last_seq_ = 0;
  std::optional<std::int64_t> last_prune_us_;  // MonotonicMicros
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_CHANGE_FOLLOWER_H_
