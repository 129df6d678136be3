// The real `wirepress parse` binary on every file named in
// ../shared/corpus/wire/expected.jsonl (issue 3): content sniffing, the
// registry, the adapters and the JSON output together, every expected field
// compared. The adapters' own MatchesEveryCorpusRecord tests call one parser
// directly; this one goes through what a user runs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "model/story_json.h"

namespace wirepress {
namespace {

using formats::testing::CorpusDir;

// Where the CLI and the corpus disagree, and why; each is checked to still
// occur, so a fix (or a new mismatch) makes this test fail.
const std::vector<std::string> kKnownDisagreements = {
    // nitf/mapping_test.xml declares iso-8859-1 but holds UTF-8. Its
    // expected record was made by decoding per the declaration ("41-Ã¥rig");
    // issue 3 asks for such files to come out right ("41-årig"). See
    // doc/formats/nitf.md, "Corpus notes".
    "nitf/mapping_test.xml#20160512:RTZ:8883:0: headline: expected \"*En 41-Ã¥rig mand, der "
    "onsdag blev anholdt og sat i forbindel\", got \"*En 41-årig mand, der onsdag blev anholdt og "
    "sat i forbindel\"",
    "nitf/mapping_test.xml#20160512:RTZ:8883:0: body_starts_with: expected \"KÃ¸benhavn "
    "/ritzau/: En 41-Ã¥rig mand, der onsdag blev anhol\", got \"København /ritzau/: En "
    "41-årig mand, der onsdag blev anholdt\"",
    // The corpus keeps the source's milliseconds; Story times have
    // one-second resolution, so the same instant prints without them. See
    // doc/formats/ritzau-xml.md, "Corpus notes".
    "ritzau-xml/ritzau_news.xml#9a6955fc-11da-46b6-9903-439ebb288f2d: firstcreated: expected "
    "\"2018-01-30T16:32:18.397Z\", got \"2018-01-30T16:32:18Z\"",
};

std::vector<std::string> ExpectedFiles() {
  std::ifstream in(JoinPath(CorpusDir(), "expected.jsonl"));
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (std::string line; std::getline(in, line);) {
    if (Trim(line).empty()) continue;
    std::string file = nlohmann::json::parse(line)["file"].get<std::string>();
    if (seen.insert(file).second) files.push_back(file);
  }
  return files;
}

struct CliRun {
  int exit_code = -1;
  std::string out;
};

// Runs `wirepress parse` once on all `files` (from a folder with no
// wirepress.toml); stderr (warnings) goes to the test log.
CliRun RunParse(const std::vector<std::string>& files) {
  std::string cmd = "cd / && '" + std::string(WIREPRESS_BINARY) + "' parse";
  for (const std::string& f : files) {
    EXPECT_EQ(f.find('\''), std::string::npos) << f;
    cmd += " '" + JoinPath(CorpusDir(), f) + "'";
  }
  CliRun run;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return run;
  std::array<char, 65536> buf;
  for (size_t n; (n = fread(buf.data(), 1, buf.size(), p)) > 0;) run.out.append(buf.data(), n);
  int status = pclose(p);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST(CliCorpus, ParseAgreesWithEveryExpectedRecord) {
  std::vector<std::string> files = ExpectedFiles();
  ASSERT_GT(files.size(), 80u) << "expected.jsonl not found in " << CorpusDir();
  CliRun run = RunParse(files);
  EXPECT_EQ(run.exit_code, 0);
  // The CLI prints one JSON story per line; `source` is the path it was given.
  std::map<std::string, std::vector<model::Story>> by_path;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    Result<model::Story> s = model::StoryFromJson(line);
    ASSERT_TRUE(s.ok()) << s.status().ToString() << "\n" << line;
    by_path[s->source].push_back(std::move(*s));
  }
  auto stories_of = [&](const std::string& file,
                        std::vector<std::string>*) -> Result<std::vector<model::Story>> {
    auto it = by_path.find(JoinPath(CorpusDir(), file));
    if (it == by_path.end()) return Status::NotFound(file, "wirepress parse printed no story");
    return it->second;
  };
  EXPECT_EQ(formats::testing::CheckCorpusRecords(stories_of, /*format=*/"",
                                                 /*compare_format=*/true),
            kKnownDisagreements);
}

}  // namespace
}  // namespace wirepress
