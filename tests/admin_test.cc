// The admin page over real loopback HTTP (libcurl against server::Server on
// 127.0.0.1): login with an argon2id password, session cookie, CSRF on every
// POST, the failed-login limit, replay of a failed input, kill and hold —
// plus the pieces (password hashing, the ingest stream ring) directly.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "admin_test_fixture.h"
#include "base/strings.h"
#include "server/admin_stream.h"
#include "testing/fake_clock.h"
#include "testing/story_builder.h"

namespace wirepress::testing {
namespace {

struct Reply {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

size_t OnBody(char* p, size_t s, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, s * n);
  return s * n;
}

size_t OnHeader(char* p, size_t s, size_t n, void* out) {
  std::string line(p, s * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = AsciiLower(line.substr(0, colon));
    std::string value(Trim(line.substr(colon + 1)));
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return s * n;
}

// One request; `cookie` is sent as the Cookie header; a `form` makes it a
// POST. Redirects are not followed.
Reply Fetch(const std::string& url, const std::string& cookie = "",
            const std::string* form = nullptr) {
  Reply r;
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  if (form != nullptr) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(form->size()));
  }
  if (!cookie.empty()) curl_easy_setopt(c, CURLOPT_COOKIE, cookie.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  curl_easy_cleanup(c);
  return r;
}

Reply Post(const std::string& url, const std::string& cookie, const std::string& form) {
  return Fetch(url, cookie, &form);
}

// "wp_admin=<id>" from a Set-Cookie header.
std::string CookieOf(const Reply& r) {
  auto it = r.headers.find("set-cookie");
  if (it == r.headers.end()) return "";
  return it->second.substr(0, it->second.find(';'));
}

std::string CsrfOf(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\""))) return "";
  return m[1];
}

std::string Enc(const std::string& s) { return UrlEncode(s); }

class AdminTest : public AdminServerTest {
 protected:
  std::string Url(const std::string& path) { return server_->url() + path; }

  // Logs in; returns the session cookie and sets csrf_ to its token.
  std::string LogIn() {
    Reply form = Fetch(Url("/admin/login"));
    std::string cookie = CookieOf(form);
    Reply in = Post(Url("/admin/login"), cookie,
                    "csrf=" + CsrfOf(form.body) + "&password=" + Enc(kAdminPassword));
    EXPECT_EQ(in.status, 303);
    std::string session = CookieOf(in);
    Reply page = Fetch(Url("/admin"), session);
    EXPECT_EQ(page.status, 200);
    csrf_ = CsrfOf(page.body);
    return session;
  }

  void AddStory(const std::string& uri, const std::string& path) {
    auto put = store_->Put(StoryBuilder().Uri(uri).Headline("Headline of " + uri).Path(path)
                               .Request(SystemClock().Now()));
    ASSERT_TRUE(put.ok()) << put.status().ToString();
  }

  void AddFailed(const std::string& name, const std::string& reason) {
    std::ofstream(data_ + "/failed/" + name) << "garbage";
    std::ofstream(data_ + "/failed/" + name + ".reason.txt") << reason;
  }

  std::string csrf_;
};

