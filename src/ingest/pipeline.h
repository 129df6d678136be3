// Pipeline: one input (a file's bytes, a pushed body, a polled feed) in,
// stored stories out. sniff → parse → enrich (agency, section, permalink)
// → Store::Put → tell the listeners (cache invalidation, export, pings).
//
// An input that cannot be published is never lost: the caller (spool,
// push endpoint) quarantines it with the error this returns.
//
// Thread-safety: Ingest may be called from many threads at once.
#ifndef WIREPRESS_INGEST_PIPELINE_H_
#define WIREPRESS_INGEST_PIPELINE_H_

#include <functional>
#include <string>
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
};

class Pipeline {
 public:
  // Called after each story is committed (also for kUnchanged/kRejected).
  using Listener = std::function<void(const store::PutOutcome&)>;

  // `registry`, `store` and `clock` must outlive the pipeline.
  Pipeline(const IngestOptions& options, const formats::FormatRegistry* registry,
           store::Store* store, const Clock* clock);

  // REQUIRES: called before the first Ingest.
  void AddListener(Listener listener);

  // InvalidInput (with the diagnostic) when the bytes cannot be parsed or a
  // story fails validation (no headline and no body); store errors pass
  // through. Stories before a failing one stay committed.
  Result<IngestReport> Ingest(const formats::Input& input);

 private:
  IngestOptions options_;
  const formats::FormatRegistry* registry_;
  store::Store* store_;
  const Clock* clock_;
  std::vector<Listener> listeners_;
};

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_PIPELINE_H_
