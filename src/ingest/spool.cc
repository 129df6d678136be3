#include "ingest/spool.h"

#include <algorithm>
#include <chrono>

#include "base/logging.h"
#include "base/strings.h"
#include "store/store.h"

namespace wirepress::ingest {
namespace {

// After a watch error (rare: the inbox was removed, fd trouble) wait this
// long before trying again, so a persistent fault does not spin a core.
constexpr auto kErrorBackoff = std::chrono::seconds(1);

std::string Summary(const IngestReport& report) {
  std::string actions;
  for (const store::PutOutcome& o : report.outcomes) {
    if (!actions.empty()) actions += ',';
    actions += store::PutActionName(o.action);
  }
  return actions;
}

}  // namespace

bool Spool::IsIgnoredName(std::string_view name) {
  return name.empty() || name.front() == '.' || EndsWith(name, ".tmp") ||
         EndsWith(name, ".part") || EndsWith(name, "~") ||
         name.find(".tmp.") != std::string_view::npos;
}

Spool::Spool(const SpoolOptions& options, Pipeline* pipeline, FileSystem* fs,
             const Clock* clock)
    : options_(options),
      pipeline_(pipeline),
      fs_(fs),
      clock_(clock),
      archive_(options.data_dir, fs, clock) {}

Spool::~Spool() { Stop(); }

Result<SpoolFileResult> Spool::ProcessFile(const std::string& name) {
  SpoolFileResult result;
  if (IsIgnoredName(name)) return result;
  std::string path = JoinPath(options_.inbox_dir, name);
  WP_ASSIGN_OR_RETURN(FileInfo info, fs_->Stat(path));
  if (!info.exists || info.is_directory) return result;
  Result<std::string> bytes = fs_->ReadFile(path);
  if (!bytes.ok() && bytes.status().code() == StatusCode::kNotFound) return result;
  if (!bytes.ok()) return bytes.status();
  Result<IngestReport> report = pipeline_->Ingest({path, *bytes, ""});
  return Archive(name, path, info, report);
}

Status Spool::StillTheFileRead(const std::string& name, const std::string& path,
                               const FileInfo& read) {
  // Stat before the read, compared here: a file renamed over this name
  // while the one read was being ingested stays in the inbox, to be read
  // in its turn, instead of being archived unread.
  WP_ASSIGN_OR_RETURN(FileInfo now, fs_->Stat(path));
  if (!FileChanged(read, now)) return Status::Ok();
  LogWarn("spool.replaced", {{"file", name}, {"action", "left in the inbox to be read again"}});
  return Status::Unavailable(path, "replaced while it was being ingested");
}

Result<SpoolFileResult> Spool::Archive(const std::string& name, const std::string& path,
                                       const FileInfo& read,
                                       const Result<IngestReport>& report) {
  WP_RETURN_IF_ERROR(StillTheFileRead(name, path, read));
  SpoolFileResult result;
  if (report.ok()) {
    WP_ASSIGN_OR_RETURN(result.archived_path, archive_.MoveToProcessed(path));
    result.disposition = SpoolDisposition::kProcessed;
    LogInfo("spool.processed", {{"file", name},
                                {"actions", Summary(*report)},
                                {"moved_to", result.archived_path}});
    for (const formats::Diagnostic& w : report->warnings) {
      LogWarn("spool.warning", {{"file", name}, {"warning", w.ToString()}});
    }
    return result;
  }
  // Not the input's fault (store down, disk error): it stays for a retry.
  if (report.status().code() != StatusCode::kInvalidInput) return report.status();
  WP_ASSIGN_OR_RETURN(result.archived_path, archive_.MoveToFailed(path, report.status()));
  result.disposition = SpoolDisposition::kFailed;
  result.error = report.status();
  LogWarn("spool.failed", {{"file", name},
                           {"moved_to", result.archived_path},
                           {"error", report.status().message()}});
  return result;
}

Result<SpoolStats> Spool::ProcessAll(bool only_settled) {
  WP_ASSIGN_OR_RETURN(std::vector<std::string> names, fs_->ListDir(options_.inbox_dir));
  std::vector<std::string> todo;
  Timestamp settled_before{clock_->Now().seconds - options_.settle_seconds};
  for (const std::string& name : names) {
    if (IsIgnoredName(name)) continue;
    if (only_settled) {
      WP_ASSIGN_OR_RETURN(FileInfo info, fs_->Stat(JoinPath(options_.inbox_dir, name)));
      if (info.modified > settled_before) continue;
    }
    todo.push_back(name);
  }
  SpoolStats stats;
  ProcessNames(todo, &stats);
  return stats;
}

// A batch of inbox files as read: `inputs` view `paths` and `bytes`, which
// the batch owns and which IngestStream never moves.
struct Spool::Batch {
  std::vector<std::string> names, paths, bytes;
  std::vector<FileInfo> infos;  // as each file was before it was read
  std::vector<formats::Input> inputs;
  int retried_later = 0;  // files that could not be read
};

void Spool::ProcessNames(const std::vector<std::string>& names, SpoolStats* stats) {
  // The next batch is read and parsed on a worker thread while this one
  // commits (Pipeline::IngestStream). Each file still leaves the inbox only
  // after the commit of its own batch: archiving runs in `done`.
  size_t next = 0;
  pipeline_->IngestStream<Batch>(
      [&]() -> std::unique_ptr<Batch> {
        if (stopping_) return nullptr;
        return ReadBatch(names, &next);
      },
      [&](Batch& batch, std::vector<Result<IngestReport>>& reports) {
        stats->retried_later += batch.retried_later;
        ArchiveBatch(batch, reports, stats);
      });
}

std::unique_ptr<Spool::Batch> Spool::ReadBatch(const std::vector<std::string>& names,
                                               size_t* next) {
  auto batch = std::make_unique<Batch>();
  std::int64_t deadline = clock_->MonotonicMicros() + options_.max_batch_millis * 1000ll;
  size_t max_files = static_cast<size_t>(std::max(1, options_.max_batch_files));
  while (*next < names.size() && batch->names.size() < max_files &&
         (batch->names.empty() || clock_->MonotonicMicros() < deadline)) {
    const std::string& name = names[(*next)++];
    if (IsIgnoredName(name)) continue;
    std::string path = JoinPath(options_.inbox_dir, name);
    Result<FileInfo> info = fs_->Stat(path);
    if (info.ok() && (!info->exists || info->is_directory)) continue;  // gone: done earlier
    Result<std::string> data =
        info.ok() ? fs_->ReadFile(path) : Result<std::string>(info.status());
    if (!data.ok() && data.status().code() == StatusCode::kNotFound) continue;
    if (!data.ok()) {
      ++batch->retried_later;
      LogError("spool.retry_later", {{"file", name}, {"error", data.status().message()}});
      continue;
    }
    batch->names.push_back(name);
    batch->infos.push_back(*info);
    batch->paths.push_back(std::move(path));
    batch->bytes.push_back(std::move(data).value());
  }
  if (batch->names.empty() && batch->retried_later == 0) return nullptr;
  batch->inputs.reserve(batch->names.size());
  for (size_t i = 0; i < batch->names.size(); ++i) {
    batch->inputs.push_back({batch->paths[i], batch->bytes[i], ""});
  }
  return batch;
}

void Spool::ArchiveBatch(const Batch& batch, const std::vector<Result<IngestReport>>& reports,
                         SpoolStats* stats) {
  for (size_t i = 0; i < batch.names.size(); ++i) {
    Result<SpoolFileResult> r =
        Archive(batch.names[i], batch.paths[i], batch.infos[i], reports[i]);
    if (!r.ok()) {
      ++stats->retried_later;
      LogError("spool.retry_later", {{"file", batch.names[i]}, {"error", r.status().message()}});
      continue;
    }
    if (r->disposition == SpoolDisposition::kProcessed) ++stats->processed;
    if (r->disposition == SpoolDisposition::kFailed) ++stats->failed;
  }
}

Result<std::string> Spool::Replay(std::string_view name) {
  return archive_.Replay(name, options_.inbox_dir);
}

Status Spool::Start() {
  WP_RETURN_IF_ERROR(fs_->MakeDirs(options_.inbox_dir));
  WP_ASSIGN_OR_RETURN(watcher_, InboxWatcher::Open(options_.inbox_dir));
  stopping_ = false;
  thread_ = std::thread([this] { WatchLoop(); });
  return Status::Ok();
}

void Spool::Stop() {
  stopping_ = true;
  if (watcher_) watcher_->Interrupt();
  if (thread_.joinable()) thread_.join();
  watcher_.reset();
}

void Spool::WatchLoop() {
  // The watch is already set up, so a file arriving during this first scan
  // is either listed here or reported as an event: none is missed.
  Result<SpoolStats> first = ProcessAll(false);
  if (!first.ok()) LogError("spool.scan", {{"error", first.status().message()}});
  std::int64_t last_scan = clock_->MonotonicMicros();
  while (!stopping_) {
    Result<WatchEvents> events = watcher_->Wait(options_.rescan_interval_ms);
    if (stopping_) break;
    if (!events.ok()) {
      LogError("spool.watch", {{"error", events.status().message()}});
      std::this_thread::sleep_for(kErrorBackoff);
      continue;
    }
    HandleEvents(*events);
    std::int64_t now = clock_->MonotonicMicros();
    if (events->overflowed || now - last_scan >= options_.rescan_interval_ms * 1000ll) {
      Result<SpoolStats> s = ProcessAll(true);
      if (!s.ok()) LogError("spool.scan", {{"error", s.status().message()}});
      last_scan = now;
    }
  }
}

void Spool::HandleEvents(const WatchEvents& events) {
  SpoolStats stats;
  ProcessNames(events.names, &stats);
}

}  // namespace wirepress::ingest
