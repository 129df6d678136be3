#include "publish/static_files.h"

#include "base/strings.h"

namespace wirepress::publish {
namespace {

// A tree of a few dozen files at most: recursion depth is the folder depth.
constexpr int kMaxDepth = 8;

Status LoadTree(const std::string& root, const std::string& rel, int depth, FileSystem& fs,
                StaticFiles* out) {
  if (depth > kMaxDepth) return Status::Ok();
  std::string dir = rel.empty() ? root : JoinPath(root, rel);
  WP_ASSIGN_OR_RETURN(std::vector<std::string> names, fs.ListDir(dir));
  for (const std::string& name : names) {
    if (name.empty() || name[0] == '.') continue;
    std::string child_rel = rel.empty() ? name : rel + "/" + name;
    std::string path = JoinPath(root, child_rel);
    WP_ASSIGN_OR_RETURN(FileInfo info, fs.Stat(path));
    if (info.is_directory) {
      WP_RETURN_IF_ERROR(LoadTree(root, child_rel, depth + 1, fs, out));
      continue;
    }
    WP_ASSIGN_OR_RETURN(std::string body, fs.ReadFile(path));
    (*out)[child_rel] = StaticFile{std::move(body), MediaTypeForFile(name), info.modified};
  }
  return Status::Ok();
}

}  // namespace

Result<StaticFiles> LoadStaticFiles(const std::vector<std::string>& dirs, FileSystem& fs) {
  StaticFiles files;
  for (const std::string& dir : dirs) {
    if (dir.empty()) continue;
    std::string root = JoinPath(dir, "static");
    WP_ASSIGN_OR_RETURN(FileInfo info, fs.Stat(root));
    if (!info.exists || !info.is_directory) continue;
    WP_RETURN_IF_ERROR(LoadTree(root, "", 0, fs, &files));
  }
  return files;
}

std::string MediaTypeForFile(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json"},
      {".xml", "application/xml; charset=utf-8"},
  };
  std::string lower = AsciiLower(name);
  for (const auto& [ext, type] : kTypes) {
    if (EndsWith(lower, ext)) return std::string(type);
  }
  return "application/octet-stream";
}

}  // namespace wirepress::publish
