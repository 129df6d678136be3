// The search query mix store_bench and store_pg_bench measure, on
// bench_workload.h's stories: four kinds of query, each a rotation of
// different words so the figures are not one cached answer, timed one
// query at a time for p50/p99 (wall, and the calling thread's CPU).
#ifndef WIREPRESS_BENCH_SEARCH_WORKLOAD_H_
#define WIREPRESS_BENCH_SEARCH_WORKLOAD_H_

#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "bench/bench_workload.h"
#include "model/story.h"
#include "store/search_text.h"
#include "store/store.h"

namespace wirepress::bench {

// The kinds, by benchmark argument:
//   0 rare:   one word from the vocabulary's tail (each in ~5% of stories;
//             the generator has no rarer words);
//   1 common: one of the ten commonest words (in 70-97% of stories): the
//             case where ranking every match is slowest;
//   2 two:    two mid-frequency words (each in ~10-30%, both in ~2-4%);
//   3 prefix: a common word plus the first 3 letters of another, as typed
//             into a search box (the query store_bench measured before).
inline constexpr std::array<const char*, 4> kSearchKindNames = {"rare", "common", "two",
                                                                "prefix"};
inline constexpr int kQueriesPerKind = 10;

class SearchMix {
 public:
  explicit SearchMix(const TextGenerator& text) {
    for (int i = 0; i < kQueriesPerKind; ++i) {
      size_t k = static_cast<size_t>(i);
      queries_[0].push_back(text.VocabularyWord(4990 - k));
      queries_[1].push_back(text.VocabularyWord(k));
      queries_[2].push_back(text.VocabularyWord(100 + k) + " " + text.VocabularyWord(1000 + k));
      queries_[3].push_back(text.VocabularyWord(k) + " " +
                            text.VocabularyWord(1500 + k).substr(0, 3));
    }
    for (auto& kind : queries_) {
      for (const std::string& q : kind) words_.push_back(store::SearchWords(q));
    }
    matches_.assign(words_.size(), 0);
  }

  const std::vector<std::string>& Queries(int kind) const {
    return queries_[static_cast<size_t>(kind)];
  }

  // Counts which queries `story` matches (every word, the last as a
  // prefix), the way the stores do, to report each kind's match rate.
  void Count(const model::Story& story) {
    std::set<std::string> words;
    for (const std::string* text : {&story.headline, &story.description_text}) {
      for (std::string& w : store::SearchWords(*text)) words.insert(std::move(w));
    }
    for (std::string& w : store::SearchWords(store::HtmlToText(story.body_html))) {
      words.insert(std::move(w));
    }
    for (size_t q = 0; q < words_.size(); ++q) {
      bool all = true;
      for (size_t i = 0; all && i < words_[q].size(); ++i) {
        const std::string& w = words_[q][i];
        if (i + 1 < words_[q].size()) {
          all = words.count(w) != 0;
        } else {
          auto it = words.lower_bound(w);
          all = it != words.end() && it->compare(0, w.size(), w) == 0;
        }
      }
      if (all) ++matches_[q];
    }
    ++stories_;
  }

  // Mean share of stories the kind's queries match, in percent.
  double MatchPercent(int kind) const {
    if (stories_ == 0) return 0;
    double sum = 0;
    for (int i = 0; i < kQueriesPerKind; ++i) {
      sum += static_cast<double>(matches_[static_cast<size_t>(kind * kQueriesPerKind + i)]);
    }
    return 100.0 * sum / kQueriesPerKind / static_cast<double>(stories_);
  }

 private:
  std::array<std::vector<std::string>, 4> queries_;
  std::vector<std::vector<std::string>> words_;
  std::vector<std::int64_t> matches_;
  std::int64_t stories_ = 0;
};

inline double ThreadCpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// Runs the kind's queries in rotation (limit 20, the first page), one per
// iteration, and sets p50/p99 counters of wall and CPU microseconds: the
// calling thread's CPU plus, when given, `server_cpu_micros()`'s growth
// (the database server process doing the search's work).
inline void RunSearchKind(benchmark::State& state, store::Store* store, const SearchMix& mix,
                          int kind, const std::function<double()>& server_cpu_micros = {}) {
  auto cpu_now = [&] { return ThreadCpuMicros() + (server_cpu_micros ? server_cpu_micros() : 0); };
  const std::vector<std::string>& queries = mix.Queries(kind);
  // One untimed pass: the first query of each word pays for reading its
  // index pages from disk, which a live site has long done.
  for (const std::string& text : queries) (void)store->Search({text, 20, 0});
  std::vector<double> wall, cpu;
  size_t n = 0, hits = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_now();
    auto found = store->Search({queries[n % queries.size()], 20, 0});
    cpu.push_back(cpu_now() - c0);
    wall.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    if (!found.ok()) state.SkipWithError(found.status().ToString().c_str());
    hits += found.ok() ? found->size() : 0;
    ++n;
  }
  auto at = [](std::vector<double>* v, double p) {
    if (v->empty()) return 0.0;
    std::sort(v->begin(), v->end());
    return (*v)[static_cast<size_t>(p * static_cast<double>(v->size() - 1) + 0.5)];
  };
  state.counters["match_pct"] = mix.MatchPercent(kind);
  state.counters["hits"] = n == 0 ? 0 : static_cast<double>(hits) / static_cast<double>(n);
  state.counters["p50_us"] = at(&wall, 0.50);
  state.counters["p99_us"] = at(&wall, 0.99);
  state.counters["cpu_p50_us"] = at(&cpu, 0.50);
  state.counters["cpu_p99_us"] = at(&cpu, 0.99);
  state.SetLabel(kSearchKindNames[static_cast<size_t>(kind)]);
}

}  // namespace wirepress::bench

#endif  // WIREPRESS_BENCH_SEARCH_WORKLOAD_H_
