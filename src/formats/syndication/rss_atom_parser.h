// Syndication feeds as wire input: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0,
// Atom 0.3 and Atom 1.0 (format "rss-atom"), one Story per item/entry.
// Field mapping: doc/formats/rss-atom.md.
//
// Sniffing looks at the root element only: <rss>, <rdf:RDF> with an RSS
// namespace and <feed> in an Atom namespace are certain; an <rdf:RDF> or
// <feed> without one is a maybe.
//
// Bodies (content:encoded, Atom content, else description) are sanitized
// with relative URLs resolved against xml:base, else the feed's own link,
// else Input::base_url. Unknown date forms are warnings. Items with no
// title and no content are skipped with a warning; a feed whose items are
// all like that is an error. A feed with no items is OK and empty.
//
// Thread-safety: immutable; see formats/format.h.
#ifndef WIREPRESS_FORMATS_SYNDICATION_RSS_ATOM_PARSER_H_
#define WIREPRESS_FORMATS_SYNDICATION_RSS_ATOM_PARSER_H_

#include <memory>

#include "formats/format.h"

namespace wirepress::formats::syndication {

std::unique_ptr<FeedParser> NewRssAtomParser();

}  // namespace wirepress::formats::syndication

#endif  // WIREPRESS_FORMATS_SYNDICATION_RSS_ATOM_PARSER_H_
