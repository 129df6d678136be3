#include "testing/memory_file_system.h"

#include "base/strings.h"

namespace wirepress::testing {

std::string NormalizePath(std::string_view path) {
  bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string_view> parts;
  for (std::string_view p : Split(path, '/')) {
    if (p.empty() || p == ".") continue;
    if (p == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
      continue;
    }
    if (p == ".." && absolute) continue;  // "/.." is "/"
    parts.push_back(p);
  }
  if (parts.empty()) return absolute ? "/" : ".";
  std::string out;
  for (std::string_view p : parts) {
    if (absolute || !out.empty()) out.push_back('/');
    out.append(p);
  }
  return out;
}

namespace {

// The parent of a normalised path; "" for a root ("/" or ".").
std::string Parent(const std::string& norm) {
  if (norm == "/" || norm == ".") return "";
  size_t slash = norm.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return norm.substr(0, slash);
}

bool IsRoot(const std::string& norm) { return norm == "/" || norm == "."; }

}  // namespace

Timestamp MemoryFileSystem::NowLocked() const { return clock_ ? clock_->Now() : Timestamp{}; }

bool MemoryFileSystem::ShouldFailLocked(const std::string& norm) const {
  return !fail_prefix_.empty() && StartsWith(norm, fail_prefix_);
}

Status MemoryFileSystem::MakeDirsLocked(const std::string& norm) {
  for (std::string d = norm; !d.empty() && !IsRoot(d); d = Parent(d)) {
    if (files_.count(d)) return Status::IoError(d, "exists and is not a directory");
    dirs_.insert(d);
  }
  return Status::Ok();
}

Result<std::string> MemoryFileSystem::ReadFile(const std::string& path) {
  MutexLock lock(&mu_);
  std::string norm = NormalizePath(path);
  auto it = files_.find(norm);
  if (it != files_.end()) return it->second.data;
  if (dirs_.count(norm)) return Status::IoError(path, "Is a directory");
  return Status::NotFound(path, "no such file");
}

Status MemoryFileSystem::WriteFileAtomic(const std::string& path, std::string_view data) {
  MutexLock lock(&mu_);
  std::string norm = NormalizePath(path);
  if (ShouldFailLocked(norm)) return Status::IoError(path, "injected write failure");
  if (dirs_.count(norm)) return Status::IoError(path, "Is a directory");
  WP_RETURN_IF_ERROR(MakeDirsLocked(Parent(norm)));
  // Written to a temporary and renamed over the path: a new inode.
  files_[norm] = File{std::string(data), NowLocked(), next_inode_++};
  return Status::Ok();
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  MutexLock lock(&mu_);
  std::string src = NormalizePath(from), dst = NormalizePath(to);
  if (ShouldFailLocked(src) || ShouldFailLocked(dst)) {
    return Status::IoError("rename " + from + " -> " + to, "injected write failure");
  }
  auto it = files_.find(src);
  if (it == files_.end()) return Status::NotFound("rename " + from, "no such file");
  if (dirs_.count(dst)) return Status::IoError("rename " + from + " -> " + to, "Is a directory");
  WP_RETURN_IF_ERROR(MakeDirsLocked(Parent(dst)));
  File f = std::move(it->second);
  files_.erase(it);
  files_[dst] = std::move(f);
  return Status::Ok();
}

Status MemoryFileSystem::Remove(const std::string& path) {
  MutexLock lock(&mu_);
  files_.erase(NormalizePath(path));
  return Status::Ok();
}

Status MemoryFileSystem::MakeDirs(const std::string& path) {
  MutexLock lock(&mu_);
  return MakeDirsLocked(NormalizePath(path));
}

Result<std::vector<std::string>> MemoryFileSystem::ListDir(const std::string& dir) {
  MutexLock lock(&mu_);
  std::string norm = NormalizePath(dir);
  if (!IsRoot(norm) && !dirs_.count(norm)) return Status::NotFound(dir, "no such directory");
  std::set<std::string> names;
  auto collect = [&](const std::string& p) {
    if (Parent(p) == norm) names.insert(std::string(BaseName(p)));
  };
  for (const auto& [p, f] : files_) collect(p);
  for (const std::string& d : dirs_) collect(d);
  return std::vector<std::string>(names.begin(), names.end());
}

Result<FileInfo> MemoryFileSystem::Stat(const std::string& path) {
  MutexLock lock(&mu_);
  std::string norm = NormalizePath(path);
  FileInfo info;
  if (auto it = files_.find(norm); it != files_.end()) {
    info.exists = true;
    info.size = it->second.data.size();
    info.modified = it->second.modified;
    info.inode = it->second.inode;
  } else if (IsRoot(norm) || dirs_.count(norm)) {
    info.exists = true;
    info.is_directory = true;
  }
  return info;
}

std::vector<std::string> MemoryFileSystem::Files() const {
  MutexLock lock(&mu_);
  std::vector<std::string> out;
  for (const auto& [p, f] : files_) out.push_back(p);
  return out;
}

bool MemoryFileSystem::Exists(const std::string& path) const {
  MutexLock lock(&mu_);
  std::string norm = NormalizePath(path);
  return files_.count(norm) > 0 || dirs_.count(norm) > 0;
}

void MemoryFileSystem::FailWritesUnder(std::string prefix) {
  MutexLock lock(&mu_);
  fail_prefix_ = prefix.empty() ? "" : NormalizePath(prefix);
}

}  // namespace wirepress::testing
