#include "formats/iptc7901/iptc7901_parser.h"

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/dateline.h"
#include "formats/encoding.h"
#include "formats/html_sanitizer.h"
#include "formats/text.h"

namespace wirepress::formats::iptc7901 {
namespace {

// A dpa story is a few KiB.
constexpr size_t kMaxInputBytes = 4u << 20;
// Regexes (std::regex recurses per character) only see bounded text.
constexpr size_t kMaxHeaderLineBytes = 200;
constexpr size_t kMaxSignoffBytes = 60;
// The headline block ends with " =" within this many lines after STX.
constexpr size_t kMaxHeaderLines = 8;

struct Draft {
  std::vector<std::string_view> lines;  // of the decoded text, without CR
  size_t stx_line = 0;
  size_t body_line = 0;  // first line after the header block
  std::string routing;   // rest of the SOH line: "ccccb   dpa 061"
  std::string trailer;   // "131137 GMT Nov 13"
  model::Story story;
};

Status CheckFraming(const Input& in) {
  if (in.bytes.size() > kMaxInputBytes) {
    return ToStatus(Diagnostic{std::string(in.source), 0, 0,
                               "input is " + std::to_string(in.bytes.size()) +
                                   " bytes, over the 4 MiB limit for an IPTC 7901 story",
                               ""});
  }
  if (!StartsWith(in.bytes, "\x01")) {
    return ToStatus(DiagnosticAt(in.source, in.bytes, 0,
                                 "not IPTC 7901: a message starts with SOH (0x01)"));
  }
  if (in.bytes.find('\x02') == std::string_view::npos) {
    return ToStatus(DiagnosticAt(in.source, in.bytes, in.bytes.size(),
                                 "no STX (0x02): the story text never starts"));
  }
  return Status::Ok();
}

const std::regex& HeaderPattern() {
  static const std::regex re("^\\x01([A-Za-z]*)([0-9]*) ([0-9A-Za-z]) ([A-Za-z]{1,3}) ([0-9]*) *(.*)$");
  return re;
}

// SOH line: priority → urgency, category → subject. Unreadable: a warning.
void ParseHeaderLine(const Input& in, std::string_view text, Draft* d,
                     std::vector<Diagnostic>* warnings) {
  std::string_view line = d->lines[0];
  std::cmatch m;
  if (line.size() > kMaxHeaderLineBytes ||
      !std::regex_match(line.data(), line.data() + line.size(), m, HeaderPattern())) {
    warnings->push_back(DiagnosticAt(in.source, text, 0,
                                     "unreadable IPTC 7901 header line (priority, category); "
                                     "using defaults"));
    return;
  }
  char priority = *m[3].first;
  if (priority >= '1' && priority <= '9') d->story.urgency = priority - '0';
  d->story.subjects.push_back({m[4].str(), "", "iptc7901-category"});
  d->routing = m[6].str();
}

// Lines between the SOH line and STX: "Switzerland/migration/UN/".
void ParseKeywordLines(Draft* d) {
  std::vector<std::string> parts;
  for (size_t i = 1; i < d->stx_line; ++i) {
    std::string_view line = Trim(d->lines[i]);
    while (!line.empty() && line.back() == '/') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!d->story.slugline.empty()) d->story.slugline += '/';
    d->story.slugline += line;
    for (std::string_view k : Split(line, '/')) {
      if (!Trim(k).empty()) d->story.keywords.emplace_back(Trim(k));
    }
  }
}

bool IsMarker(std::string_view line) {
  if (line.size() > 2 && line.front() == '(' && line.back() == ')') return true;
  bool has_letter = false;
  for (char c : line) {
    if (c >= 'a' && c <= 'z') return false;
    has_letter = has_letter || (c >= 'A' && c <= 'Z');
  }
  return has_letter && line.size() <= 30;
}

void ApplyMarker(std::string_view marker, model::Story* s) {
  auto has = [&](std::string_view w) { return FindIgnoreCase(marker, w) != std::string::npos; };
  if (has("LEAD") || has("REFILE") || has("UPDATE") || has("WRITETHRU")) {
    s->signals = s->signals | model::Signal::kUpdate;
  }
  if (has("CORRECT") || has("BERICHTIGUNG")) s->signals = s->signals | model::Signal::kCorrection;
  if (has("KILL") || has("WITHDRAW") || has("ANNULLIERUNG") || has("STORNO")) {
    s->signals = s->signals | model::Signal::kKill;
    s->pubstatus = model::PubStatus::kCanceled;
  }
}

// After STX: markers ("REFILE", "1ST LEAD", "(Achtung)"), the headline and
// a byline, up to the line ending in " =".
void ParseHeadlineBlock(Draft* d) {
  size_t end = d->stx_line;
  for (size_t i = d->stx_line; i < d->lines.size() && i < d->stx_line + kMaxHeaderLines; ++i) {
    if (EndsWith(Trim(d->lines[i]), "=")) {
      end = i;
      break;
    }
  }
  std::vector<std::string> headline;
  std::string last_marker;
  for (size_t i = d->stx_line; i <= end; ++i) {
    std::string_view line = Trim(d->lines[i]);
    if (i == d->stx_line) line = Trim(line.substr(line.find('\x02') + 1));
    if (EndsWith(line, "=")) line = Trim(line.substr(0, line.size() - 1));
    if (line.empty()) continue;
    if (StartsWithIgnoreCase(line, "By ")) {
      d->story.byline = CollapseWhitespace(line);
    } else if (IsMarker(line)) {
      ApplyMarker(line, &d->story);
      last_marker = line;
    } else {
      headline.push_back(CollapseWhitespace(line));
    }
  }
  d->story.headline = headline.empty() ? last_marker : Join(headline, " ");
  d->body_line = end + 1;
}

bool EndsPublishableText(std::string_view line) {
  static const std::regex signoff("^dpa( [a-z]{2,4})+$");
  return StartsWith(line, "#") || FindIgnoreCase(line, "not for publication") != std::string::npos ||
         FindIgnoreCase(line, "not intended for publication") != std::string::npos ||
         (line.size() <= kMaxSignoffBytes && std::regex_match(line.begin(), line.end(), signoff));
}

// Body paragraphs: blank-line separated, until ETX or the editors' notebook.
std::vector<std::string> ParseParagraphs(Draft* d) {
  std::vector<std::string> paragraphs;
  std::string current;
  for (size_t i = d->body_line; i < d->lines.size(); ++i) {
    std::string_view line = d->lines[i];
    size_t etx = line.find('\x03');
    bool stop = etx != std::string_view::npos || EndsPublishableText(Trim(line));
    if (stop || Trim(line).empty()) {
      if (!current.empty()) paragraphs.push_back(CollapseWhitespace(current));
      current.clear();
      if (stop) break;
      continue;
    }
    current += ' ';
    current += line;
  }
  if (!current.empty()) paragraphs.push_back(CollapseWhitespace(current));
  return paragraphs;
}

// ETX "131137 GMT Nov 13": day, time and month, no year.
void ParseTrailer(Draft* d) {
  for (size_t i = d->body_line; i < d->lines.size(); ++i) {
    size_t etx = d->lines[i].find('\x03');
    if (etx == std::string_view::npos) continue;
    d->trailer = CollapseWhitespace(d->lines[i].substr(etx + 1));
    return;
  }
}

// "Berlin (dpa) - Negotiations ..." → dateline, taken off the lead.
void ParseDateline(std::vector<std::string>* paragraphs, model::Story* s) {
  if (paragraphs->empty()) return;
  std::string& lead = paragraphs->front();
  std::optional<DatelineMatch> m = MatchDateline(lead, DatelineStyle::kDpa);
  if (!m) return;
  s->dateline = m->dateline;
  s->located = m->dateline.place;
  lead = lead.substr(m->length);
}

std::string AgencyFromRouting(std::string_view routing) {
  static constexpr std::string_view kAgencies[] = {"dpa", "AFP", "AP", "APA", "SDA", "ANSA", "EFE", "KNA"};
  for (std::string_view word : SplitWhitespace(routing)) {
    for (std::string_view a : kAgencies) {
      if (EqualsIgnoreCase(word, a)) return std::string(a);
    }
  }
  return {};
}

std::string UriPart(std::string_view s) {
  std::string out;
  for (char c : AsciiLower(s)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// 7901 has no story id: agency, keyword line and the trailer's day tie the
// leads of one story together.
void FinishStory(const Input& in, const std::vector<std::string>& paragraphs, Draft* d) {
  model::Story& s = d->story;
  s.agency = s.dateline.agency.empty() ? AgencyFromRouting(d->routing) : s.dateline.agency;
  std::vector<std::string_view> t = SplitWhitespace(d->trailer);
  std::string day = t.size() >= 4 ? std::string(t[2]) + "-" + std::string(t[3]) : "undated";
  s.uri = "urn:wirepress:iptc7901:" + UriPart(s.agency.empty() ? "unknown" : s.agency) + ":" +
          UriPart(s.slugline.empty() ? s.headline : s.slugline) + ":" + UriPart(day);
  SanitizeOptions options;
  options.base_url = std::string(in.base_url);
  s.body_html = SanitizeHtml(ParagraphsToHtml(paragraphs), options);
  s.source = std::string(in.source);
  s.format = "iptc7901";
}

class Iptc7901Parser : public FeedParser {
 public:
  std::string_view name() const override { return "iptc7901"; }
  Confidence Sniff(std::string_view bytes) const override;
  Result<ParseResult> Parse(const Input& input) const override;
};

Confidence Iptc7901Parser::Sniff(std::string_view bytes) const {
  if (!StartsWith(bytes, "\x01")) return Confidence::kNo;
  std::string_view first = bytes.substr(0, bytes.find('\n'));
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  if (first.find('\x1f') != std::string_view::npos || first.size() > kMaxHeaderLineBytes) {
    return Confidence::kNo;
  }
  std::cmatch m;
  if (!std::regex_match(first.data(), first.data() + first.size(), m, HeaderPattern())) {
    return Confidence::kNo;
  }
  return bytes.find('\x02') != std::string_view::npos ? Confidence::kCertain : Confidence::kLikely;
}

Result<ParseResult> Iptc7901Parser::Parse(const Input& input) const {
  WP_RETURN_IF_ERROR(CheckFraming(input));
  std::string text = DecodeToUtf8(input.bytes, "windows-1252").text;
  ParseResult result;
  Draft d;
  d.lines = Split(text, '\n');
  for (std::string_view& l : d.lines) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  }
  while (d.stx_line < d.lines.size() && d.lines[d.stx_line].find('\x02') == std::string_view::npos) {
    ++d.stx_line;
  }
  ParseHeaderLine(input, text, &d, &result.warnings);
  ParseKeywordLines(&d);
  ParseHeadlineBlock(&d);
  std::vector<std::string> paragraphs = ParseParagraphs(&d);
  ParseTrailer(&d);
  ParseDateline(&paragraphs, &d.story);
  if (d.story.headline.empty() && paragraphs.empty()) {
    return ToStatus(DiagnosticAtLine(input.source, text, static_cast<int>(d.stx_line) + 1, 1,
                                     "no headline and no body after STX"));
  }
  FinishStory(input, paragraphs, &d);
  result.stories.push_back(std::move(d.story));
  return result;
}

}  // namespace

std::unique_ptr<FeedParser> NewIptc7901Parser() { return std::make_unique<Iptc7901Parser>(); }

}  // namespace wirepress::formats::iptc7901
