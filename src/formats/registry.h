// FormatRegistry: the set of adapters the program knows, and the sniffer
// that picks one for a blob of bytes. cli/ fills it in (it is the only place
// that names concrete adapters).
//
// Thread-safety: Register during start-up only; afterwards Detect and Parse
// are safe from many threads.
#ifndef WIREPRESS_FORMATS_REGISTRY_H_
#define WIREPRESS_FORMATS_REGISTRY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/format.h"

namespace wirepress::formats {

class FormatRegistry {
 public:
  void Register(std::unique_ptr<FeedParser> parser);

  // The adapter with the highest Sniff confidence (> kNo), or nullptr.
  const FeedParser* Detect(std::string_view bytes) const;
  // The adapter called `name`, or nullptr.
  const FeedParser* Find(std::string_view name) const;

  // Detects, then parses. InvalidInput "source: format not recognised ..."
  // when no adapter claims the bytes. Story::format and Story::source are
  // filled in for every story.
  Result<ParseResult> Parse(const Input& input) const;

  // The first adapter's FeedParser::VersionKeyForGuid that is not "" (only
  // NewsML 1.2 has such a rule today), or "".
  std::string VersionKeyForGuid(std::string_view guid) const;

  const std::vector<std::unique_ptr<FeedParser>>& parsers() const { return parsers_; }

 private:
  std::vector<std::unique_ptr<FeedParser>> parsers_;
};

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_REGISTRY_H_
