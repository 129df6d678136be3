#include "ingest/archive.h"

#include <cstdio>

#include "base/strings.h"

namespace wirepress::ingest {
namespace {

constexpr std::string_view kReasonSuffix = ".reason.txt";
// Far more than any operator drops under one name; past it something is
// looping and an error is better than an endless probe.
constexpr int kMaxSuffix = 10000;

// "20190515T101500Z": sorts by time and is safe in file names.
std::string CompactStamp(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

}  // namespace

std::string FormatReason(const Status& why, Timestamp at) {
  std::string text = why.message();
  for (const Status* c = why.cause(); c != nullptr; c = c->cause()) {
    text += "\n  caused by: " + c->message();
  }
  text += "\n\nerror: " + std::string(StatusCodeName(why.code()));
  text += "\nfailed at: " + FormatIso8601(at) + "\n";
  return text;
}

InputArchive::InputArchive(std::string data_dir, FileSystem* fs, const Clock* clock)
    : data_dir_(std::move(data_dir)), fs_(fs), clock_(clock) {}

std::string InputArchive::TodayDir() const {
  CivilTime c = ToCivil(clock_->Now());
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", c.year, c.month, c.day);
  return JoinPath(processed_dir(), buf);
}

Result<std::string> InputArchive::FreePath(const std::string& dir, std::string_view name) {
  std::string candidate = JoinPath(dir, name);
  for (int n = 1; n <= kMaxSuffix; ++n) {
    WP_ASSIGN_OR_RETURN(FileInfo info, fs_->Stat(candidate));
    if (!info.exists) return candidate;
    candidate = JoinPath(dir, std::string(name) + "." + std::to_string(n));
  }
  return Status::IoError(JoinPath(dir, name), "no free name after " +
                                                  std::to_string(kMaxSuffix) + " tries");
}

Status InputArchive::WriteReason(const std::string& input_path, const Status& why) {
  return fs_->WriteFileAtomic(input_path + std::string(kReasonSuffix),
                              FormatReason(why, clock_->Now()));
}

Result<std::string> InputArchive::MoveToProcessed(const std::string& path) {
  MutexLock lock(&mu_);
  WP_ASSIGN_OR_RETURN(std::string target, FreePath(TodayDir(), BaseName(path)));
  WP_RETURN_IF_ERROR(fs_->Rename(path, target));
  return target;
}

Result<std::string> InputArchive::MoveToFailed(const std::string& path, const Status& why) {
  MutexLock lock(&mu_);
  WP_ASSIGN_OR_RETURN(std::string target, FreePath(failed_dir(), BaseName(path)));
  // The reason goes first: a crash in between leaves the input in the
  // inbox (retried), never a failed input without its reason.
  WP_RETURN_IF_ERROR(WriteReason(target, why));
  WP_RETURN_IF_ERROR(fs_->Rename(path, target));
  return target;
}

Result<std::string> InputArchive::KeepFailed(std::string_view name, std::string_view bytes,
                                             const Status& why) {
  MutexLock lock(&mu_);
  WP_ASSIGN_OR_RETURN(std::string target, FreePath(failed_dir(), name));
  WP_RETURN_IF_ERROR(WriteReason(target, why));
  WP_RETURN_IF_ERROR(fs_->WriteFileAtomic(target, bytes));
  return target;
}

Result<std::string> InputArchive::KeepProcessed(std::string_view name, std::string_view bytes) {
  MutexLock lock(&mu_);
  WP_ASSIGN_OR_RETURN(std::string target, FreePath(TodayDir(), name));
  WP_RETURN_IF_ERROR(fs_->WriteFileAtomic(target, bytes));
  return target;
}

Result<std::string> InputArchive::Replay(std::string_view name, const std::string& inbox_dir) {
  std::string failed = JoinPath(failed_dir(), name);
  WP_ASSIGN_OR_RETURN(FileInfo info, fs_->Stat(failed));
  if (!info.exists || info.is_directory || EndsWith(name, kReasonSuffix)) {
    return Status::NotFound("replaying " + failed, "no such failed input");
  }
  std::string reason = failed + std::string(kReasonSuffix);
  WP_ASSIGN_OR_RETURN(FileInfo rinfo, fs_->Stat(reason));
  if (rinfo.exists) {
    std::string kept = JoinPath(JoinPath(failed_dir(), "replayed"),
                                std::string(name) + "." + CompactStamp(clock_->Now()) +
                                    std::string(kReasonSuffix));
    WP_RETURN_IF_ERROR(fs_->Rename(reason, kept));
  }
  MutexLock lock(&mu_);
  WP_ASSIGN_OR_RETURN(std::string target, FreePath(inbox_dir, name));
  WP_RETURN_IF_ERROR(fs_->Rename(failed, target));
  return target;
}

Result<std::vector<std::string>> InputArchive::ListFailed() {
  Result<std::vector<std::string>> names = fs_->ListDir(failed_dir());
  if (!names.ok() && names.status().code() == StatusCode::kNotFound) {
    return std::vector<std::string>{};
  }
  if (!names.ok()) return names.status();
  std::vector<std::string> out;
  for (const std::string& n : *names) {
    if (EndsWith(n, kReasonSuffix)) continue;
    WP_ASSIGN_OR_RETURN(FileInfo info, fs_->Stat(JoinPath(failed_dir(), n)));
    if (!info.is_directory) out.push_back(n);
  }
  return out;
}

Result<std::string> InputArchive::FailureReason(std::string_view name) {
  return fs_->ReadFile(JoinPath(failed_dir(), name) + std::string(kReasonSuffix));
}

}  // namespace wirepress::ingest
