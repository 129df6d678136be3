// ingest_bench: end-to-end ingest throughput in stories/s — sniff, parse
// (ninjs), validate, enrich (agency, section, permalink), store and FTS
// index — on SQLite, for a backlog of 10k and 100k generated stories of
// ~3 KB each (issue 4; SPEC's bar is >= 5,000 stories/s).
//
//   BM_PipelineBatched   Pipeline::IngestStream, 200 inputs per batch: one
//                        Store::PutBatch (one commit) per batch, the next
//                        batch parsed on a second thread meanwhile, as the
//                        spool ingests a backlog. CPU time counts every
//                        thread (MeasureProcessCPUTime); stories/s is wall.
//                        writer_cpu_s: the committing thread's CPU, the
//                        critical path; writer_queued_s: how long it was
//                        runnable but waited for a CPU (other processes).
//   BM_PipelineOneByOne  Pipeline::Ingest per input: one commit per story,
//                        the path before batching (for comparison).
//   BM_SpoolBacklog      the whole spool: files in a real inbox folder,
//                        read, ingested in batches, moved to processed/.
//   BM_PipelineBatchedPostgres  BM_PipelineBatched on the PostgreSQL store,
//                        in a new schema of the server WIREPRESS_PG_URL
//                        names (skipped when it is unset); server_cpu_s is
//                        the CPU time that server used meanwhile.
//
//   build/bench/ingest_bench --benchmark_counters_tabular=true
//   tools/with_postgres.sh build/bench/ingest_bench --benchmark_filter=Postgres
//
// Databases and inboxes go to $TMPDIR (or /tmp) and are removed
// afterwards. Figures we measured are in doc/benchmarks.md.
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_workload.h"
#include "base/clock.h"
#include "base/file_system.h"
#include "base/logging.h"
#include "formats/ninjs/ninjs_parser.h"
#include "formats/registry.h"
#include "ingest/pipeline.h"
#include "ingest/spool.h"
#include "store/sqlite/sqlite_store.h"
#ifdef WIREPRESS_WITH_POSTGRES
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"
#endif

