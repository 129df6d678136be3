#include "store/search_text.h"

#include <gtest/gtest.h>

namespace wirepress::store {
namespace {

TEST(HtmlToText, DropsTagsBetweenWordsAndDecodesEntities) {
  EXPECT_EQ(HtmlToText("<p>Tom &amp; Jerry</p><p>said&nbsp;hi</p>"),
            " Tom & Jerry  said hi ");
  EXPECT_EQ(HtmlToText("a &unknown; b"), "a &unknown; b");
}

TEST(SearchWords, SplitsOnPunctuationLowercasesAndKeepsUtf8) {
  EXPECT_EQ(SearchWords("Putin, Pompeo: Zürich 2019!"),
            (std::vector<std::string>{"putin", "pompeo", "zürich", "2019"}));
  EXPECT_TRUE(SearchWords(" -- ").empty());
}

}  // namespace
}  // namespace wirepress::store
