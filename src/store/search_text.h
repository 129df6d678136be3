// Search text: how every backend turns a story and a query into words, so
// that "search" means the same thing on SQLite (FTS5), PostgreSQL
// (tsvector) and the in-memory store.
//
// Words are runs of letters and digits (any non-ASCII UTF-8 byte counts as
// a letter, so "Zürich" and "東京" stay whole); ASCII is lowercased.
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

// The words of `text`, lowercased, in order, duplicates kept.
std::vector<std::string> SearchWords(std::string_view text);

}  // namespace wirepress::store

#endif  // WIREPRESS_STORE_SEARCH_TEXT_H_
