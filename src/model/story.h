// Story: one wire story as wirepress understands it, whatever format it
// arrived in. The fields follow IPTC ninjs 1.x (uri, version, pubstatus,
// urgency, headline, ..., body_html) plus what a web page needs (agency,
// dateline, section, pictures). Adapters in formats/ fill it in; the store
// keeps it; publish/ renders it.
//
// A Story is a plain value; no I/O. Thread-safety: as for any value type.
#ifndef WIREPRESS_MODEL_STORY_H_
#define WIREPRESS_MODEL_STORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace wirepress::model {

enum class PubStatus { kUsable, kWithheld, kCanceled };

// Editorial signals an agency attaches to a version (bit flags).
enum class Signal : std::uint32_t {
  kNone = 0,
  kUpdate = 1u << 0,      // a write-through / new lead
  kCorrection = 1u << 1,  // the version corrects an error
  kKill = 1u << 2,        // withdraw: remove from every output
};
constexpr Signal operator|(Signal a, Signal b) {
  return static_cast<Signal>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr bool HasSignal(Signal set, Signal s) {
  return (static_cast<std::uint32_t>(set) & static_cast<std::uint32_t>(s)) != 0;
}

struct Subject {
  std::string code;    // raw qcode / refnum as in the source: "medtop:20000763"
  std::string name;    // human name when known: "Politics"
  std::string scheme;  // "medtop", "subj", "apsubject", ...

  bool operator==(const Subject&) const = default;
};

// "Sochi (Russia), May 15 (AFP)": place, country, date text, agency.
struct Dateline {
  std::string place;    // "Sochi"
  std::string country;  // "Russia"
  std::string date;     // "May 15", as written
  std::string agency;   // "AFP"

  bool empty() const { return place.empty() && agency.empty(); }
  bool operator==(const Dateline&) const = default;
};

struct Picture {
  std::string href;     // absolute URL or site-relative path
  std::string caption;
  std::string credit;   // "AFP / John Smith"
  std::string mime_type;
  int width = 0;
  int height = 0;

  bool operator==(const Picture&) const = default;
};

struct Story {
  // Identity and lifecycle.
  std::string uri;  // agency guid, as sent
  // The identity every version of the story shares, when `uri` is not it
  // because the agency's guid carries the version (NewsML 1.2: the
  // PublicIdentifier ends in its RevisionId, so `key` is the identifier
  // without it). Empty: `uri` ties the versions together. Use StoryKey().
  std::string key;
  std::string version;   // raw version as sent ("2", "1542761538")
  std::string type = "text";  // text | picture | video | composite
  PubStatus pubstatus = PubStatus::kUsable;
  Signal signals = Signal::kNone;
  int urgency = 0;       // 1 (flash) .. 9 (lowest); 0 = not given

  // Text.
  std::string headline;
  std::string slugline;
  std::string byline;
  std::string description_text;  // standfirst / abstract, plain text
  std::string body_html;         // sanitized: <p>, <h2>-<h4>, lists, tables, links
  std::string correction_note;   // shown when kCorrection is set; may be empty
  std::string language;          // BCP 47, "en"

  // Where and who.
  Dateline dateline;
  std::string located;  // place name the story is about / filed from
  std::string agency;   // credit: "AFP", "Reuters"; falls back to dateline.agency

  // Times (UTC). firstcreated absent means "unknown" and the ingest time is used.
  std::optional<Timestamp> firstcreated;
  std::optional<Timestamp> versioncreated;
  std::optional<Timestamp> embargoed;  // not to be published before this

  std::vector<Subject> subjects;
  std::vector<std::string> keywords;
  std::vector<Picture> pictures;

  // Where it came from (file name or feed URL + item id) and in which format.
  std::string source;
  std::string format;

  bool operator==(const Story&) const = default;
};

std::string_view PubStatusName(PubStatus s);  // "usable", "withheld", "canceled"
// Accepts "usable", "stat:usable", "withheld", "canceled"/"cancelled"
// (any case). Returns nullopt for anything else.
std::optional<PubStatus> ParsePubStatus(std::string_view text);

// True if this version asks to withdraw the story (kill signal or canceled).
bool IsKill(const Story& s);

// What ties the versions of a story together: `key`, else `uri`. Stores
// key their records on it and permalinks derive from it, so every version
// replaces the same story at the same URL.
inline const std::string& StoryKey(const Story& s) { return s.key.empty() ? s.uri : s.key; }
// The result refers into its argument: not for temporaries.
const std::string& StoryKey(Story&&) = delete;

// The credit line's agency: `agency`, else the dateline's.
std::string_view CreditAgency(const Story& s);

}  // namespace wirepress::model

#endif  // WIREPRESS_MODEL_STORY_H_
