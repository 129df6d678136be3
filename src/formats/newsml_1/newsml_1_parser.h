// NewsML 1.x adapter (format "newsml-1.2"): the IPTC NewsML 1.0-1.2 XML
// envelope used by AFP, ANA-MPA, Business Wire and others.
//
// A <NewsML> message holds one or more <NewsItem>s; each becomes one story
// (items with neither a headline nor a body are skipped with a warning
// when other items are usable). The mapping is in doc/formats/newsml-1.2.md;
// in short: Identification/NewsIdentifier gives uri (the PublicIdentifier,
// which ends in the revision), key (ProviderId:DateId:NewsItemId, what the
// revisions share) and version,
// NewsManagement the times, status and urgency, the NewsComponent tree's
// NewsLines the headline/byline/dateline, DescriptiveMetadata the language,
// subjects and location, the "Body"/"Main" ContentItem the body (embedded
// NITF, XHTML or escaped HTML, always sanitized) and "Photo" components the
// pictures.
//
// Sniff: kCertain for a <NewsML> document element, kLikely for a bare
// <NewsItem>, kNo otherwise (NewsML-G2's newsMessage/newsItem/packageItem
// are lower-case and belong to the G2 adapter).
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant.
#ifndef WIREPRESS_FORMATS_NEWSML_1_NEWSML_1_PARSER_H_
#define WIREPRESS_FORMATS_NEWSML_1_NEWSML_1_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::newsml_1 {

// Inputs larger than this are refused before parsing. NewsML 1 messages
// carry text and references, not media; the largest seen are ~100 KiB.
inline constexpr size_t kMaxNewsml1Bytes = 32u << 20;
std::unique_ptr<FeedParser> NewNewsml1Parser();

}  // namespace wirepress::formats::newsml_1

#endif  // WIREPRESS_FORMATS_NEWSML_1_NEWSML_1_PARSER_H_
