// Static files: the theme's "static/" folder (stylesheet, library images),
// read once at startup so that serve and export publish the same bytes.
// Files in template_dir/static override those of theme_dir/static with the
// same relative path.
//
// Thread-safety: immutable after LoadStaticFiles; safe from any thread.
#ifndef WIREPRESS_PUBLISH_STATIC_FILES_H_
#define WIREPRESS_PUBLISH_STATIC_FILES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "base/status.h"
#include "base/time.h"

namespace wirepress::publish {

struct StaticFile {
  std::string body;
  std::string media_type;
  Timestamp modified;
};

// Keyed by the path below "static/" ("style.css", "images/world.svg").
using StaticFiles = std::map<std::string, StaticFile>;

// Reads "<dir>/static/**" for each dir in order (later dirs override
// earlier ones; "" dirs and dirs without "static/" are skipped). Hidden
// files (".name") are ignored. IoError names the file that failed.
Result<StaticFiles> LoadStaticFiles(const std::vector<std::string>& dirs, FileSystem& fs);

// "text/css; charset=utf-8" for "style.css", "image/svg+xml" for ".svg",
// ...; "application/octet-stream" for unknown extensions.
std::string MediaTypeForFile(std::string_view name);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_STATIC_FILES_H_
