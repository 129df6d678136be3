// FakeClock: a Clock whose time only moves when a test says so.
//
// Thread-safety: Now/Advance/Set are safe from any thread.
#ifndef WIREPRESS_TESTING_FAKE_CLOCK_H_
#define WIREPRESS_TESTING_FAKE_CLOCK_H_

#include <atomic>

#include "base/clock.h"

namespace wirepress::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start = Timestamp{1557900000}) : seconds_(start.seconds) {}

  Timestamp Now() const override { return Timestamp{seconds_.load()}; }
  std::int64_t MonotonicMicros() const override { return seconds_.load() * 1000000; }

  void Set(Timestamp t) { seconds_ = t.seconds; }
  void Advance(std::int64_t seconds) { seconds_ += seconds; }

 private:
  std::atomic<std::int64_t> seconds_;
};

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTING_FAKE_CLOCK_H_