TEST_F(AdminTest, LoginFormSetsHttpOnlyStrictCookieAndIsNeverStored) {
  Reply r = Fetch(Url("/admin/login"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  const std::string& set = r.headers["set-cookie"];
  EXPECT_TRUE(std::regex_match(set, std::regex("wp_admin=[0-9a-f]{32}; Path=/admin; "
                                               "Max-Age=28800; HttpOnly; SameSite=Strict")))
      << set;
  EXPECT_EQ(CsrfOf(r.body).size(), 32u);
  EXPECT_NE(r.body.find("type=\"password\""), std::string::npos);
}

TEST_F(AdminTest, DashboardRedirectsToLoginWithoutSession) {
  Reply r = Fetch(Url("/admin"));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/admin/login");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  EXPECT_EQ(Fetch(Url("/admin"), "wp_admin=00112233445566778899aabbccddeeff").status, 303);
}

TEST_F(AdminTest, RightPasswordOpensDashboardWithFreshSession) {
  Reply form = Fetch(Url("/admin/login"));
  std::string anonymous = CookieOf(form);
  Reply in = Post(Url("/admin/login"), anonymous,
                  "csrf=" + CsrfOf(form.body) + "&password=" + Enc(kAdminPassword));
  ASSERT_EQ(in.status, 303);
  EXPECT_EQ(in.headers["location"], "/admin");
  std::string session = CookieOf(in);
  EXPECT_NE(session, anonymous);
  Reply page = Fetch(Url("/admin"), session);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.headers["cache-control"], "no-store");
  EXPECT_NE(page.body.find("Inbox health"), std::string::npos);
  // The login-form session does not become a login.
  EXPECT_EQ(Fetch(Url("/admin"), anonymous).status, 303);
}

TEST_F(AdminTest, LoginWithoutTheFormsCsrfTokenIs403) {
  Reply form = Fetch(Url("/admin/login"));
  Reply r = Post(Url("/admin/login"), CookieOf(form), "password=" + Enc(kAdminPassword));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.headers.count("set-cookie"), 0u);
  Reply no_cookie = Post(Url("/admin/login"), "",
                         "csrf=" + CsrfOf(form.body) + "&password=" + Enc(kAdminPassword));
  EXPECT_EQ(no_cookie.status, 403);
}

TEST_F(AdminTest, WrongPasswordsAreLimitedPerAddress) {
  Reply form = Fetch(Url("/admin/login"));
  std::string cookie = CookieOf(form);
  std::string bad = "csrf=" + CsrfOf(form.body) + "&password=guess";
  Reply first = Post(Url("/admin/login"), cookie, bad);
  EXPECT_EQ(first.status, 401);
  EXPECT_NE(first.body.find("Wrong password."), std::string::npos);
  EXPECT_EQ(Post(Url("/admin/login"), cookie, bad).status, 401);
  // login_failures_allowed = 2: now even the right password waits.
  Reply limited = Post(Url("/admin/login"), cookie,
                       "csrf=" + CsrfOf(form.body) + "&password=" + Enc(kAdminPassword));
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.headers["retry-after"].empty());
}

TEST_F(AdminTest, KillWithoutCsrfIsRefusedAndStoryStaysLive) {
  AddStory("urn:test:1", "/world/one");
  std::string session = LogIn();
  Reply r = Post(Url("/admin/kill"), session, "uri=urn%3Atest%3A1&reason=legal");
  EXPECT_EQ(r.status, 403);
  Reply wrong = Post(Url("/admin/kill"), session, "csrf=00&uri=urn%3Atest%3A1&reason=legal");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(store_->GetByUri("urn:test:1")->state, store::StoryState::kLive);
}

TEST_F(AdminTest, PostWithoutSessionIs403) {
  AddStory("urn:test:1", "/world/one");
  Reply r = Post(Url("/admin/kill"), "", "csrf=x&uri=urn%3Atest%3A1&reason=legal");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(store_->GetByUri("urn:test:1")->state, store::StoryState::kLive);
}

TEST_F(AdminTest, KillWithdrawsTheStoryAndItsPageAnswers410) {
  AddStory("urn:test:1", "/world/one");
  EXPECT_EQ(Fetch(Url("/world/one")).status, 200);  // now cached
  std::string session = LogIn();
  Reply page = Fetch(Url("/admin"), session);
  EXPECT_NE(page.body.find("Headline of urn:test:1"), std::string::npos);
  Reply r = Post(Url("/admin/kill"), session, "csrf=" + csrf_ + "&uri=urn%3Atest%3A1&reason=legal");
  EXPECT_EQ(r.status, 303);
  auto record = store_->GetByUri("urn:test:1");
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->state, store::StoryState::kKilled);
  EXPECT_EQ(record->kill_reason, "legal");
  EXPECT_EQ(Fetch(Url("/world/one")).status, 410);
}

