// ItemReader: one NewsML-G2 <newsItem> or <packageItem> to a model::Story.
//
// The mapping, field by field, is in doc/formats/newsml-g2.md. In short:
// identity from @guid/@version/itemClass, lifecycle from itemMeta
// (versionCreated, firstCreated, embargoed, pubStatus, signal), editorial
// metadata from contentMeta, the body from contentSet (content_body.h),
// pictures from image renditions in contentSet.
//
// Reading never fails on missing or odd metadata: a missing field stays
// empty, an unreadable one is skipped with a warning pointing at it. The
// only error is a body too deeply nested to process safely.
//
// Thread-safety: pure functions over a document the caller does not share.
#ifndef WIREPRESS_FORMATS_NEWSML_G2_ITEM_READER_H_
#define WIREPRESS_FORMATS_NEWSML_G2_ITEM_READER_H_

#include <pugixml.hpp>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "formats/diagnostic.h"
#include "formats/xml_reader.h"
#include "model/story.h"

namespace wirepress::formats::newsml_g2 {

// What an item needs from around it.
struct ItemContext {
  const XmlDocument* doc = nullptr;             // for diagnostics; must outlive the call
  std::string_view base_url;                    // resolves relative links and image hrefs
  int default_urgency = 0;                      // the newsMessage header's <priority>
  std::vector<Diagnostic>* warnings = nullptr;  // appended to; may be null
};

// Returns the story, or InvalidInput pointing into the body when it is
// nested deeper than kMaxBodyDepth. source and format are left empty.
Result<model::Story> ReadItem(pugi::xml_node item, const ItemContext& ctx);
// The same, read into *story where the caller keeps it (a message's stories
// are built in place in their vector rather than moved there). On error
// *story holds what was read before it.
// REQUIRES: *story is default-constructed.
Status ReadItem(pugi::xml_node item, const ItemContext& ctx, model::Story* story);

// "London (dpa) - " → place "London", agency "dpa"; "MARCH 04, 2013" and
// "2014-07-17 00:24:11 GMT+00:00" → date; "FORT WASHINGTON, Pa." → place.
model::Dateline ParseDatelineText(std::string_view text);

// The signals named by a signal qcode ("sig:update", Reuters "edStat:C"),
// or kNone for codes that carry no editorial signal ("sig:routing").
model::Signal SignalFromQcode(std::string_view qcode);

// Signals agencies write into the slugline or headline rather than as
// codes: AP "1st Ld-Writethru", Reuters "CORRECTED-…", "UPDATE 2-…".
model::Signal SignalFromText(std::string_view slugline, std::string_view headline);

}  // namespace wirepress::formats::newsml_g2

#endif  // WIREPRESS_FORMATS_NEWSML_G2_ITEM_READER_H_
