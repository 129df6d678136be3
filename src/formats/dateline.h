// Dateline recognition for wire copy: the "where, when, who" prefix
// agencies put before the lead paragraph. Shared by the text adapters
// (plain text, IPTC 7901, ANPA-1312).
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
#ifndef WIREPRESS_FORMATS_DATELINE_H_
#define WIREPRESS_FORMATS_DATELINE_H_

#include <optional>
#include <string>
#include <string_view>

#include "model/story.h"

namespace wirepress::formats {

struct DatelineMatch {
  model::Dateline dateline;  // date kept as written ("May 15")
  // Bytes of the paragraph the dateline takes, trailing dash and spaces
  // included: paragraph.substr(length) is the lead text.
  size_t length = 0;
  int month = 0;  // 1..12 when the dateline has a date, else 0
  int day = 0;
  int year = 0;  // 0 when the dateline names no year (the usual case)
};

// Which datelines to accept. Copy from one agency's wire follows that
// agency's house style strictly, and matching only that style keeps lead
// text that merely looks like another style's dateline in the lead.
enum class DatelineStyle {
  // Every form above: plain text gathered from many agencies.
  kAny,
  // dpa (IPTC 7901): "Berlin (dpa) - ": one to four capitalised words, the
  // agency, a spaced hyphen. No country, no date.
  kDpa,
  // AP (ANPA-1312): "BUENOS AIRES, Argentina (AP) _ ": a place in
  // capitals, an optional country, the agency, a spaced underscore.
  kAp,
};

// Returns the dateline that opens `paragraph`, or nullopt. Only the first
// 160 bytes are looked at. With kAny, a dateline without a date needs an
// all-capitals place, a country or a dash after the agency, so that
// "Shares rose (Reuters)" is not taken for one; parts are trimmed. kDpa and
// kAp keep parts exactly as written and never set a date.
std::optional<DatelineMatch> MatchDateline(std::string_view paragraph,
                                           DatelineStyle style = DatelineStyle::kAny);

struct TrailingCredit {
  std::string agency;  // "AFP"
  size_t start = 0;    // where "(AFP)" and the spaces before it begin
};

// Returns the agency credit that closes `paragraph` ("... Putin. (AFP)"),
// or nullopt. `dateline_agency` (may be empty) is always accepted; other
// names must look like an agency (capitals, or a known agency name).
std::optional<TrailingCredit> MatchTrailingCredit(std::string_view paragraph,
                                                  std::string_view dateline_agency);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_DATELINE_H_
