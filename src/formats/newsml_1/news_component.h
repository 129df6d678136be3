// The NewsComponent tree of a NewsML 1 NewsItem, flattened: which
// components carry the text (headline lines, metadata, body) and which are
// media (photos, logos, video), and the body and pictures read from them.
//
// Agencies nest components freely: AFP puts everything in one component,
// ANA-MPA puts the body one level down under Role "Main", Business Wire
// spreads a release over components with Roles "HeadLine", "SubHeadLine",
// "Body", "Contact", "Photo", "Logo", "StyleSheet". The text of the story
// is what sits outside media components; the body is the ContentItem of
// the "Body"/"Main" component, else the first textual ContentItem.
//
// Thread-safety: values and pure functions over a pugixml tree.
#ifndef WIREPRESS_FORMATS_NEWSML_1_NEWS_COMPONENT_H_
#define WIREPRESS_FORMATS_NEWSML_1_NEWS_COMPONENT_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/story.h"

namespace wirepress::formats::newsml_1 {

struct ComponentTree {
  // Components that are not media, in document order (outermost first).
  std::vector<pugi::xml_node> text;
  // Components whose Role names a picture ("Photo", "Picture", "Image").
  std::vector<pugi::xml_node> photos;
};

// Walks every NewsComponent under `item` (a NewsItem).
ComponentTree CollectComponents(pugi::xml_node item);

// The first non-empty NewsLines/<line> among the text components, as
// collapsed text ("" when none has it): line is "HeadLine", "ByLine", ...
std::string FirstNewsLine(const ComponentTree& tree, std::string_view line);

// The first DescriptiveMetadata among the text components that has a
// `child` element; an empty node when none has.
pugi::xml_node FirstMetadataWith(const ComponentTree& tree, std::string_view child);

// The story body as sanitized HTML, "" when there is none.
std::string ReadBody(const ComponentTree& tree, std::string_view base_url);

// One picture per photo component: its widest image rendition that is at
// most 2048 pixels wide (else its narrowest); caption from its
// HeadLine/Caption, credit from its CreditLine.
std::vector<model::Picture> ReadPictures(const ComponentTree& tree, std::string_view base_url);

// DataContent (an embedded <nitf>, an XHTML <html>, other inline markup,
// or HTML/plain text as character data) as sanitized HTML.
std::string DataContentToHtml(pugi::xml_node data_content, std::string_view base_url);

}  // namespace wirepress::formats::newsml_1

#endif  // WIREPRESS_FORMATS_NEWSML_1_NEWS_COMPONENT_H_
