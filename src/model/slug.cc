#include "model/slug.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace wirepress::model {
namespace {

// ICU does the script conversion (Any-Latin covers Cyrillic, Greek, Arabic,
// Devanagari, Han, ...); Latin-ASCII folds the accents it leaves.
icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) tr.reset();
    return tr;
  }();
  return t.get();
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string Slugify(std::string_view text, size_t max_len) {
  std::string ascii;
  if (IsAscii(text)) {
    ascii.assign(text);
  } else if (icu::Transliterator* tr = ThreadTransliterator()) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    tr->transliterate(u);
    u.toUTF8String(ascii);
  }
  std::string out;
  bool hyphen = false;
  for (unsigned char c : ascii) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (hyphen && !out.empty()) out.push_back('-');
      hyphen = false;
      out.push_back(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      if (hyphen && !out.empty()) out.push_back('-');
      hyphen = false;
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == '\'' || c == 0x60) {
      // "Putin's" → "putins"
    } else {
      hyphen = true;
    }
  }
  if (out.size() > max_len) {
    size_t cut = out.rfind('-', max_len);
    out.resize(cut != std::string::npos && cut > max_len / 2 ? cut : max_len);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  return out.empty() ? "story" : out;
}

}  // namespace wirepress::model
