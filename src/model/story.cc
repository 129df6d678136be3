#include "model/story.h"

#include "base/strings.h"

namespace wirepress::model {

std::string_view PubStatusName(PubStatus s) {
  switch (s) {
    case PubStatus::kUsable: return "usable";
    case PubStatus::kWithheld: return "withheld";
    case PubStatus::kCanceled: return "canceled";
  }
  return "usable";
}

std::optional<PubStatus> ParsePubStatus(std::string_view text) {
  std::string t = AsciiLower(Trim(text));
  if (size_t colon = t.find(':'); colon != std::string::npos) t = t.substr(colon + 1);
  if (t == "usable") return PubStatus::kUsable;
  if (t == "withheld") return PubStatus::kWithheld;
  if (t == "canceled" || t == "cancelled") return PubStatus::kCanceled;
  return std::nullopt;
}

bool IsKill(const Story& s) {
  return s.pubstatus == PubStatus::kCanceled || HasSignal(s.signals, Signal::kKill);
}

std::string_view CreditAgency(const Story& s) {
  return s.agency.empty() ? std::string_view(s.dateline.agency) : std::string_view(s.agency);
}

}  // namespace wirepress::model
