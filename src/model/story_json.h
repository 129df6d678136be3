// Story <-> JSON, in ninjs 1.x key names (uri, version, type, pubstatus,
// urgency, headline, byline, located, firstcreated, versioncreated,
// embargoed, language, subject[{code,name,scheme}], keywords,
// description_text, body_html) plus wirepress' own: slugline, signals,
// key (only when set: model::Story::key), agency, dateline{place,country,date,agency},
// pictures, correction_note, source, format. Empty fields are left out.
// This is what `wirepress parse` prints, what the JSON API serves and what
// the store keeps as the body of a revision.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_MODEL_STORY_JSON_H_
#define WIREPRESS_MODEL_STORY_JSON_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/story.h"

namespace wirepress::model {

// One line of JSON, no trailing newline. Always valid UTF-8 (invalid bytes
// in the story become U+FFFD).
std::string StoryToJson(const Story& story);

// For tests: the reference StoryToJson must match byte for byte (the
// same story through a nlohmann::json tree, keys sorted).
std::string StoryToJsonForTest(const Story& story);

// Parses what StoryToJson wrote. Unknown keys are ignored. InvalidInput
// names the offending key.
Result<Story> StoryFromJson(std::string_view json);

// "update,correction" for the signals set; "" for none.
std::string SignalsToString(Signal s);
Signal SignalsFromString(std::string_view s);

}  // namespace wirepress::model

#endif  // WIREPRESS_MODEL_STORY_JSON_H_
