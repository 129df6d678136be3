// Dateline recognition for plain wire copy: the "where, when, who" prefix
// agencies put before the lead paragraph.
//
//   Sochi (Russia), May 15 (AFP) The United States ...
//   NEW DELHI, May 15 (PTI) - ...
//   LONDON, May 15 (Reuters) - ...
//   WASHINGTON (AP) — ...
//   BUENOS AIRES, Argentina (AP) _ ...
//
// and the agency credit some sites append to the last paragraph: "... (AFP)".
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_PLAIN_TEXT_DATELINE_H_
#define WIREPRESS_FORMATS_PLAIN_TEXT_DATELINE_H_

#include <optional>
#include <string>
#include <string_view>

#include "model/story.h"

namespace wirepress::formats::plain_text {

struct DatelineMatch {
  model::Dateline dateline;  // date kept as written ("May 15")
  // Bytes of the paragraph the dateline takes, trailing dash and spaces
  // included: paragraph.substr(length) is the lead text.
  size_t length = 0;
  int month = 0;  // 1..12 when the dateline has a date, else 0
  int day = 0;
  int year = 0;  // 0 when the dateline names no year (the usual case)
};

// Returns the dateline that opens `paragraph`, or nullopt. Without a date,
// a dateline needs an all-capitals place, a country or a dash after the
// agency, so that "Shares rose (Reuters)" is not taken for one.
std::optional<DatelineMatch> MatchDateline(std::string_view paragraph);

struct TrailingCredit {
  std::string agency;  // "AFP"
  size_t start = 0;    // where "(AFP)" and the spaces before it begin
};

// Returns the agency credit that closes `paragraph` ("... Putin. (AFP)"),
// or nullopt. `dateline_agency` (may be empty) is always accepted; other
// names must look like an agency (capitals, or a known agency name).
std::optional<TrailingCredit> MatchTrailingCredit(std::string_view paragraph,
                                                  std::string_view dateline_agency);

}  // namespace wirepress::formats::plain_text

#endif  // WIREPRESS_FORMATS_PLAIN_TEXT_DATELINE_H_
