#include "formats/registry.h"

#include "base/strings.h"

namespace wirepress::formats {
namespace {

// Sniffers look at the head only, so a 50 MB feed costs the same to sniff
// as a 5 KB one.
constexpr size_t kSniffBytes = 8192;

}  // namespace

void FormatRegistry::Register(std::unique_ptr<FeedParser> parser) {
  parsers_.push_back(std::move(parser));
}

const FeedParser* FormatRegistry::Detect(std::string_view bytes) const {
  std::string_view head = bytes.substr(0, kSniffBytes);
  const FeedParser* best = nullptr;
  Confidence best_conf = Confidence::kNo;
  for (const auto& p : parsers_) {
    Confidence c = p->Sniff(head);
    if (c > best_conf) {
      best = p.get();
      best_conf = c;
    }
  }
  return best;
}

const FeedParser* FormatRegistry::Find(std::string_view name) const {
  for (const auto& p : parsers_) {
    if (p->name() == name) return p.get();
  }
  return nullptr;
}

std::string FormatRegistry::VersionKeyForGuid(std::string_view guid) const {
  for (const auto& p : parsers_) {
    if (std::string key = p->VersionKeyForGuid(guid); !key.empty()) return key;
  }
  return {};
}

Result<ParseResult> FormatRegistry::Parse(const Input& input) const {
  if (Trim(input.bytes).empty()) {
    return Status::InvalidInput(std::string(input.source), "file is empty");
  }
  const FeedParser* parser = Detect(input.bytes);
  if (parser == nullptr) {
    std::string known;
    for (const auto& p : parsers_) {
      if (!known.empty()) known += ", ";
      known += p->name();
    }
    return Status::InvalidInput(std::string(input.source),
                                "format not recognised (known formats: " + known + ")");
  }
  Result<ParseResult> r = parser->Parse(input);
  if (!r.ok()) return r;
  for (model::Story& s : r->stories) {
    if (s.format.empty()) s.format = std::string(parser->name());
    if (s.source.empty()) s.source = std::string(input.source);
  }
  return r;
}

}  // namespace wirepress::formats
