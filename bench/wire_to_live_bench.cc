// wire_to_live_bench: wire-to-live latency of the real `wirepress serve`
// (issue 6; goal p99 < 50 ms with a 100k-story archive).
//
// A SQLite store is filled with --stories generated stories (PutBatch of
// 1,000, bench_workload.h; kept in --dir and reused by later runs, which
// first withdraw the stories earlier runs dropped), then
// `wirepress serve` runs on it (2 HTTP threads, loopback). Each of --drops
// wire files is written beside the inbox and renamed into it; the clock
// starts at the rename and stops when the story is visible over HTTP on all
// four: the RSS feed, the story page, the home page and the news sitemap
// (each polled every 0.5 ms until it shows the new headline, in that
// order: the feed gives the story's URL). The home page, feed and sitemap
// are fetched between drops, so each drop finds them cached and has to
// invalidate them, as on a live site with readers.
//
//   cmake --build build --target wire_to_live_bench wirepress
//   build/bench/wire_to_live_bench --stories 100000 --drops 200
//
// Prints p50/p90/p99/max of the total and of each page's own latency.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_workload.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/http_client.h"
#include "testing/serve_process.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using wirepress::Status;

using Client = wirepress::testing::HttpClient;

// User + system CPU seconds `pid` has used (/proc/PID/stat fields 14, 15).
double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t at = stat.rfind(')');
  if (at == std::string::npos) return 0;
  std::istringstream fields(stat.substr(at + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void PrintRow(const char* name, const std::vector<double>& v) {
  std::printf("  %-16s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", name,
              Percentile(v, 0.5), Percentile(v, 0.9), Percentile(v, 0.99),
              *std::max_element(v.begin(), v.end()));
}

// Fills `db` with `n` stories unless it already holds them.
bool Prefill(const std::string& db, int n) {
  wirepress::store::StoreOptions options;
  auto store = wirepress::store::sqlite::OpenSqliteStore(db, options);
  if (!store.ok()) {
    std::fprintf(stderr, "open %s: %s\n", db.c_str(), store.status().ToString().c_str());
    return false;
  }
  auto existing = (*store)->GetByUri("urn:bench:story:" + std::to_string(n - 1));
  if (existing.ok()) {
    // Earlier runs' drops are the only recent stories; withdraw them, so
    // every run starts from the same news sitemap (empty) and home page.
    wirepress::store::StoryQuery recent;
    recent.published_from = wirepress::Timestamp{wirepress::bench::kStart.seconds + 10 * n};
    recent.limit = 0;
    auto old = (*store)->List(recent);
    if (!old.ok()) return false;
    auto now = wirepress::Timestamp{
        std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch()).count()};
    for (const auto& r : *old) {
      auto killed = (*store)->Kill(r.path, "earlier bench run", now);
      if (!killed.ok()) {
        std::fprintf(stderr, "withdraw %s: %s\n", r.path.c_str(),
                     killed.status().ToString().c_str());
        return false;
      }
    }
    std::printf("reusing %s (%d stories; withdrew %zu from earlier runs)\n", db.c_str(), n,
                old->size());
    return true;
  }
  wirepress::bench::TextGenerator text(42);
  auto t0 = Clock::now();
  for (int start = 0; start < n; start += 1000) {
    std::vector<wirepress::store::PutRequest> batch;
    for (int i = start; i < std::min(n, start + 1000); ++i) {
      batch.push_back(wirepress::bench::MakeRequest(wirepress::bench::MakeStory(&text, i), i));
    }
    auto r = (*store)->PutBatch(batch);
    if (!r.ok()) {
      std::fprintf(stderr, "PutBatch: %s\n", r.status().ToString().c_str());
      return false;
    }
  }
  std::printf("filled %s with %d stories in %.1f s\n", db.c_str(), n,
              std::chrono::duration<double>(Clock::now() - t0).count());
  return true;
}

// Polls `url` every 0.5 ms until its body contains `needle` (and 200), or
// 10 s pass. Returns false on timeout.
bool PollFor(Client* c, const std::string& url, const std::string& needle, std::string* body) {
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    if (c->Get(url, body) == 200 && body->find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  int stories = 100000, drops = 200;
  std::string dir = "/tmp/wirepress-w2l";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--stories")) stories = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--drops")) drops = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  dir += "-" + std::to_string(stories);
  fs::create_directories(dir + "/data/inbox");
  if (!Prefill(dir + "/data/wirepress.db", stories)) return 1;
  std::ofstream(dir + "/wirepress.toml")
      << "data_dir = \"" << dir << "/data\"\nlog_level = \"warn\"\n[site]\nname = \"Bench\"\n"
      << "base_url = \"https://news.example\"\n";

  wirepress::testing::ServeProcess serve;
  wirepress::Status started = wirepress::testing::StartServe(
      WIREPRESS_BINARY, dir + "/wirepress.toml", {"--no-poll"}, std::chrono::seconds(60), &serve);
  pid_t pid = serve.pid;
  std::string url = serve.url;
  if (!started.ok()) {
    std::fprintf(stderr, "%s\n", started.ToString().c_str());
    if (pid > 0) ::kill(pid, SIGTERM);
    return 1;
  }
  std::printf("serving %s; %d drops\n", url.c_str(), drops);

  Client client;
  std::string body;
  // Earlier runs' drops are recent stories: they fill the news sitemap
  // (the last 48 hours, up to 1,000), which each drop re-renders.
  client.Get(url + "/news-sitemap.xml", &body);
  size_t recent = 0;
  for (size_t at = body.find("<url>"); at != std::string::npos; at = body.find("<url>", at + 1)) {
    ++recent;
  }
  std::printf("news sitemap holds %zu recent stories before the first drop\n", recent);
  std::vector<double> total, rss, page, home, sitemap;
  int failures = 0;
  static const std::regex link_re("<link>https?://[^/<]+(/[^<]*)</link>");
  // A new run must not collide with an earlier run's stories.
  std::string run = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  double cpu_before = CpuSeconds(pid);
  for (int i = 0; i < drops; ++i) {
    // Readers keep the listings hot: the drop has to invalidate them.
    for (const char* p : {"/", "/rss.xml", "/news-sitemap.xml"}) client.Get(url + p, &body);
    std::string headline = "Harbour Report " + run.substr(run.size() - 6) + " Number " +
                           std::to_string(i) + " Ferries Resume";
    std::string name = "w2l-" + run + "-" + std::to_string(i) + ".txt";
    std::string tmp = dir + "/" + name + ".writing";
    std::ofstream(tmp) << headline
                       << "\n\nOslo (Norway), May 16 (AFP) Ferries resumed on Thursday after the "
                          "storm, harbour officials said.\n\nTraffic was back to normal by noon. "
                          "(AFP)\n";
    auto t0 = Clock::now();
    if (::rename(tmp.c_str(), (dir + "/data/inbox/" + name).c_str()) != 0) return 1;
    bool ok = PollFor(&client, url + "/rss.xml", headline, &body);
    auto t_rss = Clock::now();
    std::smatch m;
    std::string after = ok ? body.substr(body.find(headline)) : "";
    ok = ok && std::regex_search(after, m, link_re);
    std::string path = ok ? std::string(m[1]) : "";
    ok = ok && PollFor(&client, url + path, headline, &body);
    auto t_page = Clock::now();
    ok = ok && PollFor(&client, url + "/", headline, &body);
    auto t_home = Clock::now();
    ok = ok && PollFor(&client, url + "/news-sitemap.xml", headline, &body);
    auto t_sitemap = Clock::now();
    if (!ok) {
      ++failures;
      std::fprintf(stderr, "drop %d: not live on all four within 10 s\n", i);
      continue;
    }
    rss.push_back(Ms(t_rss - t0));
    page.push_back(Ms(t_page - t_rss));
    home.push_back(Ms(t_home - t_page));
    sitemap.push_back(Ms(t_sitemap - t_home));
    total.push_back(Ms(t_sitemap - t0));
    // Let the spool move the file to processed/ before the next drop.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  double cpu_ms_per_drop = (CpuSeconds(pid) - cpu_before) * 1000 / std::max(1, drops);
  ::kill(pid, SIGTERM);
  ::waitpid(pid, nullptr, 0);
  if (total.empty()) return 1;
  std::printf("wire-to-live over %zu drops, %d stories stored (%d failed):\n", total.size(),
              stories, failures);
  PrintRow("total (all four)", total);
  PrintRow("rss.xml", rss);
  PrintRow("+ story page", page);
  PrintRow("+ home page", home);
  PrintRow("+ news sitemap", sitemap);
  std::printf("  serve CPU per drop (ingest, invalidation, the polls' renders): %.2f ms; "
              "load average %s",
              cpu_ms_per_drop,
              std::string((std::istreambuf_iterator<char>(std::ifstream("/proc/loadavg").rdbuf())),
                          std::istreambuf_iterator<char>()).c_str());
  return failures == 0 ? 0 : 1;
}
