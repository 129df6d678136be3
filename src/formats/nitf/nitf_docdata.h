// NITF document metadata: what <head> (docdata, tobject, meta, pubdata)
// says about a story — identity, version, times, urgency, lifecycle
// signals, subjects, keywords, slug and agency. The text of the story
// (hedline, byline, dateline, body) is read by nitf_parser.cc.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_NITF_NITF_DOCDATA_H_
#define WIREPRESS_FORMATS_NITF_NITF_DOCDATA_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "formats/diagnostic.h"
#include "formats/xml_reader.h"
#include "model/story.h"

namespace wirepress::formats::nitf {

// Fills uri, version, urgency, pubstatus, signals, correction_note,
// firstcreated/versioncreated/embargoed, subjects, keywords and slugline
// from `head` (the <head> element; may be empty). Dates in a form no parser
// knows, or without a time zone (taken as UTC), add a warning pointing at
// the attribute's element.
void ReadDocdata(const XmlDocument& doc, pugi::xml_node head, model::Story* story,
                 std::vector<Diagnostic>* warnings);

// The credit line's agency: doc.copyright/@holder, doc-id/@regsrc,
// rights.owner or distributor, shortened to the usual credit ("Agence
// France Presse" → "AFP"). "" when none is given.
std::string ReadAgency(pugi::xml_node root);

// "Australian Associated Press" → "AAP"; unknown names are returned as is.
std::string ShortAgencyName(std::string_view name);

}  // namespace wirepress::formats::nitf

#endif  // WIREPRESS_FORMATS_NITF_NITF_DOCDATA_H_
