#include "base/time.h"

#include <array>
#include <cstdint>
#include <cstdio>

#include "base/strings.h"

namespace wirepress {
namespace {

constexpr std::array<const char*, 12> kMonthAbbr = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 12> kMonthFull = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> kWeekday = {"Thu", "Fri", "Sat", "Sun",
                                                 "Mon", "Tue", "Wed"};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil); valid for any int year.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// std::isdigit without the call: in every locale only '0'..'9' are
// decimal digits.
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at text[*pos]; advances *pos.
bool ReadDigits(std::string_view text, size_t* pos, int n, int* out) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

// Parses "Z", "+hh:mm", "+hhmm", "+hh" at *pos into seconds east of UTC.
bool ReadZone(std::string_view text, size_t* pos, int* offset) {
  if (*pos >= text.size()) return false;
  char c = text[*pos];
  if (c == 'Z' || c == 'z') {
    ++*pos;
    *offset = 0;
    return true;
  }
  if (c != '+' && c != '-') return false;
  size_t p = *pos + 1;
  int hh = 0, mm = 0;
  if (!ReadDigits(text, &p, 2, &hh)) return false;
  if (p < text.size() && text[p] == ':') ++p;
  if (!ReadDigits(text, &p, 2, &mm)) mm = 0;
  *offset = (hh * 3600 + mm * 60) * (c == '-' ? -1 : 1);
  *pos = p;
  return true;
}

char LowerAsciiByte(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// The month (1..12) whose abbreviation the name starts with, ignoring
// ASCII case ("Aug", "august", "AUG."); 0 when none. One switch on the
// lower-cased first byte instead of up to twelve case-blind comparisons.
int MonthFromName(std::string_view name) {
  if (name.size() < 3) return 0;
  const char a = LowerAsciiByte(name[0]);
  const char b = LowerAsciiByte(name[1]);
  const char c = LowerAsciiByte(name[2]);
  auto is = [&](const char* m) { return b == m[1] && c == m[2]; };
  switch (a) {
    case 'j': return is("jan") ? 1 : is("jun") ? 6 : is("jul") ? 7 : 0;
    case 'f': return is("feb") ? 2 : 0;
    case 'm': return is("mar") ? 3 : is("may") ? 5 : 0;
    case 'a': return is("apr") ? 4 : is("aug") ? 8 : 0;
    case 's': return is("sep") ? 9 : 0;
    case 'o': return is("oct") ? 10 : 0;
    case 'n': return is("nov") ? 11 : 0;
    case 'd': return is("dec") ? 12 : 0;
    default: return 0;
  }
}

// ParseInt(s, out) for the parts of a date (no whitespace in them): a
// run of at most 9 digits, the usual case, is read here without Trim and
// from_chars; anything else goes to ParseInt itself.
bool ParseDatePart(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return ParseInt(s, out);
  int v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return ParseInt(s, out);
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Timestamp FromCivil(const CivilTime& c) {
  // Normalise the month first so days_from_civil sees 1..12.
  std::int64_t y = c.year, m = c.month - 1;
  y += m >= 0 ? m / 12 : (m - 11) / 12;
  m = ((m % 12) + 12) % 12;
  std::int64_t days = DaysFromCivil(y, static_cast<unsigned>(m + 1), 1) + (c.day - 1);
  return Timestamp{days * 86400 + c.hour * 3600LL + c.minute * 60LL + c.second};
}

CivilTime ToCivil(Timestamp t) {
  std::int64_t days = t.seconds >= 0 ? t.seconds / 86400 : (t.seconds - 86399) / 86400;
  std::int64_t secs = t.seconds - days * 86400;
  // civil_from_days (Hinnant).
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  CivilTime c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  return c;
}

std::optional<Timestamp> ParseIso8601(std::string_view text, bool* had_zone) {
  text = Trim(text);
  if (had_zone) *had_zone = false;
  CivilTime c;
  size_t p = 0;
  if (!ReadDigits(text, &p, 4, &c.year)) return std::nullopt;
  bool extended = p < text.size() && text[p] == '-';
  if (extended) ++p;
  if (!ReadDigits(text, &p, 2, &c.month)) return std::nullopt;
  if (extended && (p >= text.size() || text[p] != '-')) return std::nullopt;
  if (extended) ++p;
  if (!ReadDigits(text, &p, 2, &c.day)) return std::nullopt;
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31) return std::nullopt;
  int offset = 0;
  if (p < text.size() && (text[p] == 'T' || text[p] == 't' || text[p] == ' ')) {
    ++p;
    if (!ReadDigits(text, &p, 2, &c.hour)) return std::nullopt;
    if (p < text.size() && text[p] == ':') ++p;
    if (!ReadDigits(text, &p, 2, &c.minute)) return std::nullopt;
    if (p < text.size() && text[p] == ':') ++p;
    if (p < text.size() && IsDigit(text[p]) &&
        !ReadDigits(text, &p, 2, &c.second)) {
      return std::nullopt;
    }
    if (p < text.size() && (text[p] == '.' || text[p] == ',')) {
      ++p;
      while (p < text.size() && IsDigit(text[p])) ++p;
    }
    while (p < text.size() && text[p] == ' ') ++p;
    if (p < text.size()) {
      if (!ReadZone(text, &p, &offset)) {
        if (!EqualsIgnoreCase(text.substr(p), "UTC") &&
            !EqualsIgnoreCase(text.substr(p), "GMT")) {
          return std::nullopt;
        }
        p = text.size();
      }
      if (had_zone) *had_zone = true;
    }
  }
  if (p != text.size()) return std::nullopt;
  if (c.hour > 24 || c.minute > 59 || c.second > 60) return std::nullopt;
  Timestamp t = FromCivil(c);
  t.seconds -= offset;
  return t;
}

std::optional<Timestamp> ParseRfc822(std::string_view text) {
  // The whitespace-separated parts, as SplitWhitespace would give them, but
  // without a vector per date (every RSS item has one): only the first six
  // are ever read, and counting on past six would not change a decision
  // below (they compare the count with at most 5).
  constexpr size_t kMaxParts = 6;
  std::array<std::string_view, kMaxParts> parts;
  size_t count = 0;
  // ' ', '\t', '\n', '\v', '\f', '\r' as bits of one mask: one test per
  // byte instead of six comparisons.
  constexpr std::uint64_t kSpaces = (1ULL << ' ') | (1ULL << '\t') | (1ULL << '\n') |
                                    (1ULL << '\v') | (1ULL << '\f') | (1ULL << '\r');
  auto is_space = [](char ch) {
    const unsigned char u = static_cast<unsigned char>(ch);
    return u <= ' ' && ((kSpaces >> u) & 1) != 0;
  };
  for (size_t p = 0; p < text.size() && count < kMaxParts;) {
    while (p < text.size() && is_space(text[p])) ++p;
    size_t b = p;
    while (p < text.size() && !is_space(text[p])) ++p;
    if (p > b) parts[count++] = text.substr(b, p - b);
  }
  size_t i = 0;
  if (count > 0 && parts[0].back() == ',') ++i;  // weekday
  if (count < i + 4) return std::nullopt;
  CivilTime c;
  if (!ParseDatePart(parts[i], &c.day)) return std::nullopt;
  c.month = MonthFromName(parts[i + 1]);
  if (c.month == 0 || !ParseDatePart(parts[i + 2], &c.year)) return std::nullopt;
  if (c.year < 100) c.year += c.year < 50 ? 2000 : 1900;
  std::string_view hms = parts[i + 3];
  int fields[3] = {0, 0, 0};
  int n = 0;
  for (size_t start = 0;;) {  // the ':'-separated fields, empty ones too
    size_t colon = hms.find(':', start);
    std::string_view f = hms.substr(start, colon == hms.npos ? hms.npos : colon - start);
    if (n == 3 || !ParseDatePart(f, &fields[n])) return std::nullopt;
    ++n;
    if (colon == hms.npos) break;
    start = colon + 1;
  }
  if (n < 2) return std::nullopt;
  c.hour = fields[0];
  c.minute = fields[1];
  c.second = fields[2];
  int offset = 0;
  if (count > i + 4) {
    std::string_view zone = parts[i + 4];
    size_t zp = 0;
    struct NamedZone { const char* name; int hours; };
    static constexpr NamedZone kZones[] = {
        {"GMT", 0}, {"UT", 0}, {"UTC", 0}, {"Z", 0},   {"EST", -5}, {"EDT", -4},
        {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
        {"CET", 1}, {"CEST", 2}, {"IST", 5}};
    if (!ReadZone(zone, &zp, &offset)) {
      for (const NamedZone& z : kZones) {
        if (EqualsIgnoreCase(zone, z.name)) offset = z.hours * 3600;
      }
      if (EqualsIgnoreCase(zone, "IST")) offset = 5 * 3600 + 1800;
    }
  }
  Timestamp t = FromCivil(c);
  t.seconds -= offset;
  return t;
}

std::optional<Timestamp> ParseAnyDate(std::string_view text) {
  // ParseIso8601 fails unless the trimmed text starts with a digit: an RFC
  // 822 date with its weekday ("Wed, 30 Aug 2017 ...") goes straight on.
  std::string_view trimmed = Trim(text);
  if (!trimmed.empty() && IsDigit(trimmed[0])) {
    if (auto t = ParseIso8601(trimmed)) return t;
  }
  return ParseRfc822(text);
}

std::string FormatIso8601(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month,
                c.day, c.hour, c.minute, c.second);
  return buf;
}

std::string FormatRfc822(Timestamp t) {
  CivilTime c = ToCivil(t);
  std::int64_t days = t.seconds >= 0 ? t.seconds / 86400 : (t.seconds - 86399) / 86400;
  const char* wd = kWeekday[((days % 7) + 7) % 7];
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", wd, c.day,
                kMonthAbbr[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

std::string FormatDate(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string FormatHuman(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %d, %04d %02d:%02d UTC", kMonthFull[c.month - 1],
                c.day, c.year, c.hour, c.minute);
  return buf;
}

}  // namespace wirepress
