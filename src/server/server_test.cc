// The server in-process on a loopback port, with a fake renderer, the
// memory store, a tiny test wire format and an in-memory archive; requests
// go through libcurl as a real client's would.
#include "server/server.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <map>
#include <mutex>

#include "base/strings.h"
#include "ingest/line_format_for_test.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/memory_file_system.h"

namespace wirepress::server {
namespace {

class FakeRenderer final : public publish::Renderer {
 public:
  Result<publish::RenderedDocument> Render(std::string_view path, std::string_view query) override {
    ++renders;
    std::string key(path);
    if (path == "/search") key += "?" + std::string(query);
    publish::RenderedDocument d;
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = pages.find(key);
      if (it == pages.end()) return Status::NotFound(std::string(path), "no such page");
      d.body = it->second;
      d.status = gone.count(key) ? 410 : 200;
    }
    d.path = std::string(path);
    d.media_type = "text/html; charset=utf-8";
    d.etag = "\"" + std::to_string(d.body.size()) + "\"";
    d.last_modified = Timestamp{1557914400};
    // A slow render, read before the wait: what the store held when it began.
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms.load()));
    return d;
  }
  std::vector<std::string> AffectedPaths(const store::PutOutcome& o) override {
    return {o.record.path, "/"};
  }
  bool IsStoryPath(std::string_view path) const override { return path.starts_with("/story/"); }
  Result<std::vector<std::string>> AllPaths() override {
    std::vector<std::string> out;
    for (const auto& [p, b] : pages) out.push_back(p);
    return out;
  }
  std::mutex mu;  // guards pages and gone while a test changes them mid-render
  std::map<std::string, std::string> pages;
  std::set<std::string> gone;
  std::atomic<int> renders{0};
  std::atomic<int> delay_ms{0};
};

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
  std::string_view line(p, s * n);
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    (*static_cast<std::map<std::string, std::string>*>(out))[AsciiLower(line.substr(0, colon))] =
        std::string(Trim(line.substr(colon + 1)));
  }
  return s * n;
}

Reply Fetch(const std::string& url, std::vector<std::string> headers = {},
            const std::string* post = nullptr, bool head = false, const char* encodings = nullptr) {
  Reply r;
  CURL* c = curl_easy_init();
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
  if (head) curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  // libcurl decodes what it asked for, so bodies compare as sent.
  if (encodings) curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, encodings);
  if (post) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, post->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(post->size()));
  }
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(c);
  return r;
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest()
      : registry_(ingest::LineRegistry()),
        store_(store::memory::NewMemoryStore()),
        pipeline_(ingest::IngestOptions{}, registry_.get(), store_.get(), &clock_),
        archive_("data", &fs_, &clock_) {
    renderer_.pages["/"] = "<h1>Home</h1>" + std::string(2000, ' ');
    renderer_.pages["/dead"] = "<p>withdrawn</p>";
    renderer_.gone.insert("/dead");
  }

  void StartServer(std::string token = "") {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.push_token = std::move(token);
    server_ = std::make_unique<Server>(o, &renderer_, &pipeline_, &archive_);
    server_->AttachTo(&pipeline_);
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_GT(server_->port(), 0);
  }
  std::string Url(const std::string& path) { return server_->url() + path; }

  testing::FakeClock clock_{Timestamp{1557914400}};
  testing::MemoryFileSystem fs_;
  FakeRenderer renderer_;
  std::unique_ptr<formats::FormatRegistry> registry_;
  std::unique_ptr<store::Store> store_;
  ingest::Pipeline pipeline_;
  ingest::InputArchive archive_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, ServesRenderedPageOnceThenFromCache) {
  StartServer();
  Reply a = Fetch(Url("/"));
  Reply b = Fetch(Url("/?utm_source=x"));
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(b.body, a.body);
  EXPECT_EQ(a.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(a.headers["etag"], "\"2013\"");
  EXPECT_EQ(a.headers["last-modified"], "Wed, 15 May 2019 10:00:00 GMT");
  EXPECT_EQ(renderer_.renders.load(), 1);
}

TEST_F(ServerTest, ConditionalRequestsGet304) {
  StartServer();
  EXPECT_EQ(Fetch(Url("/"), {"If-None-Match: \"2013\""}).status, 304);
  EXPECT_EQ(Fetch(Url("/"), {"If-Modified-Since: Wed, 15 May 2019 10:00:00 GMT"}).status, 304);
  EXPECT_EQ(Fetch(Url("/"), {"If-None-Match: \"old\""}).status, 200);
}

TEST_F(ServerTest, HeadSendsHeadersOnlyAndGzipWhenAccepted) {
  StartServer();
  Reply head = Fetch(Url("/"), {}, nullptr, /*head=*/true);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.headers["content-length"], "2013");
  Reply z = Fetch(Url("/"), {}, nullptr, false, "gzip");
  EXPECT_EQ(z.headers["content-encoding"], "gzip");
  EXPECT_EQ(z.body, renderer_.pages["/"]);  // curl inflated it
}

