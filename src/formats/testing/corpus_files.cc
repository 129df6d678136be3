#include "formats/testing/corpus_files.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"

namespace wirepress::formats::testing {

// Sniffers look at no more than this; the registry hands them the same.
constexpr size_t kSniffHeadBytes = 8192;

std::string ReadCorpusFile(const std::string& file) {
  auto bytes = RealFileSystem().ReadFile(JoinPath(CorpusDir(), file));
  EXPECT_TRUE(bytes.ok()) << file;
  return bytes.ok() ? *bytes : std::string();
}

std::vector<std::pair<std::string, std::string>> OtherCorpusHeads(const std::string& own_dir) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(CorpusDir())) {
    std::string rel = std::filesystem::relative(e.path(), CorpusDir()).string();
    if (!e.is_regular_file() || StartsWith(rel, own_dir + "/") ||
        rel.find('/') == std::string::npos) {
      continue;
    }
    auto bytes = RealFileSystem().ReadFile(e.path().string());
    EXPECT_TRUE(bytes.ok()) << rel;
    if (bytes.ok()) out.emplace_back(rel, bytes->substr(0, kSniffHeadBytes));
  }
  return out;
}

}  // namespace wirepress::formats::testing
