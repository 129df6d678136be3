#include "formats/anpa1312/anpa_parser.h"

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/dateline.h"
#include "formats/encoding.h"
#include "formats/html_sanitizer.h"
#include "formats/text.h"

namespace wirepress::formats::anpa1312 {
namespace {

// AP's longest agate tables are a few hundred KiB.
constexpr size_t kMaxInputBytes = 4u << 20;
// Regexes (std::regex recurses per character) only see bounded text.
constexpr size_t kMaxServiceLine = 200;
constexpr size_t kMaxTrailerBytes = 120;
constexpr char kStx = '\x02';
constexpr char kEtx = '\x03';

// The second line: priority, category, format codes, keyword, date, words.
struct ServiceLine {
  char priority = 0;
  std::string category;
  bool preformatted = false;  // DC2: a table, kept as <pre>
  std::string keyword;        // "BC-US--GiantLobsterDeath 1stLd-Writethru"
};

// The text between STX and ETX, sorted into its kinds of lines.
struct StoryText {
  std::vector<std::string> header;  // lines starting with '^', markers removed
  std::vector<std::string> paragraphs;  // TAB-indented lines
  std::vector<std::string> raw_lines;   // every line, for tables
};

struct Draft {
  ServiceLine service;
  StoryText text;
  size_t headline_index = 0;  // header index after which tables start
  model::Story story;
};

// ANPA priority letters to IPTC urgency (1 = flash).
int UrgencyFromPriority(char p) {
  switch (p | 0x20) {
    case 'f': return 1;
    case 'b': return 2;
    case 'u': return 3;
    case 'r': return 5;
    case 'z': return 5;
    case 'd': case 'a': case 's': return 6;
    default: return 0;
  }
}

std::string CategoryName(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"a", "Domestic News"}, {"b", "Business"},      {"e", "Entertainment"},
      {"f", "Financial"},     {"i", "International"}, {"l", "Lifestyle"},
      {"s", "Sports"},        {"w", "Washington"}};
  for (const auto& [c, n] : kNames) {
    if (EqualsIgnoreCase(code, c)) return std::string(n);
  }
  return {};
}

// "For Argentine chemo patients, mirrors can hurt <" → without the end
// markers ('<' end of line, '=' line kept together) and spaces.
std::string CleanHeaderLine(std::string_view line) {
  if (!line.empty() && line.front() == '^') line.remove_prefix(1);
  line = Trim(line);
  while (!line.empty() && (line.back() == '<' || line.back() == '=' || line.back() == ' ')) {
    line.remove_suffix(1);
  }
  return CollapseWhitespace(line);
}

Status CheckFraming(const Input& in) {
  if (in.bytes.size() > kMaxInputBytes) {
    return ToStatus(Diagnostic{std::string(in.source), 0, 0,
                               "input is " + std::to_string(in.bytes.size()) +
                                   " bytes, over the 4 MiB limit for an ANPA-1312 story",
                               ""});
  }
  size_t start = in.bytes.find_first_not_of("\x16");
  if (start == std::string_view::npos || in.bytes[start] != '\x01') {
    return ToStatus(DiagnosticAt(in.source, in.bytes, 0,
                                 "not ANPA-1312: a transmission starts with SYN SYN SOH "
                                 "(0x16 0x16 0x01)"));
  }
  if (in.bytes.find(kStx) == std::string_view::npos) {
    return ToStatus(DiagnosticAt(in.source, in.bytes, in.bytes.size(),
                                 "no STX (0x02): the story text never starts"));
  }
  return Status::Ok();
}

const std::regex& ServicePattern() {
  static const std::regex re(
      "^([a-z]) ([a-z]{1,2})([\\x13\\x14])([\\x11\\x12]) (.*?)\\s+([0-9]{1,2})-([0-9]{1,2})"
      "(?: ([0-9]{0,4}))?\\s*$",
      std::regex::icase);
  return re;
}

