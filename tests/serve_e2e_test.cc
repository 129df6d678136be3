// End to end: the real `wirepress serve` binary on a free loopback port
// with a temporary data folder. A wire file dropped in the inbox must show
// on its page, the home page and the RSS feed; a garbage file must land in
// failed/ with its reason; pages answer 304 to a matching If-None-Match;
// `wirepress kill` turns the page into a 410 and takes the story out of the
// listings. Every wait is bounded (≤ 10 s).
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include "testing/serve_process.h"

namespace {

constexpr const char* kBinary = WIREPRESS_BINARY;
constexpr const char* kExample = WIREPRESS_SOURCE_DIR "/../shared/examples/syndicated-story-page.txt";
constexpr const char* kHeadline = "Pompeo Says Agreed with Putin on Syria Progress";
constexpr const char* kLead =
    "The United States and Russia have agreed on ways to break a deadlock";
constexpr auto kPatience = std::chrono::seconds(10);

struct Reply {
  long status = 0;  // 0: no answer, see `error`
  std::string body;
  std::map<std::string, std::string> headers;
  std::string error;  // libcurl's reason when there was no answer
};

size_t OnBody(char* p, size_t s, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, s * n);
  return s * n;
}
size_t OnHeader(char* p, size_t s, size_t n, void* out) {
  std::string line(p, s * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n ") + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return s * n;
}

Reply Get(const std::string& url, const std::string& header = "",
          const std::string* post = nullptr) {
  Reply r;
  CURL* c = curl_easy_init();
  if (post != nullptr) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, post->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(post->size()));
  }
  curl_slist* list = header.empty() ? nullptr : curl_slist_append(nullptr, header.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  // As patient as the server's start: on a loaded 2-core machine a first
  // request once took longer than 5 s.
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(kPatience.count()));
  CURLcode code = curl_easy_perform(c);
  if (code == CURLE_OK) {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  } else {
    r.error = curl_easy_strerror(code);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(c);
  return r;
}

// Polls `done` every 20 ms until it holds or kPatience passes.
bool Eventually(const std::function<bool()>& done) {
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes beside the inbox, then renames in: what a well-behaved agency
// feeder does, so the spool never sees half a file.
void Drop(const std::string& root, const std::string& name, const std::string& bytes) {
  std::string tmp = root + "/" + name + ".writing";
  std::ofstream(tmp, std::ios::binary) << bytes;
  ASSERT_EQ(::rename(tmp.c_str(), (root + "/data/inbox/" + name).c_str()), 0);
}

class ServeE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/wirepress-e2e-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    dropped_ = false;  // a new server and store each time (--gtest_repeat)
    std::ofstream(root_ + "/wirepress.toml")
        << "data_dir = \"" << root_ << "/data\"\nlog_level = \"warn\"\n[site]\nname = \"E2E News\"\n"
        << "[server]\npush_token = \"e2e-token\"\n[pings]\nindexnow_key = \"e2e0key0e2e0key0\"\n";
    StartServer();
  }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      // Graceful shutdown must finish promptly and cleanly.
      for (int i = 0; i < 500 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "serve did not exit cleanly";
    }
    if (std::getenv("WIREPRESS_KEEP_E2E") == nullptr) {
      std::system(("rm -rf '" + root_ + "'").c_str());
    }
  }

  static void StartServer() {
    wirepress::testing::ServeProcess serve;
    wirepress::Status started = wirepress::testing::StartServe(
        kBinary, root_ + "/wirepress.toml", {}, std::chrono::milliseconds(kPatience), &serve);
    pid_ = serve.pid;
    url_ = serve.url;
    ASSERT_TRUE(started.ok()) << started.ToString();
  }

  // The story's URL path, read from the RSS feed's <link> ("" if absent).
  static std::string StoryPathFromFeed() {
    Reply rss = Get(url_ + "/rss.xml");
    std::smatch m;
    std::regex re("<link>https?://[^/<]+(/[^<]*pompeo-says[^<]*)</link>");
    return std::regex_search(rss.body, m, re) ? std::string(m[1]) : "";
  }

  // Drops the example into the inbox unless it is live already (ctest runs
  // each test in its own process and server), waits for it to reach the
  // feed and returns its path ("" on timeout).
  static std::string LiveStoryPath() {
    if (StoryPathFromFeed().empty() && !dropped_) {
      Drop(root_, "syndicated-story-page.txt", ReadAll(kExample));
      dropped_ = true;
    }
    Eventually([] { return !StoryPathFromFeed().empty(); });
    return StoryPathFromFeed();
  }

  static std::string Run(const std::string& args) {
    std::string cmd = std::string(kBinary) + " --config " + root_ + "/wirepress.toml " + args;
    return std::to_string(std::system(cmd.c_str()));
  }

  static inline std::string root_;
  static inline std::string url_;
  static inline pid_t pid_ = -1;
  static inline bool dropped_ = false;
};

