// Ritzau adapter (format "ritzau-xml"): the XML of Ritzau's (Denmark)
// news API — a single <RBNews> item, or an <XMLNewsQueuedResponse> feed
// page whose <ListOfRBNews> holds several.
//
// Each RBNews becomes one story. The mapping is in doc/formats/ritzau-xml.md;
// in short: NewsID → uri, version → version, PublishDate (Danish civil
// time, converted to UTC) → firstcreated/versioncreated, headline,
// subtitle → description, strapline → slugline, town → dateline/located,
// origin ("/ritzau/") → byline, Priority → urgency, IPTCList → subjects,
// content (escaped HTML, sanitized) → body, and the Annuleret / NyVersion /
// Korrektion flags → kill / update / correction.
//
// Sniff: kCertain for an <RBNews> or <XMLNewsQueuedResponse> document
// element, kNo otherwise.
//
// Errors: a feed page whose <error> is not 0 is InvalidInput carrying
// Ritzau's <errormsg>; an empty ListOfRBNews is a legitimately empty page
// (OK, no stories).
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant.
#ifndef WIREPRESS_FORMATS_RITZAU_RITZAU_PARSER_H_
#define WIREPRESS_FORMATS_RITZAU_RITZAU_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::ritzau {

// Inputs larger than this are refused before parsing (a feed page of a
// hundred items is well under a megabyte).
inline constexpr size_t kMaxRitzauBytes = 32u << 20;
std::unique_ptr<FeedParser> NewRitzauParser();

}  // namespace wirepress::formats::ritzau

#endif  // WIREPRESS_FORMATS_RITZAU_RITZAU_PARSER_H_
