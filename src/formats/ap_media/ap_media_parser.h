// AP Media API JSON ("ap-media-json"): the responses of AP's content API,
// either one item ({"api_version", "data": {"item": {...}}}) or a feed page
// ({"data": {"items": [{"item": {...}}, ...], "next_page": ...}}), which
// yields one Story per item.
//
// The item is ninjs-like but AP-specific: the stable id is altids.itemid
// (uri carries a session token), version is a number, the dateline is a
// datelinelocation object, pictures carry description_caption and
// description_creditline, and editorialtypes say Correction/Kill/Writethru.
// Field mapping: doc/formats/ap-media-json.md.
//
// Sniffing: an "api_version" envelope with "data" is certain; a bare AP
// item (has "altids") is likely.
//
// Thread-safety: immutable; see formats/format.h.
#ifndef WIREPRESS_FORMATS_AP_MEDIA_AP_MEDIA_PARSER_H_
#define WIREPRESS_FORMATS_AP_MEDIA_AP_MEDIA_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::ap_media {

// Format "ap-media-json". An empty feed page is OK with no stories; an
// item on a page with no headline and no body is skipped with a warning,
// a single such item is an error.
std::unique_ptr<FeedParser> NewApMediaParser();

}  // namespace wirepress::formats::ap_media

#endif  // WIREPRESS_FORMATS_AP_MEDIA_AP_MEDIA_PARSER_H_
