// `wirepress ingest FILE|DIR...`: runs each file (folders: every file in
// them, recursively, in name order) through the ingest pipeline into the
// store and prints what happened to each story. The files stay where they
// are; the inbox and its processed/failed archive belong to `serve`.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "base/strings.h"
#include "cli/commands.h"
#include "ingest/pipeline.h"
#include "ingest/spool.h"

namespace wirepress::cli {
namespace {

// Appends `path` (a file) or the files under it (a folder) to `out`.
Status CollectFiles(FileSystem& fs, const std::string& path, std::vector<std::string>* out) {
  WP_ASSIGN_OR_RETURN(FileInfo info, fs.Stat(path));
  if (!info.exists) return Status::NotFound(path, "no such file or folder");
  if (!info.is_directory) {
    out->push_back(path);
    return Status::Ok();
  }
  WP_ASSIGN_OR_RETURN(std::vector<std::string> names, fs.ListDir(path));
  for (const std::string& name : names) {
    if (ingest::Spool::IsIgnoredName(name)) continue;
    WP_RETURN_IF_ERROR(CollectFiles(fs, JoinPath(path, name), out));
  }
  return Status::Ok();
}

// Ingests one file and reports it; returns false when it failed.
bool IngestOne(Context& ctx, ingest::Pipeline& pipeline, const std::string& file) {
  Result<std::string> bytes = ctx.fs->ReadFile(file);
  Result<ingest::IngestReport> report =
      bytes.ok() ? pipeline.Ingest({file, *bytes, ""}) : Result<ingest::IngestReport>(bytes.status());
  if (!report.ok()) {
    *ctx.err << report.status().message() << "\n";
    return false;
  }
  for (const formats::Diagnostic& w : report->warnings) *ctx.err << "warning: " << w.ToString() << "\n";
  for (const store::PutOutcome& o : report->outcomes) {
    *ctx.out << store::PutActionName(o.action) << "\t" << o.record.path << "\t"
             << o.record.story.headline << "\n";
  }
  return true;
}

}  // namespace

Runner SetupIngestCommand(CLI::App* cmd) {
  auto paths = std::make_shared<std::vector<std::string>>();
  cmd->add_option("PATH", *paths, "Wire files or folders of them")->required();
  return [paths](Context& ctx) -> Result<int> {
    std::vector<std::string> files;
    for (const std::string& p : *paths) WP_RETURN_IF_ERROR(CollectFiles(*ctx.fs, p, &files));
    ingest::Pipeline pipeline(ctx.config.ingest, &ctx.formats, ctx.store.get(), ctx.clock);
    int failed = 0;
    for (const std::string& f : files) failed += IngestOne(ctx, pipeline, f) ? 0 : 1;
    *ctx.err << files.size() - failed << " of " << files.size() << " files ingested\n";
    return failed == 0 ? 0 : 1;
  };
}

}  // namespace wirepress::cli
