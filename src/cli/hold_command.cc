// `wirepress hold STORY [--reason TEXT]` takes a story off every output
// until `wirepress release STORY` puts it back (store::Store::Hold,
// ReleaseHold). Unlike a kill, a hold can be undone, and the story keeps
// taking newer versions meanwhile. A running `serve` on the same database
// picks the change up within a second (ingest/change_follower.h).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "cli/story_action.h"

namespace wirepress::cli {
namespace {

struct HoldFlags {
  std::string key;
  std::string reason;
};

}  // namespace

Runner SetupHoldCommand(CLI::App* cmd) {
  auto flags = std::make_shared<HoldFlags>();
  cmd->add_option("STORY", flags->key, kStoryHelp)->required();
  cmd->add_option("--reason", flags->reason, "Why it is held (shown on the admin page)");
  return [flags](Context& ctx) -> Result<int> {
    return RunStoryAction(ctx, flags->key, [&](const std::string& key) {
      return ctx.store->Hold(key, flags->reason, ctx.clock->Now());
    });
  };
}

Runner SetupReleaseCommand(CLI::App* cmd) {
  auto flags = std::make_shared<HoldFlags>();
  cmd->add_option("STORY", flags->key, kStoryHelp)->required();
  return [flags](Context& ctx) -> Result<int> {
    return RunStoryAction(ctx, flags->key, [&](const std::string& key) {
      return ctx.store->ReleaseHold(key, ctx.clock->Now());
    });
  };
}

}  // namespace wirepress::cli
