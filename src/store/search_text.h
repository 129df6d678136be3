// Search text: how every backend turns a story and a query into words, so
// that "search" means the same thing on SQLite (FTS5), PostgreSQL
// (tsvector) and the in-memory store.
//
// Words are what SQLite's FTS5 tokenizer "unicode61 remove_diacritics 2"
// makes of the text, so the memory and PostgreSQL backends find what SQLite
// finds: runs of Unicode letters, numbers and private-use characters (so
// "東京" stays whole and "«Zürich»" or "x–y" split at the punctuation),
// case folded ("ZÜRICH" is "zürich", "Σ" and "ς" are "σ"), and Latin
// letters without their accents ("zürich" is "zurich", "São" is "sao").
// Like unicode61, other scripts keep their accents ("Ελλάδα" is "ελλάδα",
// not "ελλαδα") and letters that are not a base letter plus accents stay
// ("ł", "ø", "ß"). Compared with SQLite 3.40's tokenizer for every code
// point up to U+31FFF (alone and inside a word): identical except 3,737
// characters assigned or changed after unicode61's tables (Unicode 6.x):
// rare ones such as Greek "Ϳ", Cyrillic "Ԩ", Latin "Ꞗ", whole newer
// scripts, Cherokee case, and "Ǡ", which unicode61 keeps whole. Invalid
// UTF-8 separates words.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_STORE_SEARCH_TEXT_H_
#define WIREPRESS_STORE_SEARCH_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace wirepress::store {

// The text of sanitized body HTML: tags dropped (block ends become spaces),
// the common entities (&amp; &lt; &gt; &quot; &#39; &nbsp;) decoded.
std::string HtmlToText(std::string_view html);

// The words of `text`, folded as above, in order, duplicates kept.
std::vector<std::string> SearchWords(std::string_view text);

}  // namespace wirepress::store

#endif  // WIREPRESS_STORE_SEARCH_TEXT_H_
