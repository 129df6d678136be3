#include "publish/exporter.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "base/strings.h"
#include "publish/site_paths.h"

namespace wirepress::publish {
namespace {

constexpr std::string_view kGoneList = "_gone.txt";
constexpr std::string_view kGoneMap = "_gone.map";

}  // namespace

// What the workers share; guarded by `mu` except the atomics.
struct Exporter::Job {
  const std::vector<std::string>* paths = nullptr;
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status error;
  ExportStats stats;
  std::vector<std::string> gone;
  std::vector<std::string> not_gone;
};

namespace {

Result<std::set<std::string>> ReadGoneList(FileSystem& fs, const std::string& file) {
  std::set<std::string> paths;
  Result<std::string> text = fs.ReadFile(file);
  if (!text.ok() && text.status().code() == StatusCode::kNotFound) return paths;  // first export
  if (!text.ok()) return text.status();
  for (std::string_view line : Split(*text, '\n')) {
    line = Trim(line);
    if (!line.empty()) paths.insert(std::string(line));
  }
  return paths;
}

}  // namespace

Exporter::Exporter(Renderer* renderer, FileSystem* fs, ExportOptions options)
    : renderer_(renderer), fs_(fs), options_(options) {}

bool Exporter::IsExportable(const std::string& path) {
  return path != kSearchPath && !StartsWith(path, std::string(kApiStoriesPath));
}

Result<ExportStats> Exporter::Export(const std::string& out_dir) {
  Job job;
  Status status = renderer_->RenderAll(
      options_.threads, [&](const std::string& path, Result<RenderedDocument> doc) -> Status {
        Result<Outcome> outcome = Place(out_dir, path, std::move(doc));
        if (!outcome.ok()) return outcome.status().WithContext("exporting " + path);
        std::lock_guard<std::mutex> lock(job.mu);
        Tally(path, *outcome, &job);
        return Status::Ok();
      });
  WP_RETURN_IF_ERROR(status);
  return Finish(out_dir, &job, /*merge_gone=*/false);
}

Result<ExportStats> Exporter::ExportPaths(const std::string& out_dir,
                                          const std::vector<std::string>& paths) {
  return Write(out_dir, paths, /*merge_gone=*/true);
}

Result<Exporter::Outcome> Exporter::ExportOne(const std::string& out_dir,
                                              const std::string& path) {
  if (!IsExportable(path)) return Outcome::kSkipped;
  return Place(out_dir, path, renderer_->Render(path));
}

Result<Exporter::Outcome> Exporter::Place(const std::string& out_dir, const std::string& path,
                                          Result<RenderedDocument> doc) {
  if (!IsExportable(path)) return Outcome::kSkipped;
  std::string file = JoinPath(out_dir, ExportFilePath(path));
  if (doc.ok()) {
    WP_RETURN_IF_ERROR(fs_->WriteFileAtomicUnsynced(file, doc->body));
    return doc->status == 410 ? Outcome::kGone : Outcome::kWritten;
  }
  if (doc.status().code() != StatusCode::kNotFound) return doc.status();
  // The document is gone (an emptied tag, a vanished last page): so is its file.
  WP_ASSIGN_OR_RETURN(FileInfo info, fs_->Stat(file));
  if (!info.exists) return Outcome::kAbsent;
  WP_RETURN_IF_ERROR(fs_->Remove(file));
  return Outcome::kRemoved;
}

void Exporter::Tally(const std::string& path, Outcome outcome, Job* job) {
  switch (outcome) {
    case Outcome::kSkipped: ++job->stats.skipped; return;
    case Outcome::kGone:
      ++job->stats.gone;
      ++job->stats.written;
      job->gone.push_back(path);
      return;
    case Outcome::kWritten: ++job->stats.written; break;
    case Outcome::kRemoved: ++job->stats.removed; break;
    case Outcome::kAbsent: break;
  }
  job->not_gone.push_back(path);
}

void Exporter::Work(const std::string& out_dir, Job* job) {
  for (size_t i; !job->failed && (i = job->next.fetch_add(1)) < job->paths->size();) {
    const std::string& path = (*job->paths)[i];
    Result<Outcome> outcome = ExportOne(out_dir, path);
    std::lock_guard<std::mutex> lock(job->mu);
    if (!outcome.ok()) {
      if (job->error.ok()) job->error = outcome.status().WithContext("exporting " + path);
      job->failed = true;
      return;
    }
    Tally(path, *outcome, job);
  }
}

Result<ExportStats> Exporter::Write(const std::string& out_dir,
                                    const std::vector<std::string>& paths, bool merge_gone) {
  Job job;
  job.paths = &paths;
  int threads = std::clamp(options_.threads, 1, 64);
  std::vector<std::thread> workers;
  for (int t = 1; t < threads && static_cast<size_t>(t) < paths.size(); ++t) {
    workers.emplace_back([this, &out_dir, &job] { Work(out_dir, &job); });
  }
  Work(out_dir, &job);
  for (std::thread& w : workers) w.join();
  if (!job.error.ok()) return job.error;
  return Finish(out_dir, &job, merge_gone);
}

Result<ExportStats> Exporter::Finish(const std::string& out_dir, Job* job, bool merge_gone) {
  // One sync for every file written, before the gone lists point at them.
  if (job->stats.written > 0 || job->stats.removed > 0) {
    WP_RETURN_IF_ERROR(fs_->SyncAll(out_dir));
  }
  WP_RETURN_IF_ERROR(WriteGoneLists(out_dir, job->gone, job->not_gone, merge_gone));
  return job->stats;
}

Status Exporter::WriteGoneLists(const std::string& out_dir, const std::vector<std::string>& gone,
                                const std::vector<std::string>& not_gone, bool merge) {
  std::string list_file = JoinPath(out_dir, std::string(kGoneList));
  std::set<std::string> all;
  if (merge) {
    WP_ASSIGN_OR_RETURN(all, ReadGoneList(*fs_, list_file));
  }
  size_t before = all.size();
  bool changed = !merge;
  for (const std::string& p : not_gone) changed |= all.erase(p) > 0;
  for (const std::string& p : gone) changed |= all.insert(p).second;
  if (!changed && all.size() == before) return Status::Ok();
  std::string list, map;
  for (const std::string& p : all) {
    list += p + "\n";
    // Story paths are slugs; quoting keeps nginx happy with anything else.
    std::string quoted;
    for (char c : p) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    map += "\"" + quoted + "\" 1;\n";
  }
  WP_RETURN_IF_ERROR(fs_->WriteFileAtomic(list_file, list));
  return fs_->WriteFileAtomic(JoinPath(out_dir, std::string(kGoneMap)), map);
}

}  // namespace wirepress::publish
