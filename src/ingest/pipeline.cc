#include "ingest/pipeline.h"

#include <cstdio>

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
  Result<IngestReport> result = IngestUnobserved(input);
  if (result.ok()) result->elapsed_micros = clock_->MonotonicMicros() - start;
  for (const InputListener& l : input_listeners_) l(input.source, result);
  return result;
}

Result<IngestReport> Pipeline::IngestUnobserved(const formats::Input& input) {
  if (input.bytes.size() > options_.max_input_bytes) {
    return Status::InvalidInput(std::string(input.source),
                                "input is " + std::to_string(input.bytes.size()) +
                                    " bytes; the limit is " +
                                    std::to_string(options_.max_input_bytes));
  }
  WP_ASSIGN_OR_RETURN(formats::ParseResult parsed, registry_->Parse(input));
  WP_ASSIGN_OR_RETURN(std::vector<model::Story> valid, SelectValid(input.source, &parsed));
  IngestReport report;
  report.warnings = std::move(parsed.warnings);
  Timestamp now = clock_->Now();
  for (model::Story& s : valid) {
    std::string uri = s.uri;
    Result<store::PutOutcome> outcome = store_->Put(Enrich(std::move(s), now));
    if (!outcome.ok()) {
      return outcome.status().WithContext(std::string(input.source) + ": storing " + uri);
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
  req.path = model::StoryPath(req.section, story.firstcreated.value_or(now), story.headline,
                              story.uri);
  req.now = now;
  req.story = std::move(story);
  return req;
}

}  // namespace wirepress::ingest
