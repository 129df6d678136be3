// Text helpers shared by adapters: HTML entity decoding, plain text to
// paragraphs, tags to text.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_TEXT_H_
#define WIREPRESS_FORMATS_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace wirepress::formats {

// Decodes &name; (the 252 HTML 4 entities, which is what wire copy uses),
// &#123; and &#x7B;. Unknown or malformed references are left as written.
std::string DecodeHtmlEntities(std::string_view s);

// Plain wire text to HTML paragraphs: blank lines separate paragraphs; when
// the text has no blank lines, each indented or non-empty line is one.
// Text is HTML-escaped; whitespace inside a paragraph is collapsed.
std::string TextToParagraphs(std::string_view text);
// The same, but from a list of already separated paragraphs.
std::string ParagraphsToHtml(const std::vector<std::string>& paragraphs);

// HTML to plain text: tags dropped (block ends become spaces), entities
// decoded, whitespace collapsed. For descriptions, search and comparisons.
std::string HtmlToText(std::string_view html);

// Removes every "<p>...</p>" whose content is empty or only whitespace
// (agencies separate or end sections with "<p/>" or "<p> </p>"). Works on
// HTML as the adapters emit it: lowercase "<p>" without attributes.
void RemoveBlankParagraphs(std::string* html);

// 16 lowercase hex digits of the 64-bit FNV-1a hash of `s`: stable across
// platforms and releases, so a URI made from it for an item that carries no
// id of its own does not change when the program is rebuilt.
std::string StableHashHex(std::string_view s);

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_TEXT_H_
