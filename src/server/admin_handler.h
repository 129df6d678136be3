// AdminHandler: the operators' page under /admin.
//
//   GET  /admin          dashboard: inbox health (processed / failed /
//                        pending), feed health (last success, last new
//                        story, last error, quiet alert), the live ingest
//                        stream, failed inputs with their reasons, the
//                        latest live stories, held stories
//   GET  /admin/login    login form          POST /admin/login   password
//   POST /admin/logout   ends the session
//   POST /admin/replay   name=        moves failed/<name> back to the inbox
//   POST /admin/kill     uri= reason= Store::Kill, then the listeners
//   POST /admin/hold     uri=         Store::Hold: withdrawn from every
//                        output until released (reason "held by operator")
//   POST /admin/release  uri=         Store::ReleaseHold: back on the site
//
// Every POST carries the session's CSRF token (form field "csrf"); a POST
// without it is 403. Unauthenticated GETs are redirected to the login
// form; failed logins are rate-limited per address (429 + Retry-After).
// Every response is "Cache-Control: no-store" and never enters the
// DocumentCache (server/server.cc routes /admin here before the cache).
//
// Thread-safety: Handle and Record may be called from many threads at once.
#ifndef WIREPRESS_SERVER_ADMIN_HANDLER_H_
#define WIREPRESS_SERVER_ADMIN_HANDLER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/file_system.h"
#include "ingest/archive.h"
#include "ingest/feed_poller.h"
#include "ingest/pipeline.h"
#include "publish/templates.h"
#include "server/admin_auth.h"
#include "server/admin_options.h"
#include "server/admin_stream.h"
#include "server/http_types.h"
#include "store/store.h"

namespace wirepress::server {

// What the admin page reads and acts on. Every pointer must outlive the
// handler.
struct AdminContext {
  store::Store* store = nullptr;
  ingest::InputArchive* archive = nullptr;
  std::string inbox_dir;
  FileSystem* fs = nullptr;
  const Clock* clock = nullptr;
  // Told about a kill made here, so caches drop the story (Pipeline::Notify).
  std::function<void(const store::PutOutcome&)> notify;
  // The polled feeds' health (ingest::FeedPoller::Health); unset: no feeds.
  std::function<std::vector<ingest::FeedHealth>()> feed_health;
};

class AdminHandler {
 public:
  // Loads templates/admin/*.mustache from `theme_dir`. InvalidInput when
  // options.password_hash is not an argon2id string; template errors pass
  // through (NotFound naming a missing template).
  static Result<std::unique_ptr<AdminHandler>> Create(const AdminOptions& options,
                                                      AdminContext context,
                                                      const std::string& theme_dir);

  // True for "/admin" and paths under "/admin/".
  static bool Owns(std::string_view path);

  HttpResponse Handle(const HttpRequest& request);

  // Feeds the live ingest stream. REQUIRES: before the pipeline's first Ingest.
  void AttachTo(ingest::Pipeline* pipeline);
  IngestStream& stream() { return stream_; }

 private:
  AdminHandler(const AdminOptions& options, AdminContext context,
               std::unique_ptr<publish::TemplateSet> templates);

  HttpResponse Route(const HttpRequest& request);
  HttpResponse LoginForm(const HttpRequest& request, int status, const std::string& error);
  HttpResponse Login(const HttpRequest& request);
  HttpResponse Logout(const AdminSession& session);
  HttpResponse Dashboard(const AdminSession& session);
  HttpResponse Replay(const HttpRequest& request);
  HttpResponse Kill(const HttpRequest& request);
  // Store::Hold (hold) or Store::ReleaseHold (!hold) of the form's uri.
  HttpResponse Hold(const HttpRequest& request, bool hold);
  // The response to an operator's store action: a redirect after telling
  // the listeners, or the error page.
  HttpResponse Applied(const HttpRequest& request, const char* what, const char* event,
                       const std::string& uri, const std::string& reason,
                       const Result<store::PutOutcome>& outcome);
  HttpResponse Page(int status, std::string_view name, const publish::TemplateData& data);
  HttpResponse Message(int status, const std::string& title, const std::string& text);
  std::optional<AdminSession> SessionOf(const HttpRequest& request);
  std::string Cookie(const AdminSession& session) const;
  publish::TemplateData Health();

  AdminOptions options_;
  AdminContext context_;
  std::unique_ptr<publish::TemplateSet> templates_;
  AdminSessions sessions_;
  LoginLimiter limiter_;
  IngestStream stream_;
};

// The loader's list of admin templates ("admin/login", ...), all HTML.
publish::TemplateSource AdminTemplateSource(const std::string& theme_dir);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_ADMIN_HANDLER_H_