// SIGTERM must reach the main thread's sigwait: a thread that does not
// block it (the SQLite checkpointer, started with the store before serve
// blocked the signals, once did) can be handed the signal by the kernel,
// whose default action then kills the process without a clean shutdown.
TEST_F(ServeE2E, EveryThreadButMainBlocksShutdownSignals) {
  const std::string tasks = "/proc/" + std::to_string(pid_) + "/task";
  int others = 0;
  for (const auto& task : std::filesystem::directory_iterator(tasks)) {
    if (task.path().filename() == std::to_string(pid_)) continue;  // main, in sigwait
    std::ifstream status(task.path() / "status");
    std::string line, blocked;
    while (std::getline(status, line)) {
      if (line.rfind("SigBlk:", 0) == 0) blocked = line.substr(7);
    }
    unsigned long long mask = std::stoull(blocked, nullptr, 16);
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    EXPECT_TRUE(mask & (1ull << (SIGTERM - 1))) << "thread " << name << " takes SIGTERM";
    EXPECT_TRUE(mask & (1ull << (SIGINT - 1))) << "thread " << name << " takes SIGINT";
    ++others;
  }
  EXPECT_GT(others, 0);
}

TEST_F(ServeE2E, HealthzAnswers) {
  Reply r = Get(url_ + "/healthz");
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body, "ok\n");
}

TEST_F(ServeE2E, IndexNowKeyFileAnswersTheConfiguredKey) {
  Reply r = Get(url_ + "/e2e0key0e2e0key0.txt");
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body, "e2e0key0e2e0key0");
}

TEST_F(ServeE2E, PagesAreBrotliForBrotliClients) {
  Reply r = Get(url_ + "/", "Accept-Encoding: gzip, br");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-encoding"], "br");
  EXPECT_EQ(r.headers["vary"], "Accept-Encoding");
}

TEST_F(ServeE2E, DroppedStoryGoesLiveOnPageHomeAndFeed) {
  std::string path = LiveStoryPath();
  ASSERT_FALSE(path.empty()) << "the story never reached /rss.xml";
  EXPECT_TRUE(path.rfind("/world/", 0) == 0) << path;

  Reply page = Get(url_ + path);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(kHeadline), std::string::npos);
  // The page's visible part (meta descriptions in <head> may quote it).
  std::string visible = page.body.substr(std::min(page.body.find("</head>"), page.body.size()));
  EXPECT_EQ(Count(visible, kLead), 1u) << "the repeated lead must be kept once";
  EXPECT_EQ(page.body.find("Share Now"), std::string::npos);
  EXPECT_NE(Get(url_ + "/").body.find(kHeadline), std::string::npos);
  EXPECT_NE(Get(url_ + "/rss.xml").body.find(kHeadline), std::string::npos);
  // The input left the inbox only after the commit, for processed/.
  EXPECT_TRUE(Eventually([] {
    return !Exists(root_ + "/data/inbox/syndicated-story-page.txt") &&
           Exists(root_ + "/data/processed");
  }));
}

TEST_F(ServeE2E, GarbageLandsInFailedWithItsReason) {
  Drop(root_, "garbage.bin", std::string("\x00\x01\x02\xff\xfe not a wire story \x00", 26));
  std::string failed = root_ + "/data/failed/garbage.bin";
  ASSERT_TRUE(Eventually([&] { return Exists(failed) && Exists(failed + ".reason.txt"); }));
  std::string reason = ReadAll(failed + ".reason.txt");
  EXPECT_NE(reason.find("garbage.bin"), std::string::npos) << reason;
  EXPECT_NE(reason.find("format not recognised"), std::string::npos) << reason;
  EXPECT_TRUE(Eventually([&] { return !Exists(root_ + "/data/inbox/garbage.bin"); }));
}

