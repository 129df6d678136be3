// Pipeline: one input (a file's bytes, a pushed body, a polled feed) in,
// stored stories out. sniff → parse → validate → enrich (agency, section,
// permalink) → Store::Put → tell the listeners (cache invalidation, export,
// pings, the embargo scheduler).
//
// An input that cannot be published is never lost: the caller (spool,
// push endpoint) quarantines it with the error this returns.
//
// Thread-safety: Ingest may be called from many threads at once; listeners
// are called on the ingesting thread and must be thread-safe themselves.
#ifndef WIREPRESS_INGEST_PIPELINE_H_
#define WIREPRESS_INGEST_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "formats/format.h"
#include "formats/registry.h"
#include "model/permalink.h"
#include "store/store.h"

namespace wirepress::ingest {

struct IngestOptions {
  // Section assignment rules (from the site config) and the fallback slug.
  std::vector<model::SectionRule> sections = model::DefaultSections();
  std::string default_section = "world";
  // Inputs larger than this are rejected unread: wire stories are a few
  // KiB; a feed page rarely exceeds a few MiB.
  size_t max_input_bytes = 32u << 20;
};

struct IngestReport {
  std::vector<store::PutOutcome> outcomes;      // one per story, in order
  std::vector<formats::Diagnostic> warnings;    // recovered problems
  std::int64_t elapsed_micros = 0;              // parse start → last commit
};

class Pipeline {
 public:
  // Called after each story is committed (also for kUnchanged/kRejected).
  using Listener = std::function<void(const store::PutOutcome&)>;
  // Called once per Ingest call with its result (for metrics and logs).
  using InputListener =
      std::function<void(std::string_view source, const Result<IngestReport>& result)>;

  // `registry`, `store` and `clock` must outlive the pipeline.
  Pipeline(const IngestOptions& options, const formats::FormatRegistry* registry,
           store::Store* store, const Clock* clock);

  // REQUIRES: called before the first Ingest.
  void AddListener(Listener listener);
  void AddInputListener(InputListener listener);

  // InvalidInput (with the diagnostic) when the bytes cannot be parsed or
  // no story in them passes validation (a headline or a body); store
  // errors pass through. Stories that fail validation next to valid ones
  // are skipped and reported as warnings ("source: skipped story 3: ...").
  // On a store error, stories before the failing one stay committed.
  Result<IngestReport> Ingest(const formats::Input& input);

  // Ingests several inputs with one Store::PutBatch (one commit on SQLite
  // instead of one per story), and returns one result per input, in
  // order, each exactly what Ingest would have returned for it alone: an
  // input that cannot be parsed fails by itself and never fails the
  // others. When the batch commit fails, the stories are stored again one
  // input at a time, so a store error is charged to the input that caused
  // it. (SQLite and PostgreSQL commit a batch whole or not at all; a
  // backend that applied a prefix reports that prefix kUnchanged on the
  // retry.) Listeners hear each committed story, in input order; input
  // listeners hear each input, after the whole batch.
  std::vector<Result<IngestReport>> IngestBatch(const std::vector<formats::Input>& inputs);

  // A batch parsed, validated and enriched by PrepareBatch, not yet stored.
  class PreparedBatch;
  // IngestBatch in its two steps, so that the next batch can be parsed on
  // one core while this one commits on the other (IngestStream).
  // PrepareBatch never touches the store and may run on any thread, also
  // while CommitBatch runs; CommitBatch stores and notifies. Together they
  // return exactly what IngestBatch(inputs) returns. REQUIRES: CommitBatch
  // gets the inputs the batch was prepared from (their bytes still alive).
  PreparedBatch PrepareBatch(const std::vector<formats::Input>& inputs) const;
  std::vector<Result<IngestReport>> CommitBatch(const std::vector<formats::Input>& inputs,
                                                PreparedBatch batch);

  // A stream of batches, with the reading and parsing of batch k+1 on a
  // worker thread while batch k commits on the calling thread. `read`
  // produces the next batch (nullptr when there is none) and is called on
  // the worker thread, one call at a time; the inputs of a Batch (its
  // member `std::vector<formats::Input> inputs`) may view memory the Batch
  // owns. `done` is called on the calling thread with each batch and its
  // results (one per input, as IngestBatch returns them), in order, after
  // that batch committed and before the next one commits. At most two
  // batches exist at once: the one committing and the one being read.
  template <typename Batch>
  void IngestStream(const std::function<std::unique_ptr<Batch>()>& read,
                    const std::function<void(Batch& batch,
                                             std::vector<Result<IngestReport>>& results)>& done);

  // Tells the listeners about a change made outside Ingest (the embargo
  // scheduler releasing a story, an operator's kill).
  void Notify(const store::PutOutcome& outcome) const;

  store::Store* store() const { return store_; }

 private:
  // An input parsed, validated and enriched, ready for the store.
  struct Prepared {
    std::vector<store::PutRequest> requests;
    std::vector<formats::Diagnostic> warnings;
  };
  Result<Prepared> Prepare(const formats::Input& input, Timestamp now) const;
  // Stores `prepared` one Put at a time and notifies: the single-input path.
  Result<IngestReport> Commit(std::string_view source, Prepared prepared);
  store::PutRequest Enrich(model::Story story, Timestamp now) const;
  // Runs `work` on a new thread, or here when no thread can be started.
  static void RunOnWorker(const std::function<void()>& work, std::function<void()>* join);

  IngestOptions options_;
  const formats::FormatRegistry* registry_;
  store::Store* store_;
  const Clock* clock_;
  std::vector<Listener> listeners_;
  std::vector<InputListener> input_listeners_;
};

class Pipeline::PreparedBatch {
 public:
  PreparedBatch() = default;
  PreparedBatch(PreparedBatch&&) = default;
  PreparedBatch& operator=(PreparedBatch&&) = default;

 private:
  friend class Pipeline;
  std::int64_t start_micros = 0;
  // One per input. Each input's requests moved into `all` (a story is
  // ~3 KB of strings; no copy): they are all[first[i], first[i + 1]).
  std::vector<Result<Prepared>> prepared;
  std::vector<store::PutRequest> all;
  std::vector<size_t> first;
};

template <typename Batch>
void Pipeline::IngestStream(
    const std::function<std::unique_ptr<Batch>()>& read,
    const std::function<void(Batch&, std::vector<Result<IngestReport>>&)>& done) {
  struct Ahead {
    std::unique_ptr<Batch> batch;  // null: the stream ended
    PreparedBatch prepared;
  };
  auto produce = [&](Ahead* ahead) {
    ahead->batch = read();
    if (ahead->batch) ahead->prepared = PrepareBatch(ahead->batch->inputs);
  };
  Ahead current;
  produce(&current);
  while (current.batch) {
    Ahead next;
    std::function<void()> join;
    RunOnWorker([&] { produce(&next); }, &join);
    std::vector<Result<IngestReport>> results =
        CommitBatch(current.batch->inputs, std::move(current.prepared));
    done(*current.batch, results);
    join();
    current = std::move(next);
  }
}

// A stable uri for a story whose format carried none:
// "urn:wirepress:<16 hex of FNV-1a(source file name, headline)>". Only the
// file name of `source` counts, so a replayed or re-delivered file keeps it.
std::string DeriveUri(std::string_view source, std::string_view headline);

// InvalidInput naming the source, the story's position and the missing
// field when `story` cannot be published; OK otherwise.
Status ValidateStory(const model::Story& story, std::string_view source, size_t index);

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_PIPELINE_H_
