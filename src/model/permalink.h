// Permalinks and sections: where a story lives on the site.
//
// A story's path is fixed when its first version arrives and never changes
// afterwards, so updates replace the page in place:
//   /<section>/<yyyy>/<mm>/<dd>/<slug>-<8 hex of hash(key)>
// The hash keeps two stories with the same headline apart and makes the
// path computable without asking the store for an id.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_MODEL_PERMALINK_H_
#define WIREPRESS_MODEL_PERMALINK_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "model/story.h"

namespace wirepress::model {

// One section of the site and how stories are assigned to it.
struct SectionRule {
  std::string slug;  // "world"
  std::string name;  // "World"
  // A story belongs here when one of its subject codes starts with one of
  // these ("medtop:11", "subj:11", "apcategorycode:f") ...
  std::vector<std::string> subject_prefixes;
  // ... or one of its keywords/slugline words equals one of these
  // (case-insensitive).
  std::vector<std::string> keywords;
};

// The built-in sections (world, politics, business, technology, science,
// health, sports, entertainment) with IPTC subject/media-topic prefixes.
const std::vector<SectionRule>& DefaultSections();

// The slug of the first rule that matches, else `fallback`.
std::string AssignSection(const Story& story, const std::vector<SectionRule>& rules,
                          std::string_view fallback = "world");

// "/world/2019/05/15/pompeo-says-agreed-with-putin-on-syria-progress-1a2b3c4d"
// `key` is the story's StoryKey, the same for all its versions.
std::string StoryPath(std::string_view section, Timestamp published, std::string_view headline,
                      std::string_view key);

// Slug for a tag page: "Vladimir Putin" → "vladimir-putin".
std::string TagSlug(std::string_view tag);

}  // namespace wirepress::model

#endif  // WIREPRESS_MODEL_PERMALINK_H_
