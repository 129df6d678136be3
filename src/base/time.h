// Timestamp: an instant in UTC with one-second resolution, plus the parsers
// and formatters for the date forms wire formats and web outputs use.
//
// Thread-safety: values and pure functions; safe from any thread.
#ifndef WIREPRESS_BASE_TIME_H_
#define WIREPRESS_BASE_TIME_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wirepress {

struct Timestamp {
  std::int64_t seconds = 0;  // since 1970-01-01T00:00:00Z

  auto operator<=>(const Timestamp&) const = default;
};

// Civil date/time fields, all in UTC unless a parser says otherwise.
struct CivilTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

// Returns the Timestamp of a civil UTC time. Fields may be out of range
// (e.g. hour 25) and are normalised.
Timestamp FromCivil(const CivilTime& c);
CivilTime ToCivil(Timestamp t);

// Parses ISO 8601 / RFC 3339 forms: "2018-02-26T21:20:36Z",
// "2018-02-26T21:20:36+01:00", "20180226T212036+0100", "2018-02-26 21:20:36",
// fractional seconds, and a bare date. Returns nullopt for text that is not
// a date. `*had_zone` (if given) tells whether the text named a time zone;
// times without one are taken as UTC.
std::optional<Timestamp> ParseIso8601(std::string_view text,
                                      bool* had_zone = nullptr);
// Parses RFC 822 / RFC 2822 dates as in RSS and e-mail:
// "Tue, 15 May 2018 10:00:00 GMT", "15 May 2018 10:00 +0530", "EST" zones.
std::optional<Timestamp> ParseRfc822(std::string_view text);
// Tries ISO 8601, then RFC 822.
std::optional<Timestamp> ParseAnyDate(std::string_view text);

// "2018-02-26T21:20:36Z"
std::string FormatIso8601(Timestamp t);
// "Mon, 26 Feb 2018 21:20:36 GMT" (RFC 822 for RSS; RFC 7231 for HTTP)
std::string FormatRfc822(Timestamp t);
// "2018-02-26"
std::string FormatDate(Timestamp t);
// "February 26, 2018 21:20 UTC", for people.
std::string FormatHuman(Timestamp t);

}  // namespace wirepress

#endif  // WIREPRESS_BASE_TIME_H_
