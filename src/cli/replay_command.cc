// `wirepress replay NAME... | --all | --list`: moves failed inputs
// (DATA/failed/NAME) back into the inbox, where a running `serve` ingests
// them again; --list shows each failed input with its reason.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "ingest/archive.h"

namespace wirepress::cli {
namespace {

struct ReplayFlags {
  std::vector<std::string> names;
  bool all = false;
  bool list = false;
};

Result<int> List(Context& ctx, ingest::InputArchive& archive) {
  WP_ASSIGN_OR_RETURN(std::vector<std::string> failed, archive.ListFailed());
  for (const std::string& name : failed) {
    Result<std::string> reason = archive.FailureReason(name);
    *ctx.out << name << "\n" << (reason.ok() ? *reason : "(no reason recorded)\n") << "\n";
  }
  return 0;
}

Result<int> Replay(Context& ctx, const ReplayFlags& flags) {
  ingest::InputArchive archive(ctx.config.data_dir, ctx.fs, ctx.clock);
  if (flags.list) return List(ctx, archive);
  std::vector<std::string> names = flags.names;
  if (flags.all) {
    WP_ASSIGN_OR_RETURN(names, archive.ListFailed());
  }
  if (names.empty()) {
    *ctx.err << "nothing to replay: name failed inputs, or use --all (see --list)\n";
    return flags.all ? 0 : 2;
  }
  for (const std::string& name : names) {
    WP_ASSIGN_OR_RETURN(std::string path, archive.Replay(name, ctx.config.InboxDir()));
    *ctx.out << "replayed\t" << path << "\n";
  }
  return 0;
}

}  // namespace

Runner SetupReplayCommand(CLI::App* cmd) {
  auto flags = std::make_shared<ReplayFlags>();
  cmd->add_option("NAME", flags->names, "Failed input file names (as in DATA/failed/)");
  cmd->add_flag("--all", flags->all, "Replay every failed input");
  cmd->add_flag("--list", flags->list, "List failed inputs with their reasons instead");
  return [flags](Context& ctx) { return Replay(ctx, *flags); };
}

}  // namespace wirepress::cli
