// ninjs: IPTC's "news in JSON" (1.x, 2.x and 3.x), as sent by superdesk,
// dpa, NTB, AP and others, plus the BBC Local Democracy Reporting Service
// feed, which wraps ninjs 1.x items in a paged {"total", "item": [...]}
// envelope.
//
// Both parsers map one ninjs object to one Story (field mapping in
// doc/formats/ninjs.md). Keys are matched without regard to case, because
// ninjs 3.0 renamed versioncreated to versionCreated and so on. Bodies are
// taken in order of preference html/xhtml, NITF, plain text, and always
// sanitized. Associated pictures become Story::pictures.
//
// Sniffing is by top-level JSON keys: "ninjs" in a "standard"/"$schema"
// member is certain; an AP Media API envelope ("api_version") or a JSON
// Feed is refused; the BBC envelope is certain for the BBC parser and only
// "maybe" for plain ninjs.
//
// Thread-safety: the parsers are immutable; see formats/format.h.
#ifndef WIREPRESS_FORMATS_NINJS_NINJS_PARSER_H_
#define WIREPRESS_FORMATS_NINJS_NINJS_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::ninjs {

// Format "ninjs": one ninjs object, or a JSON array of them.
std::unique_ptr<FeedParser> NewNinjsParser();

// Format "bbc-ldrs-json": {"total": n, "item": [ninjs...]}. An empty
// "item" array is a legitimately empty page (OK, no stories).
std::unique_ptr<FeedParser> NewBbcLdrsParser();

}  // namespace wirepress::formats::ninjs

#endif  // WIREPRESS_FORMATS_NINJS_NINJS_PARSER_H_
