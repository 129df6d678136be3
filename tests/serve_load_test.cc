// Load with concurrent ingest (issue 6): the real `wirepress serve` on a
// free loopback port while reader threads fetch the home page, feeds,
// sitemap, API and story pages over keep-alive connections, one thread
// drops wire files into the inbox (write beside, rename in) and another
// pushes stories to POST /api/v1/ingest. Asserts:
//   - zero errors: every read answers 200 (or 304), no 5xx, no failed
//     connection, no push refused;
//   - every story published exactly once: the JSON API lists each headline
//     once, the total is exact, the inbox is empty, processed/ holds every
//     file and failed/ none;
//   - pages consistent: a story page carries its own headline, a listing or
//     feed never names a story twice, and every served page is complete.
//
// Scale and time come from the environment, so the same program is the
// benchmark (bench/serve_load_bench.sh) with figures printed at the end:
//   WIREPRESS_LOAD_STORIES  stories per source (default 150: inbox 150 +
//                           push 150)
//   WIREPRESS_LOAD_READERS  reader threads (default 4)
//   WIREPRESS_LOAD_GAP_MS   pause between two drops / two pushes (default 5)
// Bounded: ingest must finish within 60 s, and each request within 10 s.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "testing/http_client.h"
#include "testing/serve_process.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kBinary = WIREPRESS_BINARY;
constexpr auto kIngestDeadline = std::chrono::seconds(60);

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

using Client = wirepress::testing::HttpClient;

// "Load inbox 17 ..." / "Load push 17 ...": unique, easy to find.
std::string Headline(const std::string& source, int i) {
  return "Load " + source + " " + std::to_string(i) + " Harbour Traffic Report";
}

std::string Story(const std::string& source, int i) {
  return Headline(source, i) + "\n\nOslo (Norway), May 16 (AFP) Ferry number " +
         std::to_string(i) + " from the " + source +
         " left the harbour on Thursday after the morning storm passed.\n\n"
         "Harbour officials said traffic was back to normal by noon. (AFP)\n";
}

// Every headline of the load test in `page`, with its number of mentions.
std::map<std::string, size_t> LoadHeadlines(const std::string& page) {
  static const std::regex re("Load (inbox|push) [0-9]+ Harbour Traffic Report");
  std::map<std::string, size_t> out;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), re); it != std::sregex_iterator();
       ++it) {
    ++out[it->str()];
  }
  return out;
}

struct Latencies {
  std::mutex mu;
  std::vector<double> ms;
  void Add(double v) {
    std::lock_guard<std::mutex> lock(mu);
    ms.push_back(v);
  }
  double Percentile(double p) {
    std::lock_guard<std::mutex> lock(mu);
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))];
  }
};

class ServeLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wirepress-load-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    std::ofstream(root_ + "/wirepress.toml")
        << "data_dir = \"" << root_ << "/data\"\nlog_level = \"warn\"\n[site]\nname = \"Load\"\n"
        << "[server]\npush_token = \"load-token\"\n";
    wirepress::testing::ServeProcess serve;
    wirepress::Status started = wirepress::testing::StartServe(
        kBinary, root_ + "/wirepress.toml", {"--no-poll"}, std::chrono::seconds(10), &serve);
    pid_ = serve.pid;
    // Kept open until the end: serve must never write into a closed pipe.
    out_fd_ = serve.stdout_fd;
    url_ = serve.url;
    ASSERT_TRUE(started.ok()) << started.ToString();
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 1000 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "serve did not exit cleanly";
    }
    if (out_fd_ >= 0) ::close(out_fd_);
    if (std::getenv("WIREPRESS_KEEP_E2E") == nullptr) fs::remove_all(root_);
  }

  void Fail(const std::string& what) {
    ++errors_;
    std::lock_guard<std::mutex> lock(mu_);
    if (failures_.size() < 20) failures_.push_back(what);
  }

  void AddStoryPath(const std::string& path, const std::string& headline) {
    std::lock_guard<std::mutex> lock(mu_);
    story_paths_.emplace_back(path, headline);
  }

  std::pair<std::string, std::string> SomeStory(std::mt19937* rng) {
    std::lock_guard<std::mutex> lock(mu_);
    if (story_paths_.empty()) return {};
    return story_paths_[(*rng)() % story_paths_.size()];
  }

  // Fetches the listings and story pages until `stop`, checking each page.
  void Reader(int id, const std::atomic<bool>& stop) {
    Client client;
    std::mt19937 rng(static_cast<unsigned>(id));
    static const char* kListings[] = {"/", "/rss.xml", "/news-sitemap.xml", "/world/",
                                      "/atom.xml", "/api/v1/stories?limit=50"};
    // Readers differ in what they accept, as browsers and crawlers do.
    const char* encoding = id % 3 == 0 ? nullptr : id % 3 == 1 ? "gzip" : "br, gzip";
    std::string body, error;
    for (int n = 0; !stop.load(); ++n) {
      std::string path, headline;
      if (n % 3 == 2) std::tie(path, headline) = SomeStory(&rng);
      if (path.empty()) path = kListings[rng() % std::size(kListings)];
      auto t0 = Clock::now();
      long status = client.Get(url_ + path, &body, &error, encoding);
      latencies_.Add(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      ++reads_;
      if (status != 200) {
        Fail(status == 0 ? error : path + " answered " + std::to_string(status));
        continue;
      }
      if (!headline.empty()) {  // a story page
        if (body.find(headline) == std::string::npos) {
          Fail(path + " does not carry its headline " + headline);
        }
        continue;
      }
      bool html = path.find(".xml") == std::string::npos && path.rfind("/api/", 0) != 0;
      if (html && body.find("</html>") == std::string::npos) {
        Fail(path + " is cut short (" + std::to_string(body.size()) + " bytes)");
      }
      // A listing or feed names each story once.
      for (const auto& [h, count] : LoadHeadlines(body)) {
        if (count > 1) {
          Fail(path + " names \"" + h + "\" " + std::to_string(count) + " times");
        }
      }
    }
  }

  void Dropper(int stories, int gap_ms) {
    fs::path inbox = fs::path(root_) / "data" / "inbox";
    for (int i = 0; i < stories; ++i) {
      std::string name = "load-" + std::to_string(i) + ".txt";
      fs::path tmp = fs::path(root_) / (name + ".writing");
      std::ofstream(tmp, std::ios::binary) << Story("inbox", i);
      std::error_code ec;
      fs::rename(tmp, inbox / name, ec);
      if (ec) Fail("rename " + name + ": " + ec.message());
      std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
    }
  }

  void Pusher(int stories, int gap_ms) {
    Client client;
    static const std::regex path_re("\"path\":\"([^\"]+)\"");
    std::string body, error;
    for (int i = 0; i < stories; ++i) {
      std::string url = url_ + "/api/v1/ingest?name=push-" + std::to_string(i) + ".txt";
      long status = client.Post(url, Story("push", i), "Authorization: Bearer load-token", &body,
                                &error);
      std::smatch m;
      if (status != 200 || body.find("\"action\":\"created\"") == std::string::npos ||
          !std::regex_search(body, m, path_re)) {
        Fail("push " + std::to_string(i) + ": " + (status ? std::to_string(status) : error) +
             " " + body);
      } else {
        AddStoryPath(m[1], Headline("push", i));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
    }
  }

  size_t CountFiles(const std::string& dir) {
    size_t n = 0;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return 0;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) n += e.is_regular_file();
    return n;
  }

  std::string root_, url_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::atomic<long> errors_{0}, reads_{0};
  std::mutex mu_;
  std::vector<std::string> failures_;
  std::vector<std::pair<std::string, std::string>> story_paths_;
  Latencies latencies_;
};

