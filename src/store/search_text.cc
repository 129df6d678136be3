#include "store/search_text.h"

#include <array>
#include <utility>

namespace wirepress::store {
namespace {

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Decodes the entity starting at html[i] ('&'); returns the text and the
// length consumed, or an empty consumed length when it is not one we know.
std::pair<std::string_view, size_t> DecodeEntity(std::string_view html, size_t i) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kEntities = {{
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
      {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "},
  }};
  for (const auto& [name, text] : kEntities) {
    if (html.substr(i, name.size()) == name) return {text, name.size()};
  }
  return {"&", 1};
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      out += ' ';  // "<p>a</p><p>b</p>" must not read as "ab"
      i = end + 1;
    } else if (c == '&') {
      auto [text, used] = DecodeEntity(html, i);
      out += text;
      i += used;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (unsigned char c : text) {
    if (IsWordByte(c)) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace wirepress::store