std::optional<ServiceLine> MatchServiceLine(std::string_view line) {
  if (line.size() > kMaxServiceLine) return std::nullopt;
  std::cmatch m;
  if (!std::regex_match(line.data(), line.data() + line.size(), m, ServicePattern())) {
    return std::nullopt;
  }
  ServiceLine s;
  s.priority = *m[1].first;
  s.category = m[2].str();
  s.preformatted = *m[4].first == '\x12';
  s.keyword = CollapseWhitespace(m[5].str());
  return s;
}

// Line 2. An unreadable one is recoverable: the story text still is.
void ParseServiceLine(const Input& in, std::string_view text,
                      const std::vector<std::string_view>& lines, Draft* d,
                      std::vector<Diagnostic>* warnings) {
  std::optional<ServiceLine> s = lines.size() > 1 ? MatchServiceLine(lines[1]) : std::nullopt;
  if (!s) {
    warnings->push_back(DiagnosticAtLine(in.source, text, 2, 1,
                                         "unreadable ANPA service line (priority, category, "
                                         "keyword); using defaults"));
    return;
  }
  d->service = *s;
  d->story.urgency = UrgencyFromPriority(s->priority);
  d->story.subjects.push_back({s->category, CategoryName(s->category), "anpa-category"});
}

// Sorts the lines between STX and ETX.
StoryText SplitStoryText(std::string_view body) {
  StoryText t;
  for (std::string_view line : Split(body, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    t.raw_lines.emplace_back(line);
    if (StartsWith(line, "^")) {
      std::string h = CleanHeaderLine(line);
      if (h != "END") t.header.push_back(std::move(h));  // AP's end-of-table mark
    } else if (StartsWith(line, "\t")) {
      std::string p = CollapseWhitespace(line);
      if (!p.empty()) t.paragraphs.push_back(std::move(p));
    }
  }
  return t;
}

bool IsByline(std::string_view line) { return StartsWithIgnoreCase(line, "By "); }
bool IsEditorsNote(std::string_view line) {
  return StartsWithIgnoreCase(line, "Eds:") || StartsWithIgnoreCase(line, "EDITOR'S NOTE");
}

// Keyword line "BC-US--Giant Lobster Death, 1st Ld-Writethru,127": slug
// and take key. anpa-4 style "*9006< ^AP-Top-...,0176" keeps the last part.
void ParseKeywordLine(Draft* d) {
  if (d->text.header.empty()) return;
  std::string_view kw = d->text.header[0];
  if (size_t caret = kw.rfind('^'); caret != std::string_view::npos) kw = kw.substr(caret + 1);
  std::vector<std::string_view> parts = Split(kw, ',');
  std::string_view slug = Trim(parts[0]);
  if (size_t dashes = slug.find("--"); dashes != std::string_view::npos && dashes <= 6) {
    slug = slug.substr(dashes + 2);
  }
  d->story.slugline = std::string(slug);
  for (size_t i = 1; i + 1 < parts.size(); ++i) d->service.keyword += " " + std::string(Trim(parts[i]));
}

// Headline: the second '^' line; byline: a "By ..." line after it.
void ParseHeadlineAndByline(Draft* d) {
  const std::vector<std::string>& h = d->text.header;
  if (h.size() > 1 && !IsByline(h[1]) && !IsEditorsNote(h[1])) {
    d->story.headline = h[1];
    d->headline_index = 1;
  }
  for (size_t i = 1; i < h.size(); ++i) {
    if (!IsByline(h[i])) continue;
    d->story.byline = h[i];
    d->headline_index = i;
    break;
  }
}

// Markers in the keyword's take key and editor's notes.
void ParseSignals(Draft* d) {
  std::string markers = d->service.keyword;
  for (const std::string& line : d->text.header) {
    if (IsEditorsNote(line)) markers += " " + line;
  }
  model::Story& s = d->story;
  if (FindIgnoreCase(markers, "Writethru") != std::string::npos ||
      FindIgnoreCase(markers, "Ld-") != std::string::npos) {
    s.signals = s.signals | model::Signal::kUpdate;
  }
  if (FindIgnoreCase(markers, "Correct") != std::string::npos) {
    s.signals = s.signals | model::Signal::kCorrection;
  }
  if (FindIgnoreCase(markers, "Kill") != std::string::npos ||
      FindIgnoreCase(markers, "Elimination") != std::string::npos ||
      FindIgnoreCase(markers, "Withdraw") != std::string::npos) {
    s.signals = s.signals | model::Signal::kKill;
    s.pubstatus = model::PubStatus::kCanceled;
  }
}

// A table line: TLI/space-band codes to spaces, '{' (ANPA's one half) to ½.
std::string TableLine(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == '\x08' || c == '^') continue;
    if (c == '\x10' || c == '\x1e' || c == '\x1f' || c == '\t') {
      out += ' ';
    } else if (c == '{') {
      out += "\xC2\xBD";
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      out += c;
    }
  }
  std::string_view v = out;
  while (!v.empty() && (v.back() == '<' || v.back() == '=' || v.back() == ' ')) v.remove_suffix(1);
  return std::string(v);
}

