#include "formats/email/google_form.h"

#include <nlohmann/json.hpp>

#include <vector>

#include "base/strings.h"
#include "formats/text.h"

namespace wirepress::formats::email {
namespace {

using nlohmann::json;

// The first non-empty string of a field (forms send ["AUCKLAND", "", ""]).
std::string Field(const json& form, const char* name) {
  auto it = form.find(name);
  if (it == form.end()) return {};
  if (it->is_string()) return std::string(Trim(it->get<std::string>()));
  if (!it->is_array()) return {};
  for (const json& v : *it) {
    if (v.is_string() && !Trim(v.get<std::string>()).empty()) {
      return std::string(Trim(v.get<std::string>()));
    }
  }
  return {};
}

std::string Capitalized(std::string_view word) {
  std::string out = AsciiLower(word);
  if (!out.empty()) out[0] = static_cast<char>(AsciiUpper(out.substr(0, 1))[0]);
  return out;
}

bool IsLetters(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

// Each line of the Body field is a paragraph (the form's text area).
std::string BodyHtml(const std::string& body) {
  std::vector<std::string> paragraphs;
  for (std::string_view line : Split(body, '\n')) {
    if (!Trim(line).empty()) paragraphs.emplace_back(Trim(line));
  }
  return ParagraphsToHtml(paragraphs);
}

}  // namespace

std::string NameFromAddress(std::string_view address) {
  std::string_view local = address.substr(0, address.find('@'));
  std::vector<std::string_view> parts = Split(local, '.');
  if (parts.size() >= 2) {
    std::string name;
    for (std::string_view p : parts) {
      if (!IsLetters(p)) return {};
      if (!name.empty()) name += ' ';
      name += Capitalized(p);
    }
    return name;
  }
  if (!IsLetters(local) || local.size() < 3) return {};
  return Capitalized(local.substr(0, 1)) + " " + Capitalized(local.substr(1));
}

bool ParseGoogleForm(std::string_view body, model::Story* story) {
  std::string_view trimmed = Trim(body);
  if (trimmed.empty() || trimmed.front() != '{') return false;
  json form = json::parse(trimmed, nullptr, /*allow_exceptions=*/false);
  if (!form.is_object() || (!form.contains("Headline") && !form.contains("Body"))) return false;
  story->headline = Field(form, "Headline");
  story->slugline = Field(form, "Slugline");
  story->description_text = Field(form, "Abstract");
  story->body_html = BodyHtml(Field(form, "Body"));
  int urgency = 0;
  if (ParseInt(Field(form, "News Value"), &urgency) && urgency >= 1 && urgency <= 9) {
    story->urgency = urgency;
  }
  story->dateline.place = Field(form, "Dateline");
  story->located = story->dateline.place;
  std::string user = Field(form, "Username");
  if (user.empty()) user = Field(form, "Email Address");
  story->byline = NameFromAddress(user);
  for (const char* name : {"Category", "Genre"}) {
    std::string value = Field(form, name);
    if (!value.empty()) story->keywords.push_back(std::move(value));
  }
  return true;
}

}  // namespace wirepress::formats::email
