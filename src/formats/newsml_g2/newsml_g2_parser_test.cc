#include "formats/newsml_g2/newsml_g2_parser.h"

#include <gtest/gtest.h>

#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"

namespace wirepress::formats::newsml_g2 {
namespace {

TEST(NewsmlG2Parser, AgreesWithEveryCorpusRecord) {
  std::unique_ptr<FeedParser> parser = NewNewsmlG2Parser();
  std::vector<std::string> mismatches = testing::CheckCorpus(*parser, "newsml-g2");
  EXPECT_TRUE(mismatches.empty()) << Join(mismatches, "\n");
}

}  // namespace
}  // namespace wirepress::formats::newsml_g2
