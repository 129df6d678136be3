// store_bench: Put throughput and Search latency of the SQLite store on
// realistic wire stories (~3 KB of body text, a few keywords).
//
//   build-store/bench/store_bench --benchmark_counters_tabular=true
//   build-store/bench/store_bench --benchmark_filter=Search --benchmark_counters_tabular=true
//
// Databases go to $TMPDIR (or /tmp) and are removed afterwards. Figures we
// measured are in doc/benchmarks.md.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_workload.h"
#include "bench/search_workload.h"
#include "model/story.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace wirepress::bench {
namespace {

namespace fs = std::filesystem;


// A fresh database file under the temp dir; removes it when destroyed.
class TempDb {
 public:
  explicit TempDb(const std::string& name) {
    const char* tmp = std::getenv("TMPDIR");
    dir_ = fs::path(tmp ? tmp : "/tmp") /
           ("wirepress_bench_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir_);
  }
  ~TempDb() { fs::remove_all(dir_); }
  std::string File() const { return (dir_ / "site.db").string(); }
  std::unique_ptr<store::Store> Open(bool sync_full) {
    store::StoreOptions options;
    options.sync_full = sync_full;
    auto store = store::sqlite::OpenSqliteStore((dir_ / "site.db").string(), options);
    if (!store.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", store.status().ToString().c_str());
      std::abort();
    }
    return std::move(store).value();
  }

 private:
  fs::path dir_;
};

// Put of new stories, one transaction each. Arg: 1 = synchronous=FULL.
void BM_SqlitePutNew(benchmark::State& state) {
  TempDb db("put" + std::to_string(state.range(0)));
  auto store = db.Open(state.range(0) == 1);
  TextGenerator text(1);
  std::vector<store::PutRequest> requests;
  for (int i = 0; i < 2000; ++i) requests.push_back(MakeRequest(MakeStory(&text, i), i));
  std::int64_t n = 0, bytes = 0;
  for (auto _ : state) {
    store::PutRequest r = requests[static_cast<size_t>(n % 2000)];
    r.story.uri += "-" + std::to_string(n);
    r.path += "-" + std::to_string(n);
    bytes += static_cast<std::int64_t>(r.story.body_html.size());
    auto out = store->Put(r);
    if (!out.ok()) state.SkipWithError(out.status().ToString().c_str());
    ++n;
  }
  state.SetItemsProcessed(n);
  state.counters["body_bytes"] = static_cast<double>(bytes) / static_cast<double>(n ? n : 1);
}
BENCHMARK(BM_SqlitePutNew)->Arg(0)->Arg(1)->ArgName("sync_full")->Unit(benchmark::kMicrosecond);

// PutBatch of new stories, `range(0)` per transaction (a feed page).
void BM_SqlitePutBatch(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  TempDb db("batch" + std::to_string(batch));
  auto store = db.Open(false);
  TextGenerator text(1);
  std::vector<store::PutRequest> requests;
  for (int i = 0; i < 2000; ++i) requests.push_back(MakeRequest(MakeStory(&text, i), i));
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
BENCHMARK(BM_SqlitePutBatch)->Arg(10)->Arg(50)->ArgName("batch")->Unit(benchmark::kMicrosecond);

// Put of a newer version of an existing story (update in place).
void BM_SqlitePutUpdate(benchmark::State& state) {
  TempDb db("update");
  auto store = db.Open(false);
  TextGenerator text(2);
  constexpr int kStories = 1000;
  std::vector<store::PutRequest> requests;
  for (int i = 0; i < kStories; ++i) {
    requests.push_back(MakeRequest(MakeStory(&text, i), i));
    (void)store->Put(requests.back());
  }
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
BENCHMARK(BM_SqlitePutUpdate)->Unit(benchmark::kMicrosecond);

// A store holding N bench stories, loaded once per N and shared by the
// query kinds; the mix's match counts are taken while loading.
struct LoadedStore {
  std::unique_ptr<TempDb> db;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<SearchMix> mix;
};

LoadedStore* Loaded(std::int64_t stories) {
  static std::map<std::int64_t, LoadedStore> loaded;
  LoadedStore& l = loaded[stories];
  if (l.store) return &l;
  for (auto it = loaded.begin(); it != loaded.end();) {  // one database at a time
    it = it->first == stories ? std::next(it) : loaded.erase(it);
  }
  l.db = std::make_unique<TempDb>("search" + std::to_string(stories));
  l.store = l.db->Open(false);
  TextGenerator text(3);
  l.mix = std::make_unique<SearchMix>(text);
  std::vector<store::PutRequest> page;
  for (std::int64_t i = 0; i < stories; ++i) {
    page.push_back(MakeRequest(MakeStory(&text, i), i));
    l.mix->Count(page.back().story);
    if (page.size() == 500 || i + 1 == stories) {
      if (auto put = l.store->PutBatch(page); !put.ok()) {
        std::fprintf(stderr, "store_bench: %s\n", put.status().ToString().c_str());
        std::abort();
      }
      page.clear();
    }
  }
  return &l;
}

// Search latency per query kind (arg 0, bench/search_workload.h) with N
// stories stored (arg 1): p50/p99 of wall and CPU time per query.
void BM_SqliteSearch(benchmark::State& state) {
  LoadedStore* l = Loaded(state.range(1));
  RunSearchKind(state, l->store.get(), *l->mix, static_cast<int>(state.range(0)));
}
BENCHMARK(BM_SqliteSearch)
    ->ArgsProduct({{0, 1, 2, 3}, {1000, 10000, 100000}})  // the first varies fastest
    ->ArgNames({"kind", "stories"})
    ->Iterations(500)
    ->Unit(benchmark::kMicrosecond);

// What an agency page costs the store with N stories stored: Agencies(),
// which an agency missing from the config resolves its slug against (a
// skip scan of the agency index), beside the page's own Count and List.
void BM_SqliteAgencies(benchmark::State& state) {
  LoadedStore* l = Loaded(state.range(0));
  for (auto _ : state) {
    auto agencies = l->store->Agencies();
    if (!agencies.ok() || agencies->empty()) state.SkipWithError("Agencies failed");
    benchmark::DoNotOptimize(agencies);
  }
}
BENCHMARK(BM_SqliteAgencies)->Arg(100000)->ArgName("stories")->Unit(benchmark::kMicrosecond);

// Agencies() when kill tombstones pile up: 6 agencies, 80,000 rows, 60,000
// of them killed ("AAA Wire" has only its 30,000 killed rows; the killed
// rows of the others sort before their live ones in stories_by_agency,
// whose second column is the state). Arg 0: the skip scan as first
// shipped (seek the next agency with a live row: walks every non-live
// index entry on the way); 1: the query reads.cc runs now (skip over the
// distinct agencies whatever their state, then one equality seek per
// agency for a live row); 2: Store::Agencies() itself. Both queries run
// through sqlite3 directly on the same file in the same process.
constexpr const char* kAgenciesFirstShipped =
    "WITH RECURSIVE a(name) AS ("
    "SELECT (SELECT agency FROM stories WHERE agency > '' AND +state = 'live' "
    "ORDER BY agency LIMIT 1) "
    "UNION ALL "
    "SELECT (SELECT agency FROM stories WHERE agency > a.name AND +state = 'live' "
    "ORDER BY agency LIMIT 1) FROM a WHERE a.name IS NOT NULL) "
    "SELECT name FROM a WHERE name IS NOT NULL";
constexpr const char* kAgenciesNow =
    "WITH RECURSIVE a(name) AS ("
    "SELECT (SELECT agency FROM stories WHERE agency > '' ORDER BY agency LIMIT 1) "
    "UNION ALL "
    "SELECT (SELECT agency FROM stories WHERE agency > a.name ORDER BY agency LIMIT 1) "
    "FROM a WHERE a.name IS NOT NULL), "
    "live(name) AS MATERIALIZED (SELECT (SELECT s.agency FROM stories s "
    "WHERE s.agency = a.name AND s.state = 'live' LIMIT 1) FROM a WHERE a.name IS NOT NULL) "
    "SELECT name FROM live WHERE name IS NOT NULL";

struct TombstoneStore {
  std::unique_ptr<TempDb> db;
  std::unique_ptr<store::Store> store;
  sqlite3* raw = nullptr;
};

TombstoneStore* Tombstones() {
  static TombstoneStore t;
  if (t.store) return &t;
  t.db = std::make_unique<TempDb>("tombstones");
  t.store = t.db->Open(false);
  struct Agency {
    const char* name;
    int live, killed;
  };
  const Agency agencies[] = {{"AAA Wire", 0, 30000}, {"AFP", 10000, 10000}, {"AP", 2000, 5000},
                             {"DPA", 2000, 5000},    {"EFE", 2000, 5000},   {"Reuters", 2000, 5000}};
  std::int64_t n = 0;
  std::vector<store::PutRequest> page;
  auto flush = [&] {
    if (auto put = t.store->PutBatch(page); !put.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", put.status().ToString().c_str());
      std::abort();
    }
    page.clear();
  };
  for (const Agency& a : agencies) {
    for (int i = 0; i < a.live + a.killed; ++i, ++n) {
      // A kill of a story never stored leaves a killed row (a tombstone).
      model::Story s;
      s.uri = "urn:bench:tomb:" + std::to_string(n);
      s.version = "1";
      s.headline = "Story " + std::to_string(n);
      s.agency = a.name;
      if (i >= a.live) s.pubstatus = model::PubStatus::kCanceled;
      page.push_back(MakeRequest(std::move(s), n));
      if (page.size() == 500) flush();
    }
  }
  if (!page.empty()) flush();
  if (sqlite3_open_v2(t.db->File().c_str(), &t.raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "store_bench: cannot open %s\n", t.db->File().c_str());
    std::abort();
  }
  return &t;
}

int RunQuery(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return -1;
  int rows = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW) ++rows;
  sqlite3_finalize(stmt);
  return rows;
}

void BM_SqliteAgenciesWithTombstones(benchmark::State& state) {
  TombstoneStore* t = Tombstones();
  for (auto _ : state) {
    std::size_t found = 0;
    if (state.range(0) == 2) {
      auto agencies = t->store->Agencies();
      found = agencies.ok() ? agencies->size() : 0;
    } else {
      int rows = RunQuery(t->raw, state.range(0) == 0 ? kAgenciesFirstShipped : kAgenciesNow);
      found = rows < 0 ? 0 : static_cast<std::size_t>(rows);
    }
    if (found != 5) state.SkipWithError("expected the 5 agencies with live stories");
  }
}
BENCHMARK(BM_SqliteAgenciesWithTombstones)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->ArgName("query")
    ->Unit(benchmark::kMicrosecond);

void BM_SqliteAgencyPageQueries(benchmark::State& state) {
  LoadedStore* l = Loaded(state.range(0));
  store::StoryQuery q;
  q.agency = "AFP";
  for (auto _ : state) {
    auto count = l->store->Count(q);
    auto page = l->store->List(q);
    if (!count.ok() || !page.ok() || page->empty()) state.SkipWithError("List failed");
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_SqliteAgencyPageQueries)
    ->Arg(100000)
    ->ArgName("stories")
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wirepress::bench

BENCHMARK_MAIN();