TEST_F(ServerTest, BrotliForClientsThatPreferItGzipForTheOthers) {
  StartServer();
  Reply br = Fetch(Url("/"), {}, nullptr, false, "gzip, br");
  EXPECT_EQ(br.status, 200);
  EXPECT_EQ(br.headers["content-encoding"], "br");
  EXPECT_EQ(br.headers["etag"], "W/\"2013\"");
  EXPECT_EQ(br.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(br.body, renderer_.pages["/"]);  // curl decoded it
  Reply gz = Fetch(Url("/"), {}, nullptr, false, "br;q=0.5, gzip");
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.body, renderer_.pages["/"]);
  Reply plain = Fetch(Url("/"));
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain.headers["content-length"], "2013");
  // A brotli revalidation with the weak tag is a 304 too.
  EXPECT_EQ(Fetch(Url("/"), {"If-None-Match: W/\"2013\"", "Accept-Encoding: br"}).status, 304);
  EXPECT_EQ(renderer_.renders.load(), 1);  // one render, compressed once for all three
}

TEST_F(ServerTest, IndexNowKeyFileAnswersTheKey) {
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.indexnow_key = "5e0b7c1a2d3f4e5a";
  Server server(o, &renderer_, nullptr, nullptr);
  ASSERT_TRUE(server.Start().ok());
  Reply key = Fetch(server.url() + "/5e0b7c1a2d3f4e5a.txt");
  EXPECT_EQ(key.status, 200);
  EXPECT_EQ(key.body, "5e0b7c1a2d3f4e5a");
  EXPECT_EQ(key.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(Fetch(server.url() + "/0000000000000000.txt").status, 404);
}

TEST_F(ServerTest, NoKeyFileWithoutAKey) {
  StartServer();
  EXPECT_EQ(Fetch(Url("/.txt")).status, 404);
}

TEST_F(ServerTest, LargeRequestHeadersStillFit) {
  StartServer();
  // A browser with many cookies: 8 KiB of headers.
  Reply r = Fetch(Url("/"), {"Cookie: " + std::string(4000, 'c'), "X-Long: " + std::string(4000, 'x')});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, renderer_.pages["/"]);
}

