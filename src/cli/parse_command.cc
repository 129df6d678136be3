// `wirepress parse FILE...`: one JSON object per story per line (ninjs 1.x
// keys plus agency and dateline), in file order. Parse errors go to stderr
// with the full diagnostic; the exit code is 1 if any file failed.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "model/story_json.h"

namespace wirepress::cli {
namespace {

// Prints the stories of one file; returns false when it could not be parsed.
bool ParseOne(Context& ctx, const std::string& path) {
  Result<std::string> bytes = ctx.fs->ReadFile(path);
  if (!bytes.ok()) {
    *ctx.err << bytes.status().message() << "\n";
    return false;
  }
  Result<formats::ParseResult> parsed = ctx.formats.Parse({path, *bytes, ""});
  if (!parsed.ok()) {
    *ctx.err << parsed.status().message() << "\n";
    return false;
  }
  for (const formats::Diagnostic& w : parsed->warnings) *ctx.err << "warning: " << w.ToString() << "\n";
  for (const model::Story& s : parsed->stories) *ctx.out << model::StoryToJson(s) << "\n";
  return true;
}

}  // namespace

Runner SetupParseCommand(CLI::App* cmd) {
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("FILE", *files, "Wire files in any supported format (sniffed from content)")
      ->required();
  return [files](Context& ctx) -> Result<int> {
    bool all_ok = true;
    for (const std::string& f : *files) all_ok = ParseOne(ctx, f) && all_ok;
    ctx.out->flush();
    return all_ok ? 0 : 1;
  };
}

}  // namespace wirepress::cli
