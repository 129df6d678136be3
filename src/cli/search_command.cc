// `wirepress search QUERY...`: the live stories matching all the words,
// best first: "path<TAB>headline" per line, or JSON lines with --json.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "base/strings.h"
#include "cli/commands.h"
#include "model/story_json.h"

namespace wirepress::cli {
namespace {

struct SearchFlags {
  std::vector<std::string> words;
  int limit = 20;
  bool json = false;
};

Result<int> Search(Context& ctx, const SearchFlags& flags) {
  store::SearchQuery q;
  q.text = Join(flags.words, " ");
  q.limit = flags.limit;
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> hits, ctx.store->Search(q));
  for (const store::StoryRecord& r : hits) {
    if (flags.json) {
      *ctx.out << model::StoryToJson(r.story) << "\n";
    } else {
      *ctx.out << r.path << "\t" << r.story.headline << "\n";
    }
  }
  if (hits.empty()) *ctx.err << "no story matches '" << q.text << "'\n";
  return hits.empty() ? 1 : 0;
}

}  // namespace

Runner SetupSearchCommand(CLI::App* cmd) {
  auto flags = std::make_shared<SearchFlags>();
  cmd->add_option("QUERY", flags->words, "Words that must all match")->required();
  cmd->add_option("--limit", flags->limit, "At most this many results (default 20)");
  cmd->add_flag("--json", flags->json, "Print each story as JSON");
  return [flags](Context& ctx) { return Search(ctx, *flags); };
}

}  // namespace wirepress::cli