namespace wirepress::bench {
namespace {

namespace fs = std::filesystem;


// One ninjs document of ~3 KB: headline, description, 8 paragraphs.
std::string MakeNinjs(TextGenerator* text, std::int64_t n) {
  std::string body;
  for (int p = 0; p < 8; ++p) body += "<p>" + text->Words(55) + ".</p>";
  return "{\"uri\": \"urn:bench:ingest:" + std::to_string(n) +
         "\", \"version\": \"1\", \"versioncreated\": \"2019-05-15T10:00:00Z\", "
         "\"firstcreated\": \"2019-05-15T10:00:00Z\", \"source\": \"AFP\", "
         "\"language\": \"en\", \"headline\": \"" +
         text->Words(9) + "\", \"description_text\": \"" + text->Words(30) +
         "\", \"keywords\": [\"" + text->Words(1) + "\", \"" + text->Words(1) +
         "\"], \"body_html\": \"" + body + "\"}\n";
}

std::vector<std::string> MakeCorpus(std::int64_t n) {
  TextGenerator text(42);
  std::vector<std::string> docs;
  docs.reserve(static_cast<size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) docs.push_back(MakeNinjs(&text, i));
  return docs;
}

std::string TempDir(const char* tag) {
  const char* tmp = std::getenv("TMPDIR");
  fs::path dir = fs::path(tmp ? tmp : "/tmp") /
                 ("wirepress_ingest_bench_" + std::string(tag) + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// A fresh store (SQLite in `dir`, or `opened`), registry and pipeline.
struct Rig {
  explicit Rig(const std::string& dir)
      : Rig(store::sqlite::OpenSqliteStore(dir + "/site.db", store::StoreOptions{})) {}
  explicit Rig(Result<std::unique_ptr<store::Store>> opened) {
    registry.Register(formats::ninjs::NewNinjsParser());
    if (!opened.ok()) {
      std::fprintf(stderr, "ingest_bench: %s\n", opened.status().ToString().c_str());
      std::abort();
    }
    store = std::move(opened).value();
    pipeline = std::make_unique<ingest::Pipeline>(ingest::IngestOptions{}, &registry,
                                                  store.get(), &SystemClock());
  }
  formats::FormatRegistry registry;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<ingest::Pipeline> pipeline;
};

void Report(benchmark::State& state, std::int64_t stories) {
  state.counters["stories/s"] =
      benchmark::Counter(static_cast<double>(stories), benchmark::Counter::kIsRate);
}

// Ingests `docs` through `rig` in batches of 200 inputs (one PutBatch each),
// as the spool does: Pipeline::IngestStream, which parses batch k+1 on a
// worker thread while batch k commits.
void IngestAll(benchmark::State& state, Rig* rig, const std::vector<std::string>& docs,
               size_t batch_size = 200) {
  struct Batch {
    std::vector<formats::Input> inputs;
  };
  const size_t n = docs.size();
  size_t next = 0;
  rig->pipeline->IngestStream<Batch>(
      [&]() -> std::unique_ptr<Batch> {
        if (next >= n) return nullptr;
        auto batch = std::make_unique<Batch>();
        for (; next < n && batch->inputs.size() < batch_size; ++next) {
          batch->inputs.push_back({"bench.json", docs[next], ""});
        }
        return batch;
      },
      [&](Batch&, std::vector<Result<ingest::IngestReport>>& results) {
        for (const Result<ingest::IngestReport>& r : results) {
          if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
        }
      });
}

// CPU seconds used so far by the calling thread.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Seconds the calling thread has spent runnable but waiting for a CPU
// (Linux schedstat, field 2); 0 where that is not available. On this shared
// machine it says how much of the wall time other processes took.
double ThreadRunqueueSeconds() {
  std::ifstream schedstat("/proc/thread-self/schedstat");
  double on_cpu_ns = 0, waiting_ns = 0;
  if (!(schedstat >> on_cpu_ns >> waiting_ns)) return 0;
  return waiting_ns * 1e-9;
}

void BM_PipelineBatched(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  std::vector<std::string> docs = MakeCorpus(n);
  double writer_cpu = 0, writer_queued = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string dir = TempDir("batched");
    auto rig = std::make_unique<Rig>(dir);
    state.ResumeTiming();
    double before = ThreadCpuSeconds();
    double queued_before = ThreadRunqueueSeconds();
    IngestAll(state, rig.get(), docs, static_cast<size_t>(state.range(1)));
    writer_cpu += ThreadCpuSeconds() - before;
    writer_queued += ThreadRunqueueSeconds() - queued_before;
    state.PauseTiming();
    rig.reset();
    fs::remove_all(dir);
    state.ResumeTiming();
  }
  Report(state, n);
  // The committing thread is the critical path: on an idle machine the
  // wall time is about its CPU time (plus waits for I/O).
  state.counters["writer_cpu_s"] = writer_cpu / static_cast<double>(state.iterations());
  state.counters["writer_queued_s"] = writer_queued / static_cast<double>(state.iterations());
  state.counters["stories/writer_cpu_s"] = static_cast<double>(n) * static_cast<double>(state.iterations()) / writer_cpu;
}
BENCHMARK(BM_PipelineBatched)->ArgNames({"", "batch"})
    ->Args({10000, 200})->Args({100000, 200})->Args({100000, 1000})->Iterations(1)->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

void BM_PipelineOneByOne(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  std::vector<std::string> docs = MakeCorpus(n);
  for (auto _ : state) {
    state.PauseTiming();
    std::string dir = TempDir("single");
    auto rig = std::make_unique<Rig>(dir);
    state.ResumeTiming();
    for (const std::string& doc : docs) {
      Result<ingest::IngestReport> r = rig->pipeline->Ingest({"bench.json", doc, ""});
      if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    }
    state.PauseTiming();
    rig.reset();
    fs::remove_all(dir);
    state.ResumeTiming();
  }
  Report(state, n);
}
BENCHMARK(BM_PipelineOneByOne)->Arg(10000)->Iterations(1)->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_SpoolBacklog(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  std::vector<std::string> docs = MakeCorpus(n);
  for (auto _ : state) {
    state.PauseTiming();
    std::string dir = TempDir("spool");
    fs::create_directories(dir + "/inbox");
    for (std::int64_t i = 0; i < n; ++i) {
      std::ofstream(dir + "/inbox/story-" + std::to_string(i) + ".json")
          << docs[static_cast<size_t>(i)];
    }
    auto rig = std::make_unique<Rig>(dir);
    ingest::SpoolOptions options;
    options.inbox_dir = dir + "/inbox";
    options.data_dir = dir;
    ingest::Spool spool(options, rig->pipeline.get(), &RealFileSystem(), &SystemClock());
    state.ResumeTiming();
    Result<ingest::SpoolStats> stats = spool.ProcessAll();
    if (!stats.ok() || stats->processed != n) state.SkipWithError("not every file was processed");
    state.PauseTiming();
    rig.reset();
    fs::remove_all(dir);
    state.ResumeTiming();
  }
  Report(state, n);
}
BENCHMARK(BM_SpoolBacklog)->Arg(10000)->Iterations(1)->UseRealTime()->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

#ifdef WIREPRESS_WITH_POSTGRES
// Fields 14.. of /proc/<pid>/stat (utime, stime, cutime, cstime, ...) and
// field 4 (ppid); false when the process is gone.
bool ReadStat(const fs::path& dir, long* ppid, long times[4]) {
  std::ifstream stat(dir / "stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  size_t close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(line.substr(close + 2));
  std::string state;
  rest >> state >> *ppid;
  std::string skip;
  for (int field = 5; field <= 13; ++field) rest >> skip;
  return static_cast<bool>(rest >> times[0] >> times[1] >> times[2] >> times[3]);
}

// CPU seconds used so far by the server tools/with_postgres.sh started (its
// postmaster, found through $PGHOST/data/postmaster.pid, and the postmaster's
// children: backends, WAL writer, checkpointer, exited ones included); 0
// when that is not how we were started.
double ServerCpuSeconds() {
  const char* host = std::getenv("PGHOST");
  if (host == nullptr) return 0;
  std::ifstream pid_file(fs::path(host) / "data" / "postmaster.pid");
  long postmaster = 0;
  if (!(pid_file >> postmaster)) return 0;
  long ppid = 0, times[4] = {0, 0, 0, 0};
  if (!ReadStat(fs::path("/proc") / std::to_string(postmaster), &ppid, times)) return 0;
  double ticks = static_cast<double>(times[0] + times[1] + times[2] + times[3]);
  for (const fs::directory_entry& e : fs::directory_iterator("/proc")) {
    long child[4] = {0, 0, 0, 0};
    if (ReadStat(e.path(), &ppid, child) && ppid == postmaster) {
      ticks += static_cast<double>(child[0] + child[1]);
    }
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// A PostgreSQL store in a new schema of the WIREPRESS_PG_URL server.
Result<std::unique_ptr<store::Store>> OpenPostgres(const std::string& schema) {
  const char* env = std::getenv("WIREPRESS_PG_URL");
  WP_ASSIGN_OR_RETURN(auto admin, store::postgres::PgConnection::Connect(env));
  WP_RETURN_IF_ERROR(admin->Exec("making " + schema, "DROP SCHEMA IF EXISTS " + schema +
                                                         " CASCADE; CREATE SCHEMA " + schema));
  std::string url = env;
  url += (url.find('?') == std::string::npos ? "?" : "&");
  url += "options=-csearch_path%3D" + schema;
  return store::postgres::OpenPostgresStore(url, store::StoreOptions{});
}

void BM_PipelineBatchedPostgres(benchmark::State& state) {
  if (std::getenv("WIREPRESS_PG_URL") == nullptr) {
    state.SkipWithError("WIREPRESS_PG_URL is unset; run through tools/with_postgres.sh");
    return;
  }
  const std::int64_t n = state.range(0);
  std::vector<std::string> docs = MakeCorpus(n);
  double server_cpu = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string schema = "wp_ingest_bench_" + std::to_string(getpid());
    auto rig = std::make_unique<Rig>(OpenPostgres(schema));
    double before = ServerCpuSeconds();
    state.ResumeTiming();
    IngestAll(state, rig.get(), docs);
    state.PauseTiming();
    server_cpu += ServerCpuSeconds() - before;
    rig.reset();
    if (auto admin = store::postgres::PgConnection::Connect(std::getenv("WIREPRESS_PG_URL"));
        admin.ok()) {
      (void)(*admin)->Exec("dropping " + schema, "DROP SCHEMA " + schema + " CASCADE");
    }
    state.ResumeTiming();
  }
  Report(state, n);
  state.counters["server_cpu_s"] = server_cpu / static_cast<double>(state.iterations());
}
BENCHMARK(BM_PipelineBatchedPostgres)->Arg(10000)->Arg(100000)->Iterations(1)->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);
#endif  // WIREPRESS_WITH_POSTGRES

}  // namespace
}  // namespace wirepress::bench

// BENCHMARK_MAIN, with the spool's per-file info lines off (as in
// production at log_level = "warn"): they would measure stderr.
int main(int argc, char** argv) {
  wirepress::SetLogLevel(wirepress::LogLevel::kWarn);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
