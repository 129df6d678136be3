// Spool: the inbox folder. A wire file dropped (or renamed) into the inbox
// goes through the Pipeline; once its stories are committed it moves to
// processed/, and if it cannot be published it moves to failed/ with a
// reason file (ingest/archive.h). Nothing is ever deleted, and a file
// leaves the inbox only after the store committed, so a crash at any
// moment re-ingests it on restart (the store answers kUnchanged for a
// version it already has).
//
// Dotfiles and partial names (*.tmp, *.part, *~, "*.tmp.*") are ignored.
// Inputs that fail for a reason that is not the input's fault (the store is
// unavailable, a disk error) stay in the inbox and are retried by the next
// rescan.
//
// Thread-safety: ProcessFile/ProcessAll/Replay may be called from one
// thread at a time; Start/Stop from the owning thread. Watching runs on an
// internal thread. While a backlog is processed, the next batch is read
// and parsed on a second, short-lived thread (Pipeline::IngestStream), so
// `fs` and `clock` must be thread-safe.
#ifndef WIREPRESS_INGEST_SPOOL_H_
#define WIREPRESS_INGEST_SPOOL_H_

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/file_system.h"
#include "base/status.h"
#include "ingest/archive.h"
#include "ingest/inbox_watcher.h"
#include "ingest/pipeline.h"

namespace wirepress::ingest {

struct SpoolOptions {
  std::string inbox_dir = "data/inbox";
  // processed/ and failed/ are created under it.
  std::string data_dir = "data";
  // While watching, the inbox is also rescanned this often, to retry
  // inputs that hit a store outage and to catch events the kernel dropped.
  // Shorter retries sooner; longer lists the folder less.
  int rescan_interval_ms = 5000;
  // A rescan leaves alone files modified less than this long ago: a
  // non-atomic writer may still be filling them (its close is watched).
  int settle_seconds = 2;
  // A backlog is ingested in batches: up to this many files, read for at
  // most max_batch_millis, stored with one Store::PutBatch (one commit on
  // SQLite). Bigger batches ingest a backlog faster; smaller ones make the
  // first files of a burst live sooner. 1 stores each file on its own.
  int max_batch_files = 200;
  int max_batch_millis = 20;
};

enum class SpoolDisposition {
  kProcessed,  // committed and moved to processed/
  kFailed,     // moved to failed/ with a reason
  kSkipped,    // ignored name, directory, or already gone
};

struct SpoolFileResult {
  SpoolDisposition disposition = SpoolDisposition::kSkipped;
  std::string archived_path;  // where the input went ("" when skipped)
  Status error;               // the reason for kFailed
};

struct SpoolStats {
  int processed = 0;
  int failed = 0;
  int retried_later = 0;  // left in the inbox after a non-input error
};

class Spool {
 public:
  // `pipeline`, `fs` and `clock` must outlive the spool.
  Spool(const SpoolOptions& options, Pipeline* pipeline, FileSystem* fs, const Clock* clock);
  ~Spool();  // Stop()s

  // Ingests inbox/<name> and archives it. An error (IoError, Unavailable,
  // ...) means the input stayed in the inbox for a later retry.
  Result<SpoolFileResult> ProcessFile(const std::string& name);
  // Processes every file in the inbox, by name order, in batches
  // (SpoolOptions::max_batch_files). Each file is archived on its own
  // after its batch committed: a bad file goes to failed/ without holding
  // back the good ones. With `only_settled`, skips files modified within
  // settle_seconds.
  Result<SpoolStats> ProcessAll(bool only_settled = false);
  // Moves failed/<name> back into the inbox, where the watcher picks it up.
  Result<std::string> Replay(std::string_view name);

  // Processes what is already in the inbox, then watches it on a thread
  // until Stop(). IoError when the inbox cannot be created or watched.
  Status Start();
  // Finishes the file in progress and joins the thread. Idempotent.
  void Stop();

  InputArchive& archive() { return archive_; }
  const SpoolOptions& options() const { return options_; }

  // True for names the spool never touches.
  static bool IsIgnoredName(std::string_view name);

 private:
  struct Batch;
  // Ingests inbox/<name> for each of `names` (in order, in batches) and
  // archives each; adds to `stats`.
  void ProcessNames(const std::vector<std::string>& names, SpoolStats* stats);
  // Reads the next batch from names[*next...] and advances *next past the
  // files read; nullptr when none is left.
  std::unique_ptr<Batch> ReadBatch(const std::vector<std::string>& names, size_t* next);
  // Archives each file of a committed batch by its report.
  // OK when the file at `path` is still the one `read` described before it
  // was read; Unavailable (it stays in the inbox) when another replaced it.
  Status StillTheFileRead(const std::string& name, const std::string& path, const FileInfo& read);
  void ArchiveBatch(const Batch& batch, const std::vector<Result<IngestReport>>& reports,
                    SpoolStats* stats);
  // Moves an ingested input out of the inbox according to its result,
  // unless another file replaced it since `read` (then Unavailable: it
  // stays to be read in its turn).
  Result<SpoolFileResult> Archive(const std::string& name, const std::string& path,
                                  const FileInfo& read, const Result<IngestReport>& report);
  void WatchLoop();
  void HandleEvents(const WatchEvents& events);

  SpoolOptions options_;
  Pipeline* pipeline_;
  FileSystem* fs_;
  const Clock* clock_;
  InputArchive archive_;
  std::unique_ptr<InboxWatcher> watcher_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_SPOOL_H_
