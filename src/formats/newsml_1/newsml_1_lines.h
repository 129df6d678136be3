// NewsML 1 NewsLines and places: headline, byline, dateline, slug and
// standfirst from the NewsLines of the text components, the place from
// DescriptiveMetadata/Location, and editorial instructions as signals.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_FORMATS_NEWSML_1_NEWSML_1_LINES_H_
#define WIREPRESS_FORMATS_NEWSML_1_NEWSML_1_LINES_H_

#include <pugixml.hpp>
#include <string_view>

#include "formats/newsml_1/news_component.h"
#include "model/story.h"

namespace wirepress::formats::newsml_1 {

// Fills headline, byline, slugline, description_text (SubHeadLine),
// keywords (KeywordLine) and dateline from the components' NewsLines.
void ParseNewsLines(const ComponentTree& tree, model::Story* story);

// "STOCKHOLM, Aug 29, 2014 (AFP) -" → {STOCKHOLM, "", "Aug 29, 2014", AFP};
// "ROUND ROCK, Texas" → {ROUND ROCK, Texas, "", ""}; "4/4/2018" → date only.
model::Dateline ParseDatelineText(std::string_view text);

// Fills located (and the dateline's place/country when the DateLine did
// not give them) from <Location> or City/Country properties of `meta` (a
// DescriptiveMetadata element; may be empty).
void ReadPlace(pugi::xml_node meta, model::Story* story);

// An <Instruction FormalName="..."> as a lifecycle signal ("Kill",
// "Correction", "Update"/"Rectification"...); kNone when unknown.
model::Signal InstructionSignal(std::string_view formal_name);

}  // namespace wirepress::formats::newsml_1

#endif  // WIREPRESS_FORMATS_NEWSML_1_NEWSML_1_LINES_H_
