// FeedParser: one wire format adapter (NewsML-G2, NITF, plain text, ...).
//
// An adapter answers two questions about a blob of bytes: "is this mine?"
// (Sniff, from content only, never from the file name) and "what stories
// does it hold?" (Parse). Adapters depend only on formats/, model/ and base/;
// they never touch the store.
//
// Errors point into the input: a ParseError carries source, line and column
// and renders as "source:line:col: message" followed by the offending line
// and a caret (formats/diagnostic.h).
//
// Thread-safety: a FeedParser is immutable after construction; Sniff and
// Parse may be called from many threads at once.
#ifndef WIREPRESS_FORMATS_FORMAT_H_
#define WIREPRESS_FORMATS_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "formats/diagnostic.h"
#include "model/story.h"

namespace wirepress::formats {

// The bytes to parse and where they came from.
struct Input {
  std::string_view source;  // file path, or "<feed url>#<item id>"
  std::string_view bytes;   // raw, in whatever encoding the agency used
  std::string_view base_url;  // for resolving relative links; may be empty
};

// What Parse found. A message or feed may hold several stories (a NewsML-G2
// newsMessage, an RSS channel). Warnings are recoverable problems (ill-formed
// XML recovered, an unknown date form) that did not stop parsing.
struct ParseResult {
  std::vector<model::Story> stories;
  std::vector<Diagnostic> warnings;
};

// How sure Sniff is. The registry picks the highest; ties go to the adapter
// registered first.
enum class Confidence { kNo = 0, kMaybe = 1, kLikely = 2, kCertain = 3 };

class FeedParser {
 public:
  virtual ~FeedParser() = default;

  // Stable short name: "newsml-g2", "nitf", "plain-text", ... Also written
  // into Story::format.
  virtual std::string_view name() const = 0;

  // Looks at the bytes (typically the first few KiB) and says how likely
  // they are in this format. Must be cheap and must not fail.
  virtual Confidence Sniff(std::string_view bytes) const = 0;

  // Returns the stories, or InvalidInput whose message is the rendered
  // Diagnostic ("source:line:col: what was wrong\n<line>\n   ^").
  // Never returns OK with zero stories unless the input is a feed that is
  // legitimately empty.
  virtual Result<ParseResult> Parse(const Input& input) const = 0;

  // For formats whose guid carries the version (model::Story::key): the
  // key the stories with guid `guid` are stored under, or "" when `guid`
  // is not of this format's form. Lets an operator name a story by the
  // guid the agency shows.
  virtual std::string VersionKeyForGuid(std::string_view /*guid*/) const { return {}; }
};

}  // namespace wirepress::formats

#endif  // WIREPRESS_FORMATS_FORMAT_H_