TEST_F(ServerTest, MissingPageIs404KilledStoryIs410) {
  StartServer();
  Reply missing = Fetch(Url("/no/such/page"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("Page not found"), std::string::npos);
  EXPECT_EQ(Fetch(Url("/dead")).status, 410);
}

TEST_F(ServerTest, HealthAndMetrics) {
  StartServer();
  EXPECT_EQ(Fetch(Url("/healthz")).body, "ok\n");
  Fetch(Url("/"));
  Fetch(Url("/"));
  Reply m = Fetch(Url("/metrics"));
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("wirepress_cache_hits_total 1\n"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("wirepress_cache_misses_total 1\n"), std::string::npos);
  EXPECT_NE(m.body.find("wirepress_http_requests_total{code=\"200\"} 3\n"), std::string::npos);
}

TEST_F(ServerTest, StoreChangeInvalidatesTheAffectedPages) {
  StartServer();
  Fetch(Url("/"));
  renderer_.pages["/"] = "<h1>Home v2</h1>";
  EXPECT_NE(Fetch(Url("/")).body, "<h1>Home v2</h1>");  // still cached
  ASSERT_TRUE(pipeline_.Ingest({"a.txt", "LINES\nu1|Headline|<p>b</p>\n", ""}).ok());
  EXPECT_EQ(Fetch(Url("/")).body, "<h1>Home v2</h1>");
}

TEST_F(ServerTest, AStoryThatLeavesDropsEveryCachedStoryPage) {
  StartServer();
  ASSERT_TRUE(pipeline_.Ingest({"a.txt", "LINES\nu1|Headline|<p>b</p>\n", ""}).ok());
  renderer_.pages["/story/other/"] = "<p>related: Headline</p>";
  renderer_.pages["/world/"] = "<p>world</p>";
  Fetch(Url("/story/other/"));
  Fetch(Url("/world/"));
  renderer_.pages["/story/other/"] = "<p>related: none</p>";
  renderer_.pages["/world/"] = "<p>world v2</p>";
  ASSERT_TRUE(pipeline_.Ingest({"b.txt", "LINES\nu2|Another|<p>b</p>\n", ""}).ok());
  EXPECT_EQ(Fetch(Url("/story/other/")).body, "<p>related: Headline</p>");  // a newcomer: kept
  store::PutOutcome killed = store_->Kill("u1", "legal", clock_.Now()).value();
  server_->Invalidate(killed);
  EXPECT_EQ(Fetch(Url("/story/other/")).body, "<p>related: none</p>");
  EXPECT_EQ(Fetch(Url("/world/")).body, "<p>world</p>");  // not a story page, not affected
}

TEST_F(ServerTest, AnotherProcesssUpdateDropsEveryListingButNoStoryPage) {
  StartServer();
  renderer_.pages["/story/other/"] = "<p>story</p>";
  renderer_.pages["/old-section/"] = "<p>lists u9</p>";
  Fetch(Url("/story/other/"));
  Fetch(Url("/old-section/"));
  renderer_.pages["/story/other/"] = "<p>story v2</p>";
  renderer_.pages["/old-section/"] = "<p>without u9</p>";
  // What the change follower reports for an update by another process: the
  // record as it is now, nothing about where it was listed before.
  store::PutOutcome update;
  update.action = store::PutAction::kUpdated;
  update.record.id = 9;
  update.record.path = "/story/u9/";
  update.record.revisions = 2;
  server_->Invalidate(update);
  EXPECT_EQ(Fetch(Url("/old-section/")).body, "<p>without u9</p>");
  EXPECT_EQ(Fetch(Url("/story/other/")).body, "<p>story</p>");
}

TEST_F(ServerTest, FollowerEchoOfOwnChangeIsSkippedAnotherProcesssChangeIsNot) {
  StartServer();
  Fetch(Url("/"));
  Result<ingest::IngestReport> r = pipeline_.Ingest({"a.txt", "LINES\nu1|Headline|<p>b</p>\n", ""});
  ASSERT_TRUE(r.ok());
  store::PutOutcome own = r->outcomes.at(0);
  Fetch(Url("/"));  // rendered again after the pipeline's invalidation
  int renders = renderer_.renders.load();
  server_->Invalidate(own);  // the change follower reading our own change back
  EXPECT_EQ(server_->skipped_own_changes(), 1u);
  Fetch(Url("/"));
  EXPECT_EQ(renderer_.renders.load(), renders);  // still cached
  // The same story changed by another process (a kill from the CLI).
  store::PutOutcome killed = store_->Kill("u1", "legal", clock_.Now()).value();
  server_->Invalidate(killed);
  EXPECT_EQ(server_->skipped_own_changes(), 1u);
  Fetch(Url("/"));
  EXPECT_EQ(renderer_.renders.load(), renders + 1);
}

TEST_F(ServerTest, PushIsOffWithoutTokenAndNeedsTheRightOne) {
  StartServer();
  std::string body = "LINES\nu1|H|<p>b</p>\n";
  EXPECT_EQ(Fetch(Url("/api/v1/ingest"), {}, &body).status, 403);
  server_.reset();
  StartServer("s3cret");
  EXPECT_EQ(Fetch(Url("/api/v1/ingest"), {"Authorization: Bearer nope"}, &body).status, 401);
  EXPECT_EQ(Fetch(Url("/api/v1/ingest")).status, 405);
}

TEST_F(ServerTest, PushIngestsAndKeepsTheBody) {
  StartServer("s3cret");
  std::string body = "LINES\nu1|Headline|<p>b</p>\n";
  Reply r = Fetch(Url("/api/v1/ingest?name=afp-1.txt"), {"Authorization: Bearer s3cret"}, &body);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"action\":\"created\""), std::string::npos) << r.body;
  EXPECT_TRUE(store_->GetByUri("u1").ok());
  EXPECT_EQ(*fs_.ReadFile("data/processed/2019/05/15/afp-1.txt"), body);
}

