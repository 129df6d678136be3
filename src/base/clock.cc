#include "base/clock.h"

#include <chrono>

namespace wirepress {
namespace {

class RealClock final : public Clock {
 public:
  Timestamp Now() const override {
    using namespace std::chrono;
    return Timestamp{duration_cast<seconds>(system_clock::now().time_since_epoch()).count()};
  }
  std::int64_t MonotonicMicros() const override {
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
  }
};

}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

}  // namespace wirepress
