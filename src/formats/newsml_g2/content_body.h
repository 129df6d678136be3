// ContentBody: the text of a NewsML-G2 item's <contentSet> as HTML.
//
// Agencies carry the body in one of three ways, all seen in the corpus:
//   - <inlineXML> holding XHTML (<html><body>…, Reuters, dpa, STT, IPTC);
//   - <inlineXML> holding an NITF document (AP, Scoop, IPTC Listing 2),
//     whose <body.head> (hl1, byline, abstract) is kept as the first
//     paragraphs, as the agency laid it out;
//   - <inlineData> with plain text, or with HTML in CDATA even when it is
//     labelled text/plain (ANSA).
// The body returned here is NOT sanitized yet: the caller passes `html`
// through SanitizeHtml and `markup` through SanitizeXmlChildren, together
// with the item's base URL. Parsed XHTML stays a tree (`markup`) rather
// than being serialised for the sanitizer to parse again.
//
// Thread-safety: pure functions over a document the caller does not share.
#ifndef WIREPRESS_FORMATS_NEWSML_G2_CONTENT_BODY_H_
#define WIREPRESS_FORMATS_NEWSML_G2_CONTENT_BODY_H_

#include <pugixml.hpp>
#include <string>
#include <vector>

#include "formats/xml_reader.h"

namespace wirepress::formats::newsml_g2 {

// Hostile input guard: bodies nested deeper than this are refused, since
// the serialisers and the sanitizer walk the tree recursively.
inline constexpr int kMaxBodyDepth = 200;

struct ContentBody {
  std::string html;      // unsanitized; "" when the item carries no text
  // Parsed XHTML whose children make up the rest of the body, after `html`
  // (which then holds only complete block elements: the NITF head).
  std::vector<pugi::xml_node> markup;
  std::string headline;  // NITF hl1 (or head/title), for items without one
  std::string byline;    // NITF byline text
  std::string abstract;  // NITF abstract text
  // The element nested deeper than kMaxBodyDepth, when one was found (the
  // html is then empty). The caller turns it into an error at that node.
  pugi::xml_node too_deep;
};

// Reads the first inlineXML rendition with text, else the first inlineData.
// Returns an empty ContentBody when content_set is empty or absent. With
// the document, bodies whose text cannot nest past kMaxBodyDepth skip the
// depth walk.
ContentBody ReadContentBody(pugi::xml_node content_set, const XmlDocument* doc = nullptr);

// The NITF <nitf> element (or its <body>) as HTML; head parts filled in.
ContentBody NitfToHtml(pugi::xml_node nitf);

}  // namespace wirepress::formats::newsml_g2

#endif  // WIREPRESS_FORMATS_NEWSML_G2_CONTENT_BODY_H_
