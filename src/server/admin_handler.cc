#include "server/admin_handler.h"

#include <algorithm>

#include "base/logging.h"
#include "base/strings.h"
#include "model/story.h"
#include "server/push_endpoint.h"

namespace wirepress::server {
namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kCookieName = "wp_admin";
constexpr const char* kHoldReason = "held by operator";
constexpr int kStoriesShown = 50;
constexpr size_t kFailedShown = 200;

// The value of cookie `name` in a "Cookie: a=1; b=2" header, or "".
std::string CookieValue(std::string_view header, std::string_view name) {
  for (std::string_view part : Split(header, ';')) {
    part = Trim(part);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
  }
  return "";
}

HttpResponse Redirect(const std::string& location) {
  HttpResponse r = HttpResponse::Text(303, "");
  r.headers.emplace_back("Location", location);
  return r;
}

// Every admin answer: never stored by a browser or proxy, never framed,
// and no referrer leaks the admin URL to a story link.
void Harden(HttpResponse* r) {
  r->etag.clear();
  r->last_modified.reset();
  r->headers.emplace_back("Cache-Control", "no-store");
  r->headers.emplace_back("X-Frame-Options", "DENY");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  r->headers.emplace_back("Content-Security-Policy",
                          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                          "frame-ancestors 'none'");
}

bool Pending(std::string_view name) {
  return !name.empty() && name.front() != '.' && !EndsWith(name, ".tmp") &&
         !EndsWith(name, ".part");
}

}  // namespace

publish::TemplateSource AdminTemplateSource(const std::string& theme_dir) {
  publish::TemplateSource s;
  s.theme_dir = theme_dir;
  for (const char* name : {"admin/login", "admin/dashboard", "admin/message"}) {
    s.names.emplace_back(name, publish::Escaping::kHtml);
  }
  return s;
}

Result<std::unique_ptr<AdminHandler>> AdminHandler::Create(const AdminOptions& options,
                                                           AdminContext context,
                                                           const std::string& theme_dir) {
  if (!StartsWith(options.password_hash, "$argon2id$")) {
    return Status::InvalidInput("admin.password_hash",
                                "expected an argon2id hash from `wirepress admin-password`");
  }
  WP_ASSIGN_OR_RETURN(std::unique_ptr<publish::TemplateSet> templates,
                      publish::LoadTemplates(AdminTemplateSource(theme_dir), *context.fs));
  return std::unique_ptr<AdminHandler>(
      new AdminHandler(options, std::move(context), std::move(templates)));
}

AdminHandler::AdminHandler(const AdminOptions& options, AdminContext context,
                           std::unique_ptr<publish::TemplateSet> templates)
    : options_(options),
      context_(std::move(context)),
      templates_(std::move(templates)),
      sessions_(options, context_.clock),
      limiter_(options, context_.clock),
      stream_(options.stream_entries) {}

bool AdminHandler::Owns(std::string_view path) {
  return path == "/admin" || StartsWith(path, "/admin/");
}

void AdminHandler::AttachTo(ingest::Pipeline* pipeline) {
  pipeline->AddInputListener(
      [this](std::string_view source, const Result<ingest::IngestReport>& result) {
        stream_.Record(context_.clock->Now(), source, result);
      });
}

HttpResponse AdminHandler::Handle(const HttpRequest& request) {
  HttpResponse r = Route(request);
  Harden(&r);
  return r;
}

HttpResponse AdminHandler::Route(const HttpRequest& request) {
  bool read = request.method == "GET" || request.method == "HEAD";
  bool post = request.method == "POST";
  if (!read && !post) {
    HttpResponse r = HttpResponse::Text(405, request.method + " is not allowed here\n");
    r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
  }
  if (request.path == "/admin/login") return read ? LoginForm(request, 200, "") : Login(request);
  std::optional<AdminSession> session = SessionOf(request);
  bool in = session.has_value() && session->authenticated;
  if (read) {
    if (request.path != "/admin" && request.path != "/admin/") {
      return Message(404, "Not found", "There is no admin page at " + request.path + ".");
    }
    return in ? Dashboard(*session) : Redirect("/admin/login");
  }
  if (!in) return Message(403, "Not logged in", "Log in first.");
  if (!ConstantTimeEqual(QueryParam(request.body, "csrf"), session->csrf)) {
    return Message(403, "Form expired", "The form's CSRF token is missing or wrong; reload the "
                                        "admin page and try again.");
  }
  if (request.path == "/admin/logout") return Logout(*session);
  if (request.path == "/admin/replay") return Replay(request);
  if (request.path == "/admin/kill") return Kill(request);
  if (request.path == "/admin/hold") return Hold(request, /*hold=*/true);
  if (request.path == "/admin/release") return Hold(request, /*hold=*/false);
  return Message(404, "Not found", "There is no admin action at " + request.path + ".");
}

std::optional<AdminSession> AdminHandler::SessionOf(const HttpRequest& request) {
  std::string id = CookieValue(request.Header("cookie"), kCookieName);
  if (id.empty()) return std::nullopt;
  return sessions_.Find(id);
}

