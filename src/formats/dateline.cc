#include "formats/dateline.h"

#include <array>
#include <regex>

#include "base/strings.h"

namespace wirepress::formats {
namespace {

// A dateline lives in the first words of a paragraph; looking further only
// costs time (Sniff runs this on every paragraph of the head).
constexpr size_t kMaxDatelineBytes = 160;

// The pieces, as regex sources. Place: up to 40 bytes without commas,
// parentheses or digits at the start. Agency: a short name in parentheses.
#define WP_PLACE "([^,()0-9\\s][^,()]{0,39}?)"
#define WP_COUNTRY_PAREN "(?: \\(([^()]{2,40})\\))"
#define WP_MONTH "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?"
#define WP_AGENCY "\\(([A-Za-z][A-Za-z .&-]{0,23})\\)"
#define WP_DASH "(\\s*(?:-|_|:|\xE2\x80\x93|\xE2\x80\x94))?\\s*"

// "Sochi (Russia), May 15 (AFP)", "LONDON, May 15, 2019 (Reuters) -".
const std::regex& DatedPattern() {
  static const std::regex re("^" WP_PLACE WP_COUNTRY_PAREN "?, (" WP_MONTH
                             " [0-9]{1,2}(?:,? [0-9]{4})?),? " WP_AGENCY WP_DASH);
  return re;
}

// "WASHINGTON (AP) —", "BUENOS AIRES, Argentina (AP) _", "Berlin (dpa) -".
const std::regex& UndatedPattern() {
  static const std::regex re("^" WP_PLACE "(?:" WP_COUNTRY_PAREN "|, ([A-Z][^,()]{1,30}))? " WP_AGENCY
                             WP_DASH);
  return re;
}

// dpa: "Berlin (dpa) - ". Groups: place, agency.
const std::regex& DpaPattern() {
  static const std::regex re("^([A-Z][^\\s(),]*(?: [A-Z][^\\s(),]*){0,3}) \\(([A-Za-z]+)\\) - ");
  return re;
}

// AP: "BUENOS AIRES, Argentina (AP) _ ". Groups: place, country, agency.
const std::regex& ApPattern() {
  static const std::regex re(
      "^([A-Z][A-Z .'-]*[A-Z.])(?:, ([A-Z][A-Za-z. ]+?))? \\(([A-Za-z]+)\\) _ ");
  return re;
}

#undef WP_PLACE
#undef WP_COUNTRY_PAREN
#undef WP_MONTH
#undef WP_AGENCY
#undef WP_DASH

int MonthNumber(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (StartsWithIgnoreCase(word, kMonths[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

// "May 15" / "May 15, 2019" → month, day, year.
void ReadDate(std::string_view date, DatelineMatch* m) {
  std::vector<std::string_view> words = SplitWhitespace(date);
  m->month = MonthNumber(words[0]);
  if (words.size() > 1) {
    std::string_view day = words[1];
    if (!day.empty() && day.back() == ',') day.remove_suffix(1);
    if (!ParseInt(day, &m->day)) m->day = 0;
  }
  if (words.size() > 2 && !ParseInt(words[2], &m->year)) m->year = 0;
}

bool HasLowercase(std::string_view s) {
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

bool IsKnownAgency(std::string_view name) {
  static constexpr std::string_view kAgencies[] = {
      "Reuters", "dpa", "Xinhua", "Kyodo", "Yonhap", "Bernama", "Anadolu", "Belga", "Lusa",
      "Efe",     "Ansa", "Tass",  "Interfax"};
  for (std::string_view a : kAgencies) {
    if (EqualsIgnoreCase(name, a)) return true;
  }
  return false;
}

std::string Group(const std::cmatch& m, int i) {
  return m[i].matched ? std::string(Trim(std::string_view(m[i].first, m[i].length())))
                      : std::string();
}

// A house-style dateline: the groups as written (the patterns cannot
// capture surrounding blanks that matter), no date.
std::optional<DatelineMatch> MatchHouseStyle(std::string_view head, DatelineStyle style) {
  std::cmatch m;
  bool dpa = style == DatelineStyle::kDpa;
  if (!std::regex_search(head.data(), head.data() + head.size(), m,
                         dpa ? DpaPattern() : ApPattern())) {
    return std::nullopt;
  }
  DatelineMatch out;
  out.dateline = dpa ? model::Dateline{m[1].str(), "", "", m[2].str()}
                     : model::Dateline{m[1].str(), m[2].str(), "", m[3].str()};
  out.length = static_cast<size_t>(m.length(0));
  return out;
}

}  // namespace

std::optional<DatelineMatch> MatchDateline(std::string_view paragraph, DatelineStyle style) {
  std::string_view head = paragraph.substr(0, kMaxDatelineBytes);
  if (style != DatelineStyle::kAny) return MatchHouseStyle(head, style);
  std::cmatch m;
  DatelineMatch out;
  if (std::regex_search(head.data(), head.data() + head.size(), m, DatedPattern())) {
    out.dateline = {Group(m, 1), Group(m, 2), Group(m, 3), Group(m, 4)};
    ReadDate(out.dateline.date, &out);
  } else if (std::regex_search(head.data(), head.data() + head.size(), m, UndatedPattern())) {
    std::string country = m[2].matched ? Group(m, 2) : Group(m, 3);
    out.dateline = {Group(m, 1), country, "", Group(m, 4)};
    bool capitals = !HasLowercase(out.dateline.place);
    if (!capitals && country.empty() && !m[5].matched) return std::nullopt;
  } else {
    return std::nullopt;
  }
  out.length = static_cast<size_t>(m.length(0));
  return out;
}

std::optional<TrailingCredit> MatchTrailingCredit(std::string_view paragraph,
                                                  std::string_view dateline_agency) {
  std::string_view text = Trim(paragraph);
  if (text.size() < 4 || text.back() != ')') return std::nullopt;
  size_t open = text.rfind('(');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view name = text.substr(open + 1, text.size() - open - 2);
  if (name.empty() || name.size() > 12) return std::nullopt;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '&';
    if (!ok) return std::nullopt;
  }
  bool plausible = EqualsIgnoreCase(name, dateline_agency) || !HasLowercase(name) ||
                   IsKnownAgency(name);
  if (!plausible) return std::nullopt;
  size_t start = static_cast<size_t>(text.data() - paragraph.data()) + open;
  while (start > 0 && (paragraph[start - 1] == ' ' || paragraph[start - 1] == '\t')) --start;
  return TrailingCredit{std::string(name), start};
}

}  // namespace wirepress::formats
