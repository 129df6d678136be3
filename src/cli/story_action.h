// The operator commands' shared part (kill, hold, release): finding the
// story an operator names, and printing the result.
#ifndef WIREPRESS_CLI_STORY_ACTION_H_
#define WIREPRESS_CLI_STORY_ACTION_H_

#include <functional>
#include <string>

#include "cli/app.h"

namespace wirepress::cli {

// Runs `action` on the story `story` names: its key (model::StoryKey,
// what these commands print), its URL path, or the guid of any of its
// versions as the agency shows it (NewsML 1.2's PublicIdentifier ends in
// the revision): on NotFound, the key the formats give for that guid
// (formats::FormatRegistry::VersionKeyForGuid) is tried. Prints
// "<action>\t<path>\t<key>".
Result<int> RunStoryAction(
    Context& ctx, const std::string& story,
    const std::function<Result<store::PutOutcome>(const std::string& key)>& action);

// The STORY argument's help.
inline constexpr const char* kStoryHelp =
    "The story: its key as these commands print it, its URL path, or the agency guid of any "
    "of its versions";

}  // namespace wirepress::cli

#endif  // WIREPRESS_CLI_STORY_ACTION_H_
