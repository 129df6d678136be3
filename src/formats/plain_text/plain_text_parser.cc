#include "formats/plain_text/plain_text_parser.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/dateline.h"
#include "formats/encoding.h"
#include "formats/html_sanitizer.h"
#include "formats/text.h"

namespace wirepress::formats::plain_text {
namespace {

// A story page saved as text is a few KiB; anything this large is not one
// (and the line index of a bigger file would cost too much memory).
constexpr size_t kMaxInputBytes = 4u << 20;
// Sniff looks at this many lines for a dateline.
constexpr int kSniffLines = 40;

struct Paragraph {
  std::vector<std::string_view> lines;

  std::string Text() const {
    std::string out;
    for (std::string_view l : lines) {
      if (!out.empty()) out += ' ';
      out += Trim(l);
    }
    return CollapseWhitespace(out);
  }
};

// The story being assembled: paragraphs still to place, and the fields so far.
struct Draft {
  std::vector<std::string> paragraphs;
  model::Story story;
};

bool IsControl(unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f'; }

// Rejects what cannot be plain wire copy, pointing at the first bad byte.
Status CheckInput(const Input& in) {
  if (in.bytes.size() > kMaxInputBytes) {
    return ToStatus(Diagnostic{std::string(in.source), 0, 0,
                               "input is " + std::to_string(in.bytes.size()) +
                                   " bytes, over the 4 MiB limit for a plain-text story",
                               ""});
  }
  for (size_t i = 0; i < in.bytes.size(); ++i) {
    if (IsControl(static_cast<unsigned char>(in.bytes[i]))) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned char>(in.bytes[i]));
      return ToStatus(DiagnosticAt(in.source, in.bytes, i,
                                   std::string("control character ") + code +
                                       ": not plain text (binary data, ANPA or IPTC 7901?)"));
    }
  }
  return Status::Ok();
}

// Blank lines separate paragraphs; text without any blank line has one
// paragraph per line.
std::vector<Paragraph> SplitParagraphs(std::string_view text) {
  std::vector<std::string_view> lines = Split(text, '\n');
  while (!lines.empty() && Trim(lines.back()).empty()) lines.pop_back();
  bool has_blank = false;
  bool seen_text = false;
  for (std::string_view l : lines) {
    has_blank = has_blank || (seen_text && Trim(l).empty());
    seen_text = seen_text || !Trim(l).empty();
  }
  std::vector<Paragraph> out;
  Paragraph current;
  for (std::string_view line : lines) {
    bool blank = Trim(line).empty();
    if ((blank || !has_blank) && !current.lines.empty()) {
      out.push_back(std::move(current));
      current = Paragraph();
    }
    if (!blank) current.lines.push_back(line);
  }
  if (!current.lines.empty()) out.push_back(std::move(current));
  return out;
}

// Page furniture a syndication site leaves in the text.
bool IsDebris(std::string_view p) {
  static constexpr std::string_view kExact[] = {"Share Now", "Share", "Share this",
                                                "Share this article", "Advertisement"};
  static constexpr std::string_view kPrefixes[] = {
      "(This is an unedited and auto-generated story",
      "(This story has not been edited by",
      "(Except for the headline, this story has not been edited",
      "(Only the headline of this report may have been reworked"};
  for (std::string_view e : kExact) {
    if (EqualsIgnoreCase(p, e)) return true;
  }
  for (std::string_view prefix : kPrefixes) {
    if (StartsWithIgnoreCase(p, prefix)) return true;
  }
  return false;
}

// "World. (File Image)" → "World": the section the site filed it under,
// captioning a stock image. Returns nullopt for anything else; "" for a
// caption whose text is not a short section name.
std::optional<std::string> FileImageSection(std::string_view p) {
  static constexpr std::string_view kMarks[] = {"(File Image)", "(File Photo)",
                                                "(Representational Image)", "(Representative Image)"};
  for (std::string_view mark : kMarks) {
    if (p.size() < mark.size() || !EqualsIgnoreCase(p.substr(p.size() - mark.size()), mark)) {
      continue;
    }
    std::string_view section = Trim(p.substr(0, p.size() - mark.size()));
    while (!section.empty() && (section.back() == '.' || section.back() == ':')) {
      section.remove_suffix(1);
    }
    bool short_name = SplitWhitespace(section).size() <= 3;
    return short_name ? std::string(Trim(section)) : std::string();
  }
  return std::nullopt;
}

// Headline: the first non-empty line that is not debris. The rest of its
// paragraph stays as text.
std::vector<std::string> ParseHeadline(const std::vector<Paragraph>& paragraphs, Draft* d) {
  std::vector<std::string> rest;
  for (const Paragraph& p : paragraphs) {
    if (!d->story.headline.empty() || IsDebris(p.Text())) {
      rest.push_back(p.Text());
      continue;
    }
    d->story.headline = CollapseWhitespace(p.lines[0]);
    Paragraph tail{{p.lines.begin() + 1, p.lines.end()}};
    if (!tail.lines.empty()) rest.push_back(tail.Text());
  }
  return rest;
}

// Drops debris and disclaimers; turns file-image captions into keywords.
void StripDebris(std::vector<std::string> paragraphs, Draft* d) {
  for (std::string& p : paragraphs) {
    if (IsDebris(p)) continue;
    if (std::optional<std::string> section = FileImageSection(p)) {
      if (!section->empty()) d->story.keywords.push_back(std::move(*section));
      continue;
    }
    d->paragraphs.push_back(std::move(p));
  }
}

// Finds the dateline paragraph and takes the dateline off the lead.
void ParseDateline(Draft* d) {
  for (size_t i = 0; i < d->paragraphs.size(); ++i) {
    std::optional<DatelineMatch> m = MatchDateline(d->paragraphs[i]);
    if (!m) continue;
    model::Story& s = d->story;
    s.dateline = m->dateline;
    s.located = m->dateline.place;
    if (m->year > 0 && m->month > 0 && m->day > 0) {
      s.firstcreated = FromCivil(CivilTime{m->year, m->month, m->day, 0, 0, 0});
    }
    d->paragraphs[i] = CollapseWhitespace(std::string_view(d->paragraphs[i]).substr(m->length));
    return;
  }
}

// Sites print the lead twice: as a standfirst (above the image and the
// dateline) and as the first paragraph. The earlier copy goes.
void DropRepeatedLead(Draft* d) {
  constexpr size_t kLookahead = 4;
  std::vector<std::string>& p = d->paragraphs;
  for (size_t i = 0; i < p.size() && i < kLookahead; ++i) {
    for (size_t j = i + 1; j < p.size() && j <= i + kLookahead; ++j) {
      if (p[i] != p[j]) continue;
      d->story.description_text = p[i];
      p.erase(p.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

// "... Putin. (AFP)" → credit AFP, paragraph without it.
void ParseCredit(Draft* d) {
  model::Story& s = d->story;
  s.agency = s.dateline.agency;
  if (d->paragraphs.empty()) return;
  std::string& last = d->paragraphs.back();
  std::optional<TrailingCredit> credit = MatchTrailingCredit(last, s.dateline.agency);
  if (!credit) return;
  s.agency = credit->agency;
  last = std::string(Trim(std::string_view(last).substr(0, credit->start)));
  if (last.empty()) d->paragraphs.pop_back();
}

// Reuters-style headline prefixes: "CORRECTED-", "UPDATE 2-".
void ParseSignals(model::Story* s) {
  if (StartsWithIgnoreCase(s->headline, "CORRECTED") ||
      StartsWithIgnoreCase(s->headline, "CORRECTION")) {
    s->signals = s->signals | model::Signal::kCorrection;
  } else if (StartsWithIgnoreCase(s->headline, "UPDATE ")) {
    s->signals = s->signals | model::Signal::kUpdate;
  }
}

void FinishStory(const Input& in, Draft* d) {
  model::Story& s = d->story;
  SanitizeOptions options;
  options.base_url = std::string(in.base_url);
  s.body_html = SanitizeHtml(ParagraphsToHtml(d->paragraphs), options);
  s.uri = "urn:wirepress:plain:" +
          StableHashHex(s.agency + "\n" + s.headline + "\n" + s.dateline.date);
  s.source = std::string(in.source);
  s.format = "plain-text";
}

class PlainTextParser : public FeedParser {
 public:
  std::string_view name() const override { return "plain-text"; }
  Confidence Sniff(std::string_view bytes) const override;
  Result<ParseResult> Parse(const Input& input) const override;
};

// E-mail: a header block ("From:", "Received:", ...) opens the text.
bool LooksLikeMailHeaders(std::string_view head) {
  static constexpr std::string_view kHeaders[] = {
      "From:", "To:", "Subject:", "Date:", "Received:", "Message-ID:", "MIME-Version:",
      "Delivered-To:", "Return-Path:", "Content-Type:"};
  int known = 0, lines = 0;
  for (std::string_view line : Split(head, '\n')) {
    if (Trim(line).empty() && lines == 0) continue;
    if (++lines > 12) break;
    for (std::string_view h : kHeaders) {
      if (StartsWithIgnoreCase(line, h)) ++known;
    }
  }
  return known >= 2;
}

Confidence PlainTextParser::Sniff(std::string_view bytes) const {
  std::string_view head = bytes;
  if (StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  std::string_view trimmed = Trim(head);
  if (trimmed.empty()) return Confidence::kNo;
  char first = trimmed.front();
  if (first == '<' || first == '{' || first == '[') return Confidence::kNo;
  for (char c : head) {
    if (IsControl(static_cast<unsigned char>(c))) return Confidence::kNo;
  }
  if (LooksLikeMailHeaders(head)) return Confidence::kNo;
  int seen = 0;
  for (std::string_view line : Split(head, '\n')) {
    if (++seen > kSniffLines) break;
    if (MatchDateline(Trim(line))) return Confidence::kLikely;
  }
  return Confidence::kMaybe;
}

Result<ParseResult> PlainTextParser::Parse(const Input& input) const {
  WP_RETURN_IF_ERROR(CheckInput(input));
  Decoded decoded = DecodeToUtf8(input.bytes);
  Draft draft;
  StripDebris(ParseHeadline(SplitParagraphs(decoded.text), &draft), &draft);
  if (draft.story.headline.empty() && draft.paragraphs.empty()) {
    return ToStatus(DiagnosticAtLine(input.source, decoded.text, 1, 1,
                                     "no headline and no body: the text holds only blank "
                                     "lines and page debris"));
  }
  ParseDateline(&draft);
  DropRepeatedLead(&draft);
  ParseCredit(&draft);
  ParseSignals(&draft.story);
  FinishStory(input, &draft);
  ParseResult result;
  result.stories.push_back(std::move(draft.story));
  return result;
}

}  // namespace

std::unique_ptr<FeedParser> NewPlainTextParser() { return std::make_unique<PlainTextParser>(); }

}  // namespace wirepress::formats::plain_text
