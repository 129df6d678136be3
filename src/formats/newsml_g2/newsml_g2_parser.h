// The IPTC NewsML-G2 adapter (format name "newsml-g2").
//
// Reads a <newsMessage> (one story per newsItem/packageItem in its
// itemSet) or a lone <newsItem>/<packageItem>, as sent by AP, AFP, Reuters,
// ANSA, dpa, STT, Scoop and in the IPTC specification's listings. The
// field-by-field mapping is in doc/formats/newsml-g2.md.
//
// Items:
//   - every item with a @guid yields a Story (text, picture, video, audio,
//     composite), in document order; items without a @guid in a
//     newsMessage are skipped with a warning (nothing can key them);
//   - a picture item that a package in the same message groups with a text
//     item is also attached to that text story as a Picture;
//   - an item with neither headline nor body is kept (its guid/version and
//     pubStatus still drive the lifecycle, e.g. kills) with a warning,
//     except a lone text item, which is an error naming the missing fields.
//
// Errors (InvalidInput, "source:line:col: message" + line + caret): input
// larger than kMaxInputBytes, XML with no readable root, a root that is not
// a NewsML-G2 item or message, a message with no keyed item, a body nested
// too deeply. Recoverable oddities (dates without zone, unknown codes,
// recovered XML) go to ParseResult::warnings.
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant.
#ifndef WIREPRESS_FORMATS_NEWSML_G2_NEWSML_G2_PARSER_H_
#define WIREPRESS_FORMATS_NEWSML_G2_NEWSML_G2_PARSER_H_

#include <cstddef>
#include <memory>

#include "formats/format.h"

namespace wirepress::formats::newsml_g2 {

// Inputs above this size are refused before parsing (a newsMessage of a
// few hundred items is under 5 MiB; anything far larger is not wire copy).
inline constexpr std::size_t kMaxInputBytes = 64u << 20;

std::unique_ptr<FeedParser> NewNewsmlG2Parser();

}  // namespace wirepress::formats::newsml_g2

#endif  // WIREPRESS_FORMATS_NEWSML_G2_NEWSML_G2_PARSER_H_
