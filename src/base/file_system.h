// FileSystem: the narrow file API the spool, export and config code use,
// so tests can run on an in-memory filesystem (testing/memory_file_system.h).
//
// Paths are plain strings with '/' separators. Every error names the path
// and strerror(errno) (IoError) or says the path is absent (NotFound).
//
// Thread-safety: implementations must be safe to call from any thread.
#ifndef WIREPRESS_BASE_FILE_SYSTEM_H_
#define WIREPRESS_BASE_FILE_SYSTEM_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace wirepress {

struct FileInfo {
  bool exists = false;
  bool is_directory = false;
  std::uint64_t size = 0;
  Timestamp modified;
  // The file's identity (the inode): another file renamed over the path
  // has another one.
  std::uint64_t inode = 0;
};

// True when `now` is no longer the file `then` described: replaced
// (renamed over), rewritten to another size or time, or gone.
bool FileChanged(const FileInfo& then, const FileInfo& now);

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Returns the whole file, or NotFound / IoError.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Writes to a temporary sibling, fsyncs it and renames it over `path`, so
  // readers see the old or the new content, never half of it. Creates
  // missing parent directories.
  virtual Status WriteFileAtomic(const std::string& path, std::string_view data) = 0;
  // WriteFileAtomic without the per-file fsync, for bulk writers (the static
  // export) that call SyncAll once at the end: readers still see the old or
  // the new content, but until SyncAll returns a crash may lose the file.
  // The default is WriteFileAtomic.
  virtual Status WriteFileAtomicUnsynced(const std::string& path, std::string_view data) {
    return WriteFileAtomic(path, data);
  }
  // Flushes everything written so far on the filesystem holding `path` to
  // disk (syncfs). The default (in-memory fakes) has nothing to flush.
  virtual Status SyncAll(const std::string& path) {
    (void)path;
    return Status::Ok();
  }
  // Atomic within one filesystem. Creates missing parent directories of `to`.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status Remove(const std::string& path) = 0;
  // mkdir -p.
  virtual Status MakeDirs(const std::string& path) = 0;
  // Entry names (not paths) in `dir`, sorted; excludes "." and "..".
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
  // exists == false when the path is absent; IoError on other failures.
  virtual Result<FileInfo> Stat(const std::string& path) = 0;
};

// Returns the real POSIX filesystem. Never null; not owned by the caller.
FileSystem& RealFileSystem();

// "a/b" + "c" → "a/b/c"; tolerates trailing/leading slashes.
std::string JoinPath(std::string_view a, std::string_view b);
// "a/b/c.xml" → "c.xml".
std::string_view BaseName(std::string_view path);
// "a/b/c.xml" → "a/b"; "c" → ".".
std::string DirName(std::string_view path);

}  // namespace wirepress

#endif  // WIREPRESS_BASE_FILE_SYSTEM_H_
