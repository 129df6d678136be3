#include "ingest/pipeline.h"

#include <cstdio>
#include <iterator>
#include <memory>
#include <system_error>
#include <thread>

#include "base/file_system.h"
#include "base/strings.h"

namespace wirepress::ingest {
namespace {

// FNV-1a, 64 bit: tiny, stable across compilers and releases (std::hash is
// neither), and good enough to tell agency stories apart.
std::uint64_t Fnv1a(std::string_view data, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// The parser's warnings often say why a story came out empty (a recovered
// XML error, say), so an invalid story's error carries them.
Status WithWarnings(const Status& error, const std::vector<formats::Diagnostic>& warnings) {
  if (warnings.empty()) return error;
  std::string text = error.message();
  for (const formats::Diagnostic& w : warnings) text += "\nwarning: " + w.ToString();
  return Status::InvalidInput(text);
}

// Validates every story before anything is stored. One empty item (a video
// rendition, a stub) must not sink a whole feed: invalid stories are
// skipped with a warning, and only an input whose stories are all invalid
// fails. A feed that is legitimately empty yields no stories and no error.
Result<std::vector<model::Story>> SelectValid(std::string_view source,
                                              formats::ParseResult* parsed) {
  std::vector<model::Story> valid;
  std::vector<formats::Diagnostic> skipped;
  Status first_error;
  for (size_t i = 0; i < parsed->stories.size(); ++i) {
    model::Story& s = parsed->stories[i];
    if (Trim(s.uri).empty()) s.uri = DeriveUri(source, s.headline);
    Status v = ValidateStory(s, source, i);
    if (v.ok()) {
      valid.push_back(std::move(s));
      continue;
    }
    if (first_error.ok()) first_error = v;
    skipped.push_back({std::string(source), 0, 0,
                       "skipped " + v.message().substr(source.size() + 2), ""});
  }
  if (valid.empty() && !first_error.ok()) return WithWarnings(first_error, parsed->warnings);
  parsed->warnings.insert(parsed->warnings.end(), skipped.begin(), skipped.end());
  return valid;
}

}  // namespace

std::string DeriveUri(std::string_view source, std::string_view headline) {
  std::uint64_t h = Fnv1a(BaseName(source));
  h = Fnv1a("\n", h);
  h = Fnv1a(CollapseWhitespace(headline), h);
  return "urn:wirepress:" + Hex64(h);
}

Status ValidateStory(const model::Story& story, std::string_view source, size_t index) {
  std::string where = std::string(source) + ": story " + std::to_string(index + 1);
  if (Trim(story.uri).empty()) return Status::InvalidInput(where, "field 'uri' is empty");
  if (Trim(story.headline).empty() && Trim(story.body_html).empty()) {
    return Status::InvalidInput(where, "has neither a headline nor a body");
  }
  return Status::Ok();
}

Pipeline::Pipeline(const IngestOptions& options, const formats::FormatRegistry* registry,
                   store::Store* store, const Clock* clock)
    : options_(options), registry_(registry), store_(store), clock_(clock) {}

void Pipeline::AddListener(Listener listener) { listeners_.push_back(std::move(listener)); }

void Pipeline::AddInputListener(InputListener listener) {
  input_listeners_.push_back(std::move(listener));
}

void Pipeline::Notify(const store::PutOutcome& outcome) const {
  for (const Listener& l : listeners_) l(outcome);
}

Result<IngestReport> Pipeline::Ingest(const formats::Input& input) {
  std::int64_t start = clock_->MonotonicMicros();
  Result<IngestReport> result = [&]() -> Result<IngestReport> {
    WP_ASSIGN_OR_RETURN(Prepared prepared, Prepare(input, clock_->Now()));
    return Commit(input.source, std::move(prepared));
  }();
  if (result.ok()) result->elapsed_micros = clock_->MonotonicMicros() - start;
  for (const InputListener& l : input_listeners_) l(input.source, result);
  return result;
}

std::vector<Result<IngestReport>> Pipeline::IngestBatch(
    const std::vector<formats::Input>& inputs) {
  return CommitBatch(inputs, PrepareBatch(inputs));
}

Pipeline::PreparedBatch Pipeline::PrepareBatch(const std::vector<formats::Input>& inputs) const {
  PreparedBatch batch;
  batch.start_micros = clock_->MonotonicMicros();
  Timestamp now = clock_->Now();
  batch.prepared.reserve(inputs.size());
  batch.first.reserve(inputs.size() + 1);
  for (const formats::Input& input : inputs) {
    batch.first.push_back(batch.all.size());
    batch.prepared.push_back(Prepare(input, now));
    if (!batch.prepared.back().ok()) continue;
    for (store::PutRequest& r : batch.prepared.back()->requests) batch.all.push_back(std::move(r));
    batch.prepared.back()->requests.clear();
  }
  batch.first.push_back(batch.all.size());
  return batch;
}

std::vector<Result<IngestReport>> Pipeline::CommitBatch(const std::vector<formats::Input>& inputs,
                                                        PreparedBatch batch) {
  std::vector<Result<Prepared>>& prepared = batch.prepared;
  std::vector<store::PutRequest>& all = batch.all;
  const std::vector<size_t>& first = batch.first;
  Result<std::vector<store::PutOutcome>> outcomes =
      all.empty() ? std::vector<store::PutOutcome>{} : store_->PutBatch(all);
  // A busy or unreachable store would make every input on its own wait
  // (SQLite's busy timeout) and fail the same way: the whole batch stays
  // where it is, to be retried, instead.
  const bool store_unavailable =
      !outcomes.ok() && outcomes.status().code() == StatusCode::kUnavailable;
  std::vector<Result<IngestReport>> results;
  results.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!prepared[i].ok()) {
      results.push_back(prepared[i].status());
    } else if (store_unavailable) {
      results.push_back(outcomes.status());
    } else if (!outcomes.ok()) {
      // Isolate the failure: each input on its own, as Ingest would.
      Prepared own = std::move(prepared[i]).value();
      own.requests.assign(std::make_move_iterator(all.begin() + first[i]),
                          std::make_move_iterator(all.begin() + first[i + 1]));
      results.push_back(Commit(inputs[i].source, std::move(own)));
    } else {
      IngestReport report;
      report.warnings = std::move(prepared[i]->warnings);
      for (size_t k = first[i]; k < first[i + 1]; ++k) {
        Notify((*outcomes)[k]);
        report.outcomes.push_back(std::move((*outcomes)[k]));
      }
      results.push_back(std::move(report));
    }
  }
  std::int64_t elapsed = clock_->MonotonicMicros() - batch.start_micros;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (results[i].ok()) results[i]->elapsed_micros = elapsed;
    for (const InputListener& l : input_listeners_) l(inputs[i].source, results[i]);
  }
  return results;
}