TEST_F(AdminTest, KillNeedsAReason) {
  AddStory("urn:test:1", "/world/one");
  std::string session = LogIn();
  Reply r = Post(Url("/admin/kill"), session, "csrf=" + csrf_ + "&uri=urn%3Atest%3A1&reason=");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(store_->GetByUri("urn:test:1")->state, store::StoryState::kLive);
}

TEST_F(AdminTest, HoldTakesAStoryOffUntilReleaseBringsItBack) {
  AddStory("urn:test:2", "/world/two");
  std::string session = LogIn();
  Reply r = Post(Url("/admin/hold"), session, "csrf=" + csrf_ + "&uri=urn%3Atest%3A2");
  EXPECT_EQ(r.status, 303);
  auto record = store_->GetByUri("urn:test:2");
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->state, store::StoryState::kHeld);
  EXPECT_EQ(record->kill_reason, "held by operator");
  // The dashboard lists it under "Held stories" with a Release button.
  Reply page = Fetch(Url("/admin"), session);
  size_t held = page.body.find("<table id=\"held\">");
  ASSERT_NE(held, std::string::npos);
  EXPECT_NE(page.body.find("urn:test:2", held), std::string::npos);
  EXPECT_NE(page.body.find("value=\"Release\"", held), std::string::npos);
  r = Post(Url("/admin/release"), session, "csrf=" + csrf_ + "&uri=urn%3Atest%3A2");
  EXPECT_EQ(r.status, 303);
  record = store_->GetByUri("urn:test:2");
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->state, store::StoryState::kLive);
  EXPECT_EQ(record->path, "/world/two");
  page = Fetch(Url("/admin"), session);
  EXPECT_NE(page.body.find("No held stories."), std::string::npos);
}

TEST_F(AdminTest, ReleaseOfUnknownStoryIs404AndNeedsTheCsrfToken) {
  std::string session = LogIn();
  EXPECT_EQ(Post(Url("/admin/release"), session, "csrf=" + csrf_ + "&uri=urn%3Anone").status, 404);
  EXPECT_EQ(Post(Url("/admin/release"), session, "uri=urn%3Anone").status, 403);
}

TEST_F(AdminTest, KillOfUnknownStoryIs404) {
  std::string session = LogIn();
  Reply r = Post(Url("/admin/kill"), session, "csrf=" + csrf_ + "&uri=urn%3Anone&reason=x");
  EXPECT_EQ(r.status, 404);
}

TEST_F(AdminTest, FeedHealthShowsEachFeedsStateWithQuietAndFailingOnes) {
  std::string session = LogIn();
  EXPECT_NE(Fetch(Url("/admin"), session).body.find("No feeds are polled"), std::string::npos);
  {
    std::lock_guard<std::mutex> lock(feeds_mu_);
    ingest::FeedHealth ok;
    ok.url = "https://wire.example/afp.xml";
    ok.agency = "AFP";
    ok.last_success = Timestamp{1557914400};
    ok.polls = 12;
    ingest::FeedHealth failing = ok;
    failing.url = "https://wire.example/pti.xml";
    failing.agency = "PTI";
    failing.last_error = "HTTP 503";
    failing.failures = 3;
    ingest::FeedHealth quiet = ok;
    quiet.url = "https://wire.example/ians.xml";
    quiet.agency = "IANS";
    quiet.quiet = true;
    feeds_ = {ok, failing, quiet};
  }
  std::string page = Fetch(Url("/admin"), session).body;
  size_t table = page.find("<table id=\"feeds\">");
  ASSERT_NE(table, std::string::npos);
  std::string feeds = page.substr(table, page.find("</table>", table) - table);
  EXPECT_NE(feeds.find("https://wire.example/afp.xml"), std::string::npos);
  EXPECT_NE(feeds.find("2019-05-15T10:00:00Z"), std::string::npos);
  EXPECT_NE(feeds.find("12 / 0"), std::string::npos);
  EXPECT_NE(feeds.find("failing: HTTP 503"), std::string::npos);
  EXPECT_NE(feeds.find("quiet: nothing new for too long"), std::string::npos);
  EXPECT_NE(feeds.find("never"), std::string::npos);  // no new story yet
}

