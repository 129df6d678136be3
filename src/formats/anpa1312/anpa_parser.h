// The "anpa1312" adapter: AP's ANPA-1312 wire transmissions (also called
// ANPA 84-2 / IPTC 7901's American cousin).
//
// A transmission is framed by control characters:
//
//   SYN SYN SOH W2870 US asian                 <- sequence, selector
//   f l DC3 DC1 BC-LT--Argentina-CancerB 11-13 1049
//   |  |  |  |  keyword (slug + take key)  date  word count
//   |  |  |  DC1 text / DC2 preformatted (tables)
//   |  |  DC3/DC4 format
//   |  category (a, b, e, f, i, l, s, ...)
//   priority (f flash, b bulletin, u urgent, r regular, d deferred, ...)
//   STX ^BC-LT--Argentina-Cancer Beauty,466<   <- keyword line
//   ^For Argentine chemo patients ...<         <- headline, then byline, notes
//   TAB   BUENOS AIRES, Argentina (AP) _ ...   <- paragraphs (TAB-indented)
//   ... ETX AP-WF-11-13-13 1509GMT<            <- trailer: firstcreated (UTC)
//   EOT
//
// Bytes are Latin-1/Windows-1252 (valid UTF-8 is kept as is). The field
// mapping is in doc/formats/anpa1312.md.
//
// Sniff: kCertain for SYN SYN SOH followed by a service line, kLikely for a
// bare SOH with a service line, kNo otherwise.
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant.
#ifndef WIREPRESS_FORMATS_ANPA1312_ANPA_PARSER_H_
#define WIREPRESS_FORMATS_ANPA1312_ANPA_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::anpa1312 {

// The ANPA-1312 adapter (name "anpa1312").
std::unique_ptr<FeedParser> NewAnpaParser();

}  // namespace wirepress::formats::anpa1312

#endif  // WIREPRESS_FORMATS_ANPA1312_ANPA_PARSER_H_
