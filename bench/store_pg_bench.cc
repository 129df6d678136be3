// store_pg_bench: the store_bench workload (same generated ~3 KB wire
// stories, same Put / PutBatch / update / Search cases) on the PostgreSQL
// store, plus several workers putting at once, which is what PostgreSQL is
// for. Needs a server: run it through tools/with_postgres.sh, which starts
// a throw-away one and sets WIREPRESS_PG_URL:
//
//   tools/with_postgres.sh build/bench/store_pg_bench --benchmark_counters_tabular=true
//   tools/with_postgres.sh build/bench/store_pg_bench --benchmark_filter=Search
//
// Each case works in a new schema; figures are in doc/benchmarks.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_workload.h"
#include "bench/search_workload.h"
#include "model/story.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"
#include "store/store.h"

namespace wirepress::bench {
namespace {


std::vector<store::PutRequest> MakeRequests(std::uint32_t seed, int n) {
  TextGenerator text(seed);
  std::vector<store::PutRequest> out;
  for (int i = 0; i < n; ++i) out.push_back(MakeRequest(MakeStory(&text, i), i));
  return out;
}

[[noreturn]] void Die(const Status& s) {
  std::fprintf(stderr, "store_pg_bench: %s\n", s.ToString().c_str());
  std::exit(1);
}

// A store on a new schema of the server WIREPRESS_PG_URL names.
std::unique_ptr<store::Store> OpenStore(const std::string& name, int pool_size = 4,
                                        std::string* url_out = nullptr) {
  const char* env = std::getenv("WIREPRESS_PG_URL");
  if (env == nullptr) {
    Die(Status::InvalidInput("store_pg_bench", "WIREPRESS_PG_URL is unset; run it through "
                                               "tools/with_postgres.sh"));
  }
  std::string schema = "wp_bench_" + std::to_string(getpid()) + "_" + name;
  auto admin = store::postgres::PgConnection::Connect(env);
  if (!admin.ok()) Die(admin.status());
  if (Status s = (*admin)->Exec("making " + schema, "DROP SCHEMA IF EXISTS " + schema +
                                                        " CASCADE; CREATE SCHEMA " + schema);
      !s.ok()) {
    Die(s);
  }
  std::string url = env;
  url += (url.find('?') == std::string::npos ? "?" : "&");
  url += "options=-csearch_path%3D" + schema;
  if (url_out != nullptr) *url_out = url;
  store::StoreOptions options;
  options.pool_size = pool_size;
  auto store = store::postgres::OpenPostgresStore(url, options);
  if (!store.ok()) Die(store.status());
  return std::move(store).value();
}

// Put of new stories, one transaction each, from `threads` workers sharing
// one store (one pooled connection each).
void BM_PgPutNew(benchmark::State& state) {
  static std::unique_ptr<store::Store> store;
  static std::vector<store::PutRequest> requests;
  if (state.thread_index() == 0) {
    store = OpenStore("put" + std::to_string(state.threads()), state.threads());
    requests = MakeRequests(1, 2000);
  }
  std::int64_t n = 0;
  const std::string suffix = "-t" + std::to_string(state.thread_index()) + "-";
  for (auto _ : state) {
    store::PutRequest r = requests[static_cast<size_t>(n % 2000)];
    r.story.uri += suffix + std::to_string(n);
    r.path += suffix + std::to_string(n);
    auto out = store->Put(r);
    if (!out.ok()) state.SkipWithError(out.status().ToString().c_str());
    ++n;
  }
  state.SetItemsProcessed(n);
  if (state.thread_index() == 0) store.reset();
}
BENCHMARK(BM_PgPutNew)->Threads(1)->Threads(4)->UseRealTime()->Unit(benchmark::kMicrosecond);

// PutBatch of new stories, `range(0)` per transaction (a feed page).
void BM_PgPutBatch(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  auto store = OpenStore("batch" + std::to_string(batch));
  std::vector<store::PutRequest> requests = MakeRequests(1, 2000);
  std::int64_t n = 0;
  for (auto _ : state) {
    std::vector<store::PutRequest> page;
    for (int i = 0; i < batch; ++i, ++n) {
      page.push_back(requests[static_cast<size_t>(n % 2000)]);
      page.back().story.uri += "-" + std::to_string(n);
      page.back().path += "-" + std::to_string(n);
    }
    auto out = store->PutBatch(page);
    if (!out.ok()) state.SkipWithError(out.status().ToString().c_str());
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_PgPutBatch)->Arg(10)->Arg(50)->ArgName("batch")->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// Put of a newer version of an existing story (update in place).
void BM_PgPutUpdate(benchmark::State& state) {
  auto store = OpenStore("update");
  constexpr int kStories = 1000;
  std::vector<store::PutRequest> requests = MakeRequests(2, kStories);
  if (auto loaded = store->PutBatch(requests); !loaded.ok()) Die(loaded.status());
  std::int64_t n = 0;
  for (auto _ : state) {
    store::PutRequest& r = requests[static_cast<size_t>(n % kStories)];
    r.story.version = std::to_string(n / kStories + 2);
    auto out = store->Put(r);
    if (!out.ok() || out->action != store::PutAction::kUpdated) {
      state.SkipWithError("update was not applied");
    }
    ++n;
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_PgPutUpdate)->UseRealTime()->Unit(benchmark::kMicrosecond);

// A store holding N bench stories, loaded once per N (four loaders, 500
// stories per PutBatch) and shared by the query kinds, then VACUUM ANALYZE
// as autovacuum would have done on a live site.
struct LoadedStore {
  std::unique_ptr<store::Store> store;  // one pooled connection
  std::unique_ptr<SearchMix> mix;
  int server_pid = 0;                   // the server process serving it
};

// CPU time the process `pid` has run, from /proc/<pid>/schedstat (ns).
double ProcessCpuMicros(int pid) {
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/schedstat").c_str(), "r");
  unsigned long long ns = 0;
  if (f != nullptr) {
    if (std::fscanf(f, "%llu", &ns) != 1) ns = 0;
    std::fclose(f);
  }
  return static_cast<double>(ns) / 1e3;
}

LoadedStore* Loaded(std::int64_t stories) {
  static std::map<std::int64_t, LoadedStore> loaded;
  LoadedStore& l = loaded[stories];
  if (l.store) return &l;
  for (auto it = loaded.begin(); it != loaded.end();) {  // one schema's pool at a time
    it = it->first == stories ? std::next(it) : loaded.erase(it);
  }
  std::string url;
  l.store = OpenStore("search" + std::to_string(stories), 4, &url);
  TextGenerator text(3);
  l.mix = std::make_unique<SearchMix>(text);
  constexpr std::int64_t kBatch = 500, kLoaders = 4;
  for (std::int64_t first = 0; first < stories; first += kBatch * kLoaders) {
    std::vector<std::vector<store::PutRequest>> batches(kLoaders);
    for (std::int64_t i = first; i < std::min(stories, first + kBatch * kLoaders); ++i) {
      auto& batch = batches[static_cast<size_t>((i - first) / kBatch)];
      batch.push_back(MakeRequest(MakeStory(&text, i), i));
      l.mix->Count(batch.back().story);
    }
    std::vector<std::thread> loaders;
    for (auto& batch : batches) {
      if (batch.empty()) continue;
      loaders.emplace_back([&l, &batch] {
        if (auto put = l.store->PutBatch(batch); !put.ok()) Die(put.status());
      });
    }
    for (std::thread& t : loaders) t.join();
  }
  auto admin = store::postgres::PgConnection::Connect(url);
  if (!admin.ok()) Die(admin.status());
  if (Status s = (*admin)->Exec("analyzing", "VACUUM ANALYZE stories"); !s.ok()) Die(s);
  // Search through one connection, so its server process's CPU is the
  // search's server-side cost.
  l.store.reset();
  store::StoreOptions options;
  options.pool_size = 1;
  auto searcher = store::postgres::OpenPostgresStore(url, options);
  if (!searcher.ok()) Die(searcher.status());
  l.store = std::move(searcher).value();
  if (auto warm = l.store->Search({"x", 1, 0}); !warm.ok()) Die(warm.status());
  auto pid = (*admin)->Run("finding the search connection",
                           {"", "SELECT pid FROM pg_stat_activity WHERE backend_type = "
                                "'client backend' AND pid <> pg_backend_pid()"},
                           store::postgres::PgParams());
  if (!pid.ok()) Die(pid.status());
  if (PQntuples(pid->get()) != 1) {
    Die(Status::Internal("finding the search connection", "expected one other client"));
  }
  l.server_pid = static_cast<int>(store::postgres::PgInt64(pid->get(), 0, 0));
  return &l;
}

// Search latency per query kind (arg 0, bench/search_workload.h) with N
// stories stored (arg 1): p50/p99 of wall time per query, and of CPU time
// (this thread's plus the serving PostgreSQL process's, from
// /proc/<pid>/schedstat: what a search costs on an idle machine).
void BM_PgSearch(benchmark::State& state) {
  LoadedStore* l = Loaded(state.range(1));
  const int pid = l->server_pid;
  RunSearchKind(state, l->store.get(), *l->mix, static_cast<int>(state.range(0)),
                [pid] { return ProcessCpuMicros(pid); });
}
BENCHMARK(BM_PgSearch)
    ->ArgsProduct({{0, 1, 2, 3}, {1000, 10000, 100000}})  // the first varies fastest
    ->ArgNames({"kind", "stories"})
    ->Iterations(500)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wirepress::bench

BENCHMARK_MAIN();
