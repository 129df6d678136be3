#include "server/push_endpoint.h"

#include <zlib.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/logging.h"
#include "base/strings.h"
#include "model/story.h"

namespace wirepress::server {
namespace {

// Compares without an early exit, so response time does not reveal how
// much of a guessed token was right.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

// Keeps [A-Za-z0-9._-] and drops leading dots, so a name can neither leave
// the archive folder nor hide as a dotfile.
std::string SafeName(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (ok) out += c;
  }
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  return out.substr(0, 120);
}

std::string ChecksumName(std::string_view body) {
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()),
                    static_cast<uInt>(body.size()));
  char buf[48];
  std::snprintf(buf, sizeof buf, "push-%08lx-%zu", crc, body.size());
  return buf;
}

std::string ReportJson(const ingest::IngestReport& report) {
  nlohmann::json j;
  j["stories"] = nlohmann::json::array();
  for (const store::PutOutcome& o : report.outcomes) {
    nlohmann::json story = {{"uri", o.record.story.uri},
                            {"action", store::PutActionName(o.action)},
                            {"path", o.record.path}};
    // What `wirepress kill/hold/release` and the admin page take, when the
    // guid carries the version (NewsML 1.2).
    const std::string& key = model::StoryKey(o.record.story);
    if (key != o.record.story.uri) story["key"] = key;
    j["stories"].push_back(std::move(story));
  }
  j["warnings"] = nlohmann::json::array();
  for (const formats::Diagnostic& d : report.warnings) j["warnings"].push_back(d.ToString());
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string QueryParam(std::string_view query, std::string_view key) {
  for (std::string_view pair : Split(query, '&')) {
    size_t eq = pair.find('=');
    std::string_view k = pair.substr(0, eq);
    if (UrlDecode(k) != key) continue;
    return eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
  }
  return "";
}

PushEndpoint::PushEndpoint(std::string token, ingest::Pipeline* pipeline,
                           ingest::InputArchive* archive)
    : token_(std::move(token)), pipeline_(pipeline), archive_(archive) {}

std::string PushEndpoint::InputName(const HttpRequest& request) {
  std::string name = SafeName(QueryParam(request.query, "name"));
  return name.empty() ? ChecksumName(request.body) : name;
}

bool PushEndpoint::Authorized(const HttpRequest& request) const {
  std::string_view auth = Trim(request.Header("authorization"));
  if (!StartsWithIgnoreCase(auth, "Bearer ")) return false;
  return ConstantTimeEquals(Trim(auth.substr(7)), token_);
}

HttpResponse PushEndpoint::Handle(const HttpRequest& request) {
  if (token_.empty()) {
    return HttpResponse::Text(403, "push ingest is off: no push token is configured "
                                   "(server.push_token in wirepress.toml)\n");
  }
  if (!Authorized(request)) {
    HttpResponse r = HttpResponse::Text(401, "missing or wrong bearer token\n");
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"wirepress\"");
    return r;
  }
  std::string name = InputName(request);
  std::string source = "push:" + name;
  Result<ingest::IngestReport> report = pipeline_->Ingest({source, request.body, ""});
  if (!report.ok()) return Refused(name, request.body, report.status());
  Result<std::string> kept = archive_->KeepProcessed(name, request.body);
  if (!kept.ok()) LogError("push.archive", {{"name", name}, {"error", kept.status().message()}});
  return HttpResponse::Text(200, ReportJson(*report), "application/json");
}

HttpResponse PushEndpoint::Refused(const std::string& name, const std::string& body,
                                   const Status& why) {
  Result<std::string> kept = archive_->KeepFailed(name, body, why);
  std::string text = why.message() + "\n";
  if (kept.ok()) {
    text += "(the input is kept as " + *kept + ")\n";
  } else {
    LogError("push.archive", {{"name", name}, {"error", kept.status().message()}});
  }
  LogWarn("push.refused", {{"name", name}, {"error", why.message()}});
  int status = why.code() == StatusCode::kInvalidInput  ? 422
               : why.code() == StatusCode::kUnavailable ? 503
                                                        : 500;
  return HttpResponse::Text(status, text);
}

}  // namespace wirepress::server
