#include "cli/story_action.h"

#include <ostream>

#include "model/story.h"

namespace wirepress::cli {

Result<int> RunStoryAction(
    Context& ctx, const std::string& story,
    const std::function<Result<store::PutOutcome>(const std::string& key)>& action) {
  Result<store::PutOutcome> outcome = action(story);
  if (!outcome.ok() && outcome.status().code() == StatusCode::kNotFound) {
    std::string key = ctx.formats.VersionKeyForGuid(story);
    if (!key.empty() && key != story) {
      Result<store::PutOutcome> by_key = action(key);
      if (by_key.ok() || by_key.status().code() != StatusCode::kNotFound) {
        outcome = std::move(by_key);
      }
    }
  }
  if (!outcome.ok()) return outcome.status();
  *ctx.out << store::PutActionName(outcome->action) << "\t" << outcome->record.path << "\t"
           << model::StoryKey(outcome->record.story) << "\n";
  return 0;
}

}  // namespace wirepress::cli
