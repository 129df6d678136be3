// Scheduler: releases embargoed stories at their time. The store holds an
// embargoed story (state kEmbargoed) and knows the earliest pending embargo
// (Store::NextEmbargo); the scheduler sleeps until then, calls
// Store::ReleaseDue and tells the listeners (cache invalidation, export),
// each released story as a kCreated outcome whose `previous` is the
// embargoed record. Because the embargo lives in the store, a restart
// loses nothing: the first pass releases whatever fell due while down.
//
// Thread-safety: ReleaseDue from any one thread; Wake from any thread.
#ifndef WIREPRESS_INGEST_SCHEDULER_H_
#define WIREPRESS_INGEST_SCHEDULER_H_

#include <condition_variable>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "base/status.h"
#include "ingest/pipeline.h"
#include "store/store.h"

namespace wirepress::ingest {

struct SchedulerOptions {
  // The longest the scheduler sleeps without asking the store again. Other
  // processes sharing the database (a second ingest worker) may store an
  // embargo this one was not woken for; shorter notices them sooner.
  int max_sleep_ms = 30000;
};

class Scheduler {
 public:
  // `store` and `clock` must outlive the scheduler; `notify` gets every
  // released story (Pipeline::Notify fits).
  Scheduler(const SchedulerOptions& options, store::Store* store, const Clock* clock,
            Pipeline::Listener notify);
  ~Scheduler();  // Stop()s

  // Releases every story whose embargo is <= now and notifies. Returns how
  // many were released; store errors pass through.
  Result<int> ReleaseDue();
  // Milliseconds until the next embargo falls due, capped at max_sleep_ms;
  // 0 when one is already due.
  Result<int> MillisUntilNext();

  // Runs ReleaseDue on a thread at every embargo time until Stop().
  void Start();
  void Stop();
  // A new embargo may be earlier than the one being waited for: recompute.
  void Wake();

 private:
  void Loop();

  SchedulerOptions options_;
  store::Store* store_;
  const Clock* clock_;
  Pipeline::Listener notify_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  bool woken_ = false;     // guarded by mu_
  std::thread thread_;
};

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_SCHEDULER_H_