// The response names the key an operator passes to kill/hold/release when
// the guid carries the version, and only then.
TEST_F(ServerTest, PushResponseGivesTheKeyWhenTheGuidIsNotIt) {
  StartServer("s3cret");
  std::string body = "LINES\nurn:x:1#urn:x|Headline|<p>b</p>\nu2|Other|<p>c</p>\n";
  Reply r = Fetch(Url("/api/v1/ingest?name=k.txt"), {"Authorization: Bearer s3cret"}, &body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("{\"action\":\"created\",\"key\":\"urn:x\",\"path\":"),
            std::string::npos)
      << r.body;
  size_t first = r.body.find("\"key\"");
  EXPECT_EQ(r.body.find("\"key\"", first + 1), std::string::npos) << r.body;  // not for u2
}

TEST_F(ServerTest, BadPushIs422WithDiagnosticAndKeptInFailed) {
  StartServer("s3cret");
  std::string body = "LINES\n!bad\n";
  Reply r = Fetch(Url("/api/v1/ingest?name=x.txt"), {"Authorization: Bearer s3cret"}, &body);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body, "push:x.txt:2:1: bad line\n!bad\n^\n(the input is kept as data/failed/x.txt)\n");
  EXPECT_EQ(*fs_.ReadFile("data/failed/x.txt"), body);
  EXPECT_TRUE(fs_.Exists("data/failed/x.txt.reason.txt"));
}

TEST(SiteHandler, ConcurrentMissesOfOnePageShareOneRender) {
  FakeRenderer renderer;
  renderer.pages["/"] = "<h1>Home</h1>";
  renderer.delay_ms = 300;  // long enough for every reader to arrive while it renders
  DocumentCache cache(100);
  Metrics metrics;
  SiteHandler handler(&renderer, &cache, &metrics, nullptr, CompressionOptions{});
  HttpRequest req;
  req.method = "GET";
  req.path = "/";
  std::vector<std::string> bodies(4);
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&, i] { bodies[i] = *handler.Handle(req).body; });
  }
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(renderer.renders.load(), 1);
  for (const std::string& b : bodies) EXPECT_EQ(b, "<h1>Home</h1>");
}

TEST(SiteHandler, ARenderStartedBeforeAnInvalidationIsNotShared) {
  FakeRenderer renderer;
  renderer.pages["/"] = "<h1>v1</h1>";
  renderer.delay_ms = 300;
  DocumentCache cache(100);
  Metrics metrics;
  SiteHandler handler(&renderer, &cache, &metrics, nullptr, CompressionOptions{});
  HttpRequest req;
  req.method = "GET";
  req.path = "/";
  std::string first;
  std::thread early([&] { first = *handler.Handle(req).body; });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // v1 is rendering
  {
    std::lock_guard<std::mutex> lock(renderer.mu);
    renderer.pages["/"] = "<h1>v2</h1>";
  }
  cache.Invalidate({"/"});
  std::string late = *handler.Handle(req).body;
  early.join();
  EXPECT_EQ(first, "<h1>v1</h1>");
  EXPECT_EQ(late, "<h1>v2</h1>");
  EXPECT_EQ(renderer.renders.load(), 2);
}

TEST(PushEndpoint, NamesComeFromQueryOrChecksum) {
  HttpRequest r;
  r.query = "name=..%2F..%2Fetc%2Fpasswd";
  EXPECT_EQ(PushEndpoint::InputName(r), "etcpasswd");
  r.query = "";
  r.body = "abc";
  EXPECT_EQ(PushEndpoint::InputName(r), "push-352441c2-3");
  EXPECT_EQ(QueryParam("a=1&q=x%20y", "q"), "x y");
}

}  // namespace
}  // namespace wirepress::server
