#include "formats/ritzau/copenhagen_time.h"

namespace wirepress::formats::ritzau {
namespace {

constexpr std::int64_t kDay = 86400;

// 01:00 UTC on the last Sunday of `month` (March or October: 31 days).
Timestamp LastSundayOneAm(int year, int month) {
  Timestamp last = FromCivil(CivilTime{year, month, 31, 1, 0, 0});
  std::int64_t days = last.seconds / kDay;
  // 1970-01-01 was a Thursday: weekday 0 = Sunday gives (days + 4) % 7.
  std::int64_t weekday = ((days + 4) % 7 + 7) % 7;
  return Timestamp{last.seconds - weekday * kDay};
}

}  // namespace

bool IsCopenhagenSummerTime(Timestamp utc) {
  int year = ToCivil(utc).year;
  return utc >= LastSundayOneAm(year, 3) && utc < LastSundayOneAm(year, 10);
}

Timestamp CopenhagenToUtc(Timestamp local) {
  Timestamp summer{local.seconds - 2 * 3600};
  if (IsCopenhagenSummerTime(summer)) return summer;
  return Timestamp{local.seconds - 3600};
}

}  // namespace wirepress::formats::ritzau
