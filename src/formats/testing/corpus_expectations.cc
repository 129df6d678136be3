#include "formats/testing/corpus_expectations.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/text.h"

namespace wirepress::formats::testing {
namespace {

using nlohmann::json;

std::string TimeOrEmpty(const std::optional<Timestamp>& t) {
  return t ? FormatIso8601(*t) : std::string();
}

// Cuts UTF-8 text after n code points.
std::string FirstCodePoints(const std::string& s, size_t n) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++count;
  }
  return s.substr(0, i);
}

void Expect(std::vector<std::string>* errors, const std::string& where, const char* key,
            const std::string& want, const std::string& got) {
  if (want != got) {
    errors->push_back(where + ": " + key + ": expected \"" + want + "\", got \"" + got + "\"");
  }
}

}  // namespace

std::string CorpusDir() {
  if (const char* env = std::getenv("WIREPRESS_CORPUS_DIR")) return env;
#ifdef WIREPRESS_CORPUS_DIR
  return WIREPRESS_CORPUS_DIR;
#else
  return "../shared/corpus/wire";
#endif
}

std::string BodyStart(const model::Story& story) {
  return FirstCodePoints(HtmlToText(story.body_html), 60);
}

std::vector<std::string> CompareStory(const model::Story& s, const std::string& record_json) {
  json r = json::parse(record_json);
  std::vector<std::string> errors;
  std::string where = r.value("file", "?") + "#" + r.value("guid", s.uri);
  auto str = [&](const char* key, const std::string& got) {
    if (r.contains(key)) Expect(&errors, where, key, r[key].get<std::string>(), got);
  };
  str("guid", s.uri);
  str("version", s.version);
  str("pubstatus", std::string(model::PubStatusName(s.pubstatus)));
  str("headline", CollapseWhitespace(s.headline));
  str("byline", CollapseWhitespace(s.byline));
  str("located", CollapseWhitespace(s.located));
  str("language", s.language);
  str("firstcreated", TimeOrEmpty(s.firstcreated));
  str("versioncreated", TimeOrEmpty(s.versioncreated));
  str("embargoed", TimeOrEmpty(s.embargoed));
  if (r.contains("urgency")) {
    Expect(&errors, where, "urgency", std::to_string(r["urgency"].get<int>()),
           std::to_string(s.urgency));
  }
  if (r.contains("subject_codes")) {
    std::vector<std::string> codes;
    for (const model::Subject& sub : s.subjects) codes.push_back(sub.code);
    Expect(&errors, where, "subject_codes",
           Join(r["subject_codes"].get<std::vector<std::string>>(), ","), Join(codes, ","));
  }
  str("body_starts_with", BodyStart(s));
  return errors;
}

std::vector<std::string> CheckCorpusRecords(const CorpusParse& parse, const std::string& format,
                                            bool compare_format) {
  std::vector<std::string> errors;
  std::ifstream in(JoinPath(CorpusDir(), "expected.jsonl"));
  if (!in) return {"cannot open " + JoinPath(CorpusDir(), "expected.jsonl")};
  std::map<std::string, std::vector<json>> by_file;
  std::vector<std::string> order;
  for (std::string line; std::getline(in, line);) {
    if (Trim(line).empty()) continue;
    json r = json::parse(line);
    if (!format.empty() && r.value("format", "") != format) continue;
    std::string file = r["file"].get<std::string>();
    if (!by_file.count(file)) order.push_back(file);
    by_file[file].push_back(std::move(r));
  }
  if (order.empty()) return {"no expected records for format " + format};
  for (const std::string& file : order) {
    Result<std::vector<model::Story>> stories = parse(file, &errors);
    if (!stories.ok()) {
      errors.push_back(file + ": " + stories.status().ToString());
      continue;
    }
    const auto& records = by_file[file];
    for (size_t i = 0; i < records.size(); ++i) {
      const json& r = records[i];
      const model::Story* story = nullptr;
      if (r.contains("guid")) {
        for (const model::Story& s : *stories) {
          if (s.uri == r["guid"].get<std::string>()) story = &s;
        }
      } else if (i < stories->size()) {
        story = &(*stories)[i];
      }
      if (story == nullptr) {
        errors.push_back(file + ": no story for record " + std::to_string(i) + " (guid " +
                         r.value("guid", "-") + "); parsed " + std::to_string(stories->size()) +
                         " stories");
        continue;
      }
      if (compare_format) {
        Expect(&errors, file + "#" + r.value("guid", story->uri), "format",
               r.value("format", ""), story->format);
      }
      auto e = CompareStory(*story, r.dump());
      errors.insert(errors.end(), e.begin(), e.end());
    }
  }
  return errors;
}

std::vector<std::string> CheckCorpus(const FeedParser& parser, const std::string& format) {
  return CheckCorpusRecords(
      [&](const std::string& file,
          std::vector<std::string>* errors) -> Result<std::vector<model::Story>> {
        std::string path = JoinPath(CorpusDir(), file);
        WP_ASSIGN_OR_RETURN(std::string bytes, RealFileSystem().ReadFile(path));
        if (parser.Sniff(bytes) == Confidence::kNo) {
          errors->push_back(file + ": parser " + std::string(parser.name()) +
                            " does not sniff it");
        }
        WP_ASSIGN_OR_RETURN(ParseResult result, parser.Parse(Input{path, bytes, {}}));
        return std::move(result.stories);
      },
      format, /*compare_format=*/false);
}

}  // namespace wirepress::formats::testing