TEST_F(ServeE2E, MatchingEtagGets304) {
  std::string path = LiveStoryPath();
  ASSERT_FALSE(path.empty()) << "the story never reached /rss.xml";
  Reply first = Get(url_ + path);
  ASSERT_FALSE(first.headers["etag"].empty());
  EXPECT_FALSE(first.headers["last-modified"].empty());
  Reply again = Get(url_ + path, "If-None-Match: " + first.headers["etag"]);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(ServeE2E, KillMakesThePage410AndRemovesItFromListings) {
  std::string path = LiveStoryPath();
  ASSERT_FALSE(path.empty()) << "the story never reached /rss.xml";
  ASSERT_EQ(Get(url_ + "/").status, 200);  // cached listings must be invalidated too
  ASSERT_EQ(Run("kill '" + path + "' --reason 'e2e test' > /dev/null"), "0");
  EXPECT_TRUE(Eventually([&] { return Get(url_ + path).status == 410; }));
  EXPECT_TRUE(Eventually([] {
    return Get(url_ + "/").body.find(kHeadline) == std::string::npos &&
           Get(url_ + "/rss.xml").body.find(kHeadline) == std::string::npos;
  }));
}

TEST_F(ServeE2E, PushedStoryGoesLiveAndBadPushIsKeptInFailed) {
  std::string story =
      "Harbour Reopens After Storm\n\nOslo (Norway), May 16 (AFP) The harbour reopened on "
      "Thursday after a two-day storm closed it to shipping.\n\nFerries resumed at noon. (AFP)\n";
  std::string auth = "Authorization: Bearer e2e-token";
  EXPECT_EQ(Get(url_ + "/api/v1/ingest", "Authorization: Bearer wrong", &story).status, 401);
  Reply pushed = Get(url_ + "/api/v1/ingest?name=harbour.txt", auth, &story);
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pushed.body, m, std::regex("\"path\":\"([^\"]+)\"")));
  Reply page = Get(url_ + std::string(m[1]));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Harbour Reopens After Storm"), std::string::npos);
  EXPECT_NE(Get(url_ + "/").body.find("Harbour Reopens After Storm"), std::string::npos);

  std::string garbage("\x00\x01 not a story", 16);
  Reply refused = Get(url_ + "/api/v1/ingest?name=junk.bin", auth, &garbage);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("push:junk.bin: format not recognised"), std::string::npos)
      << refused.body;
  EXPECT_TRUE(Exists(root_ + "/data/failed/junk.bin"));
  EXPECT_TRUE(Exists(root_ + "/data/failed/junk.bin.reason.txt"));
}

// `wirepress ingest` in another process stores an embargo due sooner than
// serve's scheduler would next look (it sleeps up to 30 s without news of
// one): the change follower wakes the scheduler, so the story is released
// on time, not half a minute late.
TEST_F(ServeE2E, EmbargoStoredByAnotherProcessIsReleasedOnTime) {
  auto iso = [](std::chrono::system_clock::time_point t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    ::gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buf);
  };
  auto now = std::chrono::system_clock::now();
  std::string file = root_ + "/embargoed.json";
  std::ofstream(file) << R"({"uri": "urn:wirepress:e2e:embargo-1", "type": "text", "version": "1",)"
                      << R"( "pubstatus": "usable", "versioncreated": ")" << iso(now)
                      << R"(", "embargoed": ")" << iso(now + std::chrono::seconds(2))
                      << R"(", "headline": "Results Held Until Their Time",)"
                      << R"( "body_html": "<p>Quarterly results.</p>"})";
  ASSERT_EQ(Run("ingest '" + file + "' > '" + root_ + "/ingest.out'"), "0");
  std::string out = ReadAll(root_ + "/ingest.out");
  ASSERT_EQ(out.rfind("embargoed\t", 0), 0u) << out;
  std::string path = out.substr(10, out.find('\t', 10) - 10);
  EXPECT_EQ(Get(url_ + path).status, 404);
  EXPECT_TRUE(Eventually([&] { return Get(url_ + path).status == 200; }));
  EXPECT_NE(Get(url_ + "/").body.find("Results Held Until Their Time"), std::string::npos);
}

}  // namespace