// Preformatted stories: every line after the headline/byline, as <pre>.
std::string TableHtml(const Draft& d) {
  size_t header_seen = 0;
  std::string pre;
  for (const std::string& raw : d.text.raw_lines) {
    if (StartsWith(raw, "^") && header_seen++ <= d.headline_index) continue;
    std::string line = TableLine(raw);
    if (Trim(line).empty() || line == "END") continue;
    if (!pre.empty()) pre += '\n';
    AppendHtmlEscaped(&pre, line);
  }
  return pre.empty() ? std::string() : "<pre>" + pre + "</pre>";
}

// Text stories: TAB paragraphs ("___" is a section break); a story of
// header lines only (a digest) uses those after the headline.
std::string ParagraphHtml(const Draft& d) {
  std::vector<std::string> paragraphs = d.text.paragraphs;
  if (paragraphs.empty()) {
    const std::vector<std::string>& h = d.text.header;
    for (size_t i = d.headline_index + 1; i < h.size(); ++i) {
      if (!IsByline(h[i]) && !IsEditorsNote(h[i])) paragraphs.push_back(h[i]);
    }
  }
  std::string html;
  for (const std::string& p : paragraphs) {
    html += p.find_first_not_of('_') == std::string::npos ? "<hr>" : ParagraphsToHtml({p});
  }
  return html;
}

// "BUENOS AIRES, Argentina (AP) _ ..." — kept in the body (AP style), and
// read into the dateline. Returns the lead without it.
std::string ParseDateline(Draft* d) {
  if (d->text.paragraphs.empty()) return {};
  const std::string& lead = d->text.paragraphs[0];
  std::optional<DatelineMatch> m = MatchDateline(lead, DatelineStyle::kAp);
  if (!m) return lead;
  d->story.dateline = m->dateline;
  d->story.located = m->dateline.place;
  return lead.substr(m->length);
}

// Trailer after ETX: "AP-WF-11-13-13 1509GMT" → firstcreated, agency.
void ParseTrailer(const Input& in, std::string_view text, size_t etx, Draft* d,
                  std::vector<Diagnostic>* warnings) {
  static const std::regex re(
      "([A-Za-z]+)-([A-Za-z]+)-([0-9]{2})-([0-9]{2})-([0-9]{2}) ([0-9]{2})([0-9]{2}) ?GMT");
  std::string_view tail =
      etx == std::string_view::npos ? std::string_view() : text.substr(etx, kMaxTrailerBytes);
  std::cmatch m;
  if (!std::regex_search(tail.data(), tail.data() + tail.size(), m, re)) {
    warnings->push_back(DiagnosticAt(in.source, text, etx == std::string_view::npos ? text.size() : etx,
                                     "no ANPA trailer (...MM-DD-YY HHMMGMT): firstcreated unknown"));
    return;
  }
  auto num = [&](int i) { return std::stoi(m[i].str()); };
  d->story.firstcreated = FromCivil(CivilTime{2000 + num(5), num(3), num(4), num(6), num(7), 0});
  d->story.versioncreated = d->story.firstcreated;
  d->story.agency = m[1].str();
}

