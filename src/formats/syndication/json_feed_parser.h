// JSON Feed 1.0/1.1 (https://jsonfeed.org, format "json-feed"): one Story
// per item. id → uri, title → headline, content_html (sanitized, relative
// URLs against the feed's home_page_url, else Input::base_url) or
// content_text → body, summary → description, date_published /
// date_modified → times, authors (1.1) / author (1.0) → byline, tags →
// keywords, image / banner_image / image attachments → pictures.
// Field mapping: doc/formats/json-feed.md.
//
// Sniffing: certain when the head names a jsonfeed.org version URL,
// otherwise no.
//
// Items with no title and no content are skipped with a warning; a feed
// whose items are all like that is an error; a feed without items is OK.
//
// Thread-safety: immutable; see formats/format.h.
#ifndef WIREPRESS_FORMATS_SYNDICATION_JSON_FEED_PARSER_H_
#define WIREPRESS_FORMATS_SYNDICATION_JSON_FEED_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::syndication {

std::unique_ptr<FeedParser> NewJsonFeedParser();

}  // namespace wirepress::formats::syndication

#endif  // WIREPRESS_FORMATS_SYNDICATION_JSON_FEED_PARSER_H_
