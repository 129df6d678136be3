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

// Reports one file's result; returns false when it failed.
bool Report(Context& ctx, const Result<ingest::IngestReport>& report) {
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

// Files per batch: one Store::PutBatch (one commit on SQLite) each, the
// spool's default.
const size_t kBatchFiles = static_cast<size_t>(ingest::SpoolOptions{}.max_batch_files);

// Up to kBatchFiles files as read; `inputs` view `files` and `bytes`, and
// hold only the files that could be read (those whose bytes[i] is ok).
struct FileBatch {
  std::vector<std::string> files;
  std::vector<Result<std::string>> bytes;
  std::vector<formats::Input> inputs;
};

}  // namespace

Runner SetupIngestCommand(CLI::App* cmd) {
  auto paths = std::make_shared<std::vector<std::string>>();
  cmd->add_option("PATH", *paths, "Wire files or folders of them")->required();
  return [paths](Context& ctx) -> Result<int> {
    std::vector<std::string> files;
    for (const std::string& p : *paths) WP_RETURN_IF_ERROR(CollectFiles(*ctx.fs, p, &files));
    ingest::Pipeline pipeline(ctx.config.ingest, &ctx.formats, ctx.store.get(), ctx.clock);
    int failed = 0;
    // In batches, the next read and parsed while this one commits; each
    // file is reported in order, exactly as when ingested alone.
    size_t next = 0;
    pipeline.IngestStream<FileBatch>(
        [&]() -> std::unique_ptr<FileBatch> {
          if (next == files.size()) return nullptr;
          auto batch = std::make_unique<FileBatch>();
          for (; next < files.size() && batch->files.size() < kBatchFiles; ++next) {
            batch->files.push_back(files[next]);
            batch->bytes.push_back(ctx.fs->ReadFile(files[next]));
          }
          for (size_t i = 0; i < batch->files.size(); ++i) {
            if (batch->bytes[i].ok()) batch->inputs.push_back({batch->files[i], *batch->bytes[i], ""});
          }
          return batch;
        },
        [&](FileBatch& batch, std::vector<Result<ingest::IngestReport>>& reports) {
          size_t k = 0;
          for (size_t i = 0; i < batch.files.size(); ++i) {
            bool ok = batch.bytes[i].ok() ? Report(ctx, reports[k++])
                                          : Report(ctx, Result<ingest::IngestReport>(batch.bytes[i].status()));
            failed += ok ? 0 : 1;
          }
        });
    *ctx.err << files.size() - failed << " of " << files.size() << " files ingested\n";
    return failed == 0 ? 0 : 1;
  };
}

}  // namespace wirepress::cli
