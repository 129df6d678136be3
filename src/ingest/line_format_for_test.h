// A tiny wire format for ingest tests, so they do not depend on a real
// adapter: a file starts with "LINES\n" and each further line is one story,
// "uri[#key]|headline|body[|firstcreated ISO 8601[|embargo ISO 8601]]"
// ("#key": model::Story::key, for a guid that carries the version). A line
// "!bad" fails the parse with a diagnostic pointing at it.
//
// Thread-safety: immutable.
#ifndef WIREPRESS_INGEST_LINE_FORMAT_FOR_TEST_H_
#define WIREPRESS_INGEST_LINE_FORMAT_FOR_TEST_H_

#include <memory>
#include <string>

#include "base/strings.h"
#include "formats/format.h"
#include "formats/registry.h"

namespace wirepress::ingest {

class LineFormat final : public formats::FeedParser {
 public:
  std::string_view name() const override { return "lines"; }
  formats::Confidence Sniff(std::string_view bytes) const override {
    return StartsWith(bytes, "LINES\n") ? formats::Confidence::kCertain : formats::Confidence::kNo;
  }
  Result<formats::ParseResult> Parse(const formats::Input& input) const override {
    formats::ParseResult out;
    std::vector<std::string_view> lines = Split(input.bytes, '\n');
    for (size_t i = 1; i < lines.size(); ++i) {
      if (lines[i].empty()) continue;
      if (lines[i] == "!bad") {
        return formats::ToStatus(formats::DiagnosticAtLine(
            input.source, input.bytes, static_cast<int>(i + 1), 1, "bad line"));
      }
      std::vector<std::string_view> f = Split(lines[i], '|');
      model::Story s;
      s.uri = std::string(f[0]);
      if (size_t hash = s.uri.find('#'); hash != std::string::npos) {
        s.key = s.uri.substr(hash + 1);
        s.uri.resize(hash);
      }
      if (f.size() > 1) s.headline = std::string(f[1]);
      if (f.size() > 2) s.body_html = std::string(f[2]);
      if (f.size() > 3 && !f[3].empty()) s.firstcreated = ParseIso8601(f[3]);
      if (f.size() > 4) s.embargoed = ParseIso8601(f[4]);
      s.dateline.agency = "AFP";
      out.stories.push_back(std::move(s));
    }
    return out;
  }
};

inline std::unique_ptr<formats::FormatRegistry> LineRegistry() {
  auto r = std::make_unique<formats::FormatRegistry>();
  r->Register(std::make_unique<LineFormat>());
  return r;
}

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_LINE_FORMAT_FOR_TEST_H_
