// Ritzau stamps its items in Danish civil time without a zone
// ("2018-01-30T17:32:18.397"). This converts Copenhagen wall-clock time to
// UTC: CET (UTC+1), and CEST (UTC+2) from the last Sunday of March 01:00
// UTC to the last Sunday of October 01:00 UTC, the EU rule in force since
// 1996.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_RITZAU_COPENHAGEN_TIME_H_
#define WIREPRESS_FORMATS_RITZAU_COPENHAGEN_TIME_H_

#include "base/time.h"

namespace wirepress::formats::ritzau {

// True when Copenhagen keeps summer time (UTC+2) at instant `utc`.
bool IsCopenhagenSummerTime(Timestamp utc);

// `local` holds Copenhagen wall-clock time read as if it were UTC; returns
// the real UTC instant. In the autumn hour that occurs twice the first
// (summer-time) reading wins; a spring time that does not exist is read
// as winter time.
Timestamp CopenhagenToUtc(Timestamp local);

}  // namespace wirepress::formats::ritzau

#endif  // WIREPRESS_FORMATS_RITZAU_COPENHAGEN_TIME_H_