std::string UriPart(std::string_view s) {
  std::string out;
  for (char c : AsciiLower(s)) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// ANPA has no story id; AP ties takes and write-throughs by keyword and
// day. Alerts all share the keyword "APNewsAlert", so their text is added.
std::string StoryUri(const model::Story& s) {
  std::string day = s.firstcreated ? FormatDate(*s.firstcreated) : std::string("undated");
  std::string uri = "urn:wirepress:anpa1312:" + day + ":" +
                    UriPart(s.slugline.empty() ? s.headline : s.slugline);
  if (FindIgnoreCase(s.slugline, "NewsAlert") != std::string::npos) {
    uri += ":" + UriPart(TruncateUtf8(s.headline, 60));
  }
  return uri;
}

void FinishStory(const Input& in, const std::string& lead, Draft* d) {
  model::Story& s = d->story;
  if (s.headline.empty()) {
    s.headline = d->service.preformatted || lead.empty() ? s.slugline : TruncateUtf8(lead, 200);
  }
  if (s.agency.empty()) s.agency = s.dateline.agency;
  s.uri = StoryUri(s);
  SanitizeOptions options;
  options.base_url = std::string(in.base_url);
  s.body_html = SanitizeHtml(d->service.preformatted ? TableHtml(*d) : ParagraphHtml(*d), options);
  s.source = std::string(in.source);
  s.format = "anpa1312";
}

class AnpaParser : public FeedParser {
 public:
  std::string_view name() const override { return "anpa1312"; }
  Confidence Sniff(std::string_view bytes) const override;
  Result<ParseResult> Parse(const Input& input) const override;
};

Confidence AnpaParser::Sniff(std::string_view bytes) const {
  bool syn = StartsWith(bytes, "\x16\x16\x01");
  size_t start = syn ? 2 : 0;
  if (bytes.size() <= start || bytes[start] != '\x01') return Confidence::kNo;
  size_t nl = bytes.find('\n');
  if (nl == std::string_view::npos) return Confidence::kNo;
  std::string_view second = bytes.substr(nl + 1, 5);
  bool service = second.size() == 5 && second[1] == ' ' &&
                 (second[3] == '\x13' || second[3] == '\x14' || second[4] == '\x13' ||
                  second[4] == '\x14');
  if (!service) return Confidence::kNo;
  return syn ? Confidence::kCertain : Confidence::kLikely;
}

Result<ParseResult> AnpaParser::Parse(const Input& input) const {
  WP_RETURN_IF_ERROR(CheckFraming(input));
  std::string text = DecodeToUtf8(input.bytes, "windows-1252").text;
  ParseResult result;
  Draft d;
  std::vector<std::string_view> lines = Split(text, '\n');
  for (std::string_view& l : lines) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  }
  ParseServiceLine(input, text, lines, &d, &result.warnings);
  size_t stx = text.find(kStx);
  size_t etx = text.find(kEtx, stx);
  d.text = SplitStoryText(std::string_view(text).substr(stx + 1, etx == std::string::npos ? std::string::npos : etx - stx - 1));
  ParseKeywordLine(&d);
  ParseHeadlineAndByline(&d);
  ParseSignals(&d);
  std::string lead = ParseDateline(&d);
  ParseTrailer(input, text, etx, &d, &result.warnings);
  FinishStory(input, lead, &d);
  if (d.story.headline.empty() && HtmlToText(d.story.body_html).empty()) {
    return ToStatus(DiagnosticAt(input.source, text, stx,
                                 "no headline and no body between STX and ETX"));
  }
  result.stories.push_back(std::move(d.story));
  return result;
}

}  // namespace

std::unique_ptr<FeedParser> NewAnpaParser() { return std::make_unique<AnpaParser>(); }

}  // namespace wirepress::formats::anpa1312
