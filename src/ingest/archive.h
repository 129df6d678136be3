// InputArchive: where inputs go once ingest is done with them, so that
// nothing is ever deleted and every failure can be read and replayed.
//
//   <data>/processed/YYYY/MM/DD/<name>  inputs whose stories were committed,
//                                       filed by the day they were processed
//   <data>/failed/<name>                inputs that could not be published
//   <data>/failed/<name>.reason.txt     the full diagnostic, as the CLI
//                                       prints it (source:line:col + caret)
//
// A name already taken in the target folder gets a ".1", ".2", ... suffix
// rather than overwriting the earlier input.
//
// Thread-safety: safe from many threads when the FileSystem is. One
// archive picks a free name and fills it under its own lock, so two
// threads archiving the same name (HTTP pushes, feed workers) get two
// suffixes; separate InputArchive objects over one folder do not share it.
#ifndef WIREPRESS_INGEST_ARCHIVE_H_
#define WIREPRESS_INGEST_ARCHIVE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/file_system.h"
#include "base/status.h"
#include "base/thread_annotations.h"

namespace wirepress::ingest {

class InputArchive {
 public:
  // `fs` and `clock` must outlive the archive.
  InputArchive(std::string data_dir, FileSystem* fs, const Clock* clock);

  // Moves the file at `path` to processed/YYYY/MM/DD/ (today, UTC).
  // Returns the new path.
  Result<std::string> MoveToProcessed(const std::string& path);
  // Moves the file at `path` to failed/ and writes the reason beside it.
  // Returns the new path of the input.
  Result<std::string> MoveToFailed(const std::string& path, const Status& why);
  // Same for inputs that never were files (an HTTP push body): writes
  // `bytes` as failed/<name> or processed/.../<name>.
  Result<std::string> KeepFailed(std::string_view name, std::string_view bytes,
                                 const Status& why);
  Result<std::string> KeepProcessed(std::string_view name, std::string_view bytes);

  // Moves failed/<name> back to `inbox_dir` (its reason file goes to
  // failed/replayed/ with a time stamp). NotFound when no such input
  // failed. Returns the inbox path.
  Result<std::string> Replay(std::string_view name, const std::string& inbox_dir);
  // Names of the failed inputs (not their reason files), sorted.
  Result<std::vector<std::string>> ListFailed();
  // The reason written for failed/<name>; NotFound when there is none.
  Result<std::string> FailureReason(std::string_view name);

  std::string processed_dir() const { return JoinPath(data_dir_, "processed"); }
  std::string failed_dir() const { return JoinPath(data_dir_, "failed"); }

 private:
  // `dir`/`name`, or the first free `dir`/`name`.N.
  Result<std::string> FreePath(const std::string& dir, std::string_view name) REQUIRES(mu_);
  std::string TodayDir() const;
  Status WriteReason(const std::string& input_path, const Status& why);

  std::string data_dir_;
  FileSystem* fs_;
  const Clock* clock_;
  // Held from FreePath until the name is taken (renamed or written).
  Mutex mu_;
};

// The text of a reason file: the diagnostic, then the error's code and the
// time of the failure.
std::string FormatReason(const Status& why, Timestamp at);

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_ARCHIVE_H_