std::string AdminHandler::Cookie(const AdminSession& s) const {
  std::string c = std::string(kCookieName) + "=" + s.id + "; Path=/admin; Max-Age=" +
                  std::to_string(options_.session_ttl_s) + "; HttpOnly; SameSite=Strict";
  if (options_.secure_cookie) c += "; Secure";
  return c;
}

HttpResponse AdminHandler::LoginForm(const HttpRequest& request, int status,
                                     const std::string& error) {
  std::optional<AdminSession> session = SessionOf(request);
  if (session && session->authenticated && status == 200) return Redirect("/admin");
  bool fresh = !session.has_value();
  if (fresh) {
    Result<AdminSession> made = sessions_.Create(false);
    if (!made.ok()) return Message(500, "Login unavailable", made.status().ToString());
    session = *made;
  }
  publish::TemplateData data;
  data.Set("csrf", session->csrf);
  data.Set("error", error);
  HttpResponse r = Page(status, "admin/login", data);
  if (fresh) r.headers.emplace_back("Set-Cookie", Cookie(*session));
  return r;
}

HttpResponse AdminHandler::Login(const HttpRequest& request) {
  if (std::int64_t wait = limiter_.RetryAfter(request.remote); wait > 0) {
    LogWarn("admin.login_limited", {{"remote", request.remote}});
    HttpResponse r = Message(429, "Too many failed logins",
                             "Try again in " + std::to_string(wait) + " seconds.");
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  std::optional<AdminSession> session = SessionOf(request);
  if (!session || !ConstantTimeEqual(QueryParam(request.body, "csrf"), session->csrf)) {
    return Message(403, "Form expired",
                   "The login form's CSRF token is missing or wrong; reload it and try again.");
  }
  if (!VerifyAdminPassword(options_.password_hash, QueryParam(request.body, "password"))) {
    limiter_.RecordFailure(request.remote);
    LogWarn("admin.login_failed", {{"remote", request.remote}});
    return LoginForm(request, 401, "Wrong password.");
  }
  limiter_.RecordSuccess(request.remote);
  sessions_.Remove(session->id);
  Result<AdminSession> made = sessions_.Create(true);
  if (!made.ok()) return Message(500, "Login unavailable", made.status().ToString());
  LogInfo("admin.login", {{"remote", request.remote}});
  HttpResponse r = Redirect("/admin");
  r.headers.emplace_back("Set-Cookie", Cookie(*made));
  return r;
}

HttpResponse AdminHandler::Logout(const AdminSession& session) {
  sessions_.Remove(session.id);
  HttpResponse r = Redirect("/admin/login");
  r.headers.emplace_back("Set-Cookie", std::string(kCookieName) +
                                           "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict");
  return r;
}

publish::TemplateData AdminHandler::Health() {
  publish::TemplateData health;
  IngestTotals totals = stream_.totals();
  health.Set("processed", std::to_string(totals.processed));
  health.Set("failed_since_start", std::to_string(totals.failed));
  Result<std::vector<std::string>> failed = context_.archive->ListFailed();
  health.Set("failed", failed.ok() ? std::to_string(failed->size()) : "?");
  Result<std::vector<std::string>> inbox = context_.fs->ListDir(context_.inbox_dir);
  health.Set("pending", inbox.ok() ? std::to_string(std::count_if(inbox->begin(), inbox->end(),
                                                                  Pending))
                                   : "?");
  return health;
}

HttpResponse AdminHandler::Dashboard(const AdminSession& session) {
  publish::TemplateData data;
  data.Set("csrf", session.csrf);
  data.Set("health", Health());
  publish::TemplateData feeds = publish::TemplateData::List();
  auto when = [](const std::optional<Timestamp>& t) {
    return t ? FormatIso8601(*t) : std::string("never");
  };
  for (const ingest::FeedHealth& f : context_.feed_health ? context_.feed_health()
                                                          : std::vector<ingest::FeedHealth>{}) {
    publish::TemplateData row;
    row.Set("url", f.url)
        .Set("agency", f.agency)
        .Set("last_success", when(f.last_success))
        .Set("last_new", when(f.last_new))
        .Set("last_error", f.last_error)
        .Set("failing", !f.last_error.empty())
        .Set("quiet", f.quiet)
        .Set("polls", std::to_string(f.polls))
        .Set("failures", std::to_string(f.failures));
    feeds.Push(std::move(row));
  }
  data.Set("feeds", std::move(feeds));
  publish::TemplateData events = publish::TemplateData::List();
  for (const IngestEvent& e : stream_.Latest()) {
    publish::TemplateData row;
    row.Set("at", FormatIso8601(e.at));
    row.Set("source", e.source);
    row.Set("ok", e.ok);
    row.Set("outcome", e.outcome);
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", static_cast<double>(e.latency_micros) / 1000.0);
    row.Set("latency_ms", e.ok ? std::string(ms) : std::string("-"));
    events.Push(std::move(row));
  }
  data.Set("events", std::move(events));
  publish::TemplateData failed = publish::TemplateData::List();
  Result<std::vector<std::string>> names = context_.archive->ListFailed();
  for (size_t i = 0; names.ok() && i < names->size() && i < kFailedShown; ++i) {
    publish::TemplateData row;
    row.Set("name", (*names)[i]);
    Result<std::string> reason = context_.archive->FailureReason((*names)[i]);
    row.Set("reason", reason.ok() ? *reason : "(no reason recorded)");
    failed.Push(std::move(row));
  }
  data.Set("failed", std::move(failed));
  publish::TemplateData stories = publish::TemplateData::List();
  store::StoryQuery q;
  q.limit = kStoriesShown;
  Result<std::vector<store::StoryRecord>> live = context_.store->List(q);
  for (size_t i = 0; live.ok() && i < live->size(); ++i) {
    const store::StoryRecord& s = (*live)[i];
    publish::TemplateData row;
    row.Set("uri", model::StoryKey(s.story));  // what the store finds it by
    row.Set("headline", s.story.headline);
    row.Set("path", s.path);
    row.Set("published", FormatIso8601(s.published_at));
    stories.Push(std::move(row));
  }
  data.Set("stories", std::move(stories));
  if (!live.ok()) data.Set("store_error", live.status().ToString());
  publish::TemplateData held_rows = publish::TemplateData::List();
  q.state = store::StoryState::kHeld;
  Result<std::vector<store::StoryRecord>> held = context_.store->List(q);
  for (size_t i = 0; held.ok() && i < held->size(); ++i) {
    const store::StoryRecord& s = (*held)[i];
    publish::TemplateData row;
    row.Set("uri", model::StoryKey(s.story));  // what the store finds it by
    row.Set("headline", s.story.headline);
    row.Set("reason", s.kill_reason);
    row.Set("held_at", FormatIso8601(s.updated_at));
    held_rows.Push(std::move(row));
  }
  data.Set("held", std::move(held_rows));
  if (!held.ok()) data.Set("store_error", held.status().ToString());
  return Page(200, "admin/dashboard", data);
}

HttpResponse AdminHandler::Replay(const HttpRequest& request) {
  std::string name = QueryParam(request.body, "name");
  // Only a name the archive lists: the form field cannot reach outside
  // failed/ ("../x") or pick a reason file.
  Result<std::vector<std::string>> names = context_.archive->ListFailed();
  if (!names.ok()) return Message(500, "Replay failed", names.status().ToString());
  if (std::find(names->begin(), names->end(), name) == names->end()) {
    return Message(404, "Replay failed", "No failed input is named '" + name + "'.");
  }
  Result<std::string> moved = context_.archive->Replay(name, context_.inbox_dir);
  if (!moved.ok()) return Message(500, "Replay failed", moved.status().ToString());
  LogInfo("admin.replay", {{"name", name}, {"to", *moved}, {"remote", request.remote}});
  return Redirect("/admin");
}

HttpResponse AdminHandler::Kill(const HttpRequest& request) {
  std::string uri = std::string(Trim(QueryParam(request.body, "uri")));
  std::string reason = std::string(Trim(QueryParam(request.body, "reason")));
  const char* what = "Kill failed";
  if (uri.empty()) return Message(400, what, "No story was named.");
  if (reason.empty()) return Message(400, what, "A kill needs a reason.");
  return Applied(request, what, "admin.kill", uri, reason,
                 context_.store->Kill(uri, reason, context_.clock->Now()));
}

HttpResponse AdminHandler::Hold(const HttpRequest& request, bool hold) {
  std::string uri = std::string(Trim(QueryParam(request.body, "uri")));
  const char* what = hold ? "Hold failed" : "Release failed";
  if (uri.empty()) return Message(400, what, "No story was named.");
  Timestamp now = context_.clock->Now();
  return Applied(request, what, hold ? "admin.hold" : "admin.release", uri,
                 hold ? kHoldReason : "",
                 hold ? context_.store->Hold(uri, kHoldReason, now)
                      : context_.store->ReleaseHold(uri, now));
}

HttpResponse AdminHandler::Applied(const HttpRequest& request, const char* what,
                                   const char* event, const std::string& uri,
                                   const std::string& reason,
                                   const Result<store::PutOutcome>& outcome) {
  if (!outcome.ok()) {
    int status = outcome.status().code() == StatusCode::kNotFound ? 404 : 500;
    return Message(status, what, outcome.status().ToString());
  }
  if (context_.notify) context_.notify(*outcome);
  LogInfo(event, {{"uri", uri}, {"reason", reason}, {"remote", request.remote}});
  return Redirect("/admin");
}

HttpResponse AdminHandler::Page(int status, std::string_view name,
                                const publish::TemplateData& data) {
  Result<std::string> html = templates_->Render(name, data);
  if (!html.ok()) {
    LogError("admin.render", {{"template", std::string(name)}, {"error", html.status().ToString()}});
    return HttpResponse::Text(500, "the admin page could not be rendered\n");
  }
  return HttpResponse::Text(status, std::move(html).value(), std::string(kHtml));
}

HttpResponse AdminHandler::Message(int status, const std::string& title, const std::string& text) {
  publish::TemplateData data;
  data.Set("title", title);
  data.Set("text", text);
  return Page(status, "admin/message", data);
}

}  // namespace wirepress::server