void Pipeline::RunOnWorker(const std::function<void()>& work, std::function<void()>* join) {
  // std::thread reports a failure to start one (no memory, a thread limit)
  // by throwing; the work then runs here, unoverlapped but not lost.
  try {
    auto thread = std::make_shared<std::thread>(work);
    *join = [thread] { thread->join(); };
  } catch (const std::system_error&) {
    work();
    *join = [] {};
  }
}

Result<Pipeline::Prepared> Pipeline::Prepare(const formats::Input& input, Timestamp now) const {
  if (input.bytes.size() > options_.max_input_bytes) {
    return Status::InvalidInput(std::string(input.source),
                                "input is " + std::to_string(input.bytes.size()) +
                                    " bytes; the limit is " +
                                    std::to_string(options_.max_input_bytes));
  }
  WP_ASSIGN_OR_RETURN(formats::ParseResult parsed, registry_->Parse(input));
  WP_ASSIGN_OR_RETURN(std::vector<model::Story> valid, SelectValid(input.source, &parsed));
  Prepared prepared;
  prepared.warnings = std::move(parsed.warnings);
  prepared.requests.reserve(valid.size());
  for (model::Story& s : valid) prepared.requests.push_back(Enrich(std::move(s), now));
  return prepared;
}

Result<IngestReport> Pipeline::Commit(std::string_view source, Prepared prepared) {
  IngestReport report;
  report.warnings = std::move(prepared.warnings);
  for (const store::PutRequest& request : prepared.requests) {
    Result<store::PutOutcome> outcome = store_->Put(request);
    if (!outcome.ok()) {
      return outcome.status().WithContext(std::string(source) + ": storing " +
                                          request.story.uri);
    }
    Notify(*outcome);
    report.outcomes.push_back(std::move(outcome).value());
  }
  return report;
}

store::PutRequest Pipeline::Enrich(model::Story story, Timestamp now) const {
  if (story.agency.empty()) story.agency = story.dateline.agency;
  store::PutRequest req;
  req.section = model::AssignSection(story, options_.sections, options_.default_section);
  // The path is fixed when the story is created (later versions keep it)
  // and built from the key, not the guid (NewsML 1.2 guids end in the
  // revision).
  req.path = model::StoryPath(req.section, story.firstcreated.value_or(now), story.headline,
                              model::StoryKey(story));
  req.now = now;
  req.story = std::move(story);
  return req;
}

}  // namespace wirepress::ingest
