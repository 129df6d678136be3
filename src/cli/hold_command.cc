// `wirepress hold URI|PATH [--reason TEXT]` takes a story off every output
// until `wirepress release URI|PATH` puts it back (store::Store::Hold,
// ReleaseHold). Unlike a kill, a hold can be undone, and the story keeps
// taking newer versions meanwhile. A running `serve` on the same database
// picks the change up within a second (ingest/change_follower.h).
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.h"

namespace wirepress::cli {
namespace {

struct HoldFlags {
  std::string key;
  std::string reason;
};

Result<int> Print(Context& ctx, const store::PutOutcome& outcome) {
  *ctx.out << store::PutActionName(outcome.action) << "\t" << outcome.record.path << "\t"
           << outcome.record.story.uri << "\n";
  return 0;
}

}  // namespace

Runner SetupHoldCommand(CLI::App* cmd) {
  auto flags = std::make_shared<HoldFlags>();
  cmd->add_option("STORY", flags->key, "The story's agency uri or its URL path")->required();
  cmd->add_option("--reason", flags->reason, "Why it is held (shown on the admin page)");
  return [flags](Context& ctx) -> Result<int> {
    WP_ASSIGN_OR_RETURN(store::PutOutcome outcome,
                        ctx.store->Hold(flags->key, flags->reason, ctx.clock->Now()));
    return Print(ctx, outcome);
  };
}

Runner SetupReleaseCommand(CLI::App* cmd) {
  auto flags = std::make_shared<HoldFlags>();
  cmd->add_option("STORY", flags->key, "The story's agency uri or its URL path")->required();
  return [flags](Context& ctx) -> Result<int> {
    WP_ASSIGN_OR_RETURN(store::PutOutcome outcome,
                        ctx.store->ReleaseHold(flags->key, ctx.clock->Now()));
    return Print(ctx, outcome);
  };
}

}  // namespace wirepress::cli
