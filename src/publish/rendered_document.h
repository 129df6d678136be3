// RenderedDocument: one output of the site (a page, a feed, a sitemap) as a
// value. The renderer produces it; `export` writes it to disk and `serve`
// writes it to the socket with the same ETag and Last-Modified, so both
// modes publish byte-identical documents.
//
// Thread-safety: a plain value.
#ifndef WIREPRESS_PUBLISH_RENDERED_DOCUMENT_H_
#define WIREPRESS_PUBLISH_RENDERED_DOCUMENT_H_

#include <string>
#include <string_view>

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
// A path whose last segment has no '.' is a directory holding index.html.
std::string ExportFilePath(const std::string& url_path);

// The strong ETag of `body`: the quoted hex XXH3-64 of its bytes.
std::string BodyEtag(std::string_view body);

// A document with its ETag computed from `body`.
RenderedDocument MakeDocument(std::string path, std::string media_type, std::string body,
                              Timestamp last_modified, int status = 200);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_RENDERED_DOCUMENT_H_
