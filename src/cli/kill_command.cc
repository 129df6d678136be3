// `wirepress kill URI|PATH --reason TEXT`: withdraws a story from every
// output. Its URL answers 410 from then on, and re-deliveries are refused.
// A running `serve` on the same database picks the change up within a
// second (ingest/change_follower.h).
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.h"

namespace wirepress::cli {
namespace {

struct KillFlags {
  std::string key;
  std::string reason;
};

Result<int> Kill(Context& ctx, const KillFlags& flags) {
  WP_ASSIGN_OR_RETURN(store::PutOutcome outcome,
                      ctx.store->Kill(flags.key, flags.reason, ctx.clock->Now()));
  *ctx.out << store::PutActionName(outcome.action) << "\t" << outcome.record.path << "\t"
           << outcome.record.story.uri << "\n";
  return 0;
}

}  // namespace

Runner SetupKillCommand(CLI::App* cmd) {
  auto flags = std::make_shared<KillFlags>();
  cmd->add_option("STORY", flags->key, "The story's agency uri or its URL path")->required();
  cmd->add_option("--reason", flags->reason, "Why it is withdrawn (kept with the story)")
      ->required();
  return [flags](Context& ctx) { return Kill(ctx, *flags); };
}

}  // namespace wirepress::cli