TEST_F(ServeLoad, ConcurrentReadsAndIngestHaveNoErrorsAndPublishEachStoryOnce) {
  const int stories = EnvInt("WIREPRESS_LOAD_STORIES", 150);
  const int readers = EnvInt("WIREPRESS_LOAD_READERS", 4);
  const int gap_ms = EnvInt("WIREPRESS_LOAD_GAP_MS", 5);
  std::atomic<bool> stop{false};
  auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < readers; ++i) threads.emplace_back([&, i] { Reader(i, stop); });
  std::thread dropper([&] { Dropper(stories, gap_ms); });
  std::thread pusher([&] { Pusher(stories, gap_ms); });
  dropper.join();
  pusher.join();

  // Every inbox file ingested (moved to processed/), within the deadline;
  // readers keep reading meanwhile.
  std::string inbox = root_ + "/data/inbox", processed = root_ + "/data/processed";
  while (Clock::now() - t0 < kIngestDeadline &&
         (CountFiles(inbox) > 0 || CountFiles(processed) < static_cast<size_t>(2 * stories))) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  double ingest_s = std::chrono::duration<double>(Clock::now() - t0).count();
  stop = true;
  for (std::thread& t : threads) t.join();
  double total_s = std::chrono::duration<double>(Clock::now() - t0).count();

  for (const std::string& f : failures_) ADD_FAILURE() << f;
  EXPECT_EQ(errors_.load(), 0);
  EXPECT_EQ(CountFiles(inbox), 0u);
  EXPECT_EQ(CountFiles(processed), static_cast<size_t>(2 * stories));  // inbox + pushes
  EXPECT_EQ(CountFiles(root_ + "/data/failed"), 0u);

  // Published exactly once: the API lists every headline once, no more.
  Client client;
  std::string body, error;
  std::map<std::string, size_t> seen;
  for (int offset = 0; offset < 2 * stories + 100; offset += 100) {
    ASSERT_EQ(client.Get(url_ + "/api/v1/stories?limit=100&offset=" + std::to_string(offset),
                         &body, &error),
              200)
        << error;
    for (const auto& [h, n] : LoadHeadlines(body)) seen[h] += n;
  }
  EXPECT_NE(body.find("\"total\":" + std::to_string(2 * stories)), std::string::npos)
      << body.substr(body.rfind("\"total\""));
  for (const char* source : {"inbox", "push"}) {
    for (int i = 0; i < stories; ++i) {
      EXPECT_EQ(seen[Headline(source, i)], 1u) << Headline(source, i);
    }
  }
  // The server counted no 5xx.
  ASSERT_EQ(client.Get(url_ + "/metrics", &body, &error), 200) << error;
  EXPECT_FALSE(std::regex_search(body, std::regex("code=\"5[0-9][0-9]\"")))
      << "5xx in /metrics:\n" << body;

  // Figures, for the benchmark run (bench/serve_load_bench.sh).
  std::printf(
      "serve_load: %d stories (inbox %d + push %d) ingested in %.2f s (%.0f stories/s); "
      "%ld reads by %d keep-alive readers in %.2f s (%.0f req/s), read latency p50 %.2f ms "
      "p99 %.2f ms; errors %ld\n",
      2 * stories, stories, stories, ingest_s, 2 * stories / ingest_s, reads_.load(), readers,
      total_s, static_cast<double>(reads_.load()) / total_s, latencies_.Percentile(0.50),
      latencies_.Percentile(0.99), errors_.load());
}

}  // namespace
