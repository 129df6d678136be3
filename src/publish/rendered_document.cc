#include "publish/rendered_document.h"

#include <xxhash.h>

#include <cstdio>

namespace wirepress::publish {

std::string ExportFilePath(const std::string& url_path) {
  std::string rel = url_path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (rel.empty()) return "index.html";
  if (rel.back() == '/') return rel + "index.html";
  size_t last = rel.rfind('/');
  std::string_view name = last == std::string::npos ? std::string_view(rel)
                                                    : std::string_view(rel).substr(last + 1);
  if (name.find('.') != std::string_view::npos) return rel;
  return rel + "/index.html";
}

std::string BodyEtag(std::string_view body) {
  XXH64_hash_t h = XXH3_64bits(body.data(), body.size());
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

RenderedDocument MakeDocument(std::string path, std::string media_type, std::string body,
                              Timestamp last_modified, int status) {
  RenderedDocument doc;
  doc.etag = BodyEtag(body);
  doc.path = std::move(path);
  doc.media_type = std::move(media_type);
  doc.body = std::move(body);
  doc.last_modified = last_modified;
  doc.status = status;
  return doc;
}

}  // namespace wirepress::publish
