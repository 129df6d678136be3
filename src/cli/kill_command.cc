// `wirepress kill STORY --reason TEXT` (STORY: cli/story_action.h):
// withdraws a story from every output. Its URL answers 410 from then on,
// and re-deliveries are refused.
// A running `serve` on the same database picks the change up within a
// second (ingest/change_follower.h).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "cli/story_action.h"

namespace wirepress::cli {
namespace {

struct KillFlags {
  std::string key;
  std::string reason;
};

}  // namespace

Runner SetupKillCommand(CLI::App* cmd) {
  auto flags = std::make_shared<KillFlags>();
  cmd->add_option("STORY", flags->key, kStoryHelp)->required();
  cmd->add_option("--reason", flags->reason, "Why it is withdrawn (kept with the story)")
      ->required();
  return [flags](Context& ctx) -> Result<int> {
    return RunStoryAction(ctx, flags->key, [&](const std::string& key) {
      return ctx.store->Kill(key, flags->reason, ctx.clock->Now());
    });
  };
}

}  // namespace wirepress::cli
