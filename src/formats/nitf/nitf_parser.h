// NITF adapter (format "nitf"): News Industry Text Format 2.x/3.x, as sent
// by AAP, AP (Media API renditions), EFE, PA, Ritzau/NTB and others.
//
// One <nitf> document is one story. The field-by-field mapping to the Story
// model is in doc/formats/nitf.md; in short: docdata/doc-id gives the uri,
// du-key the version, urgency/@ed-urg the urgency, date.issue the creation
// times, date.release the embargo, tobject.subject the subject codes
// (exactly as written), hedline/hl1 the headline, body.content the body
// (sanitized HTML) and its <media> the pictures.
//
// Sniff answers kCertain when the document element is <nitf> (any prefix)
// and kNo otherwise; NewsML documents that embed NITF bodies belong to the
// NewsML adapters.
//
// Errors: a document whose root is not <nitf>, or with neither a headline
// nor a body, is InvalidInput with a diagnostic pointing at the offending
// element. Ill-formed XML that still has a root gives a warning.
//
// Thread-safety: the parser is immutable; Sniff and Parse are reentrant.
#ifndef WIREPRESS_FORMATS_NITF_NITF_PARSER_H_
#define WIREPRESS_FORMATS_NITF_NITF_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::nitf {

// Inputs larger than this are refused before parsing (a NITF story is a
// few KiB; agencies' largest tables stay far below a megabyte).
inline constexpr size_t kMaxNitfBytes = 16u << 20;
std::unique_ptr<FeedParser> NewNitfParser();

}  // namespace wirepress::formats::nitf

#endif  // WIREPRESS_FORMATS_NITF_NITF_PARSER_H_
