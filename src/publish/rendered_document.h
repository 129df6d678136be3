// RenderedDocument: one output of the site (a page, a feed, a sitemap) as a
// value. The renderer produces it; `export` writes it to disk and `serve`
// writes it to the socket with the same ETag and Last-Modified, so both
// modes publish byte-identical documents.
//
// Thread-safety: a plain value.
#ifndef WIREPRESS_PUBLISH_RENDERED_DOCUMENT_H_
#define WIREPRESS_PUBLISH_RENDERED_DOCUMENT_H_

#include <string>

#include "base/time.h"

namespace wirepress::publish {

struct RenderedDocument {
  std::string path;        // URL path: "/", "/world/", "/rss.xml", story path
  std::string media_type;  // "text/html; charset=utf-8", "application/rss+xml", ...
  std::string body;
  std::string etag;        // strong, quoted: "\"a1b2c3...\"" (hash of body)
  Timestamp last_modified;
  int status = 200;        // 200, or 410 for a killed story's notice
};

// The file an exported document is written to under the export root:
// "/" → "index.html", "/world/" → "world/index.html",
// "/world/2019/05/15/x-1a2b" → "world/2019/05/15/x-1a2b/index.html",
// "/rss.xml" → "rss.xml".
std::string ExportFilePath(const std::string& url_path);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_RENDERED_DOCUMENT_H_
