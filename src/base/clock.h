// Clock: the only way code reads the current time, so that embargoes,
// "updated" stamps and sitemap lastmod can be tested with a fake clock
// (testing/fake_clock.h).
//
// Thread-safety: implementations must be safe to call from any thread.
#ifndef WIREPRESS_BASE_CLOCK_H_
#define WIREPRESS_BASE_CLOCK_H_

#include <cstdint>

#include "base/time.h"

namespace wirepress {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, UTC.
  virtual Timestamp Now() const = 0;
  // Monotonic microseconds for measuring durations; arbitrary epoch.
  virtual std::int64_t MonotonicMicros() const = 0;
};

// Returns the process-wide real clock. Never null; not owned by the caller.
const Clock& SystemClock();

}  // namespace wirepress

#endif  // WIREPRESS_BASE_CLOCK_H_
