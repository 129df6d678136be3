// The "iptc7901" adapter: IPTC 7901 text transmissions, as dpa's English
// service sends them.
//
//   SOH eca062 4 i 211 ccccb   dpa 061     <- source+sequence, priority,
//                                             category, word count, routing
//   Germany-politics/                      <- keyword line(s): slugline
//   STX REFILE                             <- header: markers, headline,
//   Germany Social Democrats: ... =           byline; " =" ends it
//      Berlin (dpa) - Negotiations ...     <- dateline + body paragraphs
//   # dpa NOTEBOOK ...                     <- not for publication: dropped
//   ETX 131137 GMT Nov 13                  <- day/time without a year
//
// Bytes are Latin-1/Windows-1252 (valid UTF-8 is kept as is). The field
// mapping is in doc/formats/iptc7901.md.
//
// Sniff: kCertain for an SOH header line followed by STX, kLikely for the
// header line alone, kNo otherwise (ANPA's SOH line holds a US, 0x1F).
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant.
#ifndef WIREPRESS_FORMATS_IPTC7901_IPTC7901_PARSER_H_
#define WIREPRESS_FORMATS_IPTC7901_IPTC7901_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::iptc7901 {

// The IPTC 7901 adapter (name "iptc7901").
std::unique_ptr<FeedParser> NewIptc7901Parser();

}  // namespace wirepress::formats::iptc7901

#endif  // WIREPRESS_FORMATS_IPTC7901_IPTC7901_PARSER_H_
