#include "formats/newsml_1/newsml_1_lines.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::newsml_1 {
namespace {

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool HasLetter(std::string_view s) {
  // Bytes >= 0x80 are parts of non-ASCII letters (UTF-8).
  return std::any_of(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

// Drops the trailing dash agencies put before the text: "... (AFP) -".
std::string_view StripTrailingDash(std::string_view s) {
  s = Trim(s);
  while (!s.empty() && (s.back() == '-' || s.back() == ' ')) s.remove_suffix(1);
  if (EndsWith(s, "\xE2\x80\x94") || EndsWith(s, "\xE2\x80\x93")) s.remove_suffix(3);  // — –
  return Trim(s);
}

std::string_view Property(pugi::xml_node parent, std::string_view formal_name) {
  for (pugi::xml_node p : Children(parent, "Property")) {
    if (EqualsIgnoreCase(Attr(p, "FormalName"), formal_name)) return Trim(Attr(p, "Value"));
  }
  return {};
}

}  // namespace

model::Dateline ParseDatelineText(std::string_view text) {
  model::Dateline d;
  text = StripTrailingDash(text);
  size_t open = text.rfind('(');
  if (EndsWith(text, ")") && open != std::string_view::npos) {
    d.agency = std::string(Trim(text.substr(open + 1, text.size() - open - 2)));
    text = StripTrailingDash(text.substr(0, open));
  }
  while (EndsWith(text, ",")) text = Trim(text.substr(0, text.size() - 1));
  if (!HasLetter(text)) {
    d.date = std::string(text);
    return d;
  }
  size_t comma = text.find(',');
  d.place = std::string(Trim(text.substr(0, comma)));
  if (comma == std::string_view::npos) return d;
  std::string_view rest = Trim(text.substr(comma + 1));
  (HasDigit(rest) ? d.date : d.country) = std::string(rest);
  return d;
}

void ParseNewsLines(const ComponentTree& tree, model::Story* s) {
  s->headline = FirstNewsLine(tree, "HeadLine");
  s->byline = FirstNewsLine(tree, "ByLine");
  s->slugline = FirstNewsLine(tree, "SlugLine");
  s->description_text = FirstNewsLine(tree, "SubHeadLine");
  std::string keywords = FirstNewsLine(tree, "KeywordLine");
  for (std::string_view k : Split(keywords, ',')) {
    if (!Trim(k).empty()) s->keywords.emplace_back(Trim(k));
  }
  s->dateline = ParseDatelineText(FirstNewsLine(tree, "DateLine"));
}

void ReadPlace(pugi::xml_node meta, model::Story* s) {
  pugi::xml_node location = Child(meta, "Location");
  std::string_view city = Property(location, "City");
  std::string_view country = Property(location, "Country");
  if (city.empty()) city = Property(meta, "City");
  if (country.empty()) country = Property(meta, "Country");
  if (s->dateline.place.empty()) s->dateline.place = std::string(city);
  if (s->dateline.country.empty()) s->dateline.country = std::string(country);
  s->located = city.empty() ? s->dateline.place : std::string(city);
}

model::Signal InstructionSignal(std::string_view name) {
  for (std::string_view w : {"kill", "cancel", "withdraw", "elimin"}) {
    if (FindIgnoreCase(name, w) != std::string_view::npos) return model::Signal::kKill;
  }
  for (std::string_view w : {"correct", "rectif", "corrige"}) {
    if (FindIgnoreCase(name, w) != std::string_view::npos) return model::Signal::kCorrection;
  }
  for (std::string_view w : {"update", "replace", "writethru", "newlead"}) {
    if (FindIgnoreCase(name, w) != std::string_view::npos) return model::Signal::kUpdate;
  }
  return model::Signal::kNone;
}

}  // namespace wirepress::formats::newsml_1
