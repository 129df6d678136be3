// Reads the items of an RSS document into Stories: RSS 0.91/0.92/2.0
// (<rss><channel><item>) and RSS 0.90/1.0 (<rdf:RDF> with <item> beside
// <channel>), with the content:, dc:, media: modules and the WordPress
// export (WXR) extensions: attachment items are not stories but supply the
// thumbnail of the post that names them in _thumbnail_id; drafts and other
// unpublished posts are skipped with a warning.
//
// Thread-safety: pure apart from appending to `out`.
#ifndef WIREPRESS_FORMATS_SYNDICATION_RSS_READER_H_
#define WIREPRESS_FORMATS_SYNDICATION_RSS_READER_H_

#include <optional>

#include "formats/format.h"
#include "formats/xml_reader.h"

namespace wirepress::formats::syndication {

// Appends the channel's stories and warnings to *out. Returns
// InvalidInput at the root when there is no <channel> (RSS 2.0) or,
// through *first_unusable, lets the caller report a feed whose items were
// all unusable. REQUIRES: doc.root() is <rss> or <rdf:RDF>.
Status ReadRss(const XmlDocument& doc, const Input& input, ParseResult* out,
               std::optional<Diagnostic>* first_unusable);

}  // namespace wirepress::formats::syndication

#endif  // WIREPRESS_FORMATS_SYNDICATION_RSS_READER_H_
