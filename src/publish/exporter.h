// Exporter: writes the site as static files for nginx or a CDN — the same
// RenderedDocuments `serve` answers with, at ExportFilePath(path) under an
// output directory, each written atomically (readers see the old or the
// new file, never half of one).
//
// Killed stories: the story's file is replaced by its 410 notice, and the
// exporter keeps two lists of killed paths at the export root:
//   _gone.txt  one URL path per line (for people and scripts)
//   _gone.map  the same as nginx `map` entries: "/world/.../x-1a2b" 1;
// so nginx can answer those URLs with status 410 and the notice body:
//
//   map $uri $wirepress_gone {
//     default 0;
//     include /srv/wirepress/site/_gone.map;
//   }
//   server {
//     root /srv/wirepress/site;
//     location / {
//       if ($wirepress_gone) { return 410; }
//       try_files $uri $uri/index.html =404;
//     }
//     error_page 410 @gone;  # no "=": the status stays 410
//     location @gone { try_files $uri/index.html =410; }
//     location ~ ^/_gone\. { internal; }
//   }
//
// (`nginx -s reload` after an export that changed _gone.map.)
//
// Dynamic-only documents are not exported: "/search" and "/api/..." depend
// on query parameters that files cannot represent.
//
// Thread-safety: an Exporter may be used by one thread at a time; it runs
// `threads` workers internally (the renderer and filesystem are thread-safe).
#ifndef WIREPRESS_PUBLISH_EXPORTER_H_
#define WIREPRESS_PUBLISH_EXPORTER_H_

#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/status.h"
#include "publish/renderer.h"

namespace wirepress::publish {

struct ExportOptions {
  // Worker threads rendering and writing. Files are renamed into place
  // without a per-file fsync and the filesystem is synced once when all are
  // written (a sync per file made a 100k-story export disk-bound: ~7 ms a
  // file); the call returns only after that sync.
  int threads = 8;
};

struct ExportStats {
  int written = 0;   // files written (including 410 notices)
  int gone = 0;      // of which 410 notices
  int removed = 0;   // files deleted because their document no longer exists
  int skipped = 0;   // dynamic-only paths ignored
};

class Exporter {
 public:
  // `renderer` and `fs` must outlive the exporter.
  Exporter(Renderer* renderer, FileSystem* fs, ExportOptions options = {});

  // Writes every document of Renderer::AllPaths() (through
  // Renderer::RenderAll, which reads the store once) and fresh _gone lists.
  // Files of earlier exports that no document maps to are left alone:
  // export into a new directory and swap it in for a clean tree.
  Result<ExportStats> Export(const std::string& out_dir);

  // Rewrites only `paths` (e.g. Renderer::AffectedPaths); a path that no
  // longer exists (NotFound) has its file removed; _gone lists are merged.
  // Stops at the first other error, naming the path.
  Result<ExportStats> ExportPaths(const std::string& out_dir, const std::vector<std::string>& paths);

  // True for paths whose document is a static file ("/search" and the
  // JSON API are dynamic only).
  static bool IsExportable(const std::string& path);

 private:
  struct Job;
  enum class Outcome { kSkipped, kWritten, kGone, kRemoved, kAbsent };

  Result<Outcome> ExportOne(const std::string& out_dir, const std::string& path);
  // Writes `doc` at its file, or removes the file when `doc` is NotFound.
  Result<Outcome> Place(const std::string& out_dir, const std::string& path,
                        Result<RenderedDocument> doc);
  // Syncs what was written and writes the gone lists.
  Result<ExportStats> Finish(const std::string& out_dir, Job* job, bool merge_gone);
  static void Tally(const std::string& path, Outcome outcome, Job* job);
  void Work(const std::string& out_dir, Job* job);
  Result<ExportStats> Write(const std::string& out_dir, const std::vector<std::string>& paths,
                            bool merge_gone);
  Status WriteGoneLists(const std::string& out_dir, const std::vector<std::string>& gone,
                        const std::vector<std::string>& not_gone, bool merge);

  Renderer* renderer_;
  FileSystem* fs_;
  ExportOptions options_;
};

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_EXPORTER_H_