TEST_F(AdminTest, FailedInputShowsItsReasonAndReplayMovesItToTheInbox) {
  AddFailed("bad.xml", "bad.xml:3:7: unexpected end of element");
  std::string session = LogIn();
  Reply page = Fetch(Url("/admin"), session);
  EXPECT_NE(page.body.find("bad.xml:3:7: unexpected end of element"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"Replay\""), std::string::npos);
  Reply r = Post(Url("/admin/replay"), session, "csrf=" + csrf_ + "&name=bad.xml");
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(std::filesystem::exists(data_ + "/inbox/bad.xml"));
  EXPECT_FALSE(std::filesystem::exists(data_ + "/failed/bad.xml"));
  EXPECT_FALSE(std::filesystem::exists(data_ + "/failed/bad.xml.reason.txt"));
}

TEST_F(AdminTest, ReplayRefusesNamesOutsideFailed) {
  AddFailed("bad.xml", "why");
  std::filesystem::create_directories(data_ + "/secret");
  std::ofstream(data_ + "/secret/x") << "x";
  std::string session = LogIn();
  EXPECT_EQ(Post(Url("/admin/replay"), session, "csrf=" + csrf_ + "&name=..%2Fsecret%2Fx").status,
            404);
  EXPECT_EQ(
      Post(Url("/admin/replay"), session, "csrf=" + csrf_ + "&name=bad.xml.reason.txt").status,
      404);
  EXPECT_TRUE(std::filesystem::exists(data_ + "/secret/x"));
  EXPECT_TRUE(std::filesystem::exists(data_ + "/failed/bad.xml"));
}

TEST_F(AdminTest, ReplayWithoutCsrfLeavesTheFile) {
  AddFailed("bad.xml", "why");
  std::string session = LogIn();
  EXPECT_EQ(Post(Url("/admin/replay"), session, "name=bad.xml").status, 403);
  EXPECT_TRUE(std::filesystem::exists(data_ + "/failed/bad.xml"));
}

TEST_F(AdminTest, LogoutEndsTheSession) {
  std::string session = LogIn();
  Reply r = Post(Url("/admin/logout"), session, "csrf=" + csrf_);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(Fetch(Url("/admin"), session).status, 303);
}

TEST_F(AdminTest, AdminPagesNeverEnterTheDocumentCache) {
  std::string session = LogIn();
  size_t before = server_->cache().size();
  Fetch(Url("/admin"), session);
  Fetch(Url("/admin/login"));
  Fetch(Url("/admin/nothing"), session);
  EXPECT_EQ(server_->cache().size(), before);
  Reply missing = Fetch(Url("/admin/nothing"), session);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers["cache-control"], "no-store");
}

TEST_F(AdminTest, DashboardShowsTheLiveIngestStreamAndCounts) {
  std::ofstream(data_ + "/inbox/waiting.xml") << "x";
  std::ofstream(data_ + "/inbox/.hidden") << "x";
  ingest::IngestReport report;
  report.elapsed_micros = 2500;
  store::PutOutcome created;
  created.action = store::PutAction::kCreated;
  report.outcomes.push_back(created);
  admin_->stream().Record(Timestamp{1557914400}, "inbox/good.xml", report);
  admin_->stream().Record(Timestamp{1557914401}, "inbox/bad.xml",
                          Status::InvalidInput("bad.xml:1:1", "not a wire format\nmore"));
  std::string session = LogIn();
  std::string body = Fetch(Url("/admin"), session).body;
  EXPECT_NE(body.find("<b id=\"processed\">1</b>"), std::string::npos);
  EXPECT_NE(body.find("<b id=\"failed-since-start\">1</b>"), std::string::npos);
  EXPECT_NE(body.find("<b id=\"pending\">1</b>"), std::string::npos);
  EXPECT_NE(body.find("inbox/good.xml"), std::string::npos);
  EXPECT_NE(body.find("created 1"), std::string::npos);
  EXPECT_NE(body.find("2.5"), std::string::npos);
  EXPECT_LT(body.find("inbox/bad.xml"), body.find("inbox/good.xml"));  // newest first
}

