// Slugs: the readable part of a story URL, transliterated from any script
// to lowercase ASCII ("Путин встретил Помпео" → "putin-vstretil-pompeo",
// "東京" → "dong-jing").
//
// Thread-safety: safe from any thread (one ICU transliterator per thread).
#ifndef WIREPRESS_MODEL_SLUG_H_
#define WIREPRESS_MODEL_SLUG_H_

#include <string>
#include <string_view>

namespace wirepress::model {

// Lowercase ASCII letters, digits and single hyphens, at most max_len
// bytes, cut at a word boundary. Returns "story" when nothing is left.
std::string Slugify(std::string_view text, size_t max_len = 80);

}  // namespace wirepress::model

#endif  // WIREPRESS_MODEL_SLUG_H_
