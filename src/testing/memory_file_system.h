// MemoryFileSystem: a FileSystem held entirely in memory, for tests of the
// spool, export and config code that must run in milliseconds with no
// temporary files.
//
// Paths are normalised ("a//b/./c/" is "a/b/c"); relative and absolute
// paths are distinct keys, as they would be for one fixed working
// directory. Directories exist explicitly (MakeDirs, or implicitly as the
// parents of every written file). Errors follow the FileSystem contract:
// NotFound for an absent path, IoError otherwise, always naming the path.
//
// Thread-safety: every method is safe from any thread.
#ifndef WIREPRESS_TESTING_MEMORY_FILE_SYSTEM_H_
#define WIREPRESS_TESTING_MEMORY_FILE_SYSTEM_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/file_system.h"
#include "base/thread_annotations.h"

namespace wirepress::testing {

class MemoryFileSystem final : public FileSystem {
 public:
  // `clock` (optional, must outlive this) stamps FileInfo::modified.
  explicit MemoryFileSystem(const Clock* clock = nullptr) : clock_(clock) {}

  Result<std::string> ReadFile(const std::string& path) override;
  Status WriteFileAtomic(const std::string& path, std::string_view data) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& path) override;
  Status MakeDirs(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& dir) override;
  Result<FileInfo> Stat(const std::string& path) override;

  // Test helpers. Every file path, sorted.
  std::vector<std::string> Files() const;
  bool Exists(const std::string& path) const;

  // Makes the next write or rename touching a path that starts with
  // `prefix` fail with IoError (fault injection); "" clears it.
  void FailWritesUnder(std::string prefix);

 private:
  struct File {
    std::string data;
    Timestamp modified;
    std::uint64_t inode = 0;  // new for each write, kept by Rename
  };
  Status MakeDirsLocked(const std::string& norm) REQUIRES(mu_);
  bool ShouldFailLocked(const std::string& norm) const REQUIRES(mu_);
  Timestamp NowLocked() const;

  const Clock* clock_;
  mutable Mutex mu_;
  std::map<std::string, File> files_ GUARDED_BY(mu_);
  std::set<std::string> dirs_ GUARDED_BY(mu_);
  std::string fail_prefix_ GUARDED_BY(mu_);
  std::uint64_t next_inode_ GUARDED_BY(mu_) = 1;
};

// "a//b/./c/" → "a/b/c"; "/x/../y" → "/y"; "" → ".". Exposed for tests.
std::string NormalizePath(std::string_view path);

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTING_MEMORY_FILE_SYSTEM_H_