TEST(AdminPassword, HashIsArgon2idAndVerifies) {
  auto hash = server::HashAdminPassword("s3cret", server::Argon2Params{1, 256, 1});
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(StartsWith(*hash, "$argon2id$v=19$m=256,t=1,p=1$")) << *hash;
  EXPECT_TRUE(server::VerifyAdminPassword(*hash, "s3cret"));
  EXPECT_FALSE(server::VerifyAdminPassword(*hash, "s3cret "));
  EXPECT_FALSE(server::VerifyAdminPassword("$argon2id$garbage", "s3cret"));
  EXPECT_FALSE(server::VerifyAdminPassword("", ""));
  auto again = server::HashAdminPassword("s3cret", server::Argon2Params{1, 256, 1});
  EXPECT_NE(*hash, *again);  // random salt
}

TEST(AdminPassword, EmptyPasswordIsRefused) {
  auto hash = server::HashAdminPassword("");
  EXPECT_EQ(hash.status().ToString(), Status::InvalidInput("hashing the admin password",
                                                           "it is empty").ToString());
}

TEST(AdminSessions, ExpireAfterTheirTtl) {
  FakeClock clock;
  server::AdminOptions options;
  options.session_ttl_s = 60;
  server::AdminSessions sessions(options, &clock);
  auto s = sessions.Create(true);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id.size(), 32u);
  EXPECT_NE(s->id, s->csrf);
  clock.Advance(59);
  EXPECT_TRUE(sessions.Find(s->id).has_value());
  clock.Advance(1);
  EXPECT_FALSE(sessions.Find(s->id).has_value());
}

TEST(AdminSessions, AFloodOfLoginFormsDoesNotEvictALogin) {
  FakeClock clock;
  server::AdminOptions options;
  options.max_sessions = 4;
  server::AdminSessions sessions(options, &clock);
  auto login = sessions.Create(true);
  ASSERT_TRUE(login.ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(sessions.Create(false).ok());
  EXPECT_LE(sessions.size(), 4u);
  EXPECT_TRUE(sessions.Find(login->id).has_value());
}

TEST(LoginLimiter, AllowsAgainOnceTheWindowHasPassed) {
  FakeClock clock;
  server::AdminOptions options;
  options.login_failures_allowed = 2;
  options.login_window_s = 100;
  server::LoginLimiter limiter(options, &clock);
  limiter.RecordFailure("10.0.0.1");
  EXPECT_EQ(limiter.RetryAfter("10.0.0.1"), 0);
  limiter.RecordFailure("10.0.0.1");
  EXPECT_EQ(limiter.RetryAfter("10.0.0.1"), 100);
  EXPECT_EQ(limiter.RetryAfter("10.0.0.2"), 0);  // per address
  clock.Advance(40);
  EXPECT_EQ(limiter.RetryAfter("10.0.0.1"), 60);
  clock.Advance(60);
  EXPECT_EQ(limiter.RetryAfter("10.0.0.1"), 0);
}

TEST(IngestStream, KeepsTheNewestEntriesNewestFirst) {
  server::IngestStream stream(3);
  for (int i = 0; i < 5; ++i) {
    stream.Record(Timestamp{i}, "in" + std::to_string(i), ingest::IngestReport{});
  }
  std::vector<server::IngestEvent> latest = stream.Latest();
  ASSERT_EQ(latest.size(), 3u);
  EXPECT_EQ(latest[0].source, "in4");
  EXPECT_EQ(latest[2].source, "in2");
  EXPECT_EQ(latest[0].outcome, "no stories");
  EXPECT_EQ(stream.totals().processed, 5);
}

}  // namespace
}  // namespace wirepress::testing
