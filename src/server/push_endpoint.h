// PushEndpoint: POST /api/v1/ingest. An agency (or a relay) pushes one
// wire file as the request body with "Authorization: Bearer <token>"; the
// body goes through the same ingest::Pipeline as an inbox file.
//
//   200  JSON {"stories":[{"uri","action","path"[,"key"]}],"warnings":[...]}
//        ("key": model::StoryKey, when it is not the uri)
//   401  missing or wrong token        403  pushing is off (no token set)
//   422  the input cannot be published: the full diagnostic as text
//   503  the store is unavailable: retry later
//
// Nothing is lost: a published body is kept under processed/, a refused
// one under failed/ with its reason (ingest/archive.h). `?name=` names the
// kept file (and, for formats without ids, seeds the story's uri);
// without it the name is "push-<crc32>-<size>" of the body.
//
// Thread-safety: Handle may be called from many threads at once.
#ifndef WIREPRESS_SERVER_PUSH_ENDPOINT_H_
#define WIREPRESS_SERVER_PUSH_ENDPOINT_H_

#include <string>
#include <string_view>

#include "ingest/archive.h"
#include "ingest/pipeline.h"
#include "server/http_types.h"

namespace wirepress::server {

class PushEndpoint {
 public:
  // `pipeline` and `archive` must outlive the endpoint.
  PushEndpoint(std::string token, ingest::Pipeline* pipeline, ingest::InputArchive* archive);

  HttpResponse Handle(const HttpRequest& request);

  // The file name a push is kept under: the sanitised `?name=` or the
  // body's checksum name.
  static std::string InputName(const HttpRequest& request);

 private:
  bool Authorized(const HttpRequest& request) const;
  HttpResponse Refused(const std::string& name, const std::string& body, const Status& why);

  std::string token_;
  ingest::Pipeline* pipeline_;
  ingest::InputArchive* archive_;
};

// The decoded value of `key` in a query string "a=1&b=x%20y", or "".
std::string QueryParam(std::string_view query, std::string_view key);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_PUSH_ENDPOINT_H_
