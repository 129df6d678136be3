#include "store/search_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <utility>

namespace wirepress::store {
namespace {

// The combining marks SQLite's unicode61 tokenizer (remove_diacritics 2)
// treats as part of a word and drops: the accents of Latin letters. Every
// other nonspacing mark separates words there, so it does here too.
constexpr std::array<UChar32, 25> kDroppedMarks = {
    0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309, 0x30A, 0x30B, 0x30C, 0x30F,
    0x311, 0x31B, 0x323, 0x324, 0x325, 0x326, 0x327, 0x328, 0x32D, 0x32E, 0x330, 0x331};

bool IsDroppedMark(UChar32 c) {
  return std::binary_search(kDroppedMarks.begin(), kDroppedMarks.end(), c);
}

// unicode61's token characters: letters, numbers and private use.
bool IsWordChar(UChar32 c) {
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_PRIVATE_USE_CHAR:
      return true;
    default:
      return false;
  }
}

// A non-ASCII word character as unicode61 indexes it: case folded, and a
// Latin letter with accents (NFD: an ASCII letter plus dropped marks) as
// the plain letter, so "Zürich", "ZÜRICH" and "zurich" are one word.
// Greek and Cyrillic keep their accents ("ά", "й"), as unicode61 does.
UChar32 FoldWordChar(UChar32 c) {
  c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  if (c == 0x1E1) return c;  // "ǡ": unicode61's table keeps its accents
  UErrorCode error = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  icu::UnicodeString parts;
  if (nfd == nullptr || !nfd->getDecomposition(c, parts) || parts.length() < 2) return c;
  UChar32 base = parts.char32At(0);
  if (base >= 0x80 || !u_isalpha(base)) return c;
  for (int32_t i = U16_LENGTH(base); i < parts.length(); i = parts.moveIndex32(i, 1)) {
    if (!IsDroppedMark(parts.char32At(i))) return c;
  }
  return u_tolower(base);
}

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  out->append(buf, static_cast<size_t>(n));
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
  auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    unsigned char b = s[i];
    if (b < 0x80) {  // ASCII: the common case, no ICU calls
      ++i;
      if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z')) {
        word += static_cast<char>(b);
      } else if (b >= 'A' && b <= 'Z') {
        word += static_cast<char>(b - 'A' + 'a');
      } else {
        end_word();
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);  // invalid UTF-8: c < 0, a separator
    if (c < 0) {
      end_word();
    } else if (IsDroppedMark(c)) {
      continue;  // part of the word, indexed without it
    } else if (IsWordChar(c)) {
      AppendUtf8(FoldWordChar(c), &word);
    } else {
      end_word();
    }
  }
  end_word();
  return words;
}

}  // namespace wirepress::store
