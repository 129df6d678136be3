#include "base/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

namespace wirepress {
namespace {

Status Errno(const std::string& context) { return Status::IoError(context, std::strerror(errno)); }

class PosixFileSystem final : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(path, "no such file");
      return Errno(path);
    }
    std::string data;
    struct stat st;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        Status s = Errno(path);
        ::close(fd);
        return s;
      }
      if (n == 0) break;
      data.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return data;
  }

  Status WriteFileAtomic(const std::string& path, std::string_view data) override {
    return Write(path, data, /*sync=*/true);
  }

  Status WriteFileAtomicUnsynced(const std::string& path, std::string_view data) override {
    return Write(path, data, /*sync=*/false);
  }

  Status SyncAll(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Errno("sync " + path);
    if (::syncfs(fd) != 0) {
      Status s = Errno("sync " + path);
      ::close(fd);
      return s;
    }
    ::close(fd);
    return Status::Ok();
  }

  // Temporary sibling, optional fdatasync, rename over `path`.
  Status Write(const std::string& path, std::string_view data, bool sync) {
    static std::atomic<unsigned> counter{0};
    std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                      std::to_string(counter.fetch_add(1));
    constexpr int kFlags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
    // The folder usually exists (an export writes 100k+ files into folders
    // it already made): create it only when the open says it is missing,
    // instead of a stat per file.
    int fd = ::open(tmp.c_str(), kFlags, 0644);
    if (fd < 0 && errno == ENOENT) {
      WP_RETURN_IF_ERROR(MakeDirs(DirName(path)));
      fd = ::open(tmp.c_str(), kFlags, 0644);
    }
    if (fd < 0) return Errno(tmp);
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::write(fd, data.data() + off, data.size() - off);
      if (n < 0) {
        if (errno == EINTR) continue;
        Status s = Errno(tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        return s;
      }
      off += static_cast<size_t>(n);
    }
    if ((sync && ::fdatasync(fd) != 0) || ::close(fd) != 0) {
      Status s = Errno(tmp);
      ::unlink(tmp.c_str());
      return s;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      Status s = Errno("rename " + tmp + " -> " + path);
      ::unlink(tmp.c_str());
      return s;
    }
    return Status::Ok();
  }

  Status Rename(const std::string& from, const std::string& to) override {
    WP_RETURN_IF_ERROR(MakeDirs(DirName(to)));
    if (::rename(from.c_str(), to.c_str()) != 0) {
      if (errno == ENOENT) return Status::NotFound("rename " + from, "no such file");
      return Errno("rename " + from + " -> " + to);
    }
    return Status::Ok();
  }

  Status Remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("remove " + path);
    return Status::Ok();
  }

  Status MakeDirs(const std::string& path) override {
    if (path.empty() || path == "." || path == "/") return Status::Ok();
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) return Status::Ok();
      return Status::IoError(path, "exists and is not a directory");
    }
    WP_RETURN_IF_ERROR(MakeDirs(DirName(path)));
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return Errno("mkdir " + path);
    return Status::Ok();
  }

  Result<std::vector<std::string>> ListDir(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      if (errno == ENOENT) return Status::NotFound(dir, "no such directory");
      return Errno(dir);
    }
    std::vector<std::string> names;
    while (struct dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
      names.emplace_back(e->d_name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
  }

  Result<FileInfo> Stat(const std::string& path) override {
    struct stat st;
    FileInfo info;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) return info;
      return Errno(path);
    }
    info.exists = true;
    info.is_directory = S_ISDIR(st.st_mode);
    info.size = static_cast<std::uint64_t>(st.st_size);
    info.modified = Timestamp{st.st_mtim.tv_sec};
    info.inode = static_cast<std::uint64_t>(st.st_ino);
    return info;
  }
};

}  // namespace

bool FileChanged(const FileInfo& then, const FileInfo& now) {
  return now.exists != then.exists || now.is_directory != then.is_directory ||
         now.inode != then.inode || now.size != then.size ||
         now.modified.seconds != then.modified.seconds;
}

FileSystem& RealFileSystem() {
  static PosixFileSystem fs;
  return fs;
}

std::string JoinPath(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  std::string out(a);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  while (!b.empty() && b.front() == '/') b.remove_prefix(1);
  out += '/';
  out += b;
  return out;
}

std::string_view BaseName(std::string_view path) {
  size_t p = path.rfind('/');
  return p == std::string_view::npos ? path : path.substr(p + 1);
}

std::string DirName(std::string_view path) {
  size_t p = path.rfind('/');
  if (p == std::string_view::npos) return ".";
  if (p == 0) return "/";
  return std::string(path.substr(0, p));
}

}  // namespace wirepress
